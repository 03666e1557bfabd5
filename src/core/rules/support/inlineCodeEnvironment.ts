import type { Finding, Invocation, RuleContext } from '../../policy/types';
import { INLINE_CODE, optionValues, STDIN_CODE, stdinText } from './codeNamedReads';
import { foldedLiterals } from './environmentPrints';
import { dump, dumpTarget, isSecretVariableName } from './huntCommon';

/**
 * A one-liner of a language the interpreter snippets do not model (Lua, R, Julia, Tcl, Lisps, Elixir,
 * Erlang, Groovy, Octave) that reads a secret variable (`lua -e 'print(os.getenv("GITHUB_TOKEN"))'`,
 * `Rscript -e 'Sys.getenv("AWS_SECRET_ACCESS_KEY")'`, `tclsh <<< 'puts $env(TOKEN)'`) or the whole
 * environment (`Rscript -e 'Sys.getenv()'`, `elixir -e 'IO.inspect System.get_env()'`). A one-liner
 * that reads a secret is there to show or send it: every such read asks.
 */

/** One variable read by name, per the languages' own calls. */
const NAMED = /(?:\bgetenv|\bget_env|\bposix-getenv|\bENV\s*\[|\bsys\.env\s*\(|\$(?:::)?env\s*\()\s*\(?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)/g;
/** The whole environment: a getenv with no name, Julia's `ENV` printed, Tcl's `array get env`. */
const WHOLE = /\b(?:Sys\.getenv|System\.get_env|System\.getenv|os:getenv)\s*\(\s*\)|\bos:getenv\s*\(\s*\)|\barray\s+get\s+(?:::)?env\b|\b(?:print|println|show|display|@show)\s*\(?\s*ENV\s*\)?(?!\s*\[)|\bsys\.env\b(?!\s*[.(])/;

export function checkInlineCodeEnvironment(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!Object.hasOwn(INLINE_CODE, inv.name)) return [];
  const code = optionValues(inv.args, INLINE_CODE[inv.name] ?? []).map((w) => w.text);
  const piped = STDIN_CODE.has(inv.name) ? stdinText(inv) : undefined;
  if (piped !== undefined) code.push(piped);
  for (const text of code.map(foldedLiterals)) {
    if (WHOLE.test(text)) return [dump('dump', `${inv.name} code prints the whole environment, with every secret in it.`, dumpTarget('environment variables', ctx))];
    const named = [...text.matchAll(NAMED)].map((m) => m[1] ?? '').find(isSecretVariableName);
    if (named) return [dump('dump', `${inv.name} code reads the secret variable $${named}.`, dumpTarget(`$${named}`, ctx))];
  }
  return [];
}
checkInlineCodeEnvironment.reactsTo = (name: string): boolean => Object.hasOwn(INLINE_CODE, name);
