/**
 * Client libraries of data stores, queues, search and vector stores, secret stores and SaaS APIs in
 * interpreter code (issue #18 item 3, red team rounds 11 and 12): one table keyed by the name the code
 * imports (`import etcd3`, `require("firebase-admin")`, `npm:redis`, Ruby's `require 'bunny'`, PHP's
 * `Predis\Client`) saying what kind of store the library reaches and whether it is a hosted service,
 * and one reader of the methods the code calls, by their words (the verb floor applied to method
 * names): `delete_prefix`, `queue_purge`, `disable_secrets_engine`, `recursiveDelete`, `deleteMany({})`.
 *
 * A call that empties or removes a whole store-level object (a collection, an index, a bucket, a queue,
 * a key prefix, an engine, every record) is a mass call; `delete('key')`, `delete_one`, `.doc(x).delete()`
 * remove one record, which on this machine is routine development (like `curl -X DELETE
 * localhost:3000/api/users/5`) and elsewhere asks. Where the client points comes from the code's
 * literals (a host, a URL, `connect_to_local`); a client with no address is configured at run time.
 * SQL handed to a database library (`client.command("DROP TABLE …")`, a Neon tagged template) is read by
 * the SQL scanner.
 */

import { isLocalValue } from '../../policy/production';
import { identifierParts } from './cliArgs';
import { scanSql } from './sqlScan';
import { DESTROY_SEGMENT_WORDS } from './storeEndpoints';

export type StoreKind = 'database' | 'key-value store' | 'secret store' | 'vector store' | 'search index' | 'queue' | 'object store' | 'SaaS account' | 'cloud account';

export interface ClientLibrary {
  /** The name a reader knows it by: 'etcd', 'Stripe', 'RabbitMQ (pika)'. */
  label: string;
  kind: StoreKind;
  /** A hosted service: the client reaches another machine whatever its arguments say. */
  hosted?: boolean;
  /** Bare methods (no noun) that empty the whole store on this library's objects: Chroma's `reset()`. */
  bare?: readonly string[];
}

const lib = (label: string, kind: StoreKind, extra: Partial<ClientLibrary> = {}): ClientLibrary => ({ label, kind, ...extra });

