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
const WRITES_FLASH = /^(flash|burn|program|reflash|flashing)$/;
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
  if (word === undefined || words.some((w) => /^(list|ls|compile|build|monitor|help)$/i.test(w))) return undefined;
  const where = fleet !== undefined ? `every device of ${fleet.name.replace(/^-+/, '')} ${valueOf(fleet)}`.trim() : port !== undefined ? `the device on ${valueOf(port)}` : 'the attached device';
  return {
    rule: 'verbs.firmware-write',
    risk: 'destructive',
    severity: 'ask',
    reason: `\`${tool} ${word}\` ${/erase/i.test(word) ? 'erases the firmware of' : 'writes firmware to'} ${where}: what it boots is replaced, a bad image bricks it, and nothing here keeps the old one (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'resource', name: where, provider: tool, remote: fleet !== undefined, environment: fleet !== undefined ? 'production' : 'local', environmentReason: fleet !== undefined ? `${fleet.name}: a fleet of devices` : 'a device attached to this machine' }],
  };
}
