import { basename, resolvePath } from '../../paths';
import { effectsOf } from '../../policy/effects';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';
import type { PerimeterView } from './protectedPaths';
import { isGuardedProgramName, isProgramFolder } from './runtimePlaces';

/**
 * A folder tree copied whole into a program folder (round 27: `cp -a fakebin/bin ~/bin`, `cp -r fakebin
 * ~/.local/share/fnm/aliases/default`): the copy's entries land under the destination (itself when it does not exist
 * yet, else a folder of the source's name below it), and a program named like one the guard, its runtime or the
 * commit hooks run landing in a folder on PATH (the landing folder or its `bin`) shadows it, as `cp x ~/.local/bin/node`
 * does. The source folders are listed (one level, and their `bin`); a copy of project sources into a folder that is
 * not on PATH, or of a tree holding no such program, stays allowed.
 */

const TREE_COPIERS: ReadonlySet<string> = new Set(['cp', 'gcp', 'rsync', 'ditto', 'mv']);

export function binTreeCopy(inv: Invocation, facts: Facts, view: PerimeterView, cwd: string): Finding | undefined {
  if (!TREE_COPIERS.has(inv.name)) return undefined;
  const home = view.home.toLowerCase();
  const onPath = view.pathFolders ?? [];
  for (const effect of effectsOf(inv)) {
    if (effect.kind !== 'write' || !effect.into || effect.word.dynamic) continue;
    const dest = resolvePath(cwd, effect.word.text, facts.home).replace(/\/+$/, '');
    const destExists = facts.listDir(dest) !== undefined;
    for (const source of effect.into) {
      if (source.dynamic || source.glob) continue;
      const from = resolvePath(cwd, source.text, facts.home).replace(/\/+$/, '');
      if (facts.listDir(from) === undefined) continue;
      // rsync's `src/` and cp's `src/.` put the entries themselves into the destination.
      const contents = /\/\.?$/.test(source.text) && (inv.name === 'rsync' || source.text.endsWith('/.'));
      const landing = destExists && !contents ? `${dest}/${basename(from)}` : dest;
      for (const rel of ['', 'bin']) {
        const folder = rel === '' ? landing : `${landing}/${rel}`;
        if (!isProgramFolder(folder.toLowerCase(), home, onPath)) continue;
        const program = (facts.listDir(rel === '' ? from : `${from}/${rel}`) ?? []).find((name) => isGuardedProgramName(name));
        if (program === undefined) continue;
        const shown = folder.startsWith(facts.home + '/') ? `~/${folder.slice(facts.home.length + 1)}` : folder;
        return perimeterFinding('program-tree-copy', `${inv.name} ${inv.name === 'mv' ? 'moves' : 'copies'} the folder ${source.text}, which holds a program named ${program}, into ${shown}, a folder on PATH, in front of the one the guard, its runtime or the commit hooks run; ${DENY_SUFFIX}.`, `${folder}/${program}`);
      }
    }
  }
  return undefined;
}

/** Home-folder spellings in code, folded to `~` so the path they build can be read (`os.path.expanduser('~/x')`, `"$ENV{HOME}/x"`, `process.env.HOME + '/x'`, `os.homedir()`, `Path.home() / 'x'`). */
const HOME_SPELLINGS: readonly [RegExp, string][] = [
  [/os\.path\.expanduser\(\s*(['"])~/g, '$1~'],
  [/\$ENV\{\s*['"]?HOME['"]?\s*\}|\$HOME\b|\$\{HOME\}/g, '~'],
  [/(?:process\.env\.HOME|process\.env\[\s*['"]HOME['"]\s*\]|homedir\(\)|os\.environ\[\s*['"]HOME['"]\s*\]|os\.getenv\(\s*['"]HOME['"]\s*\)|os\.environ\.get\(\s*['"]HOME['"]\s*\)|ENV\[\s*['"]HOME['"]\s*\]|Dir\.home|Path\.home\(\)|str\(Path\.home\(\)\))\s*(?:\+|\/|,)\s*(['"])\/?/g, '$1~/'],
];
/** Calls that put a file somewhere (a copy, a move, a write, a link). */
const PLACES_A_FILE = /\b(?:copy\w*|move|rename\w*|cpSync|copyFileSync|writeFile\w*|write_bytes|write_text|install|symlink\w*|link\w*|File::Copy|FileUtils)\b|\bopen\s*\([^)]*['"][wa]/;
const PATH_LITERAL = /(['"])((?:~|\/|\.{1,2}\/)[^'"\s]*)\1/g;

/**
 * Inline code putting a program named like a guarded one into a folder on PATH (round 27: `shutil.copy(src,
 * os.path.expanduser('~/.local/bin'))`, Perl's `copy(…, "$ENV{HOME}/.local/bin/gitleaks")`, Node's
 * `copyFileSync(…, process.env.HOME + '/.local/bin/gitleaks')`): the destination named whole, or a program folder
 * with a source whose name is a guarded program's.
 */
export function codeProgramDrop(code: string, who: string, cwd: string, facts: Facts, view: PerimeterView): Finding | undefined {
  if (!PLACES_A_FILE.test(code)) return undefined;
  let text = code.slice(0, 20_000);
  for (const [pattern, replacement] of HOME_SPELLINGS) text = text.replace(pattern, replacement);
  const home = view.home.toLowerCase();
  const onPath = view.pathFolders ?? [];
  const paths = [...text.matchAll(PATH_LITERAL)].slice(0, 32).map((m) => resolvePath(cwd, m[2]!, facts.home).replace(/\/+$/, ''));
  const program = paths.map((p) => basename(p)).find((name) => isGuardedProgramName(name));
  for (const path of paths) {
    const lower = path.toLowerCase();
    const named = isGuardedProgramName(basename(path)) && isProgramFolder(lower.slice(0, lower.lastIndexOf('/')) || '/', home, onPath);
    const into = !named && program !== undefined && isProgramFolder(lower, home, onPath);
    if (!named && !into) continue;
    const target = named ? path : `${path}/${program}`;
    const shown = target.startsWith(facts.home + '/') ? `~/${target.slice(facts.home.length + 1)}` : target;
    return perimeterFinding('code-program-drop', `${who} puts a program named ${basename(target)} at ${shown}, a folder on PATH, in front of the one the guard, its runtime or the commit hooks run; ${DENY_SUFFIX}.`, shown);
  }
  return undefined;
}
