import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AuditRecord } from '../../../src/core/audit/entry';
import { appendAudit, auditHeadPath, auditLogPath, readAuditEntries, verifyAuditLog } from '../../../src/node/audit/auditLog';

/**
 * A long-lived writer (the decision server, the editor) chains from the head it last wrote instead of
 * re-reading the log's tail, but only while both files are exactly as it left them: every change made
 * by anyone else, even one that puts the file's times back, is read and judged as before.
 */
const record = (n: number): AuditRecord => ({ host: 'claude', event: 'PreToolUse', kind: 'shell', subject: `echo ${n}`, decision: 'allow', decidedBy: 'policy', reasons: [] });

/** Guard homes made by this file, each holding a log of four entries this process wrote. */
const homes: string[] = [];
function logOfFour(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-audit-memo-'));
  homes.push(dir);
  for (let i = 1; i <= 4; i++) appendAudit(dir, record(i));
  return dir;
}

describe('audit log: appends chained from memory', () => {
  let home = '';
  beforeEach(() => void (home = logOfFour()));
  after(() => homes.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  const lines = (): string[] => fs.readFileSync(auditLogPath(home), 'utf8').split('\n').filter(Boolean);
  /** Rewrite the log in place (same inode) and put its access and modification times back. */
  const rewriteKeepingTimes = (ls: string[]): void => {
    const st = fs.statSync(auditLogPath(home));
    fs.writeFileSync(auditLogPath(home), ls.map((l) => l + '\n').join(''));
    fs.utimesSync(auditLogPath(home), st.atime, st.mtime);
  };

  it('one writer: each entry chains to the one before it and the log verifies', () => {
    for (let i = 5; i <= 40; i++) appendAudit(home, record(i));
    const entries = readAuditEntries(home);
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i]!.prev, entries[i - 1]!.hash);
    assert.deepEqual(verifyAuditLog(home), { ok: true, entries: 40, problems: [] });
  });

  it('another process appended meanwhile: this writer chains from the file, not from memory', () => {
    const script = `require('tsx/cjs'); require(${JSON.stringify(path.resolve(__dirname, '../../../src/node/audit/auditLog.ts'))}).appendAudit(process.argv[1], { host: 'cursor', event: 'e', kind: 'shell', subject: 'other', decision: 'allow', decidedBy: 'policy', reasons: [] });`;
    const r = spawnSync(process.execPath, ['-e', script, home], { stdio: 'inherit' });
    assert.equal(r.status, 0);
    appendAudit(home, record(5));
    const entries = readAuditEntries(home);
    assert.equal(entries.at(-2)!.subject, 'other');
    assert.equal(entries.at(-1)!.prev, entries.at(-2)!.hash);
    assert.deepEqual(verifyAuditLog(home), { ok: true, entries: 6, problems: [] });
  });

  it('a line edited in place with the times put back is still reported after the next append', () => {
    const ls = lines();
    ls[3] = ls[3]!.replace('"echo 4"', '"echo X"');
    rewriteKeepingTimes(ls);
    appendAudit(home, record(5));
    const r = verifyAuditLog(home);
    assert.equal(r.ok, false);
    assert.ok(r.problems.some((p) => p.line === 4 && /edited/.test(p.problem)));
  });

  it('a tail cut with the times put back keeps its gap visible after the next append (never re-chained)', () => {
    rewriteKeepingTimes(lines().slice(0, 2));
    appendAudit(home, record(5));
    const r = verifyAuditLog(home);
    assert.equal(r.ok, false);
    assert.equal(readAuditEntries(home).at(-1)!.seq, 5);
  });

  it('a log deleted, or replaced by another file, is read again: the gap stays visible', () => {
    fs.rmSync(auditLogPath(home));
    appendAudit(home, record(5));
    assert.equal(verifyAuditLog(home).ok, false);
    assert.equal(readAuditEntries(home)[0]!.seq, 5);
    const other = path.join(home, 'other.jsonl');
    fs.writeFileSync(other, lines().map((l) => l + '\n').join(''));
    fs.renameSync(other, auditLogPath(home));
    appendAudit(home, record(6));
    assert.equal(readAuditEntries(home).at(-1)!.seq, 6);
  });

  it('a head record changed by someone else is read again, as before', () => {
    fs.writeFileSync(auditHeadPath(home), JSON.stringify({ count: 9, lastHash: 'f'.repeat(64) }) + '\n');
    appendAudit(home, record(5));
    const last = readAuditEntries(home).at(-1)!;
    assert.equal(last.seq, 10);
    assert.equal(last.prev, 'f'.repeat(64));
    assert.equal(verifyAuditLog(home).ok, false);
  });
});
