import { minimatch } from 'minimatch';
import { resolvePath } from '../../paths';
import type { CodeSnippet, CredentialFileInfo, Finding, RuleContext } from '../../policy/types';
import { readFinding } from '../credentials';
import { infoFor } from './credentialPaths';

/**
 * Interpreter code that reaches a credential file without writing its name as one string: a name
 * assembled from pieces (`'.e' + 'nv'`), a dotenv loader that reads `.env` by default and hands back its
 * values (`dotenv_values()`, `dotenv.parse`), and a glob whose pattern matches credential files
 * (`glob.glob('.env*')`, `Path('.').rglob('*.pem')`, `Dir.glob('.env*')`).
 */

const QUOTED = String.raw`(?:'([^'\\\n]*)'|"([^"\\\n]*)")`;
const CONCATENATION = new RegExp(`${QUOTED}(?:\\s*\\+\\s*${QUOTED})+`, 'g');

/** Strings a snippet builds by joining literals with `+`. */
function assembledStrings(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(CONCATENATION)) {
    const pieces = [...m[0].matchAll(new RegExp(QUOTED, 'g'))].map((p) => p[1] ?? p[2] ?? '');
    if (pieces.length > 1) out.push(pieces.join(''));
    if (out.length >= 16) break;
  }
  return out;
}

