import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { classify } from '../../../src/core/policy/classify';
import { DEFAULT_SNAPSHOT_LIMITS } from '../../../src/core/snapshot/manifest';
import { planSnapshot } from '../../../src/core/snapshot/plan';
import { gatherFacts } from '../../../src/node/facts';
import { newSnapshotId } from '../../../src/node/snapshot/snapshotStore';
import { takeSnapshot } from '../../../src/node/snapshot/takeSnapshot';

/** `blast-shield restore` and `blast-shield policy explain` through the built CLI. */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('blast-shield restore and policy explain (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let repo: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cli-restore-')));
    repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(path.join(repo, 'docs', 'guide.md'), '# Guide\n');
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', 'add', '-A'], { cwd: repo });
    execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'one'], { cwd: repo });
    fs.writeFileSync(path.join(repo, 'docs', 'guide.md'), '# Guide, edited\n');
    fs.writeFileSync(path.join(repo, 'docs', 'draft.md'), 'not committed\n');
    env = { PATH: process.env.PATH ?? '', HOME: path.join(dir, 'home'), BLAST_SHIELD_HOME: path.join(dir, 'guard') };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { cwd: repo, env: { ...env, ...extra }, encoding: 'utf8' });

  it('lists a snapshot and restores it byte for byte', async () => {
    const facts = gatherFacts({ cwd: repo, workspaceRoots: [repo], env: {}, home: env.HOME! });
    const command = 'rm -rf docs';
    const plan = planSnapshot({ verdict: classify(command, facts, { lockdown: false }), invocations: analyze(command, facts).invocations, home: env.HOME!, workspaceRoots: [repo] });
    const manifest = await takeSnapshot(plan, { guardHome: env.BLAST_SHIELD_HOME!, home: env.HOME!, limits: DEFAULT_SNAPSHOT_LIMITS }, { id: newSnapshotId(), action: command, cwd: repo });
    fs.rmSync(path.join(repo, 'docs'), { recursive: true });

    const list = cli(['restore']);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${manifest.id} `, 'm'));
    assert.match(list.stdout, /rm -rf docs/);
    const json = JSON.parse(cli(['restore', '--json']).stdout) as { id: string }[];
    assert.deepEqual(json.map((m) => m.id), [manifest.id]);

    const restored = cli(['restore', manifest.id]);
    assert.equal(restored.status, 0, restored.stderr + restored.stdout);
    assert.equal(fs.readFileSync(path.join(repo, 'docs', 'guide.md'), 'utf8'), '# Guide, edited\n');
    assert.equal(fs.readFileSync(path.join(repo, 'docs', 'draft.md'), 'utf8'), 'not committed\n');

    const missing = cli(['restore', '20990101-000000-ffff']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no snapshot 20990101-000000-ffff/);
    assert.equal(cli(['restore', 'a', 'b']).status, 2);
  });

  it('policy explain prints the effective values and the file each came from', () => {
    const managed = path.join(dir, 'managed.json');
    fs.writeFileSync(managed, JSON.stringify({ dialog: { timeoutSeconds: 45 }, production: { accounts: ['acme-prod-1'] } }));
    fs.writeFileSync(path.join(repo, '.blast-shield.json'), JSON.stringify({ production: { names: ['shop-main'] }, lockdown: false, bogus: true }));
    const r = cli(['policy', 'explain'], { BLAST_SHIELD_MANAGED_POLICY: managed });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`dialog timeout \\(seconds\\): 45 +\\(managed policy ${managed}\\)`));
    assert.match(r.stdout, /- acme-prod-1 +\(managed policy/);
    assert.match(r.stdout, new RegExp(`- shop-main +\\(repository policy ${path.join(repo, '.blast-shield.json')}\\)`));
    assert.match(r.stdout, /bogus is not a policy key/);
    const json = JSON.parse(cli(['policy', 'explain', '--json'], { BLAST_SHIELD_MANAGED_POLICY: managed }).stdout) as { settings: { dialogTimeoutSeconds: number } };
    assert.equal(json.settings.dialogTimeoutSeconds, 45);
    assert.equal(cli(['policy', 'nope']).status, 2);
  });
});
