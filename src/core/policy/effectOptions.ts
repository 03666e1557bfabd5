/**
 * The path-effect rules' view of a command line (`effectRules.ts`), read by the one option grammar
 * (`shell/grammar.ts`): GNU order (options may follow operands, `--` ends them), clusters of short
 * letters, a value attached or in the next word, unambiguous prefixes of the long options described.
 * Each program is described once: by its registry entry (`registry/tools/*.ts`) when it has one
 * (`REGISTRY_DESCRIBED`), otherwise by its table here (`EFFECT_GRAMMARS`, `SEARCH_GRAMMARS`).
 */

import { ownTable } from '../ownTable';
import { toolNamed } from '../registry/commandModel';
import { valued } from '../registry/tools/options';
import { parseCommand, type GrammarSpec, type OptionSpec } from '../shell/grammar';
import type { ArgWord } from './types';
import type { EffectKind, PathEffect } from './effects';

export interface OptionUse {
  /** The option's first described spelling without dashes (a described long option by its full name, however shortened). */
  name: string;
  /** Every described spelling of the option, without dashes (`o`, `output`): `has`/`values` answer to any. */
  names: readonly string[];
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
  const spellings = spellingsOf(grammar);
  const options = parsed.options.map((o): OptionUse => {
    const name = dashless(o.name);
    const names = (o.known ? spellings.get(o.name) : undefined) ?? [name];
    const word = o.valueWords[0];
    return word ? { name, names, value: valueWord(word, o.values[0]!) } : { name, names };
  });
  return { options, operands: parsed.operands };
}

const dashless = (name: string): string => name.replace(/^--?/, '');

const spellingIndexes = new WeakMap<GrammarSpec, ReadonlyMap<string, readonly string[]>>();

/** Every spelling (dashless) of each option of a grammar's top level, by its first spelling: built once per grammar. */
function spellingsOf(grammar: GrammarSpec): ReadonlyMap<string, readonly string[]> {
  let index = spellingIndexes.get(grammar);
  if (index) return index;
  const built = new Map<string, readonly string[]>();
  for (const option of grammar.options ?? []) {
    const first = option.names[0];
    if (first !== undefined && !built.has(first)) built.set(first, option.names.map(dashless));
  }
  spellingIndexes.set(grammar, built);
  return built;
}

export function has(read: ReadOptions, ...names: string[]): boolean {
  return read.options.some((o) => o.names.some((n) => names.includes(n)));
}

export function values(read: ReadOptions, ...names: string[]): ArgWord[] {
  return read.options.filter((o) => o.value && o.names.some((n) => names.includes(n))).map((o) => o.value!);
}

export const each = (kind: EffectKind, words: readonly ArgWord[], extra: Partial<PathEffect> = {}): PathEffect[] => words.map((word) => ({ kind, word, ...extra }));

/**
 * Programs whose effect rules read the options of their registry entry (`registry/tools/*.ts`): the entry is
 * their one description (`test/unit/registry/grammarAgreement.test.ts` holds every program to one table).
 */
export const REGISTRY_DESCRIBED: ReadonlySet<string> = new Set([
  'cp', 'mv', 'rm', 'rmdir', 'unlink', 'shred', 'truncate', 'chmod', 'chown', 'chgrp', 'sort', 'awk', 'curl', 'wget', 'rsync', 'scp', 'sqlite3',
]);

/** Option tables of commands whose effect rules need them and that no registry entry describes. */
export const EFFECT_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  install: effectGrammar('tSmogC', ['target-directory', 'suffix', 'mode', 'owner', 'group']),
  ln: effectGrammar('tS', ['target-directory', 'suffix']),
  touch: effectGrammar('rdtA', ['reference', 'date', 'time']),
  fallocate: effectGrammar('ol', ['offset', 'length']),
  mkdir: effectGrammar('m', ['mode', 'context']),
  chattr: effectGrammar('vp'),
  setfacl: effectGrammar('mMxX', ['modify', 'modify-file', 'remove', 'remove-file', 'set', 'set-file']),
  tee: effectGrammar(),
  sponge: effectGrammar(),
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
  dd: effectGrammar(),
  tar: effectGrammar('fCTXbgLNVHKI', ['file', 'directory', 'files-from', 'exclude-from', 'blocking-factor', 'listed-incremental', 'tape-length', 'newer', 'after-date', 'label', 'format',
      'starting-file', 'use-compress-program', 'exclude', 'transform', 'xform', 'strip-components', 'owner', 'group', 'mode', 'mtime', 'to-command', 'info-script', 'new-volume-script', 'index-file', 'checkpoint-action']),
  unzip: effectGrammar('dxP'),
  zip: effectGrammar('bnxitTOPZs', ['temp-path', 'exclude', 'include', 'output-file', 'password', 'compression-method', 'suffixes', 'split-size']),
  pax: effectGrammar('bfopsxB'),
  patch: effectGrammar('ipdoBrDFVYzg', ['input', 'strip', 'directory', 'output', 'prefix', 'reject-file', 'ifdef', 'fuzz', 'version-control', 'basename-prefix', 'suffix', 'get', 'quoting-style']),
  find: effectGrammar('', [], { posix: true }),
  xxd: effectGrammar('cglsnoC'),
  gzip: effectGrammar('ST', ['suffix', 'threads']),
  // vim and its other names (`optionGrammarOf` in `readerGrammars.ts`): `-c`/`--cmd` ex commands, `-S`/`-u`/`-U` scripts, `-i` viminfo,
  // `-T` a terminal, `-t` a tag, `-w`/`-W` a keystroke log, `-q` an error file; `-r FILE` and `--remote FILE` edit their operands.
  // The script-file handler (`handlers/scriptFiles.ts`), the in-place wipes and the whole-file readers all read this.
  vim: effectGrammar('cSuUiTtwWq', ['cmd', 'servername', 'listen']),
  // GNU Emacs: long options with one dash or two (`-eval`, `--eval`), each with its letter where it has one; the
  // effect rules, the script-file handler (`handlers/scriptFiles.ts`), the in-place wipes and the Lisp escapes all read this.
  emacs: {
    options: [
      valued('-l', '--load', '-load'), valued('--script', '-script'), valued('-L', '--directory', '-directory'), valued('--eval', '-eval', '--execute', '-execute'),
      valued('-f', '--funcall', '-funcall'), valued('--chdir', '-chdir'), valued('-u', '--user', '-user'), valued('--file', '-file', '--visit', '-visit', '--find-file', '-find-file'),
      valued('--insert', '-insert'),
    ],
    numericOptions: true,
    abbreviations: true,
  },
});

