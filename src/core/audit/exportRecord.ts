/**
 * One audit entry as it leaves the machine: for an OpenTelemetry log record (body, severity and
 * attributes) and for a syslog line (RFC 5424). Each record carries its place in the hash chain (seq,
 * hash, prev) and the machine it came from, so the receiving side can check the chain itself. Every
 * string is redacted again on the way out: the log is written redacted, and this is the second lock.
 */
import type { AuditEntry } from './entry';
import { redactSecrets } from './redact';

export interface ExportedRecord {
  /** Epoch milliseconds of the decision. */
  time: number;
  /** OpenTelemetry severity: 13 WARN for a deny, 9 INFO for an allow. */
  severityNumber: number;
  severityText: 'WARN' | 'INFO';
  body: string;
  attributes: Record<string, string | number | boolean>;
}

const MAX_FIELD = 4000;

function clean(text: string): string {
  return redactSecrets(text).slice(0, MAX_FIELD);
}

export function exportRecordOf(entry: AuditEntry, machine: string): ExportedRecord {
  const deny = entry.decision === 'deny';
  const attributes: Record<string, string | number | boolean> = {
    'blast_shield.seq': entry.seq,
    'blast_shield.hash': entry.hash,
    'blast_shield.prev': entry.prev,
    'blast_shield.decision': entry.decision,
    'blast_shield.decided_by': entry.decidedBy,
    'blast_shield.agent_host': entry.host,
    'blast_shield.event': clean(entry.event),
    'blast_shield.kind': clean(entry.kind),
    'blast_shield.production': entry.production === true,
    'blast_shield.reasons': clean(entry.reasons.join('\n')),
    'host.name': machine,
  };
  if (entry.cwd) attributes['blast_shield.cwd'] = clean(entry.cwd);
  if (entry.agent) attributes['blast_shield.agent'] = clean(entry.agent);
  return {
    time: Date.parse(entry.at),
    severityNumber: deny ? 13 : 9,
    severityText: deny ? 'WARN' : 'INFO',
    body: `${entry.decision} ${entry.kind} by ${entry.decidedBy}: ${clean(entry.subject)}`,
    attributes,
  };
}

/** `log audit` (13) in RFC 5424's facility table. */
const AUDIT_FACILITY = 13;

function headerField(text: string, max: number): string {
  const printable = text.replace(/[^\x21-\x7e]/g, '');
  return printable === '' ? '-' : printable.slice(0, max);
}

/**
 * RFC 5424: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG`. The message is the record as
 * JSON (seq, hash, prev, machine, decision ...), which log pipelines parse without a custom grammar.
 */
export function syslogLine(entry: AuditEntry, machine: string, maxBytes = 8000): string {
  const record = exportRecordOf(entry, machine);
  const severity = entry.decision === 'deny' ? 4 : 6;
  const head = `<${AUDIT_FACILITY * 8 + severity}>1 ${entry.at} ${headerField(machine, 255)} blast-shield - decision - `;
  const message: Record<string, unknown> = { seq: entry.seq, hash: entry.hash, prev: entry.prev, host: machine, at: entry.at, body: record.body, ...Object.fromEntries(Object.entries(record.attributes).map(([k, v]) => [k.replace(/^blast_shield\./, ''), v])) };
  let line = head + JSON.stringify(message);
  if (line.length > maxBytes) {
    // Keep the chain position whole; shorten what a human reads.
    const short = { ...message, body: record.body.slice(0, 500), reasons: String(message.reasons).slice(0, 500), truncated: true };
    line = head + JSON.stringify(short);
  }
  return line;
}
