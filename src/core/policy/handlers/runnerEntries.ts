/**
 * What a runner runs besides its own code: the entry files it loads by convention or by option (test
 * runners' conftest.py, test files and setup files, task runners' Justfile, Rakefile, mise.toml,
 * tasks.py, noxfile.py, build hooks such as build.rs, `//go:generate` lines and setup.py, bundlers'
 * configuration files, install lifecycle scripts, a compose file's commands, a shell's rc file, the
 * programs `run-parts` and `find -exec sh {}` run, and program files of Lua, R, Julia and Tcl). One
 * table, `RUNNERS`: a runner's option grammar and a function from its parsed words to entries; each
 * entry is read and analysed as if it ran now (`runEntry`). A runner that already has a handler keeps
 * it: `withEntries` runs that handler first, then the entries.
 */

import { dirname, resolvePath } from '../../paths';
import type { ParsedCommand } from '../../shell/grammar';
import { has, inDir, jsConfigs, jsFiles, jsTestFiles, LISTING_ONLY, operandTexts, parseWith, pythonModule, value, values, type Ctx, type Entry, type Reading, type RunnerSpec } from './runnerKit';
import type { ArgWord, Invocation } from '../types';
import { SHELLS, type Exec, type Handler, type Walker } from './context';
import { runEntriesOf } from './entryReading';
import { EFFECT_RULES } from '../effectRules';
import { RUBY_LOADER_NAMES, rubyLoaderFiles } from './preloadedModules';
import { withLoaderRunners } from './loaderRunners';
import { withProjectLoaders } from './projectLoaders';
import { withToolLoaders } from './toolLoaders';
import { withBuildProjects } from './buildProjects';
import { withNamedCodeRunners } from './namedCodeRunners';

/** Files one runner's folder listing contributes; more are not read. */
const MAX_LISTED = 16;

function conventional(c: Ctx, dirOption: string | undefined, ...names: string[]): Entry {
  const dir = dirOption !== undefined ? resolvePath(c.exec.cwd, dirOption, c.w.facts.home) : c.exec.cwd;
  return { files: inDir(dir, ...names), as: 'javascript', first: true };
}

const TEST_FILE_PY = /^(test_.*|.*_test)\.py$/;

const pytest: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const cwd = c.exec.cwd;
    const files: string[] = [`${cwd}/conftest.py`];
    const targets = operandTexts(p).map((t) => resolvePath(cwd, t.split('::')[0]!, c.w.facts.home));
    for (const t of targets.length > 0 ? targets : [cwd, `${cwd}/tests`, `${cwd}/test`]) {
      if (t.endsWith('.py')) files.push(t);
      else files.push(`${t}/conftest.py`, ...c.list(t, TEST_FILE_PY));
    }
    return [{ files, as: 'python' }, ...values(p, '-p').filter((m) => !m.startsWith('no:')).map((m): Entry => ({ files: pythonModule(c, m), as: 'python' }))];
  },
};

const mocha: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const named = [...operandTexts(p), ...values(p, '--spec')];
    const cwd = c.exec.cwd;
    return [
      { files: jsFiles(c, [...named, ...values(p, '-r', '--file')]), as: 'javascript' },
      { files: value(p, '--config') !== undefined ? jsFiles(c, [value(p, '--config')!]) : inDir(cwd, '.mocharc.js', '.mocharc.cjs'), as: 'javascript' },
      ...(named.length === 0 ? [{ files: c.list(`${cwd}/test`, /\.(js|cjs|mjs)$/), as: 'javascript' as const }] : []),
    ];
  },
};

const jest: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const config = value(p, '-c', '--config');
    return [
      { files: jsFiles(c, values(p, '--globalSetup', '--globalTeardown', '--setupFiles', '--setupFilesAfterEnv', '--testEnvironment')), as: 'javascript' },
      config !== undefined && !config.trim().startsWith('{') ? { files: jsFiles(c, [config]), as: 'javascript' } : conventional(c, undefined, ...jsConfigs('jest.config')),
      { files: jsTestFiles(c, rootDir(c, value(p, '--rootDir', '--roots'))), as: 'javascript' },
      { files: [`${c.exec.cwd}/package.json`], as: 'jestPackage' },
    ];
  },
};

