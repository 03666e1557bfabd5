import * as assert from 'node:assert/strict';
import type * as ChildProcess from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';

/**
 * How many git processes one decision starts, counted by wrapping `spawnSync` (the hook never finds git
 * through PATH: it runs the system's own git, src/node/trustedProgram.ts): within one facts object every git question (a repository's paths' states, a
 * history listing, a move's changes) is asked once, however many rules and nested commands ask it.
 */

/** The module object itself (an ES namespace import only has getters), as the hook's lazy `require` sees it. */
const childProcess = require('node:child_process') as typeof ChildProcess;

const realGit = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

function git(cwd: string, ...args: string[]): void {
  execFileSync(realGit, args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

(process.platform === 'win32' || realGit === '' ? describe.skip : describe)('node/facts: git processes per decision', () => {
  let root: string;
  let repo: string;
  let runs: string[] = [];
  let realSpawnSync: typeof childProcess.spawnSync;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitspawns-')));
    repo = path.join(root, 'repo');
    fs.mkdirSync(path.join(repo, '.cursor'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.cursor/hooks.json'), '{"version":1,"hooks":{}}\n');
    fs.writeFileSync(path.join(repo, 'src/a.ts'), 'export {};\n');
    fs.writeFileSync(path.join(repo, 'notes.txt'), 'kept\n');
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'init');
    git(repo, 'branch', 'feature');
    fs.writeFileSync(path.join(repo, 'scratch.txt'), 'not committed\n');
    runs = [];
    realSpawnSync = childProcess.spawnSync;
    (childProcess as { spawnSync: unknown }).spawnSync = ((program: string, args: readonly string[], ...rest: unknown[]) => {
      if (path.basename(program) === 'git') runs.push(args.join(' '));
      return (realSpawnSync as (...a: unknown[]) => unknown)(program, args, ...rest);
    }) as unknown;
  });
  afterEach(() => {
    (childProcess as { spawnSync: unknown }).spawnSync = realSpawnSync;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const spawned = (): string[] => [...runs];
  const decide = (command: string): { decision: string; runs: string[] } => {
    runs = [];
    const facts = gatherFacts({ cwd: repo, workspaceRoots: [repo], env: { HOME: root, PATH: process.env.PATH }, home: root });
    const decision = classify(command, facts, { lockdown: false }).decision;
    return { decision, runs: spawned() };
  };

  // Commands whose rules ask git, several times over in the same line.
  const LINES = [
    'git rebase -i HEAD~1',
    'git stash && git reset --hard && git stash pop',
    'git checkout feature && git checkout main && git merge feature',
    'echo a > scratch.txt; echo b > scratch.txt; echo c >> notes.txt; echo d > notes.txt',
    'git log -p && git show HEAD && git log -p',
    'bash -c "git reset --hard" && sh -c "git reset --hard" && git reset --hard',
  ];

  for (const line of LINES) {
    it(`asks each git question once: ${line}`, () => {
      const { runs } = decide(line);
      const repeated = runs.filter((r, i) => runs.indexOf(r) !== i);
      assert.deepEqual(repeated, [], `git started ${runs.length} times:\n${runs.join('\n')}`);
    });
  }

  it('a verdict is the same with the memo as without (a fresh facts object per question)', () => {
    // Fresh facts each time stand for the old behaviour: each question answered by git again.
    for (const line of LINES) assert.equal(decide(line).decision, decide(line).decision, line);
    fs.writeFileSync(path.join(repo, '.cursor/hooks.json'), '{"version":1,"hooks":{"beforeShellExecution":[{"command":"blast-shield-hook"}]}}\n');
    assert.equal(decide('git stash && git reset --hard').decision, 'deny');
  });

  it('overwriting a committed file asks git once (its blob); an untracked one asks the index and the ignore rules too', () => {
    const committed = decide('echo x > notes.txt');
    assert.equal(committed.runs.length, 1, committed.runs.join('\n'));
    assert.match(committed.runs[0]!, / ls-tree /);
    const untracked = decide('echo x > scratch.txt');
    assert.equal(untracked.runs.length, 3, untracked.runs.join('\n'));
  });

  it('a question git could not answer is not asked again in the same decision', () => {
    const { runs } = decide('git checkout no-such-branch && git checkout no-such-branch && git merge no-such-branch');
    const repeated = runs.filter((r, i) => runs.indexOf(r) !== i);
    assert.deepEqual(repeated, []);
  });
});
