import { ownTable } from '../ownTable';
import type { ArgWord } from '../policy/types';
import { effectGrammar, has, readEffectArgs } from '../policy/effectOptions';
import { optionGrammarOf } from '../policy/readerGrammars';

/**
 * What a program does with the files it is given, for the credential rules: most filters, pagers,
 * converters, dumpers and preprocessors print the whole of each file operand (`expand`, `pr`, `cpp -P`,
 * `dd if=`, `perl -pe1`, `ex -sc '%p|q!'`), while a few only look at a file's name, size or mode
 * (`stat`, `chmod`, `wc`). A program in neither list that is handed a credential file is taken to read
 * it: a file operand is there to be read.
 *
 * Each entry is how many operands come before the files (a pattern, a script) and when the file is
 * printed at all; the tool's options are its one description (`optionGrammarOf`, `policy/readerGrammars.ts`),
 * so a value is never taken for a file.
 */
export interface WholeFileReader {
  verb: string;
  /** Operands before the files (`look STRING FILE`), unless the tool has only one operand. */
  leading?: number;
  /** The file is printed only with one of these options, by name (`cmp -l`, `gzip -c`). */
  when?: readonly string[];
  /** The files are read from `key=FILE` operands (`dd if=FILE`). */
  keyed?: string;
}

const COMPRESSOR: WholeFileReader = { verb: 'compresses to the screen', when: ['c', 'stdout', 'to-stdout'] };

/** `zcat -f ~/.ssh/id_ed25519`: a decompressor prints what it unpacks, and with -f (or a lz4/zstd cat) a file that is not packed as it is. */
const DECOMPRESSOR: WholeFileReader = { verb: 'prints (decompressed, or as it is)' };

export const WHOLE_FILE_READERS: Readonly<Record<string, WholeFileReader>> = ownTable({
  expand: { verb: 'prints' },
  unexpand: { verb: 'prints' },
  pr: { verb: 'prints' },
  look: { verb: 'prints', leading: 1 },
  cmp: { verb: 'prints the bytes of', when: ['l', 'verbose', 'b', 'print-bytes'] },
  fmt: { verb: 'prints' },
  join: { verb: 'prints' },
  shuf: { verb: 'prints' },
  tsort: { verb: 'prints' },
  m4: { verb: 'prints' },
  cpp: { verb: 'prints' },
  ex: { verb: 'opens' },
  pg: { verb: 'shows' },
  dd: { verb: 'copies', keyed: 'if' },
  // Pieces under new names (`xaa`, `xx00`) that no ignore rule covers: a copy of the whole file.
  split: { verb: 'copies into pieces' },
  csplit: { verb: 'copies into pieces' },
  uuencode: { verb: 'encodes' },
  base32: { verb: 'encodes' },
  hexyl: { verb: 'dumps' },
  highlight: { verb: 'prints' },
  pygmentize: { verb: 'prints' },
  glow: { verb: 'prints' },
  jless: { verb: 'shows' },
  fx: { verb: 'shows' },
  groff: { verb: 'prints' },
  nroff: { verb: 'prints' },
  gzip: COMPRESSOR, pigz: COMPRESSOR, bzip2: COMPRESSOR, pbzip2: COMPRESSOR, xz: COMPRESSOR, lzma: COMPRESSOR, zstd: COMPRESSOR,
  lz4: COMPRESSOR, brotli: COMPRESSOR, lzop: COMPRESSOR, compress: COMPRESSOR,
  zcat: DECOMPRESSOR, gzcat: DECOMPRESSOR, bzcat: DECOMPRESSOR, xzcat: DECOMPRESSOR, lzcat: DECOMPRESSOR, zstdcat: DECOMPRESSOR, lz4cat: DECOMPRESSOR,
  zless: DECOMPRESSOR, zmore: DECOMPRESSOR, bzless: DECOMPRESSOR, bzmore: DECOMPRESSOR, xzless: DECOMPRESSOR, xzmore: DECOMPRESSOR, zstdless: DECOMPRESSOR,
});

/** Programs that only look at a file's name, size, mode, hash or existence, and copiers and archivers other rules judge. */
export const METADATA_ONLY: ReadonlySet<string> = new Set([
  'ls', 'll', 'la', 'dir', 'vdir', 'exa', 'eza', 'lsd', 'tree', 'stat', 'file', 'wc', 'du', 'df', 'test', '[', '[[', 'readlink', 'realpath',
  'basename', 'dirname', 'namei', 'getfacl', 'lsattr', 'chmod', 'chown', 'chgrp', 'chattr', 'setfacl', 'touch', 'rm', 'unlink', 'shred', 'srm',
  'trash', 'trash-put', 'mv', 'mkdir', 'rmdir', 'md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'cksum',
  'sum', 'shasum', 'md5', 'sha256', 'echo', 'printf', 'print', 'export', 'unset', 'local', 'declare', 'typeset', 'readonly', 'alias', 'type', 'which',
  'command', 'hash', 'cd', 'pushd', 'popd', 'true', 'false', ':', 'sleep', 'lsof', 'fuser', 'inotifywait', 'watchman', 'entr', 'chokidar',
  'dotenv-linter', 'sops', 'age', 'gpg', 'git-crypt', 'direnv', 'locate', 'find', 'fd', 'fdfind', 'xattr', 'setfattr', 'getfattr',
  'sync', 'fsync', 'flock', 'install', 'ln', 'link', 'cp', 'rsync', 'scp', 'tar', 'zip', 'ssh-add', 'ssh-keygen', 'ssh', 'open', 'xdg-open',
  'identify', 'pdfinfo', 'mediainfo', 'ffprobe', 'exiftool', 'whereis', 'whatis', 'pwd', 'id', 'whoami', 'date', 'ps', 'pgrep', 'uname',
  'hostname', 'nproc', 'free', 'uptime', 'wait', 'jobs', 'shopt', 'git-status', 'sha256', 'xmllint-check', 'env-check',
]);

/** The operands a whole-file reader reads: its files after the leading operands, or its `key=FILE` values. */
export function wholeFileOperands(name: string, spec: WholeFileReader, args: readonly ArgWord[]): ArgWord[] {
  if (spec.keyed) {
    const prefix = spec.keyed + '=';
    return args.filter((a) => a.text.startsWith(prefix)).map((a) => ({ ...a, text: a.text.slice(prefix.length), raw: a.raw.replace(/^(['"]?)[a-z]+=/, '$1') }));
  }
  const read = readEffectArgs(args, optionGrammarOf(name) ?? NO_OPTIONS_DESCRIBED);
  if (spec.when && !has(read, ...spec.when)) return [];
  const positionals = read.operands.filter((a) => !a.text.startsWith('+'));
  const leading = spec.leading ?? 0;
  return positionals.length > leading ? positionals.slice(leading) : leading > 0 ? [] : positionals;
}

const NO_OPTIONS_DESCRIBED = effectGrammar();
