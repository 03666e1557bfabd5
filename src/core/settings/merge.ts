/**
 * Normalise raw configuration values and merge the layers so that anything below the user (a
 * workspace, a committed policy file) and anything the user cannot edit (the managed policy) can
 * only tighten.
 *
 * The user's settings are the base. Then, per setting:
 * - lockdown default and every protection switch: any workspace, repository or managed `true`
 *   switches it on; a `false` there is ignored (a repository is writable by agents; the managed
 *   policy tightens only, like the rest).
 * - production markers, protected paths, required hosts, extra rules: the union of every layer.
 * - dialog timeout: the smallest of every layer, clamped to the bounds.
 * - the host list, terminal watch, chat auto-approve management, hiding on start-up, snapshots and
 *   database back-ups: switching off is the user's alone; a workspace or repository may not change the
 *   host list, the managed policy and the repository may add required hosts.
 * - snapshot limits and audit export: user or managed only (storage and where the audit goes are
 *   the machine's business, never a repository's). A managed limit holds over the user's; managed
 *   export destinations are added to the user's.
 * Every value that would relax protection is reported in `ignored`; every value that counts, in `origins`.
 */
import { HOST_IDS, type HostId } from '../protocol/ipc';
import {
  DIALOG_TIMEOUT_BOUNDS,
  POLICY_ONLY_KEYS,
  SETTING_KEYS,
  SNAPSHOT_BOUNDS,
  type ExtraRule,
  type GuardSettings,
  type IgnoredValue,
  type MergedSettings,
  type RawLayer,
  type RawLayers,
  type ValueOrigin,
} from './types';

export const DEFAULT_SETTINGS: GuardSettings = {
  lockdownDefault: false,
  lockdownForced: false,
  production: { names: [], hosts: [], resourceIds: [] },
  protectedPaths: [],
  hosts: [...HOST_IDS],
  dialogTimeoutSeconds: DIALOG_TIMEOUT_BOUNDS.default,
  terminalWatch: true,
  manageChatAutoApprove: true,
  hideCredentialsOnStartup: true,
  requiredHosts: [],
  extraRules: [],
  snapshots: {
    enabled: true,
    maxBytes: SNAPSHOT_BOUNDS.megabytes.default * 1024 * 1024,
    maxTotalBytes: SNAPSHOT_BOUNDS.totalMegabytes.default * 1024 * 1024,
    keepDays: SNAPSHOT_BOUNDS.keepDays.default,
  },
  offerDatabaseBackup: true,
  auditExport: { otlpEndpoints: [], syslogTargets: [] },
};

const MAX_LIST = 500;
const MAX_ITEM = 512;
const MAX_RULES = 200;

/** A list of non-empty trimmed strings, de-duplicated, bounded. Anything else becomes []. */
export function normaliseStringList(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  const out: string[] = [];
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    const trimmed = item.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_ITEM || out.includes(trimmed)) continue;
    out.push(trimmed);
    if (out.length >= MAX_LIST) break;
  }
  return out;
}

export function normaliseBoolean(raw: unknown): boolean | undefined {
  return typeof raw === 'boolean' ? raw : undefined;
}

function clampedInteger(raw: unknown, bounds: { min: number; max: number }): number | undefined {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
  return Math.min(bounds.max, Math.max(bounds.min, Math.round(raw)));
}

/** Seconds, rounded and clamped to the dialog bounds; undefined for anything that is not a finite number. */
export function normaliseTimeout(raw: unknown): number | undefined {
  return clampedInteger(raw, DIALOG_TIMEOUT_BOUNDS);
}

export function normaliseHosts(raw: unknown): HostId[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return HOST_IDS.filter((h) => raw.includes(h));
}

/** Extra rules: objects with a non-empty `match`, a decision of ask or deny, and a reason (one is made up when missing). */
export function normaliseRules(raw: unknown): ExtraRule[] {
  if (!Array.isArray(raw)) return [];
  const out: ExtraRule[] = [];
  for (const item of raw) {
    if (typeof item !== 'object' || item === null) continue;
    const r = item as Record<string, unknown>;
    const match = typeof r.match === 'string' ? r.match.trim() : '';
    const decision = r.decision === 'deny' ? 'deny' : r.decision === 'ask' ? 'ask' : undefined;
    if (match === '' || match.length > MAX_ITEM || !decision) continue;
    const reason = typeof r.reason === 'string' && r.reason.trim() !== '' ? r.reason.trim().slice(0, MAX_ITEM) : `Your team's policy ${decision === 'deny' ? 'forbids' : 'asks before'} ${match}.`;
    if (out.some((o) => o.match === match && o.decision === decision)) continue;
    out.push({ match, decision, reason });
    if (out.length >= MAX_RULES) break;
  }
  return out;
}

