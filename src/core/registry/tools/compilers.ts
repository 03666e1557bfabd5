import type { ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Compilers and source runners of compiled languages, for what the agent builds and runs (the walker's
 * `handlers/compiledRunners.ts`): which words are source files, which option names the program file,
 * and which runs it at once. From each tool's manual: gcc/clang/cc (`-o`, `-x`, `-c`/`-S`/`-E` stop
 * before linking), tcc (`-run` compiles and runs), rustc (`-o`, `--out-dir`), java (a `.java` file is
 * run from source), kotlinc (`-script`), kotlin (`.main.kts`), swift (a file or `-` runs it),
 * swiftc, zig (`run`, `build-exe`, `-femit-bin=`), crystal (`run`, `eval`, `build -o`), nim (`r`,
 * `c -r`, `e`, `-o:`), runghc/runhaskell, ghc (`-e`, `-o`), scala-cli/scala (`run`, `-e`), dotnet-script.
 */

const C_VALUED = [
  valued('-o'), valued('-x'), valued('-I'), valued('-L'), valued('-l'), valued('-D'), valued('-U'), valued('-include'), valued('-isystem'), valued('-MF'), valued('-MT'),
  valued('-MQ'), valued('-target', '--target'), valued('-arch'), valued('-Xlinker'), valued('-Xclang'), valued('-T'), valued('-B'), valued('-std', '--std'),
];

export const cc: ToolSpec = {
  names: ['cc', 'gcc', 'clang', 'c++', 'g++', 'clang++', 'tcc', 'musl-gcc', 'x86_64-linux-gnu-gcc', 'aarch64-linux-gnu-gcc'],
  family: 'runner',
  locality: 'local',
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
  outputOptions: ['-o'],
  options: [...C_VALUED, flag('-c'), flag('-S'), flag('-E'), flag('-run'), flag('-v', '--version'), flag('--help'), flag('-g'), flag('-shared'), flag('-static'), flag('-w')],
};

export const rustc: ToolSpec = {
  names: ['rustc'],
  family: 'runner',
  locality: 'local',
  outputOptions: ['-o', '--out-dir'],
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  unknownLong: 'switch',
  options: [valued('-o'), valued('--out-dir'), valued('--edition'), valued('--crate-type'), valued('--crate-name'), valued('-C', '--codegen'), valued('-L'), valued('-l'),
    valued('--cfg'), valued('--target'), valued('--emit'), valued('-A', '--allow'), valued('-W', '--warn'), valued('-D', '--deny'), valued('-Z'), valued('--extern'),
    flag('-O'), flag('-g'), flag('--test'), flag('-V', '--version'), flag('-h', '--help'), flag('-v', '--verbose')],
};

export const java: ToolSpec = {
  names: ['java'],
  family: 'runner',
  locality: 'local',
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  interspersed: false,
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: [valued('-cp', '-classpath', '--class-path'), valued('-p', '--module-path'), valued('-m', '--module'), valued('-jar'), valued('--add-modules'), valued('--source'),
    valued('--add-opens'), valued('--add-exports'), valued('-javaagent'), flag('-version', '--version'), flag('-help', '--help', '-h'), flag('--enable-preview')],
};

export const kotlin: ToolSpec = {
  names: ['kotlinc', 'kotlinc-jvm', 'kotlin'],
  family: 'runner',
  locality: 'local',
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('-script'), valued('-e', '-expression'), valued('-d'), valued('-cp', '-classpath'), valued('-jvm-target'), valued('-language-version'), valued('-api-version'), flag('-include-runtime'), flag('-version'), flag('-help', '-h')],
};

export const swift: ToolSpec = {
  names: ['swift', 'swiftc'],
  family: 'runner',
  locality: 'local',
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('-o'), valued('-module-name'), valued('-target'), valued('-sdk'), valued('-I'), valued('-L'), valued('-l'), valued('-F'), valued('-D'), valued('-Xlinker'), valued('-Xcc'),
    flag('-O'), flag('-Onone'), flag('-g'), flag('--version', '-version'), flag('--help', '-help', '-h')],
  commands: { 'run|build|test|package|repl': {} },
};

