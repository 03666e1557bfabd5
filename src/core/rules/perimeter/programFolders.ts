import { resolvePath } from '../../paths';
import type { PathEffect } from '../../policy/effects';
import type { Facts } from '../../policy/types';
import { isGuardedProgramName, isProgramFolder } from './runtimePlaces';
import type { PerimeterView } from './protectedPaths';

/**
 * Entries extracted or copied into a folder on PATH, or into a folder that holds one (stop 36, red
 * team round 24: `tar -xzf node.tgz -C ~/.local --strip-components=1`, `cp -r pkg/. ~/.local/`,
 * `rsync -a pkg/ /usr/local/` land `bin/node` in `~/.local/bin`): entries it cannot name, or one named
 * like a program the guard, its runtime or the commit hooks run, shadow that program. The program
 * folders below the destination are those on PATH and the usual `bin` folders of a prefix.
 */

const BIN_BELOW = ['bin', 'sbin', '.local/bin', 'local/bin'];

/**
 * The program folder (on PATH) the extract `effect` into `abs` would shadow a program in, if any:
 * `abs` itself (`below` false), or a program folder below it (`below` true).
 */
export function shadowedProgramFolder(abs: string, effect: PathEffect, facts: Facts, cwd: string, view: PerimeterView, below: boolean): string | undefined {
  const base = abs.replace(/\/+$/, '') || '/';
  const home = view.home.toLowerCase();
  const onPath = view.pathFolders ?? [];
  const prefix = base === '/' ? '/' : base.toLowerCase() + '/';
  const from = effect.from ?? [];
  const rels = below ? [...BIN_BELOW, ...onPath.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length))] : [''];
  for (const rel of new Set(rels)) {
    const folder = rel === '' ? base : `${base === '/' ? '' : base}/${rel}`;
    if (!isProgramFolder(folder.toLowerCase(), home, onPath)) continue;
    if (from.length === 0) return folder;
    for (const source of from) {
      // An archive, a glob or a computed name: what lands there cannot be named.
      if (source.dynamic || source.glob) return folder;
      const dir = resolvePath(cwd, source.text.replace(/\/\.?$/, ''), facts.home);
      const top = facts.listDir(dir);
      if (top === undefined) return folder;
      const entries = rel === '' ? top : facts.listDir(`${dir}/${rel}`);
      if (entries?.some((e) => isGuardedProgramName(e))) return folder;
    }
  }
  return undefined;
}
