/**
 * A kept copy of what an approved action destroyed: the manifest written beside the copied files in
 * the guard home (`snapshots/<id>/manifest.json`). Git work is kept in the repository's own object
 * database under `refs/blast-shield/snapshots/<id>/…`; files git does not track are copied.
 */

export const SNAPSHOT_FORMAT_VERSION = 1;
/** Where snapshot refs live in a repository. */
export const SNAPSHOT_REF_PREFIX = 'refs/blast-shield/snapshots/';

export interface SnapshotLimits {
  /** Largest copy for one action, in bytes (files git does not track). */
  maxBytes: number;
  /** Largest the whole trash may grow, in bytes. */
  maxTotalBytes: number;
  /** Most files copied for one action. */
  maxFiles: number;
  /** Days a snapshot is kept. */
  keepDays: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxFiles: 20_000,
  keepDays: 7,
};

export type CopiedEntry =
  | { path: string; type: 'dir'; mode: number }
  | { path: string; type: 'file'; mode: number; size: number; sha256: string }
  | { path: string; type: 'symlink'; link: string };

/** Files copied from one place: `original` is the absolute path, entries are relative to it ('' = itself). */
export interface FilesPart {
  kind: 'files';
  original: string;
  /** Folder under the snapshot holding the copies. */
  stored: string;
  entries: CopiedEntry[];
}

/** Tracked work in a repository, kept as git objects. */
export interface WorktreePart {
  kind: 'worktree';
  repo: string;
  pathspecs: string[];
  /** HEAD before the action (undefined in a repository without commits). */
  head?: string;
  /** The branch HEAD named (refs/heads/main), when not detached. */
  branch?: string;
  /** `git stash create`: index and work tree of tracked files, when anything was uncommitted. */
  stash?: string;
  refs: string[];
}

export interface RefsPart {
  kind: 'refs';
  repo: string;
  refs: { name: string; sha: string; kept: string }[];
}

export interface StashPart {
  kind: 'stash';
  repo: string;
  /** Newest first, as `git stash list` shows them; `position` is N of stash@{N}. */
  entries: { sha: string; message: string; kept: string; position?: number }[];
}

export type SnapshotPart = FilesPart | WorktreePart | RefsPart | StashPart;

export interface SnapshotManifest {
  v: typeof SNAPSHOT_FORMAT_VERSION;
  id: string;
  createdAt: string;
  expiresAt: string;
  /** The action, redacted: what a human reads in the list. */
  action: string;
  cwd: string;
  parts: SnapshotPart[];
  /** Bytes copied into the trash (git objects not counted). */
  bytes: number;
  files: number;
  /** Set when this snapshot was taken by a restore, before it replaced files. */
  beforeRestoreOf?: string;
}

/** 20261101-142233-3fa9: sortable, short enough to type. `random` is 4 hex digits. */
export function snapshotId(at: Date, random: string): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}-${random}`;
}

export const SNAPSHOT_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A relative path that stays inside its folder: no absolute paths, no `..` segments. */
export function isContainedPath(p: string): boolean {
  if (p === '') return true;
  if (p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

function isEntry(v: unknown): v is CopiedEntry {
  if (!isRecord(v) || !isString(v.path) || !isContainedPath(v.path)) return false;
  if (v.type === 'dir') return isCount(v.mode);
  if (v.type === 'file') return isCount(v.mode) && isCount(v.size) && isString(v.sha256) && /^[0-9a-f]{64}$/.test(v.sha256);
  if (v.type === 'symlink') return isString(v.link);
  return false;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const isSha = (v: unknown): v is string => isString(v) && SHA.test(v);

function isPart(v: unknown): v is SnapshotPart {
  if (!isRecord(v)) return false;
  switch (v.kind) {
    case 'files':
      return isString(v.original) && v.original.startsWith('/') && isString(v.stored) && isContainedPath(v.stored) && Array.isArray(v.entries) && v.entries.every(isEntry);
    case 'worktree':
      return isString(v.repo) && isStringList(v.pathspecs) && (v.head === undefined || isSha(v.head)) && (v.branch === undefined || isString(v.branch)) && (v.stash === undefined || isSha(v.stash)) && isStringList(v.refs);
    case 'refs':
      return isString(v.repo) && Array.isArray(v.refs) && v.refs.every((r) => isRecord(r) && isString(r.name) && isSha(r.sha) && isString(r.kept));
    case 'stash':
      return isString(v.repo) && Array.isArray(v.entries) && v.entries.every((e) => isRecord(e) && isSha(e.sha) && isString(e.message) && isString(e.kept) && (e.position === undefined || isCount(e.position)));
    default:
      return false;
  }
}

/** Parse a manifest's text; undefined for anything that is not exactly one. */
export function parseManifest(text: string): SnapshotManifest | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || v.v !== SNAPSHOT_FORMAT_VERSION || !isString(v.id) || !SNAPSHOT_ID_PATTERN.test(v.id)) return undefined;
  if (!isString(v.createdAt) || !isString(v.expiresAt) || !isString(v.action) || !isString(v.cwd) || !isCount(v.bytes) || !isCount(v.files)) return undefined;
  if (!Array.isArray(v.parts) || !v.parts.every(isPart)) return undefined;
  if (v.beforeRestoreOf !== undefined && !isString(v.beforeRestoreOf)) return undefined;
  return v as unknown as SnapshotManifest;
}
