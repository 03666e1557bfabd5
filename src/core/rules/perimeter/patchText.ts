/**
 * The files a patch names: `*** Update File: x` (apply_patch), `--- a/x` / `+++ b/x` (unified diffs),
 * `diff --git a/x b/x`, `rename to x`. Prefixes are kept; the caller tries them stripped too.
 */
export function patchPaths(patch: string): string[] {
  const out = new Set<string>();
  const add = (p: string | undefined): void => {
    const t = (p ?? '').trim().replace(/\t.*$/, '');
    if (t && t !== '/dev/null') out.add(/^".*"$/.test(t) ? unquoteC(t.slice(1, -1)) : t);
  };
  for (const m of patch.matchAll(/^\*\*\* (?:Update|Add|Delete) File: (.+)$|^\*\*\* Move to: (.+)$/gm)) add(m[1] ?? m[2]);
  for (const m of patch.matchAll(/^(?:\+\+\+|---) (.+)$/gm)) add(m[1]);
  for (const m of patch.matchAll(/^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/gm)) {
    add(m[1]);
    add(m[2]);
  }
  for (const m of patch.matchAll(/^(?:rename|copy) (?:from|to) (.+)$/gm)) add(m[1]);
  return [...out];
}

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Git's C-quoted path (`"a/\\056cursor/hooks.json"`): octal bytes and backslash escapes, read as UTF-8. */
function unquoteC(text: string): string {
  let encoded = '';
  const byte = (b: number): string => '%' + b.toString(16).padStart(2, '0');
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= text.length) {
      encoded += encodeURIComponent(c);
      continue;
    }
    const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      encoded += byte(parseInt(octal[0], 8));
      i += 3;
    } else {
      const next = text[i + 1]!;
      encoded += C_ESCAPES[next] !== undefined ? byte(C_ESCAPES[next]) : encodeURIComponent(next);
      i += 1;
    }
  }
  try {
    return decodeURIComponent(encoded);
  } catch {
    // Not UTF-8: one character per byte, never a guess that drops the name.
    return encoded.replace(/%([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}
