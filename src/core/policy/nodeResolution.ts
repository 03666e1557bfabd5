import { dirname } from '../paths';

/**
 * Where node finds a module by name (`require('left-pad')`, `node -r left-pad`), when what it finds
 * is not an installed package (round 9): node looks in every `node_modules` folder from the loading
 * file's folder up, then in `NODE_PATH`, `~/.node_modules` and `~/.node_libraries`; in each, the
 * file form (`left-pad.js`) before the folder. A package folder with a `package.json` is what a
 * package manager installed: the tool itself, not read (loadedCode.ts). A file form, or a folder
 * without a manifest, was put there by hand: it is code like the project's own and is read.
 */

const BUILTINS = new Set(
  (
    'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector ' +
    'module net os path perf_hooks process punycode querystring readline repl stream string_decoder sys test timers tls trace_events tty url util v8 vm wasi worker_threads zlib'
  ).split(' '),
);

const FILE_FORMS = ['.js', '.cjs', '.mjs'];
const FOLDER_ENTRIES = ['index.js', 'index.cjs', 'index.mjs'];

export interface FolderLister {
  listDir(absolutePath: string): readonly string[] | undefined;
}

/** How many folders up from the loading file node_modules folders are looked for. */
const MAX_LEVELS = 24;

/** The folders node searches for `require(name)` from `fromDir`, in order. */
function searchFolders(fromDir: string, extraDirs: readonly string[], home: string): string[] {
  const out: string[] = [];
  let dir = fromDir.replace(/\/+$/, '') || '/';
  for (let i = 0; i < MAX_LEVELS; i++) {
    if (!dir.endsWith('/node_modules')) out.push((dir === '/' ? '' : dir) + '/node_modules');
    if (dir === '/') break;
    dir = dirname(dir);
  }
  out.push(...extraDirs.map((d) => d.replace(/\/+$/, '')));
  if (home !== '') out.push(home.replace(/\/+$/, '') + '/.node_modules', home.replace(/\/+$/, '') + '/.node_libraries');
  return out;
}

/**
 * The file node loads for the bare name `spec` from `fromDir` when it was put there by hand (see
 * above), or undefined: a built-in, an installed package, or nothing found.
 */
export function plantedNodeModule(lister: FolderLister, spec: string, fromDir: string, extraDirs: readonly string[], home: string): string | undefined {
  if (spec.startsWith('node:') || /^[a-z][a-z0-9+.-]*:/i.test(spec) || spec.startsWith('.') || spec.startsWith('/')) return undefined;
  const parts = spec.split('/');
  const nameParts = spec.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((p) => p === '' || p === '..' || p === '.')) return undefined;
  const name = parts.slice(0, nameParts).join('/');
  const sub = parts.slice(nameParts).join('/');
  if (BUILTINS.has(name)) return undefined;
  for (const folder of searchFolders(fromDir, extraDirs, home)) {
    const scopeDir = nameParts === 2 ? `${folder}/${parts[0]}` : folder;
    const leaf = parts[nameParts - 1]!;
    const entries = lister.listDir(scopeDir);
    if (entries === undefined) continue;
    if (sub === '') {
      const file = FILE_FORMS.map((ext) => leaf + ext).find((f) => entries.includes(f));
      if (file) return `${scopeDir}/${file}`;
    }
    if (!entries.includes(leaf)) continue;
    const pkgDir = `${scopeDir}/${leaf}`;
    const inside = lister.listDir(pkgDir);
    if (inside === undefined) return undefined;
    if (inside.includes('package.json')) return undefined;
    if (sub === '') {
      const index = FOLDER_ENTRIES.find((f) => inside.includes(f));
      return index ? `${pkgDir}/${index}` : undefined;
    }
    const target = `${pkgDir}/${sub}`;
    const slash = target.lastIndexOf('/');
    const there = lister.listDir(target.slice(0, slash));
    const base = target.slice(slash + 1);
    const found = there === undefined ? undefined : ['', ...FILE_FORMS].map((ext) => base + ext).find((f) => there.includes(f) && /\.(c|m)?js$/.test(f));
    return found ? `${target.slice(0, slash)}/${found}` : undefined;
  }
  return undefined;
}
