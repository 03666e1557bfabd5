import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GitPathState } from '../core/policy/types';
import { nodeCrypto } from './lazyCrypto';
import { trustedPathVariable, trustedProgram } from './trustedProgram';

/**
 * How git sees a few paths (for the perimeter's judgement of `git reset --hard` and `git stash`):
 * each file's content is hashed here and compared with the blob the last commit holds (`git ls-tree`),
 * the index says what is staged as new (`git ls-files --stage`), and `git ls-files --others` which
 * untracked files are ignored. Only commands that read objects and the index run, with every setting
 * that makes git start a program switched off (`core.fsmonitor`, lazy fetches of a partial clone), so
 * code the agent planted in `.git/config` does not run inside the hook. Any failure answers undefined,
 * and the perimeter then assumes the worst.
 */

const TIMEOUT_MS = 1500;
const MAX_FILES = 256;
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * The enclosing workspace folder: the nearest folder holding a `.git` of any kind, or undefined. This
 * names the workspace only; git questions go through `gitRepositoryRoot`, which follows git's own rules.
 */
export function repositoryRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (let i = 0; i < 64; i++) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Whether git would take this folder as a repository's git directory: a `HEAD` file, and `objects`
 * and `refs` folders there or in the folder its `commondir` names (a linked work tree's git dir).
 */
export function isGitDirectory(dir: string): boolean {
  try {
    if (!fs.statSync(path.join(dir, 'HEAD')).isFile()) return false;
  } catch {
    return false;
  }
  let common = dir;
  try {
    const named = fs.readFileSync(path.join(dir, 'commondir'), 'utf8').trim();
    if (named !== '') common = path.resolve(dir, named);
  } catch {
    // No commondir: objects and refs live here.
  }
  return isDirectory(path.join(common, 'objects')) && isDirectory(path.join(common, 'refs'));
}

/**
 * What a `.git` entry means to git: 'repository' (a git directory, or a `gitdir:` file naming one),
 * 'skip' (a folder git does not take as a repository: git goes on to the parent folder), or 'broken'
 * (a file git cannot follow: git stops there with an error).
 */
function dotGitKind(entry: string): 'repository' | 'skip' | 'broken' | 'none' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 'none';
  }
  if (stat.isDirectory()) return isGitDirectory(entry) ? 'repository' : 'skip';
  if (!stat.isFile() || stat.size > 4096) return 'broken';
  try {
    const m = /^gitdir: (.+?)\r?\n?$/.exec(fs.readFileSync(entry, 'utf8'));
    return m && isGitDirectory(path.resolve(path.dirname(entry), m[1]!)) ? 'repository' : 'broken';
  } catch {
    return 'broken';
  }
}

/**
 * The work tree git itself would answer for from `start`: the nearest folder whose `.git` is a real
 * git directory or a `gitdir:` file naming one. A `.git` folder git does not accept (an empty one a
 * tool left, or one planted to mislead) is passed over, as git passes over it; a `.git` file git
 * cannot follow ends the search with no repository, as git fails there. Undefined outside a repository.
 */
export function gitRepositoryRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (let i = 0; i < 64; i++) {
    const kind = dotGitKind(path.join(dir, '.git'));
    if (kind === 'repository') return dir;
    if (kind === 'broken') return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The environment a git question runs with: no variable that points git elsewhere or starts a
 * program, and a ceiling at the root's parent, so git answers for the repository at `root` or not at
 * all (never for an enclosing one if it sees `root` differently than `gitRepositoryRoot` did).
 */
export function gitEnvironment(root: string, drop: (name: string) => boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !drop(k)) env[k] = v;
  Object.assign(env, { GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(root)) });
  return env;
}

/**
 * Runs a git command that only reads objects and the index, with git's program-starting settings off;
 * its exit status and output, and `cut` when the time or output limit stopped it (an answer cut short,
 * which must never read as "nothing there").
 */
