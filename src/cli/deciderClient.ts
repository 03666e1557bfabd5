import * as fs from 'node:fs';
import type * as Net from 'node:net';
import { nodeCrypto } from '../node/lazyCrypto';
import { bindingHmac, type DeciderCrypto, type MacState } from '../node/decider/bindingHmac';
import { DECIDER_MAX_REPLY_BYTES, DECIDER_PATHS, DECIDER_PROTOCOL, deciderMacStart, HOOK_INPUT_MAX_BYTES, parseDeciderKeyBytes, verifyDeciderReply, type DeciderRequest, type DeciderResult } from '../node/decider/protocol';
import { spawnDeciderServer } from '../node/decider/spawnServer';
import { pipeConnect, readAtOnce, settleOnce, type PipeConnection } from './pipeExchange';

export { serverEnvironment, SPAWN_LOCK_STALE_MS } from '../node/decider/spawnServer';

/**
 * The hook's side of the warm decision server (docs/decision-server.md), run by the launcher before
 * it loads the CLI bundle. It answers the host only with a reply it verified: a MAC by the key in the
 * guard home over the request it sent (with a fresh nonce) and the answer. Every other outcome returns
 * `reply: undefined` with the reason, and the launcher decides in-process as before.
 */

/** How long the client waits for the server's answer before deciding in-process. */
export const DECIDER_WAIT_MS = 3000;
/** How long it waits for stdin before leaving the read to the in-process hook (which waits longer). */
export const DECIDER_STDIN_WAIT_MS = 1000;

/**
 * Milliseconds since the process started, for the trace's marks. Not `performance.now()`: the first
 * read of the `performance` global loads node:perf_hooks, 0.7–5 ms measured on a loaded machine, which
 * every traced call (the bench traces each one) paid and an untraced call never did.
 */
export function msSinceStart(): number {
  return process.uptime() * 1000;
}

export interface ClientOutcome {
  reply?: DeciderResult;
  /** Why the server did not decide this call (for tests and `BLAST_SHIELD_DECIDER_TRACE`). */
  why: string;
  /** No server is there to answer: the caller may start one. */
  absent?: boolean;
}

export interface ClientOptions {
  home: string;
  build: string;
  host: string;
  stdin: Promise<string | undefined>;
  env: NodeJS.ProcessEnv;
  cwd: string;
  pid: number;
  ppid: number;
  waitMs?: number;
  stdinWaitMs?: number;
  /** Tests: leave the test process's signals alone. */
  holdSignals?: boolean;
  /** Tests: 'net' talks through node:net even where the pipe handle is there (the other runtimes' path). */
  transport?: 'net';
  /**
   * The connection the launcher began before it started reading stdin (pipeConnect), so the server sets
   * it up while the payload is read; without one, askDecider begins its own. Closed when the call ends.
   */
  connection?: PipeConnection;
  /**
   * BLAST_SHIELD_DECIDER_TRACE=1 only (off in production): where the call's time went, in ms after the
   * process started (`msSinceStart()`), pushed as each phase ends: stdin read, request sent, reply read.
   */
  marks?: Array<[string, number]>;
}

/**
 * Whether this process may hold the key at all: only a plain runtime (no options, no NODE_OPTIONS),
 * so an inspector or a preloaded module in this process cannot be how the key leaves it. Not a defence
 * against a preload (which could fake these): the perimeter denies starting the guard's CLI that way.
 */
export function clientAllowed(env: NodeJS.ProcessEnv, execArgv: readonly string[], platform: NodeJS.Platform): boolean {
  if (platform === 'win32') return false;
  if (env.BLAST_SHIELD_DECIDER === 'off') return false;
  if (execArgv.length > 0) return false;
  return !env.NODE_OPTIONS;
}

/**
 * Whether a debugger or tracer is attached to this process (Linux: `TracerPid` in /proc/self/status).
 * `strace -e read -s 128 blast-shield hook claude` would print the key as the client reads it, and an
 * agent may start the hook itself: a traced client never reads the key (the hook decides in-process).
 * Unreadable status on Linux counts as traced. Elsewhere (macOS: dtruss needs root) not checked.
 */
