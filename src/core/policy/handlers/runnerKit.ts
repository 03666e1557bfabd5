/**
 * The vocabulary of the runner tables (runnerEntries.ts, loaderRunners.ts): what an entry is, how its
 * text is read, a runner's option grammar and entry function, and the small readers of parsed words
 * both tables share.
 */

import { resolvePath } from '../../paths';
import { parseCommand, type ParsedCommand } from '../../shell/grammar';
import { pythonModuleFiles } from '../loadedCode';
import { runnerGrammarOf } from '../runnerGrammars';
import type { ArgWord } from '../types';
import type { Exec, Walker } from './context';

/** How an entry file's text runs. */
export type Reading =
  | 'python' | 'javascript' | 'ruby' | 'shell'
  /** Justfile recipes: indented lines are shell lines. */
  | 'recipes'
  /** TOML `run = "…"` values (mise tasks). */
  | 'tomlRun'
  /** YAML `cmds:` items (Taskfile). */
  | 'yamlCmds'
  /** A compose file's `command:`/`entrypoint:` values, run in its containers. */
  | 'compose'
  /** `//go:generate` lines of Go files. */
  | 'goGenerate'
  /** Rust code (build.rs): `Command::new`, `remove_dir_all`, `remove_file`. */
  | 'rust'
  /** A program file of a code runner (lua, Rscript, julia, tclsh, expect, emacs --script). */
  | 'program'
  /** tox.ini `commands =` lines. */
  | 'toxCommands'
  /** A direnv `.envrc`: shell, with direnv's standard library read as the shell it amounts to (`policy/direnvStdlib.ts`). */
  | 'envrc'
  /** A JSON file's task strings: deno.json `tasks`, composer.json `scripts`. */
  | 'denoTasks' | 'composerScripts'
  /** Procfile lines (`web: cmd`). */
  | 'procfile'
  /** YAML `run:` values (lefthook). */
  | 'yamlRun'
  /** package.json's `jest` key: its setup and teardown files. */
  | 'jestPackage'
  /** pre-commit's local hooks with `language: system|script`: their `entry:` lines. */
  | 'preCommit'
  /** Code in a language the snippets do not model (Go, Java, Elixir, Swift, Dart, CMake, Gradle): its delete and process calls. */
  | 'native'
  /** A build tool's project code the snippets do not model (CMakeLists.txt, an MSBuild project, Go tests under `./...`): judged as compiled code for what it names, no more (routine deletes and programs in ordinary build code stay allowed). */
  | 'buildCode';

export type Entry =
  /** A file named on the command line or found by convention; `any` of `files` (the first found) or each. */
  | { files: readonly string[]; as: Reading; first?: boolean }
  | { opaque: string }
  /** A package's install lifecycle scripts, in `dir` (default: the working folder). */
  | { lifecycle: string; dir?: string }
  /** Code given to a program that runs it (`manage.py shell -c CODE`: Python unless `language` says otherwise; `program`: a code runner's own language, read for its escapes). */
  | { code: string; label: string; language?: 'python' | 'ruby' | 'perl' | 'php' | 'javascript' | 'program' };

export interface Ctx {
  w: Walker;
  name: string;
  args: readonly ArgWord[];
  exec: Exec;
  /** Files of a folder matching a test, bounded. */
  list(dir: string, match: RegExp): string[];
}

/** A runner: a function from its parsed words to entries. Its words are read by the program's one grammar (`policy/runnerGrammars.ts`). */
export interface RunnerSpec {
  entries(p: ParsedCommand, c: Ctx): Entry[];
}

/** A runner's spec whose entries are the base's and what `more` adds from the same parse (`cargo install --path`, `go test ./...`). */
export function extendedRunner(base: RunnerSpec | undefined, more: (p: ParsedCommand, c: Ctx, own: Entry[]) => Entry[]): RunnerSpec | undefined {
  if (!base) return undefined;
  return { entries: (p, c) => more(p, c, base.entries(p, c)) };
}

/** A rule's name for an option, spelled as the grammar reports it (not an option reader: no command word is read). */
/** An option named without its dashes (`config`, `c`) in the spelling the grammar reports: one letter `-c`, a word `--config`; a name with dashes as it is. */
const spelled = (name: string): string => (name.startsWith('-') ? name : name.length === 1 ? `-${name}` : `--${name}`);
const named = (p: ParsedCommand, names: readonly string[]): ParsedCommand['options'] => {
  const wanted = names.map(spelled);
  return p.options.filter((o) => wanted.includes(o.name));
};
export const value = (p: ParsedCommand, ...names: string[]): string | undefined => named(p, names).map((o) => o.values[0])[0];
export const values = (p: ParsedCommand, ...names: string[]): string[] => named(p, names).flatMap((o) => o.values);
export const has = (p: ParsedCommand, ...names: string[]): boolean => named(p, names).length > 0;
export const operandTexts = (p: ParsedCommand): string[] => p.operands.filter((o) => !o.dynamic).map((o) => o.text);
export const inDir = (dir: string, ...names: string[]): string[] => names.map((n) => `${dir}/${n}`);
export const jsConfigs = (base: string): string[] => ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts'].map((e) => `${base}.${e}`);
/** Options that only print help or the version, named alike by every runner. */
export const LISTING_ONLY = ['help', 'h', 'version', 'V'];

export function pythonModule(c: Ctx, dotted: string): string[] {
  return pythonModuleFiles(c.w, c.exec.cwd, dotted) ?? [];
}

/** JavaScript test files by the runners' default patterns, in the usual folders (one level, bounded). */
export const JS_TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
export const jsTestFiles = (c: Ctx, base = c.exec.cwd): string[] => ['', '/test', '/tests', '/__tests__', '/src', '/src/__tests__'].flatMap((d) => c.list(base + d, JS_TEST_FILE));

export const jsFiles = (c: Ctx, texts: readonly string[]): string[] => texts.filter((t) => /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(t) || /^\.{0,2}\//.test(t)).map((t) => resolvePath(c.exec.cwd, t, c.w.facts.home));

/** `args` read by the grammar of the program the runner table knows as `name` (`python -m MODULE` for the standard library's runners). */
export function parseWith(name: string, args: readonly ArgWord[]): ParsedCommand {
  return parseCommand(args, runnerGrammarOf(name));
}
