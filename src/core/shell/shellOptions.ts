import type { ArgWord } from './ast';
import type { ExpansionScope } from './expand';

/**
 * The shell options a line turns on that change what a pattern matches (`shopt -s dotglob`: `*` matches
 * names starting with a dot; `globstar`: `**` crosses folders). Kept in the line's variables under a
 * name no script can spell, like bash's own BASHOPTS; a pattern word made while dotglob is on is
 * written so that its wildcards at the start of a name also match dot-names (`~/*\/key` becomes
 * `~/{.*,*}/key`), which is what every judge of patterns (minimatch, dot names off) then reads.
 */

export const SHELL_OPTION = '\u0000shopt:';

/** `shopt -s dotglob globstar`, `shopt -u dotglob`, `set -o …` is not read here (no pattern option). */
export function recordShellOptions(args: readonly ArgWord[], scope: ExpansionScope): void {
  let on: boolean | undefined;
  for (const a of args) {
    if (a.dynamic) {
      // `shopt -s $opt`: any option may be on from here.
      scope.vars.set(SHELL_OPTION + 'dotglob', '1');
      continue;
    }
    if (/^-[a-z]+$/.test(a.text)) {
      if (a.text.includes('s')) on = true;
      if (a.text.includes('u')) on = false;
      continue;
    }
    if (on === undefined || !/^(dotglob|globstar|extglob|nocaseglob)$/.test(a.text)) continue;
    if (on) scope.vars.set(SHELL_OPTION + a.text, '1');
    else scope.vars.delete(SHELL_OPTION + a.text);
  }
}

/** A pattern word as the shell will match it with the line's options: dot-names reachable when dotglob is on. */
export function withShellOptions(word: ArgWord, scope: ExpansionScope): ArgWord {
  if (!word.glob || !scope.vars.has(SHELL_OPTION + 'dotglob')) return word;
  const text = word.text
    .split('/')
    .map((segment) => (/^(\*\*?|\?)/.test(segment) ? `{.${segment.replace(/^(\*\*?|\?)/, (m) => (m === '?' ? '' : '*'))},${segment}}` : segment))
    .join('/');
  return text === word.text ? word : { ...word, text };
}
