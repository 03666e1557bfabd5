/**
 * Bring a snapshot back. Before anything is replaced, what is there now is kept as a snapshot of its
 * own (so a restore is undoable too); copied files are checked against their SHA-256 before they are
 * written back; branch tips and stash entries come back without overwriting anything of the same name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FilesPart, RefsPart, SnapshotManifest, StashPart, WorktreePart } from '../../core/snapshot/manifest';
import type { SnapshotPlan } from '../../core/snapshot/plan';
import { nodeCrypto } from '../lazyCrypto';
import { git, gitMaybe } from './gitRunner';
import { newSnapshotId, readManifest, removeSnapshot, snapshotDir } from './snapshotStore';
import { SnapshotRefused, takeSnapshot, type SnapshotContext } from './takeSnapshot';

export interface RestoreResult {
  /** One line per thing brought back. */
  done: string[];
  /** What needs a human's attention (HEAD moved on, a name taken). */
  notes: string[];
  /** The snapshot of what the restore replaced, when there was anything. */
  before?: string;
}

export interface RestoreOptions {
  /** Restore even when what is there now cannot be kept first (over the limits). */
  force?: boolean;
  now?: Date;
}

function sha256File(file: string): string {
  const hash = nodeCrypto().createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024 * 1024);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Everything a restore will overwrite, as a plan for a snapshot of its own. */
function planOfReplaced(m: SnapshotManifest): SnapshotPlan {
  const plan: SnapshotPlan = { steps: [], uncovered: [] };
  for (const part of m.parts) {
    if (part.kind === 'files') plan.steps.push({ kind: 'paths', cwd: path.dirname(part.original), paths: [part.original], why: 'replaced by a restore' });
    else if (part.kind === 'worktree') plan.steps.push({ kind: 'worktree', cwd: part.repo, pathspecs: part.pathspecs, why: 'replaced by a restore' });
  }
  return plan;
}

/** Check every copied file before writing anything back: a copy that changed in the trash is not trusted. */
function verifyCopies(dir: string, m: SnapshotManifest): void {
  for (const part of m.parts) {
    if (part.kind !== 'files') continue;
    for (const e of part.entries) {
      if (e.type !== 'file') continue;
      const stored = path.join(dir, part.stored, 'root', ...(e.path === '' ? [] : e.path.split('/')));
      if (!fs.existsSync(stored) || sha256File(stored) !== e.sha256) throw new Error(`the kept copy of ${path.join(part.original, e.path)} was changed or removed; nothing was restored`);
    }
  }
}

function removeForReplacement(target: string, want: 'dir' | 'file' | 'symlink'): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch {
    return;
  }
  if (want === 'dir' && st.isDirectory()) return;
  fs.rmSync(target, { recursive: true, force: true });
}

function restoreFiles(dir: string, part: FilesPart): string {
  let files = 0;
  for (const e of part.entries) {
    const target = e.path === '' ? part.original : path.join(part.original, ...e.path.split('/'));
    const stored = path.join(dir, part.stored, 'root', ...(e.path === '' ? [] : e.path.split('/')));
    removeForReplacement(target, e.type);
    if (e.type === 'dir') {
      fs.mkdirSync(target, { recursive: true });
      fs.chmodSync(target, e.mode);
    } else if (e.type === 'symlink') {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(e.link, target);
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(stored, target);
      fs.chmodSync(target, e.mode);
      files++;
    }
  }
  // Folder modes last: a read-only folder would refuse the files written into it.
  for (const e of [...part.entries].reverse()) {
    if (e.type === 'dir') fs.chmodSync(e.path === '' ? part.original : path.join(part.original, ...e.path.split('/')), e.mode);
  }
  return `${files} file(s) under ${part.original}`;
}

async function restoreWorktree(part: WorktreePart, notes: string[]): Promise<string> {
  const repo = part.repo;
  if (!fs.existsSync(repo)) throw new Error(`the repository ${repo} no longer exists`);
  const current = (await gitMaybe(repo, ['rev-parse', '--verify', '-q', 'HEAD']))?.trim();
  const branch = (await gitMaybe(repo, ['symbolic-ref', '-q', 'HEAD']))?.trim();
  if (part.head && current && current !== part.head) {
    // Moved back only when the action moved HEAD backwards on the same branch (git reset --hard HEAD~2)
    // and nothing was committed since: then no commit is lost by moving it.
    const backwards = (await gitMaybe(repo, ['merge-base', '--is-ancestor', current, part.head])) !== undefined;
    if (backwards && branch === part.branch) {
      await git(repo, ['reset', '--soft', part.head]);
      notes.push(`${branch ?? 'HEAD'} moved back to ${part.head.slice(0, 12)}`);
    } else {
      notes.push(`HEAD has moved on since the snapshot; the commit it pointed to (${part.head.slice(0, 12)}) is kept as ${part.refs[0] ?? 'a ref'}`);
    }
  }
  const source = part.stash ?? part.head;
  if (!source) return `nothing tracked to restore in ${repo}`;
  const index = part.stash ? `${part.stash}^2` : source;
  await git(repo, ['restore', `--source=${index}`, '--staged', '--', ...part.pathspecs]);
  await git(repo, ['restore', `--source=${source}`, '--worktree', '--', ...part.pathspecs]);
  return `tracked files in ${repo} (${part.pathspecs.map((p) => p.replace(/^:\(top(,literal)?\)/, '') || '.').join(' ')})`;
}

