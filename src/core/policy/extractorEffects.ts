import { ownTable } from '../ownTable';
import type { ArgWord, Invocation } from './types';
import type { PathEffect } from './effects';
import { DOTFILE_EFFECTS } from './dotfileEffects';
import { effectGrammar, has, readEffectArgs, values } from './effectOptions';
import { MOUNT_EFFECTS } from './mountEffects';

/**
 * Archive tools beyond tar/zip/7z/cpio/pax that write entries of names not known before they run:
 * `ar x`, `unrar x`, `jar xf`, `dpkg-deb -x`, `unar`, `cabextract`, `lha x`. Each extracts into a
 * folder (its option, its last operand, or the working folder), which the perimeter judges as an
 * `extract` effect; listing modes only read.
 */

type EffectRule = (args: readonly ArgWord[], inv: Invocation) => PathEffect[];

const here = (): ArgWord => ({ text: '.', raw: '.', dynamic: false, glob: false });
const reads = (words: readonly ArgWord[]): PathEffect[] => words.map((word) => ({ kind: 'read' as const, word }));
const operands = (args: readonly ArgWord[]): ArgWord[] => args.filter((a) => !a.text.startsWith('-'));

/** `ar x archive [members]`: the key letters come first, with or without a dash. */
const ar: EffectRule = (args) => {
  const key = args[0]?.text.replace(/^-/, '') ?? '';
  const rest = args.slice(1);
  if (/x/.test(key)) return [...reads(rest.slice(0, 1)), { kind: 'extract', word: here() }];
  if (/[dmqrs]/.test(key)) return [{ kind: 'write', word: rest[0] ?? here() }];
  return reads(rest);
};

/** `unrar x|e archive [files] [dest/]`, `rar x …`: the destination is the last operand ending in a slash. */
const unrar: EffectRule = (args) => {
  const words = operands(args);
  const [command, archive, ...rest] = words;
  if (!command || !/^(x|e)$/i.test(command.text)) return reads(words.slice(1));
  const dest = rest.length > 0 && /[/\\]$/.test(rest[rest.length - 1]!.text) ? rest[rest.length - 1]! : here();
  return [...reads(archive ? [archive] : []), { kind: 'extract', word: dest }];
};

/** jar's options (JDK 9+ long forms too); its traditional key letters without a dash (`xf`, `xvf`) read as one cluster. */
const JAR = effectGrammar('fCem', ['file', 'dir', 'main-class', 'manifest', 'release', 'module-version'], { switches: [['-x', '--extract'], ['-t', '--list'], ['-c', '--create'], ['-u', '--update'], ['-v', '--verbose'], ['-0', '--no-compress'], ['-M', '--no-manifest']] });

/** `jar xf archive.jar` / `jar --extract --file x.jar [-C dir]`: the archive is read (its listing judged like a zip's), its members land in the folder. */
const jar: EffectRule = (args) => {
  const first = args[0];
  const keyed = first !== undefined && /^[a-zA-Z0]+$/.test(first.text) ? [{ ...first, text: '-' + first.text, raw: '-' + first.raw }, ...args.slice(1)] : args;
  const read = readEffectArgs(keyed, JAR);
  if (!has(read, 'x', 'extract')) return [];
  const archive = values(read, 'f', 'file')[0];
  const word = values(read, 'C', 'dir')[0] ?? here();
  return [...reads(archive ? [archive] : []), { kind: 'extract', word }];
};

/** `dpkg-deb -x|-X|-R|--extract|--vextract|--raw-extract archive dir`. */
const dpkgDeb: EffectRule = (args) => {
  const extracting = args.some((a) => /^-(x|X|R)$|^--(extract|vextract|raw-extract)$/.test(a.text));
  if (!extracting) return reads(operands(args));
  const words = operands(args);
  return [...reads(words.slice(0, 1)), { kind: 'extract', word: words[1] ?? here() }];
};

/** `unar [-o dir] archive`, `cabextract [-d dir] archive`, `lha x archive`, `unace x archive`. */
function withDirOption(letters: readonly string[]): EffectRule {
  return (args) => {
    const at = args.findIndex((a) => letters.includes(a.text));
    const dir = at >= 0 ? args[at + 1] : undefined;
    if (args.some((a) => a.text === '-l' || a.text === '--list' || a.text === '-t' || a.text === '--test')) return reads(operands(args));
    // The archive (the first operand that is not the folder's value) is read: its listing is judged like a zip's or a tar's.
    const archive = operands(args).find((w) => w !== dir);
    return [...reads(archive ? [archive] : []), { kind: 'extract', word: dir ?? here() }];
  };
}

const lha: EffectRule = (args) => {
  const key = args[0]?.text.replace(/^-/, '') ?? '';
  if (/^[xe]/.test(key)) {
    const w = /w=(.+)/.exec(key);
    return [{ kind: 'extract', word: w ? { ...args[0]!, text: w[1]! } : here() }];
  }
  return reads(args.slice(1));
};

export const EXTRACTOR_EFFECTS: Readonly<Record<string, EffectRule>> = ownTable({
  ar,
  unrar,
  rar: unrar,
  jar,
  'dpkg-deb': dpkgDeb,
  unar: withDirOption(['-o', '-output-directory']),
  cabextract: withDirOption(['-d', '--directory']),
  lha,
  lhasa: lha,
  unace: unrar,
  ...DOTFILE_EFFECTS,
  ...MOUNT_EFFECTS,
});
