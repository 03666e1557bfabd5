/**
 * A CLI's own entry point called in-process from Python code: the argument list handed to its main is
 * that CLI's command line (`from alembic.config import main; main(argv=['downgrade', 'base'])` is
 * `alembic downgrade base`; `execute_from_command_line(['manage.py', 'flush'])` is `django-admin flush`;
 * `awscli.clidriver.create_clidriver().main([...])` is `aws …`; `twine.cli.dispatch([...])` is
 * `twine …`). A list of string literals is read word by word (another element is a run-time word);
 * an argument that is no list literal makes the command computed (the engine asks). A call with no
 * argument reads the program's own arguments: a `sys.argv = [...]` the code sets (its first word is
 * the program's name), else the words after the code (`python3 -c CODE s3 rm …`); with none, nothing
 * is added. `runpy.run_module('awscli')` is such a call; the entry's object kept in a variable
 * (`cli = get_default_cli(); cli.invoke([...])`) is called the same way.
 */

import type { ShellOut } from './embedded';
import type { SnippetLanguage } from './ast';
import { escapeRegExp } from '../regexText';
import { frameworkApiCalls } from './frameworkApis';

export interface CliMain {
  /** The module it is imported from. */
  module: string;
  /** The function imported from it. */
  fn: string;
  /** What follows the function before the call that takes the argument list (`().main`). */
  chain?: string;
  program: string;
  /** The list starts with the program's own name (`sys.argv` shape): dropped. */
  argv0?: boolean;
}

const PYTHON_MAINS: readonly CliMain[] = [
  { module: 'alembic.config', fn: 'main', program: 'alembic' },
  { module: 'django.core.management', fn: 'execute_from_command_line', program: 'django-admin', argv0: true },
  { module: 'twine.cli', fn: 'dispatch', program: 'twine' },
  { module: 'awscli.clidriver', fn: 'create_clidriver', chain: '().main', program: 'aws' },
  { module: 'awscli.clidriver', fn: 'main', program: 'aws' },
  { module: 'azure.cli.core', fn: 'get_default_cli', chain: '().invoke', program: 'az' },
  { module: 'azure.cli.__main__', fn: 'main', program: 'az' },
  { module: 'googlecloudsdk.gcloud_main', fn: 'main', program: 'gcloud' },
  { module: 'pip._internal.cli.main', fn: 'main', program: 'pip' },
  { module: 'poetry.console.application', fn: 'main', program: 'poetry' },
];

/** Modules run as `__main__` by `runpy.run_module('awscli')`: the program whose command line they are. */
const RUN_MODULES: Readonly<Record<string, string>> = { awscli: 'aws', 'azure.cli': 'az', 'googlecloudsdk.gcloud_main': 'gcloud', alembic: 'alembic', django: 'django-admin', flask: 'flask' };

