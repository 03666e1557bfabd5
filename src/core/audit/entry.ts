import type { HostId } from '../protocol/ipc';

/**
 * One line of the audit log: a decision the hook made, chained to the line before it by hash so
 * that an edited, inserted, reordered or deleted line is detectable. Values are redacted before an
 * entry is built; `subject` never carries a secret.
 */

export const AUDIT_FORMAT_VERSION = 1;
/** The `prev` of the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** Who settled the decision. */
export type DecidedBy = 'policy' | 'human' | 'read-check' | 'self-protection' | 'failure' | 'observed';

export interface AuditRecord {
  host: HostId | 'cli';
  event: string;
  /** shell, mcp, read, write, search, other, edit (after the fact) */
  kind: string;
  /** The command, tool call or path, redacted. */
  subject: string;
  cwd?: string;
  decision: 'allow' | 'deny';
  decidedBy: DecidedBy;
  reasons: string[];
  production?: boolean;
  agent?: string;
  /** A copy was kept before the action: `blast-shield restore <snapshot>` brings it back. */
  snapshot?: string;
  /** Database dumps taken before the action ("back up first"): file, tool and what it holds. */
  backups?: { file: string; tool: string; objects: string[]; bytes: number }[];
}

export interface AuditEntry extends AuditRecord {
  v: typeof AUDIT_FORMAT_VERSION;
  /** 1-based position in the log. */
  seq: number;
  /** ISO time. */
  at: string;
  /** Hash of the previous entry (AUDIT_GENESIS for the first). */
  prev: string;
  /** SHA-256 hex of the canonical form of every other field. */
  hash: string;
}

/** The head record, kept in a separate small file: detects a truncated tail. */
export interface AuditHead {
  count: number;
  lastHash: string;
}

export function isAuditHead(v: unknown): v is AuditHead {
  return typeof v === 'object' && v !== null && typeof (v as AuditHead).count === 'number' && typeof (v as AuditHead).lastHash === 'string';
}
