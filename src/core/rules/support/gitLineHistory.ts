import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { resolvePath } from '../../paths';
import { infoFor, pathsOfWord } from './credentialPaths';
import { goneFileFindings } from './gitGoneFiles';

/**
 * `git log -L 1,40:web/config.js`, `git log -L:SECRET_KEY:server/settings.py`: the history of a range of
 * a file's lines, printed line by line. The file is the part after the last colon of each `-L` value.
 */
export function checkGitLineHistory(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name !== 'git' || !inv.args.some((a) => a.text === 'log')) return [];
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  const gone: { abs: string; text: string }[] = [];
  inv.args.forEach((a, i) => {
    const value = a.text === '-L' ? inv.args[i + 1]?.text : a.text.startsWith('-L') ? a.text.slice(2) : undefined;
    const file = value?.slice(value.lastIndexOf(':') + 1);
    if (!value?.includes(':') || !file) return;
    for (const p of pathsOfWord({ ...a, text: file, raw: file }, cwd, facts)) {
      const info = infoFor(p, facts);
      if (info) out.push(readFinding('prints the line history of', info, 'git log -L'));
    }
    const abs = resolvePath(cwd, file, facts.home);
    if (!a.dynamic && facts.fileStatus?.(abs) === 'missing') gone.push({ abs, text: file });
  });
  // A file gone from the work tree: its line history is judged by the text history held for it.
  out.push(...goneFileFindings(gone.map((g) => g.abs), gone.map((g) => g.text), cwd, ctx, 'git log -L'));
  return out;
}
checkGitLineHistory.reactsTo = (name: string): boolean => name === 'git';
