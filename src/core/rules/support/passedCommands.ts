import type { ArgWord } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * A command line an undescribed CLI runs somewhere else, passed after `--` to a subcommand that runs it
 * (`acmectl exec prod -- rm -rf /data`): the verb floor (rules/verbs.ts) judges the program passed.
 */

/** The floor's positionals, each with its index among the arguments. */
export interface PassedReading {
  positionals: readonly { text: string; index: number }[];
}

const MAX_DEPTH = 5;
const MAX_WORDS = 3;

/** Programs that destroy what they are given, when an unknown CLI runs them elsewhere after `--` (`acmectl exec prod -- rm -rf /data`). */
const DESTROYING_PROGRAMS = /^(rm|rmdir|unlink|shred|srm|dd|wipefs|truncate|dropdb|dropuser|mkfs(\.\w+)?|mke2fs|fdisk|sfdisk|parted|sgdisk|blkdiscard)$/;
/** Subcommands that run a command line somewhere else. */
export const RUNS_COMMAND = /^(exec|execute|run|ssh|shell|sh|console|attach|command|cmd|x)$/;

/** The program passed after `--` to a subcommand that runs it elsewhere (`acmectl exec prod -- rm -rf /data`), with its operands. */
export function passedProgram(reading: PassedReading, args: readonly ArgWord[]): { program: string; rest: string[] } | undefined {
  const dashes = args.findIndex((a) => a.text === '--');
  if (dashes < 0) return undefined;
  const before = reading.positionals.filter((w) => w.index < dashes).slice(0, MAX_DEPTH);
  if (!before.some((w) => RUNS_COMMAND.test(w.text.toLowerCase()))) return undefined;
  // The passed command's words as the grammar reads them with no description: its options (and a wrapper's) are not its targets.
  const after = freeFormReadings(args.slice(dashes + 1)).usual.operands.map((w) => w.text);
  const wrappers = /^(sudo|env|nice|nohup|timeout|\d+[smh]?)$/;
  const at = after.findIndex((w) => !wrappers.test(w) && !w.includes('='));
  return at < 0 ? undefined : { program: after[at]!.split('/').pop()!, rest: after.slice(at + 1) };
}

/** A passed program that names nothing to act on (`rm`, `truncate` with no operand): nothing happens. */
export const emptyHanded = (p: { program: string; rest: string[] }): boolean => /^(rm|rmdir|unlink|truncate)$/.test(p.program) && p.rest.length === 0;

/** A destroying program passed after `--` to a subcommand that runs it elsewhere. */
export function passedCommand(reading: PassedReading, args: readonly ArgWord[]): { program: string; words: string[] } | undefined {
  const passed = passedProgram(reading, args);
  if (passed === undefined || !DESTROYING_PROGRAMS.test(passed.program) || emptyHanded(passed)) return undefined;
  const { program, rest } = passed;
  // `dd if=… of=/dev/sda`: what it overwrites is the output.
  const output = program === 'dd' ? rest.filter((w) => w.startsWith('of=')).map((w) => w.slice(3)) : [];
  return { program, words: (output.length > 0 ? output : rest).slice(0, MAX_WORDS) };
}
