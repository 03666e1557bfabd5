import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../core/protocol/ipc';
import { requiredHostGaps } from '../core/health/requiredHosts';
import { lastEventPerHost } from '../node/audit/auditFollower';
import { auditLogPath, describeAuditFailures } from '../node/audit/auditLog';
import { effectivePolicyFor } from '../node/policy/policyFiles';
import { guardHome } from '../node/guardHome';
import { allHostStatus, hostStatus, installHost, installShim, uninstallHost } from '../node/hosts/install';
import { claudeVersionSync, onFailureNote } from '../node/hosts/claude/version';
import { applyVersion, assessVersion, hasVersionCheck, hostVersionSync, type VersionAssessment } from '../node/hosts/hostVersions';
import type { FileStatus, HostStatus, InstallContext, InstallScope } from '../node/hosts/installCommon';
import { UsageError, type CliIo } from './io';

const HELP = `usage:
  blast-shield install <host|all> [--user|--project] [--workspace DIR] [--node PATH] [--electron-run-as-node]
  blast-shield uninstall <host|all> [--user|--project] [--workspace DIR]
  blast-shield status [--workspace DIR] [--json]     inside a workspace, its project installs too

hosts: ${HOST_IDS.join(', ')}
--user       ~/.cursor, ~/.claude, ~/.copilot/hooks, ~/Documents/Cline/Hooks, ~/.gemini/settings.json,
             ~/.codex/hooks.json, ~/.codeium/windsurf/hooks.json (the default)
--project    the workspace's own files (.cursor/hooks.json, .claude/settings.local.json,
             .github/hooks/blast-shield-*.json, .clinerules/hooks/PreToolUse, .gemini/settings.json,
             .codex/hooks.json, .windsurf/hooks.json). Copilot CLI loads project hooks only in folders
             it trusts, Gemini CLI runs no hooks in a folder it does not trust, Codex loads a project's
             hooks only in a project it trusts: such an install reports not-loaded until then
codex        also trusts the hook in ~/.codex/config.toml (Codex skips an untrusted hook silently)
vscode-agent VS Code's Copilot harness runs the vscode (and copilot) entries: installs the vscode one
--node PATH  the JavaScript runtime the hook shim runs (default: this node); the editor passes its
             own executable together with --electron-run-as-node
install copies this CLI to ~/.blast-shield/bin and writes the shim 'blast-shield-hook' there, then
merges the entries (comments and other entries are kept). Running it again repairs altered or
missing entries. uninstall restores each file byte for byte when it was not edited since.
`;

interface Parsed {
  hosts: HostId[];
  scope: InstallScope;
  workspace?: string;
  nodePath?: string;
  electron: boolean;
  json: boolean;
}

function parseArgs(args: string[], io: CliIo, needHost: boolean): Parsed {
  const out: Parsed = { hosts: [], scope: 'user', electron: false, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--user') out.scope = 'user';
    else if (a === '--project') out.scope = 'project';
    else if (a === '--workspace') out.workspace = path.resolve(io.cwd, args[++i] ?? '');
    else if (a.startsWith('--workspace=')) out.workspace = path.resolve(io.cwd, a.slice(12));
    else if (a === '--node') out.nodePath = args[++i];
    else if (a.startsWith('--node=')) out.nodePath = a.slice(7);
    else if (a === '--electron-run-as-node') out.electron = true;
    else if (a === '--json') out.json = true;
    else if (a === 'all') out.hosts.push(...HOST_IDS);
    else if ((HOST_IDS as readonly string[]).includes(a)) out.hosts.push(a as HostId);
    else throw new UsageError(`unknown argument '${a}'`);
  }
  if (needHost && out.hosts.length === 0) throw new UsageError(`name a host (${HOST_IDS.join(', ')}) or 'all'`);
  if (out.scope === 'project' && !out.workspace) out.workspace = io.cwd;
  return out;
}

function context(p: Parsed, io: CliIo): InstallContext {
  return { scope: p.scope, workspace: p.workspace, home: io.env.HOME || os.homedir(), guardHome: guardHome(io.env), env: io.env };
}

function line(host: string, scope: string, f: FileStatus): string {
  return `${host.padEnd(12)} ${scope.padEnd(8)} ${f.state.padEnd(10)} ${f.file}  (${f.detail})\n`;
}

export async function runInstall(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const p = parseArgs(args, io, true);
  const ctx = context(p, io);
  const cliBundle = process.argv[1] ? path.resolve(process.argv[1]) : '';
  if (!cliBundle.endsWith('.js')) throw new UsageError('install must run from the built CLI bundle (dist/cli.js)');
  const shim = installShim({ guardHome: ctx.guardHome, nodePath: p.nodePath ?? process.execPath, electronRunAsNode: p.electron, cliBundle, startDecider: true });
  io.stdout(`hook shim: ${shim}\n`);
  let failed = false;
  for (const host of p.hosts) {
    const status = installHost(host, ctx);
    if (status.state !== 'intact') failed = true;
    io.stdout(line(host, p.scope, status));
  }
  if (p.hosts.includes('claude')) {
    const note = onFailureNote(claudeVersionSync(io.env as NodeJS.ProcessEnv));
    if (note) io.stdout(`claude: warning: ${note}\n`);
  }
  return failed ? 1 : 0;
}

