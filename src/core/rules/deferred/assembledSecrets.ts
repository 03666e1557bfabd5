import { matchCredentialPath } from '../../credentials/credentialPaths';
import { resolvePath } from '../../paths';
import type { Facts, Finding, Target } from '../../policy/types';
import { isSecretVariableName } from '../support/huntCommon';

/**
 * Code written into a file that spells a secret's name in pieces: `".a"+"ws"` joined into
 * `~/.aws/credentials`, `process.env["STRIPE_"+"SECRET_KEY"]`, `readFileSync("."+"env")`,
 * `process["en"+"v"]` (the whole environment). Nothing about such a file runs now, and whatever runs
 * it later (a test runner, a seed script, a person) reads the secret; splitting a name that reads a
 * secret is what hides it from a reviewer, so the write is asked wherever the file is.
 */

const CODE_FILE = /\.(py|pyw|js|cjs|mjs|ts|mts|cts|jsx|tsx|rb|php|pl|pm)$/i;
/** Two or more string literals joined by `+` (Python, JavaScript, Ruby) or `.` (PHP, Perl). */
const CONCAT = /(['"`])[^'"`\\\n]*\1(?:\s*[+.]\s*(['"`])[^'"`\\\n]*\2)+/g;
const HAS_CONCAT = new RegExp(CONCAT.source);
const LITERAL = /(['"`])([^'"`\\\n]*)\1/g;
/** Path joins (`os.path.join`, `path.join`, `Path(…)`, `File.join`) with their arguments. */
const JOINS = /\b(?:os\.path\.join|path\.join|path\.resolve|File\.join|Path|joinpath)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;
const HOME_PIECE = /os\.environ\s*\[\s*['"]HOME['"]\s*\]|os\.getenv\s*\(\s*['"]HOME['"]\s*\)|expanduser\s*\(\s*['"]~['"]\s*\)|homedir\s*\(\s*\)|Path\.home\s*\(\s*\)|process\.env\.HOME|ENV\s*\[\s*['"]HOME['"]\s*\]|Dir\.home/;
/** The whole environment by an assembled member name: `process["en"+"v"]`, `getattr(os, "envi"+"ron")`. */
const WHOLE_ENV = /^(env|environ)$/;
/** Code that sends something out (a request with a body, a socket). */
const SENDS = /\b(fetch|axios|request|urlopen|requests\.(post|put)|http\.request|https\.request|XMLHttpRequest|net\.connect|socket)\b/;

/** String literals of `text` in order, read from the start (quotes inside another literal are not openings). */
function literals(text: string): { start: number; end: number; value: string }[] {
  const out: { start: number; end: number; value: string }[] = [];
  for (let i = 0; i < text.length && out.length < 2000; i++) {
    const q = text[i]!;
    if (q === '#' && /(^|\n)\s*$/.test(text.slice(Math.max(0, i - 40), i))) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    let value = '';
    while (j < text.length && text[j] !== q && text[j] !== '\n') {
      if (text[j] === '\\') j++;
      else value += text[j];
      j++;
    }
    if (text[j] !== q) return out;
    out.push({ start: i, end: j + 1, value });
    i = j;
  }
  return out;
}

/** Runs of two or more literals joined by `+` or `.`, each as its folded value. */
function concatenations(text: string): { start: number; value: string }[] {
  const lits = literals(text);
  const out: { start: number; value: string }[] = [];
  for (let i = 0; i < lits.length; ) {
    let j = i;
    let value = lits[i]!.value;
    while (j + 1 < lits.length && /^\s*[+.]\s*$/.test(text.slice(lits[j]!.end, lits[j + 1]!.start))) value += lits[++j]!.value;
    if (j > i) out.push({ start: lits[i]!.start, value });
    i = j + 1;
  }
  // `[".e", "nv"].join("")` (JavaScript, Ruby) and `"".join([".e", "nv"])` (Python): the same pieces joined with nothing between.
  for (const m of text.matchAll(JOINED_LISTS)) out.push({ start: m.index, value: folded(m[1] ?? m[2] ?? '') });
  return out;
}

/** A list of two or more literals joined by an empty separator, either way round. */
const LITERAL_LIST = `(?:['"\`][^'"\`\\\n]*['"\`]\\s*,\\s*)+['"\`][^'"\`\\\n]*['"\`]`;
const JOINED_LISTS = new RegExp(`\\[\\s*(${LITERAL_LIST})\\s*,?\\s*\\]\\s*\\.join\\(\\s*(?:''|""|\`\`)\\s*\\)|(?:''|"")\\s*\\.join\\(\\s*[\\[(]\\s*(${LITERAL_LIST})\\s*,?\\s*[\\])]\\s*\\)`, 'g');

function folded(text: string): string {
  return [...text.matchAll(LITERAL)].map((m) => m[2]).join('');
}

function target(name: string, sent: boolean): Target {
  return sent
    ? { kind: 'path', name, provider: 'filesystem', remote: true, environment: 'production', environmentReason: 'the host the code sends to is not known — treated as production' }
    : { kind: 'path', name, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' };
}

/** What an assembled piece of code names, if it is a secret: a credential file, a secret variable, the whole environment. */
function secretNamed(value: string, context: string, dir: string, home: string): string | undefined {
  if (isSecretVariableName(value) && /^[A-Z][A-Z0-9_]+$/.test(value)) return `the secret variable $${value}`;
  if (WHOLE_ENV.test(value) && /(process|os|ENV)\s*\[?\s*$|getattr\s*\(\s*os\s*,\s*$/.test(context)) return 'the whole environment';
  if (value.length > 1 && value.length < 300 && /^[~./\w-]+$/.test(value) && matchCredentialPath(resolvePath(dir, value, home), home)) return value;
  return undefined;
}

/** Findings for `text` written to `path` by `writer`. */
export function assembledSecretWrites(path: string, text: string | undefined, writer: string, facts: Facts): Finding[] {
  if (text === undefined || !CODE_FILE.test(path) || text.length > 64 * 1024 || !/['"`]\s*([+.,]|\.join)\s*['"`([]/.test(text)) return [];
  const home = facts.home;
  const sent = SENDS.test(text) && /https?:\/\//.test(text);
  const found: string[] = [];
  for (const run of concatenations(text)) {
    const named = secretNamed(run.value, text.slice(Math.max(0, run.start - 40), run.start), facts.cwd, home);
    if (named) found.push(named);
  }
  // `os.path.join(os.environ["HOME"], ".a"+"ws", "credentials")`: the pieces of a join, one path.
  for (const m of text.matchAll(JOINS)) {
    const args = m[1]!;
    if (!HAS_CONCAT.test(args)) continue;
    const parts = args.split(/,(?![^(]*\))/).map((a) => a.trim());
    const pieces: string[] = [];
    for (const part of parts) {
      if (HOME_PIECE.test(part)) pieces.push(home.replace(/\/+$/, ''));
      else if (/^(['"`]).*\1$/.test(part.replace(/\s*[+.]\s*/g, ''))) pieces.push(folded(part));
    }
    const joined = pieces.join('/');
    if (joined && matchCredentialPath(resolvePath(facts.cwd, joined, home), home)) found.push(joined.startsWith(home) ? '~' + joined.slice(home.replace(/\/+$/, '').length) : joined);
  }
  if (found.length === 0) return [];
  const what = found[0]!;
  const reason = `${writer} writes code into ${path.slice(path.lastIndexOf('/') + 1)} that spells ${what} in pieces${sent ? ' and sends data to another host' : ''}; whatever runs that file later reads it, and splitting the name is what hides it from review, so it needs confirmation.`;
  return [{ rule: 'deferred.assembled-secret', risk: 'credential-read', severity: 'ask', reason, targets: [target(what, sent)] }];
}
