import type { Block, Leaf } from './releaseValues';
import { identifierParts } from './cliArgs';

/**
 * A protection lowered by a setting, read by the meaning of its words for any program (issue #18 criteria
 * 1/4/8, stop 38, red team round 28: `riak-admin security disable`, `ceph config set mon
 * mon_allow_pool_delete true`, `gluster volume set v auth.allow '*'`). Data only: the nouns that name a
 * protection and what is lost with each, the verbs and values that lower one, the setting keys that allow
 * destruction or open access. Read through the key-meaning table of `releaseValues.ts` (settings given as
 * `key=value`, `key value` after a set verb, JSON) and by `protectionWordsLowered` (command words: `security
 * disable`, `firewall off`). Allowed look-alikes: the same switched on (`security enable`,
 * `mon_allow_pool_delete false`), read (`security status`, `config get`), a list of named addresses
 * (`auth.allow 10.0.0.5`).
 */

const OPEN = 'anyone on the internet can reach it';
const NO_AUTH = 'anyone who can reach it can use it without signing in';
const NO_BACKUP = 'no new backup or snapshot is taken, so what changes from now on cannot be restored';
const DELETABLE = 'the guard that refused the deletion is gone: one command, by mistake or by anyone holding the credentials, deletes it for good';
const UNSIGNED = 'unsigned or tampered packages, images or commits are accepted as if their authors had made them';
const OFF_VALUE = /^(false|disabled?|off|no|0|inactive|none)$/i;
/** A value that names every address or principal: `*`, `0.0.0.0/0`, `::/0`, `all`, `%` (MySQL's any host), `allUsers`. */
export const OPEN_VALUE = /^(\*|0\.0\.0\.0\/0|::\/0|0\.0\.0\.0|all|any|anyone|everyone|allusers|allauthenticatedusers|%|\*:\*|\*\.\*)$/i;
const opensToAll = (v: string | null): boolean => v !== null && v.trim().replace(/^["']|["']$/g, '').split(/[\s,;]+/).some((x) => OPEN_VALUE.test(x));

/**
 * Protections as a whole, by their nouns (normalised: lower case, separators dropped), switched off by `=false|off|none` or `.enabled=false`.
 * Read only as changes (a setter, `--set`, an edit): a whole file stating them (a chart's values, a manifest) is read by the narrower rows of `releaseValues.ts`.
 */
export const PROTECTION_BLOCKS: readonly Block[] = ([
  { names: /^(firewall|firewalls|firewalld|ufw|packetfilter|pf|advfirewall|windowsfirewall)$/, id: 'firewall-off', what: 'the firewall', lost: 'every port is reachable from the network, not only those the rules allowed' },
  { names: /^(mfa|2fa|twofactor|twofa|multifactor|multifactorauth|totp|otp|webauthn)$/, id: 'auth-weakened', what: 'multi-factor sign-in', lost: 'a stolen or guessed password is enough to sign in' },
  { names: /^(passwordpolicy|passwordpolicies|passwordcomplexity|passwordrequirements|passwordvalidation)$/, id: 'auth-weakened', what: 'the password policy', lost: 'short or well-known passwords are accepted, and can be guessed' },
  { names: /^(signing|signature|signatures|signatureverification|verification|gpgcheck|gpgverify|sigcheck|codesigning|imagesigning|contenttrust|sigverify)$/, id: 'signature-check-off', what: 'signature verification', lost: UNSIGNED },
  { names: /^(versioning|objectversioning)$/, id: 'versioning-off', what: 'versioning', lost: 'overwritten and deleted objects are no longer kept, so they cannot be brought back' },
  { names: /^(backup|backups|autobackup|autobackups|automaticbackups|snapshots|autosnapshot|autosnapshots|pitr|pointintimerecovery)$/, id: 'backups-stopped', what: 'backups', lost: NO_BACKUP },
  { names: /^(acl|acls|accesscontrol|authorization)$/, id: 'auth-off', what: 'access control', lost: NO_AUTH },
  { names: /^(protection|safemode|safeguard|safeguards|deleteprotection)$/, id: 'deletion-protection-off', what: 'the protection', lost: DELETABLE },
  // Stop 39 (round 33: `defaults write com.apple.LaunchServices LSQuarantine -bool false`): a download quarantine or a confinement switched off.
  { names: /^(quarantine|lsquarantine|downloadquarantine|gatekeeper|xprotect|apparmor|selinux|seccomp|confinement)$/, id: 'quarantine-off', what: 'download quarantine or confinement', lost: 'downloaded or compromised programs run unchecked and unconfined' },
] as Block[]).map((b) => ({ ...b, changeOnly: true as const }));

/** Setting keys whose own words lower a protection (the last key of the path, normalised). */
export const PROTECTION_LEAVES: readonly Leaf[] = ([
  // Destruction allowed by a switch (`mon_allow_pool_delete`, `allow_drop_database`, `allowDestructiveOperations`); soft delete and its protections are not.
  { names: /^(?!.*(soft|protect|retention|lock|confirm))[a-z0-9]*(allow|allowed|permit|permitted)[a-z0-9]*(delete|deletion|deletes|drop|drops|destroy|destructive|destruction|truncate|wipe|purge|removal|overwrite|dataloss)[a-z0-9]*$/, lowersWhen: 'on', id: 'deletion-protection-off', what: 'allows the deletion it would otherwise refuse', lost: DELETABLE },
  { names: /^[a-z0-9]*(unsafe|dangerous)[a-z0-9]*$/, lowersWhen: 'on', id: 'safety-checks-off', what: 'allows unsafe operations', lost: 'the checks that refuse a damaging operation are skipped' },
  { names: /^[a-z0-9]*insecure[a-z0-9]*$/, lowersWhen: 'on', id: 'encryption-off', what: 'allows insecure connections', lost: 'traffic may go unencrypted or unverified, readable and changeable by whoever is in between' },
  { names: /^[a-z0-9]*(skip|disable|ignore|bypass|no)(verify|verification|signature|signatures|auth|authentication|tls|ssl|gpg|gpgcheck|cert|certs|certificate|certificates|hostkey|integrity|checksum|checksums)[a-z0-9]*$/, lowersWhen: 'on', id: 'tls-verification-off', what: 'skips a verification', lost: 'what it trusts or who it lets in is no longer checked' },
  // Stop 39 (round 32: `pulumi config set aws:skipCredentialsValidation true`): the provider's check of the credentials or region it is given skipped.
  { names: /^[a-z0-9]*(skip|disable|ignore|bypass|no)(credentials?|region|account|identity|token|key|input|schema)?(validation|validations|validate|verification)[a-z0-9]*$/, lowersWhen: 'on', id: 'tls-verification-off', what: 'skips a validation', lost: 'what it is given is no longer checked before it acts' },
  // Stop 39 (round 32: `pulumi config set bucket:forceDestroy true`, Terraform's `force_destroy`): a delete that empties what it deletes instead of refusing.
  { names: /^[a-z0-9]*force(destroy|delete|deletion|drop|purge|remove|removal)[a-z0-9]*$/, lowersWhen: 'on', id: 'deletion-protection-off', what: 'allows deleting it with everything it holds', lost: DELETABLE },
  // The last copy skipped on delete (`skip_final_snapshot`, `skipFinalBackup`): a deletion keeps nothing to restore from.
  { names: /^[a-z0-9]*skip(final)?(snapshot|backup)[a-z0-9]*$/, lowersWhen: 'on', id: 'backups-stopped', what: 'keeps no last copy when it is deleted', lost: NO_BACKUP },
  // Stop 39 (round 32: `vault write sys/auth/userpass/tune listing_visibility=unauth`): what is listed or shown made visible to whoever has not signed in.
  { names: /^[a-z0-9]*(visibility|visible|listing|exposure)$/, lowersWhen: /^(unauth|unauthenticated|anonymous|anon|public|everyone|world|guest|guests|noauth)$/i, id: 'made-public', what: 'shows it to whoever has not signed in', lost: NO_AUTH },
  { names: /^(is|make|allow|enable|enabled)?public(access|read|readaccess|write|readwrite|listing|ip|network|networkaccess|endpoint|bucket|acl)?(enabled|allowed)?$/, lowersWhen: /^(true|yes|on|1|enabled?)$/i, id: 'made-public', what: 'makes it public', lost: 'anyone on the internet can read it' },
  // Access lists widened to everyone (`auth.allow '*'`, GlusterFS; `hosts allow = 0.0.0.0/0`, Samba; a principal `*`). Django's ALLOWED_HOSTS is a Host header check, not access.
  { names: /^(allow|allowed|allowfrom|hostsallow|allowedips?|allowedaddresses|allowedclients?|allowedprincipals?|principals?|principal|trustedhosts?|trustednetworks?|trustedips?|allowedusers|allowusers|allowip|ipallow|accessallow|allowedsubnets?|allowednetworks?|clientsallowed|allowedcidrs?)$/, lowersWhen: opensToAll, id: 'made-public', what: 'opens access to every address or principal', lost: OPEN },
  { names: /^(retention|retentionperiod|retentionhours|retentioncount|retentiontime|retentionms|keepdays|keepsnapshots|keepbackups|maxbackups|backupcount|snapshotretention)$/, lowersWhen: /^0+$/, id: 'backup-retention-off', what: 'keeps nothing', lost: 'old backups, snapshots or messages are deleted at once, so nothing can be brought back' },
  // Scheduled snapshots or backups switched off (`TIMELINE_CREATE=no`, snapper; `auto_backup=false`; `snapshot_schedule=off`).
  { names: /^(timeline|snapshot|snapshots|backup|backups|auto|automatic|scheduled)(create|creation|enabled?|schedule|scheduled|auto|automatic|snapshots?|backups?)$/, lowersWhen: OFF_VALUE, id: 'backups-stopped', what: 'stops scheduled snapshots or backups', lost: NO_BACKUP },
] as Leaf[]).map((l) => ({ ...l, changeOnly: true as const }));

/** Every word the table above reads, for the key-meaning table's cheap test. */
export const PROTECTION_KEY_WORDS = /quarantine|gatekeeper|xprotect|apparmor|selinux|seccomp|confinement|allow|valid|force|visib|listing|exposure|permit|unsafe|dangerous|insecure|skip|bypass|ignore|public|firewall|ufw|mfa|2fa|two.?factor|totp|otp|webauthn|password|sign|verif|gpg|versioning|backup|snapshot|timeline|pitr|point.?in.?time|retention|principal|trusted|safe.?mode|safeguard|protect/;

/** Protections named by a command word, with what switching each off loses. */
const NOUNS: readonly { names: RegExp; what: string; id: string; lost: string }[] = [
  { names: /^(security|auth|authentication|authn|authorization|authz|acl|acls|rbac|accesscontrol)$/, id: 'auth-off', what: 'authentication and authorization', lost: NO_AUTH },
  { names: /^(tls|ssl|https|mtls|encryption|encrypt)$/, id: 'encryption-off', what: 'encryption', lost: 'data is stored or sent unencrypted, readable by whoever copies or intercepts it' },
  { names: /^(audit|auditing|auditlog|auditlogs|auditlogging)$/, id: 'audit-off', what: 'audit logging', lost: 'what is done there is no longer recorded' },
  ...PROTECTION_BLOCKS.filter((b) => b.id !== 'auth-off'),
];

/** Verbs and values that switch what they follow off. */
const LOWERS = /^(disable|disabled|off|deactivate|bypass|insecure|allowall|suspend|pause|stop|false|none|no|0)$/;
/** Words that read, switch on or concern one account: the command does not lower the protection itself. */
const NOT_LOWERING = /^(status|list|ls|show|get|describe|info|check|test|help|enable|enabled|on|true|verify|validate|user|users|account|accounts|member|members|key|keys|token|tokens|role|roles|rule|rules|policy|policies|client|clients|login|logout|whoami|print|inspect|export)$/;

/** A protection switched off by command words (`security disable`, `acl disable`, `firewall off`, `versioning suspend`, `auth:disable`). */
export function protectionWordsLowered(positionals: readonly string[]): { id: string; does: string; lost: string } | undefined {
  const words: string[] = [];
  // Six words: a context and its object before the switch (`netsh advfirewall set allprofiles state off`, stop 40).
  for (const p of positionals.slice(0, 6)) {
    if (!/^[A-Za-z0-9][\w:-]*$/.test(p) || p.length > 40) break;
    words.push(p);
  }
  const parts = words.flatMap((w) => identifierParts(w));
  if (parts.some((p) => NOT_LOWERING.test(p))) return undefined;
  const noun = NOUNS.find((n) => words.some((w) => n.names.test(w.toLowerCase().replace(/[^a-z0-9]/g, '')) || identifierParts(w).some((p) => n.names.test(p))));
  // The lowering word is a command word of its own or glued to the noun (`security-disable`, `disableAuth`), never a value far behind.
  const verb = words.find((w) => identifierParts(w).some((p) => LOWERS.test(p)) && identifierParts(w).every((p) => LOWERS.test(p) || NOUNS.some((n) => n.names.test(p))));
  if (noun === undefined || verb === undefined || (/^(false|none|no|0)$/i.test(verb) && words.indexOf(verb) === 0)) return undefined;
  return { id: noun.id, does: `switches ${noun.what} off (${words.join(' ')})`, lost: noun.lost };
}

/** The words `protectionWordsLowered` needs (one test over the joined words). */
export const PROTECTION_NOUN_WORDS = /quarantine|gatekeeper|xprotect|apparmor|selinux|seccomp|confinement|secur|auth|acl|rbac|access.?control|tls|ssl|https|encrypt|audit|firewall|ufw|\bpf\b|mfa|2fa|two.?factor|totp|otp|webauthn|password|sign|verif|gpg|sig|versioning|backup|snapshot|pitr|point.?in.?time|protect|safe.?mode|safeguard/;
