import type { PathEffect } from '../../policy/effects';
import type { Facts, Finding, Invocation } from '../../policy/types';
import type { ArgWord } from '../../shell/ast';
import { scriptArguments } from '../../policy/handlers/interpreters';
import { interpreterText } from './runtimeCode';
import { unreadFinding } from './reach';
import type { PerimeterView } from './protectedPaths';

/**
 * Folder trees copied or moved by inline code, whatever the library and however the destination is
 * spelled: Python `shutil.copytree` / `distutils` `copy_tree` (aliased, imported under another name,
 * keyword arguments), Ruby `FileUtils.cp_r` / `copy_entry` / `cp_lr` (with or without parentheses),
 * Node `fs.cp(Sync)` with `recursive`, fs-extra `copy`/`move`, shelljs `cp('-R', …)`, ncp, cpy,
 * copy-dir, and Perl File::Copy::Recursive `dircopy`/`rcopy`/`dirmove`. Like `cp -r src/. .`, names not
 * known before it runs land under the destination, so it is an extraction into that folder
 * (perimeterPack judges it as `cp -r` is judged). The destination is read from a string literal, from
 * an expression that means the working folder (`os.getcwd()`, `Path.cwd()`, `os.curdir`,
 * `process.cwd()`, `__dirname`, `Dir.pwd`, `path.resolve()`, `os.path.abspath('.')`), from a join of
 * those, or from a variable assigned one of them first; anything else cannot be read and is judged by
 * reach.ts (deny where protected places exist, ask elsewhere).
 */

const MAX_CALLS = 64;
const INLINE = /^(python(\d(\.\d+)?)?|pypy3?|node|nodejs|bun|deno|ruby|perl)$/;

