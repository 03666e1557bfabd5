import type { ArgWord, Invocation } from '../../policy/types';
import { HOST_IDS } from '../../protocol/ipc';

/**
 * Which processes a signal or a starving tool reaches, judged against the guard's own: its hook shim,
 * its CLI and decision server, its extension and the editor's extension host that runs it. A
 * selection is `names` when it picks the guard out (a pattern only the guard's command lines or names
 * match), `includes` when it is broad and takes the guard along with ordinary processes (`node`),
 * `unknown` when the line cannot show what it picks (`ps aux | awk '{print $2}'`, a pattern from a
 * variable, `pgrep -u me`), and `excludes` when every process it picks is some other program's.
 */
export type SelectionReach = 'names' | 'includes' | 'unknown' | 'excludes';

/** Command lines the guard runs under; `-f` patterns are matched against these. */
export const GUARD_COMMAND_LINES: readonly string[] = [
  'node /home/user/.blast-shield/bin/cli.js hook --host claude',
  // The warm decision server (docs/decision-server.md), started detached by the hook.
  'node /home/user/.blast-shield/bin/cli.js decider',
  'node /home/user/.blast-shield/bin/cli-main.js decider',
  '/home/user/.blast-shield/bin/blast-shield-hook',
  // The shim as host configurations run it: `<shim> hook <host>`.
  ...HOST_IDS.map((host) => `/bin/sh /home/user/.blast-shield/bin/blast-shield-hook hook ${host}`),
  'blast-shield index --workspace /w',
  '/home/user/.vscode/extensions/blast-shield.blast-shield-0.1.0/dist/extension.js',
  // The editor's extension host, where the guard's extension (its keeper and dialog) runs.
  '/usr/share/code/code /usr/share/code/resources/app/out/bootstrap-fork --type=extensionHost --skipWorkspaceStorageLock',
  '/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin) --type=utility --utility-sub-type=node.mojom.NodeService',
  '/Applications/Cursor.app/Contents/Frameworks/Cursor Helper (Plugin).app/Contents/MacOS/Cursor Helper (Plugin) --type=utility --utility-sub-type=node.mojom.NodeService',
];

/** Command lines of ordinary development processes: a pattern that matches one is broad, not aimed at the guard. */
const ORDINARY_COMMAND_LINES = ['node server.js', 'node /w/node_modules/.bin/vite --port 5173', 'npm run dev', 'python3 manage.py runserver', '/usr/bin/code --type=renderer', '/usr/bin/bash', 'sleep 60'];

/** Process names (as `killall`, `pidof` and `pkill` without `-f` see them) the guard runs under, its own first. */
const GUARD_OWN_NAMES = ['blast-shield-hook', 'blast-shield-ho', 'blast-shield', 'decider', 'cli-main', 'extensionHost', 'Code Helper (Plugin)', 'Cursor Helper (Plugin)'];
/** Names the guard shares with every other program of the runtime. */
const GUARD_SHARED_NAMES = ['node', 'nodejs', 'electron', 'code', 'Code Helper', 'cursor', 'Cursor Helper', 'code-server', 'windsurf'];
const ORDINARY_NAMES = ['node', 'python3', 'vite', 'npm', 'webpack', 'postgres', 'bash', 'sh', 'sleep', 'java', 'ruby'];

/** Words that name the guard in a pattern whose value is only partly known (`${N:-decider}`). */
const GUARD_WORDS = /blast.?shield|decider|cli-main|extension.?host|blast-shield-hook|Helper \(Plugin\)/i;

function regexOf(pattern: string, fixed: boolean): RegExp | undefined {
  try {
    return new RegExp(fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.slice(0, 200), 'i');
  } catch {
    return undefined;
  }
}

/**
 * A pattern matched against command lines (`full`, as `pgrep -f`) or process names (`name`, a regex
 * as `pkill`/`killall -r`; `exact`, a whole name as `killall`/`pidof`).
 */
