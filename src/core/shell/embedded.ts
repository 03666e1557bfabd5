/**
 * Shell commands hidden inside interpreter code: `os.system("rm -rf x")`, `execSync('...')`,
 * Ruby/Perl backticks, PHP `shell_exec`. This is a scan for calls whose arguments are string
 * literals, not a parser for five languages: what it cannot read as a literal is reported as
 * dynamic, so the engine asks rather than guesses.
 */

import { ownTable } from '../ownTable';
import type { SnippetLanguage } from './ast';
import { resolveIndirection } from './indirection';
import { inProcessCommands } from './cliMains';
import { pythonProcessLibraries } from './pythonProcessLibraries';

export type ShellOut =
  /** A command line run through a shell. Interpolations are replaced by `$DYNAMIC` words. */
  | { kind: 'shell'; api: string; text: string }
  /** An argv run directly (no shell). Interpolated elements become `$DYNAMIC`. */
  | { kind: 'argv'; api: string; argv: string[] }
  /** A call whose command is computed at run time. */
  | { kind: 'dynamic'; api: string };

/** Placeholder for a value known only at run time; parses as a dynamic shell word. */
export const DYNAMIC_WORD = '${DYNAMIC}';

type ApiMode = 'shell' | 'argv' | 'either';

interface Api {
  /** How it is written in the code, as a call: `os.system`, `execSync`. */
  name: string;
  mode: ApiMode;
  /** Accept the name only when not preceded by '.' (a method of something else), e.g. bare `system`. */
  bareOnly?: boolean;
  /** Parentheses optional (Ruby/Perl `system "cmd"`). */
  parenOptional?: boolean;
  /** Python's `os.exec*`/`os.spawn*`: a program, then arguments that start with argv[0]; any other shape is computed. */
  fileThenArgv?: boolean;
  /** Each argument is one argv word (`asyncio.create_subprocess_exec('rm', '-rf', x)`); `program` is put first. */
  argsAreArgv?: boolean;
  program?: string;
}

const PYTHON_APIS: readonly Api[] = [
  { name: 'os.system', mode: 'shell' },
  { name: 'os.popen', mode: 'shell' },
  { name: 'subprocess.run', mode: 'either' },
  { name: 'subprocess.call', mode: 'either' },
  { name: 'subprocess.check_call', mode: 'either' },
  { name: 'subprocess.check_output', mode: 'either' },
  { name: 'subprocess.Popen', mode: 'either' },
  { name: 'subprocess.getoutput', mode: 'shell' },
  { name: 'subprocess.getstatusoutput', mode: 'shell' },
  { name: 'commands.getoutput', mode: 'shell' },
  ...['execv', 'execve', 'execvp', 'execvpe', 'execl', 'execle', 'execlp', 'execlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'posix_spawn', 'posix_spawnp'].map(
    (f): Api => ({ name: `os.${f}`, mode: 'argv', fileThenArgv: true }),
  ),
  { name: 'pty.spawn', mode: 'argv' },
  { name: 'asyncio.create_subprocess_shell', mode: 'shell' },
  { name: 'asyncio.create_subprocess_exec', mode: 'argv', argsAreArgv: true },
];

const PYTHON_BARE_APIS: readonly Api[] = [
  { name: 'run', mode: 'either', bareOnly: true },
  { name: 'call', mode: 'either', bareOnly: true },
  { name: 'check_call', mode: 'either', bareOnly: true },
  { name: 'check_output', mode: 'either', bareOnly: true },
  { name: 'Popen', mode: 'either', bareOnly: true },
  { name: 'system', mode: 'shell', bareOnly: true },
  { name: 'popen', mode: 'shell', bareOnly: true },
];

const JS_APIS: readonly Api[] = [
  { name: 'execSync', mode: 'shell' },
  { name: 'exec', mode: 'shell' },
  { name: 'spawnSync', mode: 'argv' },
  { name: 'spawn', mode: 'argv' },
  { name: 'execFileSync', mode: 'argv' },
  { name: 'execFile', mode: 'argv' },
  { name: 'execaSync', mode: 'argv' },
  { name: 'execa', mode: 'argv' },
  { name: 'execaCommandSync', mode: 'shell' },
  { name: 'execaCommand', mode: 'shell' },
  { name: 'Bun.spawnSync', mode: 'argv' },
  { name: 'Bun.spawn', mode: 'argv' },
  { name: 'Deno.Command', mode: 'argv' },
  { name: 'fork', mode: 'argv', program: 'node' },
];

