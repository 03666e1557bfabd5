/**
 * Word expansion as far as it can be known before a command runs: brace expansion, variables set
 * earlier to fixed text, command substitutions that print fixed text (`$(echo rm)`), and for every
 * word the substitutions its value comes from (`$TOKEN` after `TOKEN=$(jq -r .token f)`), which the
 * credential rules follow. What a substitution prints is asked of the caller (the policy walker runs
 * it on the side); this layer knows nothing of policy.
 */

import { reshapedParameter } from './parameterOps';
import { withShellOptions } from './shellOptions';
import type { ArgWord, CommandList, Word } from './ast';
import { allElements, compoundElements, knownElement, positionalArguments, setArray } from './arrays';
import { expandTildeWord } from './tilde';
export { POSITIONAL, positionalArguments } from './arrays';
import { expandBraces, hasPatternGlob, isDynamic, toArgWord, wordText } from './words';

/** Substitutions remembered per variable or word: enough for provenance, bounded against blow-up. */
export const MAX_SOURCES = 16;

/** What expansion reads of the shell it happens in. */
export interface ExpansionScope {
  cwd: string;
  cwdUncertain: boolean;
  /** Variables set to fixed text; null when the value is unknown or differs between branches. */
  vars: Map<string, string | null>;
  /** Per variable, the command substitutions its value came from, as written. */
  sources: Map<string, readonly string[]>;
  /** Inside the body of this shell function. */
  functionName?: string;
}

export interface ExpansionEnv<S extends ExpansionScope> {
  home: string;
  /** What one command substitution prints when that is fixed text; undefined when it is not known. */
  substitutionOutput(list: CommandList, scope: S): string | undefined;
}

export function mergeSources(into: readonly string[] | undefined, more: readonly string[] | undefined): string[] {
  const out = [...(into ?? [])];
  for (const source of more ?? []) if (out.length < MAX_SOURCES && !out.includes(source)) out.push(source);
  return out;
}

/** A path as one shell word, for substitution text the credential rules read back. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(text) ? text : "'" + text.replace(/'/g, "'\\''") + "'";
}

/** `toArgWord`, with the substitutions behind the variables it uses and copies read as what they copy. */
export function argWord(word: Word, scope: ExpansionScope): ArgWord {
  const arg = toArgWord(word);
  const raw = copiesResolved(word, scope);
  if (raw !== undefined) arg.raw = raw;
  const sources = variableSources(word, scope);
  if (sources.length > 0) arg.sources = sources;
  return arg;
}

/**
 * Where a variable that holds another's value keeps the name it copies: `t=$GITHUB_TOKEN`,
 * `declare -n r=GITHUB_TOKEN` (a name reference), `${!v}` after `v=GITHUB_TOKEN` (indirect expansion).
 * A word using the copy reads, as written (`ArgWord.raw`), as if it named the original (`$t` is
 * `${GITHUB_TOKEN}`), so the rules that judge a printed or sent variable by its name see it.
 */
export const COPY_OF = '\u0000copy:';

/**
 * Where a name reference (`declare -n R=HOME`) keeps the variable it stands for. Unlike a copy it
 * outlives assignments: `R=/tmp` sets HOME and `$R` still reads HOME. Recording one also sets the bare
 * COPY_OF mark, so lines without copies or references skip every lookup.
 */
export const NAMEREF = '\u0000nameref:';

/** The variable a name reference stands for, when `name` is one. */
export function namerefOf(name: string, scope: ExpansionScope): string | undefined {
  if (!scope.vars.has(COPY_OF)) return undefined;
  const target = scope.vars.get(NAMEREF + name);
  return typeof target === 'string' && target !== '' && target !== name ? target : undefined;
}

function copyTarget(name: string, scope: ExpansionScope): string {
  const referenced = namerefOf(name, scope);
  const looked = referenced ?? name;
  const original = scope.vars.get(COPY_OF + looked);
  return typeof original === 'string' && original !== '' ? original : looked;
}

