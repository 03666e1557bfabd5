import { minimatch } from 'minimatch';
import { basename, isWithin, normalize, resolvePath } from '../../paths';
import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { expandKnown, perimeterFinding, withoutProcAlias } from './perimeterFinding';
import type { PerimeterView } from './protectedPaths';
import { listedRoots, listsNamesRecursively, showsHidden } from '../support/homeListings';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Reads that reach the window tokens (`<guard home>/ipc/*.window.json`) by a road the path judge of
 * perimeterPack does not see: a pattern that matches them (`~/*\/ipc/*`, `~/.bl*\/i*\/*.json`, a
 * glob in program text), a `find` over a folder above them that looks for them or hands what it
 * finds to another command, a working folder entered by pattern, a computed folder's `ipc/`, and
 * other processes' environments under `/proc`. Reads of `ipc/` are denied, not asked: with a token
 * a script can put any text in the dialog.
 */

/** What a window token's file name looks like; patterns are tried against it. */
const TOKEN_NAME = 'a1b2c3.window.json';
/** Names only the window tokens (and their folder) have: a search for them is a search for the tokens. */
const TOKEN_WORDS = /window|(^|[^a-z])ipc([^a-z]|$)/i;

const lower = (p: string): string => p.toLowerCase();

/** The ipc folders, under every name the facts know (the guard homes and the real paths behind them). */
function ipcFolders(view: PerimeterView): string[] {
  const homes = new Set(view.guardHomes);
  for (const a of view.aliases) for (const g of view.guardHomes) if (lower(a.path) === lower(g)) homes.add(a.real);
  return [...homes].map((g) => normalize(g + '/ipc'));
}

function tokenFiles(view: PerimeterView): string[] {
  return ipcFolders(view).map((f) => f + '/' + TOKEN_NAME);
}

/**
 * How far above a token file an absolute glob matches (0: a token file, 1: the ipc folder, 2: the
 * guard home ...), or undefined. Dot files count: `dotglob` may be on.
 */
function globLevel(absolutePattern: string, view: PerimeterView): number | undefined {
  const pattern = absolutePattern.replace(/\/+$/, '') || '/';
  let best: number | undefined;
  for (const file of tokenFiles(view)) {
    let level = 0;
    for (let p = file; p.length > 1; p = p.slice(0, p.lastIndexOf('/')) || '/', level++) {
      if (minimatch(p, pattern, { nocase: true, dot: true })) {
        if (best === undefined || level < best) best = level;
        break;
      }
    }
  }
  return best;
}

/**
 * A glob in program text or a computed word (`glob(os.path.expanduser('~')+'/.*\/ipc/*.json')`,
 * `"$ENV{HOME}/.b*\/i*\/*"`): its last segments are tried against the last segments of a token's
 * path. Three segments at least, one of them more than a bare star, so `src/*\/*` is not one.
 */
