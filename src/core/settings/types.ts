/**
 * Blast Shield's settings as the rest of the code sees them: one typed object, already normalised and
 * merged so that a workspace (which an agent can write) can only tighten protection.
 */
import type { HostId } from '../protocol/ipc';

export interface GuardSettings {
  /** Lockdown for a workspace that has never toggled it. Workspace `true` wins; workspace `false` is ignored. */
  lockdownDefault: boolean;
  /** Names, hosts and resource ids that are production. Union of every layer. */
  production: {
    names: string[];
    hosts: string[];
    resourceIds: string[];
  };
  /** Extra paths agents must not read or write (globs, workspace-relative or absolute). Union of every layer. */
  protectedPaths: string[];
  /** Hosts whose hook entries the extension installs and repairs. User/machine only. */
  hosts: HostId[];
  /** Seconds a confirm dialog waits before denying. A workspace may only shorten it. */
  dialogTimeoutSeconds: number;
  /** Watch integrated-terminal commands (best effort). Turning it off is user/machine only. */
  terminalWatch: boolean;
  /** Write managed `chat.tools.*.autoApprove` entries for VS Code's own agent. Turning it off is user/machine only. */
  manageChatAutoApprove: boolean;
  /** Hide credential files from agents' ignore files on start-up. Turning it off is user/machine only. */
  hideCredentialsOnStartup: boolean;
}

/** Raw values of one configuration layer, keyed by the setting's name after the `blastShield.` prefix. */
export type RawLayer = Readonly<Record<string, unknown>>;

/** What `inspect()` reports per setting: the user (or machine) value and the workspace values. */
export interface RawLayers {
  user: RawLayer;
  /** `.vscode/settings.json` and the `.code-workspace` file: writable by agents, so tighten-only. */
  workspace: RawLayer;
  /** Per-folder values in a multi-root workspace: treated exactly like `workspace`. */
  workspaceFolders?: readonly RawLayer[];
}

/** A workspace value the merge refused because it would have relaxed protection. */
export interface IgnoredValue {
  key: string;
  value: unknown;
  why: string;
}

export interface MergedSettings {
  settings: GuardSettings;
  ignored: IgnoredValue[];
}

/** Setting keys, relative to the `blastShield` section. Mirrored by package.json `contributes.configuration`. */
export const SETTING_KEYS = {
  lockdownDefault: 'lockdown.default',
  productionNames: 'production.names',
  productionHosts: 'production.hosts',
  productionResourceIds: 'production.resourceIds',
  protectedPaths: 'protectedPaths',
  hosts: 'hooks.hosts',
  dialogTimeoutSeconds: 'dialog.timeoutSeconds',
  terminalWatch: 'terminalWatch.enabled',
  manageChatAutoApprove: 'chatAutoApprove.manage',
  hideCredentialsOnStartup: 'credentials.hideOnStartup',
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

export const CONFIG_SECTION = 'blastShield';

export const DIALOG_TIMEOUT_BOUNDS = { min: 15, max: 290, default: 120 } as const;
