/**
 * Programs given a project's module or file that import or run it (red team round 14), in the
 * vocabulary of `runnerKit.ts`: doc tools that import what they document (`pdoc appx`, `hypothesis
 * write appx.f`), flake8's local plugins (`[flake8:local-plugins]` of its config or `--append-config`),
 * notebooks executed (`jupyter nbconvert --execute`, `jupyter execute`, `papermill`), Python's warning
 * filters whose category names a module (`-W error::appx.X`, `PYTHONWARNINGS`), classes an app server
 * or worker imports by an option (`gunicorn -k appx.Worker`, `celery --config appx`, `uvicorn --loop
 * appx:loop`), orchestrators loading a file or module (`dagster dev -f`, `prefect deploy x.py:flow`,
 * `luigi --module`), and runners of a named file (`scrapy runspider`, `modal run`, `twistd --wsgi`).
 * As for the other loaders, each file found is read as if it ran now; a name that is not a file here
 * is an installed package and is not read.
 */

import { dirname, resolvePath } from '../../paths';
import { extendedRunner, has, LISTING_ONLY, operandTexts, value, values, type Ctx, type Entry, type RunnerSpec } from './runnerKit';
import { moduleEntry, pythonRoots } from './loaderRunners';
import type { ArgWord } from '../types';

const abs = (c: Ctx, p: string): string => resolvePath(c.exec.cwd, p, c.w.facts.home);
const pyFile = (c: Ctx, p: string): Entry => ({ files: [abs(c, p)], as: 'python' });
const DOTTED = /^[A-Za-z_][\w.]*$/;

/** A file or a dotted module (`pdoc ./x.py`, `pdoc x.y`). */
function pyTarget(c: Ctx, t: string, roots: readonly string[] = pythonRoots(c, [])): Entry[] {
  return t.endsWith('.py') || t.includes('/') ? [pyFile(c, t)] : moduleEntry(c, t, roots);
}

/** A dotted name whose last part may be an attribute (`appx.Worker`, `appx.f`, `pkg.mod:obj`): the module, else its parent. */
function moduleOrParent(c: Ctx, name: string, roots: readonly string[] = pythonRoots(c, [])): Entry[] {
  const dotted = name.split(':')[0]!;
  if (!DOTTED.test(dotted)) return [];
  const own = moduleEntry(c, dotted, roots);
  return own.length > 0 || !dotted.includes('.') ? own : moduleEntry(c, dotted.replace(/\.[^.]+$/, ''), roots);
}

/** `pdoc [opts] mod|file …` (`!mod` excludes one): each module is imported to be documented. */
const pdoc: RunnerSpec = {
  entries(p, c) {
    if (has(p, '--help', '--version')) return [];
    return operandTexts(p).filter((t) => !t.startsWith('!')).slice(0, 6).flatMap((t) => pyTarget(c, t));
  },
};

/** `hypothesis write [opts] mod.func …`: the ghostwriter imports each function's module. */
const hypothesis: RunnerSpec = {
  entries(p, c) {
    const [sub, ...names] = operandTexts(p);
    if (sub !== 'write' || has(p, ...LISTING_ONLY)) return [];
    return names.slice(0, 6).flatMap((t) => moduleOrParent(c, t));
  },
};

const FLAKE8_CONFIGS = ['setup.cfg', 'tox.ini', '.flake8'];

/** The `[flake8:local-plugins]` of a config text: `NAME = module:Class` lines, and the `paths` they are found under. */
function flake8LocalPlugins(c: Ctx, file: string, text: string): Entry[] {
  const section = /^\[flake8:local-plugins\][ \t]*\n([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1];
  if (section === undefined) return [];
  const paths = (/^paths\s*=\s*((?:.*\n?)(?:[ \t]+\S.*\n?)*)/m.exec(section)?.[1] ?? '').split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== '');
  const roots = [...paths.map((d) => resolvePath(dirname(file), d, c.w.facts.home)), ...pythonRoots(c, [])];
  const names = [...section.matchAll(/^\s*[A-Z][A-Z0-9]*\s*=\s*([A-Za-z_][\w.]*)(?::\w+)?\s*$/gm)].map((m) => m[1]!);
  return names.slice(0, 8).flatMap((n) => moduleEntry(c, n, roots));
}

