import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { classify } from '../../../src/core/policy/classify';
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from '../../../src/core/snapshot/manifest';
import { planSnapshot } from '../../../src/core/snapshot/plan';
import { gatherFacts } from '../../../src/node/facts';
import { restoreSnapshot } from '../../../src/node/snapshot/restoreSnapshot';
import { listSnapshots, newSnapshotId, pruneSnapshots, readManifest, snapshotDir } from '../../../src/node/snapshot/snapshotStore';
import { estimateSnapshot, SnapshotRefused, takeSnapshot, type SnapshotContext } from '../../../src/node/snapshot/takeSnapshot';

/**
 * Delete, reset, clean, checkout, branch and stash commands run for real in a temp repository after a
 * snapshot; the restore must bring back every byte, mode and symlink, the index and HEAD.
 */

function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

/** Every file, folder and symlink under `root` (no .git), with content hash and mode. */
function treeOf(root: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string, rel: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (name === '.git' || skip(r)) continue;
      const full = path.join(dir, name);
      const st = fs.lstatSync(full);
      if (st.isSymbolicLink()) out[r] = `link ${fs.readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[r + '/'] = `dir ${(st.mode & 0o777).toString(8)}`;
        visit(full, r);
      } else out[r] = `file ${(st.mode & 0o777).toString(8)} ${crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
    }
  };
  visit(root, '');
  return out;
}

interface RepoState {
  tree: Record<string, string>;
  head: string;
  staged: string;
  unstaged: string;
  branches: string;
  stashes: string;
}

const regenerable = (rel: string) => rel.split('/').includes('node_modules');

