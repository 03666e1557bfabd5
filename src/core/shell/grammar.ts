/**
 * The one option grammar: a getopt-style reader that turns a command's words into its subcommand
 * path, options (with their values) and operands, driven by a description of the command (a registry
 * entry, a wrapper's table in `wrappers.ts`). It knows short clusters (`-sSL`, `-aX`, `-a X`, `-a=X`), long options (`--app X`,
 * `--app=X`), unambiguous long-option prefixes where the tool accepts them (git, GNU tools),
 * single-dash long options (`-chdir=dir`, `-name x`), `--` ending the options, global options before a
 * subcommand, options interspersed with operands or ending at the first operand, options after which
 * every word is an operand (`env -S`), and AWS-style option lists.
 *
 * An option it does not know, followed by a word, may or may not take that word as its value: the
 * reader records it as **unsure** and reads it as a switch; `readings` gives the other reading too,
 * so a caller can see whether the subcommand depends on it (`fly --weird prod ssh console`).
 */

import type { ArgWord } from './ast';

/** How many words an option takes. */
export type OptionArity =
  /** A switch: `-f`, `--force`. A value glued with `=` is still recorded. */
  | 'none'
  /** Exactly one value: glued (`-aX`, `--app=X`) or the next word. */
  | 'one'
  /** Two values (`sqlite3 -lookaside SIZE N`): the glued one and the next word, or the next two. */
  | 'two'
  /** A value only when glued (`--color=always`, `-i.bak`); the next word is never taken. */
  | 'optional'
  /** Every following word up to the next long option (`aws ec2 … --instance-ids i-1 i-2`). */
  | 'list';

export interface OptionSpec {
  /** Every spelling with its dashes: `-a`, `--app`, `-chdir`. The first names the option in results. */
  names: readonly string[];
  /** Default 'none'. */
  takes?: OptionArity;
  /** The tool reads no options after this one: every later word is an operand (`env -S STRING cmd -x`). */
  endsOptions?: boolean;
  /**
   * In a cluster the value is never the rest of the word: the next word is, and the letters after it are
   * options of their own (node's `-pe CODE` is `-p -e CODE`, one value for both).
   */
  separateValue?: boolean;
  /**
   * In a cluster only the leading letters this matches are the glued value, and the letters after it are
   * options of their own (perl's `-0pi` is `-0 -p -i`: `-0` takes octal digits only). Anchored at the start.
   */
  gluedValue?: RegExp;
}

/** How an option not in the description is read. */
export type UnknownOption = 'unsure' | 'switch' | 'one' | 'list';

/** One level of a command: the tool itself or one of its subcommands. */
export interface GrammarNode {
  /** Options known at this level; inner levels also know their parents' options. */
  options?: readonly OptionSpec[];
  /** Subcommands by name; a key may list aliases (`rm|remove`) or be `*` (any word). */
  commands?: Readonly<Record<string, GrammarNode>>;
  /**
   * Options may follow operands (GNU, cobra, oclif). When false the first operand ends the options
   * and every later word is an operand (ssh, sudo, `docker exec box cmd`). Inherited; the tool's
   * default is true.
   */
  interspersed?: boolean;
  /** Long options not described here: inherited; the tool's default is 'unsure'. */
  unknownLong?: UnknownOption;
  /** After this level's operands begin, words after `--` are a command of their own (`kubectl exec pod -- cmd`). */
  commandAfterDashDash?: boolean;
  /**
   * Options still read as the tool's after the first operand ended the options (`heroku run 'cmd' -a app`):
   * spellings, each taking one value.
   */
  trailingOptions?: readonly string[];
}

export interface GrammarSpec extends GrammarNode {
  /** Long options may be shortened to any unambiguous prefix (`git push --del`, `rm --rec`). */
  abbreviations?: boolean;
  /** Options are Go-flag style: one or two dashes alike (`-chdir=x`, `--chdir=x`), no short clusters. */
  goFlags?: boolean;
  /** `-20` is an option (nice, head, git log); otherwise a word starting with a digit is an operand. */
  numericOptions?: boolean;
  /** The first subcommand word may join levels with colons (`heroku apps:destroy`). */
  colonCommands?: boolean;
  /** Words skipped before the subcommand (release tracks: `gcloud beta …`). */
  skipLeading?: readonly string[];
  /** Short options not described: 'unsure' unless said otherwise. */
  unknownShort?: UnknownOption;
  /**
   * PowerShell parameters: `-Name value` and `-Name:value`, any case, any unambiguous prefix
   * (`-Meth DELETE`). Described as lower-case long options (`--method`).
   */
  powershellParameters?: boolean;
  /** The tool's own options come only before the subcommand; a subcommand's options are its own (`git -c x commit -c y`). */
  globalsBeforeSubcommand?: boolean;
  /**
   * Windows-style options with a value (`sqlpackage /Action:Publish`, `msbuild /p:Key=Value`) read as `--action=Publish`:
   * only with the colon, so a path (`/tmp`, `/srv/app`) stays an operand.
   */
  slashOptions?: boolean;
}

