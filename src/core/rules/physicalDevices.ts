import type { Finding, Invocation, RulePack } from '../policy/types';
import { freeFormReadings, optionValue } from '../registry/freeForm';
import { identifierParts } from './support/cliArgs';

/**
 * Physical devices (issue #18 criterion 8, stop 38, red team round 28: `hass-cli service call lock.unlock`,
 * `esphome run garage.yaml --device garage.local`, `platformio run -t erase`): what an agent does to hardware
 * cannot be taken back by any undo on this machine. Two families, read by the meaning of the words of any
 * program (lexicons below):
 *
 * - a home-automation or IoT call that opens, unlocks or disarms (`lock.unlock`, `alarm_control_panel.alarm_disarm`,
 *   `cover.open_cover`, `lock:unlock`, `/api/services/lock/unlock`, an MQTT `…/lock/set` sent `UNLOCK`), or that
 *   turns off an alarm, a siren or a camera (`switch.turn_off` on `switch.alarm_siren`);
 * - firmware written onto a device or its flash erased: a flashing verb (`flash`, `write_flash`, `mass_erase`,
 *   `-U flash:w:…`, `-t upload`), or an upload/run/load verb with a device named (a serial port, `--device x.local`,
 *   a firmware image) or by a microcontroller tool.
 *
 * Allowed look-alikes: reading states (`hass-cli state list`), locking and arming, builds and checks
 * (`esphome compile`, `esphome config`, `platformio run`, `arduino-cli compile`), reads of a chip
 * (`esptool chip_id`, `read_flash`, `-U flash:r:…`), monitors and logs.
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

/** Verbs that write or erase a device's flash whatever program says them. */
const FLASHES = /^(writeflash|eraseflash|masserase|chiperase|eraseall|flashfs|writefw|flashfirmware|uploadfirmware)$/;
/** Verbs that flash once a device, an image or a microcontroller tool is named (`solana program deploy` is not). */
const FLASHES_ON_DEVICE = /^(flash|program|burn|dfu)$/;
/** Verbs that write to a device only when a device is named or the program is a microcontroller tool. */
const DEVICE_WRITES = /^(upload|run|load|download|write|erase|deploy|ota)$/;
/** Words that only build, check or read (`esphome compile`, `read_flash`, `chip_id`, `monitor`). */
const BUILDS_OR_READS = /^(compile|build|config|check|validate|verify|read|readflash|dump|info|chipid|chip|flashid|list|ls|monitor|logs|log|clean|test|version|help|search|show|status|imageinfo|erase-region-list)$/;
/** PlatformIO-style targets that write or erase (`-t upload`, `--target erase`). */
const WRITE_TARGETS = /^(upload|uploadfs|erase|program|fuses|bootloader|uploadeep|uploadfsota|nobuild)$/i;
/** A serial or USB device, an mDNS device or a firmware image. */
const SERIAL = /^(\/dev\/(tty|cu\.|serial|usb|hidraw)|COM\d+$)/i;
const FIRMWARE = /\.(hex|ihex|bin|elf|uf2|dfu|srec|s19|img)$/i;
/** Words in a program's name that say it talks to microcontrollers (a lexicon, not one tool). */
const DEVICE_PROGRAM = /(^|[-_.])(esptool|espflash|esphome|avrdude|arduino|platformio|pio|particle|dfu|openocd|st-flash|stm32\w*|teensy\w*|picotool|nrfjprog|nrfutil|jlink\w*|probe-rs|pyocd|west|idf|qmk|bossac|tinygo|uf2\w*|mcumgr|micronucleus|wchisp|blhost|flash\w*)([-_.]|$)/i;

