import * as fs from 'node:fs';
import { pipeReadAll, settledNow } from './pipeExchange';

/**
 * Read all of stdin from fd 0 without ever blocking the process: hosts hand the hook a pipe, and a
 * pipe that is never closed must end in a deny before the host's own timeout, so a pipe (or socket,
 * or terminal) is read asynchronously and the caller's timer stays able to fire; a regular file is
 * read at once. Resolves undefined when the descriptor refuses plain reads (a non-blocking terminal),
 * so the caller falls back to the stream reader. Input past the cap is cut at cap + 1 bytes: the hook
 * then denies it.
 */
export function readStdinFd(maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  // Only the paths below the pipe handle's read use it (allocated there: 64 KiB zeroed for nothing otherwise).
  let chunk = Buffer.alloc(0);
  const done = (): string => Buffer.concat(chunks).toString('utf8');
  const take = (n: number): boolean => {
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    return n === 0 || total > maxBytes;
  };
  const unreadable = (code: string | undefined): boolean => code === 'EAGAIN' || code === 'EISDIR' || code === 'EINVAL' || code === 'ESPIPE';
  let regularFile = false;
  let stream = false;
  try {
    const st = fs.fstatSync(0);
    regularFile = st.isFile();
    // Not on Windows: there a pipe cannot be made non-blocking (pipeReadAll's first reads rely on it).
    stream = process.platform !== 'win32' && (st.isFIFO() || st.isSocket());
  } catch {
    return Promise.resolve(undefined);
  }
  // A pipe or socket (how hosts hand the payload over): read in the event loop through libuv's pipe
  // handle, without starting the thread pool for it (pipeExchange.ts); fs.read where that is not offered.
  const piped = stream ? pipeReadAll(0, maxBytes) : undefined;
  if (piped) return piped;
  chunk = Buffer.alloc(64 * 1024);
  if (regularFile) {
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(0, chunk, 0, chunk.length, null);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EOF') break;
        if (unreadable(code)) return Promise.resolve(chunks.length === 0 ? undefined : done());
        return Promise.reject(err);
      }
      if (take(n)) break;
    }
    return settledNow(done());
  }
  return new Promise((resolve, reject) => {
    const next = (): void =>
      fs.read(0, chunk, 0, chunk.length, null, (err, n) => {
        if (err) {
          if (err.code === 'EOF') resolve(done());
          else if (unreadable(err.code)) resolve(chunks.length === 0 ? undefined : done());
          else reject(err);
          return;
        }
        if (take(n)) resolve(done());
        else next();
      });
    next();
  });
}

/**
 * What the launcher (dist/cli.js) hands the hook when it tried the decision server first: when the
 * call started, and the stdin read it began (stdin can be read once), which the hook then awaits
 * instead of reading fd 0 again.
 */
export interface HookPrelude {
  startedAt: number;
  stdin: Promise<string | undefined>;
}

const PRELUDE = Symbol.for('blast-shield.hook-prelude');

export function setHookPrelude(prelude: HookPrelude): void {
  (globalThis as Record<symbol, unknown>)[PRELUDE] = prelude;
}

export function hookPrelude(): HookPrelude | undefined {
  return (globalThis as Record<symbol, unknown>)[PRELUDE] as HookPrelude | undefined;
}

const BUILD = Symbol.for('blast-shield.launcher-build');

/** The launcher records the bundle hash it checked, so the bundle can name its own build (the decision server). */
export function setLauncherBuild(hash: string): void {
  (globalThis as Record<symbol, unknown>)[BUILD] = hash;
}

export function launcherBuild(): string | undefined {
  const v = (globalThis as Record<symbol, unknown>)[BUILD];
  return typeof v === 'string' ? v : undefined;
}