export async function runUninstall(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const p = parseArgs(args, io, true);
  const ctx = context(p, io);
  for (const host of p.hosts) io.stdout(line(host, p.scope, uninstallHost(host, ctx)));
  return 0;
}

/** Files and folders that mark a workspace: a repository, or a host's project configuration. */
const WORKSPACE_MARKERS = ['.git', '.cursor', '.claude', '.github/hooks', '.clinerules', '.vscode'];

/**
 * The workspace `dir` is in: the nearest folder at or above it with a repository or a host's project
 * configuration. The home folder is never one (its `.claude` is the user's own configuration).
 */
export function workspaceAround(dir: string, home: string): string | undefined {
  let current = path.resolve(dir);
  const homeDir = path.resolve(home);
  for (;;) {
    if (current === homeDir) return undefined;
    if (WORKSPACE_MARKERS.some((m) => fs.existsSync(path.join(current, m)))) return current;
    const up = path.dirname(current);
    if (up === current) return undefined;
    current = up;
  }
}

export async function runStatus(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(HELP);
    return 0;
  }
  const p = parseArgs(args, io, false);
  const home = io.env.HOME || os.homedir();
  const base = { workspace: p.workspace ?? workspaceAround(io.cwd, home), home, guardHome: guardHome(io.env), env: io.env };
  const raw: HostStatus[] = p.hosts.length > 0 ? p.hosts.flatMap((h) => [hostStatus(h, { ...base, scope: 'user' }), ...(base.workspace ? [hostStatus(h, { ...base, scope: 'project' })] : [])]) : allHostStatus(base);
  // The installed CLI's version decides whether some scopes load at all (and what a failure does).
  const versions = new Map<HostId, VersionAssessment>();
  for (const host of new Set(raw.map((r) => r.host))) {
    if (!hasVersionCheck(host) || !raw.some((r) => r.host === host && r.files.some((f) => f.state !== 'missing'))) continue;
    const assessment = assessVersion(host, hostVersionSync(host, io.env as NodeJS.ProcessEnv));
    if (assessment) versions.set(host, assessment);
  }
  const reports = raw.map((r) => ({ ...r, files: applyVersion(r.scope, r.files, versions.get(r.host)) }));
  if (p.json) {
    io.stdout(JSON.stringify(reports, null, 2) + '\n');
    return 0;
  }
  io.stdout(base.workspace ? `workspace: ${base.workspace}\n` : 'workspace: none here (run inside one, or pass --workspace DIR, to see its project installs)\n');
  for (const r of reports) for (const f of r.files) io.stdout(line(r.host, r.scope, f));
  for (const [host, a] of versions) {
    io.stdout(`${host}: ${a.summary}${a.notLoaded ? ` — NOT LOADED (${a.notLoaded.scopes.join(', ')}): ${a.notLoaded.why}` : ''}\n`);
    if (a.warning) io.stdout(`${host}: warning: ${a.warning}\n`);
  }
  // Events arriving: the last call each installed host made to the hook, from the audit log.
  const seen = lastEventPerHost(auditLogPath(base.guardHome));
  const installedHosts = [...new Set(reports.filter((r) => r.files.some((f) => f.state !== 'missing')).map((r) => r.host))];
  for (const host of installedHosts) {
    const e = seen.get(host);
    io.stdout(`${host}: ${e ? `last hook call ${new Date(e.at).toISOString()} (${e.event}, ${e.decision})` : 'no hook call seen yet (installed but not yet heard from)'}\n`);
  }
  const gap = describeAuditFailures(base.guardHome);
  if (gap) io.stdout(`audit: ${gap}\n`);
  // Hosts a policy file requires: each needs an intact entry its host loads, in either scope.
  const policy = effectivePolicyFor(base.workspace ?? io.cwd, io.env);
  const required = policy.settings.requiredHosts;
  if (required.length === 0) return 0;
  const all = p.hosts.length > 0 && required.some((h) => !p.hosts.includes(h)) ? allHostStatus(base) : reports;
  const facts = all.flatMap((r) => (r.files.length === 0 ? [] : [{ host: r.host, installed: r.files.every((f) => f.state !== 'missing'), intact: r.files.every((f) => f.state === 'intact' || f.state === 'not-loaded'), loaded: r.files.every((f) => f.state !== 'not-loaded') }]));
  const gaps = requiredHostGaps(required, facts);
  const from = (h: HostId): string => policy.origins.find((o) => o.key === 'hooks.required' && o.value === h)?.from ?? 'policy';
  for (const h of required) {
    const g = gaps.find((x) => x.host === h);
    io.stdout(g ? `REQUIRED ${h}: MISSING — ${g.problem} (required by ${from(h)}); run blast-shield install ${h}\n` : `required ${h}: installed and loaded (required by ${from(h)})\n`);
  }
  return gaps.length > 0 ? 1 : 0;
}
