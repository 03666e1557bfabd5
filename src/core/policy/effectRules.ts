/**
 * The path-effect rules, one small function per command (or family) over its option grammar
 * (`effectOptions.ts`): which words a command reads, writes, creates, deletes, moves, links or
 * extracts into. `effects.ts` applies them.
 */

import { ownTable } from '../ownTable';
import { basename } from '../paths';
import { sevenZip, tar, unzip, zip } from './archiveEffects';
import { findStartingPoints } from './findStarts';
import { freeFormReadings } from '../registry/freeForm';
import { COMPRESSED_SUFFIX, each, effectGrammar, valueWord, grammarOf, gzipLike, has, readEffectArgs, values } from './effectOptions';
import type { EffectKind, PathEffect } from './effects';
import type { ArgWord, Invocation } from './types';
import { EXTRACTOR_EFFECTS } from './extractorEffects';
import { OUTPUT_EFFECTS } from './outputEffects';
import { gitEffects } from './gitEffects';

// ---------------------------------------------------------------------------------------------
// Commands that only read what they are given

/**
 * Every operand and option value of these is only read, listed or compared; their output goes to
 * stdout (a redirect is judged on its own). Commands with an output option (`sort -o`) are not here.
 */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'cat', 'tac', 'nl', 'head', 'tail', 'less', 'more', 'most', 'bat', 'batcat', 'grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack',
  'ugrep', 'rgrep', 'pcre2grep', 'pcregrep', 'sift', 'pt',
  'ls', 'll', 'la', 'dir', 'vdir', 'exa', 'eza', 'lsd', 'tree', 'stat', 'file', 'wc', 'du', 'df', 'diff', 'cmp', 'comm', 'colordiff',
  'md5sum', 'sha1sum', 'sha224sum', 'sha256sum', 'sha384sum', 'sha512sum', 'b2sum', 'cksum', 'sum', 'shasum', 'md5',
  'od', 'hexdump', 'hd', 'strings', 'readlink', 'realpath', 'basename', 'dirname', 'test', '[', '[[', 'echo', 'printf', 'pwd',
  'cd', 'pushd', 'popd', 'jq', 'gron', 'column', 'cut', 'paste', 'fold', 'fmt', 'expand', 'unexpand', 'rev', 'look', 'tr',
  'type', 'which', 'whereis', 'whatis', 'man', 'info', 'locate', 'id', 'whoami', 'date', 'printenv', 'getfacl', 'lsattr',
  'namei', 'true', 'false', ':', 'zcat', 'bzcat', 'xzcat', 'zless', 'zmore', 'lsof', 'fuser', 'ps', 'pgrep', 'uname', 'hostname',
  'sleep', 'wait', 'history', 'alias', 'set', 'shopt', 'hash', 'jobs',
  'git-status', 'sha256', 'xmllint-check', 'identify', 'pdfinfo', 'mediainfo', 'ffprobe', 'nproc', 'free', 'uptime', 'env-check',
]);

export type EffectRule = (args: readonly ArgWord[], inv: Invocation) => PathEffect[];

const RECURSIVE = ['r', 'R', 'recursive', 'a', 'archive'];

/** cp, mv, install, ln: sources, then a destination (or `-t DIR` first). */
function transfer(sourceKind: EffectKind, name: string): EffectRule {
  return (args) => {
    const read = readEffectArgs(args, grammarOf(name));
    // `-t DIR` (`--target-directory=DIR`) names a folder whatever is there now: the sources land inside it, as `cp x DIR/` says.
    const named = values(read, 't', 'target-directory')[0];
    const target = named && !named.dynamic && !named.text.endsWith('/') ? valueWord(named, named.text + '/') : named;
    const recursive = has(read, ...RECURSIVE);
    let sources = read.operands;
    let dest = target;
    if (!dest) {
      if (name === 'ln' && sources.length === 1) {
        // `ln -s TARGET` makes ./basename(TARGET)
        return [{ kind: 'link', word: sources[0]! }];
      }
      dest = sources[sources.length - 1];
      sources = sources.slice(0, -1);
    }
    let kind = sourceKind;
    if (name === 'cp' && has(read, 'l', 'link', 's', 'symbolic-link')) kind = 'link';
    if (name === 'install' && has(read, 'd', 'directory')) return each('create', read.operands);
    // `ln -sfn x .cursor` replaces a symlinked folder, or creates `.cursor` pointing elsewhere: the link name is judged as itself too.
    const linkName: PathEffect[] = name === 'ln' && dest && !target ? [{ kind: 'link', word: dest }] : [];
    const out: PathEffect[] = [...linkName, ...sources.map((word) => ({ kind, word, ...(recursive && kind !== 'link' ? { recursive: true } : {}) }))];
    if (dest) {
      out.push({ kind: 'write', word: dest, into: sources });
      const spilling = sources.filter((source) => /\/\.?$/.test(source.text) || source.glob || source.dynamic);
      // `cp /tmp/d/* .cursor/` (names known only when it runs) and `cp -rT /tmp/d .claude` (the folder
      // itself is the destination) put entries nobody named into the destination.
      const unnamed = sources.some((source) => source.glob || source.dynamic);
      const noTargetDirectory = has(read, 'T', 'no-target-directory');
      if (((recursive || name === 'mv') && spilling.length > 0) || unnamed || noTargetDirectory) out.push({ kind: 'extract', word: dest, from: spilling.length > 0 ? spilling : sources });
    }
    return out;
  };
}

