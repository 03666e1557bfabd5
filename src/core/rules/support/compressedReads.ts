import { classifyCredentialFile } from '../../credentials/credentialFiles';
import { searchMatchesText, searchPatternsOf, type SearchPatterns } from '../../credentials/searchPatterns';
import { resolvePath } from '../../paths';
import { freeFormReadings } from '../../registry/freeForm';
import type { ArgWord, CodeSnippet, CredentialFileInfo, Facts, Finding, Invocation, RuleContext } from '../../policy/types';
import { credentialTarget, infoFor } from './credentialPaths';

/**
 * Round 25: a credential read through a compressed stream. A compressed single file is the file it holds,
 * one decompression away: `zcat build-cache.gz` prints a gzip copy of `.env.production` whatever the copy
 * is called, `zgrep -a KEY logs.gz` / `rg -z KEY dir` print its lines, `gzip.open('x.gz').read()` in a
 * one-liner hands it back. A file counts by the name it decompresses to (`.env.production.gz`) or by its
 * text (the `compressedText` fact: bounded; a file over the bound or that cannot be decompressed asks,
 * never passes). A compressed file holding no credential (`zcat access.log.gz | head`, `rg -z TODO src/`)
 * stays allowed. Tar archives decompressed whole are `archivePrints.ts`'s.
 */

/** How a compressed file's name ends; the name without it is the file it holds. */
export const COMPRESSED_NAME = /\.(gz|bz2|xz|zst|lz4|lzma|lz|z)$/i;

/** Searchers that decompress every file they are given (`zgrep` and its kin for each format). */
const DECOMPRESSING_SEARCHERS: ReadonlySet<string> = new Set([
  'zgrep', 'zegrep', 'zfgrep', 'bzgrep', 'bzegrep', 'bzfgrep', 'xzgrep', 'xzegrep', 'xzfgrep', 'lzgrep', 'lzegrep', 'lzfgrep', 'zstdgrep', 'lz4grep',
]);

/** Searchers that walk folders and decompress what they meet only when told to (`rg -z`, `ag --search-zip`, `ugrep -z`). */
const ZIP_SWITCHES: Readonly<Record<string, RegExp>> = Object.freeze({
  rg: /^(-[a-zA-Z]*z[a-zA-Z]*|--search-zip)$/,
  ag: /^(-[a-zA-Z]*z[a-zA-Z]*|--search-zip)$/,
  ugrep: /^(-[a-zA-Z]*z[a-zA-Z]*|--decompress)$/,
  ug: /^(-[a-zA-Z]*z[a-zA-Z]*|--decompress)$/,
});

/** Bounds of a folder walk for compressed files: entries looked at, compressed files read, depth. */
const MAX_ENTRIES = 4_000;
const MAX_FILES = 24;
const MAX_DEPTH = 8;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/** The credential a compressed file holds (`copyOf`: by the name it decompresses to), or why it could not be read. */
type Verdict = { info: CredentialFileInfo; copyOf?: boolean } | { cut: string } | undefined;

/** The credential a compressed file holds, by the name it decompresses to or by its text; `cut` when it cannot be read in bounds. */
function compressedCredential(abs: string, shown: string, ctx: RuleContext, afterWrites: boolean, search?: SearchPatterns): Verdict {
  const plain = abs.replace(COMPRESSED_NAME, '');
  const byName = plain !== abs ? infoFor(plain, ctx.facts) : undefined;
  if (byName) return { info: byName, copyOf: true };
  const read = ctx.facts.compressedText?.(abs);
  // Missing now but written earlier on the line (`cp backup.gz /tmp/a.gz && zcat /tmp/a.gz`): what it will hold is not known.
  if (read === undefined) return afterWrites ? { cut: 'unreadable' } : undefined;
  if (read.cut !== undefined) return { cut: read.cut };
  // Round 27: a copy loses the leading dot of the name it was (`netrc.xz` of `~/.netrc`, `pgpass.lz4`): judged by that name too.
  const undotted = /\/[^./][^/]*$/.test(plain) ? plain.replace(/\/([^/]+)$/, '/.$1') : undefined;
  const verdict = classifyCredentialFile(plain, ctx.facts.home, read.text) ?? (undotted === undefined ? undefined : classifyCredentialFile(undotted, ctx.facts.home, read.text));
  if (!verdict || (search !== undefined && !searchMatchesText(search, read.text))) return undefined;
  return { info: { path: shown, kind: verdict.kind, label: `${verdict.label}, once decompressed` } };
}

