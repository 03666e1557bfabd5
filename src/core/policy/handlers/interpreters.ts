/**
 * Interpreters whose code the engine reads (python, node, perl, ruby, php, and the deno and bun
 * runtimes): a `-c`/`-e` one-liner becomes a code snippet, a program file is read, a program on
 * stdin is followed back to what feeds it.
 */

import { ownTable } from '../../ownTable';
import type { ArgWord, Invocation, SnippetLanguage } from '../types';
import { commandNode, parsedArgs, toolNamed } from '../../registry/commandModel';
import { lastOptionWord } from '../../registry/grammar';
import { isScriptPath, type Exec, type Handler, type Walker } from './context';
import { packageScript } from './packageManagers';
import { followLocalLoads } from '../loadedCode';
import { runPreloadedModules, zipApplication } from './preloadedModules';
import { parseCommand, type GrammarSpec, type OptionSpec, type ParsedCommand } from '../../shell/grammar';
import { PACKAGE_ADDRESS, packageBinary } from '../../shell/wrappers';
import { DYNAMIC_WORD } from '../../shell/embedded';

/** Languages of interpreters whose code the engine reads; `deno` and `bun` have their own handlers. */
export function interpreterLanguage(name: string): SnippetLanguage | undefined {
  // `py` is the Python launcher of Windows (`py -3 x.py`); IPython runs files and `-c` code like python.
  if (/^(python|pypy)[0-9.]*$/.test(name) || name === 'py' || name === 'ipython' || name === 'ipython3') return 'python';
  if (name === 'node' || name === 'nodejs' || name === 'tsx' || name === 'ts-node' || name === 'ts-node-esm' || name === 'esno' || name === 'babel-node' || name === 'vite-node' || name === 'zx') return 'javascript';
  if (name === 'perl' || /^perl5[0-9.]*$/.test(name)) return 'perl';
  if (name === 'ruby' || name === 'jruby') return 'ruby';
  if (/^php[0-9.]*$/.test(name)) return 'php';
  return undefined;
}

/**
 * An interpreter's options as a grammar for the one option grammar, and which of them carry code, run
 * a module (`-m`: code the engine does not read) or name the program file (php's `-f`).
 */
interface InterpreterSpec {
  grammar: GrammarSpec;
  code: readonly string[];
  module: readonly string[];
  file: readonly string[];
}

const valued = (...names: string[]): OptionSpec => ({ names, takes: 'one' });
/** The value is the rest of the cluster only (perl's `-i.bak`, ruby's `-Ku`). */
const attached = (letters: string): OptionSpec[] => [...letters].map((l) => ({ names: ['-' + l], takes: 'optional' }));
const letters = (valuedLetters: string): OptionSpec[] => [...valuedLetters].map((l) => valued('-' + l));

/** Interpreters read options up to the program file; `-` is the program on stdin. Unknown letters are switches. */
function interpreterGrammar(options: readonly OptionSpec[]): GrammarSpec {
  return { options, interspersed: false, numericOptions: true, unknownShort: 'switch' };
}

const INTERPRETER_SPECS: Record<SnippetLanguage, InterpreterSpec | undefined> = {
  // `-c CODE` and `-m MODULE` end python's options: later words are the program's arguments.
  python: {
    grammar: interpreterGrammar([{ names: ['-c'], takes: 'one', endsOptions: true }, { names: ['-m'], takes: 'one', endsOptions: true }, ...letters('WXQ'), valued('--check-hash-based-pycs')]),
    code: ['-c'], module: ['-m'], file: [],
  },
  javascript: {
    grammar: interpreterGrammar([
      { names: ['-e', '--eval'], takes: 'one', separateValue: true }, { names: ['-p', '--print'], takes: 'one', separateValue: true }, valued('-r', '--require'), valued('-C', '--conditions'),
      ...['--import', '--loader', '--experimental-loader', '--input-type', '--env-file', '--env-file-if-exists', '--test-reporter', '--test-reporter-destination', '--title', '--inspect-port', '--watch-path', '--test-name-pattern', '--stack-size', '--tsconfig'].map((n) => valued(n)),
    ]),
    code: ['-e', '-p'], module: [], file: [],
  },
  // perl's `-l[octal]` and `-0[digits]` take digits only: `-le 'code'` is `-l -e 'code'`, so they are switches here.
  perl: { grammar: interpreterGrammar([...letters('eEIM'), ...attached('mixCdD')]), code: ['-e', '-E'], module: [], file: [] },
  ruby: { grammar: interpreterGrammar([...letters('erICE'), ...attached('xWTK0'), valued('--encoding'), valued('--require')]), code: ['-e'], module: [], file: [] },
  php: { grammar: interpreterGrammar([...letters('rRBEdcz'), { names: ['-f'], takes: 'one', endsOptions: true }, { names: ['-F'], takes: 'one', endsOptions: true }]), code: ['-r', '-R', '-B', '-E'], module: [], file: ['-f', '-F'] },
  sql: undefined,
  mongo: undefined,
  redis: undefined,
  graphql: undefined,
  json: undefined,
  compiled: undefined,
};

