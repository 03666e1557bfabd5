import type { CommandList, SimpleCommand } from '../shell/ast';
import type { ExpansionScope } from '../shell/expand';
import type { ArgWord } from './types';
import type { Scope } from './handlers/context';
import { EXPORTED, exportsOnAssignment } from './lineState';

/** The line's pattern options (shell/shellOptions.ts), for the walker's one import of variable setters. */
export { withShellOptions } from '../shell/shellOptions';

/**
 * Builtins that set a variable without an assignment word (red team round 10): `let HOME=0`,
 * `getopts h HOME` (the option letter it finds), and a name reference (`declare -n R=HOME`) through
 * which a later `R=/tmp` sets HOME. The variable's value is unknown from then on; one the shell already
 * exports (HOME, PATH …) reaches every later command of the line, as `HOME=/tmp; cmd` does.
 */

/** Where a name reference keeps the variable it stands for. */
export const NAMEREF = '\u0000nameref:';

function setUnknown(scope: Scope, name: string, how: string): void {
  scope.vars.set(name, null);
  if (!exportsOnAssignment(name, scope)) return;
  scope.vars.set(EXPORTED, '');
  scope.vars.set(EXPORTED + name, `$(${how} ${name})`);
}

export function recordBuiltinSetters(argv: readonly ArgWord[], scope: Scope): void {
  const builtin = argv[0]?.text;
  const args = argv.slice(1, 65);
  if (builtin === 'let') {
    for (const a of args) {
      const name = /^([A-Za-z_]\w*)\s*(?:[-+*/%&|^]|<<|>>)?=/.exec(a.text)?.[1];
      if (name !== undefined) setUnknown(scope, name, 'let');
    }
  } else if (builtin === 'getopts') {
    // `getopts OPTSTRING NAME [ARG…]`: getopts takes no options of its own.
    const name = args[1]?.text;
    if (name !== undefined && /^[A-Za-z_]\w*$/.test(name)) setUnknown(scope, name, 'getopts');
  } else if (builtin === 'declare' || builtin === 'typeset' || builtin === 'local') {
    if (!args.some((a) => /^-[A-Za-z]*n/.test(a.text))) return;
    for (const a of args) {
      const m = /^([A-Za-z_]\w*)=([A-Za-z_]\w*)$/.exec(a.text);
      if (m && m[1] !== m[2]) scope.vars.set(NAMEREF + m[1], m[2]!);
    }
  }
}

/** The variable an assignment to `name` sets through a name reference, when there is one. */
export function nameReferenced(name: string, scope: Scope): string | undefined {
  const target = scope.vars.get(NAMEREF + name);
  return typeof target === 'string' && target !== name ? target : undefined;
}

/**
 * An assignment's value that starts with the folder the command runs in (`PYTHONPATH=$PWD`,
 * `NODE_PATH=${PWD}/lib`): that prefix is a fact when the line has not made the folder uncertain (or set
 * PWD to known text, which is then used), so the value is kept with the folder written out; any other
 * value is kept as written.
 */
export function knownFolderPrefix(value: string, scope: ExpansionScope): string {
  if (!value.startsWith('$')) return value;
  const folder = scope.vars.has('PWD') ? scope.vars.get('PWD') : scope.cwdUncertain ? undefined : scope.cwd;
  if (folder === undefined || folder === null || folder === '') return value;
  return value.replace(/^(?:\$PWD|\$\{PWD\})(?=[/:]|$)/, folder);
}

/**
 * `$(IFS=; echo "${a[*]}")`: plain assignments before a substitution's pipeline set what it expands, in
 * the substitution's own shell. The scope to walk it in (a copy when it assigns), or undefined when the
 * list is anything else.
 */
export function substitutionScope<S extends Scope>(list: CommandList, scope: S): S | undefined {
  if (list.items.length === 0 || list.items.length > 3) return undefined;
  const setup = list.items.slice(0, -1);
  if (setup.some((item) => item.pipeline.commands.length !== 1 || item.pipeline.commands[0]!.type !== 'simple' || (item.pipeline.commands[0] as SimpleCommand).words.length > 0 || item.pipeline.commands[0]!.redirects.length > 0)) return undefined;
  return setup.length > 0 ? { ...scope, vars: new Map(scope.vars), sources: new Map(scope.sources) } : scope;
}
