import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheFileFor, WorkspaceIndex } from './credentialCache';

/**
 * Building a workspace's whole credential index outside the hook. A hook call in a workspace with no
 * kept index builds what it can within its time (HOOK_BUILD_MS) and answers from that, conservatively
 * where it did not finish; the whole index is built by `blast-shield index` started here, detached, so
 * the host is not kept waiting. One build per workspace at a time: a lock file beside the index, which
 * a build older than BUILD_LOCK_STALE_MS no longer holds.
 */

/** How long the hook itself walks a workspace with no kept index before answering from what it saw. */
export const HOOK_BUILD_MS = 400;

export const BUILD_LOCK_STALE_MS = 120_000;

export function buildLockFor(cacheDir: string, realRoot: string): string {
  return cacheFileFor(cacheDir, realRoot).replace(/\.json$/, '.building');
}

/** Take the build lock; false when another build holds it. */
export function takeBuildLock(lock: string, now = Date.now()): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.mkdirSync(path.dirname(lock), { recursive: true, mode: 0o700 });
      fs.writeFileSync(lock, `${process.pid} ${now}\n`, { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      let age = 0;
      try {
        age = now - fs.statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age < BUILD_LOCK_STALE_MS) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}

/**
 * Start `<runtime> <cli> index <root>` detached, holding the lock it releases when done. `cli` is the
 * CLI the hook runs as (its launcher); the runtime and environment are the hook's own (the editor's
 * runtime keeps ELECTRON_RUN_AS_NODE). Failing to start is not an error: the next call tries again,
 * and meanwhile answers stay conservative.
 */
export function startBackgroundIndex(realRoot: string, cacheDir: string, cli: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const lock = buildLockFor(cacheDir, realRoot);
  if (!takeBuildLock(lock)) return false;
  try {
    // Loaded here only: this path runs once per workspace, and child_process costs every call that loads it.
    const { spawn } = require('node:child_process') as typeof ChildProcess;
    const child = spawn(process.execPath, [cli, 'index', realRoot], { detached: true, stdio: 'ignore', env, windowsHide: true });
    child.on('error', () => fs.rmSync(lock, { force: true }));
    child.unref();
    return true;
  } catch {
    fs.rmSync(lock, { force: true });
    return false;
  }
}

/** What `blast-shield index` does: build and keep the whole index of `root` (no time limit but the walk's own). */
export function buildKeptIndex(root: string, home: string, cacheDir: string): { files: number; complete: boolean } {
  const index = new WorkspaceIndex(root, { home, cacheDir, secretlint: false });
  const built = index.currentUnder(index.root);
  return { files: Object.keys(built.files).length, complete: !built.truncated };
}
