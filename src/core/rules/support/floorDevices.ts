import type { Finding } from '../../policy/types';
import type { KindReading } from './floorLoad';
import { identifierParts } from './cliArgs';

/**
 * Firmware written to a device by a tool no rule names (issue #18 criterion 8, stop 36, red team round 26:
 * `esptool.py --port /dev/ttyUSB0 write_flash 0x0 build/firmware.bin`, `particle flash --product`, `arduino-cli
 * upload`). A flash write replaces what the device boots; a bad image bricks it, and a fleet-wide flash reaches every
 * device of a product at once. Nothing on this machine keeps the old image.
 *
 * - a command word that writes flash (`flash`, `write_flash`, `flash-write`, `program`, `burn`), or a tool named for
 *   flashing told to write (`st-flash write`);
 * - an upload or load told which device by a serial or USB port (`upload -p /dev/ttyACM0`, `--port COM3`);
 * - a fleet or product named (`--product`, `--fleet`, `--group`): every device of it, marked production.
 *
 * Allowed look-alikes: reads of a device (`read_flash`, `chip_id`, `flash_id`, `verify`), builds and compiles
 * (`compile`, `build`), board and port listings, and an upload with no device named (`… upload` of a web app).
 */

/** Parts of a command word that write a device's memory. */
const WRITES_FLASH = /^(flash|burn|program|reflash|flashing|flashall)$/;
/** Parts beside `flash` that only read or describe it. */
const READS_FLASH = /^(read|dump|id|info|list|ls|status|verify|size|get|show|backup|detect|chip|compile|build|monitor)$/;
/** Verbs that send an image to whatever the port names. */
const SENDS = /^(upload|load|write|download|deploy|install)$/;
/** A serial or USB device. */
const DEVICE = /^(\/dev\/(tty|cu\.|serial|usb|hidraw|bus\/usb)\S*|COM\d+|usb:\S*)$/i;
const PORT_OPTION = /^--?(port|p|device|d|serial|usb|P)$/;
/** Firmware image files. */
const IMAGE = /\.(hex|bin|uf2|elf|img|dfu|ihex|srec|s19)$/i;
const FLEET_OPTION = /^--?(product|fleet|group|all-devices|devices|tag)$/;

type Reading = KindReading;

export function deviceWrite(tool: string, reading: Reading): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index) && /^[A-Za-z][\w:-]*$/.test(w.text)).slice(0, 3).map((w) => w.text);
  const toolParts = identifierParts(tool.replace(/\.(py|exe|sh)$/, ''));
  const valueOf = (o: Reading['options'][number]): string => o.value ?? o.next ?? '';
  const port = reading.options.find((o) => PORT_OPTION.test(o.name) && DEVICE.test(valueOf(o)));
  const fleet = reading.options.find((o) => FLEET_OPTION.test(o.name));
  const flashWord = words.find((w) => { const p = identifierParts(w); return p.some((x) => WRITES_FLASH.test(x)) && !p.some((x) => READS_FLASH.test(x)); });
  const namedWrite = toolParts.includes('flash') ? words.find((w) => /^(write|erase|program)$/i.test(w)) : undefined;
  const sent = port !== undefined ? words.find((w) => identifierParts(w).some((x) => SENDS.test(x))) : undefined;
  // `nrfjprog --program zephyr.hex`, `--flash fw.bin`: an option that writes a firmware image.
  const byOption = reading.options.find((o) => identifierParts(o.name.replace(/^-+/, '')).some((x) => WRITES_FLASH.test(x)) && IMAGE.test(valueOf(o)))?.name;
  const word = flashWord ?? namedWrite ?? sent ?? byOption;
  if (words.some((w) => /^(list|ls|compile|build|monitor|help)$/i.test(w)) && !reading.options.some((o) => o.name === '--upload')) return undefined;
  if (word === undefined) return deviceWriteByMeaning(tool, reading, words, port !== undefined ? valueOf(port) : undefined);
  const where = fleet !== undefined ? `every device of ${fleet.name.replace(/^-+/, '')} ${valueOf(fleet)}`.trim() : port !== undefined ? `the device on ${valueOf(port)}` : 'the attached device';
  return {
    rule: 'verbs.firmware-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${word}\` ${/erase/i.test(word) ? 'erases the firmware of' : 'writes firmware to'} ${where}: what it boots is replaced, a bad image bricks it, and nothing here keeps the old one (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'resource', name: where, provider: tool, remote: fleet !== undefined, environment: fleet !== undefined ? 'production' : 'local', environmentReason: fleet !== undefined ? `${fleet.name}: a fleet of devices` : 'a device attached to this machine' }],
  };
}

