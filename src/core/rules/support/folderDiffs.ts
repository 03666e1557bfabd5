import { effectGrammar, has, readEffectArgs } from '../../policy/effectOptions';
import type { ArgWord, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';
import { absoluteOf } from './renamedCredentials';

/**
 * A recursive comparison of folders prints the files it compares: with `-N` (`--new-file`) a file
 * present on one side only is printed whole against an empty one (`diff -rN /tmp/empty ~/.ssh` prints
 * every key), and a file on both sides prints its differing lines. `git diff --no-index` of folders
 * always shows a one-sided file whole. `diff -q` (names only) and folders without credential files
 * stay allowed (`diff -r a/ b/` of source folders).
 */

const DIFFS = new Set(['diff', 'colordiff', 'gdiff']);
/** diff's options that take a value (GNU diff's reference). */
const DIFF = effectGrammar('xXICUFLWSD', ['exclude', 'exclude-from', 'ignore-matching-lines', 'context', 'unified', 'show-function-line', 'label', 'width', 'starting-file', 'from-file', 'to-file', 'horizontal-lines', 'tabsize', 'color', 'palette', 'ifdef', 'line-format', 'old-line-format', 'new-line-format', 'unchanged-line-format', 'old-group-format', 'new-group-format', 'changed-group-format', 'unchanged-group-format']);
/** `git diff`'s options that take a value. */
const GIT_DIFF = effectGrammar('OSGU', ['output', 'src-prefix', 'dst-prefix', 'line-prefix', 'relative', 'diff-algorithm', 'anchored', 'color-moved', 'color-moved-ws', 'ws-error-highlight', 'word-diff-regex', 'inter-hunk-context', 'unified', 'diff-filter', 'find-object', 'output-indicator-new', 'output-indicator-old', 'output-indicator-context']);
/** Options that print names or counts only. */
const BRIEF = ['q', 'brief', 'name-only', 'name-status', 'stat', 'numstat', 'shortstat', 'summary', 'quiet', 'exit-code', 'dirstat'];

function comparison(inv: Invocation, ctx: RuleContext): { operands: ArgWord[]; recursive: boolean; newFiles: boolean; cwd: string; shown: string } | undefined {
  const facts = ctx.facts;
  if (DIFFS.has(inv.name)) {
    const read = readEffectArgs(inv.args, DIFF);
    if (has(read, ...BRIEF)) return undefined;
    return { operands: read.operands, recursive: has(read, 'r', 'recursive'), newFiles: has(read, 'N', 'new-file', 'P', 'unidirectional-new-file'), cwd: inv.cwd || facts.cwd, shown: inv.name };
  }
  if (inv.name !== 'git') return undefined;
  const start = gitStart(inv, facts);
  if (start.sub !== 'diff') return undefined;
  const read = readEffectArgs(start.rest, GIT_DIFF);
  if (!has(read, 'no-index') || has(read, ...BRIEF)) return undefined;
  // `git diff --no-index` of folders is recursive, and a file on one side only is shown whole.
  return { operands: read.operands, recursive: true, newFiles: true, cwd: start.cwd, shown: 'git diff --no-index' };
}

export function checkFolderDiffs(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  if (!facts.credentials) return [];
  const c = comparison(inv, ctx);
  if (!c || !c.recursive || c.operands.length !== 2) return [];
  const sides = c.operands.map((w) => (w.dynamic ? [] : pathsOfWord(w, c.cwd, facts)).map((p) => p.replace(/\/+$/, '')));
  if (sides.some((s) => s.length !== 1)) return [];
  const [left, right] = [sides[0]![0]!, sides[1]![0]!];
  for (const [side, other] of [[left, right], [right, left]] as const) {
    if (facts.fileStatus?.(side) !== 'directory') continue;
    for (const info of facts.credentials.filesUnder(side).slice(0, 256)) {
      const abs = absoluteOf(info, side, facts);
      if (abs === undefined) continue;
      const counterpart = other + abs.slice(side.length);
      const printed = c.newFiles || facts.fileStatus?.(counterpart) === 'file';
      if (printed) return [readFinding('prints', info, `${c.shown} (comparing the folders ${c.operands[0]!.text} and ${c.operands[1]!.text}${c.newFiles ? ', a file on one side only printed whole' : ''})`)];
    }
  }
  return [];
}
