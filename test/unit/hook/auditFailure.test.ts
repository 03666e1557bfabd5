import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { HostId } from '../../../src/core/protocol/ipc';
import { runHook } from '../../../src/hook/runHook';
import { run as runAudit } from '../../../src/cli/audit';
import { runStatus } from '../../../src/cli/install';
import { auditFailuresPath, auditLogPath, readAuditFailures, recordAuditFailure } from '../../../src/node/audit/auditLog';
import type { CliIo } from '../../../src/cli/io';
import { decisionIn, fakeEngine, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

function captureIo(env: CliIo['env']): CliIo & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: (t) => out.push(t), readStdin: async () => '', env, cwd: '/' };
}

describe('hook: an audit log that cannot be written', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
    fs.mkdirSync(t.guardHome, { recursive: true });
    // a folder where the log file should be: every append fails
    fs.mkdirSync(auditLogPath(t.guardHome), { recursive: true });
  });
  afterEach(() => t.cleanup());

  const cases: Array<[string, HostId, string, 'allow' | 'deny']> = [
    ['an allow', 'claude', 'Bash.git-status', 'allow'],
    ['an unparseable payload (deny)', 'claude', '', 'deny'],
  ];
  for (const [name, host, fixture, expected] of cases) {
    it(`${name}: the decision stands, stderr warns, and the gap is recorded`, async () => {
      const text = fixture ? fixtureText(host, fixture, t.home) : JSON.stringify({ hook_event_name: 'PreToolUse' });
      const r = await runHook(host, text, t.env, { engine: fakeEngine(), ask: async () => ({ decision: 'deny', reason: 'test' }) });
      assert.equal(r.decision, expected);
      if (fixture) assert.equal(decisionIn(host, r.stdout), expected, r.stdout);
      assert.match(r.stderr ?? '', /could not be written to the audit log/);
      const failures = readAuditFailures(t.guardHome);
      assert.equal(failures.count, 1);
      assert.match(failures.last?.reason ?? '', new RegExp(`claude .* ${expected}`));
    });
  }

  it('`audit verify` reports the gap and exits 1; without failures it exits 0', async () => {
    await runHook('claude', fixtureText('claude', 'Bash.git-status', t.home), t.env, { engine: fakeEngine() });
    const io = captureIo(t.env);
    assert.equal(await runAudit(['verify'], io), 1);
    assert.match(io.out.join(''), /INCOMPLETE: 1 decision\(s\) could not be written/);

    fs.rmSync(auditLogPath(t.guardHome), { recursive: true });
    fs.rmSync(auditFailuresPath(t.guardHome));
    await runHook('claude', fixtureText('claude', 'Bash.git-status', t.home), t.env, { engine: fakeEngine() });
    const clean = captureIo(t.env);
    assert.equal(await runAudit(['verify'], clean), 0, clean.out.join(''));
    assert.doesNotMatch(clean.out.join(''), /INCOMPLETE/);
  });

  it('a writable log leaves no warning and no failures file', async () => {
    fs.rmSync(auditLogPath(t.guardHome), { recursive: true });
    const r = await runHook('claude', fixtureText('claude', 'Bash.git-status', t.home), t.env, { engine: fakeEngine() });
    assert.doesNotMatch(r.stderr ?? '', /audit log/);
    assert.equal(fs.existsSync(auditFailuresPath(t.guardHome)), false);
  });
});

describe('status: audit failures', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  it('prints a line about unwritten decisions only when there are some', async () => {
    const before = captureIo(t.env);
    assert.equal(await runStatus([], before), 0);
    assert.doesNotMatch(before.out.join(''), /audit:/);
    recordAuditFailure(t.guardHome, 'claude PreToolUse allow: EACCES');
    recordAuditFailure(t.guardHome, 'claude PreToolUse deny: EACCES');
    const after = captureIo(t.env);
    assert.equal(await runStatus([], after), 0);
    assert.match(after.out.join(''), /audit: 2 decision\(s\) could not be written to the audit log \(latest .*: claude PreToolUse deny: EACCES\)/);
  });
});
