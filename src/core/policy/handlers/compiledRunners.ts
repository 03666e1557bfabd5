/**
 * Compiled languages the agent builds and runs: what runs is the source, read like an interpreter's
 * program (`python fix.py` reads fix.py; `go run fix.go` reads fix.go). A runner that compiles and runs
 * at once (`go run x.go`, `go run -` with a heredoc, `tcc -run`, `java X.java`, `swift x.swift`, `zig
 * run`, `crystal run|eval`, `nim r`, `runghc`, `ghc -e`, `yaegi -e`, `scala-cli`, `kotlinc -script`, `dotnet run
 * app.cs`, `dotnet-script`) reads its source now; a compiler (`cc x.c -o /tmp/x`, `rustc`, `go build
 * -o`, `swiftc`, `zig build-exe`, `crystal build`) records that its output is built from that source,
 * and the source is read when the program runs on the same line. A source that cannot be read (written
 * by a download, a computed name) asks. A project or package (`go run ./cmd/server`, `cargo run`,
 * `dotnet run`, `swift run`) is the project's own code and is not read, like `python -m`.
 */

import { basename, resolvePath } from '../../paths';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { hasOption, lastOptionWord, optionValues } from '../../registry/grammar';
import type { ArgWord, Invocation } from '../types';
import type { Exec, Handler, Walker } from './context';

const SOURCE = /\.(c|cc|cpp|cxx|c\+\+|m|mm|go|rs|java|kt|kts|swift|zig|cr|nim|nims|hs|lhs|scala|sc|cs|csx)$/i;
const STDIN = '-';

function word(text: string): ArgWord {
  return { text, raw: text, dynamic: false, glob: false };
}

/** Run a source file (or standard input for `-`) now. */
function runSource(w: Walker, inv: Invocation, source: ArgWord, exec: Exec, label: string): void {
  if (source.text === STDIN) w.stdinProgram(inv.name, 'compiled', inv, exec);
  else w.runFile(source, 'compiled', inv, exec, label);
}

function runCode(w: Walker, inv: Invocation, code: ArgWord, exec: Exec, label: string): void {
  if (code.dynamic) w.addOpaque(`${label} runs code built at run time`, w.viaOf(exec));
  else w.snippet('compiled', code.text, inv, exec.scope.origin, exec, label);
}

/** `output` is a program built from `sources`: its text is theirs, read only if it runs later on the line. */
function builds(w: Walker, inv: Invocation, output: ArgWord | undefined, sources: readonly ArgWord[], exec: Exec): void {
  if (!output || sources.length === 0) return;
  const via = w.viaOf(exec);
  const stdin = exec.stdin;
  w.recordWrite(inv, output, () => {
    const parts: string[] = [];
    for (const source of sources) {
      if (source.dynamic) return undefined;
      if (source.text === STDIN) {
        if (stdin?.kind !== 'heredoc' && stdin?.kind !== 'herestring') return undefined;
        parts.push(stdin.text);
        continue;
      }
      const text = w.readFile(resolvePath(exec.cwd, source.text, w.facts.home), via);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return parts.join('\n');
  }, false, 'compiled');
}

/** The program a compiler names after its first source (`rustc fix.rs` -> `fix`). */
function stem(source: ArgWord | undefined, folder?: string): ArgWord | undefined {
  if (!source || source.text === STDIN || source.dynamic) return undefined;
  const name = basename(source.text).replace(/\.[^.]+$/, '');
  return word(folder !== undefined ? `${folder.replace(/\/+$/, '')}/${name}` : name);
}

function cc(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name);
  if (!inv || !spec) return inv;
  const parsed = parsedArgs(args, spec);
  const operands = parsed.operands;
  if (name === 'tcc' && hasOption(parsed, spec, ['-run'])) {
    if (operands[0]) runSource(w, inv, operands[0], exec, `tcc -run ${operands[0].text}`);
    return inv;
  }
  if (hasOption(parsed, spec, ['-c', '-S', '-E'])) return inv;
  const sources = operands.filter((o) => o.dynamic || SOURCE.test(o.text) || o.text === STDIN);
  builds(w, inv, lastOptionWord(parsed, spec, ['-o']) ?? word('a.out'), sources, exec);
  return inv;
}

