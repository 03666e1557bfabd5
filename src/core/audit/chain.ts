import { AUDIT_FORMAT_VERSION, AUDIT_GENESIS, type AuditEntry, type AuditHead, type AuditRecord } from './entry';

/** SHA-256 of a UTF-8 string as lower-case hex. Core has no crypto: the node layer passes it in. */
export type Sha256Hex = (text: string) => string;

/** JSON with object keys sorted at every level, no whitespace: the bytes the hash covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map((v) => canonicalJson(v === undefined ? null : v)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}

function hashOf(entry: Omit<AuditEntry, 'hash'>, sha256: Sha256Hex): string {
  return sha256(canonicalJson(entry));
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * `at.toISOString()`, from the UTC getters: the first toISOString in a process loads the local time
 * zone (/etc/localtime and ICU's zone data, ~0.2 ms of every hook call) although its text is UTC.
 * Years outside 0-9999 (never the clock's) are left to toISOString, whose form differs there.
 */
export function isoTime(at: Date): string {
  const year = at.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return at.toISOString();
  return `${pad(year, 4)}-${pad(at.getUTCMonth() + 1, 2)}-${pad(at.getUTCDate(), 2)}T${pad(at.getUTCHours(), 2)}:${pad(at.getUTCMinutes(), 2)}:${pad(at.getUTCSeconds(), 2)}.${pad(at.getUTCMilliseconds(), 3)}Z`;
}

/** Build the next entry after `head` (undefined for an empty log). */
export function chainEntry(record: AuditRecord, head: AuditHead | undefined, at: Date, sha256: Sha256Hex): AuditEntry {
  const body: Omit<AuditEntry, 'hash'> = {
    v: AUDIT_FORMAT_VERSION,
    seq: (head?.count ?? 0) + 1,
    at: isoTime(at),
    prev: head?.lastHash ?? AUDIT_GENESIS,
    ...record,
  };
  return { ...body, hash: hashOf(body, sha256) };
}

/** The line written for an entry: canonical JSON, one line. */
export function serializeEntry(entry: AuditEntry): string {
  return canonicalJson(entry);
}

export interface VerifyProblem {
  /** 1-based line number in the file (0 for problems with the file as a whole). */
  line: number;
  problem: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  problems: VerifyProblem[];
}

function parseLine(line: string): AuditEntry | undefined {
  try {
    const v = JSON.parse(line) as unknown;
    if (typeof v !== 'object' || v === null) return undefined;
    const e = v as AuditEntry;
    if (e.v !== AUDIT_FORMAT_VERSION || typeof e.seq !== 'number' || typeof e.hash !== 'string' || typeof e.prev !== 'string') return undefined;
    return e;
  } catch {
    return undefined;
  }
}

/**
 * Check a whole log: every line parses, its hash matches its content, it names the previous line's
 * hash, sequence numbers run 1, 2, 3 ... without gaps, and the head record matches the last line.
 */
export function verifyChain(text: string, head: AuditHead | undefined, sha256: Sha256Hex): VerifyResult {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const problems: VerifyProblem[] = [];
  let prevHash = AUDIT_GENESIS;
  let expectedSeq = 1;
  let count = 0;
  lines.forEach((line, i) => {
    const n = i + 1;
    const entry = parseLine(line);
    if (!entry) {
      problems.push({ line: n, problem: 'not a valid audit entry (edited or corrupted)' });
      return;
    }
    count++;
    const { hash, ...body } = entry;
    if (hashOf(body, sha256) !== hash) problems.push({ line: n, problem: 'content does not match its hash (edited)' });
    if (entry.prev !== prevHash) problems.push({ line: n, problem: 'does not follow the previous line (inserted, deleted or reordered)' });
    if (entry.seq !== expectedSeq) problems.push({ line: n, problem: `sequence ${entry.seq} where ${expectedSeq} was expected (inserted, deleted or reordered)` });
    prevHash = hash;
    expectedSeq = entry.seq + 1;
  });
  if (head) {
    if (head.count !== count) problems.push({ line: 0, problem: `the head record counts ${head.count} entries but the log has ${count} (truncated or appended outside the guard)` });
    else if (head.lastHash !== prevHash) problems.push({ line: 0, problem: 'the last line is not the one the head record names (tail replaced)' });
  } else if (count > 0) {
    problems.push({ line: 0, problem: 'the head record is missing' });
  }
  return { ok: problems.length === 0, entries: count, problems };
}

export function parseAuditLines(text: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const e = parseLine(line);
    if (e) out.push(e);
  }
  return out;
}

/**
 * Does `entry` follow `head` (the state after the entries before it)? Undefined when it does; the
 * problem otherwise. For readers that follow the log line by line (the editor's anchor).
 */
export function followsHead(entry: AuditEntry, head: AuditHead | undefined, sha256: Sha256Hex): string | undefined {
  const { hash, ...body } = entry;
  if (hashOf(body, sha256) !== hash) return `entry #${entry.seq} does not match its hash (edited)`;
  const expected = (head?.count ?? 0) + 1;
  if (entry.seq !== expected) return `entry #${entry.seq} came where #${expected} was expected (inserted, deleted or rewritten)`;
  if (entry.prev !== (head?.lastHash ?? AUDIT_GENESIS)) return `entry #${entry.seq} does not follow entry #${expected - 1} (rewritten)`;
  return undefined;
}

/** Parse one line of the log; undefined when it is not an entry. */
export function parseAuditLine(line: string): AuditEntry | undefined {
  return parseLine(line);
}

/**
 * A whole log compared with an anchor kept outside the guard home: the chain must be intact, hold at
 * least `anchor.count` entries, and entry number `anchor.count` must be the one the anchor names.
 * A rewrite of any earlier entry changes that entry's hash, since every hash covers the one before.
 */
export function checkAgainstAnchor(text: string, anchor: AuditHead, sha256: Sha256Hex): { ok: true; head: AuditHead | undefined } | { ok: false; problem: string } {
  const chain = verifyChain(text, undefined, sha256);
  const broken = chain.problems.filter((p) => p.line > 0);
  if (broken.length > 0) return { ok: false, problem: `the log's chain is broken (line ${broken[0]!.line}: ${broken[0]!.problem})` };
  const entries = parseAuditLines(text);
  if (anchor.count > 0 && entries.length === 0) return { ok: false, problem: `the audit log is gone or empty, but ${anchor.count} entries were seen in it` };
  if (entries.length < anchor.count) return { ok: false, problem: `the log holds ${entries.length} entries, but ${anchor.count} were seen in it (truncated)` };
  if (anchor.count > 0 && entries[anchor.count - 1]!.hash !== anchor.lastHash) return { ok: false, problem: `entry #${anchor.count} is not the one seen before (the log was rewritten)` };
  const last = entries[entries.length - 1];
  return { ok: true, head: last ? { count: last.seq, lastHash: last.hash } : undefined };
}

