import { foldedNames } from '../support/foldedStrings';
import type { Invocation } from '../../policy/types';

/**
 * Interpreter code whose behaviour is decided at run time: `exec(b64decode('…'))`,
 * `eval(Buffer.from('…','base64').toString())`, `getattr(os, 're'+'move')`, `perl -e 'eval pack("H*",…)'`,
 * `os.execute(string.char(…))`. The hook reads code statically; what such code does is not in its
 * text. Two things are done with it: the literals it decodes (base64, hex, character codes, rot13)
 * are decoded here so the perimeter can search them for protected places, and a call that runs or
 * looks up code from a value that is not a plain literal makes the code unreadable. Unreadable code
 * is denied when this machine holds protected places and asked otherwise (see reach.ts).
 *
 * Decoding alone is ordinary (`print(base64.b64decode('aGVsbG8='))`); only decoded or computed
 * values reaching a place that runs them, or names built to hide which function is called, count.
 */

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (standard or URL-safe) to text, or undefined when it is not base64 of printable text. */
export function decodeBase64(text: string): string | undefined {
  const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (clean.length < 8 || /[^A-Za-z0-9+/]/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of clean) {
    value = (value << 6) | B64_ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return printable(out) ? out : undefined;
}

function decodeHex(text: string): string | undefined {
  if (text.length < 8 || text.length % 2 !== 0 || /[^0-9a-f]/i.test(text)) return undefined;
  let out = '';
  for (let i = 0; i < text.length; i += 2) out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16));
  return printable(out) ? out : undefined;
}

function printable(text: string): boolean {
  // Mostly printable ASCII (code and paths), a few line breaks allowed.
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c > 126) bad++;
  }
  return text.length > 0 && bad <= text.length / 20;
}

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const QUOTED = /'((?:[^'\\\n]|\\.){0,4000})'|"((?:[^"\\\n]|\\.){0,4000})"/g;
const CHAR_LIST = /(?:\d{1,3}\s*,\s*){3,}\d{1,3}/g;

/**
 * What the literals in `code` decode to or build (base64, hex, lists of character codes, rot13 when the code
 * names it), joined: text for the perimeter to search. Empty when nothing decodes.
 */
export function decodedLiterals(code: string, language?: string): string {
  const out: string[] = [];
  // Names built from literals (escapes, joins, format strings, character codes): foldedStrings.ts.
  const folded = foldedNames(code, language);
  if (folded !== '') out.push(folded);
  const wantsRot13 = /rot.?13/i.test(code);
  const reversed = /reverse|\[::-1\]|\brev\b/.test(code);
  for (const m of code.matchAll(QUOTED)) {
    const literal = m[1] ?? m[2] ?? '';
    if (literal.length < 4) continue;
    const b64 = decodeBase64(literal);
    if (b64) out.push(b64);
    const hex = decodeHex(literal);
    if (hex) out.push(hex);
    if (wantsRot13) out.push(rot13(literal));
    if (reversed) out.push([...literal].reverse().join(''));
  }
  for (const m of code.matchAll(CHAR_LIST)) {
    const chars = m[0].split(',').map((d) => Number(d.trim()));
    if (chars.every((c) => c >= 9 && c <= 126)) out.push(chars.map((c) => String.fromCharCode(c)).join(''));
  }
  return out.join('\n');
}

