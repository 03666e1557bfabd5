import type { Analysis, Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { hasFlag, flagValues, cliArgs } from '../registry/args';
import { parsedArgs } from '../registry/commandModel';
import { toolNamed, toolNamesOf } from '../registry/commandModel';
import { checkCli } from './support/cliCommands';

/**
 * Version control besides git's own commands (described in `src/core/registry/tools/otherVcs.ts`):
 * Mercurial, Jujutsu, Subversion, stacked-branch tools and git extensions. Stripping or abandoning
 * history, discarding uncommitted changes, dropping content without another copy and pushing with
 * force ask; reading (log, status, diff) and ordinary submits stay allowed.
 */
/**
 * `hg bookmark -d main && hg push -B main`: a bookmark deleted here and then pushed by name is deleted
 * on the remote too.
 */
function pushedDeletions(analysis: Analysis, ctx: RuleContext): Finding[] {
  const spec = toolNamed('hg');
  if (!spec) return [];
  const deleted = new Set<string>();
  const out: Finding[] = [];
  for (const inv of analysis.invocations) {
    if (inv.name !== 'hg' && inv.name !== 'chg') continue;
    const a = cliArgs(parsedArgs(inv.args, spec), spec, inv.args);
    const [sub, ...names] = a.positionals.map((w) => w.text);
    if (/^(bookmarks?|book)$/.test(sub ?? '') && hasFlag(a, ['-d', '--delete'])) names.forEach((n) => deleted.add(n));
    if (sub === 'push') {
      for (const name of flagValues(a, ['-B', '--bookmark']).filter((n) => deleted.has(n))) {
        const env = ctx.environmentOf({ values: [name], remote: true });
        out.push({ rule: 'vcs.hg-push-deleted-bookmark', risk: 'destructive', severity: 'ask', reason: `\`hg push -B ${name}\` after deleting the bookmark ${name} here deletes it on the remote too.`, targets: [{ kind: 'branch', name: `${name} (remote)`, provider: 'mercurial', remote: true, environment: env.environment, environmentReason: env.reason }] });
      }
    }
  }
  return out;
}

export const otherVcsPack: RulePack = {
  id: 'vcs',
  title: 'Other version control (Mercurial, Jujutsu, Subversion, stacked-branch tools, git-lfs, git-annex)',
  commands: toolNamesOf('vcs'),
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = toolNamed(inv.name);
    return spec?.family === 'vcs' ? checkCli('vcs', spec, inv, ctx) : [];
  },
  checkAnalysis: pushedDeletions,
};
