/**
 * Programs that import code by a name or an option rather than by running a file (round 10): Python
 * app servers and workers given `module:app` (uvicorn, gunicorn, hypercorn, daphne, waitress, celery
 * `-A`, flask `--app`/`FLASK_APP`, `DJANGO_SETTINGS_MODULE`), pytest plugins named in its variables,
 * the standard library's runners that import what they are given (`python -m unittest mod`, `timeit -s
 * 'import x'`, `doctest x.py`), coverage tools and formatters that load a module by option (`c8 -r`,
 * `nyc --require`, `prettier --plugin`, `babel --config-file`, `knex --knexfile`), ruby and perl
 * runners' `-r`/`-M` (rake, thor, cucumber, prove), rspec's `.rspec` options, PHPUnit's bootstrap,
 * busted's helper, and Lua's `-l`, `LUA_INIT` and `dofile`/`require`. Each found file is read as if it
 * ran now; a name that is not a file here is an installed package and is not read.
 */

import { resolvePath } from '../../paths';
import type { ParsedCommand } from '../../shell/grammar';
import { PACKAGE_ADDRESS } from '../../shell/wrappers';
import { rubyLoaderFiles } from './preloadedModules';
import type { ArgWord } from '../types';
import { has, inDir, jsFiles, LISTING_ONLY, operandTexts, parseWith, pythonModule, value, values, type Ctx, type Entry, type RunnerSpec } from './runnerKit';

/** A Python import root given by option (`--app-dir`, `--chdir`, `--pythonpath`), else the working folder; then PYTHONPATH. */
export function pythonRoots(c: Ctx, given: readonly string[]): string[] {
  const abs = (d: string): string => resolvePath(c.exec.cwd, d, c.w.facts.home);
  const path = (c.exec.assignments['PYTHONPATH'] ?? '').split(':').filter((d) => d !== '' && !/[$`]/.test(d)).slice(0, 4);
  return [...given.map(abs), c.exec.cwd, ...path.map(abs)];
}

/** The files of a dotted module found under the first root that holds it (`pkg.app:create()` is `pkg.app`). */
export function moduleEntry(c: Ctx, spec: string | undefined, roots: readonly string[]): Entry[] {
  const dotted = spec?.split(':')[0]?.trim();
  if (dotted === undefined || !/^[A-Za-z_][\w.]*$/.test(dotted)) return [];
  for (const root of roots) {
    const files = pythonModule({ ...c, exec: { ...c.exec, cwd: root } }, dotted);
    if (files.length > 0) return [{ files, as: 'python' }];
  }
  return [];
}

/** An app server's `module:app` operand: the first operand that looks like one. */
const APP_SPEC = /^[A-Za-z_][\w.]*(:[\w.()'", ]*)?$/;

function appServer(rootOptions: readonly string[], configOptions: readonly string[] = [], defaultConfig?: string, appVariable?: string): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const roots = pythonRoots(c, values(p, ...rootOptions));
      const config = configOptions.length > 0 ? value(p, ...configOptions) : undefined;
      const configFile = config !== undefined && !config.startsWith('python:') ? [resolvePath(c.exec.cwd, config.replace(/^file:/, ''), c.w.facts.home)] : defaultConfig !== undefined ? [`${c.exec.cwd}/${defaultConfig}`] : [];
      const configModule = config?.startsWith('python:') ? moduleEntry(c, config.slice(7), roots) : [];
      // `granian --interface asgi evil:app`: a `module:app` word first, then a bare module; `UVICORN_APP=mod:app uvicorn`.
      const operands = operandTexts(p).filter((t) => APP_SPEC.test(t) && t !== 'run' && t !== 'worker');
      const app = operands.find((t) => t.includes(':')) ?? operands[0] ?? (appVariable !== undefined ? c.exec.assignments[appVariable] : undefined);
      return [{ files: configFile.filter((f) => f.endsWith('.py')), as: 'python' }, ...configModule, ...moduleEntry(c, app, roots)];
    },
  };
}


/** `celery -A proj worker`, `celery --app=proj.celery:app beat`: the app module. */
const celery: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    return moduleEntry(c, value(p, '-A', '--app') ?? c.exec.assignments['CELERY_APP'], pythonRoots(c, values(p, '--workdir')));
  },
};

/** `flask --app mod run`, `FLASK_APP=mod flask shell`: the app module (flask's own discovery of app.py/wsgi.py is the project's code). */
const flask: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const app = value(p, '-A', '--app') ?? c.exec.assignments['FLASK_APP'];
    if (app === undefined) return [];
    const file = app.split(':')[0]!;
    if (file.endsWith('.py')) return [{ files: [resolvePath(c.exec.cwd, file, c.w.facts.home)], as: 'python' }];
    return moduleEntry(c, app, pythonRoots(c, []));
  },
};

/** `DJANGO_SETTINGS_MODULE=x django-admin check`, `django-admin check --settings x --pythonpath .`: Django imports the settings module for every command. */
const djangoAdmin: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY) || operandTexts(p).length === 0) return [];
    return moduleEntry(c, value(p, '--settings') ?? c.exec.assignments['DJANGO_SETTINGS_MODULE'], pythonRoots(c, values(p, '--pythonpath')));
  },
};

/** Words of an options variable or an options file (`PYTEST_ADDOPTS`, `.rspec`), for the grammar; substitutions are left out. */
export function wordsOf(text: string | undefined): ArgWord[] {
  return (text ?? '').split(/\s+/).filter((t) => t !== '' && !/[$`]/.test(t)).slice(0, 64).map((t) => ({ text: t, raw: t, dynamic: false, glob: false }));
}


