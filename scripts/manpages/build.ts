/**
 * Stop 40 (issue #18 criterion 8): builds `src/core/registry/manualTable.ts` from Debian's manual pages.
 *
 *   node scripts/manpages/select.mjs > /work/cache/manpages/selected.tsv   # the rule: sections, names, size (no corpus)
 *   bash scripts/manpages/download.sh                                     # apt-get download into the cache
 *   npx tsx scripts/manpages/build.ts [--cache /work/cache/manpages]      # extract, parse, classify, write the table
 *
 * Sources: every downloaded package in the cache (`debs/`), and the packages installed on this machine of the same
 * sections. A page counts for a program the package ships in a `bin`/`sbin` folder, from `man1` or `man8` (English).
 * Only the classified names are written (options and subcommands whose sentence destroys or overwrites; the name
 * line's verb; a destroying program's reading and dry-run options), with the package and version each came from.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseManual, type ManualPage } from './roff';
import { classifySentence } from './classify';

const args = process.argv.slice(2);
const cache = args.includes('--cache') ? args[args.indexOf('--cache') + 1]! : '/work/cache/manpages';
const out = join(__dirname, '../../src/core/registry/manualTable.ts');
const SECTIONS = new Set(readFileSync(join(__dirname, 'sections.txt'), 'utf8').split(/\s+/).filter((s) => s !== ''));

interface Source { pkg: string; version: string; root: string; bins: Set<string> }

const BIN = /^\.?\/?(?:usr\/)?(?:local\/)?s?bin\/([^/]+)$/;
const PAGE = /^\.?\/?usr\/share\/man\/man[18]\/([^/]+)\.[18][a-z]*(?:\.gz)?$/;

/** Extract one package's man1/man8 pages into the cache (once) and list its programs. */
function fromDeb(file: string): Source | undefined {
  const m = /^([^_]+)_([^_]+)_[^_]+\.deb$/.exec(basename(file));
  if (m === null) return undefined;
  const [, pkg = '', version = ''] = m;
  const root = join(cache, 'pages', `${pkg}_${version}`);
  const listFile = join(root, '.bins');
  if (!existsSync(listFile)) {
    mkdirSync(root, { recursive: true });
    let listing = '';
    try { listing = execFileSync('dpkg-deb', ['-c', file], { encoding: 'utf8', maxBuffer: 1 << 28 }); } catch { listing = ''; }
    const names = listing.split('\n').map((l) => l.replace(/ -> .*$/, '').split(/\s+/).pop() ?? '');
    const bins = names.map((n) => BIN.exec(n)?.[1]).filter((b): b is string => b !== undefined);
    const pages = names.filter((n) => PAGE.test(n));
    if (bins.length > 0 && pages.length > 0) {
      try { execFileSync('sh', ['-c', 'dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" --wildcards "./usr/share/man/man1/*" "./usr/share/man/man8/*" 2>/dev/null || true', 'sh', file, root]); } catch { /* a page set that does not extract is skipped */ }
    }
    writeFileSync(listFile, bins.join('\n'));
  }
  return { pkg, version, root, bins: new Set(readFileSync(listFile, 'utf8').split('\n').filter((b) => b !== '')) };
}

/** Installed packages of the same sections: their pages are on this machine already. */
function installed(): Source[] {
  const rows = execFileSync('dpkg-query', ['-W', '-f', '${Package}\t${Version}\t${Section}\n'], { encoding: 'utf8' }).split('\n');
  const sources: Source[] = [];
  for (const row of rows) {
    const [pkg = '', version = '', section = ''] = row.split('\t');
    if (!SECTIONS.has(section.split('/').pop() ?? '')) continue;
    let files: string[] = [];
    try { files = execFileSync('dpkg', ['-L', pkg], { encoding: 'utf8' }).split('\n'); } catch { continue; }
    const bins = new Set(files.map((f) => BIN.exec(f)?.[1]).filter((b): b is string => b !== undefined));
    if (bins.size > 0 && files.some((f) => PAGE.test(f))) sources.push({ pkg, version, root: '/', bins });
  }
  return sources;
}

