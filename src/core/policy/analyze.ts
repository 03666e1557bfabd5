/**
 * Shell analysis: from a command line to every command that will run. Wrappers are peeled
 * (`sudo`, `env`, `xargs` ...), nested shells and `eval` are parsed again, scripts and
 * `package.json` scripts the agent can read are analysed by their content, interpreter code becomes
 * a `CodeSnippet` (with its own shell-outs analysed), and whatever cannot be known before it runs
 * becomes an `Opaque` entry, which the engine never allows silently.
 *
 * Bounded everywhere: input size, parse nesting, expansion depth, invocations, files read.
 */

import { basename, dirname, isWithin, relativeTo, resolvePath } from '../paths';
import type { Command, CommandList, Pipeline, SimpleCommand, Word, WordPart } from '../shell/ast';
import { decodeBase64, decodeBase64Utf16le, decodeEchoEscapes, decodeHex, printfOutput } from '../shell/decode';
import { DYNAMIC_WORD, findShellOuts } from '../shell/embedded';
import { makeRecipes } from '../shell/makefile';
import { splitPowershell } from '../shell/powershell';
import { DEFAULT_PARSE_LIMITS, parseShell, type ParseLimits } from '../shell/parser';
import { scanOptions, WRAPPERS } from '../shell/wrappers';
import { optionsMatching } from '../registry/grammar';
import { commandNode, readingsOf, runsCommandsElsewhere, toolArgs, toolNamed } from '../registry/commandModel';
import type { CommandSpec, ToolSpec } from '../registry/types';
import { expandBraces, hasPatternGlob, isDynamic, toArgWord, wordText } from '../shell/words';
import type {
  Analysis,
  ArgWord,
  CodeSnippet,
  Facts,
  FileStatus,
  Invocation,
  Opaque,
  Origin,
  Redirect,
  RemoteContext,
  SnippetLanguage,
  StdinSource,
  Via,
} from './types';
import { workMeter, type WorkMeter } from './workMeter';

/** Units walking one simple command costs, and each of its words (expansion, wrappers, handlers). */
const UNITS_PER_COMMAND = 1_000;
const UNITS_PER_WORD = 16;
/** Parsing costs about this many units a character read and a node built. */
const UNITS_PER_PARSED_CHARACTER = 8;
const UNITS_PER_NODE = 600;

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

export const DEFAULT_ANALYZE_LIMITS: AnalyzeLimits = {
  maxInputLength: 1 << 20,
  maxDepth: 8,
  maxInvocations: 2000,
  maxFileLength: 512 * 1024,
  maxFilesRead: 64,
  maxTotalSource: 4 << 20,
  parse: DEFAULT_PARSE_LIMITS,
};

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'yash', 'posh', 'rbash', 'csh', 'tcsh', 'busybox-sh']);

/** Languages of interpreters whose code the engine reads; `deno` and `bun` have their own handlers. */
function interpreterLanguage(name: string): SnippetLanguage | undefined {
  if (/^(python|pypy)[0-9.]*$/.test(name)) return 'python';
  if (name === 'node' || name === 'nodejs' || name === 'tsx' || name === 'ts-node' || name === 'ts-node-esm' || name === 'esno' || name === 'babel-node' || name === 'vite-node') return 'javascript';
  if (name === 'perl' || /^perl5[0-9.]*$/.test(name)) return 'perl';
  if (name === 'ruby' || name === 'jruby') return 'ruby';
  if (/^php[0-9.]*$/.test(name)) return 'php';
  return undefined;
}

interface InterpreterSpec {
  /** Letters that introduce code: `-c` (python), `-e` (perl, ruby, node). */
  code: string;
  /** Code letters take the rest of their cluster (`-e'print 1'`); node's do not. */
  codeTakesRest: boolean;
  /** Long options whose value is code. */
  longCode: readonly string[];
  /** Letters that take a value (rest of cluster or next word). */
  value: string;
  /** Letters whose value is only the rest of the cluster (perl's `-i.bak`, `-l0`). */
  attached: string;
  longValue: readonly string[];
  /** Letters that run a module or file instead of code (`-m`, php's `-f`). */
  module: string;
  fileLetters: string;
}

const INTERPRETER_SPECS: Record<SnippetLanguage, InterpreterSpec | undefined> = {
  python: { code: 'c', codeTakesRest: true, longCode: [], value: 'WXQ', attached: '', longValue: ['check-hash-based-pycs'], module: 'm', fileLetters: '' },
  javascript: {
    code: 'ep',
    codeTakesRest: false,
    longCode: ['eval', 'print'],
    value: 'rC',
    attached: '',
    longValue: ['require', 'import', 'loader', 'experimental-loader', 'input-type', 'conditions', 'env-file', 'title', 'inspect-port', 'watch-path', 'test-name-pattern', 'stack-size', 'tsconfig'],
    module: '',
    fileLetters: '',
  },
  perl: { code: 'eE', codeTakesRest: true, longCode: [], value: 'IM', attached: 'mil0xCdD', longValue: [], module: '', fileLetters: '' },
  ruby: { code: 'e', codeTakesRest: true, longCode: [], value: 'rICE', attached: 'xWTK0', longValue: ['encoding'], module: '', fileLetters: '' },
  php: { code: 'rRBE', codeTakesRest: true, longCode: [], value: 'dcz', attached: '', longValue: [], module: '', fileLetters: 'fF' },
  sql: undefined,
  mongo: undefined,
  redis: undefined,
  graphql: undefined,
  json: undefined,
};

interface InterpreterArgs {
  code: ArgWord[];
  file?: ArgWord;
  /** Reads its program from stdin (`-` or no program at all). */
  stdin: boolean;
  module: boolean;
}

function interpreterArgs(args: readonly ArgWord[], spec: InterpreterSpec): InterpreterArgs {
  const result: InterpreterArgs = { code: [], stdin: false, module: false };
  let i = 0;
  while (i < args.length) {
    const word = args[i]!;
    const t = word.text;
    if (t === '--') {
      i++;
      break;
    }
    if (t === '-') {
      result.stdin = true;
      return result;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (spec.longCode.includes(name)) {
        if (eq >= 0) result.code.push({ ...word, text: t.slice(eq + 1) });
        else if (args[i + 1]) result.code.push(args[++i]!);
      } else if (eq < 0 && spec.longValue.includes(name)) i++;
      i++;
      continue;
    }
    if (t[0] !== '-' || t.length < 2) break;
    let skipNext = false;
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      const rest = t.slice(k + 1);
      if (spec.code.includes(letter)) {
        if (rest !== '' && spec.codeTakesRest) result.code.push({ ...word, text: rest });
        else if (args[i + 1] && !skipNext) {
          result.code.push(args[i + 1]!);
          skipNext = true;
        }
        if (spec.codeTakesRest) break;
        continue;
      }
      if (spec.module.includes(letter)) {
        result.module = true;
        return result;
      }
      if (spec.fileLetters.includes(letter)) {
        const file = rest !== '' ? { ...word, text: rest } : args[i + 1];
        if (file) result.file = file;
        return result;
      }
      if (spec.value.includes(letter)) {
        if (rest === '') skipNext = true;
        break;
      }
      if (spec.attached.includes(letter)) break;
    }
    i += skipNext ? 2 : 1;
  }
  if (result.code.length > 0) return result;
  const file = args[i];
  if (file === undefined) result.stdin = true;
  else if (file.text === '-') result.stdin = true;
  else result.file = file;
  return result;
}

/** Where an analysis currently is: the directory, the chain of wrappers and nested shells, and the source. */
interface Scope {
  cwd: string;
  cwdUncertain: boolean;
  via: readonly Via[];
  origin: Origin;
  depth: number;
  /** Inside the body of this shell function. */
  functionName?: string;
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
}

/** What a simple command carries into the command it finally runs. */
interface Exec {
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
}

interface StaticText {
  text: string;
  encoding?: 'base64' | 'printf' | 'hex';
  path?: string;
}

interface PackageScripts {
  path: string;
  dir: string;
  scripts: Record<string, string>;
}

function quoteForShell(word: ArgWord): string {
  if (word.dynamic) return word.raw;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word.text)) return word.text;
  return "'" + word.text.replace(/'/g, "'\\''") + "'";
}

function placeholderWord(text: string): ArgWord {
  const dynamic = text.includes(DYNAMIC_WORD);
  return { text, raw: text, dynamic, glob: false };
}

function commandName(text: string): string {
  const trimmed = text.endsWith('/') ? text.slice(0, -1) : text;
  const slash = trimmed.lastIndexOf('/');
  const base = slash < 0 ? trimmed : trimmed.slice(slash + 1);
  return base.toLowerCase().endsWith('.exe') ? base.slice(0, -4) : base;
}

class Analyzer {
  readonly invocations: Invocation[] = [];
  readonly snippets: CodeSnippet[] = [];
  readonly opaque: Opaque[] = [];
  private filesRead = 0;
  private sourceParsed = 0;
  private budgetReported = false;
  private invocationCapHit = false;
  private readonly activeFiles = new Set<string>();
  private readonly packageCache = new Map<string, PackageScripts | null>();
  /**
   * Files an earlier command in this analysis writes (redirects, downloads, tee, cp): what a later
   * command reads from them is that content when known (`cat > x.sh <<EOF`), else unknowable.
   */
  private readonly writtenFiles = new Map<string, { writer: string; text: () => string | undefined }>();
  /** Shell functions whose body runs their arguments as a command, with the words that follow. */
  private readonly argumentRunners = new Map<string, ArgWord[]>();

  constructor(
    private readonly facts: Facts,
    private readonly limits: AnalyzeLimits,
    private readonly work: WorkMeter,
  ) {}

  /** Spend from the decision's budget before a step; false (with the reason recorded once) when it is spent. */
  private afford(units: number, via: readonly Via[]): boolean {
    if (this.work.spend(units)) return true;
    if (!this.budgetReported) {
      this.budgetReported = true;
      this.addOpaque('the command needs more work to analyse than one decision may take', via);
    }
    return false;
  }

  addOpaque(text: string, via: readonly Via[]): void {
    if (this.opaque.length >= 64) return;
    // Reasons quote the command; a long token in it may be a secret, and reasons are shown and logged.
    const reason = text.replace(LONG_TOKEN, '…');
    if (this.opaque.some((o) => o.reason === reason && o.via.join('\0') === via.join('\0'))) return;
    this.opaque.push({ reason, via: [...via] });
  }

  // ------------------------------------------------------------------------------------------
  // Text and lists