/** What a chmod mode does to what the owner and others may do (`PathEffect.modeChange`): symbolic owner grants of read/write (`u+w`, `u+rwX`), or an octal mode whose owner digit keeps read and write and whose others' digits hold no write. */
export function modeChangeOf(mode: string | undefined): PathEffect['modeChange'] {
  if (mode === undefined) return undefined;
  if (/^u\+[rwX]+(,u\+[rwX]+)*$/.test(mode)) return 'grants';
  const m = /^0?([67])([0-7])([0-7])$/.exec(mode);
  if (!m || (Number(m[2]) & 2) !== 0 || (Number(m[3]) & 2) !== 0) return undefined;
  return m[1] === '7' ? 'grants' : 'keeps-owner-rw';
}

/** chmod: every operand's mode changes; a mode that lowers nothing says so (`modeChangeOf`). */
function chmod(args: readonly ArgWord[], inv: Invocation): PathEffect[] {
  const effects = changeAll('write', 'chmod', true)(args, inv);
  const read = readEffectArgs(args, grammarOf('chmod'));
  const change = has(read, 'reference') ? undefined : modeChangeOf(read.operands[0]?.text);
  return change ? effects.map((e) => (e.kind === 'write' ? { ...e, modeChange: change } : e)) : effects;
}

/** Every operand is changed, after a leading mode/owner operand for chmod/chown/chgrp/chattr. */
function changeAll(kind: EffectKind, name: string, skipFirst: boolean): EffectRule {
  return (args) => {
    const read = readEffectArgs(args, grammarOf(name));
    const recursive = has(read, ...RECURSIVE);
    const reference = has(read, 'reference');
    let operands = read.operands;
    // chmod's mode may look like an option (-x) and is then already among the options
    if (skipFirst && !reference) operands = name === 'chmod' ? operands.filter((o, i) => !(i === 0 && /^([ugoa]*[-+=][rwxXst]*,?)+$|^[0-7]{3,4}$/.test(o.text))) : operands.slice(1);
    const out = each(kind, operands, recursive ? { recursive: true } : {});
    for (const r of values(read, 'r', 'reference')) out.push({ kind: 'read', word: r });
    return out;
  };
}

function sed(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('sed'));
  const inPlace = has(read, 'i', 'in-place');
  const scripts = values(read, 'e', 'expression');
  let files = read.operands;
  if (scripts.length === 0 && !has(read, 'f', 'file') && files.length > 0) {
    scripts.push(files[0]!);
    files = files.slice(1);
  }
  return [...each('code', scripts), ...each('read', values(read, 'f', 'file')), ...each(inPlace ? 'write' : 'read', files), ...each('write', sedWrittenFiles(scripts))];
}

/**
 * Files a sed script writes with its `w FILE` command or the `w FILE` flag of `s///` (round 8,
 * issue #18): sed creates or empties each one when it starts, before reading any input
 * (`sed -n '1w db/development.sqlite3' /dev/null` empties the database). The name runs to the end of its line.
 */