export function gitRun(root: string, args: readonly string[]): { status: number | null; stdout: Buffer | undefined; cut?: boolean } {
  const env = gitEnvironment(root, (k) => /^GIT_(DIR|WORK_TREE|INDEX_FILE|CONFIG|CONFIG_GLOBAL|CONFIG_SYSTEM|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|EXTERNAL_DIFF|PAGER|SSH|SSH_COMMAND|ASKPASS|EXEC_PATH|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM)$/.test(k));
  // Loaded here, not at the top: node:child_process (with node:net and the streams) costs every hook
  // call several milliseconds of start-up, and only git commands that touch protected files get here.
  const program = trustedProgram('git');
  if (!program) return { status: null, stdout: undefined };
  env.PATH = trustedPathVariable();
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const run = spawnSync(
    program,
    ['-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'protocol.allow=never', '-c', 'core.hooksPath=/dev/null', '-C', root, ...args],
    { env, timeout: TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const cut = run.signal !== null || (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' || (run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOBUFS';
  return { status: run.error ? null : run.status, stdout: run.stdout ?? undefined, ...(cut ? { cut } : {}) };
}

/** A git answer: its output, undefined when git failed, 'cut' when a limit stopped it. */
function git(root: string, args: readonly string[]): Buffer | undefined | 'cut' {
  const run = gitRun(root, args);
  if (run.cut) return 'cut';
  return run.status === 0 && run.stdout ? run.stdout : undefined;
}

/** Files at or below a path; false when the listing stopped at MAX_FILES (then what is below is unknown). */
function filesAt(p: string, out: string[]): boolean {
  if (out.length >= MAX_FILES) return false;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(p);
  } catch {
    return true;
  }
  if (stat.isDirectory()) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(p);
    } catch {
      out.push(p);
      return true;
    }
    for (const name of names) if (!filesAt(path.join(p, name), out)) return false;
  } else out.push(p);
  return true;
}

function blobHash(file: string, algorithm: 'sha1' | 'sha256'): string | undefined {
  try {
    const stat = fs.lstatSync(file);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    const content = stat.isSymbolicLink() ? Buffer.from(fs.readlinkSync(file)) : fs.readFileSync(file);
    return nodeCrypto().createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest('hex');
  } catch {
    return undefined;
  }
}

const RANK: Record<GitPathState, number> = { unmodified: 0, ignored: 1, untracked: 2, 'staged-new': 3, modified: 4, unknown: 5 };

/**
 * How git sees each path (a folder: the worst of the files below it). Undefined when there is no
 * repository or git cannot be asked; 'unknown' for a path whose answer a limit cut short (more files
 * below it than MAX_FILES, git stopped by its time or output limit), which the rules read as the worst.
 */
export function gitPathStates(workTree: string, absolutePaths: readonly string[]): Record<string, GitPathState> | undefined {
  const root = gitRepositoryRoot(workTree);
  if (!root) return undefined;
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const files = new Map<string, string[]>();
  const out: Record<string, GitPathState> = {};
  for (const p of absolutePaths) {
    if (rel(p).startsWith('..')) continue;
    const found: string[] = [];
    if (filesAt(p, found)) files.set(p, found);
    else out[p] = 'unknown';
  }
  const allUnknown = (): Record<string, GitPathState> => {
    for (const p of files.keys()) out[p] = 'unknown';
    return out;
  };
  const all = [...new Set([...files.values()].flat())];
  const specs = all.map((f) => ':(literal)' + rel(f));
  if (specs.length > MAX_FILES) return allUnknown();
  const head = new Map<string, string>();
  if (specs.length > 0) {
    // No commit yet: nothing is committed, every tracked file is staged as new.
    let tree = git(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD', '--', ...specs]);
    if (tree === undefined) {
      const headCommit = git(root, ['rev-parse', '--verify', '-q', 'HEAD']);
      tree = headCommit === 'cut' ? 'cut' : headCommit ? undefined : Buffer.alloc(0);
    }
    if (tree === 'cut') return allUnknown();
    if (!tree) return undefined;
    for (const entry of tree.toString('utf8').split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (m) head.set(m[2]!, m[1]!);
    }
  }
  const staged = new Set<string>();
  const ignored = new Set<string>();
  // A committed file is judged by its content against the commit: the index and the ignore rules are
  // asked only about the others (most questions are about committed files: one git process, not three).
  const uncommitted = all.filter((f) => !head.has(rel(f)));
  if (uncommitted.length > 0) {
    const uncommittedSpecs = uncommitted.map((f) => ':(literal)' + rel(f));
    const index = git(root, ['ls-files', '-z', '--stage', '--', ...uncommittedSpecs]);
    if (index === 'cut') return allUnknown();
    if (!index) return undefined;
    for (const entry of index.toString('utf8').split('\0')) {
      const m = /^\d+ [0-9a-f]+ \d\t(.*)$/s.exec(entry);
      if (m) staged.add(m[1]!);
    }
    const unstaged = uncommittedSpecs.filter((_, i) => !staged.has(rel(uncommitted[i]!)));
    if (unstaged.length > 0) {
      const others = git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...unstaged]);
      if (others === 'cut') return allUnknown();
      if (!others) return undefined;
      for (const entry of others.toString('utf8').split('\0')) if (entry) ignored.add(entry);
    }
  }
  const algorithm = [...head.values()][0]?.length === 64 ? 'sha256' : 'sha1';
  const stateOf = (file: string): GitPathState => {
    const r = rel(file);
    const committed = head.get(r);
    if (committed) return blobHash(file, algorithm) === committed ? 'unmodified' : 'modified';
    if (staged.has(r)) return 'staged-new';
    return ignored.has(r) ? 'ignored' : 'untracked';
  };
  for (const p of absolutePaths) {
    const found = files.get(p);
    if (!found) continue;
    let worst: GitPathState = 'unmodified';
    for (const f of found) {
      const s = stateOf(f);
      if (RANK[s] > RANK[worst]) worst = s;
    }
    // A folder with nothing in it holds nothing git would change.
    out[p] = worst;
  }
  return out;
}
