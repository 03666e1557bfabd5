#!/usr/bin/env node
// Verdict snapshot: every row of every corpus (with its cwd, in the world score.mjs builds) and the
// classifier bench's command mix (through `check --jsonl` in that world, and in process with the bench's
// own facts) — decision, production and reasons of each. For refactors that must not change a verdict:
// save a snapshot from the build before, compare the build after, or compare two builds in the same world.
//
//   node test/corpus/verdicts.mjs --save FILE   [--cli PATH] [--state fresh|installed|both]
//   node test/corpus/verdicts.mjs --compare FILE [--cli PATH] [--state ...]
//   node test/corpus/verdicts.mjs --cli A/dist/cli.js --cli B/dist/cli.js [--state ...]
//
// The in-process part bundles src/core/policy/classify.ts of the checkout the CLI belongs to. The world's
// root, the guard's package root and the world's fake secrets are written as placeholders, so snapshots
// of different worlds compare and no secret-shaped value is stored. Exit code 1 when verdicts differ.
//
// Known differences that are not the build's: a reference checkout under /tmp or inside a folder named
// like build output (`out/`, `dist/`) changes the clobber reasons of the `{{guard}}/dist` rows (round 6
// lines 640-643), since the guard's code is then scratch or rebuilt; keep it in a git checkout elsewhere.
// On a machine loaded far past its cores, a few credential reasons (a secret "written out in the command",
// which detector names a random fake secret) can differ between runs of the same build: re-run those rows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildWorkspace, fillPlaceholders } from './workspace.mjs';
import { cleanEnv, corpusRows, normaliser, stable } from './corpusRows.mjs';
import { facts as benchFacts, MIX, WORKSPACE_FILES } from '../../bench/classifier.bench.mjs';
import { initRepository } from '../../bench/gitRepository.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

