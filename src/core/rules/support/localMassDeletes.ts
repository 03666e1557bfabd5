import type { Finding, RuleContext } from '../../policy/types';
import type { HttpRequest, RequestUrl } from './httpTargets';
import { queryDestroy } from './storeHosts';

/**
 * Requests to this machine that destroy more than one record (issue #18 item 3, red team rounds 11
 * and 12; the team's decision of stop 30): a DELETE of a collection path with no record id
 * (`DELETE localhost:3000/users`, PostgREST's `?id=gte.0` matching every row), a DELETE of a
 * store-level object whatever the service (a database, a bucket, a realm, a datasource, an index, a
 * schema class: RavenDB, Couchbase, Druid, Keycloak, Grafana, Weaviate), Kong's admin API, a GraphQL
 * mutation that deletes every row (Hasura's `delete_users(where: {})`, `deleteAllUsers`), and the
 * admin endpoints of stores that destroy whatever the method (Prometheus/VictoriaMetrics
 * `delete_series`, Loki's delete API, Webdis `GET /FLUSHALL`, Couchbase's `doFlush`, Solr's admin
 * `action=DELETE`/`UNLOAD&deleteDataDir=true`). They ask, not production. A single record deleted by
 * its id (`DELETE localhost:3000/api/users/5`, `?id=eq.5`) stays routine development.
 */

/** Path segments that only prefix an API (`/api/v1/…`). */
const PREFIX = /^(?:api|rest|_api|v\d+(?:\.\d+)?(?:(?:alpha|beta)\d*)?|admin|json)$/i;
/** Containers whose member is a whole store: deleting one drops everything in it. */
const STORE_NOUNS = new Set([
  'database', 'databases', 'db', 'dbs', 'bucket', 'buckets', 'realm', 'realms', 'datasource', 'datasources', 'data-sources', 'index', 'indexes', 'indices',
  'collection', 'collections', 'schema', 'schemas', 'keyspace', 'keyspaces', 'namespace', 'namespaces', 'table', 'tables', 'topic', 'topics', 'queue', 'queues',
  'vhost', 'vhosts', 'tenant', 'tenants', 'dataset', 'datasets', 'cores', 'graphs', 'spaces', 'keyspaces',
]);
/** Words between a container and its member's value (`/datasources/name/prod`, `/uid/abc`). */
const LOOKUP_KEYS = new Set(['name', 'uid', 'id', 'by-name', 'by-id', 'slug', 'key']);
/** Kong's admin API (docs.konghq.com/gateway/latest/admin-api): its entities are the gateway's whole routing. */
const KONG_PORTS = new Set(['8001', '8444']);
const KONG_ENTITIES = new Set(['services', 'routes', 'consumers', 'plugins', 'upstreams', 'certificates', 'snis', 'targets', 'ca_certificates', 'vaults', 'keys', 'workspaces']);

/** A query that selects one record: `?id=eq.5` (PostgREST), `?id=5`. */
const ONE_RECORD_QUERY = /(?:^|&)(?:\w*id|uuid|key|slug|email)=(?:eq\.)?[^&.()]+(?:&|$)/i;

