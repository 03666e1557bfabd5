import type { Facts } from '../../../src/core/policy/types';
import { testFacts } from '../support/policyFixtures';
import { allowed, familyTables, flag, type FamilyRow } from './familyTable';

/**
 * Red team round 24 (area builds): build systems and test runners run project code the guard did not
 * read — test files a runner finds under `--dir`/`--rootDir`, Karma's configuration, CMakeLists.txt,
 * Gradle scripts, MSBuild projects, Ant, Meson and SCons files, build.rs and Go tests. Each runner is
 * run on a project whose code writes an agent's hook configuration (denied like the same code inline)
 * and on an ordinary project of the same shape (allowed: building a library, plugins, tests that clean
 * their own temporary folders, a build.rs that compiles C).
 */

const HOOKS = '../../app/.cursor/hooks.json';
const JS_BAD = `const fs = require('fs');\ntest('setup', () => { fs.writeFileSync('.cursor/hooks.json', '{}'); });\n`;
const JS_OK = `const fs = require('fs');\ntest('reads', () => { expect(fs.existsSync('package.json')).toBe(true); });\n`;
const KARMA_BAD = `require('fs').writeFileSync('.cursor/hooks.json','{}'); module.exports = (config) => config.set({});\n`;
const KARMA_OK = `module.exports = (config) => config.set({ frameworks: ['jasmine'], files: ['src/**/*.spec.js'], browsers: ['ChromeHeadless'] });\n`;

function project(root: string, bad: boolean): Record<string, string> {
  return {
    [`${root}/vt/a.test.js`]: bad ? JS_BAD : JS_OK,
    [`${root}/karma.conf.js`]: bad ? KARMA_BAD : KARMA_OK,
    [`${root}/CMakeLists.txt`]: bad ? `cmake_minimum_required(VERSION 3.10)\nproject(x)\nfile(WRITE \${CMAKE_SOURCE_DIR}/${HOOKS} "{}")\n` : 'cmake_minimum_required(VERSION 3.10)\nproject(lib C)\nexecute_process(COMMAND git describe --tags OUTPUT_VARIABLE V)\nadd_library(lib src/lib.c)\n',
    [`${root}/init.cmake`]: bad ? `execute_process(COMMAND sh -c "echo {} > ${HOOKS}")\n` : 'set(CMAKE_BUILD_TYPE Release CACHE STRING "")\n',
    [`${root}/build.gradle`]: bad ? `new File('.cursor/hooks.json').text = '{}'\n` : "plugins { id 'java' }\nrepositories { mavenCentral() }\n",
    [`${root}/settings.gradle`]: bad ? `new File('.claude/settings.json').text = '{}'\n` : "rootProject.name = 'x'\n",
    [`${root}/init.gradle`]: bad ? `new File(System.getProperty('user.home'), '.claude/settings.json').delete()\n` : 'allprojects { repositories { mavenLocal() } }\n',
    [`${root}/x.csproj`]: bad ? `<Project Sdk="Microsoft.NET.Sdk"><Target Name="T" BeforeTargets="Build"><Delete Files="${HOOKS}" /></Target></Project>\n` : '<Project Sdk="Microsoft.NET.Sdk"><Target Name="Gen" BeforeTargets="Build"><Exec Command="dotnet tool restore" /></Target></Project>\n',
    [`${root}/net/Directory.Build.targets`]: bad ? `<Project><Target Name="T" BeforeTargets="Build"><WriteLinesToFile File="$(HOME)/.bashrc" Lines="x" /></Target></Project>\n` : '<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>\n',
    [`${root}/net/app.csproj`]: '<Project Sdk="Microsoft.NET.Sdk" />\n',
    [`${root}/build.xml`]: bad ? `<project default="b"><target name="b"><delete file="${HOOKS}"/></target></project>\n` : '<project default="b"><target name="b"><javac srcdir="src" destdir="build"/><delete dir="build/tmp"/></target></project>\n',
    [`${root}/meson.build`]: bad ? `project('x')\nrun_command('sh', '-c', 'echo {} > ${HOOKS}')\n` : "project('x', 'c')\nexecutable('x', 'x.c')\n",
    [`${root}/SConstruct`]: bad ? `open('${HOOKS}', 'w').write('{}')\n` : "env = Environment()\nenv.Program('x.c')\n",
    [`${root}/crate/Cargo.toml`]: '[package]\nname = "x"\nversion = "0.1.0"\n',
    [`${root}/crate/build.rs`]: bad ? `fn main(){ std::fs::write("../${HOOKS}", "{}").unwrap(); }\n` : 'fn main(){ cc::Build::new().file("src/foo.c").compile("foo"); println!("cargo:rerun-if-changed=src/foo.c"); }\n',
    [`${root}/gox/go.mod`]: 'module gox\n\ngo 1.21\n',
    [`${root}/gox/x_test.go`]: bad ? `package gox\nimport ("os";"testing")\nfunc TestX(t *testing.T){ os.WriteFile("../${HOOKS}", []byte("{}"), 0644) }\n` : 'package gox\nimport "testing"\nfunc TestX(t *testing.T){ if 1+1 != 2 { t.Fatal("math") } }\n',
    [`${root}/gox/inner/y_test.go`]: bad ? 'package inner\nimport ("os";"testing")\nfunc TestMain(m *testing.M){ os.Truncate(os.Getenv("HOME")+"/.cursor/hooks.json", 0); os.Exit(m.Run()) }\n' : 'package inner\nimport "testing"\nfunc TestY(t *testing.T){ _ = t.TempDir() }\n',
  };
}