/** A tool that loads a configuration file of its own by convention (bundlers, frameworks, task runners in JavaScript). */
function configLoader(bases: readonly string[], configOptions: readonly string[] = ['-c', '--config'], tests = false): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const config = value(p, ...configOptions, '--gulpfile', '--gruntfile');
      // `vitest --dir DIR`, `--root DIR`: the test files are found there (round 24).
      const testFiles: Entry[] = tests ? [{ files: jsTestFiles(c, rootDir(c, value(p, '--dir', '--root'))), as: 'javascript' }] : [];
      if (config !== undefined) return [{ files: jsFiles(c, [config]), as: 'javascript' }, ...testFiles];
      return [conventional(c, value(p, '--root', '--cwd'), ...bases.flatMap(jsConfigs)), ...testFiles];
    },
  };
}

/** The folder a test runner searches for test files (`--rootDir`, `--dir`), or the working folder. */
const rootDir = (c: Ctx, dir: string | undefined): string => (dir !== undefined ? resolvePath(c.exec.cwd, dir, c.w.facts.home) : c.exec.cwd);

/** A test runner's setup files named on its command line (`vitest --globalSetup ./x.js`, `playwright test --global-setup ./x.js`), beside its configuration. */
function withSetupOptions(base: RunnerSpec, names: readonly string[]): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      return [{ files: jsFiles(c, values(p, ...names)), as: 'javascript' }, ...base.entries(p, c)];
    },
  };
}

/** `nodemon x.js`, `pm2 start x.js`, `forever start x.js`: a launcher running a script in node. */
function nodeLauncher(subcommand?: string): RunnerSpec {
  return {
    entries(p, c) {
      const ops = operandTexts(p);
      const rest = subcommand === undefined ? ops : ops[0] === subcommand || ops[0] === 'restart' ? ops.slice(1) : [];
      return rest.length > 0 ? [{ files: jsFiles(c, rest.slice(0, 1)), as: 'javascript' }] : [];
    },
  };
}

const coverage: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p);
    if (ops[0] !== 'run' || ops.length < 2) return [];
    return [{ files: has(p, '-m', '--module') ? pythonModule(c, ops[1]!) : [resolvePath(c.exec.cwd, ops[1]!, c.w.facts.home)], as: 'python' }];
  },
};

/** A task runner whose tasks live in one file of its own, read as `as`. `quiet`: options that only list or show. */
function taskFile(names: readonly string[], as: Reading, fileOptions: readonly string[], quiet: readonly string[] = []): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY, ...quiet)) return [];
      const file = fileOptions.length > 0 ? value(p, ...fileOptions) : undefined;
      if (file !== undefined) return [{ files: [resolvePath(c.exec.cwd, file, c.w.facts.home)], as }];
      return [{ files: inDir(c.exec.cwd, ...names), as, first: true }];
    },
  };
}

const MISE_FILES = ['mise.toml', '.mise.toml', 'mise/config.toml', '.mise/config.toml', '.config/mise.toml', '.config/mise/config.toml', 'mise.local.toml'];

const mise: RunnerSpec = {
  entries(p, c) {
    const sub = operandTexts(p)[0];
    if (sub !== 'run' && sub !== 'r' && sub !== 'watch' && sub !== 'w') return [];
    const dir = value(p, '-C', '--cd');
    return [{ files: inDir(dir !== undefined ? resolvePath(c.exec.cwd, dir, c.w.facts.home) : c.exec.cwd, ...MISE_FILES), as: 'tomlRun' }];
  },
};

const CARGO_BUILDS = new Set(['build', 'b', 'run', 'r', 'test', 't', 'check', 'c', 'bench', 'install', 'doc', 'd', 'clippy', 'rustc', 'package', 'publish']);