function rustc(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name);
  if (!inv || !spec) return inv;
  const parsed = parsedArgs(args, spec);
  const sources = parsed.operands.filter((o) => o.dynamic || o.text.endsWith('.rs') || o.text === STDIN);
  builds(w, inv, lastOptionWord(parsed, spec, ['-o']) ?? stem(sources[0], optionValues(parsed, spec, ['--out-dir']).pop()), sources, exec);
  return inv;
}

/** `go run FILES|-|PKG`, `go build -o OUT FILES`: go's registry entry reads the build flags. */
function go(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed('go');
  if (!inv || !spec) return inv;
  const parsed = parsedArgs(args, spec);
  const verb = parsed.path[0];
  const files: ArgWord[] = [];
  for (const o of parsed.operands) {
    if (o.text === STDIN && files.length === 0) return runSource(w, inv, o, exec, 'go run -'), inv;
    if (!o.text.endsWith('.go') && !o.dynamic) break;
    files.push(o);
  }
  if (files.length === 0) return inv;
  if (verb === 'run') {
    for (const f of files) runSource(w, inv, f, exec, `go run ${f.text}`);
    // Its arguments are also read as an unknown program's (`go run main.go --delete-all`), as for a package.
    const rest = args.slice(args.indexOf(files[files.length - 1]!) + 1);
    if (rest.length > 0) w.run([stem(files[0])!, ...rest], { ...exec, wrappers: [...exec.wrappers, 'go run'] });
  } else if (verb === 'build') {
    builds(w, inv, lastOptionWord(parsed, spec, ['-o']) ?? stem(files[0]), files, exec);
  }
  return inv;
}

/** `java X.java args`: the JDK's source launcher runs one file (a class name or `-jar` runs compiled code). */
function java(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name);
  if (!inv || !spec) return inv;
  const parsed = parsedArgs(args, spec);
  const program = parsed.operands[0];
  if (program && !hasOption(parsed, spec, ['-jar', '-m']) && program.text.endsWith('.java')) runSource(w, inv, program, exec, `java ${program.text}`);
  // `java -jar jenkins-cli.jar -s URL groovy = < x.groovy` (and `groovysh`): Groovy run on the Jenkins server, which is not read here.
  const jar = optionValues(parsed, spec, ['-jar']).find((v) => /(^|\/)jenkins-cli[\w.-]*\.jar$/.test(v));
  const after = jar !== undefined ? args.slice(args.findIndex((a) => a.text === jar || a.text.endsWith(jar)) + 1) : [];
  if (after.some((a) => a.text === 'groovy' || a.text === 'groovysh')) w.addOpaque('jenkins-cli runs a Groovy script on the Jenkins server, which reaches every job, credential and agent there', w.viaOf(exec));
  // The jar's own words are the Jenkins CLI's (`-s URL build destroy-prod`): judged as `jenkins-cli` (registry/tools/remoteRunners.ts).
  else if (jar !== undefined && after.length > 0) w.run([{ ...first, text: 'jenkins-cli' }, ...after], { ...exec, wrappers: [...exec.wrappers, `java -jar ${jar}`] });
  // `java -jar bfg-1.14.0.jar --delete-files x` is the BFG Repo-Cleaner: its registry entry judges the words after the jar (round 8).
  const bfgJar = optionValues(parsed, spec, ['-jar']).find((v) => /(^|\/)bfg[\w.-]*\.jar$/i.test(v));
  if (bfgJar !== undefined) w.run([{ text: 'bfg', raw: 'bfg', dynamic: false, glob: false }, ...args.slice(args.findIndex((a) => a.text === bfgJar || a.text.endsWith(bfgJar)) + 1)], exec);
  return inv;
}

