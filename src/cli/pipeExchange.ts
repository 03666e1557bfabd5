import * as fs from 'node:fs';
import type * as Os from 'node:os';

/**
 * One request line out and one reply line back over a Unix socket, through libuv's pipe handle
 * directly (the `pipe_wrap` and `stream_wrap` bindings node:net is built on). Loading node:net costs the
 * hook client its stream modules, about a tenth of a bare Node start, on every call; the handle needs
 * none of them. Where the runtime offers no such bindings (or they are not the shape this expects)
 * `pipeExchange` returns undefined and the caller uses node:net: the same bytes on the wire, the same
 * outcomes. Every failure rejects with the error's code ('ENOENT', 'ECONNREFUSED', …) or 'timeout',
 * 'closed', 'oversize', as the node:net path does; nothing here decides anything.
 */

interface PipeHandle {
  /** The descriptor (POSIX; -1 or absent where the runtime does not say). */
  readonly fd?: number;
  open(fd: number): number | undefined;
  readStop(): number;
  connect(req: object, path: string): number;
  writeUtf8String(req: object, text: string): number;
  writeBuffer(req: object, bytes: Uint8Array): number;
  readStart(): number;
  close(callback?: () => void): void;
  onread: (buffer: ArrayBuffer | undefined) => void;
}

interface Bindings {
  Pipe: new (type: number) => PipeHandle;
  PipeConnectWrap: new () => { oncomplete?: (status: number) => void };
  WriteWrap: new () => { handle?: PipeHandle; oncomplete?: (status: number) => void };
  socketType: number;
  state: Int32Array;
  kReadBytesOrError: number;
  kArrayBufferOffset: number;
}

let cached: Bindings | null | undefined;

