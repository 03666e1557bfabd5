/**
 * Retention and durability settings of data services cut so that data is deleted or lost without any
 * destroying verb (issue #18, item 4): a Kafka/Redpanda topic or broker keeping messages for a moment,
 * compaction switched on (only the last record per key survives), unclean leader election, Pulsar
 * retention or message TTL cut, Vault KV keeping one version, BigQuery tables and partitions set to expire.
 * Read from `key=value` settings in any argument (`--add-config retention.ms=1,cleanup.policy=compact`),
 * a key and its value as two words (`rpk cluster config set log_retention_ms 1`), or an option.
 */

export interface RetentionCut {
  id: string;
  does: string;
  lost: string;
}

interface WordsLike {
  positionals: readonly string[];
  options: readonly { name: string; bare: string; value: string | undefined }[];
}

const DAY_MS = 86_400_000;

/** Milliseconds a value means for a key naming its unit (`retention.ms`, `log_retention_hours`, `--messageTTL` seconds). */
function millis(key: string, value: string): number | undefined {
  const m = /^(-?\d+(?:\.\d+)?)\s*([smhdw]?)$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = (m[2] ?? '').toLowerCase();
  const unit = suffix !== '' ? suffix : /ms$/i.test(key) ? 'ms' : /hours?$/i.test(key) ? 'h' : /minutes?$/i.test(key) ? 'm' : /days?$/i.test(key) ? 'd' : 's';
  const per: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS, w: 7 * DAY_MS };
  return n * (per[unit] ?? 1000);
}

/** Every `key=value` (or `key value` pair after a config setter) the words carry. */
function settings(w: WordsLike): [string, string][] {
  const out: [string, string][] = [];
  const texts = [...w.positionals, ...w.options.map((o) => o.value ?? '')];
  for (const t of texts) for (const part of t.split(/,(?=\s*[\w.-]{1,80}\s*[=:])/)) {
    const eq = /^\s*([\w.-]+)\s*[=:]\s*(.*)$/.exec(part);
    if (eq) out.push([eq[1]!.toLowerCase(), eq[2]!.trim()]);
  }
  for (let i = 0; i + 1 < w.positionals.length; i++) out.push([w.positionals[i]!.toLowerCase(), w.positionals[i + 1]!]);
  for (const o of w.options) if (o.value !== undefined) out.push([o.bare.replace(/^-+/, '').toLowerCase(), o.value]);
  return out;
}

