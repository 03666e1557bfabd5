#!/usr/bin/env node
// Scores the labelled corpora in this folder against the built CLI (`dist/cli.js check --jsonl`).
// It reports; it never fails: the exit code is 0 whatever the figures (thresholds are decided elsewhere).
//
//   node test/corpus/score.mjs [--json] [--state fresh|installed|both] [--corpus NAME] [--keep] [--cli PATH]
//
// fresh      a temp HOME with fixture dotfiles and no guard folder (BLAST_SHIELD_HOME not created)
// installed  the same, after `blast-shield install all --project` (in app/) and `--user`
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorkspace, fillPlaceholders } from './workspace.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
let cli = join(repoRoot, 'dist', 'cli.js');
const FLAGGED = new Set(['ask', 'deny']);
const LABELS = new Set(['flag', 'allow']);
const DEFAULT_CWD = 'app';

function parseArgs(argv) {
  const options = { json: false, state: 'fresh', corpus: null, keep: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--state') options.state = argv[++i];
    else if (arg.startsWith('--state=')) options.state = arg.slice('--state='.length);
    else if (arg === '--corpus') options.corpus = argv[++i];
    else if (arg === '--cli') cli = resolve(argv[++i]);
    else if (arg.startsWith('--corpus=')) options.corpus = arg.slice('--corpus='.length);
    else throw new Error(`unknown argument: ${arg}`);
  }
  if (!['fresh', 'installed', 'both'].includes(options.state)) throw new Error(`--state must be fresh, installed or both`);
  return options;
}

function loadCorpora(only) {
  const corpora = [];
  for (const file of readdirSync(here).filter((name) => name.endsWith('.jsonl')).sort()) {
    const name = file.replace(/\.jsonl$/, '');
    if (only && only !== name) continue;
    const rows = [];
    const invalid = [];
    readFileSync(join(here, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (!line.trim()) return;
        let row;
        try {
          row = JSON.parse(line);
        } catch {
          invalid.push({ line: index + 1, problem: 'not JSON' });
          return;
        }
        const problem =
          typeof row.command !== 'string' || !row.command ? 'no command'
          : !LABELS.has(row.label) ? 'label is not flag|allow'
          : typeof row.production !== 'boolean' ? 'production is not a boolean'
          : typeof row.family !== 'string' || typeof row.tool !== 'string' || typeof row.source !== 'string' ? 'family, tool and source are required'
          : row.cwd !== undefined && typeof row.cwd !== 'string' ? 'cwd is not a string'
          : null;
        if (problem) invalid.push({ line: index + 1, problem });
        else rows.push({ ...row, line: index + 1 });
      });
    corpora.push({ name, file, rows, invalid });
  }
  return corpora;
}

function cleanEnv(world) {
  const env = { HOME: world.home, BLAST_SHIELD_HOME: world.guardHome, PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const name of ['TMPDIR', 'USER', 'NODE_EXTRA_CA_CERTS', 'SystemRoot']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}

/** States of an install line that leave the guard in place: a host that loads project hooks only in a folder it trusts reports not-loaded. */
const INSTALLED_STATES = new Set(['intact', 'not-loaded']);

/**
 * `install` exits 1 when any host is not intact, and a host that does not load project hooks in an
 * untrusted folder (Copilot CLI) is one of them: that is the world as it is, not a failed install.
 * Any other state, or no host line at all, is.
 */
function installFailure(run, args) {
  if (run.error || (run.status !== 0 && run.status !== 1)) return `exit ${run.status ?? run.signal}`;
  const states = (run.stdout ?? '')
    .split('\n')
    .map((line) => /^(\S+)\s+(user|project)\s+(\S+)\s/.exec(line))
    .filter(Boolean)
    .map((m) => ({ host: m[1], state: m[3] }));
  if (states.length === 0) return `no host was reported for ${args.join(' ')}`;
  const bad = states.filter((s) => !INSTALLED_STATES.has(s.state));
  if (bad.length > 0) return bad.map((s) => `${s.host} ${s.state}`).join(', ');
  if (run.status !== 0 && states.every((s) => s.state === 'intact')) return `exit ${run.status} with every host intact`;
  return null;
}

function install(world) {
  for (const args of [['install', 'all', '--project'], ['install', 'all', '--user']]) {
    const run = spawnSync(process.execPath, [cli, ...args], { cwd: world.app, env: cleanEnv(world), encoding: 'utf8', timeout: 120_000 });
    const failure = installFailure(run, args);
    if (failure) throw new Error(`blast-shield ${args.join(' ')} failed (${failure}): ${run.stderr || run.stdout}`);
  }
}

function judge(world, rows) {
  const input = rows.map((row) => JSON.stringify({ command: fillPlaceholders(row.command, world), cwd: join(world.root, row.cwd ?? DEFAULT_CWD) })).join('\n') + '\n';
  const run = spawnSync(process.execPath, [cli, 'check', '--jsonl'], {
    cwd: world.app,
    env: cleanEnv(world),
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const lines = (run.stdout ?? '').split('\n').filter((line) => line.trim());
  const verdicts = lines.map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      return { decision: 'unparseable', production: false, reasons: [line.slice(0, 200)] };
    }
  });
  if (verdicts.length !== rows.length) {
    return { error: `check --jsonl answered ${verdicts.length} lines for ${rows.length} rows (exit ${run.status}; ${(run.stderr ?? '').slice(0, 400)})`, verdicts };
  }
  return { error: null, verdicts };
}

function ratio(part, whole) {
  return whole === 0 ? null : part / whole;
}

