// Where the classifier's time goes, per rule pack, over the classifier bench's command mix:
//   node bench/packCosts.mjs [rounds]        (ONLY=<regex> keeps the mix's commands it matches)
// The engine is bundled from src/ like the classifier bench; each pack's checks are wrapped with a timer
// in place, so the figures include the timer's own cost (a few tenths of a microsecond per call).
// CLOCK=cpu times each call in CPU time (process.cpuUsage: microsecond steps, about a microsecond per
// call of its own) instead of wall time, for a machine shared with other work: wall time then counts
// the waits for a core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { facts as benchFacts, MIX, WORKSPACE_FILES } from './classifier.bench.mjs';
import { initRepository } from './gitRepository.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out');
const rounds = Number(process.argv[2] ?? 20);
const mix = process.env.ONLY ? MIX.filter((c) => new RegExp(process.env.ONLY).test(c)) : MIX;

fs.mkdirSync(out, { recursive: true });
const outfile = path.join(out, 'pack-costs.mjs');
await esbuild.build({
  stdin: { contents: "export { classify } from './src/core/policy/classify';\nexport { RULE_PACKS } from './src/core/rules/index';\n", resolveDir: path.resolve(here, '..'), loader: 'ts' },
  outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error',
});
const { classify, RULE_PACKS } = await import(pathToFileURL(outfile).href + `?t=${Date.now()}`);

const root = path.join(out, 'pack-costs-workspace');
if (!fs.existsSync(path.join(root, '.git'))) {
  for (const [rel, text] of Object.entries(WORKSPACE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  initRepository(root);
}
const facts = benchFacts(root);
const cpuClock = process.env.CLOCK === 'cpu';
/** Nanoseconds: wall (hrtime) or CPU (user + system). */
const now = cpuClock ? () => { const u = process.cpuUsage(); return BigInt(u.user + u.system) * 1000n; } : () => process.hrtime.bigint();
const cost = new Map();
for (const pack of RULE_PACKS) {
  for (const key of ['checkInvocation', 'checkSnippet', 'checkAnalysis']) {
    const fn = pack[key];
    if (!fn) continue;
    const id = `${pack.id}.${key.replace('check', '')}`;
    const c = { ns: 0n, calls: 0, found: 0 };
    cost.set(id, c);
    pack[key] = (...args) => {
      const t0 = now();
      const found = fn.apply(pack, args);
      c.ns += now() - t0;
      c.calls++;
      c.found += found.length;
      return found;
    };
  }
}
for (let i = 0; i < 5; i++) for (const c of mix) classify(c, facts, { lockdown: false });
for (const c of cost.values()) Object.assign(c, { ns: 0n, calls: 0, found: 0 });
const cpu0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
for (let r = 0; r < rounds; r++) for (const c of mix) classify(c, facts, { lockdown: false });
const total = Number(process.hrtime.bigint() - t0);
const cpu = process.cpuUsage(cpu0);
const per = (ns) => (ns / rounds / mix.length / 1000).toFixed(2);
const rows = [...cost].sort((a, b) => Number(b[1].ns - a[1].ns));
const packs = rows.reduce((sum, [, c]) => sum + Number(c.ns), 0);
console.log(`${cpuClock ? '[CPU clock per pack] ' : ''}${mix.length} commands x ${rounds}: ${per(total)} us/command wall (${((cpu.user + cpu.system) / rounds / mix.length).toFixed(2)} CPU); in packs ${per(packs)}; the rest (analysis, verdict) ${per((cpuClock ? (cpu.user + cpu.system) * 1000 : total) - packs)}`);
for (const [id, c] of rows) if (c.calls > 0) console.log(`${per(Number(c.ns)).padStart(7)} us  ${(c.calls / rounds / mix.length).toFixed(2).padStart(5)} calls/command  ${String(Math.round(c.found / rounds)).padStart(4)} found/round  ${id}`);
