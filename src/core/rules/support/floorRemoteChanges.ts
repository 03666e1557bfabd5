import { hostOf, isLocalHost } from '../../policy/production';
import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';

/**
 * Stop 39 (red team round 31 held out, issue #18 criteria 1, 4 and 8): changes to what others rely on that a CLI
 * nobody described makes with words the disruptive-change lexicon (`floorDisruptive.ts`) did not read. Called first
 * by `disruptiveChange`, so only for undescribed tools, where nothing else asked, and the caller still allows a
 * development or local environment named on the line.
 *
 * | meaning | asks | stays allowed |
 * |---|---|---|
 * | a DNS record written: a write verb with a record type and a name (`pdnsutil replace-rrset acme.com @ A 3600 IP`), or a zone-file line handed over (`unbound-control local_data 'api.acme.com. 300 IN A IP'`) | any zone not reserved for tests | reads (`list-zone`, `show`), zones under `.test`, `.example`, `.localhost`, `.local`, `.invalid` |
 * | a server put in a state that turns clients away by a set verb (`maxctrl set server db1 maintenance`) | maintenance, drain, offline, read-only, standby | `clear server db1 maintenance`, `set server db1 running` |
 * | every ban lifted (`fail2ban-client unban --all`): blocked attackers come back | `unban`/`unblock`/`pardon` with `--all`, `all` or `*` | one address unbanned (`unban 203.0.113.5`) |
 * | a protection service stopped by its own controller (`fail2ban-client stop`): the program's name is a guard (fail2ban, crowdsec, sshguard, a firewall, an antivirus, an audit daemon) | stop, shutdown, halt, disable, pause, kill | `status`, `reload`, `start`; any other controller's bare stop (the line of stop 38: `rndc stop`, `gitlab-ctl stop`: this machine's own service) |
 * | a storage volume freed (`pvesm free local-lvm:vm-104-disk-0`): its data is gone | `free`/`deallocate` of a `store:volume` or a disk-shaped name | `free -h`, `free` with nothing named |
 * | what is at a remote place overwritten by an option (`preset-cli --workspaces=https://… sync native dashboards/ --overwrite`) | `--overwrite`, `--force-overwrite`, `--replace-existing`, `--clobber` with a URL of another host | the same with a local folder or `localhost` |
 * | mail to a whole list (`sendmail -f noreply@acme.com customers@lists.acme.com < announcement.eml`): a delivered message cannot be called back | a list address (`lists.`/`groups.` domains, `all@`, `customers@`, `subscribers@` …) or ten or more recipients | one person (`sendmail ops@acme.com`), test domains, `-bv`/`-bp`/`-bt` (verify, queue, test modes) |
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string; index?: number }[];
  maybeValues: ReadonlySet<number>;
}

/** Record types of DNS (upper case as zone files and DNS tools write them). */
const RECORD_TYPE = /^(A|AAAA|CNAME|MX|TXT|NS|SRV|CAA|PTR|ALIAS|ANAME|HTTPS|SVCB|DNAME|SPF|NAPTR|TLSA)$/;
/** A zone-file line: name, optional TTL and class, type, data (`api.acme.com. 300 IN A 203.0.113.66`). */
const ZONE_LINE = /^\s*(\S+)\s+(?:\d+\s+)?(?:IN\s+)?(A|AAAA|CNAME|MX|TXT|NS|SRV|CAA|PTR|ALIAS|HTTPS|SVCB)\s+\S+/i;
/** Parts of a command word that write records. */
const RECORD_WRITE = /^(add|set|replace|create|update|upsert|put|change|edit|modify|override|point|repoint|insert|new)$/;
/** Words that only turn records into text (`export`, `format`): a zone-file line beside them is data, not a write. */
const RECORD_TEXT = /^(export|dump|print|format|fmt|parse|convert|lint|diff|compare|explain|decode|encode)$/;
/** Zones reserved for tests and this machine (RFC 2606, 6761, 6762). */
const RESERVED_ZONE = /(^|\.)(test|example|invalid|localhost|local|lan|home\.arpa)\.?$|^(example\.(com|net|org))\.?$/i;
/** A DNS name (`acme.com`, `api.acme.com.`). */
const DNS_NAME = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\.?$/i;

