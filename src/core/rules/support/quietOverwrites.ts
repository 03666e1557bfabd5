/**
 * Changes to a data store that name no destroying verb yet overwrite rows, schedule their loss, break
 * replication or take a safety net away (issue #18, items 3 and 4): upserts and replacing loads, retention
 * and TTL set on a table, a replica promoted or its subscription cut, a backup restored over a database,
 * a database taken offline, a view or rule that now returns nothing, a sequence restarted, binary-log
 * expiry shortened. On a development store they are routine administration (no prompt); on production
 * or an unknown remote store they are asked like a scoped delete (`productionWrites.ts`).
 * Matched against statements as written (literals kept: `cron.schedule('…', 'DELETE …')`).
 */

/** Inserts that overwrite the rows they collide with. */
export const UPSERT_SQL: readonly RegExp[] = [
  /^insert\b[\s\S]*\bon\s+conflict\b[\s\S]*\bdo\s+update\b/i,
  /^insert\b[\s\S]*\bon\s+duplicate\s+key\s+update\b/i,
  /^load\s+data\b[\s\S]*\breplace\s+into\s+table\b/i,
];

/** Statements that schedule loss, break replication, replace a definition by an empty one or lower durability. */
export const SAFETY_NET_SQL: readonly RegExp[] = [
  // SQL run later by pg_cron: the scheduled text is the statement that will run.
  /\bcron\.schedule(?:_in_database)?\s*\([\s\S]*'\s*(?:delete|truncate|drop|update|alter)\b/i,
  // Retention: Timescale chunks dropped now or by policy, pg_partman retention, ClickHouse/BigQuery expiry.
  /\b(?:drop_chunks|add_retention_policy|add_drop_chunks_policy)\s*\(/i,
  /^update\s+(?:partman\.)?part_config\s+set\b[\s\S]*\bretention\b/i,
  /^alter\s+table\b[\s\S]*\bmodify\s+ttl\b/i,
  /\bset\s+options\s*\([\s\S]*\b(?:expiration_timestamp|partition_expiration_days|default_table_expiration_days|default_partition_expiration_days)\b/i,
  // ClickHouse mutations and swaps: every row rewritten in the background, a table detached for good, two tables exchanged.
  /^alter\s+table\b[\s\S]*\bupdate\b[\s\S]*\bwhere\b/i,
  /^detach\s+(?:table|database|dictionary|view)\b[\s\S]*\bpermanently\b/i,
  /^exchange\s+(?:tables|dictionaries)\b/i,
  // Replication broken: a standby promoted, a subscription or publication cut, a replica reset.
  /\bpg_promote\s*\(/i,
  /^alter\s+subscription\b[\s\S]*\b(?:disable|skip|set\s*\(\s*slot_name\s*=\s*none)\b/i,
  /^alter\s+publication\b[\s\S]*\b(?:drop|set)\s+table\b/i,
  /^(?:stop|reset)\s+(?:replica|slave)\b/i,
  /^change\s+(?:master|replication\s+source)\s+to\b/i,
  // Recovery logs kept for less time.
  /^set\s+(?:global|persist)\s+(?:binlog_expire_logs_seconds|expire_logs_days|binlog_expire_logs_auto_purge)\b/i,
  // A definition replaced by one that keeps or returns nothing.
  /^create\s+(?:or\s+replace\s+)?rule\b[\s\S]*\bdo\s+instead\s+nothing\b/i,
  /^create\s+or\s+replace\s+view\b[\s\S]*\b(?:where\s+(?:false|0\s*=\s*1|1\s*=\s*0|1\s*<>\s*1)|limit\s+0)\s*;?$/i,
  /^alter\s+sequence\b[\s\S]*\brestart\b/i,
  // SQL Server: a backup restored over the live database, the database taken offline or emptied of users.
  /^restore\s+(?:database|log)\b[\s\S]*\bwith\b[\s\S]*\breplace\b/i,
  /^alter\s+database\b[\s\S]*\bset\s+(?:offline|emergency|single_user)\b/i,
];

/** MongoDB shell calls that expire or cap documents, drop an index, run loaded or computed code, or lock writes. */
export const MONGO_QUIET = /\bexpireAfterSeconds\b|\bconvertToCapped\b|\bcloneCollectionAsCapped\b|\.dropIndex(?:es)?\s*\(|\bload\s*\(|\$merge\b[\s\S]*\bwhenMatched\b|\bfsync['"]?\s*:\s*(?:1|true)\b[\s\S]*\block\b|\[\s*([`'"])(?:drop|delete(?:One|Many)?|remove|findOneAndDelete|dropDatabase)\1\s*\]|\[[^\]]*\+[^\]]*\]\s*\(|\bwith\s*\(\s*db\b|\.(?:drop|deleteMany|deleteOne|remove)\s*\.\s*(?:call|apply|bind)\b/g;

/** Redis commands that drain a list, shrink memory to a few megabytes or evict at random, or switch persistence off (a routine `maxmemory 2gb` or `allkeys-lru` stays allowed). */
export const REDIS_QUIET = /^\s*(?:(?:l|r)pop\s+\S+\s+\d+|config\s+set\s+(?:maxmemory\s+['"]?\d{1,7}(?:b|kb?|mb?)?['"]?\s*$|maxmemory-policy\s+['"]?allkeys-random\b|appendfsync\s+['"]?no\b|appendonly\s+['"]?no\b|save\s+(?:""|'')\s*$)|function\s+(?:restore\b.*\b(?:flush|replace)\b|flush\b))/i;
