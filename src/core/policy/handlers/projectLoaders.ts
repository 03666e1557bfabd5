/**
 * More programs that load a project's code by a name, an option or a file of their own (red team
 * round 12), in the vocabulary of `runnerKit.ts`: Python app runners given a script (`streamlit run`,
 * `fastapi dev`, `gradio`, `marimo`, `locust -f`, `panel serve`), workers given a module (`arq`,
 * `dramatiq`), `GUNICORN_CMD_ARGS`, the standard library's modules that run or import what they are
 * given (`python -m cProfile -m x`, `runpy`, `pdb`, `trace`, `IPython`, `pydoc`, `inspect`, `django`,
 * `help("x")`), IPython's `%run`, linters and doc builders that import plugins or run a configuration
 * (`pylint --load-plugins`/`--init-hook`, mypy's `plugins =`, `sphinx-build`'s conf.py, mkdocs'
 * `hooks:`), Ruby's rack servers (`rackup`, `puma`, `unicorn`, `thin`), `sidekiq -r`, `erb -r`,
 * `ruby -S`, a Gemfile or gemspec bundler and gem evaluate, Perl's `plackup`, and php's built-in
 * server router. Each file found is read as if it ran now; a name that is not a file here is an
 * installed package and is not read.
 */

import { dirname, resolvePath } from '../../paths';
import { extendedRunner, has, inDir, LISTING_ONLY, operandTexts, parseWith, value, values, type Ctx, type Entry, type RunnerSpec } from './runnerKit';
import { moduleEntry, pythonRoots, wordsOf } from './loaderRunners';
import { rubyLoaderFiles } from './preloadedModules';
import { inProcessCommands } from '../../shell/cliMains';
import type { ArgWord } from '../types';

const abs = (c: Ctx, p: string): string => resolvePath(c.exec.cwd, p, c.w.facts.home);
const pyFile = (c: Ctx, p: string): Entry => ({ files: [abs(c, p)], as: 'python' });
/** A file or a dotted module, as Python tools take either (`pydoc ./x.py`, `pydoc x.y`). */
const pyTarget = (c: Ctx, t: string): Entry[] => (t.endsWith('.py') || t.includes('/') ? [pyFile(c, t)] : moduleEntry(c, t, pythonRoots(c, [])));

/** Runs `argv` as its own command, handed on by `via` (`c8 node x.js`, `ruby -S rake`). */
function runWords(c: Ctx, argv: readonly ArgWord[], via: string): void {
  if (argv.length > 0) c.w.run([...argv], { ...c.exec, wrappers: [...c.exec.wrappers, via] });
}

/**
 * A Python app runner: `subs` are the subcommands that run the script (none: the first operand is
 * it), `fileOptions` name it by option, `defaults` are tried in order when none is given.
 */
function pyAppRunner(subs: readonly string[], fileOptions: readonly string[] = [], defaults: readonly string[] = []): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const ops = operandTexts(p);
      if (subs.length > 0 && !subs.includes(ops[0] ?? '')) return [];
      const rest = subs.length > 0 ? ops.slice(1) : ops;
      const url = rest.find((t) => /^https?:\/\//.test(t));
      if (url !== undefined) return [{ opaque: `${c.name} runs the script at ${url.slice(0, 120)}, which cannot be read before it runs` }];
      const named = [...values(p, ...fileOptions), ...rest].filter((t) => t.endsWith('.py'));
      if (named.length > 0) return named.slice(0, 4).map((t) => pyFile(c, t));
      const dotted = rest.find((t) => /^[A-Za-z_][\w.]*(:\w+)?$/.test(t) && t.includes(':'));
      if (dotted !== undefined) return moduleEntry(c, dotted, pythonRoots(c, []));
      return defaults.length > 0 ? [{ files: inDir(c.exec.cwd, ...defaults), as: 'python', first: true }] : [];
    },
  };
}

