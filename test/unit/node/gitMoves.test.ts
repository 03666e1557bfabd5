import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { gitMoveChanges } from '../../../src/node/gitMoves';

/**
 * The files a git move changes, asked of a real repository: a branch that drops the hook
 * configuration and one that touches only sources, the commit that added the configuration, a stash
 * with and without untracked files, a branch only on a remote, a revision that names nothing. Then
 * the verdicts the perimeter builds on them, attack next to look-alike.
 */

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
  });
}

describe('node/gitMoves: which files a move to other commits changes', () => {
  let root: string;
  let repo: string;
  let home: string;
  const p = (rel: string): string => path.join(repo, rel);

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitmoves-')));
    repo = path.join(root, 'app');
    home = path.join(root, 'home');
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(p('src/a.ts'), 'export {};\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
    fs.mkdirSync(p('.cursor'));
    fs.writeFileSync(p('.cursor/hooks.json'), '{"version":1,"hooks":{"beforeShellExecution":[{"command":"blast-shield-hook hook cursor"}]}}\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'hooks');
    git(repo, 'checkout', '-q', '-b', 'feature');
    fs.appendFileSync(p('src/a.ts'), '// feature\n');
    git(repo, 'commit', '-qam', 'feature');
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'checkout', '-q', '-b', 'nohooks');
    git(repo, 'rm', '-q', '.cursor/hooks.json');
    git(repo, 'commit', '-qm', 'drop hooks');
    git(repo, 'update-ref', 'refs/remotes/origin/remote-only', 'nohooks');
    git(repo, 'checkout', '-q', 'main');
    fs.appendFileSync(p('src/a.ts'), '// wip\n');
    git(repo, 'stash', '-q');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a branch switch changes the files that differ between the trees', () => {
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'feature' }]), [p('src/a.ts')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'nohooks' }]), [p('.cursor/hooks.json')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'HEAD~1' }]), [p('.cursor/hooks.json')]);
  });

  it('a branch only on a remote is found when git would guess it, and a name of nothing adds nothing', () => {
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'remote-only', remoteGuess: true }]), [p('.cursor/hooks.json')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'remote-only' }]), []);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'tree', to: 'no-such-branch' }]), []);
  });

  it('commits replayed or undone, merges and stashes', () => {
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'commits', revisions: ['HEAD'] }]), [p('.cursor/hooks.json')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'commits', revisions: ['feature'] }]), [p('src/a.ts')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'merge', from: 'nohooks' }]), [p('.cursor/hooks.json')]);
    assert.deepEqual(gitMoveChanges(repo, [{ kind: 'stash', entry: 'stash@{0}' }]), [p('src/a.ts')]);
  });

  it('a revision spelled as an option is never handed to git', () => {
    assert.equal(gitMoveChanges(repo, [{ kind: 'tree', to: '--output=/tmp/x' }]), undefined);
  });

  describe('verdicts in that repository', () => {
    const facts = () => gatherFacts({ cwd: repo, workspaceRoots: [repo], env: { HOME: home, PATH: process.env.PATH }, home });
    const rows: readonly [string, 'deny' | 'not-denied'][] = [
      ['git checkout nohooks', 'deny'],
      ['git checkout remote-only', 'deny'],
      ['git merge nohooks', 'deny'],
      ['git revert --no-edit HEAD', 'deny'],
      ['git rebase --onto HEAD~1 HEAD', 'deny'],
      ['git update-ref HEAD HEAD~1 && git stash', 'deny'],
      ['git checkout feature', 'not-denied'],
      ['git merge feature', 'not-denied'],
      ['git cherry-pick feature', 'not-denied'],
      ['git stash pop', 'not-denied'],
      ['git checkout no-such-branch', 'not-denied'],
    ];
    for (const [command, expected] of rows) {
      it(`${expected}: ${command}`, () => {
        const v = classify(command, facts(), { lockdown: false });
        if (expected === 'deny') assert.equal(v.decision, 'deny', v.reasons.join(' | '));
        else assert.notEqual(v.decision, 'deny', v.reasons.join(' | '));
      });
    }
  });
});