/** Calls that run code, or a command line, from their argument. */
const RUNS_CODE =
  /(?<![\w.$])(?:exec|eval|compile|execfile|new\s+Function|Function|loadstring|load|dofile|create_function|evalc)\s*\(|(?<![\w$])(?:runInThisContext|runInNewContext|runInContext|compileFunction|instance_eval|class_eval|module_eval)\s*\(|(?<![\w.$])eval\s+(?=[A-Za-z_$`])|(?<![\w$])(?:instance_eval|class_eval|module_eval|instance_exec)\s+(?=[A-Za-z_$`])/g;
const RUNS_COMMAND =
  /(?<![\w$])(?:os\.system|os\.popen|system|popen|exec[lv]p?e?|spawn[lv]?p?e?|subprocess\.\w+|execSync|execFileSync|spawnSync|execFile|shell_exec|passthru|proc_open|os\.execute|io\.popen|IO\.popen|Open3\.\w+|Kernel\.\w+|qx)\s*\(/g;
/** Deserialisers that run code from the data they read (pickle's `__reduce__`, marshal'd code objects). */
const RUNS_DATA = /(?<![\w$])(?:pickle|cPickle|_pickle|dill|marshal|jsonpickle)\.(?:loads?|decode)\s*\(/g;
/** Looking a function or module up by a computed name: which one runs is not in the text. */
const LOOKS_UP = /(?<![\w])(?:getattr|__import__|import_module|send|public_send|method|call_user_func(?:_array)?|const_get|Reflect\.get)\s*\(/g;
/** Raw runtime internals: a way around every named function. */
const RAW_INTERNALS = /process\.binding\s*\(|process\._linkedBinding\s*\(|\bctypes\b|\bcffi\b|ffi\.cdef|\bsyscall\s*\(/;
/** Values decoded from text that does not say what it is. */
const DECODES = /b64decode|a85decode|b32decode|fromhex|unhexlify|codecs\.|\bpack\s*\(|\.pack\s*\(|atob\s*\(|Buffer\.from|decode_base64|base64_decode|hex2bin|gzinflate|gzuncompress|str_rot13|string\.char|\bchr\s*\(|fromCharCode|\[::-1\]|\breverse\b|%c/;
/** ... or names assembled from pieces (`'re'+'move'`, `"un"."link"`). */
const ASSEMBLES = /\+\s*['"]|['"]\s*\+|['"]\s*\.\s*['"]|\bjoin\s*\(|\bconcat\s*\(/;

/** At most this many calls of a kind are read; code made of more than that is not read further and counts as unreadable. */
const MAX_CALLS = 256;

function capped(code: string, re: RegExp): RegExpExecArray[] | undefined {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    if (out.length >= MAX_CALLS) return undefined;
    out.push(m);
  }
  return out;
}

/** The argument text of the call whose `(` is at `open` (balanced, bounded). */
function argumentAt(code: string, open: number): string {
  let depth = 0;
  for (let k = open; k < code.length && k < open + 4000; k++) {
    const c = code[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return code.slice(open + 1, k);
    }
  }
  return code.slice(open + 1, open + 4000);
}

/** One plain string literal (or several, comma-separated): nothing computed. */
function plainLiterals(arg: string): boolean {
  const parts = arg.split(',').map((p) => p.trim()).filter((p) => p !== '');
  return parts.length > 0 && parts.every((p) => /^(?:[rbuf]?'[^'\\{}]*'|[rbuf]?"[^"\\${}]*"|\d+|None|null|true|false|True|False|[A-Za-z_][\w.]*)$/.test(p));
}

/** Names of the first argument that are plain identifiers: `getattr(os, name)` — the second argument is what matters. */
function lookupIsComputed(arg: string): boolean {
  const parts = arg.split(',').map((p) => p.trim());
  const name = parts.length > 1 ? parts[1]! : parts[0]!;
  return !/^(?:[rbu]?'[^'\\]*'|[rbu]?"[^"\\$]*"|:\w+)$/.test(name ?? '');
}

/**
 * Why the behaviour of `code` cannot be read from its text, or undefined when it can. A call that
 * runs code from a non-literal value, runs a command built from decoded or assembled text, looks a
 * function up by a computed name, or reaches the runtime's raw internals.
 */
export function unreadableCode(code: string): string | undefined {
  if (RAW_INTERNALS.test(code)) return "it reaches the runtime's raw internals";
  const runsCode = capped(code, RUNS_CODE);
  const runsCommand = capped(code, RUNS_COMMAND);
  const looksUp = capped(code, LOOKS_UP);
  if (!runsCode || !runsCommand || !looksUp) return `it makes more than ${MAX_CALLS} calls that run or look up code`;
  for (const m of runsCode) {
    const at = m.index + m[0].length - 1;
    const arg = code[at] === '(' ? argumentAt(code, at) : code.slice(at, at + 200).split(/[;\n]/)[0]!;
    if (!plainLiterals(arg)) return `it runs code computed at run time (${m[0].replace(/\s*\($/, '').trim()})`;
  }
  for (const m of runsCommand) {
    const arg = argumentAt(code, m.index + m[0].length - 1);
    if (DECODES.test(arg)) return `it runs a command decoded or assembled at run time (${m[0].replace(/\s*\($/, '')})`;
  }
  for (const m of capped(code, RUNS_DATA) ?? []) {
    const arg = argumentAt(code, m.index + m[0].length - 1);
    // Loading the project's own model file is ordinary; data decoded in the line or read from a scratch folder is not.
    if (DECODES.test(arg) || /['"](?:\/tmp|\/var\/tmp|\/dev\/shm)\//.test(arg)) return `it runs code hidden in serialised data (${m[0].replace(/\s*\($/, '')})`;
  }
  for (const m of looksUp) {
    const arg = argumentAt(code, m.index + m[0].length - 1);
    if (lookupIsComputed(arg) && (DECODES.test(arg) || ASSEMBLES.test(arg))) return `it looks up which function to call by a name assembled at run time (${m[0].replace(/\s*\($/, '')})`;
  }
  return undefined;
}


/** Interpreters of languages the engine has no snippet reader for: their program text is searched as it is. */
export const OTHER_INTERPRETERS: ReadonlySet<string> = new Set([
  'lua', 'luajit', 'lua5.1', 'lua5.2', 'lua5.3', 'lua5.4', 'tclsh', 'wish', 'expect', 'Rscript', 'R', 'julia', 'guile', 'racket', 'sbcl', 'clojure',
  'elixir', 'erl', 'escript', 'ghci', 'runghc', 'ocaml', 'swift', 'kotlin', 'groovy', 'jshell', 'scala', 'nim', 'crystal', 'raku', 'perl6', 'gawk', 'awk',
  'mawk', 'nawk', 'busybox', 'jrunscript', 'qjs', 'rhino', 'osascript', 'dart',
]);

/** Program text an invocation of one of those interpreters runs: its words, the text on its stdin. */
export function interpreterText(inv: Invocation): string {
  const parts = inv.args.map((a) => a.text);
  const stdin = inv.stdin;
  if (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') parts.push(stdin.text);
  else if (stdin?.kind === 'pipe') {
    const from = stdin.from;
    parts.push(...from.args.map((a) => a.text));
    if (from.stdin?.kind === 'heredoc' || from.stdin?.kind === 'herestring') parts.push(from.stdin.text);
  }
  return parts.join('\n');
}

/** Calls that delete, move or overwrite a path (Go's `os.WriteFile` and kin too). */
const DESTROYS =
  /\b(?:os|ioutil)\.(?:WriteFile|Create|OpenFile|Remove|RemoveAll|Rename|Truncate|Chmod|Symlink|Link)\s*\(|\b(?:unlink|unlinkSync|remove|removedirs|rmtree|rmSync|rmdirSync|rmdir|rm_rf|rm_r|rename|renameSync|replace|truncate|writeFileSync|writeFile|appendFileSync|appendFile|copyFileSync|copyFile|cpSync|symlinkSync|symlink|linkSync|write_text|write_bytes|delete|File\.delete|File\.write|FileUtils\.\w+|copy|copy2|copyfile|copytree|move|chmod|chmodSync|chown|chownSync|lchmod|file_put_contents)\s*\(|\bunlink\s+|\bsymlink\s+|\bopen\s*\(?[^;)]{0,200}?,\s*(?:['"][+]?[wax+]|['"]\s*>{1,2}|\w+\s*=>\s*['"]?[wa])|\bopen\s*\(?\s*\w+\s*,\s*['"]?(?:>|\+<)|\bopen\s*\((?:[^;()'"]|'[^']*'|"[^"]*"|\([^()]*\)){0,200}?,\s*(?:mode\s*=\s*)?['"][+]?[wax]|\bFile\.open\s*\([^)]*['"][wa]/;
/** Calls that choose paths while running: listings, globs, walks (Go's `filepath.Walk`, Perl's File::Find `find(sub {…}, DIR)`). */
const LISTS = /\bfilepath\.Walk(?:Dir)?\s*\(|\bfs\.WalkDir\s*\(|\bfind(?:depth)?\s*\(\s*(?:sub\b|\{|\\&)|\b(?:glob|iglob|rglob|listdir|scandir|walk|iterdir|Dir\.each_child|readdirSync|readdir|opendir|Dir\.glob|Dir\.children|Dir\.entries|glob\.sync|globSync|fg\.sync|os\.ReadDir)\s*\(|\bglob\s*\(|<\*|\bDir\s*\[/;

/**
 * Code that deletes or overwrites paths it chooses while running (a glob, a folder listing): the
 * literal patterns it names, for the perimeter to match against protected places. Undefined when
 * the code does not both list and destroy; an empty list when it names no pattern (a plain listing).
 */
export function runtimeSelection(code: string): string[] | undefined {
  if (!DESTROYS.test(code) || !LISTS.test(code)) return undefined;
  const patterns: string[] = [];
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.){0,400})'|"((?:[^"\\\n]|\\.){0,400})"/g)) {
    const literal = m[1] ?? m[2] ?? '';
    if (/[*?[]/.test(literal)) patterns.push(literal);
  }
  return patterns;
}