/** `flake8 [--config F] [--append-config F]`: local plugins are imported from the project. */
const flake8: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '--isolated')) return [];
    const given = value(p, '--config');
    const files = [...(given !== undefined ? [abs(c, given)] : FLAKE8_CONFIGS.map((n) => `${c.exec.cwd}/${n}`)), ...values(p, '--append-config').map((f) => abs(c, f))];
    const out: Entry[] = [];
    for (const file of files) {
      const text = c.w.readFile(file, c.w.viaOf(c.exec));
      if (text !== undefined) out.push(...flake8LocalPlugins(c, file, text));
    }
    return out;
  },
};

/**
 * A notebook's code cells, as Python (`!cmd` lines are shell commands: `os.system`); a notebook that
 * is not JSON cannot be read.
 */
function notebookEntry(c: Ctx, path: string, runner: string): Entry[] {
  const file = abs(c, path);
  const text = c.w.readFile(file, c.w.viaOf(c.exec));
  if (text === undefined) return [];
  let cells: unknown;
  try {
    cells = (JSON.parse(text) as { cells?: unknown }).cells;
  } catch {
    return [{ opaque: `${runner} executes the notebook ${path.slice(0, 120)}, which is not JSON the guard can read` }];
  }
  if (!Array.isArray(cells)) return [];
  const lines: string[] = [];
  for (const cell of cells.slice(0, 200)) {
    if (!cell || typeof cell !== 'object' || (cell as { cell_type?: unknown }).cell_type !== 'code') continue;
    const source = (cell as { source?: unknown }).source;
    const body = Array.isArray(source) ? source.filter((s): s is string => typeof s === 'string').join('') : typeof source === 'string' ? source : '';
    for (const line of body.split('\n')) {
      const shell = /^\s*!(.*)$/.exec(line);
      lines.push(shell ? `__import__('os').system(${JSON.stringify(shell[1]!)})` : /^\s*%/.test(line) ? '' : line);
    }
  }
  return lines.join('\n').trim() === '' ? [] : [{ code: lines.join('\n'), label: `${runner} ${path.slice(0, 80)}` }];
}

/** `jupyter nbconvert --execute X.ipynb`, `jupyter execute X.ipynb`, `jupyter run X.py`: the notebook's cells run. */
const jupyter: RunnerSpec = {
  entries(p, c) {
    const [sub, ...files] = operandTexts(p);
    if (has(p, ...LISTING_ONLY)) return [];
    const executes = (sub === 'nbconvert' && has(p, '--execute')) || sub === 'execute' || sub === 'run';
    if (!executes) return [];
    return files.slice(0, 4).flatMap((f) => (f.endsWith('.py') ? [pyFile(c, f)] : notebookEntry(c, f, `jupyter ${sub}`)));
  },
};

/** `jupyter-nbconvert --execute X`, `jupyter-execute X`: jupyter's subcommands by their own program names. */
function jupyterSub(sub: string): RunnerSpec {
  return { entries: (p, c) => jupyter.entries({ ...p, operands: [{ text: sub, raw: sub, dynamic: false, glob: false }, ...p.operands] }, c) };
}

/** `voila X.ipynb`: the notebook runs to render the page. */
const voila: RunnerSpec = {
  entries: (p, c) => (has(p, ...LISTING_ONLY) ? [] : operandTexts(p).filter((t) => t.endsWith('.ipynb')).slice(0, 2).flatMap((f) => notebookEntry(c, f, 'voila'))),
};

/** `papermill IN.ipynb OUT.ipynb [-p name value]`: the input notebook runs. */
const papermill: RunnerSpec = {
  entries(p, c) {
    const [input] = operandTexts(p);
    if (input === undefined || has(p, ...LISTING_ONLY, '--prepare-only')) return [];
    return notebookEntry(c, input, 'papermill');
  },
};

/** Python's warning filters (`action:message:category:module:lineno`): a dotted category is imported to be matched. */
function warningCategoryModules(c: Ctx, filters: readonly string[]): Entry[] {
  return filters.slice(0, 8).flatMap((f) => {
    const category = f.split(':')[2]?.trim() ?? '';
    return category.includes('.') ? moduleOrParent(c, category) : [];
  });
}

