import type * as Os from 'node:os';
import * as path from 'node:path';

/**
 * Blast Shield's own folder in the user's home (0700). Everything the guard keeps outside a workspace
 * lives here: IPC discovery files, the audit log, the stable hook shim, the settings mirror the
 * extension writes for the hook, and caches. BLAST_SHIELD_HOME overrides it (tests use temp homes).
 */
export function guardHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env.BLAST_SHIELD_HOME;
  if (override && path.isAbsolute(override)) return override;
  // node:os only here: the hook's launcher (which imports this) gets BLAST_SHIELD_HOME from the shim and never loads it.
  return path.join((require('node:os') as typeof Os).homedir(), '.blast-shield');
}

export const GUARD_PATHS = {
  /** Per-window discovery files and sockets. */
  ipcDir: (home: string) => path.join(home, 'ipc'),
  /** Hash-chained JSON lines, one per decision. */
  auditLog: (home: string) => path.join(home, 'audit.jsonl'),
  /** The stable copy of the hook bundle that host configs point at. */
  binDir: (home: string) => path.join(home, 'bin'),
  /** Settings the extension mirrors for the hook (production markers, extra protected paths, lockdown). */
  settingsMirror: (home: string) => path.join(home, 'settings.json'),
  /** Salted-hash index of credential values per workspace, for provenance. */
  cacheDir: (home: string) => path.join(home, 'cache'),
} as const;

/** The workspace's own production map, declared by the user: `{ "production": { names, hosts, resourceIds } }`. */
export const WORKSPACE_MAP_FILE = '.blast-shield.json';
