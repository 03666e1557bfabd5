/**
 * What the analysis walker (`../analyze.ts`) shares with the handlers of commands that run other
 * commands: where an analysis is (`Scope`), what a simple command carries into the command it runs
 * (`Exec`), and the walker's own operations (`Walker`). A handler is registered by command name in
 * `./index.ts`, the way rule packs are listed in `../../rules/index.ts`.
 */

import { DYNAMIC_WORD } from '../../shell/embedded';
import type { ExpansionScope } from '../../shell/expand';
import type { ParseLimits } from '../../shell/parser';
import type { ArgWord, CodeSnippet, Facts, Invocation, Origin, Redirect, RemoteContext, SnippetLanguage, StdinSource, Via } from '../types';

/** The working folder of a command run on another machine: unknown, and never one of this machine's. */
export const REMOTE_CWD = '/__remote_working_folder__';

export interface AnalyzeLimits {
  /** Longest command text analysed; longer input is opaque. */
  maxInputLength: number;
  /** Nested shells, evals, scripts and decoded payloads inside one another. */
  maxDepth: number;
  /** Invocations reported; beyond this the rest is opaque. */
  maxInvocations: number;
  /** Largest script or package.json read. */
  maxFileLength: number;
  /** Files read through facts.readFile in one analysis. */
  maxFilesRead: number;
  /** Characters parsed in total (command, scripts, decoded payloads). */
  maxTotalSource: number;
  parse: ParseLimits;
}

/** Where an analysis currently is: the directory, the chain of wrappers and nested shells, and the source. */
export interface Scope extends ExpansionScope {
  cwd: string;
  cwdUncertain: boolean;
  via: readonly Via[];
  origin: Origin;
  depth: number;
  /** Substitutions (`$(…)`, `<(…)`) this text sits in, inside its shell. */
  substitutions?: number;
  /** Inside the body of this shell function. */
  functionName?: string;
  /** Inside a function the shell itself calls later (`command_not_found_handle`, zsh's `precmd`): when it runs, for people (lineFunctions.ts). */
  laterHook?: string;
  /**
   * Shell variables this script set to fixed text (`DIR=build`), so `$DIR` can be read; null when
   * the value is unknown or differs between branches. Shared by everything in the same shell.
   */
  vars: Map<string, string | null>;
  /**
   * For variables assigned from command substitutions (`TOKEN=$(jq -r .token f)`), those
   * substitutions as written, so a later `$TOKEN` can say where its value came from. Unlike `vars`
   * it over-approximates: a branch's assignment is kept, and child shells inherit it (exported).
   */
  sources: Map<string, readonly string[]>;
  /** Inside a compound reading a file or a pipe (`… | while read t`): what a `read` there takes its value from. */
  stdinSources?: readonly string[];
  /** Commands here run on another machine or container (ssh, heroku run, fly ssh console, kubectl exec). */
  remote?: RemoteContext;
  /**
   * What a command in this text reads as standard input when it has none of its own: the input of the
   * command that runs the text on another machine (`ssh db1 'bash -s' < cleanup.sh`).
   */
  inheritedStdin?: { stdin?: StdinSource; unknown: boolean };
  /**
   * Words of the wrappers that started this text's shell (`doppler run -c prd -- sh -c '…'`, `node
   * --env-file=.env.production -e …`): the variables they loaded reach every command here (stop 37).
   */
  loaderWords?: readonly ArgWord[];
}

export { loaderWordsOf, withEnvFileWords, wrapperFields } from '../loaderWords';

/** What a simple command carries into the command it finally runs. */
export interface Exec {
  scope: Scope;
  cwd: string;
  assignments: Record<string, string>;
  redirects: Redirect[];
  stdin?: StdinSource;
  /** The producer of stdin is a compound command whose output cannot be known. */
  stdinUnknown?: boolean;
  wrappers: Via[];
  /** Words the wrappers consumed themselves (their options and operands). */
  wrapperWords?: ArgWord[];
  /** Substitutions reaching the command through variables in its prefixes, redirects and heredocs. */
  sources?: string[];
  /** Commands of this shell that handed their words on to this one (`docker exec c find . -exec …`). */
  handedOn?: number;
}

/** Text a command prints or a file holds, when it is fixed. */
export interface StaticText {
  text: string;
  encoding?: 'base64' | 'printf' | 'hex';
  path?: string;
}

