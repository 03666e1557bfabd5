import type { Finding, Invocation, RulePack } from '../policy/types';
import { identifierParts } from './support/cliArgs';

/**
 * Physical devices opened or watched no more (issue #18 criterion 8, stop 38, red team round 28: `hass-cli
 * service call lock.unlock`): what an agent does to a door, an alarm or a camera cannot be taken back by any
 * undo on this machine. Read by the meaning of the words of any program: a home-automation or IoT call that
 * opens, unlocks or disarms (`lock.unlock`, `alarm_control_panel.alarm_disarm`, `cover.open_cover`,
 * `lock:unlock`, `/api/services/lock/unlock`, an MQTT `…/lock/set` sent `UNLOCK`), or that turns off an alarm,
 * a siren or a camera (`switch.turn_off` on `switch.alarm_siren`). Firmware written to a device is the verb
 * floor's (`support/floorDevices.ts`). Allowed look-alikes: reading states (`hass-cli state list`), locking and
 * arming, lights and other switches turned off.
 */

/** Nouns of what keeps a place shut or watched. */
const SECURED = /^(lock|locks|door|doors|frontdoor|backdoor|garage|garagedoor|gate|gates|cover|covers|shutter|shutters|barrier|valve|valves|alarm|alarms|alarmcontrolpanel|siren|sirens|camera|cameras|security|doorbell|smokedetector|intercom)$/;
/** Verbs that open or unlock it. */
const OPENS = /^(unlock|open|opencover|openvalve|opendoor|opengate|disarm|alarmdisarm|unlatch)$/;
/** What turning off lowers: alarms, sirens, cameras, security switches (turning off a lamp stays routine). */
const WATCHERS = /^(alarm|alarms|siren|sirens|camera|cameras|security|smokedetector|motion|doorbell|guard|surveillance)$/;
const TURNS_OFF = /^(turnoff|off|disable|stop|mute|bypass)$/;

const norm = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');
/** Segments of a word split at dots, colons, slashes and `=` (`entity_id=lock.front_door` → entity_id, lock, front_door). */
const segmentsOf = (w: string): string[] => w.split(/[.:/=,\s]+/).filter((s) => s !== '');
const partsOf = (segment: string): string[] => [norm(segment), ...identifierParts(segment)];

function physicalCall(words: readonly string[]): string | undefined {
  // `lock.unlock`, `alarm_control_panel.alarm_disarm`, `lock:unlock`, `/api/services/cover/open_cover`: a secured thing and a verb that opens it, in one word.
  for (const w of words) {
    const segs = segmentsOf(w);
    const noun = segs.findIndex((s) => partsOf(s).some((p) => SECURED.test(p)));
    if (noun < 0) continue;
    const verb = segs.slice(noun).find((s) => partsOf(s).some((p) => OPENS.test(p)) || OPENS.test(norm(s)));
    if (verb !== undefined) return `${verb.replace(/_/g, ' ')} on ${segs[noun]}`;
  }
  const all = words.flatMap((w) => segmentsOf(w));
  // The thing named in a topic, path or entity (a word with separators), not a bare word (`--label lock`).
  const secured = words.filter((w) => segmentsOf(w).length > 1).flatMap(segmentsOf).find((s) => partsOf(s).some((p) => SECURED.test(p)));
  // An MQTT topic or entity naming the thing, and the command as its own word (`-t home/door/lock/set -m UNLOCK`).
  const command = words.find((w) => OPENS.test(norm(w)));
  if (secured !== undefined && command !== undefined) return `${command} on ${secured}`;
  // `switch.turn_off` with `entity_id=switch.alarm_siren`: an alarm, siren or camera switched off.
  const watcher = all.find((s) => partsOf(s).some((p) => WATCHERS.test(p)));
  const off = all.find((s) => TURNS_OFF.test(norm(s)));
  const service = words.some((w) => /^(service|services|call|command|commands|send|set|publish|pub|action|actions|trigger|execute)$/i.test(w)) || words.some((w) => /[.:/]/.test(w) && segmentsOf(w).some((s) => TURNS_OFF.test(norm(s))));
  return watcher !== undefined && off !== undefined && service ? `turns off ${watcher}` : undefined;
}

function checkDevices(inv: Invocation): Finding[] {
  if (inv.args.length === 0) return [];
  const words = inv.args.map((a) => a.text);
  const call = physicalCall(words);
  if (call === undefined) return [];
  const shown = [inv.name, ...words.slice(0, 3).filter((w) => /^[A-Za-z][\w:.-]*$/.test(w))].join(' ');
  const reason = `\`${shown}\` ${call.startsWith('turns off') ? call : `sends ${call}`}: a physical device opens, unlocks or stops watching, which nothing on this machine can take back.`;
  return [{ rule: 'devices.physical-action', risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name: shown, provider: inv.name, remote: true, environment: 'production', environmentReason: 'a physical device (its environment is the world)' }] }];
}

/** Programs whose words are data or text, never a device's command. */
const NOT_A_CLI = /^(echo|printf|cat|grep|egrep|rg|sed|awk|jq|yq|git|find|xargs|sort|less|head|tail|ls|tee|wc|diff|test|\[|true|false|man|which|type|command|export|cd|mkdir|touch|cp|mv|rm|ln|chmod|chown|code|vim|vi|nano|emacs|open|xdg-open)$/;

export const physicalDevicesPack: RulePack = {
  id: 'devices',
  title: 'Physical devices: doors unlocked or opened, alarms disarmed or silenced',
  checkInvocation: checkDevices,
  reactsTo: (name) => !NOT_A_CLI.test(name),
  // Every reading above needs an opening, unlocking, disarming or silencing word.
  gate: { words: /unlock|open|disarm|unlatch|turn.?off|off|disable|stop|mute|bypass/i },
};
