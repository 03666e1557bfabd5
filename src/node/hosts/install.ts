import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../../core/protocol/ipc';
import { GUARD_PATHS } from '../guardHome';
import { claudeInstallSpec } from './claude/install';
import { installCline, statusCline, uninstallCline } from './cline/install';
import { copilotInstallSpec } from './copilot/install';
import { cursorInstallSpec } from './cursor/install';
import { INSTALLED_CLI_FILES, installJson, shimPath, statusJson, uninstallJson, type FileStatus, type HostStatus, type InstallContext, type InstallScope, type JsonHostSpec } from './installCommon';
import { forgetInstall, recordInstall } from './installRegistry';
import { vscodeInstallSpec } from './vscode/install';

/**
 * The install API the CLI and the extension call. `installShim` first (copies the CLI bundle to a
 * stable place and writes the shim the host entries run), then `installHost` per host.
 */

const JSON_SPECS: Partial<Record<HostId, JsonHostSpec>> = {
  cursor: cursorInstallSpec,
  claude: claudeInstallSpec,
  vscode: vscodeInstallSpec,
  copilot: copilotInstallSpec,
};

export interface ShimOptions {
  guardHome: string;
  /** The JavaScript runtime: a node binary, or the editor's own executable with ELECTRON_RUN_AS_NODE=1. */
  nodePath: string;
  electronRunAsNode?: boolean;
  /** The built CLI bundle to copy (dist/cli.js). Sibling bundles it loads lazily are copied too. */
  cliBundle: string;
}

/**
 * Files the CLI loads at run time and must find beside itself: the bundle its launcher compiles, and
 * secretlint's and the audit exporter's, loaded lazily.
 */
const SIBLING_BUNDLES = ['cli-main.js', 'secretlint.js', 'audit-export.js'];

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function copyAtomically(from: string, to: string): void {
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.renameSync(tmp, to);
}

/** Copy the CLI into GUARD_PATHS.binDir and write the `blast-shield-hook` shim. Returns the shim path. */
export function installShim(options: ShimOptions): string {
  const binDir = GUARD_PATHS.binDir(options.guardHome);
  fs.mkdirSync(options.guardHome, { recursive: true, mode: 0o700 });
  fs.mkdirSync(binDir, { recursive: true, mode: 0o700 });
  // The bundles first, the launcher last: a hook starting in between runs the old launcher, which
  // refuses the new bundle (its hash differs) and denies rather than run mismatched code.
  const from = (name: string): string => path.join(path.dirname(options.cliBundle), name);
  // A launcher without its bundle would deny every call: refuse to install it, leaving what was there.
  for (const required of INSTALLED_CLI_FILES.map((f) => (f === 'cli.js' ? options.cliBundle : from(f)))) {
    if (!fs.existsSync(required)) throw new Error(`cannot install the hook: ${required} is missing (run \`npm run build\`, or reinstall the extension)`);
  }
  for (const sibling of SIBLING_BUNDLES) {
    if (fs.existsSync(from(sibling))) copyAtomically(from(sibling), path.join(binDir, sibling));
  }
  const target = path.join(binDir, 'cli.js');
  copyAtomically(options.cliBundle, target);
  const shim = shimPath(options.guardHome);
  let text: string;
  if (process.platform === 'win32') {
    text = [
      '@echo off',
      options.electronRunAsNode ? 'set ELECTRON_RUN_AS_NODE=1' : '',
      `set "BLAST_SHIELD_HOME=${options.guardHome}"`,
      `"${options.nodePath}" "${target}" %*`,
      '',
    ].filter((l, i, all) => l !== '' || i === all.length - 1).join('\r\n');
  } else {
    // The guard home is pinned so the hook finds the same folder whatever environment the host passes.
    const envs = [options.electronRunAsNode ? 'ELECTRON_RUN_AS_NODE=1' : '', `BLAST_SHIELD_HOME=${shellQuote(options.guardHome)}`].filter(Boolean);
    text = `#!/bin/sh\n# Blast Shield hook shim: written by 'blast-shield install'; host configurations run this path.\n${envs.length ? `export ${envs.join(' ')}\n` : ''}exec ${shellQuote(options.nodePath)} ${shellQuote(target)} "$@"\n`;
  }
  fs.writeFileSync(shim + '.tmp', text, { mode: 0o755 });
  fs.renameSync(shim + '.tmp', shim);
  fs.chmodSync(shim, 0o755);
  return shim;
}

/**
 * Where the editor installs a host when a workspace is open: the project's own files, except for
 * Copilot CLI, which loads project hooks only in folders it trusts and user hooks everywhere.
 */
export function defaultInstallScope(host: HostId, workspace: string | undefined): InstallScope {
  if (!workspace || host === 'copilot') return 'user';
  return 'project';
}

/** Install one host's entries and put the file on the install registry the hook protects and the keeper restores. */
export function installHost(host: HostId, ctx: InstallContext): FileStatus {
  const spec = JSON_SPECS[host];
  const status = spec ? installJson(spec, ctx) : installCline(ctx);
  if (status.state === 'intact') recordInstall(ctx.guardHome, { host, scope: ctx.scope, file: status.file, ...(ctx.scope === 'project' && ctx.workspace ? { workspace: ctx.workspace } : {}) });
  return status;
}

export function uninstallHost(host: HostId, ctx: InstallContext): FileStatus {
  const spec = JSON_SPECS[host];
  const status = spec ? uninstallJson(spec, ctx) : uninstallCline(ctx);
  forgetInstall(ctx.guardHome, { host, scope: ctx.scope, file: status.file });
  return status;
}

export function hostStatus(host: HostId, ctx: InstallContext): HostStatus {
  const spec = JSON_SPECS[host];
  return { host, scope: ctx.scope, files: [spec ? statusJson(spec, ctx) : statusCline(ctx)] };
}

export function allHostStatus(ctx: Omit<InstallContext, 'scope'>): HostStatus[] {
  const out: HostStatus[] = [];
  for (const host of HOST_IDS) {
    out.push(hostStatus(host, { ...ctx, scope: 'user' }));
    if (ctx.workspace) out.push(hostStatus(host, { ...ctx, scope: 'project' }));
  }
  return out;
}
