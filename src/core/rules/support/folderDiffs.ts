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
/** diff's options that take a separate value. */
const VALUED = new Set(['-x', '--exclude', '-X', '--exclude-from', '-I', '--ignore-matching-lines', '-C', '-U', '-F', '--show-function-line', '-L', '--label', '-W', '--width', '-S', '--starting-file', '--from-file', '--to-file', '--horizontal-lines', '--tabsize', '--color', '--palette', '-D', '--ifdef', '--line-format', '--old-line-format', '--new-line-format', '--unchanged-line-format', '--old-group-format', '--new-group-format', '--changed-group-format', '--unchanged-group-format']);
const BRIEF = /^(-q|--brief|--name-only|--name-status|--stat|--numstat|--shortstat|--summary|--quiet|--exit-code)$/;

function comparison(inv: Invocation, ctx: RuleContext): { operands: ArgWord[]; recursive: boolean; newFiles: boolean; cwd: string; shown: string } | undefined {
  const facts = ctx.facts;
  let words: readonly ArgWord[];
  let cwd = inv.cwd || facts.cwd;
  let git = false;
  if (DIFFS.has(inv.name)) words = inv.args;
  else if (inv.name === 'git') {
    const start = gitStart(inv, facts);
    if (start.sub !== 'diff' || !start.rest.some((a) => a.text === '--no-index')) return undefined;
    words = start.rest;
    cwd = start.cwd;
    git = true;
  } else return undefined;
  const operands: ArgWord[] = [];
  let recursive = git;
  let newFiles = git;
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!.text;
    if (t === '--') {
      operands.push(...words.slice(i + 1));
      break;
    }
    if (BRIEF.test(t)) return undefined;
    if (t.startsWith('--')) {
      if (t === '--recursive') recursive = true;
      if (t === '--new-file' || t === '--unidirectional-new-file') newFiles = true;
      if (!t.includes('=') && VALUED.has(t)) i++;
      continue;
    }
    if (t.startsWith('-') && t.length > 1) {
      if (!git && /^-[a-zA-Z]*r/.test(t)) recursive = true;
      if (!git && /^-[a-zA-Z]*[NP]/.test(t)) newFiles = true;
      if (!git && /^-[a-zA-Z]*q/.test(t)) return undefined;
      if (VALUED.has(t)) i++;
      continue;
    }
    operands.push(words[i]!);
  }
  if (operands.length !== 2) return undefined;
  return { operands, recursive, newFiles, cwd, shown: git ? 'git diff --no-index' : inv.name };
}

export function checkFolderDiffs(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  if (!facts.credentials) return [];
  const c = comparison(inv, ctx);
  if (!c || !c.recursive) return [];
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
