import { isLocalHost } from '../../policy/production';

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
export function searchBodyDestroy(method: string, path: string, bodies: readonly string[], host?: string): string | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  const body = bodies.join('\n');
  if (/\/_update_by_query\b/.test(path) && !/"query"\s*:/.test(body) && !/[?&]q=/.test(path)) return `a ${method} to ${path} with no query (every document is rewritten)`;
  if (/\/_aliases\b/.test(path) && /"remove_index"\s*:/.test(body)) return `a ${method} to ${path} with remove_index (the index is deleted)`;
  if (/\/_(ilm|lifecycle)\/policy\b|\/_index_template\b/.test(path) && /"delete"\s*:\s*\{[^}]*"min_age"\s*:\s*"0/.test(body.replace(/\s+/g, ' ')) ) return `a lifecycle policy that deletes at once (${path})`;
  if (/"delete"\s*:\s*\{\s*"min_age"\s*:\s*"0[a-z]*"/.test(body.replace(/\s+/g, ''))) return `a lifecycle policy that deletes at once (${path})`;
  // On a server elsewhere (a local one is the developer's own): an index closed (no reads or writes until reopened), writes blocked, or a lifecycle policy (not read here) attached.
  if (host === undefined || !isLocalHost(host.replace(/:\d+$/, ''))) {
    if (/\/_close\/?$/.test(path)) return `a ${method} to ${path} (the index is closed: every read and write fails until it is opened again)`;
    const flat = /\/_settings\/?$/.test(path) ? body.replace(/\s+/g, '') : '';
    if (/"?(index\.)?blocks\.(write|read_only|read_only_allow_delete|read)"?:"?true/.test(flat)) return `a ${method} to ${path} that blocks writes to the index`;
    if (/"?(index\.)?lifecycle\.name"?:/.test(flat) || /"lifecycle":\{"name":/.test(flat)) return `a ${method} to ${path} that attaches a lifecycle policy (its delete phase, not read here, may delete the index)`;
  }
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

/**
 * Vault's system API (developer.hashicorp.com/vault/api-docs/system): sealing stops every secret from
 * being served until key holders unseal it; stepping down, revoking every lease under a prefix,
 * removing a raft peer or forcing a snapshot restore take the service or its secrets away.
 */
const VAULT_SYSTEM: ReadonlyArray<[RegExp, string]> = [
  [/^\/v1\/sys\/seal\/?$/, 'seals Vault (no secret is served until key holders unseal it)'],
  [/^\/v1\/sys\/step-down\/?$/, 'makes the active Vault node step down'],
  [/^\/v1\/sys\/(leases\/)?revoke-(prefix|force)\//, 'revokes every lease under a prefix (the credentials they hold stop working)'],
  [/^\/v1\/sys\/storage\/raft\/(remove-peer|snapshot-force)\/?$/, 'removes a raft peer or restores a snapshot over the cluster'],
  [/^\/v1\/sys\/(generate-root|rekey)\/(attempt|init)\/?$/, 'starts minting a new root token or new unseal keys'],
  // Spring Boot Actuator's shutdown endpoint stops the application (docs.spring.io/spring-boot/api/rest/actuator/shutdown.html).
  [/\/actuator\/(shutdown|restart|pause)\/?$/, 'stops the application (Spring Boot Actuator)'],
];

export function vaultSystemChange(method: string, path: string): string | undefined {
  if (method !== 'POST' && method !== 'PUT') return undefined;
  const hit = VAULT_SYSTEM.find(([re]) => re.test(path));
  return hit ? `a ${method} to ${path} that ${hit[1]}` : undefined;
}

/**
 * Accounts of a store changed through its HTTP API: an Elasticsearch or OpenSearch user with an
 * administrator role, a password changed or a user disabled (everyone using it is locked out), a
 * RabbitMQ management user tagged administrator or given every permission. On this machine the HTTP
 * pack never gets here (a local server is the developer's own); elsewhere it asks.
 */
export function storeAccountChange(method: string, path: string, bodies: readonly string[]): string | undefined {
  if (method !== 'PUT' && method !== 'POST') return undefined;
  const body = bodies.join('\n');
  const admin = /"(superuser|all_access|security_manager|administrator|kibana_admin)"|"tags"\s*:\s*"[^"]*administrator/.test(body);
  if (/\/_security\/user\/[^/]+\/(_password|_disable)\/?$/.test(path) || /\/_plugins\/_security\/api\/account\/?$/.test(path)) return `a ${method} to ${path} (a password changed or a user disabled: everyone signing in as it is locked out)`;
  if ((/\/_security\/user\/[^/]+\/?$/.test(path) || /\/_plugins\/_security\/api\/internalusers\/[^/]+\/?$/.test(path) || /^\/api\/users\/[^/]+\/?$/.test(path)) && admin) return `a ${method} to ${path} that makes an administrator account`;
  if (/^\/api\/permissions\/[^/]+\/[^/]+\/?$/.test(path) && /"configure"\s*:\s*"\.\*"/.test(body)) return `a ${method} to ${path} that gives a user every permission on the virtual host`;
  return undefined;
}
