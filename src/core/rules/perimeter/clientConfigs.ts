import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ArgWord, Invocation } from '../../policy/types';

/**
 * Words that point a client at its configuration rather than change it: `KUBECONFIG=~/.kube/config`,
 * `export AWS_CONFIG_FILE=…`, `kubectl --kubeconfig FILE`. Naming the file this way only makes the
 * client read it; whether the file runs programs is judged where it is written, and where a
 * non-default file is pointed at (clientConfigPointers in the exec-config pack).
 */

/** Variables that name a client's configuration file. */
export const CONFIG_VARIABLES = /^(KUBECONFIG|AWS_CONFIG_FILE|AWS_SHARED_CREDENTIALS_FILE)$/;
/** Options (of described tools) whose value is a configuration file the tool reads. */
const CONFIG_OPTIONS = ['--kubeconfig'];

/** Is `word` a pointer at a configuration file (a variable's value or a config option's value)? */
export function pointsAtConfig(inv: Invocation, word: ArgWord): boolean {
  // `NAME=value` as an assignment or an export's word: not an option reader.
  const eq = word.text.indexOf('=');
  if (eq > 0 && CONFIG_VARIABLES.test(word.text.slice(0, eq))) return true;
  const spec = toolNamed(inv.name);
  if (!spec) return false;
  return toolArgs(inv.name, parsedArgs(inv.args, spec), spec).values(...CONFIG_OPTIONS).includes(word.text);
}