function bindings(): Bindings | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  const quiet = process.noDeprecation;
  try {
    // process.binding's deprecation notice (with --pending-deprecation) would load the stream modules to print itself.
    process.noDeprecation = true;
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding;
    const pipe = binding('pipe_wrap');
    const stream = binding('stream_wrap');
    const constants = pipe.constants as { SOCKET?: unknown } | undefined;
    if (
      typeof pipe.Pipe !== 'function' ||
      typeof pipe.PipeConnectWrap !== 'function' ||
      typeof stream.WriteWrap !== 'function' ||
      typeof constants?.SOCKET !== 'number' ||
      !(stream.streamBaseState instanceof Int32Array) ||
      typeof stream.kReadBytesOrError !== 'number' ||
      typeof stream.kArrayBufferOffset !== 'number'
    ) {
      return undefined;
    }
    cached = {
      Pipe: pipe.Pipe as Bindings['Pipe'],
      PipeConnectWrap: pipe.PipeConnectWrap as Bindings['PipeConnectWrap'],
      WriteWrap: stream.WriteWrap as Bindings['WriteWrap'],
      socketType: constants.SOCKET,
      state: stream.streamBaseState,
      kReadBytesOrError: stream.kReadBytesOrError,
      kArrayBufferOffset: stream.kArrayBufferOffset,
    };
    return cached;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

/** libuv's negative status as the error code node:net would report ('ENOENT', …). */
export function errorCode(status: number): string {
  const errno = (require('node:os') as typeof Os).constants.errno as Record<string, number>;
  for (const name of Object.keys(errno)) if (errno[name] === -status) return name;
  return 'error';
}

/** Reads that ended before their function returned, with their text (see `readAtOnce`). */
const atOnce = new WeakMap<Promise<unknown>, string>();

/** A promise of `text`, read whole already: `readAtOnce` gives the text without waiting for a tick. */
export function settledNow(text: string): Promise<string> {
  const p = Promise.resolve(text);
  atOnce.set(p, text);
  return p;
}

/**
 * The text of a read that had ended when it was started (`settledNow`), else undefined: the hook client
 * then builds and sends its request in the same synchronous run, before any microtask or timer.
 */
export function readAtOnce(p: Promise<unknown>): string | undefined {
  return atOnce.get(p);
}

/** libuv's end of stream (UV_EOF). */
const UV_EOF = -4095;

/**
 * A connection begun before its request is known: the hook client connects while it is still reading
 * stdin, so the server accepts the connection and sets it up (on the machine's other core) while the
 * client reads its payload and builds the request line. `send` writes the line once the connection is
 * up (at once when it already is) and resolves with the first line back (without it), within `ms`
 * counted from `send`; a connection that failed meanwhile rejects `send` with its code. `close` ends
 * a connection whose request is never sent (the server sees it close without a line and drops it).
 */
export interface PipeConnection {
  send(line: string, ms: number, maxReplyBytes: number, whileWaiting?: () => void): Promise<string>;
  close(): void;
}

/**
 * An exchange's one outcome: the first call ends it (`end` releases what it held) and settles the
 * promise with the reply line or the error; later calls do nothing.
 */
export function settleOnce(resolve: (text: string) => void, reject: (err: Error) => void, end: () => void): (err: Error | undefined, text?: string) => void {
  let done = false;
  return (err, text) => {
    if (done) return;
    done = true;
    end();
    if (err) reject(err);
    else resolve(text as string);
  };
}

/** A connect call that threw (no libuv status): reported as 'error', as before. */
const THREW = Number.MIN_SAFE_INTEGER;

/** Start connecting to `socketPath`; undefined when the runtime offers no pipe handle (the caller uses node:net). */
export function pipeConnect(socketPath: string): PipeConnection | undefined {
  const b = bindings();
  if (!b) return undefined;
  let handle: PipeHandle;
  try {
    handle = new b.Pipe(b.socketType);
  } catch {
    return undefined;
  }
  // Held until the exchange ends: libuv owns the requests' memory while they are pending.
  let pending: object[] = [];
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    // A function, always: the binding refuses (aborts the process on) anything else.
    handle.onread = () => undefined;
    try {
      handle.close(() => {
        pending = [];
      });
    } catch {
      // already closing
    }
  };
  /** The connection's outcome: 0 once connected, a negative libuv status on failure; undefined while pending. */
  let connected: number | undefined;
  let onConnected: ((status: number) => void) | undefined;
  const connect = new b.PipeConnectWrap();
  pending.push(connect);
  connect.oncomplete = (status) => {
    connected = status < 0 ? status : 0;
    onConnected?.(connected);
  };
  try {
    const status = handle.connect(connect, socketPath);
    if (status < 0) connected = status;
  } catch {
    connected = THREW;
  }
  const send = (line: string, ms: number, maxReplyBytes: number, whileWaiting?: () => void): Promise<string> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new Error('closed'));
      // Still connecting as libuv sees it (it reports the connect on the event loop's first turn), but
      // a Unix socket's connect is done in the call: the request is written now, synchronously, before
      // anything else here (a process's first timer costs a fraction of a millisecond), so the server
      // decides while this process goes on (whileWaiting) instead of after a turn of the loop. What
      // could not be written now (a full socket buffer, a socket not connected) goes out as before,
      // once libuv reports the connect, and its outcome (ENOENT, …) is the one reported.
      const rest = connected === undefined ? writeNow(handle, line + '\n') : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = settleOnce(resolve, reject, () => {
        settled = true;
        clearTimeout(timer);
        close();
      });
      const timer = setTimeout(() => finish(new Error('timeout')), ms);
      const fail = (status: number): void => finish(new Error(status === THREW ? 'error' : errorCode(status)));
      handle.onread = (buffer) => {
        const n = b.state[b.kReadBytesOrError]!;
        if (n === 0) return;
        if (n < 0 || !buffer) return finish(new Error(n === UV_EOF || n >= 0 ? 'closed' : errorCode(n)));
        const chunk = Buffer.from(buffer, b.state[b.kArrayBufferOffset]!, n);
        const nl = chunk.indexOf(0x0a);
        const take = nl >= 0 ? chunk.subarray(0, nl) : chunk;
        size += take.length;
        if (size > maxReplyBytes) return finish(new Error('oversize'));
        // Copied: the buffer libuv read into may be reused for the next read.
        chunks.push(Buffer.from(take));
        if (nl >= 0) finish(undefined, Buffer.concat(chunks).toString('utf8'));
      };
      const write = (status: number, rest: string | Buffer): void => {
        if (settled) return;
        if (status < 0) return fail(status);
        let err = 0;
        try {
          if (rest.length > 0) {
            const req = new b.WriteWrap();
            req.handle = handle;
            req.oncomplete = (st) => {
              if (st < 0) fail(st);
            };
            pending.push(req);
            // libuv writes from these bytes after this call returns: held until the exchange ends.
            if (typeof rest !== 'string') pending.push(rest);
            err = typeof rest === 'string' ? handle.writeUtf8String(req, rest) : handle.writeBuffer(req, rest);
          }
          if (err === 0) err = handle.readStart();
        } catch {
          return finish(new Error('error'));
        }
        if (err < 0) return fail(err);
        if (rest.length > 0) whileWaiting?.();
      };
      if (rest === undefined) return write(connected!, line + '\n');
      if (rest.length === 0) whileWaiting?.();
      onConnected = (status) => write(status, rest);
    });
  return { send, close };
}

