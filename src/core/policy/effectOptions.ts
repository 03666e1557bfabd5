/**
 * A GNU-style option reader for the path-effect rules (`effectRules.ts`): options may come after
 * operands, `--` ends them, clusters of short letters, a value attached or in the next word; and the
 * option grammars of the commands those rules describe.
 */

/**
 * The path-effect rules' view of a command line (`effectRules.ts`), read by the one option grammar
 * (`shell/grammar.ts`): GNU order (options may follow operands, `--` ends them), clusters of short
 * letters, a value attached or in the next word, unambiguous prefixes of the long options described;
 * and the option tables of the commands those rules describe.
 */

import { ownTable } from '../ownTable';
import { parseCommand, type GrammarSpec, type OptionSpec } from '../shell/grammar';
import type { ArgWord } from './types';
import type { EffectKind, PathEffect } from './effects';

export interface OptionUse {
  /** Letter or long name, without dashes (a described long option by its full name, however shortened). */
  name: string;
  value?: ArgWord;
}

export interface ReadOptions {
  options: OptionUse[];
  operands: ArgWord[];
}

export function valueWord(word: ArgWord, text: string): ArgWord {
  return word.text === text ? word : { ...word, text };
}

/**
 * A command's effect grammar: `short` letters and `long` names take a value, `attached` letters take
 * only a glued one (`-i.bak`); `posix` options stop at the first operand (`find`, interpreters).
 */
export function effectGrammar(short = '', long: readonly string[] = [], extra: { attached?: string; posix?: boolean; glued?: Readonly<Record<string, RegExp>>; switches?: readonly (readonly string[])[] } = {}): GrammarSpec {
  const options: OptionSpec[] = [
    ...(extra.switches ?? []).map((names): OptionSpec => ({ names })),
    ...[...short].map((l): OptionSpec => ({ names: ['-' + l], takes: 'one' })),
    ...long.map((n): OptionSpec => ({ names: ['--' + n], takes: 'one' })),
    ...[...(extra.attached ?? '')].map((l): OptionSpec => ({ names: ['-' + l], takes: 'optional', ...(extra.glued?.[l] !== undefined ? { gluedValue: extra.glued[l] } : {}) })),
  ];
  return { options, interspersed: extra.posix !== true, numericOptions: true, abbreviations: true };
}

/** Read `args` by `grammar` into options (by dashless name) and operands. */
export function readEffectArgs(args: readonly ArgWord[], grammar: GrammarSpec): ReadOptions {
  const parsed = parseCommand(args, grammar);
  const options = parsed.options.map((o): OptionUse => {
    const name = o.name.replace(/^--?/, '');
    const word = o.valueWords[0];
    return word ? { name, value: valueWord(word, o.values[0]!) } : { name };
  });
  return { options, operands: parsed.operands };
}

export function has(read: ReadOptions, ...names: string[]): boolean {
  return read.options.some((o) => names.includes(o.name));
}

export function values(read: ReadOptions, ...names: string[]): ArgWord[] {
  return read.options.filter((o) => names.includes(o.name) && o.value).map((o) => o.value!);
}

export const each = (kind: EffectKind, words: readonly ArgWord[], extra: Partial<PathEffect> = {}): PathEffect[] => words.map((word) => ({ kind, word, ...extra }));

