import type { PathEffect } from '../../policy/effects';
import type { Facts, Invocation } from '../../policy/types';
import { pointsAtConfig } from './clientConfigs';
import { exists } from './protectedPaths';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Interpreter one-liners that only read (`python3 -c "import json; json.load(open('.cursor/hooks.json'))"`,
 * `node -e "console.log(JSON.parse(require('fs').readFileSync('.claude/settings.json','utf8')))"`): code
 * naming a protected place is a writer unless it is known to only read, and this is how it is known.
 * The test is strict: no verb that writes, moves, deletes, links, runs or loads other code, no
 * computed names (escapes, char codes, `getattr`, `[...]` in JavaScript), `open()` only with a read
 * mode, and imports only of modules that parse or print. Anything else stays a writer.
 */

const PY_MODULES = /^(json|sys|os|os\.path|pathlib|yaml|toml|tomllib|re|glob|pprint|configparser|collections|itertools|textwrap|string|hashlib|csv|datetime)$/;

const PY_VERBS = /\b(write\w*|remove\w*|unlink|rmtree|rmdir|removedirs|rename\w*|replace|symlink\w*|link|hardlink_to|link_to|readlink|system|popen\w*|spawn\w*|exec\w*|eval|compile|__\w+__|importlib|getattr|setattr|delattr|globals|locals|vars|shutil|chmod|lchmod|chown|lchown|chdir|mkdir|makedirs|touch|truncate|fdopen|dup2?|pty|ctypes|socket|subprocess|pickle|marshal|mmap|fcntl|modules|builtins|dump|copy\w*|move|utime|mkfifo|mknod|\w*xattr|fileinput|tempfile|atexit|signal|kill\w*|breakpoint|input|help|lambda|chr|ord|decode|encode|b64\w*|codecs|bytes|bytearray|setrecursionlimit|putenv|environ|stdout|stderr|stdin|exit)\b/;

const JS_VERBS = /\b(write\w*|append\w*|unlink\w*|rm\w*|rename\w*|copy\w*|cp\w*|symlink\w*|link\w*|chmod\w*|chown\w*|lchown\w*|mkdir\w*|mkdtemp\w*|truncate\w*|ftruncate\w*|utimes\w*|exec\w*|spawn\w*|fork|eval|Function|child_process|process|dlopen|vm|worker_threads|Worker|inspector|open|openSync|createWriteStream|createReadStream|fromCharCode|atob|btoa|Buffer|import|module|globalThis|global|Reflect|Proxy|constructor|prototype|__proto__|setTimeout|setInterval|fetch|http|https|net|dgram|tls|cluster)\b/;