const cargo: RunnerSpec = {
  entries(p, c) {
    const sub = operandTexts(p)[0];
    if (sub === undefined || !CARGO_BUILDS.has(sub)) return [];
    // `cargo install --git https://github.com/someone/x` (round 7): the crate's build script and proc macros run at install, from that address, unread.
    const git = sub === 'install' ? value(p, '--git') : undefined;
    if (git !== undefined) c.w.addOpaque(`cargo installs ${git.slice(0, 120)}, a crate from an address rather than the registry, whose build code runs before it can be read`, c.w.viaOf(c.exec), undefined, git);
    const manifest = value(p, '--manifest-path');
    const dir = manifest !== undefined ? dirname(resolvePath(c.exec.cwd, manifest, c.w.facts.home)) : c.exec.cwd;
    return [{ files: [`${dir}/build.rs`], as: 'rust' }];
  },
};

const go: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p);
    if (ops[0] === 'test') {
      const named = ops.slice(1).filter((t) => t.endsWith('.go'));
      const dirs = named.length > 0 ? [] : (ops.slice(1).filter((t) => !t.includes('...') && (t.startsWith('.') || t.startsWith('/'))).concat(ops.length > 1 ? [] : ['.']));
      const files = [...named.map((t) => resolvePath(c.exec.cwd, t, c.w.facts.home)), ...dirs.flatMap((d) => c.list(resolvePath(c.exec.cwd, d, c.w.facts.home), /\.go$/))];
      return [{ files, as: 'native' }];
    }
    if (ops[0] !== 'generate' || has(p, '-n')) return [];
    const files: string[] = [];
    for (const target of ops.length > 1 ? ops.slice(1) : ['.']) {
      const recursive = target.endsWith('/...');
      const dir = resolvePath(c.exec.cwd, recursive ? target.slice(0, -4) || '.' : target, c.w.facts.home);
      if (target.endsWith('.go')) files.push(dir);
      else files.push(...c.list(dir, /\.go$/));
      if (recursive) for (const sub of c.w.facts.listDir(dir) ?? []) if (!sub.startsWith('.') && !/\.\w+$/.test(sub) && sub !== 'vendor' && sub !== 'testdata') files.push(...c.list(`${dir}/${sub}`, /\.go$/));
    }
    return [{ files, as: 'goGenerate' }];
  },
};

const pip: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p);
    const sub = ops[0] === 'pip' ? ops[1] : ops[0];
    if (sub !== 'install' && sub !== 'wheel' && sub !== 'download') return [];
    const named = [...values(p, '-e', '--editable'), ...ops.slice(1)];
    // `pip install git+https://github.com/evil/x` (round 8): a package from an address, whose build code (setup.py, its backend's hooks) runs unread.
    const address = sub === 'install' ? named.find((t) => /^(git|hg|svn|bzr)\+|^https?:\/\/|^[\w.-]+\s*@\s*(git\+|https?:\/\/)/i.test(t)) : undefined;
    if (address !== undefined) c.w.addOpaque(`pip installs ${address.slice(0, 120)}, a package from an address rather than the index, whose build code runs before it can be read`, c.w.viaOf(c.exec), undefined, address);
    const local = named.filter((t) => t === '.' || t === '..' || t.startsWith('./') || t.startsWith('../') || t.startsWith('/'));
    return local.map((t): Entry => ({ files: [`${resolvePath(c.exec.cwd, t, c.w.facts.home)}/setup.py`], as: 'python' }));
  },
};

const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const COMPOSE_RUNS = new Set(['up', 'run', 'start', 'create', 'restart']);

function composeEntries(p: ParsedCommand, c: Ctx, ops: readonly string[]): Entry[] {
  if (!ops.some((o) => COMPOSE_RUNS.has(o))) return [];
  const files = values(p, '-f', '--file');
  const dir = value(p, '--project-directory');
  const base = dir !== undefined ? resolvePath(c.exec.cwd, dir, c.w.facts.home) : c.exec.cwd;
  return [{ files: files.length > 0 ? files.map((f) => resolvePath(c.exec.cwd, f, c.w.facts.home)) : inDir(base, ...COMPOSE_FILES), as: 'compose', first: files.length === 0 }];
}


