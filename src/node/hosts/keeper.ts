import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../core/protocol/ipc';
import { GUARD_PATHS } from '../guardHome';
import { hostStatus, installHost, installShim, shimText, type ShimOptions } from './install';
import { INSTALLED_CLI_FILES, shimPath, type InstallContext, type InstallScope } from './installCommon';
import { readInstallRegistry } from './installRegistry';

/**
 * Keeping installed hooks healthy without the user asking: the editor runs this at start-up and
 * every few minutes.
 *
 * - The installed CLI (`~/.blast-shield/bin`) is brought up to this extension's version when it
 *   differs, so an updated extension's rules reach the hook and a half-copied install is completed.
 * - Hook entries that are present but altered (a fail-closed flag removed, a timeout shortened, the
 *   command changed, the installed CLI incomplete) are rewritten.
 * - An entry on the install registry (this guard installed it, and no uninstall took it off) that has
 *   disappeared is put back, wherever it was installed: only `uninstall` removes an entry for good.
 *   A host hook of the user's own (a conflict) is left alone.
 */

export interface KeeperContext {
  guardHome: string;
  /** The user's home folder. */
  home: string;
  /** The workspace folder, for project-scope entries. */
  workspace?: string;
  /** How to write the shim, as the extension installs it. */
  shim: Omit<ShimOptions, 'guardHome'>;
}

export interface KeeperReport {
  /** The installed CLI was replaced by this extension's copy. */
  cliUpdated: boolean;
  /** One line per repaired host config: "cursor (user): ~/.cursor/hooks.json (failClosed changed)". */
  repaired: string[];
  /** One line per entry put back after it disappeared without an uninstall: "cursor (project): /w/.cursor/hooks.json". */
  restored: string[];
  /** Repairs that failed, with why. */
  failed: string[];
}

function sameBytes(a: string, b: string): boolean {
  try {
    const x = fs.readFileSync(a);
    const y = fs.readFileSync(b);
    return x.equals(y);
  } catch {
    return false;
  }
}

/** True when the installed CLI files are not byte for byte the extension's (or some are missing, bin/package.json included). */
export function installedCliIsStale(guardHomeDir: string, cliBundle: string): boolean {
  const bin = GUARD_PATHS.binDir(guardHomeDir);
  if (!fs.existsSync(path.join(bin, 'package.json'))) return true;
  return INSTALLED_CLI_FILES.some((f) => !sameBytes(path.join(bin, f), path.join(path.dirname(cliBundle), f === 'cli.js' ? path.basename(cliBundle) : f)));
}

/** True when the shim is not the one this extension writes (an older version, or edited). */
function shimIsStale(ctx: KeeperContext): boolean {
  try {
    return fs.readFileSync(shimPath(ctx.guardHome), 'utf8') !== shimText({ ...ctx.shim, guardHome: ctx.guardHome });
  } catch {
    return true;
  }
}

export function keepHooksHealthy(hosts: readonly HostId[], ctx: KeeperContext): KeeperReport {
  const report: KeeperReport = { cliUpdated: false, repaired: [], restored: [], failed: [] };
  // Only once something was installed: the shim is what host configs run.
  if (fs.existsSync(shimPath(ctx.guardHome)) && (installedCliIsStale(ctx.guardHome, ctx.shim.cliBundle) || shimIsStale(ctx))) {
    try {
      installShim({ ...ctx.shim, guardHome: ctx.guardHome });
      report.cliUpdated = true;
    } catch (err) {
      report.failed.push(`the installed CLI could not be updated: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const scopes: InstallScope[] = ctx.workspace ? ['user', 'project'] : ['user'];
  for (const host of hosts) {
    for (const scope of scopes) {
      const install = { scope, workspace: ctx.workspace, home: ctx.home, guardHome: ctx.guardHome };
      let state;
      try {
        state = hostStatus(host, install).files[0];
      } catch {
        continue;
      }
      if (!state || state.state !== 'altered') continue;
      try {
        if (!fs.existsSync(shimPath(ctx.guardHome)) || installedCliIsStale(ctx.guardHome, ctx.shim.cliBundle) || shimIsStale(ctx)) installShim({ ...ctx.shim, guardHome: ctx.guardHome });
        const after = installHost(host, install);
        if (after.state === 'intact') report.repaired.push(`${host} (${scope}): ${state.file} (${state.detail})`);
        else report.failed.push(`${host} (${scope}): ${after.file} is still ${after.state} (${after.detail})`);
      } catch (err) {
        report.failed.push(`${host} (${scope}): ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  restoreRemoved(hosts, ctx, report);
  return report;
}

/** Entries on the install registry that are gone (file deleted, entries edited out) are installed again. */
function restoreRemoved(hosts: readonly HostId[], ctx: KeeperContext, report: KeeperReport): void {
  for (const record of readInstallRegistry(ctx.guardHome)) {
    if (!hosts.includes(record.host)) continue;
    const install: InstallContext = { scope: record.scope, home: ctx.home, guardHome: ctx.guardHome, ...(record.workspace ? { workspace: record.workspace } : {}) };
    let state;
    try {
      state = hostStatus(record.host, install).files[0];
    } catch {
      continue;
    }
    // The record must still describe this machine's layout (the same home, the same file).
    if (!state || state.file !== record.file || state.state !== 'missing') continue;
    if (record.scope === 'project' && (!record.workspace || !fs.existsSync(record.workspace))) continue;
    try {
      if (!fs.existsSync(shimPath(ctx.guardHome)) || installedCliIsStale(ctx.guardHome, ctx.shim.cliBundle) || shimIsStale(ctx)) installShim({ ...ctx.shim, guardHome: ctx.guardHome });
      const after = installHost(record.host, install);
      if (after.state === 'intact') report.restored.push(`${record.host} (${record.scope}): ${record.file}`);
      else report.failed.push(`${record.host} (${record.scope}): ${after.file} could not be put back (${after.state}: ${after.detail})`);
    } catch (err) {
      report.failed.push(`${record.host} (${record.scope}): ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
