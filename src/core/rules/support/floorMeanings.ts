import type { Invocation, RuleContext } from '../../policy/types';
import type { VerbTraits } from '../../registry/verbTraits';
import { identifierParts } from './cliArgs';
import { resolvePath } from '../../paths';
import { toolNamed } from '../../registry/commandModel';
import { hostOf, isLoopbackHost } from '../../policy/production';

/**
 * What the verb floor (`rules/verbs.ts`) reads past single destroying words (issue #18 item 1; red team
 * rounds 11 and 12): commands whose meaning is destroying though no word is `delete` — every migration
 * rolled back (`tern migrate --destination 0`, `yoyo rollback --all`, `superset db downgrade base`,
 * `ace migration:fresh`), a server rebuilt or reinstalled from an image (its disk is erased), a dump or
 * SQL file loaded over a database (`wp db import`, `replibyte dump restore`), an option that picks a
 * destroying mode (`--mode full-refresh`, `--mode=truncate`, `--write-disposition WRITE_TRUNCATE`),
 * clean-ups that keep nothing (`sentry cleanup --days 0`), command text fed to an admin shell whose
 * lines destroy (`hbase shell <<< "drop 'users'"`, `nsupdate` `update delete`, `kadmin -q
 * delete_principal`), batches of a tool's own commands (`s5cmd run`), and words a tool's traits list
 * (`rndc delzone`, pgloader's whole run).
 */

export interface FloorWord { text: string; index: number }
export interface FloorReading {
  positionals: readonly FloorWord[];
  options: readonly { name: string; value?: string; next?: string; index: number }[];
}

export interface Meaning {
  /** Words shown after the tool's name (`migration:rollback --batch=0`). */
  shown: string[];
  /** What the command does, as a verb phrase before its target ('rolls back every migration of'). */
  phrase: string;
  names: string[];
  /** Values that say where it reaches, when only some of the words do (a load's target, not its source). */
  hints?: string[];
}

type DestroyingPart = (text: string) => string | undefined;

const WORD = /^[A-Za-z][A-Za-z0-9]*(?:[-_:./][A-Za-z0-9]+)*$/;
const MAX_DEPTH = 5;
const MAX_NAMES = 3;

/** The first command words (no option values, no paths), each with its identifier parts. */
function commandWords(r: FloorReading): { word: FloorWord; parts: readonly string[] }[] {
  const out: { word: FloorWord; parts: readonly string[] }[] = [];
  for (const word of r.positionals.slice(0, MAX_DEPTH)) {
    if (!WORD.test(word.text) || word.text.length > 64) break;
    out.push({ word, parts: identifierParts(word.text) });
  }
  return out;
}

const valueOf = (o: FloorReading['options'][number]): string => o.value ?? o.next ?? '';
const operandsAfter = (r: FloorReading, index: number): string[] => r.positionals.filter((w) => w.index > index && !/\s/.test(w.text) && w.text !== '').map((w) => w.text).slice(0, MAX_NAMES);

const MIGRATION_NOUN = /^(migration|migrations|migrate|db|database|schema)$/;
const BACKWARD = /^(rollback|downgrade|down|revert|rewind|migrate|goto|undo)$/;
const ZERO = /^(0+|base|zero|none|initial)$/i;
/** Backward words that roll back even one step (`migrate` and `goto` go backward only to zero). */
const ONE_BACK = /^(rollback|downgrade|down|revert|undo|rewind)$/;

