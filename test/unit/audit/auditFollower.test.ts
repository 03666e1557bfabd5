import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditRecord } from '../../../src/core/audit/entry';
import { appendAudit, auditLogPath } from '../../../src/node/audit/auditLog';
import { AuditFollower, type HookEventSeen } from '../../../src/node/audit/auditFollower';

/**
 * The editor's per-host "last event" comes from the audit lines hook processes append (the hook sends
 * no separate notice). Only whole lines of real hook calls count.
 */
describe('AuditFollower: hook events from the audit log', () => {
  let home: string;
  let seen: HookEventSeen[];
  const record = (over: Partial<AuditRecord> = {}): AuditRecord => ({ host: 'claude', event: 'PreToolUse', kind: 'shell', subject: 'git status', decision: 'allow', decidedBy: 'policy', reasons: [], ...over });

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-follow-'));
    seen = [];
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('starts at the end: history is not news; then delivers each appended decision', () => {
    appendAudit(home, record({ host: 'cursor', event: 'beforeShellExecution' }));
    const f = new AuditFollower(auditLogPath(home), (e) => seen.push(e));
    assert.equal(f.poll(), 0);
    const at = new Date('2026-11-22T10:00:00Z');
    appendAudit(home, record({ decision: 'deny', decidedBy: 'read-check' }), at);
    appendAudit(home, record({ host: 'cline', event: 'PreToolUse' }));
    assert.equal(f.poll(), 2);
    assert.deepEqual(seen[0], { host: 'claude', event: 'PreToolUse', decision: 'deny', at: at.getTime() });
    assert.equal(seen[1]!.host, 'cline');
    assert.equal(f.poll(), 0, 'nothing twice');
  });

  it('follows a log created after it started', () => {
    const f = new AuditFollower(auditLogPath(home), (e) => seen.push(e));
    assert.equal(f.poll(), 0);
    appendAudit(home, record());
    assert.equal(f.poll(), 1);
  });

  it('waits for a line being written to end before reading it', () => {
    const file = auditLogPath(home);
    fs.writeFileSync(file, '');
    const f = new AuditFollower(file, (e) => seen.push(e));
    const line = JSON.stringify({ host: 'vscode', event: 'PreToolUse', decision: 'allow', at: new Date().toISOString() });
    fs.appendFileSync(file, line.slice(0, 20));
    assert.equal(f.poll(), 0);
    fs.appendFileSync(file, line.slice(20) + '\n');
    assert.equal(f.poll(), 1);
    assert.equal(seen[0]!.host, 'vscode');
  });

  it('ignores the CLI, the terminal watch, unknown hosts and malformed lines', () => {
    const f = new AuditFollower(auditLogPath(home), (e) => seen.push(e));
    appendAudit(home, record({ host: 'cli' }));
    appendAudit(home, record({ host: 'vscode', event: 'terminalShellExecution', decidedBy: 'observed' }));
    fs.appendFileSync(auditLogPath(home), 'not json\n{"host":"nobody","event":"x","decision":"allow","at":"2026-01-01T00:00:00Z"}\n{"host":"claude","event":"PreToolUse","decision":"ask","at":"2026-01-01T00:00:00Z"}\n');
    assert.equal(f.poll(), 0);
    assert.deepEqual(seen, []);
  });

  it('skipToEnd passes over what was written (the self-test) without delivering it', () => {
    const f = new AuditFollower(auditLogPath(home), (e) => seen.push(e));
    appendAudit(home, record());
    f.skipToEnd();
    assert.equal(f.poll(), 0);
    appendAudit(home, record({ host: 'copilot', event: 'preToolUse' }));
    assert.equal(f.poll(), 1);
    assert.equal(seen[0]!.host, 'copilot');
  });

  it('starts over when the log is truncated or replaced, and survives a listener that throws', () => {
    appendAudit(home, record());
    appendAudit(home, record());
    const f = new AuditFollower(auditLogPath(home), (e) => {
      seen.push(e);
      throw new Error('listener failed');
    });
    fs.writeFileSync(auditLogPath(home), JSON.stringify({ host: 'cursor', event: 'beforeReadFile', decision: 'deny', at: new Date().toISOString() }) + '\n');
    assert.equal(f.poll(), 1);
    assert.equal(seen[0]!.event, 'beforeReadFile');
    fs.rmSync(auditLogPath(home));
    assert.equal(f.poll(), 0);
  });
});
