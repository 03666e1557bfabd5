// A/B of two builds' warm hook (issue #15 criterion 4) on a shared machine: each build's dist/ is
// installed in a guard home of its own (shim, code cache, key) with its own decision server started as
// the hook starts it, and each round runs a bare `node -e 0`, then both builds' installed shims on a
// Claude Code `git status` (order alternating per round), in a clean environment. Prints each build's
// median paired ratio to the bare node (with its IQR) and the median of the per-round ratios B/A:
// the figure to read for one change measured alone, since load from other work hits both builds.
//
//   node bench/compareWarmHook.mjs --a /path/to/checkout-A/dist --b /path/to/checkout-B/dist [--rounds 61]
//
// Each folder is a built dist/ (cli.js, cli-main.js, …). `hookDecider.bench.mjs` gives the absolute rows.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { benchHome, claudePayload, startServer } from './hookDecider.bench.mjs';
import { pairedRatio, pairedSpread } from './startupEnv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function timed(cmd, args, input, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input, env, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, r };
}

const { values } = parseArgs({ options: { a: { type: 'string' }, b: { type: 'string' }, rounds: { type: 'string', default: '61' } } });
if (!values.a || !values.b) throw new Error('usage: --a DIST --b DIST [--rounds N]');
const o = { a: path.resolve(values.a), b: path.resolve(values.b), rounds: Number(values.rounds) };
const { installShim } = await tsImport(path.join(root, 'src/node/hosts/install.ts'), import.meta.url);
const { ensureDeciderKey } = await tsImport(path.join(root, 'src/node/decider/server.ts'), import.meta.url);
const { DECIDER_PATHS } = await tsImport(path.join(root, 'src/node/decider/protocol.ts'), import.meta.url);
const { serverEnvironment } = await tsImport(path.join(root, 'src/cli/deciderClient.ts'), import.meta.url);
const { LOADER_VARIABLES } = await tsImport(path.join(root, 'src/node/hosts/hookEntry.ts'), import.meta.url);

// The clean environment of hookDecider's rows: nothing the shim would clear, for the bare node too.
const clean = { ...process.env };
for (const k of [...LOADER_VARIABLES, 'BLAST_SHIELD_DECIDER', 'BLAST_SHIELD_DECIDER_TRACE', 'BLAST_SHIELD_HOME']) delete clean[k];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-warm-ab-'));
const builds = [];
try {
  for (const [label, dist] of [['A', o.a], ['B', o.b]]) {
    const home = path.join(tmp, label);
    const { workspace, guardHomeDir: guard } = benchHome(home);
    const shim = installShim({ guardHome: guard, nodePath: process.execPath, cliBundle: path.join(dist, 'cli.js') });
    const env = { ...clean, HOME: home, BLAST_SHIELD_HOME: guard };
    ensureDeciderKey(guard);
    const server = await startServer({ guardHomeDir: guard, serverEnvironment, DECIDER_PATHS }, env);
    const input = claudePayload(workspace, 'git status');
    builds.push({ label, dist, shim, env, input, server, xs: [] });
  }
  // Warm-up (code caches, the servers' first decisions), each call checked to be the server's answer.
  for (const b of builds) {
    for (let i = 0; i < 3; i++) {
      const { r } = timed(b.shim, ['hook', 'claude'], b.input, { ...b.env, BLAST_SHIELD_DECIDER_TRACE: '1' });
      if (!r.stdout.includes('"allow"') || !r.stderr.includes('blast-shield decider: answered')) throw new Error(`build ${b.label}: the warm server did not answer: ${r.stderr.trim()}`);
    }
  }
  const bare = [];
  for (let i = 0; i < o.rounds; i++) {
    bare.push(timed(process.execPath, ['-e', '0'], '', clean).ms);
    for (const b of i % 2 ? [...builds].reverse() : builds) {
      const { ms, r } = timed(b.shim, ['hook', 'claude'], b.input, b.env);
      if (!r.stdout.includes('"allow"')) throw new Error(`build ${b.label}: git status not allowed: ${r.stdout}`);
      b.xs.push(ms);
    }
  }
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  console.log(`warm hook, clean environment, ${o.rounds} rounds, load ${load}; bare node -e 0 median ${median(bare).toFixed(1)} ms`);
  for (const b of builds) console.log(`${b.label} ${b.dist}: ${median(b.xs).toFixed(1)} ms, ${pairedRatio(b.xs, bare).toFixed(3)}x bare (IQR ${pairedSpread(b.xs, bare)})`);
  const [a, b] = builds;
  console.log(`B/A per round: ${pairedRatio(b.xs, a.xs).toFixed(3)} (IQR ${pairedSpread(b.xs, a.xs)})`);
} finally {
  for (const b of builds) await b.server.stop();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