function sedWrittenFiles(scripts: readonly ArgWord[]): ArgWord[] {
  const out: ArgWord[] = [];
  for (const script of scripts) {
    if (script.dynamic) continue;
    for (const line of script.text.split('\n')) {
      const name = /^\s*(?:(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?)?\s*!?\s*[wW]\s*(\S.*)$/.exec(line)?.[1]
        ?? /(?:^|;)\s*s(.)(?:\\.|(?!\1).)*\1(?:\\.|(?!\1).)*\1[gpiImMe\d]*w\s*(\S.*)$/.exec(line)?.[2];
      const file = name?.trim();
      if (file !== undefined && file !== '' && !/^\/dev\/(stdout|stderr)$/.test(file)) out.push({ text: file, raw: file, dynamic: false, glob: false });
    }
  }
  return out;
}

/** perl/ruby: `-i` edits the files named after the code in place; otherwise what the code does to them is unknown. */
function scriptingInPlace(name: string): EffectRule {
  return (args) => {
    const inPlace = args.some((a) => /^-[a-zA-Z0-9]*i/.test(a.text) && !a.text.startsWith('--'));
    // The code itself is judged as a snippet and as words (see the perimeter); the operands after it:
    const read = readEffectArgs(args, grammarOf(name));
    const code = values(read, 'e', 'E');
    const operands = read.operands.filter((w) => !code.includes(w));
    return [...each('code', code), ...each(inPlace ? 'write' : 'unknown', operands)];
  };
}

function awk(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('awk'));
  const includes = values(read, 'i', 'include').map((w) => w.text);
  const inPlace = includes.some((t) => t === 'inplace' || t === 'inplace.awk');
  // The program comes from files (`-f`, gawk's `-E`/`--exec`) or text (gawk's `-e`/`--source`); otherwise it is the first operand.
  const files = values(read, 'f', 'file', 'E', 'exec');
  const sources = values(read, 'e', 'source');
  let operands = read.operands;
  const program = files.length === 0 && sources.length === 0 ? operands[0] : undefined;
  if (program) operands = operands.slice(1);
  const code = program ? [program, ...sources] : sources;
  // An awk program that prints into files or runs commands may write the files it reads (`print > FILENAME`); text in its string literals is data.
  const writes = inPlace || files.length > 0 || code.length === 0 || code.some((c) => /(print|printf)[^;{}]*>|\|\s*["a-z]|system\s*\(|FILENAME/.test(c.text.replace(/"(?:[^"\\]|\\.)*"/g, '""')));
  const inputs = operands.filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
  return [...each('code', code), ...each('read', files), ...each(writes ? (inPlace ? 'write' : 'unknown') : 'read', inputs)];
}

/**
 * emacs: `-l`/`--load` and `--script` load Lisp files (their code is judged as `--eval` by the script-file
 * handler), `-L` adds a load folder: read, not changed (`emacs --batch -l ~/.emacs.d/init.el -f
 * batch-byte-compile lisp/*.el`). `--eval` and `-f` take code and function names; the files it visits
 * (operands, `--visit`, `--file`, `--insert`) may be edited and saved: unknown.
 */
function emacs(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('emacs'));
  return [
    ...each('read', values(read, 'l', 'load', 'script', 'L', 'directory')),
    ...each('code', values(read, 'eval', 'f', 'funcall')),
    ...each('unknown', [...values(read, 'file', 'visit', 'find-file', 'insert', 'chdir', 'u', 'user'), ...read.operands]),
  ];
}

function dd(args: readonly ArgWord[]): PathEffect[] {
  const out: PathEffect[] = [];
  for (const a of args) {
    if (a.text.startsWith('of=')) out.push({ kind: 'write', word: valueWord(a, a.text.slice(3)) });
    else if (a.text.startsWith('if=')) out.push({ kind: 'read', word: valueWord(a, a.text.slice(3)) });
    else out.push({ kind: 'unknown', word: a });
  }
  return out;
}

function tee(args: readonly ArgWord[]): PathEffect[] {
  return each('write', readEffectArgs(args, grammarOf('tee')).operands);
}

function sort(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('sort'));
  return [
    ...each('write', values(read, 'o', 'output')),
    ...each('read', read.operands),
    ...each('read', values(read, 'files0-from')),
    ...each('unknown', values(read, 'compress-program', 'T', 'temporary-directory')),
  ];
}

/** `uniq IN OUT`, `xxd IN OUT`: the second operand is written. */
function inputOutput(name: string): EffectRule {
  return (args) => {
    const read = readEffectArgs(args, grammarOf(name));
    const [input, output, ...rest] = read.operands;
    return [...(input ? [{ kind: 'read' as const, word: input }] : []), ...(output ? [{ kind: 'write' as const, word: output }] : []), ...each('unknown', rest)];
  };
}

