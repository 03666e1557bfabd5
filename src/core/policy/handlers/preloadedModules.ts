/**
 * Code an interpreter loads before (or instead of) the program it is given, by a name it looks up
 * (round 9): `ruby -r evil -I.` / `RUBYLIB`/`RUBYOPT`, `perl -MEvil -I.` / `PERL5LIB`/`PERL5OPT`,
 * `node -r ./x.js` / `--import` / `NODE_OPTIONS`, `python -m pkg` (the package's `__init__.py` and
 * `__main__.py`), and Python's `sitecustomize`/`usercustomize` found on `PYTHONPATH`. A module found
 * in a folder this machine holds runs as if it were the program (`ruby evil.rb` is read, so is
 * `ruby -revil`); a name found nowhere here is the standard library or an installed gem, package or
 * distribution and is not read. Modules outside the workspace are also judged by the perimeter's
 * module rules (perimeter/moduleLoading.ts). A zip application (`python3 app.pyz`) is code the hook
 * cannot read.
 */

import { ownTable } from '../../ownTable';
import { resolvePath } from '../../paths';
import type { ArgWord, Invocation, SnippetLanguage } from '../types';
import { parseCommand, type GrammarSpec, type ParsedCommand } from '../../shell/grammar';
import { pythonModuleFiles } from '../loadedCode';
import { plantedNodeModule } from '../nodeResolution';
import { nodePathOf } from '../loadedCode';
import { resolvedEntry } from '../entryResolution';
import type { Exec, Walker } from './context';

/** Modules preloaded per decision, at most; more are left to the per-file budget of loadedCode.ts. */
const MAX_MODULES = 8;

/** The options an options variable (`RUBYOPT=-rx -Ilib`, `PERL5OPT=-MEvil`, `NODE_OPTIONS=--require ./x.js`) may carry that load code. */
const VARIABLE_GRAMMAR: GrammarSpec = {
  options: [
    { names: ['-r', '--require'], takes: 'one' }, { names: ['--import'], takes: 'one' }, { names: ['--loader', '--experimental-loader'], takes: 'one' },
    { names: ['-I'], takes: 'one' }, { names: ['-M'], takes: 'one' }, { names: ['-m'], takes: 'one' },
  ],
  unknownShort: 'switch',
  unknownLong: 'switch',
};

/** Values of `names` in an options variable's words, read by the grammar. */
function variableOptions(value: string | undefined, names: readonly string[]): string[] {
  if (value === undefined || /[$`]/.test(value)) return [];
  const words: ArgWord[] = value.split(/\s+/).filter((x) => x !== '').map((text) => ({ text, raw: text, dynamic: false, glob: false }));
  return optionValues(parseCommand(words, VARIABLE_GRAMMAR), names);
}

function optionValues(parsed: ParsedCommand, names: readonly string[]): string[] {
  return parsed.options.filter((o) => names.includes(o.name) && !o.valueWords.some((v) => v.dynamic)).flatMap((o) => o.values);
}

function listVariable(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(':').filter((d) => d !== '' && !/[$`]/.test(d));
}

function exists(w: Walker, path: string): boolean {
  const slash = path.lastIndexOf('/');
  return w.facts.listDir(path.slice(0, slash) || '/')?.includes(path.slice(slash + 1)) ?? false;
}

const isPath = (spec: string): boolean => /^(\/|~\/|\.{1,2}\/)/.test(spec);

/** The file `ruby -r spec` loads from the folders given, or undefined (a gem or the standard library). */
function rubyFile(w: Walker, spec: string, dirs: readonly string[], cwd: string): string | undefined {
  const bases = isPath(spec) ? [resolvePath(cwd, spec, w.facts.home)] : dirs.map((d) => `${d}/${spec}`);
  for (const base of bases) for (const file of [base, base + '.rb']) if (file.endsWith('.rb') && exists(w, file)) return file;
  return undefined;
}

