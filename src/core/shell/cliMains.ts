/**
 * A CLI's own entry point called in-process from Python code: the argument list handed to its main is
 * that CLI's command line (`from alembic.config import main; main(argv=['downgrade', 'base'])` is
 * `alembic downgrade base`; `execute_from_command_line(['manage.py', 'flush'])` is `django-admin flush`;
 * `awscli.clidriver.create_clidriver().main([...])` is `aws …`; `twine.cli.dispatch([...])` is
 * `twine …`). A list of string literals is read word by word (another element is a run-time word);
 * an argument that is no list literal makes the command computed (the engine asks). A call with no
 * argument reads the interpreter's own argv, which `python -c` leaves empty: nothing is added.
 */

import type { ShellOut } from './embedded';

interface CliMain {
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
  { module: 'pip._internal.cli.main', fn: 'main', program: 'pip' },
  { module: 'poetry.console.application', fn: 'main', program: 'poetry' },
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names code calls the entry by: `from M import F [as A]` gives A, `import M [as A]` gives A.F (or M.F). */
function calleesOf(code: string, main: CliMain): string[] {
  const out: string[] = [];
  const from = new RegExp(`\\bfrom\\s+${escape(main.module)}\\s+import\\s+([^\\n;]+)`, 'g');
  for (const m of code.matchAll(from)) {
    for (const part of m[1]!.replace(/[()]/g, '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === main.fn) out.push(escape(alias ?? name));
    }
  }
  const plain = new RegExp(`\\bimport\\s+${escape(main.module)}(?:\\s+as\\s+(\\w+))?`, 'g');
  for (const m of code.matchAll(plain)) out.push(`${escape(m[1] ?? main.module)}\\s*\\.\\s*${escape(main.fn)}`);
  // `from awscli import clidriver` then `clidriver.create_clidriver()`.
  const dot = main.module.lastIndexOf('.');
  if (dot > 0) {
    const parent = new RegExp(`\\bfrom\\s+${escape(main.module.slice(0, dot))}\\s+import\\s+${escape(main.module.slice(dot + 1))}(?:\\s+as\\s+(\\w+))?`, 'g');
    for (const m of code.matchAll(parent)) out.push(`${escape(m[1] ?? main.module.slice(dot + 1))}\\s*\\.\\s*${escape(main.fn)}`);
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

/** Every in-process call of a known CLI's entry in Python code, as the command line it runs. */
export function pythonCliMains(code: string): ShellOut[] {
  const out: ShellOut[] = [];
  for (const main of PYTHON_MAINS) {
    if (!code.includes(main.fn)) continue;
    const chain = (main.chain ?? '').match(/\w+|\S/g)?.map((t) => `${escape(t)}\\s*`).join('') ?? '';
    for (const callee of calleesOf(code, main)) {
      const call = new RegExp(`(?<![\\w.])${callee}\\s*${chain}\\(\\s*(?:argv\\s*=\\s*)?(\\[([^\\]]*)\\]|[^)\\s])`, 'g');
      for (const m of code.matchAll(call)) {
        const api = `${main.module}.${main.fn}${main.chain ?? ''}`;
        if (m[2] === undefined) {
          out.push({ kind: 'dynamic', api });
          continue;
        }
        const words = listWords(m[2]);
        out.push({ kind: 'argv', api, argv: [main.program, ...(main.argv0 ? words.slice(1) : words)] });
      }
    }
  }
  return out;
}