/** Patterns handed to a glob call: Python glob/iglob/Path.glob/rglob, Ruby Dir.glob/Dir[], node's glob helpers. */
function globPatterns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:i?glob|rglob|globSync|fg|fastGlob|sync|Dir\.glob|Dir)\s*[([]\s*(?:'([^'\n]*)'|"([^"\n]*)")/g)) {
    out.push(m[1] ?? m[2] ?? '');
    if (out.length >= 16) break;
  }
  return out.filter((p) => /[*?[{]/.test(p));
}

const DOTENV_READERS = /\bdotenv_values\s*\(|\bdotenv\.parse\s*\(|\bDotenv\.(?:parse|load)\s*\(|\bdotenv\.config\s*\([^)]*\)\s*\.parsed/;

/** Calls that read a file's content, in the languages a snippet is judged in. */
const FILE_READS = /\bopen\s+\$?\w+\s*,|\b(open|read_text|read_bytes|readFileSync|readFile|createReadStream|File\.read|IO\.read|readlines|file_get_contents|readfile|fopen|file|slurp|load|loads|safe_load)\s*\(|\bFile\.(read|open|foreach)\b|\bcat\b/;

/** A variable's value read in code: `os.environ["F"]`, `os.getenv('F')`, `process.env.F`, `ENV['F']`, `$ENV{F}`, `getenv('F')`. */
const ENV_READS = /\bos\.environ(?:\.get)?\s*[[(]\s*['"](\w+)['"]|\bos\.getenv\s*\(\s*['"](\w+)['"]|\bprocess\.env(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])|\bENV\s*(?:\[|\.fetch\s*\()\s*['"](\w+)['"]|\$ENV\{\s*['"]?(\w+)['"]?\s*\}|\bgetenv\s*\(\s*['"](\w+)['"]/g;

/** PHP's include and require print a file that is not PHP code as it is. */
const PHP_INCLUDES = /\b(?:include|require)(?:_once)?\s*\(?\s*['"]([^'"\n]+)['"]/g;

/** Standard-library readers of a credential store at its default place: Python's `netrc.netrc()`, Ruby's `Net::Netrc.locate`. */
const DEFAULT_STORE_READERS: ReadonlyArray<{ re: RegExp; path: string }> = [
  { re: /\bnetrc\.netrc\s*\(\s*\)|\bNet::Netrc\.locate\b/, path: '.netrc' },
];

/** Credential files a snippet reaches by an assembled name, a dotenv loader or a glob, each once. */
/** Python's whole-folder archivers and copiers, with the folder they take (a literal). */
const FOLDER_COPIES = /\bmake_archive\(\s*[^,()]+,\s*['"]\w+['"]\s*,\s*(?:root_dir\s*=\s*)?['"]([^'"]+)['"]|\bcopytree\(\s*['"]([^'"]+)['"]/g;
/** A tar archive's `add(folder)` (recursive by default). */
const TAR_ADD = /\.add\(\s*['"]([^'"]+)['"]\s*[,)]/g;

export function checkSnippetCredentialReads(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!['python', 'javascript', 'ruby', 'perl', 'php'].includes(snippet.language)) return [];
  const text = snippet.text;
  if (text.length > 64 * 1024) return [];
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  const out: Finding[] = [];
  const add = (info: CredentialFileInfo | undefined, how: string): void => {
    if (info && !out.some((f) => f.targets[0]?.name === info.path)) out.push(readFinding('reads', info, how));
  };
  const who = `A ${snippet.language} snippet run by ${snippet.runner.name}`;
  for (const s of assembledStrings(text)) add(infoFor(resolvePath(cwd, s, facts.home), facts), `${who} (a file name assembled from pieces)`);
  if (DOTENV_READERS.test(text)) add(infoFor(resolvePath(cwd, '.env', facts.home), facts), `${who} (a dotenv loader)`);
  for (const r of DEFAULT_STORE_READERS) if (r.re.test(text)) add(infoFor(`${facts.home.replace(/\/+$/, '')}/${r.path}`, facts), `${who} (a standard-library reader of ~/${r.path})`);
  if (snippet.language === 'php') for (const m of text.matchAll(PHP_INCLUDES)) add(infoFor(resolvePath(cwd, m[1] ?? '', facts.home), facts), `${who} (an include, which prints a file that is not PHP as it is)`);
  // A path handed over in a variable (`F=.env python3 -c 'open(os.environ["F"])'`).
  if (FILE_READS.test(text)) {
    for (const m of [...text.matchAll(ENV_READS)].slice(0, 8)) {
      const name = m.slice(1).find((g) => g !== undefined) ?? '';
      const value = snippet.runner.assignments[name];
      if (value !== undefined && value !== '') add(infoFor(resolvePath(cwd, value, facts.home), facts), `${who} (a path in $${name})`);
    }
  }
  // A folder archived or copied whole (`shutil.make_archive('/tmp/x', 'zip', '.')`, `shutil.copytree('.', '/tmp/y')`,
  // `tar.add('.')`): its credential files go into the archive or the copy, ignore files or not.
  const copies = [...text.matchAll(FOLDER_COPIES), ...(/\btarfile\b/.test(text) ? text.matchAll(TAR_ADD) : [])];
  for (const m of copies.slice(0, 4)) {
    const dir = m[1] ?? m[2] ?? '';
    for (const f of (facts.credentials?.filesUnder(resolvePath(cwd, dir, facts.home)) ?? []).slice(0, 4)) {
      if (!out.some((x) => x.targets[0]?.name === f.path)) out.push(readFinding('archives', f, `${who} (the folder ${dir} archived or copied whole)`));
    }
  }
  // A glob alone prints names (`print(glob.glob('.env*'))`); it reaches values only when the snippet reads files.
  for (const pattern of FILE_READS.test(text) ? globPatterns(text) : []) {
    const segments = pattern.split('/');
    const firstGlob = segments.findIndex((seg) => /[*?[{]/.test(seg));
    const base = resolvePath(cwd, firstGlob <= 0 ? (pattern.startsWith('/') ? '/' : '.') : segments.slice(0, firstGlob).join('/') || '/', facts.home);
    const files = facts.credentials?.filesUnder(base) ?? [];
    const tail = pattern.slice(pattern.lastIndexOf('/') + 1);
    for (const f of files.slice(0, 64)) {
      const name = f.path.slice(f.path.lastIndexOf('/') + 1);
      if (minimatch(name, tail, { dot: true })) add(f, `${who} (a glob, "${pattern}")`);
    }
    if (files.length === 0) {
      for (const name of facts.listDir(base) ?? []) {
        if (!minimatch(name, tail, { dot: true })) continue;
        add(infoFor(`${base}/${name}`, facts), `${who} (a glob, "${pattern}")`);
        if (out.length >= 8) break;
      }
    }
  }
  return out;
}
