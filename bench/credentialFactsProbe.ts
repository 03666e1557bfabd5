// Bundled by scan.bench.mjs and run in its own process: times loadCredentialFacts over a tree with a
// cold cache, then with a warm one (what a command that asks a credential question pays), then a few
// look-ups; and the hook's lazy form, which pays nothing for a command that asks none.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lazyCredentialFacts, loadCredentialFacts } from '../src/node/credentials/credentialFacts';

async function main(): Promise<void> {
  const [tree, home] = process.argv.slice(2) as [string, string];
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-probe-cache-'));
  const opts = { workspaceRoots: [tree], home, cacheDir };
  const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
  try {
    let t = process.hrtime.bigint();
    await loadCredentialFacts(opts);
    const coldMs = ms(t);
    const warm: number[] = [];
    const warmCpu: number[] = [];
    let facts = await loadCredentialFacts(opts);
    for (let i = 0; i < 10; i++) {
      t = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      facts = await loadCredentialFacts(opts);
      const used = process.cpuUsage(cpu);
      warm.push(ms(t));
      warmCpu.push((used.user + used.system) / 1000);
    }
    warm.sort((a, b) => a - b);
    warmCpu.sort((a, b) => a - b);
    t = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) {
      facts.originOf('a7' + String(i).padStart(30, 'x') + 'Q9');
      facts.fileInfo(path.join(tree, 'pkg0', 'mod0', 'd0', `file${i}.ts`));
    }
    const lookupMs = ms(t) / 100;
    t = process.hrtime.bigint();
    const lazy = lazyCredentialFacts({ ...opts, secretlint: false });
    const lazyNoQuestionMs = ms(t);
    t = process.hrtime.bigint();
    lazy.originOf('a7' + 'x'.repeat(30) + 'Q9');
    const lazyFirstQuestionMs = ms(t);
    const cacheBytes = fs.readdirSync(cacheDir).reduce((n, f) => n + fs.statSync(path.join(cacheDir, f)).size, 0);
    process.stdout.write(JSON.stringify({ cold_ms: Math.round(coldMs), warm_median_ms: +(warm[5] ?? 0).toFixed(2), warm_max_ms: +(warm[9] ?? 0).toFixed(2), warm_cpu_median_ms: +(warmCpu[5] ?? 0).toFixed(2), lookup_pair_ms: +lookupMs.toFixed(3), lazy_no_question_ms: +lazyNoQuestionMs.toFixed(3), lazy_first_question_ms: +lazyFirstQuestionMs.toFixed(2), cache_bytes: cacheBytes }));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
}

void main();
