import * as assert from 'node:assert/strict';
import type * as ChildProcess from 'node:child_process';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/policy/classify';
import { gatherFacts } from '../../../src/node/facts';
import { historyClock } from '../../../src/node/gitHistoryPaths';
import { fake } from '../credentials/fakeSecrets';

/**
 * Every limit on a git question (its time limit, its output limit, the number of files or gone files
 * it looks at) cut short answers like the worst case: the decision asks and says the check was cut
 * short. Found under load: with the machine saturated, `git show` of a commit that deleted a password
 * file was allowed because the look-up of the deleted file's text ran out of time and counted as
 * "nothing there". Each limit is forced here (a git that always times out, a clock that jumps, more
 * files than the limit) and each row sits beside the same command answered in full.
 */

/** The module object itself, as the hook's lazy `require` sees it. */
const childProcess = require('node:child_process') as typeof ChildProcess;

const realGit = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

function git(cwd: string, ...args: string[]): void {
  execFileSync(realGit, ['-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } });
}

(process.platform === 'win32' || realGit === '' ? describe.skip : describe)('node: git limits cut short answer like the worst case', () => {
  let root: string;
  let repo: string;
  let realSpawnSync: typeof childProcess.spawnSync;
  let realNow: () => number;
  /** What the fake git does: 'real' runs git; 'timeout' answers as a git killed by its time limit. */
  let mode: 'real' | 'timeout' = 'real';

  before(function () {
    // Hundreds of files and three commits: slow on a loaded machine.
    this.timeout(120_000);
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitlimits-')));
    repo = path.join(root, 'repo');
    const write = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), text);
    };
    write('config/old_settings.py', `DATABASE = "${fake.postgresUrl(fake.password())}"\n`);
    write('src/index.ts', 'export const a = 1;\n');
    write('src/kept.ts', 'export const b = 1;\n');
    for (let i = 0; i < 260; i++) write(`big/f${String(i).padStart(3, '0')}.ts`, `export const n = ${i};\n`);
    for (let i = 0; i < 260; i++) write(`node_modules/pkg/f${i}.js`, 'module.exports = 1;\n');
    write('.gitignore', 'node_modules/\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'import');
    fs.rmSync(path.join(repo, 'config'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'drop the old settings');
    for (let i = 0; i < 30; i++) write(`many/r${String(i).padStart(2, '0')}.txt`, `${i}\n`);
    write('docs/a.md', '# notes\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'docs');
    fs.writeFileSync(path.join(repo, 'src/index.ts'), 'export const a = 2; // not committed\n');
    fs.writeFileSync(path.join(repo, 'big/f259.ts'), 'export const n = -1; // not committed\n');
    realSpawnSync = childProcess.spawnSync;
    realNow = historyClock.now;
    (childProcess as { spawnSync: unknown }).spawnSync = ((program: string, args: readonly string[], ...rest: unknown[]) => {
      if (mode === 'timeout' && path.basename(program) === 'git') {
        const error = Object.assign(new Error('spawnSync git ETIMEDOUT'), { code: 'ETIMEDOUT' });
        return { pid: 0, output: [null, Buffer.alloc(0), null], stdout: Buffer.alloc(0), stderr: null, status: null, signal: 'SIGTERM', error };
      }
      return (realSpawnSync as (...a: unknown[]) => unknown)(program, args, ...rest);
    }) as unknown;
  });
  afterEach(() => {
    mode = 'real';
    historyClock.now = realNow;
  });
  after(() => {
    (childProcess as { spawnSync: unknown }).spawnSync = realSpawnSync;
    fs.rmSync(root, { recursive: true, force: true });
  });

  const decide = (command: string): { decision: string; reasons: readonly string[] } => {
    const facts = gatherFacts({ cwd: repo, workspaceRoots: [repo], env: { HOME: root, PATH: process.env.PATH }, home: root });
    return classify(command, facts, { lockdown: false });
  };

  const HISTORY = ['git show HEAD~1', 'git log -p -2', 'git format-patch -2 --stdout', 'git diff HEAD~2 HEAD'];
  const DISCARDS = ['git restore src/index.ts', 'git checkout src/index.ts', 'rm src/index.ts', 'sort -o src/index.ts /dev/null', "python3 -c 'open(\"src/index.ts\",\"w\").close()'"];

  for (const command of HISTORY) {
    it(`a history that printed a deleted password file asks in full and when git runs out of time: ${command}`, () => {
      const full = decide(command);
      assert.equal(full.decision, 'ask');
      assert.match(full.reasons.join(' | '), /old_settings\.py, which holds .*since deleted/);
      mode = 'timeout';
      const cut = decide(command);
      assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
      assert.match(cut.reasons.join(' | '), /could not list in time/);
    });
  }

  it('the deleted file looked up after the time limit passed (a clock that jumps): the listing is incomplete, and asks', () => {
    let t = 0;
    historyClock.now = () => (t += 1000);
    const cut = decide('git show HEAD~1');
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    assert.match(cut.reasons.join(' | '), /could not list in time/);
  });

  it('a history of files that never held a secret stays allowed when answered in full', () => {
    assert.equal(decide('git show HEAD').decision, 'allow');
    assert.equal(decide('git log -p -1').decision, 'allow');
  });

  it('more revisions than one question lists (16): the rest is unknown, and asks', () => {
    assert.equal(decide(`git show ${Array(16).fill('HEAD').join(' ')}`).decision, 'allow');
    const cut = decide(`git show ${Array(17).fill('HEAD').join(' ')}`);
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    assert.match(cut.reasons.join(' | '), /could not list in time/);
  });

  it('more files than are checked one by one for uncommitted work (24): asks; a few stay allowed', () => {
    const names = Array.from({ length: 30 }, (_, i) => `many/r${String(i).padStart(2, '0')}.txt`);
    assert.equal(decide(`rm ${names.slice(0, 3).join(' ')}`).decision, 'allow');
    const cut = decide(`rm ${names.join(' ')}`);
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    assert.match(cut.reasons.join(' | '), /names more than 24 files/);
  });

  it('more paths brought back from history than are followed one by one (32): any later read below the folder is judged as brought back', () => {
    const many = Array.from({ length: 33 }, (_, i) => `src/x${i}.ts`).join(' ');
    const command = `git checkout HEAD~2 -- ${many} config/old_settings.py && cat config/old_settings.py`;
    const verdict = decide(command);
    assert.equal(verdict.decision, 'ask', verdict.reasons.join(' | '));
    assert.match(verdict.reasons.join(' | '), /old_settings\.py, which holds/);
  });

  it('a file brought back from the history and read: asks in full and when git runs out of time', () => {
    const command = 'git checkout HEAD~2 -- config/old_settings.py && cat config/old_settings.py';
    assert.equal(decide(command).decision, 'ask');
    mode = 'timeout';
    const cut = decide(command);
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    assert.match(cut.reasons.join(' | '), /could not read from git's history in time/);
  });

  for (const command of DISCARDS) {
    it(`uncommitted work overwritten asks in full and when git runs out of time: ${command}`, () => {
      assert.equal(decide(command).decision, 'ask');
      mode = 'timeout';
      const cut = decide(command);
      assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
      assert.match(cut.reasons.join(' | '), /could not say in time|cut short/);
    });
  }

  it('a committed file with no changes stays allowed when git answers', () => {
    assert.equal(decide('rm src/kept.ts').decision, 'allow');
    assert.equal(decide('sort -o src/kept.ts /dev/null').decision, 'allow');
  });

  it('a folder with more files than one question looks at (260) is unknown, not judged by its first 256: asks', () => {
    const cut = decide('git checkout big');
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    // A rebuilt folder holds nobody's work, however many files it has.
    assert.equal(decide('rm -rf node_modules').decision, 'allow');
  });
});

(process.platform === 'win32' || realGit === '' ? describe.skip : describe)('node: files gone from the work tree, past what one history question reads', () => {
  let root: string;
  let repo: string;
  before(function () {
    this.timeout(120_000);
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-gitgone-')));
    repo = path.join(root, 'repo');
    fs.mkdirSync(path.join(repo, 'few'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'many'), { recursive: true });
    for (let i = 0; i < 10; i++) fs.writeFileSync(path.join(repo, 'few', `n${i}.txt`), `${i}\n`);
    for (let i = 0; i < 260; i++) fs.writeFileSync(path.join(repo, 'many', `n${i}.txt`), `${i}\n`);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'import');
    fs.rmSync(path.join(repo, 'few'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'drop a few');
    fs.rmSync(path.join(repo, 'many'), { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'drop many');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const decide = (command: string): { decision: string; reasons: readonly string[] } =>
    classify(command, gatherFacts({ cwd: repo, workspaceRoots: [repo], env: { HOME: root, PATH: process.env.PATH }, home: root }), { lockdown: false });

  it('ten deleted files, each read from git and holding no secret: allowed', () => {
    assert.equal(decide('git show HEAD~1').decision, 'allow');
  });

  it('260 deleted files (more than the 256 one question reads): the rest may have held a secret, and it asks', () => {
    const cut = decide('git show HEAD');
    assert.equal(cut.decision, 'ask', cut.reasons.join(' | '));
    assert.match(cut.reasons.join(' | '), /could not list in time/);
  });
});