async function restoreRefs(part: RefsPart, id: string, notes: string[]): Promise<string> {
  const names: string[] = [];
  for (const r of part.refs) {
    const now = (await gitMaybe(part.repo, ['rev-parse', '--verify', '-q', r.name]))?.trim();
    if (now === r.sha) continue;
    const name = now === undefined ? r.name : `${r.name}-restored-${id}`;
    await git(part.repo, ['update-ref', name, r.sha, ''.padEnd(40, '0')]);
    if (name !== r.name) notes.push(`${r.name} exists again with other commits; the kept tip is ${name}`);
    names.push(name.replace(/^refs\/heads\//, ''));
  }
  return names.length > 0 ? `${names.join(', ')} in ${part.repo}` : `branches in ${part.repo} already as kept`;
}

/**
 * Put dropped entries back where they were in the list. `git stash store` only pushes on top, so when
 * an entry belongs lower down the list is stored again in order (every entry is a commit; only the
 * order of refs/stash's log changes).
 */
async function restoreStash(part: StashPart): Promise<string> {
  const lines = ((await gitMaybe(part.repo, ['stash', 'list', '--format=%H%x1f%gs'])) ?? '').split('\n').filter(Boolean);
  const current = lines.map((l) => {
    const [sha, message] = l.split('\x1f');
    return { sha: sha!, message: message ?? '' };
  });
  const missing = part.entries.filter((e) => !current.some((c) => c.sha === e.sha));
  if (missing.length === 0) return `stash entries in ${part.repo} already as kept`;
  const desired = [...current];
  for (const e of [...missing].sort((a, b) => (a.position ?? 0) - (b.position ?? 0))) desired.splice(Math.min(e.position ?? 0, desired.length), 0, e);
  const onTop = desired.slice(0, missing.length).every((e) => missing.includes(e as (typeof missing)[number]));
  if (!onTop) await git(part.repo, ['stash', 'clear']);
  for (const e of [...(onTop ? desired.slice(0, missing.length) : desired)].reverse()) {
    await git(part.repo, ['stash', 'store', '-m', e.message || 'restored by Blast Shield', e.sha]);
  }
  return `${missing.length} stash entr${missing.length === 1 ? 'y' : 'ies'} in ${part.repo}`;
}

/** Restore snapshot `id`. Throws with a readable message when it cannot; nothing is half-restored by a failed check. */
export async function restoreSnapshot(id: string, ctx: SnapshotContext, options: RestoreOptions = {}): Promise<RestoreResult> {
  const m = readManifest(ctx.guardHome, id);
  if (!m) throw new Error(`no snapshot ${id} (list them with 'blast-shield restore')`);
  const dir = snapshotDir(ctx.guardHome, id);
  verifyCopies(dir, m);
  const result: RestoreResult = { done: [], notes: [] };
  const replaced = planOfReplaced(m);
  if (replaced.steps.length > 0) {
    try {
      const before = await takeSnapshot(replaced, ctx, { id: newSnapshotId(options.now), action: `before restoring ${id}`, cwd: m.cwd, now: options.now, beforeRestoreOf: id });
      if (before.parts.length > 0) result.before = before.id;
      else await removeSnapshot(ctx.guardHome, before);
    } catch (err) {
      if (!(err instanceof SnapshotRefused) || !options.force) {
        const why = err instanceof Error ? err.message : String(err);
        throw new Error(`what is there now could not be kept first (${why}); run again with --force to restore anyway`);
      }
      result.notes.push('what was there before was not kept (over the limits; --force)');
    }
  }
  for (const part of m.parts) {
    if (part.kind === 'worktree') result.done.push(await restoreWorktree(part, result.notes));
  }
  for (const part of m.parts) {
    if (part.kind === 'files') result.done.push(restoreFiles(dir, part));
    else if (part.kind === 'refs') result.done.push(await restoreRefs(part, id, result.notes));
    else if (part.kind === 'stash') result.done.push(await restoreStash(part));
  }
  return result;
}
