/**
 * Interpreter code reaches a shell through lookups as often as through plain calls:
 * `__import__('os').system(…)`, `importlib.import_module('os')`, `getattr(os, 'system')`,
 * `f = os.system; f(…)`, `require('child_process')['exec' + 'Sync'](…)`,
 * `const { execSync: x } = require('child_process')`, Ruby's `Kernel.send(:system, …)` and
 * `method(:system).call(…)`. This pass writes each lookup that can be resolved from literals back
 * as the plain call, so the scan for calls sees it; a lookup of a process API whose name is
 * computed is reported, so the engine asks rather than guesses.
 */

import type { SnippetLanguage } from './ast';

export interface Resolved {
  code: string;
  /** Lookups of process APIs whose target name is computed at run time. */
  computed: string[];
}

const MAX_ALIASES = 16;

function escape(name: string): string {
  return name.replace(/[$.]/g, (c) => '\\' + c);
}

/** `'a' + "b"` (all literal pieces, simple quotes) as one value; undefined when any piece is not a literal. */
function literalConcat(text: string): string | undefined {
  const pieces = text.split('+').map((p) => p.trim());
  let value = '';
  for (const p of pieces) {
    const m = /^(['"`])([^'"`\\]*)\1$/.exec(p);
    if (!m) return undefined;
    value += m[2];
  }
  return value;
}

/** Python list/tuple of simple literals: `'a', "b"` → ['a', 'b']; undefined when one is computed. */
function literalItems(text: string): string[] | undefined {
  const items: string[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim();
    if (p === '') continue;
    const m = /^(['"])([^'"\\]*)\1$/.exec(p);
    if (!m) return undefined;
    items.push(m[2]!);
  }
  return items;
}

/** Rewrites `name(` as `target(` wherever `name` is called as a plain function. */
function callAs(code: string, name: string, target: string): string {
  return code.replace(new RegExp(`(?<![\\w$.])${escape(name)}\\s*\\(`, 'g'), `${target}(`);
}

function python(code: string, computed: string[]): string {
  // Module lookups by name: `__import__('os')`, `builtins.__import__`, `importlib.import_module('os')`.
  if (/__import__|import_module/.test(code)) code = code.replace(/(?:[\w\])'"]{1,80}\s*\.\s*)?(?:__import__|(?:importlib\s*\.\s*)?import_module)\s*\(\s*(['"])([\w.]+)\1\s*\)/g, '$2');
  if (/\b(?:__import__|import_module)\s*\(/.test(code)) computed.push('a module imported by a computed name');
  // `getattr(os, 'system')` → `os.system`.
  code = code.replace(/\bgetattr\s*\(\s*([\w.]+)\s*,\s*(['"])(\w+)\2\s*\)/g, '$1.$3');
  if (/\bgetattr\s*\(\s*(?:os|subprocess|asyncio|pty|posix|builtins)\b/.test(code)) computed.push('getattr');
  // Command text built from literals: `' '.join(['rm', '-rf', 'x'])`, `'%s %s' % ('rm', 'x')`, `'{} {}'.format('rm', 'x')`.
  code = code.replace(/(['"])([^'"\\]*)\1\s*\.\s*join\s*\(\s*[[(]([^\])]*)[\])]\s*\)/g, (all, q: string, sep: string, list: string) => {
    const items = literalItems(list);
    return items ? q + items.join(sep) + q : all;
  });
  code = code.replace(/(['"])([^'"\\]*)\1\s*%\s*\(([^)]*)\)/g, (all, q: string, format: string, list: string) => {
    const items = literalItems(list);
    if (!items) return all;
    let n = 0;
    return q + format.replace(/%[sdr]/g, () => items[n++] ?? '') + q;
  });
  code = code.replace(/(['"])([^'"\\]*)\1\s*\.\s*format\s*\(([^)]*)\)/g, (all, q: string, format: string, list: string) => {
    const items = literalItems(list);
    if (!items) return all;
    let n = 0;
    return q + format.replace(/\{\d*\}/g, (k) => items[k.length > 2 ? Number(k.slice(1, -1)) : n++] ?? '') + q;
  });
  // A process function kept in a variable: `f = os.system; f('…')`.
  let count = 0;
  for (const m of code.matchAll(/(?<![\w.])([A-Za-z_]\w*)\s*=\s*((?:os|subprocess|asyncio|pty)\.[A-Za-z_]\w*)\s*(?=[;\n]|$)/g)) {
    if (++count > MAX_ALIASES) break;
    code = callAs(code, m[1]!, m[2]!);
  }
  return code;
}

const CHILD_PROCESS = `require\\s*\\(\\s*['"](?:node:)?child_process['"]\\s*\\)`;

function javascript(code: string, computed: string[]): string {
  // Computed member names from literals: `x['exec' + 'Sync']` → `x.execSync`. Only after what a member is read from
  // (a name, `)`, `]`): `spawnSync('npm', ['publish'])` holds an array literal, not a member (stop 32).
  if (code.includes('[')) code = code.replace(/(?<=[\w$)\]]\s*)\[\s*((?:(['"`])[^'"`\\]*\2\s*(?:\+\s*)?)+)\]/g, (all, inner: string) => {
    const value = literalConcat(inner);
    return value !== undefined && /^[A-Za-z_$][\w$]*$/.test(value) ? '.' + value : all;
  });
  if (new RegExp(`(?:${CHILD_PROCESS}|\\b(?:child_process|childProcess|cp))\\s*\\[`).test(code)) computed.push('child_process[…]');
  let count = 0;
  // `const { execSync: x } = require('child_process')`, `import { execSync as x } from 'child_process'`.
  for (const m of code.matchAll(new RegExp(`\\{([^}]*)\\}\\s*=\\s*${CHILD_PROCESS}`, 'g'))) {
    for (const pair of m[1]!.matchAll(/([A-Za-z_$][\w$]*)\s*:\s*([A-Za-z_$][\w$]*)/g)) if (++count <= MAX_ALIASES) code = callAs(code, pair[2]!, pair[1]!);
  }
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?child_process['"]/g)) {
    for (const pair of m[1]!.matchAll(/([A-Za-z_$][\w$]*)\s+as\s+([A-Za-z_$][\w$]*)/g)) if (++count <= MAX_ALIASES) code = callAs(code, pair[2]!, pair[1]!);
  }
  // `const x = require('child_process').execSync`, `let run = cp.exec`.
  for (const m of code.matchAll(new RegExp(`(?<![\\w$.])([A-Za-z_$][\\w$]*)\\s*=\\s*(?:${CHILD_PROCESS}|child_process|childProcess|cp)\\s*\\.\\s*([A-Za-z_$][\\w$]*)\\s*(?=[;,\\n]|$)`, 'g'))) {
    if (++count <= MAX_ALIASES) code = callAs(code, m[1]!, m[2]!);
  }
  return code;
}

function ruby(code: string, computed: string[]): string {
  // `Kernel.send(:system, …)`, `public_send('exec', …)`, `__send__` → `system(…)`.
  code = code.replace(/(?:\b[\w:]{1,80}\s*\.\s*)?\b(?:send|public_send|__send__)\s*\(\s*(?::(\w+)|(['"])(\w+)\2)\s*,\s*/g, (_all, sym: string | undefined, _q, str: string | undefined) => `${sym ?? str}(`);
  if (/\b(?:Kernel|Object|IO|Process)\s*\.\s*(?:send|public_send|__send__)\b/.test(code)) computed.push('send');
  // `m = method(:system); m.call(…)` and `method(:system).call(…)`.
  code = code.replace(/(?:\b[\w:]{1,80}\s*\.\s*)?\bmethod\s*\(\s*:(\w+)\s*\)\s*\.\s*(?:call|\[\]|\(\))\s*\(/g, '$1(');
  let count = 0;
  for (const m of code.matchAll(/(?<![\w.])([a-z_]\w*)\s*=\s*(?:\b[\w:]{1,80}\s*\.\s*)?method\s*\(\s*:(\w+)\s*\)/g)) {
    if (++count > MAX_ALIASES) break;
    code = code.replace(new RegExp(`(?<![\\w.])${m[1]}\\s*\\.\\s*(?:call\\s*)?\\(`, 'g'), `${m[2]}(`);
  }
  return code;
}

/** `code` with the lookups it can resolve written as plain calls. */
export function resolveIndirection(language: SnippetLanguage, code: string): Resolved {
  const computed: string[] = [];
  if (language === 'python') code = python(code, computed);
  else if (language === 'javascript') code = javascript(code, computed);
  else if (language === 'ruby') code = ruby(code, computed);
  return { code, computed };
}
