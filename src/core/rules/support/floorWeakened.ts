import { identifierParts } from './cliArgs';
import { OPEN_VALUE } from './protectionLexicon';
import { loweredFinding } from './floorProtections';

/**
 * Stop 38 (issue #18 criteria 1/4/8, red team round 30): protections lowered by the *value* of an option, on a tool no
 * rule names — the near misses of `protectionLexicon.ts`, whose keys were read only as settings, never as the options
 * of a create or an update:
 *
 * | family | asks | stays allowed |
 * |---|---|---|
 * | open access | an allow-list, ip-allow, access-list, firewall rule, trusted source or CIDR option given `0.0.0.0/0`, `::/0`, `*` (`ybm network-allow-list create --ip-addr 0.0.0.0/0`) | a named network (`--ip-addr 10.0.0.0/8`), a listing |
 * | retention cut | an option whose name holds retention/retain/keep/ttl/expire/after, on a retention or backup command, set to one day or less (`--retention-period-in-days=1`, `retention create --after 1h`) | 7 days and more, `--retention-period-in-days=30` |
 * | password policy weakened | on a password-policy command: a minimum length ≤ 4, complexity off, classes 0, lockout disabled (`ipa pwpolicy-mod --minlength=1`, `samba-tool domain passwordsettings set --complexity=off`) | `--min-pwd-length=12`, `pwpolicy-show` |
 * | existing tables replaced | an import/load option `key=value` whose key says what to do when the target exists, set to replace/truncate/overwrite/drop (`impdp … table_exists_action=replace`, `if_exists=replace`, `write_disposition=WRITE_TRUNCATE`) | `skip`, `append` |
 *
 * The floor's caller (floorLoad.ts) leaves a command whose values name a development or local target.
 */

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

const DAY_HOURS = 24;
/** Hours a duration means (`1h`, `1d`, `30m`, `1` in a unit the option's name gives: `-in-days`, `-hours`). */
function hoursOf(name: string, value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|hr|d|day|days|w|wk|y)?$/i.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? (/days?\b|-d$|_d$/i.test(name) ? 'd' : /hours?\b|-h$|_h$/i.test(name) ? 'h' : /minutes?\b/i.test(name) ? 'min' : /ms$/i.test(name) ? 'ms' : /seconds?\b|secs?\b/i.test(name) ? 's' : 'd')).toLowerCase();
  const per: Record<string, number> = { ms: 1 / 3_600_000, s: 1 / 3600, sec: 1 / 3600, m: 1 / 60, min: 1 / 60, h: 1, hr: 1, d: 24, day: 24, days: 24, w: 168, wk: 168, y: 8760 };
  return n * (per[unit] ?? 24);
}

/** The command words before the first option value: `network-allow-list create`, `pwpolicy-mod`, `retention create`. */
function pathParts(r: ReadingLike): string[] {
  return r.positionals.slice(0, 4).filter((w) => /^[A-Za-z][\w:-]*$/.test(w.text)).flatMap((w) => identifierParts(w.text));
}

const READS = /^(list|ls|show|get|describe|info|status|find|search|view|print|check|test|help|validate)$/;
const ACCESS_NOUN = /^(allow|allowlist|whitelist|ipallow|access|acl|acls|firewall|firewalls|ingress|trusted|trust|source|sources|cidr|cidrs|ip|ips|network|networks|rule|rules|inbound|authorized|authorised)$/;
const ADDRESS_OPTION = /^(ip|ips|addr|address|addresses|cidr|cidrs|source|sources|range|ranges|subnet|subnets|network|networks|allow|from|origin|origins|trusted|block|blocks|prefix|prefixes)$/;

