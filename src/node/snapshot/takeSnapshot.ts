/**
 * Measure and take a snapshot from a plan (core/snapshot/plan.ts). Measuring runs while the dialog is
 * open, so it can say "a copy is kept" or "this cannot be undone"; taking runs after the human allows
 * and before the host is told, and measures again (the disk may have changed meanwhile).
 *
 * Tracked work stays in git's own objects: HEAD and `git stash create` under
 * refs/blast-shield/snapshots/<id>/, branch tips and stash entries likewise. Files git does not track
 * (untracked, ignored, or outside any repository) are copied into the trash with their modes and
 * SHA-256, so a restore can prove it brings back the same bytes. Folders a build recreates
 * (node_modules, dist, .venv …) are not copied; the dialog says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { minimatch } from 'minimatch';
import { formatBytes } from '../../core/preview/model';
import { ROUTINE_DIRS } from '../../core/rules/files';
import { SNAPSHOT_FORMAT_VERSION, SNAPSHOT_REF_PREFIX, type CopiedEntry, type FilesPart, type SnapshotLimits, type SnapshotManifest, type SnapshotPart } from '../../core/snapshot/manifest';
import type { SnapshotPlan, SnapshotStep } from '../../core/snapshot/plan';
import { nodeCrypto } from '../lazyCrypto';
import { git, gitMaybe, literalPathspec, repositoryOf } from './gitRunner';
import { pruneSnapshots, snapshotDir, snapshotsDir, trashBytes } from './snapshotStore';

export interface SnapshotContext {
  guardHome: string;
  /** The user's home, for `~` in paths. */
  home: string;
  limits: SnapshotLimits;
}

export interface SnapshotEstimate {
  /** A copy can be kept within the limits. */
  recoverable: boolean;
  /** Why not, in words a human reads. */
  why?: string;
  bytes: number;
  files: number;
  /** Regenerable folders that will not be copied. */
  notKept: string[];
  /** Destructive parts no copy covers. */
  uncovered: string[];
}

interface WalkedEntry {
  abs: string;
  rel: string;
  type: 'dir' | 'file' | 'symlink';
  mode: number;
  size: number;
}

interface CopySource {
  original: string;
  entries: WalkedEntry[];
}

interface Collected {
  copies: CopySource[];
  worktrees: Map<string, Set<string>>;
  refs: { repo: string; name: string; sha: string }[];
  stashes: { repo: string; entries: { sha: string; message: string; position: number }[] }[];
  notKept: string[];
  uncovered: string[];
  bytes: number;
  files: number;
  /** Set once a limit is passed: collecting stops there. */
  over?: string;
}

const GLOB = /[*?[{]/;

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

/** Absolute paths a word names; globs are matched under the folder before the first wildcard. */
function expand(cwd: string, word: string, home: string): string[] {
  const abs = path.resolve(cwd, expandHome(word, home));
  if (!GLOB.test(word)) return fs.existsSync(abs) || isSymlink(abs) ? [abs] : [];
  const segments = abs.split('/');
  const first = segments.findIndex((s) => GLOB.test(s));
  const base = segments.slice(0, first).join('/') || '/';
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    if (depth > segments.length - first || out.length > 10_000) return;
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (minimatch(full, abs, { dot: false })) out.push(full);
      else if (isDirectory(full)) visit(full, depth + 1);
    }
  };
  visit(base, 1);
  return out;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.lstatSync(p).isDirectory();
  } catch {
    return false;
  }
}

function overLimit(acc: Collected, limits: SnapshotLimits): string | undefined {
  if (acc.files > limits.maxFiles) return `it would copy more than ${limits.maxFiles} files`;
  if (acc.bytes > limits.maxBytes) return `it would copy more than ${formatBytes(limits.maxBytes)}, the limit for one action`;
  return undefined;
}

