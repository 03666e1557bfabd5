/**
 * Shell analysis: from a command line to every command that will run. Wrappers are peeled (`sudo`, `env`, `xargs`
 * ...), nested shells and `eval` are parsed again, scripts and `package.json` scripts the agent can read are analysed
 * by their content, interpreter code becomes a `CodeSnippet` (with its own shell-outs analysed), and whatever cannot
 * be known before it runs becomes an `Opaque` entry, which the engine never allows silently. Bounded everywhere:
 * input size, parse nesting, expansion depth, invocations, files read.
 */
import { basename, resolvePath } from '../paths';
import { foldLiterals } from '../shell/literalFolds';
import { globbedFiles } from './globbedFiles';
import { followDirectoryChange } from './directoryChange';
import { expandTildeWord, homeTilde } from '../shell/tilde';
import type { Command, CommandList, Pipeline, RedirectNode, SimpleCommand, Word, WordPart } from '../shell/ast';
import { DYNAMIC_WORD, findShellOuts } from '../shell/embedded';
import { argWord, wordTextWithCopies, copiedVariable, declare, namerefOf, declareSources, recordCopy, expandWords, knownTarget, mergeSources, setSources, shellQuote, staticValue, textVariableSources, variableSources, wordSources, type ExpansionEnv } from '../shell/expand';
import { DEFAULT_PARSE_LIMITS, parseShell } from '../shell/parser';
import { isDynamic, wordText } from '../shell/words';
import { commandName, isInstalledPackage, loaderWordsOf, placeholderWord, REMOTE_CWD, withEnvFileWords, wrapperFields, type AnalyzeLimits, type Exec, type Scope, type Walker } from './handlers/context';
import { peelWrappers } from './handlers/wrappers';
import { stripShebang, withPositional } from './handlers/shells';
import { runByName, SUBSCRIPT } from './handlers/byName';
import { scriptArguments } from './handlers/interpreters';
import { FileReads } from './fileReads';
import { bareInputRead, commandOutput, recordWrites, stdinText } from './knownOutput';
import type { Analysis, ArgWord, CodeSnippet, Facts, Invocation, Opaque, Origin, Redirect, RemoteContext, SnippetLanguage, StdinSource, Via } from './types';
import { workMeter, type WorkMeter } from './workMeter';
import { knownFolderPrefix, substitutionScope, withShellOptions } from './builtinSetters';
import { handOn, substitutionsTooDeep } from './walkLimits';
import { nameIsPattern, runPatternName } from './globName';
import { runProgram } from './loadedCode';
import { producerSource } from './producerSource';
import { resolvedEntry } from './entryResolution';
import { ARITHMETIC_COMMAND, DECLARATIONS, LONG_TOKEN, OUTPUT_PRODUCERS, STDIN_PATHS } from './walkTables';
import { arrayValues, assignedValue, compoundStdinCopy, compoundStdinText, loopValues } from './loopValues';
import { recordBuiltinValues, STDIN_COPY, STDIN_TEXT } from './shellValues';
import { forgetArray, setArray } from '../shell/arrays';
import { LineFunctions } from './lineFunctions';
import { ALIAS, childEnvironment, EXPORTED, exportedVariables, exportsOnAssignment, exportedSpelling, exportedThroughRefs, recordAliases, recordExports, selectionOf, setLoopVariable, zshPathArray } from './lineState';
export { REMOTE_CWD, type AnalyzeLimits } from './handlers/context';

/** Units walking one simple command costs, and each of its words (expansion, wrappers, handlers). */
const UNITS_PER_COMMAND = 1_000;
const UNITS_PER_WORD = 16;
/** Parsing costs about this many units a character read and a node built. */
const UNITS_PER_PARSED_CHARACTER = 8;
const UNITS_PER_NODE = 600;

export const DEFAULT_ANALYZE_LIMITS: AnalyzeLimits = {
  maxInputLength: 1 << 20,
  maxDepth: 8,
  maxInvocations: 2000,
  maxFileLength: 512 * 1024,
  maxFilesRead: 64,
  maxTotalSource: 4 << 20,
  parse: DEFAULT_PARSE_LIMITS,
};

