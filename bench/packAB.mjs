// A/B of one rule pack's invocation check in two checkouts: each checkout's src/ bundled, the classifier
// bench's command mix analysed once by each, then that pack's `checkInvocation` over every invocation,
// A and B alternating in the same minutes (CPU time per round). For a change inside one pack, whose
// few per cent of the whole classifier compareBuilds.mjs cannot tell from a loaded machine's noise.
// Prints the median of the per-round ratios B/A and their interquartile range.
//
//   node bench/packAB.mjs --a /path/to/checkout-A --b /path/to/checkout-B [--pack self-protection] [--rounds 41]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { facts, MIX, WORKSPACE_FILES as FILES } from './classifier.bench.mjs';
import { initRepository } from './gitRepository.mjs';

function parseArgs(argv) {
  const o = { rounds: 41, pack: 'self-protection' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--a') o.a = path.resolve(argv[++i]);
    else if (argv[i] === '--b') o.b = path.resolve(argv[++i]);
    else if (argv[i] === '--pack') o.pack = argv[++i];
    else if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else throw new Error(`unknown argument: ${argv[i]}`);
  }
  if (!o.a || !o.b) throw new Error('usage: --a CHECKOUT --b CHECKOUT [--pack ID] [--rounds N]');
  return o;
}

const sorted = (xs) => [...xs].sort((x, y) => x - y);
const at = (xs, q) => sorted(xs)[Math.min(xs.length - 1, Math.max(0, Math.round(q * (xs.length - 1))))];

async function load(root, tmp, name, packId) {
  const outfile = path.join(tmp, `${name}-pack.mjs`);
  const contents = "export { analyze } from './src/core/policy/analyze';\nexport { RULE_PACKS } from './src/core/rules/index';\nexport { environmentOf } from './src/core/policy/production';\n";
  await esbuild.build({ stdin: { contents, resolveDir: root, loader: 'ts' }, outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error' });
  const m = await import(pathToFileURL(outfile).href);
  const pack = m.RULE_PACKS.find((p) => p.id === packId);
  if (!pack?.checkInvocation) throw new Error(`${root}: no pack '${packId}' with an invocation check`);
  return { m, pack };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-packab-'));
  const ws = path.join(tmp, 'shop');
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
  }
  initRepository(ws);
  const f = facts(ws);
  const sides = [];
  for (const [name, root] of [['a', o.a], ['b', o.b]]) {
    const { m, pack } = await load(root, tmp, name, o.pack);
    const invocations = MIX.flatMap((c) => m.analyze(c, f).invocations);
    const ctx = { facts: f, environmentOf: (hints) => m.environmentOf(hints, f) };
    // One pass: every invocation of the mix through the pack; returns CPU microseconds per invocation.
    const pass = () => {
      const c0 = process.cpuUsage();
      for (let k = 0; k < 20; k++) for (const inv of invocations) pack.checkInvocation(inv, ctx);
      const used = process.cpuUsage(c0);
      return (used.user + used.system) / (20 * invocations.length);
    };
    sides.push({ name, pass, invocations: invocations.length, times: [] });
  }
  for (let i = 0; i < 10; i++) for (const s of sides) s.pass();
  const ratios = [];
  for (let r = 0; r < o.rounds; r++) {
    // Alternating which side goes first, so a slowdown that starts mid-round hits both.
    const order = r % 2 ? [sides[1], sides[0]] : sides;
    for (const s of order) s.times.push(s.pass());
    ratios.push(sides[1].times[r] / sides[0].times[r]);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const [a, b] = sides;
  console.log(`${o.pack} checkInvocation CPU us/invocation: A median ${at(a.times, 0.5).toFixed(2)}, B median ${at(b.times, 0.5).toFixed(2)}, median paired ratio B/A ${at(ratios, 0.5).toFixed(3)} (IQR ${at(ratios, 0.25).toFixed(3)}–${at(ratios, 0.75).toFixed(3)}; ${o.rounds} pairs x ${a.invocations} invocations)`);
}

await main();
