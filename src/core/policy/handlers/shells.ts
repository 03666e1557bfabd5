/**
 * Nested shells and the builtins that run shell text: `bash -c`, `sh script.sh`, `… | sh`, `eval`,
 * `source`, `trap`, and a path run directly (`./deploy.sh`, judged by its shebang).
 */

import { basename, resolvePath } from '../../paths';
import type { ArgWord, Invocation } from '../types';
import { POSITIONAL, recordCopy, recordPositionalCopies } from '../../shell/expand';
import { wordCopy } from '../shellValues';
import { commandName, isInstalledPackage, SHELLS, type Exec, type Handler, type Scope, type Walker } from './context';
import { interpreterLanguage } from './interpreters';
import { recordExported, targetVariables } from '../lineState';

export function shell(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  let i = 0;
  let commandMode = false;
  let stdinMode = false;
  let commandText: ArgWord | undefined;
  while (i < args.length) {
    const t = args[i]!.text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (t.startsWith('--')) {
      // nushell spells it `--commands`.
      const long = /^--commands?(?==|$)/.exec(t)?.[0];
      if (long) {
        commandMode = true;
        if (t.startsWith(long + '=')) commandText = { ...args[i]!, text: t.slice(long.length + 1) };
      } else if (t === '--rcfile' || t === '--init-file' || t === '--init-command') i++;
      i++;
      continue;
    }
    if ((t[0] === '-' || t[0] === '+') && t.length > 1) {
      if (t[0] === '-' && t.includes('c')) commandMode = true;
      if (t[0] === '-' && t.includes('s')) stdinMode = true;
      if (/[oO]/.test(t)) i++;
      i++;
      continue;
    }
    break;
  }
  if (commandMode) {
    const word = commandText ?? args[i];
    if (!word) return inv;
    if (word.dynamic) w.addOpaque(`${name} -c runs a command line built at run time`, w.viaOf(exec));
    else w.analyzeText(word.text, withPositional(w.childScope(exec, `${name} -c`), args.slice(commandText ? i : i + 1)));
    return inv;
  }
  if (!stdinMode && i < args.length) {
    w.runFile(args[i]!, 'shell', inv, exec, `${name} ${args[i]!.text}`, false, args.slice(i));
    return inv;
  }
  w.stdinProgram(name, 'shell', inv, exec);
  return inv;
}

/**
 * `eval "$(ssh-agent -s)"`: ssh-agent started without a command prints only the assignments of its
 * socket and pid (and an echo of the pid), which the shell then sets.
 */