function readPage(path: string, depth = 0): string | undefined {
  try {
    const real = lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
    const raw = readFileSync(real);
    const text = (real.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const so = /^\.so\s+(\S+)/m.exec(text);
    if (so !== null && depth < 3 && text.split('\n').filter((l) => l.trim() !== '').length <= 3) {
      const target = join(dirname(dirname(real)), so[1]!);
      return readPage(existsSync(target) ? target : `${target}.gz`, depth + 1);
    }
    return text;
  } catch { return undefined; }
}

export interface Row {
  /** Package and version the facts came from. */
  s: string;
  /** The name line's destroying verb. */
  n?: string;
  /** Options whose sentence destroys or overwrites: spellings joined by `|` -> verb. */
  o?: Record<string, string>;
  /** Subcommands likewise. */
  c?: Record<string, string>;
  /** A destroying program's reading and dry-run options (they keep it from asking). */
  r?: string[];
}

function factsOf(page: ManualPage, source: Source): Row {
  const row: Row = { s: `${source.pkg} ${source.version}` };
  const name = classifySentence(page.summary);
  if ((name.cls === 'destroy' || name.cls === 'overwrite') && name.verb !== undefined) row.n = name.verb;
  // A subcommand word heading several items (`set JAIL bantime N`, `set JAIL delignoreip IP`) is a group: it destroys only if every item under it does.
  const heads = new Map<string, number>();
  for (const item of page.items) if (item.kind === 'subcommand') heads.set(item.names[0]!, (heads.get(item.names[0]!) ?? 0) + 1);
  const groupKept = new Map<string, boolean>();
  for (const item of page.items) if (item.kind === 'subcommand') groupKept.set(item.names[0]!, (groupKept.get(item.names[0]!) ?? true) && ['destroy', 'overwrite'].includes(classifySentence(item.text).cls));
  for (const item of page.items) {
    const c = classifySentence(item.text);
    if ((c.cls === 'destroy' || c.cls === 'overwrite') && c.verb !== undefined) {
      if (item.kind === 'option') (row.o ??= {})[item.names.join('|')] = c.verb;
      else if ((heads.get(item.names[0]!) ?? 0) === 1 || groupKept.get(item.names[0]!) === true) (row.c ??= {})[item.names[0]!] = c.verb;
    } else if (row.n !== undefined && item.kind === 'option' && (c.cls === 'read' || c.cls === 'dry')) (row.r ??= []).push(...item.names);
  }
  return row;
}

const sources: Source[] = [];
const debs = join(cache, 'debs');
for (const f of existsSync(debs) ? readdirSync(debs).filter((x) => x.endsWith('.deb')).sort() : []) {
  const s = fromDeb(join(debs, f));
  if (s !== undefined) sources.push(s);
}
sources.push(...installed());

const table: Record<string, Row> = {};
const read = new Set<string>();
for (const source of sources) {
  for (const dir of ['man1', 'man8']) {
    const folder = join(source.root, 'usr/share/man', dir);
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder)) {
      const program = file.replace(/\.[18][a-z]*(\.gz)?$/, '');
      if (!source.bins.has(program) || read.has(program)) continue;
      const text = readPage(join(folder, file));
      if (text === undefined) continue;
      read.add(program);
      const row = factsOf(parseManual(text), source);
      if (row.n !== undefined || row.o !== undefined || row.c !== undefined) table[program] = row;
    }
  }
}
const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)));
writeFileSync(join(cache, 'programs.txt'), [...read].sort().join('\n'));
const json = JSON.stringify(sorted);
writeFileSync(out, `/**
 * Generated by \`scripts/manpages/build.ts\` (stop 40, issue #18 criterion 8): what Debian's manual pages say the
 * programs they describe do, classified by verb with the floor's own word classes. Data only; read lazily by
 * \`manualFacts.ts\`. ${read.size} programs' pages read from ${sources.length} packages; ${Object.keys(sorted).length} have a fact.
 * Each row: s = package and version; n = the name line's destroying verb; o/c = options/subcommands whose
 * description destroys or overwrites (spellings joined by |) and the verb; r = a destroying program's reading or
 * dry-run options.
 */
export const MANUAL_DATA = ${JSON.stringify(json)};
`);
console.log(`pages read: ${read.size} programs from ${sources.length} packages; table rows: ${Object.keys(sorted).length}; ${json.length} bytes`);