const RUBY_APIS: readonly Api[] = [
  { name: 'system', mode: 'either', parenOptional: true },
  { name: 'exec', mode: 'either', parenOptional: true, bareOnly: true },
  { name: 'spawn', mode: 'either', parenOptional: true },
  { name: 'IO.popen', mode: 'either' },
  { name: 'Open3.capture2e', mode: 'either' },
  { name: 'Open3.capture2', mode: 'either' },
  { name: 'Open3.capture3', mode: 'either' },
  { name: 'Open3.popen3', mode: 'either' },
  { name: 'Open3.popen2', mode: 'either' },
];

const PERL_APIS: readonly Api[] = [
  { name: 'system', mode: 'either', parenOptional: true },
  { name: 'exec', mode: 'either', parenOptional: true, bareOnly: true },
];

const PHP_APIS: readonly Api[] = [
  { name: 'shell_exec', mode: 'shell' },
  { name: 'system', mode: 'shell' },
  { name: 'exec', mode: 'shell', bareOnly: true },
  { name: 'passthru', mode: 'shell' },
  { name: 'popen', mode: 'shell' },
  { name: 'proc_open', mode: 'either' },
];

/**
 * Compiled languages' ways to run a program or a shell line (each language's standard library): C's
 * `system`/`popen`/`exec*`, Go's `exec.Command`, Java's `Runtime.exec` and `ProcessBuilder`, C#'s
 * `Process.Start`, Crystal's `Process.run`, Nim's `execShellCmd`/`execCmd`/`execProcess`, Haskell's
 * `callCommand`/`system`/`spawnCommand`. Rust's builder chains and what is not a literal are in `compiledCommands`.
 */
const COMPILED_APIS: readonly Api[] = [
  { name: 'system', mode: 'shell', bareOnly: true, parenOptional: true },
  { name: 'popen', mode: 'shell', bareOnly: true },
  { name: '_popen', mode: 'shell' },
  ...['execl', 'execlp', 'execle', 'execv', 'execvp', 'execve', 'execvpe', 'posix_spawn', 'posix_spawnp'].map((name): Api => ({ name, mode: 'argv', bareOnly: true })),
  { name: 'exec.Command', mode: 'argv' },
  { name: 'exec.CommandContext', mode: 'argv' },
  { name: 'syscall.Exec', mode: 'argv' },
  { name: 'os.StartProcess', mode: 'argv' },
  { name: 'exec', mode: 'shell', bareOnly: false },
  { name: 'ProcessBuilder', mode: 'argv' },
  { name: 'Process.Start', mode: 'argv' },
  { name: 'Process.run', mode: 'argv' },
  { name: 'Process.new', mode: 'argv' },
  { name: 'execShellCmd', mode: 'shell' },
  { name: 'execCmd', mode: 'shell' },
  { name: 'execCmdEx', mode: 'shell' },
  { name: 'execProcess', mode: 'shell' },
  { name: 'startProcess', mode: 'argv' },
  { name: 'callCommand', mode: 'shell', parenOptional: true },
  { name: 'spawnCommand', mode: 'shell', parenOptional: true },
  { name: 'callProcess', mode: 'argv', parenOptional: true },
  { name: 'rawSystem', mode: 'argv', parenOptional: true },
  { name: 'readProcess', mode: 'argv', parenOptional: true },
];

/**
 * Rust's `Command::new("rm").arg("-rf").args(["a", x])` read as one argv; Swift's `Process()` and
 * Zig's `std.process.Child` set their program in fields, which is read as computed.
 */
