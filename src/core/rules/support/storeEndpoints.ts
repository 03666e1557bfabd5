/**
 * What a request to a data store's HTTP API destroys when neither its method nor a delete word in the
 * last segment says it plainly (issue #18): an index cleared by a POST (`/1/indexes/x/clear`, Meilisearch
 * `documents/delete-all`, Qdrant `points/delete`), every document rewritten (`_update_by_query` without a
 * query), an index removed through `_aliases`, a lifecycle policy that deletes at once, the cluster's
 * `destructive_requires_name` guard turned off, a Firebase Realtime Database node replaced by nothing.
 */

/** Words of a path segment that destroy what the path names when sent anything but a GET. */
export const DESTROY_SEGMENT_WORDS: ReadonlySet<string> = new Set(['delete', 'destroy', 'drop', 'remove', 'reset', 'purge', 'wipe', 'erase', 'truncate', 'terminate', 'nuke', 'clear', 'flush']);

function segmentWords(segment: string): string[] {
  return segment.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** A destroying word in one of the last two segments (`_delete`, `delete-all`, `clear`), credentials' resets aside. */
export function destroyingSegment(path: string): string | undefined {
  for (const s of path.split('/').filter((p) => p.length > 0).slice(-2)) {
    const words = segmentWords(s);
    if (words.includes('password') || words.includes('token') || words.includes('cache')) continue;
    if (words.some((w) => DESTROY_SEGMENT_WORDS.has(w))) return s;
  }
  return undefined;
}

/** Search-engine requests whose body destroys: rewrites of every document, index removal, delete-now lifecycles, guards off. */
export function searchBodyDestroy(method: string, path: string, bodies: readonly string[]): string | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const body = bodies.join('\n');
  if (/\/_update_by_query\b/.test(path) && !/"query"\s*:/.test(body) && !/[?&]q=/.test(path)) return `a ${method} to ${path} with no query (every document is rewritten)`;
  if (/\/_aliases\b/.test(path) && /"remove_index"\s*:/.test(body)) return `a ${method} to ${path} with remove_index (the index is deleted)`;
  if (/\/_(ilm|lifecycle)\/policy\b|\/_index_template\b/.test(path) && /"delete"\s*:\s*\{[^}]*"min_age"\s*:\s*"0/.test(body.replace(/\s+/g, ' ')) ) return `a lifecycle policy that deletes at once (${path})`;
  if (/"delete"\s*:\s*\{\s*"min_age"\s*:\s*"0[a-z]*"/.test(body.replace(/\s+/g, ''))) return `a lifecycle policy that deletes at once (${path})`;
  if (/\/_cluster\/settings\b/.test(path) && /"?action\.destructive_requires_name"?\s*:\s*"?false/.test(body)) return 'action.destructive_requires_name turned off (a safety net is removed: wildcard deletes of every index are allowed)';
  return undefined;
}

/** Firebase Realtime Database REST: a PUT of nothing, or a PATCH setting children to null, deletes that node. */
export function firebaseWipe(method: string, host: string, path: string, bodies: readonly string[]): string | undefined {
  if (!/\.(firebaseio\.com|firebasedatabase\.app)$/i.test(host) || !path.endsWith('.json')) return undefined;
  const body = bodies.join('').trim();
  const node = path === '/.json' ? 'the whole database' : `the node ${path.replace(/\.json$/, '')}`;
  if (method === 'PUT' && (path === '/.json' || /^(null|\{\s*\}|\[\s*\]|""|)$/.test(body))) return `a PUT to ${path} that replaces ${node}`;
  if (method === 'PATCH' && /:\s*null\b/.test(body)) return `a PATCH to ${path} that sets children of ${node} to null (they are deleted)`;
  return undefined;
}