export function textGlobReachesTokens(text: string, view: PerimeterView): boolean {
  if (!/[*?]/.test(text)) return false;
  const joined = text.replace(/['"`+\s]|\$\{[^}]*\}|\$[A-Za-z_]+|\$ENV\{[^}]*\}/g, (m) => (/^['"`+\s]+$/.test(m) ? '' : '/'));
  const candidates = joined.match(/[A-Za-z0-9_.*?[\]~-]*(?:\/[A-Za-z0-9_.*?[\]~-]*){2,}/g) ?? [];
  const tails = tokenFiles(view).map((f) => f.split('/').filter(Boolean));
  for (const candidate of candidates) {
    if (!/[*?]/.test(candidate)) continue;
    const segments = candidate.split('/').filter((s) => s !== '' && s !== '~');
    for (let k = 3; k <= Math.min(segments.length, 4); k++) {
      const last = segments.slice(-k);
      if (last.every((s) => /^[*?]+$/.test(s))) continue;
      if (!last.some((s) => /[^*?]/.test(s) && !/^\.?\*+$/.test(s))) continue;
      for (const tail of tails) {
        const target = tail.slice(-k);
        if (target.length === k && last.every((s, i) => minimatch(target[i]!, s, { nocase: true, dot: true }))) return true;
      }
    }
  }
  return false;
}

/** Does text name the token files by their own name (`*.window.json`, `endswith('window.json')`)? */
export function namesTokenFiles(text: string): boolean {
  // `*.window.json`, `abc.window.json`, or a suffix test in code (`f.endswith('window.json')`); a project file of that plain name is not one.
  return /\.window\.json|['"`]window\.json['"`]/i.test(text);
}

const CONSUMERS: ReadonlySet<string> = new Set(['xargs', 'parallel', 'while', 'read', 'sh', 'bash', 'zsh', 'dash', 'tar', 'cpio', 'zip', 'rsync', 'tee']);

interface FindPlan {
  roots: ArgWord[];
  names: string[];
  paths: string[];
  narrowing: boolean;
  runs: boolean;
}

function planOfFind(args: readonly ArgWord[]): FindPlan {
  const roots: ArgWord[] = [];
  let i = 0;
  while (i < args.length && !/^[-(!]/.test(args[i]!.text)) roots.push(args[i++]!);
  const plan: FindPlan = { roots, names: [], paths: [], narrowing: true, runs: false };
  for (let k = i; k < args.length; k++) {
    const t = args[k]!.text;
    const value = args[k + 1]?.text ?? '';
    if (t === '-name' || t === '-iname') {
      plan.names.push(value);
      k++;
    } else if (t === '-path' || t === '-ipath' || t === '-wholename' || t === '-iwholename' || t === '-regex' || t === '-iregex') {
      plan.paths.push(value);
      plan.narrowing = false;
      k++;
    } else if (t === '-o' || t === '-or' || t === '!' || t === '-not') plan.narrowing = false;
    else if (/^-(exec|execdir|ok|okdir|fprint0?|fprintf|fls)$/.test(t)) plan.runs = true;
  }
  return plan;
}

export interface TokenJudge {
  inv: Invocation;
  facts: Facts;
  view: PerimeterView;
  cwd: string;
}

function deny(rule: string, reason: string, target: string): Finding {
  return perimeterFinding(rule, reason, target);
}

function absoluteOf(word: ArgWord, j: TokenJudge): string | undefined {
  const text = expandKnown(word.text, j.facts, j.view, j.cwd);
  if (word.dynamic && /\$|`/.test(text)) return undefined;
  return withoutProcAlias(resolvePath(j.cwd, text, j.facts.home), j.cwd);
}

function holdsTokens(abs: string, view: PerimeterView): boolean {
  return ipcFolders(view).some((ipc) => isWithin(lower(abs), lower(ipc)));
}

/** `find ~ -name '*.window.json' -exec cat {} +`, `find ~ -path '*ipc*' | xargs cat`. */
function findReachesTokens(j: TokenJudge): Finding | undefined {
  if (j.inv.name !== 'find') return undefined;
  const plan = planOfFind(j.inv.args);
  const roots = plan.roots.length > 0 ? plan.roots : [{ text: '.', raw: '.', dynamic: false, glob: false }];
  const covers = roots.some((r) => {
    const abs = absoluteOf(r, j);
    if (abs === undefined) return true;
    if (!r.glob) return holdsTokens(abs, j.view);
    const level = globLevel(abs, j.view);
    return level !== undefined;
  });
  if (!covers) return undefined;
  const targeted = [...plan.names, ...plan.paths].some((n) => TOKEN_WORDS.test(n));
  const couldMatch = plan.names.length === 0 || !plan.narrowing || plan.names.some((n) => minimatch(TOKEN_NAME, n, { nocase: true, dot: true }));
  const consumed = plan.runs || (j.inv.pipedInto !== undefined && CONSUMERS.has(j.inv.pipedInto)) || j.inv.via.some((v) => /^(\$\(|`|<\()/.test(v));
  if (targeted || (couldMatch && consumed)) {
    return deny('read-window-token', `find searches a folder that holds Blast Shield's window tokens and would hand them on; they are not for agents.`, 'ipc');
  }
  return undefined;
}

/** `fd [options] pattern [path…]` (hidden files with -H): the same question as for find. */
function fdReachesTokens(j: TokenJudge): Finding | undefined {
  if (j.inv.name !== 'fd' && j.inv.name !== 'fdfind') return undefined;
  const args = j.inv.args;
  const operands: ArgWord[] = [];
  let runs = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (/^(-x|-X|--exec|--exec-batch)$/.test(t)) {
      runs = true;
      break;
    }
    if (/^(-e|--extension|-t|--type|-E|--exclude|-d|--max-depth|--min-depth|-S|--size|--changed-within|--changed-before|-o|--owner|-j|--threads|--search-path|--base-directory|--ignore-file|-c|--color)$/.test(t)) {
      i++;
      continue;
    }
    if (!t.startsWith('-')) operands.push(args[i]!);
  }
  const [pattern, ...paths] = operands;
  const roots = paths.length > 0 ? paths : [{ text: '.', raw: '.', dynamic: false, glob: false }];
  if (!roots.some((r) => {
    const abs = absoluteOf(r, j);
    return abs === undefined || holdsTokens(abs, j.view);
  })) return undefined;
  let couldMatch = true;
  try {
    couldMatch = pattern === undefined || new RegExp(pattern.text, 'i').test(TOKEN_NAME);
  } catch {
    couldMatch = true;
  }
  const targeted = pattern !== undefined && TOKEN_WORDS.test(pattern.text);
  const consumed = runs || (j.inv.pipedInto !== undefined && CONSUMERS.has(j.inv.pipedInto)) || j.inv.via.some((v) => /^(\$\(|`|<\()/.test(v));
  if (targeted || (couldMatch && consumed)) {
    return deny('read-window-token', `${j.inv.name} searches a folder that holds Blast Shield's window tokens and would hand them on; they are not for agents.`, 'ipc');
  }
  return undefined;
}

/** Filters over a listing's lines (`grep ipc`, `rg window`, `awk '/ipc/'`): what they keep of the names. */
const LINE_FILTERS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ugrep', 'awk', 'gawk', 'mawk', 'sed']);

/**
 * `du -a ~ | grep ipc`, `tree -a ~ | grep window`, `ls -Ra ~ | rg -i ipc` (round 25): a listing of a folder
 * above the tokens, with the dot folders shown, filtered for the tokens' names: `find ~ -path '*ipc*'`
 * spelled with a pipe, denied with it.
 */
function listingFilterReachesTokens(j: TokenJudge): Finding | undefined {
  const from = j.inv.stdin?.kind === 'pipe' ? j.inv.stdin.from : undefined;
  if (!from || !LINE_FILTERS.has(j.inv.name) || !listsNamesRecursively(from) || !showsHidden(from)) return undefined;
  const cwd = from.cwd || j.cwd;
  if (!listedRoots(from).some((r) => {
    const abs = absoluteOf(r, { ...j, inv: from, cwd });
    return abs === undefined || holdsTokens(abs, j.view);
  })) return undefined;
  if (!freeFormReadings(j.inv.args).usual.operands.some((a) => TOKEN_WORDS.test(a.text))) return undefined;
  return deny('read-window-token', `${from.name} lists a folder that holds Blast Shield's window tokens and ${j.inv.name} keeps their names; they are not for agents.`, 'ipc');
}

/**
 * A process's environment or memory under `/proc` (its threads' too): `environ` holds the secrets it was
 * started with, `mem` everything it holds now (the decision server's key, the editor's window tokens).
 */
const PROCESS_SECRET_FILE = /^\/proc\/(?:self|thread-self|\d+|[^/]*[*?[][^/]*)(?:\/task\/(?:\d+|[^/]*[*?[][^/]*))?\/(environ|mem)$/;

/** Every way an invocation's words reach the tokens that the path judge does not see. */
export function tokenReadFindings(j: TokenJudge): Finding[] {
  const out: Finding[] = [];
  const found = findReachesTokens(j) ?? fdReachesTokens(j) ?? listingFilterReachesTokens(j);
  if (found) out.push(found);
  // `$(<"$f")` and `< "$f"` read through a redirect: its target is judged like an argument.
  for (const word of [...j.inv.args, ...j.inv.redirects.map((r) => r.target)]) {
    const text = expandKnown(word.text, j.facts, j.view, j.cwd);
    // By the folder the line is in too: `cd /proc/1 && cat environ`, `cd / && cat proc/self/environ`.
    // Only a word whose last part is `environ`/`mem` (or `.`, `..`, `~`, nothing: the folder's own name) can resolve to such a file.
    const last = text.slice(text.lastIndexOf('/') + 1);
    const mayNameProcessFile = last === 'environ' || last === 'mem' || last === '' || last === '.' || last === '..' || text === '~';
    const resolved = !mayNameProcessFile ? undefined : text.startsWith('/') || /\$|`/.test(text) ? text : normalize(resolvePath(j.cwd, text, j.facts.home));
    const processFile = (resolved !== undefined ? PROCESS_SECRET_FILE.exec(resolved) : null) ?? (word.dynamic ? /^\/proc\/.*\/(environ|mem)$/.exec(text) : null);
    if (processFile) {
      const what = processFile[1] === 'mem' ? 'memory' : 'environments';
      out.push(deny(processFile[1] === 'mem' ? 'read-process-memory' : 'read-process-environment', `${j.inv.name} would read other processes' ${what} (${word.text}), where the editor's window tokens, the decision server's key and agents' secrets live; they are not for agents.`, word.text));
      continue;
    }
    if (word.glob && /[*?[]/.test(text)) {
      const abs = withoutProcAlias(resolvePath(j.cwd, text, j.facts.home), j.cwd);
      const entering = j.inv.name === 'cd' || j.inv.name === 'pushd';
      const level = /\$|`/.test(abs) ? undefined : globLevel(abs, j.view);
      if (level !== undefined && level <= (entering ? 2 : 1)) {
        const verb = entering ? 'enters a folder by a pattern that matches' : 'names by a pattern';
        out.push(deny('read-window-token', `${j.inv.name} ${verb} Blast Shield's window tokens (${word.text}); they are not for agents.`, word.text));
        continue;
      }
    }
    // `for f in ~/.*/i*/*; do cat "$f"`: a value that comes from a pattern or a text naming the tokens.
    if (word.dynamic && (word.sources ?? []).some((source) => source.startsWith('$(printf ') && (textGlobReachesTokens(expandKnown(source, j.facts, j.view, j.cwd), j.view) || /\.blast-shield[^/\s]*\/ipc/i.test(source)))) {
      out.push(deny('read-window-token', `${j.inv.name} is handed paths from a pattern that matches Blast Shield's window tokens; they are not for agents.`, word.text.slice(0, 80)));
      continue;
    }
    // `$(ls -d ~/.b*)/ipc/*`: a computed folder's ipc/ is the guard home's as likely as any.
    if (word.dynamic && /\/ipc(\/|$)/i.test(word.text.slice(Math.max(word.text.lastIndexOf(')'), word.text.lastIndexOf('}'), word.text.lastIndexOf('`')) + 1))) {
      out.push(deny('read-window-token', `${j.inv.name} names the ipc folder of a folder computed at run time (${word.text.slice(0, 80)}), which may be Blast Shield's window tokens; they are not for agents.`, word.text.slice(0, 80)));
      continue;
    }
    // Member names and patterns (`tar xOf h.tar '*/.blast-shield/ipc/*'`) name the tokens whatever the command does with them.
    if (/\.blast-shield[^/\s]*\/ipc(\/|$)|blast_shield_home\}?\/ipc/i.test(text) || (namesTokenFiles(text) && !word.glob && basename(text) !== text && /ipc/i.test(text))) {
      out.push(deny('read-window-token', `${j.inv.name} names Blast Shield's window tokens (${word.text.slice(0, 80)}); they are not for agents.`, word.text.slice(0, 80)));
    }
  }
  return out;
}
