import { strict as assert } from 'node:assert';
import { workMeter, type WorkMeter } from '../../../src/core/policy/workMeter';

/**
 * Fuzz bounds counted in work units, not wall time: how fast a decision is belongs to `npm run bench`
 * (which prints the adversarial worst case), and a time bound in a unit test fails on a busy machine
 * without saying anything about the code. What a unit test can check for certain is that the work one
 * decision does stays under a fixed multiple of its input's length (the same multiple the linear-growth
 * property uses). A hang (a runaway regular expression, which spends no units) is caught by a liveness
 * bound far above any busy machine: it says "this never finished", not "this was slow".
 */
export const UNITS_PER_CHARACTER = 60_000; // ×3 with the packs' unit price (classify.ts PACK_COST, 2026-12-04)
export const BASE_UNITS = 900_000;
export const HANG_MS = 20_000;

/**
 * Run `decide` with an unlimited meter and assert the units it spent are within the linear bound of
 * the text's length; or, given `limit` (the default budget, for inputs built to be cut short or that
 * read large files, whose work is not a function of the command's length), within that budget. Either
 * way it must not hang.
 */
export function withinWork<T>(text: string, decide: (meter: WorkMeter) => T, limit = Number.MAX_SAFE_INTEGER): T {
  const meter = workMeter(limit);
  const started = Date.now();
  const result = decide(meter);
  const elapsed = Date.now() - started;
  const label = JSON.stringify(text.slice(0, 80));
  const bound = limit === Number.MAX_SAFE_INTEGER ? UNITS_PER_CHARACTER * text.length + BASE_UNITS : limit;
  assert.ok(meter.spent <= bound, `${label}: ${meter.spent} units for ${text.length} characters`);
  assert.ok(elapsed < HANG_MS, `${label} did not finish within ${HANG_MS} ms (a hang, not a slow machine)`);
  return result;
}
