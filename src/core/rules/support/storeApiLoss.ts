/**
 * HTTP calls to a search engine or key-value REST API that lose data or take a safety net away without a
 * DELETE (issue #18, items 3 and 4): a shard given up (`_cluster/reroute` accepting data loss), an index
 * overwritten by a reindex or a document PUT over its id, bulk or batch deletes, replicas set to zero,
 * shard allocation or snapshot lifecycle stopped, snapshot retention cut, an index moved or swapped over
 * another, a field dropped from a collection, a Redis REST command (`/flushall`). Asked on a remote store;
 * a store on this machine is a development store and stays allowed.
 */

export interface StoreRequest {
  method: string;
  host: string;
  path: string;
  query: string;
  /** Body texts; undefined where the body is a file the guard could not read. */
  bodies: readonly (string | undefined)[];
}

const REDIS_REST_HOST = /(^|\.)upstash\.io$/;
const REDIS_REST_LOSS = /^\/(flushall|flushdb|del|unlink|getdel|expire|pexpire|rename|restore|config\/set|function\/flush|script\/flush|lpop|rpop|ltrim|xtrim|srem|hdel|zrem)\b/i;

/** What the request loses, in a few words; undefined when nothing. */
export function storeApiLoss(r: StoreRequest): string | undefined {
  const { method, path } = r;
  const body = r.bodies.map((b) => b ?? '').join('\n');
  const unread = r.bodies.some((b) => b === undefined);
  // Upstash's Redis REST API runs the command its path names, whatever the method.
  if (REDIS_REST_HOST.test(r.host) && REDIS_REST_LOSS.test(path)) return `the Redis command ${path.slice(1).split('/')[0]!.toUpperCase()} over the REST API`;
  if (method === 'GET' || method === 'HEAD') return undefined;
  // Elasticsearch / OpenSearch (elastic.co/guide/en/elasticsearch/reference).
  if (path.endsWith('/_cluster/reroute') && /accept_data_loss|allocate_(empty|stale)_primary/.test(`${r.query} ${body}`)) return 'a reroute that accepts data loss (a shard is replaced by an empty or stale copy)';
  if (path.endsWith('/_reindex') && !/"op_type"\s*:\s*"create"/.test(body)) return 'a reindex that overwrites the documents of its destination index';
  if (/^\/[^_/][^/]*\/_doc\/[^/]+$/.test(path) && (method === 'PUT' || method === 'POST')) return `a document written over ${path} (the stored document is replaced)`;
  if (path.endsWith('/_bulk') && (unread || /"delete"\s*:/.test(body))) return unread ? 'a bulk request from a file the guard cannot read (it may delete documents)' : 'bulk delete actions';
  if (/\/_(slm|ilm)\/stop$/.test(path)) return `the ${path.includes('slm') ? 'snapshot' : 'index'} lifecycle stopped (no more scheduled snapshots or rollovers)`;
  if (/\/_slm\/policy\//.test(path) && /"retention"|"schedule"/.test(body)) return 'a snapshot policy rewritten (its schedule or how many snapshots are kept)';
  if (path.endsWith('/_settings') && /number_of_replicas"?\s*:\s*"?0\b/.test(body)) return 'replicas set to 0 (a lost node loses data)';
  if (path.endsWith('/_cluster/settings') && /allocation\.enable"?\s*:\s*"none"|blocks\.read_only/.test(body)) return 'cluster shard allocation or writes switched off';
  // Round 8: snapshot repositories re-pointed, restores over live indices, masters voted out, mappings and lifecycle policies rewritten.
  if (/^\/_snapshot\/[^/_][^/]*\/?$/.test(path) && (method === 'PUT' || method === 'POST')) return `the snapshot repository ${path.split('/')[2]} registered or re-pointed (snapshots go where the body says; an existing repository's snapshots are left behind)`;
  if (/^\/_snapshot\/[^/]+\/[^/]+\/_restore$/.test(path)) return `a snapshot restored over the cluster's indices (${/"indices"\s*:\s*"\*"/.test(body) ? 'every index, system indices included' : 'the indices it holds'})`;
  if (path.startsWith('/_cluster/voting_config_exclusions') && method === 'POST') return 'master-eligible nodes voted out of the cluster (too few left and the cluster has no master)';
  if (/^\/[^_/][^/]*\/_mapping$/.test(path)) return `the mapping of ${path.split('/')[1]} changed (fields and dynamic rules every later write must follow)`;
  if (/\/(_ilm\/policy|_plugins\/_ism\/policies|_opendistro\/_ism\/policies|_index_template|_data_stream\/_lifecycle)\b/.test(path) || /^\/[^_/][^/]*\/_lifecycle$/.test(path)) {
    if (unread || /"delete"|"retention|"data_retention"|"min_age"|"min_index_age"/.test(body)) return unread ? `a lifecycle policy from a file the guard cannot read (${path}: it may delete indices)` : `a lifecycle policy that deletes indices after an age (${path})`;
  }
  if (/^\/[^_/][^/]*\/_(shrink|split|clone)\/[^/]+$/.test(path)) return `${path.split('/')[1]} copied into a new index by _${path.split('/')[2]!.slice(1)} (the source must be read-only meanwhile: writes to it fail)`;
  if (/^\/[^/]+\/_ilm\/remove$/.test(path) || path.startsWith('/_plugins/_ism/remove/')) return 'the lifecycle policy taken off an index (no more rollovers or retention)';
  // Algolia (algolia.com/doc/rest-api/search), Typesense, Meilisearch.
  if (/\/indexes\/[^/]+\/batch$/.test(path) && /"action"\s*:\s*"(clear|delete|deleteObject)"/.test(body)) return 'a batch that clears or deletes index objects';
  if (/\/indexes\/[^/]+\/operation$/.test(path) && /"operation"\s*:\s*"(move|copy)"/.test(body)) return 'an index moved or copied over its destination (the destination is replaced)';
  if (/\/indexes\/[^/]+\/clear$/.test(path)) return 'every object of the index cleared';
  if (/\/collections\/[^/]+$/.test(path) && /"drop"\s*:\s*true/.test(body)) return 'a collection field dropped';
  if (path.endsWith('/swap-indexes')) return 'indexes swapped (each takes the other\'s documents)';
  return undefined;
}
