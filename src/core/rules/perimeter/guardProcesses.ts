import type { Analysis, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Signals to the guard's own processes: `pkill -f blast-shield`, `killall blast-shield-hook`,
 * `kill -9 $(pgrep -f blast-shield)`, `pgrep -f shield | xargs kill`. With the keeper or the hook gone
 * the agent's next commands are not judged. A pattern is matched against the command lines the guard
 * runs under (its CLI, its hook shim, its extension), so `pkill -f 'bl.st'` is caught and `pkill -f
 * 'vite'` is not.
 */

const GUARD_COMMAND_LINES = [
  'node /home/user/.blast-shield/bin/cli.js hook --host claude',
  // The warm decision server (docs/decision-server.md), started detached by the hook.
  'node /home/user/.blast-shield/bin/cli.js decider',
  '/home/user/.blast-shield/bin/blast-shield-hook',
  'blast-shield index --workspace /w',
  '/home/user/.vscode/extensions/blast-shield.blast-shield-0.1.0/dist/extension.js',
];

/** Command lines of ordinary development processes: a pattern that matches one is not aimed at the guard. */
const ORDINARY_COMMAND_LINES = ['node server.js', 'node /w/node_modules/.bin/vite --port 5173', 'npm run dev', 'python3 manage.py runserver', '/usr/bin/code --type=renderer'];

const MATCHERS = new Set(['pkill', 'pgrep', 'killall', 'pidof', 'ps']);
/** Options of pkill/pgrep/killall that take a value (the pattern is the operand after them). */
const VALUED = /^-(u|U|g|G|P|s|t|F|signal|-signal|-uid|-euid|-group|-pgroup|-parent|-session|-terminal|-pidfile|o|y|-older-than|-younger-than|n|-ns|-nslist)$/;

function patternsOf(inv: Invocation): string[] {
  const out: string[] = [];
  for (let i = 0; i < inv.args.length; i++) {
    const t = inv.args[i]!.text;
    if (VALUED.test(t)) {
      i++;
      continue;
    }
    if (!t.startsWith('-') || t === '-') out.push(t);
  }
  return out;
}

function matchesGuard(pattern: string, exact: boolean): boolean {
  if (/blast.?shield/i.test(pattern)) return true;
  // Without -f a pattern is matched against process names: the guard's are `node` and `sh`, like everyone's.
  if (exact) return false;
  try {
    const re = new RegExp(pattern.slice(0, 200), 'i');
    return pattern.length >= 3 && GUARD_COMMAND_LINES.some((line) => re.test(line)) && !ORDINARY_COMMAND_LINES.some((line) => re.test(line));
  } catch {
    return false;
  }
}

/** Names the guard's processes, sockets and service units go by: a literal in code that also signals processes aims at them. */
const GUARD_PROCESS_WORDS = /blast.?shield|\bdecider\b/i;
/** Process-signalling calls in interpreter code (Python `os.kill`/`os.killpg`/`signal.pthread_kill`, Node `process.kill`, Ruby `Process.kill`, Perl `kill`, psutil's `.kill()`/`.terminate()`/`.send_signal`). */
const SIGNAL_CALLS = /\b(os\.kill(pg)?|pthread_kill|process\.kill|Process\.kill|\.send_signal|\.terminate|\.kill|\.suspend)\s*\(|\bkill\s*\(?\s*['"]?-?(\d+|[A-Z]+|'[A-Z]+')\s*,/;

/** `python3 -c "…os.kill(pid, 9)… b'decider' in cmdline"`: code that signals processes it picks by the guard's names. */
function snippetFindings(analysis: Analysis): Finding[] {
  for (const s of analysis.snippets) {
    if (s.runner.remote || !SIGNAL_CALLS.test(s.text) || !GUARD_PROCESS_WORDS.test(s.text)) continue;
    return [perimeterFinding('guard-processes', `${s.runner.name} runs code that signals processes it picks by the guard's names (${GUARD_PROCESS_WORDS.exec(s.text)![0]}): with the guard's decision server, keeper or hook stopped, what the agent runs next is not judged as it should be; ${DENY_SUFFIX}.`, 'blast-shield processes')];
  }
  return [];
}

/** Unit managers' verbs that stop, freeze or switch off a service. */
const UNIT_STOPS: Readonly<Record<string, RegExp>> = {
  systemctl: /^(stop|kill|disable|mask|freeze|restart|try-restart|reload-or-restart|clean|revert)$/,
  launchctl: /^(stop|unload|remove|bootout|kill|disable)$/,
  service: /^(stop|restart)$/,
  sv: /^(stop|down|kill|restart|d|k|t|exit)$/,
  'supervisorctl': /^(stop|restart|remove)$/,
};

/** `systemctl --user stop blast-shield-decider`, `fuser -k ~/.blast-shield/decider/decider.sock`. */
function serviceAndHolderFindings(invs: readonly Invocation[]): Finding[] {
  for (const inv of invs) {
    const words = inv.args.map((a) => a.text);
    const stops = UNIT_STOPS[inv.name];
    if (stops) {
      const at = words.findIndex((w) => stops.test(w));
      const unit = at < 0 ? undefined : freeFormReadings(inv.args.slice(at + 1)).usual.operands.find((a) => a.dynamic || GUARD_PROCESS_WORDS.test(a.text));
      if (unit) return [perimeterFinding('guard-processes', `${inv.name} ${words[at]} ${unit.text} stops or switches off a service of the guard's (its decision server, keeper or hook); ${DENY_SUFFIX}.`, unit.text)];
    }
    // fuser -k / lsof-fed kills: the processes holding a guard file or socket.
    if (inv.name === 'fuser' && words.some((w) => /^-[a-z]*k[a-z]*$/.test(w) || w === '--kill')) {
      const held = freeFormReadings(inv.args).usual.operands.find((a) => (a.dynamic ? /blast|decider|\.sock/i.test(a.text) : /\.blast-shield|decider/i.test(a.text)));
      if (held) return [perimeterFinding('guard-processes', `fuser signals whatever holds ${held.text}, one of the guard's own files or sockets: with its decision server or hook stopped, what the agent runs next is not judged as it should be; ${DENY_SUFFIX}.`, held.text)];
    }
  }
  return [];
}

export function guardProcessFindings(analysis: Analysis): Finding[] {
  const invs = analysis.invocations.filter((i) => !i.remote);
  const direct = [...serviceAndHolderFindings(invs), ...snippetFindings(analysis)];
  if (direct.length > 0) return direct.slice(0, 1);
  const kills = invs.some((i) => i.name === 'kill' || i.name === 'pkill' || i.name === 'killall' || i.name === 'skill');
  if (!kills) return [];
  for (const inv of invs) {
    if (!MATCHERS.has(inv.name)) continue;
    const exact = inv.name === 'killall' || inv.name === 'pidof' || (!inv.args.some((a) => /^-[a-zA-Z]*f/.test(a.text) || a.text === '--full'));
    const hit = inv.name === 'ps' ? undefined : patternsOf(inv).find((p) => matchesGuard(p, exact));
    const psHit = inv.name === 'ps' && invs.some((g) => (g.name === 'grep' || g.name === 'awk') && g.args.some((a) => /blast.?shield/i.test(a.text)));
    if (hit !== undefined || psHit) {
      return [perimeterFinding('guard-processes', `${inv.name} picks the guard's own processes (${hit ?? 'blast-shield'}) to be stopped: with the guard's keeper or hook gone, what the agent runs next is not judged; ${DENY_SUFFIX}.`, 'blast-shield processes')];
    }
  }
  return [];
}