/** The variable a word's value is exactly (`$TOKEN`, `"${TOKEN}"`, a copy of one), else undefined. */
export function copiedVariable(word: Word, scope: ExpansionScope): string | undefined {
  const parts = word.parts.filter((p) => p.kind !== 'literal' || p.text !== '');
  const part = parts.length === 1 ? parts[0] : undefined;
  if (!part || part.kind !== 'parameter') return undefined;
  const name = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(part.raw)?.[1];
  if (name !== undefined) return copyTarget(name, scope);
  return indirectTarget(part.raw, scope);
}

/** `${!v}` with v's value known and a variable's name: the variable it reads. */
function indirectTarget(raw: string, scope: ExpansionScope): string | undefined {
  const pointer = /^\$\{!([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(raw)?.[1];
  if (pointer === undefined) return undefined;
  const value = scope.vars.get(pointer);
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? copyTarget(value, scope) : undefined;
}

/** `wordText`, with each copy spelled as the variable it reads (`cat <<< "$t"` after `t=$TOKEN`). */
export function wordTextWithCopies(word: Word, scope: ExpansionScope): string {
  let text = '';
  for (const part of word.parts) {
    if (part.kind === 'literal') text += part.text;
    else if (part.kind === 'parameter') text += copiesResolved({ parts: [part], raw: part.raw }, scope) ?? part.raw;
    else text += part.raw;
  }
  return text;
}

/** Remember (or forget) that `name` now holds a copy of another variable. */
export function recordCopy(scope: ExpansionScope, assigned: string, original: string | undefined): void {
  const name = namerefOf(assigned, scope) ?? assigned; // `declare -n R=T; R=$TOKEN` makes T the copy
  // The bare prefix marks a line that has copies at all: lines without any skip the lookups.
  if (original !== undefined && original !== name) {
    scope.vars.set(COPY_OF, '');
    scope.vars.set(COPY_OF + name, original);
  } else if (scope.vars.has(COPY_OF)) scope.vars.delete(COPY_OF + name);
}

/**
 * The positional parameters' copies (`set -- "$T"`, a function called with `"$T"`): `$1`…`$9` each, and
 * `$@`/`$*` as a copy of the first argument that is one (a secret among the words is in the joined text).
 */
export function recordPositionalCopies(scope: ExpansionScope, copies: readonly (string | undefined)[]): void {
  for (let n = 0; n < 9; n++) recordCopy(scope, String(n + 1), copies[n]);
  const first = copies.find((c) => c !== undefined);
  recordCopy(scope, '@', first);
  recordCopy(scope, '*', first);
}

/** The word as written with each copy (`$t`, `${!v}`) spelled as the variable it reads; undefined when it uses none. */
function copiesResolved(word: Word, scope: ExpansionScope): string | undefined {
  if (!scope.vars.has(COPY_OF) && !word.raw.includes('${!')) return undefined;
  let raw = word.raw;
  let from = 0;
  let changed = false;
  for (const part of word.parts) {
    if (part.kind !== 'parameter') continue;
    // `$1` after `set -- "$T"` is a copy as `$t` is.
    const plain = /^\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9@*])/.exec(part.raw)?.[1];
    const target = plain !== undefined ? copyTarget(plain, scope) : indirectTarget(part.raw, scope);
    const at = raw.indexOf(part.raw, from);
    if (at < 0) continue;
    from = at + part.raw.length;
    if (target === undefined || target === plain) continue;
    const spelled = plain !== undefined && part.raw.startsWith('${') ? '${' + target + part.raw.slice(2 + plain.length) : '${' + target + '}';
    raw = raw.slice(0, at) + spelled + raw.slice(at + part.raw.length);
    from = at + spelled.length;
    changed = true;
  }
  return changed ? raw : undefined;
}

/** Substitutions behind the variables a word uses (`$TOKEN` after `TOKEN=$(jq ...)`). */
export function variableSources(word: Word, scope: ExpansionScope): string[] {
  if (scope.sources.size === 0) return [];
  let out: string[] = [];
  for (const part of word.parts) {
    if (part.kind === 'parameter') out = mergeSources(out, scope.sources.get(part.name));
  }
  return out;
}

/** Substitutions a word's value comes from: those written in it and those behind its variables. */
export function wordSources(word: Word, scope: ExpansionScope): string[] {
  let out: string[] = [];
  for (const part of word.parts) {
    if (part.kind === 'command' || (part.kind === 'parameter' && part.inner.length > 0) || (part.kind === 'process' && part.direction === '<')) {
      // `$(echo "$RAW" | jq ...)`: the value also comes from what RAW came from; `done < <(find …)` reads find's output.
      out = mergeSources(out, [part.kind === 'process' ? '$' + part.raw.slice(1) : part.raw]);
      out = mergeSources(out, textVariableSources(part.raw, scope));
    }
  }
  return mergeSources(out, variableSources(word, scope));
}

/** Substitutions behind `$NAME` / `${NAME}` in expanding text (an unquoted heredoc body). */
export function textVariableSources(text: string, scope: ExpansionScope): string[] {
  if (scope.sources.size === 0) return [];
  let out: string[] = [];
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) out = mergeSources(out, scope.sources.get(m[1]!));
  return out;
}

