// Process discipline for the real-editor test layers and `npm run try`: every child runs in its own
// process group under a hard timeout, and every group still alive when this process ends (normally,
// by error or by a signal) is killed. A hanging editor fails the run with a clear message instead of
// hanging CI.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { killGroup } = require('./codeServer.cjs');

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const liveGroups = new Set();
let handlersInstalled = false;

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllGroups);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      console.error(`\n[blast-shield] ${sig}: stopping child processes`);
      killAllGroups();
      process.exit(130);
    });
  }
}

export function killAllGroups() {
  for (const pid of liveGroups) killGroup(pid);
  liveGroups.clear();
}

/** Remember a process group started elsewhere (e.g. code-server) so it is killed on exit. */
export function trackGroup(pid) {
  installHandlers();
  liveGroups.add(pid);
  return () => { killGroup(pid); liveGroups.delete(pid); };
}

const t0 = Date.now();
export function log(label, msg) {
  process.stderr.write(`[${label} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
}

/**
 * Run a command in its own process group (stdin closed, output passed through; `onStdout` also sees
 * stdout). Resolves with the exit code; a timeout kills the group and resolves 124 after printing
 * what timed out.
 */
export function runGroup(label, cmd, args, { timeoutMs, env = process.env, cwd = REPO_ROOT, onStdout } = {}) {
  installHandlers();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', onStdout ? 'pipe' : 'inherit', 'inherit'], detached: true });
    liveGroups.add(child.pid);
    if (onStdout) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        onStdout(chunk.toString('utf8'));
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      log(label, `TIMEOUT: '${[cmd, ...args].join(' ')}' still running after ${Math.round(timeoutMs / 1000)} s; killing its process group`);
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      liveGroups.delete(child.pid);
      log(label, `could not start ${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // The child is gone; anything it left in its group (a browser, a server) goes too.
      killGroup(child.pid, 500);
      liveGroups.delete(child.pid);
      const result = timedOut ? 124 : code ?? (signal ? 128 : 1);
      // Let piped output drain before reporting, but never wait on it for long.
      if (!child.stdout) resolve(result);
      else {
        const drained = setTimeout(() => resolve(result), 2000);
        child.stdout.once('close', () => { clearTimeout(drained); resolve(result); });
      }
    });
  });
}

/**
 * Run scripts/editor-env.sh (idempotent, cached) and return its KEY=VALUE lines as an object:
 * { CODE_SERVER_BIN, CODE_SERVER_NODE, NODE24_BIN, CHROMIUM_PATH }.
 */
export function ensureEditorEnv({ timeoutMs = 20 * 60 * 1000 } = {}) {
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'editor-env.sh')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (r.status !== 0) {
    throw new Error(`scripts/editor-env.sh failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`}); the real editor cannot be set up`);
  }
  const out = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  for (const k of ['CODE_SERVER_BIN', 'CODE_SERVER_NODE', 'NODE24_BIN', 'CHROMIUM_PATH']) {
    if (!out[k]) throw new Error(`scripts/editor-env.sh did not report ${k}`);
  }
  return out;
}

/** Run a command to completion with a timeout, capturing output; throws with the output on failure. */
export function runChecked(label, cmd, args, { timeoutMs = 300000, env = process.env, cwd = REPO_ROOT } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    throw new Error(`${label} failed (${why}):\n${(r.stdout || '').slice(-4000)}${(r.stderr || '').slice(-4000)}`);
  }
  return r.stdout;
}
