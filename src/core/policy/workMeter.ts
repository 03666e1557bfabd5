/**
 * The work one decision may do, counted in units (a character parsed or scanned, a command walked,
 * a file-system fact looked up). Every recursive step of the analysis and every costly pack step
 * spends before it works; once the budget is spent the rest is not analysed and the decision asks.
 * Counting units, not time, keeps decisions bounded and lets tests check that work grows linearly.
 */

export interface WorkMeter {
  /** Units spent so far. */
  readonly spent: number;
  readonly limit: number;
  /** Spend `units` if the budget allows it; false (and nothing spent) once it would be exceeded. */
  spend(units: number): boolean;
  /** Some step was refused: the analysis is incomplete. */
  readonly exhausted: boolean;
}

/** Units one decision may spend: a 1 MiB command parsed and scanned a few times over, plus facts. */
export const DEFAULT_WORK_LIMIT = 6_000_000;

/** What one file-system fact costs in units (a stat or read is much dearer than a character). */
export const FACT_LOOKUP_UNITS = 8_000;

/** A fact that is one status call on the path (where it leads, whether it is a file): a few system calls, no reading (measured 2026-12-04: about 20 µs on a loaded machine). */
export const STAT_LOOKUP_UNITS = 2_000;

/** Where a word's value was found (`originOf`): a hash looked up in the credential index kept in memory, asked of every long word. */
export const INDEX_LOOKUP_UNITS = 1_000;

class Meter implements WorkMeter {
  spent = 0;
  exhausted = false;
  constructor(readonly limit: number) {}

  spend(units: number): boolean {
    if (this.exhausted || this.spent + units > this.limit) {
      this.exhausted = true;
      return false;
    }
    this.spent += units;
    return true;
  }
}

export function workMeter(limit: number = DEFAULT_WORK_LIMIT): WorkMeter {
  return new Meter(limit);
}
