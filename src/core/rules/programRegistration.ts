import type { ArgWord } from '../shell/ast';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { freeFormReadings } from '../registry/freeForm';
import { toolNamed } from '../registry/commandModel';
import { ownHandlerFor } from '../policy/handlers/index';
import { SHELLS } from '../policy/handlers/context';
import { identifierParts } from './support/cliArgs';
import { resolvePath } from '../paths';

/**
 * A program registered to run later by itself, by a tool nothing describes (issue #18 criterion 5, deferred
 * execution is execution): a service manager installing a service (`nssm install Sync C:\tools\sync.exe`, `sc.exe
 * create Sync binPath= …`), a supervisor given a new program (`circusctl add --start worker ./sync.sh`), a file
 * watcher given a command to run on every change (`watchman -- trigger . job '*.env' -- ./sync.sh`), a task
 * scheduler given a task (`schtasks /create /tn job /tr C:\job.bat /sc minute`). What the program does then, at a
 * time nobody chose and outside any agent's session, the guard never sees: registering it asks and names the
 * program. The tools with rules of their own keep them (systemd, launchd, cron, at, pm2 startup, rc-update,
 * update-rc.d, chkconfig: rules/hostOutage.ts, hostUpkeep.ts, deferred/).
 *
 * The meaning read: a registration word (install, create, add, register, trigger, schedule, enable, new, define)
 * among the first words of the command path, then a program — a file with a program's extension, the command after
 * a `--` or behind `binPath=`/`/tr`, or the value of a program option (`--command`, `--exec`) — that is not the first
 * word after the verb (`tool add ./notes.sh` adds a file; `tool add NAME ./run.sh` registers NAME to run it). A command
 * that is no file (`pueue add -- npm test`, `q mcp add --command npx`) is what the deferred rules read (decided allowed).
 * Look-alikes that stay allowed: reads and removals (`nssm status`, `watchman watch-list`, `circusctl status`),
 * a name with no program (`supervisorctl add worker`: a program the configuration already holds), starting a
 * program now (`forever start x.js`, like `pm2 start`).
 */

const REGISTER = /^(install|create|add|register|trigger|schedule|enable|new|define|attach|submit)$/;
const NOT_REGISTER = /^(remove|rm|del|delete|uninstall|unregister|disable|stop|list|ls|show|status|get|query|info|describe|inspect|log|logs|help|version)$/;
const PROGRAM_FILE = /\.(sh|bash|zsh|fish|exe|bat|cmd|ps1|psm1|vbs|py|js|mjs|cjs|ts|rb|pl|php|jar|lua|command|app)$/i;
/** Options whose value is the program (`--command ./x`, `--exec=./x`, `binPath= C:\x.exe`, `/tr C:\x.bat`). */
const PROGRAM_OPTION = /^(cmd|command|exec|executable|program|run|script|action|handler|on-?change|entrypoint|binary|bin-?path)$/i;

