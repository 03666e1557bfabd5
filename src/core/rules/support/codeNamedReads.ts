import { ownTable } from '../../ownTable';
import type { Analysis, ArgWord, CredentialFileInfo, Finding, Invocation, RuleContext } from '../../policy/types';
import { credentialFilesNamedIn } from '../credentialHunt';
import { readFinding } from '../credentials';
import { infoFor, pathsOfWord } from './credentialPaths';
import { foldedNames } from './foldedStrings';

/**
 * Credential files read by programs whose own language names them, which the interpreter snippets do
 * not model: a one-liner of Lua, R, Emacs Lisp, Julia, Tcl and the like (`lua -e 'io.open(".env")…'`,
 * `emacs --batch --eval '(insert-file-contents ".env")'`), a SQL engine's file functions
 * (`sqlite3 :memory: "select readfile('.env')"`, duckdb `read_text('~/.aws/credentials')`), the line
 * editor `ed` (its commands print lines), `yq FILE` (a lone operand that is a file is read as one),
 * and `source .env` while the shell echoes each command (`set -x`), which prints every value.
 */

/** Inline-code options per runtime (a value given as the next word or glued after `=`). */
export const INLINE_CODE: Readonly<Record<string, readonly string[]>> = ownTable({
  lua: ['-e'], luajit: ['-e'], Rscript: ['-e', '--expr'], R: ['-e'], julia: ['-e', '--eval', '-E', '--print'], guile: ['-c'],
  emacs: ['--eval', '-eval', '--execute', '-execute'], sbcl: ['--eval'], racket: ['-e', '--eval'], elixir: ['-e', '--eval'], erl: ['-eval'],
  octave: ['--eval'], groovy: ['-e'], scala: ['-e'], tclsh: [], wish: [], gnuplot: ['-e'],
});

/** Runtimes that also read their program from standard input (`tclsh <<< 'puts [read [open .env]]'`). */
export const STDIN_CODE = new Set(['lua', 'luajit', 'R', 'Rscript', 'julia', 'tclsh', 'guile', 'racket', 'gnuplot', 'octave', 'sqlite3', 'sqlite', 'duckdb']);

/** Options of emacs whose value is a file it loads into a buffer. */
const EMACS_FILES = ['--insert', '-insert', '--visit', '--file', '--find-file', '-l', '--load'];

const SQL_ENGINES = new Set(['sqlite3', 'sqlite', 'duckdb']);
/** File functions of SQLite's shell and DuckDB. */
const SQL_FILE_FUNCTIONS = /\b(readfile|read_text|read_blob|read_csv(?:_auto)?|read_json(?:_auto|_objects)?|read_ndjson(?:_objects)?|read_parquet|sniff_csv)\s*\(\s*\[?\s*'((?:[^']|'')+)'/gi;

export function optionValues(args: readonly ArgWord[], names: readonly string[]): ArgWord[] {
  const out: ArgWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgWord;
    const glued = names.find((n) => n.startsWith('--') && a.text.startsWith(n + '='));
    if (names.includes(a.text) && args[i + 1]) out.push(args[++i] as ArgWord);
    else if (glued) out.push({ ...a, text: a.text.slice(glued.length + 1) });
  }
  return out;
}

export function stdinText(inv: Invocation): string | undefined {
  return inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : undefined;
}

