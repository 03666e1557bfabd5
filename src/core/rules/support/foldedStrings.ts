/**
 * Names interpreter code builds from literals at run time, worked out here (red team round 10): escapes
 * in a literal (`"\x2eenv"`, `"\056env"`, Lua's decimal `"\46"`), literals glued by an operator or side by
 * side (`".e" + "nv"`, `"a" . "b"`, `"a" .. "b"`, `'a' || 'b'`, Julia's `*`, Ruby's and awk's `".e" "nv"`),
 * joins and path joins of literal lists (`paste0`, `file.path`, `%w[. env].join`, `os.path.join`),
 * format strings filled with literals (`sprintf("%s/.%s-shield", HOME, "blast")`, `"{}".format(…)`,
 * f-strings), character codes (`bytes([46, …]).decode()`, `[46].pack("c*")`, `string.char(47, 46)`),
 * literal reversals (`("vne."):reverse()`), the home folder read from the environment
 * (`os.getenv("HOME")`, `$ENV{HOME}`, `ENVIRON["HOME"]`, `homedir()`), written `~`, and variables set
 * once to a literal before a later piece joins them. A piece that is not a literal becomes `*`.
 *
 * The result is text for the packs that search code for the names it reaches (the perimeter's
 * mentions, the credential files a line names): the built names, one a line, only those that differ
 * from a literal written in the code. Bounded: code past `MAX_CODE` characters, and folding past
 * `MAX_PASSES` rounds, is left as it is.
 */

const MAX_CODE = 16 * 1024;
const MAX_PASSES = 12;
const MAX_LITERALS = 512;

/** A literal's place in the code while folding: `\uE000N\uE001`, N its index in the values. */
const LIT = '\uE000(\\d+)\uE001';
const lit = (i: number): string => `\uE000${i}\uE001`;

/** The home folder as the environment gives it in each language. */
const HOME_READS =
  /(?:os\.getenv|getenv|Sys\.getenv|System\.getenv|ENV\.fetch|os\.environ\.get|process\.env\.get|Deno\.env\.get)\s*\(\s*\uE000(\d+)\uE001\s*\)|(?:ENV|ENVIRON|os\.environ|\$_SERVER|\$_ENV)\s*\[\s*\uE000(\d+)\uE001\s*\]|\$ENV\s*\{\s*(?:HOME|\uE000(\d+)\uE001)\s*\}|process\.env\.HOME\b|process\.env\[\s*\uE000(\d+)\uE001\s*\]|\$env\(HOME\)|\$env:HOME\b|\$\{?HOME\}?(?![\w(])|(?:os\.)?homedir\s*\(\s*\)|Path\.home\s*\(\s*\)|Dir\.home\b|os\.path\.expanduser\s*\(\s*\uE000(\d+)\uE001\s*\)|path\.expand\s*\(\s*\uE000(\d+)\uE001\s*\)/g;

/** Inside a double-quoted literal: the home folder interpolated (`"$ENV{HOME}/.aws"`, `"#{ENV['HOME']}"`, `"${process.env.HOME}"`). */
const HOME_IN_LITERAL = /\$ENV\{['"]?HOME['"]?\}|#\{\s*(?:ENV\[['"]HOME['"]\]|Dir\.home)\s*\}|\$\{\s*(?:process\.env\.HOME|os\.homedir\(\))\s*\}|\$\{?HOME\}?(?!\w)|\$env\(HOME\)|\{os\.environ\[['"]HOME['"]\]\}/g;

interface Fold {
  code: string;
  values: string[];
  /** Indexes of values made by folding or by decoding an escape. */
  derived: Set<number>;
}

function add(f: Fold, value: string, derived: boolean): string {
  if (f.values.length >= MAX_LITERALS) return lit(0);
  f.values.push(value);
  if (derived) f.derived.add(f.values.length - 1);
  return lit(f.values.length - 1);
}