/** The operand that names the program on stdin. */
const STDIN_PROGRAM = '-';
/** `bun run build -- --watch`: the separator before a script's own arguments. */
const END_OF_OPTIONS = '--';

interface InterpreterArgs {
  code: ArgWord[];
  file?: ArgWord;
  /** Reads its program from stdin (`-` or no program at all). */
  stdin: boolean;
  module: boolean;
  /** A standard-library module that is another program's command line (`python -m sqlite3 app.db 'DROP TABLE x'`): the program and its words. */
  moduleCommand?: ArgWord[];
}

/**
 * Modules that are the command line of a program the registry describes: the standard library's
 * (docs.python.org/3/library/sqlite3.html#command-line-interface) and publishing tools run as modules
 * (`python3 -m twine upload dist/*` is `twine upload`; flit, hatch, pdm, poetry and uv ship a `__main__`; round 29: pip and pipx),
 * and CLIs that are Python packages with a `__main__` (`python3 -m awscli s3 rb …` is `aws s3 rb …`, `python3 -m azure.cli group delete …` is `az …`,
 * `python -m django flush` is `django-admin flush`, `python -m alembic downgrade base`).
 */
const MODULE_PROGRAMS: Readonly<Record<string, string>> = ownTable({
  sqlite3: 'sqlite3', twine: 'twine', flit: 'flit', hatch: 'hatch', pdm: 'pdm', poetry: 'poetry', uv: 'uv', pip: 'pip', pipx: 'pipx',
  awscli: 'aws', 'azure.cli': 'az', django: 'django-admin', alembic: 'alembic',
});

/** The operands of a JavaScript runtime's words (`node -r ./hook.js cli.js uninstall`: `cli.js`, `uninstall`), read by node's option grammar. */
export function runtimeOperands(args: readonly ArgWord[]): ArgWord[] {
  return parseCommand(args, INTERPRETER_SPECS.javascript!.grammar).operands;
}

/**
 * The words a program's code sees as its own arguments (Python's `sys.argv[1:]`): what follows the
 * code (`python3 -c CODE s3 rm …`) or the script file (`python3 x.py a b`); a run-time word stays one.
 */
export function scriptArguments(runner: Invocation, code: string): string[] {
  const at = runner.args.findIndex((w) => w.text === code);
  const words = at >= 0 ? runner.args.slice(at + 1) : (interpreterReading(runner.name, runner.args)?.operands.slice(1) ?? []);
  return words.map((w) => (w.dynamic ? DYNAMIC_WORD : w.text));
}

/** An interpreter's words read by its language's option grammar (`python3 -B -m pytest`, `node --test`); undefined for a program that is not one. */
export function interpreterReading(name: string, args: readonly ArgWord[]): ParsedCommand | undefined {
  const language = interpreterLanguage(name);
  const spec = language ? INTERPRETER_SPECS[language] : undefined;
  return spec ? parseCommand(args, spec.grammar) : undefined;
}

/** What an interpreter's words ask it to run: code, a module, a file, or its stdin. */
function interpreterProgram(args: readonly ArgWord[], spec: InterpreterSpec): InterpreterArgs {
  const parsed = parseCommand(args, spec.grammar);
  const result: InterpreterArgs = { code: [], stdin: false, module: false };
  for (const option of parsed.options) {
    if (spec.module.includes(option.name)) {
      result.module = true;
      const word = option.valueWords[0];
      const program = word !== undefined && !word.dynamic ? MODULE_PROGRAMS[option.values[0] ?? ''] : undefined;
      if (word !== undefined && program !== undefined) result.moduleCommand = [{ ...word, text: program, raw: program }, ...args.slice(args.indexOf(word) + 1)];
      return result;
    }
    if (spec.file.includes(option.name) && option.valueWords.length > 0) {
      result.file = option.valueWords[0]!.text === option.values[0] ? option.valueWords[0]! : { ...option.valueWords[0]!, text: option.values[0]! };
      return result;
    }
    if (!spec.code.includes(option.name)) continue;
    option.values.forEach((value, n) => {
      const word = option.valueWords[n]!;
      result.code.push(word.text === value ? word : { ...word, text: value });
    });
  }
  if (result.code.length > 0) return result;
  const file = parsed.operands[0];
  if (file === undefined || file.text === STDIN_PROGRAM) result.stdin = true;
  else result.file = file;
  return result;
}

