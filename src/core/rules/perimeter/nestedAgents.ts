import { ownTable } from '../../ownTable';
import { basename, dirname, resolvePath } from '../../paths';
import { matchCredentialPath } from '../../credentials/credentialPaths';
import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { agentSurroundings } from './agentSurroundings';
import { binInstallFinding } from './binInstalls';
import { binTreeCopy } from './binTreeCopies';
import { agentOptionFinding } from './agentLaunches';
import { cloudAgentTask } from './cloudAgentTasks';
import { agentOf } from './guardLaunch';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import type { PerimeterView } from './protectedPaths';
import { isGuardedProgramName } from './runtimePlaces';

/**
 * Roads around the guard that start a program rather than write a file. Another agent started by
 * the agent runs its own tools: when this guard has no hook in it (an agent it has no adapter for,
 * or a host whose hook configuration is not there), nothing judges what it does, so starting it is
 * asked. A global package install that replaces the guard's own package (`blast-shield@npm:other`)
 * or brings programs named like the runtime or the guard onto PATH is denied, and one whose package
 * the hook cannot read is asked.
 */

/** Hosts this guard hooks, with the configuration files (relative to a workspace folder or the home folder) that carry its entry. */
const HOOKED: Readonly<Record<string, readonly string[]>> = ownTable({
  claude: ['.claude/settings.json', '.claude/settings.local.json'],
  codex: ['.codex/hooks.json', '.codex/config.toml'],
  gemini: ['.gemini/settings.json'],
  qwen: ['.qwen/settings.json'],
  copilot: ['.copilot/hooks/blast-shield-copilot.json', '.github/hooks/blast-shield-copilot.json'],
  'cursor-agent': ['.cursor/hooks.json'],
  cline: ['.clinerules/hooks/PreToolUse', 'Documents/Cline/Hooks/PreToolUse', 'Documents/Cline/Rules/Hooks/PreToolUse'],
});

/** First words that only print, sign in or list: no agent session starts. */
const NO_SESSION = /^(--version|-v|-V|version|--help|-h|help|login|logout|auth|whoami|doctor|update|upgrade|completion|completions|mcp|models|config|setup-token|--list-models)$/;

