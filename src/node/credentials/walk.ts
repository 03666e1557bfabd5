import * as fs from 'node:fs';
import * as path from 'node:path';
import { BINARY_EXTENSIONS, SKIPPED_DIRS } from '../../core/credentials/credentialPaths';
import { openRegularFileSync } from '../safeOpen';

/** Files larger than this are never read: credentials live in small files. */
export const MAX_SCANNED_FILE_BYTES = 1024 * 1024;

export interface WalkLimits {
  maxEntries: number;
  maxDepth: number;
  /** Stop (truncated) once Date.now() passes this: an index built on demand must answer in time. */
  deadline?: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxEntries: 500_000, maxDepth: 40 };

export interface WalkedFile {
  /** Absolute path (the link's path for a symlink inside the tree). */
  absolutePath: string;
  /** Path relative to the root, with forward slashes. */
  relativePath: string;
  /** The file whose bytes to read: the link target for a symlink, else absolutePath. */
  contentPath: string;
}

/** Re-list only these folders (relative); sub-folders in `known` are not entered. */
export interface PartialWalk {
  relist: ReadonlySet<string>;
  known: { has(rel: string): boolean };
}

export interface WalkResult {
  files: WalkedFile[];
  /** Every directory entered, relative ('' for the root), with its mtime, for cache validation. */
  dirs: Map<string, number>;
  /** True when a limit stopped the walk before it saw everything. */
  truncated: boolean;
}

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

export function hasBinaryExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/**
 * Walk `root` (a real path) breadth-first: skip dependency, VCS and build folders, binaries by
 * extension, and symlinks that leave the tree; never enter a symlinked folder (its real location is
 * walked where it lies, if inside the tree). Bounded by `limits`.
 */
export function walkTree(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS, partial?: PartialWalk): WalkResult {
  const realRoot = fs.realpathSync(root);
  const files: WalkedFile[] = [];
  const dirs = new Map<string, number>();
  let entries = 0;
  let truncated = false;
  const queue: { rel: string; depth: number }[] = partial
    ? [...partial.relist].map((rel) => ({ rel, depth: rel === '' ? 0 : rel.split('/').length }))
    : [{ rel: '', depth: 0 }];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const { rel, depth } = next;
    if (limits.deadline !== undefined && Date.now() > limits.deadline) return { files, dirs, truncated: true };
    const abs = rel === '' ? realRoot : path.join(realRoot, rel);
    let list: fs.Dirent[];
    try {
      dirs.set(rel, fs.statSync(abs).mtimeMs);
      list = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of list) {
      if (++entries > limits.maxEntries) {
        truncated = true;
        return { files, dirs, truncated };
      }
      const name = entry.name;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childAbs = path.join(abs, name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(name)) continue;
        if (depth + 1 > limits.maxDepth) {
          truncated = true;
          continue;
        }
        // In a partial walk a known folder is checked on its own; a new one is walked whole.
        if (partial?.known.has(childRel)) continue;
        queue.push({ rel: childRel, depth: depth + 1 });
        continue;
      }
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = fs.realpathSync(childAbs);
        } catch {
          continue;
        }
        if (!isInside(realRoot, target)) continue;
        let isFile = false;
        try {
          isFile = fs.statSync(target).isFile();
        } catch {
          continue;
        }
        if (isFile && !hasBinaryExtension(name)) files.push({ absolutePath: childAbs, relativePath: childRel, contentPath: target });
        continue;
      }
      if (!entry.isFile() || hasBinaryExtension(name)) continue;
      files.push({ absolutePath: childAbs, relativePath: childRel, contentPath: childAbs });
    }
  }
  return { files, dirs, truncated };
}

/** One buffer reused for every read: a scan reads tens of thousands of small files in a row. */
let scratch: Buffer | undefined;

/**
 * Read a file for scanning: undefined when it is larger than `maxBytes`, unreadable, or binary
 * (a NUL byte in the first 8 KiB). Reads up to one byte past the limit instead of stat'ing first,
 * which saves a system call per file.
 */
export function readTextForScan(filePath: string, maxBytes = MAX_SCANNED_FILE_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    fd = openRegularFileSync(filePath)?.fd;
    if (fd === undefined) return undefined;
    if (!scratch || scratch.length < maxBytes + 1) scratch = Buffer.allocUnsafe(maxBytes + 1);
    const buffer = scratch;
    let read = 0;
    while (read <= maxBytes) {
      const n = fs.readSync(fd, buffer, read, maxBytes + 1 - read, null);
      if (n === 0) break;
      read += n;
    }
    if (read > maxBytes) return undefined;
    if (buffer.subarray(0, Math.min(read, 8192)).includes(0)) return undefined;
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
