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

/** The enclosing repository (a folder holding .git), or undefined. */
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

/** Runs a git command that only reads objects and the index, with git's program-starting settings off; its exit status and output. */
export function gitRun(root: string, args: readonly string[]): { status: number | null; stdout: Buffer | undefined } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^GIT_(DIR|WORK_TREE|INDEX_FILE|CONFIG|CONFIG_GLOBAL|CONFIG_SYSTEM|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|EXTERNAL_DIFF|PAGER|SSH|SSH_COMMAND|ASKPASS|EXEC_PATH)$/.test(k)) env[k] = v;
  Object.assign(env, { GIT_NO_LAZY_FETCH: '1', GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' });
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
  return { status: run.error ? null : run.status, stdout: run.stdout ?? undefined };
}

function git(root: string, args: readonly string[]): Buffer | undefined {
  const run = gitRun(root, args);
  return run.status === 0 && run.stdout ? run.stdout : undefined;
}

/** Files at or below a path (bounded). */
function filesAt(p: string, out: string[]): void {
  if (out.length >= MAX_FILES) return;
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(p);
  } catch {
    return;
  }
  if (stat.isDirectory()) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(p);
    } catch {
      out.push(p);
      return;
    }
    for (const name of names) filesAt(path.join(p, name), out);
  } else out.push(p);
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

export function gitPathStates(workTree: string, absolutePaths: readonly string[]): Record<string, GitPathState> | undefined {
  const root = repositoryRoot(workTree);
  if (!root) return undefined;
  const rel = (p: string): string => path.relative(root, p).split(path.sep).join('/');
  const files = new Map<string, string[]>();
  for (const p of absolutePaths) {
    if (rel(p).startsWith('..')) continue;
    const found: string[] = [];
    filesAt(p, found);
    files.set(p, found);
  }
  const all = [...new Set([...files.values()].flat())];
  const specs = all.map((f) => ':(literal)' + rel(f));
  if (specs.length > MAX_FILES) return undefined;
  const head = new Map<string, string>();
  if (specs.length > 0) {
    // No commit yet: nothing is committed, every tracked file is staged as new.
    const tree = git(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD', '--', ...specs]) ?? (git(root, ['rev-parse', '--verify', '-q', 'HEAD']) ? undefined : Buffer.alloc(0));
    if (!tree) return undefined;
    for (const entry of tree.toString('utf8').split('\0')) {
      const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (m) head.set(m[2]!, m[1]!);
    }
  }
  const staged = new Set<string>();
  const ignored = new Set<string>();
  if (specs.length > 0) {
    const index = git(root, ['ls-files', '-z', '--stage', '--', ...specs]);
    const others = git(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...specs]);
    if (!index || !others) return undefined;
    for (const entry of index.toString('utf8').split('\0')) {
      const m = /^\d+ [0-9a-f]+ \d\t(.*)$/s.exec(entry);
      if (m) staged.add(m[1]!);
    }
    for (const entry of others.toString('utf8').split('\0')) if (entry) ignored.add(entry);
  }
  const algorithm = [...head.values()][0]?.length === 64 ? 'sha256' : 'sha1';
  const stateOf = (file: string): GitPathState => {
    const r = rel(file);
    const committed = head.get(r);
    if (committed) return blobHash(file, algorithm) === committed ? 'unmodified' : 'modified';
    if (staged.has(r)) return 'staged-new';
    return ignored.has(r) ? 'ignored' : 'untracked';
  };
  const out: Record<string, GitPathState> = {};
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
