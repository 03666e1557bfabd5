import { ownTable } from '../../ownTable';
import { minimatch } from 'minimatch';
import { resolvePath } from '../../paths';
import type { CodeSnippet, CredentialFileInfo, Facts, Finding, RuleContext } from '../../policy/types';
import { decodeBase64, decodeHex } from '../../shell/decode';
import { readFinding } from '../credentials';
import { credentialTarget, infoFor } from './credentialPaths';
import { homeBuiltPaths } from './homeBuiltPaths';
import { foldedNames } from './foldedStrings';
import { credentialFilesNamedIn } from '../credentialHunt';
import { checkSdkResolvers } from './sdkResolvers';
import { callArguments } from '../perimeter/codeTreeCopies';
import { rootOf } from '../perimeter/scriptListings';
import { argvArgument, scriptFileArguments } from '../perimeter/scriptBindings';

/**
 * Interpreter code that reads a file whose name it computes at run time: from a listing
 * (`open(glob.glob('.env.p*')[0])`, `fs.readdirSync('legacy')` then `readFileSync('legacy/'+f)`) or a
 * decoding (`open(base64.b64decode('…').decode())`). Literal listings are followed (a glob, a folder)
 * and literal encoded names decoded; what cannot be followed asks when the workspace (or the home
 * folder, when the code reaches for it) holds credential files.
 */

