// A loop over the classifier bench's command mix, for profiles and A/B runs of checkouts:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profileMix.mjs [CHECKOUT] [rounds]
// CHECKOUT (default: this one) is a checkout whose src/core/policy/classify.ts is bundled; the mix and
// its workspace are this checkout's. Prints the CPU microseconds per command of the timed rounds.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { facts, MIX, WORKSPACE_FILES } from './classifier.bench.mjs';
import { initRepository } from './gitRepository.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(process.argv[2] ?? path.join(here, '..'));
const rounds = Number(process.argv[3] ?? 100);
const out = path.join(here, 'out');
fs.mkdirSync(out, { recursive: true });
const outfile = path.join(out, `profile-${path.basename(repo)}.mjs`);
await esbuild.build({ entryPoints: [path.join(repo, 'src/core/policy/classify.ts')], outfile, bundle: true, format: 'esm', platform: 'node', mainFields: ['module', 'main'], target: 'node20', logLevel: 'error' });
const { classify } = await import(pathToFileURL(outfile).href + `?t=${Date.now()}`);
const root = path.join(out, 'profile-workspace');
if (!fs.existsSync(path.join(root, '.git'))) {
  for (const [rel, text] of Object.entries(WORKSPACE_FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  initRepository(root);
}
const f = facts(root);
for (let i = 0; i < 10; i++) for (const c of MIX) classify(c, f, { lockdown: false });
const c0 = process.cpuUsage();
for (let i = 0; i < rounds; i++) for (const c of MIX) classify(c, f, { lockdown: false });
const used = process.cpuUsage(c0);
console.log(`${path.basename(repo)}: ${((used.user + used.system) / rounds / MIX.length).toFixed(1)} us CPU per command (${rounds} rounds of ${MIX.length})`);
