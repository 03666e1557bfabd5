import type { Invocation } from '../../policy/types';

/**
 * Programs that, walking a folder, print names and sizes but no file's content: `ls -R ~`, `find ~
 * -name node_modules -prune`, `tree -a ~`, `du -sh ~`. A listing of a folder above the window tokens
 * shows their names only, so it is not a read of them; a listing of the guard's own folder stays one. What `find`/`fd` hand on to another program
 * (`-exec cat`, `-x cat`, `| xargs cat`) is judged where that program is.
 */
const NAME_LISTINGS: ReadonlySet<string> = new Set(['ls', 'll', 'la', 'dir', 'vdir', 'exa', 'eza', 'lsd', 'tree', 'du', 'find', 'fd', 'fdfind', 'locate', 'stat']);

/**
 * Searchers that walk every folder they are given without a `-r` (ripgrep, the silver searcher, ack, and
 * their kin: the platinum searcher `pt`, `sift`, `ucg`; round 25: `pt SECRET ~` walked home unseen).
 */
export const WALKING_SEARCHERS: ReadonlySet<string> = new Set(['rg', 'ag', 'ack', 'pt', 'sift', 'ucg']);

/** Does this program, given a folder, read what is below it (`grep -r`, `rg`, `cat -R`-style readers), not only list it? */
export function readsBelow(inv: Invocation, recursiveEffect: boolean, inGuardHome: boolean): boolean {
  if (NAME_LISTINGS.has(inv.name) && !inGuardHome) return false;
  if (recursiveEffect || WALKING_SEARCHERS.has(inv.name)) return true;
  return inv.args.some((a) => /^-[a-zA-Z]*[rR]/.test(a.text) || a.text === '--recursive' || a.text === '--dereference-recursive');
}
