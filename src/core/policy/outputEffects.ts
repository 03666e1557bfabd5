import { ownTable } from '../ownTable';
import { parseCommand, type GrammarSpec } from '../shell/grammar';
import { optionGrammarOf } from './readerGrammars';
import { runnerGrammarOf } from './runnerGrammars';
import type { ArgWord, Invocation } from './types';
import type { PathEffect } from './effects';
import { sqlWrittenFiles } from './sqlOutputFiles';

/**
 * Programs that write a file named by an output option or operand, often the very file they read
 * (round 7, issue #18): `sponge f`, `openssl enc -in f -out f`, `gpg -o f f`, `age -o f`, ImageMagick's `mogrify`
 * (in place) and `convert in … out`, compilers and generators with `-o`/`--outfile` (esbuild, babel,
 * swc, openapi-typescript). Each write is an ordinary `write` effect: the clobber pack asks when it
 * lands on uncommitted work or on data git does not hold.
 */

type EffectRule = (args: readonly ArgWord[], inv: Invocation) => PathEffect[];

/** A program nothing describes: every option a switch. */
const NO_OPTIONS: GrammarSpec = {};

/** `args` read by the program's one description (`optionGrammarOf`: its registry entry or table; babel's is the runner table's). */
function read(args: readonly ArgWord[], name: string) {
  const parsed = parseCommand(args, name === 'babel' ? runnerGrammarOf(name) : optionGrammarOf(name) ?? NO_OPTIONS);
  const valuesOf = (...names: string[]): ArgWord[] =>
    parsed.options.filter((o) => names.includes(o.name)).flatMap((o) => o.valueWords.map((w, n) => (w.text === o.values[n] ? w : { ...w, text: o.values[n] ?? w.text })));
  const has = (...names: string[]): boolean => parsed.options.some((o) => names.includes(o.name));
  return { operands: parsed.operands, valuesOf, has };
}

const writes = (words: readonly ArgWord[]): PathEffect[] => words.map((word) => ({ kind: 'write' as const, word }));
const reads = (words: readonly ArgWord[]): PathEffect[] => words.map((word) => ({ kind: 'read' as const, word }));

/** `sponge [-a] file`: soaks up its input, then writes the file (appends with -a). */
const sponge: EffectRule = (args) => {
  const r = read(args, 'sponge');
  return r.has('-a') ? [] : writes(r.operands);
};

const openssl: EffectRule = (args) => {
  const r = read(args, 'openssl');
  return [...reads(r.valuesOf('-in')), ...writes([...r.valuesOf('-out'), ...r.valuesOf('-keyout')])];
};

/** `gpg -o out [options] in`: the output file (`--output`), with `--yes` over an existing one. */
const gpg: EffectRule = (args) => {
  const r = read(args, 'gpg');
  return [...reads(r.operands), ...writes(r.valuesOf('-o', '--output'))];
};

/** `mogrify [options] files…`: rewrites each file in place, unless `-path dir` writes the results elsewhere. */
const mogrify: EffectRule = (args) => {
  const r = read(args, 'mogrify');
  return r.has('-path') ? reads(r.operands) : writes(r.operands);
};

/** `convert in… [options] out`, `magick in… out`: the last operand is written. */
const convert: EffectRule = (args) => {
  const r = read(args, 'convert');
  const last = r.operands[r.operands.length - 1];
  return last && r.operands.length > 1 ? [...reads(r.operands.slice(0, -1)), ...writes([last])] : reads(r.operands);
};

/** A compiler or generator writing one output file by option. */
function outputOption(name: string, names: readonly string[]): EffectRule {
  return (args) => {
    const r = read(args, name);
    return [...reads(r.operands), ...writes(r.valuesOf(...names))];
  };
}

const here = (word?: ArgWord): ArgWord => word ?? { text: '.', raw: '.', dynamic: false, glob: false };

/**
 * Scaffolders told to write over what is there: `rails new . --force`, `copier copy --overwrite tpl .`,
 * `cookiecutter tpl --overwrite-if-exists -o .`, `prisma db pull --force` (the schema file). Without
 * the option they stop at an existing file (or write only new ones): nothing is overwritten.
 */
const rails: EffectRule = (args) => {
  const r = read(args, 'rails');
  const [sub, dest] = r.operands;
  return sub?.text === 'new' && r.has('-f', '--force') ? writes([here(dest)]) : [];
};

const copier: EffectRule = (args) => {
  const r = read(args, 'copier');
  const [sub, ...rest] = r.operands;
  if (!sub || !/^(copy|recopy|update)$/.test(sub.text) || !r.has('-w', '--overwrite', '-f', '--force')) return [];
  return writes([here(sub.text === 'copy' ? rest[rest.length - 1] : rest[0])]);
};

const cookiecutter: EffectRule = (args) => {
  const r = read(args, 'cookiecutter');
  return r.has('-f', '--overwrite-if-exists') ? writes([here(r.valuesOf('-o', '--output-dir')[0])]) : [];
};

const prisma: EffectRule = (args) => {
  const r = read(args, 'prisma');
  const [a, b] = r.operands.map((w) => w.text);
  if (!(a === 'db' && b === 'pull') && a !== 'introspect') return [];
  return r.has('--force') ? writes([r.valuesOf('--schema')[0] ?? { text: 'prisma/schema.prisma', raw: 'prisma/schema.prisma', dynamic: false, glob: false }]) : [];
};

