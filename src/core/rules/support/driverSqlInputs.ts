import type { CodeSnippet, Facts, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { foldedText } from './foldedStrings';

/**
 * SQL a database driver runs that is not a literal at the call (red team round 14): text read from a file
 * (`cursor.execute(open(path).read())`, `pool.query(fs.readFileSync('x.sql', 'utf8'))`), taken from
 * the program's arguments (`execute(sys.argv[2])` with the statement after the code), or built at run time
 * (`' '.join(['TRUNCATE', 'users'])`, `'TRUNCATE %s' % t`, a decoded string). A file that can be read and the
 * arguments on the line are read as the statements they hold; text built from literals and character codes
 * (`chr(68) + 'ROP TABLE users'`, `String.fromCharCode(…)`, round 16) is folded and read as the statement it builds;
 * fragments of a built statement are joined and read; what no literal says is unreadable, which asks when the
 * connection is production, or remote of unknown environment when not even the statement's verb is written.
 */

/** Calls that hand text to a driver or an ORM's raw executor. */
export const DRIVER_CALL = /\b(execute|executemany|executescript|execute_sql|exec_driver_sql|exec_query|execute_query|executeQuery|query|exec|raw|run|prepare|sql|cursor|knex|sequelize|unsafe)\b|\$(?:execute|query)Raw(?:Unsafe)?|->do\s*\(/i;

const EXECUTOR = /(?:\.|->)\s*(execute|executemany|executescript|execute_sql|exec_driver_sql|exec_query|execute_query|executeQuery|query|exec|exec_params|raw|unsafe|do|selectall_arrayref|\$executeRawUnsafe|\$queryRawUnsafe)\s*\(/g;
/** A statement taken from the environment: `process.env.Q`, `os.environ['Q']`, `os.getenv('Q')`, Perl's `$ENV{Q}`, Ruby's `ENV['Q']`, PHP's `getenv('Q')`. */
const ENV_READ = /\bprocess\.env\.(\w+)|\bprocess\.env\[\s*['"](\w+)['"]\s*\]|\bos\.environ\s*\[\s*['"](\w+)['"]\s*\]|\b(?:os\.environ\.get|os\.getenv|getenv|ENV\.fetch)\s*\(\s*['"](\w+)['"]|\$ENV\{\s*['"]?(\w+)['"]?\s*\}|\bENV\s*\[\s*['"](\w+)['"]\s*\]/;
/** A statement read from standard input: `sys.stdin.read()`, `readFileSync(0)`, `<STDIN>`, `$stdin.read`, `php://stdin`. */
const STDIN_READ = /\bsys\.stdin\b|\breadFileSync\s*\(\s*(?:0|['"]\/dev\/stdin['"])|\bprocess\.stdin\b|<STDIN>|\$stdin\b|\bSTDIN\.read|php:\/\/stdin/;
const SQL_FILE = /(?:\bopen|readFileSync|readFile|\bread_text|File\.read|IO\.read|file_get_contents|Path)\s*\(\s*(['"])([^'"\n]+\.sql)\1/g;
// Perl's bare `shift` outside a sub is `shift @ARGV` (a one-liner's code has no sub around it).
const ARGV = /\bsys\.argv\b|\bprocess\.argv\b|\bARGV\b|\$argv\b|\bDeno\.args\b|\bshift\b(?!\s*(?:\(\s*)?[@$])/;

export interface DriverSqlInputs {
  /** The code with the program's arguments appended as literals (for the connection they may name). */
  text: string;
  /** Statements read from files, arguments and built fragments. */
  sql: string[];
  /** Why a statement handed to a driver cannot be read in advance. */
  unreadable?: string;
  /** A built statement whose literals do not say even what kind of statement it is (`execute(decode(x))`). */
  verbHidden: boolean;
}

/** What builds text: literals, joins and formats, decoders and character codes, the program's arguments, environment or input. */
const BUILT_TEXT = /['"`+%]|\b(?:chr|decode|fromCharCode|atob|b64decode|unhexlify|join|format|read|readline|argv|ARGV|environ|getenv|env|ENV|stdin|STDIN|input|gets|reverse|replace|pack|toString)\b/;
const STATEMENT_VERB = /^\s*(?:select|insert|update|delete|drop|truncate|alter|create|with|merge|replace|grant|revoke|vacuum|analyze|copy|call|set|show|explain|begin|commit|use|pragma)\b/i;

/** The argument text of the call whose `(` is at `open` (quotes respected), or undefined past 2,000 characters. */
function argumentAt(code: string, open: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = open; i < code.length && i < open + 2000; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  return undefined;
}

const LITERAL = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;

/** The program's own arguments: the words after the code on `python -c CODE a b`, `node -e CODE a b`, `ruby -e CODE a b`. */
function programArguments(snippet: CodeSnippet): string[] {
  const args = snippet.runner.args;
  const at = args.findIndex((a) => a.text === snippet.text);
  return at < 0 ? [] : args.slice(at + 1).filter((a) => !a.dynamic).map((a) => a.text).slice(0, 20);
}

/** The program's standard input is read by the caller (a file redirected in, a here-string): the database pack's `stdinText`. */
export function driverSqlInputs(snippet: CodeSnippet, facts: Facts, stdin: () => string | undefined = () => undefined): DriverSqlInputs {
  const code = snippet.text.length > 100_000 ? snippet.text.slice(0, 100_000) : snippet.text;
  const sql: string[] = [];
  let unreadable: string | undefined;
  let verbHidden = false;
  const read = new Set<string>();
  const inv = snippet.runner;
  for (const m of code.matchAll(SQL_FILE)) {
    const path = m[2]!;
    const text = /[$`{]/.test(path) ? undefined : facts.readFile(resolvePath(resolvePath(facts.cwd, inv.cwd, facts.home), path, facts.home));
    if (text !== undefined) {
      sql.push(text.slice(0, 100_000));
      read.add(path);
    } else unreadable ??= `runs SQL read from ${path}, which cannot be read in advance`;
    if (read.size + (unreadable ? 1 : 0) >= 5) break;
  }
  const argv = ARGV.test(code) ? programArguments(snippet) : [];
  sql.push(...argv);
  let calls = 0;
  for (const m of code.matchAll(EXECUTOR)) {
    if (++calls > 50) break;
    const written = argumentAt(code, m.index + m[0].length - 1)?.trim();
    if (written === undefined || written === '') continue;
    // A plain literal (with parameters after it) is read by the caller as it stands.
    const first = /^(?:[rRbBuUfF]{0,2})?("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\$]|\\.)*`)\s*(?:,|$)/.exec(written);
    // Text from the environment or standard input: the line's assignment or the file redirected in, else unreadable.
    const env = ENV_READ.exec(written);
    const fromEnv = env ? env.slice(1).find((n) => n !== undefined) : undefined;
    if (fromEnv !== undefined || STDIN_READ.test(written)) {
      const text = fromEnv !== undefined ? inv.assignments[fromEnv] : stdin();
      if (text !== undefined) sql.push(text.slice(0, 100_000));
      else {
        unreadable ??= `hands ${m[1]} a statement from ${fromEnv !== undefined ? `the environment variable ${fromEnv}` : 'standard input'}, which cannot be read in advance`;
        verbHidden = true; // not even the statement's kind is written
      }
      continue;
    }
    if (first || /^[A-Za-z_$][\w$]*\s*(?:,|$)/.test(written)) continue;
    // Text built from literals and character codes (`chr(68) + 'ROP TABLE users'`) is the statement it builds.
    const arg = foldedText(written);
    const built = arg !== written ? /^"((?:[^"\\]|\\.)*)"\s*(?:,|$)/.exec(arg) : null;
    if (built) {
      sql.push(JSON.parse(`"${built[1]!}"`) as string);
      continue;
    }
    if ([...read].some((p) => arg.includes(p)) || (ARGV.test(arg) && argv.length > 0)) continue;
    const pieces = [...arg.matchAll(LITERAL)].map((l) => l[1] ?? l[2] ?? l[3] ?? '');
    const joined = pieces.join(' ').replace(/%[sd]|\{\}|\$\{[^}]*\}/g, ' ').replace(/\s+/g, ' ').trim();
    if (joined !== '') sql.push(joined);
    unreadable ??= `hands ${m[1]} a statement built at run time (${written.replace(/\s+/g, ' ').slice(0, 60)})`;
    // Literals that do not open with a statement's verb hide what kind of statement runs.
    // (An ORM statement object, `execute(delete(User).where(…))`, is no text: its reader is the ORM pack's.)
    verbHidden ||= !STATEMENT_VERB.test(joined) && BUILT_TEXT.test(written);
  }
  const text = argv.length > 0 ? `${code}\n${argv.map((a) => JSON.stringify(a)).join('\n')}` : code;
  return { text, sql, verbHidden, ...(unreadable !== undefined ? { unreadable } : {}) };
}

/**
 * A statement that cannot be read asks on a production connection; on a remote one whose environment nothing says
 * (unknown is production) it asks when not even its kind can be read, while a query whose verb is written
 * (`'SELECT … WHERE id = ' + str(i)`) is the program's routine work there.
 */
export function opaqueDriverInput(inputs: DriverSqlInputs | undefined, conn: { values: readonly string[]; sources: readonly { source: string; value: string }[]; remote: boolean; selectors?: readonly string[] }, ctx: RuleContext): { opaqueInput: string } | Record<string, never> {
  if (inputs?.unreadable === undefined) return {};
  const env = ctx.environmentOf({ values: conn.values, sources: conn.sources, remote: conn.remote, ...(conn.selectors ? { selectors: conn.selectors } : {}) }).environment;
  return env === 'production' || (inputs.verbHidden && conn.remote && env === 'unknown') ? { opaqueInput: `code ${inputs.unreadable}` } : {};
}
