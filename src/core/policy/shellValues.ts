import { recordBuiltinSetters } from './builtinSetters';
import { recordShellOptions } from '../shell/shellOptions';
import { printfOutput } from '../shell/decode';
import { effectGrammar, readEffectArgs } from './effectOptions';
import { ARRAY, setArray, setPositional } from '../shell/arrays';
import { homeTilde } from '../shell/tilde';
import type { Exec, Scope } from './handlers/context';
import type { ArgWord } from './types';
import { recordBuiltinExports } from './lineState';
import { recordCopy, recordPositionalCopies } from '../shell/expand';

/**
 * Values builtins give variables from text fixed on the line: `read` and `mapfile` from a here-string
 * or here-document (also the one a `while read` loop is fed), `printf -v`, `set --`. A path that
 * travels through them (`read -r p <<< .claude/settings.json; : > "$p"`) is then the path the rules
 * see. Input that cannot be known leaves the variables unknown, as before.
 */

/** What a compound's `read` takes when the compound is fed fixed text (`while read f; do …; done <<< x`). */
export const STDIN_TEXT = '\u0000stdin-text';
/** The variable a loop's or group's here-string is exactly (`done <<< "$T"`): a `read` inside copies it. */
export const STDIN_COPY = '\u0000stdin-copy';

const READ_VALUED = 'adinNptu';
const MAPFILE_VALUED = 'dnOsuCc';

/**
 * The fixed text a command's stdin holds (a here-string, a here-document), or the compound's. A file is
 * not read for it (a file written earlier on the line would make the whole line unknowable), and a
 * `read` in a pipe runs in a subshell whose variables are lost.
 */
