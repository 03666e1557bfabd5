import { execFile, spawnSync } from 'node:child_process';

/**
 * Claude Code honours `"onFailure": "block"` from 2.1.295 on; older versions ignore the key, so a hook
 * that cannot start, crashes before answering or is killed at the timeout lets the action run. (Our
 * own failures inside the hook still deny: it catches everything and answers before the timeout.)
 * The installed version is read from `claude --version` and reported by `status`, never guessed.
 */

export const ON_FAILURE_SINCE: readonly [number, number, number] = [2, 1, 295];

export function parseClaudeVersion(output: string): [number, number, number] | undefined {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(v: readonly number[], min: readonly number[]): boolean {
  for (let i = 0; i < min.length; i++) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
}

/**
 * What a human should know about the installed Claude Code, or undefined when nothing: not installed
 * (`output` undefined), or new enough.
 */
export function onFailureNote(output: string | undefined): string | undefined {
  if (output === undefined) return undefined;
  const v = parseClaudeVersion(output);
  const since = ON_FAILURE_SINCE.join('.');
  if (!v) return `could not read the Claude Code version from \`claude --version\`; onFailure "block" needs ${since} or later`;
  if (atLeast(v, ON_FAILURE_SINCE)) return undefined;
  return `Claude Code ${v.join('.')} ignores onFailure "block" (needs ${since}+): if the hook cannot start or is killed, the action runs; update Claude Code`;
}

const TIMEOUT_MS = 5000;

/** `claude --version` output, or undefined when it is not on PATH or fails (CLI use). */
export function claudeVersionSync(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync('claude', ['--version'], { env, encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true, shell: process.platform === 'win32' });
  return r.status === 0 && typeof r.stdout === 'string' ? r.stdout.trim() : undefined;
}

/** The same without blocking (the editor). */
export function claudeVersion(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('claude', ['--version'], { env, encoding: 'utf8', timeout: TIMEOUT_MS, windowsHide: true, shell: process.platform === 'win32' }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}
