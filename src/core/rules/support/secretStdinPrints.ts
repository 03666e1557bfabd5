import { effectGrammar, readEffectArgs } from '../../policy/effectOptions';
import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { dump, isSecretVariableName } from './huntCommon';

/**
 * A secret variable handed to a program that prints what it reads on standard input: a here-string or
 * an expanding heredoc (`cat <<< "$GITHUB_TOKEN"`, `base64 <<< "$t"` after `t=$GITHUB_TOKEN`,
 * `xxd <<EOF … $AWS_SECRET_ACCESS_KEY … EOF`). The same value `echo "$GITHUB_TOKEN"` prints.
 */

/** Programs that print (or encode, or dump) standard input when given no file. */
const STDIN_PRINTERS = new Set([
  'cat', 'tac', 'rev', 'tee', 'nl', 'fold', 'head', 'tail', 'more', 'less', 'most', 'bat', 'batcat', 'column', 'paste', 'pr',
  'base64', 'base32', 'basenc', 'xxd', 'od', 'hexdump', 'hd', 'uuencode', 'strings', 'expand', 'unexpand', 'fmt',
]);

/** Options of these programs that take a value (`head -n 5`, `fold -w 60`, `xxd -c 16`). */
const PRINTER_OPTIONS = effectGrammar('ncwsltbivdAjNgC', ['lines', 'bytes', 'width', 'separator', 'skip-bytes', 'read-bytes', 'format', 'address-radix']);

/** Does the program read its standard input (no file operand other than `-`; `tee FILE` prints what it reads)? */
function readsStdin(inv: Invocation): boolean {
  if (inv.name === 'tee') return true;
  const operands = readEffectArgs(inv.args, PRINTER_OPTIONS).operands;
  return operands.length === 0 || operands.some((w) => w.text === '-');
}

export function checkSecretStdinPrints(inv: Invocation, _ctx: RuleContext): Finding[] {
  if (!STDIN_PRINTERS.has(inv.name)) return [];
  const stdin = inv.stdin;
  if (!stdin || (stdin.kind !== 'herestring' && stdin.kind !== 'heredoc')) return [];
  // `wc -c <<< "$TOKEN"` is not here; a count piped on (`cat <<< "$T" | wc -c`) prints no value.
  if (inv.pipedInto === 'wc') return [];
  if (!readsStdin(inv)) return [];
  const variable = [...stdin.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '').find(isSecretVariableName);
  if (!variable) return [];
  const how = stdin.kind === 'herestring' ? 'a here-string' : 'a heredoc';
  return [dump('dump', `${inv.name} prints the secret variable $${variable}, handed to it on ${how}.`, { kind: 'credential', name: `$${variable}`, remote: false, environment: 'local', environmentReason: 'this machine' })];
}
checkSecretStdinPrints.reactsTo = (name: string): boolean => STDIN_PRINTERS.has(name);