  analyzeText(text: string, scope: Scope): void {
    if (scope.depth > this.limits.maxDepth) {
      this.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', scope.via);
      return;
    }
    if (text.length > this.limits.maxInputLength) {
      this.addOpaque(`the command text is too long to analyse (${text.length} characters)`, scope.via);
      return;
    }
    this.sourceParsed += text.length;
    if (this.sourceParsed > this.limits.maxTotalSource) {
      this.addOpaque('too much text to analyse (command, scripts and payloads together)', scope.via);
      return;
    }
    if (!this.afford(UNITS_PER_PARSED_CHARACTER * text.length + 1, scope.via)) return;
    // The parse may build only as many nodes as the budget left can pay for.
    const affordable = Math.floor((this.work.limit - this.work.spent) / UNITS_PER_NODE);
    const parsed = parseShell(text, { ...this.limits.parse, maxNodes: Math.max(1, Math.min(this.limits.parse.maxNodes, affordable)) });
    this.work.spend(Math.min(parsed.nodes, affordable) * UNITS_PER_NODE);
    if (parsed.truncated) this.addOpaque(parsed.truncatedReason ?? 'the command could not be analysed completely', scope.via);
    else if (parsed.errors.length > 0) this.addOpaque(`the command could not be parsed completely: ${parsed.errors[0]}`, scope.via);
    // bash reads `((…))` as arithmetic, dash (Debian's /bin/sh) as two subshells; which shell runs the
    // text is not always known, so both readings are judged and the findings of both count.
    const posixReading = ARITHMETIC_COMMAND.test(text) ? parseShell(text, this.limits.parse, { posix: true }) : undefined;
    this.walkList(parsed.list, { ...scope, ...(posixReading ? { vars: new Map(scope.vars), sources: new Map(scope.sources) } : {}) });
    if (posixReading && !posixReading.truncated) this.walkList(posixReading.list, { ...scope });
  }

  private walkList(list: CommandList, scope: Scope): void {
    for (const item of list.items) {
      if (this.invocationCapHit || !this.afford(1 + item.pipeline.commands.length, scope.via)) return;
      const last = this.walkPipeline(item.pipeline, scope);
      if (item.op !== '&' && last && item.pipeline.commands.length === 1) this.followDirectoryChange(last, scope);
    }
  }

  private followDirectoryChange(inv: Invocation, scope: Scope): void {
    if (inv.name !== 'cd' && inv.name !== 'pushd' && inv.name !== 'popd') return;
    if (inv.name === 'popd') {
      scope.cwdUncertain = true;
      return;
    }
    const target = inv.args.find((a) => !a.text.startsWith('-') || a.text === '-');
    if (!target) {
      scope.cwd = this.facts.home;
      return;
    }
    if (target.dynamic || target.text === '-' || target.glob) {
      scope.cwdUncertain = true;
      return;
    }
    scope.cwd = resolvePath(scope.cwd, target.text, this.facts.home);
  }

  private walkPipeline(pipeline: Pipeline, scope: Scope): Invocation | undefined {
    // Stages of a multi-command pipeline run in subshells: a `cd` there does not carry on.
    const stageScope = pipeline.commands.length > 1 ? { ...scope, vars: new Map(scope.vars), sources: new Map(scope.sources) } : scope;
    let previous: Invocation | undefined;
    let previousUnknown = false;
    let last: Invocation | undefined;
    for (let i = 0; i < pipeline.commands.length; i++) {
      const command = pipeline.commands[i]!;
      const inv = this.walkCommand(command, stageScope, previous, previousUnknown);
      if (previous && inv) previous.pipedInto = inv.name;
      previous = inv;
      previousUnknown = inv === undefined;
      last = inv;
    }
    return last;
  }

  private walkCommand(command: Command, scope: Scope, pipeFrom: Invocation | undefined, pipeUnknown: boolean): Invocation | undefined {
    if (command.type === 'simple') return this.simple(command, scope, pipeFrom, pipeUnknown);
    for (const word of command.words) this.substitutions(word.parts, scope);
    for (const list of command.inner ?? []) this.walkList(list, this.subScope(scope, '$(...)'));
    for (const redirect of command.redirects) {
      this.substitutions(redirect.target.parts, scope);
      for (const list of redirect.heredoc?.substitutions ?? []) this.walkList(list, this.subScope(scope, '$(...)'));
    }
    const isolated = command.keyword === 'subshell' || command.keyword === 'function';
    const conditional = !isolated && command.keyword !== 'group';
    const bodyScope = isolated || conditional ? { ...scope, vars: new Map(scope.vars), sources: new Map(scope.sources) } : scope;
    const outerStdinSources = scope.stdinSources;
    const stdinSources = command.keyword === 'function' ? undefined : this.compoundStdinSources(command, scope, pipeFrom, pipeUnknown);
    if (stdinSources) bodyScope.stdinSources = stdinSources;
    if (command.keyword === 'function' && command.name) bodyScope.functionName = command.name;
    if ((command.keyword === 'for' || command.keyword === 'select') && command.name) {
      bodyScope.vars.set(command.name, null);
      // `for t in $(jq -r .tokens[] f)`: each value comes from the list's substitutions.
      this.setSources(bodyScope, command.name, command.words.flatMap((w) => this.wordSources(w, scope)));
    }
    for (const body of command.bodies) this.walkList(body, bodyScope);
    if (bodyScope === scope) {
      if (outerStdinSources) scope.stdinSources = outerStdinSources;
      else delete scope.stdinSources;
    }
    if (conditional || command.keyword === 'function') {
      // A branch, loop body or function may or may not run: what it assigns is unknown afterwards.
      for (const [name, value] of bodyScope.vars) if (scope.vars.get(name) !== value) scope.vars.set(name, null);
      for (const [name, sources] of bodyScope.sources) scope.sources.set(name, mergeSources(scope.sources.get(name), sources));
    }
    if (conditional) {
      scope.cwd = bodyScope.cwd;
      scope.cwdUncertain = bodyScope.cwdUncertain;
    }
    return undefined;
  }

  /** What a compound command's stdin carries, as substitution text: `done < f`, `jq … f | while …`. */
  private compoundStdinSources(command: Command, scope: Scope, pipeFrom: Invocation | undefined, pipeUnknown: boolean): string[] | undefined {
    let sources: string[] | undefined = pipeFrom ? [producerSource(pipeFrom)] : pipeUnknown ? [] : undefined;
    for (const node of command.redirects) {
      if (node.fd !== undefined && node.fd !== 0) continue;
      if (node.heredoc) sources = [];
      else if (node.op === '<<<') sources = this.wordSources(node.target, scope);
      else if (node.op === '<' || node.op === '<>') {
        sources = isDynamic(node.target) ? this.variableSources(node.target, scope) : ['$(< ' + shellQuote(resolvePath(scope.cwd, wordText(node.target), this.facts.home)) + ')'];
      }
    }
    return sources;
  }

  private subScope(scope: Scope, via: Via): Scope {
    return { ...scope, via: [...scope.via, via], vars: new Map(scope.vars), sources: new Map(scope.sources) };
  }

