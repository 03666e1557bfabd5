/**
 * The settings mirror: what the extension tells the hook, written to GUARD_PATHS.settingsMirror
 * (`~/.blast-shield/settings.json`). The hook runs outside the editor and cannot read VS Code's
 * settings or workspace state, so the extension writes, per workspace folder, the lockdown state,
 * the production markers and the extra protected paths. The file is a guard file: agents' writes to
 * it are denied by the hook, and the extension rewrites it whenever its content differs from the
 * extension's own state, so an agent editing it cannot turn lockdown off.
 *
 * Readers must fail closed: a file that does not parse means "no mirror", and the hook then uses its
 * own defaults (never "lockdown off because the file said so" from a malformed entry).
 */
import { isWithin, normalize } from '../paths';
import type { ProductionMap } from '../policy/types';

export const SETTINGS_MIRROR_VERSION = 1;

export interface MirroredWorkspace {
  lockdown: boolean;
  production: ProductionMap;
  protectedPaths: readonly string[];
}

export interface SettingsMirror {
  version: typeof SETTINGS_MIRROR_VERSION;
  /** Keyed by absolute, normalised workspace folder path. */
  workspaces: Record<string, MirroredWorkspace>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function parseWorkspace(v: unknown): MirroredWorkspace | undefined {
  if (!isRecord(v) || typeof v.lockdown !== 'boolean' || !isStringList(v.protectedPaths)) return undefined;
  const p = v.production;
  if (!isRecord(p) || !isStringList(p.names) || !isStringList(p.hosts) || !isStringList(p.resourceIds)) return undefined;
  return { lockdown: v.lockdown, production: { names: p.names, hosts: p.hosts, resourceIds: p.resourceIds }, protectedPaths: v.protectedPaths };
}

/** Parse the mirror file's text. Entries that do not validate are dropped; a bad file is undefined. */
export function parseSettingsMirror(text: string): SettingsMirror | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.version !== SETTINGS_MIRROR_VERSION || !isRecord(v.workspaces)) return undefined;
  const workspaces: Record<string, MirroredWorkspace> = {};
  for (const [folder, entry] of Object.entries(v.workspaces)) {
    const parsed = parseWorkspace(entry);
    if (parsed) workspaces[folder] = parsed;
  }
  return { version: SETTINGS_MIRROR_VERSION, workspaces };
}

/** Stable text for the file: sorted folders, two-space indent, trailing newline. */
export function serializeSettingsMirror(mirror: SettingsMirror): string {
  const sorted: Record<string, MirroredWorkspace> = {};
  for (const key of Object.keys(mirror.workspaces).sort()) sorted[key] = mirror.workspaces[key]!;
  return JSON.stringify({ version: mirror.version, workspaces: sorted }, null, 2) + '\n';
}

/**
 * The entry that governs `path` (a cwd or file): the longest workspace folder containing it. Lockdown
 * is on when any containing folder has it on, so nesting cannot switch it off.
 */
export function mirrorEntryFor(mirror: SettingsMirror, path: string): MirroredWorkspace | undefined {
  const target = normalize(path);
  const containing = Object.keys(mirror.workspaces)
    .filter((folder) => isWithin(normalize(folder), target))
    .sort((a, b) => b.length - a.length);
  const best = containing[0];
  if (best === undefined) return undefined;
  const entry = mirror.workspaces[best]!;
  const lockdown = containing.some((f) => mirror.workspaces[f]!.lockdown);
  return { ...entry, lockdown };
}

/** Replace this window's folders in a mirror that other windows also write. */
export function withWorkspaces(current: SettingsMirror | undefined, entries: Readonly<Record<string, MirroredWorkspace>>): SettingsMirror {
  const workspaces: Record<string, MirroredWorkspace> = { ...current?.workspaces };
  for (const [folder, entry] of Object.entries(entries)) workspaces[normalize(folder)] = entry;
  return { version: SETTINGS_MIRROR_VERSION, workspaces };
}

function canonical(e: MirroredWorkspace): MirroredWorkspace {
  return {
    lockdown: e.lockdown,
    production: { names: [...e.production.names], hosts: [...e.production.hosts], resourceIds: [...e.production.resourceIds] },
    protectedPaths: [...e.protectedPaths],
  };
}

/** Does the file on disk still say what this window wrote for its folders? */
export function mirrorAgrees(onDisk: SettingsMirror | undefined, entries: Readonly<Record<string, MirroredWorkspace>>): boolean {
  if (!onDisk) return false;
  for (const [folder, entry] of Object.entries(entries)) {
    const disk = onDisk.workspaces[normalize(folder)];
    if (!disk || JSON.stringify(canonical(disk)) !== JSON.stringify(canonical(entry))) return false;
  }
  return true;
}
