/**
 * A rule's view of one reading of a command: its command words and its options by any spelling.
 * Tool files and rule packs read options through these, never by scanning words themselves.
 */

import type { ArgWord } from '../shell/ast';
import { commandWords, hasOption, optionValues, optionsMatching, type GrammarSpec, type ParsedCommand, type ParsedOption } from './grammar';
import type { CliArgs } from './types';

/** A rule's view of one reading. */
export function cliArgs(parsed: ParsedCommand, spec: GrammarSpec, args: readonly ArgWord[]): CliArgs {
  return { positionals: commandWords(parsed, args), parsed, spec };
}

/** Values of any of `names` (every spelling of each), in order; empty values skipped. */
export function flagValues(args: CliArgs, names: readonly string[]): string[] {
  return optionValues(args.parsed, args.spec, names);
}

export function hasFlag(args: CliArgs, names: readonly string[]): boolean {
  return hasOption(args.parsed, args.spec, names);
}

/** Names of every option given, as described (or as written when unknown). */
export function optionNames(args: CliArgs): string[] {
  return [...new Set(args.parsed.options.map((o) => o.name))];
}


/** The options given under any spelling of `names`, in order. */
export function optionsNamed(args: CliArgs, names: readonly string[]): ParsedOption[] {
  return optionsMatching(args.parsed, args.spec, names);
}
