import { identifierParts } from './cliArgs';

/**
 * Stop 39 (red team round 33, issue #18 criterion 2): cleanups of what is rebuilt on demand, for a CLI nobody
 * describes (rules/verbs.ts). The verb destroys, but what it destroys is not data:
 *
 * - a cleaning verb pointed at caches by an option's value (`tart prune --entries=caches --older-than=7`,
 *   `acmevm clean --type=cache`): cached images and downloads come back on the next pull;
 * - garbage collection of a local repository of blocks (`ipfs repo gc`, `acmectl blobs gc`): by definition it takes
 *   only the blocks nothing references (pinned or named ones stay), on this machine;
 * - a purge of cached answers for an address (`pdns_control purge 'acme.com$'`, `fastly purge --url https://…`):
 *   the resolver or the CDN asks the origin again; the zone or the pages are untouched.
 *
 * Still asked: the same verbs on other objects (`tart prune --entries=vms`, `ipfs pin rm`, `repo gc --cloud`,
 * `mlflow gc`, `purge users`), and garbage collection aimed at a remote store (`--remote`, `--cloud`, `-r URL`).
 */

/** Nouns of derived data: rebuilt on demand. */
const CACHED = /^(caches?|cached|tmp|temp|downloads?|layers?|blobs?|partials?|orphans?|dangling|unused|unreferenced|stale|expired|transients?)$/;
/** Verbs that clean up. */
const CLEANS = /^(prune|clean|cleanup|clear|purge|gc|delete|rm|remove)$/;
/** Nouns of a store kept on this machine, whose garbage collection keeps what is referenced. */
// Not `store`: `nix store gc` takes old store paths (the stop 38 line: it asks).
const LOCAL_STORE = /^(repo|repository|blockstore|datastore|blobs?|objects?|cache|layers?|packs?|chunks?)$/i;
/** Options that aim a collection at a store elsewhere. */
const ELSEWHERE = /^--?(cloud|remote|remotes|all-remotes|r|repo|repository|url|uri|host|server|endpoint|bucket|target|to)$/i;

interface ReadingLike {
  positionals: readonly { text: string }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** The destroying word at `at` cleans only derived data (caches by option value, a local store's gc). */
export function cleansDerived(verb: string, at: number, reading: ReadingLike): boolean {
  if (!CLEANS.test(verb)) return false;
  // An option saying what is cleaned: every part of its value is a cache (`--entries=caches`, `--type cache,tmp`); only glued values, or values next to a kind option.
  const kinds = reading.options.filter((o) => /^--?(entries|entry|type|types|kind|kinds|what|only|scope|target|objects?)$/i.test(o.name)).map((o) => o.value ?? o.next ?? '');
  if (kinds.length > 0 && kinds.every((v) => v !== '' && v.split(',').every((part) => identifierParts(part).length > 0 && identifierParts(part).every((p) => CACHED.test(p))))) return true;
  // `repo gc`, `store gc`: the local store's garbage collection, not aimed elsewhere.
  const before = reading.positionals[at - 1]?.text;
  return verb === 'gc' && before !== undefined && LOCAL_STORE.test(before) && reading.positionals.length === at + 1 && !reading.options.some((o) => ELSEWHERE.test(o.name));
}

/**
 * A name a purge drops cached answers for: a URL, or a DNS name or pattern given to a bare `purge` as its operand
 * (`acme.com$`, `*.acme.com`, `www.acme.com.`). Not a zone named by an option or purged whole (`zone purge --zone acme.com
 * --everything`: every cached page at once), nor a compound verb (`zone-purge`: the zone's data).
 */
export function cachedAddress(name: string, word: string, reading: ReadingLike): boolean {
  if (/^https?:\/\//i.test(name)) return true;
  return word.toLowerCase() === 'purge' && reading.positionals.some((w) => w.text === name) && !reading.options.some((o) => /^--?(all|everything|everything-.*|whole|entire)$/i.test(o.name))
    && /^(\*\.|\^)?([a-z0-9-]+\.)+[a-z]{2,}\.?\$?$/i.test(name);
}

/**
 * Stop 40 (issue #18 criterion 8: temporary-file cleanups and caches stay allowed): every place a command names is
 * derived data, a path or a dotted name with a cache or temporary part (`/tmp/acme-build`, `/var/tmp/x`,
 * `~/.cache/pip`, `system.cache`, `system.tmp`); words that name no place (`24h`, `7d`) are not places. False when it
 * names no place, or one that is not derived (`~/Documents`, `firefox.passwords`).
 */
export function derivedPlaces(operands: readonly string[]): boolean {
  const places = operands.filter((o) => /[/.~]/.test(o));
  return places.length > 0 && places.every((p) => p.split(/[/.]/).some((segment) => identifierParts(segment).some((part) => CACHED.test(part))));
}
