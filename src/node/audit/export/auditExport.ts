/**
 * Send audit entries to the team's pipeline: OpenTelemetry collectors (OTLP over HTTP, through the
 * OpenTelemetry JS SDK) and syslog receivers. Built as its own bundle (dist/audit-export.js): the hook
 * never loads it. The editor runs it as it follows the log, and `blast-shield audit export` runs it
 * where no editor is open.
 *
 * The local log is the source of truth and the retry queue: each destination keeps a cursor (the last
 * entry it accepted) in the guard home, and a run sends what lies after it. A failed send leaves the
 * cursor where it was, so the next run sends the same entries again; nothing here can block or change
 * a decision, which was made and written before any of this runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAuditLines } from '../../../core/audit/chain';
import type { AuditEntry } from '../../../core/audit/entry';
import { auditLogPath } from '../auditLog';
import { nodeCrypto } from '../../lazyCrypto';
import { sendOtlp } from './otlpSender';
import { sendSyslog } from './syslogSender';

export interface ExportDestinations {
  otlpEndpoints: readonly string[];
  syslogTargets: readonly string[];
}

export interface DestinationReport {
  destination: string;
  sent: number;
  /** Why the last attempt failed; the entries stay queued in the log. */
  error?: string;
  /** Seq of the last entry the destination has accepted. */
  through: number;
}

export interface ExportReport {
  destinations: DestinationReport[];
  /** Another process was exporting; this run did nothing. */
  busy?: boolean;
}

export interface ExportOptions {
  /** The machine's name in each record; os.hostname() by default. */
  machine?: string;
  /** Entries per send. */
  batch?: number;
  timeoutMs?: number;
}

interface Cursor {
  destination: string;
  seq: number;
  hash: string;
  /** Byte offset just past the entry `seq` in the log, to read on from there. */
  offset: number;
}

const MAX_READ = 8 * 1024 * 1024;
const LOCK_STALE_MS = 120_000;

function exportDir(guardHome: string): string {
  return path.join(guardHome, 'audit-export');
}

function cursorFile(guardHome: string, destination: string): string {
  return path.join(exportDir(guardHome), nodeCrypto().createHash('sha256').update(destination).digest('hex').slice(0, 24) + '.json');
}

function readCursor(guardHome: string, destination: string): Cursor {
  try {
    const v = JSON.parse(fs.readFileSync(cursorFile(guardHome, destination), 'utf8')) as Partial<Cursor>;
    if (v.destination === destination && typeof v.seq === 'number' && typeof v.hash === 'string' && typeof v.offset === 'number') return v as Cursor;
  } catch {
    // none yet
  }
  return { destination, seq: 0, hash: '', offset: 0 };
}

function writeCursor(guardHome: string, cursor: Cursor): void {
  const file = cursorFile(guardHome, cursor.destination);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cursor) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Entries after the cursor, with the byte offset past each. A log shorter than the cursor (replaced) is read from its start. */
function entriesAfter(guardHome: string, cursor: Cursor): { entry: AuditEntry; end: number }[] {
  let fd: number;
  try {
    fd = fs.openSync(auditLogPath(guardHome), 'r');
  } catch {
    return [];
  }
  try {
    const size = fs.fstatSync(fd).size;
    const start = cursor.offset <= size ? cursor.offset : 0;
    const length = Math.min(size - start, MAX_READ);
    if (length <= 0) return [];
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, start);
    const out: { entry: AuditEntry; end: number }[] = [];
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break; // a line still being written is read next time
      const line = buf.subarray(pos, nl).toString('utf8');
      pos = nl + 1;
      const [entry] = parseAuditLines(line);
      if (entry && entry.seq > cursor.seq) out.push({ entry, end: start + pos });
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

/** One exporter at a time per guard home (several editor windows follow the same log). */
function tryLock(guardHome: string): (() => void) | undefined {
  const file = path.join(exportDir(guardHome), 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(file).mtimeMs < LOCK_STALE_MS) return undefined;
        fs.rmSync(file, { force: true });
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

async function exportTo(guardHome: string, destination: string, send: (entries: AuditEntry[]) => Promise<void>, batch: number): Promise<DestinationReport> {
  const cursor = readCursor(guardHome, destination);
  const pending = entriesAfter(guardHome, cursor);
  let sent = 0;
  for (let i = 0; i < pending.length; i += batch) {
    const chunk = pending.slice(i, i + batch);
    try {
      await send(chunk.map((c) => c.entry));
    } catch (err) {
      return { destination, sent, through: cursor.seq, error: err instanceof Error ? err.message : String(err) };
    }
    const last = chunk[chunk.length - 1]!;
    cursor.seq = last.entry.seq;
    cursor.hash = last.entry.hash;
    cursor.offset = last.end;
    writeCursor(guardHome, cursor);
    sent += chunk.length;
  }
  return { destination, sent, through: cursor.seq };
}

/** Send every entry each destination has not accepted yet. Never throws. */
export async function exportPending(guardHome: string, destinations: ExportDestinations, options: ExportOptions = {}): Promise<ExportReport> {
  const all = [...destinations.otlpEndpoints, ...destinations.syslogTargets];
  if (all.length === 0) return { destinations: [] };
  try {
    fs.mkdirSync(exportDir(guardHome), { recursive: true, mode: 0o700 });
  } catch (err) {
    return { destinations: all.map((d) => ({ destination: d, sent: 0, through: 0, error: `cannot write ${exportDir(guardHome)}: ${String(err)}` })) };
  }
  let release: (() => void) | undefined;
  try {
    release = tryLock(guardHome);
  } catch (err) {
    return { destinations: all.map((d) => ({ destination: d, sent: 0, through: 0, error: String(err) })) };
  }
  if (!release) return { destinations: [], busy: true };
  const machine = options.machine ?? os.hostname();
  const batch = options.batch ?? 200;
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const reports: DestinationReport[] = [];
    for (const url of destinations.otlpEndpoints) reports.push(await exportTo(guardHome, `otlp ${url}`, (entries) => sendOtlp(url, entries, machine, timeoutMs), batch));
    for (const target of destinations.syslogTargets) reports.push(await exportTo(guardHome, `syslog ${target}`, (entries) => sendSyslog(target, entries, machine, timeoutMs), batch));
    return { destinations: reports };
  } finally {
    release();
  }
}
