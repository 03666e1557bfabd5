/**
 * Reading an invocation through the registry: its tool, its parsed readings (one, or two when an
 * unknown option may have taken the next word), accessors by option name, the destructive command
 * path it matches and what its subcommand does.
 */

import type { ArgWord } from '../shell/ast';
import type { Invocation } from '../policy/types';
import { cliArgs, optionNames } from './args';
import { commandWords, hasOption, lastOptionWord, optionsMatching, optionValues, parseCommand, readings, type GrammarSpec, type ParsedCommand } from './grammar';
import { kindFromWords, singular, verbPhrase } from './targetWords';
import { TOOL_ENTRIES } from './tools';
import type { CliArgs, CommandRule, CommandSpec, Effect, PathSegment, ToolArgs, ToolEntry, ToolSpec } from './types';

const BY_NAME = new Map<string, ToolEntry>(TOOL_ENTRIES.flatMap((t) => t.names.map((n) => [n, t] as const)));

/** The tool an invocation name runs, if the registry describes it (its description loads on first use). */
export function toolNamed(name: string): ToolSpec | undefined {
  return BY_NAME.get(name)?.spec();
}

/** Tools that judge by this rule-pack family (loads their descriptions). */
export function toolsOf(family: ToolSpec['family']): ToolSpec[] {
  return TOOL_ENTRIES.filter((t) => t.family === family).map((t) => t.spec());
}

/** The invocation names of a family's tools, without loading their descriptions (rule packs' command lists). */
export function toolNamesOf(family: ToolSpec['family']): string[] {
  return TOOL_ENTRIES.filter((t) => t.family === family).flatMap((t) => t.names);
}

const parsedCache = new WeakMap<readonly ArgWord[], { spec: GrammarSpec; readings: ParsedCommand[] }>();

/** Every reading of `args` by `spec`, parsed once per argument list. */
export function readingsOf(args: readonly ArgWord[], spec: GrammarSpec): ParsedCommand[] {
  const cached = parsedCache.get(args);
  if (cached && cached.spec === spec) return cached.readings;
  const found = readings(args, spec);
  parsedCache.set(args, { spec, readings: found });
  return found;
}

/** The usual reading of an invocation's arguments by a tool's grammar. */
export function parsedArgs(args: readonly ArgWord[], spec: GrammarSpec): ParsedCommand {
  return readingsOf(args, spec)[0] ?? parseCommand(args, spec);
}

export function toolArgs(name: string, parsed: ParsedCommand, spec: GrammarSpec): ToolArgs {
  return {
    name,
    parsed,
    value: (...names) => optionValues(parsed, spec, names).pop(),
    valueWord: (...names) => lastOptionWord(parsed, spec, names),
    values: (...names) => optionValues(parsed, spec, names),
    has: (...names) => hasOption(parsed, spec, names),
    operand: (n) => parsed.operands[n]?.text,
  };
}

// ---------------------------------------------------------------------------------------------
// Command paths

function segmentMatches(segment: PathSegment, word: string): boolean {
  if (typeof segment !== 'string') return segment.test(word);
  if (segment === '*') return true;
  return segment.split('|').includes(word);
}

/**
 * The spellings of the command `word` names at the tool's first level, when its key lists one command's aliases (`addrepo|ar`): a
 * key of more than three spellings groups several commands that share a description, which are not aliases of each other.
 */
export function commandSpellings(spec: ToolSpec, word: string): readonly string[] {
  const key = Object.keys(spec.commands ?? {}).find((k) => k.split('|').includes(word));
  const spellings = key?.split('|') ?? [];
  return spellings.length >= 2 && spellings.length <= 3 ? spellings : [word];
}

export interface PathMatch {
  rule: CommandRule;
  /** The rule came from the generic verb pattern. */
  generic: boolean;
  /** Words after the command path. */
  rest: ArgWord[];
  /** The command path as written (`pg:reset`, `run services delete`). */
  pathText: string;
}

/** Command words with `apps:destroy`-style first words split, and how many words each came from. */
function splitWords(spec: ToolSpec, words: readonly ArgWord[]): { texts: string[]; consumed: number[] } {
  const texts: string[] = [];
  const consumed: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.text;
    if (spec.colonCommands === true && i === 0 && text.includes(':')) {
      for (const part of text.split(':')) {
        texts.push(part);
        consumed.push(i + 1);
      }
    } else {
      texts.push(text);
      consumed.push(i + 1);
    }
  }
  return { texts, consumed };
}

