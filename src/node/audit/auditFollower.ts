import * as fs from 'node:fs';
import { HOST_IDS, type HostId } from '../../core/protocol/ipc';

/**
 * Reads what hook processes append to the audit log, for the editor's per-host "last event" health.
 * The hook no longer sends a separate notice over the socket for every decision (that round trip cost
 * each hook call several milliseconds with a window open): the audit entry it writes anyway is the
 * notice. Only whole lines are read; a line still being written is read on the next poll.
 */

export interface HookEventSeen {
  host: HostId;
  event: string;
  decision: 'allow' | 'deny';
  at: number;
}

/** At most this much is read per poll; a larger backlog is skipped (only the latest events matter). */
const MAX_READ_BYTES = 1024 * 1024;

function eventOf(line: string): HookEventSeen | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const e = v as Record<string, unknown>;
  if (typeof e.host !== 'string' || !(HOST_IDS as readonly string[]).includes(e.host)) return undefined;
  if (typeof e.event !== 'string' || (e.decision !== 'allow' && e.decision !== 'deny') || typeof e.at !== 'string') return undefined;
  // The terminal watch's observations are the editor's own, not a host calling the hook.
  if (e.decidedBy === 'observed') return undefined;
  const at = Date.parse(e.at);
  if (!Number.isFinite(at)) return undefined;
  return { host: e.host as HostId, event: e.event, decision: e.decision, at };
}

export class AuditFollower {
  private offset: number;

  /** Starts at the end of the log: what was written before is history, not news. */
  constructor(
    private readonly file: string,
    private readonly onEvent: (event: HookEventSeen) => void,
  ) {
    this.offset = this.size() ?? 0;
  }

  private size(): number | undefined {
    try {
      return fs.statSync(this.file).size;
    } catch {
      return undefined;
    }
  }

  /** Deliver the events appended since the last poll. Returns how many. Never throws. */
  poll(): number {
    const size = this.size();
    if (size === undefined) {
      this.offset = 0; // not created yet, or removed: read the new one from its start
      return 0;
    }
    if (size < this.offset) this.offset = 0; // truncated or replaced
    if (size === this.offset) return 0;
    if (size - this.offset > MAX_READ_BYTES) this.offset = size - MAX_READ_BYTES;
    let text: string;
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const buf = Buffer.alloc(size - this.offset);
      const n = fs.readSync(fd, buf, 0, buf.length, this.offset);
      text = buf.subarray(0, n).toString('utf8');
    } catch {
      return 0;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    const end = text.lastIndexOf('\n');
    if (end < 0) return 0; // only a partial line so far
    this.offset += Buffer.byteLength(text.slice(0, end + 1), 'utf8');
    let delivered = 0;
    for (const line of text.slice(0, end).split('\n')) {
      const event = line.trim() === '' ? undefined : eventOf(line);
      if (!event) continue;
      delivered++;
      try {
        this.onEvent(event);
      } catch {
        // a failing listener must not stop the others
      }
    }
    return delivered;
  }

  /** Move past everything written so far without delivering it (the self-test's own hook calls). */
  skipToEnd(): void {
    this.offset = this.size() ?? 0;
  }
}

/**
 * The latest hook event of each host in the log's last `maxBytes` (status: "events arriving"). The
 * terminal watch's observations are left out, as above. Never throws.
 */
export function lastEventPerHost(file: string, maxBytes = MAX_READ_BYTES): Map<HostId, HookEventSeen> {
  const out = new Map<HostId, HookEventSeen>();
  let text: string;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const start = Math.max(0, size - maxBytes);
      const buf = Buffer.alloc(size - start);
      fs.readSync(fd, buf, 0, buf.length, start);
      text = buf.toString('utf8');
      // A read that starts mid-log starts mid-line: that first piece is not a whole entry.
      if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const e = eventOf(line);
    if (e && (out.get(e.host)?.at ?? -1) <= e.at) out.set(e.host, e);
  }
  return out;
}
