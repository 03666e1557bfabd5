/**
 * For the credentials pack: which paths a word names (globs and braces expanded against the files
 * that exist, `~` resolved), what those paths are as credential files, and whether ripgrep-style
 * readers skip a path because an ignore file lists it.
 */

import { braceExpand, minimatch } from 'minimatch';
import { classifyCredentialFile } from '../../credentials/credentialFiles';
import { credentialPathVariable, credentialPathVariableInfo } from '../../credentials/pathVariables';
import { isAbsolute, isWithin, relativeTo, resolvePath } from '../../paths';
import { environmentOfName } from '../../policy/production';
import type { ArgWord, CredentialFileInfo, Facts, Target } from '../../policy/types';

const MAX_EXPANSIONS = 256;

/**
 * The target a credential file is, and its environment: what its name says (`.env.production`,
 * `secrets.prod.json`); else a service's token kept in a project file (`legacy/config_backup.json`
 * holding the Railway token) reaches that service in an environment nothing names, which is
 * production by the rule for unresolved remote targets; else (an environment file, a key, a CLI's
 * sign-in in the home folder) it is this machine's.
 */
const INFRASTRUCTURE_KINDS: ReadonlySet<string> = new Set(['cluster-admin', 'cluster-token', 'ci-token', 'cloud-credentials', 'host-secret', 'deploy-key', 'warehouse-password']);

/** Secrets a project file hard-codes for a service it names nowhere (a database password, a connection string, an API token). */
const SERVICE_SECRET_KINDS: ReadonlySet<string> = new Set(['app-secrets', 'generic-password', 'generic-secret', 'generic-api-key', 'generic-credential', 'api-token', 'database-url']);