export function traced(platform: NodeJS.Platform = process.platform, status?: string): boolean {
  if (platform !== 'linux') return false;
  let text = status;
  if (text === undefined) {
    const bytes = readSmallFile('/proc/self/status', 64 * 1024);
    if (!bytes) return true;
    text = bytes.toString('latin1');
  }
  const m = /^TracerPid:\s*(\d+)\s*$/m.exec(text);
  return !m || m[1] !== '0';
}

/** The key, only from a regular file of this user that nobody else may read or write. */
export function readDeciderKey(home: string): Buffer | undefined {
  const file = DECIDER_PATHS.key(home);
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || (st.mode & 0o077) !== 0 || (process.getuid && st.uid !== process.getuid())) return undefined;
    const raw = readSmallFile(file, 4096);
    return raw ? parseDeciderKeyBytes(raw) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A small file's bytes, or undefined when it cannot be read or holds more than `max` bytes. Through
 * open/read/close, which the client uses anyway (freshNonce): each further fs function a hook process
 * calls for the first time costs a fraction of a millisecond of compiling Node's own code.
 */
function readSmallFile(file: string, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buf = Buffer.alloc(max + 1);
    let got = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, got, buf.length - got, null);
      if (n <= 0) break;
      got += n;
      if (got > max) {
        buf.fill(0);
        return undefined;
      }
    }
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

function within<T>(promise: Promise<T>, ms: number, late: T): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(late), ms);
    timer.unref();
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/**
 * A fresh 128-bit nonce from the kernel's random source, read directly: node:crypto (several
 * milliseconds to load) is then not needed at all where the crypto binding checks the reply
 * (macCrypto). Falls back to node:crypto's randomBytes when the device cannot be read.
 */
export function freshNonce(device = '/dev/urandom'): string {
  const bytes = Buffer.alloc(16);
  try {
    const fd = fs.openSync(device, 'r');
    try {
      let got = 0;
      while (got < bytes.length) {
        const n = fs.readSync(fd, bytes, got, bytes.length - got, null);
        if (n <= 0) throw new Error('short read');
        got += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    // All-zero bytes (a device that gave nothing random) are not used.
    if (bytes.every((b) => b === 0)) throw new Error('no randomness');
    return bytes.toString('hex');
  } catch {
    return nodeCrypto().randomBytes(16).toString('hex');
  }
}

/**
 * One request, one line back, within `ms`; rejects with the socket error code or 'timeout'/'closed'/'oversize'.
 * `whileWaiting` runs once the request is written, while the server decides (the client MACs the
 * request line there, in parallel with the server's work instead of after it). Over the connection
 * begun while stdin was read, through libuv's pipe handle where the runtime has one (pipeExchange.ts:
 * node:net's stream modules are a tenth of a bare start), else node:net.
 */
function exchange(socketPath: string, line: string, ms: number, whileWaiting: () => void, early: PipeConnection | undefined): Promise<string> {
  return early ? early.send(line, ms, DECIDER_MAX_REPLY_BYTES, whileWaiting) : netExchange(socketPath, line, ms, whileWaiting);
}

function netExchange(socketPath: string, line: string, ms: number, whileWaiting: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const net = require('node:net') as typeof Net;
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = settleOnce(resolve, reject, () => {
      clearTimeout(timer);
      socket.destroy();
    });
    const timer = setTimeout(() => finish(new Error('timeout')), ms);
    socket.on('error', (err: NodeJS.ErrnoException) => finish(new Error(err.code ?? 'error')));
    socket.on('connect', () => {
      socket.write(line + '\n');
      whileWaiting();
    });
    socket.on('data', (chunk: Buffer) => {
      const nl = chunk.indexOf(0x0a);
      const take = nl >= 0 ? chunk.subarray(0, nl) : chunk;
      size += take.length;
      if (size > DECIDER_MAX_REPLY_BYTES) return finish(new Error('oversize'));
      chunks.push(take);
      if (nl >= 0) finish(undefined, Buffer.concat(chunks).toString('utf8'));
    });
    socket.on('close', () => finish(new Error('closed')));
  });
}

/**
 * The HMAC the client checks answers with: the runtime's crypto binding where it passes its
 * known-answer test (bindingHmac.ts: node:crypto's module graph was 3–6 ms of a warm call, on its
 * critical path), else node:crypto. The same bytes either way.
 */
function macCrypto(): DeciderCrypto {
  return bindingHmac() ?? nodeCrypto();
}