/** `arq pkg.worker.WorkerSettings`, `dramatiq pkg.tasks other:broker`, `huey_consumer app.huey`: modules imported by a dotted path (the last part may be an attribute). */
function moduleWorker(all: boolean): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const roots = pythonRoots(c, values(p, '--path', '-P'));
      const specs = operandTexts(p).filter((t) => /^[A-Za-z_][\w.]*(:\w+)?$/.test(t));
      return (all ? specs : specs.slice(0, 1)).slice(0, 6).flatMap((t) => {
        const dotted = t.split(':')[0]!;
        const own = moduleEntry(c, dotted, roots);
        return own.length > 0 || !dotted.includes('.') ? own : moduleEntry(c, dotted.replace(/\.[^.]+$/, ''), roots);
      });
    },
  };
}

/** `fastapi dev [PATH]`, `fastapi run --entrypoint pkg.main:app`: the path, else main.py, app.py, api.py and their app/ twins (FastAPI CLI's discovery). */
const FASTAPI_DEFAULTS = ['main.py', 'app.py', 'api.py', 'app/main.py', 'app/app.py', 'app/api.py'];
const fastapi: RunnerSpec = {
  entries(p, c) {
    const [sub, path] = operandTexts(p);
    if (has(p, ...LISTING_ONLY) || (sub !== 'dev' && sub !== 'run')) return [];
    const entry = value(p, '--entrypoint', '-e');
    if (entry !== undefined) return moduleEntry(c, entry, pythonRoots(c, []));
    if (path !== undefined) return [path.endsWith('.py') ? pyFile(c, path) : pyFile(c, `${path.replace(/\/+$/, '')}/__init__.py`), ...(path.endsWith('.py') ? [] : [pyFile(c, `${path.replace(/\/+$/, '')}/main.py`)])];
    return [{ files: inDir(c.exec.cwd, ...FASTAPI_DEFAULTS), as: 'python', first: true }];
  },
};

/** `GUNICORN_CMD_ARGS='-c evil.py' gunicorn app:app`: gunicorn reads its options from the variable too. */
function gunicornVariable(base: RunnerSpec | undefined): RunnerSpec | undefined {
  return extendedRunner(base, (_p, c, own) => {
    const words = wordsOf(c.exec.assignments['GUNICORN_CMD_ARGS']);
    return words.length === 0 || !base ? own : [...own, ...base.entries(parseWith('gunicorn', words), { ...c, args: words })];
  });
}

