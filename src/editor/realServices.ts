/**
 * The real node-layer modules behind `GuardServices`. They live in the deferred bundle and load on
 * first use, so activation pays only for what it runs.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../core/protocol/ipc';
import { GUARD_PATHS, guardHome } from '../node/guardHome';
import type { FileStatus, InstallContext, InstallScope } from '../node/hosts/installCommon';
import type { VersionAssessment } from '../node/hosts/hostVersions';
import type { HideSummary } from '../node/credentials/hideFiles';
import type { GuardServices, HostInstallState } from './guardServices';
import { loadDeferred } from './loadDeferred';

function changedFiles(summary: HideSummary): string[] {
  return [...summary.written, ...summary.created, ...summary.removed];
}

function scopes(workspaceRoot: string | undefined): InstallScope[] {
  return workspaceRoot ? ['project', 'user'] : ['user'];
}

function describe(host: HostId, files: FileStatus[], command: string): HostInstallState {
  const present = files.filter((f) => f.state !== 'missing');
  const installed = present.length > 0;
  // An entry the host will not load is as we wrote it (not altered) but protects nothing.
  const intact = installed && present.every((f) => f.state === 'intact' || f.state === 'not-loaded');
  const loaded = present.some((f) => f.state === 'intact');
  const detail = installed ? present.map((f) => `${f.state} in ${f.file}${f.state === 'intact' ? '' : ` (${f.detail})`}`).join('; ') : 'not installed';
  return { host, installed, intact, loaded, files: present.map((f) => f.file), command: installed ? command : undefined, detail };
}

/**
 * @param extensionPath where the extension is installed; its dist/cli.js is copied to a stable place
 *   in the guard home, so host configs keep working across extension updates.
 */
export function createGuardServices(extensionPath: string, env: Readonly<Record<string, string | undefined>> = process.env): GuardServices {
  const home = guardHome(env);
  const userHome = os.homedir();
  const context = (scope: InstallScope, workspace: string | undefined): InstallContext => ({ scope, workspace, home: userHome, guardHome: home, env });
  // Read once per session, without blocking the extension host: `<cli> --version` takes a while.
  const versions = new Map<HostId, Promise<VersionAssessment | undefined>>();
  const status = async (host: HostId, root: string | undefined): Promise<HostInstallState> => {
    const { hostStatus, hookCommand, hostVersion, assessVersion, applyVersion, hasVersionCheck } = loadDeferred();
    const byScope = scopes(root).map((s) => ({ scope: s, files: hostStatus(host, context(s, root)).files }));
    const first = describe(host, byScope.flatMap((b) => b.files), hookCommand(home, host));
    if (!first.installed || !hasVersionCheck(host)) return first;
    let pending = versions.get(host);
    if (!pending) {
      pending = hostVersion(host).then((out) => assessVersion(host, out), () => undefined);
      versions.set(host, pending);
    }
    const assessment = await pending;
    if (!assessment) return first;
    const state = describe(host, byScope.flatMap((b) => applyVersion(b.scope, b.files, assessment)), hookCommand(home, host));
    return { ...state, detail: `${state.detail}; ${assessment.summary}${assessment.warning ? `; warning: ${assessment.warning}` : ''}` };
  };

  return {
    guardHome: home,
    userHome,
    hooks: {
      install: async (host, root) => {
        const { installShim, installHost, defaultInstallScope } = loadDeferred();
        // The editor's own runtime runs the hook, so no `node` is needed on PATH.
        installShim({ guardHome: home, nodePath: process.execPath, electronRunAsNode: Boolean(process.versions.electron), cliBundle: path.join(extensionPath, 'dist', 'cli.js'), startDecider: true });
        installHost(host, context(defaultInstallScope(host, root), root));
        return status(host, root);
      },
      keep: async (root) => {
        const { keepHooksHealthy } = loadDeferred();
        return keepHooksHealthy(HOST_IDS, { guardHome: home, home: userHome, workspace: root, shim: { nodePath: process.execPath, electronRunAsNode: Boolean(process.versions.electron), cliBundle: path.join(extensionPath, 'dist', 'cli.js') } });
      },
      uninstall: async (host, root) => {
        const { uninstallHost } = loadDeferred();
        for (const s of scopes(root)) uninstallHost(host, context(s, root));
        return status(host, root);
      },
      status,
    },
    hiding: {
      hide: async (root) => {
        const { hideCredentialFiles } = loadDeferred();
        return changedFiles(await hideCredentialFiles(root, { home: userHome, cacheDir: GUARD_PATHS.cacheDir(home) }));
      },
      unhide: async (root) => {
        const { unhideCredentialFiles } = loadDeferred();
        return changedFiles(unhideCredentialFiles(root, { cacheDir: GUARD_PATHS.cacheDir(home) }));
      },
    },
    scanner: {
      scan: async (root) => {
        const { scanWorkspace } = loadDeferred();
        const result = await scanWorkspace(root, { home: userHome });
        return { files: result.files.map((f) => ({ path: f.path, kind: f.kind, label: f.label, reasons: f.reasons })), truncated: result.truncated };
      },
      warmIndex: async (root) => {
        const { loadCredentialCache } = loadDeferred();
        const cache = await loadCredentialCache(root, { home: userHome, cacheDir: GUARD_PATHS.cacheDir(home) });
        return { files: Object.keys(cache.files).length, complete: cache.secretlintUsed && !cache.truncated, scannedAt: cache.scannedAt };
      },
      reportIndexFeed: async (root, feed) => {
        const { writeIndexFeed } = loadDeferred();
        writeIndexFeed(GUARD_PATHS.cacheDir(home), root, feed);
      },
    },
    policy: {
      classifyCommand: async (command, request, options) => {
        const { gatherFacts, classify, loadCredentialFacts } = loadDeferred();
        // The credential index gives provenance ("uses the token from …"); without it the path and content rules still apply.
        const credentials =
          request.workspaceRoots.length > 0
            ? await loadCredentialFacts({ workspaceRoots: request.workspaceRoots, home: request.home, cacheDir: GUARD_PATHS.cacheDir(home), secretlint: false }).catch(() => undefined)
            : undefined;
        const facts = gatherFacts({ cwd: request.cwd, workspaceRoots: request.workspaceRoots, env: request.env, home: request.home, credentials });
        return classify(command, facts, options);
      },
      analyseAsk: async (ask, lockdown) => {
        const { analyseAsk, gatherFacts, classify, loadCredentialFacts } = loadDeferred();
        const engine = {
          classify,
          gatherFacts: async (request: { cwd: string; workspaceRoots: readonly string[]; home: string; env: Readonly<Record<string, string | undefined>> }) => {
            const credentials =
              request.workspaceRoots.length > 0
                ? await loadCredentialFacts({ workspaceRoots: request.workspaceRoots, home: request.home, cacheDir: GUARD_PATHS.cacheDir(home), secretlint: false }).catch(() => undefined)
                : undefined;
            const facts = gatherFacts({ cwd: request.cwd, workspaceRoots: request.workspaceRoots, env: request.env, home: request.home, credentials });
            facts.guardHome = home;
            return facts;
          },
        };
        return analyseAsk(ask, engine, { home: userHome, guardHome: home, lockdown });
      },
    },
    audit: {
      append: async (record) => {
        const { appendAudit } = loadDeferred();
        appendAudit(home, record);
      },
      verify: async () => loadDeferred().verifyAuditLog(home),
      file: () => GUARD_PATHS.auditLog(home),
    },
  };
}
