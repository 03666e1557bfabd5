import { ownTable } from '../../ownTable';
import { resolvePath, isWithin } from '../../paths';
import type { Facts, Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { parsedArgs, toolArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';

/**
 * Git's hooks skipped for one command (issue #18, red team round 8): `git commit --no-verify` (or
 * `-n`) skips pre-commit and commit-msg, `git push --no-verify` pre-push, `git merge --no-verify`
 * pre-merge-commit and commit-msg, `git rebase --no-verify` pre-rebase. Where the repository has
 * such a hook (in `.git/hooks`, the folder `core.hooksPath` names, or husky's `.husky`), the check it
 * runs — a secret scanner, the tests — is what the option skips, so it asks and names the hook. A
 * repository without one loses nothing: the option stays allowed there.
 */

const SKIPPED: Readonly<Record<string, readonly string[]>> = ownTable({
  commit: ['pre-commit', 'commit-msg'],
  push: ['pre-push'],
  merge: ['pre-merge-commit', 'commit-msg'],
  rebase: ['pre-rebase'],
});

/** A hook file that runs something (not a `.sample`, not empty or only comments and `exit 0`). */
function runs(text: string | undefined): string | undefined {
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^(exit|return)(\s+0)?\s*;?$/.test(line)) continue;
    return line.length > 60 ? line.slice(0, 57) + '…' : line;
  }
  return undefined;
}

/** The hook folders git would run for the repository at `root`: the configured hooks path, `.git/hooks`, husky's. */
function hookFolders(root: string, facts: Facts): string[] {
  const configured = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(facts.readFile(`${root}/.git/config`) ?? '')?.[1];
  const global = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(facts.readFile(`${facts.home}/.gitconfig`) ?? '')?.[1];
  const path = configured ?? global;
  const folders = path !== undefined ? [resolvePath(root, path.replace(/^["']|["']$/g, ''), facts.home)] : [`${root}/.git/hooks`];
  // husky v9 points core.hooksPath at `.husky/_`, whose stubs run the scripts in `.husky/`.
  return [...folders, `${root}/.husky`];
}

export function hookBypass(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  if (inv.name !== 'git') return [];
  const parsed = parsedArgs(inv.args, git);
  const sub = parsed.path[0] ?? '';
  const hooks = SKIPPED[sub];
  if (hooks === undefined) return [];
  const a = toolArgs('git', parsed, git);
  // `commit -n`, also in a cluster of commit's switches (`-an`, `-nam msg`).
  const skips = a.has('--no-verify') || (sub === 'commit' && inv.args.some((w) => /^-[asvqSeuz]*n[a-zA-Z]*$/.test(w.text)));
  const facts = ctx.facts;
  const root = facts.workspaceRoots.filter((r) => isWithin(r, cwd)).sort((x, y) => y.length - x.length)[0];
  if (root === undefined) return [];
  if (!skips || a.has('--verify')) return managerSkips(inv, sub, hooks, root, facts);
  for (const folder of hookFolders(root, facts)) {
    for (const name of hooks) {
      const does = runs(facts.readFile(`${folder}/${name}`));
      if (does === undefined) continue;
      const shown = folder.startsWith(root + '/') ? `${folder.slice(root.length + 1)}/${name}` : `${folder}/${name}`;
      const pushTo = sub === 'push' ? parsed.operands.map((w) => w.text).slice(0, 2) : [];
      const env = ctx.environmentOf({ values: pushTo, remote: sub === 'push' });
      const target: Target = sub === 'push'
        ? { kind: 'repository', name: pushTo.join(' ') || 'the upstream branch', provider: 'git', remote: true, environment: env.environment, environmentReason: env.reason }
        : { kind: 'path', name: shown, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' };
      return [{
        rule: 'commit-hooks.hook-skipped',
        risk: 'protection-removal',
        severity: 'ask',
        reason: `git ${sub} --no-verify skips the repository's ${name} hook (${shown}), which runs \`${does}\`: that check does not run on this ${sub === 'push' ? 'push' : sub}.`,
        targets: [target],
      }];
    }
  }
  return [];
}

/** Hook ids of secret scanners (pre-commit's and lefthook's ids, by the tools' own names); also the scanners' program names. */
export const SECRET_SCANS = /^(gitleaks(-\w+)?|detect-secrets|trufflehog|ggshield|detect-private-key|detect-aws-credentials|talisman(-\w+)?|git-secrets|secretlint|ripsecrets|noseyparker|semgrep-secrets|kingfisher|betterleaks|secrets?-?scan\w*|check-secrets)$/i;

/**
 * A hook manager told by the environment to skip (round 9): pre-commit's `SKIP=gitleaks,…` and
 * lefthook's `LEFTHOOK_EXCLUDE=…` skip the named hook ids, a secret scanner among them; `HUSKY=0`
 * and `LEFTHOOK=0` skip every hook of that manager. Asks where the repository's hook for this
 * command runs that manager (or, for a named scanner, any hook at all); other skipped ids (a linter)
 * stay allowed.
 */
function managerSkips(inv: Invocation, sub: string, hooks: readonly string[], root: string, facts: Facts): Finding[] {
  const env = inv.assignments;
  const named = [env.SKIP, env.LEFTHOOK_EXCLUDE].flatMap((v) => (v ?? '').split(/[\s,]+/)).find((id) => SECRET_SCANS.test(id));
  const all: [string, RegExp][] = [];
  if (/^(0|false)$/i.test(env.HUSKY ?? '') || /^(1|true)$/i.test(env.HUSKY_SKIP_HOOKS ?? '')) all.push(['HUSKY=0', /husky/i]);
  if (/^(0|false)$/i.test(env.LEFTHOOK ?? '')) all.push(['LEFTHOOK=0', /lefthook/i]);
  if (/^(1|true)$/i.test(env.OVERCOMMIT_DISABLE ?? '')) all.push(['OVERCOMMIT_DISABLE=1', /overcommit/i]);
  if (named === undefined && all.length === 0) return [];
  for (const folder of hookFolders(root, facts)) {
    for (const name of hooks) {
      const text = facts.readFile(`${folder}/${name}`);
      const does = runs(text);
      if (does === undefined) continue;
      const how = named !== undefined ? `${env.SKIP !== undefined && env.SKIP.includes(named) ? 'SKIP' : 'LEFTHOOK_EXCLUDE'}=${named}` : all.find(([, mark]) => mark.test(text ?? '') || folder.endsWith('/.husky'))?.[0];
      if (how === undefined) continue;
      const shown = folder.startsWith(root + '/') ? `${folder.slice(root.length + 1)}/${name}` : `${folder}/${name}`;
      return [{
        rule: 'commit-hooks.hook-skipped',
        risk: 'protection-removal',
        severity: 'ask',
        reason: `${how} git ${sub} skips ${named !== undefined ? `the ${named} secret scan of` : 'every check of'} the repository's ${name} hook (${shown}, which runs \`${does}\`): that check does not run on this ${sub}.`,
        targets: [{ kind: 'path', name: shown, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
      }];
    }
  }
  return [];
}