/** Calls by their own names: [pattern of the name, which positional argument is the destination ('last': after option strings)]. */
const TREE_CALLS = /\b(copytree|copy_tree|cp_r|cp_lr|copy_entry|dircopy|rcopy|dirmove|rmove|cpSync|cp|copySync|copy|moveSync|move|ncp|cpy|copyDir|copydir)\b\s*(?=\(|\s+['"$\w])/g;
/** Names that are tree copies only in some libraries' hands: `copy`/`move` of fs-extra, `cp` of fs (with `recursive`) or shelljs (with `-R`). */
const LIBRARY_ONLY: ReadonlySet<string> = new Set(['copy', 'copySync', 'move', 'moveSync', 'cp', 'cpSync', 'cpy', 'ncp', 'copyDir', 'copydir', 'rcopy', 'rmove']);
/** Libraries whose presence makes those names tree copies. */
const TREE_LIBRARIES = /['"](?:fs-extra|graceful-fs-extra|ncp|cpy|copy-dir|recursive-copy|shelljs|node:fs|fs|fs\/promises|node:fs\/promises)['"]|File::Copy::Recursive|\bfse?\.|\bfsp\.|\bpromises\.cp/;
/** Keyword names of a destination argument. */
const DEST_KEYWORD = /^(?:dst|dest|destination|target|to|target_dir|dest_dir)\s*[=:]\s*(?!=)/;

/** Aliases of a copier (`from shutil import copytree as c`, `c = shutil.copytree`, `const c = require('ncp')`, `const { copy: c } = require('fs-extra')`). */
function aliases(code: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of code.matchAll(/\b(copytree|copy_tree|cp_r|copy_entry|dircopy|rcopy|dirmove|copy|copySync|move|cpSync|cp)\s+as\s+(\w+)/g)) out.set(m[2]!, m[1]!);
  for (const m of code.matchAll(/(?:^|[\s;{(,])(?:const|let|var|my)?\s*\$?(\w+)\s*=\s*(?:[\w$]+\.|require\s*\(\s*['"][^'"]+['"]\s*\)\.)*(copytree|copy_tree|cp_r|copy_entry|dircopy|rcopy|copy|copySync|move|cpSync|cp)\b(?!\s*\()/g)) out.set(m[1]!, m[2]!);
  for (const m of code.matchAll(/(?:const|let|var)\s+(\w+)\s*=\s*(?:await\s+import|require)\s*\(\s*['"](ncp|cpy|copy-dir|recursive-copy)['"]\s*\)/g)) out.set(m[1]!, m[2] === 'recursive-copy' ? 'copy' : m[2] === 'copy-dir' ? 'copyDir' : m[2]!);
  for (const m of code.matchAll(/\{([^{}]*)\}\s*=\s*require\s*\(\s*['"](?:fs-extra|fs|node:fs|shelljs)['"]\s*\)/g)) {
    for (const pair of m[1]!.matchAll(/\b(copy|copySync|move|moveSync|cpSync|cp)\s*:\s*(\w+)/g)) out.set(pair[2]!, pair[1]!);
  }
  return out;
}

/** The arguments of a call at `at` (just after the name): parenthesised, or (Ruby, Perl) up to the end of the statement. */
export function callArguments(code: string, at: number): string[] {
  let i = at;
  while (code[i] === ' ' || code[i] === '\t') i++;
  const paren = code[i] === '(';
  if (paren) i++;
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (; i < code.length && i < at + 2_000; i++) {
    const c = code[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = code.indexOf(c, i + 1);
      if (end < 0) break;
      current += code.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && c === ',') {
      args.push(current.trim());
      current = '';
      continue;
    } else if (depth === 0 && !paren && (c === ';' || c === '\n')) break;
    current += c;
  }
  if (current.trim() !== '') args.push(current.trim());
  return args;
}

const WORKING_FOLDER = /^(?:(?:os\.)?getcwd\(\)|os\.curdir|(?:pathlib\.)?Path\.cwd\(\)|(?:pathlib\.)?(?:Pure)?Path\(\s*\)|process\.cwd\(\)|Deno\.cwd\(\)|Dir\.(?:pwd|getwd)|Pathname\.(?:pwd|getwd)|(?:Cwd::)?(?:getcwd|cwd)(?:\(\))?|__dirname|(?:path\.)?resolve\(\s*\)|process\.env\.PWD|os\.environ\[['"]PWD['"]\]|ENV\[['"]PWD['"]\]|\$ENV\{PWD\})(?:\.(?:resolve|absolute)\(\)|\.to_s)?$/;
/** Wrappers that keep the path they are given (`os.path.abspath(x)`, `Path(x).resolve()`, `File.expand_path(x)`). */
const SAME_PATH = /^(?:os\.path\.(?:abspath|realpath|normpath|expanduser)|os\.fspath|str|(?:pathlib\.)?(?:Pure)?Path|Pathname\.new|Pathname|File\.(?:expand_path|absolute_path|realpath)|path\.(?:resolve|normalize)|resolve|realpathSync|fs\.realpathSync|abs_path|Cwd::abs_path|rel2abs|File::Spec->rel2abs)\(\s*([^,()]+|[^()]*\([^()]*\)[^()]*)\s*\)(?:\.(?:resolve|absolute|expanduser)\(\)|\.to_s)?$/;
const JOIN = /^(?:os\.path\.join|path\.(?:join|resolve)|File\.join|join|catdir|File::Spec->catdir)\((.*)\)$/;

/** The folder a destination expression names ('.' for the working folder), or undefined when it cannot be read. */
export function destinationText(expr: string, code: string, depth = 0): string | undefined {
  const e = expr.trim().replace(DEST_KEYWORD, '').trim();
  if (depth > 3 || e === '') return undefined;
  const literal = /^(?:[rRbB]?(['"])([^'"]*)\1|`([^`$]*)`)$/.exec(e);
  if (literal) {
    const text = literal[2] ?? literal[3] ?? '';
    return /#\{/.test(text) ? undefined : text === '' ? '.' : text;
  }
  if (WORKING_FOLDER.test(e)) return '.';
  const same = SAME_PATH.exec(e);
  if (same) return destinationText(same[1]!, code, depth + 1);
  const join = JOIN.exec(e);
  if (join) {
    const parts = callArguments(`(${join[1]})`, 0).map((p) => destinationText(p, code, depth + 1));
    return parts.length > 0 && parts.every((p) => p !== undefined) ? parts.join('/') : undefined;
  }
  const slash = /^(.+?)\s*\/\s*(['"])([^'"]*)\2$/.exec(e);
  if (slash) {
    const head = destinationText(slash[1]!, code, depth + 1);
    return head === undefined ? undefined : `${head}/${slash[3]}`;
  }
  const name = /^\$?(\w+)$/.exec(e)?.[1];
  if (name) {
    const assigned = [...code.matchAll(new RegExp(`(?:^|[\\s;{(])(?:const|let|var|my|our)?\\s*\\$?${name}\\s*=(?![=>])\\s*([^;\\n]+)`, 'g'))].pop();
    if (assigned) return destinationText(assigned[1]!.replace(/[,)]\s*$/, ''), code, depth + 1);
  }
  return undefined;
}

export interface TreeCopy {
  call: string;
  /** The destination folder as written, '.' for the working folder; undefined when it cannot be read. */
  into: string | undefined;
  raw: string;
}

function treeCopies(inv: Invocation): TreeCopy[] {
  return INLINE.test(inv.name) ? treeCopiesIn(interpreterText(inv)) : [];
}

/** The tree copies in a text of code (inline or a script file's). */
export function treeCopiesIn(text: string): TreeCopy[] {
  const library = TREE_LIBRARIES.test(text);
  // `require('ncp')(src, dst)`: the module is the call.
  const code = text.replace(/require\s*\(\s*['"](ncp|cpy|copy-dir|recursive-copy)['"]\s*\)\s*(?=\()/g, (_, m: string) => (m === 'copy-dir' ? 'copyDir' : m === 'recursive-copy' ? 'ncp' : m));
  const alias = aliases(code);
  const names = [...TREE_CALLS.source.slice(TREE_CALLS.source.indexOf('(') + 1, TREE_CALLS.source.indexOf(')')).split('|'), ...alias.keys()];
  const calls = new RegExp(`(?<![\\w$])(${names.join('|')})\\b\\s*(?=\\(|\\s+['"$\\w])`, 'g');
  const out: TreeCopy[] = [];
  let examined = 0;
  for (const m of code.matchAll(calls)) {
    // Each call's arguments are read over at most 2,000 characters: a bounded number of calls keeps it linear.
    if (++examined > MAX_CALLS) break;
    const written = m[1]!;
    const call = alias.get(written) ?? written;
    // `import`/`from … import` lines name a copier without calling it.
    if (/(?:\bimport|\bqw\(|\buse)\s[^;\n]*$/.test(code.slice(Math.max(0, m.index - 200), m.index))) continue;
    if (LIBRARY_ONLY.has(call) && !library && !alias.has(written)) continue;
    const args = callArguments(code, m.index + m[0].length);
    if (args.length < 2) continue;
    const keyword = args.find((a) => DEST_KEYWORD.test(a));
    let dest: string | undefined;
    if (call === 'cp' || call === 'cpSync') {
      const shell = /^['"]-[A-Za-z]*['"]$/.test(args[0]!);
      if (shell ? !/[rR]/.test(args[0]!) : !/\brecursive\s*:\s*true/.test(args.join(','))) continue;
      dest = shell ? args[args.length - 1] : args[1];
    } else if (/^(?:copy|move)$/.test(call) && /(?:shutil|copy)\.$/.test(code.slice(Math.max(0, m.index - 7), m.index))) {
      // Python's `shutil.copy`/`shutil.move` and `copy.copy` take single files and objects.
      continue;
    } else dest = args[1];
    const raw = (keyword ?? dest ?? '').trim();
    if (raw === '') continue;
    out.push({ call, raw, into: /\b(?:argv|ARGV)\b/.test(raw) ? undefined : destinationText(raw, code) });
    if (out.length >= 8) break;
  }
  return out;
}

/** The tree copies as extractions into their destinations (a destination read from the code's arguments is one of the words after the code). */
export function codeTreeCopyEffects(inv: Invocation): PathEffect[] {
  const out: PathEffect[] = [];
  for (const copy of treeCopies(inv)) {
    if (copy.into !== undefined) out.push({ kind: 'extract', word: { text: copy.into, raw: copy.into, dynamic: false, glob: false } });
    else if (/\b(?:argv|ARGV)\b/.test(copy.raw)) out.push(...argumentsAfterCode(inv, copy.raw).map((word) => ({ kind: 'extract' as const, word })));
  }
  return out;
}

/** A tree copy whose destination the hook cannot read: names not known before it runs, into a folder not known either. */
export function codeTreeCopyFindings(inv: Invocation, facts: Facts, view: PerimeterView): Finding[] {
  const unread = treeCopies(inv).find((c) => c.into === undefined && !/\b(?:argv|ARGV)\b/.test(c.raw));
  if (!unread) return [];
  return [unreadFinding('runtime-target', `${inv.name} runs code that copies a folder tree (${unread.call}) into ${unread.raw.slice(0, 60)}, a destination known only when it runs`, unread.raw.slice(0, 80), facts, view)];
}

/** The words an interpreter hands its inline code as arguments (`python3 -c CODE a b`, `python3 - a b <<EOF`), read by its grammar. */
function argumentsAfterCode(inv: Invocation, destination: string): ArgWord[] {
  const code = inv.args.find((w) => w.text.includes(destination))?.text ?? '';
  return scriptArguments(inv, code).slice(0, 8).map((text) => ({ text, raw: text, dynamic: /\$/.test(text), glob: false }));
}
