import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../../core/protocol/ipc';
import { spawnDeciderServer } from '../decider/spawnServer';
import { GUARD_PATHS } from '../guardHome';
import { claudeInstallSpec } from './claude/install';
import { installCline, statusCline, uninstallCline } from './cline/install';
import { installCodex, statusCodex, uninstallCodex } from './codex/install';
import { copilotInstallSpec } from './copilot/install';
import { cursorInstallSpec } from './cursor/install';
import { geminiInstallSpec } from './gemini/install';
import { posixShim, windowsShim } from './hookEntry';
import { INSTALLED_CLI_FILES, installJson, shimPath, statusJson, uninstallJson, type FileStatus, type HostStatus, type InstallContext, type InstallScope, type JsonHostSpec } from './installCommon';
import { forgetInstall, recordInstall } from './installRegistry';
import { prepareHookCache } from './prepareCache';
import { vscodeInstallSpec } from './vscode/install';
import { vscodeAgentInstallSpec } from './vscodeAgent/install';
import { windsurfInstallSpec } from './windsurf/install';

/**
 * The install API the CLI and the extension call. `installShim` first (copies the CLI bundle to a
 * stable place and writes the shim the host entries run), then `installHost` per host.
 */

export const JSON_SPECS: Partial<Record<HostId, JsonHostSpec>> = {
  cursor: cursorInstallSpec,
  claude: claudeInstallSpec,
  vscode: vscodeInstallSpec,
  copilot: copilotInstallSpec,
  gemini: geminiInstallSpec,
  windsurf: windsurfInstallSpec,
  'vscode-agent': vscodeAgentInstallSpec,
};

/** Hosts that need more than JSON entries: Cline's executable script, Codex's trust entry. */
const OTHER_INSTALLERS: Partial<Record<HostId, { install(ctx: InstallContext): FileStatus; uninstall(ctx: InstallContext): FileStatus; status(ctx: InstallContext): FileStatus }>> = {
  cline: { install: installCline, uninstall: uninstallCline, status: statusCline },
  codex: { install: installCodex, uninstall: uninstallCodex, status: statusCodex },
};

function installerFor(host: HostId): { install(ctx: InstallContext): FileStatus; uninstall(ctx: InstallContext): FileStatus; status(ctx: InstallContext): FileStatus } {
  const other = OTHER_INSTALLERS[host];
  if (other) return other;
  const spec = JSON_SPECS[host];
  if (!spec) throw new Error(`no installer for ${host}`);
  return { install: (ctx) => installJson(spec, ctx), uninstall: (ctx) => uninstallJson(spec, ctx), status: (ctx) => statusJson(spec, ctx) };
}

export interface ShimOptions {
  guardHome: string;
  /** The JavaScript runtime: a node binary, or the editor's own executable with ELECTRON_RUN_AS_NODE=1. */
  nodePath: string;
  electronRunAsNode?: boolean;
  /** The built CLI bundle to copy (dist/cli.js). Sibling bundles it loads lazily are copied too. */
  cliBundle: string;
  /**
   * Start the warm decision server once the CLI and its code cache are in place (`blast-shield install`
   * and the editor's install do), so the first hook call after an install is answered warm instead of
   * deciding in-process. Off by default: tests and tools that only write files start no process.
   */
  startDecider?: boolean;
}

/**
 * Files the CLI loads at run time and must find beside itself: the bundle its launcher compiles, and
 * secretlint's and the audit exporter's, loaded lazily.
 */
const SIBLING_BUNDLES = ['cli-main.js', 'secretlint.js', 'audit-export.js'];

function copyAtomically(from: string, to: string): void {
  const tmp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, tmp);
  fs.renameSync(tmp, to);
}

/** What bin/package.json holds (see installShim). */
export const BIN_PACKAGE_JSON = '{ "type": "commonjs" }\n';

