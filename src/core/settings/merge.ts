/**
 * Normalise raw configuration values and merge the layers so that a workspace can only tighten.
 *
 * Decisions, per setting:
 * - lockdown default: user value, or `true` from any workspace layer. A workspace `false` is ignored.
 * - production markers and protected paths: the union of every layer (more markers = more protection).
 * - dialog timeout: the smallest of the user value and any workspace value, clamped to the bounds.
 *   A shorter dialog denies sooner, which only tightens; a longer one from a workspace is ignored.
 * - hosts, terminal watch, chat auto-approve management, hiding on start-up: user/machine only.
 *   A workspace may switch a boolean protection on but never off, and may not change the host list
 *   (installing writes files outside the workspace, so a repository must not direct it).
 * Every workspace value that would relax protection is reported in `ignored` for the log.
 */
import { HOST_IDS, type HostId } from '../protocol/ipc';
import { DIALOG_TIMEOUT_BOUNDS, SETTING_KEYS, type GuardSettings, type IgnoredValue, type MergedSettings, type RawLayer, type RawLayers } from './types';

export const DEFAULT_SETTINGS: GuardSettings = {
  lockdownDefault: false,
  production: { names: [], hosts: [], resourceIds: [] },
  protectedPaths: [],
  hosts: [...HOST_IDS],
  dialogTimeoutSeconds: DIALOG_TIMEOUT_BOUNDS.default,
  terminalWatch: true,
  manageChatAutoApprove: true,
  hideCredentialsOnStartup: true,
};

const MAX_LIST = 500;
const MAX_ITEM = 512;

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

/** Seconds, rounded and clamped to the dialog bounds; undefined for anything that is not a finite number. */
export function normaliseTimeout(raw: unknown): number | undefined {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return undefined;
  return Math.min(DIALOG_TIMEOUT_BOUNDS.max, Math.max(DIALOG_TIMEOUT_BOUNDS.min, Math.round(raw)));
}

export function normaliseHosts(raw: unknown): HostId[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return HOST_IDS.filter((h) => raw.includes(h));
}

function union(...lists: readonly string[][]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const item of list) if (!out.includes(item)) out.push(item);
  return out;
}

function workspaceLayers(layers: RawLayers): RawLayer[] {
  return [layers.workspace, ...(layers.workspaceFolders ?? [])];
}

/** A boolean protection: user value or default; any workspace `true` switches it on, `false` is ignored. */
function mergeProtectionFlag(layers: RawLayers, key: string, fallback: boolean, ignored: IgnoredValue[]): boolean {
  let value = normaliseBoolean(layers.user[key]) ?? fallback;
  for (const layer of workspaceLayers(layers)) {
    const v = normaliseBoolean(layer[key]);
    if (v === true) value = true;
    else if (v === false && !value) continue;
    else if (v === false) ignored.push({ key, value: v, why: 'a workspace may switch this protection on, never off' });
  }
  return value;
}

function mergeList(layers: RawLayers, key: string): string[] {
  return union(normaliseStringList(layers.user[key]), ...workspaceLayers(layers).map((l) => normaliseStringList(l[key])));
}

export function mergeSettings(layers: RawLayers): MergedSettings {
  const ignored: IgnoredValue[] = [];
  const K = SETTING_KEYS;

  let timeout = normaliseTimeout(layers.user[K.dialogTimeoutSeconds]) ?? DEFAULT_SETTINGS.dialogTimeoutSeconds;
  for (const layer of workspaceLayers(layers)) {
    const v = normaliseTimeout(layer[K.dialogTimeoutSeconds]);
    if (v === undefined) continue;
    if (v <= timeout) timeout = v;
    else ignored.push({ key: K.dialogTimeoutSeconds, value: layer[K.dialogTimeoutSeconds], why: 'a workspace may shorten the dialog timeout, never lengthen it' });
  }

  const hosts = normaliseHosts(layers.user[K.hosts]) ?? [...DEFAULT_SETTINGS.hosts];
  for (const layer of workspaceLayers(layers)) {
    if (layer[K.hosts] !== undefined) ignored.push({ key: K.hosts, value: layer[K.hosts], why: 'which hosts get hook entries is a user or machine setting' });
  }

  const settings: GuardSettings = {
    lockdownDefault: mergeProtectionFlag(layers, K.lockdownDefault, DEFAULT_SETTINGS.lockdownDefault, ignored),
    production: {
      names: mergeList(layers, K.productionNames),
      hosts: mergeList(layers, K.productionHosts),
      resourceIds: mergeList(layers, K.productionResourceIds),
    },
    protectedPaths: mergeList(layers, K.protectedPaths),
    hosts,
    dialogTimeoutSeconds: timeout,
    terminalWatch: mergeProtectionFlag(layers, K.terminalWatch, DEFAULT_SETTINGS.terminalWatch, ignored),
    manageChatAutoApprove: mergeProtectionFlag(layers, K.manageChatAutoApprove, DEFAULT_SETTINGS.manageChatAutoApprove, ignored),
    hideCredentialsOnStartup: mergeProtectionFlag(layers, K.hideCredentialsOnStartup, DEFAULT_SETTINGS.hideCredentialsOnStartup, ignored),
  };
  return { settings, ignored };
}
