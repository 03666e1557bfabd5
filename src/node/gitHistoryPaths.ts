import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyCredentialFile } from '../core/credentials/credentialFiles';
import { matchCredentialPath } from '../core/credentials/credentialPaths';
import type { CredentialFileInfo, GitHistoryQuery } from '../core/policy/types';
import { MAX_SCANNED_FILE_BYTES } from './credentials/walk';
import { gitEnvironment, gitRepositoryRoot } from './gitPathState';
import { trustedPathVariable, trustedProgram } from './trustedProgram';

/**
 * Which paths a git history command would print (`git log -p`, `git show REV`, `git format-patch`,
 * `git cat-file --batch-all-objects`, `git stash show -p`), so the credential rules can tell whether
 * a credential file is among them. Only object-reading commands run, with the settings that make git
 * start a program switched off, and only revision words that cannot be read as options. A listing cut
 * by the time or size limit says so (`complete: false`), and the rules then answer conservatively.
 */

const TIMEOUT_MS = 1500;
const MAX_BYTES = 8 * 1024 * 1024;
const MAX_REVS = 16;
/** A revision word: names, hashes, `~`/`^` suffixes, ranges, `@{…}`; never an option or a pathspec. */
const REV = /^(?!-)[A-Za-z0-9_./~^@{}+-]{1,200}$/;

interface Run {
  out: Buffer;
  complete: boolean;
}

/** The clock the time limit reads (a test moves it to force the limit). */
export const historyClock = { now: (): number => Date.now() };