/** pytest's plugins named by variable: `PYTEST_PLUGINS=a,b` and `-p mod` in `PYTEST_ADDOPTS`. */
function pytestVariables(c: Ctx): Entry[] {
  const env = c.exec.assignments;
  const names = (env['PYTEST_PLUGINS'] ?? '').split(',').map((n) => n.trim());
  names.push(...values(parseWith('pytest', wordsOf(env['PYTEST_ADDOPTS'])), '-p'));
  const roots = pythonRoots(c, []);
  return names.filter((n) => n !== '' && !n.startsWith('no:')).slice(0, 4).flatMap((n) => moduleEntry(c, n, roots));
}

/** `python -m unittest mod.sub`, `python -m unittest tests/test_x.py`: each named module is imported. */
const unittest: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p).filter((t) => t !== 'discover');
    if (ops.length === 0) return [{ files: [...c.list(c.exec.cwd, /^test.*\.py$/), ...c.list(`${c.exec.cwd}/tests`, /^test.*\.py$/)], as: 'python' }];
    const roots = pythonRoots(c, []);
    // A dotted name may go on into a class and a method (`tests.test_x.TestX.test_y`): the module part is what exists.
    return ops.slice(0, 8).flatMap((t): Entry[] => (t.endsWith('.py') ? [{ files: [resolvePath(c.exec.cwd, t, c.w.facts.home)], as: 'python' }] : moduleEntry(c, t, roots)));
  },
};

/** `python -m timeit -s 'import x' 'x.f()'`: the setup and the statements are Python run here. */
const timeit: RunnerSpec = {
  entries: (p) => [...values(p, '-s', '--setup'), ...operandTexts(p)].slice(0, 8).map((code): Entry => ({ code, label: 'python -m timeit' })),
};

/** `python -m doctest x.py`: the module is imported (its top level runs) before its examples. */
const doctest: RunnerSpec = {
  entries: (p, c) => [{ files: operandTexts(p).filter((t) => t.endsWith('.py')).map((t) => resolvePath(c.exec.cwd, t, c.w.facts.home)), as: 'python' }],
};

/** `c8 -r ./rep.js node app.js`, `nyc --require ./x.js --reporter ./rep.js mocha`: preloads and reporters loaded by path. */
function coverageWrapper(requires: readonly string[]): RunnerSpec {
  return {
    entries: (p, c) => [{ files: jsFiles(c, values(p, '-r', '--reporter', ...requires)), as: 'javascript' }],
  };
}

/** `prettier --plugin ./x.mjs`: each plugin is imported; then its configuration as before. */
export function withJsModules(base: RunnerSpec | undefined, options: readonly string[]): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      return [{ files: jsFiles(c, values(p, ...options)), as: 'javascript' }, ...(base?.entries(p, c) ?? [])];
    },
  };
}

