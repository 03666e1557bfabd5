/**
 * Changes to a data store that name no destroying verb yet overwrite rows, schedule their loss, break
 * replication or take a safety net away (issue #18, items 3 and 4): upserts and replacing loads, retention
 * and TTL set on a table, a replica promoted or its subscription cut, a backup restored over a database,
 * a database taken offline, a view or rule that now returns nothing, a sequence restarted, binary-log
 * expiry shortened. On a development store they are routine administration (no prompt); on production
 * or an unknown remote store they are asked like a scoped delete (`productionWrites.ts`).
 * Matched against statements as written (literals kept: `cron.schedule('…', 'DELETE …')`).
 */

/** Parts that must appear in this order, each found by a forward scan from where the last ended: linear work on any text. */
type InOrder = readonly RegExp[];

const parts = (...res: RegExp[]): InOrder => res.map((re) => new RegExp(re.source, 'gi'));

function inOrder(s: string, list: InOrder): boolean {
  let at = 0;
  for (const re of list) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (!m) return false;
    at = m.index + m[0].length;
  }
  return true;
}

/** Inserts that overwrite the rows they collide with. */
const UPSERT_SQL: readonly InOrder[] = [
  parts(/^insert\b/, /\bon\s+conflict\b/, /\bdo\s+update\b/),
  parts(/^insert\b/, /\bon\s+duplicate\s+key\s+update\b/),
  parts(/^load\s+data\b/, /\breplace\s+into\s+table\b/),
  // MySQL's REPLACE deletes the row with the same key and inserts the new one.
  parts(/^replace\s+(?:low_priority\s+|delayed\s+)?(?:into\s+)?[\w`".]+/),
];

/** Statements that schedule loss, break replication, replace a definition by an empty one or lower durability. */
const SAFETY_NET_SQL: readonly InOrder[] = [
  // SQL run later by pg_cron: the scheduled text is the statement that will run.
  parts(/\bcron\.schedule(?:_in_database)?\s*\(/, /'\s*(?:delete|truncate|drop|update|alter)\b/),
  // Retention: Timescale chunks dropped now or by policy, pg_partman retention, ClickHouse/BigQuery expiry.
  parts(/\b(?:drop_chunks|add_retention_policy|add_drop_chunks_policy)\s*\(/),
  parts(/^update\s+(?:partman\.)?part_config\s+set\b/, /\bretention\b/),
  parts(/^alter\s+table\b/, /\bmodify\s+ttl\b/),
  parts(/\bset\s+options\s*\(/, /\b(?:expiration_timestamp|partition_expiration_days|default_table_expiration_days|default_partition_expiration_days)\b/),
  // ClickHouse mutations and swaps: every row rewritten in the background, a table detached for good, two tables exchanged.
  parts(/^alter\s+table\b/, /\bupdate\b/, /\bwhere\b/),
  parts(/^detach\s+(?:table|database|dictionary|view)\b/, /\bpermanently\b/),
  parts(/^exchange\s+(?:tables|dictionaries)\b/),
  // Replication broken: a standby promoted, a subscription or publication cut, a replica reset.
  parts(/\bpg_promote\s*\(/),
  parts(/^alter\s+subscription\b/, /\b(?:disable|skip|set\s*\(\s*slot_name\s*=\s*none)\b/),
  parts(/^alter\s+publication\b/, /\b(?:drop|set)\s+table\b/),
  parts(/^(?:stop|reset)\s+(?:replica|slave)\b/),
  parts(/^change\s+(?:master|replication\s+source)\s+to\b/),
  // Recovery logs kept for less time, or purged now (replicas behind them break; point-in-time recovery before that point is gone).
  parts(/^purge\s+(?:binary|master)\s+logs\b/),
  parts(/^set\s+(?:global|persist)\s+(?:binlog_expire_logs_seconds|expire_logs_days|binlog_expire_logs_auto_purge)\b/),
  // A definition replaced by one that keeps or returns nothing.
  parts(/^create\s+(?:or\s+replace\s+)?rule\b/, /\bdo\s+instead\s+nothing\b/),
  parts(/^create\s+or\s+replace\s+view\b/, /\b(?:where\s+(?:false|0\s*=\s*1|1\s*=\s*0|1\s*<>\s*1)|limit\s+0)\s*;?$/),
  parts(/^alter\s+sequence\b/, /\brestart\b/),
  // Cassandra/ScyllaDB: rows expire after the table's TTL; a keyspace's replicas cut down (cassandra.apache.org cql ddl).
  parts(/^alter\s+table\b/, /\bwith\b/, /\b(?:default_time_to_live|gc_grace_seconds)\s*=\s*\d{1,5}\b/),
  parts(/^alter\s+keyspace\b/, /\breplication\b/),
  // Rows taken out of a table (a partition detached), every later write refused (a CHECK nothing passes), the database or a role made read-only.
  parts(/^alter\s+table\b/, /\bdetach\s+partition\b/),
  parts(/^alter\s+table\b/, /\bcheck\s*\(\s*(?:false|0\s*=\s*1|1\s*=\s*0|null\s+is\s+not\s+null)\s*\)/),
  parts(/^alter\s+(?:database|role|user)\b/, /\bset\s+default_transaction_read_only\b/),
  parts(/^set\s+(?:global|persist)\s+(?:super_read_only|read_only|max_connections|max_user_connections)\b/),
  // Procedures and functions whose bodies are not read here: a CALL, or a SELECT of a function named for deleting.
  parts(/^(?:call|exec)\s+[\w.[\]"`]+/),
  parts(/^select\b/, /\b(?:purge|delete|drop|truncate|wipe|clean|cleanup|reset|remove|destroy|erase|clear)_\w*\s*\(/),
  // SQL Server: a backup restored over the live database, the database taken offline or emptied of users.
  parts(/^restore\s+(?:database|log)\b/, /\bwith\b/, /\breplace\b/),
  parts(/^alter\s+database\b/, /\bset\s+(?:offline|emergency|single_user)\b/),
];

export function upsertSql(text: string): boolean {
  return UPSERT_SQL.some((p) => inOrder(text, p));
}

export function safetyNetSql(text: string): boolean {
  return SAFETY_NET_SQL.some((p) => inOrder(text, p));
}

/** MongoDB shell calls that expire or cap documents, drop an index, run loaded or computed code, or lock writes. */
const MONGO_QUIET = /\bexpireAfterSeconds\b|\bconvertToCapped\b|\bcloneCollectionAsCapped\b|\.dropIndex(?:es)?\s*\(|\bload\s*\(|\[\s*([`'"])(?:drop|delete(?:One|Many)?|remove|findOneAndDelete|dropDatabase)\1\s*\]|\[[^\][]{0,80}\+[^\][]{0,80}\]\s*\(|\bwith\s*\(\s*db\b|\.(?:drop|deleteMany|deleteOne|remove)\s*\.\s*(?:call|apply|bind)\b/g;

export function mongoQuietCalls(js: string): string[] {
  const out = [...js.matchAll(MONGO_QUIET)].slice(0, 10).map((m) => `${m[0].slice(0, 40)}…`);
  // An aggregation merging over existing documents; the server's writes locked.
  if (/\$merge\b/.test(js) && /\bwhenMatched\b/.test(js)) out.push('$merge … whenMatched (existing documents are overwritten)');
  if (/\bfsync['"]?\s*:\s*(?:1|true)\b/.test(js) && /\block['"]?\s*:\s*(?:1|true)\b/.test(js)) out.push('fsync with lock (every write is blocked)');
  return out;
}

/** Redis commands that drain a list, shrink memory to a few megabytes or evict at random, or switch persistence off (a routine `maxmemory 2gb` or `allkeys-lru` stays allowed). */
export const REDIS_QUIET = /^\s*(?:(?:l|r)pop\s+\S+\s+\d+|config\s+set\s+(?:maxmemory\s+['"]?\d{1,7}(?:b|kb?|mb?)?['"]?\s*$|maxmemory-policy\s+['"]?allkeys-random\b|appendfsync\s+['"]?no\b|appendonly\s+['"]?no\b|save\s+(?:""|'')\s*$)|function\s+(?:restore\b.*\b(?:flush|replace)\b|flush\b))/i;
