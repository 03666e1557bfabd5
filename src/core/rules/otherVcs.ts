import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { toolNamed, toolNamesOf } from '../registry/commandModel';
import { checkCli } from './support/cliCommands';

/**
 * Version control besides git's own commands (described in `src/core/registry/tools/otherVcs.ts`):
 * Mercurial, Jujutsu, Subversion, stacked-branch tools and git extensions. Stripping or abandoning
 * history, discarding uncommitted changes, dropping content without another copy and pushing with
 * force ask; reading (log, status, diff) and ordinary submits stay allowed.
 */
export const otherVcsPack: RulePack = {
  id: 'vcs',
  title: 'Other version control (Mercurial, Jujutsu, Subversion, stacked-branch tools, git-lfs, git-annex)',
  commands: toolNamesOf('vcs'),
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = toolNamed(inv.name);
    return spec?.family === 'vcs' ? checkCli('vcs', spec, inv, ctx) : [];
  },
};
