/**
 * Interpreters whose code the engine reads (python, node, perl, ruby, php, and the deno and bun
 * runtimes): a `-c`/`-e` one-liner becomes a code snippet, a program file is read, a program on
 * stdin is followed back to what feeds it.
 */

import type { ArgWord, Invocation, SnippetLanguage } from '../types';
import { commandNode, parsedArgs, toolNamed } from '../../registry/commandModel';
import { isScriptPath, type Exec, type Handler, type Walker } from './context';
import { packageScript } from './packageManagers';

/** Languages of interpreters whose code the engine reads; `deno` and `bun` have their own handlers. */
export function interpreterLanguage(name: string): SnippetLanguage | undefined {
  if (/^(python|pypy)[0-9.]*$/.test(name)) return 'python';
  if (name === 'node' || name === 'nodejs' || name === 'tsx' || name === 'ts-node' || name === 'ts-node-esm' || name === 'esno' || name === 'babel-node' || name === 'vite-node') return 'javascript';
  if (name === 'perl' || /^perl5[0-9.]*$/.test(name)) return 'perl';
  if (name === 'ruby' || name === 'jruby') return 'ruby';
  if (/^php[0-9.]*$/.test(name)) return 'php';
  return undefined;
}

interface InterpreterSpec {
  /** Letters that introduce code: `-c` (python), `-e` (perl, ruby, node). */
  code: string;
  /** Code letters take the rest of their cluster (`-e'print 1'`); node's do not. */
  codeTakesRest: boolean;
  /** Long options whose value is code. */
  longCode: readonly string[];
  /** Letters that take a value (rest of cluster or next word). */
  value: string;
  /** Letters whose value is only the rest of the cluster (perl's `-i.bak`, `-l0`). */
  attached: string;
  longValue: readonly string[];
  /** Letters that run a module or file instead of code (`-m`, php's `-f`). */
  module: string;
  fileLetters: string;
}

const INTERPRETER_SPECS: Record<SnippetLanguage, InterpreterSpec | undefined> = {
  python: { code: 'c', codeTakesRest: true, longCode: [], value: 'WXQ', attached: '', longValue: ['check-hash-based-pycs'], module: 'm', fileLetters: '' },
  javascript: {
    code: 'ep',
    codeTakesRest: false,
    longCode: ['eval', 'print'],
    value: 'rC',
    attached: '',
    longValue: ['require', 'import', 'loader', 'experimental-loader', 'input-type', 'conditions', 'env-file', 'title', 'inspect-port', 'watch-path', 'test-name-pattern', 'stack-size', 'tsconfig'],
    module: '',
    fileLetters: '',
  },
  perl: { code: 'eE', codeTakesRest: true, longCode: [], value: 'IM', attached: 'mil0xCdD', longValue: [], module: '', fileLetters: '' },
  ruby: { code: 'e', codeTakesRest: true, longCode: [], value: 'rICE', attached: 'xWTK0', longValue: ['encoding'], module: '', fileLetters: '' },
  php: { code: 'rRBE', codeTakesRest: true, longCode: [], value: 'dcz', attached: '', longValue: [], module: '', fileLetters: 'fF' },
  sql: undefined,
  mongo: undefined,
  redis: undefined,
  graphql: undefined,
  json: undefined,
};

interface InterpreterArgs {
  code: ArgWord[];
  file?: ArgWord;
  /** Reads its program from stdin (`-` or no program at all). */
  stdin: boolean;
  module: boolean;
}

function interpreterArgs(args: readonly ArgWord[], spec: InterpreterSpec): InterpreterArgs {
  const result: InterpreterArgs = { code: [], stdin: false, module: false };
  let i = 0;
  while (i < args.length) {
    const word = args[i]!;
    const t = word.text;
    if (t === '--') {
      i++;
      break;
    }
    if (t === '-') {
      result.stdin = true;
      return result;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (spec.longCode.includes(name)) {
        if (eq >= 0) result.code.push({ ...word, text: t.slice(eq + 1) });
        else if (args[i + 1]) result.code.push(args[++i]!);
      } else if (eq < 0 && spec.longValue.includes(name)) i++;
      i++;
      continue;
    }
    if (t[0] !== '-' || t.length < 2) break;
    let skipNext = false;
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      const rest = t.slice(k + 1);
      if (spec.code.includes(letter)) {
        if (rest !== '' && spec.codeTakesRest) result.code.push({ ...word, text: rest });
        else if (args[i + 1] && !skipNext) {
          result.code.push(args[i + 1]!);
          skipNext = true;
        }
        if (spec.codeTakesRest) break;
        continue;
      }
      if (spec.module.includes(letter)) {
        result.module = true;
        return result;
      }
      if (spec.fileLetters.includes(letter)) {
        const file = rest !== '' ? { ...word, text: rest } : args[i + 1];
        if (file) result.file = file;
        return result;
      }
      if (spec.value.includes(letter)) {
        if (rest === '') skipNext = true;
        break;
      }
      // perl's `-l[octal]` and `-0[digits]` take digits only: `-le 'code'` is `-l -e 'code'`.
      if (spec.attached.includes(letter) && !(spec === INTERPRETER_SPECS.perl && (letter === 'l' || letter === '0') && !/^[0-9]/.test(rest))) break;
    }
    i += skipNext ? 2 : 1;
  }
  if (result.code.length > 0) return result;
  const file = args[i];
  if (file === undefined) result.stdin = true;
  else if (file.text === '-') result.stdin = true;
  else result.file = file;
  return result;
}


