import type { RedirectNode, Word } from '../shell/ast';
import { expandWords, staticValue, type ExpansionEnv } from '../shell/expand';
import { homeTilde } from '../shell/tilde';
import { isDynamic } from '../shell/words';
import type { Scope } from './handlers/context';

/**
 * Values a loop variable or an array takes when the words listing them are fixed text
 * (`for f in .cursor/hooks.json .gemini/settings.json`, `a=(~/.blast-shield/audit.log)`), and what a
 * compound's `read` is fed (`while read f; do …; done <<< "$HOME/.x"`). The loop body is walked once
 * per value, so each path is the one the rules see; a list with a pattern, a run-time word or too many
 * values stays unknown.
 */

/** Loop values walked one by one; a longer list leaves the variable unknown. */
export const MAX_LOOP_VALUES = 8;

const PLACEHOLDER: Word = { parts: [{ kind: 'literal', text: ':', quoted: false }], raw: ':' };

/** The words `words` become when each is fixed text (braces expanded, `~` the home folder), or null. */
export function arrayValues(words: readonly Word[], scope: Scope, env: ExpansionEnv<Scope>, max = 64): string[] | null {
  if (words.length === 0) return [];
  // expandWords reads its first word as a command name; a placeholder keeps the list off that path.
  const expanded = expandWords([PLACEHOLDER, ...words], scope, env);
  if (expanded.kind !== 'words') return null;
  const argv = expanded.argv.slice(1);
  if (argv.length > max || argv.some((a) => a.dynamic || a.glob)) return null;
  return argv.map((a) => homeTilde(a, scope, env.home).text);
}

/** A scalar assignment's fixed value; `~` after `=` is the home folder, as bash expands it (`OLDPWD=~/.x`). */
export function assignedValue(word: Word, scope: Scope, env: ExpansionEnv<Scope>): string | undefined {
  const value = staticValue(word, scope, env);
  if (value === undefined || isDynamic(word)) return value;
  return homeTilde({ text: value, raw: word.raw, dynamic: false, glob: false }, scope, env.home).text;
}

/** The values `for NAME in WORDS` walks, when fixed and few; undefined otherwise. */
export function loopValues(words: readonly Word[], scope: Scope, env: ExpansionEnv<Scope>): string[] | undefined {
  if (words.length === 0) return undefined;
  const values = arrayValues(words, scope, env, MAX_LOOP_VALUES);
  return values === null || values.length === 0 ? undefined : values;
}

/** One line of fixed text a compound command is fed (`done <<< x`, a here-document without expansions); null when not fixed. */
export function compoundStdinText(redirects: readonly RedirectNode[], scope: Scope, env: ExpansionEnv<Scope>): string | null | undefined {
  let text: string | null | undefined;
  for (const node of redirects) {
    if (node.fd !== undefined && node.fd !== 0) continue;
    if (node.op === '<<<') {
      const value = staticValue(node.target, scope, env);
      text = value === undefined ? null : homeTilde({ text: value, raw: node.target.raw, dynamic: false, glob: false }, scope, env.home).text + '\n';
    } else if (node.heredoc) text = node.heredoc.quoted || !/[$`\\]/.test(node.heredoc.text) ? node.heredoc.text : null;
    else if (node.op === '<' || node.op === '<>' || node.op === '<&') text = null;
  }
  // Each pass of a `while read` loop takes the next line: only a single line is one known value.
  return typeof text === 'string' && text.replace(/\n$/, '').includes('\n') ? null : text;
}

/** The variable a compound's here-string is exactly (`while read t; do …; done <<< "$T"`), the last stdin redirect deciding. */
export function compoundStdinCopy(redirects: readonly RedirectNode[]): string | undefined {
  let copy: string | undefined;
  for (const node of redirects) {
    if (node.fd !== undefined && node.fd !== 0) continue;
    if (node.op === '<<<') copy = /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(node.target.raw)?.[1];
    else if (node.heredoc || node.op === '<' || node.op === '<>' || node.op === '<&') copy = undefined;
  }
  return copy;
}