/** `babel --config-file ./x.js src`, `babel src` (babel.config.js / .babelrc.js); `knex --knexfile ./x.js migrate:latest` (knexfile.js). */
export function jsConfigFile(option: readonly string[], defaults: readonly string[]): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const given = value(p, ...option);
      return [given !== undefined ? { files: jsFiles(c, [given]), as: 'javascript' } : { files: inDir(c.exec.cwd, ...defaults), as: 'javascript', first: true }];
    },
  };
}

/** `rake -r ./evil x`, `thor -r ./x`, `cucumber -r ./steps.rb`: ruby files required by option, before the tool's own file. */
function rubyRequires(base: RunnerSpec | undefined, name: string): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      return [{ files: rubyLoaderFiles(c.w, name, values(p, '-r', '--require'), values(p, '-I', '--libdir'), c.exec, c.exec.assignments), as: 'ruby' }, ...(base?.entries(p, c) ?? [])];
    },
  };
}

/** The options in rspec's option files (`.rspec`, `.rspec-local`, `~/.rspec`): `--require x` loads x before the specs. */
function rspecFiles(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return base?.entries(p, c) ?? [];
      const requires: string[] = [];
      const libs: string[] = [];
      for (const file of [`${c.exec.cwd}/.rspec`, `${c.exec.cwd}/.rspec-local`, `${c.w.facts.home}/.rspec`]) {
        const text = c.w.readFile(file, c.w.viaOf(c.exec));
        if (text === undefined) continue;
        const parsed = parseWith('rspec', wordsOf(text));
        requires.push(...values(parsed, '-r', '--require'));
        libs.push(...values(parsed, '-I', '--libdir'));
      }
      const own = base?.entries(p, c) ?? [];
      return requires.length === 0 ? own : [{ files: rubyLoaderFiles(c.w, 'rspec', requires, libs, c.exec, c.exec.assignments), as: 'ruby' }, ...own];
    },
  };
}

/** `prove -I. -MEvil t/`: perl modules loaded before the tests, from the folders given. */
const prove: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const dirs = [...values(p, '-I'), ...(has(p, '-l', '--lib') ? ['lib'] : [])].map((d) => resolvePath(c.exec.cwd, d, c.w.facts.home));
    const files = values(p, '-M', '-P').map((m) => m.split('=')[0]!.replace(/::/g, '/') + '.pm').flatMap((rel) => dirs.map((d) => `${d}/${rel}`));
    return files.length === 0 ? [] : [{ code: files.map((f) => `do '${f.replace(/'/g, '')}';`).join('\n'), label: 'prove -M', language: 'perl' }];
  },
};

/** `phpunit --bootstrap x.php` (or phpunit.xml's `bootstrap="…"`): PHP run before the tests. */
const phpunit: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const given = value(p, '--bootstrap');
    const files = given !== undefined ? [resolvePath(c.exec.cwd, given, c.w.facts.home)] : [];
    if (given === undefined) {
      const config = value(p, '-c', '--configuration');
      for (const file of config !== undefined ? [resolvePath(c.exec.cwd, config, c.w.facts.home)] : inDir(c.exec.cwd, 'phpunit.xml', 'phpunit.xml.dist')) {
        const text = c.w.readFile(file, c.w.viaOf(c.exec));
        const boot = text === undefined ? undefined : /\bbootstrap\s*=\s*"([^"]+)"/.exec(text)?.[1];
        if (boot !== undefined) files.push(resolvePath(c.exec.cwd, boot, c.w.facts.home));
        if (text !== undefined) break;
      }
    }
    return files.length === 0 ? [] : [{ code: files.map((f) => `require '${f.replace(/'/g, '')}';`).join('\n'), label: 'phpunit --bootstrap', language: 'php' }];
  },
};

