import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Programs the hook runs to learn facts (git, pg_dump, PowerShell) are looked up in the system's own
 * folders, never through PATH: an agent can put a `git` of its own earlier on PATH (`~/.local/bin`,
 * a PATH prepended in a start-up file) and the hook would then trust its answers. A candidate counts
 * only when the real file and every folder above it belong to root and no one but root may write
 * them (POSIX), so a same-user script cannot replace it. Nothing trusted found means the fact is
 * unknown, and the rules that asked for it answer as they do for an unknown fact.
 *
 * Windows has no owner bits to check here: the programs come from the Windows and Git for Windows
 * install folders by absolute path only.
 */

const POSIX_DIRS: readonly string[] = ['/usr/bin', '/bin', '/usr/sbin', '/sbin', '/usr/local/bin'];

function windowsDirs(env: Readonly<Record<string, string | undefined>>): string[] {
  const system = /^[A-Za-z]:\\[^%]*$/.test(env.SystemRoot ?? '') ? env.SystemRoot! : 'C:\\Windows';
  return [
    path.win32.join(system, 'System32'),
    path.win32.join(system, 'System32', 'WindowsPowerShell', 'v1.0'),
    'C:\\Program Files\\Git\\cmd',
    'C:\\Program Files\\Git\\bin',
  ];
}

/** The folders searched, in order; also the PATH handed to the programs started from them. */
export function trustedDirs(platform: NodeJS.Platform = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): readonly string[] {
  return platform === 'win32' ? windowsDirs(env) : POSIX_DIRS;
}

export interface TrustCheck {
  /** `fs.statSync`, replaceable in tests. */
  stat(p: string): { uid: number; mode: number; isFile(): boolean; isDirectory(): boolean };
  realpath(p: string): string;
}

const REAL_FS: TrustCheck = { stat: (p) => fs.statSync(p), realpath: (p) => fs.realpathSync(p) };

/** Owned by root and writable by no one else (group and others lack write; a sticky folder is still refused). */
function rootOnly(st: { uid: number; mode: number }): boolean {
  return st.uid === 0 && (st.mode & 0o022) === 0;
}

/** Why a candidate cannot be trusted, or undefined when it can. */
export function untrustedReason(candidate: string, check: TrustCheck = REAL_FS): string | undefined {
  let real: string;
  try {
    real = check.realpath(candidate);
  } catch {
    return 'it does not exist';
  }
  try {
    const st = check.stat(real);
    if (!st.isFile()) return 'it is not a file';
    if ((st.mode & 0o111) === 0) return 'it is not executable';
    if (!rootOnly(st)) return `${real} may be written by someone other than root`;
    for (let dir = path.dirname(real); ; dir = path.dirname(dir)) {
      const d = check.stat(dir);
      if (!d.isDirectory() || !rootOnly(d)) return `the folder ${dir} may be written by someone other than root`;
      if (path.dirname(dir) === dir) break;
    }
  } catch {
    return 'it cannot be checked';
  }
  return undefined;
}

const cache = new Map<string, string | null>();

/** For the decision server: each call looks programs up again, as a fresh hook process does. */
export function forgetTrustedPrograms(): void {
  cache.clear();
}

/**
 * The absolute path of a system program by its bare name (`git`, `pg_dump`), found only in the
 * system folders and only when a same-user script cannot have replaced it; undefined otherwise.
 */
export function trustedProgram(name: string, options: { platform?: NodeJS.Platform; check?: TrustCheck; dirs?: readonly string[] } = {}): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name)) return undefined;
  const platform = options.platform ?? process.platform;
  const useCache = options.check === undefined && options.dirs === undefined;
  const key = `${platform}:${name}`;
  if (useCache && cache.has(key)) return cache.get(key) ?? undefined;
  let found: string | undefined;
  for (const dir of options.dirs ?? trustedDirs(platform)) {
    if (platform === 'win32') {
      for (const ext of ['.exe', '.cmd']) {
        const full = path.win32.join(dir, /\.(exe|cmd)$/i.test(name) ? name : name + ext);
        if (fs.existsSync(full)) {
          found = full;
          break;
        }
      }
      if (found) break;
      continue;
    }
    const full = path.posix.join(dir, name);
    if (untrustedReason(full, options.check) === undefined) {
      found = full;
      break;
    }
  }
  if (useCache) cache.set(key, found ?? null);
  return found;
}

/** The PATH for a program started from a trusted place: the same system folders, nothing the user can write. */
export function trustedPathVariable(platform: NodeJS.Platform = process.platform): string {
  return trustedDirs(platform).join(platform === 'win32' ? ';' : ':');
}
