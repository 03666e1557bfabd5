import { isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';

/**
 * Skipping a secret scan for one command (session 26, issue #18): `git commit -n`/`--no-verify`,
 * `git push --no-verify`, `git -c core.hooksPath=ELSEWHERE commit`, `SKIP=gitleaks git commit`,
 * `HUSKY=0`, `LEFTHOOK=0`, when the hook that would not run scans for secrets (gitleaks, trufflehog,
 * detect-secrets, git-secrets, ggshield, talisman). Skipping a linter or a test hook for one commit is
 * routine and stays allowed (commitHooks.ts); a commit that skips the secret scan can carry a credential
 * into history, which a later push publishes and no rewrite fully takes back.
 */

const SECRET_SCANNERS = /\b(gitleaks|trufflehog|detect-secrets|git-secrets|ggshield|talisman|detect-private-key|secretlint|kingfisher|noseyparker)\b/;

/** The hooks each subcommand runs (githooks(5)). */
const HOOKS_RUN: Readonly<Record<string, readonly string[]>> = {
  commit: ['pre-commit', 'prepare-commit-msg', 'commit-msg'],
  merge: ['pre-merge-commit', 'commit-msg'],
  push: ['pre-push'],
  am: ['applypatch-msg', 'pre-applypatch'],
};

const HOOK_FOLDERS = ['.git/hooks', '.husky', '.githooks'];

/** The secret scanner a hook of the repository around `cwd` runs, with the hook's place; undefined when none does. */
function scanningHook(cwd: string, hooks: readonly string[], facts: Facts): { hook: string; scanner: string } | undefined {
  const roots = facts.workspaceRoots.filter((r) => isWithin(r, cwd) || r === cwd);
  for (const root of roots.length > 0 ? roots : [cwd]) {
    for (const folder of HOOK_FOLDERS) {
      for (const name of hooks) {
        const text = facts.readFile(`${root}/${folder}/${name}`);
        const m = text === undefined ? null : SECRET_SCANNERS.exec(text);
        if (m) return { hook: `${folder}/${name}`, scanner: m[1]! };
      }
    }
    const config = facts.readFile(`${root}/.pre-commit-config.yaml`) ?? facts.readFile(`${root}/lefthook.yml`);
    const m = config === undefined ? null : SECRET_SCANNERS.exec(config);
    if (m) return { hook: config === facts.readFile(`${root}/lefthook.yml`) ? 'lefthook.yml' : '.pre-commit-config.yaml', scanner: m[1]! };
  }
  return undefined;
}

function bypassFinding(how: string, found: { hook: string; scanner: string }): Finding {
  return {
    rule: 'commit-hooks.secret-scan-skipped',
    risk: 'protection-removal',
    severity: 'ask',
    reason: `${how} skips the hook ${found.hook}, which scans for secrets with ${found.scanner}: a credential this commit carries goes into history unchecked.`,
    targets: [{ kind: 'path', name: found.hook, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

export function secretScanSkipped(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  if (inv.name !== 'git') return [];
  const parsed = parsedArgs(inv.args, git);
  const sub = parsed.path[0];
  const hooks = sub === undefined ? undefined : HOOKS_RUN[sub];
  if (!hooks) return [];
  const sub1 = parsed.options.filter((o) => o.depth >= 1).map((o) => o.name);
  const hooksPath = parsed.options.filter((o) => o.depth === 0 && o.name === '-c').flatMap((o) => o.values).find((v) => /^core\.hookspath=/i.test(v));
  const skipVariable = ['SKIP', 'HUSKY', 'HUSKY_SKIP_HOOKS', 'LEFTHOOK', 'LEFTHOOK_EXCLUDE'].find((k) => {
    const v = inv.assignments[k];
    if (v === undefined) return false;
    return k === 'HUSKY' || k === 'LEFTHOOK' ? v === '0' || v === 'false' : k === 'HUSKY_SKIP_HOOKS' ? v !== '' && v !== '0' : SECRET_SCANNERS.test(v) || /\bsecret|\bleak/i.test(v);
  });
  let how: string | undefined;
  if (sub1.includes('--no-verify') || (sub === 'commit' && sub1.includes('-n'))) how = `git ${sub} --no-verify`;
  else if (hooksPath !== undefined) {
    // not an option reader: `-c`'s value is a `KEY=VALUE` setting.
    const folder = resolvePath(cwd, hooksPath.slice(hooksPath.indexOf('=') + 1), facts.home);
    const hasScanner = hooks.some((h) => SECRET_SCANNERS.test(facts.readFile(`${folder}/${h}`) ?? ''));
    if (!hasScanner) how = `git -c ${hooksPath} ${sub}`;
  } else if (skipVariable) how = `${skipVariable}=${inv.assignments[skipVariable]} git ${sub}`;
  if (!how) return [];
  const dir = parsed.options.filter((o) => o.depth === 0 && o.name === '-C').flatMap((o) => o.values).reduce((at, d) => resolvePath(at, d, facts.home), cwd);
  const found = scanningHook(dir, hooks, facts);
  return found ? [bypassFinding(how, found)] : [];
}