function tally(pairs) {
  const flagRows = pairs.filter(({ row }) => row.label === 'flag');
  const allowRows = pairs.filter(({ row }) => row.label === 'allow');
  const productionRows = pairs.filter(({ row }) => row.production);
  const caught = flagRows.filter(({ verdict }) => FLAGGED.has(verdict.decision)).length;
  const falsePositives = allowRows.filter(({ verdict }) => FLAGGED.has(verdict.decision)).length;
  const marked = productionRows.filter(({ verdict }) => verdict.production === true).length;
  return {
    rows: pairs.length,
    flag: { rows: flagRows.length, caught, recall: ratio(caught, flagRows.length) },
    production: { rows: productionRows.length, marked, recall: ratio(marked, productionRows.length) },
    allow: { rows: allowRows.length, flagged: falsePositives, falsePositiveRate: ratio(falsePositives, allowRows.length) },
  };
}

function missesOf(pairs) {
  const misses = [];
  for (const { row, verdict } of pairs) {
    const flagged = FLAGGED.has(verdict.decision);
    const kinds = [];
    if (row.label === 'flag' && !flagged) kinds.push('missed-flag');
    if (row.label === 'allow' && flagged) kinds.push('false-positive');
    if (row.production && verdict.production !== true) kinds.push('missed-production');
    if (kinds.length === 0) continue;
    misses.push({
      kinds,
      line: row.line,
      family: row.family,
      tool: row.tool,
      command: row.command,
      cwd: row.cwd ?? DEFAULT_CWD,
      label: row.label,
      production: row.production,
      decision: verdict.decision,
      verdictProduction: verdict.production === true,
      reason: (verdict.reasons ?? [])[0] ?? null,
      source: row.source,
    });
  }
  return misses;
}

function scoreCorpus(world, corpus) {
  const { error, verdicts } = judge(world, corpus.rows);
  if (error) return { name: corpus.name, error, invalid: corpus.invalid };
  const pairs = corpus.rows.map((row, index) => ({ row, verdict: verdicts[index] }));
  const families = {};
  for (const family of [...new Set(corpus.rows.map((row) => row.family))].sort()) {
    families[family] = tally(pairs.filter(({ row }) => row.family === family));
  }
  return {
    name: corpus.name,
    tools: new Set(corpus.rows.map((row) => row.tool)).size,
    ...tally(pairs),
    families,
    invalid: corpus.invalid,
    misses: missesOf(pairs),
  };
}

const percent = (value) => (value === null ? '   n/a' : `${(value * 100).toFixed(1).padStart(5)}%`);

function printHuman(report) {
  for (const run of report.runs) {
    console.log(`\n=== state: ${run.state} (HOME ${run.home}) ===`);
    if (run.error) console.log(`  ERROR: ${run.error}`);
    for (const result of run.corpora) {
      console.log(`\n## ${result.name}`);
      if (result.error) {
        console.log(`  ERROR: ${result.error}`);
        continue;
      }
      for (const bad of result.invalid) console.log(`  invalid row at line ${bad.line}: ${bad.problem}`);
      console.log(
        `  rows ${result.rows} (tools ${result.tools})  recall ${percent(result.flag.recall)} (${result.flag.caught}/${result.flag.rows})` +
          `  production ${percent(result.production.recall)} (${result.production.marked}/${result.production.rows})` +
          `  false positives ${percent(result.allow.falsePositiveRate)} (${result.allow.flagged}/${result.allow.rows})`,
      );
      console.log('  family                          recall            production        false positives');
      for (const [family, t] of Object.entries(result.families)) {
        console.log(
          `  ${family.padEnd(30)}  ${percent(t.flag.recall)} ${`${t.flag.caught}/${t.flag.rows}`.padEnd(9)}` +
            `  ${percent(t.production.recall)} ${`${t.production.marked}/${t.production.rows}`.padEnd(9)}` +
            `  ${percent(t.allow.falsePositiveRate)} ${t.allow.flagged}/${t.allow.rows}`,
        );
      }
      if (result.misses.length) console.log(`  misses (${result.misses.length}):`);
      for (const miss of result.misses) {
        const command = miss.command.replace(/\n/g, '⏎');
        console.log(`  - [${miss.kinds.join(',')}] ${miss.family}/${miss.tool} line ${miss.line}: ${command.length > 220 ? command.slice(0, 217) + '...' : command}`);
        console.log(`      got ${miss.decision}${miss.verdictProduction ? ' (production)' : ''}${miss.reason ? ` — ${miss.reason.slice(0, 200)}` : ''}`);
      }
    }
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(cli)) {
    console.log(`dist/cli.js is missing: run \`npm run build\` first.`);
    return;
  }
  const corpora = loadCorpora(options.corpus);
  const states = options.state === 'both' ? ['fresh', 'installed'] : [options.state];
  const report = { cli, runs: [] };
  for (const state of states) {
    const world = buildWorkspace();
    // `{{guard}}`: the package root the scored CLI runs from (its `dist/` and `node_modules/`), the guard's own code.
    world.guardCode = dirname(dirname(cli));
    try {
      if (state === 'installed') install(world);
      report.runs.push({ state, home: world.home, corpora: corpora.map((corpus) => scoreCorpus(world, corpus)) });
    } catch (error) {
      report.runs.push({ state, home: world.home, error: String(error?.message ?? error), corpora: [] });
    } finally {
      if (!options.keep) world.cleanup();
    }
  }
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else printHuman(report);
}

try {
  main();
} catch (error) {
  console.log(`corpus scoring could not run: ${error?.message ?? error}`);
}
process.exitCode = 0;