function flashed(inv: Invocation): string | undefined {
  const { usual, valued } = freeFormReadings(inv.args);
  const words = usual.operands.map((w) => w.text);
  // Words no option before them may take (`platformio run -e ENV`: `run`; `avrdude -c arduino -p m328p -e`: none).
  const ownWords = valued.operands.some((w) => /^[A-Za-z][\w:-]*$/.test(w.text));
  const options = usual.options.map((o) => ({ name: o.name, bare: o.name.replace(/^-+/, ''), value: optionValue(o) }));
  const next = (i: number): string | undefined => inv.args[i + 1]?.text;
  const valueOf = (names: RegExp): string[] => inv.args.flatMap((a, i) => { const m = /^(-{1,2}[\w-]+)(?:=(.*))?$/.exec(a.text); return m && names.test(m[1]!) ? [m[2] ?? next(i) ?? ''] : []; });
  const command = words.slice(0, 2).filter((w) => /^[A-Za-z][\w:-]*$/.test(w));
  if (command.some((w) => BUILDS_OR_READS.test(norm(w)) || identifierParts(w).some((p) => /^(read|info|compile|build|monitor|verify|list)$/.test(p)))) {
    // `arduino-cli compile --upload`, `platformio run -t upload` still write.
    if (!options.some((o) => /^(upload|u)$/.test(o.bare) && command.some((w) => /^compile$/i.test(w))) ) return undefined;
  }
  const name = inv.name;
  const devices = [...words, ...inv.args.map((a) => a.text)].filter((w) => SERIAL.test(w));
  const deviceOption = valueOf(/^(-{1,2}(device|port|upload-port|upload_port|serial-port|serial|dev))$/i).find((v) => v !== '' && (SERIAL.test(v) || /\.local$|^\d+\.\d+\.\d+\.\d+$|^OTA$/i.test(v))) ?? valueOf(/^--(chip|mcu|fqbn)$/i).find((v) => v !== '');
  const image = [...words, ...options.map((o) => o.value ?? '')].find((w) => FIRMWARE.test(w));
  const target = valueOf(/^(-t|--target)$/).find((v) => WRITE_TARGETS.test(v));
  // `-U flash:w:fw.hex:i` (a memory written), an OpenOCD command list naming `program` or a mass erase.
  const memoryWrite = inv.args.find((a) => /^(flash|eeprom|efuse|lfuse|hfuse|fuses?|lock|boot\w*|application):w:/i.test(a.text))?.text;
  const script = valueOf(/^(-c|--command|-ex)$/).find((v) => /(^|[\s;])(program|flash\s+write_image|\w*mass_erase|\w*_erase|erase_sector|flash\s+erase\w*)\b/i.test(v));
  const strong = [...command, ...options.map((o) => o.bare)].find((w) => FLASHES.test(norm(w)) || FLASHES_ON_DEVICE.test(norm(w)));
  const deviceTool = DEVICE_PROGRAM.test(name.replace(/\.(py|exe)$/, ''));
  // Long options say it for any such program; a one-letter option only for a program that takes no command words (`avrdude -e`, `dfu-util -D`; `platformio run -e ENV` names an environment).
  const weak = command.find((w) => DEVICE_WRITES.test(norm(w))) ?? options.find((o) => (/^(upload|write|erase|download|program|chip-erase|mass-erase|eraseall)$/i.test(o.bare) || (!ownWords && /^[ewdD]$/.test(o.bare))) && (deviceTool || devices.length > 0))?.name;
  const named = devices[0] ?? deviceOption;
  const where = named !== undefined ? ` (${named})` : '';
  if (target !== undefined) return `${/erase/i.test(target) ? 'erases' : 'writes'} the attached device's flash (${name} -t ${target})${where}`;
  if (memoryWrite !== undefined) return `writes ${memoryWrite.split(':')[0]} memory of the attached device (${memoryWrite.split(':').slice(0, 2).join(':')})${where}`;
  if (script !== undefined) return `runs a ${/erase/i.test(script) ? 'flash erase' : 'flash write'} on the attached device (${script.trim().slice(0, 60)})`;
  if (strong !== undefined && (FLASHES.test(norm(strong)) || deviceTool || named !== undefined || image !== undefined)) return `${/erase/i.test(strong) ? 'erases' : 'writes firmware onto'} a device (${name} ${strong})${where}`;
  if (weak === undefined) return undefined;
  // `run` builds unless a device is named; `upload`/`load`/`write` need a device, an image or a device tool.
  if (/^run$/i.test(weak) ? deviceOption === undefined && devices.length === 0 : named === undefined && !deviceTool) return undefined;
  return `${/erase|^-?e$/i.test(norm(weak)) ? 'erases' : 'writes firmware onto'} a device (${name} ${weak})${where}`;
}

function checkDevices(inv: Invocation): Finding[] {
  if (inv.args.length === 0) return [];
  const words = inv.args.map((a) => a.text);
  const call = physicalCall(words);
  const flash = call === undefined ? flashed(inv) : undefined;
  if (call === undefined && flash === undefined) return [];
  const shown = [inv.name, ...words.slice(0, 3).filter((w) => /^[A-Za-z][\w:.-]*$/.test(w))].join(' ');
  const reason = call !== undefined
    ? `\`${shown}\` ${call.startsWith('turns off') ? call : `sends ${call}`}: a physical device opens, unlocks or stops watching, which nothing on this machine can take back.`
    : `\`${inv.name}\` ${flash}: the device's firmware or data is replaced on the hardware itself, which nothing on this machine can take back.`;
  return [{ rule: `devices.${call !== undefined ? 'physical-action' : 'firmware-write'}`, risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name: call !== undefined ? shown : inv.name, provider: inv.name, remote: true, environment: 'production', environmentReason: 'a physical device (its environment is the world)' }] }];
}

/** Programs whose words are data or text, never a device's command. */
const NOT_A_CLI = /^(echo|printf|cat|grep|egrep|rg|sed|awk|jq|yq|git|find|xargs|sort|less|head|tail|ls|tee|wc|diff|test|\[|true|false|man|which|type|command|export|cd|mkdir|touch|cp|mv|rm|ln|chmod|chown|code|vim|vi|nano|emacs|open|xdg-open)$/;

export const physicalDevicesPack: RulePack = {
  id: 'devices',
  title: 'Physical devices: doors unlocked, alarms disarmed, firmware flashed',
  checkInvocation: checkDevices,
  reactsTo: (name) => !NOT_A_CLI.test(name),
};
