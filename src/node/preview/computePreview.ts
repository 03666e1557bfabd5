/**
 * Run the read-only look-ups a preview plan asks for: list files with sizes, ask git what would be
 * lost, read a file before it is overwritten. Nothing here writes. Every look-up is bounded in time
 * and size, and a look-up that fails becomes an "unavailable" section saying why.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { minimatch } from 'minimatch';
import { GIT_LOG_FORMAT, parseCleanDryRun, parseGitLog, splitUnifiedDiff } from '../../core/preview/git';
import { PREVIEW_LIMITS, type FileEntry, type Preview, type PreviewSection } from '../../core/preview/model';
import type { PreviewTask } from '../../core/preview/plan';
import { trustedPathVariable, trustedProgram } from '../trustedProgram';

const GIT_TIMEOUT_MS = 4_000;
const MAX_GIT_OUTPUT = 4 * 1024 * 1024;
const MAX_FILE_FOR_DIFF = 512 * 1024;

export interface PreviewEnvironment {
  home: string;
  /** The git executable; the system's own (trustedProgram.ts) unless the caller knows better, never PATH's. */
  git?: string;
}

function git(env: PreviewEnvironment, cwd: string, args: string[]): Promise<string> {
  const program = env.git ?? trustedProgram('git');
  if (!program) return Promise.reject(new Error('git was not found in a system folder only root can write'));
  return new Promise((resolve, reject) => {
    execFile(
      program,
      // Never let a repository's config run anything or prompt while we only look.
      ['-c', 'core.fsmonitor=false', '-c', 'core.pager=cat', '--no-optional-locks', ...args],
      { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: MAX_GIT_OUTPUT, env: { ...process.env, PATH: trustedPathVariable(), GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' }, windowsHide: true },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
  });
}

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 200);
}

const GLOB_CHARS = /[*?[{]/;

interface Walk {
  entries: FileEntry[];
  totalFiles: number;
  totalBytes: number;
  visited: number;
  truncated: boolean;
}

/** Walk `abs` without following symlinks (rm does not follow them either), counting files and bytes. */
async function walk(abs: string, display: string, acc: Walk): Promise<void> {
  if (acc.visited >= PREVIEW_LIMITS.walkEntries) {
    acc.truncated = true;
    return;
  }
  acc.visited++;
  const st = await fs.lstat(abs);
  if (st.isDirectory()) {
    if (acc.entries.length < PREVIEW_LIMITS.files) acc.entries.push({ path: display + '/', bytes: 0, directory: true });
    const names = await fs.readdir(abs);
    for (const name of names.sort()) await walk(path.join(abs, name), `${display}/${name}`, acc);
    return;
  }
  acc.totalFiles++;
  acc.totalBytes += st.size;
  if (acc.entries.length < PREVIEW_LIMITS.files) acc.entries.push({ path: display, bytes: st.size, directory: false });
  else acc.truncated = true;
}

async function expand(cwd: string, pattern: string, home: string): Promise<string[]> {
  const expanded = pattern === '~' || pattern.startsWith('~/') ? path.join(home, pattern.slice(1)) : pattern;
  const abs = path.resolve(cwd, expanded);
  if (!GLOB_CHARS.test(expanded)) return [abs];
  const dir = path.dirname(abs);
  if (GLOB_CHARS.test(dir)) return [];
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const base = path.basename(abs);
  return names.filter((n) => minimatch(n, base, { dot: base.startsWith('.') })).map((n) => path.join(dir, n));
}

async function listFiles(task: Extract<PreviewTask, { kind: 'list-files' }>, env: PreviewEnvironment): Promise<PreviewSection> {
  const acc: Walk = { entries: [], totalFiles: 0, totalBytes: 0, visited: 0, truncated: false };
  const missing: string[] = [];
  for (const p of task.paths) {
    const targets = await expand(task.cwd, p, env.home);
    if (targets.length === 0) missing.push(p);
    for (const abs of targets) {
      const display = path.relative(task.cwd, abs) || '.';
      await walk(abs, display.startsWith('..') ? abs : display, acc).catch(() => missing.push(p));
    }
  }
  if (acc.totalFiles === 0 && acc.entries.length === 0) {
    return { kind: 'unavailable', title: 'Files that would be deleted', reason: `Nothing found at ${missing.join(', ') || task.paths.join(', ')} (it may not exist yet, or names come from variables the preview cannot expand).` };
  }
  return { kind: 'files', title: 'Files that would be deleted', root: task.cwd, entries: acc.entries, totalFiles: acc.totalFiles, totalBytes: acc.totalBytes, truncated: acc.truncated };
}

async function gitDiffSection(env: PreviewEnvironment, cwd: string, args: string[], title: string): Promise<PreviewSection> {
  const out = await git(env, cwd, ['diff', '--no-color', '--no-ext-diff', ...args]);
  const { files, truncated } = splitUnifiedDiff(out);
  if (files.length === 0) return { kind: 'unavailable', title, reason: 'There are no uncommitted changes here: nothing unsaved would be lost.' };
  return { kind: 'diff', title, files, truncated };
}

async function gitReset(task: Extract<PreviewTask, { kind: 'git-reset' }>, env: PreviewEnvironment): Promise<PreviewSection[]> {
  const sections = [await gitDiffSection(env, task.cwd, ['HEAD'], 'Uncommitted changes that would be lost')];
  if (task.ref) {
    const log = await git(env, task.cwd, ['log', `--format=${GIT_LOG_FORMAT}`, `-n`, String(PREVIEW_LIMITS.commits + 1), 'HEAD', `^${task.ref}`, '--']);
    const commits = parseGitLog(log);
    if (commits.length > 0) {
      sections.push({ kind: 'commits', title: `Commits that would leave this branch (not in ${task.ref})`, remote: '', branch: task.ref, commits: commits.slice(0, PREVIEW_LIMITS.commits), truncated: commits.length > PREVIEW_LIMITS.commits });
    }
  }
  return sections;
}

async function gitClean(task: Extract<PreviewTask, { kind: 'git-clean' }>, env: PreviewEnvironment): Promise<PreviewSection> {
  const out = await git(env, task.cwd, ['clean', '-n', ...task.flags, '--', ...task.paths]);
  const paths = parseCleanDryRun(out);
  if (paths.length === 0) return { kind: 'unavailable', title: 'Untracked files git clean would delete', reason: 'git clean -n lists nothing to delete here.' };
  const acc: Walk = { entries: [], totalFiles: 0, totalBytes: 0, visited: 0, truncated: false };
  for (const p of paths) await walk(path.resolve(task.cwd, p), p.replace(/\/$/, ''), acc).catch(() => undefined);
  return { kind: 'files', title: 'Untracked files git clean would delete', root: task.cwd, entries: acc.entries, totalFiles: acc.totalFiles, totalBytes: acc.totalBytes, truncated: acc.truncated };
}

async function gitForcePush(task: Extract<PreviewTask, { kind: 'git-force-push' }>, env: PreviewEnvironment): Promise<PreviewSection> {
  const title = 'Remote commits a force push would overwrite';
  const local = task.localRef ?? (await git(env, task.cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])).trim();
  const branch = task.remoteBranch ?? local;
  const remoteRef = `refs/remotes/${task.remote}/${branch}`;
  const known = await git(env, task.cwd, ['rev-parse', '--verify', '--quiet', remoteRef]).then(() => true, () => false);
  if (!known) {
    return { kind: 'unavailable', title, reason: `This clone has no copy of ${task.remote}/${branch}, so the commits on the remote cannot be listed without fetching (the preview never fetches). Assume work on the remote would be lost.` };
  }
  const log = await git(env, task.cwd, ['log', `--format=${GIT_LOG_FORMAT}`, '-n', String(PREVIEW_LIMITS.commits + 1), remoteRef, `^${local}`, '--']);
  const commits = parseGitLog(log);
  if (commits.length === 0) return { kind: 'unavailable', title, reason: `As of the last fetch, ${task.remote}/${branch} has no commits missing from ${local}. The remote may have moved since; the preview does not fetch.` };
  return { kind: 'commits', title: `${title} (as of the last fetch)`, remote: task.remote, branch, commits: commits.slice(0, PREVIEW_LIMITS.commits), truncated: commits.length > PREVIEW_LIMITS.commits };
}

async function fileWrite(task: Extract<PreviewTask, { kind: 'file-write' }>): Promise<PreviewSection> {
  const title = `Changes to ${task.path}`;
  let before = '';
  let exists = true;
  try {
    const st = await fs.stat(task.path);
    if (st.size > MAX_FILE_FOR_DIFF) return { kind: 'unavailable', title, reason: `The file is ${st.size} bytes, too large to diff here.` };
    before = await fs.readFile(task.path, 'utf8');
  } catch {
    exists = false;
  }
  if (task.content === undefined) {
    return { kind: 'unavailable', title, reason: exists ? 'The agent host did not send the new content, so no before/after diff can be shown. The file exists and would be overwritten.' : 'The agent host did not send the new content; the file does not exist yet.' };
  }
  const patch = createTwoFilesPatch(exists ? task.path : '/dev/null', task.path, before, task.content, exists ? 'before' : '', 'after', { context: 3 });
  const { files, truncated } = splitUnifiedDiff(`diff --git a/${task.path} b/${task.path}\n${patch}`);
  return { kind: 'diff', title, files: files.map((f) => ({ ...f, status: exists ? 'modified' : 'added' })), truncated };
}

async function runTask(task: PreviewTask, env: PreviewEnvironment): Promise<PreviewSection[]> {
  switch (task.kind) {
    case 'static':
      return [task.section];
    case 'list-files':
      return [await listFiles(task, env)];
    case 'git-reset':
      return gitReset(task, env);
    case 'git-discard':
      return [await gitDiffSection(env, task.cwd, ['--', ...task.paths], 'Unstaged changes that would be discarded')];
    case 'git-clean':
      return [await gitClean(task, env)];
    case 'git-force-push':
      return [await gitForcePush(task, env)];
    case 'file-write':
      return [await fileWrite(task)];
  }
}

const TASK_TITLES: Record<PreviewTask['kind'], string> = {
  static: 'Preview',
  'list-files': 'Files that would be deleted',
  'git-reset': 'Uncommitted changes that would be lost',
  'git-discard': 'Unstaged changes that would be discarded',
  'git-clean': 'Untracked files git clean would delete',
  'git-force-push': 'Remote commits a force push would overwrite',
  'file-write': 'Changes to the file',
};

/** Compute every task's sections; a failed task says why instead of disappearing. */
export async function computePreview(tasks: readonly PreviewTask[], env: PreviewEnvironment): Promise<Preview> {
  const results = await Promise.all(
    tasks.map((task) =>
      runTask(task, env).catch((err: unknown): PreviewSection[] => [{ kind: 'unavailable', title: TASK_TITLES[task.kind], reason: `The preview could not be computed: ${errorText(err)}` }]),
    ),
  );
  return { sections: results.flat() };
}
