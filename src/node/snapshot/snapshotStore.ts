/**
 * The trash folder: `<guard home>/snapshots/<id>/` holds `manifest.json` and the copied files under
 * `files/<n>/`. Listing, reading, pruning expired snapshots (their copies and their git refs), and
 * the trash's total size for the limits.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeCrypto } from '../lazyCrypto';
import { parseManifest, SNAPSHOT_ID_PATTERN, snapshotId, type SnapshotManifest } from '../../core/snapshot/manifest';
import { gitMaybe } from './gitRunner';

export function snapshotsDir(guardHome: string): string {
  return path.join(guardHome, 'snapshots');
}

export function snapshotDir(guardHome: string, id: string): string {
  if (!SNAPSHOT_ID_PATTERN.test(id)) throw new Error(`'${id}' is not a snapshot id`);
  return path.join(snapshotsDir(guardHome), id);
}

export function newSnapshotId(now: Date = new Date()): string {
  return snapshotId(now, nodeCrypto().randomBytes(2).toString('hex'));
}

export function readManifest(guardHome: string, id: string): SnapshotManifest | undefined {
  try {
    const manifest = parseManifest(fs.readFileSync(path.join(snapshotDir(guardHome, id), 'manifest.json'), 'utf8'));
    return manifest?.id === id ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Every complete snapshot, newest first. Unreadable ones are skipped. */
export function listSnapshots(guardHome: string): SnapshotManifest[] {
  let names: string[];
  try {
    names = fs.readdirSync(snapshotsDir(guardHome));
  } catch {
    return [];
  }
  const out: SnapshotManifest[] = [];
  for (const name of names) {
    if (!SNAPSHOT_ID_PATTERN.test(name)) continue;
    const m = readManifest(guardHome, name);
    if (m) out.push(m);
  }
  return out.sort((a, b) => (a.id < b.id ? 1 : -1));
}

/** Bytes the trash holds now (copied files of every kept snapshot). */
export function trashBytes(guardHome: string): number {
  return listSnapshots(guardHome).reduce((sum, m) => sum + m.bytes, 0);
}

/** Refs a snapshot keeps in repositories, per repository. */
function keptRefs(m: SnapshotManifest): Map<string, string[]> {
  const byRepo = new Map<string, string[]>();
  const add = (repo: string, refs: string[]) => byRepo.set(repo, [...(byRepo.get(repo) ?? []), ...refs]);
  for (const part of m.parts) {
    if (part.kind === 'worktree') add(part.repo, part.refs);
    else if (part.kind === 'refs') add(part.repo, part.refs.map((r) => r.kept));
    else if (part.kind === 'stash') add(part.repo, part.entries.map((e) => e.kept));
  }
  return byRepo;
}

/** Remove one snapshot: its git refs (where the repository still exists) and its folder. */
export async function removeSnapshot(guardHome: string, m: SnapshotManifest): Promise<void> {
  for (const [repo, refs] of keptRefs(m)) {
    if (!fs.existsSync(repo)) continue;
    for (const ref of refs) await gitMaybe(repo, ['update-ref', '-d', ref]).catch(() => undefined);
  }
  fs.rmSync(snapshotDir(guardHome, m.id), { recursive: true, force: true });
}

const PARTIAL_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Remove snapshots past their expiry and copies left half-written by a crash. Returns the ids removed.
 * Called after every snapshot and at the editor's start-up.
 */
export async function pruneSnapshots(guardHome: string, now: Date = new Date()): Promise<string[]> {
  const removed: string[] = [];
  for (const m of listSnapshots(guardHome)) {
    if (Date.parse(m.expiresAt) > now.getTime()) continue;
    await removeSnapshot(guardHome, m);
    removed.push(m.id);
  }
  let names: string[] = [];
  try {
    names = fs.readdirSync(snapshotsDir(guardHome));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.endsWith('.partial')) continue;
    const full = path.join(snapshotsDir(guardHome), name);
    try {
      if (now.getTime() - fs.statSync(full).mtimeMs > PARTIAL_MAX_AGE_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // removed by another window meanwhile
    }
  }
  return removed;
}
