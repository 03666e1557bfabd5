/**
 * A GNU-style option reader for the path-effect rules (`effectRules.ts`): options may come after
 * operands, `--` ends them, clusters of short letters, a value attached or in the next word; and the
 * option grammars of the commands those rules describe.
 */

import type { ArgWord } from './types';
import type { EffectKind, PathEffect } from './effects';

export interface OptionGrammar {
  /** Short letters that take a value (`-o FILE`, `-oFILE`). */
  short?: string;
  /** Long names that take a value (`--output FILE`, `--output=FILE`). */
  long?: readonly string[];
  /** Short letters whose value is only ever attached (`-i.bak` for sed and perl). */
  attached?: string;
  /** Options stop at the first operand (POSIX order: `find`, interpreters, `xargs`). */
  posix?: boolean;
}

export interface OptionUse {
  /** Letter or long name, without dashes. */
  name: string;
  value?: ArgWord;
  word: ArgWord;
}

export interface ReadOptions {
  options: OptionUse[];
  operands: ArgWord[];
}

export function valueWord(word: ArgWord, text: string): ArgWord {
  return { ...word, text };
}

export function readOptions(args: readonly ArgWord[], grammar: OptionGrammar): ReadOptions {
  const options: OptionUse[] = [];
  const operands: ArgWord[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i]!;
    const t = word.text;
    if (t === '--') {
      i++;
      break;
    }
    if (t.length < 2 || t[0] !== '-') {
      operands.push(word);
      if (grammar.posix) {
        i++;
        break;
      }
      continue;
    }
    if (t.startsWith('--')) {
      const eq = t.indexOf('=');
      const name = eq < 0 ? t.slice(2) : t.slice(2, eq);
      if (eq >= 0) options.push({ name, value: valueWord(word, t.slice(eq + 1)), word });
      else if (grammar.long?.includes(name) && args[i + 1]) options.push({ name, value: args[++i]!, word });
      else options.push({ name, word });
      continue;
    }
    for (let k = 1; k < t.length; k++) {
      const letter = t[k]!;
      const rest = t.slice(k + 1);
      if (grammar.attached?.includes(letter)) {
        options.push(rest !== '' ? { name: letter, value: valueWord(word, rest), word } : { name: letter, word });
        break;
      }
      if (grammar.short?.includes(letter)) {
        if (rest !== '') options.push({ name: letter, value: valueWord(word, rest), word });
        else if (args[i + 1]) options.push({ name: letter, value: args[++i]!, word });
        else options.push({ name: letter, word });
        break;
      }
      options.push({ name: letter, word });
    }
  }
  for (; i < args.length; i++) operands.push(args[i]!);
  return { options, operands };
}

export function has(read: ReadOptions, ...names: string[]): boolean {
  return read.options.some((o) => names.includes(o.name));
}

export function values(read: ReadOptions, ...names: string[]): ArgWord[] {
  return read.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value!);
}

export const each = (kind: EffectKind, words: readonly ArgWord[], extra: Partial<PathEffect> = {}): PathEffect[] => words.map((word) => ({ kind, word, ...extra }));

