/**
 * Round 25: reads of a whole Redis server that are administration, not an application's lookups. `KEYS
 * pattern` walks every key in one blocking call; `MONITOR` prints every command every client sends, the
 * `AUTH` passwords and the values written included; `redis-cli --scan` with no pattern prints every key
 * name; `--replica`, `--rdb`, `SYNC`/`PSYNC` copy the whole data set (round 27) (`CONFIG GET requirepass`, `ACL LIST` are
 * `serverSecretReads.ts`'s). On production they ask; on this machine's server
 * (`redis-cli -h localhost KEYS '*'`) and for single lookups (`GET`, `HGETALL`, one `SCAN 0` page) they stay
 * allowed.
 */

/**
 * Keys whose names are credentials (round 27): a session store's keys are the session ids (`sess:<id>`,
 * `session:…`), a token cache's the tokens. Printing their names hands over every signed-in user's session.
 */
const CREDENTIAL_KEYS = /(?:^|[^a-z])(?:sess(?:ions?)?|tokens?|jwt|auth|api[-_]?keys?|refresh|oauth|csrf|otp|reset)(?:[^a-z]|$)/i;

/**
 * redis-cli's `--scan` with no pattern (or `*`): every key name of the server; with a pattern naming keys
 * that are credentials (`--scan --pattern 'sess:*'`, round 27), every session id. Other patterns (`--scan
 * --pattern 'cart:*'`) and the sampled reports (`--bigkeys`, `--memkeys`) are reads of part of it, allowed and
 * marked production as the team's tables say.
 */
export function walksEveryKey(scan: boolean, pattern: string | undefined): boolean {
  return scan && (pattern === undefined || /^['"]?\*+['"]?$/.test(pattern) || CREDENTIAL_KEYS.test(pattern));
}

/**
 * A full copy of the server (round 27): `--replica` streams every write the server receives after taking
 * its data set, `--rdb FILE` saves the whole data set here; the `SYNC`/`PSYNC` commands ask the server for
 * the same. The text they stand for in the client's command list.
 */
export function replicationCopy(replica: boolean, rdb: string | undefined): string | undefined {
  if (rdb !== undefined) return 'SYNC-COPY --rdb';
  return replica ? 'SYNC-COPY --replica' : undefined;
}

/** One `SCAN` call asked for so many keys that it is a walk of the keyspace (`SCAN 0 COUNT 1000000`); a page (`SCAN 0`, `COUNT 100`) is a lookup. */
const WALK_COUNT = 10_000;

/** The text a full walk stands for in the client's command list (read back by `redisAdminRead`). */
export const WALK_COMMAND = 'SCAN-WALK --scan';

/**
 * Stop 38 (round 27, `redis-cli -h cache.prod… --bigkeys`): the sampled reports walk the whole keyspace too (`--bigkeys`,
 * `--memkeys`, `--hotkeys`, `--keystats` SCAN every key to size or count it), on a production server a read of every key
 * name in one run (the held-out row of round 2 that allowed it is superseded). On this machine's server they stay allowed.
 * The option that walks, as the client's command list shows it, or undefined.
 */
/** not an option list: which of redis-cli's described switches (its registry entry) mean a walk of every key. */
const REPORT_WALKS = ['--bigkeys', '--memkeys', '--hotkeys', '--keystats'];
export function keyspaceWalk(has: (option: string) => boolean, scan: boolean, pattern: string | undefined): string | undefined {
  if (walksEveryKey(scan, pattern)) return WALK_COMMAND;
  const report = REPORT_WALKS.find(has);
  return report !== undefined ? `SCAN-WALK ${report}` : undefined;
}

/** The first admin read among the client's commands, as shown in a reason, or undefined. */
export function redisAdminRead(commands: readonly string[]): string | undefined {
  for (const text of commands) {
    for (const raw of text.split(/\r?\n/).slice(0, 10_000)) {
      const line = raw.trim().replace(/^(?:call\s+)?[\w.-]+:\d+\s+(?=\S)/i, '');
      const words = line.split(/\s+/);
      const command = (words[0] ?? '').toUpperCase();
      if (command === 'SCAN-WALK') return `redis-cli ${words[1]} (a walk over every key)`;
      if (command === 'SYNC-COPY') return `redis-cli ${words[1]} (a full copy of the data set)`;
      if (command === 'SYNC' || command === 'PSYNC') return `${command} (a full copy of the data set, as a replica takes it)`;
      if ((command === 'SCAN' || command === 'SSCAN' || command === 'HSCAN' || command === 'ZSCAN') && scanCount(words) >= WALK_COUNT) return `${command} … COUNT ${scanCount(words)} (a walk over every key in one call)`;
      if (command === 'KEYS') return `KEYS ${words.slice(1).join(' ').slice(0, 40)} (every key name, in one blocking call)`;
      if (command === 'MONITOR') return 'MONITOR (every command every client sends, AUTH passwords and written values included)';
    }
  }
  return undefined;
}

function scanCount(words: readonly string[]): number {
  const at = words.findIndex((w) => w.toUpperCase() === 'COUNT');
  const n = at < 0 ? NaN : Number(words[at + 1]?.replace(/^['"]|['"]$/g, ''));
  return Number.isFinite(n) ? n : 0;
}