/** The modules the Python code given to `-c` imports by name through `help("x")`, `pydoc.render_doc("x")`, `importlib.import_module("x")`. */
function namedImports(c: Ctx, code: string | undefined): Entry[] {
  if (code === undefined) return [];
  const out: Entry[] = [];
  for (const m of code.matchAll(/\b(?:help|pydoc\.(?:render_doc|doc|help|locate|writedoc)|import_module|__import__)\s*\(\s*(['"])([A-Za-z_][\w.]*)\1/g)) out.push(...moduleEntry(c, m[2]!, pythonRoots(c, [])));
  return out.slice(0, 8);
}

/** The files IPython's `%run [-m] X` lines run (in `-c` code or a script given to IPython). */
function ipythonRuns(c: Ctx, code: string | undefined): Entry[] {
  if (code === undefined) return [];
  const out: Entry[] = [];
  for (const m of code.matchAll(/(?:^|[;\n]|get_ipython\(\)\.run_line_magic\(\s*['"]run['"]\s*,\s*['"])\s*%?run\s+(?:-[a-z]\s+)*?(-m\s+)?([\w./-]+)/g)) {
    out.push(...(m[1] !== undefined ? moduleEntry(c, m[2]!, pythonRoots(c, [])) : [pyFile(c, m[2]!)]));
  }
  return out.slice(0, 8);
}

/** `ipython -c '%run x.py'`, `ipython -m mod`, `ipython x.py` (the interpreter handler reads the last). */
const ipython: RunnerSpec = {
  entries(p, c) {
    const module = value(p, '-m');
    // The script itself when IPython runs as `python -m IPython x.py` (the interpreter handler reads `ipython x.py`).
    const script = c.name.startsWith('python') || c.name === 'IPython' ? operandTexts(p).find((t) => t.endsWith('.py') || t.endsWith('.ipy')) : undefined;
    return [...ipythonRuns(c, value(p, '-c')), ...(module !== undefined ? moduleEntry(c, module, pythonRoots(c, [])) : []), ...(script !== undefined ? [pyFile(c, script)] : [])];
  },
};

/** `pydoc x`, `pydoc -w x`, `python -m inspect x:f`: the module is imported to be documented (`-k` searches, `-p`/`-b` serve). */
const pydoc: RunnerSpec = {
  entries(p, c) {
    if (has(p, '-k', '-p', '-b')) return [];
    return operandTexts(p).filter((t) => !t.includes('(')).slice(0, 6).flatMap((t) => pyTarget(c, t.split(':')[0]!));
  },
};

/** `python -m cProfile [-o out] (-m mod | x.py)`, `profile`, `pdb [-c cmd] (-m mod | x.py)`, `trace --count (--module mod | x.py)`: a profiler or debugger running a module or a script. */
function pythonRunnerModule(moduleFlags: readonly string[]): RunnerSpec {
  return {
    // The module flag takes the module as its value (trace's `--module` is a switch before the name: read as one too).
    entries(p, c) {
      const module = value(p, ...moduleFlags);
      if (module !== undefined) return moduleEntry(c, module, pythonRoots(c, []));
      const script = operandTexts(p)[0];
      return script !== undefined ? [pyFile(c, script)] : [];
    },
  };
}

/** `python -m runpy mod`: runpy runs the named module as `__main__`. */
const runpy: RunnerSpec = { entries: (p, c) => moduleEntry(c, operandTexts(p)[0], pythonRoots(c, [])) };

/** `python -m MODULE` for the standard library's runners that are no command of their own. */
const PYTHON_MODULES: Readonly<Record<string, RunnerSpec>> = {
  cProfile: pythonRunnerModule(['m']),
  profile: pythonRunnerModule(['m']),
  pdb: pythonRunnerModule(['m']),
  trace: pythonRunnerModule(['module']),
  runpy, IPython: ipython, pydoc, inspect: pydoc,
};

/** `python -m cProfile -m x`, `python -m django --settings x`, `python -c 'help("x")'`, then python's own entries. */
function pythonModules(base: RunnerSpec | undefined, all: () => Readonly<Record<string, RunnerSpec>>): RunnerSpec | undefined {
  if (!base) return undefined;
  return {
    entries(p, c) {
      const module = value(p, '-m');
      // The runner is the module's own (read by the grammar of `python -m MODULE`), or the command a module stands for (`python -m django` is django-admin).
      const stdlib = module !== undefined && Object.prototype.hasOwnProperty.call(PYTHON_MODULES, module);
      const command = module === 'django' ? 'django-admin' : module === 'sphinx' ? 'sphinx-build' : undefined;
      const own = stdlib ? PYTHON_MODULES[module!] : command !== undefined ? all()[command] : undefined;
      if (own) return own.entries(parseWith(stdlib ? `python -m ${module}` : command!, p.operands), { ...c, args: p.operands });
      return [...namedImports(c, value(p, '-c')), ...base.entries(p, c)];
    },
  };
}

/** pylint's plugins by option or in its rc file (`load-plugins=`), and `--init-hook` / `init-hook=`: Python run before linting. */
const PYLINT_RC = ['pylintrc', '.pylintrc', 'pyproject.toml', 'setup.cfg', 'tox.ini'];
const pylint: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '--generate-rcfile', '--generate-toml-config', '--list-msgs', '--help-msg')) return [];
    const plugins = values(p, '--load-plugins').flatMap((v) => v.split(','));
    const hooks = values(p, '--init-hook');
    const rc = value(p, '--rcfile');
    for (const file of rc !== undefined ? [abs(c, rc)] : inDir(c.exec.cwd, ...PYLINT_RC)) {
      const text = c.w.readFile(file, c.w.viaOf(c.exec));
      if (text === undefined) continue;
      const list = /^\s*load-plugins\s*=\s*(\[[^\]]*\]|.+)$/m.exec(text)?.[1] ?? '';
      plugins.push(...list.replace(/[[\]"']/g, '').split(','));
      const hook = /^\s*init-hook\s*=\s*(.+)$/m.exec(text)?.[1];
      if (hook !== undefined) hooks.push(hook.trim().replace(/^(['"])([\s\S]*)\1$/, '$2'));
      if (rc !== undefined || !/\.(toml|cfg|ini)$/.test(file) || list !== '' || hook !== undefined) break;
    }
    const roots = pythonRoots(c, []);
    return [...plugins.map((n) => n.trim()).filter((n) => n !== '').slice(0, 8).flatMap((n) => moduleEntry(c, n, roots)), ...hooks.slice(0, 4).map((code): Entry => ({ code, label: 'pylint --init-hook' }))];
  },
};

/** mypy's `plugins = a, path/b.py:entry` from its configuration (`--config-file`, else mypy.ini, .mypy.ini, pyproject.toml, setup.cfg). */
const MYPY_CONFIGS = ['mypy.ini', '.mypy.ini', 'pyproject.toml', 'setup.cfg'];
const mypy: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const given = value(p, '--config-file');
    for (const file of given !== undefined ? [abs(c, given)] : inDir(c.exec.cwd, ...MYPY_CONFIGS)) {
      const text = c.w.readFile(file, c.w.viaOf(c.exec));
      if (text === undefined || (given === undefined && !/^\s*\[(mypy|tool\.mypy)\]/m.test(text))) continue;
      const list = /^\s*plugins\s*=\s*(\[[^\]]*\]|.+)$/m.exec(text)?.[1] ?? '';
      const base = dirname(file);
      const roots = pythonRoots(c, []);
      return list.replace(/[[\]"'\n]/g, '').split(',').map((n) => n.trim().replace(/:\w+$/, '')).filter((n) => n !== '').slice(0, 8).flatMap((n): Entry[] => (n.endsWith('.py') ? [{ files: [resolvePath(base, n, c.w.facts.home)], as: 'python' }] : moduleEntry(c, n, roots)));
    }
    return [];
  },
};

/** `sphinx-build [-M builder] SRC OUT [-c CONFDIR]`: Sphinx executes conf.py (of CONFDIR, else of SRC) for every build. */
const sphinxBuild: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '-C', '--isolated')) return [];
    const conf = value(p, '-c', '--conf-dir') ?? operandTexts(p)[0];
    return conf === undefined ? [] : [pyFile(c, `${conf.replace(/\/+$/, '')}/conf.py`)];
  },
};

/** `mkdocs build|serve|gh-deploy [-f mkdocs.yml]`: the configuration's `hooks:` are Python files it imports. */
const mkdocs: RunnerSpec = {
  entries(p, c) {
    const sub = operandTexts(p)[0];
    if (has(p, ...LISTING_ONLY) || !['build', 'serve', 'gh-deploy', 'get-deps'].includes(sub ?? '')) return [];
    const given = value(p, '-f', '--config-file');
    const file = given !== undefined ? abs(c, given) : [`${c.exec.cwd}/mkdocs.yml`, `${c.exec.cwd}/mkdocs.yaml`].find((f) => c.w.facts.fileStatus?.(f) !== 'missing') ?? `${c.exec.cwd}/mkdocs.yml`;
    const text = c.w.readFile(file, c.w.viaOf(c.exec));
    const block = text === undefined ? undefined : /^hooks:\s*\n((?:[ \t]+-.*\n?)+)/m.exec(text)?.[1];
    const hooks = [...(block ?? '').matchAll(/^[ \t]+-\s*['"]?([^'"\n#]+?)['"]?\s*$/gm)].map((m) => resolvePath(dirname(file), m[1]!, c.w.facts.home));
    return hooks.length > 0 ? [{ files: hooks.slice(0, 8), as: 'python' }] : [];
  },
};

/** A Ruby rack server: `rackup [config.ru]`, `puma [-C config/puma.rb] [config.ru]`, `unicorn -c conf.rb`, `thin -R config.ru start`; `-r`/`-I` require libraries, `-e` is code. */
function rackServer(name: string, configOptions: readonly string[], rackupOptions: readonly string[], defaultConfig?: string): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const rackup = value(p, ...rackupOptions) ?? operandTexts(p).find((t) => t.endsWith('.ru')) ?? 'config.ru';
      const config = configOptions.length > 0 ? value(p, ...configOptions) ?? defaultConfig : undefined;
      const requires = rubyLoaderFiles(c.w, name, values(p, '-r', '--require'), values(p, '-I', '--include'), c.exec, c.exec.assignments);
      return [
        { files: [...requires, abs(c, rackup), ...(config !== undefined ? [abs(c, config)] : [])], as: 'ruby' },
        ...values(p, '-e', '--eval').map((code): Entry => ({ code, label: `${name} -e`, language: 'ruby' })),
      ];
    },
  };
}

