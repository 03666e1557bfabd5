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
 * Shared state: slot 0 of an Int32Array counts arms and disarms (odd while armed), slot 1 is 1 while
 * the thread waits with no deadline (idle), the Float64s at bytes 8 and 16 hold the deadline and when
 * the thread's timed wait ends (epoch milliseconds). Waking a thread is a system call and a switch to
 * it, twice per decision on a machine whose cores the hook's client and the server share: an arm
 * wakes the thread only when it is idle or sleeps past the new deadline, and a disarm never does. The
 * server arms every decision with the same limit, so a sleeping thread's wake comes before the next
 * deadline: it wakes then, reads the current state and sleeps on until that deadline or, disarmed,
 * goes idle; at most one wake per quiet spell.
 */

const WORKER = `
const { workerData } = require('node:worker_threads');
const state = new Int32Array(workerData, 0, 2);
const deadline = new Float64Array(workerData, 8, 1);
const wakeAt = new Float64Array(workerData, 16, 1);
for (;;) {
  const seen = Atomics.load(state, 0);
  if (seen % 2 === 0) {
    // Idle: only an arm (which notifies while this is set) wakes the thread; returns at once if one came since 'seen'.
    Atomics.store(state, 1, 1);
    Atomics.wait(state, 0, seen);
    Atomics.store(state, 1, 0);
    continue;
  }
  const left = deadline[0] - Date.now();
  if (left <= 0) { process.kill(process.pid, 'SIGKILL'); break; }
  const ms = Math.min(left, 60000);
  wakeAt[0] = Date.now() + ms;
  Atomics.wait(state, 0, seen, ms);
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
    const shared = new SharedArrayBuffer(24);
    const state = new Int32Array(shared, 0, 2);
    const deadline = new Float64Array(shared, 8, 1);
    const wakeAt = new Float64Array(shared, 16, 1);
    // No environment, no stdio of its own: the thread only waits and, at worst, kills.
    const worker = new Worker(WORKER, { eval: true, workerData: shared, env: {} });
    let running = true;
    worker.on('error', () => (running = false));
    worker.on('exit', () => (running = false));
    worker.unref();
    return {
      alive: () => running,
      arm(ms) {
        const until = Date.now() + ms;
        deadline[0] = until;
        if (Atomics.load(state, 0) % 2 === 0) Atomics.add(state, 0, 1);
        // An idle thread, or one sleeping past this deadline, is woken (one about to wait returns at once: the count moved).
        if (Atomics.load(state, 1) === 1 || wakeAt[0]! > until) Atomics.notify(state, 0);
      },
      disarm() {
        if (Atomics.load(state, 0) % 2 === 1) Atomics.add(state, 0, 1);
      },
    };
  } catch {
    return undefined;
  }
}
