import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canonicalJson, isoTime } from '../../../src/core/audit/chain';
import type { AuditRecord } from '../../../src/core/audit/entry';
import { REDACTED, redactSecrets } from '../../../src/core/audit/redact';
import { appendAudit, auditHeadPath, auditLogPath, readAuditEntries, verifyAuditLog } from '../../../src/node/audit/auditLog';
import { fakeToken } from '../hosts/support';

const record = (n: number): AuditRecord => ({ host: 'claude', event: 'PreToolUse', kind: 'shell', subject: `echo ${n}`, decision: n % 2 ? 'allow' : 'deny', decidedBy: 'policy', reasons: [] });

describe('audit log', () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-audit-'));
    for (let i = 1; i <= 5; i++) appendAudit(home, record(i));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const lines = (): string[] => fs.readFileSync(auditLogPath(home), 'utf8').split('\n').filter(Boolean);
  const write = (ls: string[]): void => fs.writeFileSync(auditLogPath(home), ls.map((l) => l + '\n').join(''));

  it('chains entries and verifies an untouched log; the file is 0600', () => {
    const r = verifyAuditLog(home);
    assert.deepEqual(r, { ok: true, entries: 5, problems: [] });
    const entries = readAuditEntries(home);
    assert.equal(entries[1]!.prev, entries[0]!.hash);
    assert.equal(fs.statSync(auditLogPath(home)).mode & 0o777, 0o600);
  });

  it('detects an edited line', () => {
    const ls = lines();
    ls[2] = ls[2]!.replace('"decision":"allow"', '"decision":"deny"');
    write(ls);
    const r = verifyAuditLog(home);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.line === 3 && /edited/.test(p.problem)));
  });

  it('detects a deleted line', () => {
    const ls = lines();
    ls.splice(1, 1);
    write(ls);
    assert.ok(verifyAuditLog(home).problems.some((p) => p.line === 2));
  });

  it('detects an inserted line (even one with a valid-looking hash)', () => {
    const ls = lines();
    ls.splice(2, 0, ls[1]!);
    write(ls);
    assert.equal(verifyAuditLog(home).ok, false);
  });

  it('detects reordered lines', () => {
    const ls = lines();
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    write(ls);
    assert.equal(verifyAuditLog(home).ok, false);
  });

  it('detects a truncated tail through the head record, and keeps the gap visible after new appends', () => {
    write(lines().slice(0, 3));
    const r = verifyAuditLog(home);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.line === 0 && /truncated/.test(p.problem)));
    appendAudit(home, record(6));
    assert.equal(verifyAuditLog(home).ok, false);
  });

  it('detects a missing head record and garbage lines', () => {
    fs.unlinkSync(auditHeadPath(home));
    assert.ok(verifyAuditLog(home).problems.some((p) => /head record is missing/.test(p.problem)));
  });

  it('rewrites the head record in place: the exact head after each append, a longer stale one cut to length', () => {
    const head = (): string => fs.readFileSync(auditHeadPath(home), 'utf8');
    const last = (): string => readAuditEntries(home).at(-1)!.hash;
    assert.equal(head(), `{"count":5,"lastHash":"${last()}"}\n`);
    fs.writeFileSync(auditHeadPath(home), head().replace('\n', ' '.repeat(200) + '\n'));
    appendAudit(home, record(6));
    assert.equal(head(), `{"count":6,"lastHash":"${last()}"}\n`);
    assert.deepEqual(verifyAuditLog(home), { ok: true, entries: 6, problems: [] });
    assert.equal(fs.statSync(auditHeadPath(home)).mode & 0o777, 0o600);
  });

  it('writes entry times exactly as toISOString does', () => {
    const times = [0, 1, 999, -1, 951782400000, 951868799999, 1e12, 1798761599999, 253402300799999, -62167219200000, Date.UTC(2024, 1, 29, 23, 59, 59, 9)];
    for (let i = 0; i < 200; i++) times.push(Math.floor(Math.random() * 253402300799999));
    for (const t of times) assert.equal(isoTime(new Date(t)), new Date(t).toISOString(), String(t));
    for (const t of [253402300800000, -62167219200001, 8.64e15]) assert.equal(isoTime(new Date(t)), new Date(t).toISOString(), String(t));
    assert.throws(() => isoTime(new Date(NaN)), RangeError);
  });

  it('serialises canonically (sorted keys, no whitespace)', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: null }], u: undefined }), '{"a":[{"c":null,"d":2}],"b":1}');
  });

  it('concurrent hook processes do not corrupt the chain', async function () {
    this.timeout(30_000);
    const script = `
      require('tsx/cjs');
      const { appendAudit } = require(${JSON.stringify(path.resolve(__dirname, '../../../src/node/audit/auditLog.ts'))});
      for (let i = 0; i < 15; i++) appendAudit(process.argv[1], { host: 'cursor', event: 'e', kind: 'shell', subject: 'p' + process.pid + '-' + i, decision: 'allow', decidedBy: 'policy', reasons: [] });
    `;
    await Promise.all(
      Array.from({ length: 6 }, () => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', script, home], { stdio: 'inherit' });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child exit ${code}`))));
      })),
    );
    const r = verifyAuditLog(home);
    assert.deepEqual(r.problems, []);
    assert.equal(r.entries, 5 + 6 * 15);
  });
});