class Analyzer implements Walker {
  readonly invocations: Invocation[] = [];
  readonly snippets: CodeSnippet[] = [];
  readonly opaque: Opaque[] = [];
  private sourceParsed = 0;
  private budgetReported = false;
  private invocationCapHit = false;
  private readonly activeFiles = new Set<string>();
  private readonly files: FileReads;
  /** Shell functions whose body runs their arguments as a command, with the words that follow. */
  private readonly argumentRunners = new Map<string, ArgWord[]>();
  private readonly functions = new LineFunctions();

  constructor(
    readonly facts: Facts,
    readonly limits: AnalyzeLimits,
    private readonly work: WorkMeter,
  ) {
    this.files = new FileReads(facts, limits, (text, via, fetchedFrom) => this.addOpaque(text, via, undefined, fetchedFrom));
    this.expansion = { home: facts.home, substitutionOutput: (list, scope) => this.substitutionOutput(list, scope) };
  }

  /** Spend from the decision's budget before a step; false (with the reason recorded once) when it is spent. */
  afford(units: number, via: readonly Via[]): boolean {
    if (this.work.spend(units)) return true;
    if (!this.budgetReported) {
      this.budgetReported = true;
      this.addOpaque('the command needs more work to analyse than one decision may take', via);
    }
    return false;
  }

  addOpaque(text: string, via: readonly Via[], remote?: RemoteContext, fetchedFrom?: string): void {
    if (this.opaque.length >= 64) return;
    // Reasons quote the command; a long token in it may be a secret, and reasons are shown and logged.
    const reason = text.replace(LONG_TOKEN, '…');
    if (this.opaque.some((o) => o.reason === reason && o.via.join('\0') === via.join('\0'))) return;
    this.opaque.push({ reason, via: [...via], ...(remote ? { remote } : {}), ...(fetchedFrom !== undefined ? { fetchedFrom } : {}) });
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
    const affordable = Math.floor((this.work.limit - this.work.spent) / UNITS_PER_NODE); // the parse builds only the nodes the budget left pays for
    const parsed = parseShell(text, { ...this.limits.parse, maxNodes: Math.max(1, Math.min(this.limits.parse.maxNodes, affordable)) });
    this.work.spend(Math.min(parsed.nodes, affordable) * UNITS_PER_NODE);
    if (parsed.truncated) this.addOpaque(parsed.truncatedReason ?? 'the command could not be analysed completely', scope.via);
    else if (parsed.errors.length > 0) this.addOpaque(`the command could not be parsed completely: ${parsed.errors[0]}`, scope.via);
    // bash reads `((…))` as arithmetic, dash (Debian's /bin/sh) as two subshells; which shell runs the text is not always known, so both readings are judged and the findings of both count.
    const posixReading = ARITHMETIC_COMMAND.test(text) ? parseShell(text, this.limits.parse, { posix: true }) : undefined;
    this.walkList(parsed.list, { ...scope, ...(posixReading ? { vars: new Map(scope.vars), sources: new Map(scope.sources) } : {}) });
    // A reading cut short by a limit is not a reading that found nothing.
    if (posixReading?.truncated) this.addOpaque(posixReading.truncatedReason ?? 'the command could not be analysed completely', scope.via);
    if (posixReading) this.walkList(posixReading.list, { ...scope });
  }

