import * as vm from 'node:vm';

/**
 * Run synchronous work with a hard time limit. A timer cannot fire while the hook's only thread is
 * busy (a pathological command to analyse, a huge tree to index), so the limit is enforced from
 * another thread: V8 stops the script (node:vm's watchdog), and the caller gets an error it turns
 * into a deny, long before the host stops waiting.
 */

export class TimeBoxExceeded extends Error {}

let runner: vm.Script | undefined;
let inside = false;
const slot = globalThis as { __blastShieldTimeBoxed?: () => void };

/** While this says true, a watchdog around the whole decision bounds it (the decision server's thread). */
let outerWatchdog: (() => boolean) | undefined;

/**
 * The decision server's one watchdog thread (node/decider/decisionWatchdog.ts) bounds each decision:
 * while it is alive, the per-call box (a thread started and joined by node:vm each time) is skipped.
 */
export function boxedByOuterWatchdog(alive: (() => boolean) | undefined): void {
  outerWatchdog = alive;
}

export function withinTimeBox<T>(limitMs: number, what: string, work: () => T): T {
  // Already inside a box: its limit applies (V8 stops the outermost script).
  if (inside || outerWatchdog?.()) return work();
  runner ??= new vm.Script('globalThis.__blastShieldTimeBoxed()', { filename: 'blast-shield-time-box' });
  let result: { value: T } | undefined;
  slot.__blastShieldTimeBoxed = () => {
    result = { value: work() };
  };
  inside = true;
  try {
    runner.runInThisContext({ timeout: Math.max(1, Math.floor(limitMs)), displayErrors: false });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeBoxExceeded(`${what} did not finish within ${Math.round(limitMs / 1000)} s`);
    throw err;
  } finally {
    inside = false;
    slot.__blastShieldTimeBoxed = undefined;
  }
  if (!result) throw new TimeBoxExceeded(`${what} did not finish`);
  return result.value;
}
