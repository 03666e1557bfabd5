/**
 * Tilde prefixes that name shell state rather than the home folder: `~-` (OLDPWD), `~+` (PWD),
 * `~N`/`~+N`/`~-N` (the directory stack, `dirs -v`), and `~` after HOME was reassigned on the line
 * (`HOME=$HOME/.aws; cat ~/credentials`). Known state gives the folder; unknown state gives a word
 * computed at run time, never the home folder, so the rules answer conservatively.
 */

import type { ArgWord } from './ast';
import type { ExpansionScope } from './expand';

/** Where the directory stack lives in the walker's variables: entries below the current folder, as JSON. */
export const DIRSTACK = '\u0000dirstack';

/** The stack below the current folder (`dirs` without its first entry); null when unknown. */
export function dirStack(scope: ExpansionScope): string[] | null {
  if (!scope.vars.has(DIRSTACK)) return [];
  const raw = scope.vars.get(DIRSTACK);
  if (raw === null || raw === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((e) => typeof e === 'string') ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

export function setDirStack(scope: ExpansionScope, stack: string[] | null): void {
  scope.vars.set(DIRSTACK, stack === null ? null : JSON.stringify(stack.slice(0, 64)));
}

/**
 * The folder a tilde prefix names: a string when known, null when it names shell state that is not
 * known here, undefined when the prefix is the plain home folder or a user name (`~alice`).
 */
export function tildePrefixValue(prefix: string, scope: ExpansionScope): string | null | undefined {
  const cwd = scope.cwdUncertain ? null : scope.cwd;
  if (prefix === '') {
    if (!scope.vars.has('HOME')) return undefined;
    const home = scope.vars.get('HOME');
    return typeof home === 'string' && home.startsWith('/') ? home : null;
  }
  if (prefix === '+') return cwd;
  if (prefix === '-') {
    const old = scope.vars.get('OLDPWD');
    return typeof old === 'string' && old.startsWith('/') ? old : null;
  }
  const n = /^([+-]?)(\d+)$/.exec(prefix);
  if (!n) return undefined;
  const stack = dirStack(scope);
  if (stack === null || cwd === null) return null;
  const all = [cwd, ...stack];
  const index = Number(n[2]);
  if (index >= all.length) return null;
  return n[1] === '-' ? all[all.length - 1 - index]! : all[index]!;
}

/** An unquoted word starting with a tilde prefix that names shell state, expanded (or made run-time). */
export function expandTildeWord(arg: ArgWord, scope: ExpansionScope): ArgWord {
  if (arg.dynamic || !arg.raw.startsWith('~') || !arg.text.startsWith('~')) return arg;
  const slash = arg.text.indexOf('/');
  const prefix = slash < 0 ? arg.text.slice(1) : arg.text.slice(1, slash);
  const value = tildePrefixValue(prefix, scope);
  if (value === undefined) return arg;
  const rest = slash < 0 ? '' : arg.text.slice(slash);
  if (value === null) return { ...arg, text: `\${TILDE_${prefix === '-' ? 'OLDPWD' : prefix === '+' ? 'PWD' : prefix === '' ? 'HOME' : 'DIRSTACK'}}${rest}`, dynamic: true };
  return { ...arg, text: value === '/' && rest !== '' ? rest : value + rest };
}

/**
 * `~` and `~/x` written unquoted where bash expands them before a builtin or assignment keeps the text
 * (`OLDPWD=~/.x`, `read p <<< ~/.x`, `printf -v p %s ~/.x`, `for f in ~/.x`): the home folder (or the
 * folder HOME was set to on the line), so the value is the path, wherever it is used later.
 */
export function homeTilde(arg: ArgWord, scope: ExpansionScope, home: string): ArgWord {
  if (arg.dynamic || !arg.raw.startsWith('~') || !(arg.text === '~' || arg.text.startsWith('~/'))) return expandTildeWord(arg, scope);
  const value = tildePrefixValue('', scope);
  if (value === null) return expandTildeWord(arg, scope);
  return { ...arg, text: (value ?? home) + arg.text.slice(1) };
}