function compiledCommands(code: string, max: number): ShellOut[] {
  const out: ShellOut[] = [];
  for (const m of code.matchAll(/Command::new\s*\(\s*/g)) {
    if (out.length >= max) break;
    const program = readLiteral(code, m.index + m[0].length, 'compiled');
    if (!program) {
      out.push({ kind: 'dynamic', api: 'Command::new' });
      continue;
    }
    const argv = [program.value];
    let i = program.end;
    for (let guard = 0; guard < 64; guard++) {
      const step = /^\s*\)\s*\.\s*(args?)\s*\(\s*&?\s*(?:vec!)?/.exec(code.slice(i, i + 200)) ?? /^\s*\.\s*(args?)\s*\(\s*&?\s*(?:vec!)?/.exec(code.slice(i, i + 200));
      if (!step) break;
      i += step[0].length;
      if (step[1] === 'arg') {
        const lit = readLiteral(code, i, 'compiled');
        argv.push(lit ? lit.value : DYNAMIC_WORD);
        i = lit ? lit.end : skipExpression(code, i);
      } else {
        const array = readArray(code, i, 'compiled');
        if (array && array !== 'dynamic') {
          argv.push(...array.items);
          i = array.end;
        } else {
          argv.push(DYNAMIC_WORD);
          i = skipExpression(code, i);
        }
      }
    }
    out.push({ kind: 'argv', api: 'Command::new', argv });
  }
  if (/\bProcess\s*\(\s*\)|\bNSTask\b|std\.process\.Child|std\.ChildProcess|\bChildProcess\.init|\bCreateProcess[AW]?\s*\(|\bShellExecute[AW]?\s*\(|\bWinExec\s*\(/.test(code)) out.push({ kind: 'dynamic', api: 'a process started from fields' });
  return out;
}

interface Literal {
  value: string;
  end: number;
}

function isIdentChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

const ESCAPES: Record<string, string> = ownTable({ n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$' });

/**
 * A string literal at `i` in `language`, with interpolations replaced by DYNAMIC_WORD. Returns
 * undefined when no literal starts there.
 */
function readLiteral(text: string, start: number, language: SnippetLanguage): Literal | undefined {
  let i = start;
  let raw = false;
  let interpolating = false;
  if (language === 'python') {
    let prefix = '';
    while (i < text.length && /[rRbBuUfF]/.test(text[i]!) && prefix.length < 2) prefix += text[i++];
    raw = /r/i.test(prefix);
    interpolating = /f/i.test(prefix);
  }
  if (language === 'compiled' && text[i] === 'r' && (text[i + 1] === '"' || text[i + 1] === '#')) {
    // Rust raw strings: r"…", r#"…"#.
    const m = /^r(#*)"([\s\S]*?)"\1/.exec(text.slice(i, i + 4000));
    return m ? { value: m[2]!, end: i + m[0].length } : undefined;
  }
  const quote = text[i];
  if (quote !== '"' && quote !== "'" && !(quote === '`' && (language === 'javascript' || language === 'compiled'))) return undefined;
  if (language === 'compiled' && quote === "'") return undefined;
  if (language === 'compiled' && quote === '`') raw = true;
  // Kotlin, Scala and Swift interpolate `${x}` / `$x` / `\(x)`; C, Go, Rust and Java do not, and `${` is rare there.
  if (language === 'compiled' && quote === '"') interpolating = true;
  if (language === 'javascript' && quote === '`') interpolating = true;
  if ((language === 'ruby' || language === 'perl' || language === 'php') && quote === '"') interpolating = true;
  const triple = language === 'python' && text.startsWith(quote.repeat(3), i);
  const closer = triple ? quote.repeat(3) : quote;
  i += closer.length;
  let value = '';
  while (i < text.length) {
    if (text.startsWith(closer, i)) return { value, end: i + closer.length };
    const c = text[i]!;
    if (c === '\\' && !raw && i + 1 < text.length) {
      const e = text[i + 1]!;
      if (e === 'x' && language !== 'perl' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      value += ESCAPES[e] ?? (quote === "'" && language !== 'python' && language !== 'javascript' ? '\\' + e : e);
      i += 2;
      continue;
    }
    if (interpolating) {
      const open =
        ((language === 'javascript' || language === 'compiled') && c === '$' && text[i + 1] === '{') ||
        (language === 'python' && c === '{' && text[i + 1] !== '{') ||
        (language === 'ruby' && c === '#' && text[i + 1] === '{');
      if (open) {
        let depth = 0;
        let j = i;
        for (; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        value += DYNAMIC_WORD;
        i = j + 1;
        continue;
      }
      if (language === 'python' && c === '{' && text[i + 1] === '{') {
        value += '{';
        i += 2;
        continue;
      }
      if ((language === 'perl' || language === 'php') && (c === '$' || (c === '@' && language === 'perl')) && /[A-Za-z_{]/.test(text[i + 1] ?? '')) {
        let j = i + 1;
        if (text[j] === '{') {
          const close = text.indexOf('}', j);
          j = close < 0 ? text.length : close + 1;
        } else while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
        value += DYNAMIC_WORD;
        i = j;
        continue;
      }
    }
    if (!triple && (c === '\n') && quote !== '`' && language !== 'ruby' && language !== 'perl' && language !== 'php') return undefined;
    value += c;
    i++;
  }
  return undefined;
}

/**
 * A string expression: literals joined by `+` (Perl/PHP `.`, Python adjacency), where a non-literal
 * term (`path`, `f(x)`) becomes DYNAMIC_WORD. Undefined unless it starts with a literal.
 */
function readStringExpression(text: string, start: number, language: SnippetLanguage): Literal | undefined {
  const head = readLiteral(text, start, language);
  if (!head) return undefined;
  let value = head.value;
  let end = head.end;
  const joiner = language === 'perl' || language === 'php' ? '.' : '+';
  for (let guard = 0; guard < 64; guard++) {
    let j = skipSpace(text, end);
    if (text[j] === joiner) j = skipSpace(text, j + 1);
    else if (language !== 'python' || !readLiteral(text, j, language)) break;
    const next = readLiteral(text, j, language);
    if (next) {
      value += next.value;
      end = next.end;
      continue;
    }
    const termEnd = skipTerm(text, j, joiner);
    if (termEnd === j) break;
    value += DYNAMIC_WORD;
    end = termEnd;
  }
  return { value, end };
}

/** End of a non-literal operand: up to the next top-level joiner, ',' or closing bracket. */
function skipTerm(text: string, i: number, joiner: string): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (depth === 0 && (c === ',' || c === joiner || c === ';' || c === '\n')) return i;
    else if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close;
    }
  }
  return i;
}

/** End of an expression starting at `i`: up to the next top-level ',' or closing bracket. */
function skipExpression(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
    else if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      i = close < 0 ? text.length : close;
    }
  }
  return i;
}

/** `[ 'a', 'b' ]` (or Perl/PHP `('a','b')` lists); undefined when not all elements are literals. */
function readArray(text: string, start: number, language: SnippetLanguage): { items: string[]; end: number } | 'dynamic' | undefined {
  if (text[start] !== '[' && !(text[start] === '(' && language === 'perl')) return undefined;
  const close = text[start] === '[' ? ']' : ')';
  const items: string[] = [];
  let i = skipSpace(text, start + 1);
  for (let guard = 0; guard < 256; guard++) {
    if (text[i] === close) return { items, end: i + 1 };
    const lit = readStringExpression(text, i, language);
    if (!lit) {
      const end = skipExpression(text, i);
      if (end === i) return 'dynamic';
      items.push(DYNAMIC_WORD);
      i = end;
    } else {
      items.push(lit.value);
      i = lit.end;
    }
    i = skipSpace(text, i);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] !== close) return 'dynamic';
  }
  return 'dynamic';
}

function isCommented(text: string, index: number, language: SnippetLanguage): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const head = text.slice(lineStart, index).trimStart();
  if (language === 'javascript' || language === 'php') {
    if (head.startsWith('//') || head.startsWith('*')) return true;
  }
  if (language !== 'javascript' && head.startsWith('#')) return true;
  return false;
}

function callsOf(text: string, api: Api, language: SnippetLanguage, out: ShellOut[], max: number): void {
  let from = 0;
  while (out.length < max) {
    const at = text.indexOf(api.name, from);
    if (at < 0) return;
    from = at + api.name.length;
    const before = text[at - 1];
    if (isIdentChar(before) || isIdentChar(text[from])) continue;
    const method = before === '.' || (before === '>' && text[at - 2] === '-') || (before === ':' && text[at - 2] === ':');
    if (api.bareOnly && method && !/(child_process|childProcess|cp|Kernel|subprocess|os)\.$/.test(text.slice(Math.max(0, at - 16), at))) continue;
    if (language === 'javascript' && api.name === 'exec' && before === '.' && !/(child_process|childProcess|cp|\))\.$/.test(text.slice(Math.max(0, at - 16), at))) continue;
    if (isCommented(text, at, language)) continue;
    let i = skipSpace(text, from);
    if (text[i] === '(') i = skipSpace(text, i + 1);
    else if (!api.parenOptional || i === from) continue;
    readCall(text, i, api, language, out);
  }
}

function readCall(text: string, i: number, api: Api, language: SnippetLanguage, out: ShellOut[]): void {
  // Ruby/Perl `system('rm', '-rf', x)` and Python `run(['rm', '-rf'])`.
  const array = readArray(text, i, language);
  if (array === 'dynamic') {
    out.push({ kind: 'dynamic', api: api.name });
    return;
  }
  if (array) {
    if (array.items.length === 0) return;
    out.push({ kind: 'argv', api: api.name, argv: array.items });
    return;
  }
  const first = readStringExpression(text, i, language);
  if (api.fileThenArgv) {
    // `os.execvp("rm", ["rm", "-rf", p])` runs the list; `os.execl("/bin/rm", "rm", …)` and `os.spawnv(os.P_WAIT, …)` are read as computed.
    const rest = first && text[skipSpace(text, first.end)] === ',' ? readArray(text, skipSpace(text, skipSpace(text, first.end) + 1), language) : undefined;
    if (rest && rest !== 'dynamic' && rest.items.length > 0) out.push({ kind: 'argv', api: api.name, argv: rest.items });
    else out.push({ kind: 'dynamic', api: api.name });
    return;
  }
  if (!first) {
    // Ruby's `system({'ENV' => 'x'}, 'cmd')` and JS options-first forms are rare; a computed command is not.
    out.push({ kind: 'dynamic', api: api.name });
    return;
  }
  const j = skipSpace(text, first.end);
  // `' '.join(x)`, `'%s' % x`, `"a"[0..]`: text computed from the literal.
  if ((text[j] === '.' && language !== 'perl' && language !== 'php') || text[j] === '%' || text[j] === '[') {
    out.push({ kind: 'dynamic', api: api.name });
    return;
  }
  if (api.program) {
    out.push({ kind: 'argv', api: api.name, argv: [api.program, first.value] });
    return;
  }
  if (text[j] === ',') {
    const k = skipSpace(text, j + 1);
    const argsArray = readArray(text, k, language);
    if (argsArray && argsArray !== 'dynamic' && (language === 'javascript' || api.mode === 'argv')) {
      out.push({ kind: 'argv', api: api.name, argv: [first.value, ...argsArray.items] });
      return;
    }
    if (language === 'javascript' && api.name === 'Deno.Command') {
      const argsAt = text.indexOf('args', k);
      const bracket = argsAt < 0 ? -1 : text.indexOf('[', argsAt);
      const args = bracket < 0 ? undefined : readArray(text, bracket, language);
      out.push({ kind: 'argv', api: api.name, argv: [first.value, ...(args && args !== 'dynamic' ? args.items : [DYNAMIC_WORD])] });
      return;
    }
    if (language === 'ruby' || language === 'perl' || language === 'compiled' || api.argsAreArgv) {
      // `system('rm', '-rf', 'x')`, Go's `exec.Command("rm", "-rf", x)`: several arguments form an argv.
      const argv = [first.value];
      let p = k;
      for (let guard = 0; guard < 64; guard++) {
        const lit = readStringExpression(text, p, language);
        if (!lit) {
          const end = skipExpression(text, p);
          if (end === p) break;
          argv.push(DYNAMIC_WORD);
          p = end;
        } else {
          argv.push(lit.value);
          p = lit.end;
        }
        p = skipSpace(text, p);
        if (text[p] !== ',') break;
        p = skipSpace(text, p + 1);
      }
      out.push({ kind: 'argv', api: api.name, argv });
      return;
    }
  }
  if (api.mode === 'argv' && language === 'javascript' && api.name !== 'Deno.Command') {
    // spawn('ls') with no args array runs the named program, or a shell line with { shell: true }.
    out.push({ kind: 'shell', api: api.name, text: first.value });
    return;
  }
  out.push({ kind: 'shell', api: api.name, text: first.value });
}

/** Backtick and %x/qx command literals in Ruby, Perl and PHP. */
function backtickCommands(text: string, language: SnippetLanguage, out: ShellOut[], max: number): void {
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '`') {
      if (isCommented(text, i, language)) continue;
      const close = text.indexOf('`', i + 1);
      if (close < 0) return;
      out.push({ kind: 'shell', api: '`...`', text: interpolate(text.slice(i + 1, close), language) });
      i = close;
      continue;
    }
    const opener = text.slice(i, i + 2);
    if ((language === 'ruby' && opener === '%x') || (language === 'perl' && opener === 'qx' && !isIdentChar(text[i - 1]))) {
      const open = text[i + 2];
      const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']', '<': '>' };
      if (open === undefined || /[A-Za-z0-9_\s]/.test(open)) continue;
      const closeChar = pairs[open] ?? open;
      const close = text.indexOf(closeChar, i + 3);
      if (close < 0) return;
      out.push({ kind: 'shell', api: opener, text: interpolate(text.slice(i + 3, close), language) });
      i = close;
    }
  }
}