export function patternReach(word: ArgWord | string, mode: 'full' | 'name' | 'exact', fixed = false): SelectionReach {
  const text = typeof word === 'string' ? word : word.text;
  const dynamic = typeof word !== 'string' && word.dynamic;
  if (GUARD_WORDS.test(text) || (typeof word !== 'string' && GUARD_WORDS.test(word.raw))) return 'names';
  if (dynamic) return 'unknown';
  if (mode === 'exact') {
    const low = text.toLowerCase();
    if (GUARD_OWN_NAMES.some((n) => n.toLowerCase() === low)) return 'names';
    return GUARD_SHARED_NAMES.some((n) => n.toLowerCase() === low) ? 'includes' : 'excludes';
  }
  const re = regexOf(text, fixed);
  if (!re) return 'unknown';
  const own = mode === 'full' ? GUARD_COMMAND_LINES : GUARD_OWN_NAMES;
  const ordinary = mode === 'full' ? ORDINARY_COMMAND_LINES : ORDINARY_NAMES;
  if (own.some((l) => re.test(l))) return text.length >= 3 && !ordinary.some((l) => re.test(l)) ? 'names' : 'includes';
  return mode === 'name' && GUARD_SHARED_NAMES.some((n) => re.test(n)) ? 'includes' : 'excludes';
}

const RANK: Record<SelectionReach, number> = { excludes: 0, includes: 1, unknown: 2, names: 3 };
export const worstReach = (a: SelectionReach, b: SelectionReach): SelectionReach => (RANK[a] >= RANK[b] ? a : b);

/** Options of pkill/pgrep/killall/pidof that take a value (the pattern is the operand after them). */
const MATCHER_VALUED = /^-(u|U|g|G|P|s|t|F|signal|-signal|-uid|-euid|-group|-pgroup|-parent|-session|-terminal|-pidfile|o|y|-older-than|-younger-than|n|-ns|-nslist|-user|-context|c|Z)$/;
/** Options of pkill/pgrep/killall/pidof that narrow the selection without a pattern (a user, a parent, a terminal). */
const MATCHER_NARROWS = /^-(u|U|g|G|P|s|t|F|-uid|-euid|-group|-pgroup|-parent|-session|-terminal|-pidfile|-user)$/;

function matcherPatterns(inv: Invocation): { patterns: ArgWord[]; narrowed: boolean } {
  const patterns: ArgWord[] = [];
  let narrowed = false;
  for (let i = 0; i < inv.args.length; i++) {
    const t = inv.args[i]!.text;
    if (MATCHER_VALUED.test(t)) {
      if (MATCHER_NARROWS.test(t)) narrowed = true;
      i++;
      continue;
    }
    if (!t.startsWith('-') || t === '-') patterns.push(inv.args[i]!);
  }
  return { patterns, narrowed };
}

const MATCHERS = new Set(['pkill', 'pgrep', 'killall', 'pidof', 'skill', 'snice']);

/** What a pkill/pgrep/killall/pidof invocation picks. */
export function matcherReach(inv: Invocation): SelectionReach {
  const words = inv.args.map((a) => a.text);
  const full = words.some((w) => /^-[a-zA-Z]*f[a-zA-Z]*$/.test(w) || w === '--full') && inv.name !== 'killall' && inv.name !== 'pidof';
  const regex = inv.name === 'killall' ? words.some((w) => /^-[a-zA-Z]*r[a-zA-Z]*$/.test(w) || w === '--regexp') : inv.name !== 'pidof';
  const exactName = words.some((w) => /^-[a-zA-Z]*x[a-zA-Z]*$/.test(w) || w === '--exact');
  const { patterns, narrowed } = matcherPatterns(inv);
  if (patterns.length === 0) return narrowed || inv.name === 'pidof' ? 'unknown' : 'excludes';
  const mode = full ? 'full' : regex && !exactName ? 'name' : 'exact';
  return patterns.map((p) => patternReach(p, mode)).reduce(worstReach, 'excludes');
}

/** Programs whose output lists processes: a selection made from their text. */
const LISTERS = new Set(['ps', 'top', 'pstree', 'procs']);

