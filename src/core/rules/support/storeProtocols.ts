import { ownTable } from '../../ownTable';
import { backupCatalogueDelete } from './backupCatalogue';
import { safetyNetSql, upsertSql } from './quietOverwrites';
import { redisAdminLine, scanMongo, scanSql } from './sqlScan';
import { multiModelDestroy } from './storeHosts';

/**
 * The destroying words of data stores, by protocol: statements (SQL and its cousins: CQL, InfluxQL,
 * ClickHouse's `ALTER TABLE … DELETE`, Cypher's `DETACH DELETE`) and the line commands of key-value
 * stores (Redis, memcached). Used wherever such text travels: a client the registry does not know, a
 * raw socket (`nc`, `socat`, `telnet`, `openssl s_client`, `/dev/tcp`), an HTTP body, a program's string.
 * Which store a generic client reaches comes from its port or URL scheme.
 */

export type StoreProtocol =
  | 'redis' | 'memcached' | 'sql' | 'mongodb' | 'cassandra' | 'kafka' | 'zookeeper' | 'etcd' | 'consul'
  | 'elasticsearch' | 'solr' | 'couchdb' | 'influxdb' | 'clickhouse' | 'rabbitmq' | 'neo4j' | 'vector' | 'nats'
  | 'vault' | 'multimodel' | 'objectstore';

export interface StoreInfo {
  protocol: StoreProtocol;
  /** How a reader knows it: 'Redis', 'Elasticsearch/OpenSearch'. */
  label: string;
}

const STORE: Readonly<Record<StoreProtocol, string>> = {
  redis: 'Redis', memcached: 'memcached', sql: 'SQL database', mongodb: 'MongoDB', cassandra: 'Cassandra', kafka: 'Kafka',
  zookeeper: 'ZooKeeper', etcd: 'etcd', consul: 'Consul', elasticsearch: 'Elasticsearch/OpenSearch', solr: 'Solr', couchdb: 'CouchDB',
  influxdb: 'InfluxDB', clickhouse: 'ClickHouse', rabbitmq: 'RabbitMQ', neo4j: 'Neo4j', vector: 'vector database', nats: 'NATS',
  vault: 'Vault', multimodel: 'multi-model database (SurrealDB, ArangoDB, TigerGraph)', objectstore: 'object store',
};

/** Default ports of data stores (from each store's documentation). */
const PORTS: Readonly<Record<number, StoreProtocol>> = {
  6379: 'redis', 6380: 'redis', 16379: 'redis', 26379: 'redis',
  11211: 'memcached',
  5432: 'sql', 3306: 'sql', 1433: 'sql', 1521: 'sql', 26257: 'sql', 5433: 'sql', 4000: 'sql', 9030: 'sql',
  27017: 'mongodb', 27018: 'mongodb', 27019: 'mongodb',
  9042: 'cassandra', 9160: 'cassandra',
  9092: 'kafka', 9093: 'kafka', 8082: 'kafka',
  2181: 'zookeeper',
  2379: 'etcd',
  8500: 'consul',
  9200: 'elasticsearch', 9243: 'elasticsearch',
  8983: 'solr',
  5984: 'couchdb',
  8086: 'influxdb',
  8123: 'clickhouse', 9000: 'clickhouse', 8443: 'clickhouse',
  5672: 'rabbitmq', 15672: 'rabbitmq',
  7474: 'neo4j', 7687: 'neo4j',
  6333: 'vector', 6334: 'vector', 19530: 'vector', 7700: 'vector', 8108: 'vector',
  4222: 'nats',
  8200: 'vault',
  8529: 'multimodel', 14240: 'multimodel',
};

const SCHEMES: Readonly<Record<string, StoreProtocol>> = ownTable({
  redis: 'redis', rediss: 'redis', valkey: 'redis', memcached: 'memcached',
  postgres: 'sql', postgresql: 'sql', mysql: 'sql', mariadb: 'sql', sqlserver: 'sql', cockroachdb: 'sql', clickhouse: 'clickhouse',
  mongodb: 'mongodb', 'mongodb+srv': 'mongodb', cassandra: 'cassandra', kafka: 'kafka', zk: 'zookeeper', etcd: 'etcd',
  amqp: 'rabbitmq', amqps: 'rabbitmq', bolt: 'neo4j', 'bolt+s': 'neo4j', neo4j: 'neo4j', 'neo4j+s': 'neo4j', nats: 'nats',
});

export function storeInfo(protocol: StoreProtocol): StoreInfo {
  return { protocol, label: STORE[protocol] };
}

export function storeOfPort(port: number): StoreInfo | undefined {
  const protocol = PORTS[port];
  return protocol ? storeInfo(protocol) : undefined;
}

