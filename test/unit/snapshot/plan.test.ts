import { strict as assert } from 'node:assert';
import { analyze } from '../../../src/core/policy/analyze';
import { classify } from '../../../src/core/policy/classify';
import { planSnapshot, wantsSnapshot, type SnapshotStep } from '../../../src/core/snapshot/plan';
import { testFacts } from '../support/policyFixtures';

/** The planner reads the engine's own analysis: every family of local destructive action, and what it never covers. */
describe('planSnapshot', () => {
  const ws = '/home/dev/shop';
  const facts = testFacts({ cwd: ws, workspaceRoots: [ws], files: { [`${ws}/notes.txt`]: 'x', [`${ws}/app.db`]: 'SQLite format 3' } });
  function plan(command: string) {
    const verdict = classify(command, facts, { lockdown: false });
    return planSnapshot({ verdict, invocations: analyze(command, facts).invocations, home: '/home/dev', workspaceRoots: [ws] });
  }
  const brief = (s: SnapshotStep): string => {
    switch (s.kind) {
      case 'paths':
        return `paths ${s.paths.join(' ')}`;
      case 'worktree':
        return `worktree ${s.pathspecs.join(' ')}`;
      case 'clean':
        return `clean ${s.flags.join('')} ${s.pathspecs.join(' ')}`.trim();
      case 'refs':
        return `refs ${s.refs.join(' ')}`;
      case 'stash':
        return `stash ${s.entries === 'all' ? 'all' : s.entries.join(' ')}`;
    }
  };

  const table: Array<[string, string[]]> = [
    ['rm -rf src', ['paths src']],
    ['sudo rm -r -f src legacy', ['paths src legacy']],
    ['bash -c "rm -rf src"', ['paths src']],
    ['cd src && rm -rf lib', ['paths lib']],
    ['rm -f src/*.md', ['paths src/*.md']],
    ['shred -n 3 notes.txt', ['paths notes.txt']],
    ['truncate -s 0 notes.txt', ['paths notes.txt']],
    [': > notes.txt', ['paths notes.txt']],
    ['mv notes.txt /dev/null', ['paths notes.txt']],
    ['cp /dev/null notes.txt', ['paths notes.txt']],
    ['find docs -name "*.md" -delete', ['paths docs']],
    ['sqlite3 app.db "DROP TABLE users"', ['paths app.db']],
    ['git reset --hard', ['worktree .']],
    ['git reset --hard origin/main', ['worktree .']],
    ['git -C sub reset --merge', ['worktree .']],
    ['git checkout -- .', ['worktree .']],
    ['git checkout -f', ['worktree .']],
    ['git restore .', ['worktree .']],
    ['git restore --source=HEAD~2 -- .', ['worktree .']],
    ['git checkout HEAD~1 -- src/*', ['worktree src/*']],
    ['git clean -fdx', ['clean -d-x']],
    // A pathspec of rebuilt output only (`build`, `node_modules`) loses nothing and asks nothing, so it
    // gets no snapshot (see `nothing` below); a folder of other untracked files does.
    ['git clean -f -d uploads', ['clean -d uploads']],
    ['git branch -D feature old-work', ['refs refs/heads/feature refs/heads/old-work']],
    ['git stash drop stash@{2}', ['stash stash@{2}']],
    ['git stash clear', ['stash all']],
    // Stop 38: options read by each program's one description (registry entries of shred, truncate, mv, cp, sqlite3 and
    // git), before, between and after the operands, glued and long.
    ['shred --iterations=3 -u notes.txt', ['paths notes.txt']],
    ['shred -un3 notes.txt', ['paths notes.txt']],
    ['shred notes.txt -n 3', ['paths notes.txt']],
    ['truncate --size 0 notes.txt', ['paths notes.txt']],
    ['truncate -s0 notes.txt', ['paths notes.txt']],
    ['truncate notes.txt -s 0', ['paths notes.txt']],
    ['mv --backup=numbered notes.txt /dev/null', ['paths notes.txt']],
    ['sqlite3 -cmd ".timeout 1" app.db "DROP TABLE users"', ['paths app.db']],
    ['sqlite3 -bail -separator , app.db "DELETE FROM users"', ['paths app.db']],
    ['git --no-pager checkout -f', ['worktree .']],
    ['git -c core.quotepath=off reset --hard', ['worktree .']],
    ['git checkout --conflict=merge -- .', ['worktree .']],
    ['git branch -q -D feature', ['refs refs/heads/feature']],
    ['git stash drop -q stash@{1}', ['stash stash@{1}']],
    ['git clean -e keep.txt -fd uploads', ['clean -d uploads']],
    ['git clean --force -x -d', ['clean -d-x']],
  ];
  for (const [command, expected] of table) {
    it(`${command} -> ${expected.join('; ')}`, () => {
      const p = plan(command);
      assert.deepEqual(p.steps.map(brief), expected, JSON.stringify(p));
    });
  }

  const nothing = ['ls -la', 'git status', 'git restore --staged src', 'rm notes-that-do-not-exist.txt', 'git clean -n', 'echo "rm -rf src"', 'rm -rf node_modules', 'git clean -f -d build', 'git clean -fX node_modules', 'git restore -S src', 'git clean --dry-run -fd', 'git branch -v'];
  for (const command of nothing) {
    it(`${command}: no snapshot`, () => assert.deepEqual(plan(command).steps, []));
  }

  it('a path chosen at run time is uncovered, never guessed', () => {
    const p = plan('rm -rf "$TARGET"');
    assert.deepEqual(p.steps, []);
    assert.match(p.uncovered.join('\n'), /run time/);
  });

  it('remote and history-rewriting parts are uncovered', () => {
    assert.deepEqual(plan("ssh db1 'rm -rf /srv/data'"), { steps: [], uncovered: [] });
    const mixed = plan("rm -rf src && ssh db1 'rm -rf /srv/data'");
    assert.deepEqual(mixed.steps.map(brief), ['paths src']);
    assert.match(mixed.uncovered.join('\n'), /db1:\/srv\/data on another machine/);
    assert.match(plan('git filter-branch --tree-filter "rm -f x" HEAD').uncovered.join('\n'), /rewritten history/);
    assert.match(plan('rm -rf src; psql -h localhost -d shop -c "DROP TABLE orders"').uncovered.join('\n'), /postgres database shop/);
  });

  it('only an ask that destroys something on this machine wants a snapshot', () => {
    assert.equal(wantsSnapshot({ decision: 'allow', production: false, risks: [], reasons: [], targets: [], confirm: null }), false);
    assert.equal(wantsSnapshot({ decision: 'deny', production: false, risks: ['catastrophic'], reasons: [], targets: [{ kind: 'path', name: '/', remote: false, environment: 'local', environmentReason: '' }], confirm: null }), false);
    assert.equal(wantsSnapshot({ decision: 'ask', production: false, risks: ['credential-read'], reasons: [], targets: [{ kind: 'credential', name: '.env', remote: false, environment: 'local', environmentReason: '' }], confirm: 'x' }), false);
    assert.equal(wantsSnapshot({ decision: 'ask', production: true, risks: ['destructive'], reasons: [], targets: [{ kind: 'volume', name: 'v', remote: true, environment: 'production', environmentReason: '' }], confirm: 'v' }), false);
  });
});
