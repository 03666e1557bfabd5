#!/usr/bin/env node
// Equal-verdict harness for engine refactors (speed work, dispatch gates): every row of every corpus and
// the classifier bench's mix, judged in process in the world score.mjs builds (fresh state), by one or
// more checkouts in the same world. Per row it keeps the decision, the production flag, the sorted rule
// ids of every finding a pack returned (so a gate that drops a finding another one hides still shows),
// the risks and the reasons. Unlike verdicts.mjs it needs no built dist/: each checkout's
// src/cli/check.ts is bundled as is (its batch path: one facts cache per folder, as `check --jsonl`).
//
//   node test/corpus/snapshot.mjs --root CHECKOUT [--root CHECKOUT2] [--out FILE] [--only REGEX]
//   node test/corpus/snapshot.mjs --diff BEFORE.jsonl AFTER.jsonl
//
// Several --root: all judged in the same world, written to FILE.<n> (FILE for one root), and the
// differences of each later root from the first printed. The world's root and fake secrets are written
// as placeholders, so no secret-shaped value is stored. Exit code 1 when rows differ.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildWorkspace, fillPlaceholders } from './workspace.mjs';
import { cleanEnv, corpusRows, normaliser } from './corpusRows.mjs';

export { corpusRows };

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

function parseArgs(argv) {
  const o = { roots: [], out: null, diff: null, only: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--root') o.roots.push(resolve(argv[++i]));
    else if (arg === '--out') o.out = resolve(argv[++i]);
    else if (arg === '--only') o.only = new RegExp(argv[++i]);
    else if (arg === '--diff') o.diff = [resolve(argv[++i]), resolve(argv[++i])];
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (!o.diff && o.roots.length === 0) o.roots.push(repoRoot);
  return o;
}

/** The checkout's batch path (check.ts's facts cache and verdict) and its packs, bundled from source. */
export async function loadEngine(root, tmp, tag) {
  const outfile = join(tmp, `${tag}-snapshot.mjs`);
  const check = join(root, 'src/cli/check.ts');
  await esbuild.build({
    stdin: { contents: `export { factsCache, verdictFor } from ${JSON.stringify(check)};\nexport { RULE_PACKS } from ${JSON.stringify(join(root, 'src/core/rules/index.ts'))};\n`, resolveDir: root, loader: 'ts' },
    outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error',
    plugins: [{
      name: 'export-batch-path',
      setup(build) {
        build.onLoad({ filter: /src[\\/]cli[\\/]check\.ts$/ }, (args) => ({ contents: readFileSync(args.path, 'utf8') + '\nexport { factsCache, verdictFor };\n', loader: 'ts', resolveDir: dirname(args.path) }));
      },
    }],
  });
  const engine = await import(pathToFileURL(outfile).href);
  const found = [];
  for (const pack of engine.RULE_PACKS) {
    for (const key of ['checkInvocation', 'checkSnippet', 'checkAnalysis']) {
      const fn = pack[key];
      if (!fn) continue;
      pack[key] = (...args) => {
        const findings = fn.apply(pack, args);
        for (const f of findings) found.push(f.rule);
        return findings;
      };
    }
  }
  return { factsCache: engine.factsCache, verdictFor: engine.verdictFor, found };
}

/** One line per row, in row order. */
export function judgeRows(engine, world, rows) {
  const env = cleanEnv(world);
  const norm = normaliser([[world.root, '{{world}}'], [world.guardCode, '{{guard}}'], ...Object.entries(world.secrets).map(([name, value]) => [value, `{{secret:${name}}}`])]);
  const factsFor = engine.factsCache(env);
  const out = [];
  for (const row of rows) {
    engine.found.length = 0;
    const command = fillPlaceholders(row.command, world);
    const v = engine.verdictFor(command, factsFor(join(world.root, row.cwd)), false);
    out.push({ key: row.key, decision: v.decision, production: v.production === true, rules: [...engine.found].sort(), risks: v.risks, reasons: v.reasons.map(norm) });
  }
  return out;
}

function diffLines(a, b) {
  const byKey = new Map(a.map((r) => [r.key, r]));
  const diffs = [];
  for (const r of b) {
    const before = byKey.get(r.key);
    if (!before || JSON.stringify(before) !== JSON.stringify(r)) diffs.push({ key: r.key, before, after: r });
  }
  if (a.length !== b.length) diffs.push({ key: `(${a.length} rows before, ${b.length} after)` });
  return diffs;
}

function printDiffs(diffs, total) {
  for (const d of diffs) {
    console.log(`\n${d.key}`);
    if (d.before) console.log(`  before ${JSON.stringify(d.before).slice(0, 600)}`);
    if (d.after) console.log(`  after  ${JSON.stringify(d.after).slice(0, 600)}`);
  }
  console.log(`${total} rows compared, ${diffs.length} differ`);
}

const readLines = (file) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.diff) {
    const [a, b] = o.diff.map(readLines);
    const diffs = diffLines(a, b);
    printDiffs(diffs, b.length);
    return diffs.length === 0;
  }
  const rows = corpusRows(o.only);
  const tmp = mkdtempSync(join(tmpdir(), 'bs-snapshot-'));
  const world = buildWorkspace();
  world.guardCode = repoRoot;
  try {
    const results = [];
    for (const [k, root] of o.roots.entries()) {
      const engine = await loadEngine(root, tmp, `r${k}`);
      const t0 = Date.now();
      const lines = judgeRows(engine, world, rows);
      results.push(lines);
      console.log(`${root}: ${lines.length} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      if (o.out) writeFileSync(o.roots.length === 1 ? o.out : `${o.out}.${k}`, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    }
    let same = true;
    for (let k = 1; k < results.length; k++) {
      const diffs = diffLines(results[0], results[k]);
      console.log(`\n== ${o.roots[k]} against ${o.roots[0]}`);
      printDiffs(diffs, results[k].length);
      same &&= diffs.length === 0;
    }
    return same;
  } finally {
    world.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (same) => (process.exitCode = same ? 0 : 1),
    (error) => {
      console.error(`snapshot: ${error?.stack ?? error}`);
      process.exitCode = 2;
    },
  );
}