export async function askDecider(o: ClientOptions): Promise<ClientOutcome> {
  // Connected while stdin is read and the request built: the server accepts and sets the connection
  // up meanwhile (node:net, where the pipe handle is missing, connects when the request is ready).
  const early = o.transport === 'net' ? undefined : (o.connection ?? pipeConnect(DECIDER_PATHS.socket(o.home)));
  try {
    return await askOver(o, early);
  } finally {
    // Sent or not, the connection ends with the call (one never sent is dropped by the server).
    early?.close();
  }
}

async function askOver(o: ClientOptions, early: PipeConnection | undefined): Promise<ClientOutcome> {
  // While this process may hold the key, `kill -USR1` must not open Node's inspector in it (a listener takes the signal over).
  if (o.holdSignals !== false) process.on('SIGUSR1', () => undefined);
  // Read whole already (a host writes the payload as it starts the hook): no await, so the request is
  // built and sent in this same synchronous run, before the event loop's first turn.
  const input = readAtOnce(o.stdin) ?? (await within(o.stdin, o.stdinWaitMs ?? DECIDER_STDIN_WAIT_MS, undefined));
  if (input === undefined) return { why: 'stdin not read in time' };
  if (Buffer.byteLength(input, 'utf8') > HOOK_INPUT_MAX_BYTES) return { why: 'input over the limit' };
  o.marks?.push(['stdin', msSinceStart()]);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) if (typeof v === 'string') env[k] = v;
  const request: DeciderRequest = { v: DECIDER_PROTOCOL, build: o.build, nonce: freshNonce(), host: o.host, input, env, cwd: o.cwd, pid: o.pid, ppid: o.ppid };
  const line = JSON.stringify(request);
  // The request needs no key: it is sent first, and the tracer check, the key and the MAC over the
  // request line are done while the server decides (they were ~1 ms of every call's critical path).
  // The key is still read only once the tracer check passed, and wiped however the exchange ends.
  const held: { key?: Buffer; refused?: ClientOutcome; started?: MacState } = {};
  const whileWaiting = (): void => {
    if (traced()) {
      held.refused = { why: 'traced' };
      return;
    }
    held.key = readDeciderKey(o.home);
    if (!held.key) {
      held.refused = { why: 'no key', absent: true };
      return;
    }
    // A failure here only means verifyDeciderReply starts the MAC afresh.
    try {
      held.started = deciderMacStart(macCrypto(), held.key, line);
    } catch {
      held.started = undefined;
    }
  };
  try {
    let replyLine: string | undefined;
    let failed: ClientOutcome | undefined;
    o.marks?.push(['sent', msSinceStart()]);
    try {
      replyLine = await exchange(DECIDER_PATHS.socket(o.home), line, o.waitMs ?? DECIDER_WAIT_MS, whileWaiting, early);
      o.marks?.push(['reply', msSinceStart()]);
    } catch (err) {
      const code = err instanceof Error ? err.message : String(err);
      failed = { why: `no answer (${code})`, absent: code === 'ENOENT' || code === 'ECONNREFUSED' };
    }
    // Nothing listened (whileWaiting never ran): a key is still needed before a server is started.
    if (failed && !held.refused && !held.key && failed.absent) {
      if (traced()) return { why: 'traced' };
      held.key = readDeciderKey(o.home);
      if (!held.key) return { why: 'no key', absent: true };
    }
    if (held.refused) return held.refused;
    if (failed || replyLine === undefined || !held.key) return failed ?? { why: 'no key', absent: true };
    const verified = verifyDeciderReply(macCrypto(), held.key, line, request, replyLine, held.started);
    // A genuine server of another build (its MAC checks) stops on this call: the next one starts a current server.
    if (!verified.ok) return verified.why === 'another build' ? { why: verified.why, absent: true } : { why: verified.why };
    if (verified.body.declined) return { why: `declined (${verified.body.declined})` };
    return { reply: verified.body.result, why: 'answered' };
  } finally {
    // The in-process fallback may run on for minutes (a dialog): the key does not stay in its memory.
    held.key?.fill(0);
  }
}

/**
 * Start a server from the hook (the launcher, with no server answering): this runtime, detached, with a
 * plain environment, unless another call started one moments ago (spawnServer.ts).
 */
export function startDecider(home: string, cli: string, env: NodeJS.ProcessEnv, now = Date.now()): boolean {
  return spawnDeciderServer({ home, runtime: process.execPath, cli, env, now });
}