export const gzipLike = new Set(['gzip', 'gunzip', 'bzip2', 'bunzip2', 'xz', 'unxz', 'lzma', 'unlzma', 'zstd', 'unzstd', 'lz4', 'unlz4', 'pigz', 'unpigz', 'compress', 'uncompress', 'lzip', 'brotli']);
export const COMPRESSED_SUFFIX = /\.(gz|bz2|xz|lzma|zst|lz4|z|Z|lz|br|tgz)$/;

const NO_OPTIONS_DESCRIBED = effectGrammar();

/** The one description of a program the effect rules read: its registry entry, else its table here. */
export function describedGrammar(name: string): GrammarSpec | undefined {
  return REGISTRY_DESCRIBED.has(name) ? toolNamed(name) : EFFECT_GRAMMARS[name];
}

/** Whether the effect rules describe a program's options (in its registry entry or a table here). */
export function describesOptions(name: string): boolean {
  return REGISTRY_DESCRIBED.has(name) || EFFECT_GRAMMARS[name] !== undefined;
}

export function grammarOf(name: string): GrammarSpec {
  return describedGrammar(name) ?? (gzipLike.has(name) ? EFFECT_GRAMMARS.gzip! : NO_OPTIONS_DESCRIBED);
}

/**
 * Searches' option tables (kept apart from `EFFECT_GRAMMARS`: a search changes no path): which words
 * are values, so the pattern and the folders searched are the operands left.
 */
export const SEARCH_GRAMMARS: Readonly<Record<string, GrammarSpec>> = ownTable({
  grep: effectGrammar('efmABCdD', ['regexp', 'file', 'max-count', 'after-context', 'before-context', 'context', 'include', 'exclude', 'exclude-dir', 'exclude-from', 'label', 'color', 'colour', 'binary-files', 'devices', 'directories', 'group-separator']),
  rg: effectGrammar('efmABCgtTjMErd', ['regexp', 'file', 'glob', 'iglob', 'type', 'type-not', 'threads', 'max-columns', 'encoding', 'replace', 'max-count', 'max-depth', 'after-context',
      'before-context', 'context', 'sort', 'sortr', 'ignore-file', 'color', 'colors', 'pre', 'pre-glob', 'path-separator', 'type-add', 'type-clear', 'max-filesize', 'engine',
      'dfa-size-limit', 'regex-size-limit', 'context-separator', 'field-match-separator', 'field-context-separator', 'hostname-bin', 'hyperlink-format']),
  // ugrep (github.com/Genivia/ugrep): grep's options and its own file selection (`-g GLOBS`, `-t TYPES`, `-O EXTENSIONS`, `-M MAGIC`, `-J JOBS`).
  ugrep: effectGrammar('efmABCdDgtOMKJN', ['regexp', 'file', 'max-count', 'after-context', 'before-context', 'context', 'include', 'exclude', 'include-dir', 'exclude-dir',
      'include-from', 'exclude-from', 'glob', 'iglob', 'file-type', 'file-extensions', 'file-magic', 'jobs', 'label', 'range', 'neg-regexp', 'encoding', 'max-files',
      'binary-files', 'devices', 'directories', 'group-separator', 'color', 'colour']),
  // The Silver Searcher (`ag`), also read for ack: `-G`/`--file-search-regex` and `-g` take a file-name pattern, `-p` an ignore file.
  ag: effectGrammar('emABCGgpW', ['max-count', 'after-context', 'before-context', 'context', 'ignore', 'ignore-dir', 'noignore-dir', 'file-search-regex', 'path-to-ignore',
      'depth', 'width', 'type-set', 'type-add', 'output', 'pager', 'workers', 'color-match', 'color-filename', 'color-lineno']),
  // sift (svent/sift `options.go`): `-x`/`-X` are extension lists, not switches as in grep.
  sift: effectGrammar('efABCjtTxXo', ['regexp', 'regexp-file', 'context', 'context-after', 'context-before', 'cores', 'type', 'no-type', 'ext', 'exclude-ext', 'output', 'limit',
      'output-limit', 'output-sep', 'dirs', 'exclude-dirs', 'files', 'exclude-files', 'path', 'ipath', 'exclude-path', 'exclude-ipath', 'replace', 'blocksize', 'file-matches',
      'line-matches', 'range-matches', 'not-file-matches', 'not-line-matches', 'not-range-matches', 'preceded-by', 'followed-by', 'surrounded-by', 'preceded-within',
      'followed-within', 'surrounded-within', 'not-preceded-by', 'not-followed-by', 'not-surrounded-by', 'not-preceded-within', 'not-followed-within', 'not-surrounded-within']),
});
