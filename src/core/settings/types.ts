/**
 * Blast Shield's settings as the rest of the code sees them: one typed object, already normalised and
 * merged so that a workspace (which an agent can write) can only tighten protection.
 */
import type { HostId } from '../protocol/ipc';

export interface GuardSettings {
  /** Lockdown for a workspace that has never toggled it. Workspace `true` wins; workspace `false` is ignored. */
  lockdownDefault: boolean;
  /** The managed policy says lockdown: on everywhere, and nobody at this machine can switch it off. */
  lockdownForced: boolean;
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
  /** Hosts a team policy requires to be installed (repository or managed policy); also in `hosts`. */
  requiredHosts: HostId[];
  /** Extra command rules from policy files: they can only add asks and denies. Union of every layer. */
  extraRules: ExtraRule[];
  /** Copies kept before approved local destructive actions. Turning them off is user/machine only; limits are user or managed. */
  snapshots: { enabled: boolean; maxBytes: number; maxTotalBytes: number; keepDays: number };
  /** Offer "back up first" before an approved DROP/TRUNCATE/DELETE. Turning it off is user/machine only. */
  offerDatabaseBackup: boolean;
  /** Where audit entries are exported as they are written. User or managed only: a repository must not send the audit elsewhere. */
  auditExport: { otlpEndpoints: string[]; syslogTargets: string[] };
}

/** A team's own command rule: a glob over the command (and each command it runs), adding an ask or a deny. */
export interface ExtraRule {
  /** `*` matches any text: `terraform apply*`, `*kubectl delete namespace*`. Case-sensitive. */
  match: string;
  decision: 'ask' | 'deny';
  /** The sentence shown in the dialog and the audit log. */
  reason: string;
}

/** Raw values of one configuration layer, keyed by the setting's name after the `blastShield.` prefix. */
export type RawLayer = Readonly<Record<string, unknown>>;

/** A policy file's values in the same keys as settings, and where the file is (for `policy explain`). */
export interface PolicyLayer {
  values: RawLayer;
  /** The file's path. */
  source: string;
}

/** What `inspect()` reports per setting: the user (or machine) value and the workspace values. */
export interface RawLayers {
  user: RawLayer;
  /** How `policy explain` names the user layer; 'user settings' unless said. */
  userSource?: string;
  /** `.vscode/settings.json` and the `.code-workspace` file: writable by agents, so tighten-only. */
  workspace: RawLayer;
  /** Per-folder values in a multi-root workspace: treated exactly like `workspace`. */
  workspaceFolders?: readonly RawLayer[];
  /** Policy files committed in the repository (`.blast-shield.json`): tighten-only, like `workspace`. */
  repository?: readonly PolicyLayer[];
  /**
   * The machine-wide managed policy (written by an administrator, not writable by the user): it may
   * tighten every setting, user-only ones included, and its storage and export values hold over the user's.
   */
  managed?: readonly PolicyLayer[];
}

/** A workspace value the merge refused because it would have relaxed protection. */
export interface IgnoredValue {
  key: string;
  value: unknown;
  why: string;
}

/** Where an effective value came from, for `policy explain`: 'default', 'user settings', a file path ... */
export interface ValueOrigin {
  key: string;
  /** The value this layer contributed (a list item for lists). */
  value: unknown;
  from: string;
}

export interface MergedSettings {
  settings: GuardSettings;
  ignored: IgnoredValue[];
  /** Every value that made it into `settings`, with the layer it came from. */
  origins: ValueOrigin[];
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
  extraRules: 'rules.extra',
  snapshotsEnabled: 'snapshots.enabled',
  snapshotsMaxMegabytes: 'snapshots.maxMegabytes',
  snapshotsMaxTotalMegabytes: 'snapshots.maxTotalMegabytes',
  snapshotsKeepDays: 'snapshots.keepDays',
  offerDatabaseBackup: 'databaseBackup.offer',
  otlpEndpoints: 'audit.export.otlpEndpoints',
  syslogTargets: 'audit.export.syslogTargets',
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** Keys only policy files carry (no editor setting): hosts a team requires to be installed. */
export const POLICY_ONLY_KEYS = {
  requiredHosts: 'hooks.required',
} as const;

export const CONFIG_SECTION = 'blastShield';

export const DIALOG_TIMEOUT_BOUNDS = { min: 15, max: 290, default: 120 } as const;

export const SNAPSHOT_BOUNDS = {
  megabytes: { min: 1, max: 100_000, default: 256 },
  totalMegabytes: { min: 1, max: 1_000_000, default: 2048 },
  keepDays: { min: 1, max: 365, default: 7 },
} as const;