function interpreter(w: Walker, name: string, language: SnippetLanguage, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (!inv) return inv;
  const spec = INTERPRETER_SPECS[language]!;
  let effective = args;
  if ((name === 'tsx' || name === 'vite-node') && args[0]?.text === 'watch') effective = args.slice(1);
  const parsed = interpreterArgs(effective, spec);
  interpret(w, name, language, parsed, inv, exec);
  return inv;
}

function interpret(w: Walker, name: string, language: SnippetLanguage, parsed: InterpreterArgs, inv: Invocation, exec: Exec): void {
  if (parsed.module) return;
  if (parsed.code.length > 0) {
    if (parsed.code.some((c) => c.dynamic)) {
      w.addOpaque(`${name} runs code built at run time`, w.viaOf(exec));
      return;
    }
    const flag = language === 'python' ? '-c' : language === 'php' ? '-r' : '-e';
    w.snippet(language, parsed.code.map((c) => c.text).join('\n'), inv, exec.scope.origin, exec, `${name} ${flag}`);
    return;
  }
  if (parsed.file) {
    w.runFile(parsed.file, language, inv, exec, `${name} ${parsed.file.text}`);
    return;
  }
  if (parsed.stdin) w.stdinProgram(name, language, inv, exec);
}

function bun(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('bun', first.text, args, exec);
  if (!inv) return inv;
  const evalIndex = args.findIndex((a) => a.text === '-e' || a.text === '--eval' || a.text === '-p' || a.text === '--print');
  if (evalIndex >= 0 && args[evalIndex + 1]) {
    interpret(w, 'bun', 'javascript', { code: [args[evalIndex + 1]!], stdin: false, module: false }, inv, exec);
    return inv;
  }
  const spec = toolNamed('bun')!;
  const parsed = parsedArgs(args, spec);
  const subIndex = parsed.pathIndexes[0] ?? (parsed.operands[0] ? args.indexOf(parsed.operands[0]) : -1);
  const sub = args[subIndex];
  if (!sub) return inv;
  const target = sub.text === 'run' ? parsed.operands[0] : sub;
  const rest = args.slice(args.indexOf(target ?? sub) + 1);
  if (sub.text === 'x') {
    const argv = args.slice(subIndex + 1);
    if (argv.length > 0) w.run(argv, { ...exec, wrappers: [...exec.wrappers, 'bunx'] });
    return inv;
  }
  if (!target || (sub.text !== 'run' && commandNode(parsed).package !== undefined && parsed.pathIndexes[0] === subIndex)) return inv;
  if (isScriptPath(target.text)) {
    w.runFile(target, 'javascript', inv, exec, `bun ${target.text}`);
    return inv;
  }
  if (!packageScript(w, 'bun', target.text, rest[0]?.text === '--' ? rest.slice(1) : rest, exec)) {
    w.run([target, ...rest], { ...exec, wrappers: [...exec.wrappers, 'bun'] });
  }
  return inv;
}

function deno(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('deno', first.text, args, exec);
  if (!inv) return inv;
  const parsed = parsedArgs(args, toolNamed('deno')!);
  const sub = parsed.path[0] ?? args[0]?.text;
  const operand = parsed.operands[0];
  if (sub === 'eval') {
    if (operand) interpret(w, 'deno', 'javascript', { code: [operand], stdin: false, module: false }, inv, exec);
    return inv;
  }
  if (sub === 'run' || sub === 'serve') {
    if (operand) w.runFile(operand, 'javascript', inv, exec, `deno ${sub} ${operand.text}`);
    return inv;
  }
  if (sub !== undefined && isScriptPath(sub) && /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(sub)) {
    w.runFile(args[0]!, 'javascript', inv, exec, `deno ${sub}`);
  }
  return inv;
}


/** The handler of an interpreter known by the language it reads (`python3.12`, `ts-node`), if it is one. */
export function interpreterHandler(name: string): Handler | undefined {
  const language = interpreterLanguage(name);
  return language ? (w, _name, first, args, exec) => interpreter(w, name, language, first, args, exec) : undefined;
}

export const runtimeHandlers: Record<string, Handler> = {
  bun: (w, _name, first, args, exec) => bun(w, first, args, exec),
  deno: (w, _name, first, args, exec) => deno(w, first, args, exec),
};