function parseArgs(argv) {
  const o = { clis: [], state: 'both', save: null, compare: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--cli') o.clis.push(resolve(argv[++i]));
    else if (arg === '--state') o.state = argv[++i];
    else if (arg === '--save') o.save = resolve(argv[++i]);
    else if (arg === '--compare') o.compare = resolve(argv[++i]);
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (o.clis.length === 0) o.clis.push(join(repoRoot, 'dist', 'cli.js'));
  if (o.clis.length > 2 || (o.clis.length === 2 && (o.save || o.compare))) throw new Error('two --cli compare those builds; one --cli with --save or --compare');
  if (o.clis.length === 1 && !o.save && !o.compare) throw new Error('say --save FILE, --compare FILE or give two --cli');
  if (!['fresh', 'installed', 'both'].includes(o.state)) throw new Error('--state must be fresh, installed or both');
  return o;
}

function summary(verdict, norm) {
  return { decision: verdict.decision, production: verdict.production === true, reasons: (verdict.reasons ?? []).map(norm) };
}

function judge(cli, world, rows, norm) {
  const input = rows.map((row) => JSON.stringify({ command: fillPlaceholders(row.command, world), cwd: join(world.root, row.cwd) })).join('\n') + '\n';
  const run = spawnSync(process.execPath, [cli, 'check', '--jsonl'], { cwd: world.app, env: cleanEnv(world), input, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: 30 * 60_000 });
  const lines = (run.stdout ?? '').split('\n').filter((line) => line.trim());
  if (lines.length !== rows.length) throw new Error(`${cli}: check --jsonl answered ${lines.length} lines for ${rows.length} rows (exit ${run.status}; ${(run.stderr ?? '').slice(0, 400)})`);
  return lines.map((line) => summary(JSON.parse(line), norm));
}

function install(cli, world) {
  for (const args of [['install', 'all', '--project'], ['install', 'all', '--user']]) {
    const run = spawnSync(process.execPath, [cli, ...args], { cwd: world.app, env: cleanEnv(world), encoding: 'utf8', timeout: 120_000 });
    if (run.error || (run.status !== 0 && run.status !== 1)) throw new Error(`${cli} ${args.join(' ')} failed: ${run.stderr || run.stdout}`);
  }
}

/** The bench's mix in process, with the bench's own facts (what `npm run bench -- classifier` times). */
async function inProcess(cli, tmp, tag) {
  const checkout = dirname(dirname(cli));
  const outfile = join(tmp, `${tag}-classify.mjs`);
  await esbuild.build({ entryPoints: [join(checkout, 'src/core/policy/classify.ts')], outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error' });
  const { classify } = await import(pathToFileURL(outfile).href);
  const root = join(tmp, 'bench-workspace');
  if (!existsSync(root)) {
    for (const [rel, text] of Object.entries(WORKSPACE_FILES)) {
      const file = join(root, rel);
      spawnSync('mkdir', ['-p', dirname(file)]);
      writeFileSync(file, text);
    }
    initRepository(root);
  }
  const f = benchFacts(root);
  const norm = normaliser([[root, '{{bench}}']]);
  const out = {};
  for (const [i, command] of MIX.entries()) out[`in-process:${i + 1}`] = { command, ...summary(classify(command, f, { lockdown: false }), norm) };
  return out;
}

/** One snapshot per CLI, every state in the same world(s), so two builds meet the same files. */
async function snapshots(clis, states) {
  const rows = corpusRows();
  const tmp = mkdtempSync(join(tmpdir(), 'bs-verdicts-'));
  const result = clis.map(() => ({}));
  try {
    for (const [k, cli] of clis.entries()) Object.assign(result[k], await inProcess(cli, tmp, `b${k}`));
    for (const state of states) {
      const world = buildWorkspace();
      try {
        for (const [k, cli] of clis.entries()) {
          world.guardCode = dirname(dirname(cli));
          const norm = normaliser([[world.root, '{{world}}'], [world.guardCode, '{{guard}}'], ...Object.entries(world.secrets).map(([name, value]) => [value, `{{secret:${name}}}`])]);
          if (state === 'installed' && k === 0) install(cli, world);
          const verdicts = judge(cli, world, rows, norm);
          rows.forEach((row, i) => (result[k][`${state}:${row.key}`] = { command: row.command, ...verdicts[i] }));
        }
      } finally {
        world.cleanup();
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}

function compare(before, after) {
  const diffs = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (!a || !b) {
      diffs.push({ key, before: a ?? null, after: b ?? null });
      continue;
    }
    const same = (x, y) => x.length === y.length && x.every((r, i) => stable(r) === stable(y[i]));
    if (a.decision !== b.decision || a.production !== b.production || !same(a.reasons, b.reasons)) diffs.push({ key, before: a, after: b });
  }
  return diffs;
}

function printDiffs(diffs, total) {
  for (const d of diffs) {
    console.log(`\n${d.key}: ${(d.before ?? d.after).command.replace(/\n/g, '⏎').slice(0, 200)}`);
    if (!d.before || !d.after) {
      console.log(`  only in ${d.before ? 'before' : 'after'}`);
      continue;
    }
    console.log(`  before ${d.before.decision}${d.before.production ? ' (production)' : ''}: ${d.before.reasons.join(' | ').slice(0, 400)}`);
    console.log(`  after  ${d.after.decision}${d.after.production ? ' (production)' : ''}: ${d.after.reasons.join(' | ').slice(0, 400)}`);
  }
  console.log(`\n${total} verdicts compared, ${diffs.length} differ`);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  for (const cli of o.clis) if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\``);
  const states = o.state === 'both' ? ['fresh', 'installed'] : [o.state];
  const snaps = await snapshots(o.clis, states);
  if (o.clis.length === 2) {
    const diffs = compare(snaps[0], snaps[1]);
    printDiffs(diffs, Object.keys(snaps[0]).length);
    return diffs.length === 0;
  }
  if (o.save) {
    writeFileSync(o.save, JSON.stringify({ cli: o.clis[0], states, verdicts: snaps[0] }) + '\n');
    console.log(`${Object.keys(snaps[0]).length} verdicts saved to ${o.save}`);
  }
  if (o.compare) {
    const saved = JSON.parse(readFileSync(o.compare, 'utf8'));
    const diffs = compare(saved.verdicts, snaps[0]);
    printDiffs(diffs, Object.keys(snaps[0]).length);
    return diffs.length === 0;
  }
  return true;
}

main().then(
  (same) => (process.exitCode = same ? 0 : 1),
  (error) => {
    console.error(`verdicts: ${error?.stack ?? error}`);
    process.exitCode = 2;
  },
);
