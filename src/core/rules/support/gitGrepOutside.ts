import { isWithin } from '../../paths';
import { freeFormReadings } from '../../registry/freeForm';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { pathsOfWord } from './credentialPaths';
import { gitStart } from './gitGlobals';
import { searchListsOnly } from './printsNoContent';

/**
 * `git grep --no-index -e TOKEN -- ~/.aws` (round 11): without an index git grep searches any folder as
 * plain files, so a pathspec outside the workspace holding credential files prints their matching lines
 * (the workspace's own files are judged by the credential hunt's git grep check). Names or counts only
 * (`-l`, `-c`, `-q`) print no line.
 */
export function checkGitGrepOutside(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git' || !inv.args.some((a) => a.text === '--no-index')) return [];
  const facts = ctx.facts;
  const start = gitStart(inv, facts);
  if (start.sub !== 'grep' || searchListsOnly(start.rest, 'grep')) return [];
  for (const w of freeFormReadings(start.rest).usual.operands.slice(0, 16)) {
    for (const p of pathsOfWord(w, start.cwd, facts).slice(0, 4)) {
      if (facts.workspaceRoots.some((r) => p === r || isWithin(r, p))) continue;
      const info = facts.credentials?.filesUnder(p)[0];
      if (info) return [readFinding('searches', info, 'git grep --no-index (outside the repository)')];
    }
  }
  return [];
}
checkGitGrepOutside.reactsTo = (name: string): boolean => name === 'git';