export function setSources(scope: ExpansionScope, name: string, sources: readonly string[]): void {
  if (sources.length > 0) scope.sources.set(name, sources.slice(0, MAX_SOURCES));
  else scope.sources.delete(name);
}

/** `export TOKEN=$(...)`, `read -r TOKEN < f`, `unset TOKEN`: where the named variables now come from. */
export function declareSources(builtin: string, words: readonly Word[], scope: ExpansionScope, stdinSources: readonly string[]): void {
  const reads = builtin === 'read' || builtin === 'mapfile' || builtin === 'readarray';
  // `declare -n r=TOKEN`: r is a name reference, every use of it reads TOKEN.
  const nameref = (builtin === 'declare' || builtin === 'typeset' || builtin === 'local') && words.some((w) => /^-[a-zA-Z]*n/.test(wordText(w)));
  for (const word of words) {
    const text = wordText(word);
    if (text.startsWith('-')) continue;
    const eq = text.indexOf('=');
    const name = eq < 0 ? text : text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (builtin === 'unset') scope.sources.delete(name);
    else if (reads) setSources(scope, name, stdinSources);
    else if (eq >= 0) setSources(scope, name, wordSources(word, scope));
    if (nameref && eq >= 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(eq + 1))) {
      scope.vars.set(name, null);
      if (text.slice(eq + 1) !== name) {
        scope.vars.set(COPY_OF, '');
        scope.vars.set(NAMEREF + name, text.slice(eq + 1));
      }
    } else if (builtin === 'unset' && words.some((w) => /^-[a-zA-Z]*n/.test(wordText(w)))) scope.vars.delete(NAMEREF + name);
    else if (namerefOf(name, scope) !== undefined) continue; // `declare -n R=T; export R=…` assigns T; R still names it
    else if (eq >= 0 && !reads && builtin !== 'unset') recordCopy(scope, name, assignedCopy(word, eq, scope));
    else recordCopy(scope, name, undefined);
  }
}

/** `export t=$TOKEN`: the variable the value after `=` is exactly, read from the word's parts. */
function assignedCopy(word: Word, eq: number, scope: ExpansionScope): string | undefined {
  // `declare -A m=([k]="$T")`, `declare -a a=("$T")`: a list of one element that is a variable's value.
  const element = /^[^=]*=\(\s*(?:\[[^\]]*\]=)?"?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"?\s*\)$/.exec(word.raw)?.[1];
  if (element !== undefined) return copyTarget(element, scope);
  const first = word.parts[0];
  if (!first || first.kind !== 'literal' || first.text.length !== eq + 1) return undefined;
  return copiedVariable({ parts: word.parts.slice(1), raw: word.raw.slice(eq + 1) }, scope);
}

/** `export X=1`, `local X`, `read X`, `unset X`: what they do to the variables tracked. */
export function declare(builtin: string, args: readonly ArgWord[], scope: ExpansionScope): void {
  for (const arg of args) {
    if (arg.text.startsWith('-')) continue;
    const eq = arg.text.indexOf('=');
    const name = eq < 0 ? arg.text : arg.text.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (builtin === 'read' || builtin === 'unset' || builtin === 'mapfile' || builtin === 'readarray') scope.vars.set(name, null);
    else if (eq >= 0 && /^\(.*\)$/s.test(arg.text.slice(eq + 1)) && builtin !== 'export') setArray(scope, name, compoundElements(arg.raw, arg.text, arg.dynamic));
    else if (eq >= 0) scope.vars.set(name, arg.dynamic ? null : arg.text.slice(eq + 1));
  }
}

