/**
 * Parameter expansions that reshape a known value (red team round 14): pattern substitution
 * (`${F/x/n}`, `${F//x/n}`, `${F/#x/n}`, `${F/%x/n}`), substrings (`${F:1}`, `${F:0:-2}`) and case
 * changes (`${F^^}`, `${F,,}`, `${F^}`, `${F,}`), computed as bash computes them when the value, the
 * pattern and the numbers are fixed text. Anything else (a pattern holding an expansion, an arithmetic
 * offset) is unknown, and the word stays one known only at run time.
 */

/** A shell pattern (`*`, `?`, `[…]`, literal text) as a regular expression body. */
function patternBody(pattern: string): string | undefined {
  if (/[$`]/.test(pattern)) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) return undefined;
      out += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
      i = end;
    } else out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return out;
}

const unquote = (t: string): string => t.replace(/^(["'])(.*)\1$/s, '$2');

/** `${NAME<op>}` forms this module computes: the variable's name and the function of its value. */
export function reshapedParameter(raw: string, known: (name: string) => string | undefined = () => undefined): { name: string; apply(value: string): string | undefined } | undefined {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(.+)\}$/s.exec(raw);
  if (!m) return undefined;
  const name = m[1]!;
  const op = m[2]!;
  const sub = /^\/([/#%]?)((?:\\.|[^/\\])*)(?:\/(.*))?$/s.exec(op);
  if (sub) {
    const [, mode] = sub;
    // `${F/$X/n}` with X set earlier to fixed text: the pattern and replacement with those values.
    const fill = (t: string): string => t.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, n: string) => known(n) ?? whole);
    const pattern = fill(sub[2] ?? '');
    const replacement = fill(sub[3] ?? '');
    const body = patternBody(unquote(pattern));
    if (body === undefined || body === '' || /[$`]/.test(replacement)) return { name, apply: () => undefined };
    const re = new RegExp(mode === '#' ? `^(?:${body})` : mode === '%' ? `(?:${body})$` : body, mode === '/' ? 'g' : '');
    const rep = unquote(replacement).replace(/\\(.)/g, '$1');
    return { name, apply: (v) => v.replace(re, () => rep) };
  }
  const substring = /^:\s*(-?\d+)\s*(?::\s*(-?\d+)\s*)?$/.exec(op);
  if (substring && !op.startsWith(':-')) {
    const offset = Number(substring[1]);
    const length = substring[2] !== undefined ? Number(substring[2]) : undefined;
    return {
      name,
      apply(v) {
        const start = offset < 0 ? Math.max(0, v.length + offset) : offset;
        if (start > v.length) return '';
        if (length === undefined) return v.slice(start);
        const end = length < 0 ? v.length + length : start + length;
        return end < start ? undefined : v.slice(start, end);
      },
    };
  }
  if (op === '^^') return { name, apply: (v) => v.toUpperCase() };
  if (op === ',,') return { name, apply: (v) => v.toLowerCase() };
  if (op === '^') return { name, apply: (v) => v.charAt(0).toUpperCase() + v.slice(1) };
  if (op === ',') return { name, apply: (v) => v.charAt(0).toLowerCase() + v.slice(1) };
  return undefined;
}