/**
 * Write `text` to a connected socket's descriptor at once (it is non-blocking: a full buffer writes
 * part or throws EAGAIN), returning what is left to write: nothing (length 0) when all of it went out,
 * the text itself when nothing could be written (no descriptor, not connected, any error), else the
 * bytes the kernel did not take (a character may be cut), which the handle writes after them.
 */
export function writeNow(handle: { readonly fd?: number }, text: string): string | Buffer {
  const fd = handle.fd;
  if (typeof fd !== 'number' || fd < 0) return text;
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) {
      const n = fs.writeSync(fd, bytes, written, bytes.length - written);
      if (n <= 0) break;
      written += n;
    }
  } catch {
    // EAGAIN (the rest waits for the handle), ENOTCONN (the connect failed: its callback says why), …
  }
  if (written === 0) return text;
  return written === bytes.length ? '' : bytes.subarray(written);
}

/**
 * Send `line` (with its newline) and resolve with the first line back (without it), within `ms`.
 * `whileWaiting` runs once the request is handed to the kernel, while the server decides.
 * Undefined when the runtime offers no pipe handle: the caller then uses node:net.
 */
export function pipeExchange(socketPath: string, line: string, ms: number, maxReplyBytes: number, whileWaiting?: () => void): Promise<string> | undefined {
  return pipeConnect(socketPath)?.send(line, ms, maxReplyBytes, whileWaiting);
}

/**
 * Read a pipe or socket descriptor (the hook's stdin as hosts hand it over) to its end through the
 * same pipe handle, resolving its UTF-8 text; past `maxBytes` the read stops and the text is cut at
 * `maxBytes` + 1 bytes (the caller denies such input), as readStdinFd's other paths. fs.read would do
 * the same on libuv's thread pool, whose four threads are started for that one read and joined again
 * at exit: measured at ~0.08 of a bare start per call on a loaded machine. What is there already (a
 * host writes the payload as it starts the hook, long before Node is up) is read at once: opening
 * the handle made the descriptor non-blocking, so a read finds the bytes and the end, or EAGAIN, and
 * only then does the handle wait in the event loop for the rest. Undefined when the runtime has no
 * pipe handle or the descriptor cannot be opened as one (the caller reads it with fs.read); rejects
 * with the error code on a read error. The handle is never closed: that would close the descriptor
 * (fd 0) itself.
 */
export function pipeReadAll(fd: number, maxBytes: number): Promise<string> | undefined {
  const b = bindings();
  if (!b) return undefined;
  let handle: PipeHandle;
  try {
    handle = new b.Pipe(b.socketType);
    if (typeof handle.open !== 'function' || typeof handle.readStop !== 'function') return undefined;
    const status = handle.open(fd);
    if (typeof status === 'number' && status < 0) return undefined;
  } catch {
    return undefined;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const text = (): string => (total > maxBytes ? Buffer.concat(chunks).subarray(0, maxBytes + 1) : Buffer.concat(chunks)).toString('utf8');
  // What has arrived already, without a turn of the event loop; EAGAIN (or anything else) leaves the rest to the handle.
  const ready = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(fd, ready, 0, ready.length, null);
    } catch {
      break;
    }
    if (n === 0) return settledNow(text());
    chunks.push(Buffer.from(ready.subarray(0, n)));
    total += n;
    if (total > maxBytes) return settledNow(text());
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | undefined): void => {
      if (settled) return;
      settled = true;
      try {
        handle.readStop();
      } catch {
        // stopped already (end of stream)
      }
      handle.onread = () => undefined;
      if (err) reject(err);
      else resolve(text());
    };
    handle.onread = (buffer) => {
      const n = b.state[b.kReadBytesOrError]!;
      if (n === 0) return;
      if (n === UV_EOF) return finish(undefined);
      if (n < 0 || !buffer) return finish(new Error(errorCode(n)));
      // Copied: the buffer libuv read into may be reused for the next read.
      chunks.push(Buffer.from(Buffer.from(buffer, b.state[b.kArrayBufferOffset]!, n)));
      total += n;
      if (total > maxBytes) finish(undefined);
    };
    let status: number;
    try {
      status = handle.readStart();
    } catch {
      return finish(new Error('error'));
    }
    if (status < 0) finish(new Error(errorCode(status)));
  });
}