/** Every migration rolled back, or the schema dropped and migrated afresh. */
function migrationsUndone(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  for (let at = 0; at < words.length; at++) {
    const { word, parts } = words[at]!;
    const nounHere = parts.some((p) => MIGRATION_NOUN.test(p)) || words.slice(0, at).some((w) => w.parts.some((p) => MIGRATION_NOUN.test(p)));
    if (nounHere && parts.some((p) => p === 'fresh' || p === 'refresh')) return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: 'drops every table and re-runs every migration of', names: [] };
    if (!parts.some((p) => BACKWARD.test(p))) continue;
    const all = r.options.find((o) => o.name === '--all' || o.name === '-a' && parts.includes('rollback'));
    const toZero = r.options.find((o) => /^-{1,2}(batch|destination|target|to|version|step|steps|revision|limit)$/.test(o.name) && ZERO.test(valueOf(o)));
    const operand = r.positionals.find((w) => w.index > word.index && ZERO.test(w.text));
    // `--sql` (alembic's offline mode) and `--print` only print the statements.
    if (r.options.some((o) => /^-{1,2}(sql|print-sql|offline|print)$/.test(o.name))) return undefined;
    const how = all ?? toZero;
    // Round 19: `directus database migrate:down`, `… migration rollback`: the latest migrations rolled back lose what they created.
    if (how === undefined && operand === undefined && nounHere && parts.some((p) => ONE_BACK.test(p))) return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: 'rolls back the latest migrations (dropping what they created) of', names: [] };
    if (how === undefined && operand === undefined) continue;
    const shown = [...words.slice(0, at + 1).map((w) => w.word.text), how !== undefined ? (how.value !== undefined ? `${how.name}=${how.value}` : how.next !== undefined && how !== all ? `${how.name} ${how.next}` : how.name) : operand!.text];
    return { shown, phrase: 'rolls back every migration (dropping what they created) of', names: [] };
  }
  return undefined;
}

const MACHINE = /^(instance|instances|server|servers|linode|linodes|droplet|droplets|vm|vms|machine|machines|host|hosts|baremetal|node|nodes|compute)$/;

/** A server rebuilt or reinstalled from an image: its disk is erased (`linode-cli linodes rebuild`, `vultr-cli instance reinstall`). */
function machineRebuilt(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  for (let at = 0; at < words.length; at++) {
    const { word, parts } = words[at]!;
    if (!parts.some((p) => /^(rebuild|reinstall|reprovision|reimage|reinit|reinitialize)$/.test(p))) continue;
    // A site reinstalled (`bench --site acme reinstall`) loses its database the same way.
    const site = parts.includes('reinstall') && r.options.some((o) => /^-{1,2}(site|db|database)$/.test(o.name));
    if (site) return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: 'reinstalls (dropping the database of)', names: r.options.filter((o) => /^-{1,2}(site|db|database)$/.test(o.name)).map(valueOf).filter((v) => v !== '').slice(0, MAX_NAMES) };
    // Stop 38 (round 31): the machine named before the verb (`instance reinstall`) or right after it (`cntb reinstall instance 12345`).
    const named = words.slice(0, at + 2).map((w) => w.parts.some((p) => MACHINE.test(p))).lastIndexOf(true);
    if (named < 0) continue;
    return { shown: words.slice(0, Math.max(at, named) + 1).map((w) => w.word.text), phrase: 'reinstalls from an image (erasing the disk of)', names: operandsAfter(r, word.index) };
  }
  return undefined;
}

/** Backup programs by name (their `restore` or `extract` writes a backup's files back). */
const BACKUP_PROGRAM = /^(restic|rustic|borg|borgmatic|kopia|duplicity|duply|duplicacy|rdiff-backup|tarsnap|bup|restique|autorestic|resticprofile|pgbackrest|barman|wal-g|velero|k8up|stash|kanister|tmutil|timeshift|snapper)$/;

const DATABASE_NOUN = /^(db|database|databases|d1|sql|dump|dumps|postgres|postgresql|pg|mysql|mariadb|mongo|mongodb|sqlite)$/;

/** A dump or SQL file loaded over a database (`wp db import`, `craft db/restore`, `replibyte dump restore`). */
function databaseLoaded(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  for (let at = 0; at < words.length; at++) {
    const { word, parts } = words[at]!;
    if (!parts.some((p) => /^(import|restore|load|reload|overwrite)$/.test(p))) continue;
    // A backup restored (`gitlab-rake gitlab:backup:restore`) replaces the live data as a dump loaded does.
    if (!words.slice(0, at + 1).some((w) => w.parts.some((p) => DATABASE_NOUN.test(p) || (parts.includes('restore') && /^(backup|backups)$/.test(p))))) continue;
    const file = r.options.find((o) => /^-{1,2}(file|dir|input|from|source|f|i)$/.test(o.name));
    const names = [...operandsAfter(r, word.index), ...(file !== undefined && valueOf(file) !== '' ? [valueOf(file)] : [])].slice(0, MAX_NAMES);
    return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: `replaces the database's contents${names.length > 0 ? ' with' : ''}`, names: names.length > 0 ? names : ['the database (not named)'] };
  }
  return undefined;
}