/**
 * JavaScript initializers told to overwrite (stop 29, red team round 7; `npm create vite . -- --overwrite`
 * reaches `create-vite` through the package manager's handler): `create-vite --overwrite` empties the
 * target folder (all but `.git`) before it writes the template; `create-remix`/`create-react-router
 * --overwrite` write over the files the template shares with it; `shadcn init --force` rewrites the
 * project's config and styles, `shadcn add --overwrite` its components. Without the option they stop at
 * a non-empty folder or an existing file (create-next-app always does), and nothing is overwritten.
 */
const createVite: EffectRule = (args) => {
  const r = read(args, 'create-vite');
  return r.has('--overwrite') ? [{ kind: 'delete', word: here(r.operands[0]), recursive: true }, ...writes([here(r.operands[0])])] : [];
};

const overwritingTemplate: EffectRule = (args, inv) => {
  const r = read(args, inv.name);
  return r.has('--overwrite') ? writes([here(r.operands[0])]) : [];
};

const shadcn: EffectRule = (args) => {
  const r = read(args, 'shadcn');
  const [sub] = r.operands;
  const at = r.valuesOf('-c', '--cwd')[0];
  if (sub?.text === 'init' && r.has('-f', '--force')) return writes([here(at)]);
  if (sub?.text === 'add' && r.has('-o', '--overwrite')) return writes([here(r.valuesOf('-p', '--path')[0] ?? at)]);
  return [];
};

/**
 * `sqlite3 db '.output f'`, `.once f`, `.save f`, `.backup f`: dot-commands given as operands (or
 * `-cmd`) that open a file for writing from the start (a `|command` target is a pipe, not a file).
 */
const sqlite3: EffectRule = (args) => {
  const r = read(args, 'sqlite3');
  const texts = [...r.valuesOf('-cmd', '--cmd'), ...r.operands.slice(1)].map((w) => w.text);
  const out: ArgWord[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/(?:^|[\n;])\s*\.(?:output|once|save|backup)\s+(?:(?:-[a-z]+|main|\w+(?=\s+\S))\s+)*("[^"]+"|'[^']+'|[^\s;|'"][^\s;]*)/g)) {
      const file = m[1]!.replace(/^["']|["']$/g, '');
      if (file !== 'stdout') out.push({ text: file, raw: file, dynamic: false, glob: false });
    }
    // SQL that writes a file (`VACUUM INTO 'f'`, `.log f`): the clients' shared reading (sqlOutputFiles.ts).
    for (const file of sqlWrittenFiles(text)) if (!out.some((w) => w.text === file)) out.push({ text: file, raw: file, dynamic: false, glob: false });
  }
  return writes(out);
};

/**
 * `aria2c [-d DIR] [-o NAME] URI…` (round 11): the download lands in DIR (the current folder by default)
 * under NAME, or under the last part of each URI.
 */
const aria2c: EffectRule = (args) => {
  const r = read(args, 'aria2c');
  const dir = r.valuesOf('-d', '--dir')[0];
  const at = (word: ArgWord, name: string): ArgWord => ({ ...word, text: dir ? `${dir.text.replace(/\/+$/, '')}/${name}` : name });
  const named = r.valuesOf('-o', '--out')[0];
  const uris = r.operands.filter((w) => /^(https?|ftp|sftp):\/\//.test(w.text));
  const targets = named ? [at(named, named.text)] : uris.map((u) => at(u, u.text.replace(/[?#].*$/, '').split('/').pop() || 'index.html'));
  return [...writes(targets), ...reads(r.valuesOf('-i', '--input-file'))];
};

/** The rule's effects, and every other word as unknown (as for a command no rule describes): the perimeter still judges them all. */
function withRest(rule: EffectRule): EffectRule {
  return (args, inv) => {
    const known = rule(args, inv);
    const seen = new Set(known.map((e) => e.word.text));
    return [...known, ...args.filter((a) => !seen.has(a.text)).map((word) => ({ kind: 'unknown' as const, word }))];
  };
}

const RULES: Readonly<Record<string, EffectRule>> = ownTable({
  sqlite3,
  sqlite: sqlite3,
  rails,
  copier,
  cookiecutter,
  'create-vite': createVite,
  'create-remix': overwritingTemplate,
  'create-react-router': overwritingTemplate,
  shadcn,
  'shadcn-ui': shadcn,
  prisma,
  sponge,
  aria2c,
  openssl,
  gpg,
  gpg2: gpg,
  // Stop 34 (round 19): `age [-e|-d] [-r R] [-i F] -o OUT [IN]` (and rage) writes OUT whole, over what is there.
  age: outputOption('age', ['-o', '--output']),
  rage: outputOption('rage', ['-o', '--output']),
  mogrify,
  convert,
  magick: convert,
  esbuild: outputOption('esbuild', ['--outfile']),
  babel: outputOption('babel', ['-o', '--out-file']),
  swc: outputOption('swc', ['-o', '--out-file']),
  'openapi-typescript': outputOption('openapi-typescript', ['-o', '--output']),
});

export const OUTPUT_EFFECTS: Readonly<Record<string, EffectRule>> = ownTable(Object.fromEntries(Object.entries(RULES).map(([name, rule]) => [name, withRest(rule)])));
