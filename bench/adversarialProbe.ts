// Bundled by adversarial.bench.mjs and run in its own process: classifies every adversarial input
// (each construct nested 500 deep, flat inputs up to the 1 MiB limit) with real facts over a small
// workspace that holds credential files, and prints one JSON row per input.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../src/core/policy/classify';
import { workMeter } from '../src/core/policy/workMeter';
import { gatherFacts } from '../src/node/facts';
import { loadCredentialFacts } from '../src/node/credentials/credentialFacts';
import { FLAT, NESTED, largestWithin } from '../test/unit/support/adversarialInputs';

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-adversarial-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-adversarial-home-'));
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-adversarial-cache-'));
  try {
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.mkdirSync(path.join(root, 'legacy'));
    for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(root, 'src', `m${i}.ts`), `export const x${i} = ${i};\n`);
    fs.writeFileSync(path.join(root, '.env'), 'DATABASE_URL=postgres://app:' + 'p'.repeat(16) + '@db.prod.example.com/app\n');
    fs.writeFileSync(path.join(root, 'legacy', 'config_backup.json'), JSON.stringify({ railway_token: 'a1b2c3d4-' + 'e5f6'.repeat(6) }));
    const credentials = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    const facts = gatherFacts({ cwd: root, env: { HOME: home, PATH: process.env.PATH ?? '' }, home, workspaceRoots: [root], credentials });
    const inputs = [
      ...NESTED.map((input) => ({ name: `${input.name} x500`, text: input.make(500) })),
      // 16 KiB is about what one decision's budget pays for in full; 1 MiB is the limit.
      ...FLAT.map((input) => ({ name: `${input.name} (16 KiB)`, text: input.make(largestWithin(input, 16 << 10)) })),
      ...FLAT.map((input) => ({ name: `${input.name} (1 MiB)`, text: input.make(largestWithin(input, 1 << 20)) })),
    ];
    const RUNS = 7;
    for (const input of inputs) {
      const times: number[] = [];
      const cpu: number[] = [];
      let decision = '';
      let units = 0;
      for (let r = 0; r < RUNS; r++) {
        const meter = workMeter();
        const c = process.cpuUsage();
        const t = process.hrtime.bigint();
        decision = classify(input.text, facts, { lockdown: false }, meter).decision;
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        units = meter.spent;
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      // CPU time beside wall time: on a shared machine the wall time also counts waiting for a core.
      process.stdout.write(JSON.stringify({ name: input.name, bytes: input.text.length, median_ms: times[RUNS >> 1], max_ms: times[RUNS - 1], cpu_median_ms: cpu[RUNS >> 1], decision, units }) + '\n');
    }
  } finally {
    for (const dir of [root, home, cacheDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
