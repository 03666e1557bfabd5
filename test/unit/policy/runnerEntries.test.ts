import { strict as assert } from 'node:assert';
import { classify } from '../../../src/core/policy/classify';
import { MAX_LOAD_LEVELS, MAX_LOADED_FILES } from '../../../src/core/policy/loadedCode';
import { testFacts } from '../support/policyFixtures';

/**
 * What a runner runs besides the file it is given (issue #18, items 5 and 6; red team round 6): local
 * imports and requires, test runners' setup and test files, task files, build hooks, bundler
 * configuration, lifecycle scripts, compose commands, rc files, `run-parts`, `find -exec sh {}`,
 * program files of Lua, R, Julia and Tcl. Each runner is run in two projects of the same shape: in
 * `/work/bad` its entry files destroy something (asks), in `/work/good` they do harmless work (allowed).
 */

const WIPE = 'rm -rf /work/shared/uploads';
const ECHO = 'echo built';

function project(root: string, bad: boolean): Record<string, string> {
  const sh = bad ? WIPE : ECHO;
  const py = bad ? 'import shutil\nshutil.rmtree("/work/shared/uploads")\n' : 'import json, os\nprint(json.dumps({"ok": True}))\n';
  const js = bad ? 'const fs = require("fs");\nfs.rmSync("/work/shared/uploads", { recursive: true });\nmodule.exports = {};\n' : 'const path = require("path");\nmodule.exports = { root: path.resolve(".") };\n';
  return {
    [`${root}/main.py`]: 'import helper\nfrom pkg.sub import run\nimport os, sys\nhelper.go()\n',
    [`${root}/helper.py`]: `${py}def go():\n    pass\n`,
    [`${root}/pkg/__init__.py`]: '',
    [`${root}/pkg/sub.py`]: 'def run():\n    return 1\n',
    [`${root}/deep.py`]: 'from pkg import sub\nimport lib.inner\n',
    [`${root}/lib/inner.py`]: py,
    [`${root}/chain.py`]: `import subprocess\nsubprocess.run(["python3", "${root}/main.py"])\n`,
    [`${root}/main.js`]: 'const h = require("./helper");\nh.run();\n',
    [`${root}/main.mjs`]: 'import { run } from "./esm.mjs";\nimport fs from "node:fs";\nrun();\n',
    [`${root}/esm.mjs`]: js,
    [`${root}/helper.js`]: js,
    [`${root}/scripts/job.py`]: py,
    [`${root}/scripts/reset.js`]: js,
    [`${root}/conftest.py`]: py,
    [`${root}/tests/test_cart.py`]: 'def test_total():\n    assert 1 + 1 == 2\n',
    [`${root}/jest.config.js`]: js,
    [`${root}/vite.config.ts`]: js,
    [`${root}/next.config.mjs`]: js,
    [`${root}/gulpfile.js`]: js,
    [`${root}/Justfile`]: `default:\n\t${sh}\n`,
    [`${root}/Rakefile`]: `task :default do\n  sh "${sh}"\nend\n`,
    [`${root}/mise.toml`]: `[tasks.clean]\nrun = "${sh}"\n`,
    [`${root}/Taskfile.yml`]: `version: 3\ntasks:\n  default:\n    cmds:\n      - ${sh}\n`,
    [`${root}/tasks.py`]: `from invoke import task\n@task\ndef clean(c):\n    c.run("${sh}")\n`,
    [`${root}/noxfile.py`]: 'import nox\n' + py,
    [`${root}/Cargo.toml`]: '[package]\nname = "x"\n',
    [`${root}/build.rs`]: bad ? 'fn main(){ std::fs::remove_dir_all("/work/shared/uploads").ok(); }\n' : 'fn main(){ println!("cargo:rerun-if-changed=build.rs"); }\n',
    [`${root}/gen.go`]: `package main\n//go:generate ${bad ? WIPE : 'stringer -type=Color'}\n`,
    [`${root}/setup.py`]: `${py}from setuptools import setup\nsetup()\n`,
    [`${root}/package.json`]: JSON.stringify({ name: 'x', scripts: { postinstall: sh }, jest: { globalSetup: '<rootDir>/scripts/setup.js' } }),
    [`${root}/scripts/setup.js`]: js,
    [`${root}/j2/package.json`]: JSON.stringify({ jest: { setupFiles: ['./setup.js'] } }),
    [`${root}/j2/setup.js`]: js,
    [`${root}/compose.yaml`]: `services:\n  web:\n    image: alpine\n    command: ${bad ? 'rm -rf /app/uploads' : 'echo ready'}\n`,
    [`${root}/Makefile`]: 'include extra.mk\nall: wipe\n',
    [`${root}/extra.mk`]: `wipe:\n\t${sh}\n`,
    [`${root}/rc.sh`]: sh,
    [`${root}/jobs.txt`]: sh,
    [`${root}/cron.d/cleanup`]: `#!/bin/sh\n${sh}\n`,
    [`${root}/a.lua`]: `os.execute("${sh}")\n`,
    [`${root}/a.R`]: `system("${sh}")\n`,
    [`${root}/a.exp`]: `spawn ${sh}\nexpect eof\n`,
    [`${root}/Procfile`]: `web: ${sh}\n`,
    [`${root}/lefthook.yml`]: `pre-commit:\n  commands:\n    x:\n      run: ${sh}\n`,
    [`${root}/.envrc`]: `${sh}\n`,
    [`${root}/a.ps1`]: bad ? 'Remove-Item -Recurse -Force /work/shared/uploads\n' : 'Write-Output hello\n',
    [`${root}/tox.ini`]: `[tox]\nenvlist = py\n[testenv]\ncommands =\n    ${sh}\n`,
    [`${root}/deno.json`]: JSON.stringify({ tasks: { clean: sh } }),
    [`${root}/composer.json`]: JSON.stringify({ scripts: { 'post-install-cmd': [sh] } }),
    [`${root}/.pre-commit-config.yaml`]: `repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: ${sh}\n    language: system\n`,
    [`${root}/x.cmake`]: bad ? 'file(REMOVE_RECURSE /work/shared/uploads)\n' : 'message(STATUS "hello")\n',
    [`${root}/build.gradle`]: bad ? 'task wipe(type: Exec) { commandLine "rm", "-rf", "/work/shared/uploads" }\n' : 'plugins { id "java" }\n',
    [`${root}/tool.go`]: bad ? 'package main\nimport "os"\nfunc main(){ os.RemoveAll("/work/shared/uploads") }\n' : 'package main\nimport "fmt"\nfunc main(){ fmt.Println("hi") }\n',
    [`${root}/a.el`]: bad ? '(delete-directory "/work/shared/uploads" t)\n' : '(message "hello")\n',
  };
}

