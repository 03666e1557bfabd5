import { resolvePath } from '../../paths';
import { effectGrammar, readEffectArgs } from '../../policy/effectOptions';
import type { ArgWord, Facts } from '../../policy/types';
import { parseCommand, type GrammarSpec } from '../../registry/grammar';

/**
 * The options of git's history printers (`log`, `show`, `diff`, `format-patch`, `reflog`, `stash
 * show`, `fast-export`) as the credential rules need them, read by the one grammar: which take a
 * value (`-n 5`, `--format X`, `-U3`, `-S<string>`), whether a patch is printed, what widens the
 * walk to every ref, and which words are revisions or paths. Perl's and Ruby's one-line program
 * options (`-e CODE`, `-i[ext]`, `-Ilib`) are read here too.
 */

/**
 * Options of log/show/diff/format-patch that take a value (as the rules have always read them). Written
 * out whole: the switches are not listed, so a prefix (`--stat`) must not be read as a valued option
 * it begins (`--stat-width`).
 */
const GIT_HISTORY: GrammarSpec = { ...effectGrammar('nSGLOMCBo', [
  'max-count', 'skip', 'since', 'after', 'until', 'before', 'author', 'committer', 'grep', 'format', 'pretty', 'encoding', 'output', 'date',
  'diff-filter', 'abbrev', 'stat-width', 'relative', 'color', 'src-prefix', 'dst-prefix', 'line-prefix', 'notes', 'exclude', 'glob',
  'decorate-refs', 'output-directory', 'start-number', 'subject-prefix', 'signature', 'signature-file', 'suffix', 'to', 'cc', 'in-reply-to',
  'base', 'interdiff', 'range-diff', 'creation-factor', 'batch-command',
], { attached: 'U' }), abbreviations: false };

const PATCH = new Set(['p', 'u', 'patch', 'patch-with-stat', 'patch-with-raw', 'U', 'unified', 'cc', 'c', 'word-diff', 'color-words', 'full-diff', 'binary', 'ext-diff']);
const NO_PATCH = new Set(['s', 'no-patch', 'stat', 'name-only', 'name-status', 'numstat', 'shortstat', 'summary', 'raw', 'dirstat', 'compact-summary', 'quiet', 'check']);
const WIDENING = new Set(['all', 'branches', 'tags', 'remotes', 'reflog', 'glob', 'exclude']);

export interface RevReading {
  revs: string[];
  /** Words that name paths (after `--`, or files in the work tree). */
  paths: ArgWord[];
  /** A revision computed at run time (`$(git rev-list --all)`). */
  dynamic: boolean;
  widened: boolean;
  maxCount?: number;
  patch: boolean;
  noPatch: boolean;
  /** Every option given, by its dashless name (`root`, `cached`, `no-index`). */
  names: ReadonlySet<string>;
}

export function readRevs(args: readonly ArgWord[], cwd: string, facts: Facts): RevReading {
  const parsed = parseCommand(args, GIT_HISTORY);
  const r: RevReading = { revs: [], paths: [], dynamic: false, widened: false, patch: false, noPatch: false, names: new Set() };
  const names = new Set<string>();
  for (const o of parsed.options) {
    const name = o.name.replace(/^--?/, '');
    names.add(name);
    if (PATCH.has(name)) r.patch = true;
    if (NO_PATCH.has(name)) r.noPatch = true;
    if (WIDENING.has(name)) r.widened = true;
    // `-5`, `-n 5`, `-n5`, `--max-count=5`.
    const count = /^\d+$/.test(name) ? name : name === 'n' || name === 'max-count' ? o.values[0] : undefined;
    if (count !== undefined && /^\d+$/.test(count)) r.maxCount = Number(count);
  }
  r.names = names;
  parsed.operands.forEach((a, k) => {
    const index = parsed.operandIndexes[k] ?? 0;
    if (parsed.endOfOptions !== undefined && index > parsed.endOfOptions) {
      r.paths.push(a);
      return;
    }
    if (a.dynamic) {
      r.dynamic = true;
      return;
    }
    const t = a.text;
    const status = facts.fileStatus?.(resolvePath(cwd, t, facts.home));
    if (!t.includes(':') && (status === 'file' || status === 'directory' || status === 'too-large' || status === 'unreadable') && !/^(HEAD|@|ORIG_HEAD|FETCH_HEAD)$/.test(t)) r.paths.push(a);
    else if (!t.includes(':')) r.revs.push(t);
  });
  return r;
}

/** Perl's and Ruby's switches: `-e`/`-E` take the program, and letters that take the rest of their word (`-i.bak`, `-Ilib`, `-rjson`, `-l`, `-0777`). */
const SCRIPT_SWITCHES = effectGrammar('eE', [], { attached: 'IMmlx0CdDFrWi' });

/** `perl -pe1 FILE`, `ruby -ne 'print' FILE`, `perl -e '…' FILE`: the files after the program text, and whether they are edited in place. */
export function scriptFileOperands(args: readonly ArgWord[]): { files: ArgWord[]; inPlace: boolean } {
  const read = readEffectArgs(args, SCRIPT_SWITCHES);
  const codeGiven = read.options.some((o) => o.name === 'e' || o.name === 'E');
  const inPlace = read.options.some((o) => o.name === 'i');
  return { files: codeGiven ? read.operands : read.operands.slice(1), inPlace };
}
