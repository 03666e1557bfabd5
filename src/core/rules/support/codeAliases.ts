import type { SnippetLanguage } from '../../shell/ast';

/**
 * Interpreter code that reaches a deleting call under another name: Python's `from shutil import
 * rmtree as r`, `import shutil as s`, `f = shutil.rmtree`, `__import__("shutil").rmtree`,
 * `getattr(shutil, "rmtree")`, distutils' `remove_tree`; Node's `require("fs/promises").rm`,
 * `const {rm} = require("fs")`, `const {rm: r} = …`, `import {rmSync} from "node:fs"`, `const f =
 * require("fs"); f.rmSync`. The text is rewritten so each such call reads as the module's own name
 * (`shutil.rmtree(`, `fs.rm(`), which the deletion tables know; the arguments stay where they were.
 */

const NAME = '[A-Za-z_$][\\w$]*';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces calls of `alias(` (not `.alias(` nor `xalias(`) with `canonical(`. */
function renameCalls(text: string, alias: string, canonical: string): string {
  if (alias === canonical) return text;
  return text.replace(new RegExp(`(^|[^\\w$.])${escape(alias)}(\\s*\\()`, 'g'), `$1${canonical}$2`);
}

/** Replaces `alias.member(` with `module.member(`. */
function renameModule(text: string, alias: string, module: string): string {
  if (alias === module) return text;
  return text.replace(new RegExp(`(^|[^\\w$.])${escape(alias)}(\\s*\\.\\s*${NAME}\\s*\\()`, 'g'), `$1${module}$2`);
}

const PYTHON_MODULES = new Set(['shutil', 'os', 'pathlib', 'send2trash', 'distutils.dir_util']);

function python(text: string): string {
  let out = text
    // `__import__("shutil").rmtree(`, `importlib.import_module("os").remove(`
    .replace(/(?:__import__|importlib\s*\.\s*import_module)\s*\(\s*(['"])(shutil|os|pathlib|distutils\.dir_util)\1\s*\)\s*\./g, '$2.')
    // `getattr(shutil, "rmtree")(`
    .replace(/getattr\s*\(\s*(shutil|os)\s*,\s*(['"])(\w+)\2\s*\)\s*\(/g, '$1.$3(')
    // distutils' and setuptools' copy of rmtree
    .replace(/\bdistutils\s*\.\s*dir_util\s*\.\s*remove_tree\s*\(/g, 'shutil.rmtree(');
  for (const m of text.matchAll(/\bimport\s+(shutil|os|pathlib|distutils\.dir_util|send2trash)\s+as\s+([A-Za-z_]\w*)/g)) {
    out = m[1] === 'distutils.dir_util' ? renameCalls(out, `${m[2]}.remove_tree`, 'shutil.rmtree') : renameModule(out, m[2]!, m[1]!);
  }
  for (const m of text.matchAll(/\bfrom\s+(shutil|os|distutils\.dir_util|send2trash)\s+import\s+([^\n;]+)/g)) {
    for (const item of m[2]!.replace(/[()]/g, '').split(',')) {
      const [name, alias] = item.trim().split(/\s+as\s+/).map((s) => s.trim());
      if (!name || !/^\w+$/.test(name)) continue;
      const canonical = m[1] === 'distutils.dir_util' && name === 'remove_tree' ? 'shutil.rmtree' : `${m[1]}.${name}`;
      if (PYTHON_MODULES.has(m[1]!)) out = renameCalls(out, alias ?? name, canonical);
    }
  }
  // `f = shutil.rmtree`, `rm = os.remove` (a reference, not a call).
  for (const m of out.matchAll(/(?:^|[;\n])\s*([A-Za-z_]\w*)\s*=\s*((?:shutil|os)\s*\.\s*\w+)\s*(?=$|[;\n])/g)) {
    out = renameCalls(out, m[1]!, m[2]!.replace(/\s+/g, ''));
  }
  return out;
}

function javascript(text: string): string {
  const FS = `['"\`](?:node:)?(?:fs|fs/promises|fs-extra)['"\`]`;
  let out = text
    // `require("fs/promises").rm(`, `(await import("node:fs")).rmSync(`
    .replace(new RegExp(`(?:require|import)\\s*\\(\\s*${FS}\\s*\\)\\s*\\)?\\s*\\.\\s*(?:promises\\s*\\.\\s*)?`, 'g'), 'fs.');
  // `const {rm, rmSync: r} = require("fs")`, `import { rm as r } from "fs/promises"`
  for (const m of text.matchAll(new RegExp(`\\{([^}]*)\\}\\s*(?:=\\s*(?:await\\s+)?(?:require|import)\\s*\\(\\s*${FS}\\s*\\)|from\\s*${FS})`, 'g'))) {
    for (const item of m[1]!.split(',')) {
      const [name, alias] = item.trim().split(/\s*(?::|\s+as\s+)\s*/).map((s) => s.trim());
      // `const {promises: p} = require("fs")`: p is the promise API, `p.rm(` is `fs.rm(`.
      if (name === 'promises' && alias && /^[A-Za-z_$][\w$]*$/.test(alias)) out = renameModule(out, alias, 'fs');
      else if (name && /^\w+$/.test(name)) out = renameCalls(out, alias ?? name, `fs.${name}`);
    }
  }
  // `const f = require("fs")`, `import * as f from "fs"`, `import f from "fs-extra"`
  for (const m of text.matchAll(new RegExp(`(?:(?:const|let|var)\\s+(${NAME})\\s*=\\s*(?:await\\s+)?(?:require|import)\\s*\\(\\s*${FS}\\s*\\)|import\\s+(?:\\*\\s+as\\s+)?(${NAME})\\s+from\\s*${FS})`, 'g'))) {
    const alias = m[1] ?? m[2];
    if (alias) out = renameModule(out, alias, 'fs');
  }
  return out;
}

/** The code with deleting calls under other names spelled as their modules' own. */
export function canonicalCalls(language: SnippetLanguage, text: string): string {
  if (language === 'python') return /\bimport\b|getattr|=\s*(?:shutil|os)\s*\./.test(text) ? python(text) : text;
  if (language === 'javascript') return /\brequire\b|\bimport\b/.test(text) ? javascript(text) : text;
  return text;
}
