import { ownTable } from '../ownTable';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ArgWord, Invocation } from './types';
import type { PathEffect } from './effects';
import { effectGrammar, has, readEffectArgs } from './effectOptions';

/**
 * Mounts (red team round 25): a file system mounted at a folder replaces everything found under it for
 * every process that looks, the hook's included (`sudo mount --bind /tmp ~`, `mount -t tmpfs none
 * ~/.blast-shield`, `bindfs /tmp/fake ~/.claude`, `sshfs host:/x ~`), and inside a private mount
 * namespace (`unshare -rm sh -c 'mount --bind /tmp ~'`) for everything started there, an agent among
 * them. The mountpoint is an `extract` into that folder: the perimeter judges it by what lives below it
 * (hook configurations, start-up files, the guard's home). A bind of a folder onto itself, a mount
 * listing and a mount of a folder that holds nothing protected stay allowed.
 */

type EffectRule = (args: readonly ArgWord[], inv: Invocation) => PathEffect[];

const into = (word: ArgWord): PathEffect[] => [{ kind: 'extract', word }];

/** `mount [opts] SOURCE TARGET`, `mount [opts] TARGET` (from fstab), `--target DIR`; a bind of a folder onto itself changes nothing there. */
const mount: EffectRule = (args) => {
  const spec = toolNamed('mount')!;
  const parsed = parsedArgs(args, spec);
  const read = toolArgs('mount', parsed, spec);
  // `-o remount,ro`: the same files, read-only (judged by the host pack), not a file system laid over them.
  if (read.has('-a', '-h', '-V', '-f') || read.values('-o').some((o) => /(^|,)remount(,|$)/.test(o) && !/(^|,)r?bind(,|$)/.test(o))) return [];
  const target = read.valueWord('--target') ?? parsed.operands[parsed.operands.length - 1];
  if (target === undefined) return [];
  const source = read.valueWord('--source') ?? (parsed.operands.length >= 2 ? parsed.operands[0] : undefined);
  if (source !== undefined && !source.dynamic && !target.dynamic && source.text.replace(/\/+$/, '') === target.text.replace(/\/+$/, '')) return [];
  return into(target);
};

/** FUSE mounts: `bindfs SRC DIR`, `sshfs HOST:PATH DIR`, `squashfuse IMG DIR`, `archivemount ARCHIVE DIR`, `fuse-overlayfs -o … DIR`. (`rclone mount` is not here: a table entry would take rclone's other verbs from the verb floor.) */
const FUSE = effectGrammar('ou', ['options', 'mirror', 'mirror-only', 'map', 'user', 'group', 'perms', 'create-for-user', 'create-for-group', 'create-with-perms', 'config', 'vfs-cache-mode'], {
  switches: [['-f'], ['-d'], ['-s'], ['-r', '--read-only'], ['-n', '--no-allow-other'], ['-h', '--help'], ['-V', '--version'], ['--daemon']],
});
const fuseMount = (): EffectRule => (args) => {
  const read = readEffectArgs(args, FUSE);
  const words = read.operands;
  if (has(read, 'h', 'help', 'V', 'version') || words.length < 2) return [];
  return into(words[words.length - 1]!);
};

export const MOUNT_EFFECTS: Readonly<Record<string, EffectRule>> = ownTable({
  mount,
  bindfs: fuseMount(),
  sshfs: fuseMount(),
  squashfuse: fuseMount(),
  archivemount: fuseMount(),
  'fuse-overlayfs': fuseMount(),
  unionfs: fuseMount(),
  'unionfs-fuse': fuseMount(),
  mergerfs: fuseMount(),
});
