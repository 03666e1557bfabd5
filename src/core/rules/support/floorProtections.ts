import type { Finding } from '../../policy/types';
import type { KindReading } from './floorLoad';
import { identifierParts } from './cliArgs';

/**
 * Options that lower a protection, on a tool no rule names (issue #18 criterion 8, stop 36, red team round 26).
 * The verb may be routine (`deploy`, `remote-add`, `create`); the option says the guard rail is off:
 *
 * - destruction allowed outright: `tb deploy --allow-destructive-operations`, `--accept-data-loss`,
 *   `--allow-unsafe`, `--allow-dangerous-…`;
 * - signatures or authentication switched off: `flatpak remote-add --no-gpg-verify`, `--no-verify-signatures`,
 *   `--skip-signature-check`, `--authentication=off`, `--auth none`, `--no-auth`, `--disable-auth`;
 * - keys made reusable or long-lived: `headscale preauthkeys create --reusable --expiration 8760h`, a token
 *   with `--ttl 0`, `--expiry never`, or a year of life: whoever copies it joins or calls for months.
 *
 * Allowed look-alikes: the same options set back on (`--allow-destructive-operations=false`,
 * `--authentication=on`), a key for one use or an hour (`--expiration 1h`), reads and listings of keys,
 * the same command without the option, and servers on this machine's loopback with auth off for a test.
 */

const VALUE_OFF = /^(false|no|0|off|disabled?)$/i;
const VALUE_NONE = /^(off|none|disabled?|false|no|0|anonymous|noauth|no-auth|trust|insecure)$/i;

/** Option names whose parts allow harm outright (`--allow-destructive-operations`, `--accept-data-loss`). */
function allowsHarm(parts: readonly string[]): boolean {
  return parts.some((p) => /^(allow|accept|permit|enable|force)$/.test(p)) && parts.some((p) => /^(destructive|dangerous|unsafe|insecure|data|loss|destroy|drop|downgrade|unauthenticated|anonymous)$/.test(p)) && !parts.some((p) => /^(no|disable|dry|check)$/.test(p));
}
/** Option names that switch a verification or authentication off (`--no-gpg-verify`, `--disable-auth`, `--skip-signature-check`). */
function checkOff(parts: readonly string[]): boolean {
  const off = parts[0] === 'no' || parts.some((p) => /^(skip|disable|disabled|without|insecure|ignore|unsigned|noauth)$/.test(p));
  // A bare `--no-verify`/`--no-verification` says nothing of what (a scanner's `--no-verification` skips checking found keys).
  return off && parts.some((p) => /^(gpg|gpgcheck|signature|signatures|sig|sigs|signed|auth|authentication|authn|authorization|authz|tls|ssl|cert|certs|certificate|checksum|checksums|integrity)$/.test(p)) && !parts.some((p) => /^(warnings?|prompt|confirm|cache|color|tty|progress|browser|update)$/.test(p));
}
/** Option names that choose an authentication mode, set to none (`--authentication=off`, `--auth none`). */
const AUTH_MODE = /^--?(auth|authentication|auth-mode|auth-type|authn|security|require-auth|access-control|acl-mode)$/i;

/** Hours of a duration (`8760h`, `365d`, `1y`, `52w`, `0`/`never` = never expires), or undefined. */
function hoursOf(text: string): number | undefined {
  if (/^(0|never|none|infinite|unlimited|-1)$/i.test(text)) return Infinity;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w|y|mo)?$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]), unit = (m[2] ?? 's').toLowerCase();
  return unit === 's' ? n / 3600 : unit === 'm' ? n / 60 : unit === 'h' ? n : unit === 'd' ? n * 24 : unit === 'w' ? n * 168 : unit === 'mo' ? n * 720 : n * 8760;
}
const KEY_NOUN = /^(key|keys|authkey|authkeys|preauthkey|preauthkeys|token|tokens|apikey|apikeys|setup|invite|invites|invitation|enrollment|enroll|join)$/;
const EXPIRY = /^--?(expiration|expiry|expires|expire|ttl|lifetime|valid-for|validity|duration|expires-in|max-age)$/i;
const LONG_LIVED_HOURS = 720;

type Reading = KindReading;
/** Verbs of a client's own session with a service: their options change how this client connects, not the service. */
const CLIENT_SESSION = /^(login|logout|signin|sign-in|connect|whoami|ping|status)$/i;

export function protectionLowered(tool: string, reading: Reading): Finding | undefined {
  const valueOf = (o: Reading['options'][number]): string => o.value ?? '';
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 3).map((w) => w.text);
  let how: string | undefined;
  for (const o of reading.options) {
    if (!/^--[a-z]/i.test(o.name) || (VALUE_OFF.test(valueOf(o)) && !AUTH_MODE.test(o.name))) continue;
    const parts = identifierParts(o.name.replace(/^-+/, ''));
    if (allowsHarm(parts)) how = `${o.name} lets it destroy what it would otherwise refuse to`;
    // A client's own session (`acmectl login --no-auth`, stop 30's table) lowers nothing on the service.
    else if (CLIENT_SESSION.test(words[0] ?? '')) continue;
    else if (checkOff(parts)) how = `${o.name} switches a verification or authentication off, so what it trusts or who it lets in is no longer checked`;
    else if (AUTH_MODE.test(o.name) && VALUE_NONE.test(o.value ?? o.next ?? '')) how = `${o.name} ${o.value ?? o.next} lets anyone in without logging in`;
    if (how !== undefined) break;
  }
  if (how === undefined && words.some((w) => identifierParts(w).some((p) => KEY_NOUN.test(p))) && words.some((w) => identifierParts(w).some((p) => /^(create|new|generate|gen|add|issue|mint|make)$/.test(p)))) {
    const reusable = reading.options.find((o) => /^--?(reusable|multi-use|multiuse|unlimited-uses|no-expiry|never-expires|permanent)$/i.test(o.name) && !VALUE_OFF.test(valueOf(o)));
    const life = reading.options.find((o) => EXPIRY.test(o.name) && (hoursOf(o.value ?? o.next ?? '') ?? 0) >= LONG_LIVED_HOURS);
    if (reusable !== undefined || life !== undefined) how = `${[reusable?.name, life !== undefined ? `${life.name} ${life.value ?? life.next}` : undefined].filter(Boolean).join(' ')} makes a key whoever copies it can use again and again, for a long time`;
  }
  return how === undefined ? undefined : loweredFinding(tool, words, how);
}

/** The finding of a protection lowered by an option, on a tool no rule names (also support/floorWeakened.ts's). */
export function loweredFinding(tool: string, words: readonly string[], how: string): Finding {
  return {
    rule: 'verbs.protection-lowered',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${[tool, ...words].join(' ')}\`: ${how} (${tool} has no rules of its own: judged by its options).`,
    targets: [{ kind: 'resource', name: tool, provider: tool, remote: true, environment: 'production', environmentReason: 'a protection lowered (environment not named: treated as production)' }],
  };
}