export interface ParsedOption {
  /** The option's first spelling in its description, or the spelling written when unknown. */
  name: string;
  /** As written (`--del`, `-a`, `-sSL` gives one entry per letter). */
  written: string;
  /** Values taken ([] for a switch). */
  values: string[];
  /** The words values came from, for dynamic checks and provenance. */
  valueWords: ArgWord[];
  /** Index of the option's word in the argument list. */
  index: number;
  /** How many subcommand words came before it (0: a global option). */
  depth: number;
  known: boolean;
}

export interface ParsedCommand {
  /** Subcommand words as written (colon commands split): `['ssh', 'console']`. */
  path: string[];
  /** Index in `args` of each subcommand word (a colon command's parts share one). */
  pathIndexes: number[];
  /** The deepest level reached. */
  node: GrammarNode;
  options: ParsedOption[];
  /** Words that are neither options, option values nor subcommand words, in order. */
  operands: ArgWord[];
  /** The index in the argument list of each operand. */
  operandIndexes: number[];
  /** Words after `--` at a level that runs a command there (`kubectl exec pod -- rm -rf /data`). */
  command: ArgWord[] | undefined;
  /** Index in the argument list of the `--` that ended the options (operands after it are never options). */
  endOfOptions: number | undefined;
  /** Options whose value-taking is not known, read as switches here. */
  unsure: { option: string; index: number }[];
  /** Long options written as a prefix that matches several options (the tool refuses them). */
  ambiguous: string[];
  /** Some option value is only known at run time. */
  dynamicValue: boolean;
}

interface CompiledOption {
  name: string;
  takes: OptionArity;
  endsOptions: boolean;
  separateValue: boolean;
  gluedValue?: RegExp;
}

interface Scope {
  /** Spelling -> option, this level and its parents. */
  bySpelling: Map<string, CompiledOption>;
  /** Long spellings, for prefix matching. */
  longNames: string[];
  interspersed: boolean;
  unknownLong: UnknownOption;
}

const compiled = new WeakMap<GrammarNode, Map<GrammarNode | null, Scope>>();

function scopeOf(node: GrammarNode, parent: Scope | undefined, parentNode: GrammarNode | null, spec: GrammarSpec): Scope {
  let byParent = compiled.get(node);
  const cached = byParent?.get(parentNode);
  if (cached) return cached;
  const inherits = !(spec.globalsBeforeSubcommand && parentNode === spec);
  const bySpelling = new Map(inherits ? parent?.bySpelling : undefined);
  for (const option of node.options ?? []) {
    const entry: CompiledOption = { name: option.names[0]!, takes: option.takes ?? 'none', endsOptions: option.endsOptions === true, separateValue: option.separateValue === true, ...(option.gluedValue !== undefined ? { gluedValue: option.gluedValue } : {}) };
    for (const spelling of option.names) {
      bySpelling.set(spelling, entry);
      if (spec.goFlags) bySpelling.set(spelling.startsWith('--') ? spelling.slice(1) : '-' + spelling, entry);
    }
  }
  const scope: Scope = {
    bySpelling,
    longNames: [...bySpelling.keys()].filter((s) => s.startsWith('--')),
    interspersed: node.interspersed ?? parent?.interspersed ?? true,
    unknownLong: node.unknownLong ?? parent?.unknownLong ?? 'unsure',
  };
  if (!byParent) {
    byParent = new Map();
    compiled.set(node, byParent);
  }
  byParent.set(parentNode, scope);
  return scope;
}

const childIndexes = new WeakMap<GrammarNode, Map<string, GrammarNode>>();

/** The subcommand `word` names under `node` (aliases split once per node), else the `*` child. */
export function childOf(node: GrammarNode, word: string): GrammarNode | undefined {
  const commands = node.commands;
  if (!commands) return undefined;
  let index = childIndexes.get(node);
  if (!index) {
    index = new Map();
    for (const [key, child] of Object.entries(commands)) for (const alias of key.split('|')) if (!index.has(alias)) index.set(alias, child);
    childIndexes.set(node, index);
  }
  return index.get(word) ?? commands['*'];
}