export function retentionCut(w: WordsLike): RetentionCut | undefined {
  const words = w.positionals.map((p) => p.toLowerCase());
  // A topic being created holds nothing yet: its settings lose no data.
  if (w.options.some((o) => o.bare === 'create') || words[0] === 'create' || (words[0] === 'topic' && words[1] === 'create')) return undefined;
  for (const [key, value] of settings(w)) {
    const k = key.replace(/[_-]/g, '.');
    // Kafka / Redpanda: topic and broker retention by time (bytes are a size: left to the reader).
    if (/^(log\.)?retention\.(ms|hours|minutes)$/.test(k)) {
      const ms = millis(k, value);
      if (ms !== undefined && ms >= 0 && ms < DAY_MS) return { id: 'message-retention-cut', does: `sets ${key} to ${value}`, lost: 'messages older than that are deleted from the log at once and consumers that are behind lose them' };
    }
    if (/^(log\.)?cleanup\.policy$/.test(k) && /compact/i.test(value) && !/delete/i.test(value)) return { id: 'compaction-on', does: `sets ${key} to ${value}`, lost: 'compaction keeps only the last record of each key: the history of every key is deleted' };
    if (/^unclean\.leader\.election\.enable$/.test(k) && /^true$/i.test(value)) return { id: 'unclean-election', does: `sets ${key} to true`, lost: 'an out-of-date replica may become leader and the records it lacks are lost' };
    if (/^election\.type$/.test(k) && /^unclean$/i.test(value)) return { id: 'unclean-election', does: 'runs an unclean leader election', lost: 'an out-of-date replica becomes leader and the records it lacks are lost' };
    // Vault KV v2: versions kept or kept for a moment.
    if (/^max\.versions$/.test(k) && /^1$/.test(value)) return { id: 'versions-cut', does: `keeps ${value} version only`, lost: 'every earlier version of each secret is deleted and cannot be rolled back to' };
    if (/^delete\.version\.after$/.test(k)) {
      const ms = millis('s', value);
      if (ms !== undefined && ms > 0 && ms < DAY_MS) return { id: 'versions-cut', does: `deletes versions ${value} after they are written`, lost: 'secret versions are deleted almost at once and cannot be rolled back to' };
    }
    // BigQuery (`bq update --time_partitioning_expiration SECONDS`, `--default_table_expiration`, `--expiration`).
    if (/^(time\.partitioning\.expiration|default\.table\.expiration|default\.partition\.expiration|expiration)$/.test(k) && words.includes('update')) {
      const ms = millis('s', value);
      if (ms !== undefined && ms > 0 && ms < 7 * DAY_MS) return { id: 'table-expiry', does: `sets ${key} to ${value} seconds`, lost: 'tables or partitions older than that are deleted by the service' };
    }
  }
  // An option about a cache or a response (`--cache-control max-age=300`) keeps no data.
  const generic = w.options.some((o) => /cache|cookie|session|header|cdn/i.test(o.name)) ? undefined : keptShort(w.positionals);
  if (generic) return generic;
  // Pulsar (`pulsar-admin namespaces set-retention … --size 0 --time 0`, `set-message-ttl … --messageTTL 1`).
  if (words.includes('set-retention')) {
    const size = w.options.find((o) => /^(size|s)$/.test(o.bare))?.value;
    const time = w.options.find((o) => /^(time|t)$/.test(o.bare))?.value;
    if ((size !== undefined && /^0\w*$/.test(size)) || (time !== undefined && /^0\w*$/.test(time))) return { id: 'message-retention-cut', does: 'sets the namespace retention to 0', lost: 'acknowledged messages are deleted at once and cannot be replayed' };
  }
  if (words.includes('set-message-ttl')) {
    const ttl = w.options.find((o) => /^(messagettl|ttl)$/i.test(o.bare))?.value;
    const ms = ttl !== undefined ? millis('s', ttl) : undefined;
    if (ms !== undefined && ms > 0 && ms < DAY_MS) return { id: 'message-retention-cut', does: `sets the message TTL to ${ttl}`, lost: 'messages not consumed within that time are deleted' };
  }
  return undefined;
}

/** A key that says how long data is kept: `volretention`, `maxage` (a garbage-collection policy), `retention_days`, `keep-days`. */
const KEPT_FOR = /^(?:[a-z._-]*retention[a-z._-]*|[a-z._-]*retain[a-z._-]*|max[._-]?age|keep[._-]?(?:days|for|time|duration))$/i;

/**
 * Round 22: data kept for a moment, written as `key=value` words any tool may take (`cbt setgcpolicy t cf
 * maxage=1d`, bconsole's `update pool=Full volretention=1d`): what is older than that is deleted by the
 * service. Below a week (or zero) asks; a cache's or a cookie's age is no data (`cache-max-age=60` is not read here).
 */
export function keptShort(words: readonly string[]): RetentionCut | undefined {
  // The age of a cache, a cookie, a session or a response (`cache set max-age=60`, `Cache-Control: max-age=0`) keeps no data.
  if (words.some((w) => /cache|cookie|session|header|cdn/i.test(w))) return undefined;
  for (const word of words) for (const part of word.split(/[\s,]+|\\n/)) {
    const m = /^([\w.-]{2,60})=(\d+(?:\.\d+)?\s*[smhdw]?)$/i.exec(part);
    if (!m || !KEPT_FOR.test(m[1]!) || /cache|cookie|session|token|lock|header/i.test(m[1]!)) continue;
    // A bare number is seconds for an age (`max-age=60`), days for a retention (`retention_days=30`, `volretention=30`).
    const ms = millis(/max.?age/i.test(m[1]!) ? 's' : 'days', m[2]!.replace(/\s+/g, ''));
    if (ms !== undefined && ms >= 0 && ms < 7 * DAY_MS) return { id: 'retention-cut', does: `sets ${m[1]} to ${m[2]}`, lost: 'data older than that is deleted by the service, so a mistake found a week later can no longer be undone' };
  }
  return undefined;
}