/** `sidekiq -r ./app.rb` (a file, or a Rails folder whose config/environment.rb loads the app). */
const sidekiq: RunnerSpec = {
  entries(p, c) {
    const req = value(p, '-r', '--require');
    if (req === undefined || has(p, ...LISTING_ONLY)) return [];
    const path = abs(c, req);
    return [{ files: path.endsWith('.rb') ? [path] : [path, `${path}.rb`, `${path}/config/environment.rb`], as: 'ruby', first: true }];
  },
};

/**
 * `rails runner CODE` / `rails r path.rb` (round 25): Ruby run with the application and its database loaded, so
 * framework APIs in it (`ActiveRecord::MigrationContext.new(…).migrate(0)`, `Rake::Task['db:drop'].invoke`) are
 * the commands they stand for (`shell/frameworkApis.ts`). Other `rails` commands keep the table's reading.
 */
function railsRunner(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const [command, ...rest] = operandTexts(p);
      if (command !== 'runner' && command !== 'r') return base?.entries(p, c) ?? [];
      const code = rest.find((t) => t !== '');
      if (code === undefined) return [];
      // Only code that stands for commands is added here: its ORM calls are the frameworks pack's (it knows RAILS_ENV).
      const text = code.endsWith('.rb') ? c.w.facts.readFile(abs(c, code)) : code;
      if (text === undefined || inProcessCommands('ruby', text).length === 0) return [];
      return code.endsWith('.rb') ? [{ files: [abs(c, code)], as: 'ruby' }] : [{ code, label: `rails ${command}`, language: 'ruby' }];
    },
  };
}

