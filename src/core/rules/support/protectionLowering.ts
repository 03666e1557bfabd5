import { identifierParts } from './cliArgs';
import { protectionLostBy } from './releaseValues';
import { PROTECTION_NOUN_WORDS } from './protectionLexicon';

/**
 * Protection lowered without a destroying verb (issue #18 item 4; red team rounds 11 and 12), read from
 * any CLI's words by the safety-net pack (`rules/safetyNet.ts`, `removalOf`): alerting silenced for
 * everything, sign-in or authorisation switched off, a network opened to every address, a resource made
 * reachable from the internet, every retention count set to zero, backups stopped by their own tool,
 * persistent storage switched off in a chart's values, and credentials regenerated or identities
 * disabled (every client holding the old ones is cut off). Each names what is lost.
 */

export interface Lowering {
  id: string;
  does: string;
  lost: string;
  /** What the change amounts to when it is not a safety net removed. */
  effect?: string;
}

interface WordsLike {
  positionals: readonly string[];
  options: readonly { name: string; bare: string; value: string | undefined }[];
  all: readonly string[];
}

const SILENCED = 'alerts stop reaching anyone, so an outage or a data loss goes unnoticed';
const NO_AUTH = 'anyone who can reach it can use it without signing in';
const OPEN_NETWORK = 'anyone on the internet can reach it';
const PUBLIC = 'anyone on the internet can read it';
const CUT_OFF = 'every client still holding the old credentials is cut off until it is given the new ones';

