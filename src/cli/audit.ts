import type { AuditEntry } from '../core/audit/entry';
import { compareWithEditorAnchor, type AnchorComparison } from '../node/audit/anchorLookup';
import { auditLogPath, describeAuditFailures, readAuditEntries, verifyAuditLog } from '../node/audit/auditLog';
import { loadAuditExport } from '../node/audit/export/loadAuditExport';
import { systemWindowVerifier, type WindowVerifier } from '../node/ipc/windowIdentity';
import { guardHome } from '../node/guardHome';
import { effectivePolicyFor } from '../node/policy/policyFiles';
import { UsageError, type CliIo } from './io';

const HELP = `usage:
  blast-shield audit verify          check the hash chain of ~/.blast-shield/audit.jsonl
  blast-shield audit tail [-n N]     print the last N decisions (default 20)
  blast-shield audit export [--otlp URL]... [--syslog udp://host:514|tcp://host:601]... [--follow]
                                     send entries not yet sent to OpenTelemetry collectors and syslog
                                     (plus the destinations of the managed policy); --follow keeps
                                     sending as entries are written. The editor does this by itself
                                     while it is open; this is for machines without one.
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
      if (result.entries === 0 && !(anchor.consulted && anchor.anchor)) {
        io.stdout(`audit log empty: no entries (${auditLogPath(home)}); without an editor anchor that has seen entries, a deleted log cannot be told from a new one\n`);
      } else {
        io.stdout(`audit log intact: ${result.entries} entries (${auditLogPath(home)})\n`);
      }
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
  if (sub === 'export') return runExport(rest, io, home);
  throw new UsageError(`unknown audit command '${sub}' (verify, tail, export)`);
}

async function runExport(args: string[], io: CliIo, home: string): Promise<number> {
  const otlp: string[] = [];
  const syslog: string[] = [];
  let follow = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--follow') follow = true;
    else if (a === '--otlp' || a === '--syslog') {
      const v = args[++i];
      if (!v) throw new UsageError(`${a} needs a destination`);
      (a === '--otlp' ? otlp : syslog).push(v);
    } else throw new UsageError(`unknown argument '${a}'`);
  }
  const policy = effectivePolicyFor(io.cwd, io.env).settings.auditExport;
  const destinations = { otlpEndpoints: [...new Set([...otlp, ...policy.otlpEndpoints])], syslogTargets: [...new Set([...syslog, ...policy.syslogTargets])] };
  if (destinations.otlpEndpoints.length + destinations.syslogTargets.length === 0) throw new UsageError('no destination: pass --otlp or --syslog, or set audit.export in the managed policy');
  const { exportPending } = loadAuditExport();
  for (;;) {
    const report = await exportPending(home, destinations);
    let failed = false;
    for (const d of report.destinations) {
      if (d.error) failed = true;
      if (d.sent > 0 || d.error || !follow) io.stdout(`${d.destination}: ${d.sent} sent, through #${d.through}${d.error ? `; failed: ${d.error} (kept for the next run)` : ''}\n`);
    }
    if (report.busy && !follow) io.stdout('another process is exporting now; nothing was sent by this one\n');
    if (!follow) return failed ? 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, failed ? 10_000 : 2_000));
  }
}