/** Walk `abs` without following symlinks, adding what a copy needs. `skipRoutine`: leave out regenerable folders. */
function walk(abs: string, skipRoutine: boolean, acc: Collected, limits: SnapshotLimits): CopySource {
  const source: CopySource = { original: abs, entries: [] };
  const visit = (full: string, rel: string): void => {
    if (acc.over) return;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(full);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) {
      source.entries.push({ abs: full, rel, type: 'symlink', mode: 0, size: 0 });
      return;
    }
    if (st.isDirectory()) {
      if (skipRoutine && ROUTINE_DIRS.has(path.basename(full))) {
        acc.notKept.push(full);
        return;
      }
      source.entries.push({ abs: full, rel, type: 'dir', mode: st.mode & 0o7777, size: 0 });
      let names: string[];
      try {
        names = fs.readdirSync(full).sort();
      } catch {
        acc.over = `${full} cannot be read`;
        return;
      }
      for (const name of names) visit(path.join(full, name), rel === '' ? name : `${rel}/${name}`);
      return;
    }
    if (!st.isFile()) return; // sockets, fifos, devices: nothing to keep
    acc.files++;
    acc.bytes += st.size;
    source.entries.push({ abs: full, rel, type: 'file', mode: st.mode & 0o7777, size: st.size });
    acc.over = overLimit(acc, limits);
  };
  visit(abs, '');
  return source;
}

/** An untracked file or folder: copied, unless it is a folder a build recreates. */
function keepUnlessRegenerable(abs: string, acc: Collected, ctx: SnapshotContext): void {
  if (ROUTINE_DIRS.has(path.basename(abs)) && isDirectory(abs)) acc.notKept.push(abs);
  else acc.copies.push(walk(abs, true, acc, ctx.limits));
}

function addWorktree(acc: Collected, repo: string, pathspec: string): void {
  const set = acc.worktrees.get(repo) ?? new Set<string>();
  set.add(pathspec);
  acc.worktrees.set(repo, set);
}

async function hasHead(repo: string): Promise<boolean> {
  return (await gitMaybe(repo, ['rev-parse', '--verify', '-q', 'HEAD'])) !== undefined;
}

function nulList(text: string): string[] {
  return text.split('\0').filter((s) => s !== '');
}

/** A path about to be deleted: tracked parts through git, the rest copied. */
async function collectPath(abs: string, acc: Collected, ctx: SnapshotContext, skipRoutine: boolean): Promise<void> {
  const dir = isDirectory(abs) ? abs : path.dirname(abs);
  const repo = await repositoryOf(dir);
  const rel = repo ? path.relative(repo, abs) : '';
  if (!repo || rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).includes('.git') || !(await hasHead(repo))) {
    acc.copies.push(walk(abs, skipRoutine, acc, ctx.limits));
    return;
  }
  const spec = literalPathspec(rel.split(path.sep).join('/'));
  const tracked = await git(repo, ['ls-files', '-z', '--', spec]);
  if (tracked !== '') addWorktree(acc, repo, spec);
  // Untracked and ignored files under it (no --exclude-standard): whole untracked folders come as "dir/".
  for (const entry of nulList(await git(repo, ['ls-files', '-z', '--others', '--directory', '--', spec]))) {
    if (acc.over) return;
    keepUnlessRegenerable(path.join(repo, entry.replace(/\/$/, '')), acc, ctx);
  }
}

async function collectStep(step: SnapshotStep, acc: Collected, ctx: SnapshotContext): Promise<void> {
  switch (step.kind) {
    case 'paths': {
      for (const word of step.paths) {
        for (const abs of expand(step.cwd, word, ctx.home)) {
          if (acc.over) return;
          await collectPath(abs, acc, ctx, false);
        }
      }
      return;
    }
    case 'worktree': {
      const repo = await repositoryOf(step.cwd);
      if (!repo) {
        acc.uncovered.push(`${step.why}: ${step.cwd} is not in a git repository`);
        return;
      }
      const prefix = (await git(step.cwd, ['rev-parse', '--show-prefix'])).trim();
      const specs = step.pathspecs.map((p) => (p.startsWith(':') ? p : `:(top)${path.posix.join(prefix, p)}`.replace(/\/$/, '').replace(/^:\(top\)\.$/, ':(top)')));
      if (await hasHead(repo)) {
        for (const spec of specs) addWorktree(acc, repo, spec);
        return;
      }
      // No commit yet: nothing for `git stash create` to stand on; copy the tracked files instead.
      for (const file of nulList(await git(repo, ['ls-files', '-z', '--', ...specs]))) acc.copies.push(walk(path.join(repo, file), false, acc, ctx.limits));
      return;
    }
    case 'clean': {
      const out = await git(step.cwd, ['clean', '-n', ...step.flags, '--', ...step.pathspecs]);
      for (const line of out.split('\n')) {
        const m = /^Would remove (.+)$/.exec(line);
        if (!m || acc.over) continue;
        keepUnlessRegenerable(path.resolve(step.cwd, m[1]!.replace(/\/$/, '')), acc, ctx);
      }
      return;
    }
    case 'refs': {
      const repo = await repositoryOf(step.cwd);
      if (!repo) return;
      for (const name of step.refs) {
        const sha = (await gitMaybe(repo, ['rev-parse', '--verify', '-q', `${name}^{commit}`]))?.trim();
        if (sha) acc.refs.push({ repo, name, sha });
      }
      return;
    }
    case 'stash': {
      const repo = await repositoryOf(step.cwd);
      if (!repo) return;
      const list = (await gitMaybe(repo, ['stash', 'list', '--format=%H%x1f%gd%x1f%gs'])) ?? '';
      const entries = list
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\x1f'))
        .filter(([, gd]) => step.entries === 'all' || step.entries.some((e) => e === gd || `stash@{${e}}` === gd))
        .map(([sha, gd, message]) => ({ sha: sha!, message: message ?? '', position: Number(/\{(\d+)\}/.exec(gd ?? '')?.[1] ?? 0) }));
      if (entries.length > 0) acc.stashes.push({ repo, entries });
      return;
    }
  }
}

