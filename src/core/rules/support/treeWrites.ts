import type { MethodCall } from './clientLibraries';

/**
 * Firebase Realtime Database through its SDKs (red team round 16), as `firebaseWipe` reads its REST API: a node
 * written with nothing (`ref('/').set(null)`, `reference('/').set({})`, `set([])`, `set('')`) is deleted with all
 * it holds, and `update({ users: null })` deletes each child set to null. At the root or a top-level node
 * (`ref()`, `ref('/')`, `ref('users')`) that is a whole collection or the whole database; deeper
 * (`ref('users/42').set(null)`) it is one record. A node written with a value (`set({ name: 'x' })`) is an
 * ordinary write, and an update that sets no child to null changes nothing away.
 */

const NOTHING = String.raw`(?:null|None|nil|undefined|\{\s*\}|\[\s*\]|''|"")`;
const REFERENCE = String.raw`\.(?:ref|reference|refFromURL|child)\s*\(\s*(?:(['"\x60])([^'"\x60]{0,200})\1)?\s*\)`;
const WRITE = new RegExp(String.raw`${REFERENCE}\s*\.\s*(?:(set|setValue|set_value)\s*\(\s*${NOTHING}\s*[,)]|(update|update_children)\s*\(\s*\{([^{}]{0,400})\}\s*[,)])`, 'g');

/** Depth of a node's path: `/` and `` are the root (0), `users` is 1, `users/42` is 2. */
function depth(path: string): number {
  return path.split('/').filter((s) => s !== '').length;
}

export function treeWipes(code: string): MethodCall[] {
  if (!/\bref|reference|child/.test(code)) return [];
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  const out: MethodCall[] = [];
  for (const m of text.matchAll(WRITE)) {
    const path = m[2] ?? '';
    const method = m[3] ?? m[4]!;
    // `update({ a: null, 'b/c': None })`: only the children set to nothing are deleted.
    const nulled = m[4] !== undefined ? [...m[5]!.matchAll(/(?:^|,)\s*(?:(['"])([^'"]{1,200})\1|([\w$]+))\s*:\s*(?:null|None|nil|undefined)\s*(?=,|$)/g)].map((c) => c[2] ?? c[3]!) : [''];
    if (nulled.length === 0) continue;
    const deepest = Math.min(...nulled.map((k) => depth(`${path}/${k}`)));
    out.push({ text: `ref('${path}').${method}(${m[4] !== undefined ? `{ ${nulled.slice(0, 3).map((k) => `${k}: null`).join(', ')} }` : 'nothing'})`, method, mass: deepest <= 1 });
    if (out.length >= 8) break;
  }
  return out.sort((a, b) => Number(b.mass) - Number(a.mass));
}