const files = { ...project('/work/bad', true), ...project('/work/good', false) };
const facts = (cwd: string) => testFacts({ cwd, workspaceRoots: [cwd], files });

const RUNS: readonly string[] = [
  'python3 main.py', 'python3 deep.py', 'python3 chain.py', 'node main.js', 'node main.mjs',
  'python3 -m cProfile scripts/job.py', 'python3 -m pdb -c continue scripts/job.py', 'coverage run scripts/job.py',
  'python3 -m scripts.job', "python3 -c 'import scripts.job'", "python3 manage.py shell -c 'import scripts.job'",
  'pytest', 'pytest tests', 'python3 -m pytest -q', 'npx mocha scripts/reset.js', 'npx jest', 'npx jest --globalSetup ./scripts/reset.js',
  'npx nodemon scripts/reset.js', 'npx pm2 start scripts/reset.js', 'node -r ./scripts/reset.js -e 1',
  // Round 7: preloads of TypeScript runners and Bun, test runners' setup files on the command line.
  'npx tsx --import ./scripts/reset.js -e 1', 'npx ts-node -r ./scripts/reset.js -e 1', 'bun --preload ./scripts/reset.js -e 1',
  'npx vitest run --globalSetup ./scripts/reset.js', 'npx vitest run --setupFiles ./scripts/reset.js', 'npx playwright test --global-setup ./scripts/reset.js',
  'just', 'rake', 'mise run clean', 'task', 'invoke clean', 'nox',
  'cargo build', 'go generate ./...', 'pip install -e .', 'python3 -m pip install .', 'bun install',
  'npx vite build', 'npx next build', 'npx gulp', 'docker compose up', 'docker-compose up -d',
  'make', 'bash --rcfile rc.sh -i', 'bash --init-file rc.sh -i',
  'parallel < jobs.txt', 'cat jobs.txt | parallel', 'parallel --pipe sh < jobs.txt',
  'find rc.sh -exec sh {} \\;', 'find rc.sh -exec true \\; -exec sh {} \\;', 'find rc.sh -exec sh {} +', 'find rc.sh -exec echo {} \\; -exec bash {} \\;', 'run-parts cron.d', 'lua a.lua', 'Rscript a.R', 'expect -f a.exp', 'tclsh a.exp',
  'cd j2 && npx jest', 'foreman start', 'honcho start', 'lefthook run pre-commit', 'direnv allow', 'direnv exec . true', 'tox', 'deno task clean', 'composer install', 'pre-commit run --all-files', 'cmake -P x.cmake', 'gradle build', 'go run tool.go', 'R -f a.R', 'emacs --script a.el',
];