function finding(inv: Invocation, shown: string, verdict: Verdict, verb: string): Finding | undefined {
  if (verdict === undefined) return undefined;
  if ('cut' in verdict) {
    return {
      rule: 'credentials.compressed-unread',
      risk: 'credential-read',
      severity: 'ask',
      reason: `${inv.name} ${verb} ${shown} decompressed; the guard could not check what it holds (${verdict.cut === 'too large' ? 'over the size it reads' : 'it could not be decompressed here'}), so it may hold a credential.`,
      targets: [{ kind: 'path', name: shown, remote: false, environment: 'local', environmentReason: 'a file on this machine' }],
    };
  }
  return {
    rule: 'credentials.compressed-read',
    risk: 'credential-read',
    severity: 'ask',
    reason: verdict.copyOf ? `${inv.name} ${verb} ${shown}, a compressed copy of ${verdict.info.path}, which holds ${verdict.info.label}.` : `${inv.name} ${verb} ${shown} decompressed, which holds ${verdict.info.label}.`,
    targets: [credentialTarget(verdict.info)],
  };
}

/** The words a command reads, as files: its operands by the one grammar (a pattern too: no file there, no text) and `<` redirects. */
function readWords(inv: Invocation): ArgWord[] {
  const fromArgs = freeFormReadings(inv.args).usual.operands;
  const fromRedirects = inv.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target);
  return [...fromArgs, ...fromRedirects].filter((w) => !w.dynamic && !w.glob && w.text !== '' && w.text !== '-');
}

/** Compressed single files a decompressing printer prints (`zcat x.gz`, `gzip -dc x.gz`, `zcat < x.gz`): judged by name and text. */
export function compressedFilePrints(inv: Invocation, files: readonly ArgWord[], ctx: RuleContext): Finding[] {
  const cwd = inv.cwd || ctx.facts.cwd;
  const out: Finding[] = [];
  for (const word of files.slice(0, MAX_FILES)) {
    const f = finding(inv, word.text, compressedCredential(resolvePath(cwd, word.text, ctx.facts.home), word.text, ctx, inv.afterWrites === true), 'prints');
    if (f) out.push(f);
    if (out.length >= 4) break;
  }
  return out;
}

/** Compressed files below a folder, looked for within bounds; `complete` false when a bound was reached. */
function compressedBelow(dir: string, facts: Facts): { files: string[]; complete: boolean } {
  const files: string[] = [];
  let seen = 0;
  const walk = (folder: string, depth: number): boolean => {
    const entries = facts.listDir(folder);
    if (entries === undefined) return true;
    for (const name of entries) {
      if (++seen > MAX_ENTRIES) return false;
      const child = `${folder.replace(/\/+$/, '')}/${name}`;
      if (COMPRESSED_NAME.test(name)) {
        if (files.length >= MAX_FILES) return false;
        files.push(child);
      } else if (!SKIPPED_FOLDERS.has(name) && depth < MAX_DEPTH && !walk(child, depth + 1)) return false;
    }
    return true;
  };
  return { files, complete: walk(dir, 0) };
}

/**
 * Searches that decompress (`zgrep KEY x.gz`, `xzgrep`, `zstdgrep`, `rg -z KEY dir`, `ag -z`, `ugrep -z`):
 * a compressed file they reach that holds a credential, and a line of which the pattern matches, asks.
 */
