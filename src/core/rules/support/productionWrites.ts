import type { Finding, Target } from '../../policy/types';
import type { CodeEffect, SqlStatement } from './sqlScan';
import { mongoQuietCalls, REDIS_QUIET, safetyNetSql, upsertSql } from './quietOverwrites';

/**
 * Deletes and updates that name the rows they touch: `DELETE … WHERE`, `UPDATE … SET … WHERE`, a
 * MongoDB `deleteMany({ status: … })`, a Redis `DEL key`. On a development database they are routine;
 * on a production database (or one whose environment cannot be known) they destroy real rows that
 * nothing brings back, so the database pack asks about them there.
 */

/** Scoped DELETE/UPDATE statements (the unscoped ones are already destructive everywhere). */
export function scopedSqlChanges(statements: readonly SqlStatement[]): string[] {
  const out: string[] = [];
  for (const st of statements) {
    if (st.effect !== 'write') continue;
    if (/^(delete|update)\b/i.test(st.text) || /^with\b[\s\S]*\b(delete|update)\b/i.test(st.text)) out.push(st.text.slice(0, 120));
    else if (/^(merge|replace)\b/i.test(st.text) || upsertSql(st.text)) out.push(st.text.slice(0, 120));
  }
  return out;
}

const MONGO_CHANGE = /\.(deleteOne|deleteMany|remove|findOneAndDelete|findAndModify|findOneAndReplace|replaceOne|updateOne|updateMany|bulkWrite)\s*\(/g;

/** MongoDB shell calls that delete or rewrite the documents a filter selects. */
export function scopedMongoChanges(scripts: readonly string[]): string[] {
  const out: string[] = [];
  for (const js of scripts) {
    for (const m of js.matchAll(MONGO_CHANGE)) {
      const before = js.slice(Math.max(0, (m.index ?? 0) - 60), m.index ?? 0);
      const coll = /([A-Za-z_][\w]*)\s*$/.exec(before)?.[1] ?? 'collection';
      out.push(`${coll}.${m[1] ?? ''}(…)`);
      if (out.length >= 10) return out;
    }
  }
  return out;
}

const REDIS_DELETE = /^\s*(del|unlink|hdel|srem|zrem|lrem|ltrim|xdel|xtrim|getdel|expire|pexpire|expireat|zremrangebyscore|zremrangebyrank|zremrangebylex|spop|rename|move|migrate|swapdb)\b/i;

/** Redis commands that overwrite a key's value or add to it: a feature flag turned off, a counter reset. */
const REDIS_WRITE = /^\s*(set|setex|psetex|setnx|mset|msetnx|getset|setrange|append|incr|incrby|incrbyfloat|decr|decrby|hset|hmset|hsetnx|hincrby|lpush|rpush|lset|linsert|sadd|smove|zadd|zincrby|xadd|persist|json\.set|json\.del|copy|restore)\s+\S/i;

/** `ACL SETUSER name on >pass ~* +@all`: a user who may run every command on every key (a new administrator). */
const REDIS_ADMIN_USER = /^\s*acl\s+setuser\s+\S+(?=.*\s['"]?(\+@all|allcommands)['"]?(\s|$))(?=.*\s['"]?(~\*|allkeys)['"]?(\s|$))/i;

/** Redis commands that remove keys or members, or overwrite them (the server's own administration is `hostSecurity.ts`'s). */
export function redisKeyDeletes(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of commands) {
    for (const line of text.split('\n')) {
      const m = REDIS_DELETE.exec(line) ?? REDIS_WRITE.exec(line) ?? REDIS_ADMIN_USER.exec(line) ?? REDIS_QUIET.exec(line);
      if (m) out.push(line.trim().slice(0, 120));
      if (out.length >= 10) return out;
    }
  }
  return out;
}

/**
 * Redis server administration read as a query (round 21): a foreground SAVE blocks every client until the
 * whole dataset is written, BGSAVE and BGREWRITEAOF fork the server and write the whole dataset to its
 * disk, CONFIG SET/REWRITE/RESETSTAT reconfigure the running server, DEBUG pokes at its internals,
 * `REPLICAOF NO ONE` promotes a replica, SHUTDOWN stops it, CLIENT KILL/PAUSE cut clients off. Routine on a developer's own server; asked on
 * production like a scoped delete. Reads (INFO, GET, SCAN, CONFIG GET, LASTSAVE) stay reads.
 */
const REDIS_SERVER_ADMIN = /^\s*(save|bgsave|bgrewriteaof|config\s+(?:set|rewrite|resetstat)\b|debug\s+\w+|(?:replicaof|slaveof)\s+no\s+one|shutdown|client\s+(?:kill|pause))\b/i;

/** Redis commands that administer the server itself (persistence, configuration, replication, shutdown). */
export function riskyAdminRedis(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of commands) {
    for (const line of text.split('\n')) {
      const m = REDIS_SERVER_ADMIN.exec(line.replace(/^(?:call\s+)?[\w.-]+:\d+\s+(?=\S)/i, ''));
      if (m) out.push(line.trim().replace(/\s(?:requirepass|masterauth)\s+\S+/i, (w) => w.replace(/\S+$/, '…')).slice(0, 120));
      if (out.length >= 10) return out;
    }
  }
  return out;
}

/**
 * Statements that delete nothing but put a production database at risk: a new or promoted superuser
 * (`CREATE USER … SUPERUSER`, `ALTER ROLE … SUPERUSER`, `GRANT ALL ON *.* … WITH GRANT OPTION`),
 * durability switched off (`ALTER SYSTEM SET fsync = off`, `full_page_writes`, MySQL
 * `innodb_flush_log_at_trx_commit = 0`), every session killed (`pg_terminate_backend` over
 * `pg_stat_activity`, MySQL `KILL`), the server shut down, users locked out (a password changed,
 * `NOLOGIN`, `ACCOUNT LOCK`, `REVOKE CONNECT`), the server's configuration rewritten (`ALTER SYSTEM`)
 * or the server made read-only. Asked on production like a scoped delete.
 */
const ADMIN_SQL: readonly RegExp[] = [
  /^(create|alter)\s+(user|role)\b[\s\S]*\b(superuser|bypassrls)\b/i,
  /^grant\s+all\b[\s\S]*\bon\s+\*\.\*/i,
  /^grant\s+(super|create\s+user|grant\s+option|system_user|connection_admin)\b[\s\S]*\bon\s+\*\.\*/i,
  // Crash safety or replication switched off: an unlogged table is emptied by a crash and never reaches a replica; writes kept out of the binary log never reach replicas or point-in-time recovery.
  /^alter\s+table\b[\s\S]*\bset\s+unlogged\b/i,
  // Constraints and triggers (foreign keys, audit trails) switched off for every session; objects handed to another role.
  /^alter\s+table\b[\s\S]*\bdisable\s+trigger\s+(all|user)\b/i,
  /^set\s+(global|persist)\s+(foreign_key_checks|unique_checks)\s*=\s*'?(0|off)\b/i,
  /^reassign\s+owned\s+by\b/i,
  /^alter\s+database\b[\s\S]*\bowner\s+to\b/i,
  /^set\s+(session\s+|global\s+|@@(session\.|global\.)?)?sql_log_bin\s*=\s*'?(0|off)\b/i,
  // Every privilege (or a write privilege) handed to everyone.
  /^grant\s+(all|insert|update|delete|truncate)\b[\s\S]*\bto\s+[\s\S]*\bpublic\s*;?$/i,
  /^grant\s+(pg_execute_server_program|pg_write_server_files|rds_superuser|cloudsqlsuperuser|azure_pg_admin)\b/i,
  /^alter\s+system\s+set\s+(fsync|full_page_writes|synchronous_commit|wal_level)\b\s*(=|to)?\s*'?(off|false|0|minimal)\b/i,
  /^set\s+(global|persist)\s+(innodb_flush_log_at_trx_commit|sync_binlog|innodb_doublewrite)\s*=\s*'?(0|off)\b/i,
  /\bpg_(terminate|cancel)_backend\s*\([\s\S]*\bpg_stat_activity\b/i,
  /^(kill\s+(connection\s+|query\s+)?\d+|shutdown)\s*$/i,
  // Lockouts: a user's password changed or removed, its login refused or locked, connections revoked or capped at 0.
  /^alter\s+(user|role|login)\b[\s\S]*\b(password|nologin|valid\s+until|account\s+lock|identified\s+(by|with)|connection\s+limit\s+0|rename\s+to)\b/i,
  /^revoke\s+(connect|all)\b/i,
  /^set\s+password\b/i,
  // Round 27: an account made with a password on production (`CREATE USER ro WITH PASSWORD '…'`, `IDENTIFIED BY`): a new way in that stays.
  /^create\s+(user|role)\b[\s\S]*\b(password|identified\s+(by|with))\b/i,
  /^rename\s+user\b/i,
  /^alter\s+database\b[\s\S]*\b(allow_connections\s+(=\s*)?false|connection\s+limit\s+(=\s*)?0)\b/i,
  // The server's own configuration rewritten (`ALTER SYSTEM` lands in postgresql.auto.conf), or the server made read-only or offline.
  /^alter\s+system\s+(set|reset)\b/i,
  /^set\s+(global|persist)\s+(super_read_only|read_only|offline_mode)\s*=\s*'?(1|on|true)\b/i,
];

/** Matched as written (`TO 'off'`), shown with quoted text blanked (a password stays out of the dialog). */
export function riskyAdminSql(statements: readonly SqlStatement[]): string[] {
  return statements.filter((st) => ADMIN_SQL.some((re) => re.test(st.text.trim())) || safetyNetSql(st.text.trim()) || unknownServerWork(st.text.trim())).map((st) => st.text.replace(/'(?:[^']|'')*'/g, "''").slice(0, 120)).slice(0, 10);
}

/** A MySQL account that logs in from any host (`'x'@'%'`, the host part a lone wildcard). */
const ANY_HOST_ACCOUNT = /@\s*(['"`])%\1/;

/**
 * Stop 34 (red team round 18): every privilege handed to an account that logs in from any host (`GRANT ALL ON *.* TO
 * 'x'@'%' WITH GRANT OPTION`). Administration of this machine's own server is routine (the team's decision), but this
 * one opens it: whoever reaches the server's port with that password is its administrator, from anywhere. The same
 * grant to `'x'@'localhost'`, or an account of any host with a database's privileges only, stays routine.
 */
export function anyHostAdmins(statements: readonly SqlStatement[], database: string, target: Target): Finding[] {
  const grants = statements.filter((st) => ANY_HOST_ACCOUNT.test(st.text) && ADMIN_SQL.slice(0, 3).some((re) => re.test(st.text.trim())));
  if (grants.length === 0) return [];
  const shown = grants.map((st) => st.text.replace(/'(?:[^']|'')*'/g, "''").slice(0, 120)).slice(0, 3).join('; ');
  return [{ rule: 'database.any-host-admin', risk: 'destructive', severity: 'ask', reason: `Makes an administrator on ${database} that logs in from any host ('%'): ${shown}. Whoever reaches the server's port with that password has every privilege, from anywhere.`, targets: [target] }];
}

const MONGO_ADMIN = /\.(renameCollection|createUser|updateUser|grantRolesToUser|shutdownServer|killOp|fsyncLock|setProfilingLevel|changeUserPassword|revokeRolesFromUser|dropUser)\s*\(|\b(?:adminCommand|runCommand|command)\s*\(\s*\{\s*['"]?(shutdown|dropUser|setParameter|killAllSessions|renameCollection|replSetReconfig)\b/g;

/**
 * Replica set and sharded cluster administration (mongodb.com/docs/manual/reference/method/js-replication/,
 * js-sharding/): a primary stepped down or a member removed (elections, clients cut off), the balancer
 * stopped (chunks stop moving, shards fill unevenly), a shard drained away, a forced reconfiguration.
 */
const MONGO_CLUSTER = /\b((?:rs\.(?:stepDown|remove|freeze|reconfig|reconfigForPSASet|syncFrom|addArb))|(?:sh\.(?:stopBalancer|disableBalancer|setBalancerState|removeShard|disableAutoSplit|removeShardFromZone|removeRangeFromZone|removeTagRange|disableAutoMerger)))\s*\(|\b(?:adminCommand|runCommand)\s*\(\s*\{\s*['"]?(replSetStepDown|replSetFreeze|removeShard|balancerStop|setFeatureCompatibilityVersion|replSetMaintenance|movePrimary|clearJumboFlag|compact)\b/g;

/** MongoDB shell calls that rename collections away, make users or roles, or stop and reconfigure the server. */
export function riskyAdminMongo(scripts: readonly string[]): string[] {
  const out: string[] = [];
  for (const js of scripts) {
    out.push(...mongoQuietCalls(js));
    if (out.length >= 10) return out.slice(0, 10);
    for (const m of js.matchAll(MONGO_ADMIN)) {
      if (/createUser|updateUser|grantRolesToUser/.test(m[1] ?? '') && !/\b(root|userAdminAnyDatabase|dbOwner|clusterAdmin|__system|readWriteAnyDatabase)\b/.test(js)) continue;
      out.push(`${m[1] ?? m[2] ?? ''}(…)`);
      if (out.length >= 10) return out;
    }
    for (const m of js.matchAll(MONGO_CLUSTER)) {
      out.push(`${m[1] ?? m[2] ?? ''}(…)`);
      if (out.length >= 10) return out;
    }
  }
  return out;
}

/**
 * Redis client library calls in a program (redis-py, ioredis, node-redis): a flush, a delete run over
 * every key a `keys('*')`/`scan_iter()` returns, or the server's memory and persistence reconfigured.
 */
export function redisCodeCalls(code: string): CodeEffect[] {
  const out: CodeEffect[] = [];
  // redis-py and node-redis `.flushall()`, Ruby's `.flushall` (no parentheses), phpredis `->flushAll()`.
  const flush = /(?:\.|->)flush_?(all|db)\b/i.exec(code);
  if (flush) out.push({ summary: `FLUSH${flush[1]!.toUpperCase()}`, object: 'the Redis database', command: `FLUSH${flush[1]!.toUpperCase()}` });
  // A raw command by name (`execute_command('FLUSH'+'ALL')`, `call`, `sendCommand`, `rawCommand`), literal pieces joined.
  for (const m of code.slice(0, 100_000).matchAll(/\b(?:execute_command|send_command|sendCommand|rawCommand|rawcommand|call)\s*\(\s*\[?\s*((?:['"][\w:]*['"]\s*(?:\+|\.|\s)\s*)*['"][\w:]*['"])/g)) {
    const name = m[1]!.replace(/['"\s+.]/g, '').toUpperCase();
    if (name === 'FLUSHALL' || name === 'FLUSHDB') out.push({ summary: name, object: 'the Redis database', command: name });
  }
  if (/\.(delete|del|unlink)\s*\(/i.test(code) && /\.(keys|scan_iter|scanIterator|scanStream)\s*\(\s*(['"]\*['"])?\s*\)/.test(code)) out.push({ summary: 'DEL over every key', object: 'every key', command: 'DEL *' });
  const config = /\.config_?set\s*\(\s*['"]([\w-]+)['"]\s*,\s*['"]([^'"]*)['"]/i.exec(code);
  if (config) out.push({ summary: `CONFIG SET ${config[1]} ${config[2]}`, command: `CONFIG SET ${config[1]} ${config[2]}` });
  return out;
}

/**
 * Production noted is not production allowed (issue 18, red team round 8): a statement is read-only or
 * routine only when the guard knows its verb. Statements whose verb it does not know (`INSTALL PLUGIN`,
 * `ALTER INSTANCE`, `CHECKPOINT`), a table locked, a file written on the server (`COPY … TO '/path'`),
 * server-wide settings (`SET GLOBAL`), `EXPLAIN ANALYZE` of a write (it runs the write), and a SELECT
 * calling a server function that acts (ends sessions, resets sequences, holds locks, pauses replay,
 * makes replication slots, unschedules jobs) ask on production; a plain SELECT stays allowed.
 */
const KNOWN_SQL = /^(select|show|explain|describe|desc|with|values|table|pragma|begin|commit|end|rollback|start\s+transaction|savepoint|release|use|listen|unlisten|fetch|declare|close|prepare|deallocate|execute|insert|update|delete|merge|upsert|replace|set|reset|analyze|analyse|vacuum|create|alter|grant|revoke|comment|refresh|reindex|cluster|call|do|drop|truncate|rename|import|load|copy|\\\S+|\.\w+|\(|abort|discard\s+all|notify|restore|security\s+label|optimize|check\s+table|checksum\s+table|help|source|status)\b/i;

const SERVER_FUNCTIONS = /\b(pg_terminate_backend|pg_cancel_backend|setval|pg_sleep(?:_for|_until)?|sleep|get_lock|pg_advisory_(?:xact_)?lock|pg_reload_conf|pg_promote|pg_wal_replay_(?:pause|resume)|pg_create_(?:physical|logical)_replication_slot|pg_switch_wal|pg_stat_reset\w*|pg_rotate_logfile|pg_file_write|lo_import|lo_export|dblink_exec|pg_replication_origin_\w+|pg_logical_emit_message|pg_log_backend_memory_contexts|cron\.unschedule|pg_backup_(?:start|stop)|pg_start_backup|pg_stop_backup)\s*\(/i;

function unknownServerWork(text: string): boolean {
  const s = text.replace(/\s+/g, ' ');
  const unquoted = s.replace(/'(?:[^']|'')*'/g, "''");
  if (/^[a-z]/i.test(s) && !KNOWN_SQL.test(s)) return true;
  if (/^lock\b/i.test(s) || /^set\s+(global|persist|persist_only)\b|^set\s+@@(global|persist)\./i.test(s) || /^alter\s+instance\b/i.test(s)) return true;
  if (/^copy\b[\s\S]*\bto\s+(program\b|'\/)/i.test(s)) return true;
  if (/^explain\s+(\([^)]*\banalyze\b[^)]*\)|analy[sz]e\b)\s*(?:verbose\s+)?(insert|update|delete|merge|create|drop|truncate)\b/i.test(s)) return true;
  return /^(select|with|values|call|execute)\b/i.test(s) && SERVER_FUNCTIONS.test(unquoted);
}

/** The server a Redis (or other) client in code names by host: `redis.Redis(host='cache.prod')`, `Redis.new(host: "…")`, `$r->connect("…")`. */
export function clientHostInCode(code: string): string | undefined {
  return /(?:\bhost\s*(?:=>|=|:)\s*|(?:->|\.)p?connect\(\s*)['"]([\w.-]+)['"]/.exec(code.slice(0, 100_000))?.[1];
}