/** The walker's operations a handler uses. */
export interface Walker {
  readonly facts: Facts;
  readonly limits: AnalyzeLimits;
  readonly snippets: CodeSnippet[];
  /** Spend from the decision's budget before a step; false (with the reason recorded once) when it is spent. */
  afford(units: number, via: readonly Via[]): boolean;
  addOpaque(text: string, via: readonly Via[], remote?: RemoteContext, fetchedFrom?: string): void;
  /** Parse and walk shell text in `scope`. */
  analyzeText(text: string, scope: Scope): void;
  /** Peel wrappers off an argv and run what remains. */
  run(argv: ArgWord[], exec: Exec): Invocation | undefined;
  /** Report one invocation (undefined past the invocation cap). */
  emit(name: string, command: string, args: ArgWord[], exec: Exec): Invocation | undefined;
  /** Remember that `inv` writes `target`, with content computed only if something reads it. */
  recordWrite(inv: Invocation, target: ArgWord | undefined, text: () => string | undefined, append?: boolean, language?: SnippetLanguage): void;
  /** Remember that `inv` fills the folder `target` with files nobody has read (`git clone URL dir`): whatever is read below it later is unknowable. */
  recordWrittenTree(inv: Invocation, target: ArgWord, fetchedFrom?: string): void;
  /** A program an earlier command of the line built from source: the source's language (its recorded text is the source). */
  builtFrom(absolutePath: string): SnippetLanguage | undefined;
  viaOf(exec: Exec): Via[];
  /** A scope for text run by a new shell; `sameShell` for eval, source and trap, which share its variables. */
  childScope(exec: Exec, label: Via, origin?: Origin, cwd?: string, sameShell?: boolean): Scope;
  /** A child scope whose commands run on another machine (`remote` names the place). */
  remoteScope(exec: Exec, label: Via, remote: RemoteContext): Scope;
  /** Text of a file, or undefined when it does not exist. Oversized or unreadable files are opaque. */
  readFile(absolutePath: string, via: readonly Via[]): string | undefined;
  /** A path for people: workspace-relative when inside a workspace folder, else absolute. */
  display(absolutePath: string): string;
  /** A script file being analysed right now (a script that runs itself is not read again). */
  isActiveFile(absolutePath: string): boolean;
  /** Run the file named by `word` as `kind` (shell or an interpreter's language). */
  runFile(word: ArgWord, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell?: boolean, after?: readonly ArgWord[]): void;
  runFileText(path: string, text: string, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell?: boolean): void;
  /** A shell or interpreter reading its program from stdin. */
  stdinProgram(name: string, language: SnippetLanguage | 'shell', inv: Invocation | undefined, exec: Exec): void;
  /** Interpreter code run by `runner`, with the shell commands it runs analysed. */
  snippet(language: SnippetLanguage, text: string, runner: Invocation, origin: Origin, exec: Exec, label: string): void;
}

/** Analyses one command that runs other commands; returns its own invocation. */
export type Handler = (w: Walker, name: string, first: ArgWord, args: ArgWord[], exec: Exec) => Invocation | undefined;

export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'yash', 'posh', 'rbash', 'csh', 'tcsh', 'busybox-sh', 'nu', 'elvish', 'osh', 'ysh', 'xonsh', 'oksh', 'loksh', 'pdksh', 'hush', 'ion', 'mrsh', 'brush']);

/** The name a command is known by: the last path component, without `.exe`. */
export function commandName(text: string): string {
  const trimmed = text.endsWith('/') ? text.slice(0, -1) : text;
  const slash = trimmed.lastIndexOf('/');
  const base = slash < 0 ? trimmed : trimmed.slice(slash + 1);
  // zsh expands `=rm` to the path of rm (its EQUALS option, on by default); elsewhere it names nothing.
  if (base[0] === '=' && /^=[A-Za-z0-9_][A-Za-z0-9_.+-]*$/.test(base) && slash < 0) return commandName(base.slice(1));
  return base.length >= 4 && base.slice(-4).toLowerCase() === '.exe' ? base.slice(0, -4) : base;
}

/** A word of an argv found in interpreter code (`subprocess.run([...])`), where interpolations are run-time values. */
export function placeholderWord(text: string): ArgWord {
  const dynamic = text.includes(DYNAMIC_WORD);
  return { text, raw: text, dynamic, glob: false };
}

export function quoteForShell(word: ArgWord): string {
  if (word.dynamic) return word.raw;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word.text)) return word.text;
  return "'" + word.text.replace(/'/g, "'\\''") + "'";
}

/** `exec` moved to another machine: its commands run in `remote`, in a working folder unknown here. */
export function remoteExec(exec: Exec, remote: RemoteContext): Exec {
  return { ...exec, cwd: REMOTE_CWD, scope: { ...exec.scope, cwd: REMOTE_CWD, cwdUncertain: false, remote } };
}

/**
 * Code installed by a package manager (node_modules, site-packages, a virtualenv's bin) is the
 * tool itself, not something the agent wrote: reading it would judge eslint by its own internals.
 */
export function isInstalledPackage(path: string): boolean {
  return /\/(node_modules|site-packages|dist-packages)\//.test(path) || /\/\.?venv\/bin\//.test(path);
}

export function isScriptPath(text: string): boolean {
  return text.includes('/') || /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(text);
}
