import { nodeCrypto } from '../lazyCrypto';
import { sha256Hex } from '../hashing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanFile, scanFileSync, scanWorkspace, scanWorkspaceSync, type FileScan, type ScannedCredentialFile, type ScanResult } from './workspaceScan';
import { walkTree, DEFAULT_WALK_LIMITS, type WalkedFile, type WalkLimits } from './walk';
import { secretlintAvailable } from './loadSecretlint';
import { readRegularFileSync } from '../safeOpen';

/** Far above any real index (about 1 MB per 50,000 files); a larger file is not one of ours. */
const MAX_CACHE_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The per-workspace credential index the hook reads instead of rescanning the tree, in the guard's
 * cache folder (0600), as two files written together: `credentials-<key>.json` holds the credential
 * files with their kinds and salted value hashes (small: every credential question reads it), and
 * `credentials-<key>.dirs.json` the mtime of every folder walked (large in a monorepo: read only to
 * bring the index up to date). A folder whose mtime changed is re-listed (files created, deleted or
 * renamed in it are rescanned); every credential file is re-stat'ed. A refresh can be limited to the
 * folders under one path. A file edited in place inside an unchanged folder is seen on the next full
 * scan only.
 */
export const CREDENTIAL_CACHE_VERSION = 5;

export interface CachedCredentialFile extends ScannedCredentialFile {
  mtimeMs: number;
  size: number;
}

export interface CredentialCacheFile {
  version: typeof CREDENTIAL_CACHE_VERSION;
  /** Real path of the workspace root. */
  root: string;
  /** Salt of the value hashes (random per workspace; lives only in this 0600 file). */
  salt: string;
  scannedAt: number;
  truncated: boolean;
  /**
   * False when some file was indexed without secretlint (the hook indexes without it; or it could
   * not be loaded). The next load that wants secretlint and has it rebuilds the index.
   */
  secretlintUsed: boolean;
  dirs: Record<string, number>;
  files: Record<string, CachedCredentialFile>;
}

export interface CacheOptions {
  home: string;
  cacheDir: string;
  secretlint?: boolean;
  limits?: WalkLimits;
  /** Rescan everything even when the cache looks valid. */
  full?: boolean;
  /**
   * False: no index file is read or written (a machine with no guard folder yet); the index is built
   * in memory when a question needs it. The answers are the same either way.
   */
  persist?: boolean;
  /** How long an index built on demand may walk before it stops, marked truncated (default: ON_DEMAND_BUILD_MS when not persisted). */
  buildTimeMs?: number;
  /**
   * Called (once per process and workspace) when a kept index is missing and the one built here ran
   * out of buildTimeMs: it builds and keeps the whole index elsewhere (the hook starts `blast-shield
   * index` in the background). Meanwhile the partial index answers, and listings it did not finish
   * say so (incomplete), so nothing is answered weaker while the index is being built.
   */
  background?: (realRoot: string) => void;
  /**
   * A change feed kept by a long-lived process (the decision server: changeFeed.ts): which folders of
   * a kept index may have changed since it was last checked. Without one (the hook process, `check`),
   * or when it does not know (starting, rebuilding, overflowed), every folder a question covers is
   * stat'ed as before.
   */
  feed?: IndexChangeFeed;
}

/** What a change feed answers for one question (see CacheOptions.feed). */
export interface FeedCheck {
  /** The only folders under the question's scope that may differ from the index: each must be checked. */
  folders: readonly string[];
  /** Those of them whose listing changed (the kernel said so): listed again whatever their mtime. */
  relist: ReadonlySet<string>;
  /** For some of them, the only entries that changed (the names the events carried); the others: any. */
  names: ReadonlyMap<string, ReadonlySet<string>>;
  /** The index's folder mtimes (the feed's copy, for this very index): brought up to date in place. */
  dirs: Record<string, number>;
  /**
   * The folders were checked; the credential files did not change, so nothing was written. `dirs`
   * (the feed's copy) holds their mtimes now, and `folders` says which were added or dropped.
   */
  unchanged(folders: FolderChanges): void;
  /** The credential files changed: the index was written (`identity`: keptIndexIdentity of the new one). */
  wrote(identity: string, dirs: Record<string, number>, folders: FolderChanges): void;
  /** The check could not be made: the feed forgets what it knew (every folder is checked again). */
  failed(): void;
}