function isOptionWord(text: string, spec: GrammarSpec): boolean {
  if (text.length < 2 || text[0] !== '-') return false;
  if (!spec.numericOptions && /^-\d/.test(text)) return false;
  return true;
}

/** A PowerShell parameter word as the long option it is described as: `-Uri:x` -> `--uri=x`. */
function asLongOption(word: ArgWord): ArgWord {
  const m = /^-([A-Za-z][\w-]*)(:(.*))?$/s.exec(word.text);
  if (!m) return word;
  return { ...word, text: `--${m[1]!.toLowerCase()}${m[3] ? `=${m[3]}` : ''}` };
}

const SLASH_OPTION = /^\/([A-Za-z][A-Za-z0-9]*):(.*)$/s;

/** A Windows-style option word as the long option it stands for: `/Action:Publish` -> `--action=Publish`. */
function slashOption(word: ArgWord): ArgWord {
  const m = SLASH_OPTION.exec(word.text);
  return m ? { ...word, text: `--${m[1]!.toLowerCase()}=${m[2]}` } : word;
}

/** How unsure options are read: as switches (the usual reading) or as taking the next word. */
export type UnsureReading = 'switch' | 'value';

/** Read `args` (the words after the command name) by `spec`. */
export function parseCommand(given: readonly ArgWord[], spec: GrammarSpec, reading: UnsureReading = 'switch'): ParsedCommand {
  const args = spec.powershellParameters ? given.map(asLongOption) : spec.slashOptions && given.some((w) => SLASH_OPTION.test(w.text)) ? given.map(slashOption) : given;
  const result: ParsedCommand = {
    path: [],
    pathIndexes: [],
    node: spec,
    options: [],
    operands: [],
    operandIndexes: [],
    command: undefined,
    endOfOptions: undefined,
    unsure: [],
    ambiguous: [],
    dynamicValue: false,
  };
  let node: GrammarNode = spec;
  let scope = scopeOf(spec, undefined, null, spec);
  let descending = spec.commands !== undefined;
  let skipping = spec.skipLeading !== undefined;
  let optionsEnded = false;
  let dashDash = false;
  let i = 0;

  const take = (option: ParsedOption, word: ArgWord, text: string): void => {
    option.values.push(text);
    option.valueWords.push(word);
    if (word.dynamic) result.dynamicValue = true;
  };
  const record = (name: string, written: string, index: number, known: boolean): ParsedOption => {
    const option: ParsedOption = { name, written, values: [], valueWords: [], index, depth: result.path.length, known };
    result.options.push(option);
    return option;
  };
  /** Takes the words an option's arity asks for after the option word at `i`; returns the new index. */
  const takeValues = (option: ParsedOption, takes: OptionArity | UnknownOption, at: number, glued: boolean): number => {
    let next = at;
    if (takes === 'one' && !glued && next + 1 < args.length) take(option, args[++next]!, args[next]!.text);
    else if (takes === 'two') {
      for (let n = glued ? 1 : 2; n > 0 && next + 1 < args.length; n--) take(option, args[++next]!, args[next]!.text);
    } else if (takes === 'list') {
      while (next + 1 < args.length && !args[next + 1]!.text.startsWith('--')) take(option, args[++next]!, args[next]!.text);
    } else if (takes === 'unsure' && !glued && next + 1 < args.length && !isOptionWord(args[next + 1]!.text, spec)) {
      result.unsure.push({ option: option.written, index: at });
      if (reading === 'value') take(option, args[++next]!, args[next]!.text);
    }
    return next;
  };

  for (; i < args.length; i++) {
    const word = args[i]!;
    const text = word.text;
    if (!optionsEnded && text === '--') {
      if (node.commandAfterDashDash && !descending) {
        result.command = args.slice(i + 1);
        i = args.length;
        break;
      }
      optionsEnded = true;
      dashDash = true;
      result.endOfOptions = i;
      continue;
    }
    if (optionsEnded && !dashDash && node.trailingOptions?.includes(text)) {
      const option = record(scope.bySpelling.get(text)?.name ?? text, text, i, true);
      if (i + 1 < args.length) take(option, args[++i]!, args[i]!.text);
      continue;
    }
    if (optionsEnded && !dashDash && node.trailingOptions) {
      const eq = text.indexOf('=');
      if (eq > 0 && node.trailingOptions.includes(text.slice(0, eq))) {
        const option = record(scope.bySpelling.get(text.slice(0, eq))?.name ?? text.slice(0, eq), text, i, true);
        take(option, word, text.slice(eq + 1));
        continue;
      }
    }
    if (optionsEnded || !isOptionWord(text, spec)) {
      if (skipping && spec.skipLeading!.includes(text) && result.path.length === 0) {
        skipping = false;
        continue;
      }
      skipping = false;
      const parts = descending && spec.colonCommands && result.path.length === 0 && text.includes(':') ? text.split(':') : [text];
      const child = descending && !optionsEnded ? childOf(node, parts[0]!) : undefined;
      if (child) {
        for (let k = 0; k < parts.length; k++) {
          const next = k === 0 ? child : childOf(node, parts[k]!);
          if (next) {
            const parentNode = node;
            node = next;
            scope = scopeOf(node, scope, parentNode, spec);
          }
          result.path.push(parts[k]!);
        }
        result.pathIndexes.push(i);
        descending = node.commands !== undefined;
        continue;
      }
      descending = false;
      result.operands.push(word);
      result.operandIndexes.push(i);
      if (!scope.interspersed) optionsEnded = true;
      continue;
    }
    if (text.startsWith('--') || (spec.goFlags && text.startsWith('-'))) {
      const eq = text.indexOf('=');
      const spelling = eq < 0 ? text : text.slice(0, eq);
      let known = scope.bySpelling.get(spelling);
      if (!known && spec.abbreviations && spelling.startsWith('--') && spelling.length > 2) {
        const matches = new Set<CompiledOption>();
        for (const long of scope.longNames) if (long.startsWith(spelling)) matches.add(scope.bySpelling.get(long)!);
        if (matches.size === 1) known = [...matches][0];
        else if (matches.size > 1) result.ambiguous.push(spelling);
      }
      const option = record(known?.name ?? spelling, text, i, known !== undefined);
      if (eq >= 0) take(option, word, text.slice(eq + 1));
      i = takeValues(option, known?.takes ?? scope.unknownLong, i, eq >= 0);
      if (known?.endsOptions) optionsEnded = true;
      continue;
    }
    // Single-dash long options named in the description (`-chdir`, `-name`), whole or with `=value`.
    const eq = text.indexOf('=');
    const whole = scope.bySpelling.get(eq < 0 ? text : text.slice(0, eq));
    if (whole && text.length > 2 && (eq < 0 || eq > 2)) {
      const option = record(whole.name, text, i, true);
      if (eq >= 0) take(option, word, text.slice(eq + 1));
      i = takeValues(option, whole.takes, i, eq >= 0);
      if (whole.endsOptions) optionsEnded = true;
      continue;
    }
    // A cluster of short options: `-sSL`, `-aX`, `-a=X`, `-n5`.
    let consumedTo = i;
    for (let k = 1; k < text.length; k++) {
      const letter = '-' + text[k];
      const known = scope.bySpelling.get(letter);
      const option = record(known?.name ?? letter, letter, i, known !== undefined);
      if (known?.endsOptions) optionsEnded = true;
      const rest = text.slice(k + 1);
      const takes = known?.takes ?? (spec.unknownShort ?? 'unsure');
      if (takes === 'none' || takes === 'switch') continue;
      if (known?.separateValue) {
        if (consumedTo === i) consumedTo = takeValues(option, takes, i, false);
        continue;
      }
      if (known?.gluedValue !== undefined && rest !== '') {
        const glued = known.gluedValue.exec(rest)?.[0] ?? '';
        if (glued !== '') take(option, word, glued);
        k += glued.length;
        continue;
      }
      if (rest !== '' && (takes === 'one' || takes === 'optional' || takes === 'list' || takes === 'two')) {
        take(option, word, rest.startsWith('=') ? rest.slice(1) : rest);
        break;
      }
      if (rest !== '') continue;
      consumedTo = takeValues(option, takes, i, false);
    }
    i = consumedTo;
  }
  result.node = node;
  return result;
}

/**
 * Both readings of a command when an unknown option may have taken the next word, else the one.
 * The first is always the usual reading (unknown options are switches).
 */
export function readings(args: readonly ArgWord[], spec: GrammarSpec): ParsedCommand[] {
  const usual = parseCommand(args, spec, 'switch');
  if (usual.unsure.length === 0) return [usual];
  return [usual, parseCommand(args, spec, 'value')];
}