/** `ruby -S prog args`: ruby looks `prog` up on PATH and runs it (`ruby -S rake -f x.rake` is rake). */
function rubyScriptSearch(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, '-S') && !has(p, '-e')) runWords(c, p.operands, 'ruby -S');
      return base?.entries(p, c) ?? [];
    },
  };
}

/** `bundle install --gemfile x/Gemfile`, `BUNDLE_GEMFILE=x bundle update`: bundler evaluates the Gemfile (Ruby), and the gemspecs its `gemspec` line names. */
const BUNDLE_READS = new Set(['install', 'i', 'update', 'lock', 'check', 'outdated', 'cache', 'package', 'pack', 'show', 'list', 'binstubs', 'console', 'add', 'remove', 'info', 'clean', 'platform', 'doctor']);
function bundleGemfile(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const sub = operandTexts(p)[0] ?? 'install';
      if (has(p, ...LISTING_ONLY) || !BUNDLE_READS.has(sub)) return own;
      const given = value(p, '--gemfile') ?? c.exec.assignments['BUNDLE_GEMFILE'];
      const gemfile = given !== undefined && !/[$`]/.test(given) ? abs(c, given) : [`${c.exec.cwd}/Gemfile`, `${c.exec.cwd}/gems.rb`].find((f) => c.w.facts.fileStatus?.(f) !== 'missing') ?? `${c.exec.cwd}/Gemfile`;
      const text = c.w.readFile(gemfile, c.w.viaOf(c.exec));
      const gemspecs = text !== undefined && /^\s*gemspec\b/m.test(text) ? c.list(dirname(gemfile), /\.gemspec$/).slice(0, 4) : [];
      return [...own, { files: [gemfile, ...gemspecs], as: 'ruby' }];
    },
  };
}

/** `gem build x.gemspec` (or the gemspec of the folder): the gemspec is Ruby gem evaluates. */
function gemBuild(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const [sub, spec] = operandTexts(p);
      if (sub !== 'build' || has(p, ...LISTING_ONLY)) return own;
      const dir = value(p, '-C') !== undefined ? abs(c, value(p, '-C')!) : c.exec.cwd;
      const files = spec !== undefined ? [resolvePath(dir, spec.endsWith('.gemspec') ? spec : `${spec}.gemspec`, c.w.facts.home)] : c.list(dir, /\.gemspec$/).slice(0, 2);
      return [...own, { files, as: 'ruby' }];
    },
  };
}

/** `plackup [app.psgi]`, `plackup -a x.psgi`, `starman x.psgi`: the PSGI app is Perl loaded by the server (`-e` is code, `-M` modules from `-I`). */
function psgiServer(name: string): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const app = value(p, '-a', '--app') ?? operandTexts(p)[0] ?? (has(p, '-e') ? undefined : 'app.psgi');
      const dirs = [...values(p, '-I'), '.'].map((d) => abs(c, d));
      const modules = values(p, '-M').map((m) => m.split('=')[0]!.replace(/::/g, '/') + '.pm').flatMap((rel) => dirs.map((d) => `${d}/${rel}`));
      const files = [...modules, ...(app !== undefined ? [abs(c, app)] : [])];
      const code = [...files.map((f) => `do '${f.replace(/'/g, '')}';`), ...values(p, '-e')].join('\n');
      return code === '' ? [] : [{ code, label: `${name} app`, language: 'perl' }];
    },
  };
}

