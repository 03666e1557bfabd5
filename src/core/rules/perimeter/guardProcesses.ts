import { ownTable } from '../../ownTable';
import type { Analysis, CodeSnippet, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import { freeFormReadings } from '../../registry/freeForm';
import { chainOf, freezes, lineSelectionReach, SIGNALLERS, STARVERS, starverOwnReach, worstReach, type SelectionReach } from './processSelection';
import { fuserKillReach } from './processSources';
import { cgroupWrite, starvingFindings } from './guardStarving';

/**
 * Signals to the guard's own processes: `pkill -f blast-shield`, `killall blast-shield-hook`,
 * `kill -9 $(pgrep -f blast-shield)`, `pgrep -f shield | xargs kill`. With the keeper or the hook gone
 * the agent's next commands are not judged. A pattern is matched against the command lines the guard
 * runs under (its CLI, its hook shim, its extension), so `pkill -f 'bl.st'` is caught and `pkill -f
 * 'vite'` is not.
 */

/** Names the guard's processes, sockets and service units go by: a literal in code that also signals processes aims at them. */
const GUARD_PROCESS_WORDS = /blast.?shield|\bdecider\b/i;
/** Process-signalling calls in interpreter code (Python `os.kill`/`os.killpg`/`signal.pthread_kill`, Node `process.kill`, Ruby `Process.kill`, Perl `kill`, psutil's `.kill()`/`.terminate()`/`.send_signal`). */
const SIGNAL_CALLS = /\b(os\.kill(pg)?|pthread_kill|process\.kill|Process\.kill|\.send_signal|\.terminate|\.kill|\.suspend)\s*\(|\bkill\s*\(?\s*['"]?-?(\d+|[A-Z]+|'[A-Z]+')\s*,/;

/** `python3 -c "…os.kill(pid, 9)… b'decider' in cmdline"`: code that signals processes it picks by the guard's names. */
function snippetFindings(signalling: readonly CodeSnippet[]): Finding[] {
  for (const s of signalling) {
    if (!GUARD_PROCESS_WORDS.test(s.text)) continue;
    return [perimeterFinding('guard-processes', `${s.runner.name} runs code that signals processes it picks by the guard's names (${GUARD_PROCESS_WORDS.exec(s.text)![0]}): with the guard's decision server, keeper or hook stopped, what the agent runs next is not judged as it should be; ${DENY_SUFFIX}.`, 'blast-shield processes')];
  }
  return [];
}

/** Unit managers' verbs that stop, freeze or switch off a service. */
const UNIT_STOPS: Readonly<Record<string, RegExp>> = ownTable({
  systemctl: /^(stop|kill|disable|mask|freeze|restart|try-restart|reload-or-restart|clean|revert)$/,
  launchctl: /^(stop|unload|remove|bootout|kill|disable)$/,
  service: /^(stop|restart)$/,
  sv: /^(stop|down|kill|restart|d|k|t|exit)$/,
  'supervisorctl': /^(stop|restart|remove)$/,
});

/** `systemctl --user stop blast-shield-decider`, `fuser -k ~/.blast-shield/decider/decider.sock`. */
function serviceAndHolderFindings(invs: readonly Invocation[]): Finding[] {
  for (const inv of invs) {
    const stops = UNIT_STOPS[inv.name];
    if (!stops && inv.name !== 'fuser') continue;
    const words = inv.args.map((a) => a.text);
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

/** `kill -STOP $PPID`, `kill -- -$$`: a signal to the process that started the shell, or to the shell's own group. */
function relativeReach(inv: Invocation): SelectionReach | undefined {
  // `kill -0 $PPID` only asks whether it is alive.
  if (inv.name !== 'kill' || inv.args.some((a) => a.text === '-0')) return undefined;
  return inv.args.some((a) => /\$\{?PPID\b|^-\$\$$/.test(a.raw)) ? 'unknown' : undefined;
}

export function guardProcessFindings(analysis: Analysis): Finding[] {
  const invs = analysis.invocations.filter((i) => !i.remote);
  // Interpreter code that signals processes: by the guard's names (denied here), or the pids it reads (`pgrep -f decider | python3 -c "…os.kill(int(l), 9)…"`).
  const signalling = analysis.snippets.length === 0 ? [] : analysis.snippets.filter((s) => !s.runner.remote && SIGNAL_CALLS.test(s.text));
  const direct = [...serviceAndHolderFindings(invs), ...snippetFindings(signalling)];
  if (direct.length > 0) return direct.slice(0, 1);
  const coded = signalling.map((s) => s.runner);
  const cgroupWriters: Invocation[] = [];
  const acts: Invocation[] = [];
  for (const i of invs) {
    if (SIGNALLERS.has(i.name) || STARVERS.has(i.name)) acts.push(i);
    else if ((i.redirects.length > 0 || i.name === 'tee' || i.name === 'cgset') && cgroupWrite(i) !== undefined) {
      acts.push(i);
      cgroupWriters.push(i);
    }
    else if ((i.name === 'fuser' && fuserKillReach(i) !== undefined) || (coded.length > 0 && coded.includes(i))) acts.push(i);
  }
  if (acts.length === 0) return starvingFindings(invs);
  // A selection counts when its output reaches the act: through a pipe (`| xargs kill`), a substitution, or the act itself (pkill).
  const reaching = invs.filter((i) => acts.includes(i) || i.via.some((v) => v.startsWith('$(') || v.startsWith('<(')) || acts.some((a) => chainOf(a).includes(i)));
  let reach = lineSelectionReach(invs, reaching);
  for (const a of acts) {
    const own = starverOwnReach(a) ?? fuserKillReach(a) ?? relativeReach(a);
    if (own !== undefined) reach = reach === undefined ? own : worstReach(reach, own);
  }
  // A write into a cgroup's files (`cgroup.freeze`, `cpu.max`, `cgroup.procs`) freezes or starves what the group holds, which the line cannot show.
  if (cgroupWriters.length > 0 && (reach === undefined || reach === 'excludes' || reach === 'includes')) reach = 'unknown';
  if (reach === undefined || reach === 'excludes') return starvingFindings(invs);
  const act = acts.find((a) => a.name !== 'kill' || acts.length === 1) ?? acts[0]!;
  if (reach === 'names') {
    return [perimeterFinding('guard-processes', `${act.name} picks the guard's own processes (its hook, decision server or the editor's extension host) to be stopped or starved: with the guard's keeper or hook gone, what the agent runs next is not judged; ${DENY_SUFFIX}.`, 'blast-shield processes')];
  }
  const starves = acts.some((a) => STARVERS.has(a.name) || freezes(a) || cgroupWriters.includes(a));
  if (reach === 'includes' && !starves) return [];
  const what = reach === 'unknown' ? 'processes the line cannot show are not the guard\'s own (its hook, decision server or the editor\'s extension host)' : 'every process of the runtime the guard itself runs under';
  return [{ rule: 'self-protection.guard-process-selection', risk: 'self-protection', severity: 'ask', reason: `${act.name} ${starves ? 'freezes or starves' : 'signals'} ${what}; with the guard stopped or starved, what the agent runs next is not judged as it should be.`, targets: [{ kind: 'path', name: 'blast-shield processes', provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
}
