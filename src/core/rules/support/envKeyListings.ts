import type { CodeSnippet } from '../../policy/types';

/**
 * A one-liner that parses a dotenv file and prints only its key names (`print(list(dotenv_values('.env').keys()))`,
 * `for k in dotenv_values('.env'): print(k)`, `console.log(Object.keys(dotenv.parse(fs.readFileSync('.env'))))`):
 * the names reach the screen, never a value, as `cut -d= -f1 .env` does. Read by the whole snippet's shape,
 * so that anything else in it (a second print, `.values()`, `.items()`, the mapping printed whole, an index,
 * `load_dotenv` into the environment) leaves it a read of the file.
 */

const PY_FILE = String.raw`(?:['"][\w./~-]*['"])?`;
/** `dotenv_values('.env')` (or `dotenv.dotenv_values(…)`), the mapping of key to value. */
const PY_VALUES = String.raw`(?:dotenv\.)?dotenv_values\(\s*${PY_FILE}\s*\)`;
/** Expressions of that mapping that hold only its keys (iterating a dict yields its keys). */
const PY_KEYS = String.raw`(?:(?:list|sorted|set|tuple|len)\(\s*${PY_VALUES}(?:\.keys\(\))?\s*\)|${PY_VALUES}\.keys\(\)|['"](?:\\n|,\s?|\s)['"]\.join\(\s*${PY_VALUES}(?:\.keys\(\))?\s*\))`;
const PY_IMPORT = String.raw`(?:from\s+dotenv\s+import\s+dotenv_values|import\s+dotenv)`;
const PY_PRINT = String.raw`(?:print\(\s*${PY_KEYS}\s*\)|print\(\s*\*${PY_VALUES}(?:\.keys\(\))?\s*(?:,\s*sep\s*=\s*['"](?:\\n|,\s?|\s)['"]\s*)?\)|for\s+(\w+)\s+in\s+${PY_VALUES}(?:\.keys\(\))?\s*:\s*print\(\s*\1\s*\))`;
const PYTHON = new RegExp(String.raw`^\s*${PY_IMPORT}\s*[;\n]\s*${PY_PRINT}\s*;?\s*$`);

const JS_FILE = String.raw`(?:require\(\s*['"](?:node:)?fs['"]\s*\)|fs)\.readFileSync\(\s*['"][\w./~-]*['"]\s*(?:,\s*['"]utf-?8['"]\s*)?\)`;
const JS_PARSE = String.raw`(?:require\(\s*['"]dotenv['"]\s*\)|dotenv)\.parse\(\s*${JS_FILE}\s*\)`;
const JS_KEYS = String.raw`Object\.keys\(\s*${JS_PARSE}\s*\)(?:\.join\(\s*['"](?:\\n|,\s?|\s)['"]\s*\))?`;
const JS_REQUIRES = String.raw`(?:(?:const|let|var)\s+(?:fs|dotenv)\s*=\s*require\(\s*['"](?:node:)?(?:fs|dotenv)['"]\s*\)\s*[;\n]\s*){0,2}`;
const JAVASCRIPT = new RegExp(String.raw`^\s*${JS_REQUIRES}console\.log\(\s*${JS_KEYS}\s*\)\s*;?\s*$`);

export function snippetPrintsOnlyEnvKeys(snippet: CodeSnippet): boolean {
  const text = snippet.text;
  if (text.length > 600) return false;
  if (snippet.language === 'python') return PYTHON.test(text);
  if (snippet.language === 'javascript') return JAVASCRIPT.test(text);
  return false;
}