/** Import names, exactly as code spells them (Python modules, npm packages, Ruby gems), to their store. */
const LIBRARIES: Readonly<Record<string, ClientLibrary>> = {
  // Databases whose SQL or admin calls the driver runs.
  clickhouse_connect: lib('ClickHouse', 'database'), clickhouse_driver: lib('ClickHouse', 'database'), '@clickhouse/client': lib('ClickHouse', 'database'),
  '@neondatabase/serverless': lib('Neon', 'database', { hosted: true }), '@vercel/postgres': lib('Vercel Postgres', 'database', { hosted: true }),
  '@planetscale/database': lib('PlanetScale', 'database', { hosted: true }), postgres: lib('PostgreSQL (postgres.js)', 'database'), '@libsql/client': lib('libSQL/Turso', 'database'),
  cassandra: lib('Cassandra', 'database'), 'cassandra-driver': lib('Cassandra', 'database'), neo4j: lib('Neo4j', 'database'), 'neo4j-driver': lib('Neo4j', 'database'),
  influxdb_client: lib('InfluxDB', 'database'), '@influxdata/influxdb-client': lib('InfluxDB', 'database'),
  pymongo: lib('MongoDB', 'database'), motor: lib('MongoDB', 'database'), mongodb: lib('MongoDB', 'database'), mongoose: lib('MongoDB (mongoose)', 'database'), mongo: lib('MongoDB', 'database'),
  'snowflake.connector': lib('Snowflake', 'database', { hosted: true }), 'databricks.sql': lib('Databricks SQL', 'database', { hosted: true }),
  // Key-value and secret stores.
  etcd3: lib('etcd', 'key-value store'), etcd: lib('etcd', 'key-value store'), consul: lib('Consul', 'key-value store'),
  redis: lib('Redis', 'key-value store'), valkey: lib('Valkey', 'key-value store'), ioredis: lib('Redis (ioredis)', 'key-value store'),
  upstash_redis: lib('Upstash Redis', 'key-value store', { hosted: true }), '@upstash/redis': lib('Upstash Redis', 'key-value store', { hosted: true }),
  pymemcache: lib('memcached', 'key-value store'), memcache: lib('memcached', 'key-value store'),
  hvac: lib('Vault (hvac)', 'secret store'), 'node-vault': lib('Vault', 'secret store'),
  // Vector and search stores.
  weaviate: lib('Weaviate', 'vector store'), 'weaviate-client': lib('Weaviate', 'vector store'), 'weaviate-ts-client': lib('Weaviate', 'vector store'),
  chromadb: lib('Chroma', 'vector store', { bare: ['reset'] }), qdrant_client: lib('Qdrant', 'vector store'), '@qdrant/js-client-rest': lib('Qdrant', 'vector store'),
  pinecone: lib('Pinecone', 'vector store', { hosted: true }), '@pinecone-database/pinecone': lib('Pinecone', 'vector store', { hosted: true }),
  pymilvus: lib('Milvus', 'vector store'), '@zilliz/milvus2-sdk-node': lib('Milvus', 'vector store'), lancedb: lib('LanceDB', 'vector store'),
  algoliasearch: lib('Algolia', 'search index', { hosted: true }), meilisearch: lib('Meilisearch', 'search index'), typesense: lib('Typesense', 'search index'),
  elasticsearch: lib('Elasticsearch', 'search index'), '@elastic/elasticsearch': lib('Elasticsearch', 'search index'), opensearchpy: lib('OpenSearch', 'search index'),
  '@opensearch-project/opensearch': lib('OpenSearch', 'search index'), pysolr: lib('Solr', 'search index'),
  // Queues and brokers.
  pika: lib('RabbitMQ (pika)', 'queue'), aio_pika: lib('RabbitMQ (aio-pika)', 'queue'), kombu: lib('Kombu', 'queue'), amqplib: lib('RabbitMQ (amqplib)', 'queue'),
  bunny: lib('RabbitMQ (bunny)', 'queue'), kafka: lib('Kafka', 'queue'), confluent_kafka: lib('Kafka', 'queue'), kafkajs: lib('Kafka', 'queue'),
  nats: lib('NATS', 'queue'), pulsar: lib('Pulsar', 'queue'), bullmq: lib('BullMQ', 'queue'), bull: lib('Bull', 'queue'), rq: lib('RQ', 'queue'),
  // Object stores and SaaS data.
  minio: lib('MinIO', 'object store'),
  stripe: lib('Stripe', 'SaaS account', { hosted: true }),
  firebase_admin: lib('Firebase (firebase-admin)', 'SaaS account', { hosted: true }), 'firebase-admin': lib('Firebase (firebase-admin)', 'SaaS account', { hosted: true }),
  firebase: lib('Firebase', 'SaaS account', { hosted: true }), supabase: lib('Supabase', 'SaaS account', { hosted: true }), '@supabase/supabase-js': lib('Supabase', 'SaaS account', { hosted: true }),
  boto3: lib('AWS (boto3)', 'cloud account', { hosted: true }), 'aws-sdk': lib('AWS SDK', 'cloud account', { hosted: true }),
};

/** Families named by a prefix: `google.cloud.storage`, `@google-cloud/pubsub`, `azure.storage.blob`, `@aws-sdk/client-s3`, `aws-sdk-s3`. */
const PREFIXES: ReadonlyArray<[string, ClientLibrary]> = [
  ['google.cloud.', lib('Google Cloud', 'cloud account', { hosted: true })], ['@google-cloud/', lib('Google Cloud', 'cloud account', { hosted: true })],
  ['google-cloud-', lib('Google Cloud', 'cloud account', { hosted: true })], ['azure.', lib('Azure', 'cloud account', { hosted: true })],
  ['@azure/', lib('Azure', 'cloud account', { hosted: true })], ['@aws-sdk/', lib('AWS SDK', 'cloud account', { hosted: true })], ['aws-sdk-', lib('AWS SDK', 'cloud account', { hosted: true })],
];