/** `open(path)` / `open(path, 'r')` / `open(path, encoding='utf-8')` with a read mode, not a method call. */
const PY_READ_OPEN = /(?<![.\w])open\(\s*('[^'\\]*'|"[^"\\]*"|[\w.]+)\s*((,\s*('r[bt]?'|"r[bt]?"|mode\s*=\s*('r[bt]?'|"r[bt]?")|encoding\s*=\s*('[\w-]+'|"[\w-]+")))*)\s*\)/g;

function pythonOnlyReads(code: string): boolean {
  if (/\\|\[::|%c|\bf['"]/.test(code)) return false;
  for (const m of code.matchAll(/\bimport\s+([\w.,\s]+?)(?:\s+as\s+\w+)?(?:;|\n|$)|\bfrom\s+([\w.]+)\s+import\b/g)) {
    const modules = (m[1] ?? m[2] ?? '').split(',').map((x) => x.trim().split(/\s+/)[0] ?? '');
    if (!modules.every((mod) => PY_MODULES.test(mod))) return false;
  }
  const rest = code.replace(PY_READ_OPEN, 'READ()');
  if (/\bopen\b/.test(rest)) return false;
  return !PY_VERBS.test(rest);
}

function javascriptOnlyReads(code: string): boolean {
  if (/\\|\[(?!\d+\])|`/.test(code)) return false;
  // `require('fs')`, `require("path")` and JSON files only: requiring a script runs it.
  for (const m of code.matchAll(/\brequire\s*\(([^)]*)\)/g)) {
    if (!/^\s*(['"])(fs|node:fs|path|node:path|os|node:os|[^'"]+\.json)\1\s*$/.test(m[1] ?? '')) return false;
  }
  const rest = code.replace(/\b(readFileSync|readFile|readdirSync|existsSync|statSync|lstatSync)\b/g, 'READ');
  return !JS_VERBS.test(rest);
}

const PYTHONS = /^(python|python3|python2|python3\.\d+|pypy3?)$/;
const NODES = /^(node|nodejs|bun)$/;

/** The inline code an interpreter invocation runs (`python3 -c CODE`, `node -e CODE`), and whether it only reads; undefined when it runs no inline code. */
export function inlineCodeOnlyReads(inv: Invocation): { code: string; onlyReads: boolean } | undefined {
  const args = inv.args;
  const py = PYTHONS.test(inv.name);
  const js = NODES.test(inv.name);
  if (!py && !js) return undefined;
  const at = args.findIndex((a) => (py ? a.text === '-c' : /^(-e|--eval|-p|--print)$/.test(a.text)));
  const word = at >= 0 ? args[at + 1] : undefined;
  if (!word || word.dynamic) return undefined;
  // The guard's own folder holds the window tokens, which are not for agents to read at all.
  if (/blast|ipc/i.test(word.text)) return { code: word.text, onlyReads: false };
  // Options before the code that load other code (`-m`, `-r`, `--require`, `--import`) are judged elsewhere; here they keep it a writer.
  if (args.slice(0, at).some((a) => /^(-m|-r|--require|--import|--loader|--experimental-loader)/.test(a.text))) return { code: word.text, onlyReads: false };
  return { code: word.text, onlyReads: py ? pythonOnlyReads(word.text) : javascriptOnlyReads(word.text) };
}

/** Python modules run with `-m` that print their one input file and write nothing (`python3 -m json.tool .gemini/settings.json`; a second operand is an output file). */
export function moduleOnlyReads(inv: Invocation): boolean {
  if (!PYTHONS.test(inv.name)) return false;
  const args = inv.args.map((a) => a.text);
  if (args[0] !== '-m' || args[1] !== 'json.tool' || inv.args.some((a) => a.dynamic)) return false;
  return freeFormReadings(inv.args.slice(2)).usual.operands.length <= 1;
}

/** Protected places that are programs or hold them: a mode without execute (`644`) stops them running. */
const PROGRAM_KINDS: ReadonlySet<string> = new Set(['guard-home', 'extension', 'runtime']);

/** A mode change that takes nothing away from the owner a protected place needs and opens nothing to others (stop 36: `chmod -R u+w .`, `find . -type f -exec chmod 644 {} +` over hook configurations). */
export function modeLowersNothing(kind: string, effect: PathEffect): boolean {
  return effect.modeChange === 'grants' || (effect.modeChange === 'keeps-owner-rw' && !PROGRAM_KINDS.has(kind));
}

/** A client pointed at its configuration (`--kubeconfig ~/.kube/config`), a `touch` of a file that is there (not the guard's own entry), a reader module: the file stays as it is. */
export function namesWithoutChanging(kind: string, abs: string, effect: PathEffect, inv: Invocation, facts: Facts): boolean {
  if (effect.kind === 'unknown') return (kind === 'exec-config' && pointsAtConfig(inv, effect.word)) || moduleOnlyReads(inv);
  if (modeLowersNothing(kind, effect)) return true;
  // A file that holds the guard's own hook entry stays guarded even from a touch (a host reloads what it sees changed).
  return inv.name === 'touch' && effect.kind === 'create' && exists(facts, abs) && !/blast[-_]shield/i.test(facts.readFile(abs) ?? 'blast-shield');
}
