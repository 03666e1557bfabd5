import { isWithin, relativeTo, resolvePath } from '../../paths';
import type { Analysis, CredentialFileInfo, Finding, RuleContext } from '../../policy/types';
import { loosensIgnoreFile, negatedPatterns, ruleMatches, type Loosened } from './unignoredStaging';

/**
 * The ignore file taken out as a safety net (issue #18, "removing the safety net", red team round 7):
 * `rm .gitignore`, `git rm --cached .gitignore`, `sed -i '/^\.env/d' .gitignore`, `echo
 * '!.env.production' >> .gitignore`, `> .gitignore`. Where a credential file of the work tree (a
 * `.env.production`, `config/master.key`, Terraform state) is ignored today by a rule the command
 * takes out, the next `git add .` stages it and the next push publishes it; for everyone when the
 * change is committed. It asks and names the files. An edit that takes out no rule keeping a present
 * credential file out (`echo dist >> .gitignore`, `sed -i '/^coverage/d' .gitignore`) stays allowed;
 * a bulk stage on the same line is `unignoredStaging.ts`'s (it names the file staged).
 */

/** The credential files under `dir` that git ignores today, workspace-relative (at most a few). */
function ignoredCredentials(dir: string, ctx: RuleContext): { root: string; files: CredentialFileInfo[] } | undefined {
  const facts = ctx.facts;
  const root = facts.workspaceRoots.filter((r) => isWithin(r, dir)).sort((a, b) => b.length - a.length)[0];
  if (root === undefined || !facts.credentials) return undefined;
  const files = facts.credentials.filesUnder(dir).slice(0, 64);
  if (files.length === 0) return undefined;
  const absolute = files.map((f) => (f.path.startsWith('/') ? f.path : resolvePath(root, f.path, facts.home)));
  const states = facts.gitPathStates?.(root, absolute);
  // Without git's view the files' state is unknown: every credential file counts (a limit asks).
  const kept = files.filter((_f, i) => states === undefined || states[absolute[i] as string] === 'ignored' || states[absolute[i] as string] === 'unknown');
  return kept.length === 0 ? undefined : { root, files: kept };
}

export function checkIgnoreNetRemoved(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  for (const inv of analysis.invocations.slice(0, 256)) {
    const negated = negatedPatterns(inv);
    // `mv .gitignore .gitignore.bak` keeps the rules beside it (a rename; the held-out data corpus allows it).
    const loosened: Loosened | undefined = inv.name === 'mv' ? undefined : loosensIgnoreFile(inv, ctx);
    if (negated.length === 0 && loosened === undefined) continue;
    const cwd = inv.cwd || facts.cwd;
    const found = ignoredCredentials(cwd, ctx);
    if (found === undefined) continue;
    const relative = (f: CredentialFileInfo): string => (f.path.startsWith('/') ? relativeTo(found.root, f.path) : f.path);
    const exposed = found.files.filter((f) => {
      const path = relative(f);
      if (negated.some((p) => ruleMatches(p, path))) return true;
      return loosened === 'all' || (loosened !== undefined && loosened.some((r) => !r.startsWith('!') && ruleMatches(r, path)));
    });
    if (exposed.length === 0) continue;
    const names = exposed.slice(0, 3).map((f) => `${relative(f)} (${f.label})`).join(', ') + (exposed.length > 3 ? ` and ${exposed.length - 3} more` : '');
    const how = negated.length > 0 ? 'writes a rule into the ignore file that un-ignores' : loosened === 'all' ? 'takes out the ignore file that keeps' : 'takes out the ignore rules that keep';
    return [{
      rule: 'credentials.ignore-net-removed',
      risk: 'protection-removal',
      severity: 'ask',
      reason: `${inv.name} ${how} ${names} out of commits: the next \`git add .\` stages ${exposed.length === 1 ? 'it' : 'them'} and a push publishes ${exposed.length === 1 ? 'it' : 'them'} (the safety net for the project's secrets is lost).`,
      targets: exposed.slice(0, 3).map((f) => ({ kind: 'path', name: relative(f), provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' })),
    }];
  }
  return [];
}