/**
 * Stop 38 (round 28: `esphome run garage.yaml --device garage.local`, `platformio run -t erase`, `avrdude -e`,
 * OpenOCD's `mass_erase`): more spellings of a device written or erased, for any tool no rule names —
 * a build target that uploads or erases (`-t upload|erase`), a memory written (`-U flash:w:…`), a debugger
 * script that programs or erases, an erase verb, a device on the network named for an upload or run (OTA),
 * and upload, load or write verbs of a program whose name says it talks to microcontrollers (a lexicon of
 * names, not one tool). Builds, checks, logs, monitors and reads stay allowed (`esphome compile|config|logs`,
 * `platformio run`, `-U flash:r:…`, `chip_id`).
 */
const WRITE_TARGETS = /^(upload|uploadfs|erase|program|fuses|bootloader|uploadeep|uploadfsota|nobuild)$/i;
/** Stop 40 (round 34: `nrfutil device recover`, `fastboot -w`): recovering a chip erases it whole; a wipe, a format or a factory reset erases a device's data. */
const ERASES = /^(erase|eraseflash|erase_flash|masserase|mass_erase|chiperase|chip_erase|eraseall|erase-all|recover|wipe|format|factory-reset|factoryreset|reset-factory)$/i;
const NETWORK_DEVICE = /\.local$|^\d{1,3}(\.\d{1,3}){3}$|^OTA$/i;
/** Words in a program's name that say it talks to microcontrollers. */
const DEVICE_PROGRAM = /(^|[-_.])(esptool|espflash|esphome|avrdude|arduino|platformio|pio|particle|dfu|openocd|stm32\w*|teensy\w*|picotool|nrfjprog|nrfutil|jlink\w*|probe-rs|pyocd|west|idf|qmk|bossac|tinygo|uf2\w*|mcumgr|micronucleus|wchisp|blhost|\w*flash\w*|fastboot|heimdall|qdl|edl|mtkclient|uuu|rkdeveloptool|sunxi-fel|imx_usb|odin\d*|thor|bmaptool)([-_.]|$)/i;
const BUILDS_OR_READS = /^(compile|build|config|check|validate|verify|read|read_flash|dump|info|chip_id|flash_id|list|ls|monitor|logs|log|clean|test|version|help|search|show|status|image_info)$/i;

