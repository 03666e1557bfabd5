import type { ArgWord } from './types';
import type { Scope } from './handlers/context';
import { EXPORTED, exportsOnAssignment } from './lineState';

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
    const name = args.filter((a) => !a.text.startsWith('-'))[1]?.text;
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
