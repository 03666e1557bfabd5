/**
 * Round 25: reads of a whole Redis server that are administration, not an application's lookups. `KEYS
 * pattern` walks every key in one blocking call; `MONITOR` prints every command every client sends, the
 * `AUTH` passwords and the values written included; `redis-cli --scan` with no pattern prints every key
 * name (`CONFIG GET requirepass`, `ACL LIST` are
 * `serverSecretReads.ts`'s). On production they ask; on this machine's server
 * (`redis-cli -h localhost KEYS '*'`) and for single lookups (`GET`, `HGETALL`, one `SCAN 0` page) they stay
 * allowed.
 */

/**
 * redis-cli's `--scan` with no pattern (or `*`): every key name of the server. A pattern (`--scan --pattern
 * 'cart:*'`) and the sampled reports (`--bigkeys`, `--memkeys`) are reads of part of it, allowed and marked
 * production as the team's tables say.
 */
export function walksEveryKey(scan: boolean, pattern: string | undefined): boolean {
  return scan && (pattern === undefined || /^['"]?\*+['"]?$/.test(pattern));
}

/** The text a full walk stands for in the client's command list (read back by `redisAdminRead`). */
export const WALK_COMMAND = 'SCAN-WALK --scan';

/** The first admin read among the client's commands, as shown in a reason, or undefined. */
export function redisAdminRead(commands: readonly string[]): string | undefined {
  for (const text of commands) {
    for (const raw of text.split(/\r?\n/).slice(0, 10_000)) {
      const line = raw.trim().replace(/^(?:call\s+)?[\w.-]+:\d+\s+(?=\S)/i, '');
      const words = line.split(/\s+/);
      const command = (words[0] ?? '').toUpperCase();
      if (command === 'SCAN-WALK') return `redis-cli ${words[1]} (a walk over every key)`;
      if (command === 'KEYS') return `KEYS ${words.slice(1).join(' ').slice(0, 40)} (every key name, in one blocking call)`;
      if (command === 'MONITOR') return 'MONITOR (every command every client sends, AUTH passwords and written values included)';
    }
  }
  return undefined;
}
