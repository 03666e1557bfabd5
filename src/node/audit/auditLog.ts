import * as fs from 'node:fs';
import * as path from 'node:path';
import { chainEntry, parseAuditLines, serializeEntry, verifyChain, type VerifyResult } from '../../core/audit/chain';
import { isAuditHead, type AuditEntry, type AuditHead, type AuditRecord } from '../../core/audit/entry';
import { sha256Hex } from '../hashing';
import { GUARD_PATHS } from '../guardHome';

/**
 * The audit log on disk: `audit.jsonl` (0600) in the guard home, one hash-chained entry per line, and
 * `audit.head.json` holding the last hash and count (so a truncated tail is detectable). Hook
 * processes run concurrently: appends happen under an exclusive lock file, with a bounded retry.
 */

export { sha256Hex };

export function auditLogPath(home: string): string {
  return GUARD_PATHS.auditLog(home);
}
export function auditHeadPath(home: string): string {
  return path.join(home, 'audit.head.json');
}
/** One JSON line per decision that could not be appended (see recordAuditFailure). */
export function auditFailuresPath(home: string): string {
  return path.join(home, 'audit.failures');
}
function lockPath(home: string): string {
  return GUARD_PATHS.auditLog(home) + '.lock';
}

const LOCK_WAIT_MS = 2000;
const STALE_LOCK_MS = 10_000;
const TAIL_BYTES = 256 * 1024;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function acquireLock(home: string): () => void {
  const file = lockPath(home);
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          fs.unlinkSync(file);
        } catch {
          // removed as stale by another process
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(file).mtimeMs > STALE_LOCK_MS) {
          fs.unlinkSync(file);
          continue;
        }
      } catch {
        continue;
      }
      if (Date.now() - start > LOCK_WAIT_MS) throw new Error('the audit log is locked by another process');
      sleepSync(Math.min(50, 2 + attempt * 3));
    }
  }
}