const SHELL_RUNNERS = new Set([...SHELLS, 'python', 'python3', 'node', 'perl', 'ruby', 'php', 'source', '.']);

/**
 * The program's effect rule applies a script (`code`) and writes the word holding find's `{}` (`sed -i 's/a/b/' {}`): each selected
 * file is rewritten by what the script says. A mode change (`chmod 644 {}`) or a formatter's rewrite (no script) is not this.
 */
function editsPlaceholder(program: string, words: readonly ArgWord[]): boolean {
  const effects = EFFECT_RULES[program]?.(words, { name: program, args: words } as Pick<Invocation, 'name' | 'args'> as Invocation) ?? [];
  return effects.some((e) => e.kind === 'code') && effects.some((e) => e.kind === 'write' && e.word.text.includes('{}'));
}

/** Folders of files the project's history does not hold: git's own, installed dependencies, virtual environments. */
const NOT_THE_PROJECTS = new Set(['.git', 'node_modules', 'vendor', 'bower_components', '.venv', 'venv', 'site-packages', '.yarn', '.pnpm-store']);

/**
 * What find's in-place edit reaches. A codemod over a source folder (`find src -name '*.js' -exec sed -i 's/var /let /' {} +`) is the
 * team's routine (round 6); a start folder that holds git's own files, installed dependencies or a virtual environment (the project's
 * root, a home folder) rewrites files no `git checkout` gives back, and which of them is known only when it runs.
 */
function placeholderEdits(c: Ctx, program: string, starts: readonly string[]): Entry[] {
  return (starts.length > 0 ? starts : ['.']).flatMap((start) => {
    const path = resolvePath(c.exec.cwd, start, c.w.facts.home);
    const held = (c.w.facts.listDir(path) ?? []).filter((e) => NOT_THE_PROJECTS.has(e));
    return held.length === 0 ? [] : [{ opaque: `find edits in place with ${program} each file it selects under ${c.w.display(path)}, ${held.join(' and ')} included (files git does not give back), and which ones is known only when it runs` }];
  });
}

/** `find PATH … -exec sh {} \;`: each file find selects is run. A start path that is a file is read; a folder's selection cannot be known. */
function findEntries(c: Ctx): Entry[] {
  const args = c.args.map((a) => a.text);
  const out: Entry[] = [];
  let starts: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(args[i]!)) continue;
    // The command runs to `;` or `+`, as the walker reads it (handlers/runners.ts); its own words,
    // another find's `-exec` among them, are not this find's (reading them again was cubic when nested).
    let end = i + 1;
    while (end < args.length && args[end] !== ';' && args[end] !== '+') end++;
    const [command, ...rest] = args.slice(i + 1, end);
    const restWords = c.args.slice(i + 2, end);
    i = end;
    const program = command?.replace(/^.*\//, '');
    if (program === undefined || !rest.some((a) => a.includes('{}'))) continue;
    starts ??= args.slice(0, args.findIndex((a) => /^[-(!]/.test(a) && a.length > 0)).filter((a) => a !== '');
    // Stop 39 (round 32: `find . -name '*.ts' -exec sed -i 's/foo/bar/g' {} +`): a program whose effect rule writes the file find
    // hands it (an in-place edit, by the program's own description) rewrites every file find selects in a folder, none of them listed.
    if (!SHELL_RUNNERS.has(program)) {
      if (editsPlaceholder(program, restWords)) out.push(...placeholderEdits(c, program, starts));
      continue;
    }
    for (const start of starts.length > 0 ? starts : ['.']) {
      const path = resolvePath(c.exec.cwd, start, c.w.facts.home);
      // A start path that lists as a folder selects files the guard cannot know; a file is read (a missing one runs nothing).
      if (c.w.facts.listDir(path) === undefined) out.push({ files: [path], as: SHELLS.has(program) || program === 'source' || program === '.' ? 'shell' : program.startsWith('python') ? 'python' : program === 'node' ? 'javascript' : program === 'ruby' ? 'ruby' : 'shell' });
      else out.push({ opaque: `find runs with ${program} each file it selects under ${c.w.display(path)}, which the guard cannot know` });
    }
  }
  return out;
}