/** The names code calls the entry by: `from M import F [as A]` gives A, `import M [as A]` gives A.F (or M.F). */
export function calleesOf(code: string, main: CliMain): string[] {
  const out: string[] = [];
  const from = new RegExp(`\\bfrom\\s+${escapeRegExp(main.module)}\\s+import\\s+([^\\n;]+)`, 'g');
  for (const m of code.matchAll(from)) {
    for (const part of m[1]!.replace(/[()]/g, '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === main.fn) out.push(escapeRegExp(alias ?? name));
    }
  }
  const plain = new RegExp(`\\bimport\\s+${escapeRegExp(main.module)}(?:\\s+as\\s+(\\w+))?`, 'g');
  for (const m of code.matchAll(plain)) out.push(`${escapeRegExp(m[1] ?? main.module)}\\s*\\.\\s*${escapeRegExp(main.fn)}`);
  // `from awscli import clidriver` then `clidriver.create_clidriver()`.
  const dot = main.module.lastIndexOf('.');
  if (dot > 0) {
    const parent = new RegExp(`\\bfrom\\s+${escapeRegExp(main.module.slice(0, dot))}\\s+import\\s+${escapeRegExp(main.module.slice(dot + 1))}(?:\\s+as\\s+(\\w+))?`, 'g');
    for (const m of code.matchAll(parent)) out.push(`${escapeRegExp(m[1] ?? main.module.slice(dot + 1))}\\s*\\.\\s*${escapeRegExp(main.fn)}`);
  }
  return out;
}

/** The words of a list literal of strings; a non-literal element is a run-time word. */
function listWords(body: string): string[] {
  const words: string[] = [];
  for (const item of body.split(',')) {
    const t = item.trim();
    if (t === '') continue;
    const lit = /^[rbu]?(['"])(.*)\1$/s.exec(t);
    words.push(lit ? lit[2]! : '${DYNAMIC}');
  }
  return words;
}

/** The program's own arguments as the code sees them: a `sys.argv = [...]` it sets (without argv[0]), else the interpreter's. */
function ownArguments(code: string, argv: readonly string[]): readonly string[] {
  const set = [...code.matchAll(/\bsys\s*\.\s*argv\s*=\s*\[([^\]]*)\]/g)].at(-1);
  return set ? listWords(set[1]!).slice(1) : argv;
}

/** Every in-process call of a known CLI's entry in Python code, as the command line it runs. */
export function pythonCliMains(code: string, argv: readonly string[] = []): ShellOut[] {
  const out: ShellOut[] = [];
  const own = (api: string, program: string): void => {
    const words = ownArguments(code, argv);
    if (words.length > 0) out.push({ kind: 'argv', api, argv: [program, ...words] });
  };
  for (const main of PYTHON_MAINS) {
    if (!code.includes(main.fn)) continue;
    const api = `${main.module}.${main.fn}${main.chain ?? ''}`;
    const tokens = (chain: string): string => chain.match(/\w+|\S/g)?.map((t) => `${escapeRegExp(t)}\\s*`).join('') ?? '';
    const callees = calleesOf(code, main).map((callee) => ({ callee, chain: tokens(main.chain ?? '') }));
    // `cli = get_default_cli()` then `cli.invoke([...])`: the variable holds what the first call returned.
    if (main.chain?.startsWith('()')) {
      for (const { callee } of callees.slice()) {
        for (const m of code.matchAll(new RegExp(`\\b(\\w+)\\s*=\\s*(?<![\\w.])${callee}\\s*\\(\\s*\\)`, 'g'))) callees.push({ callee: escapeRegExp(m[1]!), chain: tokens(main.chain.slice(2)) });
      }
    }
    for (const { callee, chain } of callees) {
      const call = new RegExp(`(?<![\\w.])${callee}\\s*${chain}\\(\\s*(?:argv\\s*=\\s*)?(\\[([^\\]]*)\\]|\\)|[^)\\s])`, 'g');
      for (const m of code.matchAll(call)) {
        if (m[1] === ')') own(api, main.program);
        else if (m[2] === undefined) out.push({ kind: 'dynamic', api });
        else {
          const words = listWords(m[2]);
          out.push({ kind: 'argv', api, argv: [main.program, ...(main.argv0 ? words.slice(1) : words)] });
        }
      }
    }
  }
  for (const m of code.matchAll(/\brun_module\s*\(\s*(['"])([\w.]+)\1/g)) {
    const program = Object.hasOwn(RUN_MODULES, m[2]!) ? RUN_MODULES[m[2]!] : undefined;
    if (program !== undefined) own(`runpy.run_module('${m[2]}')`, program);
  }
  return out;
}

/** Every command line the code runs in-process: a CLI's main (Python), a framework's command through its API (`frameworkApis.ts`). */
export function inProcessCommands(language: SnippetLanguage, code: string, argv: readonly string[] = []): ShellOut[] {
  return [...(language === 'python' ? pythonCliMains(code, argv) : []), ...frameworkApiCalls(language, code, argv)];
}