/** split/csplit: the input is read; the prefix names files that are written. */
function split(name: string): EffectRule {
  return (args) => {
    const read = readEffectArgs(args, grammarOf(name));
    const [input, ...rest] = read.operands;
    const prefix = name === 'csplit' ? values(read, 'f', 'prefix') : rest.slice(-1);
    return [...(input ? [{ kind: 'read' as const, word: input }] : []), ...each('write', prefix), ...each('unknown', values(read, 'filter'))];
  };
}

/** gzip and friends replace each file with its (de)compressed sibling unless told to keep it or write to stdout. */
function compressor(name: string): EffectRule {
  return (args) => {
    const read = readEffectArgs(args, grammarOf(name));
    if (has(read, 'c', 'stdout', 'to-stdout', 'l', 'list', 't', 'test')) return each('read', read.operands);
    const keep = has(read, 'k', 'keep');
    const recursive = has(read, 'r', 'recursive');
    const out: PathEffect[] = [];
    for (const word of read.operands) {
      out.push({ kind: keep ? 'read' : 'move', word, ...(recursive ? { recursive: true } : {}) });
      const stripped = word.text.replace(COMPRESSED_SUFFIX, '');
      out.push({ kind: 'write', word: valueWord(word, stripped === word.text ? word.text + '.gz' : stripped) });
      if (recursive) out.push({ kind: 'extract', word });
    }
    return out;
  };
}

const CPIO = effectGrammar('DEFHIMORst', ['directory', 'pattern-file', 'file', 'format', 'message', 'owner', 'rsh-command']);

function cpio(args: readonly ArgWord[], inv: Invocation): PathEffect[] {
  const read = readEffectArgs(args, CPIO);
  const extract = has(read, 'i', 'extract');
  const pass = has(read, 'p', 'pass-through');
  if (extract) return [{ kind: 'extract', word: values(read, 'D', 'directory')[0] ?? { text: '.', raw: '.', dynamic: false, glob: false } }];
  // `find .claude | cpio -pdl /tmp/x` (round 27): with -l each name read on standard input gets another name (a hard link) there.
  if (pass) return [...each('extract', read.operands), ...(has(read, 'l', 'link') ? each('link', namesFedTo(inv), { recursive: true }) : [])];
  return [...each('write', values(read, 'F', 'O', 'file')), ...each('read', read.operands)];
}

/**
 * The names a pass-through reads on standard input (`find .claude | cpio -p`, `printf '%s\\n' a b | cpio -p`): the
 * operands of the stage that prints them (a finder's starting points, a printer's words); any other input may name
 * any file below the cwd, which then stands for them.
 */
function namesFedTo(inv: Invocation): ArgWord[] {
  const here: ArgWord = { text: '.', raw: '.', dynamic: false, glob: false };
  const from = inv.stdin?.kind === 'pipe' ? inv.stdin.from : undefined;
  if (!from || !/^(find|fd|fdfind|ls|printf|echo|print)$/.test(from.name)) return [here];
  const printed = freeFormReadings(from.args).usual.operands;
  const named = from.name === 'find' ? findStartingPoints(from.args).starts : from.name === 'printf' ? printed.slice(1) : printed;
  return named.length > 0 ? named : [here];
}

/** pax (POSIX): list; `-r` extracts the archive here; `-w` writes one from the operands; `-rw` copies the operands into the last. */


function pax(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('pax'));
  const reading = has(read, 'r');
  const writing = has(read, 'w');
  const archives = values(read, 'f');
  const here = { text: '.', raw: '.', dynamic: false, glob: false };
  if (reading && writing) {
    const dest = read.operands[read.operands.length - 1];
    const sources = read.operands.slice(0, -1);
    // `pax -rwl .cursor /tmp/pp` (round 27): -l links the files instead of copying them.
    return [...each(has(read, 'l') ? 'link' : 'read', sources, { recursive: true }), ...(dest ? [{ kind: 'extract' as const, word: dest }] : [])];
  }
  if (reading) return [...each('read', archives), { kind: 'extract', word: here }];
  if (writing) return [...each('write', archives), ...each('read', read.operands, { recursive: true })];
  return [...each('read', archives), ...each('read', read.operands)];
}