async function collect(plan: SnapshotPlan, ctx: SnapshotContext): Promise<Collected> {
  const acc: Collected = { copies: [], worktrees: new Map(), refs: [], stashes: [], notKept: [], uncovered: [...plan.uncovered], bytes: 0, files: 0 };
  for (const step of plan.steps) {
    if (acc.over) break;
    await collectStep(step, acc, ctx);
  }
  return acc;
}

function judge(acc: Collected, plan: SnapshotPlan, ctx: SnapshotContext): SnapshotEstimate {
  const base = { bytes: acc.bytes, files: acc.files, notKept: [...new Set(acc.notKept)], uncovered: acc.uncovered };
  if (plan.steps.length === 0) return { ...base, recoverable: false, why: 'nothing it destroys can be copied in advance' };
  if (acc.over) return { ...base, recoverable: false, why: acc.over };
  const used = trashBytes(ctx.guardHome);
  if (used + acc.bytes > ctx.limits.maxTotalBytes) {
    return { ...base, recoverable: false, why: `the trash would grow past its ${formatBytes(ctx.limits.maxTotalBytes)} limit (${formatBytes(used)} kept now)` };
  }
  return { ...base, recoverable: true };
}

/** What keeping a copy would take, and whether the limits allow it. Reads only. */
export async function estimateSnapshot(plan: SnapshotPlan, ctx: SnapshotContext): Promise<SnapshotEstimate> {
  try {
    return judge(await collect(plan, ctx), plan, ctx);
  } catch (err) {
    return { recoverable: false, why: `the copy could not be prepared (${err instanceof Error ? err.message : String(err)})`, bytes: 0, files: 0, notKept: [], uncovered: plan.uncovered };
  }
}

export class SnapshotRefused extends Error {}

async function copyFile(src: string, dst: string, mode: number): Promise<string> {
  const hash = nodeCrypto().createHash('sha256');
  const out = fs.createWriteStream(dst, { mode: 0o600, flags: 'wx' });
  const input = fs.createReadStream(src);
  input.on('data', (chunk) => hash.update(chunk));
  await pipeline(input, out);
  // The copy keeps the mode in the manifest; on disk it stays owner-only until it is restored.
  void mode;
  return hash.digest('hex');
}

async function copySource(source: CopySource, into: string): Promise<CopiedEntry[]> {
  const entries: CopiedEntry[] = [];
  fs.mkdirSync(into, { recursive: true, mode: 0o700 });
  for (const e of source.entries) {
    const dst = e.rel === '' ? path.join(into, 'root') : path.join(into, 'root', ...e.rel.split('/'));
    if (e.type === 'dir') {
      fs.mkdirSync(dst, { recursive: true, mode: 0o700 });
      entries.push({ path: e.rel, type: 'dir', mode: e.mode });
    } else if (e.type === 'symlink') {
      const link = fs.readlinkSync(e.abs);
      entries.push({ path: e.rel, type: 'symlink', link });
    } else {
      fs.mkdirSync(path.dirname(dst), { recursive: true, mode: 0o700 });
      const sha256 = await copyFile(e.abs, dst, e.mode);
      const size = fs.statSync(dst).size;
      entries.push({ path: e.rel, type: 'file', mode: e.mode, size, sha256 });
    }
  }
  return entries;
}

