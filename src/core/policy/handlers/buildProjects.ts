/**
 * Build systems and test runners whose project files are code the guard reads before they run (red team
 * round 24): CMake's CMakeLists.txt (`cmake -S DIR`, `cmake DIR`, an initial cache script `-C`), Gradle's
 * build and settings scripts (`-b`, `-c`, `-p DIR`, init scripts `-I`), MSBuild projects (`dotnet build
 * x.csproj`, `dotnet test DIR`, `msbuild`, with `Directory.Build.props`/`.targets`), Ant's build.xml,
 * Meson's meson.build, SCons' SConstruct (Python), and Karma's configuration (`karma start x.conf.js`).
 * Each names its files by default or by the options that move them; a few files are read (the runner
 * kit's listing bound), and what is not there runs nothing. Project files in languages the snippets do
 * not model are read for the places they name (`buildCode`), so ordinary builds stay allowed.
 */

import { resolvePath } from '../../paths';
import { has, inDir, jsConfigs, jsFiles, LISTING_ONLY, operandTexts, value, values, type Ctx, type Entry, type RunnerSpec } from './runnerKit';

const abs = (c: Ctx, p: string): string => resolvePath(c.exec.cwd, p, c.w.facts.home);

/** `cmake -S DIR -B OUT`, `cmake DIR`, `cmake -C init.cmake`; `-P x.cmake` runs a script; `--build`, `-E` and `--install` configure nothing. */
const cmake: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '--build', '--install', '-E', '--find-package')) return [];
    const script = value(p, '-P');
    if (script !== undefined) return [{ files: [abs(c, script)], as: 'native' }];
    const source = value(p, '-S') ?? operandTexts(p)[0] ?? (has(p, '-B', '--preset') ? '.' : undefined);
    const dir = source === undefined ? undefined : abs(c, source);
    return [
      { files: values(p, '-C').map((f) => abs(c, f)), as: 'buildCode' },
      ...(dir !== undefined ? [{ files: [dir.endsWith('CMakeLists.txt') ? dir : `${dir}/CMakeLists.txt`], as: 'buildCode' as const }] : []),
    ];
  },
};

const GRADLE_QUIET = ['tasks', '--dry-run', '-m', '--status', '--stop', 'help', 'projects', 'properties'];

/** `gradle -b build.gradle`, `gradle -p DIR`, `gradle -c settings.gradle`, `gradle -I init.gradle`: the Groovy or Kotlin scripts gradle evaluates. */
const gradle: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY) || operandTexts(p).some((t) => GRADLE_QUIET.includes(t)) || has(p, ...GRADLE_QUIET)) return [];
    const dirOption = value(p, '-p', '--project-dir');
    const dir = dirOption !== undefined ? abs(c, dirOption) : c.exec.cwd;
    const build = value(p, '-b', '--build-file');
    const settings = value(p, '-c', '--settings-file');
    return [
      { files: values(p, '-I', '--init-script').map((f) => abs(c, f)), as: 'native' },
      { files: build !== undefined ? [abs(c, build)] : inDir(dir, 'build.gradle', 'build.gradle.kts'), as: 'native', first: true },
      { files: settings !== undefined ? [abs(c, settings)] : inDir(dir, 'settings.gradle', 'settings.gradle.kts'), as: 'native', first: true },
    ];
  },
};

const MSBUILD_PROJECT = /\.(csproj|fsproj|vbproj|proj|props|targets)$/i;
const DOTNET_BUILDS = new Set(['build', 'test', 'run', 'publish', 'pack', 'msbuild', 'clean', 'restore', 'watch', 'vstest']);

/** The MSBuild files a project folder (or a named project) brings: the project and the folder's Directory.Build files. */
function msbuildFiles(c: Ctx, named: string | undefined): Entry[] {
  const path = named !== undefined ? abs(c, named) : c.exec.cwd;
  const project = MSBUILD_PROJECT.test(path);
  const dir = project ? path.replace(/\/[^/]*$/, '') : path;
  return [{ files: [...(project ? [path] : c.list(dir, MSBUILD_PROJECT)), ...inDir(dir, 'Directory.Build.props', 'Directory.Build.targets')], as: 'buildCode' }];
}