/** run-parts' default name rule: letters, digits, underscores and hyphens. */
const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

const runParts: RunnerSpec = {
  entries(p, c) {
    if (has(p, '--test', '--list', ...LISTING_ONLY)) return [];
    const dir = operandTexts(p)[0];
    if (dir === undefined) return [];
    const path = resolvePath(c.exec.cwd, dir, c.w.facts.home);
    const names = (c.w.facts.listDir(path) ?? []).filter((n) => RUN_PARTS_NAME.test(n) || has(p, '--regex'));
    if (names.length > MAX_LISTED) return [{ opaque: `run-parts runs every program in ${c.w.display(path)} (${names.length} files)` }];
    return [{ files: names.map((n) => `${path}/${n}`), as: 'shell' }];
  },
};

const programRunner = (...fileOptions: string[]): RunnerSpec => ({
  entries(p, c) {
    if (has(p, '-e', '--eval', '-E', '--expr', '-c')) return [];
    const file = (fileOptions.length > 0 ? value(p, ...fileOptions) : undefined) ?? (fileOptions.includes('--script') ? undefined : operandTexts(p)[0]);
    return file !== undefined && file !== '-' ? [{ files: [resolvePath(c.exec.cwd, file, c.w.facts.home)], as: 'program' }] : [];
  },
});

/** `python -m MODULE`: modules that run a script file named after them, and runners with their own entry. */
const SCRIPT_MODULES = new Set(['cProfile', 'profile', 'pdb', 'trace', 'runpy']);

const python: RunnerSpec = {
  entries(p, c) {
    const module = value(p, '-m');
    const rest = p.operands;
    if (module !== undefined) {
      const delegate = Object.prototype.hasOwnProperty.call(RUNNERS, module) ? RUNNERS[module] : undefined;
      if (delegate && module !== 'python') return delegate.entries(parseWith(module, rest), { ...c, args: rest });
      if (module === 'build') return [{ files: [`${resolvePath(c.exec.cwd, rest.find((a) => /^[^-]/.test(a.text))?.text ?? '.', c.w.facts.home)}/setup.py`], as: 'python' }];
      if (SCRIPT_MODULES.has(module)) {
        const script = rest.find((a) => !a.dynamic && a.text.endsWith('.py'));
        return script ? [{ files: [resolvePath(c.exec.cwd, script.text, c.w.facts.home)], as: 'python' }] : [];
      }
      return [{ files: pythonModule(c, module), as: 'python' }];
    }
    // Django's `manage.py shell -c CODE`: the code runs with the project loaded.
    const texts = rest.map((a) => a.text);
    if (/(^|\/)manage\.py$/.test(texts[0] ?? '') && texts[1] === 'shell') {
      const at = texts.findIndex((t) => t === '-c' || t === '--command' || t.startsWith('--command='));
      const code = at < 0 ? undefined : texts[at]!.startsWith('--command=') ? texts[at]!.slice(10) : texts[at + 1];
      if (code !== undefined) return [{ code, label: 'manage.py shell -c' }];
    }
    return [];
  },
};

