/**
 * How the wrappers read their own options: each wrapper is a table for the one option grammar
 * (`grammar.ts`), and `readWrapper` says where the wrapped command begins and what the options said.
 * Wrappers stop reading options at their first operand (`sudo -u root rm -f x`: `-f` is rm's) and, being
 * getopt_long programs, accept `-uroot`, `--user=root`, clusters (`-Eu root`), `--` and unambiguous
 * prefixes of their long options (`timeout --sig KILL 5 rm`).
 */

import type { ArgWord } from './ast';
import { parseCommand, type GrammarSpec, type OptionSpec, type ParsedCommand } from './grammar';

/** An option taking one value, by all its spellings (`-u`, `--user`). */
export const valued = (...names: string[]): OptionSpec => ({ names, takes: 'one' });
/** A switch. */
export const flag = (...names: string[]): OptionSpec => ({ names });
/** A value only when glued (`--replace=R`, `-iR`). */
export const optional = (...names: string[]): OptionSpec => ({ names, takes: 'optional' });
/** Each letter of `letters` a switch (`-qfv`). */
export const switches = (letters: string): OptionSpec[] => [...letters].map((l) => ({ names: ['-' + l] }));

/** A wrapper's grammar: options end at the first operand; `-0`, `-10` are options (`xargs -0`, `nice -10`). */
export function wrapperGrammar(options: readonly OptionSpec[], extra: Partial<GrammarSpec> = {}): GrammarSpec {
  return { options, interspersed: false, numericOptions: true, abbreviations: true, ...extra };
}

export interface WrapperRead {
  parsed: ParsedCommand;
  /** Index of the first word after the wrapper's options (the wrapped command), or the length of the words. */
  index: number;
  /** The last value given to the option first named `name`. */
  value(name: string): string | undefined;
  /** The same, as a word (its own word when separate, the glued text otherwise). */
  valueWord(name: string): ArgWord | undefined;
  /** Whether any of the options first named in `names` was given. */
  given(...names: string[]): boolean;
}

/** Read `args` (the words after the wrapper's name) by `grammar`. */
export function readWrapper(args: readonly ArgWord[], grammar: GrammarSpec): WrapperRead {
  const parsed = parseCommand(args, grammar);
  const last = (name: string) => {
    let found: ParsedCommand['options'][number] | undefined;
    for (const option of parsed.options) if (option.name === name && option.values.length > 0) found = option;
    return found;
  };
  return {
    parsed,
    index: parsed.operandIndexes[0] ?? args.length,
    value: (name) => last(name)?.values.at(-1),
    valueWord: (name) => {
      const option = last(name);
      if (!option) return undefined;
      const word = option.valueWords.at(-1)!;
      const text = option.values.at(-1)!;
      return word.text === text ? word : { text, raw: text, dynamic: word.dynamic, glob: false };
    },
    given: (...names) => parsed.options.some((o) => names.includes(o.name)),
  };
}