/** Option grammars of commands whose effect rules below need them. */
export const OPTION_GRAMMARS: Readonly<Record<string, OptionGrammar>> = {
  cp: { short: 'tS', long: ['target-directory', 'suffix'] },
  mv: { short: 'tS', long: ['target-directory', 'suffix'] },
  install: { short: 'tSmogC', long: ['target-directory', 'suffix', 'mode', 'owner', 'group'] },
  ln: { short: 'tS', long: ['target-directory', 'suffix'] },
  rm: {},
  rmdir: {},
  unlink: {},
  shred: { short: 'ns', long: ['iterations', 'size', 'random-source'] },
  touch: { short: 'rdtA', long: ['reference', 'date', 'time'] },
  truncate: { short: 'sr', long: ['size', 'reference'] },
  mkdir: { short: 'm', long: ['mode', 'context'] },
  chmod: { long: ['reference'] },
  chown: { long: ['reference', 'from'] },
  chgrp: { long: ['reference'] },
  chattr: { short: 'vp' },
  setfacl: { short: 'mMxX', long: ['modify', 'modify-file', 'remove', 'remove-file', 'set', 'set-file'] },
  tee: {},
  sort: { short: 'okStT', long: ['output', 'key', 'field-separator', 'temporary-directory', 'buffer-size', 'files0-from', 'compress-program', 'parallel', 'random-source', 'sort'] },
  uniq: { short: 'fsw', long: ['skip-fields', 'skip-chars', 'check-chars'] },
  split: { short: 'abCdlnt', long: ['suffix-length', 'bytes', 'line-bytes', 'lines', 'number', 'additional-suffix', 'filter', 'separator'] },
  csplit: { short: 'bfn', long: ['suffix-format', 'prefix', 'digits'] },
  sed: { short: 'efl', long: ['expression', 'file', 'line-length'], attached: 'i' },
  perl: { short: 'eEIMCdD', attached: 'i0xlm' },
  ruby: { short: 'erICEF', attached: 'i0xTKW' },
  awk: { short: 'fvFiElL', long: ['file', 'assign', 'field-separator', 'include', 'exec', 'load', 'source'] },
  curl: {
    short: 'oDcKTdFHeuXAbErwzQyYm',
    long: ['output', 'dump-header', 'cookie-jar', 'config', 'upload-file', 'data', 'data-binary', 'data-raw', 'data-urlencode', 'form', 'header', 'trace',
      'trace-ascii', 'stderr', 'libcurl', 'etag-save', 'etag-compare', 'hsts', 'alt-svc', 'output-dir', 'request', 'user', 'referer', 'cookie',
      'write-out', 'time-cond', 'max-time', 'connect-timeout', 'proxy', 'cert', 'key', 'cacert', 'capath', 'url', 'json', 'user-agent', 'retry', 'range', 'netrc-file', 'create-dirs'],
  },
  wget: {
    short: 'OoaPiteTUwQlABDIXnR',
    long: ['output-document', 'output-file', 'append-output', 'directory-prefix', 'input-file', 'tries', 'execute', 'timeout', 'user-agent', 'wait',
      'quota', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories', 'save-cookies', 'load-cookies', 'post-file',
      'body-file', 'header', 'post-data', 'method', 'body-data', 'user', 'password', 'ca-certificate', 'certificate', 'private-key', 'config'],
  },
  dd: {},
  tar: {
    short: 'fCTXbgLNVHKI',
    long: ['file', 'directory', 'files-from', 'exclude-from', 'blocking-factor', 'listed-incremental', 'tape-length', 'newer', 'after-date', 'label', 'format',
      'starting-file', 'use-compress-program', 'exclude', 'transform', 'xform', 'owner', 'group', 'mode', 'mtime', 'to-command', 'info-script', 'new-volume-script', 'index-file', 'checkpoint-action'],
  },
  unzip: { short: 'dxP', long: [] },
  zip: { short: 'bnxitTOPZ', long: ['temp-path', 'exclude', 'include', 'output-file', 'password', 'compression-method'] },
  patch: { short: 'ipdoBrDFVYzg', long: ['input', 'strip', 'directory', 'output', 'prefix', 'reject-file', 'ifdef', 'fuzz', 'version-control', 'basename-prefix', 'suffix', 'get', 'quoting-style'] },
  rsync: {
    short: 'efBT',
    long: ['rsh', 'rsync-path', 'filter', 'exclude', 'exclude-from', 'include', 'include-from', 'files-from', 'log-file', 'log-file-format', 'backup-dir',
      'suffix', 'partial-dir', 'temp-dir', 'compare-dest', 'copy-dest', 'link-dest', 'chmod', 'chown', 'usermap', 'groupmap', 'password-file',
      'out-format', 'timeout', 'contimeout', 'block-size', 'max-size', 'min-size', 'bwlimit', 'port', 'sockopts', 'write-batch', 'only-write-batch', 'read-batch', 'protocol', 'iconv', 'checksum-choice', 'compress-choice', 'compress-level', 'info', 'debug', 'modify-window', 'max-delete', 'skip-compress', 'remote-option'],
  },
  scp: { short: 'cFiJloPS', long: [] },
  find: { posix: true },
  xxd: { short: 'cglsnoC', long: [] },
  gzip: { short: 'S', long: ['suffix'] },
  sqlite3: { long: ['cmd', 'init', 'separator', 'newline', 'nullvalue'] },
};

export const gzipLike = new Set(['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'lzma', 'unlzma', 'zstd', 'unzstd', 'lz4', 'unlz4', 'pigz', 'unpigz', 'compress', 'uncompress', 'lzip', 'brotli']);
export const COMPRESSED_SUFFIX = /\.(gz|bz2|xz|lzma|zst|lz4|z|Z|lz|br|tgz)$/;

export function grammarOf(name: string): OptionGrammar {
  return OPTION_GRAMMARS[name] ?? (gzipLike.has(name) ? OPTION_GRAMMARS.gzip! : {});
}
