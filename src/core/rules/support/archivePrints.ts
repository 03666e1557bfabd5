import { minimatch } from 'minimatch';
import { resolvePath } from '../../paths';
import { grammarOf, has, readEffectArgs, values } from '../../policy/effectOptions';
import { sevenZipWords, tarOptions } from '../../policy/archiveEffects';
import type { CredentialFileInfo, Finding, Invocation, RuleContext } from '../../policy/types';
import type { ArgWord } from '../../shell/ast';
import { credentialTarget, infoFor } from './credentialPaths';
import { compressedFilePrints } from './compressedReads';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Archive members printed to the terminal: `unzip -p|-c backup.zip [member…]`, `tar -xOf|--to-stdout`
 * (bsdtar, gtar), `7z e|x -so`, and a compressed tar decompressed whole to the terminal (`zcat backup.tar.gz`,
 * `gzip -dc`, which prints every member's bytes as stored). The same read as `cat` of the file, one archive
 * away: a backup of the workspace holds its credential files. A member counts when its name is a
 * credential file's (`.env.production`, `id_rsa`) or when the working folder holds a credential file at the
 * same place (a backup of `legacy/config_backup.json`). Members come from the operands, else from the
 * archive's listing (the `archiveMembers` fact: tar, tar.gz, zip); an archive that cannot be listed and
 * names no member is left to the other rules (what it prints is not known, and most archives hold none).
 */

const TARS: ReadonlySet<string> = new Set(['tar', 'bsdtar', 'gtar']);
const SEVEN_ZIP: ReadonlySet<string> = new Set(['7z', '7za', '7zz', '7zr']);
/** Decompressors that print a compressed tar whole with `-c`/`-d -c`; the `*cat` spellings always print. */
const DECOMPRESSORS: ReadonlySet<string> = new Set(['gzip', 'gunzip', 'pigz', 'unpigz', 'bzip2', 'bunzip2', 'pbzip2', 'lbzip2', 'xz', 'unxz', 'lzma', 'unlzma', 'zstd', 'unzstd', 'lz4', 'unlz4']);
const CATS: ReadonlySet<string> = new Set(['zcat', 'gzcat', 'bsdcat', 'bzcat', 'xzcat', 'lzcat', 'zstdcat', 'lz4cat', 'zless', 'zmore', 'bzless', 'bzmore', 'xzless', 'xzmore', 'lzless', 'lzmore', 'zstdless']);
const TAR_NAME = /\.(tar(\.(gz|bz2|xz|zst|lz4))?|tgz|tbz2?|txz)$/i;
const MAX_MEMBERS = 2_000;

interface Printed {
  archive: ArgWord;
  members: readonly ArgWord[];
  /** Compressed single files (`x.env.gz`, `build-cache.gz`): each is the file it holds (`compressedReads.ts`). */
  singles?: readonly ArgWord[];
}

/** Programs that hand a file's bytes on unchanged (`cat x.gz | gunzip`, `pv x.gz | zcat`). */
const PASS_THROUGH: ReadonlySet<string> = new Set(['cat', 'pv', 'tac', 'dd', 'buffer', 'mbuffer']);

/** The files a pass-through program pipes into this one (`cat x.gz | gunzip`; dd's `if=`). */
function pipedFiles(inv: Invocation): ArgWord[] {
  const from = inv.stdin?.kind === 'pipe' ? inv.stdin.from : undefined;
  if (!from || !PASS_THROUGH.has(from.name)) return [];
  const words = freeFormReadings(from.args).usual.operands;
  return from.name === 'dd' ? words.filter((w) => w.text.startsWith('if=')).map((w) => ({ ...w, text: w.text.slice(3) })) : words;
}

/** Which archive an invocation prints members of, and the members it names; undefined when it prints none. */
function printedArchive(inv: Invocation): Printed | undefined {
  const name = inv.name;
  // `funzip backup.zip`: the archive's first member printed (which one is not known here: every member counts).
  if (name === 'funzip') {
    const archive = readEffectArgs(inv.args, grammarOf('funzip')).operands[0];
    return archive ? { archive, members: [] } : undefined;
  }
  if (name === 'unzip') {
    const read = readEffectArgs(inv.args, grammarOf('unzip'));
    if (!has(read, 'p', 'c')) return undefined;
    const [archive, ...members] = read.operands;
    return archive ? { archive, members } : undefined;
  }
  if (TARS.has(name)) {
    const read = tarOptions(inv.args);
    if (!has(read, 'x', 'extract', 'get') || !has(read, 'O', 'to-stdout')) return undefined;
    const archive = values(read, 'f', 'file')[0];
    return archive ? { archive, members: read.operands } : undefined;
  }
  if (SEVEN_ZIP.has(name)) {
    const { command, archive, files, toStdout } = sevenZipWords(inv.args);
    if ((command?.text !== 'e' && command?.text !== 'x') || !toStdout || !archive) return undefined;
    return { archive, members: files };
  }
  // A decompressor given no file reads standard input and writes standard output (`cat x.gz | gunzip`).
  const decompressing = CATS.has(name) || (DECOMPRESSORS.has(name) && (has(readEffectArgs(inv.args, grammarOf(name)), 'c', 'stdout', 'to-stdout') || readEffectArgs(inv.args, grammarOf(name)).operands.length === 0));
  if (!decompressing) return undefined;
  // `zcat < x.gz`, `cat x.gz | gunzip`: standard input is the file read into it.
  const operands = [...readEffectArgs(inv.args, grammarOf(name)).operands, ...inv.redirects.filter((r) => r.op === '<').map((r) => r.target), ...pipedFiles(inv)];
  const archive = operands.find((a) => TAR_NAME.test(a.text));
  if (archive) return { archive, members: [] };
  // `zcat .env.production.gz`, `zcat build-cache.gz`: compressed files printed whole, judged by name and text
  // (`gzip -c x` compresses: only a decompressing spelling prints what a file holds).
  if (!CATS.has(name) && !/^(un|gunzip)/.test(name) && !has(readEffectArgs(inv.args, grammarOf(name)), 'd', 'decompress', 'uncompress')) return undefined;
  const singles = operands.filter((a) => !a.dynamic && !a.glob && a.text !== '-');
  return singles.length > 0 ? { archive: singles[0]!, members: [], singles } : undefined;
}

/**
 * A member pattern as tar (`--wildcards`, whose `*` matches `/` unless `--no-wildcards-match-slash`) and
 * unzip read it: `*` and `?` cross folders, so `'*'` selects `./.env.production` too (round 25).
 */
function acrossSlashes(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  try {
    return new RegExp(`^(\\./)?${body}$`, 's');
  } catch {
    return /^/;
  }
}

/** A member's credential file: by its own name, or the workspace's file at the same place. */
function memberInfo(member: string, cwd: string, ctx: RuleContext): CredentialFileInfo | undefined {
  const rel = member.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/') || rel.split('/').includes('..')) return undefined;
  return infoFor(resolvePath(cwd, rel, ctx.facts.home), ctx.facts);
}

export function archiveMemberPrints(inv: Invocation, ctx: RuleContext): Finding[] {
  const printed = printedArchive(inv);
  if (printed?.singles) return compressedFilePrints(inv, printed.singles, ctx);
  if (!printed || printed.archive.dynamic || printed.archive.text === '-') return [];
  const cwd = inv.cwd || ctx.facts.cwd;
  const archivePath = resolvePath(cwd, printed.archive.text, ctx.facts.home);
  // A member named by a pattern (`unzip -p x.zip '*'`, `tar -xOf x.tar --wildcards '*'`) may be any of them.
  const patterned = printed.members.some((m) => m.dynamic || m.glob || /[*?[]/.test(m.text));
  const named = patterned ? [] : printed.members.map((m) => m.text);
  const listed = named.length > 0 ? named : (ctx.facts.archiveMembers?.(archivePath) ?? []);
  // Static patterns choose among the listed members as the archiver would; a pattern known only at run time may be any.
  const patterns = patterned && printed.members.every((m) => !m.dynamic) ? printed.members.map((m) => m.text) : undefined;
  const members = patterns ? listed.filter((m) => patterns.some((p) => minimatch(m, p, { dot: true }) || acrossSlashes(p).test(m))) : listed;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const member of members.slice(0, MAX_MEMBERS)) {
    const info = memberInfo(member, cwd, ctx);
    if (!info || seen.has(info.path)) continue;
    seen.add(info.path);
    findings.push({
      rule: 'credentials.archive-member-print',
      risk: 'credential-read',
      severity: 'ask',
      reason: `${inv.name} prints ${member} from the archive ${printed.archive.text}: the workspace's ${info.path} holds ${info.label}, and a copy in an archive holds the same.`,
      targets: [credentialTarget(info)],
    });
    if (findings.length >= 8) break;
  }
  return findings;
}
