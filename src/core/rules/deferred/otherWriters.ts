/**
 * Writers of files that run later, other than printers, copiers and `sed -i` (red team round 14; issue
 * #18 item 5): line filters whose output is lines of the files they read (`sed -n p x >> Makefile`,
 * `sort`, `uniq`), editors driven by a script (`awk -i inplace`, `ed`/`ex` fed `a`/`i`/`c`
 * commands), patches (`patch -p1 < x.patch`, `git apply`, `git am`: the lines they add, per file), a
 * file checked out from another version (`git checkout other/branch -- ci.yml`, `git restore
 * --source=X`: a text the hook cannot read now), and interpreter code copying a file
 * (`shutil.copy(src, 'conftest.py')`, `fs.copyFileSync`, `open(dst,'w').write(open(src).read())`).
 * Each gives the text written where it can be known, to be judged as the place's content.
 */

import { resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { CodeSnippet, Facts, Invocation } from '../../policy/types';
import { readingsOf, toolArgs, toolNamed } from '../../registry/commandModel';
import { grammarOf, readEffectArgs, values as optionValues } from '../../policy/effectOptions';
import { parseCommand, type GrammarSpec } from '../../shell/grammar';
import { sedStreamText } from './sedEdit';

/** ed's options (`-s`, `-p PROMPT`): its operand is the file edited. */
const ED: GrammarSpec = { options: [{ names: ['-p', '--prompt'], takes: 'one' }], interspersed: true, unknownShort: 'switch', unknownLong: 'switch' };
/** `git apply` / `git am` after the subcommand: `-p N` strips, `--directory` roots, the operands are the patches; check-only modes write nothing. */
const APPLY: GrammarSpec = {
  options: [{ names: ['-p'], takes: 'one' }, { names: ['--directory'], takes: 'one' }, { names: ['--exclude', '--include', '-C', '--whitespace', '--build-fake-ancestor', '--patch-format', '--resolvemsg'], takes: 'one' }],
  interspersed: true,
  unknownShort: 'switch',
  unknownLong: 'switch',
};
const CHECK_ONLY = new Set(['--check', '--stat', '--numstat', '--summary', '--abort', '--skip', '--quit', '--show-current-patch']);

export interface OtherWrite {
  path: string;
  text: string | undefined;
  writer: string;
  from?: string;
  opaque?: string;
}

/** Programs whose output lines are lines of the files they read (or of their input), possibly fewer, reordered or edited. */
const LINE_FILTERS = /^(sed|gsed|awk|gawk|mawk|nawk|sort|uniq)$/;

/** Text literals an awk or sed program prints or inserts (`print "…"`, sed's `a`/`i`/`c` text): what it may add to its input. */
function insertedLiterals(inv: Invocation): string {
  const program = effectsOf(inv).filter((e) => e.kind === 'code').map((e) => e.word.text).join('\n');
  if (program === '') return '';
  const out: string[] = [];
  if (inv.name.endsWith('awk')) for (const m of program.matchAll(/\bprintf?\s*\(?\s*"((?:[^"\\]|\\.)*)"/g)) out.push(unescape(m[1]!));
  else for (const m of program.matchAll(/(?:^|[;\n}]|\d|\$|\/)\s*[aic]\\?\s*\n?([^\n;}]*)/g)) out.push(unescape(m[1]!));
  return out.join('\n');
}