export interface FolderChanges {
  added: readonly string[];
  gone: readonly string[];
}

export interface IndexChangeFeed {
  /** Undefined: the feed does not know (not watching yet, another index, an overflow): verify as without one. */
  check(realRoot: string, file: string, index: CredentialCacheFile, scope: string): FeedCheck | undefined;
}

/** Indexes built in this process that ran out of time, by index file: built once, never written. */
const partialBuilds = new Map<string, CredentialCacheFile>();

/**
 * For a process that decides many calls (the decision server): each call starts as a fresh hook
 * process would, with no partial walk of an earlier call standing in for the workspace of today.
 */
export function forgetPartialBuilds(): void {
  partialBuilds.clear();
}

/**
 * The walk of an index built in memory (no guard folder to keep it in) stops after this long; a
 * question about a folder it did not finish is then answered conservatively (CredentialFacts.incomplete).
 */
export const ON_DEMAND_BUILD_MS = 8000;

const rootKeys = new Map<string, string>();

export function cacheFileFor(cacheDir: string, realRoot: string): string {
  // Not node:crypto: it is not loaded on the hook's path just to name this file.
  let key = rootKeys.get(realRoot);
  if (key === undefined) rootKeys.set(realRoot, (key = sha256Hex(realRoot).slice(0, 16)));
  return path.join(cacheDir, `credentials-${key}.json`);
}

/**
 * The folder mtimes that go with the index in `file`: a text file of one line per folder
 * (`<relative path>\t<mtime ms>`), sorted by path, after a header naming the index's `scannedAt`. The
 * folders under one path are then one run of lines, found with indexOf: a question about one folder
 * reads only its lines, and a check that nothing changed builds no object of 16,000 keys.
 */
export function dirsFileFor(file: string): string {
  return file.replace(/\.json$/, '.dirs');
}

const DIRS_HEADER = 'blast-shield-dirs';

/** Tabs, line breaks and '%' in a folder name are written as %XX, so every line is one folder. */
function escapeRel(rel: string): string {
  return /[%\t\n\r]/.test(rel) ? rel.replace(/[%\t\n\r]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()) : rel;
}

