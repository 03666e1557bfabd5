import { ownTable } from '../ownTable';
import type { ArgWord } from '../policy/types';

/**
 * What a program does with the files it is given, for the credential rules: most filters, pagers,
 * converters, dumpers and preprocessors print the whole of each file operand (`expand`, `pr`, `cpp -P`,
 * `dd if=`, `perl -pe1`, `ex -sc '%p|q!'`), while a few only look at a file's name, size or mode
 * (`stat`, `chmod`, `wc`). A program in neither list that is handed a credential file is taken to read
 * it: a file operand is there to be read.
 *
 * Each entry is the tool's options that take a value (so values are not taken for files), how many
 * operands come before the files (a pattern, a script), and when the file is printed at all.
 */
export interface WholeFileReader {
  verb: string;
  /** Options that take a separate value word. */
  valued?: readonly string[];
  /** Operands before the files (`look STRING FILE`), unless the tool has only one operand. */
  leading?: number;
  /** The file is printed only with one of these options (`cmp -l`, `gzip -c`). */
  when?: readonly string[];
  /** The files are read from `key=FILE` operands (`dd if=FILE`). */
  keyed?: string;
}

const COMPRESSOR: WholeFileReader = { verb: 'compresses to the screen', when: ['-c', '--stdout', '--to-stdout'], valued: ['-S', '--suffix', '-T', '--threads'] };

/** `zcat -f ~/.ssh/id_ed25519`: a decompressor prints what it unpacks, and with -f (or a lz4/zstd cat) a file that is not packed as it is. */
const DECOMPRESSOR: WholeFileReader = { verb: 'prints (decompressed, or as it is)', valued: ['-S', '--suffix', '-T', '--threads'] };

export const WHOLE_FILE_READERS: Readonly<Record<string, WholeFileReader>> = ownTable({
  expand: { verb: 'prints', valued: ['-t', '--tabs'] },
  unexpand: { verb: 'prints', valued: ['-t', '--tabs'] },
  pr: { verb: 'prints', valued: ['-h', '--header', '-l', '--length', '-w', '--width', '-W', '--page-width', '-o', '--indent', '-N', '--first-line-number'] },
  look: { verb: 'prints', leading: 1, valued: ['-t', '--terminate'] },
  cmp: { verb: 'prints the bytes of', when: ['-l', '--verbose', '-b', '--print-bytes'], valued: ['-i', '--ignore-initial', '-n', '--bytes'] },
  fmt: { verb: 'prints', valued: ['-w', '--width', '-g', '--goal', '-p', '--prefix'] },
  join: { verb: 'prints', valued: ['-t', '-j', '-1', '-2', '-o', '-e', '-a', '-v'] },
  shuf: { verb: 'prints', valued: ['-n', '--head-count', '-o', '--output', '--random-source', '-i', '--input-range'] },
  tsort: { verb: 'prints' },
  m4: { verb: 'prints', valued: ['-D', '--define', '-U', '--undefine', '-I', '--include', '-d', '--debug', '-o', '--error-output'] },
  cpp: { verb: 'prints', valued: ['-o', '-I', '-D', '-U', '-include', '-imacros', '-isystem', '-iquote', '-x', '-std', '-MF', '-MT', '-MQ'] },
  ex: { verb: 'opens', valued: ['-c', '-S', '-u', '-i', '-T', '-w', '-W', '--cmd'] },
  pg: { verb: 'shows' },
  dd: { verb: 'copies', keyed: 'if' },
  // Pieces under new names (`xaa`, `xx00`) that no ignore rule covers: a copy of the whole file.
  split: { verb: 'copies into pieces', valued: ['-a', '--suffix-length', '-b', '--bytes', '-C', '--line-bytes', '-l', '--lines', '-n', '--number', '-t', '--separator', '--additional-suffix', '--filter'] },
  csplit: { verb: 'copies into pieces', valued: ['-b', '--suffix-format', '-f', '--prefix', '-n', '--digits'] },
  uuencode: { verb: 'encodes', valued: [] },
  base32: { verb: 'encodes', valued: ['-w', '--wrap'] },
  hexyl: { verb: 'dumps', valued: ['-n', '--length', '-s', '--skip', '--border', '--color'] },
  highlight: { verb: 'prints', valued: ['-O', '--out-format', '-S', '--syntax', '-s', '--style', '-o', '--output'] },
  pygmentize: { verb: 'prints', valued: ['-l', '-f', '-O', '-P', '-o', '-g'] },
  glow: { verb: 'prints', valued: ['-s', '--style', '-w', '--width'] },
  jless: { verb: 'shows' },
  fx: { verb: 'shows' },
  groff: { verb: 'prints', valued: ['-T', '-m', '-M', '-F', '-I', '-n', '-o', '-r', '-w', '-W', '-d', '-f', '-L', '-P'] },
  nroff: { verb: 'prints', valued: ['-T', '-m', '-M', '-n', '-o', '-r', '-w', '-W', '-d'] },
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
export function wholeFileOperands(spec: WholeFileReader, args: readonly ArgWord[]): ArgWord[] {
  if (spec.when && !args.some((a) => spec.when?.some((w) => a.text === w || (w.length === 2 && /^-[a-zA-Z]+$/.test(a.text) && a.text.includes(w[1] as string))))) return [];
  if (spec.keyed) {
    const prefix = spec.keyed + '=';
    return args.filter((a) => a.text.startsWith(prefix)).map((a) => ({ ...a, text: a.text.slice(prefix.length), raw: a.raw.replace(/^(['"]?)[a-z]+=/, '$1') }));
  }
  const positionals: ArgWord[] = [];
  let end = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ArgWord;
    if (end || !a.text.startsWith('-') || a.text === '-') {
      if (!a.text.startsWith('+')) positionals.push(a);
      continue;
    }
    if (a.text === '--') {
      end = true;
      continue;
    }
    if (!a.text.includes('=') && spec.valued?.includes(a.text)) i++;
  }
  const leading = spec.leading ?? 0;
  return positionals.length > leading ? positionals.slice(leading) : leading > 0 ? [] : positionals;
}