interface Layer {
  values: RawLayer;
  from: string;
  kind: 'workspace' | 'repository' | 'managed';
}

/** The layers below the user, in the order their values are reported. */
function tighteningLayers(layers: RawLayers): Layer[] {
  return [
    ...(layers.managed ?? []).map((l): Layer => ({ values: l.values, from: `managed policy ${l.source}`, kind: 'managed' })),
    ...(layers.repository ?? []).map((l): Layer => ({ values: l.values, from: `repository policy ${l.source}`, kind: 'repository' })),
    { values: layers.workspace, from: 'workspace settings', kind: 'workspace' },
    ...(layers.workspaceFolders ?? []).map((values): Layer => ({ values, from: 'folder settings', kind: 'workspace' })),
  ];
}

class Merger {
  readonly ignored: IgnoredValue[] = [];
  readonly origins: ValueOrigin[] = [];
  private readonly below: Layer[];
  private readonly userSource: string;

  constructor(private readonly layers: RawLayers) {
    this.below = tighteningLayers(layers);
    this.userSource = layers.userSource ?? 'user settings';
  }

  private ignore(key: string, value: unknown, why: string, layer: Layer): void {
    const who = layer.kind === 'repository' ? why.replace(/^a workspace/, 'a repository policy') : why;
    this.ignored.push({ key, value, why: layer.kind === 'workspace' ? who : `${who} (${layer.from})` });
  }

  /** A protection: user value or default; any `true` below switches it on; `false` there is ignored. */
  flag(key: string, fallback: boolean): boolean {
    const user = normaliseBoolean(this.layers.user[key]);
    let value = user ?? fallback;
    let from = user === undefined ? 'default' : this.userSource;
    for (const layer of this.below) {
      const v = normaliseBoolean(layer.values[key]);
      if (v === true && !value) {
        value = true;
        from = layer.from;
      } else if (v === false && value) this.ignore(key, v, layer.kind === 'managed' ? 'a managed policy may switch this protection on, never off' : 'a workspace may switch this protection on, never off', layer);
    }
    this.origins.push({ key, value, from });
    return value;
  }

  /** Union of every layer, each item credited to the first layer that named it. */
  list(key: string, layers: readonly { values: RawLayer; from: string }[] = [{ values: this.layers.user, from: this.userSource }, ...this.below]): string[] {
    const out: string[] = [];
    for (const layer of layers) {
      for (const item of normaliseStringList(layer.values[key])) {
        if (out.includes(item)) continue;
        out.push(item);
        this.origins.push({ key, value: item, from: layer.from });
      }
    }
    return out;
  }

  timeout(): number {
    const K = SETTING_KEYS.dialogTimeoutSeconds;
    const user = normaliseTimeout(this.layers.user[K]);
    let value = user ?? DEFAULT_SETTINGS.dialogTimeoutSeconds;
    let from = user === undefined ? 'default' : this.userSource;
    for (const layer of this.below) {
      const v = normaliseTimeout(layer.values[K]);
      if (v === undefined) continue;
      if (v < value) {
        value = v;
        from = layer.from;
      } else if (v > value) this.ignore(K, layer.values[K], 'a workspace may shorten the dialog timeout, never lengthen it', layer);
    }
    this.origins.push({ key: K, value, from });
    return value;
  }

  hosts(required: readonly HostId[]): HostId[] {
    const K = SETTING_KEYS.hosts;
    const user = normaliseHosts(this.layers.user[K]);
    const base = user ?? [...DEFAULT_SETTINGS.hosts];
    for (const layer of this.below) {
      if (layer.values[K] !== undefined) this.ignore(K, layer.values[K], 'which hosts get hook entries is a user or machine setting', layer);
    }
    const hosts = HOST_IDS.filter((h) => base.includes(h) || required.includes(h));
    for (const h of hosts) this.origins.push({ key: K, value: h, from: base.includes(h) ? (user === undefined ? 'default' : this.userSource) : 'required by policy' });
    return hosts;
  }

