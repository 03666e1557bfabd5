import { basename } from '../../paths';
import type { ArgWord, CredentialFileInfo, Facts, Finding, Invocation } from '../../policy/types';
import { readFinding, recursiveSearchRoots } from '../credentials';
import { gitignored, isHiddenPath, pathsOfWord } from './credentialPaths';
import { splitWords } from './credentialProvenance';
import { searchListsOnly } from './printsNoContent';

/**
 * A recursive search that lists the files it matches (`grep -rl PAT .`, `rg -l PAT`) hands a reader
 * every credential file the same search without `-l` would have printed a line of: piped to
 * `xargs cat`, or substituted into `cat $(…)`.
 */

type Reaches = (inv: Invocation, facts: Facts) => (info: CredentialFileInfo) => boolean;

export interface SearchListing {
  roots: string[];
  hidden: boolean;
  ignored: boolean;
  nameHunt: false;
  listedBy: (f: CredentialFileInfo) => boolean;
}

const LISTING_ONLY = /^-[a-zA-Z]*[clLq][a-zA-Z]*$|^--(files-with-matches|files-without-match|count|quiet|silent)$/;

export function searchListing(from: Invocation, cwd: string, facts: Facts, reaches: Reaches): SearchListing | undefined {
  const walk = recursiveSearchRoots(from);
  if (!walk || !searchListsOnly(from.args, from.name)) return undefined;
  const printing: Invocation = { ...from, args: from.args.filter((a) => !LISTING_ONLY.test(a.text)) };
  const roots = walk.roots.flatMap((w) => pathsOfWord(w, from.cwd || cwd, facts));
  return { roots, hidden: walk.hidden, ignored: walk.ignored, nameHunt: false, listedBy: reaches(printing, facts) };
}

/** `cat $(grep -rl X .)`: a reader given the file list of a recursive search. */
export function substitutedSearchLists(inv: Invocation, raw: string, cwd: string, facts: Facts, reaches: Reaches): Finding[] {
  const out: Finding[] = [];
  if (!facts.credentials) return out;
  for (const m of raw.matchAll(/\$\(([^()`]*)\)|`([^`]*)`/g)) {
    const body = m[1] ?? m[2] ?? '';
    if (/[|;&<>]/.test(body)) continue;
    const words = splitWords(body);
    if (!words[0]) continue;
    const args = words.slice(1).map((text): ArgWord => ({ text, raw: text, dynamic: false, glob: /[*?[]/.test(text) }));
    const search: Invocation = { ...inv, name: basename(words[0]), command: words[0], args, stdin: undefined, redirects: [] };
    const listing = searchListing(search, cwd, facts, reaches);
    if (!listing) continue;
    for (const root of listing.roots) {
      for (const f of facts.credentials.filesUnder(root)) {
        if (!listing.hidden && isHiddenPath(f.path)) continue;
        if (!listing.ignored && gitignored(f.path, facts)) continue;
        if (listing.listedBy(f)) out.push(readFinding('reads', f, `${inv.name} on the files ${search.name} lists`));
      }
    }
  }
  return out;
}
