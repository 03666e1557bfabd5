import { identifierParts } from './cliArgs';
import type { FloorChange } from './floorChanges';

/**
 * A part of a running service stopped, or a watch over it lowered, by a CLI no rule names (issue #18 criterion 8,
 * stop 36; red team rounds 22 and 25: `emqx ctl listeners stop tcp:default`, `mycli healthcheck disable api`,
 * `mycli alerts silence --all`, `n8n update:workflow --all --active=false`).
 *
 * - A verb that stops, disables, pauses or silences, beside a noun of what serves (listeners, endpoints, routes,
 *   consumers, workers, bridges) or of what keeps watch or runs on its own (health checks, monitors, alerts,
 *   schedules, triggers, workflows, backups, replication): what clients reach stops answering, or nothing warns
 *   or runs any more. The noun may come before the verb (`alerts silence`) or right after it (`disable healthcheck`),
 *   or both in one word (`disable-alerts`, `monitors:pause`).
 * - Silencing, muting or snoozing is a protection lowered whatever it names (`tool silence add --all`).
 * - An update that switches a state off (`--active=false`, `--enabled false`, `--status disabled`, `--disable`):
 *   every thing it names (all of them with `--all`) stops running.
 *
 * Allowed look-alikes: the same nouns read (`alerts list`, `listeners status`), started or enabled again
 * (`listeners start`, `healthcheck enable`), a tool's own stop with nothing named (`ddev stop`, `tool dev stop`),
 * an update that switches a state on (`--active=true`) or changes no state (`tool update --all`).
 */

/** Verbs that stop what serves or lower a watch. */
const LOWERS = /^(stop|disable|pause|suspend|halt|deactivate|unload|shutdown|silence|mute|snooze|hush)$/;
/** Verbs that lower a watch whatever they name. */
const SILENCES = /^(silence|mute|snooze|hush)$/;
/** Verbs after a silence's noun that end or only read it. */
const ENDS = /^(expire|expired|delete|remove|rm|del|end|clear|lift|cancel|unmute|unsilence|query|list|ls|show|get|import|export)$/i;
/** Nouns of what serves clients, keeps watch, or runs on its own. */
const SERVING = /^(listeners?|endpoints?|ingress(es)?|gateways?|routes?|vhosts?|bridges?|connectors?|consumers?|workers?|replication|replicas?|mirrors?|mirroring|schedules?|schedulers?|crons?|cronjobs?|triggers?|webhooks?|automations?|workflows?|pipelines?|rules?|health|healthchecks?|checks?|probes?|monitors?|monitoring|alerts?|alerting|alarms?|notifications?|notifiers?|pagers?|paging|escalations?|watchdogs?|watchers?|backups?|snapshots?|retention|firewalls?|waf|ratelimits?|ratelimiting|auth|authentication|mfa|sso|tls|ssl|audit|auditing|logging|protection|guards?|subscriptions?|queues?|streams?|channels?|agents?|jobs?|tasks?)$/;
/** Options that switch a state; with one of the OFF values it is switched off. */
const STATE_OPTION = /^--?(active|enabled?|status|state|live|running|on|paused|disabled|suspended)$/i;
const OFF_VALUE = /^(false|off|0|no|disabled?|inactive|paused?|stopped|suspended|down)$/i;
/** Switches that say off by their name (`--disable`, `--deactivate`). */
const OFF_SWITCH = /^--?(disable|disabled|deactivate|inactive|pause|paused|suspend|suspended|off)$/i;
/** Groups of what runs for others, whose members a stop names (`services stop payments`, `sinks stop s3`). */
const RUNNING_GROUP = /^(services?|sinks?|sources?|flows?|connections?|integrations?|processors?|functions?|apps?|applications?|deployments?|instances?|databases?|dbs?|clusters?|nodes?|machines?|vms?|servers?|brokers?|proxies|proxy|pools?|upstreams?|backends?|targets?|tenants?|sites?|stores?)$/i;
/** Groups of what runs for the developer here. */
const LOCAL_GROUP = /^(dev|develop|development|local|localhost|emulators?|sandbox|devserver|watch|test|tests|preview)$/i;
/** Switches that say on by their name: `--paused` or `--disabled` set to false keep it running. */
const ON_NAMED = /^--?(paused|disabled|suspended)$/i;
/** Verbs that change a thing in place. */
const UPDATES = /^(update|updates|set|modify|edit|patch|change|bulk-update|configure|toggle|upsert)$/;

