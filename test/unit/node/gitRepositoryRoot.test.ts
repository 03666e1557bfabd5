import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitHistoryPaths } from '../../../src/node/gitHistoryPaths';
import { gitRepositoryRoot, gitPathStates, isGitDirectory } from '../../../src/node/gitPathState';

/**
 * Which repository git answers for: a `.git` folder git does not accept (an empty one, as a tool or an
 * agent may leave) is passed over as git passes over it, so paths are read against the repository git
 * really uses; a `.git` file git cannot follow means no repository; a linked work tree is its own root.
 */

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

describe('node/gitPathState: the repository git answers for', () => {
  let root: string;
  let repo: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitroot-')));
    repo = path.join(root, 'repo');
    fs.mkdirSync(path.join(repo, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'sub', 'kept.txt'), 'committed\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('takes a real git directory, and passes over an empty .git folder inside the repository', () => {
    assert.equal(isGitDirectory(path.join(repo, '.git')), true);
    fs.mkdirSync(path.join(repo, 'sub', '.git'));
    assert.equal(isGitDirectory(path.join(repo, 'sub', '.git')), false);
    assert.equal(gitRepositoryRoot(path.join(repo, 'sub')), repo);
    // git answers for the enclosing repository, and the paths are read against it: the file is committed.
    const file = path.join(repo, 'sub', 'kept.txt');
    assert.deepEqual(gitPathStates(path.join(repo, 'sub'), [file]), { [file]: 'unmodified' });
    fs.writeFileSync(file, 'changed\n');
    assert.deepEqual(gitPathStates(path.join(repo, 'sub'), [file]), { [file]: 'modified' });
    const history = gitHistoryPaths(path.join(repo, 'sub'), { kind: 'log', revs: [] });
    assert.deepEqual(history?.paths, [file]);
  });

  it('an empty .git folder outside any repository is no repository: git is not asked about another one', () => {
    const lone = path.join(root, 'lone');
    fs.mkdirSync(path.join(lone, '.git'), { recursive: true });
    fs.writeFileSync(path.join(lone, 'a.txt'), 'x\n');
    assert.equal(gitRepositoryRoot(lone), undefined);
    assert.equal(gitPathStates(lone, [path.join(lone, 'a.txt')]), undefined);
    assert.equal(gitHistoryPaths(lone, { kind: 'log', revs: [] }), undefined);
  });

  it('a .git file git cannot follow ends the search: no repository, even inside one', () => {
    fs.writeFileSync(path.join(repo, 'sub', '.git'), 'not a gitdir line\n');
    assert.equal(gitRepositoryRoot(path.join(repo, 'sub')), undefined);
    fs.writeFileSync(path.join(repo, 'sub', '.git'), 'gitdir: ../nowhere\n');
    assert.equal(gitRepositoryRoot(path.join(repo, 'sub')), undefined);
    assert.equal(gitPathStates(path.join(repo, 'sub'), [path.join(repo, 'sub', 'kept.txt')]), undefined);
  });

  it('a linked work tree (a gitdir: file with a commondir) is its own repository root', () => {
    const linked = path.join(root, 'linked');
    git(repo, 'worktree', 'add', '-q', '-b', 'side', linked);
    assert.equal(gitRepositoryRoot(path.join(linked, 'sub')), linked);
    const file = path.join(linked, 'sub', 'kept.txt');
    assert.deepEqual(gitPathStates(linked, [file]), { [file]: 'unmodified' });
  });

  it('a half-made git directory (HEAD but no objects) is passed over like an empty one', () => {
    fs.mkdirSync(path.join(repo, 'sub', '.git', 'refs'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'sub', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    assert.equal(gitRepositoryRoot(path.join(repo, 'sub')), repo);
  });
});