function singular(noun: string): string {
  if (/^ind(ices|exes)$/.test(noun)) return 'index';
  return /[^s]s$/.test(noun) ? noun.slice(0, -1) : noun;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

/** What a DELETE to this machine destroys beyond one record, or undefined. */
export function localDeleteScope(url: RequestUrl): string | undefined {
  const all = segmentsOf(url.path);
  if (KONG_PORTS.has(url.port) && KONG_ENTITIES.has(all[0] ?? '')) return `the Kong gateway's ${all[0]!.replace(/s$/, '')} ${all[1] ?? '(every one)'}`;
  // A store-level container within the last three segments: `/pools/default/buckets/shop`, `/admin/realms/prod`, `/api/datasources/name/prod`.
  for (let i = all.length - 1; i >= Math.max(0, all.length - 3); i--) {
    const noun = all[i]!.toLowerCase();
    if (!STORE_NOUNS.has(noun)) continue;
    const after = all.slice(i + 1).filter((s) => !LOOKUP_KEYS.has(s.toLowerCase()));
    if (after.length <= 1) return after.length === 0 ? `the ${noun} the request names` : `the ${singular(noun)} ${after[0]}`;
  }
  // A collection with no record id: `/users`, `/api/v1/orders`, `/users?id=gte.0`.
  const rest = all.filter((s) => !PREFIX.test(s));
  const last = rest[rest.length - 1];
  if (last === undefined || rest.length % 2 === 0) return undefined;
  if (!/^[a-z][a-z_-]*[^s]s$/i.test(last)) return undefined;
  if (ONE_RECORD_QUERY.test(url.query)) return undefined;
  return url.query !== '' ? `every ${last} record the filter ${decodeQuery(url.query)} matches` : `every ${last} record`;
}

function decodeQuery(query: string): string {
  try {
    return decodeURIComponent(query).slice(0, 60);
  } catch {
    return query.slice(0, 60);
  }
}

/** GraphQL mutations that delete every row: Hasura's `delete_x(where: {})`, `deleteAllX`, `deleteManyX` without a filter, `truncateX`. */
export function massDeleteMutation(body: string): string | undefined {
  if (!/\bmutation\b|"query"\s*:\s*"\s*\{/.test(body)) return undefined;
  const text = body.replace(/\\"/g, '"').replace(/\\n/g, ' ');
  const hasura = /\b(delete_\w+)\s*\(\s*where\s*:\s*\{\s*\}\s*\)/.exec(text);
  if (hasura) return `${hasura[1]}(where: {}) (every row)`;
  const all = /\b((?:delete|remove|truncate|drop|purge|wipe|reset|clear)_?(?:all|every|many)\w*)\b(\s*\(\s*(?:where|filter)\s*:)?/i.exec(text);
  if (all && all[2] === undefined) return all[1]!;
  return undefined;
}

/** Store admin endpoints that destroy whatever the method and wherever the host. */
export function storeAdminDestroy(url: RequestUrl, method: string): string | undefined {
  const path = url.path;
  const series = /\/api\/v1\/admin\/tsdb\/(delete_series|clean_tombstones)\/?$/.exec(path);
  if (series) return `the TSDB admin ${series[1]} (Prometheus/VictoriaMetrics)`;
  if (/\/loki\/api\/v1\/delete\/?$/.test(path) && method !== 'GET') return "Loki's log deletion request";
  // Webdis maps the first segment to a Redis command (`GET /FLUSHALL`).
  const webdis = /^\/(FLUSHALL|FLUSHDB)(?:\/|\.\w+)?$/i.exec(path);
  if (webdis) return `the Redis command ${webdis[1]!.toUpperCase()} (over Webdis)`;
  if (/\/controller\/doFlush\/?$/.test(path) && method !== 'GET') return 'a Couchbase bucket flush';
  if (/\/admin\//.test(path) || path.startsWith('/solr/')) return queryDestroy(url.query);
  return undefined;
}

/** Findings for a request to this machine (an HTTP pack's request judged local). */
export function localRequestFindings(request: HttpRequest, url: RequestUrl, method: string, ctx: RuleContext): Finding[] {
  const found = storeAdminDestroy(url, method)
    ?? (method === 'DELETE' ? deleteReason(url) : undefined)
    ?? (method === 'POST' ? request.bodies.map((b) => (b.text !== undefined ? massDeleteMutation(b.text) : undefined)).find((m) => m !== undefined) : undefined)?.replace(/^/, 'the GraphQL mutation ');
  if (found === undefined) return [];
  const resolved = ctx.environmentOf({ values: [url.display], sources: [{ source: 'host', value: url.host }], selectors: [], remote: false });
  return [{
    rule: 'http.local-mass-delete',
    risk: 'destructive',
    severity: 'ask',
    reason: `${request.client} sends ${found} to ${url.display} on this machine: more than one record is lost (a single record deleted by its id stays allowed).`,
    targets: [{ kind: 'url', name: url.display, remote: false, environment: resolved.environment, environmentReason: resolved.reason }],
  }];
}

function deleteReason(url: RequestUrl): string | undefined {
  const scope = localDeleteScope(url);
  return scope !== undefined ? `an HTTP DELETE of ${scope}` : undefined;
}