function interpreter(w: Walker, name: string, language: SnippetLanguage, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (!inv) return inv;
  const spec = INTERPRETER_SPECS[language]!;
  let effective = args;
  if ((name === 'tsx' || name === 'vite-node') && args[0]?.text === 'watch') effective = args.slice(1);
  const parsed = interpreterProgram(effective, spec);
  // `node --env-file=.env.production node_modules/.bin/prisma migrate reset`: the package's program, by its name.
  const bin = language === 'javascript' && parsed.file && !parsed.file.dynamic ? /(?:^|\/)node_modules\/\.bin\/([^/]+)$/.exec(parsed.file.text)?.[1] : undefined;
  if (bin !== undefined && parsed.file) {
    const at = effective.indexOf(parsed.file);
    w.run([{ ...parsed.file, text: bin, raw: bin }, ...effective.slice(at + 1)], { ...exec, wrappers: [...exec.wrappers, name], wrapperWords: [...(exec.wrapperWords ?? []), ...effective.slice(0, at)] });
    return inv;
  }
  runPreloadedModules(w, language, () => parseCommand(effective, spec.grammar), effective, inv, exec);
  interpret(w, name, language, parsed, inv, exec);
  if (language === 'javascript') requiredCli(w, name, parsed, effective, exec);
  // `python -i script.py <<< 'User.objects.all().delete()'`, `node -i <<< …` (round 7): after the program the
  // interactive interpreter reads standard input as code, as a REPL typed into.
  const interactive = (language === 'python' || language === 'javascript') && parsed.code.length === 0 && !parsed.module && !parsed.stdin &&
    parseCommand(effective, spec.grammar).options.some((o) => o.name === '-i' || o.name === '--interactive');
  if (interactive) w.stdinProgram(name, language, inv, exec);
  if (parsed.stdin || interactive) followStdinLoads(w, name, language, inv, exec);
  return inv;
}

/**
 * `node -e "require('prisma/build/index.js')" migrate reset --force`: code that loads a package's
 * command-line entry (its `bin`, `cli`, `build` or `dist` file) runs that CLI in-process with the words
 * after the code as its command line, judged as if typed under the package's name.
 */