function deviceWriteByMeaning(tool: string, reading: Reading, words: readonly string[], portValue: string | undefined): Finding | undefined {
  if (words.some((w) => BUILDS_OR_READS.test(w)) && !reading.options.some((o) => o.name === '--upload')) return undefined;
  const valueOf = (o: Reading['options'][number]): string => o.value ?? o.next ?? '';
  const deviceTool = DEVICE_PROGRAM.test(tool.replace(/\.(py|exe)$/, ''));
  const networkDevice = reading.options.find((o) => (PORT_OPTION.test(o.name) || /^--(upload-port|upload_port|host|ip)$/.test(o.name)) && NETWORK_DEVICE.test(valueOf(o)));
  // Only where a device is in play: a microcontroller tool, a serial port, a device on the network (`simctl erase`, `branch wipe` are not flash).
  const memory = reading.options.map(valueOf).find((v) => /^(flash|eeprom|efuse|lfuse|hfuse|fuses?|lock|boot\w*|application):w:/i.test(v));
  if (!deviceTool && portValue === undefined && networkDevice === undefined && memory === undefined) return undefined;
  const target = reading.options.find((o) => /^(-t|--target)$/.test(o.name) && WRITE_TARGETS.test(valueOf(o)));
  const script = deviceTool ? reading.options.filter((o) => /^(-c|--command)$/.test(o.name)).map(valueOf).find((v) => /(^|[\s;])(program|flash\s+write_image|\w*mass_erase|\w*_erase\w*|flash\s+erase\w*)\b/i.test(v)) : undefined;
  // A one-letter erase only where the program takes no command words of its own (`avrdude … -e`; `platformio run -e ENV` names an environment).
  const erase = words.find((w) => ERASES.test(w) || identifierParts(w).some((p) => ERASES.test(p))) ?? reading.options.find((o) => /^(--erase|--chip-erase|--mass-erase|--eraseall|--erase-all|--recover|--wipe)$/.test(o.name) || (o.name === '-e' && words.length === 0 && (deviceTool || portValue !== undefined)))?.name;
  const sends = words.find((w) => /^(upload|load|write|download|run|ota)$/i.test(w));
  const sent = sends !== undefined && (networkDevice !== undefined || (deviceTool && !/^run$/i.test(sends))) ? sends : undefined;
  const oneLetter = (deviceTool && words.length === 0 ? reading.options.find((o) => /^-[wD]$/.test(o.name))?.name : undefined) ?? (portValue !== undefined || deviceTool ? reading.options.find((o) => o.name === '--upload')?.name : undefined);
  const how = target !== undefined ? `-t ${valueOf(target)}` : memory !== undefined ? memory.split(':').slice(0, 2).join(':') : script !== undefined ? script.trim().slice(0, 60) : erase ?? sent ?? oneLetter;
  if (how === undefined) return undefined;
  // `--recover` (nrfjprog, stop 38 round 30) erases the whole chip to lift its readback protection.
  // `fastboot -w` wipes the user data; `flashrom -w bios.rom` writes the image it is given.
  const wipes = how === '-w' && ![...reading.positionals.map((w) => w.text), ...reading.options.map(valueOf)].some((v) => /[./]/.test(v));
  const erases = /erase|recover|wipe|format|factory/i.test(how) || wipes || (erase !== undefined && how === erase);
  const where = networkDevice !== undefined ? `the device at ${valueOf(networkDevice)} (over the network)` : portValue !== undefined ? `the device on ${portValue}` : 'the attached device';
  return {
    rule: 'verbs.firmware-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${[tool, ...words.slice(0, 1)].join(' ')}\` (${how}) ${erases ? 'erases the firmware of' : 'writes firmware to'} ${where}: what it boots is replaced, a bad image bricks it, and nothing here keeps the old one (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'resource', name: where, provider: tool, remote: networkDevice !== undefined, environment: networkDevice !== undefined ? 'production' : 'local', environmentReason: networkDevice !== undefined ? 'a device on the network (its environment is not named: treated as production)' : 'a device attached to this machine' }],
  };
}

/**
 * Stop 40 (round 34: `rauc install /tmp/update-2.3.raucb`): an operating-system update bundle installed (RAUC, SWUpdate,
 * Mender, fwup and their like): the device boots into it next, a bad bundle leaves it unbootable, and the slot it replaced is
 * gone. Known by the bundle's file (`.raucb`, `.swu`, `.mender`, `.fw`) given to an install, update or apply word or option; the
 * device's environment is not named, so it is production. Reading a bundle (`info`, `status`, `verify`) stays allowed.
 */
const UPDATE_BUNDLE = /\.(raucb|swu|mender|fw|ota|upd)$/i;
const INSTALLS = /^(install|update|upgrade|apply|deploy|flash|i|u)$/i;

export function bundleInstalled(tool: string, reading: Reading): Finding | undefined {
  const words = reading.positionals.filter((w) => !reading.maybeValues.has(w.index)).slice(0, 2).map((w) => w.text);
  if (words.some((w) => /^(info|status|verify|check|show|list|inspect|extract|mount|resign|convert|help)$/i.test(w))) return undefined;
  const byOption = reading.options.find((o) => INSTALLS.test(o.name.replace(/^-+/, '')) && UPDATE_BUNDLE.test(o.value ?? o.next ?? ''));
  const byWord = words.find((w) => INSTALLS.test(w));
  // A bundle an output option names is being built (`mender-artifact write … -o release.mender`), not installed.
  const written = new Set(reading.options.filter((o) => /^(-o|--output|--out|--output-file)$/.test(o.name)).map((o) => o.value ?? o.next));
  const bundle = byOption !== undefined ? (byOption.value ?? byOption.next) : byWord !== undefined ? reading.positionals.map((w) => w.text).find((t) => UPDATE_BUNDLE.test(t) && !written.has(t)) : undefined;
  if (bundle === undefined) return undefined;
  return {
    rule: 'verbs.firmware-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${byOption?.name ?? byWord}\` installs the operating-system update ${bundle}: the device boots into it next, a bad bundle leaves it unbootable, and the system it replaces is gone (${tool} has no rules of its own: judged by the bundle it is given).`,
    targets: [{ kind: 'resource', name: `the system booted from ${bundle}`, provider: tool, remote: false, environment: 'production', environmentReason: 'a device\'s running system (its environment is not named: treated as production)' }],
  };
}
