import { ownTable } from '../../ownTable';
import { basename, isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { judgePayload, type PayloadLanguage } from '../deferred/payload';
import type { PerimeterView } from './protectedPaths';
import { unreadFinding } from './reach';
import { interpreterReading } from '../../policy/handlers/interpreters';

/**
 * Module indirection: code loaded from a place the command only names. `PYTHONPATH=/tmp/m python3 -c
 * 'import x'`, `node -r /tmp/x.js`, `NODE_OPTIONS=--require …`, `PERL5OPT=-M…`, `RUBYOPT=-r…`,
 * `LD_PRELOAD`, `BASH_ENV`/`ENV`, `sys.path.insert(0, '/tmp/m')`, `require('/tmp/x.js')`. Code in
 * the workspace is the project's own (it runs with the same trust as `npm test`), and so is code in
 * the system's library folders; code from anywhere else is read and judged as if it ran (payload.ts),
 * and code the hook cannot read (a module written in the same command, a folder that is not there
 * yet, a native library) is code the hook never read (reach.ts).
 */

const SYSTEM_CODE = /^\/(usr|lib|lib32|lib64|bin|sbin|System|nix\/store|snap|opt\/homebrew|Library\/Frameworks|Applications)(\/|$)/;
const CODE_FILE = /\.(py|pyc|pth|js|cjs|mjs|ts|mts|cts|pl|pm|rb|sh|bash|zsh|so|dylib|node)$/i;

/** Variables whose value names code to load, with how to read the paths out of the value. */
const LOADING_VARIABLES: Readonly<Record<string, (value: string) => string[]>> = ownTable({
  PYTHONPATH: (v) => v.split(':'),
  PYTHONSTARTUP: (v) => [v],
  PYTHONHOME: (v) => [v],
  PYTHONUSERBASE: (v) => [v],
  NODE_PATH: (v) => v.split(':'),
  NODE_OPTIONS: (v) => optionPaths(v.split(/\s+/), /^(-r|--require|--import|--loader|--experimental-loader|--env-file)$/),
  PERL5LIB: (v) => v.split(':'),
  PERLLIB: (v) => v.split(':'),
  PERL5OPT: (v) => optionPaths(v.split(/\s+/), /^-[MmI]$/),
  RUBYLIB: (v) => v.split(':'),
  RUBYOPT: (v) => optionPaths(v.split(/\s+/), /^-[rI]$/),
  LD_PRELOAD: (v) => v.split(/[:\s]+/),
  LD_AUDIT: (v) => v.split(':'),
  LD_LIBRARY_PATH: (v) => v.split(':'),
  DYLD_INSERT_LIBRARIES: (v) => v.split(':'),
  DYLD_LIBRARY_PATH: (v) => v.split(':'),
  BASH_ENV: (v) => [v],
  ENV: (v) => [v],
  ZDOTDIR: (v) => [v],
  JAVA_TOOL_OPTIONS: (v) => [...v.matchAll(/-javaagent:([^=\s]+)/g)].map((m) => m[1]!),
  JDK_JAVA_OPTIONS: (v) => [...v.matchAll(/-javaagent:([^=\s]+)/g)].map((m) => m[1]!),
});

/** Values of the options in `words` (`-r X`, `-rX`, `--require=X`) that name paths rather than packages. */
function optionPaths(words: readonly string[], options: RegExp): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0 && options.test(w.slice(0, eq))) out.push(w.slice(eq + 1));
    else if (options.test(w) && words[i + 1] !== undefined) out.push(words[++i]!);
    else if (/^-[A-Za-z]./.test(w) && options.test(w.slice(0, 2))) out.push(w.slice(2));
  }
  return out.filter(isPathLike);
}

/** A path (absolute, home-relative, explicitly relative, or a file name with a code extension), not a package name. */
function isPathLike(value: string): boolean {
  return /^(\/|~\/|\.{1,2}\/)/.test(value) || (CODE_FILE.test(value) && !value.includes('=')) || value === '.';
}

