/**
 * Tools that run a project's file or another command besides their own code (red team round 12), in
 * the vocabulary of `runnerKit.ts`: coverage tools and profilers wrapping a command (`c8 node x.js`,
 * `nyc mocha`, `py-spy record -- python x.py`, `scalene x.py`, `memray run x.py`), JavaScript script
 * runners (`jiti x.js`, `hardhat run x.js`, `truffle exec x.js`), JavaScript tools whose plugins or
 * configuration are modules they import (`babel --plugins`, `postcss --use`, `stylelint
 * --custom-syntax`, `eslint --rulesdir`, commitlint, lint-staged, svgo, `cucumber-js --require`), `bun
 * test`'s test files, and installs that build a local folder (`uv add ./x`, `poetry add ./x`, `pipx
 * install ./x`, `bun add ./x --trust`, `bun install --cwd DIR`, bun's trusted local dependencies). Each file found is read as if it ran
 * now; a module name that is not a path is an installed package and is not read.
 */

import { resolvePath } from '../../paths';
import type { ArgWord } from '../types';
import { has, inDir, jsConfigs, jsFiles, LISTING_ONLY, operandTexts, value, values, type Ctx, type Entry, type RunnerSpec } from './runnerKit';
import { moduleEntry, pythonRoots } from './loaderRunners';
import { localDependencyFolders } from './localPackages';

const abs = (c: Ctx, p: string): string => resolvePath(c.exec.cwd, p, c.w.facts.home);

/** Runs `argv` as its own command, handed on by `via`. */
function runWords(c: Ctx, argv: readonly ArgWord[], via: string): void {
  if (argv.length > 0) c.w.run([...argv], { ...c.exec, wrappers: [...c.exec.wrappers, via] });
}

/** `c8 [opts] node x.js`, `nyc [opts] mocha`: the command after the tool's options runs under it (its own subcommands aside). */
function coverageCommand(base: RunnerSpec | undefined, own: readonly string[]): RunnerSpec | undefined {
  if (!base) return undefined;
  return {
    entries(p, c) {
      const first = p.operands[0];
      if (first && !own.includes(first.text) && !has(p, ...LISTING_ONLY)) runWords(c, p.operands, c.name);
      return base.entries(p, c);
    },
  };
}

/**
 * A Python profiler: `subs` are its subcommands that start a program; the program is a command after
 * `--` (`py-spy record -- python x.py`), or a script / `-m module` run in Python (`scalene x.py`,
 * `memray run -m mod`).
 */
function pythonProfiler(subs: readonly string[], command: boolean): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const ops = p.operands.filter((w) => w.text !== '--');
      const words = subs.length > 0 ? (subs.includes(ops[0]?.text ?? '') ? ops.slice(1) : undefined) : ops;
      if (words === undefined) return [];
      if (command) {
        runWords(c, words, c.name);
        return [];
      }
      const module = value(p, '-m', '--module');
      if (module !== undefined) return moduleEntry(c, module, pythonRoots(c, []));
      const script = words.find((w) => !w.dynamic && /\.pyw?$/.test(w.text));
      return script ? [{ files: [abs(c, script.text)], as: 'python' }] : [];
    },
  };
}

/** A JavaScript runner of a script file: `jiti x.js`, `hardhat run x.js` (`sub`), with its own configuration loaded first (`config`); `hardhat test`/`truffle test` run the files of test/ (or those named). */
function jsScriptRunner(sub: string | undefined, config: readonly string[] = [], configOptions: readonly string[] = []): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const ops = operandTexts(p);
      const given = value(p, '--config', ...configOptions);
      const configs: Entry[] = config.length === 0 ? [] : [given !== undefined ? { files: jsFiles(c, [given]), as: 'javascript' } : { files: inDir(c.exec.cwd, ...config.flatMap(jsConfigs)), as: 'javascript', first: true }];
      const script = sub === undefined ? ops[0] : ops[0] === sub ? ops[1] : undefined;
      const tests: Entry[] = sub !== undefined && ops[0] === 'test' ? [{ files: ops.length > 1 ? ops.slice(1, 9).map((t) => abs(c, t)) : c.list(`${c.exec.cwd}/test`, /\.[cm]?[jt]s$/), as: 'javascript' }] : [];
      return [...configs, ...(script !== undefined ? [{ files: [abs(c, script)], as: 'javascript' as const }] : []), ...tests];
    },
  };
}

