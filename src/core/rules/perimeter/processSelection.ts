import type { ArgWord, Invocation } from '../../policy/types';
import { HOST_IDS } from '../../protocol/ipc';
import { parsedArgs, toolArgs } from '../../registry/commandModel';
import type { GrammarSpec } from '../../registry/grammar';
import type { ToolArgs } from '../../registry/types';
import { flag, valued, valuedEach } from '../../registry/tools/options';
import { otherSourceReach } from './processSources';

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

/** `-STOP`, `-9`, `-SIGKILL`: a signal written as an option word (pkill, killall, kill), never a pattern. */
const SIGNAL_WORD = /^-(?:SIG)?[A-Z]{2,}[0-9+-]*$|^-\d+$/;

/** pgrep/pkill (procps), killall (psmisc), pidof, skill: the options that narrow or take a value (`-s`: pkill's session, killall's signal). */
const MATCHER_SPEC: GrammarSpec = {
  abbreviations: false,
  unknownShort: 'switch',
  options: [
    valued('-u', '--euid', '--user'), valued('-U', '--uid'), valued('-G', '--group'), valued('-g', '--pgroup', '--process-group'), valued('-t', '--terminal'), valued('-P', '--parent'),
    valued('-s', '--session'), valued('--signal'), valued('--ns'), valued('--nslist'), valued('-o', '--older-than'), valued('-y', '--younger-than'), valued('-F', '--pidfile'), valued('-d', '--delimiter'),
    flag('-f', '--full'), flag('-x', '--exact'), flag('-r', '--regexp'), flag('-e', '--exact-name'), flag('-i', '--ignore-case'), flag('-n', '--newest'), flag('-l', '--list-name'), flag('-a', '--list-full'),
    flag('-c', '--count'), flag('-v', '--inverse'), flag('-w', '--wait'), flag('-q', '--quiet'), flag('-I', '--interactive'), flag('-Z', '--context'), flag('-V', '--version'), flag('-h', '--help'),
  ],
};
/** Options that pick processes without a pattern (a user, a parent, a terminal). */
const NARROWING = ['-u', '-U', '-G', '-g', '-t', '-P', '-F', '--ns'];

function matcherArgs(inv: Invocation): ToolArgs {
  const words = inv.args.filter((a) => !SIGNAL_WORD.test(a.text));
  return toolArgs(inv.name, parsedArgs(words, MATCHER_SPEC), MATCHER_SPEC);
}

const MATCHERS = new Set(['pkill', 'pgrep', 'killall', 'pidof', 'skill', 'snice']);

