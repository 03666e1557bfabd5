import type { SqlStatement } from './sqlScan';

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
    else if (/^(merge|replace)\b/i.test(st.text)) out.push(st.text.slice(0, 120));
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

/** Redis commands that remove keys or members. */
export function redisKeyDeletes(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of commands) {
    for (const line of text.split('\n')) {
      const m = REDIS_DELETE.exec(line);
      if (m) out.push(line.trim().slice(0, 120));
      if (out.length >= 10) return out;
    }
  }
  return out;
}
