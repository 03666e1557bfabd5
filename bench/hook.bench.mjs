// Hook process cost: `blast-shield hook claude|cursor` on a benign `git status`, paired with a bare
// `node -e 0` in the same rounds (target <= 1.3x; the first call after an install <= 1.6x), and the round trip of an "ask" through a live
// socket served by the real startIpcServer auto-answering allow (in-process), and the hook asking that
// stand-in window, which its window verification refuses (the cost of the check on the ask path).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { initRepository } from './gitRepository.mjs';
import { pairedRatio, pairedSpread, startupEnvironments } from './startupEnv.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const cli = path.join(root, 'dist', 'cli.js');
const out = path.join(here, 'out', 'hook');

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function wall(args, input, env) {
  const t0 = process.hrtime.bigint();
  // An argument list starting with an absolute path that is not a script runs that program (the shim).
  const r = args[0]?.endsWith('blast-shield-hook') ? spawnSync(args[0], args.slice(1), { input, env, encoding: 'utf8' }) : spawnSync(process.execPath, args, { input, env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, status: r.status };
}

/**
 * CPU time (user + system) of one run, read from bash's `times` for its children: a machine shared
 * with other work stretches wall time, much less the CPU a run needs. Unix only.
 */
function cpuMs(args, input, env) {
  const quoted = (args[0]?.endsWith('blast-shield-hook') ? args : [process.execPath, ...args]).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${quoted} >/dev/null 2>&1; times`], { input, env, encoding: 'utf8' });
  const line = r.stdout.trim().split('\n')[1] ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return secs.length === 2 ? (secs[0] + secs[1]) * 1000 : NaN;
}

function setup() {
  fs.rmSync(out, { recursive: true, force: true });
  const home = path.join(out, 'home');
  const workspace = path.join(home, 'shop');
  const guardHomeDir = path.join(home, '.blast-shield');
  fs.mkdirSync(path.join(workspace, 'src'), { recursive: true });
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(workspace, 'src', 'index.ts'), 'export const a = 1;\n');
  fs.writeFileSync(path.join(workspace, 'README.md'), '# shop\n');
  // Its own repository: otherwise the enclosing checkout of Blast Shield would be the workspace.
  initRepository(workspace);
  // The same environment as the other start-up benches (the machine's own, which may make node itself
  // slower to start, e.g. NODE_EXTRA_CA_CERTS), with the home and guard home pointed at the fixture.
  const env = { ...process.env, HOME: home, BLAST_SHIELD_HOME: guardHomeDir };
  return { home, workspace, guardHomeDir, env };
}

async function installBenchShim(t) {
  const { installShim } = await tsImport(path.join(root, 'src/node/hosts/install.ts'), import.meta.url);
  const { prepareHookCache } = await tsImport(path.join(root, 'src/node/hosts/prepareCache.ts'), import.meta.url);
  t.prepare = () => prepareHookCache({ guardHome: t.guardHomeDir, nodePath: process.execPath });
  return installShim({ guardHome: t.guardHomeDir, nodePath: process.execPath, cliBundle: cli });
}

const claudePayload = (ws, command) => JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't1' });
const cursorPayload = (ws, command) =>
  JSON.stringify({ conversation_id: 'bench', generation_id: 'g', model: 'bench', hook_event_name: 'beforeShellExecution', cursor_version: 'bench', workspace_roots: [ws], user_email: null, transcript_path: null, command, cwd: ws, sandbox: false });

/** Start bench/editorStandIn.mjs (a window's socket and discovery record); resolves once it listens. */
async function startEditorStandIn(t) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [path.join(here, 'editorStandIn.mjs'), t.guardHomeDir, t.workspace], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the editor stand-in did not start')), 20000);
    child.stdout.on('data', () => out.includes('ready') && (clearTimeout(timer), resolve()));
    child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`the editor stand-in exited (${code})`))));
  });
  return {
    async stop() {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      const m = /contacts (\d+)/.exec(out);
      return m ? Number(m[1]) : NaN;
    },
  };
}

/**
 * A hook call as the first one for this build: with no code cache at all, or (given `prepare`) with
 * the one the install writes. The hook's cache and the launcher's "seen" marker are moved aside for
 * the run and put back after it, so the other rows of the round keep measuring the steady state.
 */
function coldHookRun(t, args, input, prepare) {
  const dir = path.join(t.guardHomeDir, 'cache');
  const hookCaches = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^cli-[0-9a-f]{16}-hook-/.test(f) && f.endsWith('.bin')) : [];
  for (const f of hookCaches) fs.renameSync(path.join(dir, f), path.join(dir, `${f}.aside`));
  try {
    if (prepare && !prepare()) throw new Error('the install could not prepare the hook cache');
    const r = wall(args, input, t.env);
    if (!r.stdout.includes('"allow"')) throw new Error(`a cold hook call did not allow git status: ${r.stdout}`);
    return r.ms;
  } finally {
    for (const f of hookCaches) {
      fs.rmSync(path.join(dir, `${f}.seen`), { force: true });
      fs.renameSync(path.join(dir, `${f}.aside`), path.join(dir, f));
    }
  }
}

function startupRows(t, label, env, editorOpen) {
  // In-process, as before the decision server: its rows are in hookDecider.bench.mjs.
  t = { ...t, env: { ...env, HOME: t.home, BLAST_SHIELD_HOME: t.guardHomeDir, BLAST_SHIELD_DECIDER: 'off' } };
  const rounds = 21;
  const claude = [cli, 'hook', 'claude'];
  const cursor = [cli, 'hook', 'cursor'];
  const claudeIn = claudePayload(t.workspace, 'git status');
  const cursorIn = cursorPayload(t.workspace, 'git status');
  const check = [cli, 'check', '--cwd', t.workspace, '--', 'git status'];
  // What hosts run: the installed shim, which clears the loader variables (NODE_EXTRA_CA_CERTS too).
  const viaShim = [t.shim, 'hook', 'claude'];
  // warm-up: the workspace credential index, then the V8 code caches (written on the second run
  // without one, per kind of run): the steady state of an installed hook
  for (let i = 0; i < 3; i++) {
    wall(check, '', t.env);
    wall(['-e', '0'], '', t.env);
    const a = wall(claude, claudeIn, t.env);
    if (!a.stdout.includes('"allow"')) throw new Error(`hook claude did not allow git status: ${a.stdout}`);
    const b = wall(cursor, cursorIn, t.env);
    if (!b.stdout.includes('"allow"')) throw new Error(`hook cursor did not allow git status: ${b.stdout}`);
    const c = wall(viaShim, claudeIn, t.env);
    if (!c.stdout.includes('"allow"')) throw new Error(`the shim did not allow git status: ${c.stdout}`);
  }
  const bare = [];
  const c0 = [];
  const c1 = [];
  const c2 = [];
  const c3 = [];
  const cpu3 = [];
  const withEditor = editorOpen ? ' (editor window open)' : '';
  const minimal = [path.join(here, 'minimalClient.cjs')];
  const cpuBare = [];
  const cpu0 = [];
  const cpu1 = [];
  const cpu2 = [];
  const c4 = [];
  const cpu4 = [];
  const cold = [];
  const bareForCold = [];
  const installed = [];
  const bareForInstalled = [];
  for (let i = 0; i < rounds; i++) {
    if (!editorOpen) {
      bareForCold.push(wall(['-e', '0'], '', t.env).ms);
      cold.push(coldHookRun(t, claude, claudeIn));
      bareForInstalled.push(wall(['-e', '0'], '', t.env).ms);
      installed.push(coldHookRun(t, viaShim, claudeIn, t.prepare));
    }
    bare.push(wall(['-e', '0'], '', t.env).ms);
    c0.push(wall(check, '', t.env).ms);
    c1.push(wall(claude, claudeIn, t.env).ms);
    c2.push(wall(cursor, cursorIn, t.env).ms);
    cpuBare.push(cpuMs(['-e', '0'], '', t.env));
    cpu0.push(cpuMs(check, '', t.env));
    cpu1.push(cpuMs(claude, claudeIn, t.env));
    cpu2.push(cpuMs(cursor, cursorIn, t.env));
    c4.push(wall(viaShim, claudeIn, t.env).ms);
    cpu4.push(cpuMs(viaShim, claudeIn, t.env));
    if (editorOpen) {
      const m = wall(minimal, claudeIn, t.env);
      if (!m.stdout.includes('"pong"')) throw new Error(`the minimal client got no pong: ${m.stdout}`);
      c3.push(m.ms);
      cpu3.push(cpuMs(minimal, claudeIn, t.env));
    }
  }
  const b = median(bare);
  const cb = median(cpuBare);
  const bMin = Math.min(...bare);
  const row = (name, xs, cpu, extra = {}, pairedWith = bare) => ({
    name: `${name} [${label}]`,
    median_ms: median(xs),
    min_ms: Math.min(...xs),
    ratio: median(xs) / b,
    ratio_of_min: Math.min(...xs) / bMin,
    paired_ratio: pairedRatio(xs, pairedWith),
    paired_iqr: pairedSpread(xs, pairedWith),
    ...(cpu ? { cpu_ms: median(cpu), cpu_ratio: median(cpu) / cb } : {}),
    runs: rounds,
    ...extra,
  });
  return [
    row('node -e 0', bare, cpuBare),
    row("check -- 'git status' (reference: no stdin, no audit)", c0, cpu0),
    row(`hook claude: Bash 'git status'${withEditor}`, c1, cpu1, { target: '<= 1.3x (paired)', ok: pairedRatio(c1, bare) <= 1.3 }),
    row(`hook cursor: beforeShellExecution 'git status'${withEditor}`, c2, cpu2, { target: '<= 1.3x (paired)', ok: pairedRatio(c2, bare) <= 1.3 }),
    row(`hook claude through the installed shim (what hosts run; it clears NODE_EXTRA_CA_CERTS)${withEditor}`, c4, cpu4, { target: '<= 1.3x (paired)', ok: pairedRatio(c4, bare) <= 1.3 }),
    ...(editorOpen
      ? []
      : [
          row('hook claude, cold: no code cache at all (a first run the install could not prepare)', cold, undefined, {}, bareForCold),
          // An install also starts the decision server now: the first call after it is hookDecider.bench's
          // "first call after an install" row (target <= 1.6x). This one is a first call with no server
          // running (in-process with the install's code cache: the server not up yet, or idled out).
          row('hook claude through the shim, a first call with no server running (in-process, the code cache the install wrote)', installed, undefined, {}, bareForInstalled),
        ]),
    ...(editorOpen ? [row('reference, not the product: minimal Node client (stdin + one socket round trip)', c3, cpu3)] : []),
  ];
}

async function askRows(t) {
  const { startIpcServer } = await tsImport(path.join(root, 'src/node/ipc/server.ts'), import.meta.url);
  const { sendIpcRequest } = await tsImport(path.join(root, 'src/node/ipc/client.ts'), import.meta.url);
  let asked = 0;
  const server = await startIpcServer({ onConfirm: async () => (asked++, { decision: 'allow', reason: 'bench' }), appName: 'bench', workspaceFolders: [t.workspace], home: t.guardHomeDir, rememberDecisionMs: 0 });
  try {
    const inProcess = [];
    for (let i = 0; i < 200; i++) {
      const req = { type: 'confirm', version: 2, token: server.token, id: `r${i}`, host: 'claude', event: 'PreToolUse', action: { kind: 'shell', command: `rm -rf ./data${i}`, cwd: t.workspace }, workspaceRoots: [t.workspace], deadline: Date.now() + 5000 };
      const t0 = process.hrtime.bigint();
      const reply = await sendIpcRequest(server.endpoint, req, Date.now() + 5000);
      inProcess.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (reply.type !== 'decision' || reply.decision !== 'allow') throw new Error('bad reply');
    }
    const hookAsk = [];
    const bare = [];
    for (let i = 0; i < 10; i++) {
      bare.push(wall(['-e', '0'], '', t.env).ms);
      const r = await new Promise((resolve, reject) => {
        // spawn asynchronously: the server lives in this process and must keep serving
        import('node:child_process').then(({ spawn }) => {
          const t0 = process.hrtime.bigint();
          const child = spawn(process.execPath, [cli, 'hook', 'claude'], { env: t.env });
          let stdout = '';
          child.stdout.on('data', (c) => (stdout += c));
          child.on('error', reject);
          child.on('close', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, stdout }));
          child.stdin.end(claudePayload(t.workspace, `rm -rf ./data${i}`));
        });
      });
      // This process is no editor's extension host: the hook's window verification refuses it.
      if (!r.stdout.includes('"deny"') || !/could be verified/.test(r.stdout)) throw new Error(`the stand-in window was not refused: ${r.stdout}`);
      hookAsk.push(r.ms);
    }
    return [
      { name: 'ask round trip in-process (client -> socket -> server -> reply)', median_ms: median(inProcess), p99_ms: [...inProcess].sort((a, b) => a - b)[Math.floor(inProcess.length * 0.99)], runs: inProcess.length },
      { name: "hook claude 'rm -rf' -> ask -> window verification (stand-in refused) -> deny (whole process)", median_ms: median(hookAsk), min_ms: Math.min(...hookAsk), ratio: median(hookAsk) / median(bare), runs: hookAsk.length, dialogs: asked - inProcess.length },
    ];
  } finally {
    await server.dispose();
  }
}

export async function run() {
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm run bench does)');
  const t = setup();
  t.shim = await installBenchShim(t);
  const rows = startupEnvironments().flatMap(([label, env]) => startupRows(t, label, env, false));
  // With a window open (the usual case) a benign call must not touch its socket: the editor learns of
  // hook calls from the audit log. The stand-in counts contacts; any would show in the last row.
  const editor = await startEditorStandIn(t);
  let contacts = NaN;
  try {
    rows.push(...startupEnvironments().flatMap(([label, env]) => startupRows(t, label, env, true).filter((_, i) => i !== 1)));
  } finally {
    contacts = await editor.stop();
  }
  rows.push({ name: 'benign hook calls that contacted the open window (expected 0)', runs: contacts, ok: contacts === 0 });
  return [...rows, ...(await askRows(t))];
}
