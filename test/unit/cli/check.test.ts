import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * The check subcommand through a real process: the CLI bundle is built from the current sources
 * with esbuild.mjs's options for the cli entry, so a stale dist/ cannot hide a failure.
 */
describe('blast-shield check (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let cli: string;
  let ws: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-check-'));
    cli = path.join(dir, 'cli.js');
    await esbuild.build({ entryPoints: ['src/cli/main.ts'], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'drop.sql'), 'DROP TABLE users;\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function check(args: string[], input?: string) {
    const r = spawnSync(process.execPath, [cli, 'check', ...args], {
      cwd: ws,
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: path.join(dir, 'home'), BLAST_SHIELD_HOME: path.join(dir, 'guard') },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const exits: Array<[string[], number, string]> = [
    [['--', 'ls -la'], 0, 'allow'],
    [['--', 'rm', '-rf', 'src'], 3, 'ask (words joined)'],
    [['--', 'rm -rf src'], 3, 'ask'],
    [['--', 'rm -rf /'], 4, 'deny'],
    [['--lockdown', '--', 'rm -rf src'], 4, 'lockdown turns ask into deny'],
    [['--', 'psql -f drop.sql'], 3, 'reads the SQL file from the workspace'],
    [['--cwd', '/', '--', 'psql -f drop.sql'], 3, 'unreadable SQL file asks'],
    [['ls'], 0, 'command without --'],
    [[], 2, 'no command'],
    [['--'], 2, 'empty command'],
    [['--bogus', '--', 'ls'], 2, 'unknown option'],
    [['--cwd'], 2, '--cwd without a value'],
    [['--jsonl', '--', 'ls'], 2, '--jsonl with a command'],
  ];
  for (const [args, code, label] of exits) {
    it(`${label}: check ${args.join(' ')} exits ${code}`, () => {
      const r = check(args);
      assert.equal(r.code, code, r.stderr + r.stdout);
      if (code === 2) {
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
        assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
      }
    });
  }

  it('prints a readable verdict with targets, reasons and the confirm phrase', () => {
    const r = check(['--', 'git push --force origin main']);
    assert.equal(r.code, 3);
    assert.match(r.stdout, /^decision: ask$/m);
    assert.match(r.stdout, /^production: yes$/m);
    assert.match(r.stdout, /branch main .*production/);
    assert.match(r.stdout, /Force-pushes main to origin/);
    assert.match(r.stdout, /confirm: a human types "main"/);
  });

  it('--json prints the verdict object', () => {
    const r = check(['--json', '--', 'rm -rf src']);
    const v = JSON.parse(r.stdout);
    assert.equal(v.decision, 'ask');
    assert.equal(v.confirm, 'src');
    assert.deepEqual(Object.keys(v).sort(), ['confirm', 'decision', 'production', 'reasons', 'risks', 'targets']);
  });

  it('--help documents both forms and exits 0', () => {
    const r = check(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /check \[--lockdown\] \[--cwd DIR\] \[--json\] -- COMMAND/);
    assert.match(r.stdout, /check --jsonl/);
  });

  it('--jsonl answers one verdict per line, in order, with per-line cwd', () => {
    const lines = [
      { command: 'ls' },
      { command: 'rm -rf /' },
      { command: 'psql -f drop.sql', cwd: ws },
      { command: 'git reset --hard' },
    ].map((l) => JSON.stringify(l));
    const r = check(['--jsonl'], lines.join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(out.map((v) => v.decision), ['allow', 'deny', 'ask', 'ask']);
  });

  it('--jsonl applies each folder\'s team policy to every line of that folder (read once per folder)', () => {
    const team = path.join(dir, 'team');
    fs.mkdirSync(path.join(team, '.git'), { recursive: true });
    fs.writeFileSync(path.join(team, '.blast-shield.json'), JSON.stringify({ rules: [{ match: 'terraform apply*', decision: 'deny', reason: 'team rule' }] }));
    const lines = [
      { command: 'terraform apply', cwd: team },
      { command: 'terraform apply' },
      { command: 'ls', cwd: team },
      { command: 'terraform apply -auto-approve', cwd: team },
      { command: 'terraform apply' },
    ].map((l) => JSON.stringify(l));
    const r = check(['--jsonl'], lines.join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out[0].decision, 'deny', JSON.stringify(out[0]));
    assert.notEqual(out[1].decision, 'deny', JSON.stringify(out[1]));
    assert.equal(out[2].decision, 'allow');
    assert.equal(out[3].decision, 'deny', JSON.stringify(out[3]));
    assert.notEqual(out[4].decision, 'deny', JSON.stringify(out[4]));
  });

  it('--jsonl --lockdown denies what would ask', () => {
    const r = check(['--jsonl', '--lockdown'], JSON.stringify({ command: 'git reset --hard' }) + '\n');
    assert.equal(JSON.parse(r.stdout).decision, 'deny');
  });

  it('--jsonl: a malformed line gets a deny error line, the run continues, exit 2', () => {
    const r = check(['--jsonl'], ['{"command":"ls"}', 'not json', '', '{"cmd":"x"}', '{"command":"ls","cwd":3}', '{"command":"rm -rf ~"}'].join('\n'));
    assert.equal(r.code, 2);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(out.length, 5);
    assert.deepEqual(out.map((v) => v.decision), ['allow', 'deny', 'deny', 'deny', 'deny']);
    assert.deepEqual(out.map((v) => v.line), [undefined, 2, 4, 5, undefined]);
    assert.ok(typeof out[1].error === 'string');
  });

  it('names where a credential in the command came from, with or without a guard folder (and never creates one)', () => {
    const token = crypto.randomUUID();
    fs.mkdirSync(path.join(ws, 'legacy'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'legacy', 'config_backup.json'), JSON.stringify({ railway: { apiToken: token } }, null, 2));
    const curl = `curl -X POST https://backboard.railway.app/graphql/v2 -H 'Authorization: Bearer ${token}' -d '{"query":"mutation { volumeDelete(volumeId: \\"3f1c\\") }"}'`;
    const guard = path.join(dir, 'guard');
    fs.rmSync(guard, { recursive: true, force: true });
    const without = check(['--json', '--', curl]);
    assert.equal(without.code, 3, without.stderr);
    assert.match(without.stdout, /legacy\/config_backup\.json/, 'an index built in memory answers like a kept one');
    assert.ok(!without.stdout.includes(token), 'the value is never printed');
    assert.equal(fs.existsSync(guard), false, 'check does not create the guard folder');
    fs.mkdirSync(guard);
    const withIndex = check(['--json', '--', curl]);
    assert.equal(withIndex.code, 3, withIndex.stderr);
    assert.match(withIndex.stdout, /legacy\/config_backup\.json/);
    assert.ok(!withIndex.stdout.includes(token), 'the value is never printed');
    const batch = check(['--jsonl'], JSON.stringify({ command: curl }) + '\n');
    assert.match(batch.stdout, /legacy\/config_backup\.json/);
    fs.rmSync(path.join(ws, 'legacy'), { recursive: true, force: true });
  });
});
