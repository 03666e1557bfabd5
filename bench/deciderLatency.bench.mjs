// The warm decision server's own share of a hook call: `decideAsHook` (src/cli/decider.ts) called in a
// loop in-process, bundled as dist/cli.js bundles it, armed per decision by the one watchdog thread as
// the server arms it (so the per-call V8 time box is skipped exactly as in the server). Per command kind
// (a benign `git status`, a credential read, a destructive command that asks), median and p90 ms per
// decision in a real git workspace with a clean client environment. No socket, no client: those are
// hookDecider.bench.mjs. `npm run bench -- deciderLatency` runs this one alone.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { initRepository } from './gitRepository.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out', 'deciderLatency');
const WARM = 40;
const ROUNDS = Number(process.env.BENCH_DECIDER_ROUNDS) || 300;

const COMMANDS = [
  { kind: 'benign', command: 'git status' },
  { kind: 'credential read', command: 'cat .env' },
  { kind: 'destructive ask', command: 'git reset --hard HEAD~3' },
];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

async function bundle() {
  const outfile = path.join(out, 'decider.cjs');
  await esbuild.build({
    stdin: {
      contents: "export { decideAsHook } from './src/cli/decider';\nexport { boxedByOuterWatchdog } from './src/hook/timeBox';\nexport { startDecisionWatchdog } from './src/node/decider/decisionWatchdog';\n",
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    mainFields: ['module', 'main'],
    target: 'node20',
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href + `?t=${Date.now()}`);
}

/** The workspace the decisions are about: a real git repository with a credential file (fake values made at run time). */
function world() {
  const home = path.join(out, 'home');
  const workspace = path.join(home, 'shop');
  const guardHome = path.join(home, '.blast-shield');
  const files = {
    'src/index.ts': 'export const a = 1;\n',
    'package.json': '{ "name": "shop", "scripts": { "test": "node --test" } }\n',
    '.gitignore': '.env\n',
    '.env': `DATABASE_URL=postgres://dev:${'x'.repeat(12)}@localhost:5432/shop\nSTRIPE_SECRET_KEY=${['sk', 'live', 'q7'.repeat(12)].join('_')}\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  }
  fs.mkdirSync(guardHome, { recursive: true, mode: 0o700 });
  initRepository(workspace);
  return { home, workspace, guardHome };
}

export async function run() {
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const mod = await bundle();
  const { home, workspace, guardHome } = world();
  // The server runs with a plain environment (spawnServer.ts serverEnvironment): the bench's own
  // would make every call's environment swap change dozens of variables the server never has.
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (!['HOME', 'BLAST_SHIELD_HOME', 'PATH', 'LANG', 'TMPDIR'].includes(k)) delete process.env[k];
  try {
    return await measure(mod, home, workspace, guardHome);
  } finally {
    for (const k of Object.keys(process.env)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

async function measure(mod, home, workspace, guardHome) {
  const watchdog = mod.startDecisionWatchdog();
  if (watchdog) mod.boxedByOuterWatchdog(() => watchdog.alive());
  const decide = mod.decideAsHook(path.join(root, 'dist', 'cli.js'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, BLAST_SHIELD_HOME: guardHome };
  const request = (command) => ({
    v: 1,
    build: 'bench',
    nonce: '0'.repeat(32),
    host: 'claude',
    input: JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: workspace, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't1' }),
    cwd: workspace,
    pid: process.pid,
    ppid: process.ppid,
    env,
  });
  const once = async (req) => {
    watchdog?.arm(31_000);
    try {
      const t0 = process.hrtime.bigint();
      const outcome = await decide(req);
      return { ms: Number(process.hrtime.bigint() - t0) / 1e6, outcome };
    } finally {
      watchdog?.disarm();
    }
  };
  const rows = [];
  const requests = COMMANDS.map((c) => request(c.command));
  for (const req of requests) for (let i = 0; i < WARM; i++) await once(req);
  const times = COMMANDS.map(() => []);
  const outcomes = COMMANDS.map(() => '');
  // Interleaved, so a busy spell on the shared machine falls on every kind alike.
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < requests.length; i++) {
      const { ms, outcome } = await once(requests[i]);
      times[i].push(ms);
      outcomes[i] = 'declined' in outcome ? `declined (${outcome.declined})` : outcome.result.decision;
    }
  }
  for (let i = 0; i < COMMANDS.length; i++) {
    const s = [...times[i]].sort((a, b) => a - b);
    rows.push({ kind: COMMANDS[i].kind, command: COMMANDS[i].command, answer: outcomes[i], decisions: s.length, 'median ms': quantile(s, 0.5), 'p90 ms': quantile(s, 0.9), watchdog: watchdog ? 'armed per decision' : 'none (time box per call)' });
  }
  rows.push({ kind: 'machine', command: `uptime load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}` });
  return rows;
}