function openAccess(r: ReadingLike, parts: readonly string[]): string | undefined {
  if (!parts.some((p) => ACCESS_NOUN.test(p)) && !r.options.some((o) => identifierParts(o.name.replace(/^-+/, '')).some((p) => /^(allow|allowlist|whitelist|trusted|acl)$/.test(p)))) return undefined;
  for (const o of r.options) {
    const v = (o.value ?? o.next ?? '').replace(/^["']|["']$/g, '');
    if (!identifierParts(o.name.replace(/^-+/, '')).some((p) => ADDRESS_OPTION.test(p))) continue;
    if (v.split(/[\s,;]+/).some((x) => x !== '' && x !== 'all' && x !== 'any' && OPEN_VALUE.test(x))) return `${o.name} ${v} opens it to every address`;
  }
  return undefined;
}

const RETENTION_NOUN = /^(retention|retain|backup|backups|snapshot|snapshots|policy|lifecycle|archive|history|logs?|versions?|ttl|expiry|expiration)$/;
const RETENTION_OPTION = /^(retention|retain|keep|ttl|expire|expiry|expiration|after|age|maxage|lifetime|period|days)$/;

function retentionCut(r: ReadingLike, parts: readonly string[]): string | undefined {
  if (!parts.some((p) => RETENTION_NOUN.test(p))) return undefined;
  // Several keep rules in one policy (`kopia policy set --keep-latest 0 --keep-daily 14`): one set to nothing while another
  // keeps more than a day is a policy still keeping history (stop 30's decision).
  const keeps = r.options.filter((o) => identifierParts(o.name.replace(/^-+/, '')).some((p) => /^(keep|retain|retention)$/.test(p)));
  if (keeps.length > 1 && keeps.some((o) => { const v = o.value ?? o.next; const h = v !== undefined ? hoursOf(o.name, v) : undefined; return h !== undefined && h > DAY_HOURS; })) return undefined;
  for (const o of r.options) {
    const oparts = identifierParts(o.name.replace(/^-+/, ''));
    // Only an option that says how long data is kept: a frequency or a schedule is not (`--full-backup-frequency-in-days`).
    if (!oparts.some((p) => /^(retention|retain|keep|ttl|expire|expiry|after|maxage)$/.test(p)) || oparts.some((p) => /^(frequency|interval|every|schedule|cron|timeout|cache|session|token|lock|wait)$/.test(p))) continue;
    if (!oparts.some((p) => RETENTION_OPTION.test(p))) continue;
    const v = o.value ?? o.next;
    const hours = v !== undefined ? hoursOf(o.name, v) : undefined;
    if (hours !== undefined && hours <= DAY_HOURS) return `${o.name} ${v} keeps data for a day or less: what is older is deleted by the service, so a mistake found later cannot be undone`;
  }
  return undefined;
}

const PASSWORD_NOUN = /^(pwpolicy|passwordpolicy|passwordsettings|passwordpolicies|pwdpolicy|passwd|password|passwords|pwd|lockout|pw)$/;

function passwordWeakened(r: ReadingLike, parts: readonly string[]): string | undefined {
  const joined = parts.join('');
  if (!parts.some((p) => PASSWORD_NOUN.test(p)) && !/pwpolicy|passwordpolicy|passwordsettings|pwdpolicy/.test(joined)) return undefined;
  for (const o of r.options) {
    const name = o.name.replace(/^-+/, '').toLowerCase().replace(/[^a-z0-9]/g, '');
    const v = (o.value ?? o.next ?? '').trim();
    if (/^(min|minimum)(pwd|password|pw|passwd)?(length|len)$|^minlength$|^minlen$/.test(name) && /^\d+$/.test(v) && Number(v) <= 4) return `${o.name}=${v} accepts passwords of ${v} characters`;
    if (/complexity|requirecomplex|complex$/.test(name) && /^(off|false|no|0|disabled?|none)$/i.test(v)) return `${o.name}=${v} switches password complexity off`;
    if (/^(min)?(classes|charclasses|characterclasses)$|^minclasses$/.test(name) && /^0$/.test(v)) return `${o.name}=0 accepts passwords of one kind of character`;
    if (/^(maxfail|maxfailures|lockoutthreshold|accountlockoutthreshold|maxloginattempts|maxattempts|failurecount|lockout)$/.test(name) && /^(0|off|false|no|disabled?|none)$/i.test(v)) return `${o.name}=${v} disables lockout, so passwords can be guessed without end`;
  }
  return undefined;
}

/** `table_exists_action=replace` (Data Pump), `if_exists=replace`, `on_conflict=overwrite`, `write_disposition=WRITE_TRUNCATE`. */
const EXISTS_KEY = /^(table[._-]?exists[._-]?action|if[._-]?exists|on[._-]?exists|when[._-]?exists|exists[._-]?action|on[._-]?conflict|conflict[._-]?action|write[._-]?disposition|write[._-]?mode|mode|existing)$/i;
const REPLACING = /^(replace|truncate|overwrite|drop|write[._-]?truncate|recreate|clobber)$/i;

function existingReplaced(r: ReadingLike): string | undefined {
  const pairs: [string, string][] = [];
  for (const w of r.positionals) {
    const m = /^([\w.-]{2,40})=(\S+)$/.exec(w.text);
    if (m) pairs.push([m[1]!, m[2]!]);
  }
  for (const o of r.options) if (o.value !== undefined) pairs.push([o.name.replace(/^-+/, ''), o.value]);
  for (const [key, value] of pairs) {
    // A bare `mode=overwrite` says what is replaced only beside an import or a load.
    if (key.toLowerCase() === 'mode' || key.toLowerCase() === 'existing') continue;
    if (EXISTS_KEY.test(key) && REPLACING.test(value)) return `${key}=${value} replaces what the target already holds: the tables or rows there now are dropped or overwritten`;
  }
  return undefined;
}

/** A protection lowered or data replaced by an option's value, on a tool nothing describes; undefined when nothing here says so. */
export function weakenedByValue(tool: string, reading: ReadingLike): ReturnType<typeof loweredFinding> | undefined {
  const parts = pathParts(reading);
  const words = reading.positionals.filter((w) => /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 3).map((w) => w.text);
  const reads = parts.length > 0 && parts.every((p) => !/^(create|add|set|mod|modify|update|put|new|edit|change|apply|insert|upsert|enable|allow|configure|config)$/.test(p)) && parts.some((p) => READS.test(p));
  if (reads) return undefined;
  const open = openAccess(reading, parts);
  const how = open ?? retentionCut(reading, parts) ?? passwordWeakened(reading, parts) ?? existingReplaced(reading);
  return how === undefined ? undefined : loweredFinding(tool, words, how);
}
