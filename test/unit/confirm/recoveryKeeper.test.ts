import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { planBackup } from '../../../src/core/backup/plan';
import { analyze } from '../../../src/core/policy/analyze';
import { classify } from '../../../src/core/policy/classify';
import type { ConfirmRequest } from '../../../src/core/protocol/ipc';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/merge';
import { planSnapshot } from '../../../src/core/snapshot/plan';
import { RecoveryKeeper, type RecoveryEngine, type RecoverySettings } from '../../../src/node/confirm/recoveryKeeper';
import { gatherFacts } from '../../../src/node/facts';
import { listSnapshots, newSnapshotId } from '../../../src/node/snapshot/snapshotStore';
import { estimateSnapshot, takeSnapshot } from '../../../src/node/snapshot/takeSnapshot';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });
}

describe('recovery keeper: the dialog promises a copy, the allow keeps it first', function () {
  this.timeout(30_000);
  let dir: string;
  let ws: string;
  let settings: RecoverySettings;
  let engine: RecoveryEngine;
  let keeper: RecoveryKeeper;

  const request = (command: string, id = 'req-1'): ConfirmRequest => {
    const facts = gatherFacts({ cwd: ws, workspaceRoots: [ws], env: {}, home: dir });
    return {
      type: 'confirm',
      version: 2,
      workspaceRoots: [ws],
      token: 't',
      id,
      host: 'claude',
      event: 'PreToolUse',
      action: { kind: 'shell', command, cwd: ws },
      verdict: classify(command, facts, { lockdown: false }),
      deadline: Date.now() + 60_000,
      dedupeKey: `key:${command}`,
    } as unknown as ConfirmRequest;
  };

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-keeper-')));
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
    gitIn(ws, 'init', '-q');
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'committed\n');
    gitIn(ws, 'add', '-A');
    gitIn(ws, 'commit', '-q', '-m', 'one');
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'uncommitted work\n');
    fs.writeFileSync(path.join(ws, 'src', 'notes.md'), 'untracked\n');
    settings = { snapshots: { ...DEFAULT_SETTINGS.snapshots }, offerDatabaseBackup: true };
    engine = { gatherFacts, analyze, planSnapshot, estimateSnapshot, takeSnapshot, newSnapshotId, planBackup, canDump: async () => ({ ok: true }) };
    keeper = new RecoveryKeeper({ engine: () => engine, guardHome: path.join(dir, 'guard'), userHome: dir, workspaceRoots: () => [ws], settings: () => settings, logger: quiet, env: process.env });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says "a copy is kept for 7 days: restore with …", then keeps that very snapshot once for twins', async () => {
    const req = request('rm -rf src');
    const section = await keeper.sectionFor(req);
    assert.ok(section && section.kind === 'recovery');
    assert.equal(section.recoverable, true);
    const id = /blast-shield restore (\S+) /.exec(section.summary)?.[1];
    assert.ok(id, section.summary);
    assert.match(section.summary, /^A copy is kept for 7 days: restore with blast-shield restore /);
    const answer = { decision: 'allow' as const, reason: 'Allowed once.' };
    const [first, twin] = await Promise.all([keeper.afterAnswer(req, answer), keeper.afterAnswer({ ...req, id: 'req-2', host: 'cursor' }, answer)]);
    assert.equal(first.decision, 'allow');
    assert.equal(first.snapshot, id);
    assert.deepEqual(twin, first);
    assert.match(first.reason, new RegExp(`A copy is kept: blast-shield restore ${id}`));
    assert.deepEqual(listSnapshots(path.join(dir, 'guard')).map((m) => m.id), [id]);
  });

  it('over the limit the dialog says it cannot be undone, and the allow stands without a copy', async () => {
    settings.snapshots.maxBytes = 5;
    const req = request('rm -rf src');
    const section = await keeper.sectionFor(req);
    assert.ok(section && section.kind === 'recovery');
    assert.equal(section.recoverable, false);
    assert.match(section.summary, /^This cannot be undone: no copy is kept because it would copy more than 5 B/);
    const out = await keeper.afterAnswer(req, { decision: 'allow', reason: 'ok' });
    assert.deepEqual(out, { decision: 'allow', reason: 'ok' });
    assert.deepEqual(listSnapshots(path.join(dir, 'guard')), []);
  });

  it('switched off in the settings: the dialog says so', async () => {
    settings.snapshots.enabled = false;
    const section = await keeper.sectionFor(request('git reset --hard'));
    assert.ok(section && section.kind === 'recovery');
    assert.match(section.summary, /switched off/);
  });

  it('a promised copy that fails turns the allow into a deny', async () => {
    engine = { ...engine, takeSnapshot: async () => Promise.reject(new Error('disk full')) };
    const req = request('git checkout -- .');
    await keeper.sectionFor(req);
    const out = await keeper.afterAnswer(req, { decision: 'allow', reason: 'ok' });
    assert.equal(out.decision, 'deny');
    assert.match(out.reason, /could not be kept \(disk full\)/);
  });

  it('never turns a deny into anything else, and takes no copy for it', async () => {
    const req = request('rm -rf src');
    await keeper.sectionFor(req);
    assert.deepEqual(await keeper.afterAnswer(req, { decision: 'deny', reason: 'no' }), { decision: 'deny', reason: 'no' });
    assert.deepEqual(listSnapshots(path.join(dir, 'guard')), []);
  });

  it('a second run of the same action gets its own snapshot id', async () => {
    const req = request('git reset --hard');
    await keeper.sectionFor(req);
    const one = await keeper.afterAnswer(req, { decision: 'allow', reason: 'a' });
    fs.writeFileSync(path.join(ws, 'src', 'a.ts'), 'more work\n');
    await keeper.sectionFor({ ...req, id: 'req-9' });
    const two = await keeper.afterAnswer({ ...req, id: 'req-9' }, { decision: 'allow', reason: 'b' });
    assert.ok(one.snapshot && two.snapshot && one.snapshot !== two.snapshot);
  });

  it('offers "back up first" for a reachable database and passes the ticked choice on with the allow only', async () => {
    const req = request('psql -h 127.0.0.1 -p 5433 -d shop -c "TRUNCATE orders, items"');
    const section = await keeper.sectionFor(req);
    assert.ok(section && section.kind === 'recovery' && section.backup);
    assert.equal(section.backup.available, true);
    assert.match(section.backup.label, /^Back up orders, items with pg_dump first \(PostgreSQL shop on 127\.0\.0\.1:5433\)/);
    keeper.choose(req.id, { backupFirst: true });
    assert.equal((await keeper.afterAnswer(req, { decision: 'allow', reason: 'ok' })).backupFirst, true);
    const unticked = request('psql -h 127.0.0.1 -p 5433 -d shop -c "TRUNCATE orders"', 'req-3');
    await keeper.sectionFor(unticked);
    keeper.choose(unticked.id, { backupFirst: false });
    assert.equal((await keeper.afterAnswer(unticked, { decision: 'allow', reason: 'ok' })).backupFirst, undefined);
  });

  it('does not offer it when the server does not answer, and says why', async () => {
    engine = { ...engine, canDump: async () => ({ ok: false, why: '127.0.0.1:5433: connect ECONNREFUSED' }) };
    const req = request('psql -h 127.0.0.1 -p 5433 -d shop -c "DROP TABLE orders"');
    const section = await keeper.sectionFor(req);
    assert.ok(section && section.kind === 'recovery' && section.backup);
    assert.equal(section.backup.available, false);
    assert.match(section.backup.why ?? '', /ECONNREFUSED/);
    keeper.choose(req.id, { backupFirst: true });
    assert.equal((await keeper.afterAnswer(req, { decision: 'allow', reason: 'ok' })).backupFirst, undefined, 'a choice the dialog did not offer is ignored');
  });
});