function interpolate(body: string, language: SnippetLanguage): string {
  if (language === 'ruby') return body.replace(/#\{[^}]*\}/g, DYNAMIC_WORD);
  return body.replace(/[$@]\{[^}]*\}|[$@][A-Za-z_][A-Za-z0-9_]*/g, DYNAMIC_WORD);
}

/** zx / Bun Shell: `` $`rm -rf ${dir}` `` runs a shell line; interpolations are quoted arguments. */
function taggedShellTemplates(text: string, out: ShellOut[], max: number): void {
  let from = 0;
  while (out.length < max) {
    const at = text.indexOf('$`', from);
    if (at < 0) return;
    from = at + 2;
    if (isIdentChar(text[at - 1]) && text.slice(Math.max(0, at - 4), at) !== 'Bun.') continue;
    const lit = readLiteral(text, at + 1, 'javascript');
    if (!lit) return;
    out.push({ kind: 'shell', api: '$`...`', text: lit.value });
    from = lit.end;
  }
}

/**
 * Python code with its module and function aliases written out: `import subprocess as s; s.call(…)`
 * is `subprocess.call(…)`, `from os import system as run_it; run_it(…)` is `system(…)`. Names only
 * (at most 16 aliases), so the scan for calls sees the APIs it knows.
 */
