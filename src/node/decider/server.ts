import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { nodeCrypto } from '../lazyCrypto';
import { readOneLine } from '../ipc/lineSocket';
import type { DecisionWatchdog } from './decisionWatchdog';
import { DECIDER_KEY_BYTES, DECIDER_MAX_REQUEST_BYTES, DECIDER_PATHS, DECIDER_PROTOCOL, deciderMac, parseDeciderKey, SERVED_HOSTS, type DeciderBody, type DeciderRequest, type DeciderResult, type DeclineReason } from './protocol';

/**
 * The warm decision server (docs/decision-server.md): one Unix socket in the guard home, one request
 * and one MAC'd reply per connection, one decision at a time (each runs with the client's environment
 * and working folder, as the hook process itself would). It exits after `idleMs` without a request,
 * and when a client of another build asks (an update was installed: the next call starts a new one).
 */

/** A server nobody asked for this long exits; the next hook call decides in-process and starts another. */
export const DECIDER_IDLE_MS = 60 * 60 * 1000;

/** How often the server checks that its socket is still its own. */
export const SOCKET_WATCH_MS = 10_000;

/**
 * A connection silent this long is closed: the client writes its request at once and gives up after
 * 3 s, so a longer silence is a caller holding descriptors. Without it, idle connections could use up
 * the server's descriptors until its own reads (the settings mirror: lockdown, protected paths) failed
 * as "missing" and it decided with defaults the in-process hook would not use.
 */
export const CONNECTION_IDLE_MS = 5_000;
/** Connections open at once; more are refused at once (the client decides in-process). */
export const MAX_CONNECTIONS = 64;
/**
 * A decision still running after this long (a git or file read that hangs) would hold every later call
 * in the queue, each costing the client's 3 s wait, and keep the server from ever going idle: the
 * server stops instead (the CLI exits), and the next call starts a fresh one.
 */
export const DECISION_LIMIT_MS = 30_000;
/** How long after DECISION_LIMIT_MS the watchdog thread ends a decision that never yielded. */
export const WATCHDOG_GRACE_MS = 1_000;

export type DecideOutcome = { result: DeciderResult } | { declined: DeclineReason };
/**
 * One decision. `early`, when given, may be called once with the outcome as soon as it is final (its
 * audit line written): the server answers then, before the decision's own clean-up (putting the
 * server's environment and folder back); the promise still resolves only after that clean-up.
 */
export type Decide = (request: DeciderRequest, early?: (outcome: DecideOutcome) => void) => Promise<DecideOutcome>;

export interface DeciderServerOptions {
  home: string;
  build: string;
  decide: Decide;
  idleMs?: number;
  watchMs?: number;
  connectionIdleMs?: number;
  decisionLimitMs?: number;
  maxConnections?: number;
  /** Called when the server stops by itself (idle, another build); the CLI exits the process. */
  onStop?: (why: string) => void;
  /** The one watchdog thread (decisionWatchdog.ts), armed for each decision: a synchronous hang ends the process. */
  watchdog?: DecisionWatchdog;
  /**
   * Run once the socket is bound, as the first item of the decision queue (calls that arrive meanwhile
   * wait behind it, never beside it: decisions swap the process environment). A fresh server's first
   * decision compiled and loaded what every later one reuses (node:crypto for the MAC, the decision
   * path): measured 150–600 ms on a loaded machine, paid by the first call after an install.
   */
  warmUp?: () => Promise<unknown>;
}

export interface DeciderServerHandle {
  socket: string;
  close(): Promise<void>;
}

/** The key, made once (owner-only, never replaced while valid); undefined when it cannot be made. */
export function ensureDeciderKey(home: string): Buffer | undefined {
  const file = DECIDER_PATHS.key(home);
  // Only inside a guard home that exists: one deleted under a running hook (a test's temporary one)
  // is not made again, with a server in it for an hour. A symlink in its place is not followed.
  try {
    fs.mkdirSync(path.dirname(file), { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    if (!fs.lstatSync(path.dirname(file)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  fs.chmodSync(path.dirname(file), 0o700);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile() || (st.mode & 0o077) !== 0 || (process.getuid && st.uid !== process.getuid())) return undefined;
      const key = parseDeciderKey(fs.readFileSync(file, 'latin1'));
      if (key) return key;
      // A damaged key file: replaced by a fresh key (every verification against the old one failed anyway).
      fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    }
    try {
      fs.writeFileSync(file, nodeCrypto().randomBytes(DECIDER_KEY_BYTES).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
    }
  }
  return undefined;
}

function isRequest(v: unknown): v is DeciderRequest {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.v === 'number' &&
    typeof r.build === 'string' &&
    typeof r.nonce === 'string' &&
    /^[0-9a-f]{32}$/.test(r.nonce) &&
    typeof r.host === 'string' &&
    typeof r.input === 'string' &&
    typeof r.cwd === 'string' &&
    Number.isInteger(r.pid) &&
    Number.isInteger(r.ppid) &&
    !!r.env &&
    typeof r.env === 'object' &&
    Object.values(r.env as object).every((x) => typeof x === 'string')
  );
}

/** Whether something already answers on the socket path (a live server: this one steps back). */
function answering(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createConnection(socketPath);
    const done = (alive: boolean): void => {
      s.destroy();
      resolve(alive);
    };
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    setTimeout(() => done(false), 1000).unref();
  });
}