function stateOf(repo: string): RepoState {
  return {
    tree: treeOf(repo, regenerable),
    head: gitIn(repo, 'rev-parse', 'HEAD').trim(),
    staged: gitIn(repo, 'diff', '--cached', '--binary'),
    unstaged: gitIn(repo, 'diff', '--binary'),
    branches: gitIn(repo, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads'),
    stashes: gitIn(repo, 'stash', 'list', '--format=%H %gs'),
  };
}

describe('snapshots: keep what an approved action destroys, restore it byte for byte', function () {
  this.timeout(60_000);
  let dir: string;
  let repo: string;
  let ctx: SnapshotContext;

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-snap-')));
    repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    ctx = { guardHome: path.join(dir, 'guard'), home: path.join(dir, 'home'), limits: { ...DEFAULT_SNAPSHOT_LIMITS } };
    gitIn(repo, 'init', '-q');
    fs.writeFileSync(path.join(repo, '.gitignore'), '*.log\nnode_modules/\n.env\n');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'one\n');
    fs.mkdirSync(path.join(repo, 'src', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src', 'x.ts'), 'export const x = 1;\n');
    fs.writeFileSync(path.join(repo, 'src', 'sub', 'y.ts'), 'export const y = 2;\n');
    fs.writeFileSync(path.join(repo, 'src', 'run.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    fs.symlinkSync('x.ts', path.join(repo, 'src', 'link.ts'));
    gitIn(repo, 'add', '-A');
    gitIn(repo, 'commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'two\n');
    gitIn(repo, 'commit', '-q', '-am', 'second');
    gitIn(repo, 'branch', 'feature');
    gitIn(repo, 'checkout', '-q', 'feature');
    fs.writeFileSync(path.join(repo, 'feature.txt'), 'only on feature\n');
    gitIn(repo, 'add', 'feature.txt');
    gitIn(repo, 'commit', '-q', '-m', 'feature work');
    gitIn(repo, 'checkout', '-q', 'main');
    // Uncommitted work of every kind.
    fs.writeFileSync(path.join(repo, 'src', 'x.ts'), 'export const x = 42; // unstaged\n');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'three, staged\n');
    gitIn(repo, 'add', 'a.txt');
    fs.writeFileSync(path.join(repo, 'src', 'new.ts'), 'untracked\n');
    fs.writeFileSync(path.join(repo, 'src', 'debug.log'), Buffer.from([0, 1, 2, 255, 10]));
    fs.writeFileSync(path.join(repo, '.env'), 'NAME=value\n', { mode: 0o600 });
    fs.mkdirSync(path.join(repo, 'src', 'fresh', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src', 'fresh', 'deep', 'z.bin'), crypto.randomBytes(4096));
    fs.mkdirSync(path.join(repo, 'src', 'node_modules', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'src', 'node_modules', 'pkg', 'index.js'), 'module.exports = 1;\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function planFor(command: string, cwd = repo, roots = [repo]) {
    const facts = gatherFacts({ cwd, workspaceRoots: roots, env: {}, home: ctx.home });
    const verdict = classify(command, facts, { lockdown: false });
    return { verdict, plan: planSnapshot({ verdict, invocations: analyze(command, facts).invocations, home: ctx.home, workspaceRoots: roots }) };
  }

  async function keepThenRun(command: string, cwd = repo, roots = [repo]) {
    const { verdict, plan } = planFor(command, cwd, roots);
    assert.equal(verdict.decision, 'ask', `${command} should ask`);
    const estimate = await estimateSnapshot(plan, ctx);
    assert.ok(estimate.recoverable, `${command}: ${estimate.why}`);
    const manifest = await takeSnapshot(plan, ctx, { id: newSnapshotId(), action: command, cwd });
    execFileSync('bash', ['-c', command], { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com' } });
    return { manifest, estimate };
  }

  const roundTrips: Array<[string, (before: RepoState, after: RepoState) => void]> = [
    ['rm -rf src', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
    ['git reset --hard HEAD~1', (b, a) => assert.notEqual(a.head, b.head)],
    ['git clean -fdx', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
    ['git checkout -- .', (b, a) => assert.notEqual(a.unstaged, b.unstaged)],
    ['git restore .', (b, a) => assert.notEqual(a.unstaged, b.unstaged)],
    ['git branch -D feature', (b, a) => assert.notEqual(a.branches, b.branches)],
    ['rm -rf src/sub src/new.ts && git reset --hard', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
    ['rm -f src/*.ts', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
    ['truncate -s 0 src/run.sh', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
    ['find src -name "*.log" -o -name "*.ts" -delete', (b, a) => assert.notDeepEqual(a.tree, b.tree)],
  ];
  for (const [command, changed] of roundTrips) {
    it(`${command}: snapshot, run, restore, same tree, index and HEAD`, async () => {
      const before = stateOf(repo);
      const { manifest } = await keepThenRun(command);
      const after = stateOf(repo);
      changed(before, after);
      const result = await restoreSnapshot(manifest.id, ctx);
      assert.ok(result.done.length > 0);
      assert.deepEqual(stateOf(repo), before);
    });
  }

  it('git stash drop and git stash clear: the entries come back in order', async () => {
    fs.writeFileSync(path.join(repo, 'src', 'sub', 'y.ts'), 'stashed one\n');
    gitIn(repo, 'stash', 'push', '-q', '-m', 'first stash');
    fs.writeFileSync(path.join(repo, 'src', 'sub', 'y.ts'), 'stashed two\n');
    gitIn(repo, 'stash', 'push', '-q', '-m', 'second stash');
    const before = stateOf(repo);
    const drop = await keepThenRun('git stash drop stash@{1}');
    assert.notEqual(stateOf(repo).stashes, before.stashes);
    await restoreSnapshot(drop.manifest.id, ctx);
    assert.deepEqual(stateOf(repo).stashes, before.stashes);
    const clear = await keepThenRun('git stash clear');
    assert.equal(stateOf(repo).stashes, '');
    await restoreSnapshot(clear.manifest.id, ctx);
    assert.deepEqual(stateOf(repo).stashes, before.stashes);
  });

  it('files outside any repository are copied and restored, modes and symlinks included', async () => {
    const data = path.join(dir, 'data');
    fs.mkdirSync(path.join(data, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(data, 'nested', 'rows.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(data, 'secret.key'), crypto.randomBytes(64), { mode: 0o600 });
    fs.symlinkSync('nested/rows.csv', path.join(data, 'latest'));
    fs.chmodSync(path.join(data, 'nested'), 0o750);
    const before = treeOf(data);
    const { manifest } = await keepThenRun('rm -rf data', dir, [dir]);
    assert.equal(fs.existsSync(data), false);
    assert.ok(manifest.parts.some((p) => p.kind === 'files' && p.original === data));
    await restoreSnapshot(manifest.id, ctx);
    assert.deepEqual(treeOf(data), before);
  });

  it('keeps regenerable folders out of the copy and says so', async () => {
    const { estimate } = await keepThenRun('rm -rf src');
    assert.deepEqual(estimate.notKept, [path.join(repo, 'src', 'node_modules')]);
  });

  it('keeps tracked work as git objects under refs/blast-shield, untracked files in the trash', async () => {
    const { manifest } = await keepThenRun('rm -rf src');
    const refs = gitIn(repo, 'for-each-ref', '--format=%(refname)', `refs/blast-shield/snapshots/${manifest.id}`).trim().split('\n');
    assert.deepEqual(refs.sort(), [`refs/blast-shield/snapshots/${manifest.id}/w0/head`, `refs/blast-shield/snapshots/${manifest.id}/w0/stash`]);
    const copied = manifest.parts.filter((p) => p.kind === 'files').map((p) => (p.kind === 'files' ? path.relative(repo, p.original) : ''));
    assert.deepEqual(copied.sort(), ['src/debug.log', 'src/fresh', 'src/new.ts']);
    assert.equal(manifest.files, 3);
  });

  it('over the size limit: the estimate says why, and taking it is refused', async () => {
    const limits: SnapshotLimits = { ...DEFAULT_SNAPSHOT_LIMITS, maxBytes: 1000 };
    const small = { ...ctx, limits };
    const { plan } = planFor('rm -rf src');
    const estimate = await estimateSnapshot(plan, small);
    assert.equal(estimate.recoverable, false);
    assert.match(estimate.why ?? '', /more than 1000 B/);
    await assert.rejects(takeSnapshot(plan, small, { id: newSnapshotId(), action: 'rm -rf src', cwd: repo }), SnapshotRefused);
    assert.deepEqual(listSnapshots(ctx.guardHome), []);
    assert.equal(gitIn(repo, 'for-each-ref', 'refs/blast-shield'), '');
  });

  it('over the file-count and total-trash limits too', async () => {
    const { plan } = planFor('rm -rf src');
    assert.match((await estimateSnapshot(plan, { ...ctx, limits: { ...ctx.limits, maxFiles: 2 } })).why ?? '', /more than 2 files/);
    await takeSnapshot(plan, ctx, { id: newSnapshotId(), action: 'rm -rf src', cwd: repo });
    const full = await estimateSnapshot(plan, { ...ctx, limits: { ...ctx.limits, maxTotalBytes: 5000 } });
    assert.equal(full.recoverable, false);
    assert.match(full.why ?? '', /trash would grow past/);
  });

  it('a copy altered in the trash is not restored', async () => {
    const { manifest } = await keepThenRun('rm -rf src');
    const part = manifest.parts.find((p) => p.kind === 'files' && p.original.endsWith('new.ts'));
    assert.ok(part && part.kind === 'files');
    fs.writeFileSync(path.join(snapshotDir(ctx.guardHome, manifest.id), part.stored, 'root'), 'tampered\n');
    await assert.rejects(restoreSnapshot(manifest.id, ctx), /was changed or removed; nothing was restored/);
    assert.equal(fs.existsSync(path.join(repo, 'src')), false);
  });

  it('a restore keeps what it replaces, so it can be undone too', async () => {
    const { manifest } = await keepThenRun('git checkout -- .');
    fs.writeFileSync(path.join(repo, 'src', 'x.ts'), 'edited after the checkout\n');
    const result = await restoreSnapshot(manifest.id, ctx);
    assert.ok(result.before);
    assert.equal(readManifest(ctx.guardHome, result.before!)?.beforeRestoreOf, manifest.id);
    await restoreSnapshot(result.before!, ctx);
    assert.equal(fs.readFileSync(path.join(repo, 'src', 'x.ts'), 'utf8'), 'edited after the checkout\n');
  });

  it('a deleted branch that exists again is restored under another name', async () => {
    const { manifest } = await keepThenRun('git branch -D feature');
    gitIn(repo, 'branch', 'feature');
    const result = await restoreSnapshot(manifest.id, ctx);
    assert.match(result.notes.join('\n'), /feature exists again/);
    assert.match(gitIn(repo, 'branch', '--list', 'feature-restored-*'), /feature-restored-/);
  });

  it('expired snapshots are pruned with their refs', async () => {
    const { manifest } = await keepThenRun('git reset --hard');
    assert.equal(listSnapshots(ctx.guardHome).length, 1);
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    assert.deepEqual(await pruneSnapshots(ctx.guardHome, later), [manifest.id]);
    assert.deepEqual(listSnapshots(ctx.guardHome), []);
    assert.equal(gitIn(repo, 'for-each-ref', 'refs/blast-shield'), '');
  });

  it('a repository without commits: tracked files are copied instead', async () => {
    const fresh = path.join(dir, 'fresh');
    fs.mkdirSync(fresh);
    gitIn(fresh, 'init', '-q');
    fs.writeFileSync(path.join(fresh, 'f.txt'), 'staged, never committed\n');
    gitIn(fresh, 'add', 'f.txt');
    fs.writeFileSync(path.join(fresh, 'f.txt'), 'and edited\n');
    const before = treeOf(fresh);
    const facts = gatherFacts({ cwd: fresh, workspaceRoots: [fresh], env: {}, home: ctx.home });
    const verdict = classify('git checkout -- .', facts, { lockdown: false });
    const plan = planSnapshot({ verdict, invocations: analyze('git checkout -- .', facts).invocations, home: ctx.home, workspaceRoots: [fresh] });
    const manifest = await takeSnapshot(plan, ctx, { id: newSnapshotId(), action: 'git checkout -- .', cwd: fresh });
    execFileSync('git', ['checkout', '--', '.'], { cwd: fresh });
    assert.notDeepEqual(treeOf(fresh), before);
    await restoreSnapshot(manifest.id, ctx);
    assert.deepEqual(treeOf(fresh), before);
  });
});