/** Words after `restore` that only look at restores (`velero restore get`, `restic restore --help` is help already). */
const RESTORE_LOOKS = /^(get|describe|list|ls|logs|log|status|show|info|inspect|verify|check|validate|plan|preview|diff|results|wait)$/;
/** Options naming where a restore or extract writes (restic `--target`, borgmatic `--destination`, pgBackRest `--pg1-path`). */
const RESTORE_PLACE = /^(-t|--target|--target-dir|--target-path|--dest|--destination|--to|--into|--output|--output-dir|--restore-dir|--restore-path|--pg\d*-path|--data-dir|--datadir|--directory)$/;
/** Live folders of a machine: the root, system and service data (`/var/lib/postgresql`), served sites. */
const LIVE_PLACE = /^\/(?:$|(?:etc|usr|bin|sbin|lib|lib64|boot|opt|srv|root|data|home|var\/(?:lib|www|opt|spool|mail|backups?))(?:\/|$))/;

/** Whether a restore written to `place` lands over live data (the root, a system folder, the home folder) rather than a scratch folder. */
function livePlace(place: string, cwd: string, home: string): boolean {
  // A place the line computes (`$(mktemp -d)`, `$DEST`) cannot be read: it may be anywhere.
  if (/[$`]/.test(place)) return true;
  const resolved = resolvePath(cwd, place, home).replace(/\/+$/, '') || '/';
  if (resolved === home.replace(/\/+$/, '')) return true;
  // A folder made for it under the home folder (`~/restore-test`) is scratch; the home folder's own files are not.
  if (resolved.startsWith(`${home.replace(/\/+$/, '')}/`)) return false;
  return LIVE_PLACE.test(resolved === '/' ? '/' : resolved);
}

/**
 * A backup or snapshot restored over what is there (red team round 17): `restic restore --target /`,
 * `pgbackrest restore` (into the cluster's data directory), `velero restore create` (into the live
 * cluster), `vault operator raft snapshot restore` (every secret, policy and token replaced), `kopia
 * snapshot restore ID /`, `borg extract` run in `/`. Restored to a scratch folder (`--target ./restored`,
 * `--pg1-path /tmp/pg`, another namespace) nothing is overwritten: it stays allowed.
 */
function restoredOverLive(inv: Invocation, r: FloorReading, words: ReturnType<typeof commandWords>, home: string): Meaning | undefined {
  // A word before the verb may be an option's value (`restic -r /srv/backup restore`): look past it, as the overwriting traits do.
  const found = words.length > 0 ? words : r.positionals.slice(0, 3).filter((w) => WORD.test(w.text)).map((w) => ({ word: w, parts: identifierParts(w.text) }));
  const at = found.findIndex((w) => w.parts.some((p) => p === 'restore' || p === 'extract'));
  if (at < 0) return undefined;
  const word = found[at]!;
  const extract = !word.parts.includes('restore');
  const path = found.slice(0, at + 1);
  // What is restored must be a backup or snapshot: the tool is a backup program, or its words name one.
  const backup = BACKUP_PROGRAM.test(inv.name) || identifierParts(inv.name).some((p) => /^(backup|backups)$/.test(p)) || path.some((w) => w.parts.some((p) => /^(snapshot|snapshots|backup|backups|archive|archives)$/.test(p)));
  if (!backup || found.slice(at + 1).some((w) => RESTORE_LOOKS.test(w.word.text.toLowerCase()))) return undefined;
  const shown = path.map((w) => w.word.text);
  // Restored into other namespaces (`velero restore create --namespace-mappings prod:restore-test`): the live ones are untouched.
  const mapped = r.options.find((o) => o.name === '--namespace-mappings');
  if (mapped !== undefined && valueOf(mapped).split(',').every((pair) => { const [from, to] = pair.split(':'); return to !== undefined && to !== '' && to !== from; })) return undefined;
  const option = r.options.find((o) => RESTORE_PLACE.test(o.name) && /^[/.~$]/.test(valueOf(o)));
  const operands = operandsAfter(r, word.word.index).filter((t) => !RESTORE_LOOKS.test(t));
  // `kopia snapshot restore ID TARGET`: a second operand shaped like a path is where it writes.
  const operand = option === undefined && operands.length >= 2 && /^[/.~$]/.test(operands[operands.length - 1]!) ? operands[operands.length - 1] : undefined;
  const place = option !== undefined ? valueOf(option) : operand;
  if (place !== undefined) return livePlace(place, inv.cwd, home) ? { shown, phrase: 'restores a backup over what is there in', names: [place] } : undefined;
  // `borg extract` writes into the current folder; a restore without a place writes where the data lives.
  if (extract) return livePlace(inv.cwd, '/', home) ? { shown, phrase: 'extracts a backup over what is there in', names: [inv.cwd] } : undefined;
  return { shown, phrase: 'restores a backup in place, over', names: [`${inv.name}'s live data`] };
}

const ACTION_OPTION = /^-{1,2}(mode|action|op|operation|strategy|write-mode|load-mode|sync-mode|refresh-mode|load-method|write-disposition|if-exists|replication-method)$/;

/** An option that picks a destroying mode (`--mode full-refresh`, `--mode=truncate`, `--write-disposition WRITE_TRUNCATE`). */
function modeChosen(r: FloorReading, destroying: DestroyingPart): Meaning | undefined {
  for (const o of r.options) {
    if (!ACTION_OPTION.test(o.name)) continue;
    const value = valueOf(o);
    if (!/^[\w:-]{1,40}$/.test(value)) continue;
    const parts = identifierParts(value);
    const full = parts.includes('full') && parts.includes('refresh');
    if (!full && !parts.some((p) => /^(truncate|overwrite|replace|recreate)$/.test(p)) && destroying(value) === undefined) continue;
    const names = r.options.filter((x) => /^-{1,2}(tgt-object|target|table|tables|to|dest|destination|tgt-conn|db|database)$/.test(x.name)).map(valueOf).filter((v) => v !== '').slice(0, MAX_NAMES);
    return { hints: names.length > 0 ? names : undefined, shown: [...r.positionals.slice(0, 1).map((w) => w.text).filter((t) => WORD.test(t)), `${o.name} ${value}`], phrase: `${full ? 'rebuilds from scratch (replacing what is there)' : `runs in ${value} mode (replacing what is there) on`}`, names: names.length > 0 ? names : operandsAfter(r, -1) };
  }
  return undefined;
}

/** A clean-up, prune or expiry told to keep nothing (`sentry cleanup --days 0`). */
function keepsNothing(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  const at = words.findIndex((w) => w.parts.some((p) => /^(clean|cleanup|prune|purge|expire|trim|vacuum|gc|cull)$/.test(p)));
  if (at < 0) return undefined;
  const o = r.options.find((x) => /^-{1,2}(days|older-than|age|max-age|keep-days|retention|retention-days|keep|ttl|hours)$/.test(x.name) && /^0+[a-z]?$/i.test(valueOf(x)));
  if (o === undefined) return undefined;
  return { shown: [...words.slice(0, at + 1).map((w) => w.word.text), `${o.name} ${valueOf(o)}`], phrase: 'deletes everything, keeping nothing, in', names: operandsAfter(r, words[at]!.word.index) };
}

/** Programs whose standard input is text that is never a command list. */
const PROSE_READERS = /^(mail|mailx|sendmail|mutt|wall|write|logger|notify-send|say|espeak|tee|cowsay|figlet|lolcat|less|more|pbcopy|xclip|xsel|wl-copy|gpg|age|base64|openssl)$/;
/** Options whose value is a command or statement the tool runs (`kadmin -q`, `… -e`, `--execute`). */
const TEXT_OPTION = /^(-q|-e|-x|--query|--execute|--exec|--command|--eval)$/;

/** The first destroying line of command text: its first word destroys (`drop 'users'`, `delete_principal x`), or `update delete …` (nsupdate). */
function destroyingLine(text: string, destroying: DestroyingPart): string | undefined {
  for (const raw of text.split(/[\n;]/)) {
    const words = raw.trim().split(/\s+/);
    const first = words[0] ?? '';
    if (words.length < 2 || !/^[a-z][a-z0-9_-]*$/.test(first)) continue;
    if (destroying(first) !== undefined && !/^(clear|cancel|kill|reset|unset|remove|rm|del|detach|dismiss|void|retire)$/.test(first)) return raw.trim().slice(0, 80);
    if (/^(update|exec|execute|run)$/.test(first) && /^[a-z][a-z0-9_-]*$/.test(words[1]!) && destroying(words[1]!) !== undefined) return raw.trim().slice(0, 80);
  }
  return undefined;
}

/** Command text fed to an admin shell or passed as its query (`hbase shell <<< …`, `nsupdate <<< …`, `kadmin -q …`). */
function commandText(inv: Invocation, r: FloorReading, destroying: DestroyingPart): Meaning | undefined {
  if (PROSE_READERS.test(inv.name)) return undefined;
  const s = inv.stdin;
  const fed = s?.kind === 'heredoc' || s?.kind === 'herestring' ? s.text : s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf') ? s.from.args.map((a) => a.text).join('\n').replace(/\\n/g, '\n') : undefined;
  const texts = [...(fed !== undefined ? [fed] : []), ...r.options.filter((o) => TEXT_OPTION.test(o.name)).map(valueOf).filter((v) => /\s/.test(v))];
  for (const text of texts) {
    const line = destroyingLine(text, destroying);
    if (line !== undefined) return { shown: r.positionals.slice(0, 2).map((w) => w.text).filter((t) => WORD.test(t)), phrase: `runs \`${line}\`, which destroys, on`, names: [] };
  }
  return undefined;
}

/** `s5cmd run [FILE]`: each line is an s5cmd command (`rm s3://…`, `rb s3://…`, `mv …`); read from the file or the line's own text, else unread. */
function batchRun(inv: Invocation, r: FloorReading, ctx: RuleContext): Meaning | undefined {
  if (inv.name !== 's5cmd' || r.positionals[0]?.text !== 'run') return undefined;
  const file = r.positionals[1]?.text;
  const s = inv.stdin;
  let text: string | undefined;
  if (file !== undefined) text = /[$`*?]/.test(file) ? undefined : ctx.facts.readFile(resolvePath(inv.cwd, file, ctx.facts.home));
  else if (s?.kind === 'heredoc' || s?.kind === 'herestring') text = s.text;
  else if (s?.kind === 'pipe' && (s.from.name === 'echo' || s.from.name === 'printf')) text = s.from.args.map((a) => a.text).join(' ').replace(/\\n/g, '\n');
  if (text === undefined) return { shown: ['run', ...(file !== undefined ? [file] : [])], phrase: 'runs a batch of s5cmd commands the guard cannot read (`rm`, `rb` and `mv` lines delete), on', names: [file ?? 'standard input'] };
  const line = text.split('\n').map((l) => l.trim()).find((l) => /^(rm|rb|mv|sync)\s/.test(l) || (/^cp\s/.test(l) && !/\s-n\b|--no-clobber/.test(l)));
  return line !== undefined ? { shown: ['run', ...(file !== undefined ? [file] : [])], phrase: `runs \`${line.slice(0, 80)}\` from its batch on`, names: [line.split(/\s+/).find((x) => x.startsWith('s3://')) ?? 'the bucket'] } : undefined;
}

/** Words a tool's traits list that are no command word (`*.remove` of typo3's schema update), or the tool's whole run (`pgloader`). */
function listedWord(inv: Invocation, r: FloorReading, traits: VerbTraits): Meaning | undefined {
  if (!traits.destroying) return undefined;
  // A tool whose whole run destroys, named without separators (`pgloader`); `octodns-sync` is read by its name's verb.
  if (traits.destroying.includes(inv.name) && !/[-:.]/.test(inv.name)) return { shown: [], phrase: 'loads into, replacing tables in,', names: r.positionals.map((w) => w.text).filter((t) => /^[a-z][a-z0-9+.-]*:\/\//i.test(t)).slice(-1) };
  const word = r.positionals.find((w) => !WORD.test(w.text) && traits.destroying!.includes(w.text.toLowerCase()));
  return word !== undefined ? { shown: r.positionals.filter((w) => w.index <= word.index).map((w) => w.text), phrase: 'drops the tables and columns the schema no longer lists in', names: [] } : undefined;
}

/** An artifact's address in a registry, with a tag or digest: `registry.acme.io/bundles/web:1.4.2`, `xpkg.upbound.io/acme/pkg@sha256:…`. */
const REGISTRY_REFERENCE = /^(?:oci:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/[\w./-]+(?::[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/i;

/**
 * A package or chart published to a registry by a tool without a registry entry (team decision, stop 30:
 * like `npm publish`, a version published cannot be replaced and is served to everyone): `dart pub
 * publish`, `deno publish`, `jsr publish`, `swift package-registry publish`, `pod trunk push`, `helm cm-push`.
 */
function published(inv: Invocation, r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  // A package manager's entry says what it publishes (`registryAct`, read by the publishing pack), and where a registry on this machine is.
  if (toolNamed(inv.name)?.family === 'package-manager') return undefined;
  // Round 26 (`imgpkg push -b registry.acme.io/bundles/web:1.4.2`, `xpkg push`): a push of a tagged artifact to a registry's address.
  const reference = [...r.positionals.map((w) => w.text), ...r.options.map(valueOf)].find((v) => REGISTRY_REFERENCE.test(v));
  // Stop 40 (round 34: `homey app validate --level publish`): `publish` as an option's value after a checking word is the level checked for, not an act.
  const checkedFor = (i: number): boolean => r.options.some((o) => o.value === undefined && o.index === words[i]!.word.index - 1) && words.slice(0, i).some((x) => /^(validate|check|lint|verify|test|build|pack|package|preview|diff|plan|audit|doctor)$/i.test(x.word.text));
  const at = words.findIndex((w, i) => (i < 3 && w.parts.includes('publish') && !checkedFor(i) && !w.parts.some((p) => /^(list|ls|status|info|show|config|settings|unpublish)$/.test(p))) || (w.word.text === 'push' && words[i - 1]?.word.text === 'trunk') || w.word.text === 'cm-push' || (i < 2 && w.word.text === 'push' && reference !== undefined));
  if (at < 0) return undefined;
  const target = r.options.find((o) => /^-{1,2}(registry|repository|repo|server|source|index|r|s)$/.test(o.name));
  return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: `publishes to ${target !== undefined && valueOf(target) !== '' ? valueOf(target) : 'its registry'} (a version published cannot be replaced, and everyone who installs gets it)`, names: operandsAfter(r, words[at]!.word.index), hints: target !== undefined && valueOf(target) !== '' ? [valueOf(target)] : [] };
}

/**
 * Stop 40 (round 34: `gleam hex revert --package acme_client --version 1.2.0`): a published version taken back from a package
 * registry (revert, retract, withdraw, unlist), said beside the registry's or package's noun: everyone depending on it breaks.
 * Allowed: a revert of this repository's own commits (git is described), a registry's listing or info.
 */
const REGISTRY_NOUN = /^(hex|npm|pypi|crates?|cargo|gems?|rubygems|nuget|clojars|maven|hackage|cpan|pub|jsr|galaxy|opam|luarocks|registry|packages?|pkg|releases?|versions?)$/i;
const WITHDRAWS = /^(revert|retract|withdraw|unlist|unrelease|unpublish|recall)$/i;
function versionWithdrawn(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  const at = words.findIndex((w, i) => i > 0 && i < 3 && WITHDRAWS.test(w.word.text) && REGISTRY_NOUN.test(words[i - 1]!.word.text));
  if (at < 0) return undefined;
  const named = [...new Set([...r.options.filter((o) => /^--?(package|pkg|name|version|v)$/i.test(o.name)).map(valueOf), ...operandsAfter(r, words[at]!.word.index)])].filter((v) => v !== '');
  return { shown: words.slice(0, at + 1).map((w) => w.word.text), phrase: 'takes a published version back from its registry (everyone who depends on it breaks) for', names: named.length > 0 ? named : ['the published package (not named)'] };
}

/** OpenLDAP's writing clients (`ldapdelete` is read by the floor's glued names): they change the entries they are fed. */
const DIRECTORY_WRITER = /^ldap(modify|add|modrdn|passwd)$/;

/**
 * Round 19: `ldapmodify -H ldaps://ldap.acme.internal -D cn=admin,… -f grant-admin.ldif` changes a directory's
 * entries (accounts, groups, who is an administrator), on a server this machine does not hold. A directory on
 * this machine (`-H ldap://localhost`, `ldapi://`) is the developer's own; `ldapsearch` only reads.
 */
function directoryWrite(inv: Invocation, r: FloorReading): Meaning | undefined {
  const m = DIRECTORY_WRITER.exec(inv.name);
  if (!m) return undefined;
  const uri = r.options.find((o) => o.name === '-H' || o.name === '-h');
  const server = uri !== undefined ? valueOf(uri) : '';
  const host = hostOf(server) ?? server;
  if (/^ldapi:/i.test(server) || (host !== '' && isLoopbackHost(host))) return undefined;
  const file = r.options.find((o) => o.name === '-f');
  const what = m[1] === 'passwd' ? 'sets a password of an account in' : `changes entries (accounts, groups, who administers what)${file !== undefined ? ` from ${valueOf(file)}` : ''} in`;
  return { shown: [], phrase: `${what} the directory`, names: [server !== '' ? server : 'the LDAP server of ldap.conf (not named)'], hints: server !== '' ? [server] : [] };
}

/** Words that run failed jobs or messages again (`rq requeue`, `retry`, `replay`, `redrive`). */
const RERUN = /^(requeue|retry|replay|redrive|redeliver|rerun|resubmit)$/;

/**
 * Round 19: every failed job run again at once (`rq requeue --all --queue failed`): each one's side effects
 * (mails, charges, webhooks) happen a second time, and a job that failed for a reason fails the same way
 * again, all together. One job by its id (`rq requeue JOB_ID`) stays routine.
 */
function everyJobRerun(r: FloorReading, words: ReturnType<typeof commandWords>): Meaning | undefined {
  const at = words.findIndex((w, i) => i < 3 && w.parts.some((p) => RERUN.test(p)));
  if (at < 0 || !r.options.some((o) => o.name === '--all' || o.name === '-a')) return undefined;
  const queue = r.options.find((o) => /^-{1,2}(queue|q)$/.test(o.name) && valueOf(o) !== '');
  return { shown: [...words.slice(0, at + 1).map((w) => w.word.text), '--all'], phrase: 'runs again every failed job (their mails, charges and calls happen a second time) of', names: queue !== undefined ? [`queue ${valueOf(queue)}`] : [] };
}

export function floorMeaning(inv: Invocation, ctx: RuleContext, r: FloorReading, traits: VerbTraits, destroying: DestroyingPart): Meaning | undefined {
  const words = commandWords(r);
  return batchRun(inv, r, ctx) ?? directoryWrite(inv, r) ?? published(inv, r, words) ?? versionWithdrawn(r, words) ?? migrationsUndone(r, words) ?? everyJobRerun(r, words) ?? machineRebuilt(r, words) ?? databaseLoaded(r, words) ?? restoredOverLive(inv, r, words, ctx.facts.home) ?? modeChosen(r, destroying) ?? keepsNothing(r, words) ?? listedWord(inv, r, traits) ?? commandText(inv, r, destroying);
}