/** Option tables of commands whose effect rules need them. */
export const EFFECT_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  cp: effectGrammar('tS', ['target-directory', 'suffix']),
  mv: effectGrammar('tS', ['target-directory', 'suffix']),
  install: effectGrammar('tSmogC', ['target-directory', 'suffix', 'mode', 'owner', 'group']),
  ln: effectGrammar('tS', ['target-directory', 'suffix']),
  rm: effectGrammar(),
  rmdir: effectGrammar(),
  unlink: effectGrammar(),
  shred: effectGrammar('ns', ['iterations', 'size', 'random-source']),
  touch: effectGrammar('rdtA', ['reference', 'date', 'time']),
  truncate: effectGrammar('sr', ['size', 'reference']),
  fallocate: effectGrammar('ol', ['offset', 'length']),
  mkdir: effectGrammar('m', ['mode', 'context']),
  chmod: effectGrammar('', ['reference']),
  chown: effectGrammar('', ['reference', 'from']),
  chgrp: effectGrammar('', ['reference']),
  chattr: effectGrammar('vp'),
  setfacl: effectGrammar('mMxX', ['modify', 'modify-file', 'remove', 'remove-file', 'set', 'set-file']),
  tee: effectGrammar(),
  sponge: effectGrammar(),
  sort: effectGrammar('okStT', ['output', 'key', 'field-separator', 'temporary-directory', 'buffer-size', 'files0-from', 'compress-program', 'parallel', 'random-source', 'sort']),
  uniq: effectGrammar('fsw', ['skip-fields', 'skip-chars', 'check-chars']),
  split: effectGrammar('abCdlnt', ['suffix-length', 'bytes', 'line-bytes', 'lines', 'number', 'additional-suffix', 'filter', 'separator']),
  csplit: effectGrammar('bfn', ['suffix-format', 'prefix', 'digits']),
  sed: effectGrammar('efl', ['expression', 'file', 'line-length'], { attached: 'i' }),
  // perlrun: `-0` takes octal digits (or `x` and hex), `-l` octal digits; the letters after are switches (`-0pi` is `-0 -p -i`).
  perl: effectGrammar('eEIMCdD', [], { attached: 'i0xlm', glued: { '0': /^(x[0-9a-fA-F]*|[0-7]*)/, l: /^[0-7]*/ } }),
  // sd (github.com/chmln/sd): `sd FIND REPLACE [FILE…]` rewrites its files in place unless `-p`/`--preview`.
  sd: effectGrammar('nf', ['max-replacements', 'flags'], { switches: [['-p', '--preview'], ['-F', '--fixed-strings']] }),
  // hcledit (github.com/minamijoyo/hcledit): `-f FILE` is read (default stdin) and, with `-u`/`--update`, rewritten in place.
  hcledit: effectGrammar('f', ['file'], { switches: [['-u', '--update']] }),
  ruby: effectGrammar('erICEF', [], { attached: 'i0xTKW', glued: { '0': /^[0-7]*/ } }),
  awk: effectGrammar('fvFiElL', ['file', 'assign', 'field-separator', 'include', 'exec', 'load', 'source']),
  curl: effectGrammar('oDcKTdFHeuXAbErwzQyYm', ['output', 'dump-header', 'cookie-jar', 'config', 'upload-file', 'data', 'data-binary', 'data-raw', 'data-urlencode', 'form', 'header', 'trace',
      'trace-ascii', 'stderr', 'libcurl', 'etag-save', 'etag-compare', 'hsts', 'alt-svc', 'output-dir', 'request', 'user', 'referer', 'cookie',
      'write-out', 'time-cond', 'max-time', 'connect-timeout', 'proxy', 'cert', 'key', 'cacert', 'capath', 'url', 'json', 'user-agent', 'retry', 'range', 'netrc-file']),
  wget: effectGrammar('OoaPiteTUwQlABDIXnR', ['output-document', 'output-file', 'append-output', 'directory-prefix', 'input-file', 'tries', 'execute', 'timeout', 'user-agent', 'wait',
      'quota', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories', 'save-cookies', 'load-cookies', 'post-file',
      'body-file', 'header', 'post-data', 'method', 'body-data', 'user', 'password', 'ca-certificate', 'certificate', 'private-key', 'config']),
  dd: effectGrammar(),
  tar: effectGrammar('fCTXbgLNVHKI', ['file', 'directory', 'files-from', 'exclude-from', 'blocking-factor', 'listed-incremental', 'tape-length', 'newer', 'after-date', 'label', 'format',
      'starting-file', 'use-compress-program', 'exclude', 'transform', 'xform', 'strip-components', 'owner', 'group', 'mode', 'mtime', 'to-command', 'info-script', 'new-volume-script', 'index-file', 'checkpoint-action']),
  unzip: effectGrammar('dxP'),
  zip: effectGrammar('bnxitTOPZ', ['temp-path', 'exclude', 'include', 'output-file', 'password', 'compression-method']),
  patch: effectGrammar('ipdoBrDFVYzg', ['input', 'strip', 'directory', 'output', 'prefix', 'reject-file', 'ifdef', 'fuzz', 'version-control', 'basename-prefix', 'suffix', 'get', 'quoting-style']),
  rsync: effectGrammar('efBT', ['rsh', 'rsync-path', 'filter', 'exclude', 'exclude-from', 'include', 'include-from', 'files-from', 'log-file', 'log-file-format', 'backup-dir',
      'suffix', 'partial-dir', 'temp-dir', 'compare-dest', 'copy-dest', 'link-dest', 'chmod', 'chown', 'usermap', 'groupmap', 'password-file',
      'out-format', 'timeout', 'contimeout', 'block-size', 'max-size', 'min-size', 'bwlimit', 'port', 'sockopts', 'write-batch', 'only-write-batch', 'read-batch', 'protocol', 'iconv', 'checksum-choice', 'compress-choice', 'compress-level', 'info', 'debug', 'modify-window', 'max-delete', 'skip-compress', 'remote-option']),
  scp: effectGrammar('cFiJloPS'),
  find: effectGrammar('', [], { posix: true }),
  xxd: effectGrammar('cglsnoC'),
  gzip: effectGrammar('S', ['suffix']),
  sqlite3: effectGrammar('', ['cmd', 'init', 'separator', 'newline', 'nullvalue']),
  emacs: effectGrammar('lLfu', ['load', 'script', 'directory', 'eval', 'funcall', 'chdir', 'user', 'file', 'visit', 'insert', 'find-file']),
});