/** `python -W error::appx.X`, `PYTHONWARNINGS=error::appx.X python`: the base entries and the warning categories' modules. */
function pythonWarnings(base: RunnerSpec | undefined): RunnerSpec | undefined {
  return extendedRunner(base, (p, c, own) => {
    const env = (c.exec.assignments['PYTHONWARNINGS'] ?? '').split(',').filter((f) => f !== '' && !/[$`]/.test(f));
    return [...warningCategoryModules(c, [...values(p, '-W'), ...env]), ...own];
  });
}

/** The base runner's entries and the classes its options name by a dotted path (`gunicorn -k appx.Worker`, `uvicorn --loop appx:loop`). */
function classOptions(base: RunnerSpec | undefined, names: readonly string[], bare = false): RunnerSpec | undefined {
  if (!base) return undefined;
  return {
    entries(p, c) {
      const own = base.entries(p, c);
      if (has(p, ...LISTING_ONLY)) return own;
      // A bare word is a built-in choice (`-k gevent`, `--loop uvloop`) unless the option takes a module (`celery --config`).
      const named = values(p, ...names).filter((v) => bare || v.includes('.') || v.includes(':')).filter((v) => !v.startsWith('egg:'));
      return [...own, ...named.slice(0, 4).flatMap((v) => moduleOrParent(c, v))];
    },
  };
}

/** `dagster dev -f x.py -m mod`, `dagster job execute -f x.py`, `dagster-webserver -f x.py`: the files and modules are imported. */
const dagster: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    const dir = value(p, '-d', '--working-directory');
    const roots = pythonRoots(c, dir !== undefined ? [dir] : []);
    return [...values(p, '-f', '--python-file').slice(0, 4).map((f) => pyFile(c, f)), ...values(p, '-m', '--module-name').slice(0, 4).flatMap((m) => moduleEntry(c, m, roots))];
  },
};

/** `prefect deploy x.py:flow`, `prefect flow serve x.py:flow`: the entrypoint's file is imported. */
const prefect: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    return operandTexts(p).filter((t) => /\.py:[\w.]+$/.test(t)).slice(0, 4).map((t) => pyFile(c, t.replace(/:[\w.]+$/, '')));
  },
};

/** `luigi --module mod Task`, `python -m luigi --module mod`: the module is imported. */
const luigi: RunnerSpec = {
  entries: (p, c) => (has(p, ...LISTING_ONLY) ? [] : moduleEntry(c, value(p, '--module'), pythonRoots(c, []))),
};

/** `scrapy runspider x.py`: the spider file runs. */
const scrapy: RunnerSpec = {
  entries(p, c) {
    const [sub, file] = operandTexts(p);
    return sub === 'runspider' && file !== undefined && !has(p, ...LISTING_ONLY) ? [pyFile(c, file)] : [];
  },
};

/** `modal run|deploy|serve|shell x.py[::fn]` or `-m mod`: the app file is imported. */
const MODAL_RUNS = new Set(['run', 'deploy', 'serve', 'shell']);
const modal: RunnerSpec = {
  entries(p, c) {
    const [sub, target] = operandTexts(p);
    if (sub === undefined || !MODAL_RUNS.has(sub) || has(p, ...LISTING_ONLY)) return [];
    const module = value(p, '-m');
    if (module !== undefined) return moduleEntry(c, module.split('::')[0], pythonRoots(c, []));
    if (target === undefined) return [];
    const file = target.split('::')[0]!;
    return file.endsWith('.py') || file.includes('/') ? [pyFile(c, file)] : moduleEntry(c, file, pythonRoots(c, []));
  },
};

/** `twistd [opts] web --wsgi mod.app`, `twistd -y x.tac`: the WSGI object's module, or the .tac file (Python). */
const twistd: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY)) return [];
    return [...values(p, '-y', '--python').slice(0, 2).map((f) => pyFile(c, f)), ...values(p, '--wsgi', '--logger').slice(0, 2).flatMap((v) => moduleOrParent(c, v))];
  },
};

const word = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });

/** Runs `argv` as its own command, handed on by `via` (`pip install -e ./x` from a requirements file). */
function runWords(c: Ctx, argv: readonly ArgWord[], via: string): void {
  if (argv.length > 0) c.w.run([...argv], { ...c.exec, wrappers: [...c.exec.wrappers, via] });
}

/** A requirement that is a folder or archive here (`-e ./x`, `./x`, `/abs/x`, `file:///x`): pip builds it, running its setup code. */
const LOCAL_REQUIREMENT = /^(?:-e\s+|--editable[=\s]+)?(?:file:\/\/)?(?:\.{1,2}\/|\/|~\/|\.$)/;

/** `pip install -r req.txt`: the local folders the file lists are installed as `pip install` installs them (nested `-r` files too, bounded). */
function requirementInstalls(c: Ctx, files: readonly string[], via: string, depth = 0): void {
  for (const f of files.slice(0, 4)) {
    const path = abs(c, f);
    const text = c.w.readFile(path, c.w.viaOf(c.exec));
    if (text === undefined) continue;
    let n = 0;
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\s+#.*$/, '').trim();
      const nested = /^(?:-r|--requirement)[=\s]+(\S+)$/.exec(line)?.[1];
      if (nested !== undefined && depth < 2) requirementInstalls({ ...c, exec: { ...c.exec, cwd: dirname(path) } }, [nested], via, depth + 1);
      if (!LOCAL_REQUIREMENT.test(line) || ++n > 8) continue;
      const editable = /^(-e|--editable)\b/.test(line);
      const target = resolvePath(dirname(path), line.replace(/^(?:-e\s+|--editable[=\s]+)/, '').replace(/^file:\/\//, '').split(/[\s;[]/)[0]!, c.w.facts.home);
      runWords(c, [word('pip'), word('install'), ...(editable ? [word('-e')] : []), word(target)], via);
    }
  }
}

/** `pip install -r F`, `pip3`, `uv pip install -r F`: requirement files' local folders. */
function pipRequirements(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      const ops = operandTexts(p);
      const sub = ops[0] === 'pip' ? ops[1] : ops[0];
      if (sub === 'install' && !has(p, ...LISTING_ONLY)) requirementInstalls(c, values(p, '-r', '--requirement'), `${c.name} install -r`);
      return own;
    },
  };
}

/** `uv run --with ./x`, `uv run --with-editable ./x`, `--with-requirements F`: the folders are built into the run's environment. */
function uvWith(base: RunnerSpec | undefined): RunnerSpec {
  return {
    entries(p, c) {
      const own = base?.entries(p, c) ?? [];
      for (const v of [...values(p, '--with'), ...values(p, '--with-editable')].flatMap((x) => x.split(','))) {
        if (LOCAL_REQUIREMENT.test(v.trim())) runWords(c, [word('pip'), word('install'), word(abs(c, v.trim()))], `${c.name} --with`);
      }
      requirementInstalls(c, values(p, '--with-requirements'), `${c.name} --with-requirements`);
      const [first, second] = operandTexts(p);
      if (first === 'pip' && second === 'install') requirementInstalls(c, values(p, '-r', '--requirement'), 'uv pip install -r');
      return own;
    },
  };
}

/** `cargo install --path DIR`: the crate there is built (its build.rs runs). */
function cargoInstallPath(base: RunnerSpec | undefined): RunnerSpec | undefined {
  return extendedRunner(base, (p, c, own) => {
    const path = operandTexts(p)[0] === 'install' ? value(p, '--path') : undefined;
    return path === undefined ? own : [...own, { files: [`${abs(c, path).replace(/\/+$/, '')}/build.rs`], as: 'rust' }];
  });
}

/** `cargo run [--manifest-path X/Cargo.toml]`: that crate's build.rs and main. */
function cargoRunManifest(base: RunnerSpec | undefined): RunnerSpec | undefined {
  if (!base) return undefined;
  return {
    entries(p, c) {
      const manifest = value(p, '--manifest-path');
      if (manifest === undefined) return base.entries(p, c);
      const dir = dirname(abs(c, manifest));
      return [{ files: [`${dir}/build.rs`], as: 'rust' }, { files: [`${dir}/src/main.rs`], as: 'rust' }];
    },
  };
}

/** `go test ./...`, `go test ./pkg/...`: the packages below too (one level, as `go generate` is read): their test files and init functions. */
function goTestTree(base: RunnerSpec | undefined): RunnerSpec | undefined {
  return extendedRunner(base, (p, c, own) => {
    const [sub, ...targets] = operandTexts(p);
    if (sub !== 'test' || has(p, ...LISTING_ONLY)) return own;
    const files: string[] = [];
    for (const t of targets.filter((x) => x.endsWith('/...') || x === '...').slice(0, 4)) {
      const dir = abs(c, t.slice(0, -4) || '.');
      files.push(...c.list(dir, /\.go$/));
      for (const d of c.w.facts.listDir(dir) ?? []) if (!d.startsWith('.') && !/\.\w+$/.test(d) && d !== 'vendor' && d !== 'testdata') files.push(...c.list(`${dir}/${d}`, /\.go$/));
    }
    return files.length > 0 ? [...own, { files: files.slice(0, 64), as: 'native' }] : own;
  });
}

/** `composer install -d DIR`: the composer.json of that folder (its scripts run). */
function composerDir(base: RunnerSpec | undefined): RunnerSpec | undefined {
  return extendedRunner(base, (p, c, own) => {
    // The base grammar reads `-d`/`--working-dir` as one option with `-c` (its first name).
    const dir = value(p, '-c', '-d', '--working-dir');
    if (dir === undefined || dir.endsWith('.json') || own.length === 0) return own;
    return [...own, { files: [`${abs(c, dir).replace(/\/+$/, '')}/composer.json`], as: 'composerScripts' }];
  });
}

/** The text of each `<tag>…</tag>` of an XML text (no nesting of the same tag). */
const tags = (text: string, tag: string): string[] => [...text.matchAll(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.trim());

/** `mvn [-f pom.xml] PHASE`: the programs exec-maven-plugin and antrun's `<exec>` run in the build. */
const MVN_READS = /^(validate|initialize|generate-\w+|process-\w+|compile|test-compile|test|package|verify|install|deploy|clean|site|exec:exec|exec:java|antrun:run|spring-boot:run|quarkus:dev|integration-test|pre-\w+|post-\w+)$/;
const mvn: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '-v', '--version') || !operandTexts(p).some((t) => MVN_READS.test(t))) return [];
    const given = value(p, '-f', '--file');
    const path = given === undefined ? `${c.exec.cwd}/pom.xml` : abs(c, given).endsWith('.xml') ? abs(c, given) : `${abs(c, given)}/pom.xml`;
    const pom = c.w.readFile(path, c.w.viaOf(c.exec));
    if (pom === undefined) return [];
    for (const plugin of tags(pom, 'plugin').slice(0, 16)) {
      if (/exec-maven-plugin/.test(plugin)) {
        for (const conf of tags(plugin, 'configuration').slice(0, 8)) {
          const executable = tags(conf, 'executable')[0];
          if (executable !== undefined) runWords(c, [executable, ...tags(conf, 'argument')].map(word), 'mvn (exec-maven-plugin)');
        }
      }
      if (/maven-antrun-plugin/.test(plugin)) {
        for (const m of plugin.matchAll(/<exec\b[^>]*\bexecutable="([^"]+)"[^>]*>([\s\S]*?)<\/exec>/g)) {
          const args = [...m[2]!.matchAll(/<arg\s+(?:value|line)="([^"]*)"/g)].map((a) => a[1]!);
          runWords(c, [m[1]!, ...args].map(word), 'mvn (antrun exec)');
        }
      }
    }
    return [];
  },
};

