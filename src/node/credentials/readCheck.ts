import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyCredentialFile } from '../../core/credentials/credentialFiles';
import { matchCredentialPath } from '../../core/credentials/credentialPaths';
import { guardHome, GUARD_PATHS } from '../guardHome';
import { cacheFileFor, readCredentialFiles } from './credentialCache';
import { readTextForScan } from './walk';

export interface AgentReadVerdict {
  deny: boolean;
  /** A sentence for the user and the agent; names the file and the kind, never a value. */
  reason: string;
  kind?: string;
}

export interface AgentReadOptions {
  cwd: string;
  workspaceRoots: readonly string[];
  home: string;
  /** The file's text when the host sends it (Cursor's beforeReadFile does). */
  content?: string;
  /** The guard's cache folder, to consult the workspace's credential index; default from guardHome(). */
  cacheDir?: string;
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function within(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}

function shown(abs: string, roots: readonly string[], home: string): string {
  for (const r of roots) if (within(r, abs)) return toPosix(path.relative(r, abs)) || path.basename(abs);
  if (home && within(home, abs)) return '~/' + toPosix(path.relative(home, abs));
  return toPosix(abs);
}

function denial(abs: string, roots: readonly string[], home: string, label: string, kind: string, why: string): AgentReadVerdict {
  return {
    deny: true,
    kind,
    reason: `${shown(abs, roots, home)} holds ${label} (${why}). Agents may not read credential files; ask the user for what you need instead.`,
  };
}

/**
 * Should an agent's read of `filePath` be denied? Decides in milliseconds and never prompts:
 * the path (relative to `cwd`, `~`, `..`), and the real path behind any symlink, by path rules;
 * then the content (the host's copy when given, else the file's first MiB) by the core content
 * rules; then the workspace's cached index for secrets only secretlint recognised. Errors deny
 * nothing by themselves: a path that cannot be read cannot leak through this read either.
 */
export function checkAgentRead(filePath: string, opts: AgentReadOptions): AgentReadVerdict {
  const home = opts.home;
  const abs = path.resolve(opts.cwd, expandHome(filePath, home));
  let real = abs;
  try {
    real = fs.realpathSync(abs);
  } catch {
    real = abs;
  }
  const roots = opts.workspaceRoots.map((r) => {
    try {
      return fs.realpathSync(r);
    } catch {
      return path.resolve(r);
    }
  });
  const candidates = real === abs ? [abs] : [abs, real];
  let isDirectory = false;
  try {
    isDirectory = fs.statSync(real).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (isDirectory) return { deny: false, reason: 'a folder' };
  let text: string | undefined = opts.content;
  let textLoaded = opts.content !== undefined;
  const loadText = (): string | undefined => {
    if (!textLoaded) {
      text = readTextForScan(real);
      textLoaded = true;
    }
    return text;
  };
  for (const candidate of candidates) {
    const byPath = matchCredentialPath(toPosix(candidate), toPosix(home));
    if (byPath && !byPath.needsAuthLine) return denial(candidate, roots, home, byPath.label, byPath.kind, `file name matches ${byPath.label}`);
  }
  const body = loadText();
  for (const candidate of candidates) {
    const verdict = classifyCredentialFile(toPosix(candidate), toPosix(home), body);
    if (verdict) return denial(candidate, roots, home, verdict.label, verdict.kind, verdict.reasons[0] ?? verdict.label);
  }
  const cacheDir = opts.cacheDir ?? GUARD_PATHS.cacheDir(guardHome());
  for (const root of roots) {
    if (!within(root, real)) continue;
    const cache = readCredentialFiles(cacheFileFor(cacheDir, root), root);
    const hit = cache?.files[toPosix(path.relative(root, real))];
    if (hit) return denial(real, roots, home, hit.label, hit.kind, hit.reasons[0] ?? hit.label);
  }
  return { deny: false, reason: 'not a credential file' };
}

/** Is this path a credential file by its name alone? For self-protection of agent writes. */
export function isCredentialPath(absPath: string, home: string): boolean {
  return matchCredentialPath(toPosix(path.resolve(absPath)), toPosix(home)) !== undefined;
}