  /** Commands inside `$(...)`, backticks, `<(...)` and `${x:-$(...)}` in these parts. */
  private substitutions(parts: readonly WordPart[], scope: Scope): void {
    for (const part of parts) {
      if (part.kind === 'command') this.walkList(part.body, this.subScope(scope, '$(...)'));
      else if (part.kind === 'process') this.walkList(part.body, this.subScope(scope, part.direction + '(...)'));
      else if (part.kind === 'parameter' || part.kind === 'arithmetic') {
        for (const list of part.inner) this.walkList(list, this.subScope(scope, '$(...)'));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Simple commands

  private simple(command: SimpleCommand, scope: Scope, pipeFrom: Invocation | undefined, pipeUnknown: boolean): Invocation | undefined {
    if (!this.afford(UNITS_PER_COMMAND + UNITS_PER_WORD * (command.words.length + command.assignments.length + command.redirects.length), scope.via)) return undefined;
    const assignments: Record<string, string> = {};
    for (const assignment of command.assignments) {
      for (const value of assignment.values) this.substitutions(value.parts, scope);
      assignments[assignment.name] = assignment.values.map(wordText).join(' ');
    }
    for (const word of command.words) this.substitutions(word.parts, scope);
    const redirects: Redirect[] = [];
    let stdin: StdinSource | undefined = pipeFrom ? { kind: 'pipe', from: pipeFrom } : undefined;
    let stdinUnknown = pipeUnknown;
    if (!pipeFrom && !pipeUnknown && scope.inheritedStdin) {
      stdin = scope.inheritedStdin.stdin;
      stdinUnknown = scope.inheritedStdin.unknown;
    }
    // What a `read NAME` would take its value from, as substitution text the credential rules follow.
    let stdinSources: string[] = pipeFrom ? [producerSource(pipeFrom)] : pipeUnknown ? [] : [...(scope.stdinSources ?? [])];
    let sources: string[] = [];
    for (const assignment of command.assignments) for (const value of assignment.values) sources = mergeSources(sources, this.variableSources(value, scope));
    for (const node of command.redirects) {
      this.substitutions(node.target.parts, scope);
      const redirect: Redirect = { op: node.op, target: this.argWord(node.target, scope) };
      if (node.fd !== undefined) redirect.fd = node.fd;
      redirects.push(redirect);
      sources = mergeSources(sources, redirect.target.sources);
      if (node.heredoc) {
        for (const list of node.heredoc.substitutions) this.walkList(list, this.subScope(scope, '$(...)'));
        if (!node.heredoc.quoted) sources = mergeSources(sources, this.textVariableSources(node.heredoc.text, scope));
        if (node.fd === undefined || node.fd === 0) {
          stdin = { kind: 'heredoc', text: node.heredoc.text };
          stdinUnknown = false;
          stdinSources = [];
        }
      } else if (node.op === '<<<' && (node.fd === undefined || node.fd === 0)) {
        stdin = { kind: 'herestring', text: wordText(node.target) };
        stdinUnknown = false;
        stdinSources = this.wordSources(node.target, scope);
      } else if ((node.op === '<' || node.op === '<>') && (node.fd === undefined || node.fd === 0)) {
        const target = redirect.target;
        stdin = { kind: 'file', path: target.dynamic ? target.text : resolvePath(scope.cwd, target.text, this.facts.home) };
        stdinUnknown = false;
        stdinSources = target.dynamic ? [...(target.sources ?? [])] : ['$(< ' + shellQuote(stdin.path) + ')'];
      }
    }
    const exec: Exec = { scope, cwd: scope.cwd, assignments, redirects, wrappers: [] };
    if (stdin) exec.stdin = stdin;
    if (stdinUnknown) exec.stdinUnknown = true;
    if (sources.length > 0) exec.sources = sources;

    if (command.words.length === 0) {
      for (const assignment of command.assignments) {
        const value = assignment.array || assignment.values.length !== 1 ? undefined : this.staticValue(assignment.values[0]!, scope);
        scope.vars.set(assignment.name, value ?? null);
        this.setSources(scope, assignment.name, assignment.values.flatMap((v) => this.wordSources(v, scope)));
      }
    }
    const argv = this.expandWords(command.words, scope);
    if (argv === undefined) return undefined;
    if (argv[0] && DECLARATIONS.has(argv[0].text)) {
      this.declare(argv[0].text, argv.slice(1), scope);
      this.declareSources(argv[0].text, command.words.slice(1), scope, stdinSources);
    }
    if (argv.length === 0) {
      // `> file` alone truncates the file, exactly like `: > file`; report it as the null command.
      if (redirects.length === 0) return undefined;
      return this.emit(':', '', [], exec);
    }
    return this.run(argv, exec);
  }

  /** Words after brace expansion, with a static `$(echo rm)` command name resolved. Undefined: opaque. */
  private expandWords(words: readonly Word[], scope: Scope): ArgWord[] | undefined {
    const argv: ArgWord[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (i === 0 && isDynamic(word) && scope.functionName !== undefined && runsAllArguments(word)) {
        // `run() { "$@"; }` runs whatever it is called with: each call site is analysed instead.
        this.argumentRunners.set(scope.functionName, words.slice(1).map(toArgWord));
        return undefined;
      }
      if (isDynamic(word)) {
        const resolved = this.resolveSubstitutions(word, scope);
        if (resolved === undefined) {
          if (i === 0) {
            this.addOpaque(`the command name is computed at run time (${word.raw.slice(0, 80)})`, scope.via);
            return undefined;
          }
          argv.push(this.argWord(word, scope));
          continue;
        }
        for (const text of resolved.words) argv.push({ text, raw: word.raw, dynamic: false, glob: resolved.split && /[*?[]/.test(text) });
        continue;
      }
      const expanded = expandBraces(word);
      if (expanded) {
        const glob = hasPatternGlob(word);
        for (const text of expanded) argv.push({ text, raw: word.raw, dynamic: false, glob: glob && /[*?[]/.test(text) });
      } else argv.push(toArgWord(word));
    }
    return argv;
  }

  /** `toArgWord`, with the substitutions behind the variables it uses. */
  private argWord(word: Word, scope: Scope): ArgWord {
    const arg = toArgWord(word);
    const sources = this.variableSources(word, scope);
    if (sources.length > 0) arg.sources = sources;
    return arg;
  }

  /** Substitutions behind the variables a word uses (`$TOKEN` after `TOKEN=$(jq ...)`). */
  private variableSources(word: Word, scope: Scope): string[] {
    if (scope.sources.size === 0) return [];
    let out: string[] = [];
    for (const part of word.parts) {
      if (part.kind === 'parameter') out = mergeSources(out, scope.sources.get(part.name));
    }
    return out;
  }

  /** Substitutions a word's value comes from: those written in it and those behind its variables. */
  private wordSources(word: Word, scope: Scope): string[] {
    let out: string[] = [];
    for (const part of word.parts) {
      if (part.kind === 'command' || (part.kind === 'parameter' && part.inner.length > 0)) {
        // `$(echo "$RAW" | jq ...)`: the value also comes from what RAW came from.
        out = mergeSources(out, [part.raw]);
        out = mergeSources(out, this.textVariableSources(part.raw, scope));
      }
    }
    return mergeSources(out, this.variableSources(word, scope));
  }

  /** Substitutions behind `$NAME` / `${NAME}` in expanding text (an unquoted heredoc body). */
  private textVariableSources(text: string, scope: Scope): string[] {
    if (scope.sources.size === 0) return [];
    let out: string[] = [];
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) out = mergeSources(out, scope.sources.get(m[1]!));
    return out;
  }

  private setSources(scope: Scope, name: string, sources: readonly string[]): void {
    if (sources.length > 0) scope.sources.set(name, sources.slice(0, MAX_SOURCES));
    else scope.sources.delete(name);
  }

  /** `export TOKEN=$(...)`, `read -r TOKEN < f`, `unset TOKEN`: where the named variables now come from. */
  private declareSources(builtin: string, words: readonly Word[], scope: Scope, stdinSources: readonly string[]): void {
    const reads = builtin === 'read' || builtin === 'mapfile' || builtin === 'readarray';
    for (const word of words) {
      const text = wordText(word);
      if (text.startsWith('-')) continue;
      const eq = text.indexOf('=');
      const name = eq < 0 ? text : text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      if (builtin === 'unset') scope.sources.delete(name);
      else if (reads) this.setSources(scope, name, stdinSources);
      else if (eq >= 0) this.setSources(scope, name, this.wordSources(word, scope));
    }
  }

  /**
   * A word whose command substitutions print fixed text (`$(echo rm)`, `$(echo LmVudg== | base64 -d)`):
   * the words it becomes. Undefined when any part is known only at run time.
   */
  private resolveSubstitutions(word: Word, scope: Scope): { words: string[]; split: boolean } | undefined {
    if (!word.parts.some((p) => p.kind === 'command' || (p.kind === 'parameter' && this.knownParameter(p.raw, scope) !== undefined))) return undefined;
    let text = '';
    let split = false;
    for (const part of word.parts) {
      if (part.kind === 'literal') text += part.text;
      else if (part.kind === 'parameter') {
        const value = this.knownParameter(part.raw, scope);
        if (value === undefined) return undefined;
        text += value;
        if (!part.quoted) split = true;
      } else if (part.kind === 'command') {
        const output = this.substitutionOutput(part.body, scope);
        if (output === undefined) return undefined;
        text += output.replace(/\n+$/, '');
        if (!part.quoted) split = true;
      } else return undefined;
    }
    if (!split) return { words: [text], split };
    const words = text.split(/[ \t\n]+/).filter((w) => w !== '');
    return words.length > 0 ? { words, split } : undefined;
  }

  /** A variable set earlier to fixed text; `$HOME` and `$PWD` are facts. Every other variable is unknown. */
  private knownParameter(raw: string, scope: Scope): string | undefined {
    const name = raw.startsWith('${') ? raw.slice(2, -1) : raw.slice(1);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    if (scope.vars.has(name)) return scope.vars.get(name) ?? undefined;
    if (name === 'HOME') return this.facts.home;
    if (name === 'PWD' && !scope.cwdUncertain) return scope.cwd;
    return undefined;
  }

  /** The text a word stands for when it is fixed (`build`, `"$DIR/out"` with DIR known), without splitting. */
  private staticValue(word: Word, scope: Scope): string | undefined {
    if (!isDynamic(word)) return wordText(word);
    const resolved = this.resolveSubstitutions(word, scope);
    return resolved && resolved.words.length === 1 && !resolved.split ? resolved.words[0] : resolved ? resolved.words.join(' ') : undefined;
  }

  /** `export X=1`, `local X`, `read X`, `unset X`: what they do to the variables this analysis tracks. */
  private declare(builtin: string, args: readonly ArgWord[], scope: Scope): void {
    for (const arg of args) {
      if (arg.text.startsWith('-')) continue;
      const eq = arg.text.indexOf('=');
      const name = eq < 0 ? arg.text : arg.text.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      if (builtin === 'read' || builtin === 'unset' || builtin === 'mapfile' || builtin === 'readarray') scope.vars.set(name, null);
      else if (eq >= 0) scope.vars.set(name, arg.dynamic ? null : arg.text.slice(eq + 1));
    }
  }

  /** What one pipeline in a substitution prints, when that is fixed text; analysed on the side, reported nowhere. */
  private substitutionOutput(list: CommandList, scope: Scope): string | undefined {
    if (list.items.length !== 1 || scope.depth >= this.limits.maxDepth) return undefined;
    // Only pipelines of plain producers (echo, printf, cat, base64 -d ...) with static words are
    // evaluated; anything else would make this side analysis as costly as the real one.
    for (const command of list.items[0]!.pipeline.commands) {
      if (command.type !== 'simple' || command.words.length === 0 || command.words.some(isDynamic)) return undefined;
      if (!OUTPUT_PRODUCERS.has(commandName(wordText(command.words[0]!)))) return undefined;
      if (command.redirects.some((r) => r.heredoc?.substitutions.length || isDynamic(r.target))) return undefined;
    }
    const side = new Analyzer(this.facts, { ...this.limits, maxInvocations: 32, maxFilesRead: 4 }, this.work);
    side.walkList(list, { ...scope, via: [], depth: scope.depth + 1 });
    const last = side.invocations[side.invocations.length - 1];
    if (side.opaque.length > 0 || !last || last.via.length > 0 || last.pipedInto !== undefined) return undefined;
    return side.commandOutput(last, 0)?.text;
  }

  // ------------------------------------------------------------------------------------------
  // Running an argv: wrappers, then what the command itself runs

  private viaOf(exec: Exec): Via[] {
    return [...exec.scope.via, ...exec.wrappers];
  }

  /** A scope for text run by a new shell; `sameShell` for eval, source and trap, which share its variables. */
  private childScope(exec: Exec, label: Via, origin: Origin = exec.scope.origin, cwd: string = exec.cwd, sameShell = false): Scope {
    return {
      cwd,
      cwdUncertain: exec.scope.cwdUncertain,
      via: [...this.viaOf(exec), label],
      origin,
      depth: exec.scope.depth + 1,
      vars: sameShell ? exec.scope.vars : new Map(),
      sources: sameShell ? exec.scope.sources : new Map(exec.scope.sources),
      ...(exec.scope.remote ? { remote: exec.scope.remote } : {}),
    };
  }

  /**
   * A child scope whose commands run elsewhere (the innermost remote hop names the place). Its working
   * folder is the remote one, unknown here: relative paths resolve under REMOTE_CWD, never against
   * this machine's folders (so `rm -rf node_modules` there is not this workspace's routine cleanup,
   * and `bash ./deploy.sh` there is not the local file of that name).
   */
  private remoteScope(exec: Exec, label: Via, remote: RemoteContext): Scope {
    const scope: Scope = { ...this.childScope(exec, label, exec.scope.origin, REMOTE_CWD), cwdUncertain: false, remote };
    // The remote command reads what is fed to the local one: `ssh db1 'bash -s' < cleanup.sh`.
    if (exec.stdin || exec.stdinUnknown) scope.inheritedStdin = { stdin: exec.stdin, unknown: exec.stdinUnknown === true };
    return scope;
  }

  private emit(name: string, command: string, args: ArgWord[], exec: Exec): Invocation | undefined {
    if (this.invocations.length >= this.limits.maxInvocations) {
      if (!this.invocationCapHit) {
        this.invocationCapHit = true;
        this.addOpaque(`more than ${this.limits.maxInvocations} commands: the rest was not analysed`, exec.scope.via);
      }
      return undefined;
    }
    // Interpolations from interpreter code stay dynamic even where the shell would quote them.
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (!arg.dynamic && arg.text.includes(DYNAMIC_WORD)) args[i] = { ...arg, dynamic: true };
    }
    const inv: Invocation = {
      name,
      command,
      args,
      assignments: exec.assignments,
      redirects: exec.redirects,
      via: this.viaOf(exec),
      origin: exec.scope.origin,
      cwd: exec.cwd,
    };
    if (exec.stdin) inv.stdin = exec.stdin;
    if (exec.scope.cwdUncertain) inv.cwdUncertain = true;
    if (exec.scope.remote) inv.remote = exec.scope.remote;
    if (exec.wrapperWords && exec.wrapperWords.length > 0) inv.wrapperWords = exec.wrapperWords;
    let sources = exec.sources ?? [];
    for (const arg of args) sources = mergeSources(sources, arg.sources);
    if (sources.length > 0) inv.sources = sources;
    this.invocations.push(inv);
    this.recordWrites(inv);
    return inv;
  }

  /** Content is computed only if something later reads the file: most written files are never run. */
  private recordWrite(inv: Invocation, target: ArgWord | undefined, text: () => string | undefined, append = false): void {
    if (!target || target.dynamic || target.text === '' || target.text === '-' || target.text.startsWith('/dev/')) return;
    const path = resolvePath(inv.cwd, target.text, this.facts.home);
    const previous = this.writtenFiles.get(path);
    const content = append
      ? (): string | undefined => {
          const head = previous?.text();
          const tail = text();
          return head !== undefined && tail !== undefined ? head + tail : undefined;
        }
      : text;
    this.writtenFiles.set(path, { writer: inv.name, text: content });
  }

  private recordWrites(inv: Invocation): void {
    for (const redirect of inv.redirects) {
      const op = redirect.op;
      if (op !== '>' && op !== '>>' && op !== '>|' && op !== '&>' && op !== '&>>') continue;
      const stdout = redirect.fd === undefined || redirect.fd === 1;
      const text = (): string | undefined => (!stdout ? undefined : inv.name === ':' ? '' : this.commandOutput(inv, 0)?.text);
      this.recordWrite(inv, redirect.target, text, op === '>>' || op === '&>>');
    }
    const args = inv.args;
    const valueOf = (...flags: string[]): ArgWord | undefined => {
      for (let i = 0; i < args.length; i++) {
        const t = args[i]!.text;
        for (const flag of flags) {
          if (t === flag) return args[i + 1];
          if (flag.startsWith('--') && t.startsWith(flag + '=')) return { ...args[i]!, text: t.slice(flag.length + 1) };
          if (!flag.startsWith('--') && t.startsWith(flag) && t.length > flag.length) return { ...args[i]!, text: t.slice(flag.length) };
        }
      }
      return undefined;
    };
    switch (inv.name) {
      case 'curl':
        this.recordWrite(inv, valueOf('-o', '--output'), unknownContent);
        break;
      case 'wget': {
        const output = valueOf('-O', '--output-document');
        if (output) this.recordWrite(inv, output, unknownContent);
        else {
          const url = args.find((a) => /^[a-z]+:\/\//i.test(a.text));
          const name = url ? basename(url.text.replace(/[?#].*$/, '')) : undefined;
          if (name) this.recordWrite(inv, { text: name, raw: name, dynamic: false, glob: false }, unknownContent);
        }
        break;
      }
      case 'tee': {
        const stdin = inv.stdin;
        const text = (): string | undefined => (stdin ? this.stdinText(stdin, 0)?.text : undefined);
        const append = args.some((a) => a.text === '-a' || a.text === '--append');
        for (const a of args) if (!a.text.startsWith('-')) this.recordWrite(inv, a, text, append);
        break;
      }
      case 'cp':
      case 'mv':
      case 'install':
      case 'ln': {
        const operands = args.filter((a) => !a.text.startsWith('-'));
        const dest = operands[operands.length - 1];
        if (operands.length < 2 || !dest) break;
        this.recordWrite(inv, dest, unknownContent);
        for (const source of operands.slice(0, -1)) {
          if (source.dynamic || dest.dynamic) continue;
          const name = basename(source.text);
          this.recordWrite(inv, { ...dest, text: dest.text.replace(/\/+$/, '') + '/' + name }, unknownContent);
        }
        break;
      }
      default:
        break;
    }
  }

  run(argvIn: ArgWord[], exec: Exec): Invocation | undefined {
    let argv = argvIn;
    for (let hop = 0; ; hop++) {
      const first = argv[0];
      if (!first) return undefined;
      if (hop >= MAX_WRAPPER_HOPS) {
        // What runs after this many wrappers was not looked at: a limit never passes a command as ordinary.
        this.addOpaque(`more than ${MAX_WRAPPER_HOPS} wrappers (env, sudo, timeout ...) in a row`, this.viaOf(exec));
        return undefined;
      }
      if (first.dynamic) {
        this.addOpaque(`the command name is computed at run time (${first.raw.slice(0, 80)})`, this.viaOf(exec));
        return undefined;
      }
      const name = commandName(first.text);
      const peel = Object.prototype.hasOwnProperty.call(WRAPPERS, name) ? WRAPPERS[name] : undefined;
      if (!peel) break;
      const before = argv;
      const peeled = peel(argv.slice(1));
      if (peeled.assignments) exec.assignments = { ...exec.assignments, ...peeled.assignments };
      if (peeled.chdir !== undefined) exec.cwd = resolvePath(exec.cwd, peeled.chdir, this.facts.home);
      const label = peeled.label ?? name;
      if (peeled.none || (peeled.argv.length === 0 && !peeled.shellText)) return this.emit(name, first.text, argv.slice(1), exec);
      if (peeled.shellText) {
        const inv = this.emit(name, first.text, argv.slice(1), exec);
        if (peeled.shellText.dynamic) this.addOpaque(`${label} runs a command line built at run time`, this.viaOf(exec));
        else this.analyzeText(peeled.shellText.text, this.childScope(exec, label));
        return inv;
      }
      exec.wrappers = [...exec.wrappers, label];
      const consumed = before.slice(1, before.length - peeled.argv.length);
      if (consumed.length > 0) exec.wrapperWords = [...(exec.wrapperWords ?? []), ...consumed];
      argv = peeled.argv;
      if (name === 'xargs') {
        const options = before.slice(1, Math.max(1, before.length - peeled.argv.length));
        argv = this.xargsInput(argv, options, exec);
      }
    }
    const first = argv[0]!;
    const name = commandName(first.text);
    const args = argv.slice(1);
    const runner = this.argumentRunners.get(name);
    if (runner && args.length > 0) {
      const inv = this.emit(name, first.text, args, exec);
      this.run([...args, ...runner], { ...exec, wrappers: [...exec.wrappers, `function ${name}`] });
      return inv;
    }
    if (SHELLS.has(name)) return this.shell(name, first, args, exec);
    const tool = toolNamed(name);
    if (tool && runsCommandsElsewhere(tool)) return this.elsewhere(tool, name, first, args, exec);
    const language = interpreterLanguage(name);
    if (language) return this.interpreter(name, language, first, args, exec);
    switch (name) {
      case 'eval':
        return this.evalCommand(first, args, exec);
      case 'source':
      case '.':
        return this.source(first, args, exec);
      case 'trap':
        return this.trap(first, args, exec);
      case 'find':
        return this.find(first, args, exec);
      case 'npm':
      case 'yarn':
      case 'pnpm':
        return this.packageManager(name, first, args, exec);
      case 'bun':
        return this.bun(first, args, exec);
      case 'deno':
        return this.deno(first, args, exec);
      case 'awk':
      case 'gawk':
      case 'mawk':
      case 'nawk':
        return this.awk(name, first, args, exec);
      case 'at':
      case 'batch':
        return this.atCommand(name, first, args, exec);
      case 'powershell':
      case 'pwsh':
        return this.powershell(name, first, args, exec);
      case 'cmd':
        return this.cmd(first, args, exec);
      case 'make':
      case 'gmake':
        return this.make(name, first, args, exec);
      case 'tmux':
        return this.tmux(first, args, exec);
      case 'screen':
        return this.screen(first, args, exec);
      default:
        break;
    }
    if (first.text.includes('/') && !first.text.endsWith('/')) return this.executablePath(name, first, args, exec);
    return this.emit(name, first.text, args, exec);
  }

  /**
   * `echo a b | xargs rm`: when xargs reads fixed text, its words are the arguments it appends.
   * Replacement mode (`-I`) and file input (`-a`) keep the command as written.
   */
  private xargsInput(argv: ArgWord[], xargsArgs: readonly ArgWord[], exec: Exec): ArgWord[] {
    const placeholder = xargsPlaceholder(xargsArgs);
    if (placeholder !== undefined) {
      // `-I{}`: each input line is pasted into the words holding the placeholder, so those words
      // (`sh -c '{}'`, a command named `{}`) are run-time values, not the text written.
      return argv.map((w) => (!w.dynamic && w.text.includes(placeholder) ? { ...w, dynamic: true } : w));
    }
    if (!exec.stdin || xargsArgs.some((a) => /^-(I|i|a|-replace|-arg-file)/.test(a.text))) return argv;
    const input = this.stdinText(exec.stdin, 0);
    if (!input) return argv;
    const nul = xargsArgs.some((a) => a.text === '-0' || a.text === '--null');
    const words = (nul ? input.text.split('\0') : input.text.split(/\s+/)).filter((w) => w !== '');
    if (words.length === 0) return argv;
    if (words.length > MAX_XARGS_WORDS) {
      this.addOpaque(`xargs is fed more than ${MAX_XARGS_WORDS} words: the arguments it appends were not all looked at`, this.viaOf(exec));
      return argv;
    }
    // The static input words are now the arguments, so the stdin it consumed is not the command's.
    exec.stdin = undefined;
    return [...argv, ...words.map((text) => ({ text, raw: text, dynamic: false, glob: false }))];
  }

  // ------------------------------------------------------------------------------------------
  // Nested shells

  private shell(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    let i = 0;
    let commandMode = false;
    let stdinMode = false;
    let commandText: ArgWord | undefined;
    while (i < args.length) {
      const t = args[i]!.text;
      if (t === '--' || t === '-') {
        i++;
        break;
      }
      if (t.startsWith('--')) {
        if (t === '--command' || t.startsWith('--command=')) {
          commandMode = true;
          if (t.startsWith('--command=')) commandText = { ...args[i]!, text: t.slice('--command='.length) };
        } else if (t === '--rcfile' || t === '--init-file' || t === '--init-command') i++;
        i++;
        continue;
      }
      if ((t[0] === '-' || t[0] === '+') && t.length > 1) {
        if (t[0] === '-' && t.includes('c')) commandMode = true;
        if (t[0] === '-' && t.includes('s')) stdinMode = true;
        if (/[oO]/.test(t)) i++;
        i++;
        continue;
      }
      break;
    }
    if (commandMode) {
      const word = commandText ?? args[i];
      if (!word) return inv;
      if (word.dynamic) this.addOpaque(`${name} -c runs a command line built at run time`, this.viaOf(exec));
      else this.analyzeText(word.text, this.childScope(exec, `${name} -c`));
      return inv;
    }
    if (!stdinMode && i < args.length) {
      this.runFile(args[i]!, 'shell', inv, exec, `${name} ${args[i]!.text}`);
      return inv;
    }
    this.stdinProgram(name, 'shell', inv, exec);
    return inv;
  }

  /** A shell or interpreter reading its program from stdin. */
  private stdinProgram(name: string, language: SnippetLanguage | 'shell', inv: Invocation | undefined, exec: Exec): void {
    const stdin = exec.stdin;
    if (exec.stdinUnknown) {
      this.addOpaque(`the output of a compound command is run by ${name}`, this.viaOf(exec));
      return;
    }
    if (!stdin) return;
    const content = this.stdinText(stdin, 0);
    let label: string;
    if (stdin.kind === 'pipe') label = `| ${name}`;
    else if (stdin.kind === 'heredoc') label = `${name} <<EOF`;
    else if (stdin.kind === 'herestring') label = `${name} <<<`;
    else label = `${name} < ${this.display(stdin.path)}`;
    if (content === undefined) {
      if (stdin.kind === 'file') return;
      const producer = stdin.kind === 'pipe' ? stdin.from.name : 'its input';
      this.addOpaque(`the output of ${producer} is run by ${name}`, this.viaOf(exec));
      return;
    }
    const origin: Origin = content.encoding
      ? { kind: 'decoded', encoding: content.encoding }
      : content.path
        ? { kind: 'script', path: this.display(content.path) }
        : exec.scope.origin;
    if (language === 'shell') this.analyzeText(content.text, this.childScope(exec, label, origin));
    else if (inv) this.snippet(language, content.text, inv, origin, exec, label);
  }

  private stdinText(stdin: StdinSource, depth: number): StaticText | undefined {
    switch (stdin.kind) {
      case 'heredoc':
        return { text: stdin.text };
      case 'herestring':
        return { text: stdin.text + '\n' };
      case 'file': {
        const text = this.readFile(stdin.path, []);
        return text === undefined ? undefined : { text, path: stdin.path };
      }
      case 'pipe':
        return this.commandOutput(stdin.from, depth + 1);
    }
  }

  private echoPrintf(name: 'echo' | 'printf', args: readonly ArgWord[]): StaticText | undefined {
    if (args.some((a) => a.dynamic)) return undefined;
    if (name === 'echo') {
      let i = 0;
      let newline = true;
      let escapes = false;
      while (i < args.length && /^-[neE]+$/.test(args[i]!.text)) {
        const flags = args[i]!.text;
        if (flags.includes('n')) newline = false;
        if (flags.includes('e')) escapes = true;
        if (flags.includes('E')) escapes = false;
        i++;
      }
      let text = args.slice(i).map((a) => a.text).join(' ');
      let encoding: StaticText['encoding'];
      if (escapes) {
        const decoded = decodeEchoEscapes(text);
        if (decoded.text !== text) encoding = 'printf';
        text = decoded.text;
        if (decoded.stopped) newline = false;
      }
      return encoding ? { text: newline ? text + '\n' : text, encoding } : { text: newline ? text + '\n' : text };
    }
    let i = 0;
    if (args[0]?.text === '-v') return undefined;
    if (args[0]?.text === '--') i = 1;
    const format = args[i];
    if (!format) return undefined;
    const rest = args.slice(i + 1).map((a) => a.text);
    const text = printfOutput(format.text, rest);
    if (text === undefined) return undefined;
    const plain = format.text.includes('\\') && /\\(x[0-9a-fA-F]|[0-7]|u[0-9a-fA-F])/.test(format.text);
    return plain || rest.some((r) => r.includes('\\')) ? { text, encoding: 'printf' } : { text };
  }

  /** What `inv` writes to stdout, when that is fixed text (echo, printf, cat of a file, base64 -d of such). */
  private commandOutput(inv: Invocation, depth: number): StaticText | undefined {
    if (depth > 8) return undefined;
    const args = inv.args;
    if (args.some((a) => a.dynamic)) return undefined;
    const fromStdin = (): StaticText | undefined => (inv.stdin ? this.stdinText(inv.stdin, depth) : undefined);
    const operands = args.filter((a) => !a.text.startsWith('-') || a.text === '-');
    const input = (): StaticText | undefined => {
      const file = operands[0];
      if (!file || file.text === '-') return fromStdin();
      const path = resolvePath(inv.cwd, file.text, this.facts.home);
      const text = this.readFile(path, []);
      return text === undefined ? undefined : { text, path };
    };
    switch (inv.name) {
      case 'echo':
      case 'printf':
        return this.echoPrintf(inv.name, args);
      case 'pwd':
        return inv.cwdUncertain ? undefined : { text: inv.cwd + '\n' };
      case 'cat': {
        if (operands.length === 0) return fromStdin();
        let text = '';
        let path: string | undefined;
        for (const operand of operands) {
          const part = operand.text === '-' ? fromStdin() : input();
          if (!part) return undefined;
          text += part.text;
          path = path ?? part.path;
        }
        return path ? { text, path } : { text };
      }
      case 'base64':
      case 'gbase64':
      case 'basenc': {
        const decode = args.some((a) => a.text === '-d' || a.text === '--decode' || a.text === '-D' || /^-[a-zA-Z]*d/.test(a.text));
        if (!decode) return undefined;
        const source = input();
        const text = source ? decodeBase64(source.text) : undefined;
        return text === undefined ? undefined : { text, encoding: 'base64' };
      }
      case 'openssl': {
        const isBase64 = args.some((a) => a.text === 'base64' || a.text === '-base64' || a.text === '-a');
        const decode = args.some((a) => a.text === '-d');
        if (!isBase64 || !decode) return undefined;
        const inIndex = args.findIndex((a) => a.text === '-in');
        const source = inIndex >= 0 && args[inIndex + 1]
          ? (() => {
              const path = resolvePath(inv.cwd, args[inIndex + 1]!.text, this.facts.home);
              const text = this.readFile(path, []);
              return text === undefined ? undefined : { text };
            })()
          : fromStdin();
        const text = source ? decodeBase64(source.text) : undefined;
        return text === undefined ? undefined : { text, encoding: 'base64' };
      }
      case 'xxd': {
        const reverse = args.some((a) => /^-[a-z]*r/.test(a.text));
        if (!reverse) return undefined;
        const source = input();
        const text = source ? decodeHex(source.text) : undefined;
        return text === undefined ? undefined : { text, encoding: 'hex' };
      }
      case 'rev': {
        const source = input();
        if (!source) return undefined;
        const text = source.text
          .split('\n')
          .map((line) => [...line].reverse().join(''))
          .join('\n');
        return { text, encoding: source.encoding ?? 'printf' };
      }
      default:
        return undefined;
    }
  }

  private evalCommand(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('eval', first.text, args, exec);
    if (args.length === 0) return inv;
    if (args.some((a) => a.dynamic)) {
      this.addOpaque('eval runs text built at run time', this.viaOf(exec));
      return inv;
    }
    this.analyzeText(args.map((a) => a.text).join(' '), this.childScope(exec, 'eval', exec.scope.origin, exec.cwd, true));
    return inv;
  }

  private source(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(commandName(first.text), first.text, args, exec);
    const file = args[0];
    if (!file) return inv;
    if (file.dynamic) {
      this.addOpaque(`${first.text} reads a file whose name is computed at run time`, this.viaOf(exec));
      return inv;
    }
    this.runFile(file, 'shell', inv, exec, `source ${file.text}`, true);
    return inv;
  }

  private trap(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('trap', first.text, args, exec);
    const action = args[0];
    if (!action || args.length < 2 || action.text === '-' || action.text.startsWith('-')) return inv;
    if (action.dynamic) this.addOpaque('trap runs a command line built at run time', this.viaOf(exec));
    else this.analyzeText(action.text, this.childScope(exec, 'trap', exec.scope.origin, exec.cwd, true));
    return inv;
  }

  // ------------------------------------------------------------------------------------------
  // Files: scripts, sourced files, interpreter programs

  /** Text of a file, or undefined when it does not exist. Oversized or unreadable files are opaque. */
  private readFile(absolutePath: string, via: readonly Via[]): string | undefined {
    const written = this.writtenFiles.get(absolutePath);
    if (written) {
      // Forget it first: content that reads the file it is written to must not loop.
      this.writtenFiles.delete(absolutePath);
      const text = written.text();
      this.writtenFiles.set(absolutePath, { writer: written.writer, text: () => text });
      if (text === undefined) this.addOpaque(`${this.display(absolutePath)} is written by an earlier command (${written.writer}), so its content cannot be known`, via);
      return text;
    }
    if (absolutePath === '/dev/null') return '';
    if (this.filesRead >= this.limits.maxFilesRead) {
      this.addOpaque(`too many files to read (more than ${this.limits.maxFilesRead})`, via);
      return undefined;
    }
    this.filesRead++;
    let text: string | undefined;
    try {
      text = this.facts.readFile(absolutePath);
    } catch {
      this.addOpaque(`${this.display(absolutePath)} could not be read`, via);
      return undefined;
    }
    if (text === undefined) {
      this.explainUnread(absolutePath, via);
      return undefined;
    }
    if (text.length > this.limits.maxFileLength) {
      this.addOpaque(`${this.display(absolutePath)} is too large to analyse (${text.length} characters)`, via);
      return undefined;
    }
    return text;
  }

  /** A file that exists but whose text was not given (too large, unreadable) cannot be analysed. */
  private explainUnread(absolutePath: string, via: readonly Via[]): void {
    let status: FileStatus | undefined;
    try {
      status = this.facts.fileStatus?.(absolutePath);
    } catch {
      status = 'unreadable';
    }
    if (status === 'too-large') this.addOpaque(`${this.display(absolutePath)} is too large to analyse`, via);
    else if (status === 'unreadable') this.addOpaque(`${this.display(absolutePath)} could not be read`, via);
  }

  /** A path for people: workspace-relative when inside a workspace folder, else absolute. */
  private display(absolutePath: string): string {
    for (const root of this.facts.workspaceRoots) {
      if (isWithin(root, absolutePath) && absolutePath !== root) return relativeTo(root, absolutePath);
    }
    return absolutePath;
  }

  /** Run the file named by `word` as `kind` (shell or an interpreter's language). */
  private runFile(word: ArgWord, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell = false): void {
    if (word.dynamic) {
      this.addOpaque(`runs a file whose name is computed at run time (${word.raw.slice(0, 80)})`, this.viaOf(exec));
      return;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word.text)) {
      this.addOpaque(`runs code fetched from ${word.text.slice(0, 120)}`, this.viaOf(exec));
      return;
    }
    const path = resolvePath(exec.cwd, word.text, this.facts.home);
    if (STDIN_PATHS.has(path)) {
      // `curl … | bash /dev/stdin`: the program is whatever arrives on stdin.
      this.stdinProgram(runner?.name ?? basename(word.text), kind, runner, exec);
      return;
    }
    if (this.activeFiles.has(path) || isInstalledPackage(path)) return;
    const text = this.readFile(path, this.viaOf(exec));
    if (text === undefined) return;
    this.runFileText(path, text, kind, runner, exec, label, sameShell);
  }

  private runFileText(path: string, text: string, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell = false): void {
    const origin: Origin = { kind: 'script', path: this.display(path) };
    this.activeFiles.add(path);
    try {
      if (kind === 'shell') this.analyzeText(stripShebang(text), this.childScope(exec, label, origin, exec.cwd, sameShell));
      else if (runner) this.snippet(kind, text, runner, origin, exec, label);
    } finally {
      this.activeFiles.delete(path);
    }
  }

  /** `./deploy.sh`, `scripts/fix.py`: a path run directly, judged by its shebang. */
  private executablePath(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    const path = resolvePath(exec.cwd, first.text, this.facts.home);
    if (this.activeFiles.has(path) || isInstalledPackage(path)) return inv;
    const text = this.readFile(path, this.viaOf(exec));
    if (text === undefined || text.slice(0, 1024).includes('\0')) return inv;
    const interpreter = shebangInterpreter(text);
    const label = `script ${first.text}`;
    if (interpreter === undefined || SHELLS.has(interpreter)) this.runFileText(path, text, 'shell', inv, exec, label);
    else {
      const language = interpreterLanguage(interpreter) ?? (interpreter === 'deno' || interpreter === 'bun' ? 'javascript' : undefined);
      if (language) this.runFileText(path, text, language, inv, exec, label);
    }
    return inv;
  }

  private interpreter(name: string, language: SnippetLanguage, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    if (!inv) return inv;
    const spec = INTERPRETER_SPECS[language]!;
    let effective = args;
    if ((name === 'tsx' || name === 'vite-node') && args[0]?.text === 'watch') effective = args.slice(1);
    const parsed = interpreterArgs(effective, spec);
    this.interpret(name, language, parsed, inv, exec);
    return inv;
  }

  private interpret(name: string, language: SnippetLanguage, parsed: InterpreterArgs, inv: Invocation, exec: Exec): void {
    if (parsed.module) return;
    if (parsed.code.length > 0) {
      if (parsed.code.some((c) => c.dynamic)) {
        this.addOpaque(`${name} runs code built at run time`, this.viaOf(exec));
        return;
      }
      const flag = language === 'python' ? '-c' : language === 'php' ? '-r' : '-e';
      this.snippet(language, parsed.code.map((c) => c.text).join('\n'), inv, exec.scope.origin, exec, `${name} ${flag}`);
      return;
    }
    if (parsed.file) {
      this.runFile(parsed.file, language, inv, exec, `${name} ${parsed.file.text}`);
      return;
    }
    if (parsed.stdin) this.stdinProgram(name, language, inv, exec);
  }

  private snippet(language: SnippetLanguage, text: string, runner: Invocation, origin: Origin, exec: Exec, label: string): void {
    if (!this.afford(text.length + 1, this.viaOf(exec))) return;
    this.snippets.push({ language, text, runner, origin });
    const depth = exec.scope.depth + 1;
    if (depth > this.limits.maxDepth) {
      this.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', this.viaOf(exec));
      return;
    }
    for (const out of findShellOuts(language, text)) {
      const scope: Scope = { cwd: exec.cwd, cwdUncertain: exec.scope.cwdUncertain, via: [...this.viaOf(exec), label, out.api], origin, depth, vars: new Map(), sources: new Map(exec.scope.sources) };
      if (out.kind === 'dynamic') this.addOpaque(`${label} runs a shell command built at run time (${out.api})`, scope.via);
      else if (out.kind === 'shell') this.analyzeText(out.text, scope);
      else {
        const inner: Exec = { scope, cwd: exec.cwd, assignments: {}, redirects: [], wrappers: [] };
        this.run(out.argv.map(placeholderWord), inner);
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Package managers and runtimes

  private packageScripts(cwd: string, via: readonly Via[]): PackageScripts | undefined {
    let dir = cwd;
    for (let level = 0; level < 32; level++) {
      const cached = this.packageCache.get(dir);
      if (cached !== undefined) return cached ?? undefined;
      const path = dir === '/' ? '/package.json' : dir + '/package.json';
      const text = this.readFile(path, via);
      if (text !== undefined) {
        let scripts: Record<string, string> = {};
        try {
          const json: unknown = JSON.parse(text);
          const raw = json && typeof json === 'object' ? (json as { scripts?: unknown }).scripts : undefined;
          if (raw && typeof raw === 'object') {
            for (const [key, value] of Object.entries(raw as Record<string, unknown>)) if (typeof value === 'string') scripts[key] = value;
          }
        } catch {
          this.addOpaque(`${this.display(path)} is not valid JSON, so its scripts cannot be read`, via);
          scripts = {};
        }
        const found = { path, dir, scripts };
        this.packageCache.set(cwd, found);
        return found;
      }
      if (dir === '/') break;
      dir = dirname(dir);
    }
    this.packageCache.set(cwd, null);
    return undefined;
  }

  /** Run `name` from the nearest package.json, with its pre/post hooks; false if there is no such script. */
  private packageScript(manager: string, name: string, extra: readonly ArgWord[], exec: Exec): boolean {
    const pkg = this.packageScripts(exec.cwd, this.viaOf(exec));
    if (!pkg || !Object.prototype.hasOwnProperty.call(pkg.scripts, name)) return false;
    for (const key of ['pre' + name, name, 'post' + name]) {
      if (!Object.prototype.hasOwnProperty.call(pkg.scripts, key)) continue;
      let text = pkg.scripts[key]!;
      if (key === name && extra.length > 0) text += ' ' + extra.map(quoteForShell).join(' ');
      const origin: Origin = { kind: 'script', path: `${this.display(pkg.path)}#scripts.${key}` };
      this.analyzeText(text, this.childScope(exec, `${manager} run ${key}`, origin, pkg.dir));
    }
    return true;
  }

  private lifecycle(manager: string, exec: Exec): void {
    for (const key of ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']) {
      const pkg = this.packageScripts(exec.cwd, this.viaOf(exec));
      if (!pkg || !Object.prototype.hasOwnProperty.call(pkg.scripts, key)) continue;
      const origin: Origin = { kind: 'script', path: `${this.display(pkg.path)}#scripts.${key}` };
      this.analyzeText(pkg.scripts[key]!, this.childScope(exec, `${manager} install (${key})`, origin, pkg.dir));
    }
  }

  private packageManager(manager: 'npm' | 'yarn' | 'pnpm', first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(manager, first.text, args, exec);
    const scan = scanOptions(args, 0, {
      shortWithValue: manager === 'pnpm' ? 'Cwf' : 'w',
      longWithValue: ['prefix', 'cwd', 'dir', 'workspace', 'filter', 'userconfig', 'cache', 'registry', 'loglevel'],
    });
    const dir = scan.values.get('prefix') ?? scan.values.get('cwd') ?? scan.values.get('dir') ?? (manager === 'pnpm' ? scan.values.get('C') : undefined);
    const local: Exec = { ...exec, cwd: dir !== undefined ? resolvePath(exec.cwd, dir, this.facts.home) : exec.cwd };
    const subWord = args[scan.index];
    const sub = subWord?.text;
    const rest = args.slice(scan.index + 1);
    const runScript = (words: ArgWord[]): void => {
      const opts = scanOptions(words, 0, { shortWithValue: 'w', longWithValue: ['workspace', 'filter'] });
      const script = words[opts.index];
      if (!script) return;
      if (script.dynamic) {
        this.addOpaque(`${manager} runs a script whose name is computed at run time`, this.viaOf(exec));
        return;
      }
      let extra = words.slice(opts.index + 1);
      if (extra[0]?.text === '--') extra = extra.slice(1);
      this.packageScript(manager, script.text, extra, local);
    };
    const execBinary = (words: ArgWord[]): void => {
      const opts = scanOptions(words, 0, { shortWithValue: 'cp', longWithValue: ['package', 'call'] });
      const call = opts.values.get('c') ?? opts.values.get('call');
      if (call !== undefined) {
        this.analyzeText(call, this.childScope(local, `${manager} exec`));
        return;
      }
      const argv = words.slice(opts.index);
      if (argv.length > 0) this.run(argv, { ...local, wrappers: [...local.wrappers, `${manager} exec`] });
    };
    if (sub === undefined) {
      if (manager !== 'npm') this.lifecycle(manager, local);
      return inv;
    }
    if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
      runScript(rest);
      return inv;
    }
    if (['test', 't', 'tst', 'start', 'stop', 'restart'].includes(sub)) {
      const name = sub === 't' || sub === 'tst' ? 'test' : sub;
      let extra = rest;
      if (extra[0]?.text === '--') extra = extra.slice(1);
      if (!this.packageScript(manager, name, extra, local) && name === 'restart') {
        this.packageScript(manager, 'stop', [], local);
        this.packageScript(manager, 'start', [], local);
      }
      return inv;
    }
    if (sub === 'exec' || sub === 'x' || sub === 'dlx') {
      execBinary(rest);
      return inv;
    }
    if (['install', 'i', 'ci', 'isntall', 'in'].includes(sub)) {
      if (rest.every((w) => w.text.startsWith('-'))) this.lifecycle(manager, local);
      return inv;
    }
    if (manager === 'npm' || NODE_PM_BUILTINS.has(sub) || (manager === 'pnpm' && PNPM_BUILTINS.has(sub))) return inv;
    // `yarn build`, `pnpm lint`: a script when package.json has one, otherwise a binary from node_modules.
    if (!this.packageScript(manager, sub, rest[0]?.text === '--' ? rest.slice(1) : rest, local)) {
      this.run(args.slice(scan.index), { ...local, wrappers: [...local.wrappers, manager] });
    }
    return inv;
  }

  private bun(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('bun', first.text, args, exec);
    if (!inv) return inv;
    const evalIndex = args.findIndex((a) => a.text === '-e' || a.text === '--eval' || a.text === '-p' || a.text === '--print');
    if (evalIndex >= 0 && args[evalIndex + 1]) {
      this.interpret('bun', 'javascript', { code: [args[evalIndex + 1]!], stdin: false, module: false }, inv, exec);
      return inv;
    }
    const scan = scanOptions(args, 0, { longWithValue: ['cwd', 'config', 'env-file', 'preload'] });
    const sub = args[scan.index];
    if (!sub) return inv;
    const target = sub.text === 'run' ? args[scan.index + 1] : sub;
    const rest = args.slice(args.indexOf(target ?? sub) + 1);
    if (sub.text === 'x') {
      const argv = args.slice(scan.index + 1);
      if (argv.length > 0) this.run(argv, { ...exec, wrappers: [...exec.wrappers, 'bunx'] });
      return inv;
    }
    if (!target || (sub.text !== 'run' && BUN_BUILTINS.has(sub.text))) return inv;
    if (isScriptPath(target.text)) {
      this.runFile(target, 'javascript', inv, exec, `bun ${target.text}`);
      return inv;
    }
    if (!this.packageScript('bun', target.text, rest[0]?.text === '--' ? rest.slice(1) : rest, exec)) {
      this.run([target, ...rest], { ...exec, wrappers: [...exec.wrappers, 'bun'] });
    }
    return inv;
  }

  private deno(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('deno', first.text, args, exec);
    if (!inv) return inv;
    const sub = args[0]?.text;
    const rest = args.slice(1);
    if (sub === 'eval') {
      const scan = scanOptions(rest, 0, { longWithValue: ['ext', 'config', 'import-map', 'location', 'seed', 'cert', 'env-file'] });
      const code = rest[scan.index];
      if (code) this.interpret('deno', 'javascript', { code: [code], stdin: false, module: false }, inv, exec);
      return inv;
    }
    if (sub === 'run' || sub === 'serve') {
      const scan = scanOptions(rest, 0, { shortWithValue: 'c', longWithValue: ['config', 'import-map', 'location', 'seed', 'cert', 'env-file', 'inspect', 'reload', 'lock', 'v8-flags', 'ext'] });
      const file = rest[scan.index];
      if (file) this.runFile(file, 'javascript', inv, exec, `deno ${sub} ${file.text}`);
      return inv;
    }
    if (sub !== undefined && isScriptPath(sub) && /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(sub)) {
      this.runFile(args[0]!, 'javascript', inv, exec, `deno ${sub}`);
    }
    return inv;
  }

  // ------------------------------------------------------------------------------------------
  // Other commands that run commands

  private find(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('find', first.text, args, exec);
    for (let i = 0; i < args.length; i++) {
      const flag = args[i]!.text;
      if (flag !== '-exec' && flag !== '-execdir' && flag !== '-ok' && flag !== '-okdir') continue;
      let end = i + 1;
      while (end < args.length && args[end]!.text !== ';' && args[end]!.text !== '+') end++;
      const argv = args.slice(i + 1, end);
      if (argv.length > 0) this.run(argv, { ...exec, stdin: undefined, stdinUnknown: false, redirects: [], assignments: {}, wrappers: [...exec.wrappers, `find ${flag}`] });
      i = end;
    }
    return inv;
  }

  /**
   * A tool whose subcommand runs a command line or script somewhere else (`ssh db1 …`, `fly ssh
   * console -C …`, `kubectl exec pod -- …`, `railway run …`), as its registry entry describes. When an
   * unknown option may have taken the next word, each reading that reaches such a subcommand is run.
   */
  private elsewhere(tool: ToolSpec, name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    const seen = new Set<CommandSpec>();
    for (const parsed of readingsOf(args, tool)) {
      const node = commandNode(parsed);
      const spec = node.runsElsewhere;
      if (!spec || seen.has(node)) continue;
      seen.add(node);
      const view = toolArgs(name, parsed, tool);
      if (spec.when && !spec.when(view)) continue;
      const place = spec.place(view);
      const label = spec.label(view);
      const source = spec.command;
      if ('argv' in source) {
        const argv = source.argv === 'after-dashdash' ? parsed.command ?? [] : parsed.operands.slice(source.skip);
        if (argv.length === 0) continue;
        // Standard input goes through to the command (`kubectl exec -i pod -- sh < x.sh`).
        const inner: Exec = { ...exec, redirects: [], assignments: {}, wrappers: [...exec.wrappers, label] };
        this.run(argv, place ? remoteExec(inner, place) : inner);
        continue;
      }
      let words: ArgWord[];
      if (source.text === 'option') {
        const given = optionsMatching(parsed, tool, [source.option]).pop();
        words = given ? given.valueWords.map((w, i) => ({ ...w, text: given.values[i]! })) : [];
      } else words = parsed.operands.slice(source.skip);
      if (words.length === 0) {
        if (spec.loginShell && place) this.remoteLoginShell(label, inv, exec, place);
        continue;
      }
      if (words.some((w) => w.dynamic)) {
        this.addOpaque(`${[name, ...parsed.path].join(' ')} runs a command line built at run time`, this.viaOf(exec));
        continue;
      }
      let text = words.map((w) => w.text).join(source.text === 'option' ? '\n' : ' ');
      if (source.decode) {
        const decoded = source.decode(text);
        if (!decoded) {
          this.addOpaque(source.undecodable ?? `${label} runs commands that cannot be read`, this.viaOf(exec));
          continue;
        }
        text = decoded.join('\n');
      }
      this.analyzeText(text, place ? this.remoteScope(exec, label, place) : this.childScope(exec, label));
    }
    return inv;
  }

  /** No command given: the remote login shell runs whatever comes in on standard input (`ssh db1 < x.sh`). */
  private remoteLoginShell(label: string, inv: Invocation | undefined, exec: Exec, remote: RemoteContext): Invocation | undefined {
    if (exec.stdin || exec.stdinUnknown) this.stdinProgram(label, 'shell', inv, remoteExec(exec, remote));
    return inv;
  }

  /** `tmux send-keys 'rm -rf x' Enter` types a command into another shell: analyse what is typed. */
  private tmux(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('tmux', first.text, args, exec);
    const global = scanOptions(args, 0, { shortWithValue: 'LSf' });
    const sub = args[global.index]?.text;
    if (sub !== 'send-keys' && sub !== 'send') return inv;
    const scan = scanOptions(args, global.index + 1, { shortWithValue: 'tNc' });
    const literal = scan.flags.has('l');
    let typed = '';
    for (const key of args.slice(scan.index)) {
      if (key.dynamic) {
        this.addOpaque('tmux send-keys types text built at run time', this.viaOf(exec));
        return inv;
      }
      if (!literal && TMUX_ENTER.has(key.text)) typed += '\n';
      else if (!literal && key.text === 'Space') typed += ' ';
      else if (!literal && (key.text === 'Tab' || /^[CM]-.$/.test(key.text) || /^(Escape|BSpace|Up|Down|Left|Right|Home|End|F\d+)$/.test(key.text))) typed += ' ';
      else typed += key.text;
    }
    if (typed.trim() !== '') this.analyzeText(typed, this.childScope(exec, 'tmux send-keys'));
    return inv;
  }

  /** `screen -X stuff 'rm -rf x\n'`: the same, for GNU screen. */
  private screen(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('screen', first.text, args, exec);
    const stuff = args.findIndex((a) => a.text === 'stuff');
    const text = stuff >= 0 ? args[stuff + 1] : undefined;
    if (!text) return inv;
    if (text.dynamic) this.addOpaque('screen stuff types text built at run time', this.viaOf(exec));
    else this.analyzeText(decodeEchoEscapes(text.text.replace(/\^M/g, '\n')).text, this.childScope(exec, 'screen stuff'));
    return inv;
  }

  /** `make target`: the recipes of the target and its prerequisites, read from the Makefile. */
  private make(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    let dir = exec.cwd;
    let file: string | undefined;
    const goals: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!.text;
      const value = (): string | undefined => args[++i]?.text;
      if (t === '-n' || t === '--dry-run' || t === '--just-print' || t === '--recon' || t === '-q' || t === '--question' || t === '-p' || t === '--print-data-base' || t === '--version' || t === '--help' || t === '-v') return inv;
      if (t === '-C' || t === '--directory') dir = resolvePath(dir, value() ?? '.', this.facts.home);
      else if (t.startsWith('-C') && t.length > 2) dir = resolvePath(dir, t.slice(2), this.facts.home);
      else if (t.startsWith('--directory=')) dir = resolvePath(dir, t.slice(12), this.facts.home);
      else if (t === '-f' || t === '--file' || t === '--makefile') file = value();
      else if (t.startsWith('-f') && t.length > 2) file = t.slice(2);
      else if (t.startsWith('--file=') || t.startsWith('--makefile=')) file = t.slice(t.indexOf('=') + 1);
      else if (t === '-o' || t === '-W' || t === '-I' || t === '--old-file' || t === '--what-if' || t === '--include-dir') i++;
      else if ((t === '-j' || t === '-l' || t === '--jobs' || t === '--load-average') && /^\d+(\.\d+)?$/.test(args[i + 1]?.text ?? '')) i++;
      else if (t.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*[:+?]?=/.test(t)) continue;
      else if (args[i]!.dynamic) {
        this.addOpaque(`${name} builds a target whose name is computed at run time`, this.viaOf(exec));
        return inv;
      } else goals.push(t);
    }
    const candidates = file !== undefined ? [resolvePath(dir, file, this.facts.home)] : ['GNUmakefile', 'makefile', 'Makefile'].map((f) => dir + '/' + f);
    for (const path of candidates) {
      const text = this.readFile(path, this.viaOf(exec));
      if (text === undefined) continue;
      for (const recipe of makeRecipes(text, goals) ?? []) {
        const origin: Origin = { kind: 'script', path: `${this.display(path)}#${recipe.target}` };
        for (const line of recipe.lines) this.analyzeText(line, this.childScope(exec, `${name} ${recipe.target}`, origin, dir));
      }
      break;
    }
    return inv;
  }

  /** awk programs can shell out with system("...") and pipes to or from quoted commands. */
  private awk(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    const scan = scanOptions(args, 0, { shortWithValue: 'fvF', longWithValue: ['file', 'assign', 'field-separator'] });
    const programFile = scan.values.get('f') ?? scan.values.get('file');
    let program: string | undefined;
    if (programFile !== undefined) program = this.readFile(resolvePath(exec.cwd, programFile, this.facts.home), this.viaOf(exec));
    else {
      const word = args[scan.index];
      if (word && !word.dynamic) program = word.text;
    }
    if (program === undefined || !/system|getline|\|/.test(program)) return inv;
    const via = [...this.viaOf(exec), name];
    const calls = /system\s*\(\s*("(?:[^"\\\n]|\\.)*"|[^)]*)\)|("(?:[^"\\\n]|\\.)*")\s*\|\s*getline|\|\s*("(?:[^"\\\n]|\\.)*")/g;
    let match: RegExpExecArray | null;
    let count = 0;
    while ((match = calls.exec(program)) !== null && count++ < 32) {
      const literal = match[1] ?? match[2] ?? match[3] ?? '';
      if (literal.startsWith('"') && literal.endsWith('"') && literal.length >= 2) {
        const text = decodeEchoEscapes(literal.slice(1, -1).replace(/\\"/g, '"')).text;
        this.analyzeText(text, { ...this.childScope(exec, name), via: [...via, 'system'] });
      } else if (literal.trim() !== '') this.addOpaque(`${name} runs a shell command built at run time (system)`, via);
    }
    return inv;
  }

  private atCommand(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    const fileIndex = args.findIndex((a) => a.text === '-f');
    if (fileIndex >= 0 && args[fileIndex + 1]) this.runFile(args[fileIndex + 1]!, 'shell', inv, exec, `${name} -f ${args[fileIndex + 1]!.text}`);
    else if (!args.some((a) => a.text === '-l' || a.text === '-r' || a.text === '-d' || a.text === '-c')) this.stdinProgram(name, 'shell', inv, exec);
    return inv;
  }

  private powershell(name: string, first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit(name, first.text, args, exec);
    for (let i = 0; i < args.length; i++) {
      const flag = args[i]!.text.toLowerCase();
      if (!flag.startsWith('-') && !flag.startsWith('/')) {
        if (name === 'powershell') return this.powershellText(args.slice(i), exec, `${name} -Command`, inv);
        this.runPowershellFile(args[i]!, exec, name);
        return inv;
      }
      const option = flag.replace(/^[-/]+/, '');
      if (option === 'c' || (option.length >= 3 && 'command'.startsWith(option))) {
        return this.powershellText(args.slice(i + 1), exec, `${name} -Command`, inv);
      }
      if (option === 'e' || option === 'ec' || (option.length >= 2 && 'encodedcommand'.startsWith(option))) {
        const encoded = args[i + 1];
        if (!encoded) return inv;
        const text = encoded.dynamic ? undefined : decodeBase64Utf16le(encoded.text);
        if (text === undefined) this.addOpaque(`${name} runs an encoded command that cannot be decoded`, this.viaOf(exec));
        else this.analyzePowershell(text, this.childScope(exec, `${name} -EncodedCommand`, { kind: 'decoded', encoding: 'base64' }));
        return inv;
      }
      if (option === 'f' || option === 'file') {
        if (args[i + 1]) this.runPowershellFile(args[i + 1]!, exec, name);
        return inv;
      }
      if (['executionpolicy', 'ep', 'windowstyle', 'w', 'configurationname', 'workingdirectory', 'wd', 'inputformat', 'outputformat', 'of', 'if', 'psconsolefile', 'version', 'v', 'settingsfile', 'custompipename'].includes(option)) i++;
    }
    return inv;
  }

  private runPowershellFile(word: ArgWord, exec: Exec, name: string): void {
    if (word.dynamic) {
      this.addOpaque(`${name} runs a file whose name is computed at run time`, this.viaOf(exec));
      return;
    }
    const path = resolvePath(exec.cwd, word.text, this.facts.home);
    const text = this.readFile(path, this.viaOf(exec));
    if (text !== undefined) this.analyzePowershell(text, this.childScope(exec, `${name} -File ${word.text}`, { kind: 'script', path: this.display(path) }));
  }

  private powershellText(words: ArgWord[], exec: Exec, label: string, inv: Invocation | undefined): Invocation | undefined {
    if (words.length === 0) return inv;
    const text = words.map((w) => w.text).join(' ');
    this.analyzePowershell(text, this.childScope(exec, label));
    return inv;
  }

  /** PowerShell and cmd.exe lines: statements split on `;`, `|`, `&&`, `||`, words on blanks and quotes. */
  private analyzePowershell(text: string, scope: Scope): void {
    if (!this.afford(text.length + 1, scope.via)) return;
    if (scope.depth > this.limits.maxDepth) {
      this.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', scope.via);
      return;
    }
    for (const statement of splitPowershell(text, 0)) {
      const [head, ...rest] = statement.words;
      if (!head) continue;
      for (const block of statement.blocks) this.analyzePowershell(block, { ...scope, depth: scope.depth + 1 });
      const exec: Exec = { scope, cwd: scope.cwd, assignments: {}, redirects: [], wrappers: [] };
      if (head.dynamic) {
        this.addOpaque(`the command name is computed at run time (${head.raw.slice(0, 80)})`, scope.via);
        continue;
      }
      this.emit(commandName(head.text), head.text, rest, exec);
    }
  }

  private cmd(first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
    const inv = this.emit('cmd', first.text, args, exec);
    const index = args.findIndex((a) => /^\/[ck]$/i.test(a.text));
    if (index >= 0 && index + 1 < args.length) this.analyzePowershell(args.slice(index + 1).map((a) => a.text).join(' '), this.childScope(exec, 'cmd /c'));
    return inv;
  }
}

const NODE_PM_BUILTINS = new Set([
  'add', 'remove', 'rm', 'upgrade', 'up', 'update', 'init', 'info', 'why', 'config', 'cache', 'global', 'link', 'unlink',
  'pack', 'publish', 'version', 'workspaces', 'workspace', 'set', 'plugin', 'node', 'bin', 'create', 'import', 'licenses',
  'list', 'ls', 'outdated', 'audit', 'login', 'logout', 'owner', 'tag', 'team', 'check', 'autoclean', 'help', 'policies',
  'upgrade-interactive', 'dedupe', 'npm', 'patch', 'patch-commit', 'rebuild', 'search', 'stage', 'unplug', 'explain',
  'constraints',
]);

/** pnpm's own commands beyond the shared ones: `yarn deploy` runs a script, `pnpm deploy` does not. */
const PNPM_BUILTINS = new Set(['prune', 'fetch', 'store', 'env', 'deploy', 'setup', 'root', 'server', 'doctor', 'self-update', 'recursive', 'approve-builds', 'catalog']);

const BUN_BUILTINS = new Set([
  'install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'link', 'unlink', 'pm', 'init', 'create', 'c', 'build', 'test',
  'upgrade', 'publish', 'outdated', 'patch', 'audit', 'info', 'why', 'repl', 'exec', 'completions', 'discord', 'help',
]);

function isScriptPath(text: string): boolean {
  return text.includes('/') || /\.(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(text);
}

/**
 * Code installed by a package manager (node_modules, site-packages, a virtualenv's bin) is the
 * tool itself, not something the agent wrote: reading it would judge eslint by its own internals.
 */
function isInstalledPackage(path: string): boolean {
  return /\/(node_modules|site-packages|dist-packages)\//.test(path) || /\/\.?venv\/bin\//.test(path);
}

const unknownContent = (): undefined => undefined;

/** Paths that name the process's own stdin. */
const STDIN_PATHS = new Set(['/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** `exec` moved to another machine: its commands run in `remote`, in a working folder unknown here. */
function remoteExec(exec: Exec, remote: RemoteContext): Exec {
  return { ...exec, cwd: REMOTE_CWD, scope: { ...exec.scope, cwd: REMOTE_CWD, cwdUncertain: false, remote } };
}

/** The replace string of `xargs -I R`, `-IR`, `-i[R]`, `--replace[=R]` (GNU's default is `{}`). */
function xargsPlaceholder(options: readonly ArgWord[]): string | undefined {
  let placeholder: string | undefined;
  for (let i = 0; i < options.length; i++) {
    const t = options[i]!.text;
    if (t === '--') break;
    if (t === '-I') placeholder = options[++i]?.text;
    else if (t === '--replace' || t === '-i') placeholder = '{}';
    else if (t.startsWith('--replace=')) placeholder = t.slice('--replace='.length);
    else if (/^-[^-]/.test(t)) {
      // A cluster: letters before I/i are flags; I takes the rest or the next word, i the rest.
      const at = t.search(/[Ii]/);
      const valued = /[adELnPs]/.exec(t.slice(1));
      if (at < 0 || (valued && valued.index + 1 < at)) {
        if (valued && valued.index + 2 === t.length) i++;
        continue;
      }
      const rest = t.slice(at + 1);
      if (t[at] === 'I') placeholder = rest !== '' ? rest : options[++i]?.text;
      else placeholder = rest !== '' ? rest : '{}';
    }
  }
  return placeholder === '' ? undefined : placeholder;
}

/** Substitutions remembered per variable or word: enough for provenance, bounded against blow-up. */
const MAX_SOURCES = 16;
/** `((` that is not `$((`: an arithmetic command in bash, nested subshells in POSIX sh. */
const ARITHMETIC_COMMAND = /(^|[^$])\(\(/;
/** Wrappers peeled in a row (`env env env … rm`); more asks. */
export const MAX_WRAPPER_HOPS = 32;
const MAX_XARGS_WORDS = 256;

function mergeSources(into: readonly string[] | undefined, more: readonly string[] | undefined): string[] {
  const out = [...(into ?? [])];
  for (const source of more ?? []) if (out.length < MAX_SOURCES && !out.includes(source)) out.push(source);
  return out;
}

/** A pipe producer as substitution text (`jq -r .token f | read t` reads what `$(jq -r .token f)` prints). */
function producerSource(inv: Invocation): string {
  return '$(' + [inv.command, ...inv.args.map((a) => a.raw)].join(' ') + ')';
}

/** A path as one shell word, for substitution text the credential rules read back. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'";
}

const TMUX_ENTER = new Set(['Enter', 'C-m', 'C-j', 'KPEnter']);

const DECLARATIONS = new Set(['export', 'local', 'declare', 'typeset', 'readonly', 'read', 'unset', 'mapfile', 'readarray']);

/** A run of key-like characters long enough to be a token. Bounded class, single quantifier: linear. */
const LONG_TOKEN = /[A-Za-z0-9_+=-]{24,}/g;

/** Commands whose output `commandOutput` can know. */
const OUTPUT_PRODUCERS = new Set(['echo', 'printf', 'cat', 'base64', 'gbase64', 'basenc', 'openssl', 'xxd', 'rev', 'pwd']);

/** `"$@"`, `$*`: a word that is exactly all positional arguments. */
function runsAllArguments(word: Word): boolean {
  const part = word.parts.length === 1 ? word.parts[0] : undefined;
  return part !== undefined && part.kind === 'parameter' && (part.name === '@' || part.name === '*') && part.raw.length <= 4;
}

function stripShebang(text: string): string {
  return text.startsWith('#!') ? text.slice(text.indexOf('\n') + 1 || text.length) : text;
}

/** The program a `#!` line names: `#!/usr/bin/env -S node --flag` -> node. */
function shebangInterpreter(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const end = text.indexOf('\n');
  const words = text.slice(2, end < 0 ? text.length : end).trim().split(/[ \t]+/);
  let program = basename(words[0] ?? '');
  let i = 1;
  if (program === 'env') {
    while (i < words.length && (words[i]!.startsWith('-') || words[i]!.includes('='))) {
      if (words[i] === '-u' || words[i] === '-C') i++;
      i++;
    }
    program = basename(words[i] ?? '');
  }
  return program === '' ? undefined : program;
}

/**
 * Every command the text will run, as far as it can be known before it runs. Never throws: an
 * internal failure is reported as an opaque entry, which the engine turns into "ask".
 */
export function analyze(command: string, facts: Facts, limits: AnalyzeLimits = DEFAULT_ANALYZE_LIMITS, work: WorkMeter = workMeter()): Analysis {
  const analyzer = new Analyzer(facts, limits, work);
  const scope: Scope = { cwd: facts.cwd, cwdUncertain: false, via: [], origin: { kind: 'command' }, depth: 0, vars: new Map(), sources: new Map() };
  try {
    if (typeof command !== 'string') analyzer.addOpaque('the command is not text', []);
    else analyzer.analyzeText(command, scope);
  } catch (error) {
    analyzer.addOpaque(`the command could not be analysed (${error instanceof Error ? error.message : 'internal error'})`, []);
  }
  return { invocations: analyzer.invocations, snippets: analyzer.snippets, opaque: analyzer.opaque };
}
