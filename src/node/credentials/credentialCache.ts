import { nodeCrypto } from '../lazyCrypto';
import { sha256Hex } from '../hashing';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanFile, scanFileSync, scanWorkspace, scanWorkspaceSync, type FileScan, type ScannedCredentialFile, type ScanResult } from './workspaceScan';
import { walkTree, DEFAULT_WALK_LIMITS, type WalkedFile, type WalkLimits } from './walk';
import { secretlintAvailable } from './loadSecretlint';

/**
 * The per-workspace credential index the hook reads instead of rescanning the tree. One JSON file
 * per workspace in the guard's cache folder (0600): credential files with their kinds and salted
 * value hashes, and the mtime of every folder walked. A folder whose mtime changed is re-listed
 * (files created, deleted or renamed in it are rescanned); every credential file is re-stat'ed.
 * A file edited in place inside an unchanged folder is seen on the next full scan only.
 */
export const CREDENTIAL_CACHE_VERSION = 1;

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
}

export function cacheFileFor(cacheDir: string, realRoot: string): string {
  // Not node:crypto: it is not loaded on the hook's path just to name this file.
  const key = sha256Hex(realRoot).slice(0, 16);
  return path.join(cacheDir, `credentials-${key}.json`);
}

export function readCredentialCache(file: string, realRoot: string): CredentialCacheFile | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CredentialCacheFile>;
    if (parsed.version !== CREDENTIAL_CACHE_VERSION || parsed.root !== realRoot || typeof parsed.salt !== 'string') return undefined;
    if (typeof parsed.dirs !== 'object' || parsed.dirs === null || typeof parsed.files !== 'object' || parsed.files === null) return undefined;
    return parsed as CredentialCacheFile;
  } catch {
    return undefined;
  }
}

function writeCredentialCache(file: string, cache: CredentialCacheFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${nodeCrypto().randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(cache), { mode: 0o600 });
  fs.renameSync(tmp, file);
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
 * files to scan again and whether the cache already changed.
 */
function planRefresh(cache: CredentialCacheFile, options: CacheOptions): { rescan: WalkedFile[]; changed: boolean } {
  const realRoot = cache.root;
  const relist = new Set<string>();
  const gone: string[] = [];
  for (const [rel, mtime] of Object.entries(cache.dirs)) {
    let now: number | undefined;
    try {
      now = fs.statSync(rel === '' ? realRoot : path.join(realRoot, rel)).mtimeMs;
    } catch {
      now = undefined;
    }
    if (now === undefined) gone.push(rel);
    else if (now !== mtime) relist.add(rel);
  }
  let changed = false;
  for (const rel of gone) {
    delete cache.dirs[rel];
    for (const f of Object.keys(cache.files)) if (f.startsWith(rel + '/')) delete cache.files[f];
    changed = true;
  }
  const rescan: WalkedFile[] = [];
  // Credential files edited in place: their folder's mtime does not change.
  for (const [rel, f] of Object.entries(cache.files)) {
    if (relist.has(parentOf(rel))) continue;
    try {
      const st = fs.statSync(path.join(realRoot, rel));
      if (st.mtimeMs !== f.mtimeMs || st.size !== f.size) rescan.push({ absolutePath: path.join(realRoot, rel), relativePath: rel, contentPath: fs.realpathSync(path.join(realRoot, rel)) });
    } catch {
      delete cache.files[rel];
      changed = true;
    }
  }
  if (relist.size > 0) {
    const walk = walkTree(realRoot, options.limits ?? DEFAULT_WALK_LIMITS, { relist, known: new Set(Object.keys(cache.dirs)) });
    for (const f of Object.keys(cache.files)) if (relist.has(parentOf(f))) delete cache.files[f];
    for (const [rel, mtime] of walk.dirs) cache.dirs[rel] = mtime;
    rescan.push(...walk.files);
    changed = true;
  }
  return { rescan, changed };
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
  return readCredentialCache(file, realRoot)?.salt ?? nodeCrypto().randomBytes(32).toString('base64url');
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
 * The same without secretlint, synchronously: how the hook loads the index, on first use only (most
 * commands never ask a credential question). Path and core content rules judge new files; the
 * extension's own refresh (with secretlint) completes the index.
 */
export function loadCredentialCacheSync(root: string, options: CacheOptions): CredentialCacheFile {
  const { realRoot, file, cached } = locate(root, options);
  if (!cached) {
    const salt = saltFor(file, realRoot);
    return saveIfChanged(file, cacheOf(realRoot, salt, scanWorkspaceSync(realRoot, { home: options.home, salt, limits: options.limits })), true);
  }
  const plan = planRefresh(cached, options);
  for (const f of plan.rescan) applyScan(cached, f, scanFileSync(f, { home: options.home, salt: cached.salt }));
  return saveIfChanged(file, cached, plan.changed || plan.rescan.length > 0);
}
