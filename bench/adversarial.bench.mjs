// Bounded work: every construct the parser supports nested 500 deep, and flat inputs up to the 1 MiB
// limit, classified in-process with real facts (file system and a credential index). Prints each
// input and the worst case; the target is 50 ms, and no input may be allowed for being too large.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');

export async function run() {
  fs.mkdirSync(out, { recursive: true });
  const probe = path.join(out, 'adversarial-probe.js');
  await esbuild.build({ entryPoints: [path.join(here, 'adversarialProbe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], logLevel: 'error' });
  const res = spawnSync(process.execPath, [probe], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`adversarial probe exited ${res.status}: ${res.stderr}`);
  const rows = res.stdout.trim().split('\n').map((line) => JSON.parse(line));
  const worst = rows.reduce((a, b) => (b.max_ms > a.max_ms ? b : a));
  const worstMedian = rows.reduce((a, b) => (b.median_ms > a.median_ms ? b : a));
  const worstCpu = rows.reduce((a, b) => (b.cpu_median_ms > a.cpu_median_ms ? b : a));
  const allowedHuge = rows.filter((r) => r.bytes > 64 * 1024 && r.decision === 'allow');
  const load = os.loadavg()[0].toFixed(1);
  return [
    ...rows,
    { name: `worst median: ${worstMedian.name}`, bytes: worstMedian.bytes, median_ms: worstMedian.median_ms, max_ms: worstMedian.max_ms, cpu_median_ms: worstMedian.cpu_median_ms, target: '<= 50 ms', ok: worstMedian.median_ms <= 50 },
    { name: `worst CPU: ${worstCpu.name}`, bytes: worstCpu.bytes, median_ms: worstCpu.median_ms, max_ms: worstCpu.max_ms, cpu_median_ms: worstCpu.cpu_median_ms, target: '<= 50 ms', ok: worstCpu.cpu_median_ms <= 50 },
    { name: `worst case: ${worst.name} (load ${load})`, bytes: worst.bytes, max_ms: worst.max_ms, target: '<= 50 ms', ok: worst.max_ms <= 50 && allowedHuge.length === 0 },
  ];
}