function recordWrite(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const texts = reading.positionals.map((w) => w.text);
  if (path.some((w) => identifierParts(w).some((p) => RECORD_TEXT.test(p)))) return undefined;
  const line = texts.map((t) => ZONE_LINE.exec(t)).find((m) => m !== null && DNS_NAME.test(m[1]!));
  const writes = path.slice(0, 3).some((w) => identifierParts(w).some((p) => RECORD_WRITE.test(p)));
  const zone = line?.[1] ?? (writes && texts.some((t) => RECORD_TYPE.test(t)) ? texts.find((t) => DNS_NAME.test(t)) : undefined);
  if (zone === undefined || RESERVED_ZONE.test(zone) || (line === undefined && !writes)) return undefined;
  const type = line?.[2]?.toUpperCase() ?? texts.find((t) => RECORD_TYPE.test(t))!;
  return { rule: 'verbs.dns-record-write', shown: path.slice(0, 2).join(' '), verb: 'overwrite', phrase: `writes a DNS ${type} record of (every client resolving the name is sent where it now points)`, groups: [], names: [zone] };
}

/** States a set verb puts a server in that turn its clients away. */
const AWAY_STATE = /^(maintenance|maint|drain|draining|drained|offline|down|readonly|read-only|standby|disabled|quiesce|quiesced)$/i;

function awayState(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  if (!/^(set|put|mark)$/i.test(path[0] ?? '')) return undefined;
  const words = reading.positionals.map((w) => w.text);
  const at = words.findIndex((t, i) => i > words.indexOf(path[0]!) && AWAY_STATE.test(t));
  if (at < 0) return undefined;
  const named = words.slice(words.indexOf(path[0]!) + 1, at).filter((t) => !/^(server|servers|node|nodes|backend|backends|instance|host|member|service|state|status|mode)$/i.test(t));
  if (named.length === 0) return undefined;
  return { rule: 'verbs.disruptive-change', shown: [path[0]!, ...words.slice(words.indexOf(path[0]!) + 1, at + 1)].join(' '), verb: 'stop', phrase: 'takes offline (maintenance or draining: clients are turned away)', groups: [], names: named.slice(0, 3) };
}

/** Lifting bans or blocks. */
const UNBAN = /^(unban|unbanip|unblock|unblacklist|unblocklist|pardon|unjail|unquarantine|delban|delete-bans?|remove-bans?)$/i;

function everyBanLifted(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const at = path.slice(0, 3).findIndex((w) => UNBAN.test(w));
  if (at < 0) return undefined;
  const all = reading.options.some((o) => /^--?(all|everyone|everything)$/i.test(o.name)) || reading.positionals.some((w) => /^(all|\*|everyone|--all)$/i.test(w.text));
  return all ? { rule: 'verbs.protection-lowered', shown: [...path.slice(0, at + 1), 'all'].join(' '), verb: 'disable', phrase: 'lifts every ban of (addresses blocked for attacks can reach it again)', groups: [], names: ['every banned address'] } : undefined;
}

/** Programs whose name is a guard: a ban daemon, a firewall, an antivirus, an intrusion detector, an audit daemon. */
const GUARD_NAME = /^(fail2ban|crowdsec|cscli|sshguard|denyhosts|firewall|firewalld|ufw|csf|waf|modsecurity|clamav|clamd|freshclam|antivirus|auditd|wazuh|ossec|suricata|snort|falco|aide|tripwire|apparmor|selinux|fapolicyd|usbguard|portsentry|psad)$/i;
const STOPS = /^(stop|shutdown|halt|disable|pause|kill|unload|off|exit|quit)$/i;

function guardStopped(tool: string, path: readonly string[]): FloorChange | undefined {
  const name = tool.replace(/\.(sh|exe)$/, '');
  if (!identifierParts(name).some((p) => GUARD_NAME.test(p)) && !GUARD_NAME.test(name.replace(/[-_.]?(client|ctl|control|cli|admin|adm)$/, ''))) return undefined;
  const word = path.slice(0, 2).find((w) => STOPS.test(w));
  return word !== undefined ? { rule: 'verbs.protection-lowered', shown: word, verb: 'stop', phrase: 'stops a protection (nothing blocks or detects attacks while it is off)', groups: [], names: [`the ${name} service`] } : undefined;
}

/** A storage volume (`local-lvm:vm-104-disk-0`, `tank:vol-7`) or a disk-shaped name (`vm-104-disk-0`, `vol-0ab12`). */
const VOLUME = /(^|[-_:/])(disk|vol|volume|lun|lv|image|img)[-_]?\d+|(^|[:/])vzdump-|^vol-[0-9a-f]{4,}$|\.(vma|qcow2|raw|vmdk|vhdx?|img)$/i;