function pythonAliases(code: string): string {
  let result = code;
  let count = 0;
  for (const m of code.matchAll(/\bimport\s+(subprocess|os|commands)\s+as\s+([A-Za-z_]\w*)/g)) {
    if (++count > 16) break;
    result = result.replace(new RegExp(`(?<![\\w.])${m[2]}\\.`, 'g'), `${m[1]}.`);
  }
  for (const m of code.matchAll(/\bfrom\s+(?:subprocess|os)\s+import\s+([\w\s,]+?\bas\b[\w\s,]*)/g)) {
    for (const pair of m[1]!.matchAll(/([A-Za-z_]\w*)\s+as\s+([A-Za-z_]\w*)/g)) {
      if (++count > 16) break;
      result = result.replace(new RegExp(`(?<![\\w.])${pair[2]}\\s*\\(`, 'g'), `${pair[1]}(`);
    }
  }
  return result;
}

/** Every shell-out found in `code`, at most `max`; `argv` is what the program is given as its arguments (`sys.argv[1:]`). */
export function findShellOuts(language: SnippetLanguage, code: string, max = 64, argv: readonly string[] = []): ShellOut[] {
  const out: ShellOut[] = [];
  const resolved = resolveIndirection(language, code);
  code = resolved.code;
  for (const api of resolved.computed) out.push({ kind: 'dynamic', api });
  switch (language) {
    case 'python': {
      code = pythonAliases(code);
      for (const api of PYTHON_APIS) callsOf(code, api, language, out, max);
      if (/\bfrom\s+(subprocess|os)\s+import\b/.test(code)) for (const api of PYTHON_BARE_APIS) callsOf(code, api, language, out, max);
      out.push(...pythonProcessLibraries(code));
      break;
    }
    case 'javascript':
      for (const api of JS_APIS) callsOf(code, api, language, out, max);
      taggedShellTemplates(code, out, max);
      break;
    case 'ruby':
      for (const api of RUBY_APIS) callsOf(code, api, language, out, max);
      backtickCommands(code, language, out, max);
      break;
    case 'perl':
      for (const api of PERL_APIS) callsOf(code, api, language, out, max);
      backtickCommands(code, language, out, max);
      break;
    case 'php':
      for (const api of PHP_APIS) callsOf(code, api, language, out, max);
      backtickCommands(code, language, out, max);
      break;
    case 'compiled':
      for (const api of COMPILED_APIS) callsOf(code, api, language, out, max);
      // `execl("/bin/sh", "sh", "-c", …)`: the path, then argv[0] again.
      for (const o of out) if (o.kind === 'argv' && o.api.startsWith('execl') && o.argv.length > 1) o.argv.splice(1, 1);
      out.push(...compiledCommands(code, max));
      break;
    default:
      break;
  }
  out.push(...inProcessCommands(language, code, argv));
  // `Bun.spawn(` is also found as `spawn(`: keep one of each.
  const seen = new Set<string>();
  return out.filter((s) => {
    const key = s.kind === 'shell' ? 's' + s.text : s.kind === 'argv' ? 'a' + s.argv.join('\0') : 'd' + s.api;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