/** A runner whose first operand after an optional run word is a source run now, with code options; and its compile-only form. */
function runnerOf(runWords: readonly string[], buildWords: readonly string[], codeOptions: readonly string[], implicitRun: boolean): Handler {
  return (w, name, first, args, exec) => {
    const inv = w.emit(name, first.text, args, exec);
    const spec = toolNamed(name);
    if (!inv || !spec) return inv;
    const parsed = parsedArgs(args, spec);
    const code = codeOptions.length > 0 ? lastOptionWord(parsed, spec, codeOptions) : undefined;
    if (code) {
      runCode(w, inv, code, exec, `${name} ${codeOptions[0]}`);
      return inv;
    }
    const verb = parsed.path[0];
    const operands = parsed.operands;
    const source = operands.find((o) => o.dynamic || SOURCE.test(o.text) || o.text === STDIN);
    // `nim c -r x.nim` compiles and runs; `crystal eval 'code'` runs its operand.
    if (verb === 'eval' && operands[0]) runCode(w, inv, operands[0], exec, `${name} eval`);
    else if (!source) return inv;
    else if ((verb !== undefined && runWords.includes(verb)) || (verb === undefined && implicitRun) || (verb === 'c' && hasOption(parsed, spec, ['-r']))) runSource(w, inv, source, exec, `${name} ${source.text}`);
    else if (verb !== undefined && buildWords.includes(verb)) builds(w, inv, lastOptionWord(parsed, spec, ['-o', '--output', '-femit-bin']) ?? stem(source), [source], exec);
    else if (verb === undefined && !implicitRun) builds(w, inv, lastOptionWord(parsed, spec, ['-o']) ?? stem(source), [source], exec);
    return inv;
  };
}

/** `kotlinc -script x.kts`, `kotlin x.main.kts`, `kotlinc -e 'code'`. */
function kotlin(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  const spec = toolNamed(name);
  if (!inv || !spec) return inv;
  const parsed = parsedArgs(args, spec);
  const code = lastOptionWord(parsed, spec, ['-e']);
  const script = lastOptionWord(parsed, spec, ['-script']) ?? (name === 'kotlin' ? parsed.operands.find((o) => o.text.endsWith('.kts')) : undefined);
  if (code) runCode(w, inv, code, exec, `${name} -e`);
  else if (script) runSource(w, inv, script, exec, `${name} ${script.text}`);
  return inv;
}

/** `dotnet run app.cs` and `dotnet app.cs` (file-based apps), `dotnet script x.csx`; `dotnet run` of a project is the project's. */
function dotnet(w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(name, first.text, args, exec);
  if (!inv) return inv;
  const spec = toolNamed(name);
  const operands = spec ? parsedArgs(args, spec).operands : args;
  const at = operands[0]?.text === 'run' || operands[0]?.text === 'script' ? 1 : 0;
  const source = operands[at];
  if (source && /\.(cs|csx)$/.test(source.text)) runSource(w, inv, source, exec, `${name} ${source.text}`);
  return inv;
}

const runHaskell = runnerOf([], [], ['-e'], true);

export const compiledRunnerHandlers: Record<string, Handler> = {
  ...Object.fromEntries((toolNamed('cc')?.names ?? []).map((n) => [n, cc])),
  rustc,
  go,
  java,
  kotlinc: kotlin,
  'kotlinc-jvm': kotlin,
  kotlin,
  swift: runnerOf([], [], [], true),
  swiftc: runnerOf([], [], [], false),
  zig: runnerOf(['run'], ['build-exe'], [], false),
  crystal: runnerOf(['run'], ['build'], [], true),
  nim: runnerOf(['r', 'e'], ['c', 'compile', 'cpp', 'cc'], [], false),
  runghc: runHaskell,
  runhaskell: runHaskell,
  ghc: runnerOf([], [], ['-e'], false),
  'scala-cli': runnerOf(['run'], [], ['-e'], true),
  scala: runnerOf(['run'], [], ['-e'], true),
  'dotnet-script': runnerOf([], [], [], true),
  yaegi: runnerOf(['run'], [], ['-e'], true),
  dotnet,
};
