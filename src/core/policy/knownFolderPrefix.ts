import type { ExpansionScope } from '../shell/expand';

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