/** Lua's module search for `require "a.b"` / `-l a.b`: the `./`-relative templates of LUA_PATH (default `./?.lua;./?/init.lua`) and absolute ones outside the system's folders. */
function luaModuleFiles(c: Ctx, module: string): string[] {
  const path = c.exec.assignments['LUA_PATH_5_4'] ?? c.exec.assignments['LUA_PATH'] ?? './?.lua;./?/init.lua';
  const rel = module.replace(/\./g, '/');
  return path.replace(/;;/g, ';./?.lua;./?/init.lua;').split(';').filter((t) => t.includes('?') && !t.startsWith('/usr/')).slice(0, 8).map((t) => resolvePath(c.exec.cwd, t.replace(/\?/g, rel), c.w.facts.home));
}

/** The files Lua code loads by a literal name: `dofile("x.lua")`, `loadfile "x.lua"`, `require("x")`. */
function luaCodeLoads(c: Ctx, code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\b(dofile|loadfile|require)\s*\(?\s*(['"])([^'"\n]+)\2/g)) {
    if (m[1] === 'require') out.push(...luaModuleFiles(c, m[3]!));
    else out.push(resolvePath(c.exec.cwd, m[3]!, c.w.facts.home));
  }
  return out.slice(0, 16);
}

/** `lua -l evil x.lua`, `LUA_INIT=@./init.lua lua`, `lua -e 'dofile("x.lua")'`: code Lua loads before or besides its program. */
function luaLoads(base: RunnerSpec | undefined): RunnerSpec {
  return {
    // lua's own options: `-e stat` and `-l mod` take a value (each on its own: `-l` is not code), the rest are switches.
    entries(p: ParsedCommand, c: Ctx) {
      const env = c.exec.assignments;
      const init = env['LUA_INIT_5_4'] ?? env['LUA_INIT_5_3'] ?? env['LUA_INIT'];
      const out: Entry[] = [];
      if (init !== undefined && !/[$`]/.test(init)) out.push(init.startsWith('@') ? { files: [resolvePath(c.exec.cwd, init.slice(1), c.w.facts.home)], as: 'program' } : { code: init, label: 'LUA_INIT', language: 'program' });
      // `-l mod`, `-lmod`, and Lua 5.4's `-l g=mod`.
      const libs = values(p, '-l').map((l) => l.replace(/^\w+=/, ''));
      const files = libs.filter((l) => /^[\w.]+$/.test(l)).flatMap((l) => luaModuleFiles(c, l));
      const code = values(p, '-e').join('\n');
      files.push(...luaCodeLoads(c, code));
      const program = operandTexts(p)[0];
      const programText = program !== undefined && program !== '-' ? c.w.readFile(resolvePath(c.exec.cwd, program, c.w.facts.home), c.w.viaOf(c.exec)) : undefined;
      if (programText !== undefined) files.push(...luaCodeLoads(c, programText));
      if (files.length > 0) out.push({ files, as: 'program' });
      return [...out, ...(base?.entries(p, c) ?? [])];
    },
  };
}

/** `busted --helper=x.lua`: Lua run before the specs. */
const busted: RunnerSpec = {
  entries: (p, c) => [{ files: values(p, '--helper').map((f) => resolvePath(c.exec.cwd, f, c.w.facts.home)), as: 'program' }],
};

/** The registry gems come from by default; another source (or a git address) serves code whose native build runs at install. */
const RUBYGEMS = /^https?:\/\/(rubygems\.org|gems\.ruby-lang\.org)\/?$/;

/** `gem install evil -s https://evil.example`, `gem install ./x.gem`: a gem from another source, whose extension build runs unread. */
const gem: RunnerSpec = {
  entries(p) {
    const [sub, ...names] = operandTexts(p);
    if (sub !== 'install' && sub !== 'i' && sub !== 'update') return [];
    const source = values(p, '-s', '--source').find((s) => !RUBYGEMS.test(s));
    const file = names.find((n) => n.endsWith('.gem'));
    const what = source !== undefined ? `from the source ${source.slice(0, 120)}` : file !== undefined ? `from the file ${file.slice(0, 120)}` : undefined;
    return what === undefined ? [] : [{ opaque: `gem installs ${names.filter((n) => !n.endsWith('.gem')).join(' ').slice(0, 80) || 'a gem'} ${what}, whose extension build runs before it can be read` }];
  },
};

/** `bundle add x --git URL` / `--source URL`; `bundle config build.x '--with-y-config=/tmp/z'` (the next install runs that program while building x). */
const bundle: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p);
    if (ops[0] === 'add') {
      const from = value(p, '--git', '--github') ?? values(p, '--source').find((s) => !RUBYGEMS.test(s));
      return from === undefined ? [] : [{ opaque: `bundle adds ${ops[1] ?? 'a gem'} from ${from.slice(0, 120)} and installs it: its extension build runs before it can be read` }];
    }
    // The setting's value looks like options (`'--with-xml2-config=/tmp/evil'`): read the words after the key as they are.
    const at = ops[0] === 'config' ? (ops[1] === 'set' ? 2 : 1) : -1;
    const key = at > 0 ? ops[at] : undefined;
    const words = c.args.map((a) => a.text);
    const setting = key !== undefined ? words.slice(words.indexOf(key) + 1).join(' ') : '';
    if (key === undefined || !/^build\./i.test(key) || !/--with-[\w-]+-(config|dir|lib|include)=|[$`]/.test(setting)) return [];
    return [{ opaque: `bundle config ${key} passes ${setting.slice(0, 120)} to the native build of ${key.slice(6)}: the next install runs what it names` }];
  },
};

/** `bun add github:evil/pkg`: a package from an address, as npm's `install github:…`. */
function bunAddresses(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const [sub, ...names] = operandTexts(p);
      const address = sub === 'add' || sub === 'a' || sub === 'install' || sub === 'i' ? names.find((n) => PACKAGE_ADDRESS.test(n) && !/^\.{0,2}\//.test(n)) : undefined;
      const own = base?.entries(p, c) ?? [];
      return address === undefined ? own : [{ opaque: `bun installs ${address.slice(0, 120)}, a package from an address rather than the registry, whose code cannot be read before it is installed` }, ...own];
    },
  };
}

/** The table's additions and wrappers over the base table (runnerEntries.ts's RUNNERS). */
export function withLoaderRunners(base: Readonly<Record<string, RunnerSpec>>): Record<string, RunnerSpec> {
  const own = (name: string): RunnerSpec | undefined => (Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined);
  const pytest = own('pytest');
  const withVariables: RunnerSpec | undefined = pytest && { entries: (p, c) => [...pytestVariables(c), ...pytest.entries(p, c)] };
  const lua = Object.fromEntries(['lua', 'luajit', 'lua5.1', 'lua5.3', 'lua5.4'].map((n) => [n, luaLoads(own(n))]));
  return {
    ...base,
    uvicorn: appServer(['app-dir'], [], undefined, 'UVICORN_APP'),
    granian: appServer(['working-dir']),
    taskiq: appServer(['app-dir']),
    // `rq worker -c settings_module`: rq imports its settings module.
    rq: { entries: (p, c) => moduleEntry(c, value(p, '-c', '--config'), pythonRoots(c, values(p, '-P', '--path'))) },
    gunicorn: appServer(['chdir', 'pythonpath'], ['c', 'config'], 'gunicorn.conf.py'),
    hypercorn: appServer([], ['c', 'config']),
    daphne: appServer([]),
    'waitress-serve': appServer([]),
    celery, flask, 'django-admin': djangoAdmin,
    ...(withVariables ? { pytest: withVariables, 'py.test': withVariables } : {}),
    unittest, timeit, doctest,
    c8: coverageWrapper([]), nyc: coverageWrapper(['i', 'require']),
    prettier: withJsModules(own('prettier'), ['plugin']),
    babel: jsConfigFile(['config-file'], ['babel.config.js', 'babel.config.cjs', 'babel.config.mjs', '.babelrc.js', '.babelrc.cjs']),
    knex: jsConfigFile(['knexfile'], ['knexfile.js', 'knexfile.ts', 'knexfile.cjs', 'knexfile.mjs']),
    rake: rubyRequires(own('rake'), 'rake'), thor: rubyRequires(own('thor'), 'thor'), cucumber: rubyRequires(own('cucumber'), 'cucumber'),
    rspec: rspecFiles(own('rspec')),
    prove, phpunit, busted, gem, bundle, bun: bunAddresses(own('bun')),
    ...lua,
  };
}