function unescape(text: string): string {
  return text.replace(/\\([nt\\"])/g, (_m, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e));
}

/** The text a line filter's output may hold: its files' (or its input file's) text and what its program inserts. */
export function filteredText(inv: Invocation, facts: Facts, cwd: string): { text: string; from?: string } | undefined {
  if (!LINE_FILTERS.test(inv.name)) return undefined;
  const files = effectsOf(inv).filter((e) => e.kind === 'read').map((e) => e.word);
  if (files.length > 8 || files.some((w) => w.dynamic)) return undefined;
  const paths = files.length > 0 ? files.map((w) => resolvePath(cwd, w.text, facts.home)) : inv.stdin?.kind === 'file' ? [resolvePath(cwd, inv.stdin.path, facts.home)] : [];
  const texts = paths.map((p) => facts.readFile(p));
  if (texts.some((t) => t === undefined) || (paths.length === 0 && inv.stdin === undefined)) return undefined;
  // `sed 's/a/b/' f > g`, `awk '{sub(/a/,"b")}1' f > g` (round 6): the files' text with the substitution made.
  const edited = inv.name === 'sed' ? sedStreamText(inv, facts, cwd)?.text : paths.length === 1 && inv.name.endsWith('awk') ? awkSubstituted(inv, texts[0]!) : undefined;
  const text = [edited ?? texts.join('\n'), insertedLiterals(inv)].join('\n');
  return text.trim() === '' ? undefined : { text, ...(paths[0] !== undefined ? { from: paths[0] } : {}) };
}

/** awk's `sub(/re/, "text")` and `gsub(…)` on the record, as JavaScript replacements over each line (plain patterns only). */
const AWK_SUB = /\b(g?sub)\s*\(\s*\/((?:[^/\\]|\\.)*)\/\s*,\s*"((?:[^"\\]|\\.)*)"\s*(?:,\s*\$0\s*)?\)/g;

function awkSubstituted(inv: Invocation, text: string): string | undefined {
  const program = effectsOf(inv).filter((e) => e.kind === 'code').map((e) => e.word.text).join('\n');
  const subs: [RegExp, string][] = [];
  for (const m of program.matchAll(AWK_SUB)) {
    try {
      subs.push([new RegExp(m[2]!, m[1] === 'gsub' ? 'g' : ''), unescape(m[3]!).replace(/\$/g, '$$$$').replace(/&/g, '$$&')]);
    } catch {
      return undefined;
    }
  }
  if (subs.length === 0) return undefined;
  return text.split('\n').map((line) => subs.reduce((l, [re, to]) => l.replace(re, to), line)).join('\n');
}

/** `awk -i inplace PROG FILE`, `ed -s FILE <<< SCRIPT`, `ex -s FILE`: the file's text with what the script inserts. */
export function scriptedEdits(inv: Invocation, facts: Facts, cwd: string, piped?: string): OtherWrite[] {
  if (/^(g?awk)$/.test(inv.name)) {
    if (!inv.args.some((a) => /inplace/.test(a.text))) return [];
    const written = effectsOf(inv).filter((e) => e.kind === 'write' && !e.word.dynamic).map((e) => resolvePath(cwd, e.word.text, facts.home));
    const added = insertedLiterals(inv);
    return written.slice(0, 8).map((path) => ({ path, text: `${facts.readFile(path) ?? ''}\n${added}`, writer: `${inv.name} -i inplace` }));
  }
  if (inv.name !== 'ed' && inv.name !== 'ex' && inv.name !== 'red') return [];
  const file = parseCommand(inv.args, ED).operands.find((a) => !a.text.startsWith('+'));
  const script = inv.stdin?.kind === 'heredoc' || inv.stdin?.kind === 'herestring' ? inv.stdin.text : inv.stdin?.kind === 'file' ? facts.readFile(resolvePath(cwd, inv.stdin.path, facts.home)) : piped;
  if (!file || file.dynamic || inv.name === 'red') return [];
  const path = resolvePath(cwd, file.text, facts.home);
  if (script === undefined) return [{ path, text: undefined, writer: inv.name, opaque: `an ${inv.name} script the hook cannot read` }];
  const added: string[] = [];
  let inserting = false;
  for (const line of script.split('\n')) {
    if (inserting) {
      if (line === '.') inserting = false;
      else added.push(line);
    } else if (/^[\d,.$+\-/;'a-z]*?[aic]$/.test(line.trim()) || /^\s*(\d+|\$)?[aic]$/.test(line)) inserting = true;
    else if (/^[\d,.$]*s(.).*\1.*\1/.test(line.trim())) added.push(line);
  }
  return [{ path, text: `${facts.readFile(path) ?? ''}\n${added.join('\n')}`, writer: inv.name }];
}

/** The files a unified diff changes and the lines it adds to each (`+++ b/path` with the leading parts stripped). */
function patchedFiles(diff: string, strip: number): { file: string; added: string }[] {
  const out: { file: string; added: string[] }[] = [];
  let current: { file: string; added: string[] } | undefined;
  for (const line of diff.split('\n')) {
    const target = /^\+\+\+ (\S+)/.exec(line);
    if (target) {
      const parts = target[1]!.split('/');
      const file = parts.slice(Math.min(strip, parts.length - 1)).join('/');
      current = file === '/dev/null' || target[1] === '/dev/null' ? undefined : { file, added: [] };
      if (current) out.push(current);
      continue;
    }
    if (current && line.startsWith('+')) current.added.push(line.slice(1));
  }
  return out.slice(0, 16).map((f) => ({ file: f.file, added: f.added.join('\n') }));
}

/** `patch [-pN] [-i F] [-d DIR] [< F]`, `git apply [-pN] F…`, `git am F…`: each file the patch changes, with the lines it adds. */
export function patchWrites(inv: Invocation, facts: Facts, cwd: string): OtherWrite[] {
  let files: string[] = [];
  let strip = 1;
  let dir = cwd;
  let writer = inv.name;
  if (inv.name === 'patch' || inv.name === 'gpatch') {
    // patch's options through its effect grammar (effectOptions.ts): `-pN`, `-i F`, `-d DIR`; else the file on standard input.
    const read = readEffectArgs(inv.args, grammarOf('patch'));
    const p = optionValues(read, 'p', 'strip')[0]?.text;
    strip = p !== undefined && /^\d+$/.test(p) ? Number(p) : 0;
    const input = optionValues(read, 'i', 'input')[0];
    const d = optionValues(read, 'd', 'directory')[0];
    if (d !== undefined && !d.dynamic) dir = resolvePath(cwd, d.text, facts.home);
    if (input !== undefined) files = input.dynamic ? [] : [input.text];
    else if (inv.stdin?.kind === 'file') files = [inv.stdin.path];
    else if (inv.stdin !== undefined) return [];
    else files = read.operands.slice(1, 2).filter((w) => !w.dynamic).map((w) => w.text);
  } else if (inv.name === 'git' && inv.args.some((a) => a.text === 'apply' || a.text === 'am')) {
    const spec = toolNamed('git');
    const reading = spec ? readingsOf(inv.args, spec)[0] : undefined;
    const sub = reading?.path[0];
    if (!reading || (sub !== 'apply' && sub !== 'am')) return [];
    const apply = parseCommand(inv.args.slice((reading.pathIndexes[0] ?? 0) + 1), APPLY);
    if (apply.options.some((o) => CHECK_ONLY.has(o.name))) return [];
    const p = apply.options.find((o) => o.name === '-p')?.values[0];
    strip = p !== undefined && /^\d+$/.test(p) ? Number(p) : 1;
    const root = apply.options.find((o) => o.name === '--directory')?.values[0];
    if (root !== undefined) dir = resolvePath(cwd, root, facts.home);
    files = apply.operands.filter((w) => !w.dynamic).map((w) => w.text);
    if (files.length === 0 && inv.stdin?.kind === 'file') files = [inv.stdin.path];
    writer = `git ${sub}`;
  } else return [];
  const out: OtherWrite[] = [];
  for (const f of files.slice(0, 4)) {
    const from = resolvePath(cwd, f, facts.home);
    const diff = facts.readFile(from);
    if (diff === undefined) continue;
    for (const { file, added } of patchedFiles(diff, strip)) out.push({ path: resolvePath(dir, file, facts.home), text: added, writer, from });
  }
  return out;
}

/** `HEAD`, `HEAD~2`, `@^`: the project's own history below the current commit. */
const OWN_HISTORY = /^(HEAD|@)([~^]\d*)*$/;

/** `git checkout REF -- paths`, `git restore --source=REF paths`: the version named, unless it is HEAD's own history. */
export function otherVersionOf(inv: Invocation): string | undefined {
  if (inv.name !== 'git') return undefined;
  const spec = toolNamed('git');
  const reading = spec ? readingsOf(inv.args, spec)[0] : undefined;
  if (!spec || !reading) return undefined;
  const sub = reading.path[0];
  if (sub === 'restore') {
    const source = toolArgs('git', reading, spec).value('--source');
    return source !== undefined && !OWN_HISTORY.test(source) ? source : undefined;
  }
  if (sub !== 'checkout' || reading.endOfOptions === undefined) return undefined;
  const ref = reading.operands.find((_w, i) => (reading.operandIndexes[i] ?? Infinity) < reading.endOfOptions!);
  return ref !== undefined && !OWN_HISTORY.test(ref.text) ? ref.text : undefined;
}

const Q = String.raw`(['"\x60])((?:\\.|(?!\1)[^\\])*)\1`;
const Q2 = Q.replace('\\1', '\\3');
/** `shutil.copy(src, dst)` (copy2, copyfile), `fs.copyFileSync(src, dst)` (cpSync, copyFile), `FileUtils.cp(src, dst)`, PHP `copy(src, dst)`. */
const COPY_CALL = new RegExp(String.raw`\b(?:shutil\.copy(?:2|file)?|copyFileSync|copyFile|cpSync|FileUtils\.(?:cp|copy|install)|(?<![\w.])copy)\(\s*` + Q + String.raw`\s*,\s*` + Q2, 'g');
/** `open(dst, 'w').write(open(src).read())`, `Path(dst).write_text(Path(src).read_text())`, `writeFileSync(dst, readFileSync(src))`. */
const WRITE_OF_READ = new RegExp(String.raw`\b(?:open|Path|writeFileSync|appendFileSync|file_put_contents)\(\s*` + Q + String.raw`[^;\n]{0,80}?(?:read|read_text|readFileSync|file_get_contents)?\(?\s*(?:open|Path|readFileSync|file_get_contents)\(\s*` + Q2, 'g');

/** Files interpreter code copies into place, with the copied file's text (undefined when it cannot be read now). */
export function snippetCopies(snippet: CodeSnippet, facts: Facts): OtherWrite[] {
  const text = snippet.text.length > 100_000 ? snippet.text.slice(0, 100_000) : snippet.text;
  const cwd = snippet.runner.cwd || facts.cwd;
  const out: OtherWrite[] = [];
  const add = (to: string, from: string): void => {
    if (out.length >= 8 || to === '' || from === '' || /[{$]/.test(to + from)) return;
    const source = resolvePath(cwd, from, facts.home);
    out.push({ path: resolvePath(cwd, to, facts.home), text: facts.readFile(source), writer: `${snippet.runner.name} code`, from: source });
  };
  for (const m of text.matchAll(COPY_CALL)) add(m[4]!, m[2]!);
  for (const m of text.matchAll(WRITE_OF_READ)) add(m[2]!, m[4]!);
  return out;
}
