import type { AuditEntry } from '../core/audit/entry';
import { compareWithEditorAnchor, type AnchorComparison } from '../node/audit/anchorLookup';
import { auditLogPath, describeAuditFailures, readAuditEntries, verifyAuditLog } from '../node/audit/auditLog';
import { systemWindowVerifier, type WindowVerifier } from '../node/ipc/windowIdentity';
import { guardHome } from '../node/guardHome';
import { UsageError, type CliIo } from './io';

const HELP = `usage:
  blast-shield audit verify          check the hash chain of ~/.blast-shield/audit.jsonl
  blast-shield audit tail [-n N]     print the last N decisions (default 20)
verify exits 0 when the log is intact and 1 when a line was edited, inserted, reordered or deleted,
the tail was truncated, or some decision could not be written at all (listed in audit.failures).
The log and its head file can be rewritten by any process running as you; verify therefore also asks
an open, verified editor window for the head it keeps in its own storage and reports a rewritten,
truncated or deleted log as TAMPERED. With no editor reachable it says so: no external anchor.
`;

function describeAnchor(c: AnchorComparison): string {
  if (!c.consulted) return `external anchor: none consulted (${c.why}); this check covers only the files in the guard home, which any process running as you can rewrite\n`;
  if (!c.anchor) return `external anchor: editor window (${c.window}) has seen no entries yet\n`;
  return c.ok ? `external anchor: editor window (${c.window}) saw ${c.anchor.count} entries; the log agrees\n` : `audit log TAMPERED: the editor window (${c.window}) disagrees: ${c.problem}\n`;
}

function formatEntry(e: AuditEntry): string {
  const when = e.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  const verdict = e.decision === 'allow' ? 'ALLOW' : 'DENY ';
  const prod = e.production ? ' [production]' : '';
  const reasons = e.reasons.length > 0 ? `\n      ${e.reasons.join('\n      ')}` : '';
  return `#${e.seq} ${when} ${verdict} ${e.host}/${e.event} ${e.kind} by ${e.decidedBy}${prod}\n    ${e.subject}${reasons}\n`;
}

export async function run(args: string[], io: CliIo, verifier: WindowVerifier = systemWindowVerifier()): Promise<number> {
  const [sub, ...rest] = args;
  const home = guardHome(io.env);
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(HELP);
    return sub ? 0 : 2;
  }
  if (sub === 'verify') {
    const result = verifyAuditLog(home);
    const gap = describeAuditFailures(home);
    const anchor = await compareWithEditorAnchor(home, verifier);
    const anchorDisagrees = anchor.consulted && !anchor.ok;
    if (result.ok && !anchorDisagrees) {
      io.stdout(`audit log intact: ${result.entries} entries (${auditLogPath(home)})\n`);
      io.stdout(describeAnchor(anchor));
      if (!gap) return 0;
      io.stdout(`audit log INCOMPLETE: ${gap}\n`);
      return 1;
    }
    if (!result.ok) {
      io.stdout(`audit log TAMPERED: ${result.problems.length} problem(s) in ${auditLogPath(home)}\n`);
      for (const p of result.problems) io.stdout(`  ${p.line > 0 ? `line ${p.line}` : 'file'}: ${p.problem}\n`);
    }
    io.stdout(describeAnchor(anchor));
    if (gap) io.stdout(`audit log INCOMPLETE: ${gap}\n`);
    return 1;
  }
  if (sub === 'tail') {
    let n = 20;
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i] as string;
      const value = a === '-n' ? rest[++i] : a.startsWith('-n') ? a.slice(2) : undefined;
      if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`unknown argument '${a}'`);
      n = Number(value);
    }
    const entries = readAuditEntries(home);
    for (const e of entries.slice(Math.max(0, entries.length - n))) io.stdout(formatEntry(e));
    if (entries.length === 0) io.stdout('the audit log is empty\n');
    return 0;
  }
  throw new UsageError(`unknown audit command '${sub}' (verify, tail)`);
}