/** The file `perl -MFoo::Bar` loads from the folders given (`Foo/Bar.pm`), or undefined. */
function perlFile(w: Walker, spec: string, dirs: readonly string[]): string | undefined {
  const name = spec.replace(/^-/, '').split(/[=\s]/)[0]!;
  if (!/^[A-Za-z_][\w]*(::\w+)*$/.test(name)) return undefined;
  const rel = name.replace(/::/g, '/') + '.pm';
  return dirs.map((d) => `${d}/${rel}`).find((f) => exists(w, f));
}

/** The file `node -r spec` loads: a path (with node's extensions), or a module put by hand where node looks it up. */
function nodeFile(w: Walker, spec: string, cwd: string, nodePath: readonly string[]): string | undefined {
  if (!isPath(spec)) return plantedNodeModule(w.facts, spec, cwd, nodePath, w.facts.home);
  const base = resolvePath(cwd, spec.replace(/^file:\/\//, ''), w.facts.home);
  if (exists(w, base) && w.facts.listDir(base) === undefined) return base;
  // A folder or a name without its extension: node's own resolution (entryResolution.ts), without reading the text twice.
  return resolvedEntry(base, 'javascript', { read: (p) => (p.endsWith('/package.json') ? w.facts.readFile(p) : exists(w, p) && w.facts.listDir(p) === undefined ? '' : undefined), listDir: (p) => w.facts.listDir(p) })?.path;
}

/** The files `python -m spec` runs from `roots`: each package's `__init__.py`, the module, and a package's `__main__.py`. */
function pythonMainFiles(w: Walker, spec: string, roots: readonly string[]): string[] {
  if (!/^[\w.]+$/.test(spec)) return [];
  for (const root of roots) {
    const files = pythonModuleFiles(w, root, spec);
    if (files === undefined) continue;
    const main = `${root}/${spec.replace(/\./g, '/')}/__main__.py`;
    return exists(w, main) ? [...files, main] : files;
  }
  return [];
}

/** A word that asks the interpreter to preload a module, or a variable that does: only then is anything looked up. */
const PRELOAD_WORD = /^-(r|M|m|I|d|c|-require|-import|-loader|-experimental-loader|-env-file|-test-reporter)|^-[A-Za-z]*m$/;
const PRELOAD_VARIABLES = ['PYTHONPATH', 'RUBYLIB', 'RUBYOPT', 'PERL5LIB', 'PERLLIB', 'PERL5OPT', 'NODE_OPTIONS', 'NODE_PATH', 'PHPRC', 'PHP_INI_SCAN_DIR'];

/** Run the modules `inv` preloads (see above), before its program is read. */
export function runPreloadedModules(w: Walker, language: SnippetLanguage, parse: () => ParsedCommand, args: readonly ArgWord[], inv: Invocation, exec: Exec): void {
  if (!args.some((a) => PRELOAD_WORD.test(a.text)) && !PRELOAD_VARIABLES.some((v) => inv.assignments[v] !== undefined)) return;
  const parsed = parse();
  const cwd = exec.cwd;
  const env = inv.assignments;
  const abs = (d: string): string => resolvePath(cwd, d, w.facts.home);
  const files: string[] = [];
  if (language === 'ruby') {
    const dirs = [...optionValues(parsed, ['-I']), ...variableOptions(env['RUBYOPT'], ['-I']), ...listVariable(env['RUBYLIB'])].map(abs);
    for (const spec of [...optionValues(parsed, ['-r', '--require']), ...variableOptions(env['RUBYOPT'], ['-r'])]) {
      const file = rubyFile(w, spec, dirs, cwd);
      if (file) files.push(file);
    }
  } else if (language === 'perl') {
    const dirs = [...optionValues(parsed, ['-I']), ...variableOptions(env['PERL5OPT'], ['-I']), ...listVariable(env['PERL5LIB'] ?? env['PERLLIB'])].map(abs);
    // `-d:Name` loads Devel::Name; `-d` reads the debugger's start-up file from the folder it starts in.
    const debuggers = optionValues(parsed, ['-d', '-D']).filter((v) => v.startsWith(':')).map((v) => 'Devel::' + v.slice(1));
    const modules = [...optionValues(parsed, ['-M', '-m']), ...variableOptions(env['PERL5OPT'], ['-M', '-m'])];
    // `-Mlib=.,lib` puts folders on @INC, searched before the default ones for every later module.
    for (const spec of modules) if (/^-?lib=/.test(spec)) dirs.unshift(...spec.replace(/^-?lib=/, '').split(',').filter((d) => d !== '' && !/[$`]/.test(d)).slice(0, 8).map(abs));
    for (const spec of [...modules, ...debuggers]) {
      const file = perlFile(w, spec, dirs);
      if (file) files.push(file);
    }
    if (parsed.options.some((o) => o.name === '-d') && exists(w, `${cwd}/.perldb`)) files.push(`${cwd}/.perldb`);
  } else if (language === 'javascript') {
    const nodePath = nodePathOf(inv, cwd, w.facts.home);
    // `node --env-file=dev.env app.js`: NODE_OPTIONS set in the file preloads as if given on the line (node reads it before start-up).
    const fileOptions = optionValues(parsed, ['--env-file', '--env-file-if-exists']).map((f) => envFileValue(w, abs(f), 'NODE_OPTIONS'));
    // `--test-reporter=./x.mjs` imports the reporter module too.
    for (const spec of [...optionValues(parsed, ['-r', '--require', '--import', '--loader', '--experimental-loader', '--test-reporter']), ...[env['NODE_OPTIONS'], ...fileOptions].flatMap((v) => variableOptions(v, ['-r', '--import', '--loader']))]) {
      const file = nodeFile(w, spec, cwd, nodePath);
      if (file) files.push(file);
    }
  } else if (language === 'python') {
    // `-E` and `-I` ignore the PYTHON* variables; `-S` and `-I` skip the site module's start-up imports.
    const switches = parsed.options.map((o) => o.name);
    const ignoresEnv = switches.includes('-E') || switches.includes('-I');
    const roots = ignoresEnv ? [] : listVariable(env['PYTHONPATH']).map(abs);
    // A zip archive on the path is searched like a folder (zipimport): its modules, sitecustomize among them, cannot be read.
    const zipped = roots.find((r) => /\.(zip|egg|whl|pyz)$/i.test(r) && exists(w, r));
    if (zipped) w.addOpaque(`${inv.name} imports from the zip archive ${w.display(zipped)} on PYTHONPATH, whose code the hook cannot read`, w.viaOf(exec));
    if (!switches.includes('-S') && !switches.includes('-I')) for (const name of ['sitecustomize', 'usercustomize']) files.push(...pythonMainFiles(w, name, roots));
    const module = optionValues(parsed, ['-m'])[0];
    // `-I` and `-P` leave the working folder off the module path.
    const safePath = switches.includes('-I') || switches.includes('-P');
    if (module !== undefined) files.push(...pythonMainFiles(w, module, safePath ? roots : [cwd, ...roots]));
    // pdb runs the lines of `.pdbrc` in the folder it starts in as debugger commands (Python statements among them).
    if (module === 'pdb' && exists(w, `${cwd}/.pdbrc`)) files.push(`${cwd}/.pdbrc`);
  } else if (language === 'php') files.push(...phpPrependedFiles(w, parsed, env, cwd));
  for (const file of files.slice(0, MAX_MODULES)) {
    if (w.isActiveFile(file)) continue;
    const text = w.readFile(file, w.viaOf(exec));
    if (text !== undefined) w.runFileText(file, file.endsWith('/.pdbrc') ? text.replace(/^\s*!/gm, '') : text, language, inv, exec, `${inv.name} loads ${w.display(file)}`);
  }
}

/** The value a dotenv file gives `name` (`NAME=value`, quotes dropped), or undefined. */
function envFileValue(w: Walker, path: string, name: string): string | undefined {
  const text = w.readFile(path, []);
  const m = text === undefined ? null : new RegExp(`^[ \\t]*(?:export[ \\t]+)?${name}[ \\t]*=[ \\t]*(.*)$`, 'm').exec(text);
  return m ? m[1]!.trim().replace(/^(['"])([\s\S]*)\1$/, '$2') : undefined;
}

const PHP_PREPEND = /^[ \t]*auto_(?:prepend|append)_file[ \t]*=[ \t]*["']?([^"'\n;]+)/gm;

/**
 * The files PHP runs around every script: `auto_prepend_file`/`auto_append_file` given with `-d`, or in
 * the ini file `-c` names (a file or a folder's php.ini), `PHPRC`, or the `.ini` files of `PHP_INI_SCAN_DIR`.
 */
function phpPrependedFiles(w: Walker, parsed: ParsedCommand, env: Readonly<Record<string, string>>, cwd: string): string[] {
  const abs = (d: string): string => resolvePath(cwd, d, w.facts.home);
  const settings = optionValues(parsed, ['-d']).join('\n');
  const inis: string[] = [];
  if (!parsed.options.some((o) => o.name === '-n')) {
    for (const given of [...optionValues(parsed, ['-c']), ...(env['PHPRC'] !== undefined && !/[$`]/.test(env['PHPRC']) ? [env['PHPRC']] : [])]) {
      const path = abs(given);
      inis.push(w.facts.listDir(path) !== undefined ? `${path}/php.ini` : path);
    }
    for (const dir of listVariable(env['PHP_INI_SCAN_DIR']).map(abs)) inis.push(...(w.facts.listDir(dir) ?? []).filter((n) => n.endsWith('.ini')).slice(0, 8).map((n) => `${dir}/${n}`));
  }
  const texts = [settings, ...inis.slice(0, MAX_MODULES).map((f) => w.readFile(f, []) ?? '')];
  return texts.flatMap((t) => [...t.matchAll(PHP_PREPEND)].map((m) => abs(m[1]!.trim())));
}

/** `python3 app.pyz`, `python3 pk.zip`: a zip application, whose `__main__.py` the hook cannot read. True when it was one. */
export function zipApplication(w: Walker, file: ArgWord, exec: Exec): boolean {
  if (file.dynamic || !/\.(zip|pyz|pyzw|egg|whl)$/i.test(file.text)) return false;
  w.addOpaque(`python runs the zip application ${file.text.slice(0, 80)}, whose code the hook cannot read`, w.viaOf(exec));
  return true;
}

/** Ruby programs that take ruby's `-r`/`-I` (irb, pry, rspec), with the load folders they add by themselves. */
const RUBY_LOADERS: Readonly<Record<string, readonly string[]>> = ownTable({ irb: [], pry: [], rspec: ['lib', 'spec'] });

/** Start-up files irb and pry read from the folder they start in (and `IRBRC`), run as ruby before the prompt. */
const RUBY_RC_FILES: Readonly<Record<string, readonly string[]>> = ownTable({ irb: ['.irbrc', 'irb.rc', '_irbrc'], pry: ['.pryrc'], rspec: [] });

/**
 * The ruby files `irb -r evil -I.`, `pry -r ./x.rb`, `rspec --require evil` load by name, and the
 * project start-up file irb and pry read (`.irbrc`, `.pryrc`, `IRBRC=…`): paths, by the option
 * grammar of the runner table (runnerEntries.ts).
 */
export function rubyLoaderFiles(w: Walker, name: string, requires: readonly string[], libdirs: readonly string[], exec: Exec, env: Readonly<Record<string, string>>): string[] {
  const cwd = exec.cwd;
  const abs = (d: string): string => resolvePath(cwd, d, w.facts.home);
  const dirs = [...libdirs, ...(RUBY_LOADERS[name] ?? []), ...listVariable(env['RUBYLIB'])].map(abs);
  const files = requires.map((spec) => rubyFile(w, spec, dirs, cwd)).filter((f): f is string => f !== undefined);
  const rc = name === 'irb' && env['IRBRC'] !== undefined && !/[$`]/.test(env['IRBRC']) ? [abs(env['IRBRC'])] : (RUBY_RC_FILES[name] ?? []).map(abs).filter((f) => exists(w, f));
  return [...rc, ...files].slice(0, MAX_MODULES);
}

export const RUBY_LOADER_NAMES = Object.keys(RUBY_LOADERS);
