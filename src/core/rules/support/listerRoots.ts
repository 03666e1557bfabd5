/**
 * The folders a file lister walks, read from its own words: `git ls-files src test` lists what is
 * tracked under src/ and test/ only, `ls -a config | grep env` lists config/. A pathspec that is a
 * pattern (`'*.env'`, `:(glob)**`), or none at all, leaves the whole working folder.
 */

const LS_FILES_VALUED = new Set(['-x', '--exclude', '-X', '--exclude-from', '--exclude-per-directory', '--format', '--with-tree', '--abbrev']);

/** Pathspec folders of `git ls-files` (its words after `ls-files`), or `['.']` when it lists everything. */
export function gitLsFilesRoots(words: readonly string[]): string[] {
  const roots: string[] = [];
  let end = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!end && w === '--') {
      end = true;
      continue;
    }
    if (!end && w.startsWith('-')) {
      if (!w.includes('=') && LS_FILES_VALUED.has(w)) i++;
      continue;
    }
    if (w === '|' || w === ';' || w === '&&' || w === '||') break;
    if (/[*?[\]:!^]/.test(w) || w === '') return ['.'];
    roots.push(w);
  }
  return roots.length > 0 ? roots : ['.'];
}

/** The words of a lister written in substitution text, up to the first pipe: `-a config` of `$(ls -a config | grep env)`. */
export function listerWords(rest: string): string[] {
  return (rest.split('|')[0] ?? '').trim().split(/\s+/).filter((x) => x !== '');
}
