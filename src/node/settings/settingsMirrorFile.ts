/**
 * Read and write the settings mirror file (see core/settings/mirror.ts) with owner-only permissions,
 * atomically (write a temp file, rename), and watch it so the extension can re-assert its state when
 * anything else changes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mirrorAgrees, parseSettingsMirror, serializeSettingsMirror, withWorkspaces, type MirroredWorkspace, type SettingsMirror } from '../../core/settings/mirror';
import { GUARD_PATHS } from '../guardHome';

export function readSettingsMirror(home: string): SettingsMirror | undefined {
  try {
    return parseSettingsMirror(fs.readFileSync(GUARD_PATHS.settingsMirror(home), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Make the file say `entries` for these folders, keeping other windows' folders. Returns true when
 * the file had to be (re)written.
 */
export function assertSettingsMirror(home: string, entries: Readonly<Record<string, MirroredWorkspace>>): boolean {
  const file = GUARD_PATHS.settingsMirror(home);
  const current = readSettingsMirror(home);
  if (mirrorAgrees(current, entries)) return false;
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const tmp = path.join(home, `.settings.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, serializeSettingsMirror(withWorkspaces(current, entries)), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return true;
}

/**
 * Call `onChange` (debounced) when the mirror file may have changed. Watches the folder, since an
 * atomic rename replaces the file's inode; a slow poll backs up fs.watch, which can miss events.
 */
export function watchSettingsMirror(home: string, onChange: () => void, pollMs = 15_000): { dispose(): void } {
  const base = path.basename(GUARD_PATHS.settingsMirror(home));
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, 100);
  };
  let watcher: fs.FSWatcher | undefined;
  try {
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    watcher = fs.watch(home, (_event, name) => {
      if (name === null || name === base) fire();
    });
    watcher.on('error', () => undefined);
  } catch {
    watcher = undefined;
  }
  const poll = setInterval(onChange, pollMs);
  poll.unref();
  return {
    dispose: () => {
      watcher?.close();
      clearInterval(poll);
      if (timer) clearTimeout(timer);
    },
  };
}