/** A literal's escapes decoded: `\xHH`, `\uHHHH`, `\u{H…}`, octal `\NNN` (decimal in Lua), the usual letters. */
function unescape(body: string, decimal: boolean): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|[0-7]{1,3}|\d{1,3}|.)/g, (_m, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    if (/^\d/.test(e)) {
      const code = decimal ? parseInt(e, 10) : /^[0-7]+$/.test(e) ? parseInt(e, 8) : NaN;
      return Number.isNaN(code) || code > 0x10ffff ? e : String.fromCharCode(code);
    }
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : e;
  });
}

/** Character codes written as a list (`46, 101, 110`), when every one is printable. */
function fromCodes(list: string): string | undefined {
  const codes = list.split(',').map((d) => d.trim()).filter(Boolean).map(Number);
  if (codes.length === 0 || codes.length > 256 || !codes.every((c) => Number.isInteger(c) && c >= 32 && c <= 126)) return undefined;
  return String.fromCharCode(...codes);
}

/** Replace every literal of `code` by its place, decoding escapes (and f-strings' literal expressions). */
function tokenize(code: string, decimal: boolean): Fold {
  const f: Fold = { code: '', values: [], derived: new Set() };
  // Ruby's word lists: `%w[. env]` is a list of literals.
  let text = code.replace(/%[wWiI]([[({<])([^\])}>]{0,400})[\])}>]/g, (_m, _open: string, body: string) => `[${body.trim().split(/\s+/).map((w) => `'${w.replace(/'/g, '')}'`).join(',')}]`);
  text = text.replace(/((?<![\w$])[fFrRbB]{1,2})?(['"`])((?:\\.|(?!\2)[^\\\n]){0,400})\2/g, (_m, given: string | undefined, quote: string, body: string) => {
    const prefix = given ?? '';
    let value = /[rR]/.test(prefix) ? body : unescape(body, decimal);
    let derived = value !== body;
    if (quote === '"' || quote === '`') {
      const homed = value.replace(HOME_IN_LITERAL, '~');
      if (homed !== value) derived = true;
      value = homed;
    }
    // f'.{"env"}': a literal expression in an f-string is its text.
    if (/[fF]/.test(prefix) && value.includes('{')) {
      const filled = value.replace(/\{\s*(['"])([^'"{}]*)\1\s*\}/g, '$2');
      if (filled !== value) derived = true;
      value = filled;
    }
    return add(f, value, derived);
  });
  f.code = text;
  return f;
}

const val = (f: Fold, i: string | undefined): string => f.values[Number(i)] ?? '';

/** Home folder reads, written `~`. */
function foldHome(f: Fold): void {
  f.code = f.code.replace(HOME_READS, (m, ...groups: unknown[]) => {
    const named = groups.slice(0, 6).find((g) => typeof g === 'string') as string | undefined;
    if (named !== undefined && val(f, named) !== 'HOME' && val(f, named) !== '~') return m;
    return add(f, '~', true);
  });
}

/** A list of literals and commas only: their values, else undefined. */
function literalList(f: Fold, text: string): string[] | undefined {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 0 || items.length > 64) return undefined;
  const out: string[] = [];
  for (const item of items) {
    const m = new RegExp(`^${LIT}$`).exec(item);
    if (!m) {
      if (item === '') continue;
      return undefined;
    }
    out.push(val(f, m[1]));
  }
  return out;
}

/** `%s`, `%d`, `{}`, `{0}` filled with the arguments; an argument that is no literal is `*`. */
function formatted(fmt: string, args: string[]): string {
  let next = 0;
  const arg = (i?: number): string => args[i ?? next++] ?? '*';
  if (/%[-+ 0#]*\d*(?:\.\d+)?[sdifxoc]/.test(fmt)) return fmt.replace(/%%|%[-+ 0#]*\d*(?:\.\d+)?([sdifxoc])/g, (m, k: string | undefined) => (m === '%%' ? '%' : k === 'c' ? String.fromCharCode(Number(arg())) : arg()));
  return fmt.replace(/\{(\d*)(?::[^}]*)?\}/g, (_m, n: string) => arg(n === '' ? undefined : Number(n)));
}

/** Arguments of a call: literals keep their text, anything else is `*`. */
function callArgs(f: Fold, text: string): string[] {
  return text.split(',').map((s) => {
    const m = new RegExp(`^\\s*${LIT}\\s*$`).exec(s);
    return m ? val(f, m[1]) : '*';
  });
}

const ARGS = `((?:\\s*(?:${LIT}|[\\w$.\\[\\]"']{1,80})\\s*,?){0,16})`;

/** One round of folding; true when something changed. */
function foldOnce(f: Fold): boolean {
  const before = f.code;
  const L = LIT;
  const rules: Array<[RegExp, (...m: string[]) => string | undefined]> = [
    // Literals glued by an operator or side by side (Ruby, Python, awk, C): "a" + "b", "a" . "b", "a" .. "b", 'a' || 'b', "a" * "b", "a" "b".
    [new RegExp(`${L}\\s*(?:\\+|\\.\\.|\\.|\\|\\||\\*|<>|~)?\\s*${L}`, 'g'), (_m, a, b) => add(f, val(f, a) + val(f, b), true)],
    // Tcl and shell-like bare words: ~ followed by a path written without quotes.
    [new RegExp(`${L}(/[\\w.@-][\\w./@-]{0,200})`, 'g'), (_m, a, rest) => add(f, val(f, a) + rest, true)],
    // Character codes.
    [new RegExp(`(?:bytes|bytearray)\\s*\\(\\s*\\[([\\d\\s,]{1,1200})\\]\\s*\\)(?:\\.decode\\s*\\(\\s*(?:${L})?\\s*\\))?`, 'g'), (_m, list) => codes(f, list)],
    [new RegExp(`\\[([\\d\\s,]{1,1200})\\]\\s*\\.pack\\s*\\(\\s*${L}\\s*\\)`, 'g'), (_m, list) => codes(f, list)],
    [/(?:string\.char|String\.fromCharCode|String\.fromCodePoint|intToUtf8|utf8ToInt|chr|Char|pack\s*\(\s*\uE000\d+\uE001\s*,)\s*\(?\s*(?:c\s*\(\s*)?([\d\s,]{1,1200})\)?\s*\)/g, (_m, list) => codes(f, list)],
    [/(\d{1,3})\.chr\b/g, (_m, n) => codes(f, n)],
    // Reversals of a literal.
    [new RegExp(`\\(?\\s*${L}\\s*\\)?\\s*(?::reverse\\s*\\(\\s*\\)|\\.reverse\\b(?:\\s*\\(\\s*\\))?|\\[\\s*::\\s*-1\\s*\\])`, 'g'), (_m, a) => add(f, [...val(f, a)].reverse().join(''), true)],
    [new RegExp(`(?:strrev|reverse|string\\.reverse|rev)\\s*\\(\\s*${L}\\s*\\)`, 'g'), (_m, a) => add(f, [...val(f, a)].reverse().join(''), true)],
    [new RegExp(`${L}\\s*\\.split\\s*\\(\\s*${L}\\s*\\)\\s*\\.reverse\\s*\\(\\s*\\)\\s*\\.join\\s*\\(\\s*${L}\\s*\\)`, 'g'), (_m, a) => add(f, [...val(f, a)].reverse().join(''), true)],
    // Joins of literal lists: paste0(…), paste(…, sep=""), file.path(…), os.path.join(…), File.join(…), joinpath(…), string(…), concat(…), table.concat({…}).
    [new RegExp(`\\b(paste0|paste|file\\.path|os\\.path\\.join|path\\.join|posixpath\\.join|File\\.join|joinpath|string|concat|CONCAT|table\\.concat)\\s*\\(\\s*\\{?\\[?((?:\\s*${L}\\s*,?){1,32})\\]?\\}?\\s*(?:,\\s*sep\\s*=\\s*${L}\\s*)?\\)`, 'g'), (_m, fn, list, _x, sep) => {
      const slash = /path|File\.join|joinpath/.test(fn ?? '');
      return joined(f, list, sep !== undefined ? val(f, sep) : fn === 'paste' ? ' ' : slash ? '/' : '');
    }],
    // SEP.join([…]) (Python), […].join(SEP) (JavaScript, Ruby), implode(SEP, […]) (PHP), join(SEP, …) (Perl).
    [new RegExp(`${L}\\s*\\.\\s*join\\s*\\(\\s*[\\[(]((?:\\s*${L}\\s*,?){1,64})[\\])]\\s*\\)`, 'g'), (_m, sep, list) => joined(f, list, val(f, sep))],
    // `[…].join` (Ruby: no separator), `.join()` (JavaScript: a comma), `.join(SEP)`.
    [new RegExp(`\\[((?:\\s*${L}\\s*,?){1,64})\\]\\s*\\.\\s*join\\b(\\s*\\(\\s*(?:${L})?\\s*\\))?`, 'g'), (_m, list, _x, parens, sep) => joined(f, list, sep !== undefined ? val(f, sep) : parens ? ',' : '')],
    [new RegExp(`\\b(?:implode|join)\\s*\\(\\s*${L}\\s*,\\s*\\(?\\[?((?:\\s*${L}\\s*,?){1,64})\\]?\\)?\\s*\\)`, 'g'), (_m, sep, list) => joined(f, list, val(f, sep))],
    // Format strings: sprintf("fmt", …), format("fmt", …), string.format(…), "fmt".format(…), "fmt" % (…), "fmt" % […].
    [new RegExp(`(?<![\\w.])(?:s?printf|format|string\\.format|String\\.format|fmt\\.Sprintf|sprintf!)\\s*\\(\\s*${L}\\s*,${ARGS}\\)`, 'g'), (_m, fmt, args) => add(f, formatted(val(f, fmt), callArgs(f, args ?? '')), true)],
    [new RegExp(`${L}\\s*\\.\\s*format\\s*\\(${ARGS}\\)`, 'g'), (_m, fmt, args) => add(f, formatted(val(f, fmt), callArgs(f, args ?? '')), true)],
    [new RegExp(`${L}\\s*%\\s*[([]${ARGS}[\\])]`, 'g'), (_m, fmt, args) => add(f, formatted(val(f, fmt), callArgs(f, args ?? '')), true)],
    [new RegExp(`${L}\\s*%\\s*${L}`, 'g'), (_m, fmt, a) => add(f, formatted(val(f, fmt), [val(f, a)]), true)],
    // A literal in parentheses that are no call's is the literal (`(".e" .. "nv")`), so the operators around it fold next.
    [new RegExp(`(?<![\\w)\\]$\\s])\\(\\s*${L}\\s*\\)(?!\\s*[\\w(])`, 'g'), (_m, a) => lit(Number(a))],
  ];
  for (const [re, fn] of rules) {
    f.code = f.code.replace(re, (...m: unknown[]) => {
      const strings = m.filter((x) => typeof x === 'string' || x === undefined).slice(0, -1) as string[];
      return fn(...strings) ?? (m[0] as string);
    });
  }
  return f.code !== before;
}

function codes(f: Fold, list: string | undefined): string {
  const text = fromCodes(list ?? '');
  return text === undefined ? `[${list ?? ''}]` : add(f, text, true);
}

function joined(f: Fold, list: string | undefined, sep: string): string | undefined {
  const items = literalList(f, list ?? '');
  return items ? add(f, items.join(sep), true) : undefined;
}

/**
 * Variables set once to a literal (`f=ENVIRON["HOME"]; f=f "/.netrc"`, `my $p = "~/.aws"`): later uses
 * read as the literal, statement by statement, so the pieces joined to them fold.
 */
function foldVariables(f: Fold): boolean {
  const statements = f.code.split(/(?<=[;\n])/).slice(0, 128);
  const known = new Map<string, number>();
  let changed = false;
  const assignment = new RegExp(`(?:^|[\\s{(;])(?:local\\s+|my\\s+|our\\s+|var\\s+|let\\s+|const\\s+)?([$@]?[A-Za-z_]\\w*)\\s*=\\s*\\(?\\s*${LIT}\\s*\\)?\\s*;?\\s*$`);
  for (let s = 0; s < statements.length; s++) {
    let text = statements[s]!;
    if (known.size > 0) {
      const eq = /(?:^|[\s{(;])(?:local\s+|my\s+|our\s+|var\s+|let\s+|const\s+)?[$@]?[A-Za-z_]\w*\s*=(?!=)/.exec(text);
      const head = eq ? text.slice(0, eq.index + eq[0].length) : '';
      let body = text.slice(head.length);
      for (const [name, index] of known) {
        const re = new RegExp(`(?<![\\w.$@])${name.replace(/[$@]/g, '[$@]')}(?![\\w(])`, 'g');
        const next = body.replace(re, lit(index));
        if (next !== body) changed = true;
        body = next;
      }
      text = head + body;
      const fold: Fold = { ...f, code: text };
      for (let pass = 0; pass < MAX_PASSES && foldOnce(fold); pass++);
      text = fold.code;
      statements[s] = text;
    }
    const m = assignment.exec(text);
    if (m) known.set(m[1]!, Number(m[2]));
    if (known.size > 32) break;
  }
  if (changed) f.code = statements.join('');
  return changed;
}

/** Fold `code` (bounded as above); undefined when there is nothing to fold. */
function fold(code: string, language: string | undefined): Fold | undefined {
  if (code.length > MAX_CODE || !/['"`]|\d\s*,|%[wW]|\$env\(HOME\)/.test(code)) return undefined;
  const f = tokenize(code, language !== undefined && /^(lua|luajit|lua5\.\d)$/.test(language));
  foldHome(f);
  for (let pass = 0; pass < MAX_PASSES && foldOnce(f); pass++);
  if (/=/.test(f.code) && foldVariables(f)) for (let pass = 0; pass < MAX_PASSES && foldOnce(f); pass++);
  return f;
}

/**
 * `code` with every name it builds from literals written as one double-quoted literal
 * (`require("./ev"+"il.js")` reads `require("./evil.js")`), for readers that look for literal
 * arguments; `code` itself when it builds none.
 */
export function foldedText(code: string, language?: string): string {
  if (!/['"`]\s*(?:\+|\.\.?|\|\||\*)|\\[xu0-7]|\bjoin\b|format|printf|reverse|\bchr\b|fromCharCode|pack|\bbytes\s*\(/.test(code)) return code;
  const f = fold(code, language);
  if (!f || ![...f.code.matchAll(new RegExp(LIT, 'g'))].some((m) => f.derived.has(Number(m[1])))) return code;
  return f.code.replace(new RegExp(LIT, 'g'), (_m, i: string) => JSON.stringify(f.values[Number(i)] ?? ''));
}

let lastKey: string | undefined;
let lastResult = '';

/** The names `code` builds from literals, one a line; empty when it builds none. */
export function foldedNames(code: string, language?: string): string {
  const decimal = language !== undefined && /^(lua|luajit|lua5\.\d)$/.test(language);
  const key = (decimal ? 'd' : 'o') + code;
  if (key === lastKey) return lastResult;
  lastKey = key;
  lastResult = '';
  const f = fold(code, language);
  if (!f) return lastResult;
  const out: string[] = [];
  for (const i of f.derived) {
    const v = f.values[i]!;
    if (v.length >= 2 && v.length <= 300 && /[./~]/.test(v) && !out.includes(v)) out.push(v);
  }
  lastResult = out.slice(0, 32).join('\n');
  return lastResult;
}
