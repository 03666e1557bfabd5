import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DECIDER_PATHS } from './protocol';

/**
 * Starting the warm decision server (docs/decision-server.md): by the hook when none answers
 * (src/cli/deciderClient.ts, with its own runtime), and by the install right after it wrote the CLI
 * and its code cache (src/node/hosts/install.ts, with the runtime the shim runs), so the first call a
 * host makes after an install is answered warm instead of compiling the bundle in-process. This module
 * is part of the launcher bundle: node:child_process is loaded only when a server is started.
 */

/** A server start newer than this is still coming up: later calls do not start another. */
export const SPAWN_LOCK_STALE_MS = 15_000;

/** The environment a server starts with: nothing that loads code, only where things are. */
export function serverEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['HOME', 'BLAST_SHIELD_HOME', 'PATH', 'ELECTRON_RUN_AS_NODE', 'LANG', 'TMPDIR']) {
    const v = env[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

export interface SpawnServerOptions {
  /** The guard home the server serves (its socket, key and lock live under it). */
  home: string;
  /** The JavaScript runtime: node, or the editor's executable (with ELECTRON_RUN_AS_NODE=1 in `env`). */
  runtime: string;
  /** The installed launcher (`<guard home>/bin/cli.js`). */
  cli: string;
  /** Filtered by serverEnvironment before the start. */
  env: NodeJS.ProcessEnv;
  now?: number;
}

/**
 * Start `<runtime> <cli> decider` detached (not the caller's child once it exits), with a plain
 * environment and no runtime options, unless another start happened moments ago (the spawn lock).
 * Failing is fine: the next hook call decides in-process and tries again. A server that finds another
 * one answering on the socket steps back by itself.
 */
export function spawnDeciderServer(o: SpawnServerOptions): boolean {
  const lock = DECIDER_PATHS.spawnLock(o.home);
  const now = o.now ?? Date.now();
  try {
    // Not recursive: a guard home deleted meanwhile is not made again.
    try {
      fs.mkdirSync(path.dirname(lock), { mode: 0o700 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    }
    try {
      fs.writeFileSync(lock, `${process.pid} ${now}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (now - fs.statSync(lock).mtimeMs < SPAWN_LOCK_STALE_MS) return false;
      fs.writeFileSync(lock, `${process.pid} ${now}\n`, { mode: 0o600 });
    }
    const { spawn } = require('node:child_process') as typeof ChildProcess;
    const child = spawn(o.runtime, [o.cli, 'decider'], { detached: true, stdio: 'ignore', env: serverEnvironment(o.env), cwd: o.home, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