/** What a pkill/pgrep/killall/pidof invocation picks. */
export function matcherReach(inv: Invocation): SelectionReach {
  const a = matcherArgs(inv);
  const full = a.has('-f') && inv.name !== 'killall' && inv.name !== 'pidof';
  const regex = inv.name === 'killall' ? a.has('-r') : inv.name !== 'pidof';
  const patterns = a.parsed.operands;
  // `pgrep -v bash`: every process but the ones named, the guard's among them.
  if (a.has('-v') && inv.name !== 'killall') return 'unknown';
  // pkill/pgrep `-s 0`: the caller's own session, which holds the agent and whatever started it.
  const narrowed = NARROWING.some((n) => a.has(n)) || (inv.name !== 'killall' && a.has('-s'));
  if (patterns.length === 0) return narrowed || inv.name === 'pidof' ? 'unknown' : 'excludes';
  const mode = full ? 'full' : regex && !a.has('-x') ? 'name' : 'exact';
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

const GREP_SPEC: GrammarSpec = {
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [
    valued('-e', '--regexp'), valued('-f', '--file'), ...valuedEach('-m', '--max-count', '-A', '--after-context', '-B', '--before-context', '-C', '--context', '--label', '--color', '--colour'),
    flag('-v', '--invert-match'), flag('-F', '--fixed-strings'), flag('-i', '--ignore-case'), flag('-w', '--word-regexp'), flag('-E', '--extended-regexp'),
  ],
};
const AWK_SPEC: GrammarSpec = { unknownShort: 'switch', interspersed: false, options: [valued('-F', '--field-separator'), valued('-v', '--assign'), valued('-f', '--file')] };

/** What a filter of a process listing keeps: literal patterns it keeps lines by, or that it cannot be read. */
export function filterOf(inv: Invocation): { positive: ArgWord[]; fixed: boolean; unread: boolean } | undefined {
  if (inv.name === 'grep' || inv.name === 'egrep' || inv.name === 'fgrep' || inv.name === 'rg') {
    const a = toolArgs(inv.name, parsedArgs(inv.args, GREP_SPEC), GREP_SPEC);
    if (a.has('-v')) return { positive: [], fixed: false, unread: false };
    const fixed = inv.name === 'fgrep' || a.has('-F');
    if (a.has('-f')) return { positive: [], fixed, unread: true };
    const given = a.values('-e');
    const positive: ArgWord[] = given.length > 0 ? given.map((text) => ({ text, raw: text, dynamic: /[$`]/.test(text), glob: false })) : a.parsed.operands.slice(0, 1);
    return { positive, fixed, unread: positive.length === 0 };
  }
  if (inv.name === 'awk' || inv.name === 'gawk' || inv.name === 'mawk' || inv.name === 'nawk') {
    const a = toolArgs(inv.name, parsedArgs(inv.args, AWK_SPEC), AWK_SPEC);
    if (a.has('-f')) return { positive: [], fixed: false, unread: true };
    const program = a.parsed.operands[0];
    if (!program) return undefined;
    if (program.dynamic) return { positive: [], fixed: false, unread: true };
    const { positive, unread } = awkFilters(program.text);
    return { positive: positive.map((text) => ({ text, raw: text, dynamic: false, glob: false })), fixed: false, unread };
  }
  return undefined;
}

/** ps's options that pick processes themselves: by command name, by id. */
const PS_SPEC: GrammarSpec = {
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('-C', '--command'), valued('-p', '--pid'), valued('-q', '--quick-pid'), ...valuedEach('-o', '-O', '--format', '-u', '-U', '--user', '-g', '-G', '-t', '--sort', '--ppid', '-s')],
};

/**
 * What a process listing in the line picks once filtered: `ps aux | grep blast | awk '{print $2}'`
 * names the guard, `ps aux | grep vite` excludes it, `ps -eo pid | tail -n +2` cannot show either.
 */
function listingReach(lister: Invocation, invs: readonly Invocation[]): SelectionReach {
  const ps = toolArgs(lister.name, parsedArgs(lister.args, PS_SPEC), PS_SPEC);
  const byName = ps.values('-C');
  if (byName.length > 0) return byName.flatMap((v) => v.split(',')).map((n) => patternReach(n, 'exact')).reduce(worstReach, 'excludes');
  // `ps -o ppid= -p $$`, `ps -o pgid= -p $PPID`: the id of a process above the shell, whose group or
  // session holds whatever started the agent (the editor's extension host among them).
  if (ps.values('-o', '-O', '--format').some((f) => /\b(ppid|pgid|pgrp|sid|sess|session|tpgid)\b/i.test(f)) || ps.parsed.options.some((o) => o.valueWords.some((w) => /PPID|\$\$/.test(w.raw)))) return 'unknown';
  // `ps -p 4242`, BSD `ps p 4242`: processes picked by id.
  if (ps.has('-p') || ps.has('-q') || ps.parsed.operands.some((w) => w.text === 'p')) return 'excludes';
  return filteredReach(lister, invs) ?? 'unknown';
}

/** What the filters a listing is piped through keep (undefined: no filter reads it). */
export function filteredReach(lister: Invocation, invs: readonly Invocation[], mode: 'full' | 'name' = 'full'): SelectionReach | undefined {
  let reach: SelectionReach | undefined;
  for (const inv of invs) {
    if (!chainOf(inv).includes(lister)) continue;
    const filter = filterOf(inv);
    if (!filter) continue;
    // Filters in a row keep what every one of them keeps: one that excludes the guard is enough.
    if (filter.positive.length > 0) {
      const r = filter.positive.map((p) => patternReach(p, mode, filter.fixed)).reduce(worstReach, 'excludes');
      reach = reach === undefined ? r : r === 'names' || reach === 'names' ? 'names' : r === 'excludes' || reach === 'excludes' ? 'excludes' : worstReach(r, reach);
    } else if (filter.unread) reach = reach ?? 'unknown';
  }
  return reach;
}

/** What the selections of processes in the line reach (undefined: the line selects none). */
export function lineSelectionReach(invs: readonly Invocation[], reaching: readonly Invocation[]): SelectionReach | undefined {
  let out: SelectionReach | undefined;
  for (const inv of invs) {
    let r = MATCHERS.has(inv.name) ? matcherReach(inv) : LISTERS.has(inv.name) ? listingReach(inv, invs) : otherSourceReach(inv, invs);
    if (r === undefined) continue;
    // A selection whose output does not reach the signal counts only when it names the guard (`pgrep -f decider > p; kill $(cat p)`).
    if (r !== 'names' && !reaching.includes(inv)) continue;
    out = out === undefined ? r : worstReach(out, r);
  }
  return out;
}

/** A freezing signal (STOP, TSTP, TTIN, TTOU; Linux numbers 19-22) written as `-STOP`, `-s 19`, `--signal=SIGTSTP`, `-n 20`. */
const FREEZE_SIGNAL = /(?:^|\s)(?:-s\s+|-n\s+|--signal[=\s]+|-)(?:SIG)?(?:STOP|TSTP|TTIN|TTOU|19|20|21|22)(?=\s|$)/i;

/** `kill -STOP`, `pkill --signal TSTP`, `killall -s 19`: a signal that leaves the guard frozen. */
export function freezes(inv: Invocation): boolean {
  return FREEZE_SIGNAL.test(inv.args.map((a) => a.text).join(' '));
}

/** Programs that starve the processes they are given rather than end them. */
export const STARVERS = new Set(['renice', 'prlimit', 'cpulimit', 'ionice', 'chrt', 'cgclassify']);
export const SIGNALLERS = new Set(['kill', 'pkill', 'killall', 'skill', 'snice']);

const CPULIMIT_SPEC: GrammarSpec = { unknownShort: 'switch', options: [valued('-e', '--exe'), valued('-P', '--path'), valued('-p', '--pid'), valued('-l', '--limit'), flag('-z', '--lazy'), flag('-b', '--background'), flag('-i', '--include-children')] };

/** `cpulimit -e decider`, `cpulimit --path=/…/cli.js`: the program a starving tool picks by name itself. */
export function starverOwnReach(inv: Invocation): SelectionReach | undefined {
  if (inv.name !== 'cpulimit') return undefined;
  const a = toolArgs(inv.name, parsedArgs(inv.args, CPULIMIT_SPEC), CPULIMIT_SPEC);
  const named = [...a.values('-e'), ...a.values('-P')].map((v) => v.replace(/^.*\//, ''));
  return named.length === 0 ? undefined : named.map((n) => patternReach(n, 'exact')).reduce(worstReach, 'excludes');
}
