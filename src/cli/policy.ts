import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ValueOrigin } from '../core/settings/types';
import { formatBytes } from '../core/preview/model';
import { effectivePolicyFor } from '../node/policy/policyFiles';
import { managedPolicyPaths, repositoryPolicyPaths } from '../node/policy/policyPaths';
import { UsageError, type CliIo } from './io';

const HELP = `usage:
  blast-shield policy explain [--cwd DIR] [--json]
Prints the effective policy for the repository holding DIR (default: the current folder) and where
each value came from: the machine's managed policy, the repository's .blast-shield.json, the editor's
mirrored settings, or the default. Values that would have relaxed protection are listed as ignored.
Managed policy files: Linux /etc/blast-shield/policy.json, macOS /Library/Application Support/BlastShield/policy.json,
Windows %ProgramData%\\BlastShield\\policy.json (plus $BLAST_SHIELD_MANAGED_POLICY, which adds and never replaces).
`;

function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'object' && value !== null && 'match' in value) {
    const r = value as { match: string; decision: string; reason: string };
    return `${r.decision} ${r.match} — ${r.reason}`;
  }
  return JSON.stringify(value);
}

const LABELS: Record<string, string> = {
  'lockdown.default': 'lockdown by default',
  'dialog.timeoutSeconds': 'dialog timeout (seconds)',
  'production.names': 'production names',
  'production.hosts': 'production hosts',
  'production.resourceIds': 'production resource and account ids',
  protectedPaths: 'protected paths',
  'hooks.hosts': 'hosts that get hook entries',
  'hooks.required': 'hosts required by policy',
  'rules.extra': 'extra rules',
  'terminalWatch.enabled': 'terminal watch',
  'chatAutoApprove.manage': 'manage chat auto-approve entries',
  'credentials.hideOnStartup': 'hide credential files on start-up',
  'snapshots.enabled': 'keep a copy before approved local destructive actions',
  'snapshots.maxMegabytes': 'snapshot limit per action (MB)',
  'snapshots.maxTotalMegabytes': 'snapshot trash limit (MB)',
  'snapshots.keepDays': 'snapshots kept for (days)',
  'databaseBackup.offer': 'offer "back up first" before database destruction',
  'audit.export.otlpEndpoints': 'audit export to OpenTelemetry (OTLP/HTTP)',
  'audit.export.syslogTargets': 'audit export to syslog',
};

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') {
    io.stdout(HELP);
    return sub ? 0 : 2;
  }
  if (sub !== 'explain') throw new UsageError(`unknown policy command '${sub}' (explain)`);
  let cwd = io.cwd;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--json') json = true;
    else if (a === '--cwd') {
      const v = rest[++i];
      if (!v) throw new UsageError('--cwd needs a folder');
      cwd = path.resolve(io.cwd, v);
    } else throw new UsageError(`unknown argument '${a}'`);
  }
  const policy = effectivePolicyFor(cwd, io.env);
  if (json) {
    io.stdout(JSON.stringify({ workspaceRoots: policy.workspaceRoots, settings: policy.settings, origins: policy.origins, ignored: policy.ignored, problems: policy.files.problems, files: { managed: managedPolicyPaths(process.platform, io.env), repository: repositoryPolicyPaths(policy.workspaceRoots) } }, null, 2) + '\n');
    return 0;
  }
  const out: string[] = [`Effective policy for ${policy.workspaceRoots.join(', ')}`, '', 'Policy files:'];
  const read = new Set([...policy.files.managed, ...policy.files.repository].map((l) => l.source));
  for (const f of managedPolicyPaths(process.platform, io.env)) out.push(`  managed     ${f}  ${read.has(f) ? 'read' : fs.existsSync(f) ? 'unreadable' : 'not present'}`);
  for (const f of repositoryPolicyPaths(policy.workspaceRoots)) out.push(`  repository  ${f}  ${read.has(f) ? 'read' : 'not present'}`);
  out.push('');
  const byKey = new Map<string, ValueOrigin[]>();
  for (const o of policy.origins) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  const lists = new Set(['production.names', 'production.hosts', 'production.resourceIds', 'protectedPaths', 'hooks.hosts', 'hooks.required', 'rules.extra', 'audit.export.otlpEndpoints', 'audit.export.syslogTargets']);
  for (const [key, label] of Object.entries(LABELS)) {
    const origins = byKey.get(key) ?? [];
    if (lists.has(key)) {
      out.push(`${label}:${origins.length === 0 ? ' none' : ''}`);
      for (const o of origins) out.push(`  - ${shown(o.value)}    (${o.from})`);
    } else {
      const o = origins[0];
      if (o) out.push(`${label}: ${shown(o.value)}    (${o.from})`);
    }
  }
  if (policy.settings.lockdownForced) out.push('lockdown is FORCED on by the managed policy: nobody at this machine can switch it off');
  out.push(`snapshot limits in effect: ${formatBytes(policy.snapshotLimits.maxBytes)} per action, ${formatBytes(policy.snapshotLimits.maxTotalBytes)} in all, ${policy.snapshotLimits.keepDays} days`);
  if (policy.ignored.length > 0) {
    out.push('', 'Ignored (would have relaxed protection):');
    for (const i of policy.ignored) out.push(`  - ${i.key} = ${JSON.stringify(i.value)}: ${i.why}`);
  }
  if (policy.files.problems.length > 0) {
    out.push('', 'Problems in policy files:');
    for (const p of policy.files.problems) out.push(`  - ${p.source}: ${p.problem}`);
  }
  out.push('', "Outside the editor only the settings it mirrors for the hook (production markers, protected paths) are seen; the editor's own settings apply on top where they are stricter.");
  io.stdout(out.join('\n') + '\n');
  return 0;
}
