/**
 * What code the agent runs loads from the workspace: the local modules a Python, JavaScript, Ruby,
 * PHP or Perl file imports, requires or includes, followed a bounded number of levels within a
 * per-decision budget. A module found here is analysed as if it ran now (Python runs a module's
 * top level on import, node a required file's). A load whose name is computed at run time, or a
 * budget spent, asks; a file that exists but cannot be read is opaque (`readFile`); a relative file
 * that is not there fails when it runs (like a missing script); a name found nowhere here (the
 * standard library, an installed package, composer's vendor folder) is the tool itself and is not read.
 */

import { foldedText } from '../rules/support/foldedStrings';
import { dirname, resolvePath } from '../paths';
import type { Invocation, Origin, SnippetLanguage } from './types';
import { isInstalledPackage, type Exec, type Walker } from './handlers/context';
import { plantedNodeModule } from './nodeResolution';
import { parseCommand, type GrammarSpec } from '../shell/grammar';

/** The folders of a `:`-separated list variable, resolved (a few). */
function listedFolders(value: string | undefined, cwd: string, home: string): string[] {
  return value === undefined ? [] : value.split(':').filter((d) => d !== '' && !/[$`]/.test(d)).slice(0, 8).map((d) => resolvePath(cwd, d, home));
}

/** The folders of `NODE_PATH` given to the runner, resolved. */
export function nodePathOf(runner: Invocation, cwd: string, home: string): string[] {
  return listedFolders(runner.assignments['NODE_PATH'], cwd, home);
}

/** The options of ruby and perl before the program that take a value (`-I` among them), enough to find where the program starts. */
const LOAD_FOLDER_GRAMMAR: GrammarSpec = {
  options: ['-I', '-e', '-E', '-r', '-M', '-C', '-x'].map((name) => ({ names: [name], takes: 'one' as const })),
  interspersed: false,
  unknownShort: 'switch',
};

/** The load folders a ruby or perl run names: its `-I` options (read by the grammar) and RUBYLIB / PERL5LIB. */
function loadFoldersOf(runner: Invocation, language: 'ruby' | 'perl', cwd: string, home: string): string[] {
  const options = parseCommand(runner.args, LOAD_FOLDER_GRAMMAR).options.filter((o) => !o.valueWords.some((v) => v.dynamic));
  // perl's `-Mlib=.,lib` is `use lib` on the command line.
  const given = options.flatMap((o) => (o.name === '-I' ? o.values : o.name === '-M' && language === 'perl' ? o.values.filter((v) => v.startsWith('lib=')).flatMap((v) => v.slice(4).split(',')) : []));
  const variable = language === 'ruby' ? runner.assignments['RUBYLIB'] : runner.assignments['PERL5LIB'] ?? runner.assignments['PERLLIB'];
  return [...given.slice(0, 8).map((d) => resolvePath(cwd, d, home)), ...listedFolders(variable, cwd, home)];
}

/** Local files loaded through imports in one decision; more asks. */
export const MAX_LOADED_FILES = 40;
/** Import hops followed from the file the agent runs; deeper asks. */
export const MAX_LOAD_LEVELS = 4;

interface LoadState {
  files: number;
  seen: Set<string>;
  exhausted: boolean;
  /** Python's search root for each load being read (its length is the import depth). */
  roots: string[];
}

const states = new WeakMap<Walker, LoadState>();

function stateOf(w: Walker): LoadState {
  let s = states.get(w);
  if (!s) {
    s = { files: 0, seen: new Set(), exhausted: false, roots: [] };
    states.set(w, s);
  }
  return s;
}

/** One load a file asks for: a module name (resolved against the search roots) or a path. */
export interface LoadRequest {
  spec: string;
  /** `relative`: a path from the loading file's folder; `module`: a dotted Python module; `package`: a name node looks up in node_modules. */
  kind: 'relative' | 'module' | 'dynamic' | 'root' | 'package';
}

const PY_IMPORT = /^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#;]+)|import[ \t]+([^\n#;]+))/gm;
const PY_DYNAMIC = /\b(?:importlib\.import_module|__import__|runpy\.run_(?:module|path)|import_module)\s*\(\s*([^)\n]*)/g;

function pythonLoads(text: string): LoadRequest[] {
  const out: LoadRequest[] = [];
  for (const m of text.matchAll(PY_IMPORT)) {
    if (m[1] !== undefined) {
      const base = m[1];
      const names = m[2]!.replace(/[()]/g, ' ').split(',').map((n) => n.trim().split(/\s+/)[0]!).filter((n) => /^[\w]+$/.test(n));
      out.push({ spec: base, kind: 'module' });
      for (const n of names) out.push({ spec: base.endsWith('.') ? base + n : `${base}.${n}`, kind: 'module' });
    } else {
      for (const part of m[3]!.split(',')) {
        const name = part.trim().split(/\s+/)[0]!;
        if (/^[\w.]+$/.test(name)) out.push({ spec: name, kind: 'module' });
      }
    }
  }
  // `exec(open("helper.py").read())`: a file's text run here.
  for (const m of text.matchAll(/\bexec\s*\(\s*open\s*\(\s*([^)\n]*)\)/g)) {
    const literal = /^\s*(['"])([\w./-]+)\1\s*(?:,|$)/.exec(m[1]!);
    out.push(literal ? { spec: literal[2]!, kind: 'relative' } : { spec: m[0].slice(0, 80), kind: 'dynamic' });
  }
  // `importlib.util.spec_from_file_location("m", "x.py")`, `SourceFileLoader("m", "x.py")`, `imp.load_source("m", "x.py")`: a file run as a module.
  for (const m of text.matchAll(/\b(?:spec_from_file_location|SourceFileLoader|SourcelessFileLoader|load_source|load_compiled)\s*\(\s*[^,()\n]+,\s*([^)\n]*)/g)) {
    const literal = /^\s*(['"])([\w./-]+)\1\s*(?:[,)]|$)/.exec(m[1]!);
    out.push(literal ? { spec: literal[2]!, kind: 'relative' } : { spec: m[0].slice(0, 80), kind: 'dynamic' });
  }
  // `sys.path.insert(0, "lib")`: later imports also look there.
  for (const m of text.matchAll(/\bsys\.path\.(?:insert\s*\(\s*\d+\s*,|append\s*\()\s*(['"])([\w./-]+)\1/g)) out.push({ spec: m[2]!, kind: 'root' });
  for (const m of text.matchAll(PY_DYNAMIC)) {
    const literal = /^\s*(['"])([\w./-]+)\1\s*(?:,|$)/.exec(m[1]!);
    if (!literal) out.push({ spec: m[0].slice(0, 80), kind: 'dynamic' });
    else out.push({ spec: literal[2]!, kind: m[0].startsWith('runpy.run_path') ? 'relative' : 'module' });
  }
  return out;
}

const JS_STATIC = /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+(?:[\w*{}\s,$]+\s+from\s+)?|\bexport\s+[\w*{}\s,$]+\s+from\s+)(['"`])([^'"`\n]+)\1/g;
const JS_DYNAMIC = /\b(?:require|import)\s*\(\s*(?![\s'"`)])([^)\n]{0,80})/g;

function javascriptLoads(text: string): LoadRequest[] {
  const out: LoadRequest[] = [];
  for (const m of text.matchAll(JS_STATIC)) {
    const spec = m[2]!;
    if (m[1] === '`' && spec.includes('${')) out.push({ spec, kind: 'dynamic' });
    else if (/^\.{1,2}(\/|$)|^\//.test(spec)) out.push({ spec, kind: 'relative' });
    // A bare name: read only when what node finds for it was not installed by a package manager (nodeResolution.ts).
    else if (m[1] !== '`' && /^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]+)?$/.test(spec) && out.length < 32) out.push({ spec, kind: 'package' });
  }
  // `require('module').createRequire(__filename)('./evil')`, node's own loaders (`require('module')._load('./x')`,
  // `module.require`, `process.mainModule.require`, `require.call(null, './x')`): each loads like require.
  for (const m of text.matchAll(/(?:\bcreateRequire\s*\([^()]*\)|\._load|\.require|\brequire\s*\.\s*(?:call|apply)\s*\(\s*\w+\s*,\s*\[?)\s*\(?\s*(['"`])([^'"`\n]+)\1/g)) out.push({ spec: m[2]!, kind: /^\.{1,2}(\/|$)|^\//.test(m[2]!) ? 'relative' : 'package' });
  for (const m of text.matchAll(/\.(?:_load|_compile)\s*\(\s*(?![\s'"`)])([^)\n]{0,80})/g)) out.push({ spec: m[0].slice(0, 80), kind: 'dynamic' });
  for (const m of text.matchAll(JS_DYNAMIC)) out.push({ spec: m[0].slice(0, 80), kind: 'dynamic' });
  return out;
}

function rubyLoads(text: string): LoadRequest[] {
  const out: LoadRequest[] = [];
  // `$LOAD_PATH.unshift "."`, `$: << "lib"`: later requires by name also look there.
  for (const m of text.matchAll(/(?:\$LOAD_PATH|\$:)\s*(?:\.\s*(?:unshift|push|prepend|append)\s*\(?|<<)\s*(['"])([\w./~-]+)\1/g)) out.push({ spec: m[2]!, kind: 'root' });
  for (const m of text.matchAll(/\b(require_relative|require|load)\s*\(?\s*(['"])([^'"\n]+)\2/g)) {
    if (m[1] === 'require_relative') out.push({ spec: './' + m[3]!, kind: 'relative' });
    // `load "x.rb"` finds a relative name in the working folder when the load path does not hold it.
    else if (m[1] === 'load' && /^\w[\w/.-]*\.rb$/.test(m[3]!)) out.push({ spec: './' + m[3]!, kind: 'relative' });
    else if (/^\.{1,2}\/|^\//.test(m[3]!)) out.push({ spec: m[3]!, kind: 'relative' });
    // A bare name: looked up only in the load folders the run names (-I, RUBYLIB); elsewhere it is a gem or the standard library.
    else if (m[1] === 'require' && /^\w[\w/.-]*$/.test(m[3]!) && out.length < 32) out.push({ spec: m[3]!, kind: 'package' });
  }
  return out;
}

function phpLoads(text: string): LoadRequest[] {
  const out: LoadRequest[] = [];
  for (const m of text.matchAll(/\b(?:include|require)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*)?(['"])([^'"\n]+)\1/g)) out.push({ spec: m[2]!.startsWith('/') && !m[0].includes('__DIR__') ? m[2]! : './' + m[2]!.replace(/^\//, ''), kind: 'relative' });
  return out;
}

function perlLoads(text: string): LoadRequest[] {
  const out: LoadRequest[] = [];
  for (const m of text.matchAll(/\b(?:do|require)\s*\(?\s*(['"])([^'"\n]+\.p[lm])\1/g)) out.push({ spec: m[2]!.startsWith('/') ? m[2]! : './' + m[2]!, kind: 'relative' });
  // `use lib "."`, `use lib qw(. lib)`, `push @INC, "."`, `unshift @INC, "lib"`: folders searched for later modules.
  for (const m of text.matchAll(/\buse\s+lib\s+(?:qw\s*[([{/]([^)\]}/]*)|(['"])([^'"\n]+)\2)/g)) for (const d of (m[1] ?? m[3]!).split(/[\s,]+/)) if (d !== '') out.push({ spec: d, kind: 'root' });
  for (const m of text.matchAll(/\b(?:push|unshift)\s*\(?\s*@INC\s*,\s*(['"])([^'"\n]+)\1/g)) out.push({ spec: m[2]!, kind: 'root' });
  // `use Evil;` / `require Foo::Bar;`: looked up only in the folders the run names (-I, PERL5LIB, use lib); pragmas are lower-case.
  for (const m of text.matchAll(/(?:^|[;{}])[ \t]*(?:use|require)[ \t]+([A-Z]\w*(?:::\w+)*)/gm)) if (out.length < 32) out.push({ spec: m[1]!, kind: 'package' });
  return out;
}

const FOLLOWERS: Partial<Record<SnippetLanguage, (text: string) => LoadRequest[]>> = {
  python: pythonLoads,
  javascript: javascriptLoads,
  ruby: rubyLoads,
  php: phpLoads,
  perl: perlLoads,
};

const JS_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx', '/index.js', '/index.mjs', '/index.cjs', '/index.ts'];

/** Whether the folder listing (memoised per decision) shows `path`: probing costs no file read. */
export function exists(w: Walker, path: string): boolean {
  const slash = path.lastIndexOf('/');
  const names = w.facts.listDir(path.slice(0, slash) || '/');
  return names !== undefined && names.includes(path.slice(slash + 1));
}

/** The files a Python module name stands for under `root`: each package's `__init__.py` on the way, then the module; undefined when its first part is not there. */
export function pythonModuleFiles(w: Walker, root: string, dotted: string): string[] | undefined {
  const parts = dotted.split('.').filter((p) => p !== '');
  const files: string[] = [];
  let dir = root;
  for (let i = 0; i < parts.length; i++) {
    const base = `${dir}/${parts[i]}`;
    if (exists(w, base + '.py')) return [...files, base + '.py'];
    if (!exists(w, base)) return i === 0 ? undefined : files;
    if (exists(w, base + '/__init__.py')) files.push(base + '/__init__.py');
    dir = base;
  }
  return parts.length === 0 ? undefined : files;
}

function resolveLoad(w: Walker, language: SnippetLanguage, request: LoadRequest, fromDir: string, roots: readonly string[], nodePath: readonly string[]): string[] | 'unresolved' {
  if (language === 'python' && request.kind === 'module') {
    const leading = /^\.*/.exec(request.spec)![0].length;
    if (leading > 0) {
      let dir = fromDir;
      for (let i = 1; i < leading; i++) dir = dirname(dir);
      return pythonModuleFiles(w, dir, request.spec.slice(leading)) ?? [];
    }
    for (const root of roots) {
      const files = pythonModuleFiles(w, root, request.spec);
      if (files !== undefined) return files;
    }
    return [];
  }
  if (request.kind === 'package') {
    if (language === 'javascript') {
      const found = plantedNodeModule(w.facts, request.spec, fromDir, nodePath, w.facts.home);
      return found === undefined ? [] : [found];
    }
    // Ruby and Perl: `nodePath` holds the load folders the run names.
    const rel = language === 'perl' ? request.spec.replace(/::/g, '/') + '.pm' : request.spec.endsWith('.rb') ? request.spec : request.spec + '.rb';
    const found = nodePath.map((d) => `${d}/${rel}`).find((f) => exists(w, f));
    return found === undefined ? [] : [found];
  }
  const path = resolvePath(fromDir, request.spec, w.facts.home);
  if (isInstalledPackage(path) || path.includes('/vendor/')) return [];
  if (language === 'javascript') {
    if (/\.(json|css|scss|less|svg|png|jpe?g|gif|wasm|node|html|txt|md)$/.test(path)) return [];
    if (exists(w, path + '.json')) return [];
    for (const ext of JS_EXTENSIONS) if (exists(w, path + ext)) return [path + ext];
    return 'unresolved';
  }
  if (language === 'ruby') return exists(w, path) ? [path] : exists(w, path + '.rb') ? [path + '.rb'] : 'unresolved';
  return exists(w, path) ? [path] : 'unresolved';
}

/**
 * Follow the local loads of `text`, the code of `path` in `language` run by `runner`. Python's search
 * root is the folder of the first script (or the working folder for `-c`/`-m`), kept while its
 * imports are read.
 */
export function followLocalLoads(w: Walker, language: SnippetLanguage, text: string, path: string | undefined, runner: Invocation, exec: Exec, label: string): void {
  const follower = FOLLOWERS[language];
  if (!follower) return;
  // `require("./ev"+"il.js")`, `include_once "e"."php"`: names built from literals are the names loaded.
  const requests = follower(foldedText(text, language));
  if (requests.length === 0) return;
  const state = stateOf(w);
  const via = w.viaOf(exec);
  const fromDir = path === undefined ? exec.cwd : dirname(path);
  const root = state.roots[state.roots.length - 1] ?? fromDir;
  const roots = [root, ...requests.filter((r) => r.kind === 'root').map((r) => resolvePath(fromDir, r.spec, w.facts.home))];
  const nodePath = language === 'javascript' ? nodePathOf(runner, exec.cwd, w.facts.home) : language === 'ruby' || language === 'perl' ? [...roots.slice(1), ...loadFoldersOf(runner, language, exec.cwd, w.facts.home)] : [];
  // PYTHONPATH's folders come after the script's own folder.
  if (language === 'python') roots.push(...listedFolders(runner.assignments['PYTHONPATH'], exec.cwd, w.facts.home));
  for (const request of requests) {
    if (request.kind === 'root') continue;
    if (request.kind === 'dynamic') {
      w.addOpaque(`${label} loads code whose name is computed at run time (${request.spec})`, via);
      continue;
    }
    const files = resolveLoad(w, language, request, fromDir, roots, nodePath);
    // A relative load with no file behind it fails when it runs, like a missing script: it runs nothing.
    if (files === 'unresolved') continue;
    for (const file of files) {
      if (state.seen.has(file) || w.isActiveFile(file)) continue;
      state.seen.add(file);
      if (state.roots.length >= MAX_LOAD_LEVELS || state.files >= MAX_LOADED_FILES) {
        if (!state.exhausted) w.addOpaque(`${label} loads more local modules than the guard reads (${w.display(file)})`, via);
        state.exhausted = true;
        return;
      }
      state.files++;
      const loaded = w.readFile(file, via);
      if (loaded === undefined) continue;
      state.roots.push(root);
      try {
        w.runFileText(file, loaded, language, runner, { ...exec, scope: w.childScope(exec, `loads ${w.display(file)}`) }, `${label} (${w.display(file)})`);
      } finally {
        state.roots.pop();
      }
    }
  }
}

/** A program file's code as it runs: its own text, then the local modules it loads. */
export function runProgram(w: Walker, language: SnippetLanguage, text: string, path: string, runner: Invocation, origin: Origin, exec: Exec, label: string): void {
  w.snippet(language, text, runner, origin, exec, label);
  followLocalLoads(w, language, text, path, runner, exec, label);
}
