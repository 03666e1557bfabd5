import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../core/protocol/ipc';
import { FileSignatureCache } from '../fileSignatureCache';
import type { InstallScope } from './installCommon';

/**
 * The guard's record of where it installed hook entries: written by install and uninstall, read by
 * the hook (every configuration listed is protected, whatever the payload's working folder) and by
 * the extension's keeper (an entry listed here that disappeared without an uninstall is put back).
 * A small file in the guard home, itself inside the perimeter.
 */

export interface InstallRecord {
  host: HostId;
  scope: InstallScope;
  /** The configuration file (absolute). */
  file: string;
  /** Its real path when a symlink leads there. */
  realFile?: string;
  /** The workspace folder of a project-scope install. */
  workspace?: string;
}

interface Registry {
  version: 1;
  installs: InstallRecord[];
}

export const INSTALL_REGISTRY_FILE = 'installs.json';
const MAX_REGISTRY_BYTES = 256 * 1024;

export function installRegistryPath(guardHomeDir: string): string {
  return path.join(guardHomeDir, INSTALL_REGISTRY_FILE);
}

function isRecord(v: unknown): v is InstallRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.host === 'string' && (r.scope === 'user' || r.scope === 'project') && typeof r.file === 'string' && path.isAbsolute(r.file);
}

/** The installs on record; an unreadable or damaged registry reads as none (the well-known places stay protected). */
export function readInstallRegistry(guardHomeDir: string): InstallRecord[] {
  const file = installRegistryPath(guardHomeDir);
  // Kept per file signature (the decision server reads it on every call); a copy, so callers may change it.
  return readRegistryFile.get(file, () => readRegistryText(file)).map((r) => ({ ...r }));
}

const readRegistryFile = new FileSignatureCache<readonly InstallRecord[]>();

function readRegistryText(file: string): InstallRecord[] {
  try {
    if (fs.statSync(file).size > MAX_REGISTRY_BYTES) return [];
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Registry>;
    return Array.isArray(parsed.installs) ? parsed.installs.filter(isRecord) : [];
  } catch {
    return [];
  }
}

function writeRegistry(guardHomeDir: string, installs: InstallRecord[]): void {
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  const file = installRegistryPath(guardHomeDir);
  const body: Registry = { version: 1, installs };
  fs.writeFileSync(file + '.tmp', JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
}

function sameInstall(a: InstallRecord, b: Pick<InstallRecord, 'host' | 'scope' | 'file'>): boolean {
  return a.host === b.host && a.scope === b.scope && a.file === b.file;
}

function realPathOf(file: string): string | undefined {
  try {
    const real = fs.realpathSync.native(file);
    return real !== file ? real : undefined;
  } catch {
    return undefined;
  }
}

export function recordInstall(guardHomeDir: string, record: InstallRecord): void {
  const installs = readInstallRegistry(guardHomeDir).filter((r) => !sameInstall(r, record));
  const realFile = realPathOf(record.file);
  installs.push({ ...record, ...(realFile ? { realFile } : {}) });
  writeRegistry(guardHomeDir, installs);
}

export function forgetInstall(guardHomeDir: string, record: Pick<InstallRecord, 'host' | 'scope' | 'file'>): void {
  const installs = readInstallRegistry(guardHomeDir);
  const kept = installs.filter((r) => !sameInstall(r, record));
  if (kept.length !== installs.length) writeRegistry(guardHomeDir, kept);
}