/** Classes and namespaces that name a library without an import (Ruby's `-r` loads it, PHP autoloads it). */
const NAMESPACES: ReadonlyArray<[RegExp, string]> = [
  [/\bRedis\.new\b|\bnew\s+\\?(?:Predis\\Client|Redis)\s*\(/, 'redis'], [/\bMongo::Client\b|\bnew\s+\\?MongoDB\\Client\b/, 'mongo'],
  [/\bStripe(?:::|\\)\w/, 'stripe'], [/\bBunny\.new\b|\\?PhpAmqpLib\\/, 'bunny'], [/\bElasticsearch::Client\b|\\?Elastic\\Elasticsearch\\/, 'elasticsearch'],
  [/\bAlgolia\\/, 'algoliasearch'], [/\bAws(?:::|\\)\w/, 'aws-sdk'], [/\bGoogle(?:::|\\)Cloud\b/, 'google-cloud-'],
];

export function libraryOf(name: string): ClientLibrary | undefined {
  const bare = name.replace(/^(?:npm|jsr|node):/, '').replace(/^(@[^/@]+\/[^/@]+|[^/@]+)(?:@[^/]*)?(?:\/.*)?$/, '$1');
  if (Object.prototype.hasOwnProperty.call(LIBRARIES, name)) return LIBRARIES[name];
  if (Object.prototype.hasOwnProperty.call(LIBRARIES, bare)) return LIBRARIES[bare];
  // A dotted Python module: `google.cloud.firestore_v1` → its longest listed parent.
  const parts = name.split('.');
  for (let n = parts.length - 1; n >= 1; n--) {
    const parent = parts.slice(0, n).join('.');
    if (Object.prototype.hasOwnProperty.call(LIBRARIES, parent)) return LIBRARIES[parent];
  }
  return PREFIXES.find(([p]) => name.startsWith(p) || bare.startsWith(p))?.[1];
}

/** Names the code imports: `import a.b, c`, `from a.b import x`, `require("x")`, `import … from "x"`, `import("x")`, `require 'x'`, `use A\B`. */
export function importedNames(code: string, extra: readonly string[] = []): string[] {
  const out = new Set<string>(extra);
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  for (const m of text.matchAll(/(?:^|[;\n]|\bthen\b)\s*import\s+([\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+(?:\s+as\s+\w+)?)*)/g)) {
    for (const item of m[1]!.split(',')) out.add(item.trim().split(/\s+/)[0]!);
  }
  for (const m of text.matchAll(/(?:^|[;\n])\s*from\s+([\w.]+)\s+import\s+([\w, ]+)/g)) {
    out.add(m[1]!);
    for (const item of m[2]!.split(',')) out.add(`${m[1]}.${item.trim().split(/\s+/)[0]}`);
  }
  for (const m of text.matchAll(/\b(?:require|import|require_once|include)\s*\(?\s*["'`]([^"'`\s]{1,100})["'`]/g)) out.add(m[1]!);
  for (const m of text.matchAll(/\bfrom\s+["']([^"'\s]{1,100})["']/g)) out.add(m[1]!);
  for (const [re, name] of NAMESPACES) if (re.test(text)) out.add(name);
  return [...out];
}

/** The store libraries code loads (deduplicated by label). */
export function clientLibraries(code: string, extra: readonly string[] = []): ClientLibrary[] {
  const seen = new Map<string, ClientLibrary>();
  for (const name of importedNames(code, extra)) {
    const found = libraryOf(name);
    if (found && !seen.has(found.label)) seen.set(found.label, found);
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// The method-verb reader

/** The destroying words of request paths (`storeEndpoints.ts`), with the ones only method names use. */
const VERBS: ReadonlySet<string> = new Set([...DESTROY_SEGMENT_WORDS, 'flushall', 'flushdb', 'empty', 'unlink', 'del', 'unmount', 'disable', 'obliterate', 'expunge', 'rmdir']);
/** Verbs that act on a whole store-level object by themselves (`coll.drop()`, `queue_purge`, `flushall`). */
const MASS_VERBS = new Set(['drop', 'purge', 'truncate', 'flush', 'flushall', 'flushdb', 'wipe', 'erase', 'empty', 'unmount', 'obliterate', 'expunge']);
/** Nouns in a method's name that make it store-level or every-record: `delete_collection`, `delete_all`, `deleteMany`, `delete_prefix`. */
const MASS_NOUNS = new Set([
  'all', 'many', 'everything', 'collection', 'collections', 'index', 'indexes', 'indices', 'database', 'databases', 'db', 'table', 'tables', 'bucket', 'buckets',
  'queue', 'queues', 'topic', 'topics', 'prefix', 'range', 'keyspace', 'namespace', 'schema', 'store', 'engine', 'engines', 'metadata', 'versions', 'tenant', 'tenants',
  'class', 'objects', 'documents', 'keys', 'exchange', 'stream', 'streams', 'graph', 'space', 'realm', 'dataset', 'datasets', 'series', 'measurement', 'retention',
  'recursive', 'auth', 'audit', 'secrets', 'vhost', 'container', 'blobs', 'vectors', 'points', 'records', 'entries', 'subscription', 'subscriptions',
]);
/** Nouns that say one record: `delete_one`, `delete_document`, `removeItem`. */
const ONE_NOUNS = new Set(['one', 'item', 'object', 'document', 'doc', 'key', 'record', 'row', 'message', 'file', 'entry', 'point', 'vector', 'by', 'id', 'field', 'member', 'user', 'version', 'blob', 'listener', 'handler', 'event', 'cookie', 'header', 'attribute', 'tag']);

/** Nouns of in-process housekeeping, never the store's data: `removeAllListeners`, `clearTimeout`, `resetMocks`. */
const HOUSEKEEPING = new Set(['listener', 'listeners', 'handler', 'handlers', 'timeout', 'timeouts', 'interval', 'intervals', 'timer', 'timers', 'header', 'headers', 'cookie', 'cookies', 'option', 'options', 'error', 'errors', 'warning', 'warnings', 'mock', 'mocks', 'callback', 'callbacks', 'watcher', 'watchers', 'hook', 'hooks', 'middleware', 'screen', 'line', 'buffer', 'cache', 'password', 'token', 'temp', 'tmp', 'local', 'file', 'files', 'dir', 'directory']);
/** Receivers that are the language's own (files, collections in memory, the page): `os.remove`, `Path(x).unlink()`, `fs.rmdir`. */
const OWN_RECEIVER = /(?:^|[^\w.])(?:os|os\.path|shutil|fs|fsp|fs\.promises|path|pathlib|tempfile|glob|sys\.modules|console|Object|Array|Reflect|localStorage|sessionStorage|document|window|process|self\.\w+|Path\([^()]*\)|\[[^\]]*\]|new\s+(?:Map|Set)\([^()]*\))\s*$/;

export interface MethodCall {
  /** The call as written for reasons: `delete_prefix("/")`. */
  text: string;
  method: string;
  /** A whole store-level object or every record, rather than one record. */
  mass: boolean;
}

/** Arguments that widen a delete to everything: `recurse=True`, `prefix: true`, `delete_all=True`, an empty filter `{}`. */
const MASS_ARGUMENTS = /\b(?:recurse|recursive|prefix|delete_?all|deleteAll|all|force_?delete_?all)\s*[=:]\s*(?:True|true|1)\b|^\s*(?:\{\s*\}|filter\s*=\s*\{\s*\}|where\s*[=:]\s*\{\s*\})\s*$/;
/** Arguments that name the records: `ids=[…]`, `id: 5`, `where={"id": 5}`. */
const RECORD_ARGUMENTS = /\b(?:ids?|keys?|uuids?|document_?ids?|object_?ids?|names?)\s*[=:]/;
/** A receiver that is itself a store-level object: `.collections.delete("Article")`, `.index("x").delete()`, `.table("users").delete()`. */
const STORE_RECEIVER = /(?:\.|\b)(?:collections|indices|indexes|buckets|tables|schemas|queues|topics|databases|streams)\s*(?:\[[^\]]{0,80}\])?\s*\.?$|(?:\.|\b)(?:collections?|indexes|indices|index|init_index|initIndex|Index|buckets?|Bucket|tables?|from|queues?|topics?|databases?)\s*\([^()]{0,80}\)\s*\.?$/;
/** After a PostgREST-style `.delete()`: a filter that names one record (`.eq("id", 5)`, `.match({…})`). */
const ONE_FILTER = /^\s*\.\s*(?:eq|match|in_|is_)\s*\(/;

/** The call's argument text (to the matching parenthesis, bounded). */
function argumentsAt(code: string, open: number): string {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 400; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  return code.slice(open + 1, open + 400);
}

/** Destroying method calls of the code, mass calls first. */
export function destroyingCalls(code: string, library: ClientLibrary): MethodCall[] {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  const out: MethodCall[] = [];
  for (const m of text.matchAll(/(?:\.|->|::)\s*([A-Za-z_$][\w$]*!?)\s*(\(|`|(?=[\s;)\]}]|$))/g)) {
    const method = m[1]!.replace(/!$/, '');
    const parts = identifierParts(method);
    const verb = parts.find((p) => VERBS.has(p) || p.startsWith('flush'));
    if (verb === undefined) continue;
    // A call without parentheses only counts in Ruby's style (`redis.flushall`), never an attribute read (`x.deleted`).
    const index = m.index ?? 0;
    const open = m[2] === '(' ? index + m[0].length - 1 : -1;
    const args = open >= 0 ? argumentsAt(text, open) : '';
    const nouns = parts.filter((p) => p !== verb);
    const bare = nouns.length === 0;
    // `disable` destroys only a store-level thing (an engine, an auth method); `clear`/`reset` bare only where the library says so.
    if (verb === 'disable' && !nouns.some((n) => MASS_NOUNS.has(n))) continue;
    if ((verb === 'clear' || verb === 'reset') && bare && !library.bare?.includes(verb)) continue;
    if (nouns.some((n) => HOUSEKEEPING.has(n))) continue;
    const receiver = text.slice(Math.max(0, index - 120), index);
    if (OWN_RECEIVER.test(receiver)) continue;
    // A bare verb handed options that are not the store's (`df.drop(columns=["a"])`, `drop("col", axis=1)`) is a data frame's or a list's.
    if (bare && /\b(?:columns|axis|labels|inplace|errors)\s*=/.test(args)) continue;
    let mass = nouns.some((n) => MASS_NOUNS.has(n)) && !nouns.some((n) => ONE_NOUNS.has(n) && n !== 'by') || (bare && (MASS_VERBS.has(verb) || library.bare?.includes(verb) === true)) || verb.startsWith('flush') || MASS_ARGUMENTS.test(args);
    // `delete_many({"user": 5})` is scoped by its filter: one user's records, like a single delete (an empty filter is every record).
    if (mass && nouns.includes('many') && nouns.every((n) => n === 'many' || !MASS_NOUNS.has(n)) && args.trim() !== '' && !MASS_ARGUMENTS.test(args)) mass = false;
    if (!mass && bare && (verb === 'delete' || verb === 'remove' || verb === 'destroy') && STORE_RECEIVER.test(receiver) && !RECORD_ARGUMENTS.test(args)) {
      // `.table("users").delete()` with no filter naming one record deletes every row (PostgREST, Supabase).
      mass = !ONE_FILTER.test(text.slice(index + m[0].length + args.length + 1, index + m[0].length + args.length + 120));
    }
    if (!mass && nouns.some((n) => ONE_NOUNS.has(n)) && nouns.some((n) => MASS_NOUNS.has(n)) && /many|all/.test(nouns.join(' '))) mass = true;
    out.push({ text: `${method}(${args.length > 40 ? `${args.slice(0, 37)}…` : args})`, method, mass });
    if (out.length >= 20) break;
  }
  return out.sort((a, b) => Number(b.mass) - Number(a.mass));
}