/** A JavaScript tool whose modules by option are imported (`babel --plugins a,./b.js`), and whose configuration file is too. */
function jsModuleTool(base: RunnerSpec | undefined, moduleOptions: readonly string[], configOptions: readonly string[] = [], defaults: readonly string[] = [], commaLists = false): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return [];
      const modules = values(p, ...moduleOptions).flatMap((v) => (commaLists ? v.split(',') : [v])).map((v) => v.trim());
      const given = configOptions.length > 0 ? value(p, ...configOptions) : undefined;
      const config: Entry[] = given !== undefined ? [{ files: jsFiles(c, [given]), as: 'javascript' }] : defaults.length > 0 ? [{ files: inDir(c.exec.cwd, ...defaults.flatMap(jsConfigs)), as: 'javascript', first: true }] : [];
      return [{ files: jsFiles(c, modules), as: 'javascript' }, ...config, ...(base?.entries(p, c) ?? [])];
    },
  };
}

/** `postcss --use ./x.js`, `postcss --config DIR`: plugins by path, and postcss.config.js in the configuration's folder. */
const postcss: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const dir = value(p, '-c', '--config');
    const base = dir !== undefined ? abs(c, dir) : c.exec.cwd;
    const configs = /\.[cm]?[jt]s$/.test(base) ? [base] : inDir(base, ...['postcss.config', '.postcssrc'].flatMap(jsConfigs));
    return [{ files: jsFiles(c, values(p, '-u', '--use', '-p', '--parser', '-s', '--syntax', '-t', '--stringifier')), as: 'javascript' }, { files: configs, as: 'javascript', first: true }];
  },
};

/** `eslint --rulesdir DIR`: every rule file of the folder is loaded; `-f ./x.js` is a formatter module. */
function eslintRules(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      if (has(p, ...LISTING_ONLY)) return base?.entries(p, c) ?? [];
      const rules = values(p, '--rulesdir').flatMap((d) => c.list(abs(c, d), /\.[cm]?js$/));
      return [{ files: [...rules, ...jsFiles(c, values(p, '-f', '--format', '--parser', '--plugin'))], as: 'javascript' }, ...(base?.entries(p, c) ?? [])];
    },
  };
}

/** `cucumber-js --require x.js --import y.mjs --require-module ./z.js`, and its configuration (cucumber.js); a folder's files are each loaded. */
const cucumberJs: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const paths = values(p, '-r', '--require', '-i', '--import', '--require-module').map((t) => abs(c, t));
    const files = paths.flatMap((f) => (/\.[cm]?[jt]s$/.test(f) ? [f] : c.list(f, /\.[cm]?[jt]s$/)));
    const config = value(p, '-c', '--config');
    return [{ files, as: 'javascript' }, config !== undefined ? { files: jsFiles(c, [config]), as: 'javascript' } : { files: inDir(c.exec.cwd, 'cucumber.js', 'cucumber.cjs', 'cucumber.mjs'), as: 'javascript', first: true }];
  },
};

/** bun test's default file names (`*.test.*`, `*_test.*`, `*.spec.*`, `*_spec.*`). */
const BUN_TEST_FILE = /[._](test|spec)\.[cm]?[jt]sx?$/;

/**
 * `bun test`: the test files it finds (or names), and bunfig.toml's `preload`; `bun install --cwd DIR`:
 * DIR's lifecycle scripts; `bun add ./pkg --trust`: the folder's lifecycle scripts (trusted, so run).
 */
