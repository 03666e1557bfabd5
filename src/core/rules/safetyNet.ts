import { ownTable } from '../ownTable';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { READ_ONLY_COMMANDS, EFFECT_RULES } from '../policy/effects';
import { describesOptions } from '../policy/effectOptions';
import { freeFormReadings, freeFormValues, optionValue } from '../registry/freeForm';
import { isSharedDryRun, verbTraitsOf } from '../registry/verbTraits';
import { identifierParts } from './support/cliArgs';
import { retentionCut } from './support/dataRetention';
import { BACKUP_DAEMONS, productionSwitchOff, protectionLowered, TRIGGER as LOWERING_WORDS } from './support/protectionLowering';
import { settingLowered, SETTING_WORDS } from './support/settingWrites';
import { protectionWordsLowered } from './support/protectionLexicon';

/**
 * Removing the safety net: changes that leave data one step from loss without destroying anything
 * yet. Backup retention set to zero or backups switched off, point-in-time recovery or versioning
 * suspended, deletion protection and resource locks removed, lifecycle rules that expire everything,
 * snapshots, backups and recovery points deleted, backup repositories pruned, branch protection
 * removed, a private resource made public, a secrets engine or audit device disabled. Judged by what
 * the words mean, for any CLI (cloud CLIs, object-store clients, backup tools, `gh api`, `curl`): each
 * asks, and its reason says which protection is lost.
 */

/** One protection a command removes: what it does, and what is lost with it. */
interface Removal {
  id: string;
  /** What the command does, as a clause: 'sets backup retention to 0'. */
  does: string;
  /** What is lost: 'automated backups stop and the existing ones are deleted'. */
  lost: string;
  /** What the change amounts to, when it is not a safety net removed ('working clients are cut off'). */
  effect?: string;
}

interface Words {
  /** Operands and subcommand words, in order. */
  positionals: string[];
  /** Options with their value (glued after '=' or the next word when it is not an option). */
  options: { name: string; bare: string; value: string | undefined }[];
  all: string[];
  /** Identifier parts of the first positionals (pathParts), worked out on first use. */
  parts?: string[];
}

/** The last argument list read: removalOf and checkSafetyNet read the same invocation one after the other. */
let lastRead: { args: readonly ArgWord[]; words: Words } | undefined;

/**
 * The words as the one grammar reads them with no description: operands from the reading where every
 * option is a switch (a possible value stays an operand), each option's value from the reading where
 * it takes the next word.
 */
function wordsOf(args: readonly ArgWord[]): Words {
  if (lastRead?.args === args) return lastRead.words;
  const { usual, valued } = freeFormReadings(args);
  const words: Words = {
    positionals: usual.operands.map((w) => w.text),
    options: valued.options.map((o) => ({ name: o.name, bare: o.name.replace(/^-+/, '').toLowerCase(), value: optionValue(o) })),
    all: args.map((a) => a.text),
  };
  lastRead = { args, words };
  return words;
}

