/**
 * What the extension needs from the rest of Blast Shield, as one interface. `createGuardServices()`
 * wires the real node-layer modules; keeping the shape here lets the editor code read as a list of
 * capabilities and keeps every `vscode`-free module out of the editor folder.
 */
import type { ClassifyOptions, Verdict } from '../core/policy/types';
import type { ConfirmAsk, HostId } from '../core/protocol/ipc';
import type { AuditRecord } from '../core/audit/entry';
import type { VerifyResult } from '../core/audit/chain';
import type { KeeperReport } from '../node/hosts/keeper';

export type { KeeperReport };

export interface HostInstallState {
  host: HostId;
  /** Our entries are present in at least one of the host's config files. */
  installed: boolean;
  /** Present and unaltered (fail-closed flags, timeouts and command as we wrote them). */
  intact: boolean;
  /**
   * The host will load at least one of our intact entries (scope, folder trust). False when every
   * entry sits where the host skips it (a Copilot CLI project hook in an untrusted folder).
   */
  loaded: boolean;
  /** Config files holding our entries. */
  files: string[];
  /** The command line the host runs, for the self-test; undefined when not installed. */
  command?: string;
  /** One line a human reads: "installed in ~/.cursor/hooks.json", "missing", "altered: failClosed removed". */
  detail: string;
}

export interface HookInstaller {
  install(host: HostId, workspaceRoot: string | undefined): Promise<HostInstallState>;
  /** Rewrite altered entries and bring the installed CLI up to this extension's version. */
  keep(workspaceRoot: string | undefined): Promise<KeeperReport>;
  uninstall(host: HostId, workspaceRoot: string | undefined): Promise<HostInstallState>;
  status(host: HostId, workspaceRoot: string | undefined): Promise<HostInstallState>;
}

export interface CredentialHiding {
  /** Write the managed blocks for this workspace folder; returns the files changed. */
  hide(root: string): Promise<string[]>;
  /** Remove them again, restoring each file byte for byte; returns the files changed. */
  unhide(root: string): Promise<string[]>;
}

export interface CredentialScan {
  scan(root: string): Promise<{ files: { path: string; kind: string; label: string; reasons: string[] }[]; truncated: boolean }>;
  /**
   * Build or refresh the workspace's credential index in the guard home, with secretlint. The hook
   * reads this index without secretlint (to start fast), so keeping it complete and current here
   * spares the first hook call in a big workspace a full scan. Returns the number of files indexed.
   */
  warmIndex(root: string): Promise<{ files: number; complete: boolean }>;
}

export interface Policy {
  /** Classify a shell command as the hook would, with facts gathered for `cwd`. Loads the engine on first use. */
  classifyCommand(command: string, request: { cwd: string; workspaceRoots: readonly string[]; home: string; env: Readonly<Record<string, string | undefined>> }, options: ClassifyOptions): Promise<Verdict>;
  /** This window's own verdict on an ask from a hook (the request carries no verdict). Loads the engine on first use. */
  analyseAsk(ask: ConfirmAsk, lockdown: boolean): Promise<Verdict>;
}

export interface Audit {
  append(record: AuditRecord): Promise<void>;
  verify(): Promise<VerifyResult>;
  /** The log file, to open in an editor. */
  file(): string;
}

export interface GuardServices {
  /** Blast Shield's folder (~/.blast-shield, or BLAST_SHIELD_HOME). */
  guardHome: string;
  userHome: string;
  hooks: HookInstaller;
  hiding: CredentialHiding;
  scanner: CredentialScan;
  policy: Policy;
  audit: Audit;
}
