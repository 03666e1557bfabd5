/**
 * Shell state kept as lists: indexed arrays set on the line (`a=(x y)`, `read -a a`, `mapfile -t a`),
 * the positional parameters (`set -- x y`) and bash's `DIRSTACK`. A path held in an element
 * (`a=(.claude/settings.json); : > "${a[0]}"`) is then the path the rules see, not a run-time value.
 */

import type { ExpansionScope } from './expand';
import { dirStack } from './tilde';

/** Where an array's elements live in the walker's variables, as JSON; null when unknown. */
export const ARRAY = '\u0000array:';
/** Where a child shell's positional arguments (`sh -c TEXT $0 $1 …`, `set -- …`) are kept, as JSON, when all are fixed text. */
export const POSITIONAL = '\u0000positional';
/** Elements remembered per array; a longer list is unknown. */
const MAX_ELEMENTS = 64;

function parseList(raw: string | null | undefined): string[] | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((e) => typeof e === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** `a=(x y)`: the elements when all are known (null: unknown); `$a` is the first element, as in bash. */
export function setArray(scope: ExpansionScope, name: string, elements: readonly string[] | null): void {
  const known = elements !== null && elements.length <= MAX_ELEMENTS ? elements : null;
  scope.vars.set(ARRAY + name, known === null ? null : JSON.stringify(known));
  scope.vars.set(name, known === null ? null : (known[0] ?? ''));
}

/** A scalar assignment leaves `$a` and `${a[0]}` alike: the array is that one element now. */
export function forgetArray(scope: ExpansionScope, name: string): void {
  if (!scope.vars.has(ARRAY + name)) return;
  const value = scope.vars.get(name);
  scope.vars.set(ARRAY + name, typeof value === 'string' ? JSON.stringify([value]) : null);
}

/** The elements of an array the line set; undefined when unknown or never set here. */
export function arrayElements(scope: ExpansionScope, name: string): string[] | undefined {
  if (name === 'DIRSTACK') {
    const stack = dirStack(scope);
    return stack === null || scope.cwdUncertain ? undefined : [scope.cwd, ...stack];
  }
  if (name === '@' || name === '*') return positionalArguments(scope);
  if (scope.vars.has(ARRAY + name)) return parseList(scope.vars.get(ARRAY + name));
  // A plain variable is an array of one element (`x=a; echo ${x[0]}`).
  const value = scope.vars.get(name);
  return typeof value === 'string' ? [value] : undefined;
}

/** `"$@"` in `sh -c 'cat "$@"' _ a b`: the arguments the shell was given, when known. */
export function positionalArguments(scope: ExpansionScope): string[] | undefined {
  return parseList(scope.vars.get(POSITIONAL));
}

/** `set -- x y`, a shell's own arguments: `$1`…`$9` and `"$@"` (unknown entries are null). */
export function setPositional(scope: ExpansionScope, values: readonly (string | null)[]): void {
  for (let n = 1; n <= 9; n++) {
    const value = values[n - 1];
    if (value === undefined) scope.vars.set(String(n), '');
    else scope.vars.set(String(n), value);
  }
  scope.vars.set('#', String(values.length));
  scope.vars.set(POSITIONAL, values.every((v) => v !== null) && values.length <= MAX_ELEMENTS ? JSON.stringify(values) : null);
}

/**
 * `${a[N]}`, `${a[@]}`, `${a[*]}`, `${DIRSTACK[N]}` of a known list: the element, or every element
 * joined by a space. Undefined when the braces hold anything else or the list is unknown.
 */
export function knownElement(raw: string, scope: ExpansionScope): string | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\[(\d+|@|\*)\]\}$/.exec(raw);
  if (!m) return undefined;
  const elements = arrayElements(scope, m[1]!);
  if (elements === undefined) return undefined;
  if (m[2] === '@') return elements.join(' ');
  // `${a[*]}` joins with the first character of IFS (none when the line set it empty), as bash does in quotes.
  if (m[2] === '*') {
    const ifs = scope.vars.has('IFS') ? scope.vars.get('IFS') : ' ';
    return typeof ifs === 'string' ? elements.join(ifs.slice(0, 1)) : undefined;
  }
  // An index past the end is empty in bash; unset elements cannot be told apart here, so unknown.
  return elements[Number(m[2])];
}

/** `"${a[@]}"`: a word that is exactly every element of a known array, one word each. */
export function allElements(raw: string, scope: ExpansionScope): string[] | undefined {
  const m = /^"?\$\{([A-Za-z_][A-Za-z0-9_]*)\[@\]\}"?$/.exec(raw);
  return m ? arrayElements(scope, m[1]!) : undefined;
}

/**
 * `declare -a A=(x y)`, `local -a A=([0]=x [3]=y)`, `typeset A=(…)`: the elements of a compound assignment
 * the builtin was given as one word (bash reads it as an array there too). Unknown (null) when any element is
 * computed, quoted (the split would not be the shell's) or a pattern, or an index is out of the tracked range;
 * a hole reads as the empty string, as bash gives it.
 */
export function compoundElements(raw: string, text: string, dynamic: boolean): string[] | null {
  // The words of an assignment `NAME=(…)`, not an option reader.
  const inner = /^[^=]*=\((.*)\)$/s.exec(text)?.[1];
  if (inner === undefined || dynamic || /["'$`\\]/.test(raw.slice(raw.indexOf('=') + 1))) return null;
  const out: string[] = [];
  let next = 0;
  for (const token of inner.split(/\s+/).filter((t) => t.length > 0)) {
    const m = /^\[(\d+)\]=(.*)$/.exec(token);
    const at = m ? Number(m[1]) : next;
    const value = m ? m[2]! : token;
    if (at >= MAX_ELEMENTS || /[*?[\]]/.test(value)) return null;
    while (out.length < at) out.push('');
    out[at] = value;
    next = at + 1;
  }
  return out;
}
