// A/B of two builds on a shared machine: the classifier in process (each build's
// src/core/policy/classify.ts bundled, the classifier bench's command mix, CPU time per round) and the
// hook as a process (`dist/cli.js hook claude` on a benign `git status`, CPU time from bash's `times`),
// the two builds run in alternating order in the same minutes, so load from other work hits both.
// Reports the median of the per-pair ratios B/A and their interquartile range; --no-hook skips the hook rows
// (no dist/ needed).
//
//   node bench/compareBuilds.mjs --a /path/to/checkout-A --b /path/to/checkout-B [--rounds 31] [--no-hook]
//
// Each checkout needs its sources (for the classifier) and a built dist/ (for the hook).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { facts, MIX, WORKSPACE_FILES as FILES } from './classifier.bench.mjs';

function parseArgs(argv) {
  const o = { rounds: 31 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--a') o.a = path.resolve(argv[++i]);
    else if (argv[i] === '--b') o.b = path.resolve(argv[++i]);
    else if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--no-hook') o.noHook = true;
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (!o.a || !o.b) throw new Error('usage: --a CHECKOUT --b CHECKOUT');
  return o;
}

/** The 25th and 75th percentiles (nearest rank). */
function quartiles(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  return `${at(0.25).toFixed(3)}–${at(0.75).toFixed(3)}`;
}

function median(xs) {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function bundle(root, tmp, name) {
  const outfile = path.join(tmp, `${name}-classify.mjs`);
  await esbuild.build({ entryPoints: [path.join(root, 'src/core/policy/classify.ts')], outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error' });
  return (await import(pathToFileURL(outfile).href)).classify;
}

/** CPU microseconds per command of one pass over the mix (three times over). */
function classifyRound(classify, f) {
  const c0 = process.cpuUsage();
  for (let k = 0; k < 3; k++) for (const c of MIX) classify(c, f, { lockdown: false });
  const used = process.cpuUsage(c0);
  return (used.user + used.system) / (3 * MIX.length);
}

function hookCpuMs(root, input, env) {
  const cli = path.join(root, 'dist', 'cli.js');
  const r = spawnSync('bash', ['-c', `'${process.execPath}' '${cli}' hook claude >/dev/null 2>&1; times`], { input, env, encoding: 'utf8' });
  const line = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs.length === 2 ? (secs[0] + secs[1]) * 1000 : NaN;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-ab-'));
  const ws = path.join(tmp, 'shop');
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  spawnSync('git', ['init', '-q', ws]);
  const A = await bundle(o.a, tmp, 'a');
  const B = await bundle(o.b, tmp, 'b');
  const f = facts(ws);
  for (let i = 0; i < 10; i++) {
    classifyRound(A, f);
    classifyRound(B, f);
  }
  const ratios = [];
  const as = [];
  const bs = [];
  for (let r = 0; r < o.rounds; r++) {
    const first = r % 2 === 0;
    const x = first ? classifyRound(A, f) : classifyRound(B, f);
    const y = first ? classifyRound(B, f) : classifyRound(A, f);
    const [a, b] = first ? [x, y] : [y, x];
    as.push(a);
    bs.push(b);
    ratios.push(b / a);
  }
  console.log(`classifier CPU us/command: A median ${median(as).toFixed(2)}, B median ${median(bs).toFixed(2)}, median paired ratio B/A ${median(ratios).toFixed(3)} (IQR ${quartiles(ratios)}; ${o.rounds} pairs x ${3 * MIX.length} commands)`);
  if (o.noHook) return fs.rmSync(tmp, { recursive: true, force: true });

  const home = path.join(tmp, 'home');
  fs.mkdirSync(path.join(home, '.blast-shield'), { recursive: true, mode: 0o700 });
  const env = { ...process.env, HOME: home, BLAST_SHIELD_HOME: path.join(home, '.blast-shield') };
  const input = JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't1' });
  for (let i = 0; i < 3; i++) {
    hookCpuMs(o.a, input, env);
    hookCpuMs(o.b, input, env);
  }
  const hr = [];
  const ha = [];
  const hb = [];
  for (let r = 0; r < o.rounds; r++) {
    const first = r % 2 === 0;
    const x = hookCpuMs(first ? o.a : o.b, input, env);
    const y = hookCpuMs(first ? o.b : o.a, input, env);
    const [a, b] = first ? [x, y] : [y, x];
    ha.push(a);
    hb.push(b);
    hr.push(b / a);
  }
  console.log(`hook claude (git status) CPU ms: A median ${median(ha).toFixed(1)}, B median ${median(hb).toFixed(1)}, median paired ratio B/A ${median(hr).toFixed(3)} (IQR ${quartiles(hr)}; ${o.rounds} pairs)`);
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