export interface TakeOptions {
  id: string;
  /** The action, redacted, for the list. */
  action: string;
  cwd: string;
  now?: Date;
  beforeRestoreOf?: string;
}

/**
 * Keep the copy. Throws SnapshotRefused when the limits no longer allow it, and any other error when
 * the copy fails; either way nothing is left behind, and the caller must not let the action run.
 */
export async function takeSnapshot(plan: SnapshotPlan, ctx: SnapshotContext, options: TakeOptions): Promise<SnapshotManifest> {
  const now = options.now ?? new Date();
  const acc = await collect(plan, ctx);
  const verdict = judge(acc, plan, ctx);
  if (!verdict.recoverable) throw new SnapshotRefused(verdict.why ?? 'the copy is not possible');
  const final = snapshotDir(ctx.guardHome, options.id);
  const partial = final + '.partial';
  fs.mkdirSync(snapshotsDir(ctx.guardHome), { recursive: true, mode: 0o700 });
  fs.mkdirSync(partial, { mode: 0o700 });
  const created: { repo: string; ref: string }[] = [];
  const keep = async (repo: string, ref: string, sha: string): Promise<void> => {
    await git(repo, ['update-ref', ref, sha]);
    created.push({ repo, ref });
  };
  const prefix = `${SNAPSHOT_REF_PREFIX}${options.id}`;
  try {
    const parts: SnapshotPart[] = [];
    let n = 0;
    for (const source of acc.copies) {
      const stored = `files/${n++}`;
      const part: FilesPart = { kind: 'files', original: source.original, stored, entries: await copySource(source, path.join(partial, stored)) };
      parts.push(part);
    }
    let w = 0;
    for (const [repo, specs] of acc.worktrees) {
      const head = (await gitMaybe(repo, ['rev-parse', '--verify', '-q', 'HEAD']))?.trim();
      const branch = (await gitMaybe(repo, ['symbolic-ref', '-q', 'HEAD']))?.trim();
      const stash = (await git(repo, ['stash', 'create', `blast-shield snapshot ${options.id}`])).trim();
      const refs: string[] = [];
      if (head) {
        await keep(repo, `${prefix}/w${w}/head`, head);
        refs.push(`${prefix}/w${w}/head`);
      }
      if (stash) {
        await keep(repo, `${prefix}/w${w}/stash`, stash);
        refs.push(`${prefix}/w${w}/stash`);
      }
      parts.push({ kind: 'worktree', repo, pathspecs: [...specs], ...(head ? { head } : {}), ...(branch ? { branch } : {}), ...(stash ? { stash } : {}), refs });
      w++;
    }
    const byRepo = new Map<string, { name: string; sha: string; kept: string }[]>();
    for (const r of acc.refs) {
      const kept = `${prefix}/refs/${r.name.replace(/^refs\//, '')}`;
      await keep(r.repo, kept, r.sha);
      byRepo.set(r.repo, [...(byRepo.get(r.repo) ?? []), { name: r.name, sha: r.sha, kept }]);
    }
    for (const [repo, refs] of byRepo) parts.push({ kind: 'refs', repo, refs });
    for (const s of acc.stashes) {
      const entries = [];
      for (const [i, e] of s.entries.entries()) {
        const kept = `${prefix}/stash/${i}`;
        await keep(s.repo, kept, e.sha);
        entries.push({ ...e, kept });
      }
      parts.push({ kind: 'stash', repo: s.repo, entries });
    }
    const manifest: SnapshotManifest = {
      v: SNAPSHOT_FORMAT_VERSION,
      id: options.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ctx.limits.keepDays * 24 * 3600 * 1000).toISOString(),
      action: options.action,
      cwd: options.cwd,
      parts,
      bytes: acc.bytes,
      files: acc.files,
      ...(options.beforeRestoreOf ? { beforeRestoreOf: options.beforeRestoreOf } : {}),
    };
    fs.writeFileSync(path.join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(partial, final);
    await pruneSnapshots(ctx.guardHome, now).catch(() => undefined);
    return manifest;
  } catch (err) {
    for (const c of created) await gitMaybe(c.repo, ['update-ref', '-d', c.ref]).catch(() => undefined);
    fs.rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}
