/**
 * Data stores a request names by its host or its API's path rather than a default port (red team
 * round 11): `http://surreal:8000/sql`, `http://arangodb:8529/_api/cursor`, Vault's `/v1/sys/…`, Weaviate's
 * `/v1/schema`, Chroma's `/api/v1/reset`, MinIO's console `/api/v1/buckets`, TigerGraph's `/gsqlserver/`;
 * the statements of their query languages that destroy (SurrealQL `REMOVE`/`DELETE table`, AQL `REMOVE … IN`,
 * GSQL `DROP ALL`); and admin switches in a query string (`action=UNLOAD&deleteIndex=true`). A Vault on
 * this machine is a development server (red team round 6's decision): its seal, step-down and lease
 * revocations stay allowed there, while a DELETE (an engine unmounted, a secret's metadata removed) asks.
 */

import type { StoreProtocol } from './storeProtocols';

/** A host's first label naming a store (`surreal`, `arangodb-1`, `vault`, `chroma`, `minio`). */
const HOST_STORES: ReadonlyArray<[RegExp, StoreProtocol]> = [
  [/^(surreal(db)?|arango(db)?|tigergraph|tg)$/, 'multimodel'],
  [/^vault$/, 'vault'],
  [/^(weaviate|chroma(db)?|qdrant|milvus|meili(search)?|typesense)$/, 'vector'],
  [/^minio$/, 'objectstore'],
  [/^(solr)$/, 'solr'],
  [/^(elasticsearch|opensearch|elastic)$/, 'elasticsearch'],
  [/^(couchdb|couch)$/, 'couchdb'],
  [/^(clickhouse|ch)$/, 'clickhouse'],
  [/^(influx(db)?)$/, 'influxdb'],
  [/^(neo4j)$/, 'neo4j'],
];

export function storeOfHostName(host: string): StoreProtocol | undefined {
  const label = host.toLowerCase().split(/[.:]/)[0]!.replace(/[-_]?\d+$/, '');
  return HOST_STORES.find(([re]) => re.test(label))?.[1];
}

/** API paths that belong to one store whatever its port. */
const PATH_STORES: ReadonlyArray<[RegExp, StoreProtocol]> = [
  [/^\/v1\/sys\//, 'vault'],
  [/^\/v1\/(schema|objects|batch\/objects)(\/|$)/, 'vector'],
  [/^\/api\/v[12]\/(reset|collections|tenants)(\/|$)/, 'vector'],
  [/^\/api\/v1\/buckets(\/|$)/, 'objectstore'],
  [/^\/_api\/(cursor|collection|database|document|gharial)(\/|$)/, 'multimodel'],
  [/^\/(gsqlserver|restpp)\//, 'multimodel'],
  // SurrealDB's HTTP query endpoint (surrealdb.com/docs/surrealdb/integration/http#sql): its body is SurrealQL.
  [/^\/sql\/?$/, 'multimodel'],
];

export function storeOfApiPath(path: string): StoreProtocol | undefined {
  return PATH_STORES.find(([re]) => re.test(path))?.[1];
}

/** SurrealQL `REMOVE TABLE x` / `DELETE user` (every record), AQL `REMOVE u IN users`, GSQL `DROP ALL` / `CLEAR GRAPH STORE`. */
export function multiModelDestroy(text: string): string | undefined {
  const surreal = /\bREMOVE\s+(NAMESPACE|NS|DATABASE|DB|TABLE|FIELD|INDEX|USER|ACCESS|EVENT|FUNCTION|PARAM|ANALYZER)\s+[\w`"'-]+/i.exec(text);
  if (surreal) return `SurrealQL ${surreal[0].replace(/\s+/g, ' ')}`;
  const aql = /\bREMOVE\s+[\w.`{}:"' ,-]{1,80}?\s+IN\s+[\w-]+/i.exec(text);
  if (aql) return `an AQL ${aql[0].replace(/\s+/g, ' ').slice(0, 80)}`;
  const gsql = /\b(DROP\s+(ALL|GRAPH|VERTEX|EDGE|JOB|QUERY)\b[^\n;]*|CLEAR\s+GRAPH\s+STORE)/i.exec(text);
  if (gsql) return `GSQL ${gsql[0].trim().slice(0, 60)}`;
  const surrealDelete = /^\s*DELETE\s+(?!FROM\b)([\w`-]+)\s*(;|$)/im.exec(text);
  if (surrealDelete) return `SurrealQL DELETE ${surrealDelete[1]} (every record)`;
  return undefined;
}

/** Admin switches in a query string that destroy: `action=UNLOAD&deleteIndex=true`, `purge=true`, `action=DELETE`. */
export function queryDestroy(query: string): string | undefined {
  const params = query.replace(/^\?/, '').split('&').map((p) => p.split('=').map((x) => x.toLowerCase()));
  const on = params.find(([k, v]) => /^(delete|purge|drop|wipe|truncate)[a-z_]*$/.test(k ?? '') && /^(true|1|yes|on)$/.test(v ?? ''));
  const action = params.find(([k, v]) => k === 'action' && /^(delete|unload|drop|purge|clear|reset|truncate)$/.test(v ?? ''));
  if (!on && !action) return undefined;
  return `an admin request with ${[action, on].filter((p) => p !== undefined).map((p) => p!.join('=')).join('&')}`;
}