interface ReadingLike {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

function servingNoun(word: string | undefined): boolean {
  return word !== undefined && identifierParts(word).some((p) => SERVING.test(p));
}

/**
 * A part named after the verb, under a group of what runs (`kong services stop payments`, `vector sinks stop s3`), or
 * right after a verb that only pauses or disables (`pgbouncerctl pause appdb`, `healthchecks pause web`). A stop with
 * nothing named (`devbox services stop`, `tool server stop`) is the tool's own, and a development group stays allowed.
 */
function namedPart(reading: ReadingLike, path: readonly string[], i: number): string | undefined {
  const verb = path[i]!.toLowerCase();
  const named = reading.positionals.map((w) => w.text).slice(reading.positionals.findIndex((w) => w.text === path[i]) + 1).find((t) => /^[\w.:/@-]+$/.test(t) && !/^(all|-)/.test(t));
  if (named === undefined) return undefined;
  const group = path[i - 1];
  if (group !== undefined) return RUNNING_GROUP.test(group) && !LOCAL_GROUP.test(group) ? group : undefined;
  // No group: '' says the verb itself names what it stops.
  return /^(pause|suspend|disable|deactivate)$/.test(verb) ? '' : undefined;
}

/** A serving part stopped or a watch lowered, read from the command words (`path`: up to the first read verb). */
export function servingStopped(reading: ReadingLike, path: readonly string[]): FloorChange | undefined {
  const all = reading.positionals.some((w) => w.text === 'all') || reading.options.some((o) => /^--?(all|a)$/.test(o.name));
  for (const [i, word] of path.slice(0, 4).entries()) {
    const parts = identifierParts(word);
    const verb = parts.find((p) => LOWERS.test(p));
    if (verb === undefined) continue;
    // `disable-alerts`, `monitors:pause`: the noun in the same word; else the word before, or the one right after.
    const noun = parts.length > 1 && parts.some((p) => SERVING.test(p)) ? word : servingNoun(path[i - 1]) ? path[i - 1] : servingNoun(path[i + 1]) ? path[i + 1] : namedPart(reading, path, i);
    // `silence expire`, `mute delete`: the word is the noun of a verb that ends the silence (alerting comes back).
    if (parts.length === 1 && ENDS.test(path[i + 1] ?? '')) continue;
    // The team's line (stop 30): a silence narrowed by matchers (`silence add alertname=DiskFull instance=web-1`) is routine; the
    // safety net reads one that matches everything.
    if (SILENCES.test(verb) && !all && reading.positionals.some((w) => /^[\w.-]+(=|!=|=~)\S+$/.test(w.text))) continue;
    const silenced = SILENCES.test(verb) && (noun !== undefined || all || i > 0 || path[i + 1] !== undefined);
    if (noun === undefined && !silenced) continue;
    const groups = path.slice(0, i);
    const shown = path.slice(0, Math.max(i + 1, noun ? path.indexOf(noun) + 1 : 0)).join(' ');
    const last = noun ? Math.max(i, path.indexOf(noun)) : i;
    const lastIndex = reading.positionals.find((w) => w.text === path[last])?.index ?? -1;
    const after = reading.positionals.filter((w) => w.index > lastIndex && !/\s/.test(w.text)).map((w) => w.text).slice(0, 3);
    const names = after.length > 0 ? after : all ? ['all of them'] : [];
    const what = SILENCES.test(verb) ? 'silences (nothing warns while it lasts)' : 'stops (what relied on it no longer runs or answers)';
    return { rule: 'verbs.serving-stopped', shown, verb, phrase: what, groups: noun && !parts.includes(noun) ? [...groups.filter((g) => g !== noun), noun] : groups, names };
  }
  return undefined;
}

/** An update switching a state off (`update:workflow --all --active=false`, `monitor update 7 --enabled false`). */
export function stateSwitchedOff(reading: ReadingLike, path: readonly string[]): FloorChange | undefined {
  const at = path.slice(0, 4).findIndex((w) => identifierParts(w).some((p) => UPDATES.test(p)));
  if (at < 0) return undefined;
  const off = reading.options.find((o) => {
    const value = o.value ?? (o.next !== undefined && OFF_VALUE.test(o.next) ? o.next : undefined);
    if (STATE_OPTION.test(o.name) && value !== undefined) return ON_NAMED.test(o.name) ? /^(true|yes|1|on)$/i.test(value) : OFF_VALUE.test(value);
    return OFF_SWITCH.test(o.name) && (o.value === undefined || /^(true|yes|1|on)$/i.test(o.value));
  });
  if (off === undefined) return undefined;
  const all = reading.options.some((o) => /^--?all$/.test(o.name)) || reading.positionals.some((w) => w.text === 'all');
  const verbIndex = reading.positionals.find((w) => w.text === path[at])?.index ?? -1;
  const names = reading.positionals.filter((w) => w.index > verbIndex && !/\s/.test(w.text)).map((w) => w.text).slice(0, 3);
  const setting = `${off.name}${off.value !== undefined ? `=${off.value}` : off.next !== undefined && OFF_VALUE.test(off.next) ? ` ${off.next}` : ''}`;
  return { rule: 'verbs.serving-stopped', shown: `${path.slice(0, at + 1).join(' ')} ${setting}`, verb: 'disable', phrase: `switches off (${setting}: it no longer runs)`, groups: path.slice(0, at), names: names.length > 0 ? names : all ? ['every one of them (--all)'] : [] };
}