const node: RunnerSpec = {
  entries: (p, c) => [
    { files: jsFiles(c, values(p, '-r', '--require', '--import', '--loader').filter((t) => /^\.{0,2}\//.test(t))), as: 'javascript' },
    // `node --test` with no files runs the test files it finds.
    ...(has(p, '--test') && p.operands.length === 0 ? [{ files: jsTestFiles(c), as: 'javascript' as const }] : []),
  ],
};

const shellRc: RunnerSpec = {
  entries(p, c) {
    const rc = value(p, '--rcfile');
    // `--rcfile <(echo '…')`: the start-up code is what the substitution prints (runFile judges it); the shell runs it even with -c when -i is given.
    if (rc !== undefined && /^<\([\s\S]*\)$/.test(rc)) {
      c.w.runFile({ text: rc, raw: rc, dynamic: true, glob: false }, 'shell', undefined, c.exec, `${c.name} --rcfile`);
      return [];
    }
    return rc !== undefined && !has(p, '-c') ? [{ files: [resolvePath(c.exec.cwd, rc, c.w.facts.home)], as: 'shell' }] : [];
  },
};

/** The runner table's key for a command name (`python3.12` is `python`, `bash` is `sh`). */
function runnerKey(name: string): string {
  if (/^(python|pypy)[0-9.]*$/.test(name)) return 'python';
  // TypeScript runners take node's preload options (`tsx --import ./x.js`, `ts-node -r ./x.js`).
  if (/^(nodejs|tsx|ts-node|ts-node-esm|esno|babel-node|vite-node)$/.test(name)) return 'node';
  if (SHELLS.has(name)) return 'sh';
  return name;
}

/** A compiler-runner given a source file (`java Main.java`, `elixir x.exs`, `swift x.swift`, `dart run x.dart`, `cmake -P x.cmake`). */
const nativeRunner = (fileOption?: string): RunnerSpec => ({
  entries(p, c) {
    const ops = operandTexts(p).filter((t) => t !== 'run');
    const file = (fileOption ? value(p, fileOption) : undefined) ?? ops.find((t) => /\.(java|exs?|swift|dart|kts|cmake)$/.test(t));
    return file !== undefined ? [{ files: [resolvePath(c.exec.cwd, file, c.w.facts.home)], as: 'native' }] : [];
  },
});

/** A task file read as JSON or INI by a tool that runs its entries (`tox`, `deno task`, `composer install`, `pre-commit run`). */
function listedTasks(names: readonly string[], as: Reading, runs: (ops: readonly string[]) => boolean): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY) || !runs(operandTexts(p))) return [];
      const config = value(p, '-c');
      return [{ files: config !== undefined ? [resolvePath(c.exec.cwd, config, c.w.facts.home)] : inDir(c.exec.cwd, ...names), as, first: true }];
    },
  };
}

const COMPOSER_RUNS = new Set(['install', 'i', 'update', 'u', 'upgrade', 'run-script', 'run', 'create-project', 'dump-autoload', 'dumpautoload', 'require', 'remove']);

/** A tool whose first operand is a subcommand in `subs` and then reads `names` (`foreman start`, `direnv allow`, `lefthook run`). */
function onSubcommand(subs: readonly string[], names: readonly string[], as: Reading): RunnerSpec {
  return {
    entries(p, c) {
      const sub = operandTexts(p)[0];
      if (sub === undefined || !subs.includes(sub)) return [];
      const file = value(p, '-f');
      return [{ files: file !== undefined ? [resolvePath(c.exec.cwd, file, c.w.facts.home)] : inDir(c.exec.cwd, ...names), as, first: true }];
    },
  };
}

const PROCFILE = onSubcommand(['start', 's'], ['Procfile', 'Procfile.dev'], 'procfile');

