/**
 * Questions asked of a command read by the one option grammar (`shell/grammar.ts`), in the names a
 * registry entry describes: every spelling of an option (`-a`, `--app`, an abbreviation) answers to
 * the option's first name at the level the subcommand path reached.
 */

import type { ArgWord } from '../shell/ast';
import { childOf, type GrammarNode, type GrammarSpec, type ParsedCommand, type ParsedOption } from '../shell/grammar';

export { parseCommand, readings } from '../shell/grammar';
export type { GrammarNode, GrammarSpec, OptionArity, OptionSpec, ParsedCommand, ParsedOption, UnknownOption, UnsureReading } from '../shell/grammar';

/** The option names `names` stand for at the level reached (aliases resolve to the described name). */
function resolvedNames(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    out.add(name);
    const known = findSpelling(spec, parsed.path, name);
    if (known) out.add(known);
  }
  return out;
}

/** The described name of a spelling at the level `path` reaches, searching the innermost level first. */
function findSpelling(spec: GrammarSpec, path: readonly string[], spelling: string): string | undefined {
  const levels: GrammarNode[] = [spec];
  let node: GrammarNode = spec;
  for (const word of path) {
    const child = childOf(node, word);
    if (!child) break;
    levels.push(child);
    node = child;
  }
  const outermost = spec.globalsBeforeSubcommand && levels.length > 1 ? 1 : 0;
  for (let i = levels.length - 1; i >= outermost; i--) {
    const known = spellingsOf(levels[i]!).get(spelling);
    if (known !== undefined) return known;
  }
  return undefined;
}

const spellingIndexes = new WeakMap<GrammarNode, ReadonlyMap<string, string>>();

/**
 * Every spelling a level's options answer to, mapped to the first name of the first option (in
 * table order) that lists it: what a scan of the level's options in order would find. Built once per
 * level (grammar nodes are module constants), so a name question is a lookup, not a scan of every option.
 */
export function spellingsOf(node: GrammarNode): ReadonlyMap<string, string> {
  let index = spellingIndexes.get(node);
  if (index) return index;
  const built = new Map<string, string>();
  for (const option of node.options ?? []) {
    const first = option.names[0];
    if (first === undefined) continue;
    for (const name of option.names) if (!built.has(name)) built.set(name, first);
  }
  spellingIndexes.set(node, built);
  return built;
}

/** The options given under any spelling of `names`, in order. */
export function optionsMatching(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): ParsedOption[] {
  const wanted = resolvedNames(parsed, spec, names);
  return parsed.options.filter((o) => wanted.has(o.name));
}

/** Every value given to any of `names` (any spelling of the same option), in order. */
export function optionValues(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const option of optionsMatching(parsed, spec, names)) for (const v of option.values) if (v !== '') out.push(v);
  return out;
}

/** The word of the last value given to any of `names`. */
export function lastOptionWord(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): ArgWord | undefined {
  const wanted = resolvedNames(parsed, spec, names);
  let found: ArgWord | undefined;
  for (const option of parsed.options) {
    if (!wanted.has(option.name) || option.valueWords.length === 0) continue;
    const word = option.valueWords[option.valueWords.length - 1]!;
    const value = option.values[option.values.length - 1]!;
    found = word.text === value ? word : { ...word, text: value };
  }
  return found;
}

/** Whether any of `names` was given. */
export function hasOption(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): boolean {
  const wanted = resolvedNames(parsed, spec, names);
  return parsed.options.some((o) => wanted.has(o.name));
}

/** Subcommand words then operands: what a rule table matches command paths against. */
export function commandWords(parsed: ParsedCommand, args: readonly ArgWord[]): ArgWord[] {
  return [...new Set(parsed.pathIndexes)].map((i) => args[i]!).concat(parsed.operands);
}