function writeBinPackageJson(binDir: string): void {
  const file = path.join(binDir, 'package.json');
  try {
    if (fs.readFileSync(file, 'utf8') === BIN_PACKAGE_JSON) return;
  } catch {
    // not there yet
  }
  fs.writeFileSync(`${file}.${process.pid}.tmp`, BIN_PACKAGE_JSON, { mode: 0o600 });
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
}

/** What the shim for these options holds. */
export function shimText(options: ShimOptions): string {
  // The guard home is pinned so the hook finds the same folder whatever environment the host passes.
  const spec = { runtime: options.nodePath, electronRunAsNode: options.electronRunAsNode === true, guardHome: options.guardHome, binDir: GUARD_PATHS.binDir(options.guardHome), hosts: HOST_IDS };
  return process.platform === 'win32' ? windowsShim(spec) : posixShim(spec);
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
  // Node takes a .js file's module kind from the nearest package.json: a `"type": "module"` in the
  // user's home (or any folder above the guard home) would make the launcher an ES module that cannot
  // run, and every hook call a deny. This one says CommonJS and ends Node's search here.
  writeBinPackageJson(binDir);
  const target = path.join(binDir, 'cli.js');
  copyAtomically(options.cliBundle, target);
  const shim = shimPath(options.guardHome);
  const text = shimText(options);
  fs.writeFileSync(shim + '.tmp', text, { mode: 0o755 });
  fs.renameSync(shim + '.tmp', shim);
  fs.chmodSync(shim, 0o755);
  prepareHookCache(options);
  if (options.startDecider) startInstalledDecider(options, target);
  return shim;
}

/**
 * The server as the hook would start it (spawnServer.ts): the installed launcher, run by the runtime
 * the shim runs, with the guard home pinned like the shim pins it. Not on Windows, where the client
 * does not use a server yet. Best effort: without it the first call decides in-process and starts one.
 */
function startInstalledDecider(options: ShimOptions, cli: string): boolean {
  if (process.platform === 'win32') return false;
  const env: NodeJS.ProcessEnv = { ...process.env, BLAST_SHIELD_HOME: options.guardHome };
  if (options.electronRunAsNode) env.ELECTRON_RUN_AS_NODE = '1';
  else delete env.ELECTRON_RUN_AS_NODE;
  return spawnDeciderServer({ home: options.guardHome, runtime: options.nodePath, cli, env });
}

/**
 * Where the editor installs a host when a workspace is open: the project's own files, except for
 * Copilot CLI, which loads project hooks only in folders it trusts and user hooks everywhere, and Codex,
 * which reads hook trust from the user's config only and loads a project's hooks only in a project it
 * trusts.
 */
export function defaultInstallScope(host: HostId, workspace: string | undefined): InstallScope {
  if (!workspace || host === 'copilot' || host === 'codex') return 'user';
  return 'project';
}

/** Install one host's entries and put the file on the install registry the hook protects and the keeper restores. */
export function installHost(host: HostId, ctx: InstallContext): FileStatus {
  const status = installerFor(host).install(ctx);
  if (status.state === 'intact') recordInstall(ctx.guardHome, { host, scope: ctx.scope, file: status.file, ...(ctx.scope === 'project' && ctx.workspace ? { workspace: ctx.workspace } : {}) });
  return status;
}

export function uninstallHost(host: HostId, ctx: InstallContext): FileStatus {
  const status = installerFor(host).uninstall(ctx);
  forgetInstall(ctx.guardHome, { host, scope: ctx.scope, file: status.file });
  return status;
}

export function hostStatus(host: HostId, ctx: InstallContext): HostStatus {
  return { host, scope: ctx.scope, files: [installerFor(host).status(ctx)] };
}

export function allHostStatus(ctx: Omit<InstallContext, 'scope'>): HostStatus[] {
  const out: HostStatus[] = [];
  for (const host of HOST_IDS) {
    out.push(hostStatus(host, { ...ctx, scope: 'user' }));
    if (ctx.workspace) out.push(hostStatus(host, { ...ctx, scope: 'project' }));
  }
  return out;
}