function askFinding(rule: string, reason: string, target: string): Finding {
  return {
    rule: `self-protection.${rule}`,
    risk: 'unanalyzable',
    severity: 'ask',
    reason,
    targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

/**
 * Does `agent` load this guard's hook when it starts in `dir`? It reads its project settings from
 * the folder it runs in (or one above it) and its user settings from the home folder: an installed
 * configuration of another folder (the workspace the agent was started in, when the line went `cd
 * ../clean` or `codex -C /tmp`) is not one it loads.
 */
function hookedHere(agent: string, facts: Facts, view: PerimeterView, dir: string): boolean {
  const files = HOOKED[agent];
  if (!files) return false;
  const bases = [view.home];
  for (let d = dir, n = 0; n < 24; n++, d = dirname(d)) {
    bases.push(d);
    if (d === '/' || dirname(d) === d) break;
  }
  const lower = bases.map((b) => b.toLowerCase());
  const installed = view.installed.some((f) => files.some((rel) => {
    const lf = f.toLowerCase();
    return lf.endsWith('/' + rel.toLowerCase()) && lower.includes(lf.slice(0, lf.length - rel.length - 1));
  }));
  return installed || bases.some((base) => files.some((rel) => /blast-shield/i.test(facts.readFile(`${base}/${rel}`) ?? '')));
}

/** Options that start an agent in another folder: codex `-C`/`--cd`, cursor-agent `--workspace`, and the common `--cwd`. */
const FOLDER_OPTIONS = /^(-C|--cd|--cwd|--workspace|--dir|--directory)$/;

/** The folder the agent's session runs in, or undefined when it is computed at run time. */
function agentFolder(args: readonly ArgWord[], cwd: string, home: string): string | undefined {
  const option = freeFormReadings(args).valued.options.find((o) => FOLDER_OPTIONS.test(o.name));
  if (!option) return cwd;
  const value = option.values[0];
  if (value === undefined || option.valueWords[0]?.dynamic) return undefined;
  return resolvePath(cwd, value, home);
}

/** Words of a prompt that look like paths (`~/.aws/credentials`, `../app/.env`, `.env`). */
function promptPaths(text: string): string[] {
  return text.split(/[\s'"`,;:()<>|]+/).map((w) => w.replace(/[?!,]+$/, '').replace(/(?<=[^.])\.$/, '')).filter((w) => w.length > 1 && w.length < 300 && (/[/]/.test(w) || w.startsWith('.') || w.startsWith('~')));
}

/** A credential file the prompt of a nested agent names: the task handed over is to read it. */
function promptCredential(args: readonly { text: string }[], dir: string, home: string): string | undefined {
  for (const a of args) {
    // A word with spaces is prompt text (or a value holding some): its path-like words are read.
    if (!/\s/.test(a.text)) continue;
    for (const word of promptPaths(a.text)) {
      if (matchCredentialPath(resolvePath(dir, word, home), home)) return word;
    }
  }
  return undefined;
}

/** Block's goose agent subcommands, and pressly goose's database drivers and migration commands. */
const GOOSE_AGENT = /^(session|s|run|web|configure|info|recipe|schedule|project|projects|p|ps|bench|term|acp)$/;
const GOOSE_MIGRATIONS = /^(postgres|mysql|sqlite3?|mssql|redshift|tidb|clickhouse|vertica|ydb|turso|starrocks|up|up-by-one|up-to|down|down-to|redo|reset|status|create|fix|validate)$/;

function isMigrationGoose(args: readonly { text: string }[]): boolean {
  const words = args.filter((a) => !a.text.startsWith('-')).map((a) => a.text);
  return !GOOSE_AGENT.test(words[0] ?? '') && words.some((w) => GOOSE_MIGRATIONS.test(w));
}

function nestedAgent(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding | undefined {
  const found = agentOf(inv);
  if (!found) return undefined;
  const { agent, args } = found;
  if (inv.name === 'agent') return undefined;
  const first = args.find((a) => !/^--?(model|m|provider|cwd|C|dir)$/.test(args[args.indexOf(a) - 1]?.text ?? ''))?.text;
  if (first !== undefined && NO_SESSION.test(first)) return undefined;
  // `q` is also a SQL-over-text tool: Amazon Q's agent starts with `chat`.
  if (agent === 'q' && first !== 'chat') return undefined;
  // `goose` is also pressly's migration tool (`goose postgres "$DSN" status`, `goose -dir db up`):
  // Block's agent starts with a subcommand of its own.
  if (agent === 'goose' && isMigrationGoose(args)) return undefined;
  const widened = agentOptionFinding(inv, found);
  if (widened) return widened;
  if (agent === 'cline' && args.some((a) => a.text === '--zen')) {
    return askFinding('nested-agent', `${inv.name} --zen starts a Cline task that goes on in a background daemon after this command returns; what it does there is not judged here, so it needs confirmation.`, agent);
  }
  const around = agentSurroundings(inv, agent, facts, view, cwd);
  if (around) return around;
  // `cd "$(mktemp -d)" && claude -p …`: the folder the line moved to is known only at run time.
  const folder = agentFolder(args, cwd, facts.home);
  const dir = folder === cwd && inv.cwdUncertain ? undefined : folder;
  if (dir === undefined) return askFinding('nested-agent', `${inv.name} starts another agent (${agent}) in a folder computed at run time, where this guard may have no hook; it needs confirmation.`, agent);
  const secret = promptCredential(args, dir, facts.home);
  if (secret) return askFinding('nested-agent', `${inv.name} hands another agent (${agent}) a task that names a credential file (${secret}); what it reads and prints there is not this command's text, so it needs confirmation.`, agent);
  if (hookedHere(agent, facts, view, dir)) return undefined;
  const why = HOOKED[agent] ? `its Blast Shield hook is not installed in ${dir === cwd ? 'this folder' : dir}` : `Blast Shield has no hook in ${agent}`;
  return askFinding('nested-agent', `${inv.name} starts another agent (${agent}) whose own tool calls this guard does not see (${why}), so it needs confirmation.`, agent);
}

const GUARD_PACKAGE = /^(@[^/\s]+\/)?blast-shield$/i;
/** Programs a global package may bring onto PATH that stand for the runtime, the guard or the agents' launchers. */
const PROTECTED_BINS = /^(node|nodejs|npm|npx|git|ps|blast-shield(-hook)?)$/i;

/** Verbs that put a package (or a newer or older one) into the global folder, per package manager. */
const GLOBAL_VERBS: Readonly<Record<string, RegExp>> = ownTable({
  npm: /^(i|install|add|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|link|ln|update|up|upgrade|udpate)$/,
  pnpm: /^(i|install|add|link|ln|update|up|upgrade)$/,
  yarn: /^(add|upgrade|link)$/,
  bun: /^(i|install|add|a|link|update)$/,
  volta: /^(install|pin)$/,
});

/**
 * `npm i -g blast-shield@0.0.1`, `npm i -g blast-shield@npm:left-pad`, `npm install -g /tmp/pkg`,
 * `pnpm add -g ./x.tgz`, `npm link` in a folder whose package is called blast-shield: global installs
 * that replace the guard (any version: a downgrade is a removal of what the newer one holds) or the runtime.
 */
function packageSwap(inv: Invocation, facts: Facts, cwd: string): Finding | undefined {
  const verbs = GLOBAL_VERBS[inv.name];
  if (!verbs) return undefined;
  const words = inv.args.map((a) => a.text);
  const verbAt = words.findIndex((w) => verbs.test(w));
  if (verbAt < 0) return undefined;
  const verb = words[verbAt]!;
  const linkHere = /^(link|ln)$/.test(verb);
  const global = inv.name === 'volta' || words.some((w) => w === '-g' || w === '--global' || w === '--location=global' || w === 'global') || (inv.name === 'npm' && linkHere);
  if (!global) return undefined;
  const specs = inv.args.slice(verbAt + 1).filter((w) => !w.text.startsWith('-'));
  // `npm link` alone links the package of the folder it runs in.
  if (linkHere && specs.length === 0) specs.push({ text: '.', raw: '.', dynamic: false, glob: false });
  for (const word of specs) {
    const spec = word.text;
    if (word.dynamic) return askFinding('package-swap', `${inv.name} installs a package named at run time (${spec.slice(0, 60)}) globally, where its programs may replace the runtime or Blast Shield's CLI; it needs confirmation.`, spec.slice(0, 60));
    const named = /^((?:@[^/@\s]+\/)?[^@\s]+)(@.*)?$/.exec(spec)?.[1] ?? spec;
    if (GUARD_PACKAGE.test(named) && !spec.includes('@npm:')) {
      return perimeterFinding('guard-cli', `${inv.name} ${verb} would put another copy or version of Blast Shield's own package (${spec}) in place of the installed one; installing, upgrading or downgrading the guard is for a human, and ${DENY_SUFFIX}.`, spec);
    }
    const alias = /^((?:@[^/\s]+\/)?[^@\s]+)@npm:(.+)$/.exec(spec);
    if (alias && (GUARD_PACKAGE.test(alias[1]!) || PROTECTED_BINS.test(alias[1]!))) {
      return perimeterFinding('package-swap', `${inv.name} would install ${alias[2]} under the name ${alias[1]}, replacing Blast Shield's package or the runtime with another; ${DENY_SUFFIX}.`, spec);
    }
    const name = spec.replace(/(?<=.)@[^/]*$/, '');
    // volta's `node@20` is a Node.js release it fetches and switches to (as nvm or asdf do), not the npm package named node.
    if (/^(node|nodejs)$/i.test(name) && inv.name !== 'volta') return perimeterFinding('package-swap', `${inv.name} would install the ${name} package globally, whose node program replaces the runtime on PATH; ${DENY_SUFFIX}.`, spec);
    // A folder, a tarball or a git URL: its package.json says what it is and which programs it brings.
    const local = /^(\.{1,2}$|\.{0,2}\/|~\/|file:)/.test(spec) || /\.(tgz|tar\.gz)$/.test(spec);
    const remote = /^(git\+|git:|github:|gitlab:|bitbucket:|https?:)/.test(spec) || /^[\w.-]+\/[\w.-]+(#.*)?$/.test(spec);
    if (local) {
      const folder = resolvePath(cwd, spec.replace(/^file:/, ''), facts.home);
      const text = /\.(tgz|tar\.gz)$/.test(spec) ? undefined : facts.readFile(folder + '/package.json');
      let pkg: { name?: unknown; bin?: unknown } | undefined;
      try {
        pkg = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown; bin?: unknown });
      } catch {
        pkg = undefined;
      }
      if (!pkg) return askFinding('package-swap', `${inv.name} installs ${spec} globally, a package the hook cannot read, whose programs may replace the runtime or Blast Shield's CLI; it needs confirmation.`, spec);
      const bins = typeof pkg.bin === 'string' ? [basename(String(pkg.name ?? ''))] : pkg.bin && typeof pkg.bin === 'object' ? Object.keys(pkg.bin) : [];
      if (GUARD_PACKAGE.test(String(pkg.name ?? '')) || bins.some((b) => PROTECTED_BINS.test(b))) {
        return perimeterFinding('package-swap', `${inv.name} would install ${spec} globally, which ${GUARD_PACKAGE.test(String(pkg.name ?? '')) ? "replaces Blast Shield's own package" : 'brings a program named like the runtime or the guard onto PATH'}; ${DENY_SUFFIX}.`, spec);
      }
    } else if (remote) {
      return askFinding('package-swap', `${inv.name} installs ${spec} globally from a repository or URL the hook cannot read, whose programs may replace the runtime or Blast Shield's CLI; it needs confirmation.`, spec);
    }
  }
  return undefined;
}

/** `go install example.com/x/cmd/git@latest`: the program it builds is named after the last path element, and lands in GOBIN (on PATH). */
function goProgramSwap(inv: Invocation): Finding | undefined {
  if (inv.name !== 'go') return undefined;
  const words = inv.args.filter((a) => !a.text.startsWith('-'));
  if (words[0]?.text !== 'install') return undefined;
  for (const w of words.slice(1)) {
    const name = basename(w.text.replace(/@[^/]*$/, '').replace(/\/v\d+$/, ''));
    if (!w.dynamic && w.text.includes('/') && isGuardedProgramName(name)) {
      return perimeterFinding('package-swap', `go install would build a program named ${name} from ${w.text} into the Go bin folder on PATH, in front of the one the guard and the agents run; ${DENY_SUFFIX}.`, w.text);
    }
  }
  return undefined;
}

/** Asked or denied starts of programs that go around the guard, for one invocation. */
export function agentAndPackageFindings(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding[] {
  return [nestedAgent(inv, facts, view, cwd), cloudAgentTask(inv, facts), packageSwap(inv, facts, cwd), goProgramSwap(inv), binInstallFinding(inv, facts, view, cwd), binTreeCopy(inv, facts, view, cwd)].filter((f): f is Finding => f !== undefined);
}