export function compressedSearches(inv: Invocation, ctx: RuleContext): Finding[] {
  const decompresses = DECOMPRESSING_SEARCHERS.has(inv.name);
  const zip = Object.hasOwn(ZIP_SWITCHES, inv.name) ? ZIP_SWITCHES[inv.name]! : undefined;
  if (!decompresses && !(zip && inv.args.some((a) => zip.test(a.text)))) return [];
  const search = searchPatternsOf(decompresses ? inv.name.replace(/^(zstd|lz4|bz|xz|lz|z)/, '') || 'grep' : inv.name, inv.args);
  const cwd = inv.cwd || ctx.facts.cwd;
  const out: Finding[] = [];
  const words = readWords(inv);
  // A walking searcher given no folder searches the working one.
  const roots = !decompresses && words.length <= 1 ? [...words, { text: '.', raw: '.', dynamic: false, glob: false }] : words;
  for (const word of roots) {
    const abs = resolvePath(cwd, word.text, ctx.facts.home);
    const below = decompresses ? undefined : ctx.facts.listDir(abs) !== undefined ? compressedBelow(abs, ctx.facts) : undefined;
    if (below && !below.complete) {
      out.push({
        rule: 'credentials.compressed-unread',
        risk: 'credential-read',
        severity: 'ask',
        reason: `${inv.name} decompresses what it finds under ${word.text}, more compressed files than the guard reads in one decision; any of them may hold a credential.`,
        targets: [{ kind: 'path', name: word.text, remote: false, environment: 'local', environmentReason: 'a folder on this machine' }],
      });
      continue;
    }
    const files = below ? below.files.map((f) => ({ abs: f, shown: f.startsWith(abs + '/') ? `${word.text.replace(/\/+$/, '')}/${f.slice(abs.length + 1)}` : f })) : [{ abs, shown: word.text }];
    for (const file of files) {
      if (!decompresses && !COMPRESSED_NAME.test(file.abs)) continue;
      const f = finding(inv, file.shown, compressedCredential(file.abs, file.shown, ctx, inv.afterWrites === true && COMPRESSED_NAME.test(file.abs), search), 'searches');
      if (f) out.push(f);
      if (out.length >= 4) return out;
    }
  }
  return out;
}

/** Decompression calls in program code (`gzip.open(`, `bz2.open(`, `lzma.open(`, `zlib.gunzipSync(`, `Zlib::GzipReader`, `gzopen(`, `IO::Uncompress`). */
const DECOMPRESSION_API = /\b(?:gzip|bz2|lzma|zstd|zstandard)\s*\.\s*(?:open|decompress|GzipFile|BZ2File|LZMAFile)\s*\(|\bGzipFile\s*\(|\b(?:gunzipSync|inflateSync|brotliDecompressSync|unzipSync|createGunzip|createUnzip|zstdDecompressSync)\b|\bzlib\b[^;\n]{0,40}\.\s*(?:gunzip|unzip|inflate|decompress)\b|\bZlib::(?:GzipReader|Inflate)\b|\bgz(?:open|file|read)\s*\(|\breadgzfile\s*\(|\bIO::Uncompress::\w+|\bgunzip\s*[(\s'"$]|\bcompress\/gzip\b|\bgzip\.NewReader\b/;
/** Quoted strings in program code that name a compressed file. */
const COMPRESSED_LITERAL = /(['"`])([^'"`\n]{1,400}?\.(?:gz|bz2|xz|zst|lz4|lzma|z))\1/gi;

/** Program code that decompresses a file it names in a string (`python3 -c "gzip.open('x.gz').read()"`): judged as `zcat` of it. */
export function snippetCompressedReads(snippet: CodeSnippet, ctx: RuleContext): Finding[] {
  if (!DECOMPRESSION_API.test(snippet.text)) return [];
  const files: ArgWord[] = [];
  for (const m of snippet.text.matchAll(COMPRESSED_LITERAL)) {
    files.push({ text: m[2]!, raw: m[2]!, dynamic: false, glob: /[*?[]/.test(m[2]!) });
    if (files.length >= MAX_FILES) break;
  }
  return compressedFilePrints(snippet.runner, files.filter((f) => !f.glob), ctx);
}
