import { basename, dirname, isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { sedReplacements } from './deployPlaces';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';
import { commandLinesInCode } from './buildPlaces';
import { judgePayload } from './payload';
import type { PlaceRule } from './places';

/**
 * Code a runtime loads without the command naming it (round 9): a file that shadows a module of
 * Python's standard library (`json.py` beside the script that imports `json`), a package's
 * `__main__.py` (`python -m pkg`, `python dir`, a zip app), an installed Python package
 * (`site-packages/requests/__init__.py`), a module node finds by name outside a package folder
 * (`node_modules/left-pad.js`, `~/.node_libraries/`), and the start-up files a REPL or debugger
 * reads from the folder it starts in (`irb.rc`, `.perldb`, `.iex.exs`; the others are configPlaces.ts's). What is
 * written there is judged as if it ran (payload.ts); a benign write stays allowed. The same files in
 * the home folder are start-up files of the perimeter (startupPlaces.ts) and are denied there.
 */

/** Modules of Python's standard library a script commonly imports: a file of that name in its folder is imported instead (sys.path[0] comes first). */
const STDLIB_MODULES = new Set(
  (
    'abc argparse array ast asyncio base64 binascii bisect builtins bz2 calendar cgi codecs collections colorsys concurrent configparser contextlib copy csv ctypes ' +
    'dataclasses datetime decimal difflib dis email encodings enum errno fcntl filecmp fnmatch fractions ftplib functools gc getopt getpass gettext glob gzip ' +
    'hashlib heapq hmac html http imaplib importlib inspect io ipaddress itertools json keyword linecache locale logging lzma mimetypes math multiprocessing ' +
    'netrc numbers operator optparse os pathlib pickle pkgutil platform plistlib pprint pty queue random re readline reprlib secrets select selectors shelve ' +
    'shlex shutil signal site smtplib socket socketserver sqlite3 ssl stat statistics string struct subprocess sys sysconfig tarfile tempfile textwrap ' +
    'threading time timeit tokenize traceback types typing unicodedata unittest urllib uuid venv warnings weakref xml zipfile zipimport zlib zoneinfo'
  ).split(' '),
);

/**
 * Third-party packages Python code commonly imports (round 10): a `django.py`, `dotenv.py` or a
 * `requests/` package beside the script is imported instead of the installed one.
 */
const THIRD_PARTY_MODULES = new Set(
  (
    'aiohttp alembic anthropic attr attrs azure boto boto3 botocore bs4 celery certifi click cryptography dateutil django docker dotenv fastapi flask ' +
    'google gunicorn httpx jinja2 jwt kombu kubernetes lxml markdown marshmallow matplotlib numpy openai pandas paramiko pika psutil psycopg psycopg2 ' +
    'pydantic pymongo pymysql pytest redis requests rich scipy sentry_sdk setuptools six sklearn sqlalchemy starlette stripe toml tomli torch tqdm ' +
    'typer urllib3 uvicorn werkzeug yaml'
  ).split(' '),
);

const codeCommands = (text: string): string => commandLinesInCode(text).join('\n');
const whole = (text: string): string => text;

/**
 * Start-up files a REPL or debugger reads from the folder it starts in, with the program and the language of
 * their text. `.irbrc`, `_irbrc`, `.pryrc`, `.pdbrc` and `.Rprofile` are described once, in configPlaces.ts
 * (which reads each one's commands in its own language); the write-place chain asks it after this one.
 */
const FOLDER_STARTUP: ReadonlyArray<[RegExp, string, 'python' | 'code']> = [
  [/^irb\.rc$/, 'irb', 'code'],
  [/^\.perldb$/, 'the perl debugger (perl -d)', 'code'],
  [/^\.iex\.exs$/, 'iex', 'code'],
];

/** Folders node searches for a module by name after every node_modules above the script: `~/.node_modules`, `~/.node_libraries`. */
const HOME_NODE_FOLDERS = /^(\.node_modules|\.node_libraries)\//;

/** Where a runtime loads what is written at `absolutePath` without being told its name, or undefined. Paths are absolute. */
export function loadedPlaceOf(absolutePath: string, facts: Pick<Facts, 'home'>): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  const name = basename(l);
  const home = facts.home.replace(/\/+$/, '').toLowerCase();
  const rel = l.startsWith(home + '/') ? l.slice(home.length + 1) : undefined;
  let m: RegExpExecArray | null;
  if ((m = /\/(?:site|dist)-packages\/([^/]+)\/(?:.+\/)?[^/]+\.py$/.exec(l)) || (m = /\/(?:site|dist)-packages\/([^/]+)\.py$/.exec(l))) {
    return { where: `the installed Python package ${m[1]} (${name})`, when: 'whenever Python code imports it (the tests, the app, the tools installed with it)', language: 'python', strictUnknown: true, commands: whole };
  }
  if (rel !== undefined && HOME_NODE_FOLDERS.test(rel) && /\.(c|m)?js$/.test(name)) {
    return { where: `the module folder ~/${rel.split('/')[0]} (${basename(p)})`, when: 'whenever node code requires that name and no node_modules above it has it', language: 'javascript', strictUnknown: true, commands: whole };
  }
  // `node_modules/left-pad.js`: require('left-pad') loads the file before any folder of that name.
  if ((m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\.(?:c|m)?js$/.exec(p)) && !m[1]!.startsWith('.')) {
    return { where: `the module node_modules/${basename(p)}`, when: `whenever node code requires '${m[1]!.replace(/\.(c|m)?js$/, '')}' from below that folder`, language: 'javascript', strictUnknown: true, commands: whole };
  }
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  if (name === '__main__.py') {
    return { where: `the package entry ${p.split('/').slice(-2).join('/')}`, when: 'when Python runs the folder, the package (python -m) or a zip app holding it', language: 'python', strictUnknown: false, commands: whole };
  }
  if (name.endsWith('.py') && STDLIB_MODULES.has(name.slice(0, -3)) && !/\/(lib|lib64)\/python[0-9.]+\//.test(l)) {
    return { where: `${basename(p)}, which shadows Python's standard module ${name.slice(0, -3)}`, when: `whenever a Python program started in that folder (or with it on its path) imports ${name.slice(0, -3)}`, language: 'python', strictUnknown: false, commands: whole };
  }
  if (name.endsWith('.py') && THIRD_PARTY_MODULES.has(name.slice(0, -3))) {
    return { where: `${basename(p)}, which shadows the installed Python package ${name.slice(0, -3)}`, when: `whenever a Python program started in that folder (or with it on its path) imports ${name.slice(0, -3)}`, language: 'python', strictUnknown: false, commands: whole };
  }
  // A package's `__init__.py` runs whenever the package (or any module in it) is imported (round 10).
  if (name === '__init__.py') {
    const pkg = basename(dirname(p));
    const shadows = THIRD_PARTY_MODULES.has(pkg.toLowerCase()) || STDLIB_MODULES.has(pkg.toLowerCase());
    return { where: shadows ? `${pkg}/__init__.py, which shadows the ${STDLIB_MODULES.has(pkg.toLowerCase()) ? 'standard' : 'installed'} Python package ${pkg}` : `the package ${pkg}/__init__.py`, when: `whenever Python code imports ${pkg} (or any module in it)`, language: 'python', strictUnknown: false, commands: whole };
  }
  for (const [re, program, kind] of FOLDER_STARTUP) {
    if (re.test(name)) return { where: `the start-up file ${basename(p)}`, when: `whenever ${program} starts in that folder`, language: kind === 'python' ? 'python' : 'shell', strictUnknown: false, commands: kind === 'python' ? whole : codeCommands };
  }
  return undefined;
}

