import type { OptionSpec } from '../grammar';

/**
 * Shorthands for describing options in tool files: `valued('-a', '--app')` takes one value,
 * `switches('--force', '-f')` takes none (one entry per spelling group).
 */

/** One option taking one value, under every spelling given. */
export function valued(...names: string[]): OptionSpec {
  return { names, takes: 'one' };
}

/** One switch, under every spelling given. */
export function flag(...names: string[]): OptionSpec {
  return { names, takes: 'none' };
}

/** Several independent one-value options, one spelling each. */
export function valuedEach(...names: string[]): OptionSpec[] {
  return names.map((n) => ({ names: [n], takes: 'one' }));
}

/** Several independent switches, one spelling each. */
export function flagsEach(...names: string[]): OptionSpec[] {
  return names.map((n) => ({ names: [n], takes: 'none' }));
}

/** A short option's letters as switches: `letters('46AaC')`. */
export function letters(switchLetters: string): OptionSpec[] {
  return [...switchLetters].map((l) => ({ names: ['-' + l], takes: 'none' }));
}

/** A short option's letters each taking a value: `valuedLetters('bcDE')`. */
export function valuedLetters(valueLetters: string): OptionSpec[] {
  return [...valueLetters].map((l) => ({ names: ['-' + l], takes: 'one' }));
}
