import { execFile } from 'node:child_process';
import { trustedPathVariable, trustedProgram } from '../trustedProgram';

/**
 * git for snapshots and restores: bounded in time and output, never prompting, never running a
 * repository's fsmonitor or pager, and deaf to GIT_DIR-style variables of whoever started us (they
 * would point every call at another repository).
 */

const TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.PATH = trustedPathVariable();
  // Commits git makes for us (stash create) need an identity even where none is configured.
  env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'Blast Shield';
  env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'blast-shield@localhost';
  return env;
}

export function git(cwd: string, args: readonly string[]): Promise<string> {
  const program = trustedProgram('git');
  if (!program) return Promise.reject(new GitError('git was not found in a system folder only root can write (a git the agent could replace is not used)', null, ''));
  return new Promise((resolve, reject) => {
    execFile(
      program,
      ['-c', 'core.fsmonitor=false', '-c', 'core.pager=cat', '-c', 'core.quotePath=false', ...args],
      { cwd, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, env: cleanEnv(), windowsHide: true, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          const code = typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null;
          reject(new GitError(`git ${args[0] ?? ''} failed: ${(stderr || err.message).trim().split('\n')[0]}`, code, stderr));
        } else resolve(stdout);
      },
    );
  });
}

/** git's answer, or undefined when it exits non-zero (a question answered "no"). */
export async function gitMaybe(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch (err) {
    if (err instanceof GitError && err.code !== null) return undefined;
    throw err;
  }
}

/** The work tree's top folder for `dir`, or undefined outside a repository (or a bare one). */
export async function repositoryOf(dir: string): Promise<string | undefined> {
  const top = await gitMaybe(dir, ['rev-parse', '--show-toplevel']).catch(() => undefined);
  return top?.trim() || undefined;
}

/** A pathspec that means exactly this path, relative to the repository's top. */
export function literalPathspec(relative: string): string {
  return relative === '' || relative === '.' ? ':(top)' : `:(top,literal)${relative}`;
}
