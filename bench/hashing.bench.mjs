// What one audit hash (SHA-256) and one salted value hash (HMAC-SHA256) cost a fresh hook process,
// by library: node:crypto loaded on first use, or @noble/hashes bundled the way the CLI bundles it.
// Each run is paired with a bare `node -e 0`; the extra milliseconds are what the hook pays per call.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { pairedRatio, startupEnvironments } from './startupEnv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'out', 'hashing');
const ROUNDS = 15;

const LINE = JSON.stringify({ v: 1, seq: 42, at: new Date(0).toISOString(), host: 'claude', event: 'PreToolUse', kind: 'shell', subject: 'git status', decision: 'allow', decidedBy: 'policy', reasons: [] });

const SOURCES = {
  'node:crypto (lazy require)': `
    const c = require('node:crypto');
    const a = c.createHash('sha256').update(${JSON.stringify(LINE)}, 'utf8').digest('hex');
    const b = c.createHmac('sha256', 'salt').update('value-to-compare', 'utf8').digest('base64url');
    if (a.length !== 64 || !b) process.exit(1);`,
  '@noble/hashes (bundled)': `
    import { sha256 } from '@noble/hashes/sha2.js';
    import { hmac } from '@noble/hashes/hmac.js';
    import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
    const a = bytesToHex(sha256(utf8ToBytes(${JSON.stringify(LINE)})));
    const b = hmac(sha256, utf8ToBytes('salt'), utf8ToBytes('value-to-compare'));
    if (a.length !== 64 || b.length !== 32) process.exit(1);`,
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function wall(args, env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function bundle(name, source) {
  fs.mkdirSync(out, { recursive: true });
  const entry = path.join(out, `${name.replace(/[^a-z]+/gi, '-')}.mjs`);
  const file = entry.replace(/\.mjs$/, '.cjs');
  fs.writeFileSync(entry, source);
  await esbuild.build({ entryPoints: [entry], outfile: file, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'silent', nodePaths: [path.join(here, '..', 'node_modules')] });
  return { file, bytes: fs.statSync(file).size };
}

export async function run() {
  const built = [];
  for (const [name, source] of Object.entries(SOURCES)) built.push({ name, ...(await bundle(name, source)) });
  const rows = [];
  for (const [envName, env] of startupEnvironments()) {
    const bare = [];
    const times = built.map(() => []);
    for (let i = 0; i < ROUNDS; i++) {
      bare.push(wall(['-e', '0'], env));
      built.forEach((b, j) => times[j].push(wall([b.file], env)));
    }
    rows.push({ env: envName, what: 'bare node -e 0', 'median ms': median(bare), 'vs bare': 1 });
    built.forEach((b, j) => {
      const extra = times[j].map((t, i) => t - bare[i]);
      rows.push({ env: envName, what: b.name, 'bundle bytes': b.bytes, 'median ms': median(times[j]), 'vs bare': pairedRatio(times[j], bare), 'extra ms (median of pairs)': median(extra) });
    });
  }
  return rows;
}
