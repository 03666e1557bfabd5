// Credential questions on the path hosts run (issue #15 criterion 3): the installed shim
// (`~/.blast-shield/bin/blast-shield-hook`) runs the installed launcher, which asks the warm decision
// server; the server decides with its kernel change feed (src/node/credentials/changeFeed.ts) once
// the feed's baseline is done. scan.bench's `hookQuestionRows` runs `dist/cli.js hook claude`, which
// starts no server and decides in the hook's own process (the one-shot path, what a host gets only
// when no server answers); these rows are the warm path in the same tree, no editor vouching.
//
// CPU is counted on both sides of the socket: the client's through bash's `times` (its children's
// rusage), the server's as the growth of its `sum_exec_runtime` (/proc/<pid>/schedstat, ns) from
// just before the call to a moment after the client exited, so work the server finishes after
// answering is counted too. Each question is paired with a benign `git status` in the same round.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const cli = path.join(repo, 'dist', 'cli.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The server's CPU so far in ms (Linux: the scheduler's own count, in ns), or NaN elsewhere. */
function serverCpuMs(pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function answering(socket) {
  return new Promise((resolve) => {
    const s = net.createConnection(socket);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Rows for `questions` ([label, command, before?(round)]) asked through the installed shim of a fresh
 * guard home under `tmp`, with a warm server whose feed has done its baseline for `tree`.
 */
export async function warmServerQuestionRows(tree, tmp, questions, { rounds = 15, settleMs = 8000, where = 'warm server, no editor', found } = {}) {
  const home = path.join(tmp, 'warm-home');
  const guardHomeDir = path.join(home, '.blast-shield');
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  const env = Object.fromEntries(Object.entries({ ...process.env, HOME: home, BLAST_SHIELD_HOME: guardHomeDir, BLAST_SHIELD_DECIDER_TRACE: '1' }).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'BLAST_SHIELD_DECIDER'));
  const { installShim } = await tsImport(path.join(repo, 'src/node/hosts/install.ts'), import.meta.url);
  const { ensureDeciderKey } = await tsImport(path.join(repo, 'src/node/decider/server.ts'), import.meta.url);
  const { DECIDER_PATHS } = await tsImport(path.join(repo, 'src/node/decider/protocol.ts'), import.meta.url);
  const { serverEnvironment } = await tsImport(path.join(repo, 'src/cli/deciderClient.ts'), import.meta.url);
  const { loadCredentialCache } = await tsImport(path.join(repo, 'src/node/credentials/credentialCache.ts'), import.meta.url);
  const shim = installShim({ guardHome: guardHomeDir, nodePath: process.execPath, cliBundle: cli });
  ensureDeciderKey(guardHomeDir);
  await loadCredentialCache(tree, { home, cacheDir: path.join(guardHomeDir, 'cache') });
  // Started as the hook starts it: the installed CLI, the installer's plain environment.
  const server = spawn(process.execPath, [path.join(guardHomeDir, 'bin', 'cli.js'), 'decider'], { env: serverEnvironment(env), cwd: guardHomeDir, stdio: 'ignore' });
  const socket = DECIDER_PATHS.socket(guardHomeDir);
  for (let i = 0; i < 400 && !(await answering(socket)); i++) await new Promise((r) => setTimeout(r, 25));
  const payload = (command) => JSON.stringify({ session_id: 'bench', transcript_path: '', cwd: tree, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
  const quoted = `'${shim.replace(/'/g, `'\\''`)}' hook claude`;
  const hook = (command, served = true) => {
    const s0 = serverCpuMs(server.pid);
    const t0 = process.hrtime.bigint();
    const r = spawnSync('bash', ['-c', `${quoted}; times >&2`], { input: payload(command), env, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    // What the server does right after answering (the feed's follow-up work) belongs to this call.
    pause(15);
    const s1 = serverCpuMs(server.pid);
    if (served && !r.stderr.includes('blast-shield decider: answered')) throw new Error(`the warm server did not answer '${command}': ${r.stderr.trim()}`);
    const line = r.stderr.trim().split('\n').pop() ?? '';
    const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
    const client = secs.length === 2 ? (secs[0] + secs[1]) * 1000 : NaN;
    const why = /blast-shield decider: ([^\n(]*(?:\([^)]*\))?)/.exec(r.stderr)?.[1]?.trim() ?? '';
    return { ms, client, server: s1 - s0, out: r.stdout, why };
  };
  try {
    for (let i = 0; i < 3; i++) for (const [, command] of [['', 'git status'], ...questions]) hook(command);
    // The feed takes its watches and checks every folder once in the background (its baseline).
    await new Promise((r) => setTimeout(r, settleMs));
    const base = { ms: [], client: [], server: [] };
    const extra = questions.map(() => ({ ms: [], cpu: [], server: [], out: '' }));
    for (let r = 0; r < rounds; r++) {
      const b = hook('git status');
      base.ms.push(b.ms);
      base.client.push(b.client);
      base.server.push(b.server);
      questions.forEach(([, command, before], k) => {
        before?.(r);
        const q = hook(command);
        extra[k].ms.push(q.ms - b.ms);
        extra[k].cpu.push(q.client + q.server - (b.client + b.server));
        extra[k].server.push(q.server - b.server);
        extra[k].out = q.out;
      });
    }
    const load = os.loadavg()[0].toFixed(1);
    // Never weaker: a credential file created a moment ago in a deep folder, holding a line the search
    // prints, is found through the feed (the server declines to answer an ask: the hook asks in-process).
    const proof = [];
    if (found) {
      found.plant();
      const q = hook(found.command, false);
      const decision = /"permissionDecision"\s*:\s*"(\w+)"/.exec(q.out)?.[1] ?? '?';
      proof.push({ name: `hook via the shim: ${found.label} [${where}]`, server: q.why, decision, target: 'server declined (ask), not allowed', ok: q.why === 'declined (ask)' && decision !== 'allow' });
    }
    return [
      { name: `hook via the shim: git status, no credential question [${where}]`, median_ms: +median(base.ms).toFixed(1), cpu_ms: +(median(base.client) + median(base.server)).toFixed(1), server_cpu_ms: +median(base.server).toFixed(2), runs: rounds, load_average: load },
      ...questions.map(([label], k) => {
        const cpu = median(extra[k].cpu);
        const decision = /"permissionDecision"\s*:\s*"(\w+)"/.exec(extra[k].out)?.[1] ?? '?';
        return { name: `hook via the shim: extra for "${label}" over git status [${where}]`, median_ms: +median(extra[k].ms).toFixed(1), cpu_ms: +cpu.toFixed(1), server_cpu_ms: +median(extra[k].server).toFixed(2), decision, runs: rounds, target: '<= 10 ms (cpu, client + server, paired)', ok: cpu <= 10 };
      }),
      ...proof,
    ];
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}
