import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computePreview } from '../../../src/node/preview/computePreview';
import { planPreview } from '../../../src/core/preview/plan';
import { analyze } from '../../../src/core/policy/analyze';
import { testFacts } from '../support/policyFixtures';
import type { Verdict } from '../../../src/core/policy/types';
import type { ActionDescription } from '../../../src/core/protocol/ipc';

const verdict: Verdict = { decision: 'ask', production: false, risks: ['destructive'], reasons: [], targets: [], confirm: 'x' };

function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
}

describe('computePreview (read-only look-ups on a temp repository)', () => {
  let dir: string;
  // Planned from the engine's parse, as the editor plans it.
  const preview = (action: ActionDescription) => {
    const facts = testFacts({ cwd: dir, home: dir, workspaceRoots: [dir] });
    const invocations = action.kind === 'shell' ? analyze(action.command, facts).invocations : undefined;
    return computePreview(planPreview({ action, verdict, home: dir, invocations, facts }), { home: dir });
  };
  const shell = (command: string): ActionDescription => ({ kind: 'shell', command, cwd: dir });

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-preview-')));
    gitIn(dir, 'init', '-q');
    fs.writeFileSync(path.join(dir, 'a.txt'), 'one\n');
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build', 'out.js'), 'x'.repeat(2048));
    gitIn(dir, 'add', 'a.txt');
    gitIn(dir, 'commit', '-q', '-m', 'first');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists files and sizes for rm -rf, and deletes nothing', async () => {
    const p = await preview(shell('rm -rf build'));
    const s = p.sections[0]!;
    assert.equal(s.kind, 'files');
    if (s.kind !== 'files') return;
    assert.equal(s.totalFiles, 1);
    assert.equal(s.totalBytes, 2048);
    assert.deepEqual(s.entries.map((e) => e.path), ['build/', 'build/out.js']);
    assert.ok(fs.existsSync(path.join(dir, 'build', 'out.js')));
  });

  it('expands a glob within its directory', async () => {
    fs.writeFileSync(path.join(dir, 'x.log'), 'l');
    fs.writeFileSync(path.join(dir, 'y.log'), 'll');
    const s = (await preview(shell('rm *.log'))).sections[0]!;
    assert.equal(s.kind === 'files' && s.totalBytes, 3);
  });

  it('says so when the target does not exist', async () => {
    const s = (await preview(shell('rm -rf nothing-here'))).sections[0]!;
    assert.equal(s.kind, 'unavailable');
  });

  it('shows the uncommitted diff git reset --hard would lose', async () => {
    fs.writeFileSync(path.join(dir, 'a.txt'), 'one\ntwo\n');
    const s = (await preview(shell('git reset --hard'))).sections[0]!;
    assert.equal(s.kind, 'diff');
    if (s.kind === 'diff') assert.match(s.files[0]!.patch, /^\+two$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), 'one\ntwo\n');
  });

  it('lists what git clean would delete, without deleting', async () => {
    const s = (await preview(shell('git clean -fd'))).sections[0]!;
    assert.equal(s.kind, 'files');
    if (s.kind === 'files') assert.ok(s.entries.some((e) => e.path === 'build/out.js'));
    assert.ok(fs.existsSync(path.join(dir, 'build')));
  });

  it('lists remote commits a force push would overwrite (from the last fetch)', async () => {
    gitIn(dir, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(dir, 'b.txt'), 'b');
    gitIn(dir, 'add', 'b.txt');
    gitIn(dir, 'commit', '-q', '-m', 'remote work');
    gitIn(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    gitIn(dir, 'checkout', '-q', 'main');
    const s = (await preview(shell('git push --force origin main'))).sections[0]!;
    assert.equal(s.kind, 'commits');
    if (s.kind === 'commits') assert.deepEqual(s.commits.map((c) => c.subject), ['remote work']);
  });

  it('says plainly when the remote branch is unknown locally', async () => {
    const s = (await preview(shell('git push -f origin nowhere'))).sections[0]!;
    assert.equal(s.kind, 'unavailable');
    if (s.kind === 'unavailable') assert.match(s.reason, /never fetches/);
  });

  it('diffs a file write before/after', async () => {
    const s = (await preview({ kind: 'write', path: 'a.txt', cwd: dir, content: 'one\nchanged\n' })).sections[0]!;
    assert.equal(s.kind, 'diff');
    if (s.kind === 'diff') assert.match(s.files[0]!.patch, /^\+changed$/m);
  });

  it('turns a failing look-up into an unavailable section', async () => {
    const s = (await computePreview([{ kind: 'git-reset', cwd: path.join(dir, 'missing') }], { home: dir })).sections[0]!;
    assert.equal(s.kind, 'unavailable');
    if (s.kind === 'unavailable') assert.match(s.reason, /could not be computed/);
  });
});