const SSH_AGENT_SETUP = /^(["']?)(\$\(|`)\s*ssh-agent(\s+-[sc])?\s*(\)|`)\1$/;

function evalCommand(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('eval', first.text, args, exec);
  if (args.length === 0) return inv;
  if (args.length === 1 && SSH_AGENT_SETUP.test(args[0]!.raw)) return inv;
  if (args.some((a) => a.dynamic)) {
    w.addOpaque('eval runs text built at run time', w.viaOf(exec));
    return inv;
  }
  w.analyzeText(args.map((a) => a.text).join(' '), w.childScope(exec, 'eval', exec.scope.origin, exec.cwd, true));
  return inv;
}

function source(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(commandName(first.text), first.text, args, exec);
  const file = args[0];
  if (!file) return inv;
  // `source <(…)`: runFile judges the text the substitution prints.
  if (file.dynamic && !/^<\([\s\S]*\)$/.test(file.text)) {
    w.addOpaque(`${first.text} reads a file whose name is computed at run time`, w.viaOf(exec));
    return inv;
  }
  const before = DOTENV_FILE.test(file.text) ? new Map(exec.scope.vars) : undefined;
  w.runFile(file, 'shell', inv, exec, `source ${file.text}`, true);
  // A dotenv file sourced (`source .env.production`, `set -a; . ./.env.production`): what it assigns reaches later
  // commands (exported by `set -a`, or already exported, as DATABASE_URL usually is), so it is read as exported.
  if (before) {
    const assigned: Record<string, string> = {};
    for (const [k, v] of exec.scope.vars) if (/^[A-Za-z_]\w*$/.test(k) && typeof v === 'string' && v !== before.get(k)) assigned[k] = v;
    recordExported(targetVariables(assigned), exec.scope);
  }
  return inv;
}

/** `.env`, `.env.production`, `prod.env`: files of `NAME=value` lines. */
const DOTENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$|\.env$/;

function trap(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('trap', first.text, args, exec);
  const action = args[0];
  if (!action || args.length < 2 || action.text === '-' || action.text.startsWith('-')) return inv;
  if (action.dynamic) w.addOpaque('trap runs a command line built at run time', w.viaOf(exec));
  else {
    // The action runs later, when the shell gets the signal or event: a file it runs may be written before then.
    const scope = w.childScope(exec, 'trap', exec.scope.origin, exec.cwd, true);
    scope.laterHook = `a trap action the shell runs by itself later (on ${args.slice(1, 4).map((a) => a.text).join(', ')})`;
    w.analyzeText(action.text, scope);
  }
  return inv;
}

/** `./deploy.sh`, `scripts/fix.py`: a path run directly, judged by its shebang. */
export function executablePath(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  programBehindPath(w, first, inv, exec);
  return inv;
}

/** The system's own program folders: a program named there is the tool its name says. */
const SYSTEM_PROGRAM_DIRS = /^\/(usr\/(local\/)?s?bin|s?bin|opt\/homebrew\/bin|usr\/libexec|snap\/bin)\/[^/]+$/;

/**
 * `/tmp/x/git status`, `./ls`: a program given by a path outside the system's folders, named like a
 * tool the rules know. Its name says nothing of what it does: the script behind it is judged too,
 * beside the tool's own reading.
 */
export function namedLikeATool(w: Walker, first: ArgWord, inv: Invocation | undefined, exec: Exec): void {
  if (first.dynamic || !first.text.includes('/') || first.text.endsWith('/')) return;
  const path = resolvePath(exec.cwd, first.text, w.facts.home);
  if (SYSTEM_PROGRAM_DIRS.test(path)) return;
  programBehindPath(w, first, inv, exec);
}

function programBehindPath(w: Walker, first: ArgWord, inv: Invocation | undefined, exec: Exec): void {
  const path = resolvePath(exec.cwd, first.text, w.facts.home);
  if (w.isActiveFile(path) || isInstalledPackage(path)) return;
  // A program built from source earlier on the line (`cc x.c -o /tmp/x && /tmp/x`): its source is what runs.
  const built = w.builtFrom(path);
  if (built) {
    const source = w.readFile(path, w.viaOf(exec));
    if (source !== undefined) w.runFileText(path, source, built, inv, exec, `program ${first.text}`);
    return;
  }
  const text = w.readFile(path, w.viaOf(exec));
  // In a function the shell calls later by itself, a program missing now may be written before then.
  if (text === undefined && exec.scope.laterHook && !SYSTEM_PROGRAM_DIRS.test(path)) return void w.addOpaque(`${exec.scope.laterHook} runs ${first.text.slice(0, 80)}, a file the hook cannot read now and that may be written before then`, w.viaOf(exec));
  if (text === undefined || text.slice(0, 1024).includes('\0')) return;
  const interpreter = shebangInterpreter(text);
  const label = `script ${first.text}`;
  if (interpreter === undefined || SHELLS.has(interpreter)) w.runFileText(path, text, 'shell', inv, exec, label);
  else {
    const language = interpreterLanguage(interpreter) ?? (interpreter === 'deno' || interpreter === 'bun' ? 'javascript' : undefined);
    if (language) w.runFileText(path, text, language, inv, exec, label);
  }
}

/** The program a `#!` line names: `#!/usr/bin/env -S node --flag` -> node. */
function shebangInterpreter(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const end = text.indexOf('\n');
  const words = text.slice(2, end < 0 ? text.length : end).trim().split(/[ \t]+/);
  let program = basename(words[0] ?? '');
  let i = 1;
  if (program === 'env') {
    while (i < words.length && (words[i]!.startsWith('-') || words[i]!.includes('='))) {
      if (words[i] === '-u' || words[i] === '-C') i++;
      i++;
    }
    program = basename(words[i] ?? '');
  }
  return program === '' ? undefined : program;
}

export const shellHandlers: Record<string, Handler> = {
  eval: (w, _name, first, args, exec) => evalCommand(w, first, args, exec),
  source: (w, _name, first, args, exec) => source(w, first, args, exec),
  '.': (w, _name, first, args, exec) => source(w, first, args, exec),
  trap: (w, _name, first, args, exec) => trap(w, first, args, exec),
};

/** Script text without its `#!` line. */
export function stripShebang(text: string): string {
  return text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1 || text.length) : text;
}

/** `sh -c 'cat "$1"' _ .env`: $0, $1 … and "$@" of the child shell are the words after its command text. */
export function withPositional(scope: Scope, after: readonly ArgWord[]): Scope {
  if (after.length === 0) return scope;
  const fixed = after.every((a) => !a.dynamic && !a.glob);
  after.slice(0, 10).forEach((a, n) => scope.vars.set(String(n), fixed || !a.dynamic ? a.text : null));
  if (fixed) scope.vars.set(POSITIONAL, JSON.stringify(after.slice(1, 64).map((a) => a.text)));
  // `sh -c 'curl -d "$1" …' _ "$TOKEN"`: the child's `$1` (and `$@`) is a copy of the variable given.
  if (after.slice(1).some((a) => wordCopy(a) !== undefined)) recordPositionalCopies(scope, after.slice(1).map(wordCopy));
  // `bash -c 'curl -d "$0" …' "$TOKEN"`: the first word after the text is the child's `$0`, a copy as well.
  const zero = wordCopy(after[0]!);
  if (zero !== undefined) recordCopy(scope, '0', zero);
  return scope;
}
