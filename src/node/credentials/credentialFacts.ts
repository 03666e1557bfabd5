import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyCredentialFile } from '../../core/credentials/credentialFiles';
import { BINARY_EXTENSIONS, matchCredentialPath, SKIPPED_DIRS, PATH_RULES } from '../../core/credentials/credentialPaths';
import type { CredentialFacts, CredentialFileInfo } from '../../core/policy/types';
import { loadCredentialCache, WorkspaceIndex, type CacheOptions, type CredentialCacheFile } from './credentialCache';
import { hashSecret } from './workspaceScan';
import { fingerprintSeed, fingerprintWith } from './valueFingerprint';
import { readTextForScan } from './walk';

export interface CredentialFactsOptions extends Omit<CacheOptions, 'full'> {
  workspaceRoots: readonly string[];
}

function toPosix(p: string): string {
  return p.replace(/\\/g, '/');
}

function within(parent: string, child: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function displayPath(abs: string, roots: readonly string[], home: string): string {
  for (const r of roots) if (within(r, abs)) return toPosix(path.relative(r, abs)) || '.';
  if (home && within(home, abs)) return '~/' + toPosix(path.relative(home, abs));
  return toPosix(abs);
}

/** Small files in the home folder's CLI credential stores, for provenance of their values. */
function homeStoreFiles(home: string, maxFiles = 64): string[] {
  const out: string[] = [];
  const roots = PATH_RULES.filter((r) => r.home).map((r) => r.pattern.replace(/\/\*\*$/, '').replace(/\/\*.*$/, ''));
  const visit = (abs: string, depth: number): void => {
    if (out.length >= maxFiles || depth > 3) return;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return;
    }
    if (st.isFile() && st.size <= 64 * 1024) out.push(abs);
    else if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(abs);
      } catch {
        return;
      }
      for (const n of names) visit(path.join(abs, n), depth + 1);
    }
  };
  for (const r of new Set(roots)) visit(path.join(home, r), 0);
  return out;
}

/**
 * CredentialFacts over the workspace folders: the cached index (brought up to date first) for
 * files found by content, path rules for everything else, and on-the-fly core content rules for
 * files the index has not seen. Values are compared only as salted hashes.
 */
export async function loadCredentialFacts(options: CredentialFactsOptions): Promise<CredentialFacts> {
  const caches: CredentialCacheFile[] = [];
  for (const root of options.workspaceRoots) {
    try {
      caches.push(await loadCredentialCache(root, options));
    } catch {
      // An unreadable workspace folder has no index; path and content rules still apply per file.
    }
  }
  return credentialFactsOver({ roots: () => caches.map((c) => c.root), known: () => caches, kept: () => true, currentUnder: () => caches, incomplete: () => caches.some((c) => c.truncated) }, options.home);
}

/**
 * The same answers, with the index read only when a question first needs it, and brought up to
 * date only where the question looks (see WorkspaceIndex). This is how the hook and `check` use it:
 * most commands never ask a credential question, and in a large workspace stat'ing every folder is
 * most of the cost of one that does.
 */
export function lazyCredentialFacts(options: CredentialFactsOptions): CredentialFacts {
  let indexes: WorkspaceIndex[] | undefined;
  const all = (): WorkspaceIndex[] =>
    (indexes ??= options.workspaceRoots.flatMap((root) => {
      try {
        return [new WorkspaceIndex(root, options)];
      } catch {
        // An unreadable workspace folder has no index; path and content rules still apply per file.
        return [];
      }
    }));
  // The same array until an index changes, so per-array work (the hash look-up tables) is done once.
  let known: CredentialCacheFile[] | undefined;
  let failed = false;
  return credentialFactsOver(
    {
      roots: () => all().map((i) => i.root),
      known: () => (known ??= all().flatMap((i) => i.known() ?? [])),
      kept: () => all().every((i) => i.kept()),
      currentUnder: (dir) => {
        known = undefined;
        return all().flatMap((i) => {
          // Only the workspaces the folder overlaps: inside one, or holding one.
          if (dir !== undefined && !within(i.root, dir) && !within(dir, i.root)) return i.known() ?? [];
          try {
            return [i.currentUnder(dir === undefined || within(dir, i.root) ? i.root : dir)];
          } catch {
            failed = true;
            return i.known() ?? [];
          }
        });
      },
      incomplete: () => failed || all().some((i) => i.incomplete()),
    },
    options.home,
  );
}

/** Where the index comes from: as it is on disk, or brought up to date under a folder (every folder when undefined). */
interface IndexSource {
  /** The workspace folders (real paths), for showing paths relative to them. */
  roots(): readonly string[];
  known(): readonly CredentialCacheFile[];
  currentUnder(realDir: string | undefined): readonly CredentialCacheFile[];
  /** Every workspace has its index kept on disk, and it is the one in use (current, or as last written). */
  kept(): boolean;
  /** Did bringing an index up to date stop at a limit, or fail? */
  incomplete(): boolean;
}