export function credentialTarget(info: CredentialFileInfo): Target {
  const base = { kind: 'credential', name: info.path, provider: 'filesystem', remote: false } as const;
  const named = environmentOfName(info.path.replace(/^.*\//, ''));
  if (named === 'production') return { ...base, environment: 'production', environmentReason: `its name says production` };
  // Keys to shared infrastructure (a cluster's admin, a CI runner, a cloud account, a host's own secrets).
  if (INFRASTRUCTURE_KINDS.has(info.kind)) return { ...base, environment: 'production', environmentReason: `${info.label} reaches shared infrastructure whose environment nothing names (treated as production)` };
  const projectFile = !info.path.startsWith('~') && !isAbsolute(info.path);
  if (named === undefined && projectFile && (info.label.startsWith('the ') || SERVICE_SECRET_KINDS.has(info.kind))) {
    return { ...base, environment: 'production', environmentReason: `${info.label} reaches a service whose environment nothing names (treated as production)` };
  }
  return { ...base, environment: 'local', environmentReason: 'a file on this machine' };
}

/** A path that stands for the file a credential-path variable names (`$PGPASSFILE`): only `infoFor` reads it. */
const VARIABLE_PATH = '\u0000$';

/** Paths already classified in this decision (the facts object is the decision's own). */
const classified = new WeakMap<Facts, Map<string, CredentialFileInfo | undefined>>();

/** Credential info for an absolute path: the node layer's facts, or core rules over facts.readFile. */
export function infoFor(abs: string, facts: Facts): CredentialFileInfo | undefined {
  if (abs.startsWith(VARIABLE_PATH)) {
    const name = abs.slice(VARIABLE_PATH.length);
    const known = credentialPathVariableInfo(name);
    return known ? { path: `$${name}`, kind: known.kind, label: known.label } : undefined;
  }
  if (facts.credentials) return facts.credentials.fileInfo(abs);
  let seen = classified.get(facts);
  if (!seen) {
    seen = new Map();
    classified.set(facts, seen);
  }
  if (seen.has(abs)) return seen.get(abs);
  const info = classifyByRules(abs, facts);
  seen.set(abs, info);
  return info;
}

function classifyByRules(abs: string, facts: Facts): CredentialFileInfo | undefined {
  const verdict = classifyCredentialFile(abs, facts.home, facts.readFile(abs));
  if (!verdict) return undefined;
  const root = facts.workspaceRoots.find((r) => abs.startsWith(r + '/'));
  return { path: root ? abs.slice(root.length + 1) : abs, kind: verdict.kind, label: verdict.label };
}

function substituteHome(text: string, home: string): string {
  // `~user/` is that user's home: this one's when the name is its folder's, else a sibling home folder
  // (/home/user, /Users/user), or /root.
  const tilde = /^~([a-z_][a-z0-9_.-]*)(?=\/|$)/i.exec(text);
  if (tilde) {
    const user = tilde[1] as string;
    const parent = home.replace(/\/[^/]+\/?$/, '');
    const theirs = home.replace(/\/+$/, '').endsWith('/' + user) ? home : user === 'root' ? '/root' : `${parent}/${user}`;
    return theirs + text.slice(tilde[0].length);
  }
  return text.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, home);
}

export function hasGlobChars(text: string): boolean {
  return /[*?[]/.test(text);
}

export function hasBraces(text: string): boolean {
  return /\{[^{}]*,[^{}]*\}|\{[^{}]*\.\.[^{}]*\}/.test(text);
}

/** Expand shell glob segments against directory listings, the way bash would (dotfiles only by a leading dot). */
function expandGlob(pattern: string, cwd: string, facts: Facts): string[] {
  const abs = resolvePath(cwd, pattern, facts.home);
  const segments = abs.split('/').filter((s) => s !== '');
  let current = ['/'];
  for (const seg of segments) {
    const next: string[] = [];
    for (const base of current) {
      if (!hasGlobChars(seg)) {
        next.push(base === '/' ? '/' + seg : base + '/' + seg);
        continue;
      }
      for (const name of facts.listDir(base) ?? []) {
        if (minimatch(name, seg)) next.push(base === '/' ? '/' + name : base + '/' + name);
        if (next.length >= MAX_EXPANSIONS) break;
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** The absolute paths a word can name: itself, or what its braces and globs expand to. */
export function pathsOfWord(word: ArgWord, cwd: string, facts: Facts): string[] {
  // The shell's own process: `/proc/$$/cwd/.env` is `/proc/self/cwd/.env`.
  let text = substituteHome(word.text, facts.home).replace(/^\/proc\/(\$\$|\$\{\$\}|\$BASHPID|\$\{BASHPID\})(?=\/)/, '/proc/self');
  if (word.dynamic && /[$`]/.test(text)) {
    // `cat $GOOGLE_APPLICATION_CREDENTIALS`: the variable names a credential file the guard cannot see.
    const variable = credentialPathVariable(word.text.replace(/^@/, ''));
    return variable ? [VARIABLE_PATH + variable] : [];
  }
  if (text === '' || text === '-') return [];
  if (text.startsWith('@')) text = text.slice(1);
  const variants = word.glob || hasBraces(text) ? braceExpand(text).slice(0, MAX_EXPANSIONS) : [text];
  const out: string[] = [];
  for (const v of variants) {
    if ((word.glob || hasBraces(word.raw)) && hasGlobChars(v)) out.push(...expandGlob(v, cwd, facts));
    else out.push(resolvePath(cwd, v, facts.home));
  }
  return [...new Set(out)].slice(0, MAX_EXPANSIONS);
}

/** The ignore files ripgrep and ag read in each folder on the way down (git's, and their own). */
const IGNORE_FILE_NAMES = ['.gitignore', '.ignore', '.rgignore'];
/** Folders below the workspace folder whose ignore files are read. */
const MAX_IGNORE_DEPTH = 32;

/** Does one ignore file's pattern list exclude `relativePath` (relative to that file's folder)? */
function listedIn(lines: readonly string[], relativePath: string): boolean {
  const segments = relativePath.split('/');
  for (const line of lines) {
    const dirOnly = line.endsWith('/');
    const pattern = line.replace(/\/$/, '');
    const anchored = pattern.replace(/^\//, '');
    if (!pattern.includes('/')) {
      if (segments.some((seg, i) => (!dirOnly || i < segments.length - 1) && minimatch(seg, pattern, { dot: true }))) return true;
    } else if (minimatch(relativePath, anchored, { dot: true }) || minimatch(relativePath, anchored + '/**', { dot: true })) {
      return true;
    }
  }
  return false;
}

/**
 * Would ripgrep/ag skip this workspace-relative path because an ignore file lists it? They read
 * .gitignore, .ignore and .rgignore in the workspace folder and in every folder on the way down to
 * the file. A deliberately small reading: plain patterns, the last matching line deciding, and a
 * negation that matches the path or a folder above it re-includes it (git's rule that a file under an
 * excluded folder stays excluded is not applied), so the guard errs towards asking. (An agent that
 * writes `!.env` into a `.rgignore` gets an ask, not a silent read.) With several workspace folders, only the
 * folder that holds the path is read; when that cannot be told, the answer is "no".
 */
export function gitignored(relativePath: string, facts: Facts): boolean {
  const roots = facts.workspaceRoots.length === 1 ? facts.workspaceRoots : facts.workspaceRoots.filter((r) => facts.fileStatus?.(r + '/' + relativePath) === 'file');
  if (roots.length !== 1) return false;
  const root = roots[0]!;
  const segments = relativePath.split('/');
  let ignored = false;
  for (let depth = 0; depth < Math.min(segments.length, MAX_IGNORE_DEPTH); depth++) {
    const dir = segments.slice(0, depth).join('/');
    const below = segments.slice(depth).join('/');
    for (const name of IGNORE_FILE_NAMES) {
      const text = facts.readFile(root + (dir === '' ? '' : '/' + dir) + '/' + name);
      if (text === undefined) continue;
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
      // The last line that matches decides; a negation that matches the path (or a folder above it) re-includes it.
      for (const line of lines) {
        const negated = line.startsWith('!');
        if (listedIn([negated ? line.slice(1) : line], below)) ignored = !negated;
      }
    }
  }
  return ignored;
}

/** The path relative to the workspace folder holding it, '' for the folder itself, undefined outside. */
export function workspaceRelative(absolutePath: string, facts: Facts): string | undefined {
  for (const root of facts.workspaceRoots) {
    if (absolutePath === root) return '';
    if (isWithin(root, absolutePath)) return relativeTo(root, absolutePath);
  }
  return undefined;
}

export function isHiddenPath(p: string): boolean {
  return p.split('/').some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..');
}