function bunLoads(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const [sub, ...rest] = operandTexts(p);
      const cwdOption = value(p, '--cwd');
      const dir = cwdOption !== undefined ? abs(c, cwdOption) : c.exec.cwd;
      if (has(p, ...LISTING_ONLY)) return own;
      if (sub === 'test') {
        const named = rest.filter((t) => /^\.{0,2}\//.test(t)).map((t) => abs(c, t));
        const found = ['', '/test', '/tests', '/__tests__', '/src', '/src/__tests__'].flatMap((d) => c.list(dir + d, BUN_TEST_FILE));
        const bunfig = c.w.readFile(`${dir}/bunfig.toml`, c.w.viaOf(c.exec));
        const preload = [...(bunfig ?? '').matchAll(/^\s*preload\s*=\s*(\[[^\]]*\]|"[^"\n]*")/gm)].flatMap((m) => [...m[1]!.matchAll(/"([^"\n]+)"/g)].map((x) => resolvePath(dir, x[1]!, c.w.facts.home)));
        return [...own, { files: [...preload, ...(named.length > 0 ? named : found)], as: 'javascript' }];
      }
      const install = sub === 'install' || sub === 'i';
      // A bare install runs the root's scripts (here when `--cwd` moves it) and those of the local dependencies `trustedDependencies` lists.
      if (install && rest.length === 0) {
        const trusted = localDependencyFolders(c.w, dir, c.exec, true).map((f): Entry => ({ lifecycle: 'bun', dir: f }));
        return [...own, ...(cwdOption !== undefined ? [{ lifecycle: 'bun', dir }] : []), ...trusted];
      }
      if ((sub === 'add' || sub === 'a' || install) && has(p, '--trust')) {
        const folders = rest.map((t) => t.replace(/^(file|link):/, '')).filter((t) => /^(\.{1,2}(\/|$)|\/|~\/)/.test(t)).map((t) => resolvePath(dir, t, c.w.facts.home));
        return [...own, ...folders.slice(0, 8).map((f): Entry => ({ lifecycle: 'bun', dir: f }))];
      }
      return own;
    },
  };
}

/** A local folder an install builds (`./pkg`, `../x`, `/abs`, `file:./x`): its setup.py runs at build. */
const localSetups = (c: Ctx, names: readonly string[]): Entry[] =>
  names.map((t) => t.replace(/^file:(\/\/)?/, '')).filter((t) => /^(\.{1,2}(\/|$)|\/|~\/)/.test(t)).slice(0, 8).map((t): Entry => ({ files: [`${abs(c, t).replace(/\/+$/, '')}/setup.py`], as: 'python' }));

/** `uv add ./pkg`, `poetry add ../lib`, `pdm add ./x`, `pipx install ./x` / `pipx inject venv ./x`: the local folder is built, running its setup.py. */
function localPythonBuild(base: RunnerSpec | undefined, subs: readonly string[], skip = 0): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const [sub, ...rest] = operandTexts(p);
      if (sub === undefined || !subs.includes(sub) || has(p, ...LISTING_ONLY)) return own;
      return [...own, ...localSetups(c, [...rest.slice(skip), ...values(p, '-e', '--editable')])];
    },
  };
}


/** The JavaScript and build additions to the runner table, over the table so far. */
export function withToolLoaders(base: Readonly<Record<string, RunnerSpec>>): Record<string, RunnerSpec> {
  const own = (name: string): RunnerSpec | undefined => (Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined);
  const c8 = coverageCommand(own('c8'), ['report', 'check-coverage', 'help']);
  const nyc = coverageCommand(own('nyc'), ['report', 'check-coverage', 'instrument', 'merge', 'help']);
  return {
    ...base,
    ...(c8 ? { c8 } : {}), ...(nyc ? { nyc } : {}),
    'py-spy': pythonProfiler(['record', 'top'], true),
    austin: pythonProfiler([], true),
    scalene: pythonProfiler([], false),
    memray: pythonProfiler(['run'], false),
    pyinstrument: pythonProfiler([], false),
    kernprof: pythonProfiler([], false),
    viztracer: pythonProfiler([], false),
    mprof: pythonProfiler(['run'], false),
    jiti: jsScriptRunner(undefined), 'sucrase-node': jsScriptRunner(undefined),
    hardhat: jsScriptRunner('run', ['hardhat.config']),
    truffle: jsScriptRunner('exec', ['truffle-config', 'truffle']),
    babel: jsModuleTool(own('babel'), ['--plugins', '--presets'], [], [], true),
    postcss,
    stylelint: jsModuleTool(own('stylelint'), ['--custom-syntax', '--custom-formatter']),
    commitlint: jsModuleTool(undefined, ['x', 'extends', 'p', 'parser-preset'], ['g', 'config'], ['commitlint.config', '.commitlintrc'], true),
    'lint-staged': jsModuleTool(undefined, [], ['-c', '--config'], ['lint-staged.config', '.lintstagedrc']),
    svgo: jsModuleTool(undefined, [], ['--config'], ['svgo.config']),
    eslint: eslintRules(own('eslint')),
    'cucumber-js': cucumberJs,
    bun: bunLoads(own('bun')),
    uv: localPythonBuild(own('uv'), ['add']),
    poetry: localPythonBuild(own('poetry'), ['add']),
    pdm: localPythonBuild(own('pdm'), ['add']),
    pipx: localPythonBuild(own('pipx'), ['install', 'inject']),
  };
}
