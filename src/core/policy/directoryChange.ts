import { resolvePath } from '../paths';
import type { Scope } from './handlers/context';
import type { Invocation } from './types';

/** `cd DIR`, `pushd DIR`, `popd` run in this shell: later commands of the list run in DIR (or somewhere unknown). */
export function followDirectoryChange(inv: Invocation, scope: Scope, home: string): void {
  if (inv.name !== 'cd' && inv.name !== 'pushd' && inv.name !== 'popd') return;
  if (inv.name === 'popd') {
    scope.cwdUncertain = true;
    return;
  }
  const target = inv.args.find((a) => !a.text.startsWith('-') || a.text === '-');
  if (!target) {
    scope.cwd = home;
    return;
  }
  if (target.dynamic || target.text === '-' || target.glob) {
    scope.cwdUncertain = true;
    return;
  }
  // `cd legacy && cat $OLDPWD/.env`: the folder left behind is known too.
  scope.vars.set('OLDPWD', scope.cwdUncertain ? null : scope.cwd);
  scope.cwd = resolvePath(scope.cwd, target.text, home);
}