function rsync(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('rsync'));
  const local = read.operands.filter((w) => !/^[^/]*:/.test(w.text) && !w.text.startsWith('rsync://'));
  const dest = read.operands[read.operands.length - 1];
  const sources = read.operands.slice(0, -1).filter((w) => local.includes(w));
  const removing = has(read, 'remove-source-files', 'remove-sent-files');
  // A dry run (`-n`, `--dry-run`, `--list-only`) lists names and copies nothing; the programs it starts still run.
  if (has(read, 'n', 'dry-run', 'list-only')) return [...each('write', values(read, 'log-file')), ...each('unknown', values(read, 'e', 'rsh', 'rsync-path'))];
  const out: PathEffect[] = [
    ...each(removing ? 'delete' : 'read', sources, { recursive: true }),
    ...each('write', values(read, 'log-file', 'write-batch', 'only-write-batch', 'backup-dir', 'partial-dir', 'temp-dir')),
    ...each('read', values(read, 'exclude-from', 'include-from', 'files-from', 'password-file', 'compare-dest', 'copy-dest', 'read-batch')),
    ...each('link', values(read, 'link-dest')),
    ...each('unknown', values(read, 'e', 'rsh', 'rsync-path')),
  ];
  if (dest && local.includes(dest)) {
    out.push({ kind: 'write', word: dest, into: sources });
    out.push({ kind: 'extract', word: dest, from: sources });
    // --delete removes whatever in the destination the source lacks
    if (read.options.some((o) => o.name.startsWith('delete') || o.name === 'del')) out.push({ kind: 'delete', word: dest, recursive: true });
  }
  return out;
}