/** A shell pattern (`*`, `?`, literal text) as an anchored regular expression. */
function patternRegex(pattern: string): RegExp {
  const body = pattern.replace(/\\(.)|([*?])|([.+^${}()|[\]\\/])/g, (_m, esc: string | undefined, glob: string | undefined, special: string | undefined) =>
    esc !== undefined ? esc.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : glob === '*' ? '[\\s\\S]*' : glob === '?' ? '[\\s\\S]' : '\\' + special,
  );
  return new RegExp(`^(?:${body})$`);
}

/** `${X%pat}`, `${X%%pat}`, `${X#pat}`, `${X##pat}` of a known value, as the shell trims it. */
export function trimmedParameter(value: string, op: string, pattern: string): string {
  const re = patternRegex(pattern.replace(/^["']|["']$/g, ''));
  const lengths = [...Array(value.length + 1).keys()];
  const order = op.length === 2 ? lengths.reverse() : lengths;
  for (const k of order) {
    if (op[0] === '%' && re.test(value.slice(value.length - k))) return value.slice(0, value.length - k);
    if (op[0] === '#' && re.test(value.slice(0, k))) return value.slice(k);
  }
  return value;
}

/**
 * A variable set earlier to fixed text; `$HOME` and `$PWD` are facts. Every other variable is unknown.
 * A known value trimmed by a pattern (`${HOME%/}`, `${PWD%/app}`, `${X#*=}`) or given a default it does not need (`${HOME:-/x}`) is known too.
 */
export function knownParameter(raw: string, scope: ExpansionScope, home: string): string | undefined {
  const op = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(%%?|##?)([^}]*)|(:?[-=?])[^}]*)\}$/.exec(raw);
  if (op) {
    const value = knownParameter('$' + op[1], scope, home);
    if (value === undefined || (op[4]?.startsWith(':') && value === '')) return undefined;
    return op[2] ? trimmedParameter(value, op[2], op[3] ?? '') : value;
  }
  // `${F/x/n}`, `${F:0:-2}`, `${F^^}` of a known value (parameterOps.ts).
  const reshaped = reshapedParameter(raw, (n) => knownParameter('$' + n, scope, home));
  if (reshaped) {
    const value = knownParameter('$' + reshaped.name, scope, home);
    return value === undefined ? undefined : reshaped.apply(value);
  }
  // `a=(x y); cat "${a[1]}"`, `${DIRSTACK[1]}`: an element of a list the line set.
  const element = knownElement(raw, scope);
  if (element !== undefined) return element;
  const name = raw.startsWith('${') ? raw.slice(2, -1) : raw.slice(1);
  // `sh -c 'cat "$1"' _ .env`: the positional parameters of a child shell are known when its arguments are.
  if (!/^(?:[A-Za-z_][A-Za-z0-9_]*|\d)$/.test(name)) return undefined;
  if (scope.vars.has(name)) return scope.vars.get(name) ?? undefined;
  if (name === 'HOME') return home;
  if (name === 'PWD' && !scope.cwdUncertain) return scope.cwd;
  return undefined;
}

/**
 * A word whose command substitutions print fixed text (`$(echo rm)`, `$(echo LmVudg== | base64 -d)`):
 * the words it becomes. Undefined when any part is known only at run time.
 */
export function resolveSubstitutions<S extends ExpansionScope>(word: Word, scope: S, env: ExpansionEnv<S>): { words: string[]; split: boolean } | undefined {
  if (!word.parts.some((p) => p.kind === 'command' || (p.kind === 'parameter' && knownParameter(p.raw, scope, env.home) !== undefined))) return undefined;
  let text = '';
  let split = false;
  for (const part of word.parts) {
    if (part.kind === 'literal') text += part.text;
    else if (part.kind === 'parameter') {
      const value = knownParameter(part.raw, scope, env.home);
      if (value === undefined) return undefined;
      text += value;
      if (!part.quoted) split = true;
    } else if (part.kind === 'command') {
      const output = env.substitutionOutput(part.body, scope);
      if (output === undefined) return undefined;
      text += output.replace(/\n+$/, '');
      if (!part.quoted) split = true;
    } else return undefined;
  }
  if (!split) return { words: [text], split };
  // Field splitting uses IFS when the line set it (`IFS=,; cmd="rm,-rf,x"; $cmd` runs rm -rf x).
  const ifs = scope.vars.get('IFS');
  const separators = typeof ifs === 'string' ? ifs : ' \t\n';
  if (separators === '') return { words: [text], split };
  const words = text.split(new RegExp(`[${separators.replace(/[\\\]^-]/g, '\\$&')}]+`)).filter((w) => w !== '');
  return words.length > 0 ? { words, split } : undefined;
}

/** The text a word stands for when it is fixed (`build`, `"$DIR/out"` with DIR known), without splitting. */
export function staticValue<S extends ExpansionScope>(word: Word, scope: S, env: ExpansionEnv<S>): string | undefined {
  if (!isDynamic(word)) return wordText(word);
  const resolved = resolveSubstitutions(word, scope, env);
  return resolved && resolved.words.length === 1 && !resolved.split ? resolved.words[0] : resolved ? resolved.words.join(' ') : undefined;
}

/** `"$@"`, `$*`: a word that is exactly all positional arguments. */
export function runsAllArguments(word: Word): boolean {
  const part = word.parts.length === 1 ? word.parts[0] : undefined;
  return part !== undefined && part.kind === 'parameter' && (part.name === '@' || part.name === '*') && part.raw.length <= 4;
}

export type ExpandedWords =
  | { kind: 'words'; argv: ArgWord[] }
  /** `run() { "$@"; }` runs whatever it is called with: each call site is analysed instead. */
  | { kind: 'runs-arguments'; function: string; words: ArgWord[] }
  /** The command name itself is known only at run time. */
  | { kind: 'dynamic-name'; raw: string };

/** A simple command's words after brace expansion, with a static `$(echo rm)` resolved. */
export function expandWords<S extends ExpansionScope>(words: readonly Word[], scope: S, env: ExpansionEnv<S>): ExpandedWords {
  const argv: ArgWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (i === 0 && isDynamic(word) && scope.functionName !== undefined && runsAllArguments(word)) {
      return { kind: 'runs-arguments', function: scope.functionName, words: words.slice(1).map(toArgWord) };
    }
    const positional = runsAllArguments(word) ? positionalArguments(scope) : word.parts.length === 1 ? allElements(word.raw, scope) : undefined;
    if (positional) {
      for (const text of positional) argv.push({ text, raw: word.raw, dynamic: false, glob: false });
      continue;
    }
    if (isDynamic(word)) {
      const resolved = resolveSubstitutions(word, scope, env);
      if (resolved === undefined) {
        if (i === 0) return { kind: 'dynamic-name', raw: word.raw };
        argv.push(argWord(word, scope));
        continue;
      }
      for (const text of resolved.words) argv.push(withShellOptions({ text, raw: word.raw, dynamic: false, glob: resolved.split && /[*?[]/.test(text) }, scope));
      continue;
    }
    const expanded = expandBraces(word);
    if (expanded) {
      const glob = hasPatternGlob(word);
      for (const text of expanded) argv.push(withShellOptions(expandTildeWord({ text, raw: word.raw, dynamic: false, glob: glob && /[*?[]/.test(text) }, scope), scope));
    } else argv.push(withShellOptions(expandTildeWord(toArgWord(word), scope), scope));
  }
  return { kind: 'words', argv };
}

/** `f=~/.aws/credentials; cat < $f`: a redirect target whose variables are known is that path. */
export function knownTarget(target: ArgWord, known: string | undefined): ArgWord {
  return known !== undefined && known !== '' && target.dynamic ? { ...target, text: known, dynamic: false } : target;
}