export const gzipLike = new Set(['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'lzma', 'unlzma', 'zstd', 'unzstd', 'lz4', 'unlz4', 'pigz', 'unpigz', 'compress', 'uncompress', 'lzip', 'brotli']);
export const COMPRESSED_SUFFIX = /\.(gz|bz2|xz|lzma|zst|lz4|z|Z|lz|br|tgz)$/;

const NO_OPTIONS_DESCRIBED = effectGrammar();

export function grammarOf(name: string): GrammarSpec {
  return EFFECT_GRAMMARS[name] ?? (gzipLike.has(name) ? EFFECT_GRAMMARS.gzip! : NO_OPTIONS_DESCRIBED);
}

/**
 * Searches' option tables (kept apart from `EFFECT_GRAMMARS`: a search changes no path): which words
 * are values, so the pattern and the folders searched are the operands left.
 */
export const SEARCH_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  grep: effectGrammar('efmABCdD', ['regexp', 'file', 'max-count', 'after-context', 'before-context', 'context', 'include', 'exclude', 'exclude-dir', 'exclude-from', 'label', 'color', 'colour', 'binary-files', 'devices', 'directories', 'group-separator']),
  rg: effectGrammar('efmABCgtTjMEr', ['regexp', 'file', 'glob', 'iglob', 'type', 'type-not', 'threads', 'max-columns', 'encoding', 'replace', 'max-count', 'max-depth', 'after-context',
      'before-context', 'context', 'sort', 'sortr', 'ignore-file', 'color', 'colors', 'pre', 'pre-glob', 'path-separator', 'type-add', 'type-clear', 'max-filesize', 'engine',
      'dfa-size-limit', 'regex-size-limit', 'context-separator', 'field-match-separator', 'field-context-separator', 'hostname-bin', 'hyperlink-format']),
});
