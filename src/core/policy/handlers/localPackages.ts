/**
 * Packages an install or a rebuild runs the lifecycle scripts of, besides the project's own (red team
 * round 12): a bare `npm install` installs the folders package.json names as `file:`/`link:`/relative
 * dependencies and runs their install scripts; `npm rebuild [names]` runs the install scripts of the
 * packages already in node_modules; bun runs a local dependency's only when `trustedDependencies`
 * lists it. The folders' package.json scripts are read by `lifecycle`
 * (packageManagers.ts); more packages than the guard reads ask.
 */

import { resolvePath } from '../../paths';
import type { Exec, Walker } from './context';

/** Dependency folders read from one package.json; packages read by one rebuild. */
const MAX_LOCAL = 8;
const MAX_REBUILT = 48;

const DEPENDENCY_KEYS = ['dependencies', 'devDependencies', 'optionalDependencies'];
const LOCAL_SPEC = /^(file:|link:|\.{1,2}(\/|$)|\/|~\/)/;

/** The folders of the `file:` and path dependencies of `dir`'s package.json that hold a package.json (`trusted`: only those bun's `trustedDependencies` lists). */
export function localDependencyFolders(w: Walker, dir: string, exec: Exec, trusted = false): string[] {
  const text = w.readFile(`${dir}/package.json`, w.viaOf(exec));
  if (text === undefined) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const listed = json && typeof json === 'object' ? (json as Record<string, unknown>)['trustedDependencies'] : undefined;
  const allowed = new Set(Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : []);
  for (const key of DEPENDENCY_KEYS) {
    const deps = json && typeof json === 'object' ? (json as Record<string, unknown>)[key] : undefined;
    if (!deps || typeof deps !== 'object') continue;
    for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
      if (trusted && !allowed.has(name)) continue;
      if (typeof spec !== 'string' || !LOCAL_SPEC.test(spec) || /\.(tgz|tar\.gz|tar)$/.test(spec)) continue;
      const folder = resolvePath(dir, spec.replace(/^(file|link):/, ''), w.facts.home);
      if (folder !== dir && w.facts.listDir(folder)?.includes('package.json')) out.push(folder);
    }
  }
  if (out.length > MAX_LOCAL) w.addOpaque(`${w.display(dir)}/package.json names ${out.length} local packages whose install scripts run; the guard reads ${MAX_LOCAL}`, w.viaOf(exec));
  return out.slice(0, MAX_LOCAL);
}

/** The installed packages `rebuild` runs the install scripts of: those named, else every package of node_modules (scoped ones included). */
export function rebuiltPackageFolders(w: Walker, manager: string, names: readonly string[], exec: Exec): string[] {
  const root = `${exec.cwd}/node_modules`;
  const holds = (folder: string): boolean => w.facts.listDir(folder)?.includes('package.json') === true;
  if (names.length > 0) return names.slice(0, MAX_REBUILT).map((n) => `${root}/${n.replace(/(?<=.)@[^/]*$/, '')}`).filter(holds);
  const out: string[] = [];
  for (const entry of w.facts.listDir(root) ?? []) {
    if (entry.startsWith('.')) continue;
    const scoped = entry.startsWith('@') ? (w.facts.listDir(`${root}/${entry}`) ?? []).map((n) => `${root}/${entry}/${n}`) : [`${root}/${entry}`];
    out.push(...scoped);
    if (out.length > MAX_REBUILT) {
      w.addOpaque(`${manager} rebuild runs the install scripts of every package in ${w.display(root)} (more than ${MAX_REBUILT}), which the guard does not read`, w.viaOf(exec));
      return [];
    }
  }
  return out.filter(holds);
}