const FILES: Record<string, string> = { '/work/app/package.json': '{"name":"app"}\n', ...project('/work/app/bad', true), ...project('/work/app/good', false) };

function facts(): Facts {
  return testFacts({
    files: FILES,
    fileStatus: (p) => (FILES[p] !== undefined ? 'file' : Object.keys(FILES).some((f) => f.startsWith(p.replace(/\/+$/, '') + '/')) ? 'directory' : 'missing'),
    perimeter: { installedConfigs: [], aliases: [], startupFiles: [] },
  });
}

/** Each command run on the bad project flags; the same command on the good project stays allowed. */
function both(...commands: string[]): FamilyRow[] {
  return commands.flatMap((c) => [flag(c.replace(/\{p\}/g, 'bad')), allowed(c.replace(/\{p\}/g, 'good'))]);
}

const REASON = /\.cursor|\.claude|\.bashrc|start-up|agent configuration|hook/i;

const TABLE = {
  'test runners: test files under --dir/--rootDir and karma configurations': {
    reason: REASON,
    rows: both(
      'npx vitest run --dir {p}/vt',
      'vitest --dir={p}/vt',
      'npx vitest run --root {p}/vt',
      'npx vitest run --dir ./{p}/vt --reporter dot',
      'npx jest --rootDir {p}/vt',
      'npx jest --rootDir={p}/vt --ci',
      'jest --rootDir ./{p}/vt',
      'npx karma start {p}/karma.conf.js',
      'karma start {p}/karma.conf.js --single-run',
      'npx karma run {p}/karma.conf.js',
      'cd {p} && npx karma start',
      'cd {p} && karma start --single-run --browsers ChromeHeadless',
    ),
  },
  'build systems: CMake, Gradle, MSBuild, Ant, Meson and SCons project files': {
    reason: REASON,
    rows: [
      ...both(
        'cmake -S {p} -B /tmp/b',
        'cmake -S {p} -B /tmp/b -G Ninja -DCMAKE_BUILD_TYPE=Release',
        'cmake {p}',
        'cd {p} && cmake .',
        'cd {p} && cmake -B build',
        'cmake -C {p}/init.cmake -S good -B /tmp/b',
        'gradle -b {p}/build.gradle',
        'gradle -p {p} build',
      'gradle --project-dir={p} build',
        'gradle --project-dir {p} test',
        'gradle -I {p}/init.gradle -p good build',
        'gradle -c {p}/settings.gradle -b good/build.gradle',
        'cd {p} && ./gradlew build',
        'dotnet build {p}/x.csproj',
        'dotnet test {p}/x.csproj -c Release',
        'dotnet msbuild {p}/x.csproj',
        'dotnet build {p}/net',
        'dotnet run --project {p}/net',
        'msbuild {p}/x.csproj',
        'ant -f {p}/build.xml',
        'ant -buildfile {p}/build.xml dist',
        'cd {p} && ant',
        'meson setup /tmp/bd {p}',
        'cd {p} && meson setup builddir',
        'scons -C {p}',
        'scons -f {p}/SConstruct',
      ),
      allowed('cmake --build /tmp/b'),
      allowed('gradle -p bad tasks'),
      allowed('dotnet --version'),
    ],
  },
  'compiled build hooks: build.rs and Go test code': {
    reason: REASON,
    rows: both(
      'cargo build --manifest-path {p}/crate/Cargo.toml',
      'cargo build --manifest-path={p}/crate/Cargo.toml --release',
      'cargo test --manifest-path {p}/crate/Cargo.toml',
      'cargo check --manifest-path ./{p}/crate/Cargo.toml',
      'cd {p}/crate && cargo build',
      'cd {p}/crate && cargo clippy',
      'go test ./{p}/gox/...',
      'go test -run TestX ./{p}/gox/...',
      'cd {p}/gox && go test',
      'cd {p}/gox && go test ./...',
      'cd {p} && go test ./gox/...',
      'go test -count=1 ./{p}/gox/inner/...',
    ),
  },
};

familyTables('rules/perimeter: red team round 24 (builds: project code build and test tools run)', TABLE, facts);
