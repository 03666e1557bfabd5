import { git } from '../../registry/tools/git';
import { parsedArgs } from '../../registry/commandModel';
import { hasOption } from '../../registry/grammar';
import { gitStart } from '../support/gitGlobals';
import type { Facts, Finding, Invocation } from '../../policy/types';
import type { PerimeterView } from './protectedPaths';
import { protectedChangesOfMoves } from './gitState';

/**
 * A linked work tree checked out at another commit (red team round 6): `git worktree add ../old HEAD~1 &&
 * cd ../old`. The new folder holds that commit's hook configurations, team policy and agent settings
 * (older ones, or none), and what the agent runs there is guarded by those. Whether they differ from the
 * ones in force here is asked of git (the files that differ between the two trees); when they do, or git
 * cannot say, it asks. A work tree of the current commit (`git worktree add ../feat -b feat`), or of a
 * branch whose protected files are the same, stays allowed, as do `list`, `prune` and `remove`.
 */
export function worktreeCheckoutFindings(inv: Invocation, facts: Facts, view: PerimeterView): Finding[] {
  if (inv.name !== 'git' || inv.remote) return [];
  const start = gitStart(inv, facts);
  if (start.sub !== 'worktree') return [];
  const parsed = parsedArgs(inv.args, git);
  if (parsed.path[0] !== 'worktree' || parsed.path[1] !== 'add' || parsed.operands.length === 0) return [];
  const where = parsed.operands[0]!.text;
  const revision = parsed.operands[1];
  const orphan = hasOption(parsed, git, ['--orphan']);
  if (!orphan && (revision === undefined || revision.text === 'HEAD' || revision.text === '@')) return [];
  const ask = (what: string): Finding[] => [{ rule: 'self-protection.worktree-other-commit', risk: 'unanalyzable', severity: 'ask', reason: `git worktree add checks out ${orphan ? 'an empty branch' : revision!.text} at ${where}, ${what}: commands run there are guarded by that version, so it needs confirmation.`, targets: [{ kind: 'path', name: where, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] }];
  if (orphan) return ask("which holds none of this project's hook configurations or team policy");
  if (revision!.dynamic) return ask('a commit named at run time, whose hook configurations and team policy cannot be compared with these');
  const changed = protectedChangesOfMoves(start.cwd, [{ kind: 'tree', to: revision!.text }], facts, view);
  if (changed === undefined) return ask('whose hook configurations and team policy git could not compare with these');
  if (changed.length === 0) return [];
  return ask(`where ${changed[0]!.label} differs from the one in force here (older, or missing)`);
}