/** A matcher or scope that selects everything: `*`, `.*`, `.+`, `alertname=~.+`, `name=~".*"`. */
const MATCH_ALL = /^(\*|\.\*|\.\+|[\w.-]+=~["']?\.[*+]["']?|[\w.-]+!=["']?["']?)$/;

/** Alerting silenced for everything (`amtool silence add alertname=~.+`, `dog downtime post '*'`, `dogshell monitor mute_all`). */
function silencedAll(parts: readonly string[], w: WordsLike): Lowering | undefined {
  if (parts.includes('muteall') || (parts.includes('mute') && parts.includes('all'))) return { id: 'alerts-silenced', does: 'mutes every monitor', lost: SILENCED };
  // Alarms or alert policies switched off (`aws cloudwatch disable-alarm-actions`, `az monitor metrics alert update --enabled false`).
  const alerting = parts.some((p) => /^(alarm|alarms|alert|alerts|alerting|monitor|monitors|monitoring)$/.test(p));
  const switchedOff = parts.some((p) => /^(disable|mute|pause|snooze)$/.test(p)) || w.options.some((o) => (o.bare === 'enabled' && OFF.test(o.value ?? '')) || o.bare === 'no-enabled' || o.bare === 'disabled');
  if (alerting && switchedOff && !parts.some((p) => /^(list|describe|show|get|enable|unmute|resume|create)$/.test(p))) return { id: 'alerts-silenced', does: 'switches alerting off', lost: SILENCED };
  if (!parts.some((p) => /^(silence|silences|mute|downtime|downtimes|snooze|maintenance)$/.test(p))) return undefined;
  if (parts.some((p) => /^(expire|delete|remove|unmute|cancel|query|list|ls|get|show|import)$/.test(p))) return undefined;
  const scope = [...w.positionals, ...w.options.filter((o) => /^(scope|matcher|matchers|filter|selector|query)$/.test(o.bare)).map((o) => o.value ?? '')].find((x) => MATCH_ALL.test(x.trim()));
  return scope !== undefined ? { id: 'alerts-silenced', does: `silences every alert (matching ${scope})`, lost: SILENCED } : undefined;
}

/** An open incident resolved or closed by hand (`pd incident resolve --ids P1`, `opsgenie alert close`): the on-call is no longer paged for it. */
function incidentClosed(parts: readonly string[]): Lowering | undefined {
  if (!parts.some((p) => /^(incident|incidents|alert|alerts)$/.test(p)) || !parts.some((p) => /^(resolve|close)$/.test(p))) return undefined;
  return { id: 'incident-resolved', does: 'resolves an open incident', lost: 'the on-call is no longer paged or escalated for it, so an outage still under way can go unattended' };
}

/** A tool's own safety checks switched off (`kopia maintenance run --safety=none`, `--no-safety`, `--skip-safety-checks`). */
function safetyOff(w: WordsLike): Lowering | undefined {
  const o = w.options.find((x) => { const parts = identifierParts(x.bare); return parts.includes('safety') && (OFF.test(x.value ?? '') || NEGATED.test(x.bare) || parts.includes('skip')); });
  return o !== undefined ? { id: 'safety-checks-off', does: `switches its safety checks off (${o.name}${o.value !== undefined ? `=${o.value}` : ''})`, lost: 'the checks that keep it from deleting data still in use (content of snapshots being written, recent objects) are skipped' } : undefined;
}

const NEGATED = /^(no|disable|disabled|skip|without|remove|clear)-/;
const OFF = /^(false|off|disabled?|none|no|0)$/i;

/** Sign-in or authorisation switched off: `--no-auth`, `--advanced-security-options Enabled=false`, `authorizationType … NONE`, `--enable-legacy-authorization`. */
function authOff(parts: readonly string[], w: WordsLike): Lowering | undefined {
  // Only a change to something that exists: a client's own `--no-auth` (skip signing in for this call) is not.
  if (!parts.some((p) => /^(update|set|modify|patch|config|configure|edit|disable|enable)$/.test(p))) return undefined;
  for (const o of w.options) {
    const parts = identifierParts(o.bare);
    if (o.bare === 'enable-legacy-authorization' && !OFF.test(o.value ?? '')) return { id: 'auth-weakened', does: 'switches the cluster to legacy (attribute-based) authorization', lost: 'every account gets the broad legacy permissions, bypassing role-based access control' };
    // `--no-enable-legacy-authorization` switches the weaker mode off.
    if (!parts.some((p) => /^(auth|authentication|authorization|authorisation|security|authn|authz|rbac)$/.test(p)) || parts.includes('legacy')) continue;
    // `az aks update --disable-rbac`: the cluster's role-based access control switched off.
    if (parts.includes('rbac') && NEGATED.test(o.bare) && !/^no-(skip|disable)/.test(o.bare)) return { id: 'auth-off', does: `switches role-based access control off (${o.name})`, lost: 'every account that reaches the cluster can do anything in it, not only what its roles allowed' };
    const value = o.value ?? '';
    if (/^auth-token-update-strategy$/.test(o.bare) && /^delete$/i.test(value)) return { id: 'auth-off', does: 'deletes the server\'s auth token (--auth-token-update-strategy DELETE)', lost: NO_AUTH };
    if ((NEGATED.test(o.bare) && !/^no-(skip|disable)/.test(o.bare)) || (/^(auth|auth-type|authentication|authentication-type|authorization|authorization-type|auth-mode)$/.test(o.bare) && /^(none|off|false|disabled|anonymous)$/i.test(value)) || /\bEnabled\s*["']?\s*[=:]\s*["']?false\b/i.test(value)) {
      return { id: 'auth-off', does: `switches authentication off (${o.name}${value !== '' ? ` ${value}` : ''})`, lost: NO_AUTH };
    }
  }
  // Cloud Run without the invoker check: anyone on the internet can call the service.
  const noCheck = w.options.find((o) => /^no-(invoker-)?iam-check$/.test(o.bare));
  if (noCheck) return { id: 'auth-off', does: `turns the invoker IAM check off (${noCheck.name})`, lost: NO_AUTH };
  // AWS patch operations: `op=replace,path=/authorizationType,value=NONE`.
  const patch = w.all.find((x) => /path=\/?authori[sz]ationType\b[^\s]*value=NONE\b/i.test(x) || /"path"\s*:\s*"\/?authori[sz]ationType"[^}]*"value"\s*:\s*"NONE"/i.test(x));
  return patch !== undefined ? { id: 'auth-off', does: 'sets the method\'s authorization type to NONE', lost: NO_AUTH } : undefined;
}

const CLEAR = 'data is stored or sent unencrypted, readable by whoever copies or intercepts it';

/** Encryption at rest or in transit switched off (`--no-storage-encrypted`, `--ssl-enforcement Disabled`, `--min-tls-version TLS1_0`). */
function encryptionOff(parts: readonly string[], w: WordsLike): Lowering | undefined {
  if (!parts.some((p) => /^(update|set|modify|patch|config|configure|edit|disable|put|replace)$/.test(p))) return undefined;
  for (const o of w.options) {
    const oparts = identifierParts(o.bare);
    // A client's own certificate checks (`--no-verify-ssl`) are not the resource's encryption.
    if (!oparts.some((p) => /^(encrypt|encrypted|encryption|ssl|tls)$/.test(p)) || oparts.some((p) => /^(verify|cert|ca|key)$/.test(p))) continue;
    const value = o.value ?? '';
    if (/^min-tls-version$/.test(o.bare) && /^(tls)?[-_]?1[._]?[01]$/i.test(value)) return { id: 'encryption-weakened', does: `allows ${/^tls/i.test(value) ? value : `TLS ${value}`} (${o.name})`, lost: 'clients may connect over broken TLS versions, readable by whoever intercepts them' };
    if (oparts.includes('non') && /^(enable|enable-non-ssl-port)/.test(o.bare) && !OFF.test(value)) return { id: 'encryption-off', does: `opens an unencrypted port (${o.name})`, lost: CLEAR };
    if ((NEGATED.test(o.bare) && !/^no-(skip|disable)/.test(o.bare)) || OFF.test(value) || /^(none|disabled?|allow-?unencrypted)$/i.test(value)) return { id: 'encryption-off', does: `switches encryption off (${o.name}${value !== '' ? ` ${value}` : ''})`, lost: CLEAR };
    // The whole configuration replaced by an empty one (`--server-side-encryption-configuration '{}'`, `{"Rules":[]}`).
    if (o.value !== undefined && EMPTY_STRUCTURE.test(value)) return { id: 'encryption-off', does: `replaces the encryption configuration with an empty one (${o.name} ${value.trim()})`, lost: CLEAR };
  }
  return undefined;
}

const EMPTY_STRUCTURE = /^\s*(\{\s*\}|\[\s*\]|""|\{\s*"?\w+"?\s*:\s*(\[\s*\]|\{\s*\}|null)\s*\})?\s*$/;

/** Words of an option that name a protective setting (`uniform-bucket-level-access`, `public-access-prevention`, `require-ssl`, `enable-shielded-nodes`). */
const PROTECTIVE = /^(uniform|protection|prevention|private|secure|shielded|authorized|restrict|restricted|restrictions|versioning|enforce|enforced|enforcement|require|required|mfa|2fa|encryption|encrypted)$/;

/** A protective setting negated on a change (`gcloud storage buckets update --no-uniform-bucket-level-access`, `--no-enable-shielded-nodes`). */
function protectiveOptionNegated(parts: readonly string[], w: WordsLike): Lowering | undefined {
  if (!parts.some((p) => /^(update|set|modify|patch|config|configure|edit)$/.test(p))) return undefined;
  const o = w.options.find((x) => /^(no|disable)-/.test(x.bare) && !/^no-(skip|disable)/.test(x.bare) && identifierParts(x.bare).some((p) => PROTECTIVE.test(p)) && !OFF.test(x.value ?? ''));
  return o ? { id: 'protection-negated', does: `turns a protective setting off (${o.name})`, lost: 'what the setting kept private, locked or checked no longer is' } : undefined;
}

/** A retention setting given as `key=0` (`scw rdb instance update id backup-schedule-retention=0`). */
function retentionZeroSetting(w: WordsLike): Lowering | undefined {
  const kv = w.positionals.find((x) => /^[A-Za-z][\w.-]*=0+$/.test(x) && identifierParts(x.split('=')[0]!).some((p) => p === 'retention' || p === 'retain') && identifierParts(x.split('=')[0]!).some((p) => /^(backup|backups|snapshot|snapshots|schedule|retention)$/.test(p)));
  return kv !== undefined ? { id: 'backup-retention-off', does: `sets ${kv}`, lost: 'automated backups stop, and existing ones may be deleted' } : undefined;
}

/** A network opened to every address: `0.0.0.0/0` in an allow-list, an inbound default policy of accept, an authorised range emptied, access restrictions removed, ingress made external. */
function networkOpened(parts: readonly string[], w: WordsLike): Lowering | undefined {
  const changes = parts.some((p) => /^(update|set|modify|patch|config|configure|edit)$/.test(p));
  for (const o of w.options) {
    const value = o.value ?? '';
    if (/(authorized|allowed|allow|trusted)-(ip|ips|networks|cidrs|ranges|ip-ranges|source-ranges)|ip-allow-?list|authorized-ip-ranges/.test(o.bare) && (value === '' || /^(0\.0\.0\.0\/0|::\/0|\*)$/.test(value)) && o.value !== undefined) {
      return { id: 'network-opened', does: `${value === '' ? 'empties' : 'opens'} the allowed address ranges (${o.name} ${value === '' ? "''" : value})`, lost: OPEN_NETWORK };
    }
    if (/(inbound|ingress)-?(default-)?policy/.test(o.bare) && /^(accept|allow)$/i.test(value)) return { id: 'network-opened', does: `sets the inbound default policy to ${value}`, lost: OPEN_NETWORK };
    // A cluster's network policy enforcement switched off on a change (`gcloud container clusters update --no-enable-network-policy`, `--network-policy none`).
    if (changes && /(^|-)network-polic(y|ies)$/.test(o.bare) && ((NEGATED.test(o.bare) && !/^no-(skip|disable)/.test(o.bare)) || (o.value !== undefined && /^(none|false|off|disabled?)$/i.test(value)))) return { id: 'network-opened', does: `switches network policy enforcement off (${o.name}${o.value !== undefined ? ` ${value}` : ''})`, lost: 'every pod can reach every other, not only those the network policies allowed' };
  }
  const kv = w.positionals.find((x) => /^(inbound|ingress)[_-]?(default[_-]?)?policy=(accept|allow)$/i.test(x));
  if (kv !== undefined) return { id: 'network-opened', does: `sets ${kv}`, lost: OPEN_NETWORK };
  if (parts.includes('access') && parts.includes('restriction') && parts.some((p) => /^(remove|delete|rm)$/.test(p))) return { id: 'network-opened', does: 'removes an access restriction rule', lost: 'addresses that rule kept out can reach it again' };
  if (parts.includes('ingress') && parts.includes('enable') && w.options.some((o) => /^(type|ingress)$/.test(o.bare) && /^external$/i.test(o.value ?? ''))) return { id: 'network-opened', does: 'turns on external ingress', lost: OPEN_NETWORK };
  return undefined;
}

const UNWATCHED = 'who reads, changes or deletes what is no longer recorded, so a leak or a deletion cannot be traced';

/** Access or audit logging switched off on a change: an empty logging configuration put (`aws s3api put-bucket-logging --bucket-logging-status '{}'`), `--no-enable-…-logging`, `--logging off`. */
function loggingOff(parts: readonly string[], w: WordsLike): Lowering | undefined {
  if (!parts.some((p) => /^(update|set|modify|patch|config|configure|edit|put|replace)$/.test(p))) return undefined;
  for (const o of w.options) {
    const oparts = identifierParts(o.bare);
    if (!oparts.some((p) => /^(logging|audit|auditing)$/.test(p))) continue;
    const value = o.value ?? '';
    const negated = NEGATED.test(o.bare) && !/^no-(skip|disable)/.test(o.bare);
    if (negated || (o.value !== undefined && (OFF.test(value) || EMPTY_STRUCTURE.test(value)))) return { id: 'audit-off', does: `switches logging off (${o.name}${o.value !== undefined ? ` ${value.trim() === '' ? "''" : value.trim()}` : ''})`, lost: UNWATCHED };
  }
  return undefined;
}

/** Made reachable or readable from the internet: `--acl-public`, `--publicly-accessible`, a public IP assigned, a dev URL enabled, `--public` on a visibility change, a database file published. */
function madeReachable(parts: readonly string[], w: WordsLike): Lowering | undefined {
  const creating = parts.includes('create');
  for (const o of w.options) {
    if (OFF.test(o.value ?? '')) continue;
    if (o.bare === 'acl-public') return { id: 'made-public', does: 'sets a public ACL (--acl-public)', lost: PUBLIC };
    if (!creating && /^(publicly-accessible|assign-ip|enable-public-ip|public-ip|assign-public-ip)$/.test(o.bare)) return { id: 'made-public', does: `gives it a public address (${o.name})`, lost: OPEN_NETWORK };
    if (!creating && o.bare === 'public' && parts.some((p) => /^(visibility|acl|permissions|privacy|settings|share|sharing)$/.test(p))) return { id: 'made-public', does: 'makes it public (--public)', lost: PUBLIC };
    if (/^public-network-access$/.test(o.bare) && /^enabled$/i.test(o.value ?? '')) return { id: 'made-public', does: `enables public network access`, lost: OPEN_NETWORK };
  }
  if (parts.includes('dev') && parts.includes('url') && parts.includes('enable')) return { id: 'made-public', does: 'enables the public development URL', lost: PUBLIC };
  if (parts[0] === 'publish' && w.positionals.some((x) => /\.(db|sqlite3?|duckdb)$/i.test(x))) return { id: 'made-public', does: `publishes the database ${w.positionals.find((x) => /\.(db|sqlite3?|duckdb)$/i.test(x))} as a public site`, lost: PUBLIC };
  return undefined;
}

/** Every retention count of a backup policy set to zero (`kopia policy set --keep-latest 0 --keep-daily 0 …`). */
function keepsNothing(w: WordsLike): Lowering | undefined {
  const keeps = w.options.filter((o) => /^(keep|retain)(-[a-z]+)?$/.test(o.bare));
  if (keeps.length === 0 || !keeps.every((o) => /^0+$/.test(o.value ?? ''))) return undefined;
  return { id: 'backup-retention-off', does: `keeps no snapshot (${keeps.map((o) => `${o.name} 0`).join(' ')})`, lost: 'old snapshots are deleted at the next maintenance, so nothing can be restored' };
}

/** Backtracking (Aurora's rewind window) set to zero. */
function backtrackOff(w: WordsLike): Lowering | undefined {
  const o = w.options.find((x) => /backtrack/.test(x.bare) && /^0+$/.test(x.value ?? ''));
  return o ? { id: 'point-in-time-recovery-off', does: `turns backtracking off (${o.name} 0)`, lost: 'the cluster can no longer be rewound to a moment before a mistake' } : undefined;
}

/** Backup tools told to stop (`pgbackrest stop`), or a backup location made read-only (`velero backup-location set --access-mode ReadOnly`). */
export const BACKUP_DAEMONS = new Set(['pgbackrest', 'barman', 'wal-g', 'wal-e', 'pgbarman']);

function backupsHalted(name: string, parts: readonly string[], w: WordsLike): Lowering | undefined {
  if (BACKUP_DAEMONS.has(name) && /^(stop|pause|suspend)$/.test(w.positionals[0] ?? '')) return { id: 'backups-stopped', does: `stops backups and WAL archiving (${name} ${w.positionals[0]})`, lost: 'no new backup or archived WAL is taken, so recent changes cannot be restored' };
  if (parts.includes('backup') && w.options.some((o) => o.bare === 'access-mode' && /^read-?only$/i.test(o.value ?? ''))) return { id: 'backups-stopped', does: 'makes the backup location read-only', lost: 'no new backup can be written there, so recent changes cannot be restored' };
  return undefined;
}

/** Persistent storage switched off in a chart's or a service's settings (`--set persistence.enabled=false`). */
function persistenceOff(name: string, parts: readonly string[], w: WordsLike): Lowering | undefined {
  // Only what changes a live release or service (`helm template` renders).
  if (!parts.some((p) => /^(upgrade|install|apply|deploy|update|set|sync)$/.test(p))) return undefined;
  const words = [...w.all, ...w.options.map((o) => o.value ?? '')];
  for (const word of words) {
    for (const kv of word.split(',')) {
      const m = /^([A-Za-z][\w.-]*)=(false|off|no|0)$/i.exec(kv.trim());
      if (m && identifierParts(m[1]!).some((p) => p === 'persistence' || p === 'persistent')) return { id: 'persistence-off', does: `sets ${m[1]}=${m[2]}`, lost: 'the data lives only in the container and is lost at its next restart or upgrade (a chart may delete the volume)' };
      // A live release's protection switched off by a value (`werf converge`-style upgrades); Helm and Argo CD are read by `rules/releaseProtection.ts`.
      const off = m && name !== 'helm' && name !== 'argocd' && parts[0] === 'upgrade' ? protectionLostBy({ path: m[1]!.split('.'), value: m[2]! }) : undefined;
      if (off && off.id !== 'persistence-off') return { id: off.id, lost: off.lost, does: `sets ${m![1]}=${m![2]}` };
    }
  }
  return undefined;
}

/** Credentials regenerated, renewed or reset (`az storage account keys renew`, `az redis regenerate-keys`), a service password replaced, an identity disabled. */
function credentialsReplaced(parts: readonly string[], w: WordsLike): Lowering | undefined {
  const verb = parts.find((p) => /^(regenerate|renew|rotate|roll)$/.test(p));
  // Renewing a token or a lease extends it (`vault token renew`); renewing a key replaces it (`az storage account keys renew`).
  const noun = parts.find((p) => /^(key|keys|password|passwords|credential|credentials|accesskey|accesskeys)$/.test(p) || (verb !== 'renew' && /^(secret|secrets|token|tokens)$/.test(p)));
  if (verb !== undefined && noun !== undefined && !parts.some((p) => /^(list|show|get|describe)$/.test(p))) return { id: 'credentials-replaced', does: `${verb === 'roll' || verb === 'rotate' ? 'rotates' : verb === 'renew' ? 'renews' : 'regenerates'} the ${noun}`, lost: CUT_OFF, effect: 'working clients are cut off' };
  // A server password set through a configuration update (`--update-redis-config requirepass=…`).
  const changes = parts.some((p) => /^(update|set|patch|modify|config)$/.test(p));
  const setting = !changes ? undefined : [...w.positionals, ...w.options.map((o) => o.value ?? '')].flatMap((x) => x.split(',')).find((x) => /^\s*(requirepass|masterauth|masterpassword|admin[-_]?password|root[-_]?password)\s*=/i.test(x));
  if (setting !== undefined) return { id: 'credentials-replaced', does: `sets a new server password (${setting.split('=')[0]!.trim()})`, lost: CUT_OFF, effect: 'working clients are cut off' };
  // `gcloud iam service-accounts disable`, `… users disable`: whatever signs in as it stops working.
  const disables = parts.some((p) => /^(disable|deactivate|suspend)$/.test(p));
  const identity = parts.find((p) => /^(accounts?|users?|principals?|identities|identity|serviceaccounts?|sa)$/.test(p));
  if (disables && identity !== undefined) return { id: 'identity-disabled', does: 'disables an identity', lost: 'every service and person signing in as it stops working at once', effect: 'working clients are cut off' };
  return undefined;
}

/**
 * Every word any reader below looks for, as one test over the joined words: most invocations name none
 * of them and are passed over at the cost of one match (a reader added below must add its words here).
 */
export const TRIGGER = new RegExp(`${/incident|alert|logging|audit|safety|network|polic|rbac|audit|mute|silence|downtime|snooze|maintenance|alarm|monitor|auth|secur|iam|encrypt|ssl|tls|retention|retain|keep|allow|trusted|inbound|ingress|restriction|public|assign-ip|dev.?url|publish|backtrack|backup|persisten|regenerate|renew|rotate|roll|password|requirepass|masterauth|disable|deactivate|suspend|uniform|prevention|shielded|versioning|enforce|require|protect|private|restrict|mfa|2fa/.source}|${PROTECTION_NOUN_WORDS.source}`, 'i');

/** `parts`: the word parts of the first subcommand words, as the safety-net pack has them (worked out once per invocation). */
export function protectionLowered(name: string, w: WordsLike, parts: readonly string[]): Lowering | undefined {
  if (!BACKUP_DAEMONS.has(name) && !TRIGGER.test(w.all.join(' '))) return undefined;
  return silencedAll(parts, w) ?? incidentClosed(parts) ?? safetyOff(w) ?? authOff(parts, w) ?? encryptionOff(parts, w) ?? retentionZeroSetting(w) ?? networkOpened(parts, w) ?? loggingOff(parts, w) ?? madeReachable(parts, w) ?? keepsNothing(w) ?? backtrackOff(w) ?? backupsHalted(name, parts, w) ?? persistenceOff(name, parts, w) ?? credentialsReplaced(parts, w) ?? protectiveOptionNegated(parts, w);
}

/**
 * A JSON Patch that switches something off in production (`{"op":"replace","path":"/environments/production/on","value":false}`,
 * LaunchDarkly's kill switch): the feature stops for every production user at once. Read in HTTP request bodies.
 */
export function productionSwitchOff(body: string): Lowering | undefined {
  if (!/"op"\s*:\s*"(replace|add)"/.test(body)) return undefined;
  const m = /"path"\s*:\s*"([^"]*\/(?:production|prod)\/[^"]*)"[^{}]*?"value"\s*:\s*false\b|"value"\s*:\s*false\b[^{}]*?"path"\s*:\s*"([^"]*\/(?:production|prod)\/[^"]*)"/.exec(body);
  if (!m) return undefined;
  return { id: 'production-switched-off', does: `switches ${m[1] ?? m[2]} off`, lost: 'what it turns on stops for every production user at once', effect: 'production is changed' };
}