export function chainOf(inv: Invocation): Invocation[] {
  const out: Invocation[] = [];
  for (let s = inv.stdin, n = 0; s && s.kind === 'pipe' && n < 16; s = s.from.stdin, n++) out.push(s.from);
  return out;
}

/** Literal strings an awk program selects lines by (`/decider/`, `$0 ~ "x"`, `index($0,"x")`); undefined when its condition cannot be read. */
function awkFilters(program: string): { positive: string[]; unread: boolean } {
  const positive: string[] = [];
  let unread = false;
  // Actions are not conditions: strip `{...}` bodies (one level) first.
  const conditions = program.replace(/\{[^{}]*\}/g, ' ; ');
  for (const m of conditions.matchAll(/(!?)\s*\/((?:\\.|[^/\\])+)\//g)) if (m[1] !== '!') positive.push(m[2]!);
  for (const m of conditions.matchAll(/(!?)~\s*"([^"]*)"|==\s*"([^"]*)"|index\([^,]*,\s*"([^"]*)"\)/g)) if (m[1] !== '!') positive.push(m[2] ?? m[3] ?? m[4] ?? '');
  const rest = conditions.replace(/(!?)\s*\/((?:\\.|[^/\\])+)\//g, '').replace(/[!=]?~\s*"[^"]*"|==\s*"[^"]*"|index\([^)]*\)/g, '').replace(/\b(BEGIN|END|NR\s*[><=!]+\s*\d+|FNR\s*[><=!]+\s*\d+)\b/g, '');
  if (positive.length === 0 && /[^\s;&|()$0-9]/.test(rest)) unread = true;
  return { positive, unread };
}

const GREP_VALUED = /^-(e|f|m|A|B|C|-regexp|-file|-max-count|-after-context|-before-context|-context|-label|-color|-colour)$/;

/** What a filter of a process listing keeps: literal patterns it keeps lines by, or that it cannot be read. */
function filterOf(inv: Invocation): { positive: ArgWord[]; fixed: boolean; unread: boolean } | undefined {
  const words = inv.args.map((a) => a.text);
  if (inv.name === 'grep' || inv.name === 'egrep' || inv.name === 'fgrep' || inv.name === 'rg') {
    if (words.some((w) => /^-[a-zA-Z]*v[a-zA-Z]*$/.test(w) || w === '--invert-match')) return { positive: [], fixed: false, unread: false };
    const fixed = inv.name === 'fgrep' || words.some((w) => /^-[a-zA-Z]*F[a-zA-Z]*$/.test(w) || w === '--fixed-strings');
    const positive: ArgWord[] = [];
    let operand: ArgWord | undefined;
    for (let i = 0; i < inv.args.length; i++) {
      const t = inv.args[i]!.text;
      if (t === '-e' || t === '--regexp') positive.push(inv.args[++i] ?? inv.args[i]!);
      else if (t === '-f' || t === '--file') return { positive: [], fixed, unread: true };
      else if (GREP_VALUED.test(t)) i++;
      else if (!t.startsWith('-') && operand === undefined) operand = inv.args[i];
    }
    if (positive.length === 0 && operand) positive.push(operand);
    return { positive, fixed, unread: positive.length === 0 };
  }
  if (inv.name === 'awk' || inv.name === 'gawk' || inv.name === 'mawk' || inv.name === 'nawk') {
    let program: ArgWord | undefined;
    for (let i = 0; i < inv.args.length; i++) {
      const t = inv.args[i]!.text;
      if (t === '-F' || t === '-v' || t === '-f') {
        if (t === '-f') return { positive: [], fixed: false, unread: true };
        i++;
      } else if (!t.startsWith('-')) {
        program = inv.args[i];
        break;
      }
    }
    if (!program) return undefined;
    if (program.dynamic) return { positive: [], fixed: false, unread: true };
    const { positive, unread } = awkFilters(program.text);
    return { positive: positive.map((text) => ({ text, raw: text, dynamic: false, glob: false })), fixed: false, unread };
  }
  return undefined;
}

/**
 * What a process listing in the line picks once filtered: `ps aux | grep blast | awk '{print $2}'`
 * names the guard, `ps aux | grep vite` excludes it, `ps -eo pid | tail -n +2` cannot show either.
 */
function listingReach(lister: Invocation, invs: readonly Invocation[]): SelectionReach {
  const cIdx = lister.args.findIndex((a) => a.text === '-C' || a.text === '--command');
  const byName = cIdx >= 0 ? lister.args[cIdx + 1] : undefined;
  if (byName) return byName.text.split(',').map((n) => patternReach(n, 'exact')).reduce(worstReach, 'excludes');
  if (lister.args.some((a) => /^(-p|--pid|p|-q|--quick-pid)$/.test(a.text))) return 'excludes';
  let reach: SelectionReach | undefined;
  for (const inv of invs) {
    if (!chainOf(inv).includes(lister)) continue;
    const filter = filterOf(inv);
    if (!filter) continue;
    // Filters in a row keep what every one of them keeps: one that excludes the guard is enough.
    if (filter.positive.length > 0) {
      const r = filter.positive.map((p) => patternReach(p, 'full', filter.fixed)).reduce(worstReach, 'excludes');
      reach = reach === undefined ? r : r === 'names' || reach === 'names' ? 'names' : r === 'excludes' || reach === 'excludes' ? 'excludes' : worstReach(r, reach);
    }
  }
  return reach ?? 'unknown';
}

/** What the selections of processes in the line reach (undefined: the line selects none). */
export function lineSelectionReach(invs: readonly Invocation[], reaching: readonly Invocation[]): SelectionReach | undefined {
  let out: SelectionReach | undefined;
  for (const inv of invs) {
    let r = MATCHERS.has(inv.name) ? matcherReach(inv) : LISTERS.has(inv.name) ? listingReach(inv, invs) : undefined;
    if (r === undefined) continue;
    // A selection whose output does not reach the signal counts only when it names the guard (`pgrep -f decider > p; kill $(cat p)`).
    if (r !== 'names' && !reaching.includes(inv)) continue;
    out = out === undefined ? r : worstReach(out, r);
  }
  return out;
}

/** Signals that freeze a process without ending it (Linux numbers). */
const FREEZE = /^(SIG)?(STOP|TSTP|TTIN|TTOU)$|^(19|20|21|22)$/i;

/** `kill -STOP`, `pkill --signal TSTP`, `killall -s 19`: a signal that leaves the guard frozen. */
export function freezes(inv: Invocation): boolean {
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i]!.text;
    if (a === '-s' || a === '--signal' || (a === '-n' && inv.name === 'kill')) {
      if (FREEZE.test(inv.args[i + 1]?.text ?? '')) return true;
      i++;
    } else if (a.startsWith('--signal=') && FREEZE.test(a.slice(9))) return true;
    else if (a.startsWith('-') && FREEZE.test(a.slice(1))) return true;
  }
  return false;
}

/** Programs that starve the processes they are given rather than end them. */
export const STARVERS = new Set(['renice', 'prlimit', 'cpulimit', 'ionice', 'chrt']);
export const SIGNALLERS = new Set(['kill', 'pkill', 'killall', 'skill', 'snice']);

/** `cpulimit -e decider`, `cpulimit --path=/…/cli.js`: the program a starving tool picks by name itself. */
export function starverOwnReach(inv: Invocation): SelectionReach | undefined {
  if (inv.name !== 'cpulimit') return undefined;
  for (let i = 0; i < inv.args.length; i++) {
    const a = inv.args[i]!;
    const m = /^(?:-e|--exe|-P|--path)(?:=(.*))?$/.exec(a.text) ?? /^-[eP](.+)$/.exec(a.text);
    if (!m) continue;
    const value = m[1] !== undefined ? { ...a, text: m[1], raw: m[1] } : inv.args[i + 1];
    if (value) return patternReach({ ...value, text: value.text.replace(/^.*\//, '') }, 'exact');
  }
  return undefined;
}