function unescapeRel(text: string): string {
  return text.includes('%') ? text.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The folder mtimes as written: the header, then one sorted line per folder. */
export function dirsText(scannedAt: number, dirs: Record<string, number>): string {
  const lines = Object.entries(dirs).map(([rel, mtime]) => `${escapeRel(rel)}\t${mtime}`);
  lines.sort();
  return `${DIRS_HEADER} ${CREDENTIAL_CACHE_VERSION} ${scannedAt}\n${lines.map((l) => l + '\n').join('')}`;
}

/** The folder mtimes file's text when it goes with the index written at `scannedAt`. */
function readDirsText(file: string, scannedAt: number): string | undefined {
  try {
    const bytes = readRegularFileSync(dirsFileFor(file), MAX_CACHE_FILE_BYTES);
    const text = bytes?.toString('utf8');
    return text !== undefined && text.startsWith(`${DIRS_HEADER} ${CREDENTIAL_CACHE_VERSION} ${scannedAt}\n`) ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `visit` for each folder line of `text` at `scope` or under it (every line for ''), until it
 * returns false; false then. A malformed line is a change (false).
 */
function visitDirs(text: string, scope: string, visit: (rel: string, mtime: number) => boolean): boolean {
  const line = (start: number): { rel: string; mtime: number; next: number } | undefined => {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.lastIndexOf('\t', end);
    if (tab < start) return undefined;
    const mtime = Number(text.slice(tab + 1, end));
    return Number.isFinite(mtime) ? { rel: unescapeRel(text.slice(start, tab)), mtime, next: end + 1 } : undefined;
  };
  const first = text.indexOf('\n') + 1;
  if (scope === '') {
    for (let at = first; at < text.length; ) {
      const l = line(at);
      if (!l || !visit(l.rel, l.mtime)) return false;
      at = l.next;
    }
    return true;
  }
  const key = escapeRel(scope);
  const exact = text.indexOf(`\n${key}\t`, first - 1);
  if (exact >= 0) {
    const l = line(exact + 1);
    if (!l || !visit(l.rel, l.mtime)) return false;
  }
  // Sorted: the folders under `scope` are one run of lines.
  for (let at = text.indexOf(`\n${key}/`, first - 1) + 1; at > 0 && at < text.length && text.startsWith(`${key}/`, at); ) {
    const l = line(at);
    if (!l || !visit(l.rel, l.mtime)) return false;
    at = l.next;
  }
  return true;
}

function parseDirs(text: string): Record<string, number> | undefined {
  const dirs: Record<string, number> = {};
  return visitDirs(text, '', (rel, mtime) => ((dirs[rel] = mtime), true)) ? dirs : undefined;
}

function readJson(file: string): unknown {
  const bytes = readRegularFileSync(file, MAX_CACHE_FILE_BYTES);
  return bytes ? (JSON.parse(bytes.toString('utf8')) as unknown) : undefined;
}

/** The credential files part of the index, without the folder mtimes (`dirs` is empty). */
export function readCredentialFiles(file: string, realRoot: string): CredentialCacheFile | undefined {
  try {
    const parsed = parsedFiles(file);
    if (!parsed || parsed.version !== CREDENTIAL_CACHE_VERSION || parsed.root !== realRoot || typeof parsed.salt !== 'string') return undefined;
    if (typeof parsed.files !== 'object' || parsed.files === null || typeof parsed.scannedAt !== 'number') return undefined;
    // Its own map of files: a refresh replaces and deletes entries there, never in what is kept below.
    return { ...(parsed as CredentialCacheFile), dirs: {}, files: { ...parsed.files } };
  } catch {
    return undefined;
  }
}

/**
 * The files part as last parsed in this process, while the file is the same one (inode, size, mtime
 * and ctime): the hook's facts and its redaction both read it, and `check --jsonl` reads it per line.
 * Every write renames a new file over it, which changes the inode.
 */
const parsedByFile = new Map<string, { key: string; ino: number; parsed: Partial<CredentialCacheFile> | undefined }>();

function parsedFiles(file: string): Partial<CredentialCacheFile> | undefined {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (!st) return undefined;
  const key = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  const kept = parsedByFile.get(file);
  if (kept?.key === key) return kept.parsed;
  const parsed = readJson(file) as Partial<CredentialCacheFile> | undefined;
  if (parsedByFile.size >= 16) parsedByFile.clear();
  parsedByFile.set(file, { key, ino: st.ino, parsed });
  return parsed;
}

/**
 * Which write of the index `index` (read from `file` in this process) is: the inode of the file it
 * was read from and its `scannedAt`. Every write renames a new file over the old one, so another
 * writer's index has another identity; undefined when it was not read here.
 */
export function keptIndexIdentity(file: string, index: Pick<CredentialCacheFile, 'scannedAt'>): string | undefined {
  const kept = parsedByFile.get(file);
  return kept && kept.parsed?.scannedAt === index.scannedAt ? `${kept.ino}:${index.scannedAt}` : undefined;
}

/** Fill in the folder mtimes written with `cache`; false when they are missing or from another write. */
function readDirsInto(file: string, cache: CredentialCacheFile, text = readDirsText(file, cache.scannedAt)): boolean {
  const dirs = text === undefined ? undefined : parseDirs(text);
  if (!dirs) return false;
  cache.dirs = dirs;
  return true;
}

/** The whole index (files and folder mtimes), or undefined when either part is missing or does not match. */
export function readCredentialCache(file: string, realRoot: string): CredentialCacheFile | undefined {
  const cache = readCredentialFiles(file, realRoot);
  return cache && readDirsInto(file, cache) ? cache : undefined;
}

let written = 0;
/** Returns the inode of the file written (taken before the rename, so it is this write's even if another follows). */
function writeAtomically(file: string, text: string): number {
  // Unique per process and write; renamed over the target, so readers see the old or the new file.
  const tmp = `${file}.${process.pid}.${Date.now()}.${written++}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  const ino = fs.statSync(tmp).ino;
  fs.renameSync(tmp, file);
  return ino;
}

/** The folder mtimes first, then the files part that names them by `scannedAt`. Returns the write's identity (keptIndexIdentity). */
function writeCredentialCache(file: string, cache: CredentialCacheFile): string {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { dirs, ...files } = cache;
  writeAtomically(dirsFileFor(file), dirsText(cache.scannedAt, dirs));
  const ino = writeAtomically(file, JSON.stringify(files));
  // The JSON folder mtimes of index version 3, replaced by the line file.
  fs.rmSync(file.replace(/\.json$/, '.dirs.json'), { force: true });
  return `${ino}:${cache.scannedAt}`;
}

/**
 * Are the credential files of `b` (a refresh of `a`) the same as `a`'s? Only entries dropped (by
 * re-listing or a folder gone) or scanned again (`rescanned`) can differ.
 */
function sameFiles(a: Record<string, CachedCredentialFile>, b: Record<string, CachedCredentialFile>, rescanned: readonly WalkedFile[]): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (b[k] === undefined) return false;
  for (const f of rescanned) {
    const x = a[f.relativePath];
    const y = b[f.relativePath];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

function withStat(realRoot: string, f: ScannedCredentialFile): CachedCredentialFile | undefined {
  try {
    const st = fs.statSync(path.join(realRoot, f.path));
    return { ...f, mtimeMs: st.mtimeMs, size: st.size };
  } catch {
    return undefined;
  }
}

function cacheOf(realRoot: string, salt: string, result: ScanResult): CredentialCacheFile {
  const files: Record<string, CachedCredentialFile> = {};
  for (const f of result.files) {
    const s = withStat(realRoot, f);
    if (s) files[f.path] = s;
  }
  return { version: CREDENTIAL_CACHE_VERSION, root: realRoot, salt, scannedAt: Date.now(), truncated: result.truncated, secretlintUsed: result.secretlintUsed, dirs: Object.fromEntries(result.dirs), files };
}

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/**
 * The file-system part of bringing a loaded cache up to date: folders gone are dropped, folders whose
 * mtime changed are re-listed, credential files whose size or mtime changed are queued. Returns the
 * files to scan again and whether the cache already changed. `fed`: what a change feed says (only its
 * folders may differ under `scope`; those in `relist` are listed again even with the same mtime; in a
 * folder with `names`, only the files named changed); a folder gone takes the folders under it with it.
 */
function planRefresh(
  cache: CredentialCacheFile,
  options: CacheOptions,
  scope = '',
  fed?: Pick<FeedCheck, 'folders' | 'relist' | 'names'>,
): { rescan: WalkedFile[]; changed: boolean; added: string[]; gone: string[] } {
  const realRoot = cache.root;
  const relist = new Set<string>();
  const gone: string[] = [];
  const only = fed?.folders;
  const inScope = (rel: string): boolean => scope === '' || rel === scope || rel.startsWith(scope + '/');
  const folders: Iterable<[string, number | undefined]> = only ? only.map((rel) => [rel, cache.dirs[rel]]) : Object.entries(cache.dirs);
  for (const [rel, mtime] of folders) {
    if (!inScope(rel)) continue;
    let now: number | undefined;
    try {
      now = fs.statSync(rel === '' ? realRoot : path.join(realRoot, rel)).mtimeMs;
    } catch {
      now = undefined;
    }
    if (now === undefined) gone.push(rel);
    else if (now !== mtime || fed?.relist.has(rel)) relist.add(rel);
  }
  let changed = false;
  if (only && gone.length > 0) {
    // The folders under a folder gone are gone too, whether the feed named them or not.
    const goneSet = new Set(gone);
    const underGone = (rel: string): boolean => {
      for (let at = rel.lastIndexOf('/'); at > 0; at = rel.lastIndexOf('/', at - 1)) if (goneSet.has(rel.slice(0, at))) return true;
      return false;
    };
    for (const rel of Object.keys(cache.dirs)) if (!goneSet.has(rel) && underGone(rel)) gone.push(rel);
  }
  for (const rel of gone) {
    delete cache.dirs[rel];
    for (const f of Object.keys(cache.files)) if (f.startsWith(rel + '/')) delete cache.files[f];
    changed = true;
  }
  const rescan: WalkedFile[] = [];
  const added: string[] = [];
  /** Is the file at `rel`, in a folder listed again, one that may have changed (every file, unless the feed named them)? */
  const named = (rel: string): boolean => {
    const names = fed?.names.get(parentOf(rel));
    return names === undefined || names.has(rel.slice(rel.lastIndexOf('/') + 1));
  };
  // Credential files edited in place: their folder's mtime does not change (nor, through a hard link elsewhere, does the feed hear of it).
  for (const [rel, f] of Object.entries(cache.files)) {
    if (!inScope(rel) || (relist.has(parentOf(rel)) && named(rel))) continue;
    try {
      const st = fs.statSync(path.join(realRoot, rel));
      if (st.mtimeMs !== f.mtimeMs || st.size !== f.size) rescan.push({ absolutePath: path.join(realRoot, rel), relativePath: rel, contentPath: fs.realpathSync(path.join(realRoot, rel)) });
    } catch {
      delete cache.files[rel];
      changed = true;
    }
  }
  if (relist.size > 0) {
    const dirs = cache.dirs;
    const walk = walkTree(realRoot, options.limits ?? DEFAULT_WALK_LIMITS, { relist, known: { has: (rel) => dirs[rel] !== undefined } });
    for (const f of Object.keys(cache.files)) if (relist.has(parentOf(f)) && named(f)) delete cache.files[f];
    for (const [rel, mtime] of walk.dirs) {
      if (cache.dirs[rel] === undefined) added.push(rel);
      cache.dirs[rel] = mtime;
    }
    // In a folder whose changed names the feed knows, the other files are as they were scanned.
    for (const f of walk.files) if (named(f.relativePath)) rescan.push(f);
    // A re-listing stopped by a limit (entries, depth) saw only part of what changed: the index says so.
    if (walk.truncated) cache.truncated = true;
    changed = true;
  }
  return { rescan, changed, added, gone };
}

/** Stat a path; undefined when it is not there or cannot be stat'ed. */
function statOrNothing(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * Does nothing under `scope` differ from the index (`dirsText` being its folder mtimes)? The same
 * checks as planRefresh (a folder gone or with another mtime, a credential file gone or with another
 * size or mtime), stopping at the first difference and building nothing: when the answer is no, the
 * caller brings the index up to date the full way.
 */
function unchangedUnder(cache: CredentialCacheFile, dirsText: string, scope: string): boolean {
  const root = cache.root;
  const at = (rel: string): string => (rel === '' ? root : root + path.sep + rel);
  const folders = visitDirs(dirsText, scope, (rel, mtime) => statOrNothing(at(rel))?.mtimeMs === mtime);
  if (!folders) return false;
  for (const [rel, f] of Object.entries(cache.files)) {
    if (scope !== '' && rel !== scope && !rel.startsWith(scope + '/')) continue;
    const st = statOrNothing(at(rel));
    if (!st || st.mtimeMs !== f.mtimeMs || st.size !== f.size) return false;
  }
  return true;
}

function applyScan(cache: CredentialCacheFile, file: WalkedFile, one: FileScan): void {
  if (one.secretlintMissing) cache.secretlintUsed = false;
  delete cache.files[file.relativePath];
  const s = one.result ? withStat(cache.root, one.result) : undefined;
  if (s) cache.files[file.relativePath] = s;
}

/** Where a workspace's cache lives and what it holds now (undefined: none, or a full rescan asked). */
function locate(root: string, options: CacheOptions): { realRoot: string; file: string; cached: CredentialCacheFile | undefined } {
  const realRoot = fs.realpathSync(root);
  const file = cacheFileFor(options.cacheDir, realRoot);
  return { realRoot, file, cached: options.full ? undefined : readCredentialCache(file, realRoot) };
}

/** A rebuilt index keeps its workspace's salt, so hashes stay comparable across rebuilds. */
function saltFor(file: string, realRoot: string): string {
  return readCredentialFiles(file, realRoot)?.salt ?? nodeCrypto().randomBytes(32).toString('base64url');
}

function saveIfChanged(file: string, cache: CredentialCacheFile, changed: boolean): CredentialCacheFile {
  if (changed) {
    cache.scannedAt = Date.now();
    writeCredentialCache(file, cache);
  }
  return cache;
}

/**
 * The workspace's credential index: read from the cache and brought up to date, or built by a full
 * scan when there is none. `root` may be any path to the workspace; it is resolved to its real path.
 */
export async function loadCredentialCache(root: string, options: CacheOptions): Promise<CredentialCacheFile> {
  const { realRoot, file, cached } = locate(root, options);
  const wantsSecretlint = options.secretlint !== false;
  const existing = cached && cached.secretlintUsed === false && wantsSecretlint && secretlintAvailable() ? undefined : cached;
  if (!existing) {
    const salt = saltFor(file, realRoot);
    return saveIfChanged(file, cacheOf(realRoot, salt, await scanWorkspace(realRoot, { home: options.home, salt, secretlint: options.secretlint, limits: options.limits })), true);
  }
  const plan = planRefresh(existing, options);
  for (const f of plan.rescan) applyScan(existing, f, await scanFile(f, { home: options.home, salt: existing.salt, secretlint: options.secretlint }));
  return saveIfChanged(file, existing, plan.changed || plan.rescan.length > 0);
}

/**
 * The whole index brought up to date synchronously, without secretlint (path and core content rules
 * judge new files; the extension's refresh completes it): built when there is none.
 */
export function loadCredentialCacheSync(root: string, options: CacheOptions): CredentialCacheFile {
  const index = new WorkspaceIndex(root, options);
  return index.currentUnder(index.root);
}

// ---------------------------------------------------------------------------------------------
// The change feed: the editor vouches for the index while it watches the workspace

/**
 * While an editor window with the extension is open on a workspace, it watches every file change
 * there and refreshes the index after each burst. It says so in `credentials-<key>.feed.json`:
 * "current" (with the index it vouches for, by its `scannedAt`) once a refresh finished with no change
 * since it started, "changed" as soon as a change arrives, and it renews "current" every minute. The
 * hook then skips stat'ing the workspace's folders, which in a monorepo is most of a credential
 * question's cost. A feed from a process that is gone, older than FEED_FRESH_MS, or naming another
 * index is ignored.
 */
export type FeedState = 'current' | 'changed';

export interface IndexFeed {
  version: 1;
  pid: number;
  state: FeedState;
  /** The index this feed vouches for (its `scannedAt`), for "current". */
  scannedAt?: number;
  at: number;
}

export const FEED_FRESH_MS = 150_000;


export function feedFileFor(file: string): string {
  return file.replace(/\.json$/, '.feed.json');
}

export function writeIndexFeed(cacheDir: string, root: string, feed: Omit<IndexFeed, 'version' | 'pid' | 'at'>): void {
  const file = cacheFileFor(cacheDir, fs.realpathSync(root));
  fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  writeAtomically(feedFileFor(file), JSON.stringify({ version: 1, pid: process.pid, at: Date.now(), ...feed } satisfies IndexFeed));
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readFeed(file: string): Partial<IndexFeed> | undefined {
  try {
    const feed = readJson(feedFileFor(file)) as Partial<IndexFeed> | undefined;
    if (!feed || feed.version !== 1 || typeof feed.at !== 'number' || typeof feed.pid !== 'number') return undefined;
    return feed;
  } catch {
    return undefined;
  }
}

/**
 * Does a live editor vouch that `index` (read from `file`) is current? Only then is it used without
 * stat'ing the workspace's folders; with no editor open, every question that needs the index current
 * verifies the folders it concerns, so no answer is weaker for the want of an editor.
 */
export function indexIsVouchedFor(file: string, index: CredentialCacheFile, now = Date.now()): boolean {
  const feed = readFeed(file);
  if (!feed || feed.state !== 'current' || feed.scannedAt !== index.scannedAt) return false;
  if (now - (feed.at as number) > FEED_FRESH_MS || (feed.at as number) > now + 5000) return false;
  return processAlive(feed.pid as number);
}

// ---------------------------------------------------------------------------------------------
// The hook's view: stale for look-ups, brought up to date only where a question needs it

function within(parentRel: string, rel: string): boolean {
  return parentRel === '' || rel === parentRel || rel.startsWith(parentRel + '/');
}

/**
 * One workspace's index as the hook uses it. `known()` is the files part as it is on disk: no folder
 * is stat'ed (enough to look up one file, which is also judged by its own name and content, and to
 * find a value's origin when it is already there). `currentUnder(dir)` brings it up to date for the
 * folders under `dir` only, unless a live editor vouches for it; with no index yet, a sub-folder is
 * scanned on its own and the whole workspace is indexed only when a question is about all of it.
 * Synchronous and without secretlint: the extension's refresh completes the index.
 */
export class WorkspaceIndex {
  private loaded = false;
  private index: CredentialCacheFile | undefined;
  private readonly file: string;
  private readonly realRoot: string;
  /** Scopes (root-relative) already brought up to date in this process. */
  private readonly current: string[] = [];
  private full: CredentialCacheFile | undefined;
  /** The index in use is the one kept on disk (read, or built whole and written), not one made in memory. */
  private fromDisk = false;

  constructor(root: string, private readonly options: CacheOptions) {
    this.realRoot = fs.realpathSync(root);
    this.file = cacheFileFor(options.cacheDir, this.realRoot);
  }

  get root(): string {
    return this.realRoot;
  }

  /** True when the index in use stopped at a limit (entries, depth or time) before it saw everything. */
  incomplete(): boolean {
    return (this.full ?? this.index)?.truncated === true;
  }

  private get persist(): boolean {
    return this.options.persist !== false;
  }

  /**
   * An index kept on disk is built once and reused (its time is the hook's own time box); one built in
   * memory for every question (no guard folder) stops after ON_DEMAND_BUILD_MS.
   */
  private limits(): WalkLimits {
    const base = this.options.limits ?? DEFAULT_WALK_LIMITS;
    const ms = this.options.buildTimeMs ?? (this.persist ? undefined : ON_DEMAND_BUILD_MS);
    return ms === undefined ? base : { ...base, deadline: Date.now() + ms };
  }

  known(): CredentialCacheFile | undefined {
    if (!this.loaded) {
      this.index = this.persist ? readCredentialFiles(this.file, this.realRoot) : undefined;
      this.fromDisk = this.index !== undefined;
      this.loaded = true;
    }
    return this.index;
  }

  /** An index is kept on disk for this workspace and is the one in use (not a partial one made in memory). */
  kept(): boolean {
    return this.known() !== undefined && this.fromDisk;
  }

  /** The index with everything under `absDir` (a real path inside the workspace, or the workspace) up to date. */
  currentUnder(absDir: string): CredentialCacheFile {
    const rel = path.relative(this.realRoot, absDir).split(path.sep).join('/');
    const scope = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel;
    if (this.full || this.current.some((done) => within(done, scope))) return this.full ?? (this.index as CredentialCacheFile);
    const known = this.known();
    const fed = known ? this.fromFeed(known, scope) : undefined;
    if (fed) {
      this.current.push(scope);
      if (scope === '') this.full = fed;
      return fed;
    }
    if (known && indexIsVouchedFor(this.file, known)) {
      this.current.push('');
      return known;
    }
    const dirsText = known ? readDirsText(this.file, known.scannedAt) : undefined;
    if (known && dirsText !== undefined && unchangedUnder(known, dirsText, scope)) {
      // Nothing under `scope` changed since the index was written: it is current there as it is.
      this.current.push(scope);
      if (scope === '') this.full = known;
      return known;
    }
    const cache = known && readDirsInto(this.file, (this.index = { ...known, dirs: {} }), dirsText) ? this.index : undefined;
    if (!cache) return scope === '' ? this.build() : this.scanApart(scope, known);
    const plan = planRefresh(cache, this.options, scope);
    for (const f of plan.rescan) applyScan(cache, f, scanFileSync(f, { home: this.options.home, salt: cache.salt }));
    saveIfChanged(this.file, cache, plan.changed || plan.rescan.length > 0);
    this.current.push(scope);
    if (scope === '') this.full = cache;
    return cache;
  }

  /**
   * The kept index brought up to date under `scope` by checking only the folders a change feed names
   * (and every credential file there, as always); undefined when there is no feed, it does not know,
   * or the check failed: the caller then verifies every folder as without one.
   */
  private fromFeed(known: CredentialCacheFile, scope: string): CredentialCacheFile | undefined {
    const feed = this.options.feed;
    if (!feed || !this.fromDisk || known.truncated) return undefined;
    const check = feed.check(this.realRoot, this.file, known, scope);
    if (!check) return undefined;
    try {
      // Its own map of files: a failure half-way leaves `known` as it was read.
      const cache: CredentialCacheFile = { ...known, dirs: check.dirs, files: { ...known.files } };
      const plan = planRefresh(cache, this.options, scope, check);
      for (const f of plan.rescan) applyScan(cache, f, scanFileSync(f, { home: this.options.home, salt: cache.salt }));
      // Written only when what other processes read first changed (the credential files, the flags):
      // folder mtimes older on disk than here only make a reader without a feed list those folders again.
      if (cache.truncated !== known.truncated || cache.secretlintUsed !== known.secretlintUsed || !sameFiles(known.files, cache.files, plan.rescan)) {
        cache.scannedAt = Date.now();
        check.wrote(writeCredentialCache(this.file, cache), cache.dirs, plan);
      } else check.unchanged(plan);
      this.index = cache;
      return cache;
    } catch {
      check.failed();
      return undefined;
    }
  }

  private build(): CredentialCacheFile {
    // A walk already cut short in this process by the same kind of limit is not repeated.
    const earlier = this.persist && this.options.buildTimeMs !== undefined ? partialBuilds.get(this.file) : undefined;
    if (earlier) return (this.index = this.full = earlier);
    const salt = this.persist ? saltFor(this.file, this.realRoot) : nodeCrypto().randomBytes(32).toString('base64url');
    const limits = this.limits();
    const built = cacheOf(this.realRoot, salt, scanWorkspaceSync(this.realRoot, { home: this.options.home, salt, limits }));
    // An index cut short by its time limit is kept in memory only: written, later refreshes would
    // trust it for folders it never saw.
    const timedOut = built.truncated && Date.now() > (limits.deadline ?? Infinity);
    if (timedOut && this.persist) {
      partialBuilds.set(this.file, built);
      this.options.background?.(this.realRoot);
    }
    this.full = saveIfChanged(this.file, built, this.persist && !timedOut);
    this.index = this.full;
    this.fromDisk = this.persist && !timedOut;
    this.loaded = true;
    return this.full;
  }

  /** No usable index: scan the one sub-folder asked about, keeping what is known elsewhere; nothing is written. */
  private scanApart(scope: string, known: CredentialCacheFile | undefined): CredentialCacheFile {
    const salt = known?.salt ?? (this.persist ? saltFor(this.file, this.realRoot) : nodeCrypto().randomBytes(32).toString('base64url'));
    const result = scanWorkspaceSync(path.join(this.realRoot, scope), { home: this.options.home, salt, limits: this.limits() });
    const files: Record<string, CachedCredentialFile> = {};
    for (const [rel, f] of Object.entries(known?.files ?? {})) if (!within(scope, rel)) files[rel] = f;
    for (const f of result.files) {
      const rel = `${scope}/${f.path}`;
      const s = withStat(this.realRoot, { ...f, path: rel });
      if (s) files[rel] = s;
    }
    this.index = { version: CREDENTIAL_CACHE_VERSION, root: this.realRoot, salt, scannedAt: known?.scannedAt ?? 0, truncated: result.truncated, secretlintUsed: false, dirs: {}, files };
    this.fromDisk = false;
    this.loaded = true;
    this.current.push(scope);
    // No usable kept index: the whole one is built elsewhere for the questions after this one.
    if (this.persist) this.options.background?.(this.realRoot);
    return this.index;
  }
}
