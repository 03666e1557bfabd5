import type * as WorkerThreads from 'node:worker_threads';

/**
 * The decision server's one watchdog thread, started once and armed per decision. The hook process
 * boxes each analysis in node:vm's timeout, which starts and joins a thread of its own every time (a
 * tenth of a millisecond, and milliseconds on a loaded machine while the join waits for that thread
 * to be scheduled); the server decides thousands of times in one process. A decision still running
 * when the watchdog's deadline passes (synchronous work no timer can interrupt) ends the server by
 * SIGKILL from this thread: its client has long since decided in-process (it waits 3 s), where the
 * hook's own time box applies, and the next call starts a fresh server. Nothing is ever answered by
 * the watchdog, so it cannot turn anything into an allow.
 *
 * Shared state: slot 0 of an Int32Array counts arms and disarms (odd while armed), the Float64 at
 * byte 8 holds the deadline (epoch milliseconds).
 */

const WORKER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData, 0, 1);
const deadline = new Float64Array(workerData, 8, 1);
for (;;) {
  const seen = Atomics.load(state, 0);
  if (seen % 2 === 0) { Atomics.wait(state, 0, seen); continue; }
  const left = deadline[0] - Date.now();
  if (left <= 0) { process.kill(process.pid, 'SIGKILL'); break; }
  Atomics.wait(state, 0, seen, Math.min(left, 60000));
}
`;

export interface DecisionWatchdog {
  /** From now until disarm(), at most `ms`; past it the process is killed. */
  arm(ms: number): void;
  disarm(): void;
  /** False once the thread has ended (an error): decisions are then boxed per call again. */
  alive(): boolean;
}

/** The watchdog, or undefined where no worker thread can be started (callers keep the per-call time boxes). */
export function startDecisionWatchdog(): DecisionWatchdog | undefined {
  try {
    const { Worker } = require('node:worker_threads') as typeof WorkerThreads;
    const shared = new SharedArrayBuffer(16);
    const state = new Int32Array(shared, 0, 1);
    const deadline = new Float64Array(shared, 8, 1);
    // No environment, no stdio of its own: the thread only waits and, at worst, kills.
    const worker = new Worker(WORKER, { eval: true, workerData: shared, env: {} });
    let running = true;
    worker.on('error', () => (running = false));
    worker.on('exit', () => (running = false));
    worker.unref();
    return {
      alive: () => running,
      arm(ms) {
        deadline[0] = Date.now() + ms;
        if (Atomics.load(state, 0) % 2 === 0) Atomics.add(state, 0, 1);
        Atomics.notify(state, 0);
      },
      disarm() {
        if (Atomics.load(state, 0) % 2 === 1) Atomics.add(state, 0, 1);
        Atomics.notify(state, 0);
      },
    };
  } catch {
    return undefined;
  }
}