function git(root: string, args: readonly string[], input?: string, timeoutMs = TIMEOUT_MS): Run {
  const env = gitEnvironment(root, (k) => k.startsWith('GIT_'));
  // Loaded here, not at the top: node:child_process (with node:net and the streams) would cost every
  // hook call start-up time; only history commands get here.
  const program = trustedProgram('git');
  if (!program) return { out: Buffer.alloc(0), complete: false };
  env.PATH = trustedPathVariable();
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const run = spawnSync(
    program,
    ['-c', 'core.fsmonitor=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null', '-c', 'log.showSignature=false', '-c', 'core.quotePath=false', '-C', root, '--no-pager', ...args],
    { env, timeout: Math.max(1, timeoutMs), maxBuffer: MAX_BYTES, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'], ...(input === undefined ? {} : { input }) },
  );
  const out = run.stdout ?? Buffer.alloc(0);
  const cut = run.error !== undefined || run.signal !== null;
  return { out: run.status === 0 || cut ? out : Buffer.alloc(0), complete: !cut };
}

function commandsFor(query: GitHistoryQuery): string[][] | undefined {
  const revs = query.revs.slice(0, MAX_REVS);
  if (revs.some((r) => !REV.test(r))) return undefined;
  const names = ['--format=', '--name-only', '--no-renames', '-m', '--no-ext-diff', '--no-textconv'];
  const limit = query.maxCount !== undefined && Number.isInteger(query.maxCount) && query.maxCount > 0 ? [`--max-count=${query.maxCount}`] : [];
  switch (query.kind) {
    case 'log':
      return [['log', ...names, ...limit, ...(revs.length > 0 ? revs : ['HEAD']), '--']];
    case 'show':
      return [['log', '--no-walk', ...names, ...(revs.length > 0 ? revs : ['HEAD']), '--']];
    case 'all':
      return [['log', '--all', '--reflog', ...names, '--']];
    case 'diff':
      return [['diff', '--name-only', '--no-renames', '--no-ext-diff', ...(query.cached ? ['--cached'] : []), ...revs, '--']];
    case 'stash': {
      const entry = revs[0] ?? 'stash@{0}';
      return [['diff', '--name-only', '--no-renames', '--no-ext-diff', `${entry}^1`, entry, '--'], ['ls-tree', '-r', '--name-only', '--full-tree', `${entry}^3`, '--']];
    }
    case 'tree':
      return (revs.length > 0 ? revs : ['HEAD']).map((r) => ['ls-tree', '-r', '--name-only', '--full-tree', r, '--']);
    case 'paths':
      // A pattern the command gave (`'*.json'`) matches as git matches it; other names literally.
      return [['log', '--all', ...names, '--', ...(query.paths ?? []).map((p) => (/[*?[]/.test(p) ? p : `:(literal)${p}`))]];
    default:
      return undefined;
  }
}

/**
 * Files gone from the work tree whose last committed text a history command prints: judged by that text.
 * Two git processes however many there are (one walk finds the last commit that touched each, one
 * `cat-file --batch` reads their texts). Whatever cuts the look short (more gone files than
 * MAX_GONE, the time limit, a git run cut, a name git prints quoted) makes the answer incomplete, so
 * the rules ask: a file not looked at may have held a secret.
 */
const MAX_GONE = 256;
const MAX_BLOB = MAX_SCANNED_FILE_BYTES;

interface Gone {
  credentials: CredentialFileInfo[];
  complete: boolean;
}

function lastTouches(root: string, rels: readonly string[], timeoutMs: number): { last: Map<string, string>; complete: boolean } {
  const run = git(root, ['log', '--all', '--format=%x01%H', '--name-only', '--no-renames', '--no-ext-diff', '--no-textconv', '--', ...rels.map((r) => `:(literal)${r}`)], undefined, timeoutMs);
  const last = new Map<string, string>();
  if (!run.complete) return { last, complete: false };
  const wanted = new Set(rels);
  let commit = '';
  for (const line of run.out.toString('utf8').split('\n')) {
    if (line.startsWith('\x01')) commit = line.slice(1).trim();
    else if (line !== '' && wanted.has(line) && !last.has(line) && /^[0-9a-f]{40,64}$/.test(commit)) last.set(line, commit);
  }
  return { last, complete: true };
}

/** Texts of `rev:path` objects, read in one `git cat-file --batch`; undefined when the run was cut. */
function blobTexts(root: string, specs: readonly string[], timeoutMs: number): (string | undefined)[] | undefined {
  if (specs.length === 0) return [];
  const run = git(root, ['cat-file', '--batch'], specs.map((s) => s + '\n').join(''), timeoutMs);
  if (!run.complete) return undefined;
  const out: (string | undefined)[] = [];
  let at = 0;
  const buf = run.out;
  for (let i = 0; i < specs.length; i++) {
    const end = buf.indexOf(0x0a, at);
    if (end < 0) return undefined;
    const header = buf.toString('utf8', at, end);
    at = end + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.push(undefined);
      continue;
    }
    const size = Number(m[2]);
    if (at + size > buf.length) return undefined;
    out.push(m[1] === 'blob' ? buf.toString('utf8', at, at + size) : undefined);
    at += size + 1;
  }
  return out;
}

function goneCredentials(root: string, home: string, paths: readonly string[], started: number): Gone {
  const gone = paths.filter((abs) => !fs.existsSync(abs) && !matchCredentialPath(abs.split(path.sep).join('/'), home));
  if (gone.length === 0) return { credentials: [], complete: true };
  if (gone.length > MAX_GONE) return { credentials: [], complete: false };
  const left = (): number => TIMEOUT_MS - (historyClock.now() - started);
  const rels = gone.map((abs) => path.relative(root, abs).split(path.sep).join('/'));
  // A name git would print quoted (a quote, a backslash, a control character) cannot be matched or asked for by line.
  const plain = (r: string): boolean => ![...r].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '"' || c === '\\');
  let complete = rels.every(plain);
  if (left() <= 0) return { credentials: [], complete: false };
  const touched = lastTouches(root, rels.filter(plain), left());
  if (!touched.complete || left() <= 0) return { credentials: [], complete: false };
  // The commit that last touched it deleted it (its parent holds the text), or it was removed without a commit.
  const asked = rels.filter((r) => touched.last.has(r));
  const specs = asked.flatMap((r) => [`${touched.last.get(r)}:${r}`, `${touched.last.get(r)}^:${r}`]);
  const texts = blobTexts(root, specs, left());
  if (!texts) return { credentials: [], complete: false };
  const out: CredentialFileInfo[] = [];
  asked.forEach((rel, i) => {
    const text = texts[2 * i] ?? texts[2 * i + 1];
    if (text === undefined) return;
    if (text.length > MAX_BLOB) {
      // The index does not read files this large in the work tree either; by name it is not a credential file.
      return;
    }
    const verdict = text !== '' ? classifyCredentialFile(path.join(root, rel).split(path.sep).join('/'), home, text) : undefined;
    if (verdict) out.push({ path: rel, kind: verdict.kind, label: `${verdict.label}, in a file since deleted` });
  });
  if (historyClock.now() - started > TIMEOUT_MS) complete = false;
  return { credentials: out, complete };
}

/** A word that may be an object's hash (abbreviated or whole): such words are asked for their type first. */
const HASH = /^[0-9a-f]{4,64}$/i;
const MAX_BLOBS = 4;

interface Objects {
  /** Commits and tags, printed as `git show` prints them (a tree prints only names). */
  commits: string[];
  credentials: CredentialFileInfo[];
  complete: boolean;
}

/**
 * What the objects named by hash are (one `cat-file --batch-check`), and for each blob whether its text
 * holds a credential, judged under the paths history gave it (one `log --find-object` walk per blob, at
 * most MAX_BLOBS) or by its text alone when no commit reaches it.
 */
