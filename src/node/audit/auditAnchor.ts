import * as fs from 'node:fs';
import { checkAgainstAnchor, followsHead, parseAuditLine } from '../../core/audit/chain';
import type { AuditEntry, AuditHead } from '../../core/audit/entry';
import { hmacSha256Hex, sha256Hex } from '../hashing';

/**
 * The audit chain's head, kept where a shell script cannot rewrite it unnoticed: the editor's own
 * storage (see src/editor/auditAnchor.ts), sealed with a key from its secret storage. The log and its
 * head file live in the guard home, which any process of the user can rewrite; a rewritten, truncated
 * or deleted log no longer matches this anchor.
 *
 * The keeper checks the whole log on start and each entry as it is appended (the editor follows the
 * log anyway), and only ever moves the anchor forward along an intact chain. Listeners see every
 * advance and every problem: the seam for exporting the head elsewhere (OpenTelemetry, a team server).
 */

export interface SealedAnchor extends AuditHead {
  /** HMAC-SHA256 of `count:lastHash` under the key from the editor's secret storage. */
  seal: string;
}

export interface AnchorStore {
  read(): SealedAnchor | undefined;
  write(anchor: SealedAnchor): void;
}

export type AnchorStatus = { state: 'intact'; head: AuditHead | undefined } | { state: 'tampered'; problem: string };

export interface AnchorListener {
  /** The anchor moved forward over these entries (already appended, chained and checked). */
  advanced?(head: AuditHead, entries: readonly AuditEntry[]): void;
  /** The log no longer matches the anchor. Reported once per distinct problem. */
  tampered?(problem: string): void;
}

const MAX_READ_BYTES = 4 * 1024 * 1024;

export function sealAnchor(head: AuditHead, key: string): SealedAnchor {
  return { ...head, seal: hmacSha256Hex(key, `${head.count}:${head.lastHash}`) };
}

export function anchorSealIntact(anchor: SealedAnchor, key: string): boolean {
  return sealAnchor(anchor, key).seal === anchor.seal;
}

export class AuditAnchorKeeper {
  private head: AuditHead | undefined;
  private offset = 0;
  private status: AnchorStatus = { state: 'intact', head: undefined };
  private reported = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly store: AnchorStore,
    private readonly key: string,
    private readonly listeners: readonly AnchorListener[] = [],
  ) {}

  /** The anchor as it stands (what `audit verify` compares the log with); undefined before any entry. */
  get anchor(): AuditHead | undefined {
    return this.head;
  }

  get current(): AnchorStatus {
    return this.status;
  }

  /** Check the whole log against the stored anchor. Run at start-up and after anything unexpected. */
  start(): AnchorStatus {
    const stored = this.store.read();
    if (stored && !anchorSealIntact(stored, this.key)) return this.tamper('the audit anchor in the editor storage was altered (its seal does not match)');
    const anchor: AuditHead = stored ? { count: stored.count, lastHash: stored.lastHash } : { count: 0, lastHash: '' };
    let text = '';
    let size = 0;
    try {
      text = fs.readFileSync(this.file, 'utf8');
      size = Buffer.byteLength(text, 'utf8');
    } catch {
      text = '';
    }
    const checked = checkAgainstAnchor(text, anchor, sha256Hex);
    if (!checked.ok) {
      this.head = stored && { count: stored.count, lastHash: stored.lastHash };
      return this.tamper(checked.problem);
    }
    this.offset = size;
    this.head = checked.head ?? (stored ? anchor : undefined);
    if (this.head && (!stored || this.head.count > stored.count)) this.store.write(sealAnchor(this.head, this.key));
    this.status = { state: 'intact', head: this.head };
    return this.status;
  }

  /** Follow what was appended since the last check. Never throws. */
  poll(): AnchorStatus {
    if (this.status.state === 'tampered') return this.status;
    let size: number;
    try {
      size = fs.statSync(this.file).size;
    } catch {
      return this.head && this.head.count > 0 ? this.tamper(`the audit log was deleted after ${this.head.count} entries`) : this.status;
    }
    if (size < this.offset) return this.start();
    if (size === this.offset) return this.status;
    if (size - this.offset > MAX_READ_BYTES) return this.start();
    let text: string;
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, 'r');
      const buf = Buffer.alloc(size - this.offset);
      const n = fs.readSync(fd, buf, 0, buf.length, this.offset);
      text = buf.subarray(0, n).toString('utf8');
    } catch {
      return this.status;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
    const end = text.lastIndexOf('\n');
    if (end < 0) return this.status;
    const fresh: AuditEntry[] = [];
    let head = this.head;
    for (const line of text.slice(0, end).split('\n')) {
      if (line.trim() === '') continue;
      const entry = parseAuditLine(line);
      const problem = entry ? followsHead(entry, head, sha256Hex) : 'a line that is not an audit entry was appended';
      if (problem || !entry) {
        // Re-read everything: a rewrite in place shows up here as an entry that does not follow.
        const whole = this.start();
        return whole.state === 'tampered' ? whole : this.tamper(problem ?? 'unreadable line');
      }
      fresh.push(entry);
      head = { count: entry.seq, lastHash: entry.hash };
    }
    this.offset += Buffer.byteLength(text.slice(0, end + 1), 'utf8');
    if (head && fresh.length > 0) {
      this.head = head;
      this.store.write(sealAnchor(head, this.key));
      this.status = { state: 'intact', head };
      for (const l of this.listeners) {
        try {
          l.advanced?.(head, fresh);
        } catch {
          // a failing listener never stops the anchor
        }
      }
    }
    return this.status;
  }

  private tamper(problem: string): AnchorStatus {
    this.status = { state: 'tampered', problem };
    if (!this.reported.has(problem)) {
      this.reported.add(problem);
      for (const l of this.listeners) {
        try {
          l.tampered?.(problem);
        } catch {
          // a failing listener never stops the others
        }
      }
    }
    return this.status;
  }
}