function volumeFreed(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const at = path.slice(0, 3).findIndex((w) => /^(free|deallocate|dealloc|unallocate)$/i.test(w));
  if (at < 0) return undefined;
  const verbAt = reading.positionals.find((w) => w.text === path[at])?.index ?? -1;
  const volumes = reading.positionals.filter((w) => w.index > verbAt && VOLUME.test(w.text) && !/^[a-z][\w+.-]*:\/\//i.test(w.text)).map((w) => w.text);
  return volumes.length > 0 ? { rule: 'verbs.destroying-verb', shown: path.slice(0, at + 1).join(' '), verb: 'delete', phrase: 'frees (deletes) the storage volume', groups: [], names: volumes.slice(0, 3) } : undefined;
}

const OVERWRITE_OPTION = /^--?(overwrite|force-overwrite|overwrite-existing|replace-existing|clobber|force-replace|override-existing)$/i;

/** A URL of another host anywhere on the line (an option's value or an operand). */
function remoteUrl(reading: ReadingLike): string | undefined {
  const values = [...reading.options.map((o) => o.value ?? ''), ...reading.positionals.map((w) => w.text)];
  return values.find((v) => /^[a-z][\w+.-]*:\/\//i.test(v) && ((h) => h !== undefined && h !== '' && !isLocalHost(h))(hostOf(v)));
}

function remoteOverwrite(path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  // A copy brought here (`download URL --overwrite`, `pull`, `export`) overwrites files on this machine, which the perimeter judges.
  if (path.some((w) => identifierParts(w).some((p) => /^(download|pull|fetch|get|clone|export|backup|save|dump|checkout|restore)$/i.test(p)))) return undefined;
  const option = reading.options.find((o) => OVERWRITE_OPTION.test(o.name) && !/^(false|no|0|off)$/i.test(o.value ?? ''));
  const url = option !== undefined ? remoteUrl(reading) : undefined;
  return option !== undefined && url !== undefined ? { rule: 'verbs.destroying-option', shown: [...path.slice(0, 3), option.name].join(' '), verb: 'overwrite', phrase: 'overwrites what is there at (the versions there now are not kept)', groups: [], names: [url] } : undefined;
}

/** Addresses that name a list or a group rather than a person. */
const LIST_ADDRESS = /^(all|everyone|everybody|customers?|clients|users|subscribers|members|announce|announcements?|newsletter|news|staff|all-?staff|all-?hands|list|mailing-?list|marketing|community|partners|employees)@|@(lists?|groups?|mailman|listserv)\.|@googlegroups\.com$/i;
const NOBODY = /@(localhost|[\w.-]+\.(test|example|invalid|localhost)|example\.(com|org|net))$/i;
const EMAIL = /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/;

/** A message sent to a whole list, or to ten or more people, by a mailer or a send verb. */
function massMail(tool: string, path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const mailer = /mail|smtp/i.test(tool) || path.slice(0, 2).some((w) => /^(send|mail|blast|broadcast|deliver)$/i.test(w));
  // sendmail's modes that send nothing: verify (-bv), print the queue (-bp), address test (-bt).
  if (!mailer || reading.options.some((o) => /^-b[vpt]$|^--?(help|version|dry-run)$/.test(o.name))) return undefined;
  const from = new Set(reading.options.filter((o) => /^-(f|r)$|^--?(from|sender|reply-to)$/i.test(o.name)).map((o) => o.value ?? o.next));
  const recipients = [...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')].flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => EMAIL.test(t) && !from.has(t) && !NOBODY.test(t));
  const list = [...new Set(recipients.filter((r) => LIST_ADDRESS.test(r)))];
  if (list.length === 0 && new Set(recipients).size < 10) return undefined;
  return { rule: 'verbs.mass-mail', shown: path.slice(0, 2).join(' '), verb: 'send', phrase: 'sends an email to every member of (a delivered message cannot be called back)', groups: [], names: (list.length > 0 ? list : recipients).slice(0, 3) };
}

/** The first of these changes the command makes, or undefined. `path`: the floor's command words up to a read verb. */
export function remoteChange(tool: string, path: readonly string[], reading: ReadingLike): FloorChange | undefined {
  const found = recordWrite(path, reading) ?? awayState(path, reading) ?? everyBanLifted(path, reading) ?? guardStopped(tool, path) ?? volumeFreed(path, reading) ?? remoteOverwrite(path, reading) ?? massMail(tool, path, reading);
  // What says where it reaches: the values, not the command words (`local_data`) nor a volume's storage (`local-lvm:` is the node's own storage, not an environment).
  const hints = [...reading.positionals.map((w) => w.text), ...reading.options.map((o) => o.value ?? o.next ?? '')].filter((t) => t !== '' && !path.includes(t) && !t.startsWith('/')).map((t) => (VOLUME.test(t) ? t.replace(/^[\w.-]+:(?!\/\/)/, '') : t));
  return found && { ...found, hints };
}
