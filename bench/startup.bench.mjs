// Hook start-up, taken apart (#15 item 4). In a clean environment (NODE_EXTRA_CA_CERTS unset), paired
// with a bare `node -e 0` in the same rounds:
// - where a benign hook call's time goes (bench/startupPhases.cjs: reading the bundle, compiling it
//   through the launcher's code cache, evaluating the modules plus deciding, garbage collection);
// - the ways tried to start faster, each against the shipped launcher with its code cache:
//   a young generation sized for the whole run (`--min-semi-space-size`, no scavenge during a call),
//   and Node's user-land start-up snapshot (`--build-snapshot`) of the same bundle, built cold (modules
//   evaluated) and warm (one decision run before the snapshot is taken).
// The snapshot rows are an experiment only: nothing here is installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initRepository } from './gitRepository.mjs';
import { pairedRatio, pairedSpread } from './startupEnv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dist = path.join(root, 'dist');
const cli = path.join(dist, 'cli.js');
const out = path.join(here, 'out', 'startup');
const ROUNDS = 21;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function cleanEnv(extra) {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

function wall(args, input, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { input, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function setup() {
  fs.rmSync(out, { recursive: true, force: true });
  const home = path.join(out, 'home');
  const workspace = path.join(home, 'shop');
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'src', 'index.ts'), 'export const a = 1;\n');
  initRepository(workspace);
  const payload = JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: workspace, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't1' });
  return { home, workspace, payload };
}

/** A guard home of its own (each way of starting keeps its own code cache: V8 keys caches by flags). */
function guardHomeFor(t, name, flags) {
  const dir = path.join(t.home, `.guard-${name}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env = cleanEnv({ HOME: t.home, BLAST_SHIELD_HOME: dir });
  // The launcher writes its cache on the second run without one.
  for (let i = 0; i < 3; i++) {
    const r = wall([...flags, cli, 'hook', 'claude'], t.payload, env);
    if (!r.stdout.includes('"allow"')) throw new Error(`hook (${name}) did not allow git status: ${r.stdout} ${r.stderr}`);
  }
  return { dir, env };
}

/** The bundle with its last statement (starting main) kept for later: the snapshot's main function starts it. */
function snapshotBlob(t, warm) {
  const text = fs.readFileSync(path.join(dist, 'cli-main.js'), 'latin1');
  const start = 'main(process.argv.slice(2)).then(';
  const at = text.lastIndexOf(start);
  if (at < 0 || text.indexOf(start) !== at) throw new Error('cli-main.js: the call that starts main was not found once');
  const dir = path.join(out, warm ? 'snapshot-warm' : 'snapshot-cold');
  fs.mkdirSync(dir, { recursive: true });
  const mod = path.join(dir, 'cli-main.js');
  fs.writeFileSync(mod, `${text.slice(0, at)}globalThis.__blastShieldMain=()=>${text.slice(at)}`);
  const entry = path.join(dir, 'entry.js');
  fs.writeFileSync(
    entry,
    [
      "const v8 = require('node:v8');",
      "const fs = require('node:fs');",
      `const fn = (0, eval)(fs.readFileSync(${JSON.stringify(mod)}, 'latin1'));`,
      'const mod = { exports: {} };',
      `fn.call(mod.exports, mod.exports, require, mod, ${JSON.stringify(cli)}, ${JSON.stringify(dist)});`,
      warm ? `process.argv = [process.argv[0], ${JSON.stringify(cli)}, 'check', '--', 'git status']; globalThis.__blastShieldMain();` : '',
      `v8.startupSnapshot.setDeserializeMainFunction(() => { process.argv.splice(1, 0, ${JSON.stringify(cli)}); process.exitCode = undefined; globalThis.__blastShieldMain(); });`,
    ].join('\n'),
  );
  const blob = path.join(dir, 'cli.blob');
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { env: cleanEnv({ HOME: t.home, BLAST_SHIELD_HOME: path.join(t.home, '.guard-snapshot') }), cwd: t.workspace, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`--build-snapshot failed: ${r.stderr}`);
  return blob;
}

export async function run() {
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)');
  const t = setup();
  const plain = guardHomeFor(t, 'plain', []);
  const semi = guardHomeFor(t, 'semi', ['--min-semi-space-size=16']);
  fs.mkdirSync(path.join(t.home, '.guard-snapshot'), { recursive: true, mode: 0o700 });
  const cold = snapshotBlob(t, false);
  const warm = snapshotBlob(t, true);
  const snapEnv = cleanEnv({ HOME: t.home, BLAST_SHIELD_HOME: path.join(t.home, '.guard-snapshot') });
  const cacheFile = fs.readdirSync(path.join(plain.dir, 'cache')).find((n) => n.includes('-hook-') && n.endsWith('.bin'));
  if (!cacheFile) throw new Error('no hook code cache was written');
  const probe = [path.join(here, 'startupPhases.cjs'), dist, path.join(plain.dir, 'cache', cacheFile), 'hook', 'claude'];

  const ways = [
    { name: 'hook, code cache (as installed)', args: [cli, 'hook', 'claude'], env: plain.env },
    { name: 'hook, code cache, --min-semi-space-size=16', args: ['--min-semi-space-size=16', cli, 'hook', 'claude'], env: semi.env },
    { name: 'hook, start-up snapshot (warm: one decision before)', args: ['--snapshot-blob', warm, 'hook', 'claude'], env: snapEnv },
    { name: 'hook, start-up snapshot (cold: modules evaluated)', args: ['--snapshot-blob', cold, 'hook', 'claude'], env: snapEnv },
  ];
  const bare = [];
  const times = ways.map(() => []);
  const phases = [];
  const bareEnv = cleanEnv({});
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(wall(['-e', '0'], '', bareEnv).ms);
    ways.forEach((w, k) => {
      const r = wall(w.args, t.payload, w.env);
      if (!r.stdout.includes('"allow"')) throw new Error(`${w.name}: ${r.stdout} ${r.stderr}`);
      times[k].push(r.ms);
    });
    const p = wall(probe, t.payload, plain.env);
    const line = p.stderr.trim().split('\n').pop() ?? '';
    phases.push(JSON.parse(line));
  }
  const b = median(bare);
  const phase = (key) => median(phases.map((p) => p[key]));
  return [
    { name: 'node -e 0 [clean env]', median_ms: b, runs: ROUNDS },
    ...ways.map((w, k) => ({
      name: w.name,
      median_ms: median(times[k]),
      paired_ratio: pairedRatio(times[k], bare),
      spread: pairedSpread(times[k], bare),
      ...(k === 0 ? { target: '<= 1.3x (paired)', ok: pairedRatio(times[k], bare) <= 1.3 } : {}),
    })),
    {
      name: 'where the hook call goes (median ms, in-process)',
      boot: phase('bootMs'),
      read_bundle: phase('readMs'),
      compile_with_cache: phase('cacheCompileMs'),
      evaluate_and_decide: phase('evaluateAndDecideMs'),
      gc: phase('gcMs'),
      gc_count: phase('gcCount'),
      cache_rejected: phases.some((p) => p.cacheRejected),
      bundle_kb: Math.round(fs.statSync(path.join(dist, 'cli-main.js')).size / 1024),
      cache_kb: Math.round(fs.statSync(path.join(plain.dir, 'cache', cacheFile)).size / 1024),
      warm_blob_kb: Math.round(fs.statSync(warm).size / 1024),
    },
  ];
}