/** Options and settings that name a protection (`--backup-retention-period`, `--enable-delete-retention`, `--versioning`). */
const PROTECTION = /(backup|retention|retain-period|versioning|deletion-?protection|delete-?protection|termination-?protection|point-?in-?time|pitr|soft-?delete|purge-?protection|object-?lock|mfa-?delete|(scheduled|automatic|automated|auto)-?snapshots?|snapshot-?(retention|schedule))/i;
/** Values that switch something off. */
const OFF = /^(false|off|disabled?|inactive|suspend(ed)?|0+(\.0+)?\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?|y|years?)?|none|no)$/i;
/** The same inside a structured value: `Status=Suspended`, `PointInTimeRecoveryEnabled=false`, `"Enabled": false`. */
const OFF_INSIDE = /(?:^|[\s,{"'])([A-Za-z_]*(?:Backup|Retention|Versioning|Protection|PointInTime|Pitr|SoftDelete|ObjectLock|MFADelete|Status|Enabled)[A-Za-z_]*)["']?\s*[=:]\s*["']?(false|off|disabled|suspended|0|null)\b/i;

function protectionOff(w: Words): Removal | undefined {
  for (const o of w.options) {
    const bare = o.bare;
    // Turning off the switch that disables termination or stopping (EC2's API termination protection).
    if (/^no-disable-api-(termination|stop)$/.test(bare)) return { id: 'deletion-protection-off', does: `turns ${bare.slice('no-disable-api-'.length)} protection off (${o.name})`, lost: LOST['deletion protection']! };
    if (bare === 'public-access-block-configuration' && /=\s*false\b/i.test(o.value ?? '')) return { id: 'public-access-block-removed', does: `turns the block on public access off (${o.value})`, lost: 'nothing stops the data from being made public any more' };
    // `--attribute disableApiTermination --value false` (EC2's attribute/value spelling).
    if (bare === 'attribute' && /^disableApi(Termination|Stop)$/i.test(o.value ?? '') && w.options.some((v) => v.bare === 'value' && /^false$/i.test(v.value ?? ''))) {
      return { id: 'deletion-protection-off', does: `turns ${(o.value ?? '').slice('disableApi'.length).toLowerCase()} protection off (--attribute ${o.value} --value false)`, lost: LOST['deletion protection']! };
    }
    if (/^disable-api-(termination|stop)$/.test(bare) && /(^|=)false$/i.test(o.value ?? '')) return { id: 'deletion-protection-off', does: `sets ${o.name} ${o.value}`, lost: LOST['deletion protection']! };
    if (!PROTECTION.test(bare)) continue;
    const reduced = shortRetention(o);
    if (reduced) return reduced;
    const named = /soft|delete-retention/.test(bare) ? 'soft delete' : /retention|retain-period/.test(bare) ? 'backup retention' : /versioning|mfa/.test(bare) ? 'versioning' : /point|pitr/.test(bare) ? 'point-in-time recovery' : /protection|lock/.test(bare) ? 'deletion protection' : /soft/.test(bare) ? 'soft delete' : 'backups';
    // `--no-backup`, `--disable-versioning`, and camelCase (`--disableTerminationProtection`, MongoDB Atlas CLI).
    const negated = (/^(no|disable|skip|without|clear|remove)-/.test(bare) && !/^no-(skip|disable)/.test(bare)) || /^-*(no|disable|skip|without|remove)(?=[A-Z])/.test(o.name);
    const value = o.value ?? '';
    const switchedOff = negated || OFF.test(value) || (OFF_INSIDE.test(value) && /versioning|point|pitr|backup|protection|retention/i.test(bare + value));
    if (!switchedOff) continue;
    // A negated option that takes a value (`--no-x false`) is not read further; an explicit value decides.
    return {
      id: `${named.replace(/[^a-z]+/g, '-')}-off`,
      does: negated ? `turns ${named} off (${o.name})` : `sets ${o.name} to ${value}`,
      lost: LOST[named] ?? 'a protection against losing data is removed',
    };
  }
  for (const word of w.all) {
    // `is-backup-schedule-disabled=true`, `backup_enabled=false`: a key=value setting that names a protection and switches it off.
    const kv = /^([A-Za-z][A-Za-z0-9_.-]*)=(true|false|off|on|yes|no)$/i.exec(word);
    if (kv) {
      const parts = identifierParts(kv[1]!);
      const protection = parts.find((p) => /^(backup|backups|retention|versioning|protection|pitr|snapshot|snapshots)$/.test(p));
      const negated = parts.some((p) => /^(disabled|disable|off|skip|no)$/.test(p));
      const on = /^(true|on|yes)$/i.test(kv[2]!);
      if (protection !== undefined && negated === on) {
        const named = /retention/.test(protection) ? 'backup retention' : /versioning/.test(protection) ? 'versioning' : /protection/.test(protection) ? 'deletion protection' : /pitr/.test(protection) ? 'point-in-time recovery' : 'backups';
        return { id: `${named.replace(/[^a-z]+/g, '-')}-off`, does: `sets ${word}`, lost: LOST[named] ?? 'a protection against losing data is removed' };
      }
    }
    const m = OFF_INSIDE.exec(word);
    if (!m || !/backup|retention|versioning|protection|pointintime|pitr|softdelete|objectlock|mfadelete/i.test(m[1] ?? '')) continue;
    const setting = m[1] ?? '';
    const named = /retention/i.test(setting) ? 'backup retention' : /point|pitr/i.test(setting) ? 'point-in-time recovery' : /protection|lock/i.test(setting) ? 'deletion protection' : /versioning|mfa/i.test(setting) ? 'versioning' : 'backups';
    return { id: `${named.replace(/[^a-z]+/g, '-')}-off`, does: `sets ${setting} to ${m[2]}`, lost: LOST[named] ?? 'a protection against losing data is removed' };
  }
  return undefined;
}

/** Fewer than this many days (or backups) of backups kept: what went wrong a week ago can no longer be undone. */
const RETENTION_FLOOR_DAYS = 7;
/** Options that keep backups or snapshots for a time or a count (`--backup-retention`, `--retained-backups-count`, `--snapshot-retention`). */
const BACKUP_RETENTION = /^(retention-period|retention-days|retention)$|^(?=.*(backup|snapshot|pitr|point-in-time|recovery|transaction-log))(?=.*(retention|retained|keep)).*$/;

/** A retention set above zero but below the floor (`--backup-retention 1`, `--retention-period=1h`): backups older than that are deleted. */
function shortRetention(o: Words['options'][number]): Removal | undefined {
  if (!BACKUP_RETENTION.test(o.bare)) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?|y|years?)?$/i.exec(o.value ?? '');
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  const days = /^(s|sec|second|seconds)$/.test(unit) ? n / 86400 : /^(m|min|minute|minutes)$/.test(unit) ? n / 1440 : /^(h|hour|hours)$/.test(unit) ? n / 24 : unit.startsWith('w') ? n * 7 : unit.startsWith('y') ? n * 365 : n;
  if (days <= 0 || days >= RETENTION_FLOOR_DAYS) return undefined;
  return { id: 'backup-retention-reduced', does: `cuts ${o.name} to ${o.value}`, lost: `backups older than that are deleted, so a mistake found ${RETENTION_FLOOR_DAYS} days later can no longer be undone` };
}

/** Expiry switched on for a table's items (`aws dynamodb update-time-to-live … Enabled=true`, `gcloud firestore fields ttls update --enable-ttl`). */
function expiryTurnedOn(w: Words): Removal | undefined {
  const lost = 'items are deleted automatically once that time passes, with no copy kept';
  for (const o of w.options) {
    if (o.bare === 'time-to-live-specification' && /Enabled\s*["']?\s*[=:]\s*["']?true\b/i.test(o.value ?? '')) {
      const attribute = /AttributeName\s*["']?\s*[=:]\s*["']?([\w.-]+)/i.exec(o.value ?? '')?.[1];
      return { id: 'expiry-on', does: `turns on expiry of items${attribute ? ` by ${attribute}` : ''}`, lost };
    }
    if (o.bare === 'enable-ttl' && !/^(false|no|0)$/i.test(o.value ?? '')) return { id: 'expiry-on', does: 'turns on expiry of documents', lost };
  }
  return undefined;
}

/** HTTP clients whose request body can carry a resource's settings (`curl -X PATCH … -d '{"deletion_protection":false}'`). */
const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'curlie']);
const BODY_OPTIONS = /^(d|data|data-raw|data-binary|data-ascii|data-urlencode|json|body-data|post-data|F|form|form-string)$/;
/** A key naming a protection, with the value that switches it off: `"deletion_protection": false`, `"retention_days": 0`, `"versioning": "Suspended"`. */
const BODY_SETTING = /["']?([A-Za-z_][\w.-]{0,60})["']?\s*(?::=|[:=])\s*["']?(false|true|null|off|on|disabled|enabled|suspended|public|private|\d+(?:\.\d+)?\s*[a-z]{0,7})["']?(?=[\s,}&"']|$)/gi;

function bodyRemoval(inv: Invocation, w: Words): Removal | undefined {
  if (!HTTP_CLIENTS.has(inv.name)) return undefined;
  const bodies = [
    ...w.options.filter((o) => BODY_OPTIONS.test(o.name.replace(/^-+/, ''))).map((o) => o.value ?? ''),
    // HTTPie and xh: `deletion_protection:=false`, `visibility=public` request items.
    ...(inv.name === 'curl' || inv.name === 'wget' ? [] : w.positionals.filter((x) => /^[A-Za-z_][\w.-]*:?=/.test(x))),
  ];
  for (const body of bodies) {
    const killed = productionSwitchOff(body);
    if (killed) return killed;
    for (const m of body.matchAll(BODY_SETTING)) {
      const key = m[1]!;
      const value = m[2]!.toLowerCase();
      // A bare switch (`"enabled": false`) takes its meaning from the object it sits in (`"backup_configuration": {"enabled": false}`).
      const enclosing = /^(enabled|status|state|on|active)$/i.test(key) ? /["']?([A-Za-z_][\w.-]{0,60})["']?\s*:\s*\{[^{}]*$/.exec(body.slice(Math.max(0, m.index! - 200), m.index))?.[1] : undefined;
      const parts = identifierParts(enclosing !== undefined ? `${enclosing}_${key}` : key);
      if ((key.toLowerCase() === 'private' && value === 'false') || (key.toLowerCase() === 'visibility' && value === 'public') || (key.toLowerCase() === 'public' && value === 'true')) {
        return { id: 'made-public', does: `sets ${key} to ${value} in the request body`, lost: 'anyone on the internet can read it' };
      }
      const protection = parts.find((p) => /^(backup|backups|retention|versioning|protection|protected|pitr|snapshots?|lock|softdelete|recovery)$/.test(p));
      if (protection === undefined) continue;
      const negated = parts.some((p) => /^(disabled?|skip|no|without)$/.test(p));
      const off = negated ? /^(true|on|enabled)$/.test(value) : /^(false|off|disabled|suspended|null|0+(\.0+)?\s*[a-z]*)$/.test(value);
      const reduced = !negated && /retention|retain/.test(key.toLowerCase()) && /^\d/.test(value) ? shortRetention({ name: key, bare: 'retention-days', value }) : undefined;
      if (reduced) return { ...reduced, does: `sets ${key} to ${value} in the request body` };
      if (!off) continue;
      const named = protection === 'retention' ? 'backup retention' : protection === 'versioning' ? 'versioning' : protection === 'pitr' || protection === 'recovery' ? 'point-in-time recovery' : protection === 'protection' || protection === 'protected' || protection === 'lock' ? 'deletion protection' : protection === 'softdelete' ? 'soft delete' : 'backups';
      return { id: `${named.replace(/[^a-z]+/g, '-')}-off`, does: `sets ${key} to ${value} in the request body`, lost: LOST[named]! };
    }
  }
  return undefined;
}

const LOST: Readonly<Record<string, string>> = ownTable({
  'backup retention': 'automated backups stop, and existing ones may be deleted',
  backups: 'no backup is taken any more, so nothing can be restored',
  versioning: 'overwritten and deleted objects are no longer kept, so they cannot be recovered',
  'point-in-time recovery': 'the data can no longer be restored to a moment before a mistake',
  'deletion protection': 'the resource can then be deleted in one step',
  'soft delete': 'deleted data is gone at once instead of being kept for recovery',
});

/** `gsutil versioning set off`, `mc version suspend`, `gcloud … versioning disable`. */
function versioningWords(w: Words): Removal | undefined {
  const p = w.positionals.slice(0, 6).map((x) => x.toLowerCase());
  // `versioning`, `version`, and compounds that name it (`bucket-versioning`, `set-bucket-versioning`).
  const at = p.findIndex((x) => x === 'versioning' || x === 'version' || (/^[a-z][a-z0-9-]*$/.test(x) && identifierParts(x).includes('versioning')));
  if (at < 0) return undefined;
  if (!p.slice(at + 1, at + 4).some((x) => /^(suspend|off|disable|disabled|suspended)$/.test(x))) return undefined;
  return { id: 'versioning-off', does: 'suspends versioning', lost: LOST.versioning! };
}

/** Word parts of the command path: `disable-protection`, `delete-public-access-block`, `lock delete`. */
function pathParts(w: Words): readonly string[] {
  return (w.parts ??= w.positionals.slice(0, 6).filter((x) => /^[A-Za-z][A-Za-z0-9:_-]*$/.test(x)).flatMap((x) => identifierParts(x)));
}

const REMOVE = new Set(['delete', 'remove', 'rm', 'del', 'disable', 'destroy', 'purge', 'drop', 'deregister']);

function protectionRemoved(w: Words): Removal | undefined {
  const parts = pathParts(w);
  // `tea branches unprotect main`, `… unprotect-branch`: force pushes and deletions of the branch are no longer refused.
  if (parts.includes('unprotect')) return { id: 'protection-removed', does: 'removes the protection of a branch or resource', lost: 'pushes that rewrite or delete it are no longer refused' };
  const removes = parts.some((p) => REMOVE.has(p));
  if (!removes) return undefined;
  if (parts.includes('protection') || (parts.includes('lock') && !parts.includes('state')) || parts.includes('locks')) {
    return { id: 'protection-removed', does: 'removes deletion protection or a resource lock', lost: LOST['deletion protection']! };
  }
  if (parts.includes('public') && parts.includes('access') && parts.includes('block')) {
    return { id: 'public-access-block-removed', does: 'removes the block on public access', lost: 'nothing stops the data from being made public any more' };
  }
  return undefined;
}

/** Snapshots, backups, recovery points and backup schedules deleted. */
function backupDeleted(w: Words): Removal | undefined {
  const parts = pathParts(w);
  if (!parts.some((p) => REMOVE.has(p) && p !== 'disable')) return undefined;
  const what = parts.find((p) => /^(snapshot|snapshots|backup|backups|recovery|archive|archives|restorepoint)$/.test(p));
  if (what === undefined) return undefined;
  const noun = what.startsWith('recovery') ? 'a recovery point' : what.startsWith('snapshot') ? 'a snapshot' : what.startsWith('archive') ? 'a backup archive' : 'a backup';
  return { id: 'backup-deleted', does: `deletes ${noun}`, lost: 'what it holds can no longer be restored' };
}

/** Scheduled backups stopped (`heroku pg:backups:unschedule`, `… backups disable`, `… snapshot-schedule pause`). */
function backupsStopped(w: Words): Removal | undefined {
  const parts = pathParts(w);
  if (!parts.some((p) => /^(backup|backups|snapshot|snapshots)$/.test(p))) return undefined;
  const verb = parts.find((p) => /^(unschedule|disable|stop|pause|suspend)$/.test(p));
  return verb ? { id: 'backups-stopped', does: `stops scheduled backups (${verb})`, lost: LOST.backups! } : undefined;
}

/** Backup programs whose repositories keep restore points (restic, borg, kopia, duplicity …). */
const BACKUP_TOOLS = new Set(['restic', 'rustic', 'borg', 'borgmatic', 'kopia', 'duplicity', 'duply', 'rdiff-backup', 'tarsnap', 'duplicacy', 'bup', 'zfs', 'btrfs', 'tmutil']);
const PRUNING = /^(forget|prune|delete|compact|remove-older-than|remove-all-but-n-full|remove-all-inc-of-but-n-full|expire|destroy|deletesnapshots|delete-snapshot)$/i;

function repositoryPruned(inv: Invocation, w: Words): Removal | undefined {
  if (!BACKUP_TOOLS.has(inv.name)) return undefined;
  // `tarsnap -d -f archive` deletes an archive, `tarsnap --nuke` every archive.
  if (inv.name === 'tarsnap' && w.options.some((o) => o.bare === 'd' || o.bare === 'nuke')) return { id: 'backup-repository-pruned', does: `deletes archives from the backup repository (tarsnap ${w.options.some((o) => o.bare === 'nuke') ? '--nuke' : '-d'})`, lost: 'the archives it deletes can no longer be restored' };
  const word = [...w.positionals.slice(0, 3), ...w.options.map((o) => o.bare)].find((x) => PRUNING.test(x.replace(/^-+/, '')));
  if (word === undefined) return undefined;
  if ((inv.name === 'zfs' || inv.name === 'btrfs') && !w.all.some((x) => x.includes('@') || /snapshot/.test(x))) return undefined;
  return { id: 'backup-repository-pruned', does: `removes restore points from the backup repository (${inv.name} ${word})`, lost: 'the snapshots it forgets or prunes can no longer be restored' };
}

/** `vault secrets disable`, `vault audit disable`, `vault auth disable`, `aws cloudtrail stop-logging`. */
function engineDisabled(inv: Invocation, w: Words): Removal | undefined {
  const p = w.positionals.slice(0, 3).map((x) => x.toLowerCase());
  if (p[1] === 'disable' && (p[0] === 'secrets' || p[0] === 'audit' || p[0] === 'auth')) {
    const lost = p[0] === 'secrets' ? 'every secret stored in that engine is deleted with it' : p[0] === 'audit' ? 'actions are no longer recorded' : 'everyone who signs in through that method loses access, and its configuration is deleted';
    return { id: `${p[0]}-disabled`, does: `disables the ${p[0] === 'secrets' ? 'secrets engine' : p[0] === 'audit' ? 'audit device' : 'auth method'} ${p[2] ?? ''}`.trim(), lost };
  }
  if (p.includes('stop-logging') || (inv.name === 'gcloud' && p.includes('sinks') && p.includes('delete'))) {
    return { id: 'audit-disabled', does: 'stops audit logging', lost: 'actions are no longer recorded' };
  }
  return undefined;
}

/** Made public: visibility, ACLs, anonymous policies and IAM grants to everyone. */
function madePublic(w: Words): Removal | undefined {
  const lost = 'anyone on the internet can read it';
  for (const o of w.options) {
    const value = (o.value ?? '').toLowerCase();
    if (o.bare === 'visibility' && value === 'public' && !w.positionals.includes('create')) return { id: 'made-public', does: 'makes it public', lost };
    if ((o.bare === 'acl' || o.bare === 'canned-acl' || o.bare === 'predefined-acl') && /^(public-read|public-read-write|authenticated-read|publicread|publicreadwrite)$/.test(value)) return { id: 'made-public', does: `sets the ACL ${o.value}`, lost };
    if (o.bare === 'public-access-type' && value.startsWith('objectread')) return { id: 'made-public', does: `sets public access to ${o.value}`, lost };
    if (o.bare === 'public-access' && /^(blob|container)$/.test(value)) return { id: 'made-public', does: `sets public access to ${o.value}`, lost };
    if (/^(allow-blob-public-access|public)$/.test(o.bare) && /^true$/.test(value)) return { id: 'made-public', does: `sets ${o.name} true`, lost };
    if (/^(private|is-private)$/.test(o.bare) && /^(false|no|0)$/.test(value)) return { id: 'made-public', does: `sets ${o.name} ${value}`, lost };
    // A switch that opens reading or listing to anyone (`yc storage bucket update --public-read`), on an existing resource.
    if (/^public-(read|list|read-write|write)$/.test(o.bare) && !/^(false|no|0|off)$/.test(value) && !w.positionals.includes('create')) return { id: 'made-public', does: `turns on ${o.name}`, lost };
  }
  for (const word of w.all) {
    if (/^(visibility=public|private=false)$/i.test(word)) return { id: 'made-public', does: `sets ${word}`, lost };
    // A request body handed to any API client (`bb api … -d '{"is_private": false}'`).
    const body = /"(is_private|private)"\s*:\s*false|"visibility"\s*:\s*"public"/i.exec(word);
    if (body && /^[{[]/.test(word.trim())) return { id: 'made-public', does: `sets ${body[0].replace(/\s+/g, ' ')} in the request body`, lost };
    if (/\ball(Authenticated)?Users\b/.test(word)) return { id: 'made-public', does: `grants access to ${/Authenticated/.test(word) ? 'every Google account' : 'everyone'}`, lost };
    if (/^allPublic$/.test(word)) return { id: 'made-public', does: 'makes the bucket allPublic', lost };
    if (/"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*"\*"\s*\})/.test(word) && /"Effect"\s*:\s*"Allow"/.test(word)) return { id: 'made-public', does: 'grants access to every principal', lost };
  }
  const p = w.positionals.slice(0, 5).map((x) => x.toLowerCase());
  // Round 22: a share opened to anyone (`… bucket share media public`, `… file share report.pdf --anyone`); a local port
  // shared is a tunnel, judged by the port it publishes (support/floorExposure.ts; a dev server stays allowed).
  if (p.slice(0, 3).some((x) => /^(share|sharing|publish|expose)$/.test(x)) && (p.includes('public') || w.options.some((o) => /^(anyone|everyone|anonymous|public-link|world-readable)$/.test(o.bare))) && !w.positionals.some((x) => /^(\d{2,5}|[\w.-]*:\d{2,5})$/.test(x)) && !p.includes('private')) return { id: 'made-public', does: 'shares it with anyone', lost };
  // `ossutil set-acl oss://b public-read -b`, `… acl set public-read`: a public ACL given as an operand.
  const aclAt = p.findIndex((x) => /^[a-z][a-z0-9-]*$/.test(x) && identifierParts(x).includes('acl'));
  const publicAcl = aclAt >= 0 ? w.positionals.slice(aclAt + 1).find((x) => /^(public-read|public-read-write|publicread|publicreadwrite)$/i.test(x)) : undefined;
  if (publicAcl !== undefined) return { id: 'made-public', does: `sets the ACL ${publicAcl}`, lost };
  const anon = p.findIndex((x) => x === 'anonymous' || x === 'policy');
  if (anon >= 0 && p[anon + 1] === 'set' && /^(public|download|upload|readwrite|readonly)$/.test(p[anon + 2] ?? '')) return { id: 'made-public', does: `sets anonymous access to ${p[anon + 2]}`, lost };
  return undefined;
}

/** Tools whose bare `link` subcommand makes a public link to stored data. */
const LINK_SHARERS: ReadonlySet<string> = new Set(['rclone']);

/**
 * A link that lets anyone holding it read or write without credentials (`mc share download`, `aws s3
 * presign`, `gsutil signurl`, `rclone link`, `… create-share-link`): the data leaves the access controls
 * for as long as the link lives.
 */
function shareLink(name: string, w: Words): Removal | undefined {
  const p = w.positionals.slice(0, 4).map((x) => x.toLowerCase());
  // A bare `link` is a share link only where the tool says so (`rclone link`); elsewhere it links a project
  // (`vercel link`, `supabase link`), a package (`npm link`) or names a network link (`ip link`).
  const at = p.findIndex((x) => (x === 'link' && LINK_SHARERS.has(name)) || /^(presign|signurl|sign-url|public-link|create-share-link|share-link|generate-presigned-url)$/.test(x) || (x === 'share' && /^(download|upload|link|create)$/.test(p[p.indexOf(x) + 1] ?? '')));
  if (at < 0) return undefined;
  return { id: 'share-link', does: `makes a link anyone can use (${w.positionals.slice(0, at + (p[at] === 'share' ? 2 : 1)).join(' ')})`, lost: 'whoever holds the link reads the data without credentials until it expires' };
}

/** Lifecycle rules that expire everything: an expiration with no prefix, tag or filter that narrows it. */
function expiresEverything(w: Words): Removal | undefined {
  const lost = 'every object is deleted when it reaches that age, with no copy kept';
  const expireOption = w.options.find((o) => /^(expire-days|expiry-days|expire-date|expiration-days|noncurrent-expire-days)$/.test(o.bare));
  if (expireOption && !w.options.some((o) => /^(prefix|tags|filter)$/.test(o.bare))) return { id: 'lifecycle-expire-all', does: `adds a lifecycle rule expiring every object after ${expireOption.value ?? 'a time'}`, lost };
  for (const word of w.all) {
    if (!/"Expiration"\s*:/.test(word) && !/"NoncurrentVersionExpiration"\s*:/.test(word)) continue;
    const narrowed = /"Prefix"\s*:\s*"[^"]+"|"Tag"\s*:|"And"\s*:|"ObjectSize/.test(word);
    if (!narrowed) return { id: 'lifecycle-expire-all', does: 'sets a lifecycle rule that expires every object', lost };
  }
  return undefined;
}

/** `gh api -X DELETE repos/o/r/branches/main/protection`, `curl -X DELETE …/rulesets/42`. */
function branchProtectionRemoved(w: Words): Removal | undefined {
  const method = w.options.find((o) => /^(x|method|request)$/i.test(o.bare) || /^x(delete)$/i.test(o.bare));
  const deleting = method !== undefined && (/^delete$/i.test(method.value ?? '') || /^-XDELETE$/i.test(method.name));
  if (!deleting) return undefined;
  const path = w.all.find((x) => /\/branches\/[^/\s]+\/protection\b|\/rulesets\/\d+|\/protected_branches\//.test(x));
  if (path === undefined) return undefined;
  return { id: 'branch-protection-removed', does: `removes branch protection (${path.replace(/^https?:\/\/[^/]+\//, '')})`, lost: 'force-pushes and deletions of the branch are no longer stopped, and reviews are no longer required' };
}

/**
 * A resource setting carried by a request (settingWrites.ts): its body, and the query of a signed AWS
 * call (`curl --aws-sigv4 … "…?Action=ModifyDBInstance&BackupRetentionPeriod=0"`), where the query is the call.
 */
function requestSetting(inv: Invocation, w: Words): Removal | undefined {
  const bodies = [
    ...w.options.filter((o) => BODY_OPTIONS.test(o.name.replace(/^-+/, ''))).map((o) => o.value ?? ''),
    ...(inv.name === 'curl' || inv.name === 'wget' ? [] : w.positionals.filter((x) => /^[A-Za-z_][\w.-]*:?=/.test(x)).map((x) => x.replace(/:=/, '='))),
    ...w.positionals.filter((x) => /^https?:\/\/[^?]*\?(.*&)?Action=[A-Z]/.test(x)),
  ];
  return bodies.length === 0 ? undefined : settingLowered(inv.name, { positionals: [], all: bodies }, []);
}

/** Commands whose operands are files or data on this machine, never a resource's settings. */
function notACli(name: string): boolean {
  if (READ_ONLY_COMMANDS.has(name) || describesOptions(name) || EFFECT_RULES[name] !== undefined) return true;
  if (/^(echo|printf|cat|grep|sed|awk|jq|yq|git|sudo|env|find|xargs|make|npx|pnpx|bunx)$/.test(name)) return true;
  const traits = verbTraitsOf(name);
  // Package managers and build tools manage a project's dependencies, never a resource's protection.
  return traits.allRoutine === true || traits.routine !== undefined;
}

function isDry(inv: Invocation, w: Words): boolean {
  const traits = verbTraitsOf(inv.name);
  const dry = new Set(traits.dryRun ?? []);
  return w.options.some((o) => (dry.has(o.name) || isSharedDryRun(o.name)) && !/^(none|false)$/i.test(o.value ?? ''));
}

/** What protection an invocation removes, if any; the verb floor leaves such commands to this pack. */
export function removalOf(inv: Invocation): Removal | undefined {
  if (HTTP_CLIENTS.has(inv.name)) return bodyRemoval(inv, wordsOf(inv.args)) ?? requestSetting(inv, wordsOf(inv.args));
  if (notACli(inv.name)) return undefined;
  const w = wordsOf(inv.args);
  if (w.options.some((o) => o.name === '--help') || isDry(inv, w)) return undefined;
  return (
    branchProtectionRemoved(w) ??
    engineDisabled(inv, w) ??
    repositoryPruned(inv, w) ??
    protectionOff(w) ??
    versioningWords(w) ??
    protectionRemoved(w) ??
    madePublic(w) ??
    shareLink(inv.name, w) ??
    expiresEverything(w) ??
    expiryTurnedOn(w) ??
    backupDeleted(w) ??
    backupsStopped(w) ??
    retentionCut(w) ??
    protectionLowered(inv.name, w, pathParts(w)) ??
    settingLowered(inv.name, w, pathParts(w), inv.args, w.options) ??
    protectionWordsLowered(w.positionals)
  );
}

/** Options whose value names what is changed. */
const NAME_OPTION = /(^|-)(name|id|ids|stack|identifier|bucket|arn|repo|repository|table|instance|cluster|account|vault|volume|snapshot|resource)$/;

function targetName(inv: Invocation, w: Words): string {
  if (HTTP_CLIENTS.has(inv.name)) {
    const url = w.positionals.find((x) => /^(https?:\/\/)?[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/i.test(x));
    if (url !== undefined) return url;
  }
  for (const o of w.options) if ((NAME_OPTION.test(o.bare) || o.bare === 'n') && o.value !== undefined && o.value !== '') return o.value;
  const values = new Set(w.options.map((o) => o.value));
  const operand = [...w.positionals].reverse().find((x) => /[/:@.\d]/.test(x) && !values.has(x) && !/^[{[]/.test(x) && !/^(public|off|suspend|set|disable)$/i.test(x));
  // A switch's value (`config set enable_sasl false`) is not what is changed.
  return operand ?? [...w.positionals].reverse().find((x) => !/^[{[]/.test(x.trim()) && !/^(true|false|on|off|none|yes|no)$/i.test(x)) ?? inv.name;
}

/**
 * An option or command word naming a protection (`--versioning`, `--enable-termination-protection`, `oss
 * bucket-versioning`), or access made private (`set-acl … private`); with no removal found, the change keeps or raises it.
 */
export function namesProtection(inv: Invocation): boolean {
  const w = wordsOf(inv.args);
  const words = w.positionals.slice(0, 3);
  // A file operand named for a backup (`upload backup.sql.gz`) names no protection: command words do.
  return w.options.some((o) => PROTECTION.test(o.bare)) || words.some((p) => PROTECTION.test(p) && !/[./]/.test(p)) || (words.some((p) => /(^|[-_])acl$/i.test(p)) && w.positionals.some((p) => /^private$/i.test(p)));
}

/**
 * A protection switched on or changed on a resource named production (`--enable-point-in-time-recovery`
 * on `ledger-prod`): allowed, and marked as production work.
 */
function protectionChanged(inv: Invocation, ctx: RuleContext): Finding[] {
  if (notACli(inv.name) || verbTraitsOf(inv.name).locality === 'local') return [];
  const w = wordsOf(inv.args);
  const option = w.options.find((o) => PROTECTION.test(o.bare));
  if (option === undefined || w.options.some((o) => o.name === '--help') || isDry(inv, w)) return [];
  const values = freeFormValues(inv.args).filter((t) => !/^(\/|~)/.test(t) && t.length <= 200);
  const resolved = ctx.environmentOf({ values, remote: true });
  if (resolved.environment !== 'production') return [];
  const name = targetName(inv, w);
  const target: Target = { kind: 'resource', name, provider: inv.name, remote: true, environment: 'production', environmentReason: resolved.reason };
  return [{ rule: 'safety-net.protection-change', risk: 'production-access', severity: 'info', reason: `\`${inv.name}\` changes ${option.name} on ${name}, in production (${resolved.reason}).`, targets: [target] }];
}

/**
 * What every reading above needs in some argument word (case aside, whatever the separators): a
 * request body is read for HTTP clients and pruning for backup tools by name; every other reading
 * looks for one of these parts (PROTECTION, OFF_INSIDE, identifier parts, option names and values,
 * retentionCut's keys). A reading added above adds its word here.
 */
const SAFETY_NET_GATE = {
  names: [...HTTP_CLIENTS, ...BACKUP_TOOLS, ...BACKUP_DAEMONS],
  // protectionLowered's own trigger words join these (`dev` too: its `dev.?url` is matched across joined words).
  words: new RegExp(`backup|retention|retain|version|protect|point|pitr|soft|lock|mfa|snapshot|disable|public|private|time-to-live|ttl|authenticated-read|users|principal|anonymous|policy|link|presign|signurl|sign-url|share|expir|max.?age|keep.?(days|for|time|duration)|rulesets|stop-logging|sinks|recovery|archive|restorepoint|cleanup|unclean|dev|${LOWERING_WORDS.source}|${SETTING_WORDS.source}`, 'i'),
};

function checkSafetyNet(inv: Invocation, ctx: RuleContext): Finding[] {
  const removal = removalOf(inv);
  if (!removal) return protectionChanged(inv, ctx);
  const w = wordsOf(inv.args);
  const local = verbTraitsOf(inv.name).locality === 'local';
  const values = freeFormValues(inv.args).filter((t) => !/^(\/|~)/.test(t) && t.length <= 200);
  const resolved = ctx.environmentOf({ values, remote: !local });
  const name = targetName(inv, w);
  const target: Target = { kind: 'resource', name, provider: inv.name, remote: !local, environment: resolved.environment, environmentReason: resolved.reason };
  const shown = [inv.name, ...w.positionals.slice(0, 2).filter((x) => /^[A-Za-z][A-Za-z0-9:_-]*$/.test(x))].join(' ');
  return [{
    rule: `safety-net.${removal.id}`,
    risk: 'protection-removal',
    severity: 'ask',
    reason: `\`${shown}\` ${removal.does} on ${name}: ${removal.effect ?? 'a safety net is removed'} — ${removal.lost}.`,
    targets: [target],
  }];
}

export const safetyNetPack: RulePack = {
  id: 'safety-net',
  title: 'Removing the safety net: backups, versioning, deletion protection, public access, audit',
  checkInvocation: checkSafetyNet,
  // What checkSafetyNet reads first: an HTTP client's body, or a CLI's words (removalOf, protectionChanged).
  reactsTo: (name) => HTTP_CLIENTS.has(name) || !notACli(name),
  gate: SAFETY_NET_GATE,
};
