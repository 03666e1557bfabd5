import { ownTable } from '../../ownTable';
import type { ArgWord, CredentialFileInfo, Facts, Invocation } from '../../policy/types';
import { searchMatchesText, searchPatternsOf, type SearchPatterns } from '../../credentials/searchPatterns';
import { resolvePath } from '../../paths';
import { effectGrammar, grammarOf, has, readEffectArgs, values } from '../../policy/effectOptions';
import { infoFor, pathsOfWord } from './credentialPaths';
import { analyze } from '../../policy/analyze';
import { credentialFilesNamedIn } from '../credentialHunt';
import { foldedNames } from './foldedStrings';
import { awkGetlineFiles } from './awkVariables';

/**
 * Credential files a listing names by its operands and hands on through a pipe (`ls .env* | xargs
 * cat`, `ls ~/.ssh/id_* | xargs cat`, `printf '%s\n' legacy/* | xargs cat`, `echo .env | xargs cat`):
 * `ls` prints a file operand as itself (a glob the shell expands), `printf`/`echo` print their words.
 * What `ls` lists inside a folder operand is the finder's business (listerRoots.ts).
 */
const LISTERS: Readonly<Record<string, (words: readonly string[]) => number>> = ownTable({
  ls: () => 0,
  echo: () => 0,
  // The format comes first.
  printf: (words) => (words[0] !== undefined ? 1 : 0),
});

export function listedOperandFiles(from: Invocation, cwd: string, facts: Facts): CredentialFileInfo[] {
  const skip = Object.hasOwn(LISTERS, from.name) ? LISTERS[from.name] : undefined;
  if (!skip) return [];
  const operands = from.args.filter((a) => !a.text.startsWith('-') || from.name === 'printf');
  const out: CredentialFileInfo[] = [];
  for (const word of operands.slice(skip(operands.map((a) => a.text)), 64)) {
    for (const p of pathsOfWord(word, from.cwd || cwd, facts).slice(0, 256)) {
      const info = infoFor(p, facts);
      if (info && !out.some((x) => x.path === info.path)) out.push(info);
      if (out.length >= 16) return out;
    }
  }
  return out;
}

/** Filters a listing's lines pass through on their way to xargs; a search keeps the paths it matches, the others may keep any. */
const LINE_FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'head', 'tail', 'sort', 'uniq', 'tac', 'shuf', 'cat']);
const SEARCHES = new Set(['grep', 'egrep', 'fgrep', 'rg']);
/** Filters that may rewrite each line, mostly to a field of it (`awk '{print $2}'`, `cut -c4-`): a listing behind them still names its files, though not only them. */
export const FIELD_FILTERS: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk', 'nawk', 'cut', 'sed', 'tr']);

/**
 * `git ls-files | grep env | xargs cat`: the listing behind the filters of its lines, and which of
 * its paths reach the consumer (a search's pattern tested on the path; an inverted or unknown pattern keeps all).
 */
export function throughLineFilters(from: Invocation, rewriting: ReadonlySet<string> = new Set()): { source: Invocation; keeps: (path: string) => boolean } {
  const searches: SearchPatterns[] = [];
  let source = from;
  for (let i = 0; i < 8 && (LINE_FILTERS.has(source.name) || rewriting.has(source.name)) && source.stdin?.kind === 'pipe'; i++) {
    if (SEARCHES.has(source.name)) searches.push({ ...searchPatternsOf(source.name, source.args), namesOnly: false });
    source = source.stdin.from;
  }
  return { source, keeps: (path) => searches.every((s) => searchMatchesText(s, path)) };
}

/** `cpio -o`/`-p` (copy-out, pass-through): takes the files to copy by the names on its input, one a line. */
export function cpioTakesNames(inv: Invocation): boolean {
  return inv.name === 'cpio' && inv.args.some((a) => a.text === '--create' || a.text === '--pass-through' || /^-[a-zA-Z]*[op][a-zA-Z]*$/.test(a.text));
}

/**
 * Archivers told to take the files named on their input, one a line: cpio's copy-out, `zip -@`,
 * `pax -w` with no file operand, `afio -o`, `tar -T -` (`--files-from=-`, `/dev/stdin`), `rsync --files-from=-`.
 */