export function fixedStdin(exec: Exec, scope: Scope): string | undefined {
  if (exec.stdin || exec.stdinUnknown) {
    const stdin = exec.stdinUnknown ? undefined : exec.stdin;
    const text = stdin?.kind === 'herestring' ? stdin.text + '\n' : stdin?.kind === 'heredoc' ? stdin.text : undefined;
    // Text still holding an expansion (an unquoted here-document's `$X`) is not the value read.
    return text !== undefined && !/[$`]/.test(text) ? text : undefined;
  }
  const inherited = scope.vars.get(STDIN_TEXT);
  return typeof inherited === 'string' ? inherited : undefined;
}

/** Options and operands of a builtin, read by the one grammar (options stop at the first operand, as bash's builtins do). */
function options(args: readonly ArgWord[], valued: string): { opts: Map<string, ArgWord | true>; operands: ArgWord[] } | undefined {
  if (args.some((a) => a.dynamic)) return undefined;
  const read = readEffectArgs(args, effectGrammar(valued, [], { posix: true }));
  const opts = new Map<string, ArgWord | true>();
  for (const o of read.options) opts.set(o.name, o.value ?? true);
  return { opts, operands: read.operands };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `read` splits a line by IFS: each name takes a field, the last takes the rest of the line. */
function splitFields(line: string, count: number, ifs: string): string[] {
  const isSep = (c: string): boolean => ifs.includes(c);
  const white = (c: string): boolean => isSep(c) && ' \t\n'.includes(c);
  const trim = (s: string): string => {
    let a = 0;
    let b = s.length;
    while (a < b && white(s[a]!)) a++;
    while (b > a && white(s[b - 1]!)) b--;
    return s.slice(a, b);
  };
  let rest = trim(line);
  const out: string[] = [];
  for (let n = 0; n < count - 1; n++) {
    let k = 0;
    while (k < rest.length && !isSep(rest[k]!)) k++;
    out.push(rest.slice(0, k));
    rest = k < rest.length ? trim(rest.slice(k + 1)) : '';
  }
  out.push(rest);
  return out;
}

function ifsOf(exec: Exec, scope: Scope): string | undefined {
  if (exec.assignments['IFS'] !== undefined) return exec.assignments['IFS'];
  if (!scope.vars.has('IFS')) return ' \t\n';
  return scope.vars.get('IFS') ?? undefined;
}

function readBuiltin(args: readonly ArgWord[], exec: Exec, scope: Scope): void {
  const parsed = options(args, READ_VALUED);
  const names = parsed ? parsed.operands.filter((a) => NAME.test(a.text)).map((a) => a.text) : [];
  const arrayName = parsed?.opts.get('a');
  const targets = typeof arrayName === 'object' ? [] : names.length > 0 ? names : ['REPLY'];
  const text = parsed && !parsed.opts.has('u') && !parsed.opts.has('n') && !parsed.opts.has('N') ? fixedStdin(exec, scope) : undefined;
  const delimiter = parsed?.opts.get('d');
  const ifs = ifsOf(exec, scope);
  const unknown = (): void => {
    for (const name of targets) scope.vars.set(name, null);
    if (typeof arrayName === 'object') setArray(scope, arrayName.text, null);
  };
  if (text === undefined || ifs === undefined) return unknown();
  const end = typeof delimiter === 'object' ? (delimiter.text === '' ? '\0' : delimiter.text[0]!) : '\n';
  const at = text.indexOf(end);
  let line = at < 0 ? text : text.slice(0, at);
  if (!parsed!.opts.has('r')) line = line.replace(/\\([\s\S])/g, '$1');
  if (typeof arrayName === 'object') {
    setArray(scope, arrayName.text, splitFields(line, 1 << 10, ifs).filter((f) => f !== ''));
    return;
  }
  // `read` with no name keeps the whole line in REPLY.
  const fields = names.length === 0 ? [line] : splitFields(line, names.length, ifs);
  targets.forEach((name, n) => scope.vars.set(name, fields[n] ?? ''));
}

function mapfileBuiltin(args: readonly ArgWord[], exec: Exec, scope: Scope): void {
  const parsed = options(args, MAPFILE_VALUED);
  const name = parsed?.operands.find((a) => NAME.test(a.text))?.text ?? (parsed ? 'MAPFILE' : undefined);
  if (name === undefined) return;
  const opts = parsed!.opts;
  const text = ['u', 'O', 'C', 'n', 's'].some((o) => opts.has(o)) ? undefined : fixedStdin(exec, scope);
  if (text === undefined) return setArray(scope, name, null);
  const delimiter = opts.get('d');
  const end = typeof delimiter === 'object' ? (delimiter.text === '' ? '\0' : delimiter.text[0]!) : '\n';
  const pieces = text.split(end);
  if (pieces[pieces.length - 1] === '') pieces.pop();
  setArray(scope, name, opts.has('t') ? pieces : pieces.map((p, n) => (n < pieces.length - 1 || text.endsWith(end) ? p + end : p)));
}

/** `printf -v NAME FORMAT ARGS…`: NAME holds what printf would print. */
function printfBuiltin(args: readonly ArgWord[], scope: Scope, home: string): void {
  const v = args.findIndex((a) => a.text === '-v');
  const [name, ...after] = args.slice(v + 1);
  if (v < 0 || name === undefined) return;
  if (name.dynamic || !NAME.test(name.text)) {
    if (!name.dynamic && /^[A-Za-z_]\w*\[/.test(name.text)) setArray(scope, name.text.slice(0, name.text.indexOf('[')), null);
    return;
  }
  let rest = after;
  if (rest[0]?.text === '--') rest = rest.slice(1);
  const [format, ...values] = rest;
  const known = format !== undefined && !format.dynamic && values.every((a) => !a.dynamic && !a.glob);
  const text = known ? printfOutput(format.text, values.map((a) => homeTilde(a, scope, home).text), 4096) : undefined;
  scope.vars.set(name.text, text ?? null);
  scope.vars.delete(ARRAY + name.text);
}

/** `set -- a b`, `set -e -- a`, `set a b`: the new positional parameters. */
function setBuiltin(args: readonly ArgWord[], scope: Scope, home: string): void {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.dynamic && i === 0) return;
    if (a.text === '--' || !/^[-+]/.test(a.text)) {
      const rest = args.slice(a.text === '--' ? i + 1 : i);
      if (a.text !== '--' && rest.length === 0) return;
      setPositional(scope, rest.map((r) => (r.dynamic || r.glob ? null : homeTilde(r, scope, home).text)));
      return;
    }
    if (a.text === '-o' || a.text === '+o') i++;
  }
}

/** The variable a here-string is exactly (`<<< "$T"`): a `read` or `mapfile` of it copies that value. */
function herestringCopy(exec: Exec): string | undefined {
  return exec.stdin?.kind === 'herestring' ? /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(exec.stdin.text)?.[1] : undefined;
}

/** The variable a word is exactly (`"$T"`, `${T}`), as written. */
export const wordCopy = (a: ArgWord): string | undefined => /^"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?$/.exec(a.raw)?.[1];

/**
 * Copies of a secret through shell state (round 12): `read -r x <<< "$T"` and `mapfile -t a <<< "$T"` put T's
 * value in x or a; `set -- "$T"` puts it in `$1`. A later `$x`, `${a[0]}` or `$1` then reads as `$T` does.
 */
function recordBuiltinCopies(name: string | undefined, args: readonly ArgWord[], exec: Exec, scope: Scope): void {
  if (name === 'read' || name === 'mapfile' || name === 'readarray') {
    const parsed = options(args, name === 'read' ? READ_VALUED : MAPFILE_VALUED);
    const targets = parsed?.operands.filter((a) => NAME.test(a.text)) ?? [];
    const array = parsed?.opts.get('a');
    const target = typeof array === 'object' ? array.text : targets.length === 1 ? targets[0]!.text : undefined;
    if (target !== undefined) recordCopy(scope, target, herestringCopy(exec) ?? (exec.stdin === undefined ? scope.vars.get(STDIN_COPY) ?? undefined : undefined));
  } else if (name === 'set') {
    const at = args.findIndex((a) => a.text === '--' || !/^[-+]/.test(a.text));
    if (at < 0) return;
    const rest = args.slice(args[at]!.text === '--' ? at + 1 : at);
    recordPositionalCopies(scope, rest.map(wordCopy));
  }
}

/** What `read`, `mapfile`/`readarray`, `printf -v` and `set` leave in the variables. */
export function recordBuiltinValues(argv: readonly ArgWord[], exec: Exec, scope: Scope, home: string): void {
  const name = argv[0]?.text;
  const args = argv.slice(1);
  recordBuiltinCopies(name, args, exec, scope);
  if (name === 'read') readBuiltin(args, exec, scope);
  else if (name === 'mapfile' || name === 'readarray') mapfileBuiltin(args, exec, scope);
  else if (name === 'printf') printfBuiltin(args, scope, home);
  else if (name === 'set') setBuiltin(args, scope, home);
  else if (name === 'shopt') recordShellOptions(args, scope);
  else recordBuiltinSetters(argv, scope);
  recordBuiltinExports(argv, scope, home);
}
