import type { ArgWord } from '../../policy/types';

/**
 * Splitting a CLI's arguments into positionals and flag values, so packs can match command paths
 * (`volume delete`, `s3 rb`) without mistaking a flag's value for a subcommand.
 */

export interface ParsedArgs {
  /** Words that are neither flags nor flag values, in order. */
  positionals: ArgWord[];
  /** Flag (with its dashes, e.g. '--app', '-a') -> the values given to it, in order ('' for a switch). */
  flags: Map<string, string[]>;
  /** Whether any flag value that was consumed depends on run-time values. */
  dynamicFlagValue: boolean;
}

export interface ArgGrammar {
  /** Flags that take a value in the next word (or after '=' or glued to a short flag). */
  valueFlags: ReadonlySet<string>;
  /**
   * AWS style: when this says so for the positionals seen so far, every long flag not listed in
   * `switches` takes all following words up to the next `--flag` (`--instance-ids i-1 i-2`).
   */
  longFlagsTakeLists?: (positionalsSoFar: readonly ArgWord[]) => boolean;
  /** Long flags that never take a value, for `longFlagsTakeLists` grammars. */
  switches?: ReadonlySet<string>;
}

function addFlag(flags: Map<string, string[]>, name: string, value: string): void {
  const list = flags.get(name);
  if (list) list.push(value);
  else flags.set(name, [value]);
}

export function parseArgs(args: readonly ArgWord[], grammar: ArgGrammar): ParsedArgs {
  const positionals: ArgWord[] = [];
  const flags = new Map<string, string[]>();
  let dynamicFlagValue = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as ArgWord;
    const text = word.text;
    if (text === '--') {
      for (const rest of args.slice(i + 1)) positionals.push(rest);
      break;
    }
    if (text.length < 2 || !text.startsWith('-') || /^-\d/.test(text)) {
      positionals.push(word);
      continue;
    }
    const eq = text.indexOf('=');
    if (text.startsWith('--') && eq > 2) {
      addFlag(flags, text.slice(0, eq), text.slice(eq + 1));
      if (word.dynamic) dynamicFlagValue = true;
      continue;
    }
    if (text.startsWith('--')) {
      const isSwitch = grammar.switches?.has(text) ?? false;
      const takesList = !isSwitch && (grammar.longFlagsTakeLists?.(positionals) ?? false);
      if (takesList) {
        let taken = 0;
        while (i + 1 < args.length && !(args[i + 1] as ArgWord).text.startsWith('--')) {
          const next = args[++i] as ArgWord;
          addFlag(flags, text, next.text);
          if (next.dynamic) dynamicFlagValue = true;
          taken++;
        }
        if (taken === 0) addFlag(flags, text, '');
        continue;
      }
      const takesValue = grammar.valueFlags.has(text) || (grammar.switches !== undefined && !isSwitch);
      if (takesValue && i + 1 < args.length) {
        const next = args[++i] as ArgWord;
        addFlag(flags, text, next.text);
        if (next.dynamic) dynamicFlagValue = true;
      } else {
        addFlag(flags, text, '');
      }
      continue;
    }
    // Single-dash long options (PowerShell's -Uri, find-style flags) named exactly.
    if (text.length > 2 && grammar.valueFlags.has(text)) {
      if (i + 1 < args.length) {
        const next = args[++i] as ArgWord;
        addFlag(flags, text, next.text);
        if (next.dynamic) dynamicFlagValue = true;
      } else addFlag(flags, text, '');
      continue;
    }
    // Short flag: '-a app', '-aapp', '-a=app'; bundled switches ('-sSL') are recorded one by one.
    const short = text.slice(0, 2);
    if (grammar.valueFlags.has(short)) {
      if (text.length > 2) {
        addFlag(flags, short, text.slice(text[2] === '=' ? 3 : 2));
        if (word.dynamic) dynamicFlagValue = true;
      } else if (i + 1 < args.length) {
        const next = args[++i] as ArgWord;
        addFlag(flags, short, next.text);
        if (next.dynamic) dynamicFlagValue = true;
      } else {
        addFlag(flags, short, '');
      }
      continue;
    }
    for (let k = 1; k < text.length; k++) {
      const flag = '-' + text[k];
      if (grammar.valueFlags.has(flag)) {
        const rest = text.slice(k + 1);
        if (rest.length > 0) addFlag(flags, flag, rest);
        else if (i + 1 < args.length) addFlag(flags, flag, (args[++i] as ArgWord).text);
        else addFlag(flags, flag, '');
        break;
      }
      addFlag(flags, flag, '');
    }
  }
  return { positionals, flags, dynamicFlagValue };
}

/** Values of the first of `names` that was given (all its values), or []. */
export function flagValues(parsed: ParsedArgs, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    for (const v of parsed.flags.get(n) ?? []) if (v !== '') out.push(v);
  }
  return out;
}

export function hasFlag(parsed: ParsedArgs, names: readonly string[]): boolean {
  return names.some((n) => parsed.flags.has(n));
}

/** Lower-case parts of an identifier: volumeDelete -> [volume, delete], PURGE_CACHE -> [purge, cache]. */
export function identifierParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p.length > 0)
    .map((p) => p.toLowerCase());
}