/** The round-14 additions to the runner table, over the table so far. */
export function withNamedCodeRunners(base: Readonly<Record<string, RunnerSpec>>): Record<string, RunnerSpec> {
  const own = (name: string): RunnerSpec | undefined => (Object.prototype.hasOwnProperty.call(base, name) ? base[name] : undefined);
  const python = pythonWarnings(own('python'));
  const gunicorn = classOptions(own('gunicorn'), ['k', 'worker-class', 'logger-class']);
  const celery = classOptions(own('celery'), ['config', 'loader'], true);
  const uvicorn = classOptions(own('uvicorn'), ['loop', 'http', 'ws']);
  const cargo = cargoInstallPath(own('cargo'));
  const cargoRun = cargoRunManifest(own('cargo-run'));
  const go = goTestTree(own('go'));
  const composer = composerDir(own('composer'));
  return {
    ...base,
    ...(python ? { python } : {}),
    ...(gunicorn ? { gunicorn } : {}),
    ...(celery ? { celery } : {}),
    ...(uvicorn ? { uvicorn } : {}),
    ...(cargo ? { cargo } : {}),
    ...(cargoRun ? { 'cargo-run': cargoRun } : {}),
    ...(go ? { go } : {}),
    ...(composer ? { composer } : {}),
    pip: pipRequirements(own('pip')), pip3: pipRequirements(own('pip3')), uv: uvWith(own('uv')),
    mvn, mvnw: mvn,
    pdoc, pdoc3: pdoc, hypothesis, flake8, jupyter, papermill, 'jupyter-nbconvert': jupyterSub('nbconvert'), 'jupyter-execute': jupyterSub('execute'), voila,
    dagster, 'dagster-webserver': dagster, 'dagit': dagster, prefect, luigi, scrapy, modal, twistd,
  };
}
