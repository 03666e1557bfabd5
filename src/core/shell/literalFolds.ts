import type { SnippetLanguage } from './ast';

/**
 * Strings assembled from literal pieces, folded before the packs read interpreter code (stop 29, red
 * team round 7): `"DR" + "OP TABLE " + "users"` is the statement `DROP TABLE users`, and `const m =
 * 'del' + 'eteMany'; coll[m]({})` calls `deleteMany`. Only literals without quotes or escapes inside are
 * joined, and a computed member is rewritten only when its name is a constant bound to one literal; what
 * is computed from anything else is left as written (the process-call pass reports those it must).
 */

const PIECES = /(['"])([^'"\\\n]*)\1\s*\+\s*(['"])([^'"\\\n]*)\3/g;
const MAX_PASSES = 8;
const MAX_NAMES = 16;

export function foldLiterals(language: SnippetLanguage, code: string): string {
  if (language !== 'python' && language !== 'javascript' && language !== 'ruby' && language !== 'php') return code;
  if (code.length > 100_000 || !code.includes('+')) return code;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const next = code.replace(PIECES, (_all, q: string, a: string, _q2: string, b: string) => `${q}${a}${b}${q}`);
    if (next === code) break;
    code = next;
  }
  if (language !== 'javascript' || !code.includes('[')) return code;
  // `const m = 'deleteMany'; x[m](…)` → `x.deleteMany(…)`, for names bound once to an identifier-shaped literal.
  let count = 0;
  for (const m of code.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(['"])([A-Za-z_$][\w$]*)\2\s*[;\n]/g)) {
    if (++count > MAX_NAMES) break;
    const name = m[1]!;
    if (new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=(?!=)`, 'g').exec(code.slice((m.index ?? 0) + m[0].length)) !== null) continue;
    code = code.replace(new RegExp(`\\[\\s*${name.replace(/\$/g, '\\$')}\\s*\\]`, 'g'), `.${m[3]}`);
  }
  return code;
}
