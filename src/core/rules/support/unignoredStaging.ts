import { resolvePath } from '../../paths';
import type { Analysis, Finding, Invocation, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';
import { gitStart } from './gitGlobals';
import { sentOut } from './gitSecretRoads';

/**
 * An ignore rule undone on the line that then stages in bulk: `echo '!.env.production' >> .gitignore
 * && git add -A` takes the credential file the ignore file kept out. Git's view is read before the line
 * runs, so the staging rules see the file as ignored; the negated patterns written here are followed.
 */

const IGNORE_FILES = /(^|\/)(\.gitignore|\.git\/info\/exclude)$/;

/** `!pattern` lines an echo / printf / heredoc writes into an ignore file. */
function negatedPatterns(inv: Invocation): string[] {
  if (!inv.redirects.some((r) => (r.op === '>>' || r.op === '>') && IGNORE_FILES.test(r.target.text))) return [];
  const text = inv.name === 'echo' || inv.name === 'printf' ? inv.args.map((a) => a.text).join(' ') : inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : '';
  return [...text.replace(/\\n/g, '\n').matchAll(/(?:^|\s)!([^\s!]+)/gm)].map((m) => (m[1] as string).replace(/^\//, ''));
}

function stagesInBulk(inv: Invocation, ctx: RuleContext): boolean {
  if (inv.name !== 'git') return false;
  const { sub, rest } = gitStart(inv, ctx.facts);
  const words = rest.map((w) => w.text);
  if (sub === 'add') return words.some((w) => ['-A', '--all', '.', ':/', '-f', '--force'].includes(w) || /^-[a-zA-Z]*A/.test(w));
  if (sub === 'commit') return words.some((w) => w === '--all' || /^-[a-zA-Z]*a/.test(w));
  return false;
}

export function checkUnignoredStaging(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const negated: { pattern: string; dir: string }[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    const cwd = inv.cwd || facts.cwd;
    for (const pattern of negatedPatterns(inv)) negated.push({ pattern, dir: cwd });
    if (negated.length === 0 || !stagesInBulk(inv, ctx)) continue;
    for (const { pattern, dir } of negated) {
      if (/[*?[]/.test(pattern)) continue;
      const abs = resolvePath(dir, pattern, facts.home);
      const info = facts.fileStatus?.(abs) === 'file' ? infoFor(abs, facts) : undefined;
      const pushed = analysis.invocations.some((p) => p.name === 'git' && gitStart(p, facts).sub === 'push');
      const found = info ? [{ ...readFinding('stages', info, `A bulk git add or commit (after "!${pattern}" was written to the ignore file in this line)`), rule: 'credentials.unignored-staging' }] : [];
      if (found.length > 0) return pushed ? sentOut(found, ctx, [info?.path ?? '']) : found;
    }
  }
  return [];
}