/** The paths a package.json's `main`, `module`, `exports` and `bin` name (conditions and subpaths, a bounded walk). */
function entryTargets(manifest: unknown): string[] {
  if (typeof manifest !== 'object' || manifest === null) return [];
  const out: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= 16 || depth > 4) return;
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) walk(x, depth + 1);
  };
  const m = manifest as { main?: unknown; exports?: unknown; module?: unknown; bin?: unknown };
  walk(m.main, 0);
  walk(m.module, 0);
  walk(m.exports, 0);
  // Round 10: the package's programs (`bin`), run by every `npx`, npm script or build that names them.
  walk(m.bin, 0);
  return out;
}

/**
 * An installed package's manifest rewritten so that its entry (`main`, `exports`) is a file outside
 * the package: every `require` of the package runs that file instead. A file the hook can read is
 * judged as the code it is; one it cannot read (not there yet, elsewhere) is code the hook never read.
 */
export function packageEntryRedirect(path: string, text: string | undefined, writer: string, ctx: RuleContext): Finding[] {
  const m = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/.][^/]*)\/package\.json$/.exec(path.replace(/\\/g, '/'));
  if (!m || text === undefined) return [];
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    // A manifest an edit left broken (`sed -i 's#"main":.*#"main":"/tmp/x.js"#'` eats the closing brace): its entry keys still say where require goes.
    const keys = [...text.matchAll(/"(main|module|exports)"\s*:\s*"([^"]+)"/g)];
    if (keys.length === 0) return [];
    manifest = Object.fromEntries(keys.map((k) => [k[1]!, k[2]!]));
  }
  const pkgDir = m[1]!;
  const facts = ctx.facts;
  for (const target of entryTargets(manifest)) {
    const abs = resolvePath(pkgDir, target, facts.home);
    if (isWithin(pkgDir, abs)) continue;
    const place = { where: `the installed package ${basename(pkgDir)} (its entry, ${target})`, when: 'whenever code requires it (the tests, the build, the app)' };
    const body = facts.readFile(abs);
    if (body !== undefined) return judgePayload(body, 'javascript', place, writer, ctx, dirname(abs));
    return [unreadFinding('deferred-unread', `${writer} points the entry of the installed package ${basename(pkgDir)} at ${target}, outside the package, so every require of it runs code the hook cannot read now`, basename(pkgDir), facts, perimeterView(facts))];
  }
  return [];
}

/**
 * `sed -i 's#"main":.*#"main":"/tmp/x.js"#' node_modules/pkg/package.json` when the manifest cannot be
 * read now (round 10): the entry the replacement writes is judged as a rewrite of the manifest would be.
 */
export function sedEntryRedirect(inv: Invocation, ctx: RuleContext, cwd: string): Finding[] {
  const manifests = inv.args.filter((a) => !a.dynamic && /(^|\/)node_modules\/(@[^/]+\/)?[^/.][^/]*\/package\.json$/.test(a.text));
  if (manifests.length === 0) return [];
  const entries = inv.args.flatMap((a) => sedReplacements(a.text)).flatMap((r) => [...r.matchAll(/"(main|module|bin|exports)"\s*:\s*"([^"]+)"/g)].map((m) => `${JSON.stringify(m[1])}: ${JSON.stringify(m[2])}`));
  if (entries.length === 0) return [];
  return manifests.flatMap((m) => {
    const path = resolvePath(cwd, m.text, ctx.facts.home);
    return ctx.facts.readFile(path) === undefined ? packageEntryRedirect(path, `{${entries.join(', ')}}`, 'sed -i', ctx) : [];
  });
}
