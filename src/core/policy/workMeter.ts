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

/**
 * Stop 37 (round 25's false positives: `git add` of 1,500 files, a 400-step `echo` chain): what a command asks
 * of the packs grows with its length, so the budget does too. Each character of the command adds this many
 * units (a routine invocation costs about 2,000 to 3,000 units a character of its text: `echo stepN;` about
 * 2,600, a path handed to `git add` about 160), up to MAX_WORK_LIMIT. Padding made of the cheapest
 * commands (`true;`, about 6,000 a character) still runs the budget out, and what is left unjudged is searched
 * for protected places as before (`unjudgedNamesGuard`). Bounded: the limit is linear in the command, capped.
 */
export const WORK_UNITS_PER_COMMAND_CHARACTER = 2_000;

/** The most one decision may spend, whatever the command's length (8× the base: well under a second of analysis). */
export const MAX_WORK_LIMIT = 8 * DEFAULT_WORK_LIMIT;

/** The budget of a decision on `command`: the base, plus its share per character, capped. */
export function decisionWorkLimit(command: string): number {
  return Math.min(MAX_WORK_LIMIT, DEFAULT_WORK_LIMIT + WORK_UNITS_PER_COMMAND_CHARACTER * command.length);
}

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
