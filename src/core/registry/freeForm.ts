/**
 * A command read for what its words mean rather than for what the registry says it does (the verb
 * floor, the safety net, access grants: any CLI, described or not). The one grammar reads it with no
 * description: every word with a leading dash is an option named as written (`-purge`, `--delete`,
 * Go-flag style; Windows' `/Name:Value` as `--name=Value`), a value glued with `=` is its value, `--` ends the options, and whether an option
 * takes the next word is unsure, so both readings are kept.
 */

import type { ArgWord } from '../shell/ast';
import { readings, type GrammarSpec, type ParsedCommand, type ParsedOption } from './grammar';

/** No options described, one or two dashes alike, an unknown option's value-taking unsure. */
export const FREE_FORM: GrammarSpec = { goFlags: true, unknownLong: 'unsure', slashOptions: true };

export interface FreeFormReading {
  /** Options read as switches: operands are every word that is not an option (a possible value too). */
  usual: ParsedCommand;
  /** Options read as taking the next word when it is not an option: each option's possible value. */
  valued: ParsedCommand;
}

/**
 * Several packs read the same invocation's words one after another: the last few readings are kept
 * (a WeakMap keyed by every argument list costs more in garbage collection than the parse it saves).
 */
const recent: Recent[] = [];

interface Recent {
  args: readonly ArgWord[];
  reading: FreeFormReading;
  /** {@link freeFormValues} of the same words, once asked (the verb floor asks it several times per invocation). */
  values?: readonly string[];
}

function recentEntry(args: readonly ArgWord[]): Recent {
  for (const entry of recent) if (entry.args === args) return entry;
  const [usual, valued] = readings(args, FREE_FORM);
  const entry = { args, reading: { usual: usual!, valued: valued ?? usual! } };
  recent.unshift(entry);
  if (recent.length > 4) recent.pop();
  return entry;
}

/** Both readings of `args` with no description (the same object twice when no option could take a value). */
export function freeFormReadings(args: readonly ArgWord[]): FreeFormReading {
  return recentEntry(args).reading;
}

/** An option's value in a free-form reading: glued (`--x=v`) or, in the valued reading, the next word. */
export function optionValue(option: ParsedOption): string | undefined {
  return option.values[0];
}

/**
 * Every operand and every value glued to an option (`--project=prod`), in the order written: the
 * words that may say where a command reaches. A value that starts with a dash names no place.
 */
export function freeFormValues(args: readonly ArgWord[]): readonly string[] {
  const entry = recentEntry(args);
  entry.values ??= valuesOf(entry.reading);
  return entry.values;
}

function valuesOf({ usual }: FreeFormReading): string[] {
  const found = [
    ...usual.operands.map((w, k) => ({ at: usual.operandIndexes[k]!, text: w.text })),
    ...usual.options.flatMap((o) => o.values.map((text) => ({ at: o.index, text }))),
  ];
  // A value filter, not an option reader: `--x=-1` names no place.
  return found.sort((a, b) => a.at - b.at).map((v) => v.text).filter((t) => t !== '' && !t.startsWith('-'));
}