function verbWord(text: string): boolean {
  const parts = identifierParts(text.replace(/^\//, '').toLowerCase());
  return parts.length > 0 && parts.length <= 3 && parts.some((p) => REGISTER.test(p)) && !parts.some((p) => NOT_REGISTER.test(p));
}

export interface Registration {
  verb: string;
  program: string;
}

/** A program's file, not a pattern of files a trigger watches (`'*.js'`). */
function programFile(text: string): boolean {
  return PROGRAM_FILE.test(text) && !/[*?[]/.test(text);
}

/** Stop 39: a process manager's own boot service (`procman startup systemd`, `svcman autostart`): everything it keeps running comes back at every boot. */
const BOOT_SERVICE = /^(startup|autostart|auto-start|on-boot|onboot|at-boot|boot-install|install-startup|enable-startup)$/;
const BOOT_SYSTEM = /^(systemd|launchd|upstart|openrc|rcd|sysv|sysvinit|systemv|smf|macos|darwin|linux|windows|freebsd|amazon|centos|ubuntu|debian)$/;

export function programRegistered(args: readonly ArgWord[]): Registration | undefined {
  const { usual, valued } = freeFormReadings(args);
  // The command path: a registration word among the first three words that are not options (after `--` too).
  const operands = usual.operands.map((w) => w.text);
  if (BOOT_SERVICE.test(operands[0]?.toLowerCase() ?? '') && (operands.length === 1 || BOOT_SYSTEM.test(operands[1]!.toLowerCase())) && !usual.options.some((o) => /^--?(h|help)$/.test(o.name))) return { verb: operands[0]!, program: 'its boot service (every process it keeps running)' };
  let at = -1;
  for (let k = 0; k < Math.min(3, operands.length); k++) {
    const w = operands[k]!;
    if (NOT_REGISTER.test(w.replace(/^\//, '').toLowerCase())) return undefined;
    if (verbWord(w)) {
      at = k;
      break;
    }
  }
  if (at < 0) return undefined;
  const verb = operands[at]!;
  // A program option's value (`--command ./x.sh`, `--exec=./x.py`) that is a program's file.
  for (const o of valued.options) {
    const value = o.values[0];
    if (value !== undefined && PROGRAM_OPTION.test(o.name.replace(/^-+/, '')) && programFile(value)) return { verb, program: value };
  }
  // Else a program's file among the words after the verb, not the first (`tool add NAME ./run.sh`; `tool add ./notes.sh` adds a file).
  const program = operands.slice(at + 2).find(programFile);
  return program === undefined ? undefined : { verb, program };
}

/** Keys of a JSON command whose value is the program it runs later (`"command": ["./sync.sh"]`). */
const PROGRAM_KEY = /^(command|cmd|exec|program|run|script|action|handler|entrypoint)$/i;

/** The program a JSON value names under a program key, searched a few levels deep. */
function jsonProgram(value: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  for (const [key, v] of Object.entries(value)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (PROGRAM_KEY.test(key) && typeof first === 'string') return first.split(/\s+/)[0];
    const inner = jsonProgram(v, depth + 1);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * Stop 39 (round 30: `watchman -j < trigger.json`): the command given as JSON on standard input (a file, a here-document), its first
 * element the registration word (`["trigger", ROOT, {"command": ["./sync.sh"]}]`). What standard input holds is read as the words are.
 */
function stdinRegistration(inv: Invocation, ctx: RuleContext): Registration | undefined {
  const stdin = inv.stdin;
  const text = stdin?.kind === 'file' ? ctx.facts.readFile(resolvePath(inv.cwd || ctx.facts.cwd, stdin.path, ctx.facts.home)) : stdin?.kind === 'heredoc' || stdin?.kind === 'herestring' ? stdin.text : undefined;
  if (text === undefined || text.length > 100_000 || !/^\s*\[/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !verbWord(parsed[0])) return undefined;
  const program = jsonProgram(parsed.slice(1));
  return program !== undefined && programFile(program) ? { verb: parsed[0], program } : undefined;
}

function check(specific: ReadonlySet<string>) {
  return (inv: Invocation, ctx: RuleContext): Finding[] => {
    if (specific.has(inv.name) || toolNamed(inv.name) !== undefined || ownHandlerFor(inv.name) !== undefined || SHELLS.has(inv.name)) return [];
    const found = (inv.args.length < 1 ? undefined : programRegistered(inv.args)) ?? stdinRegistration(inv, ctx);
    if (found === undefined) return [];
    const resolved = ctx.environmentOf({ values: [], remote: false });
    return [{
      rule: 'deferred.program-registered',
      risk: 'destructive',
      severity: 'ask',
      reason: `\`${inv.name} ${found.verb}\` registers \`${found.program}\` to run later by itself (a service, a supervised program, a trigger or a scheduled task): what it does then, outside this session, the guard never sees (${inv.name} has no rules of its own: judged by its words).`,
      targets: [{ kind: 'resource', name: found.program, provider: inv.name, remote: false, environment: resolved.environment, environmentReason: resolved.reason }],
    }];
  };
}

/**
 * Built with the names the specific packs own (as the verb floor is): those tools, the registry's and the handlers'
 * keep their own rules. The verb floor's traits (`watchman: allRoutine`) say nothing of registration, so they do not count.
 */
export function programRegistrationPack(specific: ReadonlySet<string>): RulePack {
  return {
    id: 'program-registration',
    title: 'A program registered to run later by a tool nothing describes',
    checkInvocation: check(specific),
  };
}