  private walkList(list: CommandList, scope: Scope): void {
    if (substitutionsTooDeep(this, scope)) return;
    for (const item of list.items) {
      if (this.invocationCapHit || !this.afford(1 + item.pipeline.commands.length, scope.via)) return;
      const last = this.walkPipeline(item.pipeline, scope);
      if (item.op !== '&' && last && item.pipeline.commands.length === 1) followDirectoryChange(last, scope, this.facts.home);
    }
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
      if (previous && inv) Object.assign(previous, { pipedInto: inv.name, pipedArgs: inv.args });
      else if (previous && !inv) Object.assign(previous, { pipedInto: '' }); // a stage no invocation stands for (a `while read` loop, a group)
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
      // `while read l; do echo "$l"; done < .env`: the body reads the file as `cat < .env` would.
      if ((redirect.op === '<' || redirect.op === '<>') && !redirect.heredoc) this.simple(readerOf(redirect), this.subScope(scope, `${command.keyword} < ${redirect.target.raw}`), undefined, false);
    }
    const isolated = command.keyword === 'subshell' || command.keyword === 'function';
    const conditional = !isolated && command.keyword !== 'group';
    const bodyScope = isolated || conditional ? { ...scope, vars: new Map(scope.vars), sources: new Map(scope.sources) } : scope;
    const outerStdinSources = scope.stdinSources;
    const stdinSources = command.keyword === 'function' ? undefined : this.compoundStdinSources(command, scope, pipeFrom, pipeUnknown);
    if (stdinSources) bodyScope.stdinSources = stdinSources;
    if (command.keyword === 'function' && command.name) this.functions.define((bodyScope.functionName = command.name), command.bodies, bodyScope);
    if ((command.keyword === 'for' || command.keyword === 'select') && command.name) {
      bodyScope.vars.set(command.name, null);
      // `for t in $(jq -r .tokens[] f)`: each value comes from the list's substitutions; `for f in ~/.x/*`:
      // each value is one of the files a pattern matches, as if printed one per line.
      const written = command.words.filter((w) => w.parts.every((p) => p.kind === 'literal') && w.parts.some((p) => p.kind === 'literal' && !p.quoted && /[*?[]/.test(p.text))).map((w) => w.raw);
      const printed = written.length > 0 ? [`$(printf '%s\\n' ${written.join(' ')})`] : [];
      setSources(bodyScope, command.name, [...command.words.flatMap((w) => wordSources(w, scope)), ...printed]);
    }
    // `while read f; do …; done <<< x`: the `read` there takes that line; `<<< "$T"`: a `read` there copies T (`STDIN_COPY`).
    if (bodyScope !== scope) bodyScope.vars.set(STDIN_TEXT, compoundStdinText(command.redirects, scope, this.expansion) ?? bodyScope.vars.get(STDIN_TEXT) ?? null).set(STDIN_COPY, compoundStdinCopy(command.redirects) ?? null);
    // `for f in a b`: the body runs once per fixed value, in turn; otherwise once with the variable unknown.
    const values = command.keyword === 'for' && command.name ? loopValues(command.words, scope, this.expansion) : undefined;
    for (const value of values ?? [null]) {
      setLoopVariable(bodyScope, command.name!, value, this.facts.home, command.words.length === 1 ? copiedVariable(command.words[0]!, scope) : undefined);
      for (const body of command.bodies) this.walkList(body, bodyScope);
    }
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
      else if (node.op === '<<<') sources = wordSources(node.target, scope);
      else if (node.op === '<' || node.op === '<>') {
        sources = isDynamic(node.target) ? wordSources(node.target, scope) : ['$(< ' + shellQuote(resolvePath(scope.cwd, wordText(node.target), this.facts.home)) + ')'];
      }
    }
    return sources;
  }

  /** A redirect target that is one `<(…)`: its commands walked, the last command of a single pipeline being the producer. */
  private processInput(target: Word, scope: Scope): { from?: Invocation | undefined } | undefined {
    const part = target.parts.length === 1 ? target.parts[0] : undefined;
    if (part?.kind !== 'process' || part.direction !== '<') return undefined;
    const sub = this.subScope(scope, '<(...)');
    if (part.body.items.length === 1 && !substitutionsTooDeep(this, sub)) return { from: this.walkPipeline(part.body.items[0]!.pipeline, sub) };
    this.walkList(part.body, sub);
    return {};
  }

  private subScope(scope: Scope, via: Via): Scope {
    return { ...scope, via: [...scope.via, via], vars: new Map(scope.vars), sources: new Map(scope.sources), substitutions: (scope.substitutions ?? 0) + 1 };
  }

  /** Commands inside `$(...)`, backticks, `<(...)` and `${x:-$(...)}` in these parts. */
  private substitutions(parts: readonly WordPart[], scope: Scope): void {
    for (const part of parts) {
      if (part.kind === 'command') this.walkList(part.body, this.subScope(scope, '$(...)'));
      // `tee >(sh)`: what reads `>(…)`'s standard input takes whatever the outer command writes there.
      else if (part.kind === 'process') this.walkList(part.body, { ...this.subScope(scope, part.direction + '(...)'), ...(part.direction === '>' ? { inheritedStdin: { unknown: true } } : {}) });
      else if (part.kind === 'parameter' || part.kind === 'arithmetic') {
        for (const list of part.inner) this.walkList(list, this.subScope(scope, '$(...)'));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Simple commands

  private simple(command: SimpleCommand, scope: Scope, pipeFrom: Invocation | undefined, pipeUnknown: boolean): Invocation | undefined {
    if (!this.afford(UNITS_PER_COMMAND + UNITS_PER_WORD * (command.words.length + command.assignments.length + command.redirects.length), scope.via)) return undefined;
    // Variables exported earlier on the line (`export DOCKER_HOST=…; docker …`) are in every later command's environment.
    const assignments: Record<string, string> = exportedVariables(scope);
    for (const assignment of command.assignments) {
      for (const value of [...(assignment.subscript ? [assignment.subscript] : []), ...assignment.values]) this.substitutions(value.parts, scope);
      assignments[assignment.name] = knownFolderPrefix(assignment.values.map(wordText).join(' '), scope);
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
    for (const assignment of command.assignments) for (const value of assignment.values) sources = mergeSources(sources, variableSources(value, scope));
    for (const node of command.redirects) {
      // `sh < <(curl …)`, `bash < <(echo 'rm -rf x')`: the input is the output of the substituted commands, like a pipe's.
      const input = (node.op === '<' || node.op === '<>') && (node.fd === undefined || node.fd === 0) ? this.processInput(node.target, scope) : undefined;
      if (input) {
        [stdin, stdinUnknown, stdinSources] = input.from ? [{ kind: 'pipe', from: input.from }, false, [producerSource(input.from)]] : [undefined, true, []];
        redirects.push({ op: node.op, target: argWord(node.target, scope) });
        continue;
      }
      this.substitutions(node.target.parts, scope);
      const redirect: Redirect = { op: node.op, target: withShellOptions(expandTildeWord(knownTarget(argWord(node.target, scope), node.heredoc ? undefined : staticValue(node.target, scope, this.expansion)), scope), scope) };
      if (node.fd !== undefined) redirect.fd = node.fd;
      redirects.push(redirect);
      sources = mergeSources(sources, redirect.target.sources);
      if (node.heredoc) {
        for (const list of node.heredoc.substitutions) this.walkList(list, this.subScope(scope, '$(...)'));
        if (!node.heredoc.quoted) sources = mergeSources(sources, textVariableSources(node.heredoc.text, scope));
        if (node.fd === undefined || node.fd === 0) {
          stdin = { kind: 'heredoc', text: node.heredoc.text };
          stdinUnknown = false;
          stdinSources = [];
        }
      } else if (node.op === '<<<' && (node.fd === undefined || node.fd === 0)) {
        stdin = { kind: 'herestring', text: redirect.target.dynamic ? wordTextWithCopies(node.target, scope) : homeTilde(redirect.target, scope, this.facts.home).text };
        stdinUnknown = false;
        stdinSources = wordSources(node.target, scope);
      } else if ((node.op === '<' || node.op === '<>') && (node.fd === undefined || node.fd === 0)) {
        const target = redirect.target;
        stdin = { kind: 'file', path: target.dynamic ? target.text : resolvePath(scope.cwd, target.text, this.facts.home) };
        stdinUnknown = false;
        stdinSources = target.dynamic ? wordSources(node.target, scope) : ['$(< ' + shellQuote(stdin.path) + ')'];
      }
    }
    const exec: Exec = { scope, cwd: scope.cwd, assignments, redirects, wrappers: [] };
    if (stdin) exec.stdin = stdin;
    if (stdinUnknown) exec.stdinUnknown = true;
    if (sources.length > 0) exec.sources = sources;

    if (command.words.length === 0) {
      const throughRefs = exportedThroughRefs(command.assignments, scope, exportsOnAssignment); // `declare -nx R=X; R=…` sets X
      for (const assignment of command.assignments) {
        const value = assignment.array || assignment.values.length !== 1 ? undefined : assignedValue(assignment.values[0]!, scope, this.expansion);
        scope.vars.set(assignment.name, value ?? null);
        // `a=(x y)` is known element by element; `a[1]=x`, `a+=(x)`, `x+=y` leave the value unknown.
        if (assignment.array || /^\w+(\[|\+=)/.test(assignment.raw)) setArray(scope, assignment.name, assignment.array && !/^\w+(\[|\+=)/.test(assignment.raw) ? arrayValues(assignment.values, scope, this.expansion) : null);
        else forgetArray(scope, assignment.name);
        recordCopy(scope, assignment.name, assignment.values.length === 1 ? copiedVariable(assignment.values[0]!, scope) : undefined); // `a=("$T")` too: `${a[0]}` reads T
        // `x='a[$(cmd)]'; echo $((x))`: arithmetic on x runs cmd, so the subscript is read as if it ran now.
        for (const m of (value ?? '').matchAll(SUBSCRIPT)) this.analyzeText(`: ${m[1]!}`, this.subScope(scope, 'an array subscript'));
        setSources(scope, assignment.name, assignment.values.flatMap((v) => wordSources(v, scope)));
        const referenced = namerefOf(assignment.name, scope); if (referenced !== undefined && namerefOf(referenced, scope) === undefined) this.analyzeText(referenced + assignment.raw.slice(assignment.name.length), scope); // `declare -n R=HOME; R=/tmp` sets HOME.
      }
      const exported = command.assignments.filter((a) => exportsOnAssignment(a.name, scope) || zshPathArray(a)).map(exportedSpelling).concat(throughRefs); if (exported.length > 0) this.analyzeText(`export ${exported.join(' ')}`, scope);
    }
    const argv = this.expandWords(command.words, scope);
    if (argv === undefined) return undefined;
    if (argv[0] && DECLARATIONS.has(argv[0].text)) {
      if (argv[0].text === 'export' || argv[0].text === 'unset') recordExports(argv.slice(1), scope, argv[0].text === 'unset'); // first, while a name reference (`declare -n R=X; export R=…`) still says what it names
      declare(argv[0].text, argv.slice(1), scope);
      declareSources(argv[0].text, command.words.slice(1), scope, stdinSources);
    }
    recordBuiltinValues(argv, exec, scope, this.facts.home);
    if (argv[0]) {
      const selected = selectionOf(argv); // `docker context use prod`: later commands of the line reach what it selected.
      for (const [name, value] of Object.entries(selected)) {
        scope.vars.set(EXPORTED, '');
        scope.vars.set(EXPORTED + name, value);
      }
      if (argv[0].text === 'alias') recordAliases(argv.slice(1), scope);
      else if (argv[0].raw === argv[0].text && scope.vars.has(ALIAS + argv[0].text) && !scope.via.includes(`alias ${argv[0].text}`)) {
        // An alias defined earlier (`alias ll='rm -rf'` then `ll uploads`) runs its text with the words after it.
        // Expanded whether or not `shopt -s expand_aliases` is on: asking about a command bash would not expand is the safe side.
        const text = [scope.vars.get(ALIAS + argv[0].text) ?? '', ...command.words.slice(1).map((w) => w.raw)].join(' ');
        this.analyzeText(text, this.childScope(exec, `alias ${argv[0].text}`, scope.origin, exec.cwd, true));
        return undefined;
      }
    }
    if (argv.length === 0) {
      // `> file` alone truncates the file, exactly like `: > file`; report it as the null command.
      if (redirects.length === 0) return undefined;
      return this.emit(':', '', [], exec);
    }
    return this.run(argv, exec);
  }

  /** Words after expansion; undefined when they cannot be known (reported) or a function runs its arguments. */
  private expandWords(words: readonly Word[], scope: Scope): ArgWord[] | undefined {
    const expanded = expandWords(words, scope, this.expansion);
    if (expanded.kind === 'words') return expanded.argv;
    // `run() { "$@"; }` runs whatever it is called with: each call site is analysed instead.
    if (expanded.kind === 'runs-arguments') this.argumentRunners.set(expanded.function, expanded.words);
    else this.addOpaque(`the command name is computed at run time (${expanded.raw.slice(0, 80)})`, scope.via);
    return undefined;
  }

  /** What expansion asks of the walker: the home folder, and what a substitution prints. */
  private readonly expansion: ExpansionEnv<Scope>;

  /** What one pipeline in a substitution prints, when that is fixed text; analysed on the side, reported nowhere. */
  private substitutionOutput(written: CommandList, outer: Scope): string | undefined {
    const list = bareInputRead(written);
    const scope = outer.depth >= this.limits.maxDepth ? undefined : substitutionScope(list, outer);
    if (scope === undefined) return undefined;
    // Only pipelines of plain producers (echo, printf, cat, base64 -d ...) with static words are evaluated; anything else would make this side analysis as costly as the real one.
    for (const command of list.items[list.items.length - 1]!.pipeline.commands) {
      if (command.type !== 'simple' || command.words.length === 0 || command.words.some((w) => isDynamic(w) && staticValue(w, scope, this.expansion) === undefined)) return undefined;
      if (!OUTPUT_PRODUCERS.has(commandName(wordText(command.words[0]!)))) return undefined;
      if (command.redirects.some((r) => r.heredoc?.substitutions.length || (isDynamic(r.target) && staticValue(r.target, scope, this.expansion) === undefined))) return undefined;
    }
    const side = new Analyzer(this.facts, { ...this.limits, maxInvocations: 32, maxFilesRead: 4 }, this.work);
    side.walkList(list, { ...scope, via: [], depth: scope.depth + 1 });
    const last = side.invocations[side.invocations.length - 1];
    if (side.opaque.length > 0 || !last || last.via.length > 0 || last.pipedInto !== undefined) return undefined;
    return commandOutput(side, last, 0)?.text;
  }

  // ------------------------------------------------------------------------------------------
  // Running an argv: wrappers, then what the command itself runs

  viaOf(exec: Exec): Via[] {
    return [...exec.scope.via, ...exec.wrappers];
  }

  /** A scope for text run by a new shell; `sameShell` for eval, source and trap, which share its variables. */
  childScope(exec: Exec, label: Via, origin: Origin = exec.scope.origin, cwd: string = exec.cwd, sameShell = false): Scope {
    return {
      cwd,
      cwdUncertain: exec.scope.cwdUncertain,
      via: [...this.viaOf(exec), label],
      origin,
      depth: exec.scope.depth + 1,
      vars: sameShell ? exec.scope.vars : childEnvironment(exec),
      sources: sameShell ? exec.scope.sources : new Map(exec.scope.sources),
      ...(exec.scope.remote ? { remote: exec.scope.remote } : {}), ...loaderWordsOf(exec),
    };
  }

  /**
   * A child scope whose commands run elsewhere (the innermost remote hop names the place). Its working
   * folder is the remote one, unknown here: relative paths resolve under REMOTE_CWD, never against
   * this machine's folders (so `rm -rf node_modules` there is not this workspace's routine cleanup,
   * and `bash ./deploy.sh` there is not the local file of that name).
   */
  remoteScope(exec: Exec, label: Via, remote: RemoteContext): Scope {
    const scope: Scope = { ...this.childScope(exec, label, exec.scope.origin, REMOTE_CWD), cwdUncertain: false, remote };
    // The remote command reads what is fed to the local one: `ssh db1 'bash -s' < cleanup.sh`.
    if (exec.stdin || exec.stdinUnknown) scope.inheritedStdin = { stdin: exec.stdin, unknown: exec.stdinUnknown === true };
    return scope;
  }

  emit(name: string, command: string, args: ArgWord[], exec: Exec): Invocation | undefined {
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
    Object.assign(inv, wrapperFields(exec));
    let sources = exec.sources ?? [];
    for (const arg of args) sources = mergeSources(sources, arg.sources);
    if (sources.length > 0) inv.sources = sources;
    if (this.files.hasWrites()) inv.afterWrites = true;
    this.invocations.push(inv);
    recordWrites(this, inv);
    return inv;
  }

  isActiveFile(absolutePath: string): boolean {
    return this.activeFiles.has(absolutePath);
  }

  recordWrite(inv: Invocation, target: ArgWord | undefined, text: () => string | undefined, append = false, language?: SnippetLanguage): void {
    this.files.recordWrite(inv, target, text, append, language);
  }

  recordWrittenTree(inv: Invocation, target: ArgWord, fetchedFrom?: string): void {
    this.files.recordWrittenTree(inv, target, fetchedFrom);
  }

  builtFrom = (absolutePath: string): SnippetLanguage | undefined => this.files.builtFrom(absolutePath);

  run(argvIn: ArgWord[], exec: Exec): Invocation | undefined {
    if (!handOn(this, exec)) return undefined;
    const peeled = peelWrappers(this, argvIn, exec, UNITS_PER_WORD);
    if ('done' in peeled) return peeled.done;
    const argv = peeled.argv;
    const first = argv[0]!;
    if (first.glob && !first.dynamic && nameIsPattern(first.text)) return runPatternName(this, argv, exec);
    const name = commandName(first.text);
    const args = argv.slice(1);
    const runner = this.argumentRunners.get(name);
    if (runner && args.length > 0) {
      const inv = this.emit(name, first.text, args, exec);
      this.run([...args, ...runner], { ...exec, wrappers: [...exec.wrappers, `function ${name}`] });
      return inv;
    }
    if (this.functions.has(name)) this.functions.call(name, args, exec, (list, scope) => this.walkList(list, scope));
    return runByName(this, name, first, args, exec);
  }

  /** A shell or interpreter reading its program from stdin (a file missing here runs nothing; sent elsewhere it is a script nobody read). */
  stdinProgram(name: string, language: SnippetLanguage | 'shell', inv: Invocation | undefined, exec: Exec): void {
    const stdin = exec.stdin;
    const remote = exec.scope.remote;
    if (exec.stdinUnknown) return this.addOpaque(`the output of a compound command is run by ${name}`, this.viaOf(exec), remote);
    if (!stdin) return;
    const content = stdinText(this, stdin, 0);
    let label: string;
    if (stdin.kind === 'pipe') label = `| ${name}`;
    else if (stdin.kind === 'heredoc') label = `${name} <<EOF`;
    else if (stdin.kind === 'herestring') label = `${name} <<<`;
    else label = `${name} < ${this.display(stdin.path)}`;
    if (content === undefined) {
      if (stdin.kind === 'file') return remote && this.addOpaque(`${name} on ${remote.place} runs ${this.display(stdin.path)}, which cannot be read here`, this.viaOf(exec), remote);
      const producer = stdin.kind === 'pipe' ? stdin.from.name : 'its input';
      this.addOpaque(`the output of ${producer} is run by ${name}`, this.viaOf(exec), remote);
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

  // ------------------------------------------------------------------------------------------
  // Files: scripts, sourced files, interpreter programs

  readFile(absolutePath: string, via: readonly Via[]): string | undefined {
    return this.files.read(absolutePath, via);
  }

  display(absolutePath: string): string {
    return this.files.display(absolutePath);
  }

  /** Run the file named by `word` as `kind` (shell or an interpreter's language); `after`: a script's `$0`, `$1`… (`bash sync.sh .`). */
  runFile(word: ArgWord, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell = false, after?: readonly ArgWord[]): void {
    const printed = kind === 'shell' ? /^<\(([\s\S]*)\)$/.exec(word.text) : null; if (printed) return void this.analyzeText(`eval "$(${printed[1]})"`, this.childScope(exec, label)); // `bash <(echo 'rm …')`: the code is what the substitution prints.
    if (word.dynamic) return void this.addOpaque(`runs a file whose name is computed at run time (${word.raw.slice(0, 80)})`, this.viaOf(exec));
    // `node bin/reset-d?.js`: the shell runs what the pattern matches (globbedFiles.ts); a folder it cannot list asks.
    const matched = word.glob ? globbedFiles(word.text, exec.cwd, this.facts.home, (p) => this.facts.listDir(p)) : [];
    if (matched === undefined) return void this.addOpaque(`runs a file named by a pattern that could not be expanded (${word.raw.slice(0, 80)})`, this.viaOf(exec));
    if (matched.length > 0) return void matched.forEach((file) => this.runFile({ ...word, text: file, raw: file, glob: false }, kind, runner, exec, label, sameShell, after));
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(word.text)) return void this.addOpaque(`runs code fetched from ${word.text.slice(0, 120)}`, this.viaOf(exec));
    const path = resolvePath(exec.cwd, word.text, this.facts.home);
    if (STDIN_PATHS.has(path)) {
      // `curl … | bash /dev/stdin`: the program is whatever arrives on stdin.
      this.stdinProgram(runner?.name ?? basename(word.text), kind, runner, exec);
      return;
    }
    if (this.activeFiles.has(path) || isInstalledPackage(path)) return;
    const text = this.readFile(path, this.viaOf(exec));
    // `node fake` runs fake.js, `node dir` its package main or index.js, `python3 dir` dir/__main__.py.
    const entry = text === undefined ? resolvedEntry(path, kind, { read: (p) => this.readFile(p, this.viaOf(exec)), listDir: (p) => this.facts.listDir(p) }) : { path, text };
    if (entry && !this.activeFiles.has(entry.path)) this.runFileText(entry.path, entry.text, kind, runner, exec, label, sameShell, after);
    else if (!entry && exec.scope.laterHook) this.addOpaque(`${exec.scope.laterHook} runs ${word.text.slice(0, 80)}, a file the hook cannot read now and that may be written before then`, this.viaOf(exec));
  }

  runFileText(path: string, text: string, kind: SnippetLanguage | 'shell', runner: Invocation | undefined, exec: Exec, label: string, sameShell = false, after?: readonly ArgWord[]): void {
    const origin: Origin = { kind: 'script', path: this.display(path) };
    const unstable = this.facts.unstableScript?.(path);
    if (unstable) this.addOpaque(`${this.display(path)} ${unstable}`, this.viaOf(exec));
    this.activeFiles.add(path);
    try {
      if (kind === 'shell') this.analyzeText(stripShebang(text), after ? withPositional(this.childScope(exec, label, origin, exec.cwd, sameShell), after) : this.childScope(exec, label, origin, exec.cwd, sameShell));
      else if (runner) runProgram(this, kind, text, path, runner, origin, exec, label);
    } finally {
      this.activeFiles.delete(path);
    }
  }

  snippet(language: SnippetLanguage, text: string, runner: Invocation, origin: Origin, exec: Exec, label: string): void {
    if (!this.afford(text.length + 1, this.viaOf(exec))) return;
    this.snippets.push({ language, text: foldLiterals(language, text), runner, origin });
    const depth = exec.scope.depth + 1;
    if (depth > this.limits.maxDepth) {
      this.addOpaque('commands nest too deeply to analyse (shells, evals or scripts inside one another)', this.viaOf(exec));
      return;
    }
    for (const out of findShellOuts(language, text, 64, scriptArguments(runner, text))) {
      const scope: Scope = { cwd: exec.cwd, cwdUncertain: exec.scope.cwdUncertain, via: [...this.viaOf(exec), label, out.api], origin, depth, vars: childEnvironment(exec), sources: new Map(exec.scope.sources), ...loaderWordsOf(withEnvFileWords(exec, runner.args)) };
      if (out.kind === 'dynamic') this.addOpaque(`${label} runs a shell command built at run time (${out.api})`, scope.via);
      else if (out.kind === 'shell') this.analyzeText(out.text, scope);
      else {
        const inner: Exec = { scope, cwd: exec.cwd, assignments: { ...exec.assignments }, redirects: [], wrappers: [] };
        this.run(out.argv.map(placeholderWord), inner);
      }
    }
  }
}

export { MAX_WRAPPER_HOPS } from './handlers/wrappers'; // wrappers peeled in a row (`env env env … rm`); more asks

/** A compound command's input redirect, as the reading it is: `cat < FILE`. */
const readerOf = (redirect: RedirectNode): SimpleCommand => ({ type: 'simple', assignments: [], words: [{ parts: [{ kind: 'literal', text: 'cat', quoted: false }], raw: 'cat' }], redirects: [redirect] });

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
  return typeof command === 'string' ? { text: command, invocations: analyzer.invocations, snippets: analyzer.snippets, opaque: analyzer.opaque } : { invocations: analyzer.invocations, snippets: analyzer.snippets, opaque: analyzer.opaque }; // two literals: a spread of a conditional object cost more than analysing a short line
}
