import type { CodeSnippet } from '../../policy/types';
import { scriptArguments } from '../../policy/handlers/interpreters';
import { DYNAMIC_WORD } from '../../shell/embedded';

/**
 * What a script file's folder expressions stand for when the file is run (round 25): the arguments it was
 * given (`node cp.js tpl .` → `process.argv[3]` is `.`; Python `sys.argv[1]`, Perl `$ARGV[0]` and `shift`,
 * Ruby `ARGV[0]`/`ARGV.first`, Go `os.Args[1]`/`flag.Arg(0)`, Deno `Deno.args[0]`), a fallback when one is
 * missing (`$ARGV[0] // "."`, `process.argv[2] || '.'`, `sys.argv[1] if len(sys.argv) > 1 else '.'`), and
 * the parameter of a function that walks a tree (`function w(d) { readdirSync(d) … } w(process.argv[2])`):
 * the values it is called with.
 */

/** The words given to a script file after its path (undefined entries for words known only at run time). */
export function scriptFileArguments(snippet: CodeSnippet): (string | undefined)[] {
  if (snippet.origin.kind !== 'script') return [];
  // The words after the file itself (`go run walk.go .`), else the interpreter's operands after its script.
  const path = snippet.origin.path;
  const at = snippet.runner.args.findIndex((a) => !a.dynamic && a.text !== '' && (a.text === path || path.endsWith('/' + a.text.replace(/^\.\//, ''))));
  const words = at >= 0 ? snippet.runner.args.slice(at + 1).map((a) => (a.dynamic ? DYNAMIC_WORD : a.text)) : scriptArguments(snippet.runner, '\u0000');
  return words.map((a) => (a.includes(DYNAMIC_WORD) ? undefined : a));
}

/** argv forms by language: the pattern and how many entries come before the first argument. */
const ARGV_FORMS: readonly (readonly [RegExp, number])[] = [
  [/^process\.argv\[(\d+)\]$/, 2],
  [/^process\.argv\.slice\(2\)\[(\d+)\]$/, 0],
  [/^(?:sys\.)?argv\[(\d+)\]$/, 1],
  [/^\$ARGV\[(\d+)\]$/, 0],
  [/^ARGV\[(\d+)\]$/, 0],
  [/^os\.Args\[(\d+)\]$/, 1],
  [/^flag\.Arg\((\d+)\)$/, 0],
  [/^Deno\.args\[(\d+)\]$/, 0],
];

/**
 * The argument an argv expression names: a string, undefined when the script was not given one (or it
 * is known only at run time), or null when the expression is not an argv form.
 */
export function argvArgument(expression: string, args: readonly (string | undefined)[]): string | undefined | null {
  const e = expression.trim();
  if (/^(?:ARGV\.first|shift(?:\s*\(\s*@ARGV\s*\)|\s+@ARGV)?|shift\(\))$/.test(e)) return args[0];
  for (const [form, before] of ARGV_FORMS) {
    const m = form.exec(e);
    if (m) return args[Number(m[1]) - before];
  }
  return null;
}

/** The alternatives of a fallback expression, in the order they are tried; one entry when it is none. */
export function fallbackAlternatives(expression: string): string[] {
  const e = expression.trim();
  const conditional = /^(.+?)\s+if\s+.+?\s+else\s+(.+)$/.exec(e);
  if (conditional) return [conditional[1]!, conditional[2]!];
  const parts = e.split(/\s*(?:\/\/|\|\||\?\?|\bor\b)\s*/);
  return parts.length > 1 && parts.every((p) => p !== '') ? parts : [e];
}

/** Function definitions (JavaScript, Python, Ruby, Go, arrow functions) and Perl subs unpacking `@_`, with their parameter names. */
const DEFINITIONS = /(?:\bfunction\s+|\bdef\s+|\bfunc\s+)([A-Za-z_$][\w$]*)\s*\(([^)]*)\)|([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function\s*)?\(([^)]*)\)\s*(?:=>|\{)|\bsub\s+(\w+)\s*\{\s*my\s*\(?\s*([^)=;]*?)\)?\s*=\s*(?:@_|shift)/g;

/**
 * The expressions a function parameter is given at its calls (`w(process.argv[2])` for `function w(d)`), at
 * most a few; the calls inside the function itself (`w(path.join(d, e.name))`) are among them, and do not
 * resolve to a folder.
 */
export function parameterValues(name: string, code: string, argumentsOf: (code: string, at: number) => string[]): string[] {
  const out: string[] = [];
  for (const def of code.matchAll(DEFINITIONS)) {
    const fn = def[1] ?? def[3] ?? def[5]!;
    const params = (def[2] ?? def[4] ?? def[6] ?? '').split(',').map((p) => p.trim().replace(/^(?:\.\.\.|[$@%])/, '').split(/[\s=:]/)[0]);
    const k = params.indexOf(name.replace(/^\$/, ''));
    if (k < 0) continue;
    for (const call of code.matchAll(new RegExp(`(?<![\\w$.])${fn.replace(/\$/g, '\\$')}\\s*(?=\\()`, 'g'))) {
      if (/(?:function|def|func|sub)\s+$/.test(code.slice(Math.max(0, call.index - 10), call.index))) continue;
      const value = argumentsOf(code, call.index + fn.length)[k];
      if (value !== undefined) out.push(value);
      if (out.length >= 8) return out;
    }
  }
  return out;
}