function scp(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('scp'));
  const local = (w: ArgWord): boolean => !/^[^/]*:/.test(w.text) && !w.text.startsWith('scp://');
  const dest = read.operands[read.operands.length - 1];
  const sources = read.operands.slice(0, -1).filter(local);
  const out: PathEffect[] = [...each('read', sources, { recursive: true }), ...each('read', values(read, 'F', 'i'))];
  if (dest && local(dest)) out.push({ kind: 'write', word: dest, into: sources });
  // Files fetched from another machine land under names this machine cannot list (round 27: `scp host:hooks.json
  // .windsurf/`): the destination receives them like an extraction, as rsync's does.
  // One file named by a plain path lands under its own name (`scp host:/var/log/app.log .` writes `./app.log`).
  const fetched = read.operands.slice(0, -1).filter((w) => !local(w));
  const named = has(read, 'r') ? [] : fetched.map((w) => ({ ...w, text: w.text.replace(/^(?:scp:\/\/)?[^/]*?:/, '') })).filter((w) => !w.dynamic && !w.glob && !/[*?[{]/.test(w.text) && /[^/.]/.test(w.text.split('/').pop() ?? ''));
  if (dest && local(dest) && named.length > 0) out.push({ kind: 'write', word: dest, into: named });
  if (dest && local(dest) && fetched.length > named.length) out.push({ kind: 'extract', word: dest, from: fetched });
  return out;
}

function curl(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('curl'));
  const dir = values(read, 'output-dir')[0];
  // `--output-dir DIR -o NAME` writes DIR/NAME (round 27); an absolute NAME ignores DIR.
  const under = (w: ArgWord): ArgWord => (dir && !w.text.startsWith('/') && !w.text.startsWith('~') ? valueWord(w, dir.text.replace(/\/+$/, '') + '/' + w.text) : w);
  const out: PathEffect[] = [
    ...each('write', values(read, 'o', 'output').map(under)),
    ...each('write', values(read, 'D', 'dump-header', 'c', 'cookie-jar', 'trace', 'trace-ascii', 'stderr', 'libcurl', 'etag-save', 'hsts', 'alt-svc')),
    ...each('read', values(read, 'K', 'config', 'T', 'upload-file', 'etag-compare', 'cert', 'key', 'cacert', 'netrc-file', 'E')),
  ];
  const urls = [...read.operands, ...values(read, 'url')];
  for (const url of urls) {
    // file:// URLs are paths: an upload (-T) to one writes it.
    if (/^file:\/\//i.test(url.text)) out.push({ kind: has(read, 'T', 'upload-file') ? 'write' : 'read', word: valueWord(url, url.text.replace(/^file:\/\/(localhost)?/i, '')) });
  }
  if (has(read, 'O', 'remote-name', 'remote-name-all')) {
    for (const url of urls) {
      const name = basename(url.text.replace(/[?#].*$/, ''));
      if (name) out.push({ kind: 'write', word: valueWord(url, dir ? dir.text.replace(/\/+$/, '') + '/' + name : name) });
    }
  }
  for (const data of values(read, 'd', 'data', 'data-binary', 'data-urlencode', 'F', 'form', 'json')) {
    const at = data.text.indexOf('@');
    if (at >= 0 && !data.text.slice(at + 1).startsWith('-')) out.push({ kind: 'read', word: valueWord(data, data.text.slice(at + 1).replace(/;.*$/, '')) });
  }
  return out;
}

function wget(args: readonly ArgWord[], inv?: Invocation): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('wget'));
  const out: PathEffect[] = [
    ...each('write', values(read, 'O', 'output-document', 'o', 'output-file', 'a', 'append-output', 'save-cookies')),
    ...each('read', values(read, 'i', 'input-file', 'load-cookies', 'post-file', 'body-file', 'ca-certificate', 'certificate', 'private-key', 'config')),
  ];
  const dir = values(read, 'P', 'directory-prefix')[0];
  if (values(read, 'O', 'output-document').length === 0) {
    if (has(read, 'r', 'recursive', 'm', 'mirror', 'x', 'force-directories')) {
      const base = dir ?? valueWord(args[0] ?? { text: '.', raw: '.', dynamic: false, glob: false }, '.');
      // wget keeps each host's files in a folder named by the host (`example.com/docs/…`): what the server
      // serves lands there, unless the layout is changed or the hosts are not known from the words.
      const hosts = wgetHostFolders(read, inv);
      if (hosts) for (const h of hosts) out.push({ kind: 'extract', word: valueWord(base, base.text.replace(/\/+$/, '') + '/' + h) });
      else out.push({ kind: 'extract', word: base });
    }
    for (const url of read.operands) {
      const name = basename(url.text.replace(/[?#].*$/, '')) || 'index.html';
      out.push({ kind: 'write', word: valueWord(url, dir ? dir.text.replace(/\/+$/, '') + '/' + name : name) });
    }
  }
  return out;
}

/** wgetrc commands (`-e NAME=VALUE`) and options that change where a recursive download's files land, or read a config that may. */
const WGET_LAYOUT = /^(addhostdir|dirstruct|cutdirs|dirprefix|protocoldirectories|contentdisposition|trustservernames|spanhosts|inputfile|config)$/;

/** The folders a recursive wget writes into (one per host named), or undefined when its layout is not the default or a host is unknown. */
function wgetHostFolders(read: ReturnType<typeof readEffectArgs>, inv: Invocation | undefined): string[] | undefined {
  if (inv && (inv.assignments['WGETRC'] !== undefined || inv.assignments['HOME'] !== undefined || inv.assignments['SYSTEM_WGETRC'] !== undefined)) return undefined;
  for (const o of read.options) {
    if (o.name === 'n') { if (o.value === undefined || o.value.dynamic || /[^vcp]/.test(o.value.text)) return undefined; continue; }
    // Every spelling of the option (`-H` is `--span-hosts`), as wgetrc spells it too.
    const bare = o.names.map((n) => n.replace(/[-_]/g, '').toLowerCase());
    if (o.name === 'H' || o.name === 'i' || bare.some((b) => /^no(h|d)/.test(b) || WGET_LAYOUT.test(b) || /^(cut|prot|add|dirs|content|trust|span|conf)/.test(b))) return undefined;
    if (o.name === 'e' || o.name === 'execute') {
      const command = /^\s*([A-Za-z_-]+)\s*=/.exec(o.value?.text ?? '')?.[1]?.replace(/[-_]/g, '').toLowerCase();
      if (o.value === undefined || o.value.dynamic || command === undefined || WGET_LAYOUT.test(command)) return undefined;
    }
  }
  const hosts: string[] = [];
  for (const url of read.operands) {
    const host = url.dynamic ? undefined : /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::\d+)?(?:[/?#]|$)/i.exec(url.text)?.[1];
    if (host === undefined || !host.includes('.') && host !== 'localhost') return undefined;
    hosts.push(host.toLowerCase());
  }
  return hosts.length > 0 ? hosts : undefined;
}

function patch(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, grammarOf('patch'));
  const dir = values(read, 'd', 'directory')[0];
  const out: PathEffect[] = [...each('read', values(read, 'i', 'input')), ...each('write', values(read, 'o', 'output', 'r', 'reject-file'))];
  const [original, patchFile] = read.operands;
  if (original) out.push({ kind: 'write', word: original });
  if (patchFile) out.push({ kind: 'read', word: patchFile });
  // Which files the patch touches is in its text; the perimeter reads it when it can, else anything below the folder.
  if (has(read, 'dry-run')) return out;
  out.push({ kind: 'extract', word: dir ?? { text: '.', raw: '.', dynamic: false, glob: false } });
  return out;
}

/** Editors `find -exec` runs on each file it finds (`-exec sed -i … {} +`): they change the files' text, never delete them. */
export const IN_PLACE_EDITORS: ReadonlySet<string> = new Set(['sed', 'gsed', 'perl', 'prettier', 'eslint', 'black', 'ruff', 'gofmt', 'goimports', 'rustfmt', 'clang-format', 'autopep8', 'isort', 'dos2unix', 'unix2dos']);

/** `find … -exec sed -i … {} +`: every command find runs is an in-place editor. */
export function findEditsInPlace(inv: { name: string; args: readonly ArgWord[] }): boolean {
  if (inv.name !== 'find') return false;
  const words = inv.args.map((w) => w.text);
  const runs = words.flatMap((t, i) => (/^-(exec|execdir|ok|okdir)$/.test(t) ? [basename(words[i + 1] ?? '')] : []));
  return runs.length > 0 && runs.every((c) => IN_PLACE_EDITORS.has(c));
}

function find(args: readonly ArgWord[]): PathEffect[] {
  const { starts, rest, follows } = findStartingPoints(args);
  const names: string[] = [];
  let narrowing = true;
  let deletes = false;
  let edits = false;
  const modeChanges: NonNullable<PathEffect['modeChange']>[] = [];
  const out: PathEffect[] = [];
  for (let k = 0; k < rest.length; k++) {
    const t = rest[k]!.text;
    if (t === '-name' || t === '-iname') {
      const v = rest[k + 1];
      if (v) names.push(v.text);
      k++;
    } else if (t === '-path' || t === '-wholename' || t === '-ipath' || t === '-regex' || t === '-iregex' || t === '-o' || t === '-or' || t === '!' || t === '-not') {
      narrowing = false;
    } else if (t === '-delete') deletes = true;
    else if (t === '-exec' || t === '-execdir' || t === '-ok' || t === '-okdir') {
      const command = basename(rest[k + 1]?.text ?? '');
      // `-exec chmod 644 {} +`: a mode change, judged by what the mode takes away (stop 36).
      const modes = command === 'chmod' ? modeChangeOf(rest[k + 2]?.text) : undefined;
      if (modes) modeChanges.push(modes);
      else if (IN_PLACE_EDITORS.has(command)) edits = true;
      else if (!READ_ONLY_COMMANDS.has(command)) deletes = true;
    } else if (t === '-fprint' || t === '-fprint0' || t === '-fls' || t === '-fprintf') {
      const v = rest[k + 1];
      if (v) out.push({ kind: 'write', word: v });
      k++;
    }
  }
  const roots = starts.length > 0 ? starts : [{ text: '.', raw: '.', dynamic: false, glob: false }];
  const narrowed = { recursive: true, ...(narrowing && names.length > 0 ? { names } : {}), ...(follows ? { followsLinks: true } : {}) };
  const modeChange = modeChanges.includes('keeps-owner-rw') ? 'keeps-owner-rw' : 'grants';
  if (deletes || edits) for (const word of roots) out.push({ kind: deletes ? 'delete' : 'write', word, ...narrowed });
  else if (modeChanges.length > 0) for (const word of roots) out.push({ kind: 'write', word, ...narrowed, modeChange });
  else out.push(...each('read', roots));
  return out;
}

/**
 * Shells and `source`: the script file is read (the analysis runs its text and judges what it does),
 * and so is the `-c` text; words after them become `$0`, `$1` ... inside, which the analysis cannot
 * follow, so they are unknown (`sh -c 'echo x > "$0"' ~/.bashrc`).
 */
function shellRunner(args: readonly ArgWord[]): PathEffect[] {
  const out: PathEffect[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (!/^[-+]/.test(t) || t.length < 2) break;
    if (/^[-+]o$|^--(rcfile|init-file)$/.test(t) && args[i + 1]) out.push({ kind: 'read', word: args[++i]! });
  }
  if (i < args.length) out.push({ kind: 'read', word: args[i]! });
  return [...out, ...each('unknown', args.slice(i + 1))];
}

function sourceFile(args: readonly ArgWord[]): PathEffect[] {
  const [file, ...rest] = args;
  return [...(file ? [{ kind: 'read' as const, word: file }] : []), ...each('unknown', rest)];
}

/** Editors' command lines open files for a human to see; the switches that disable this extension are judged by the perimeter. */
const EDITOR_CLIS = ['code', 'code-insiders', 'cursor', 'codium', 'vscodium', 'code-oss', 'code-server', 'windsurf', 'positron'];
const EDITOR_CLI = effectGrammar('', ['goto', 'user-data-dir', 'extensions-dir', 'profile', 'locale', 'log', 'install-extension', 'uninstall-extension', 'disable-extension', 'enable-proposed-api']);
const editorCli: EffectRule = (args) => each('read', readEffectArgs(args, EDITOR_CLI).operands);

export const EFFECT_RULES: Readonly<Record<string, EffectRule>> = ownTable({
  cp: transfer('read', 'cp'),
  mv: transfer('move', 'mv'),
  install: transfer('read', 'install'),
  ln: transfer('link', 'ln'),
  rm: changeAll('delete', 'rm', false),
  rmdir: changeAll('delete', 'rmdir', false),
  unlink: changeAll('delete', 'unlink', false),
  // shred overwrites each file's content in place (through every other name of it, a hard link's too), then may remove the name.
  shred: (args, inv) => changeAll('delete', 'shred', false)(args, inv).flatMap((e) => (e.kind === 'delete' ? [e, { ...e, kind: 'write' as const }] : [e])),
  srm: changeAll('delete', 'srm', false),
  trash: changeAll('delete', 'trash', false),
  'trash-put': changeAll('delete', 'trash-put', false),
  touch: changeAll('create', 'touch', false),
  mkdir: changeAll('create', 'mkdir', false),
  mkfifo: changeAll('create', 'mkfifo', false),
  truncate: changeAll('write', 'truncate', false),
  // `fallocate -p/-c/-z/-i` punches, collapses, zeroes or shifts a byte range of the file in place: its content is lost.
  fallocate: (args) => {
    const read = readEffectArgs(args, grammarOf('fallocate'));
    return each(has(read, 'p', 'punch-hole', 'c', 'collapse-range', 'z', 'zero-range', 'i', 'insert-range') ? 'write' : 'create', read.operands);
  },
  chmod,
  chown: changeAll('write', 'chown', true),
  chgrp: changeAll('write', 'chgrp', true),
  chattr: changeAll('write', 'chattr', true),
  setfacl: changeAll('write', 'setfacl', false),
  tee: tee,
  // moreutils' sponge soaks up standard input, then writes it over (or with -a after) its file.
  sponge: (args) => each('write', readEffectArgs(args, grammarOf('sponge')).operands),
  sed: sed,
  gsed: sed,
  perl: scriptingInPlace('perl'),
  ruby: scriptingInPlace('ruby'),
  hcledit: (args) => { const read = readEffectArgs(args, grammarOf('hcledit')); return each(has(read, 'u', 'update') ? 'write' : 'read', values(read, 'f', 'file').filter((w) => w.text !== '-')); },
  sd: (args) => { const read = readEffectArgs(args, grammarOf('sd')); return each(has(read, 'p', 'preview') ? 'read' : 'write', read.operands.slice(2)); },
  awk: awk,
  emacs: emacs,
  'emacs-nox': emacs,
  gawk: awk,
  mawk: awk,
  nawk: awk,
  dd: dd,
  sort: sort,
  uniq: inputOutput('uniq'),
  xxd: inputOutput('xxd'),
  split: split('split'),
  csplit: split('csplit'),
  tar: tar,
  bsdtar: tar,
  gtar: tar,
  unzip: unzip,
  zip: zip,
  '7z': sevenZip,
  '7za': sevenZip,
  '7zr': sevenZip,
  cpio: cpio,
  pax: pax,
  ...EXTRACTOR_EFFECTS,
  ...OUTPUT_EFFECTS,
  rsync: rsync,
  scp: scp,
  curl: curl,
  wget: wget,
  patch: patch,
  find: find,
  git: gitEffects,
  ...Object.fromEntries([...gzipLike].map((name) => [name, compressor(name)])),
  ...Object.fromEntries(EDITOR_CLIS.map((name) => [name, editorCli])),
  ...Object.fromEntries(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'yash', 'posh', 'rbash'].map((name) => [name, shellRunner])),
  source: sourceFile,
  '.': sourceFile,
  eval: (args) => each('read', args),
});