/** `php -S host:port [-t docroot] router.php`: the built-in server runs the router for every request. */
function phpServer(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const router = has(p, '-S') ? operandTexts(p)[0] : undefined;
      return router === undefined ? own : [...own, { code: `require '${abs(c, router).replace(/'/g, '')}';`, label: 'php -S (router)', language: 'php' }];
    },
  };
}

/** `erb -r ./lib.rb x.erb`: a library required before the template (Ruby's `-r`). */
const erb: RunnerSpec = {
  entries: (p, c) => (has(p, ...LISTING_ONLY) ? [] : [{ files: rubyLoaderFiles(c.w, 'erb', values(p, '-r'), [], c.exec, c.exec.assignments), as: 'ruby' }]),
};

/** `cucumber -r features/x.rb`: cucumber's `-r` is a path (a file, or a folder of step files), not a library name. */
function cucumberPaths(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      if (has(p, ...LISTING_ONLY)) return own;
      const paths = values(p, '-r', '--require').map((r) => abs(c, r));
      const files = paths.flatMap((f) => (f.endsWith('.rb') ? [f] : c.list(f, /\.rb$/)));
      return [...own, { files, as: 'ruby' }];
    },
  };
}

/** The Python, Ruby, Perl and PHP additions to the runner table, over the table so far. */
export function withProjectLoaders(base: Readonly<Record<string, RunnerSpec>>): Record<string, RunnerSpec> {
  const own = (name: string): RunnerSpec | undefined => (Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined);
  let table: Record<string, RunnerSpec> = {};
  const python = pythonModules(own('python'), () => table);
  const gunicorn = gunicornVariable(own('gunicorn'));
  const rubyS = rubyScriptSearch(own('ruby'));
  table = {
    ...base,
    ...(python ? { python } : {}),
    ...(gunicorn ? { gunicorn } : {}),
    streamlit: pyAppRunner(['run']),
    fastapi,
    gradio: pyAppRunner([]),
    marimo: pyAppRunner(['run', 'edit']),
    locust: pyAppRunner([], ['f', 'locustfile'], ['locustfile.py']),
    panel: pyAppRunner(['serve']),
    bokeh: pyAppRunner(['serve']),
    chainlit: pyAppRunner(['run']),
    solara: pyAppRunner(['run']),
    shiny: pyAppRunner(['run']),
    arq: moduleWorker(false),
    dramatiq: moduleWorker(true),
    huey_consumer: moduleWorker(false),
    ipython, ipython3: ipython, pydoc, pydoc3: pydoc,
    pylint, mypy, dmypy: mypy, 'sphinx-build': sphinxBuild, 'sphinx-autobuild': sphinxBuild, mkdocs,
    rackup: rackServer('rackup', [], []),
    puma: rackServer('puma', ['C', 'config'], [], 'config/puma.rb'),
    unicorn: rackServer('unicorn', ['c', 'config-file'], []),
    thin: rackServer('thin', ['C', 'config'], ['R', 'rackup']),
    sidekiq, erb, cucumber: cucumberPaths(own('cucumber')),
    ruby: rubyS, bundle: bundleGemfile(own('bundle')), gem: gemBuild(own('gem')), rails: railsRunner(own('rails')),
    plackup: psgiServer('plackup'), starman: psgiServer('starman'), starlet: psgiServer('starlet'),
    php: phpServer(own('php')),
  };
  return table;
}