const RUNNERS: Readonly<Record<string, RunnerSpec>> = withBuildProjects(withNamedCodeRunners(withToolLoaders(withProjectLoaders(withLoaderRunners({
  foreman: PROCFILE, honcho: PROCFILE, overmind: PROCFILE, hivemind: { entries: (_p, c) => [{ files: inDir(c.exec.cwd, 'Procfile'), as: 'procfile' }] }, 'nf': PROCFILE,
  lefthook: onSubcommand(['run'], ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', 'lefthook-local.yml'], 'yamlRun'),
  // `direnv allow [DIR]` loads DIR's .envrc; `direnv exec DIR cmd` runs it before cmd.
  direnv: {
    entries(p, c) {
      const [sub, dir] = operandTexts(p);
      if (sub === undefined || !['allow', 'permit', 'grant', 'exec', 'reload'].includes(sub)) return [];
      const base = dir !== undefined && sub !== 'reload' ? resolvePath(c.exec.cwd, dir, c.w.facts.home) : c.exec.cwd;
      return [{ files: base.endsWith('.envrc') ? [base] : [`${base}/.envrc`], as: 'envrc' }];
    },
  },
  tox: listedTasks(['tox.ini'], 'toxCommands', (ops) => ops.length === 0 || ops[0] === 'run' || ops[0] === 'r' || ops[0] === 'exec'),
  deno: listedTasks(['deno.json', 'deno.jsonc'], 'denoTasks', (ops) => ops[0] === 'task' && ops.length > 1),
  composer: listedTasks(['composer.json'], 'composerScripts', (ops) => ops.length > 0 && COMPOSER_RUNS.has(ops[0]!)),
  'pre-commit': listedTasks(['.pre-commit-config.yaml', '.pre-commit-config.yml'], 'preCommit', (ops) => ops[0] === 'run' || ops[0] === 'try-repo'),
  // java, swift, kotlin and `go run` sources are read by `compiledRunners.ts`.
  // cmake, gradle, dotnet, ant, meson, scons and karma: `buildProjects.ts`.
  elixir: nativeRunner(), dart: nativeRunner(),
  'cargo-run': { entries: (_p, c) => [{ files: [`${c.exec.cwd}/build.rs`], as: 'rust' }, { files: [`${c.exec.cwd}/src/main.rs`], as: 'rust' }] },
  python, node, sh: shellRc,
  pytest, 'py.test': pytest, mocha, jest,
  vitest: withSetupOptions(configLoader(['vitest.config', 'vite.config'], undefined, true), ['globalSetup', 'global-setup', 'setupFiles', 'setup-files']),
  playwright: withSetupOptions(configLoader(['playwright.config'], undefined, true), ['global-setup', 'global-teardown', 'globalSetup']),
  cypress: configLoader(['cypress.config'], ['-C', '--config-file']),
  eslint: configLoader(['eslint.config', '.eslintrc'], ['-c', '--config']),
  prettier: configLoader(['prettier.config', '.prettierrc'], ['--config']),
  stylelint: configLoader(['stylelint.config', '.stylelintrc'], ['--config']),
  tsup: configLoader(['tsup.config']),
  unittest: { entries: (p, c) => [{ files: operandTexts(p).filter((t) => t !== 'discover').length > 0 ? operandTexts(p).filter((t) => t.endsWith('.py')).map((t) => resolvePath(c.exec.cwd, t, c.w.facts.home)) : [...c.list(c.exec.cwd, /^test.*\.py$/), ...c.list(`${c.exec.cwd}/tests`, /^test.*\.py$/)], as: 'python' }] },
  vite: configLoader(['vite.config']),
  next: configLoader(['next.config']),
  webpack: configLoader(['webpack.config']),
  'webpack-cli': configLoader(['webpack.config']),
  rollup: configLoader(['rollup.config']),
  astro: configLoader(['astro.config']),
  nuxt: configLoader(['nuxt.config']),
  nuxi: configLoader(['nuxt.config']),
  gulp: configLoader(['gulpfile'], ['-f', '--gulpfile']),
  grunt: configLoader(['Gruntfile', 'gruntfile'], ['--gruntfile']),
  nodemon: nodeLauncher(), 'ts-node-dev': nodeLauncher(), supervisor: nodeLauncher(),
  pm2: nodeLauncher('start'), forever: nodeLauncher('start'),
  coverage,
  just: taskFile(['justfile', 'Justfile', '.justfile'], 'recipes', ['-f', '--justfile'], ['l', 'list', 'summary', 's', 'show', 'n', 'dry-run', 'evaluate', 'dump', 'variables']),
  rake: taskFile(['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb'], 'ruby', ['-f', '--rakefile'], ['T', 'tasks', 'D', 'describe', 'W', 'where', 'P', 'prereqs', 'n', 'dry-run']),
  task: taskFile(['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml', 'taskfile.yaml', 'Taskfile.dist.yml'], 'yamlCmds', ['-t', '--taskfile'], ['l', 'list', 'list-all', 'a', 'n', 'dry', 'summary']),
  invoke: taskFile(['tasks.py'], 'python', []),
  inv: taskFile(['tasks.py'], 'python', []),
  fab: taskFile(['fabfile.py'], 'python', ['-r', '--search-root']),
  nox: taskFile(['noxfile.py'], 'python', ['-f', '--noxfile']),
  doit: taskFile(['dodo.py'], 'python', ['-f', '--file']),
  mise, cargo, go, pip, pip3: pip, uv: pip,
  'docker-compose': { entries: (p, c) => composeEntries(p, c, operandTexts(p)) },
  'podman-compose': { entries: (p, c) => composeEntries(p, c, operandTexts(p)) },
  docker: { entries: (p, c) => (operandTexts(p)[0] === 'compose' ? composeEntries(p, c, operandTexts(p).slice(1)) : []) },
  podman: { entries: (p, c) => (operandTexts(p)[0] === 'compose' ? composeEntries(p, c, operandTexts(p).slice(1)) : []) },
  // A bare `bun install` runs the project's lifecycle scripts (as npm's handler does for `npm install`).
  // `bun --preload ./x.js app.ts` (`-r`) runs x.js first.
  bun: { entries: (p, c) => [...(['install', 'i'].includes(operandTexts(p)[0] ?? '') && operandTexts(p).length === 1 ? [{ lifecycle: 'bun' as const }] : []), { files: jsFiles(c, values(p, '-r', '--preload')), as: 'javascript' as const }] },
  find: { entries: (_p, c) => findEntries(c) },
  'run-parts': runParts,
  lua: programRunner(), luajit: programRunner(), 'lua5.1': programRunner(), 'lua5.3': programRunner(), 'lua5.4': programRunner(),
  // Round 9: ruby programs that load modules by name (`irb -I. -revil`, `rspec -r ./x.rb`) and irb's and pry's project start-up files.
  ...Object.fromEntries(RUBY_LOADER_NAMES.map((name): [string, RunnerSpec] => [name, rubyLoader(name)])),
  Rscript: programRunner(), R: programRunner('-f', '--file'), emacs: programRunner('--script', '-script'), julia: programRunner(), tclsh: programRunner(), wish: programRunner(), expect: programRunner('-f'),
})))));

function rubyLoader(name: string): RunnerSpec {
  return {
    entries: (p, c) => (has(p, ...LISTING_ONLY) ? [] : [{ files: rubyLoaderFiles(c.w, name, values(p, '-r', '--require'), values(p, '-I', '--libdir'), c.exec, c.exec.assignments), as: 'ruby' }]),
  };
}

/** The handler for `name`, with what it runs by convention read after the base handler (or a plain report). */
export function withEntries(name: string, base: Handler | undefined): Handler | undefined {
  const key = runnerKey(name);
  const spec = Object.prototype.hasOwnProperty.call(RUNNERS, key) ? RUNNERS[key] : undefined;
  if (!spec) return base;
  return (w, n, first, args, exec) => {
    const inv = base ? base(w, n, first, args, exec) : w.emit(n, first.text, args, exec);
    if (inv) runnerEntries(w, n, spec, args, exec, inv);
    return inv;
  };
}

export function runnerEntries(w: Walker, name: string, spec: RunnerSpec, args: readonly ArgWord[], exec: Exec, inv: Invocation | undefined): void {
  const parsed = parseWith(runnerKey(name), args);
  const ctx: Ctx = {
    w, name, args, exec,
    list: (dir, match) => (w.facts.listDir(dir) ?? []).filter((n) => match.test(n)).slice(0, MAX_LISTED).map((n) => `${dir}/${n}`),
  };
  runEntriesOf(w, name, spec.entries(parsed, ctx), exec, inv);
}

/** A wrapper that ran nothing of its own (`cargo build`, `nodemon app.js`): what it runs by convention, when the table knows it. */
export function entriesAfterWrapper(w: Walker, name: string, args: readonly ArgWord[], exec: Exec, inv: Invocation | undefined, always = false): void {
  const key = runnerKey(name);
  if ((inv || always) && Object.prototype.hasOwnProperty.call(RUNNERS, key)) runnerEntries(w, name, RUNNERS[key]!, args, exec, inv);
}