function objectsOf(root: string, home: string, revs: readonly string[], started: number): Objects {
  const left = (): number => TIMEOUT_MS - (historyClock.now() - started);
  const out: Objects = { commits: [], credentials: [], complete: true };
  const check = git(root, ['cat-file', '--batch-check=%(objecttype) %(objectname)'], revs.map((r) => r + '\n').join(''), left());
  if (!check.complete) return { ...out, complete: false };
  const blobs: string[] = [];
  check.out
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .forEach((line, i) => {
      const m = /^(blob|tree|commit|tag) ([0-9a-f]{40,64})$/.exec(line);
      const rev = revs[i] ?? '';
      if (!m) return;
      if (m[1] === 'blob') blobs.push(m[2] as string);
      else if (m[1] !== 'tree') out.commits.push(rev);
    });
  if (blobs.length > MAX_BLOBS) out.complete = false;
  for (const blob of blobs.slice(0, MAX_BLOBS)) {
    if (left() <= 0) return { ...out, complete: false };
    const walk = git(root, ['log', '--all', '--format=', '--name-only', '--no-renames', '--no-ext-diff', '--no-textconv', `--find-object=${blob}`], undefined, left());
    if (!walk.complete) out.complete = false;
    const names = [...new Set(walk.out.toString('utf8').split('\n').filter((l) => l !== ''))].slice(0, 8);
    const texts = blobTexts(root, [blob], left());
    const text = texts?.[0];
    if (texts === undefined) out.complete = false;
    for (const rel of names.length > 0 ? names : ['(a blob no commit names)']) {
      const abs = path.join(root, rel).split(path.sep).join('/');
      const verdict = (text !== undefined && text !== '' && text.length <= MAX_BLOB ? classifyCredentialFile(abs, home, text) : undefined) ?? matchCredentialPath(abs, home);
      if (verdict) {
        out.credentials.push({ path: rel, kind: verdict.kind, label: `${verdict.label}, in the object ${blob.slice(0, 12)}` });
        break;
      }
    }
  }
  return out;
}

export function gitHistoryPaths(workTree: string, query: GitHistoryQuery, home = ''): { paths: string[]; complete: boolean; credentials?: CredentialFileInfo[] } | undefined {
  const root = gitRepositoryRoot(workTree);
  if (!root) return undefined;
  if (query.kind === 'paths') query = { ...query, paths: (query.paths ?? []).map((p) => path.relative(root, p).split(path.sep).join('/')).filter((p) => p !== '' && !p.startsWith('..')) };
  // Hashes may name blobs, which `log --no-walk` cannot list: their type first, blobs judged by their text.
  let objects: Objects | undefined;
  if (query.kind === 'object' || (query.kind === 'show' && query.revs.some((r) => HASH.test(r)))) {
    if (query.revs.some((r) => !REV.test(r))) return { paths: [], complete: false };
    objects = objectsOf(root, home, query.revs.slice(0, MAX_REVS), historyClock.now());
    // `cat-file -p` of a commit or tag prints its header and message, no file's text; `show` prints its patch.
    const commits = query.kind === 'show' ? query.revs.filter((r) => !HASH.test(r) || objects?.commits.includes(r)) : [];
    // A tree prints the names of its entries, no text.
    if (commits.length === 0) return { paths: [], complete: objects.complete, credentials: objects.credentials };
    query = { kind: 'show', revs: commits };
  }
  const commands = commandsFor(query);
  if (!commands) return { paths: [], complete: false };
  const paths = new Set<string>();
  // Revisions past MAX_REVS are not listed: what they print is unknown.
  let complete = commands.length <= 4 && query.revs.length <= MAX_REVS;
  const started = historyClock.now();
  for (const args of commands.slice(0, 4)) {
    // One time limit for the whole question, not one per command.
    const left = TIMEOUT_MS - (historyClock.now() - started);
    if (left <= 0) {
      complete = false;
      break;
    }
    const run = git(root, args, undefined, left);
    // A git error (an unknown revision, no commit yet) prints nothing here and fails the command itself.
    if (!run.complete) complete = false;
    for (const line of run.out.toString('utf8').split('\n')) {
      const rel = line.trim();
      if (rel !== '') paths.add(path.join(root, rel));
    }
  }
  const listed = [...paths];
  const gone = home !== '' ? goneCredentials(root, home, listed, started) : { credentials: [], complete: true };
  if (!gone.complete || objects?.complete === false) complete = false;
  const credentials = [...(objects?.credentials ?? []), ...gone.credentials];
  return credentials.length > 0 ? { paths: listed, complete, credentials } : { paths: listed, complete };
}