export function takesNamesOnStdin(inv: Invocation): boolean {
  if (cpioTakesNames(inv)) return true;
  const program = STDIN_LISTERS[inv.name];
  if (!program) return false;
  const read = readEffectArgs(inv.args, program === 'afio' ? AFIO : grammarOf(program));
  switch (inv.name) {
    case 'zip':
      return has(read, '@', 'names-stdin');
    case 'pax':
      // Write mode (`-w`) without file operands reads the names from standard input.
      return has(read, 'w') && read.operands.length === 0;
    case 'afio':
      return has(read, 'o');
    default:
      return values(read, 'T', 'files-from').some((w) => w.text === '-' || w.text === '/dev/stdin');
  }
}

/** The archivers above, by the program whose option table (`grammarOf`, looked up when used) reads them. */
/** afio's options that take a value (only this question reads afio). */
const AFIO = effectGrammar('bsLMQRTw');

const STDIN_LISTERS: Readonly<Record<string, string>> = ownTable({ zip: 'zip', pax: 'pax', afio: 'afio', tar: 'tar', bsdtar: 'tar', gtar: 'tar', rsync: 'rsync' });

/** The text of names on an archiver's input known now: a here-string or heredoc, a list file, `echo`/`printf` piped in. */
export function namesFed(inv: Invocation, facts: Facts): { text: string; how: string } | undefined {
  const s = inv.stdin;
  if (s?.kind === 'herestring' || s?.kind === 'heredoc') return { text: s.text, how: 'on its input' };
  if (s?.kind === 'file') return { text: facts.readFile(s.path) ?? '', how: `in the list ${s.path} on its input` };
  if (s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf')) {
    return { text: s.from.args.filter((a) => !/^-[neE]+$/.test(a.text)).map((a) => a.text.replace(/\\n/g, '\n')).join('\n'), how: `${s.from.name} writes on its input` };
  }
  return undefined;
}

/** `cpio -o <<< .env`: credential files named one a line in a here-string or here-document. */
export function namesInText(text: string, cwd: string, facts: Facts): CredentialFileInfo[] {
  const out: CredentialFileInfo[] = [];
  for (const line of text.split('\n').slice(0, 256)) {
    const name = line.trim();
    if (name === '') continue;
    const info = infoFor(resolvePath(cwd, name, facts.home), facts);
    if (info && !out.some((x) => x.path === info.path)) out.push(info);
    if (out.length >= 16) break;
  }
  return out;
}

/**
 * `xargs -a <(echo ~/.aws/credentials) cat`, `xargs --arg-file=<(ls .env*) cat`: the argument file is a
 * process substitution, so the names come from its command as they would through a pipe. That
 * command (its last one run here), or undefined.
 */
function argFileProducer(inv: Invocation, facts: Facts): Invocation | undefined {
  if (inv.stdin !== undefined || !inv.via.includes('xargs')) return undefined;
  const words = inv.wrapperWords ?? [];
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!.raw;
    const value = t === '-a' || t === '--arg-file' ? words[i + 1]?.raw : /^(?:-a|--arg-file=)(<\(.*\))$/s.exec(t)?.[1];
    const inner = value !== undefined ? /^<\((.*)\)$/s.exec(value)?.[1] : undefined;
    if (inner === undefined || inner.length > 2000) continue;
    const found = analyze(inner, facts).invocations.filter((x) => x.via.length === 0);
    return found[found.length - 1];
  }
  return undefined;
}

/** `inv` with the argument file's command as its input, when xargs reads its names from a process substitution (above); else `inv`. */
export function withArgFileInput(inv: Invocation, facts: Facts): Invocation {
  const from = argFileProducer(inv, facts);
  return from ? { ...inv, stdin: { kind: 'pipe', from } } : inv;
}

/** awk: gawk's readfile extension (`@load "readfile"; readfile(".env")`), and names built from pieces read by getline or ARGV. */
export function awkBuiltReads(program: string, name: string, cwd: string, facts: Facts, args: readonly ArgWord[] = []): Array<readonly [CredentialFileInfo[], string]> {
  // `getline <` of literals side by side or of a variable set to them (awkVariables.ts).
  const out: Array<readonly [CredentialFileInfo[], string]> = awkGetlineFiles(program, args).map(({ file, how }) => [credentialFilesNamedIn(file, cwd, facts), how] as const);
  for (const m of program.matchAll(/\breadfile\s*\(\s*"([^"]*)"/g)) out.push([credentialFilesNamedIn(m[1] ?? '', cwd, facts), 'awk (readfile)']);
  if (/getline|ARGV|readfile/.test(program)) out.push([credentialFilesNamedIn(foldedNames(program, name), cwd, facts), 'awk (a file name its program builds from pieces)']);
  return out;
}