function readHead(home: string): AuditHead | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(auditHeadPath(home), 'utf8')) as unknown;
    return isAuditHead(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The last entry actually in the file (the head file can lag after a crash between the two writes). */
function lastEntryInFile(home: string): AuditEntry | undefined {
  let fd: number;
  try {
    fd = fs.openSync(auditLogPath(home), 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    // Read backwards in growing windows until the window holds one whole last line.
    for (let window = 4096; ; window *= 4) {
      const len = Math.min(size, window);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size - len);
      const text = buf.toString('utf8').replace(/\n+$/, '');
      const nl = text.lastIndexOf('\n');
      if (nl >= 0 || len === size || len >= TAIL_BYTES) {
        const entries = parseAuditLines(nl >= 0 ? text.slice(nl + 1) : text);
        return entries[entries.length - 1];
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Written in place under the append lock (no other writer can interleave); a torn head only makes
 * `verify` complain. Overwritten, not truncated first: on ext4 (auto_da_alloc) emptying a file that
 * held data and writing it again forces its blocks to disk, ~0.5 ms of every hook call, while the
 * count only grows, so the new text covers the old (a longer old file is cut to the new length).
 */
function writeHead(home: string, head: AuditHead): void {
  const bytes = Buffer.from(JSON.stringify(head) + '\n', 'utf8');
  let fd: number;
  try {
    fd = fs.openSync(auditHeadPath(home), 'r+');
  } catch {
    fs.writeFileSync(auditHeadPath(home), bytes, { mode: 0o600 });
    return;
  }
  try {
    fs.writeSync(fd, bytes, 0, bytes.length, 0);
    if (fs.fstatSync(fd).size > bytes.length) fs.ftruncateSync(fd, bytes.length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where the next entry chains from. A crash between the append and the head write leaves the file one
 * entry ahead: follow the file. A file shorter than the head says (truncated, deleted) is never
 * healed silently: chain from the head so the gap stays visible to `audit verify`.
 */
function chainHead(last: AuditEntry | undefined, head: AuditHead | undefined): AuditHead | undefined {
  if (!last) return head;
  if (!head || last.seq >= head.count) return { count: last.seq, lastHash: last.hash };
  return head;
}

/**
 * What this process last wrote, per guard home: the two files' identities right after its own writes
 * (inode, size, modification and change times in ns) and the head it chained to. A long-lived writer
 * (the decision server, the editor) then chains its next entry from memory instead of reading the
 * file's tail and the head file again on every decision. The memory is used only while both files are
 * still exactly as this process left them; anything else (another process appended, a file was
 * edited, truncated, replaced or deleted, even with its times put back: the change time cannot be set)
 * falls through to the reads below, which treat it as they always did: a file behind its head is
 * chained from the head so the gap stays visible to `audit verify`, never silently re-chained.
 */
interface WrittenState {
  log: string;
  head: string;
  chained: AuditHead;
}
const lastWritten = new Map<string, WrittenState>();

function identity(file: string): string | undefined {
  try {
    const st = fs.statSync(file, { bigint: true });
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
  } catch {
    return undefined;
  }
}

/** The head to chain from: from memory when both files are as this process last left them, else read. */
function currentHead(home: string): AuditHead | undefined {
  const known = lastWritten.get(home);
  lastWritten.delete(home);
  if (known && identity(auditLogPath(home)) === known.log && identity(auditHeadPath(home)) === known.head) return known.chained;
  return chainHead(lastEntryInFile(home), readHead(home));
}

/** Append one decision. Throws when the log cannot be written (the caller decides whether that matters). */
export function appendAudit(home: string, record: AuditRecord, now: Date = new Date()): AuditEntry {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const release = acquireLock(home);
  try {
    const head = currentHead(home);
    const entry = chainEntry(record, head, now, sha256Hex);
    const fd = fs.openSync(auditLogPath(home), 'a', 0o600);
    try {
      fs.writeSync(fd, serializeEntry(entry) + '\n');
    } finally {
      fs.closeSync(fd);
    }
    const chained = { count: entry.seq, lastHash: entry.hash };
    writeHead(home, chained);
    // Still under the lock: what both files are now is what this process made them.
    const log = identity(auditLogPath(home));
    const headFile = identity(auditHeadPath(home));
    if (log && headFile) lastWritten.set(home, { log, head: headFile, chained });
    return entry;
  } finally {
    release();
  }
}

export function verifyAuditLog(home: string): VerifyResult {
  let text = '';
  try {
    text = fs.readFileSync(auditLogPath(home), 'utf8');
  } catch {
    text = '';
  }
  return verifyChain(text, readHead(home), sha256Hex);
}

export function readAuditEntries(home: string): AuditEntry[] {
  try {
    return parseAuditLines(fs.readFileSync(auditLogPath(home), 'utf8'));
  } catch {
    return [];
  }
}

export interface AuditFailureNote {
  at: string;
  reason: string;
}

/**
 * Note that a decision could not be appended, so `audit verify` and `status` can say the log has a
 * gap. Appending one line needs no lock and no read. Returns false when even this cannot be written
 * (the guard home itself unwritable): the caller's stderr warning is then the only trace.
 */
export function recordAuditFailure(home: string, reason: string, now: Date = new Date()): boolean {
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    const note: AuditFailureNote = { at: now.toISOString(), reason: reason.replace(/\s+/g, ' ').slice(0, 300) };
    fs.appendFileSync(auditFailuresPath(home), JSON.stringify(note) + '\n', { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}

/** How many decisions were not written to the log, and the latest note. An unreadable file counts as none. */
export function readAuditFailures(home: string): { count: number; last?: AuditFailureNote } {
  let text: string;
  try {
    text = fs.readFileSync(auditFailuresPath(home), 'utf8');
  } catch {
    return { count: 0 };
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let last: AuditFailureNote | undefined;
  try {
    const parsed = JSON.parse(lines[lines.length - 1] ?? '') as Partial<AuditFailureNote>;
    if (typeof parsed.at === 'string' && typeof parsed.reason === 'string') last = { at: parsed.at, reason: parsed.reason };
  } catch {
    last = undefined;
  }
  return { count: lines.length, ...(last ? { last } : {}) };
}

/** One line for humans: "" when nothing was lost. */
export function describeAuditFailures(home: string): string {
  const { count, last } = readAuditFailures(home);
  if (count === 0) return '';
  const latest = last ? ` (latest ${last.at}: ${last.reason})` : '';
  return `${count} decision(s) could not be written to the audit log${latest}; see ${auditFailuresPath(home)}`;
}