describe('redaction', () => {
  /** Each case makes [text, the secret inside it] at run time. */
  const cases: [string, () => [string, string]][] = [
    ['bearer token', () => ((k) => [`curl -H "Authorization: Bearer ${k}" https://api.example.com`, k])(fakeToken('', 40))],
    ['GitHub token', () => ((k) => [`git clone https://x:${k}@github.com/o/r`, k])(fakeToken('gh' + 'p_'))],
    ['Stripe-style key', () => ((k) => [`STRIPE=${k} node x.js`, k])(fakeToken('sk' + '_live_', 24))],
    ['URL password', () => ((k) => [`psql postgres://admin:${k}@db.prod.example.com/app`, k])(fakeToken('', 14))],
    ['--password value', () => ((k) => [`mysql --password ${k} -h db`, k])(fakeToken('', 12))],
    ['--password=value', () => ((k) => [`mysql --password=${k} -h db`, k])(fakeToken('', 12))],
    ['-pVALUE', () => ((k) => [`mysql -u root -p${k} app`, k])(fakeToken('', 12))],
    ['NAME_TOKEN=value', () => ((k) => [`RAILWAY_TOKEN=${k} railway up`, k])(fakeToken('', 10))],
    ['JSON token field', () => ((k) => [`curl -d '{"token": "${k}"}' https://x`, k])(fakeToken('', 20))],
    ['long high-entropy string', () => ((k) => [`deploy --key ${k}`, k])(fakeToken('9', 48))],
    ['AWS access key id', () => ((k) => [`aws configure set aws_access_key_id ${k}`, k])('AK' + 'IA' + fakeToken('', 16).toUpperCase())],
  ];
  for (const [name, make] of cases) {
    it(`hides a ${name}`, () => {
      const [text, secret] = make();
      const out = redactSecrets(text);
      assert.ok(out.includes(REDACTED), out);
      assert.ok(!out.includes(secret.slice(-8)), `${out} still shows the secret`);
      assert.equal(redactSecrets(out), out, 'idempotent');
    });
  }
  const keep = [
    'git status',
    'git reset --hard 3f2b9c1e8a7d4e6fb5c41d2e3f4a5b6c7d8e9f00',
    'railway volume delete 3f2b9c1e-8a7d-4e6f-b5c4-1d2e3f4a5b6c',
    'cat src/components/VeryLongComponentNameForTesting.tsx',
    'npm install --save-dev typescript@5.9.3',
    'mysql -p -u root',
  ];
  for (const text of keep) it(`keeps: ${text}`, () => assert.equal(redactSecrets(text), text));
});