/** The destructive command path `words` (subcommand words then operands) match, if any. */
export function matchCommandPath(spec: ToolSpec, args: CliArgs): PathMatch | undefined {
  const words = args.positionals;
  const { texts, consumed } = splitWords(spec, words);
  const text = (used: number): string => words.slice(0, used).map((w) => w.text).join(' ');
  for (const rule of spec.rules ?? []) {
    if (texts.length < rule.path.length) continue;
    if (!rule.path.every((seg, i) => segmentMatches(seg, texts[i]!))) continue;
    if (rule.when && !rule.when(args)) continue;
    const used = rule.path.length === 0 ? 0 : consumed[rule.path.length - 1]!;
    return { rule, generic: false, rest: words.slice(used), pathText: text(used) };
  }
  const generic = spec.generic;
  if (!generic || generic.exclude?.includes(texts[0] ?? '')) return undefined;
  const limit = Math.min(texts.length - 1, generic.maxDepth);
  for (let i = 0; i <= limit; i++) {
    const word = texts[i]!;
    if (!generic.verbs.test(word)) continue;
    const groups = texts.slice(0, i);
    const described = generic.describe?.(texts.slice(0, i + 1)) ?? { kind: kindFromWords(groups), noun: groups.length > 0 ? singular(groups[groups.length - 1]!) : 'resource' };
    const pattern = generic.nameFlagPattern;
    const patternFlags = pattern ? optionNames(args).filter((f) => pattern.test(f)) : [];
    const rule: CommandRule = {
      id: generic.id,
      path: texts.slice(0, i + 1),
      kind: described.kind,
      noun: described.noun,
      verb: verbPhrase(word),
      nameFlags: [...(generic.nameFlags ?? []), ...patternFlags.slice(0, 1)],
    };
    return { rule, generic: true, rest: words.slice(consumed[i]!), pathText: text(consumed[i]!) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// What a reading does

/** The deepest subcommand level of a reading, as described (with its effect and remote execution). */
export function commandNode(parsed: ParsedCommand): CommandSpec {
  return parsed.node as CommandSpec;
}

/**
 * What one reading of a tool's invocation does: its subcommand's described effect, else `delete`
 * when it matches a destructive command path, else undefined (not described).
 */
export function effectOf(spec: ToolSpec, parsed: ParsedCommand, args: readonly ArgWord[]): Effect | undefined {
  const node = commandNode(parsed);
  const elsewhere = node.runsElsewhere;
  if (elsewhere && (!elsewhere.when || elsewhere.when(toolArgs(spec.names[0] ?? '', parsed, spec)))) return 'exec';
  if (node.effect === 'delete' || node.effect === 'exec') return node.effect;
  if (matchCommandPath(spec, cliArgs(parsed, spec, args))) return 'delete';
  return node.effect;
}

/** The invocation's tool and usual reading, when the registry describes it. */
export function invocationCommand(inv: Invocation): { tool: ToolSpec; parsed: ParsedCommand } | undefined {
  const tool = toolNamed(inv.name);
  return tool ? { tool, parsed: parsedArgs(inv.args, tool) } : undefined;
}

const elsewhereCache = new WeakMap<CommandSpec, boolean>();

/** Whether any subcommand of `spec` runs a command line somewhere else (walked once per tool). */
export function runsCommandsElsewhere(spec: CommandSpec): boolean {
  const cached = elsewhereCache.get(spec);
  if (cached !== undefined) return cached;
  const found = spec.runsElsewhere !== undefined || Object.values(spec.commands ?? {}).some(runsCommandsElsewhere);
  elsewhereCache.set(spec, found);
  return found;
}

/** A dry-run option given without a value that switches it off (`--dry-run=none`, `--dry-run=false`). */
function dryIn(parsed: ParsedCommand, spec: GrammarSpec, names: readonly string[]): boolean {
  if (names.length === 0) return false;
  const last = optionsMatching(parsed, spec, names).pop();
  return last !== undefined && !/^(none|false|no|0)$/i.test(last.values[last.values.length - 1] ?? '');
}

/**
 * Whether a described tool only shows what it would do (`kubectl delete … --dry-run=client`,
 * `git clean -fdxn`, `pulumi destroy --preview-only`), by the dry-run options its entry and the
 * subcommand declare; every reading of the words must say so.
 */
export function isDryRun(inv: Invocation): boolean {
  const tool = toolNamed(inv.name);
  if (!tool) return false;
  const all = readingsOf(inv.args, tool);
  return all.length > 0 && all.every((parsed) => dryIn(parsed, tool, [...(tool.dryRun ?? []), ...(commandNode(parsed).dryRun ?? [])]));
}

/** Whether a described tool is asked for its manual (`kubectl delete --help`, `aws s3 rm help`): it prints text and runs nothing. */
export function asksForHelp(inv: Invocation): boolean {
  const tool = toolNamed(inv.name);
  const help = tool?.help;
  if (!tool || !help) return false;
  const all = readingsOf(inv.args, tool);
  return all.length > 0 && all.every((parsed) => {
    if (hasOption(parsed, tool, help.options)) return true;
    const words = commandWords(parsed, inv.args);
    const word = help.word === 'first' ? words[0] : help.word === 'last' ? words[words.length - 1] : undefined;
    return word !== undefined && !word.dynamic && word.text === 'help';
  });
}