export const zig: ToolSpec = {
  names: ['zig'],
  family: 'runner',
  locality: 'local',
  unknownLong: 'switch',
  outputOptions: ['-femit-bin'],
  options: [valued('-O'), valued('-target'), valued('-I'), valued('-L'), valued('-l'), valued('--name'), valued('--cache-dir'), valued('-femit-bin'), flag('-h', '--help')],
  commands: { 'run|build-exe|test': {}, 'build|init|fetch|fmt|version|env|targets|zen|translate-c|ast-check': {}, 'cc|c++': {} },
};

export const crystal: ToolSpec = {
  names: ['crystal'],
  family: 'runner',
  locality: 'local',
  unknownLong: 'switch',
  outputOptions: ['-o', '--output'],
  options: [valued('-o', '--output'), valued('-D', '--define'), valued('--target'), valued('--error-trace'), flag('--release'), flag('-s', '--stats'), flag('-h', '--help'), flag('-v', '--version')],
  commands: { 'run|build|eval|spec|i|play|tool|docs|env|init|deps': {} },
};

export const nim: ToolSpec = {
  names: ['nim'],
  family: 'runner',
  locality: 'local',
  unknownShort: 'switch',
  unknownLong: 'switch',
  outputOptions: ['-o', '--out', '--outdir'],
  options: [valued('-o', '--out'), valued('--outdir'), valued('-d', '--define'), valued('--path', '-p'), flag('-r', '--run'), flag('-h', '--help'), flag('-v', '--version')],
  commands: { 'r|c|compile|cc|cpp|js|e|check|doc': {} },
};

export const haskell: ToolSpec = {
  names: ['runghc', 'runhaskell', 'ghc'],
  family: 'runner',
  locality: 'local',
  // Single-dash long options (`-Wall`, `-std=c99`, `-classpath`): no short clusters.
  goFlags: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
  outputOptions: ['-o', '-outputdir'],
  options: [valued('-o'), valued('-e'), valued('-i'), valued('-package'), valued('-outputdir'), flag('--make'), flag('-c'), flag('--version'), flag('--help')],
};

export const scalaCli: ToolSpec = {
  names: ['scala-cli', 'scala'],
  family: 'runner',
  locality: 'local',
  unknownLong: 'switch',
  unknownShort: 'switch',
  options: [valued('-e', '--execute-script', '--execute-scala'), valued('-S', '--scala', '--scala-version'), valued('--dep', '--dependency'), valued('--main-class', '-M'), valued('--java-opt', '-J'),
    flag('-h', '--help'), flag('--version')],
  commands: { 'run|test|compile|package|repl|fmt|setup-ide|clean|export|version': {} },
};

export const dotnetScript: ToolSpec = {
  names: ['dotnet-script'],
  family: 'runner',
  locality: 'local',
  interspersed: false,
  options: [valued('-c', '--configuration'), valued('-s', '--sources'), ...valuedEach('--cache', '--isolated-load-context'), ...flagsEach('--debug', '--no-cache', '-h', '--help', '-v', '--version')],
  commands: { eval: {}, init: {}, new: {}, publish: {}, register: {} },
};

/** Yaegi, the Go interpreter (github.com/traefik/yaegi): `yaegi -e 'code'`, `yaegi [run] x.go`; Go-style single-dash options. */
export const yaegi: ToolSpec = {
  names: ['yaegi'],
  family: 'runner',
  locality: 'local',
  goFlags: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [valued('-e'), valued('-tags'), flag('-i'), flag('-syscall'), flag('-unsafe'), flag('-unrestricted'), flag('-noautoimport'), flag('-h', '-help')],
  commands: { 'run|test|extract|help|version': {} },
};

export const COMPILER_TOOLS: readonly ToolSpec[] = [cc, rustc, java, kotlin, swift, zig, crystal, nim, haskell, scalaCli, dotnetScript, yaegi];