describe('policy/handlers/runnerEntries: what a runner runs is read', () => {
  for (const command of RUNS) {
    it(`asks: ${command} (destroying entry files)`, () => assert.equal(classify(command, facts('/work/bad'), { lockdown: false }).decision, 'ask'));
    it(`allows: ${command} (harmless entry files)`, () => assert.equal(classify(command, facts('/work/good'), { lockdown: false }).decision, 'allow'));
  }

  it('names the loaded file in the reason', () => {
    const verdict = classify('python3 main.py', facts('/work/bad'), { lockdown: false });
    assert.match(verdict.reasons.join('\n'), /helper\.py/);
  });

  const unresolved: [string, Record<string, string>][] = [
    ['node x.js', { '/work/u/x.js': 'const m = require(process.env.MOD)\n' }],
    ['python3 x.py', { '/work/u/x.py': 'import importlib\nimportlib.import_module(name)\n' }],
    ['find . -name "*.sh" -exec sh {} \\;', { '/work/u/a.sh': 'echo hi\n' }],
    ['make', { '/work/u/Makefile': 'include $(CONFIG)\nall:\n\techo hi\n' }],
  ];
  for (const [command, given] of unresolved) {
    it(`asks when what it loads cannot be read: ${command} ${JSON.stringify(Object.values(given)[0])}`, () => {
      assert.equal(classify(command, testFacts({ cwd: '/work/u', workspaceRoots: ['/work/u'], files: given }), { lockdown: false }).decision, 'ask');
    });
  }

  it('asks when imports nest deeper than the guard follows, never allows', () => {
    const chain: Record<string, string> = { '/work/d/main.py': 'import m0\n' };
    for (let i = 0; i <= MAX_LOAD_LEVELS + 1; i++) chain[`/work/d/m${i}.py`] = `import m${i + 1}\n`;
    assert.equal(classify('python3 main.py', testFacts({ cwd: '/work/d', workspaceRoots: ['/work/d'], files: chain }), { lockdown: false }).decision, 'ask');
    const shallow: Record<string, string> = { '/work/d/main.py': 'import m0\n', '/work/d/m0.py': 'import m1\n', '/work/d/m1.py': 'x = 1\n' };
    assert.equal(classify('python3 main.py', testFacts({ cwd: '/work/d', workspaceRoots: ['/work/d'], files: shallow }), { lockdown: false }).decision, 'allow');
  });

  it('asks when the import budget is spent, never allows', () => {
    const many: Record<string, string> = { '/work/m/main.py': Array.from({ length: MAX_LOADED_FILES + 5 }, (_, i) => `import m${i}`).join('\n') };
    for (let i = 0; i < MAX_LOADED_FILES + 5; i++) many[`/work/m/m${i}.py`] = 'x = 1\n';
    assert.equal(classify('python3 main.py', testFacts({ cwd: '/work/m', workspaceRoots: ['/work/m'], files: many }), { lockdown: false }).decision, 'ask');
  });

  it('a relative load with no file behind it runs nothing (like a missing script)', () => {
    assert.equal(classify('node x.js', testFacts({ cwd: '/work/u', workspaceRoots: ['/work/u'], files: { '/work/u/x.js': 'require("./missing")\n' } }), { lockdown: false }).decision, 'allow');
  });

  it('pwsh /absolute/path.ps1 reads the script (a POSIX path, not a /-option)', () => {
    assert.equal(classify('pwsh /work/bad/a.ps1', facts('/work/bad'), { lockdown: false }).decision, 'ask');
    assert.equal(classify('pwsh /work/good/a.ps1', facts('/work/good'), { lockdown: false }).decision, 'allow');
  });

  const written = [
    "printf 'default:\\n\\trm -rf /work/shared/uploads\\n' > Justfile && just",
    "echo 'import shutil; shutil.rmtree(\"/work/shared/uploads\")' > helper.py && python3 main.py",
    "echo 'rm -rf /work/shared/uploads' > rc.sh; bash --rcfile rc.sh -i",
  ];
  for (const command of written) it(`asks when an entry is written first: ${command}`, () => assert.equal(classify(command, facts('/work/good'), { lockdown: false }).decision, 'ask'));

  const quiet: string[] = ['just --list', 'rake -T', 'pytest --version', 'run-parts --test cron.d', 'find . -name "*.sh" -exec shellcheck {} \\;', 'parallel echo ::: a b', 'python3 -m http.server --help', 'mise trust'];
  for (const command of quiet) it(`allows: ${command} (lists or runs nothing it loads)`, () => assert.equal(classify(command, facts('/work/bad'), { lockdown: false }).decision, 'allow'));
});