/** `dotnet build x.csproj`, `dotnet test DIR`, `dotnet run --project DIR`: MSBuild targets (`Exec`, `Delete`) run before the build. */
const dotnet: RunnerSpec = {
  entries(p, c) {
    const [sub, target] = operandTexts(p);
    if (sub === undefined || !DOTNET_BUILDS.has(sub) || has(p, ...LISTING_ONLY)) return [];
    const named = value(p, '--project') ?? (sub === 'run' ? value(p, '-p') : undefined) ?? (target !== undefined && !/\.(cs|sln)$/i.test(target) ? target : undefined);
    return msbuildFiles(c, named);
  },
};

/** `msbuild x.proj`, `xbuild`: the project named or the folder's. */
const msbuild: RunnerSpec = { entries: (p, c) => (has(p, ...LISTING_ONLY) ? [] : msbuildFiles(c, operandTexts(p).find((t) => MSBUILD_PROJECT.test(t)))) };

/** `ant -f build.xml`, `ant -buildfile x.xml`, `ant -find`: the build file's targets (`exec`, `delete`, `echo file=`). */
const ant: RunnerSpec = {
  entries(p, c) {
    if (has(p, '-help', '-h', '-version', '-p', '-projecthelp')) return [];
    const file = value(p, '-f', '-file', '-buildfile', '-s', '-find');
    return [{ files: [abs(c, file ?? 'build.xml')], as: 'buildCode' }];
  },
};

/** `meson setup BUILD [SOURCE]`, `meson BUILD`: the source folder's meson.build (`run_command`, `custom_target`). */
const meson: RunnerSpec = {
  entries(p, c) {
    const ops = operandTexts(p);
    const rest = ops[0] === 'setup' ? ops.slice(1) : ops[0] === undefined || ['compile', 'test', 'install', 'introspect', 'configure', 'dist', 'init', 'wrap', 'subprojects', 'devenv', 'rewrite', 'env2mfile'].includes(ops[0]) ? undefined : ops;
    if (rest === undefined || has(p, ...LISTING_ONLY)) return [];
    const source = rest.length > 1 ? abs(c, rest[1]!) : c.exec.cwd;
    return [{ files: [...values(p, '--native-file', '--cross-file').map((f) => abs(c, f)), `${source}/meson.build`], as: 'buildCode' }];
  },
};

/** `scons`, `scons -f SConstruct.alt`, `scons -C DIR`: SConstruct is Python. */
const scons: RunnerSpec = {
  entries(p, c) {
    if (has(p, ...LISTING_ONLY, '-H', '--help-options')) return [];
    const dirOption = value(p, '-C', '--directory');
    const dir = dirOption !== undefined ? abs(c, dirOption) : c.exec.cwd;
    const file = value(p, '-f', '--file', '--makefile', '--sconstruct');
    return [{ files: file !== undefined ? [resolvePath(dir, file, c.w.facts.home)] : inDir(dir, 'SConstruct', 'Sconstruct', 'sconstruct', 'SConstruct.py'), as: 'python', first: true }];
  },
};

/** `karma start [CONFIG]`, `karma run [CONFIG]`: the configuration is a node module karma loads. */
const karma: RunnerSpec = {
  entries(p, c) {
    const [sub, config] = operandTexts(p);
    if ((sub !== 'start' && sub !== 'run') || has(p, ...LISTING_ONLY)) return [];
    if (config !== undefined) return [{ files: jsFiles(c, [config]), as: 'javascript' }];
    return [{ files: [...jsConfigs('karma.conf'), ...jsConfigs('.config/karma.conf')].map((n) => `${c.exec.cwd}/${n}`), as: 'javascript', first: true }];
  },
};

export function withBuildProjects(base: Readonly<Record<string, RunnerSpec>>): Record<string, RunnerSpec> {
  return { ...base, cmake, gradle, gradlew: gradle, dotnet, msbuild, xbuild: msbuild, ant, meson, scons, karma };
}