/**
 * Ports where the store speaks only its own binary protocol, never HTTP (PostgreSQL, MySQL/TiDB, SQL Server,
 * Oracle, CockroachDB's SQL port, MongoDB, Cassandra, Kafka, ZooKeeper, Neo4j's Bolt, NATS, AMQP): an `http://`
 * request to one is not that store's API (port 4000 is TiDB's, and also Phoenix's and Apollo's dev servers).
 */
const BINARY_ONLY = new Set([5432, 5433, 3306, 4000, 9030, 1433, 1521, 26257, 27017, 27018, 27019, 9042, 9160, 9092, 9093, 2181, 7687, 4222, 5672]);

/** The store an `http(s)://` URL's port names, when that store answers HTTP there. */
export function storeOfHttpPort(port: number): StoreInfo | undefined {
  return BINARY_ONLY.has(port) ? undefined : storeOfPort(port);
}

export function storeOfScheme(scheme: string): StoreInfo | undefined {
  const protocol = SCHEMES[scheme.toLowerCase()];
  return protocol ? storeInfo(protocol) : undefined;
}

/** Backslash escapes as printf and `echo -e` turn them into characters (`\r\n`, `\x46`, `\0106`). */
export function unescapePrintf(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|0?[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    switch (e) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case '\\': return '\\';
      default: return e;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Statements

/** Does a text read as a statement of a query language (leading keyword), rather than prose? */
function statementLike(text: string): boolean {
  return /^\s*(select|insert|update|delete|drop|truncate|alter|create|with|merge|replace|match|optional|call|detach|unwind|show|describe|use|execute|exec|begin|declare|purge|reset|copy|attach|pragma|install|load)\b/i.test(text);
}

/** The destroying keywords with their grammar, so prose ("delete the old importer") is not a statement. */
function sqlShaped(s: string): boolean {
  if (/^delete\b/i.test(s)) return /^delete\s+(?:[\w.`"$-]+\s+)?from\s/i.test(s);
  // `DROP ALL` (TigerGraph: every graph, schema and query), H2's `DROP ALL OBJECTS`: the whole statement empties the store.
  if (/^drop\s+(all|everything)\b/i.test(s)) return /^drop\s+(?:all|everything)(?:\s+(?:objects|tables|data|graphs?|schemas?|queries|jobs|users|databases|keyspaces|collections))?(?:\s+delete\s+files)?\s*;?\s*$/i.test(s);
  if (/^drop\b/i.test(s)) return /^drop\s+(database|schema|table|view|materialized\s+view|index|sequence|type|function|procedure|trigger|collection|user|role|owned\s+by|extension|keyspace|tablespace|measurement|series|retention\s+policy|continuous\s+query|dictionary|constraint|graph|stream|topic|db|bucket|space|namespace|backup|store)\b/i.test(s);
  if (/^truncate\b/i.test(s)) return /^truncate\s+(?:table\s+)?(?:only\s+)?(?:if\s+exists\s+)?[\w.`"$-]+(?:\s*,\s*[\w.`"$-]+)*(?:\s+(?:on\s+cluster\s+\S+|cascade|restrict|restart\s+identity|continue\s+identity|sync))*\s*$/i.test(s);
  return true;
}

/**
 * What a statement destroys, in a few words: `DROP TABLE x`, `TRUNCATE x`, `DELETE FROM x`,
 * `ALTER TABLE x DELETE`, `MATCH … DETACH DELETE`. Scoped deletes count: through a client the guard
 * does not know, deleting rows is deleting data. undefined when nothing is destroyed.
 */
export function destructiveStatement(text: string): string | undefined {
  const catalogue = backupCatalogueDelete(text);
  if (catalogue !== undefined) return catalogue;
  if (text.length > 200_000 || !statementLike(text.replace(/^\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*/g, ''))) return undefined;
  for (const statement of scanSql(text)) {
    const s = statement.text;
    if (!sqlShaped(s)) continue;
    if (statement.effect === 'destroy') return statement.summary;
    if (/^delete\b/i.test(s)) return statement.summary.replace(/ WHERE \.\.\.$/, '') + ' (rows matching its WHERE clause)';
    const alter = /^alter\s+table\s+([\w$.`"-]+)[\s\S]*?\b(delete|drop\s+partition|truncate)\b/i.exec(s);
    if (alter) return `ALTER TABLE ${alter[1]} ${(alter[2] ?? '').toUpperCase()}`;
    if (/\bdetach\s+delete\b|^(match|optional\s+match)\b[\s\S]*\bdelete\b/i.test(s)) return 'a Cypher DELETE';
    if (/^(match|optional\s+match)\b[\s\S]*\bremove\b/i.test(s)) return 'a Cypher REMOVE';
    // On a store nothing says is a development one: overwrites, expiry, read-only switches and procedures whose bodies are unknown.
    if (upsertSql(s) || safetyNetSql(s)) return `${s.replace(/\s+/g, ' ').slice(0, 80)} (loses or locks data without a destroying word)`;
  }
  return undefined;
}

/** A MongoDB shell call that drops or empties (`db.dropDatabase()`, `coll.deleteMany({})`). */
export function destructiveMongo(text: string): string | undefined {
  return scanMongo(text)[0]?.summary;
}

// ---------------------------------------------------------------------------------------------
// Line protocols

/** Redis commands that delete keys or whole databases (redis.io/commands: keyspace and server groups). */
const REDIS_DESTROY = new Set(['FLUSHALL', 'FLUSHDB', 'DEL', 'UNLINK', 'HDEL', 'SREM', 'ZREM', 'ZREMRANGEBYSCORE', 'ZREMRANGEBYRANK', 'ZREMRANGEBYLEX', 'XDEL', 'XTRIM', 'LTRIM', 'GETDEL', 'SWAPDB', 'JSON.DEL', 'FT.DROPINDEX', 'TS.DEL']);
const REDIS_TWO_WORD = /^(SCRIPT|FUNCTION)\s+FLUSH\b|^MODULE\s+UNLOAD\b|^SHUTDOWN\s+NOSAVE\b/i;

/** memcached text protocol: `flush_all`, `delete <key>`. */
const MEMCACHED_DESTROY = new Set(['flush_all', 'delete']);

/** Lines of a payload, with RESP framing (`*1`, `$8`) dropped: what the store reads as commands. */
function commandLines(payload: string): string[] {
  return payload
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[*$]\d+$/.test(l));
}

/**
 * The destroying commands a payload sends to a line-protocol store, as written (`FLUSHALL`,
 * `DEL session:1234 …`). With no store known, both vocabularies are tried.
 */
export function destructiveLineCommands(payload: string, protocol?: StoreProtocol): string[] {
  const out: string[] = [];
  const lines = commandLines(payload);
  // RESP sends each argument on its own line: a command word alone on a line after framing counts too.
  for (const line of lines) {
    const first = line.split(/\s+/)[0] ?? '';
    const upper = first.toUpperCase();
    const redis = protocol === undefined || protocol === 'redis';
    const memcached = protocol === undefined || protocol === 'memcached';
    if (redis && (((REDIS_DESTROY.has(upper) || REDIS_TWO_WORD.test(line)) && (upper !== 'DEL' || line.split(/\s+/).length > 1 || payload.includes('*'))) || redisAdminLine(line) !== undefined)) {
      out.push(line.length > 60 ? line.slice(0, 57) + '...' : line);
    } else if (memcached && MEMCACHED_DESTROY.has(first) && (first !== 'delete' || line.split(/\s+/).length > 1)) {
      out.push(line.length > 60 ? line.slice(0, 57) + '...' : line);
    }
    if (out.length >= 5) break;
  }
  return out;
}

/** Any destroying content a payload carries for a store: line commands, statements, Mongo calls. */
/** Stores whose API is HTTP: a request written by hand onto a raw socket speaks to them too. */
const HTTP_STORES: ReadonlySet<StoreProtocol> = new Set(['elasticsearch', 'solr', 'couchdb', 'clickhouse', 'influxdb', 'consul', 'etcd', 'vector', 'rabbitmq', 'neo4j']);

/** `DELETE /users/_doc/1 HTTP/1.1`, `POST /logs/_delete_by_query HTTP/1.1` typed onto a socket. */
function rawHttpDestroy(payload: string): string | undefined {
  const m = /(?:^|\n)\s*(DELETE|POST|PUT)\s+(\/\S*)\s+HTTP\/\d(?:\.\d)?\s*(?:\r?\n|$)/.exec(payload);
  if (!m) return undefined;
  if (m[1] === 'DELETE') return `an HTTP DELETE of ${m[2]}`;
  return /_delete_by_query|\/_truncate|\/purge|\/_flush\b|\/drop/i.test(m[2]!) ? `a ${m[1]} to ${m[2]}` : undefined;
}

export function destructivePayload(payload: string, protocol?: StoreProtocol): string | undefined {
  if (protocol === 'multimodel') return multiModelDestroy(payload) ?? destructiveStatement(payload);
  if (protocol !== undefined && HTTP_STORES.has(protocol)) {
    const http = rawHttpDestroy(payload);
    if (http) return http;
  }
  const line = destructiveLineCommands(payload, protocol === 'redis' || protocol === 'memcached' ? protocol : undefined)[0];
  if (line !== undefined && (protocol === undefined || protocol === 'redis' || protocol === 'memcached')) return line;
  for (const part of payload.split(/\r?\n(?=\s*(?:drop|delete|truncate|alter|match|detach)\b)/i)) {
    const statement = destructiveStatement(part);
    if (statement) return statement;
  }
  return destructiveMongo(payload);
}