function requiredCli(w: Walker, name: string, parsed: InterpreterArgs, args: readonly ArgWord[], exec: Exec): void {
  const last = parsed.code.at(-1);
  if (last === undefined || last.dynamic) return;
  const rest = args.slice(args.indexOf(last) + 1);
  if (rest.length === 0) return;
  for (const m of last.text.matchAll(/\b(?:require|import)\s*\(\s*['"`]((?:@[\w.-]+\/)?[\w.-]+)\/((?:bin|cli|build|dist|lib)\b[^'"`]*|[^'"`]*\bcli\.[cm]?js)['"`]/g)) {
    const program = m[1]!.replace(/^@[\w.-]+\//, '');
    w.run([{ ...last, text: program, raw: program }, ...rest], { ...exec, wrappers: [...exec.wrappers, `${name} -e require('${m[1]}/${m[2]}')`] });
    return;
  }
}

/** `node <<< 'require("./scripts/reset-db.js")'`: the project files code on standard input loads, read like `-e` code's. */
function followStdinLoads(w: Walker, name: string, language: SnippetLanguage, inv: Invocation, exec: Exec): void {
  const stdin = exec.stdin;
  if (stdin !== undefined && (stdin.kind === 'herestring' || stdin.kind === 'heredoc')) followLocalLoads(w, language, stdin.text, undefined, inv, exec, `${name} <<<`);
}

function interpret(w: Walker, name: string, language: SnippetLanguage, parsed: InterpreterArgs, inv: Invocation, exec: Exec): void {
  if (parsed.moduleCommand) w.run(parsed.moduleCommand, { ...exec, wrappers: [...exec.wrappers, `${name} -m`] });
  if (parsed.module) return;
  if (parsed.code.length > 0) {
    if (parsed.code.some((c) => c.dynamic)) {
      w.addOpaque(`${name} runs code built at run time`, w.viaOf(exec));
      return;
    }
    const flag = language === 'python' ? '-c' : language === 'php' ? '-r' : '-e';
    const code = parsed.code.map((c) => c.text).join('\n');
    w.snippet(language, code, inv, exec.scope.origin, exec, `${name} ${flag}`);
    followLocalLoads(w, language, code, undefined, inv, exec, `${name} ${flag}`);
    return;
  }
  if (parsed.file) {
    if (language === 'python' && zipApplication(w, parsed.file, exec)) return;
    w.runFile(parsed.file, language, inv, exec, `${name} ${parsed.file.text}`);
    return;
  }
  if (parsed.stdin) w.stdinProgram(name, language, inv, exec);
}

function bun(w: Walker, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit('bun', first.text, args, exec);
  if (!inv) return inv;
  const spec = toolNamed('bun')!;
  const parsed = parsedArgs(args, spec);
  const code = lastOptionWord(parsed, spec, ['-e', '-p']);
  if (code) {
    interpret(w, 'bun', 'javascript', { code: [code], stdin: false, module: false }, inv, exec);
    return inv;
  }
  const subIndex = parsed.pathIndexes[0] ?? (parsed.operands[0] ? args.indexOf(parsed.operands[0]) : -1);
  const sub = args[subIndex];
  if (!sub) return inv;
  const target = sub.text === 'run' ? parsed.operands[0] : sub;
  // `bun run -` (and `bun -`): the program is standard input.
  if (target?.text === STDIN_PROGRAM) {
    w.stdinProgram('bun', 'javascript', inv, exec);
    return inv;
  }
  const rest = args.slice(args.indexOf(target ?? sub) + 1);
  if (sub.text === 'x') {
    const argv = args.slice(subIndex + 1);
    if (argv[0] && !argv[0].dynamic && PACKAGE_ADDRESS.test(argv[0].text)) {
      w.addOpaque(`bun x fetches ${argv[0].text.slice(0, 120)} and runs it: an address, not a package from the registry, and what it serves cannot be read before it runs`, w.viaOf(exec));
      return inv;
    }
    if (argv.length > 0) w.run(argv, { ...exec, wrappers: [...exec.wrappers, 'bunx'] });
    return inv;
  }
  if (!target || (sub.text !== 'run' && commandNode(parsed).package !== undefined && parsed.pathIndexes[0] === subIndex)) return inv;
  if (isScriptPath(target.text)) {
    w.runFile(target, 'javascript', inv, exec, `bun ${target.text}`);
    return inv;
  }
  if (!packageScript(w, 'bun', target.text, rest[0]?.text === END_OF_OPTIONS ? rest.slice(1) : rest, exec)) {
    w.run([target, ...rest], { ...exec, wrappers: [...exec.wrappers, 'bun'] });
  }
  return inv;
}

/** The operand that names standard input as the program. */
const STDIN_OPERAND = '-';

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
  // `deno task --eval 'cmd'`: the text is run as a task line would be (deno's task shell).
  if (sub === 'task') {
    const line = parsed.options.some((o) => o.name === '--eval') ? parsed.operands : [];
    if (line.length > 0) w.analyzeText(line.map((a) => a.text).join(' '), w.childScope(exec, 'deno task --eval'));
    return inv;
  }
  if (sub === 'run' || sub === 'serve') {
    // `deno run -`: the program is standard input (an operand the grammar already read as one).
    if (operand?.text === STDIN_OPERAND) w.stdinProgram('deno', 'javascript', inv, exec);
    // `deno run -A npm:wipe-db` (round 7), `jsr:@x/tool`: a registry package fetched and run, judged like `npx -y` (rules/support/fetchedPackages.ts).
    else if (operand && !operand.dynamic && /^(npm|jsr):/.test(operand.text)) {
      const spec = operand.text.replace(/^(npm|jsr):/, '');
      const name = (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]) ?? spec;
      w.run([packageBinary({ ...operand, text: name }), ...args.slice(args.indexOf(operand) + 1)], { ...exec, wrappers: [...exec.wrappers, `deno ${sub}`] });
    }
    else if (operand) w.runFile(operand, 'javascript', inv, exec, `deno ${sub} ${operand.text}`);
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