/** Destroying SQL in the string literals of code that loads a database library (`client.command("DROP TABLE events")`, a tagged template). */
export function destroyingSql(code: string): string | undefined {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  for (const m of text.matchAll(/`((?:[^`\\]|\\.){4,2000})`|"((?:[^"\\\n]|\\.){4,2000})"|'((?:[^'\\\n]|\\.){4,2000})'/g)) {
    const sql = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\$\{[^}]*\}/g, '$1');
    if (!/\b(drop|truncate|delete|alter|detach|remove)\b/i.test(sql)) continue;
    const hit = scanSql(sql).find((s) => s.effect === 'destroy');
    if (hit) return hit.summary;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Where the client points

export type ClientPlace = { where: 'local' | 'remote' | 'unset'; values: string[] };

/** Constructors that only ever reach this machine or memory. */
const LOCAL_CLIENTS = /\bconnect_to_(?:local|embedded)\s*\(|\bEphemeralClient\s*\(|\bPersistentClient\s*\(|:memory:|\bmongodb-memory-server\b|\bmongomock\b|\bfakeredis\b|\bmoto\b|\blocalstack\b/;

/** The endpoints the code's string literals name (URLs, `localhost`, addresses, host names that are no file or library), at most six. */
export function literalEndpoints(code: string): string[] {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  const hosts: string[] = [];
  for (const m of text.matchAll(/["'`]([^"'`\s]{3,200})["'`]/g)) {
    const v = m[1]!;
    if (/^[a-z][\w+.-]*:\/\/[^/\s]/i.test(v) || /^(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\])(?::\d+)?$/i.test(v) || /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?$/i.test(v) && !/\.(?:py|js|json|ya?ml|txt|csv|sql|md|ts|rb|php)$/i.test(v) && !libraryOf(v)) hosts.push(v);
    if (hosts.length >= 6) break;
  }
  return hosts;
}

/** The hosts and URLs the code's literals name (`"ch.prod"`, `"amqp://mq.prod"`, `"localhost:9000"`) and what they say of the client. */
export function clientPlace(code: string, library: ClientLibrary): ClientPlace {
  const text = code.length > 100_000 ? code.slice(0, 100_000) : code;
  const hosts = literalEndpoints(text);
  const remote = hosts.filter((h) => !isLocalValue(h));
  if (remote.length > 0) return { where: 'remote', values: remote };
  if (hosts.length > 0 || LOCAL_CLIENTS.test(text)) return { where: 'local', values: hosts };
  return { where: library.hosted ? 'remote' : 'unset', values: [] };
}