/** Files outside the workspace whose content a folder walk reads (the rest are judged by their names). */
const MAX_OUTSIDE_CONTENT_READS = 64;

function credentialFactsOver(source: IndexSource, home: string): CredentialFacts {
  let homeIndex: Map<string, CredentialFileInfo> | undefined;
  /** The lengths and fingerprints of the home stores' values: a value with another is not hashed. */
  const homeLengths = new Set<number>();
  const homeFps = new Set<number>();
  // The home stores' hashes live only in this process's memory, never written: a fixed salt serves.
  const homeSalt = 'blast-shield-home-stores';
  const homeSeed = fingerprintSeed(homeSalt);
  const cachesNow = source.known;

  const rootsNow = source.roots;
  const cachedInfo = (realAbs: string): CredentialFileInfo | undefined => {
    const caches = cachesNow();
    const roots = rootsNow();
    for (const c of caches) {
      if (!within(c.root, realAbs)) continue;
      const hit = c.files[toPosix(path.relative(c.root, realAbs))];
      if (hit) return { path: displayPath(realAbs, roots, home), kind: hit.kind, label: hit.label };
    }
    return undefined;
  };

  const fileInfo = (absolutePath: string): CredentialFileInfo | undefined => {
    const abs = path.resolve(absolutePath);
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      // A path that does not exist is judged by its name.
    }
    const cached = cachedInfo(real) ?? cachedInfo(abs);
    if (cached) return cached;
    const roots = rootsNow();
    for (const candidate of real === abs ? [abs] : [abs, real]) {
      const byPath = matchCredentialPath(toPosix(candidate), toPosix(home));
      let text: string | undefined;
      if (!byPath || byPath.needsAuthLine) {
        try {
          if (fs.statSync(candidate).isFile()) text = readTextForScan(candidate);
        } catch {
          text = undefined;
        }
      }
      const verdict = classifyCredentialFile(toPosix(candidate), toPosix(home), text);
      if (verdict) return { path: displayPath(candidate, roots, home), kind: verdict.kind, label: verdict.label };
    }
    return undefined;
  };

  /** Folders whose credential files could not all be listed (a walk or index limit). */
  const incompleteDirs = new Set<string>();
  const filesUnder = (absoluteDir: string): readonly CredentialFileInfo[] => {
    const dir = path.resolve(absoluteDir);
    let real = dir;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return [];
    }
    const caches = source.currentUnder(real);
    const roots = rootsNow();
    const out: CredentialFileInfo[] = [];
    let covered = false;
    // Compared and shown as the index's own relative paths: no path is joined or made relative per file.
    // With several workspace folders (one may hold another), displayPath picks the folder.
    const shown = (root: string, rel: string): string => (roots.length === 1 && roots[0] === root ? rel : displayPath(path.join(root, rel), roots, home));
    for (const c of caches) {
      if (within(c.root, real)) {
        covered = true;
        const scope = toPosix(path.relative(c.root, real));
        for (const [rel, f] of Object.entries(c.files)) {
          if (scope === '' || rel === scope || rel.startsWith(scope + '/')) out.push({ path: shown(c.root, rel), kind: f.kind, label: f.label });
        }
      } else if (within(real, c.root)) {
        for (const [rel, f] of Object.entries(c.files)) out.push({ path: shown(c.root, rel), kind: f.kind, label: f.label });
      }
    }
    if (covered) {
      if (source.incomplete()) incompleteDirs.add(real);
      return out;
    }
    // Outside the workspace: a bounded walk by path rules, and the content of the first few files.
    let budget = 5000;
    let contentReads = MAX_OUTSIDE_CONTENT_READS;
    let deepest = 0;
    const visit = (abs: string, depth: number): void => {
      deepest = Math.max(deepest, depth);
      if (budget <= 0 || depth > 6) return;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(abs, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (--budget <= 0) return;
        const child = path.join(abs, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name) && !roots.some((r) => within(r, child))) visit(child, depth + 1);
        } else if (e.isFile() || e.isSymbolicLink()) {
          const m = matchCredentialPath(toPosix(child), toPosix(home));
          if (m) out.push({ path: displayPath(child, roots, home), kind: m.kind, label: m.label });
          else if (contentReads > 0 && !BINARY_EXTENSIONS.has(path.extname(e.name).slice(1).toLowerCase())) {
            // A copy of a secret under an ordinary name (`settings.txt` holding a live key): the first files by their content.
            contentReads--;
            const found = fileInfo(child);
            if (found) out.push(found);
          }
        }
      }
    };
    visit(real, 0);
    if (budget <= 0 || deepest > 6) incompleteDirs.add(real);
    return out;
  };
  const incomplete = (absoluteDir: string): boolean => {
    let real = path.resolve(absoluteDir);
    try {
      real = fs.realpathSync(real);
    } catch {
      // judged by the path as written
    }
    return incompleteDirs.has(real);
  };

  // hash -> where it was found, built once per set of indexes: a command may offer hundreds of
  // candidates. The path shown is worked out for a hit only.
  interface Found {
    root: string;
    rel: string;
    kind: string;
    label: string;
  }
  // With every indexed value's length known, a value of another length cannot match: it is not hashed.
  interface HashIndex {
    salt: string;
    index: Map<string, Found>;
    lengths: Set<number> | undefined;
    /** The values' keyed fingerprints when every one is known: a value with another is not hashed. */
    seed: number;
    fps: Set<number> | undefined;
  }
  const hashIndexes = new WeakMap<readonly CredentialCacheFile[], HashIndex[]>();
  const byHash = (caches: readonly CredentialCacheFile[]): HashIndex[] => {
    let built = hashIndexes.get(caches);
    if (!built) {
      built = caches.map((c) => {
        const index = new Map<string, Found>();
        let lengths: Set<number> | undefined = new Set<number>();
        let fps: Set<number> | undefined = new Set<number>();
        for (const [rel, f] of Object.entries(c.files)) {
          for (const s of f.secrets) {
            if (!index.has(s.hash)) index.set(s.hash, { root: c.root, rel, kind: s.kind, label: s.label });
            if (typeof s.length === 'number') lengths?.add(s.length);
            else lengths = undefined;
            if (typeof s.fp === 'number') fps?.add(s.fp);
            else fps = undefined;
          }
        }
        return { salt: c.salt, index, lengths, seed: fingerprintSeed(c.salt), fps };
      });
      hashIndexes.set(caches, built);
    }
    return built;
  };
  // One HMAC per value and salt: the index as it is and brought up to date share their salts.
  const hashes = new Map<string, string>();
  const hashOf = (salt: string, v: string): string => {
    const key = `${salt}\u0000${v}`;
    let h = hashes.get(key);
    if (h === undefined) hashes.set(key, (h = hashSecret(salt, v)));
    return h;
  };
  const lookUp = (caches: readonly CredentialCacheFile[], v: string): CredentialFileInfo | undefined => {
    const trimmed = v.trim();
    for (const { salt, index, lengths, seed, fps } of byHash(caches)) {
      if (index.size === 0 || (lengths && !lengths.has(trimmed.length)) || (fps && !fps.has(fingerprintWith(seed, trimmed)))) continue;
      const hit = index.get(hashOf(salt, v));
      if (hit) return { path: displayPath(path.join(hit.root, hit.rel), rootsNow(), home), kind: hit.kind, label: hit.label };
    }
    return undefined;
  };
  let current: readonly CredentialCacheFile[] | undefined;
  const originOf = (value: string): CredentialFileInfo | undefined => {
    const v = value.trim();
    // A value the hook redacted for the editor carries its salted hash: look that up directly. It may be
    // a whole word, or the password of a connection URL whose host and database were kept.
    const unquoted = v.replace(/^['"]|['"]$/g, '');
    const marker = /^\[REDACTED:([A-Za-z0-9_-]{22})\]$/.exec(unquoted) ?? /^[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:\[REDACTED:([A-Za-z0-9_-]{22})\]@\S+$/i.exec(unquoted);
    if (marker) {
      for (const caches of [source.known(), (current ??= source.currentUnder(undefined))]) {
        for (const { index } of byHash(caches)) {
          const hit = index.get(marker[1] as string);
          if (hit) return { path: displayPath(path.join(hit.root, hit.rel), rootsNow(), home), kind: hit.kind, label: hit.label };
        }
      }
      return undefined;
    }
    if (v.length < 8) return undefined;
    // Found in the index as it is: a value is where it was found. Not found, with an index kept for
    // every workspace: not brought up to date for this. Where a value came from only names its file
    // in the reasons (an info finding: no decision depends on it), and proving a whole monorepo's
    // index current costs a stat per folder on every call that carries a long word. A workspace
    // with no kept index is indexed (bounded in time) as the first question there would do.
    const known = source.known();
    const hit = lookUp(known, v) ?? (() => {
      if (known.length > 0 && source.kept()) return undefined;
      current ??= source.currentUnder(undefined);
      // The same indexes (an editor vouched for them): already looked in.
      return current.length === known.length && current.every((c, i) => c === known[i]) ? undefined : lookUp(current, v);
    })();
    if (hit) return hit;
    if (!homeIndex) {
      homeIndex = new Map();
      for (const file of homeStoreFiles(home)) {
        const text = readTextForScan(file);
        if (text === undefined) continue;
        const verdict = classifyCredentialFile(toPosix(file), toPosix(home), text);
        if (!verdict) continue;
        for (const s of verdict.secrets) {
          homeIndex.set(hashSecret(homeSalt, s.value), { path: displayPath(file, rootsNow(), home), kind: s.kind, label: s.label });
          homeLengths.add(s.value.trim().length);
          homeFps.add(fingerprintWith(homeSeed, s.value.trim()));
        }
      }
    }
    return homeLengths.has(v.length) && homeFps.has(fingerprintWith(homeSeed, v)) ? homeIndex.get(hashSecret(homeSalt, v)) : undefined;
  };

  return { fileInfo, filesUnder, originOf, incomplete };
}