  requiredHosts(): HostId[] {
    const K = POLICY_ONLY_KEYS.requiredHosts;
    const out: HostId[] = [];
    for (const layer of this.below) {
      if (layer.kind === 'workspace') {
        if (layer.values[K] !== undefined) this.ignore(K, layer.values[K], 'required hosts come from policy files', layer);
        continue;
      }
      for (const h of normaliseHosts(layer.values[K]) ?? []) {
        if (out.includes(h)) continue;
        out.push(h);
        this.origins.push({ key: K, value: h, from: layer.from });
      }
    }
    return HOST_IDS.filter((h) => out.includes(h));
  }

  rules(): ExtraRule[] {
    const K = SETTING_KEYS.extraRules;
    const out: ExtraRule[] = [];
    for (const layer of [{ values: this.layers.user, from: this.userSource }, ...this.below]) {
      for (const rule of normaliseRules(layer.values[K])) {
        if (out.some((o) => o.match === rule.match && o.decision === rule.decision)) continue;
        out.push(rule);
        this.origins.push({ key: K, value: rule, from: layer.from });
      }
    }
    return out;
  }

  /** A number only the user or the managed policy sets; the managed value holds. */
  machineNumber(key: string, bounds: { min: number; max: number; default: number }): number {
    let value = clampedInteger(this.layers.user[key], bounds);
    let from = value === undefined ? 'default' : this.userSource;
    for (const layer of this.below) {
      if (layer.values[key] === undefined) continue;
      if (layer.kind !== 'managed') {
        this.ignore(key, layer.values[key], 'storage limits are a user or machine setting', layer);
        continue;
      }
      const v = clampedInteger(layer.values[key], bounds);
      if (v !== undefined) {
        value = v;
        from = layer.from;
      }
    }
    const result = value ?? bounds.default;
    this.origins.push({ key, value: result, from });
    return result;
  }

  /** Destinations the user or the managed policy names; a workspace or repository is never asked. */
  machineList(key: string): string[] {
    for (const layer of this.below) {
      if (layer.kind !== 'managed' && layer.values[key] !== undefined) this.ignore(key, layer.values[key], 'where the audit goes is a user or machine setting', layer);
    }
    return this.list(key, [{ values: this.layers.user, from: this.userSource }, ...this.below.filter((l) => l.kind === 'managed')]);
  }
}

export function mergeSettings(layers: RawLayers): MergedSettings {
  const K = SETTING_KEYS;
  const m = new Merger(layers);
  const requiredHosts = m.requiredHosts();
  const MB = 1024 * 1024;
  const lockdownForced = (layers.managed ?? []).some((l) => l.values[K.lockdownDefault] === true);
  const settings: GuardSettings = {
    lockdownDefault: m.flag(K.lockdownDefault, DEFAULT_SETTINGS.lockdownDefault),
    lockdownForced,
    production: {
      names: m.list(K.productionNames),
      hosts: m.list(K.productionHosts),
      resourceIds: m.list(K.productionResourceIds),
    },
    protectedPaths: m.list(K.protectedPaths),
    hosts: m.hosts(requiredHosts),
    dialogTimeoutSeconds: m.timeout(),
    terminalWatch: m.flag(K.terminalWatch, DEFAULT_SETTINGS.terminalWatch),
    manageChatAutoApprove: m.flag(K.manageChatAutoApprove, DEFAULT_SETTINGS.manageChatAutoApprove),
    hideCredentialsOnStartup: m.flag(K.hideCredentialsOnStartup, DEFAULT_SETTINGS.hideCredentialsOnStartup),
    requiredHosts,
    extraRules: m.rules(),
    snapshots: {
      enabled: m.flag(K.snapshotsEnabled, DEFAULT_SETTINGS.snapshots.enabled),
      maxBytes: m.machineNumber(K.snapshotsMaxMegabytes, SNAPSHOT_BOUNDS.megabytes) * MB,
      maxTotalBytes: m.machineNumber(K.snapshotsMaxTotalMegabytes, SNAPSHOT_BOUNDS.totalMegabytes) * MB,
      keepDays: m.machineNumber(K.snapshotsKeepDays, SNAPSHOT_BOUNDS.keepDays),
    },
    offerDatabaseBackup: m.flag(K.offerDatabaseBackup, DEFAULT_SETTINGS.offerDatabaseBackup),
    auditExport: { otlpEndpoints: m.machineList(K.otlpEndpoints), syslogTargets: m.machineList(K.syslogTargets) },
  };
  return { settings, ignored: m.ignored, origins: m.origins };
}