export async function startDeciderServer(o: DeciderServerOptions): Promise<DeciderServerHandle | undefined> {
  const key = ensureDeciderKey(o.home);
  if (!key) return undefined;
  const socketPath = DECIDER_PATHS.socket(o.home);
  if (fs.existsSync(socketPath)) {
    if (await answering(socketPath)) return undefined;
    fs.rmSync(socketPath, { force: true });
  }
  let queue: Promise<unknown> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let stopped = false;
  let watch: NodeJS.Timeout | undefined;
  const server = net.createServer();
  server.maxConnections = o.maxConnections ?? MAX_CONNECTIONS;
  const stop = (why: string): void => {
    if (stopped) return;
    stopped = true;
    if (idle) clearTimeout(idle);
    if (watch) clearInterval(watch);
    server.close();
    // Only our own socket and pid files: another server may have taken the path since.
    try {
      const st = fs.statSync(socketPath);
      if (st.ino === boundIno) fs.rmSync(socketPath, { force: true });
      if (fs.readFileSync(DECIDER_PATHS.pid(o.home), 'latin1').trim() === String(process.pid)) fs.rmSync(DECIDER_PATHS.pid(o.home), { force: true });
    } catch {
      // gone already
    }
    o.onStop?.(why);
  };
  const armIdle = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => stop('idle'), o.idleMs ?? DECIDER_IDLE_MS);
  };
  const answer = (socket: net.Socket, requestLine: string, body: DeciderBody): void => {
    if (socket.destroyed) return;
    const text = JSON.stringify(body);
    socket.end(JSON.stringify({ body: text, mac: deciderMac(nodeCrypto(), key, requestLine, text) }) + '\n');
  };
  server.on('connection', (socket) => {
    armIdle();
    socket.on('error', () => socket.destroy());
    socket.setTimeout(o.connectionIdleMs ?? CONNECTION_IDLE_MS, () => socket.destroy());
    readOneLine(socket, DECIDER_MAX_REQUEST_BYTES).then(
      (line) => {
        let request: unknown;
        try {
          request = JSON.parse(line);
        } catch {
          return void socket.destroy();
        }
        if (!isRequest(request)) return void socket.destroy();
        const base = { v: DECIDER_PROTOCOL, build: o.build, nonce: request.nonce };
        if (request.v !== DECIDER_PROTOCOL) return answer(socket, line, { ...base, declined: 'protocol' });
        if (request.build !== o.build) {
          answer(socket, line, { ...base, declined: 'build' });
          return stop('another build');
        }
        if (!SERVED_HOSTS.has(request.host)) return answer(socket, line, { ...base, declined: 'protocol' });
        const run = queue.then(async () => {
          if (socket.destroyed) return;
          const limit = o.decisionLimitMs ?? DECISION_LIMIT_MS;
          const hung = setTimeout(() => stop('decision hung'), limit);
          hung.unref();
          // A second later than the timer: an asynchronous hang stops the server in order; only work
          // that never yields (which the timer cannot interrupt) meets the watchdog.
          o.watchdog?.arm(limit + WATCHDOG_GRACE_MS);
          // Answered once: early (the decision is final, its clean-up still to run) or when decide returns.
          let answered = false;
          const reply = (outcome: DecideOutcome): void => {
            if (answered) return;
            answered = true;
            answer(socket, line, 'result' in outcome ? { ...base, result: outcome.result } : { ...base, declined: outcome.declined });
          };
          try {
            reply(await o.decide(request, reply));
          } catch {
            reply({ declined: 'failed' });
          } finally {
            clearTimeout(hung);
            o.watchdog?.disarm();
          }
        });
        queue = run.catch(() => undefined);
      },
      () => socket.destroy(),
    );
  });
  let boundIno = -1;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  boundIno = fs.statSync(socketPath).ino;
  try {
    fs.writeFileSync(DECIDER_PATHS.pid(o.home), `${process.pid}\n`, { mode: 0o600 });
  } catch {
    // only a convenience
  }
  armIdle();
  const warmUp = o.warmUp;
  queue = queue.then(async () => {
    const hung = setTimeout(() => stop('warm-up hung'), o.decisionLimitMs ?? DECISION_LIMIT_MS);
    hung.unref();
    try {
      deciderMac(nodeCrypto(), key, 'warm-up', '{}');
      await warmUp?.();
    } catch {
      // only speed is lost
    } finally {
      clearTimeout(hung);
    }
  });
  // A socket removed or replaced (its guard home deleted, another server on the path) ends this one.
  watch = setInterval(() => {
    try {
      if (fs.statSync(socketPath).ino === boundIno) return;
    } catch {
      // gone
    }
    stop('socket gone');
  }, o.watchMs ?? SOCKET_WATCH_MS);
  watch.unref();
  return {
    socket: socketPath,
    close: () => {
      stop('closed');
      return Promise.resolve();
    },
  };
}
