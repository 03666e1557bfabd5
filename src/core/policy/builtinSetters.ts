import type { CommandList, SimpleCommand } from '../shell/ast';
import type { ExpansionScope } from '../shell/expand';
import type { ArgWord } from './types';
import type { Scope } from './handlers/context';
import { EXPORTED, exportsOnAssignment } from './lineState';

/** The line's pattern options (shell/shellOptions.ts), for the walker's one import of variable setters. */
export { withShellOptions } from '../shell/shellOptions';

/**
 * Builtins that set a variable without an assignment word (red team round 10): `let HOME=0`,
 * `getopts h HOME` (the option letter it finds). The variable's value is unknown from then on; one the
 * shell already exports (HOME, PATH …) reaches every later command of the line, as `HOME=/tmp; cmd` does.
 * (A name reference, `declare -n R=HOME` then `R=/tmp`, is recorded once, by expand.ts's NAMEREF.)
 */

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
  }
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
