import { strict as assert } from 'node:assert';
import { gitPack } from '../../../src/core/rules/git';
import type { Finding } from '../../../src/core/policy/types';
import { runPack } from '../support/packRun';
import { invocation, plainContext, testFacts } from '../support/policyFixtures';

/** One word as the shell reads it back. */
const quote = (word: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** The pack's findings for `git <argv>`, through the engine's real path (shell analysis, `findingsOf`). */
function run(argv: string[], facts = testFacts()): Finding[] {
  return runPack(gitPack, ['git', ...argv].map(quote).join(' '), facts).findings;
}

const cases: Array<[string, string | null]> = [
  ['push --force', 'git.push-force'],
  ['push -f origin main', 'git.push-force'],
  ['push --force origin feature/x', 'git.push-force'],
  ['push --force-with-lease origin main', 'git.push-force'],
  ['push --force-with-lease=main:abc origin main', 'git.push-force'],
  ['push origin +main', 'git.push-force'],
  ['push origin +refs/heads/main:refs/heads/main', 'git.push-force'],
  ['push origin --delete old-branch', 'git.push-delete'],
  ['push -d origin old-branch', 'git.push-delete'],
  ['push origin :old-branch', 'git.push-delete'],
  ['push --mirror backup', 'git.push-mirror'],
  ['push --prune origin', 'git.push-prune'],
  ['-C ../repo push -f origin main', 'git.push-force'],
  ['-c user.name=x push --force', 'git.push-force'],
  ['reset --hard', 'git.reset-hard'],
  ['reset --hard HEAD~3', 'git.reset-hard'],
  ['reset --hard origin/main', 'git.reset-hard'],
  ['reset --merge', 'git.reset-hard'],
  ['clean -f', 'git.clean'],
  ['clean -fd', 'git.clean'],
  ['clean -fdx', 'git.clean'],
  ['clean -xdf', 'git.clean'],
  ['clean --force -d', 'git.clean'],
  ['checkout -- .', 'git.checkout-discard'],
  ['checkout .', 'git.checkout-discard'],
  ['checkout HEAD -- .', 'git.checkout-discard'],
  ['checkout -f main', 'git.checkout-discard'],
  ['checkout -- "*.ts"', 'git.checkout-discard'],
  ['restore .', 'git.restore-worktree'],
  ['restore --worktree .', 'git.restore-worktree'],
  ['restore --source=HEAD~2 :/', 'git.restore-worktree'],
  ['restore --staged --worktree .', 'git.restore-worktree'],
  ['branch -D feature', 'git.branch-force-delete'],
  ['branch --delete --force feature', 'git.branch-force-delete'],
  ['branch -d -f feature', 'git.branch-force-delete'],
  ['branch -f main HEAD~10', 'git.branch-force-move'],
  ['branch --force release origin/release~3', 'git.branch-force-move'],
  ['stash clear', 'git.stash-clear'],
  ['stash drop', 'git.stash-drop'],
  ['stash drop stash@{2}', 'git.stash-drop'],
  ['filter-branch --tree-filter "rm -f x" HEAD', 'git.history-rewrite'],
  ['filter-repo --path secrets --invert-paths', 'git.history-rewrite'],
  ['reflog expire --expire=now --all', 'git.reflog-expire'],
  ['gc --prune=now', 'git.gc-prune'],
  ['gc --prune=all --aggressive', 'git.gc-prune'],
  ['update-ref -d refs/heads/main', 'git.update-ref-delete'],
  // routine
  ['status', null],
  ['push', null],
  ['push origin main', null],
  ['push -u origin feature/x', null],
  ['push --tags', null],
  ['commit -m "git reset --hard"', null],
  ['commit -am "push --force later"', null],
  ['checkout main', null],
  ['checkout -b feature/new', null],
  ['checkout -- src/index.ts', null],
  ['restore --staged .', null],
  ['restore src/index.ts', null],
  ['reset', null],
  ['reset HEAD~1', null],
  ['reset --soft HEAD~1', null],
  ['clean -n', null],
  ['clean -fdn', null],
  ['branch -d merged', null],
  ['branch -f feature', null],
  ['branch -f -u origin/main main', null],
  ['branch -M main', null],
  ['branch feature', null],
  ['stash', null],
  ['stash pop', null],
  ['stash list', null],
  ['gc', null],
  ['reflog', null],
  ['log --oneline', null],
  ['rm -r --cached dist', null],
];

describe('git pack', () => {
  for (const [cmd, rule] of cases) {
    it(`git ${cmd} -> ${rule ?? 'nothing'}`, () => {
      const argv = cmd.match(/"[^"]*"|\S+/g)!.map((w) => w.replace(/^"|"$/g, ''));
      const findings = run(argv);
      if (rule === null) assert.deepEqual(findings, []);
      else {
        assert.ok(findings.some((f) => f.rule === rule && f.severity === 'ask'), JSON.stringify(findings));
      }
    });
  }

  it('treats a force-push to main as production and to a feature branch as non-production', () => {
    assert.equal(run(['push', '-f', 'origin', 'main'])[0]?.targets[0]?.environment, 'production');
    assert.equal(run(['push', '-f', 'origin', 'feature/x'])[0]?.targets[0]?.environment, 'non-production');
  });

  it('names the checked-out branch from .git/HEAD when no refspec is given', () => {
    const facts = testFacts({ files: { '/work/app/.git/HEAD': 'ref: refs/heads/main\n' } });
    const [f] = run(['push', '--force'], facts);
    assert.equal(f?.targets[0]?.name, 'main');
    assert.equal(f?.targets[0]?.environment, 'production');
    const [g] = run(['push', '-f'], testFacts({ files: { '/work/app/.git/HEAD': 'ref: refs/heads/feature/x\n' } }));
    assert.equal(g?.targets[0]?.name, 'feature/x');
    assert.equal(run(['push', '-f'])[0]?.targets[0]?.name, 'the current branch');
  });

  it('names the branch in the target', () => {
    const t = run(['push', 'origin', '--delete', 'release-1'])[0]?.targets[0];
    assert.equal(t?.name, 'release-1');
    assert.equal(t?.remote, true);
  });

  it('a branch in the production map is production', () => {
    const ctx = plainContext(testFacts({ production: { names: ['demo-live'], hosts: [], resourceIds: [] } }));
    const f = gitPack.checkInvocation?.(invocation(['git', 'push', '-f', 'origin', 'customer-x']), {
      ...ctx,
      environmentOf: (h) => (h.values.includes('customer-x') ? { environment: 'production', reason: 'mapped' } : ctx.environmentOf(h)),
    });
    assert.equal(f?.[0]?.targets[0]?.environment, 'production');
    assert.equal(f?.[0]?.targets[0]?.environmentReason, 'mapped');
  });
});