export function checkCodeNamedReads(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const cwd = inv.cwd || facts.cwd;
  const out: Finding[] = [];
  const report = (files: readonly CredentialFileInfo[], verb: string, how: string): void => {
    for (const f of files) if (!out.some((x) => x.reason.includes(` ${f.path},`))) out.push(readFinding(verb, f, how));
  };
  const fileOf = (w: ArgWord): CredentialFileInfo[] => pathsOfWord(w, cwd, facts).map((p) => infoFor(p, facts)).filter((x): x is CredentialFileInfo => x !== undefined);
  const name = inv.name;
  if (Object.hasOwn(INLINE_CODE, name)) {
    const code = optionValues(inv.args, INLINE_CODE[name] ?? []).map((w) => w.text);
    const piped = STDIN_CODE.has(name) ? stdinText(inv) : undefined;
    if (piped !== undefined) code.push(piped);
    // Tcl's command brackets (`[open .env]`) are not part of a name.
    const plain = (text: string): string => (name === 'tclsh' || name === 'wish' ? text.replace(/[[\]]/g, ' ') : text).replace(/\\"/g, '"');
    for (const text of code) {
      report(credentialFilesNamedIn(plain(text), cwd, facts), 'reads', `${name} (a file its code names)`);
      report(credentialFilesNamedIn(foldedNames(text, name), cwd, facts), 'reads', `${name} (a file name its code builds from pieces)`);
    }
    if (name === 'emacs') for (const w of optionValues(inv.args, EMACS_FILES)) report(fileOf(w), 'loads', 'emacs');
  }
  if (SQL_ENGINES.has(name)) {
    const texts = [...inv.args.map((a) => a.text), stdinText(inv) ?? ''];
    for (const text of texts) {
      // `readfile('.e'||'nv')`: a name glued from literals.
      if (/\|\||concat/i.test(text) && /\b(?:readfile|read_text|read_blob|read_csv|read_json)/i.test(text)) report(credentialFilesNamedIn(foldedNames(text), cwd, facts), 'reads', `${name} (a file name its SQL builds from pieces)`);
      for (const m of text.matchAll(SQL_FILE_FUNCTIONS)) {
        const file = (m[2] ?? '').replace(/''/g, "'");
        report(fileOf({ text: file, raw: file, dynamic: false, glob: /[*?[]/.test(file) }), 'reads', `${name} ${(m[1] ?? '').toLowerCase()}()`);
      }
      // The SQLite shell's `.import FILE TABLE` (then a select prints it) and `.read FILE` (its errors print the lines).
      for (const m of text.matchAll(/(?:^|[\n;])\s*\.(import|read)\s+(?:--?\w+\s+)*(['"]?)([^\s'"]+)\2/g)) {
        const file = m[3] ?? '';
        report(fileOf({ text: file, raw: file, dynamic: false, glob: false }), 'reads', `${name} .${m[1] ?? ''}`);
      }
    }
  }
  if (name === 'ed' || name === 'red') {
    for (const w of inv.args.filter((a) => !a.text.startsWith('-'))) report(fileOf(w), 'opens (its commands print lines)', name);
  }
  if (name === 'yq' && !inv.args.some((a) => a.text === '-n' || a.text === '--null-input')) {
    // yq v4: a lone operand that is a file is the file, read with the identity expression.
    const operands = inv.args.filter((a) => !a.text.startsWith('-') && !/^-[a-zA-Z]$/.test(a.text));
    const valuedBefore = (a: ArgWord): boolean => /^(-p|-o|-I|--input-format|--output-format|--indent|--expression)$/.test(inv.args[inv.args.indexOf(a) - 1]?.text ?? '');
    const files = operands.filter((a) => !valuedBefore(a));
    if (files.length === 1) report(fileOf(files[0] as ArgWord), 'prints', 'yq');
  }
  return out;
}

/** `set -x; source .env`: with xtrace (or verbose) on, the shell prints each assignment of the file, values and all. */
export function checkTracedSources(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  let tracing = false;
  const out: Finding[] = [];
  for (const inv of analysis.invocations.slice(0, 256)) {
    if (inv.name === 'set') {
      inv.args.forEach((a, i) => {
        if (/^-[a-zA-Z]*[xv]/.test(a.text) || (a.text === '-o' && /^(xtrace|verbose)$/.test(inv.args[i + 1]?.text ?? ''))) tracing = true;
        if (/^\+[a-zA-Z]*[xv]/.test(a.text) || (a.text === '+o' && /^(xtrace|verbose)$/.test(inv.args[i + 1]?.text ?? ''))) tracing = false;
      });
      continue;
    }
    if (!tracing || (inv.name !== 'source' && inv.name !== '.')) continue;
    const file = inv.args[0];
    if (!file) continue;
    for (const p of pathsOfWord(file, inv.cwd || facts.cwd, facts)) {
      const info = infoFor(p, facts);
      if (info) out.push(readFinding('prints every line (set -x echoes each command with its values) of', info, inv.name));
    }
  }
  return out;
}