const LANGUAGES = new Set(['python', 'javascript', 'ruby', 'php', 'perl']);
/** A read whose argument does not start with a string literal closed right away. */
const COMPUTED_READ = /\b(open|read_text|read_bytes|readFileSync|readFile|createReadStream|readTextFile|file_get_contents|fopen|readfile|File\.read|IO\.read|File\.open|Bun\.file)\s*\(\s*(?!['"`][^'"`]*['"`]\s*[,)])/;
/** Perl's `open F, EXPR` and `open(my $f, '<', EXPR)` without a literal closed right away. */
const PERL_OPEN = /\bopen\s*\(?\s*(?:my\s+)?[$\w]+\s*,\s*(?:['"][<+]*['"]\s*,\s*)?(?!['"][^'"]*['"]\s*[;,)])/;
const LISTING = /\b(glob|iglob|listdir|scandir|walk|readdirSync|readdir|opendir|globSync|Dir\.glob|Dir\.entries|Dir\.children|rglob|iterdir)\s*\(\s*(['"`]([^'"`]*)['"`])?/g;
const DECODING = /\b(b64decode|urlsafe_b64decode|a85decode|b32decode|unhexlify|fromhex|atob|fromCharCode|decodeURIComponent|codecs\.decode|base64_decode|hex2bin|str_rot13|Base64\.decode64|unpack1?)\b|Buffer\.from\([^)]*,\s*['"](base64|hex)['"]|\[::-1\]|\.reverse\(\)/;
const HOME = /expanduser|homedir|Path\.home|['"`]~\/|\$HOME|os\.environ\[['"]HOME|process\.env\.HOME|ENV\[['"]HOME|getenv\(['"]HOME/;

function decodedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/['"`]([A-Za-z0-9+/=_-]{8,200})['"`]/g)) {
    const literal = m[1] ?? '';
    for (const decoded of [decodeBase64(literal), /^[0-9a-f]+$/i.test(literal) ? decodeHex(literal) : undefined]) {
      if (decoded !== undefined && /^[\x20-\x7e]{2,200}$/.test(decoded)) out.push(decoded);
    }
  }
  return out;
}

/** Runs of string literals joined by `+`, Perl's and PHP's `.`, Lua's `..`, or listed for a join, glued into the names they make. */
const gluedBy = (join: string): RegExp => new RegExp(`(['"\`])([^'"\`\\\\\\n]{0,100})\\1(?:\\s*(?:${join})\\s*(['"\`])[^'"\`\\\\\\n]{0,100}\\3){1,40}`, 'g');
/** By language: `+` (Python, JavaScript, Ruby), `.` (Perl, PHP), `..` (Lua); a comma lists pieces for a join. */
const GLUED: Readonly<Record<string, RegExp>> = ownTable({ default: gluedBy('[+,]'), perl: gluedBy('[.,]'), php: gluedBy('[.,]'), lua: gluedBy('\\.\\.|,') });

function gluedNames(text: string, language: string): string[] {
  const out: string[] = [];
  for (const m of text.slice(0, 64 * 1024).matchAll(GLUED[language] ?? GLUED.default!)) {
    // Perl's open modes (`'<', '.e' . 'nv'`, `'<.e' . 'nv'`) are no part of the name.
    const name = [...m[0].matchAll(/(['"`])([^'"`\\\n]*)\1/g)].map((p) => p[2]).join('').replace(/^[<>+|]+\s*/, '');
    if (/^[\w./~-]{2,200}$/.test(name) && out.length < 16) out.push(name);
  }
  return out;
}

/** `chr(46)+'env'`, `String.fromCharCode(46,101)`, `46.chr`: character codes written as the literals they make. */
function charCodesSpelled(text: string): string {
  if (!/chr|fromCharCode/i.test(text)) return text;
  return text
    .replace(/\b(?:chr|unichr)\s*\(\s*(\d{1,3})\s*\)|\b(\d{1,3})\.chr\b/g, (_m, a: string | undefined, b: string | undefined) => `'${String.fromCharCode(Number(a ?? b))}'`)
    .replace(/String\.fromCharCode\s*\(([\d\s,]{1,400})\)/g, (_m, list: string) => `'${list.split(',').map((d) => String.fromCharCode(Number(d.trim()))).join('')}'`);
}

/** `''.join(reversed('noitcudorp.vne.'))`, `"…".reverse`, `strrev('…')`, `[::-1]`: literals of code that reverses strings, reversed. */
function reversedNames(text: string): string[] {
  if (!/reversed?\b|\[::-1\]|strrev|\.reverse/.test(text)) return [];
  return [...text.slice(0, 64 * 1024).matchAll(/(['"`])([\w./~-]{2,200})\1/g)].slice(0, 16).map((m) => [...(m[2] ?? '')].reverse().join(''));
}

function scope(dir: string, facts: Facts): CredentialFileInfo[] {
  return facts.credentials ? facts.credentials.filesUnder(dir).slice(0, 8) : [];
}

export function checkComputedReads(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  const built = [...homeBuiltReads(snippet, ctx.facts), ...checkSdkResolvers(snippet, ctx), ...foldedReads(snippet, ctx.facts), ...argvReads(snippet, ctx.facts)];
  if (built.length > 0 || !LANGUAGES.has(snippet.language) || !(COMPUTED_READ.test(snippet.text) || (snippet.language === 'perl' && PERL_OPEN.test(snippet.text)))) return built;
  const facts = ctx.facts;
  const cwd = snippet.runner.cwd || facts.cwd;
  const how = `A ${snippet.language} snippet run by ${snippet.runner.name} (a file name computed at run time)`;
  const out: Finding[] = [];
  const add = (f: CredentialFileInfo | undefined): void => {
    if (f && !out.some((x) => x.targets[0]?.name === f.path)) out.push(readFinding('reads', f, how));
  };
  // Encoded names spelled in the code, decoded here.
  const decoded = decodedNames(snippet.text);
  for (const name of decoded) add(infoFor(resolvePath(cwd, name, facts.home), facts));
  // Names glued from literal pieces (`'.a'+'ws/cred'+'entials'`, `''.join(['.','e','n','v'])`, `['.','env'].join('')`).
  const fromHome = HOME.test(snippet.text);
  for (const name of [...gluedNames(charCodesSpelled(snippet.text), snippet.language), ...reversedNames(snippet.text)]) {
    add(infoFor(resolvePath(cwd, name, facts.home), facts));
    if (fromHome) add(infoFor(resolvePath(facts.home, name.replace(/^\/+/, ''), facts.home), facts));
  }
  const listings = [...snippet.text.matchAll(LISTING)];
  const decodes = DECODING.test(snippet.text);
  if (listings.length === 0 && !decodes) return out;
  // A decoding of a literal that spells no file name here (or of something computed) cannot be followed.
  let unknown = decodes && !decoded.some((name) => facts.fileStatus?.(resolvePath(cwd, name, facts.home)) === 'file');
  for (const m of listings) {
    // The code's own function of a listing's name (`function walk(d)`), defined or called: its listing is read inside.
    if (ownFunction(snippet.text, m[1]!, m.index)) continue;
    // A folder named by a variable, an argument of the script or a function's parameter (`function walk(d) { readdirSync(d) … } walk('src')`): its root when that can be read.
    const literal = m[3] ?? listedRoot(snippet, m.index + m[1]!.length);
    if (literal === undefined) {
      unknown = true;
      continue;
    }
    const pattern = literal === '' ? '.' : literal;
    if (/[*?[]/.test(pattern)) {
      const base = resolvePath(cwd, pattern.slice(0, Math.max(0, pattern.search(/[*?[]/))).replace(/[^/]*$/, '') || '.', facts.home);
      const full = resolvePath(cwd, pattern, facts.home);
      for (const f of scope(base, facts)) if (absolute(f, facts).some((p) => minimatch(p, full, { dot: true }) || minimatch(p, full + '/**', { dot: true }))) add(f);
    } else for (const f of scope(resolvePath(cwd, pattern, facts.home), facts)) add(f);
  }
  if (unknown) {
    const files = [...scope(cwd, facts), ...(HOME.test(snippet.text) ? scope(facts.home, facts) : [])];
    const first = files[0];
    if (first && out.length === 0) {
      out.push({
        rule: 'credentials.computed-read',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${how} reads a file the guard cannot name before it runs, and ${first.path} (${first.label})${files.length > 1 ? ` and ${files.length - 1} more credential file${files.length > 2 ? 's' : ''}` : ''} ${files.length > 1 ? 'are' : 'is'} within reach.`,
        targets: files.slice(0, 4).map(credentialTarget),
      });
    }
  }
  return out;
}

/** Is the name at `at` a function the code defines itself (not a library's: `os.walk`, `fs.readdirSync`)? */
function ownFunction(code: string, name: string, at: number): boolean {
  if (code[at - 1] === '.') return false;
  return new RegExp(`(?:\\b(?:function|def|func|sub)\\s+${name}\\s*[({]|\\b${name}\\s*=\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*=>))`).test(code);
}

/** The folder a listing call at `at` names, read as the perimeter reads a script's listing roots; undefined when it cannot be read. */
function listedRoot(snippet: CodeSnippet, at: number): string | undefined {
  const expression = callArguments(snippet.text, at)[0];
  return expression === undefined ? undefined : rootOf(expression, snippet.text, scriptFileArguments(snippet));
}

function absolute(info: CredentialFileInfo, facts: Facts): string[] {
  if (info.path.startsWith('~/')) return [facts.home + info.path.slice(1)];
  if (info.path.startsWith('/')) return [info.path];
  return facts.workspaceRoots.map((r) => `${r}/${info.path}`);
}

/** A path built from the home folder and literals, read by the code: judged as a read of that file. */
function homeBuiltReads(snippet: CodeSnippet, facts: Facts): Finding[] {
  const how = `A ${snippet.language} snippet run by ${snippet.runner.name} (a path built from the home folder)`;
  for (const p of homeBuiltPaths(snippet, facts)) {
    const info = infoFor(p, facts);
    if (info) return [readFinding('reads', info, how)];
  }
  return [];
}

/** Calls and forms that read a file (or load one), in the languages the snippets model. */
const FOLDED_READ = /\b(?:open|fopen|read\w*|readlines|file_get_contents|file|readfile|File\.\w+|IO\.\w+|Bun\.file|createReadStream|Path|load|require|include(?:_once)?|require_once|do|slurp)\s*\(|<\s*\$?\w*\s*>|@ARGV|\bopen\s+\w+\s*,|\bIO\.read\b|\bFile\.read\b/;

/** Names the code builds from literals (escapes, joins, format strings, character codes: foldedStrings.ts), read as the files they name. */
function foldedReads(snippet: CodeSnippet, facts: Facts): Finding[] {
  if (!LANGUAGES.has(snippet.language)) return [];
  // A name only printed or tested (`print("$ENV{HOME}/.netrc")`, `os.path.exists(…)`) is not read.
  if (!FOLDED_READ.test(snippet.text)) return [];
  const folded = foldedNames(snippet.text, snippet.language);
  if (folded === '') return [];
  const how = `A ${snippet.language} snippet run by ${snippet.runner.name} (a file name it builds from pieces)`;
  return credentialFilesNamedIn(folded, snippet.runner.cwd || facts.cwd, facts).slice(0, 4).map((info) => readFinding('reads', info, how));
}

/** Calls that open or read the file their arguments name. */
const READ_CALL = /\b(?:open|fopen|read_text|read_bytes|readFileSync|readFile|createReadStream|readTextFile|file_get_contents|File\.read|File\.open|IO\.read|Bun\.file|Path|pathlib\.Path|FileReader|os\.ReadFile|ioutil\.ReadFile)\s*(?=\()/g;

/**
 * Round 27: a script file that reads the file it is given (`python3 send.py ~/.aws/credentials` where send.py opens
 * `sys.argv[1]`, `node up.js ~/.ssh/id_ed25519` reading `process.argv[2]`, Perl's `$ARGV[0]`, Ruby's `ARGV[0]`, Go's
 * `os.Args[1]`), directly or through a name assigned it (`p = sys.argv[1]; open(p)`): judged as a read of that file
 * (scriptBindings.ts binds the arguments). The same script given a project file stays allowed.
 */
function argvReads(snippet: CodeSnippet, facts: Facts): Finding[] {
  const args = scriptFileArguments(snippet);
  if (args.length === 0 || !LANGUAGES.has(snippet.language)) return [];
  const text = snippet.text.slice(0, 64 * 1024);
  const bound = (expression: string, depth = 0): string | undefined => {
    const direct = argvArgument(expression.replace(/^\(|\)$/g, ''), args);
    if (typeof direct === 'string') return direct;
    const name = /^[$@]?[A-Za-z_]\w*$/.exec(expression.trim())?.[0];
    if (name === undefined || depth > 2) return undefined;
    const assigned = new RegExp(`(?:^|[\\s;(])(?:my\\s+|const\\s+|let\\s+|var\\s+)?${name.replace(/\$/g, '\\$')}\\s*:?=\\s*([^;\\n]+)`).exec(text)?.[1];
    return assigned === undefined ? undefined : bound(assigned.trim(), depth + 1);
  };
  const cwd = snippet.runner.cwd || facts.cwd;
  const how = `A ${snippet.language} script run by ${snippet.runner.name} (the file it is given as an argument)`;
  const out: Finding[] = [];
  for (const m of text.matchAll(READ_CALL)) {
    for (const expression of callArguments(text, m.index + m[0].length).slice(0, 3)) {
      const file = bound(expression);
      const info = file === undefined ? undefined : infoFor(resolvePath(cwd, file, facts.home), facts);
      if (info && !out.some((f) => f.targets.some((t) => t.name === info.path))) out.push(readFinding('reads', info, how));
    }
    if (out.length >= 4) break;
  }
  return out;
}
