/**
 * A command word the shell expands as a pattern (`/usr/bin/ba[s]h`, `/bin/r?`, `r*m`): the program
 * that runs is whichever file the pattern matches, so the walker judges it as every program name
 * the engine knows that the pattern could match, and asks when none or too many match. A quoted or
 * escaped pattern (`'r[m]'`, `r\?`) is a literal name and never comes here.
 */

import { TOOL_ENTRIES } from '../registry/tools';
import { RULE_PACKS } from '../rules/index';
import { WRAPPERS } from '../shell/wrappers';
import { EFFECT_RULES, READ_ONLY_COMMANDS } from './effectRules';
import { SHELLS } from './handlers/context';
import { handlerNames } from './handlers/index';
import type { ArgWord } from './types';
import type { Exec, Walker } from './handlers/context';
import type { Invocation } from './types';

/** More readings than this are not judged one by one: the command asks. */
export const MAX_GLOB_NAMES = 24;

/** Interpreters known by their language, spelled as installed. */
const INTERPRETERS = [
  'python', 'python2', 'python3', ...Array.from({ length: 8 }, (_, i) => `python3.${i + 7}`), 'pypy', 'pypy3',
  'node', 'nodejs', 'tsx', 'ts-node', 'perl', 'ruby', 'php', 'deno', 'bun',
];

let known: readonly string[] | undefined;

/** Every command name the engine has a rule, handler, wrapper or effect for (computed once, lazily). */
export function knownCommandNames(): readonly string[] {
  if (known) return known;
  const names = new Set<string>([...SHELLS, ...INTERPRETERS, ...Object.keys(WRAPPERS), ...Object.keys(EFFECT_RULES), ...READ_ONLY_COMMANDS, ...handlerNames()]);
  for (const tool of TOOL_ENTRIES) for (const name of tool.names) names.add(name);
  for (const pack of RULE_PACKS) for (const name of pack.commands ?? []) names.add(name);
  known = [...names].filter((name) => name.length > 0).sort();
  return known;
}

/** Whether the last path segment of `text` holds a pattern character the shell expands. */
export function nameIsPattern(text: string): boolean {
  return patternOf(text.slice(text.lastIndexOf('/') + 1)) !== undefined;
}

/** The known names the last path segment of `pattern` matches; 'none' when it is not a pattern. */
export function globNameMatches(text: string): string[] {
  const regex = patternOf(text.slice(text.lastIndexOf('/') + 1));
  if (!regex) return [];
  return knownCommandNames().filter((name) => regex.test(name));
}

/** A shell pattern as an anchored regular expression, or undefined when it has no pattern character. */
function patternOf(segment: string): RegExp | undefined {
  let source = '';
  let pattern = false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') {
      source += '.*';
      pattern = true;
    } else if (c === '?') {
      source += '.';
      pattern = true;
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      pattern = true;
      i = close;
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  if (!pattern) return undefined;
  try {
    return new RegExp(`^${source}$`);
  } catch {
    return /^/;
  }
}

/**
 * Run `argv`, whose first word is a pattern, as each known program it could name (keeping the
 * folder part as written); none or too many is a program the guard cannot name, and asks.
 */
export function runPatternName(w: Walker, argv: readonly ArgWord[], exec: Exec): Invocation | undefined {
  const first = argv[0]!;
  const matches = globNameMatches(first.text);
  const shown = first.raw.slice(0, 80);
  if (matches.length === 0 || matches.length > MAX_GLOB_NAMES) {
    const why = matches.length === 0 ? 'no program the guard knows' : `${matches.length} programs`;
    w.addOpaque(`runs a program whose name is a pattern the shell expands (${shown}), matching ${why}`, w.viaOf(exec));
    return undefined;
  }
  const folder = first.text.slice(0, first.text.lastIndexOf('/') + 1);
  let result: Invocation | undefined;
  for (const name of matches) {
    const word: ArgWord = { ...first, text: folder + name, glob: false };
    result = w.run([word, ...argv.slice(1)], { ...exec, wrappers: [...exec.wrappers] }) ?? result;
  }
  return result;
}