function languageOf(path: string, text: string): PayloadLanguage {
  if (/\.(py|pth)$/i.test(path) || /^#!.*python/.test(text)) return 'python';
  return 'shell';
}

interface ModuleJudge {
  inv: Invocation;
  ctx: RuleContext;
  view: PerimeterView;
  cwd: string;
}

/** Judge code loaded from `raw` (a file or a folder of modules), named by `how` for people. */
function judgeModulePath(raw: string, how: string, m: ModuleJudge, modules?: readonly string[]): Finding[] {
  const facts: Facts = m.ctx.facts;
  if (raw === '' || /\$|`/.test(raw)) return raw === '' ? [] : [unreadFinding('module-indirection', `${m.inv.name} loads code from ${raw.slice(0, 60)} (${how}), a place computed at run time`, raw.slice(0, 60), facts, m.view)];
  const abs = resolvePath(m.cwd, raw, facts.home);
  if (SYSTEM_CODE.test(abs)) return [];
  if (m.view.workspaceRoots.some((root) => isWithin(root, abs))) return how === 'PYTHONPATH' ? workspaceStartModules(abs, how, m) : [];
  const place = { where: `${abs} (${how})`, when: `when ${m.inv.name} starts` };
  const text = facts.readFile(abs);
  if (text !== undefined) {
    if (/\.(so|dylib|node)$/i.test(abs)) return [unreadFinding('module-indirection', `${m.inv.name} loads the native library ${raw} (${how}), which the hook cannot read`, raw, facts, m.view)];
    return judgePayload(text, languageOf(abs, text), place, m.inv.name, m.ctx, m.cwd);
  }
  const entries = facts.listDir(abs);
  if (entries === undefined) {
    return [unreadFinding('module-indirection', `${m.inv.name} loads code from ${raw} (${how}), which the hook cannot read now`, raw, facts, m.view)];
  }
  const wanted = entries.filter((e) => CODE_FILE.test(e) && (!modules || modules.some((name) => e.split('.')[0] === name.split('.')[0]))).slice(0, 16);
  const out: Finding[] = [];
  for (const name of wanted) {
    const file = abs.replace(/\/+$/, '') + '/' + name;
    const body = facts.readFile(file);
    if (body === undefined) out.push(unreadFinding('module-indirection', `${m.inv.name} loads ${file} (${how}), which the hook cannot read`, file, facts, m.view));
    else out.push(...judgePayload(body, languageOf(file, body), { where: `${file} (${how})`, when: `when ${m.inv.name} imports it` }, m.inv.name, m.ctx, m.cwd));
  }
  // Modules asked for by name that are not in a scratch or home folder now will be there when it runs: written by this very command.
  const scratch = /^\/(tmp|var\/tmp|dev\/shm|private\/tmp)(\/|$)/.test(abs) || isWithin(m.view.home, abs);
  if (modules && scratch && wanted.length === 0 && modules.some((name) => !PYTHON_START_MODULES.includes(name))) out.push(unreadFinding('module-indirection', `${m.inv.name} imports ${modules[0]} from ${raw} (${how}), which is not there for the hook to read`, raw, facts, m.view));
  return out;
}

/**
 * A PYTHONPATH folder of the workspace: its modules are the project's own, but `sitecustomize` and
 * `usercustomize` there run in every Python program the command starts (`PYTHONPATH=sc pytest`, `pip`),
 * so they are judged as if they ran. Interpreters read them as programs (handlers/preloadedModules.ts).
 */
function workspaceStartModules(dir: string, how: string, m: ModuleJudge): Finding[] {
  if (PYTHON_INTERPRETERS.test(m.inv.name)) return [];
  const entries = m.ctx.facts.listDir(dir);
  if (entries === undefined) return [];
  const out: Finding[] = [];
  for (const name of PYTHON_START_MODULES.filter((x) => entries.includes(`${x}.py`))) {
    const file = `${dir.replace(/\/+$/, '')}/${name}.py`;
    const body = m.ctx.facts.readFile(file);
    if (body !== undefined) out.push(...judgePayload(body, 'python', { where: `${file} (${how})`, when: `when ${m.inv.name} starts Python (PYTHONPATH puts it first)` }, m.inv.name, m.ctx, m.cwd));
  }
  return out;
}

const PYTHON_INTERPRETERS = /^(python[0-9.]*|pypy[0-9.]*|py|ipython3?)$/;

/** Modules a Python/Node invocation imports by name: `-m x`, `-c 'import x'`. */
function importedModules(inv: Invocation): string[] | undefined {
  const words = inv.args.map((a) => a.text);
  const m = words.indexOf('-m');
  if (m >= 0 && words[m + 1]) return [words[m + 1]!.split('.')[0]!];
  const c = words.findIndex((w) => w === '-c' || w === '-e' || w === '--eval');
  if (c >= 0 && words[c + 1]) {
    const names = [...words[c + 1]!.matchAll(/\b(?:import|from)\s+([A-Za-z_][\w]*)|require\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)].map((x) => x[1] ?? x[2] ?? '');
    return names.filter((n) => n !== '');
  }
  return undefined;
}

/** Modules Python imports by itself at start-up from every folder of its search path (`site`: `-S` and `-I` skip them). */
const PYTHON_START_MODULES: readonly string[] = ['sitecustomize', 'usercustomize'];

/** What a Python invocation imports from a PYTHONPATH folder: the modules it names, and the start-up modules before them. */
function pythonStartModules(inv: Invocation, variable: string): string[] | undefined {
  const named = importedModules(inv);
  if (named === undefined || variable !== 'PYTHONPATH' || !PYTHON_INTERPRETERS.test(inv.name)) return named;
  if (interpreterReading(inv.name, inv.args)?.options.some((o) => o.name === '-S' || o.name === '-I')) return named;
  return [...named, ...PYTHON_START_MODULES];
}

const NODE_RUNTIMES = /^(node|nodejs|bun|deno|tsx|ts-node)$/;

/** Code-loading variables and options of one invocation. */
export function judgeModuleLoading(inv: Invocation, ctx: RuleContext, view: PerimeterView): Finding[] {
  const m: ModuleJudge = { inv, ctx, view, cwd: inv.cwd || ctx.facts.cwd };
  const out: Finding[] = [];
  for (const [name, value] of Object.entries(inv.assignments)) {
    const read = LOADING_VARIABLES[name];
    if (!read) continue;
    if (name === 'ENV' && !/^(sh|dash|ksh|mksh|bash|posh|yash|ash|busybox)$/.test(inv.name)) continue;
    const dirs = /PATH|LIB/.test(name) && !/PRELOAD|INSERT/.test(name);
    // A folder list names folders: `PYTHONPATH=sc` is the folder sc, not a package name.
    for (const p of read(value).filter((x) => x !== '' && (dirs ? !x.includes('=') : isPathLike(x)))) out.push(...judgeModulePath(p, name, m, dirs && name.startsWith('PYTHON') ? pythonStartModules(inv, name) : undefined));
  }
  const words = inv.args.map((a) => a.text);
  if (NODE_RUNTIMES.test(inv.name)) {
    for (const p of optionPaths(words, /^(-r|--require|--import|--loader|--experimental-loader|--preload)$/)) out.push(...judgeModulePath(p, `${inv.name} ${words.find((w) => w.startsWith('-'))}`, m));
  }
  if (/^(perl|ruby)$/.test(inv.name)) {
    for (const p of optionPaths(words, inv.name === 'perl' ? /^-[IM]$/ : /^-[Ir]$/)) out.push(...judgeModulePath(p, `${inv.name} option`, m));
  }
  return out;
}

/** Paths code adds to its module search or loads a file from: `sys.path.insert(0, '/tmp/m')`, `require('/tmp/x.js')`, `fork('/tmp/x.js')`, `use lib '/tmp'`. */
const CODE_LOADS = [
  /sys\.path\.(?:insert|append)\s*\([^'")]*['"]([^'"]+)['"]/g,
  /site\.addsitedir\s*\(\s*['"]([^'"]+)['"]/g,
  /(?:run_path|spec_from_file_location\s*\([^,]*,|exec\s*\(\s*open)\s*\(?\s*['"]([^'"]+)['"]/g,
  /\brequire\s*\(\s*['"]((?:\/|~\/|\.\.\/)[^'"]+)['"]/g,
  // Round 8: `child_process.fork(PATH)` and `new Worker(PATH)` run a module file as `require` loads one.
  /\b(?:fork|Worker)\s*\)?\s*\(\s*['"`]((?:\/|~\/|\.\.\/)[^'"`]+)['"`]/g,
  /\bimport\s*\(\s*['"]((?:\/|~\/|\.\.\/|file:)[^'"]+)['"]/g,
  /\bfrom\s+['"]((?:\/|~\/|file:)[^'"]+)['"]/g,
  /\buse\s+lib\s+['"]([^'"]+)['"]/g,
  /\b(?:require|load|do|require_relative|include|include_once|require_once)\s*\(?\s*['"]((?:\/|~\/)[^'"]+)['"]/g,
];

/** Module paths named in interpreter code, judged like the variables above. */
export function judgeCodeLoads(code: string, runner: Invocation, ctx: RuleContext, view: PerimeterView): Finding[] {
  const m: ModuleJudge = { inv: runner, ctx, view, cwd: runner.cwd || ctx.facts.cwd };
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const re of CODE_LOADS) {
    for (const match of code.matchAll(re)) {
      const p = match[1]!.replace(/^file:\/\//, '');
      if (seen.has(p) || seen.size >= 8) continue;
      seen.add(p);
      out.push(...judgeModulePath(p, `loaded by the code (${basename(p)})`, m));
    }
  }
  return out;
}
