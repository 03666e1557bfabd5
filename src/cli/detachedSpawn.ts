import type * as ChildProcess from 'node:child_process';

/**
 * Start a program detached (a session of its own, no stdio, the given environment and folder) and
 * forget it: how a hook call with no decision server starts one. node:child_process brings node:net
 * and the stream modules with it (measured 33–44 ms against 6–21 ms for the same spawn on a loaded
 * machine), on the first call of every session, which also decides in-process. Through libuv's process
 * handle directly (the `process_wrap` binding child_process is built on) where the runtime has it, with
 * the options child_process would pass it; node:child_process otherwise. Returns whether the program
 * was started.
 */

interface ProcessHandle {
  spawn(options: object): number;
  unref(): void;
  close(): void;
  onexit: (() => void) | undefined;
}

function viaBinding(file: string, args: readonly string[], env: Record<string, string>, cwd: string): boolean | undefined {
  const quiet = process.noDeprecation;
  let Process: (new () => ProcessHandle) | undefined;
  try {
    // process.binding's deprecation notice (with --pending-deprecation) would load the stream modules to print itself.
    process.noDeprecation = true;
    Process = (process as unknown as { binding(name: string): Record<string, unknown> }).binding('process_wrap').Process as (new () => ProcessHandle) | undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
  if (typeof Process !== 'function') return undefined;
  let handle: ProcessHandle;
  try {
    handle = new Process();
  } catch {
    return undefined;
  }
  // If it ends while this process still runs (another server was there first), its handle is let go.
  handle.onexit = () => {
    try {
      handle.close();
    } catch {
      // closed already
    }
  };
  let status: number;
  try {
    status = handle.spawn({
      file,
      args: [file, ...args],
      cwd,
      envPairs: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      stdio: [{ type: 'ignore' }, { type: 'ignore' }, { type: 'ignore' }],
      detached: true,
      windowsHide: true,
    });
  } catch {
    status = -1;
  }
  if (typeof status !== 'number' || status < 0) {
    try {
      handle.close();
    } catch {
      // never opened
    }
    return false;
  }
  handle.unref();
  return true;
}

export function spawnDetached(file: string, args: readonly string[], env: Record<string, string>, cwd: string): boolean {
  const started = viaBinding(file, args, env, cwd);
  if (started !== undefined) return started;
  try {
    const { spawn } = require('node:child_process') as typeof ChildProcess;
    const child = spawn(file, [...args], { detached: true, stdio: 'ignore', env, cwd, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
