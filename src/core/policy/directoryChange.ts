import { resolvePath } from '../paths';
import { dirStack, setDirStack } from '../shell/tilde';
import type { Scope } from './handlers/context';
import type { Invocation } from './types';

/**
 * `cd DIR`, `cd -`, `pushd DIR`, bare `pushd`, `popd` run in this shell: later commands of the list run
 * in the folder they leave behind, OLDPWD and the directory stack (`~-`, `~1`) follow, and a folder
 * that cannot be known makes the working folder uncertain (never the one before).
 */
export function followDirectoryChange(inv: Invocation, scope: Scope, home: string): void {
  if (inv.name !== 'cd' && inv.name !== 'pushd' && inv.name !== 'popd') return;
  const before = scope.cwdUncertain ? null : scope.cwd;
  const operands = inv.args.filter((a) => !a.text.startsWith('-') || a.text === '-' || /^[+-]\d+$/.test(a.text));
  const target = operands[0];
  const stack = dirStack(scope);
  if (inv.name === 'popd' || (inv.name === 'pushd' && (!target || /^[+-]\d+$/.test(target.text)))) {
    // `popd` leaves for the top of the stack; bare `pushd` swaps the two top entries; `+N` rotates (unknown here).
    if (target || stack === null || stack.length === 0) return moveTo(scope, null, before);
    if (inv.name === 'popd') {
      setDirStack(scope, stack.slice(1));
      return moveTo(scope, stack[0]!, before);
    }
    setDirStack(scope, before === null ? null : [before, ...stack.slice(1)]);
    return moveTo(scope, stack[0]!, before);
  }
  let dest: string | null;
  if (!target) dest = knownHome(scope, home);
  else if (target.dynamic || target.glob) dest = null;
  else if (target.text === '-') {
    const old = scope.vars.get('OLDPWD');
    dest = typeof old === 'string' && old.startsWith('/') ? old : null;
  } else dest = viaCdpath(scope, target.text, home, inv);
  if (inv.name === 'pushd') setDirStack(scope, before === null || stack === null ? null : [before, ...stack]);
  moveTo(scope, dest, before);
}

function moveTo(scope: Scope, dest: string | null, before: string | null): void {
  // `cd legacy && cat $OLDPWD/.env`: the folder left behind is known too.
  scope.vars.set('OLDPWD', before);
  if (dest === null) scope.cwdUncertain = true;
  else {
    scope.cwd = dest;
    scope.cwdUncertain = false;
  }
}

function knownHome(scope: Scope, home: string): string | null {
  if (!scope.vars.has('HOME')) return home;
  const value = scope.vars.get('HOME');
  return typeof value === 'string' && value.startsWith('/') ? value : null;
}

/** `CDPATH=~/.blast-shield cd decider`: a bare relative folder is looked up along CDPATH first. */
function viaCdpath(scope: Scope, target: string, home: string, inv: Invocation): string | null {
  const prefixed = inv.assignments['CDPATH'];
  const cdpath = prefixed !== undefined ? prefixed : scope.vars.has('CDPATH') ? scope.vars.get('CDPATH') : '';
  const bare = !target.startsWith('/') && !target.startsWith('~') && !/^\.\.?(\/|$)/.test(target);
  if (bare && cdpath === null) return null;
  if (bare && cdpath) {
    const first = cdpath.split(':')[0]!;
    // bash takes the first CDPATH entry where the folder exists; which one is not known here.
    if (cdpath.includes(':') || first === '') return null;
    return resolvePath(scope.cwd, `${first.replace(/^\$HOME(?=\/|$)/, '~')}/${target}`, home);
  }
  if (scope.cwdUncertain && !target.startsWith('/') && !target.startsWith('~')) return null;
  return resolvePath(scope.cwd, target, home);
}
