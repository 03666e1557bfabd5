// Shared by the extension-host integration stand-in (test/integration/codeServerHost.js) and the
// browser end-to-end run (test/e2e): start code-server with isolated state, open Debian's Chromium
// through playwright-core, and stop everything by process group so nothing outlives a run.
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** Settings that keep a fresh code-server quiet and deterministic (the traps are listed in AGENTS.md, "Testing in a real editor"). */
const QUIET_USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'terminal.integrated.gpuAcceleration': 'off',
  'window.restoreWindows': 'none',
};

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function writeUserSettings(userDataDir, extra = {}) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  if (!fs.existsSync(file)) fs.writeFileSync(file, JSON.stringify({ ...QUIET_USER_SETTINGS, ...extra }, null, 2));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, ms, isDead) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (isDead && isDead()) throw new Error(`code-server exited before answering ${url}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${ms} ms`);
}

/** Kill a whole process group: TERM, then KILL if it is still there shortly after. */
function killGroup(pid, graceMs = 1500) {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}

function codeServerEnv(base, runDir) {
  const env = { ...base, XDG_CONFIG_HOME: path.join(runDir, 'xdg'), XDG_DATA_HOME: path.join(runDir, 'xdg-data') };
  if (base.CODE_SERVER_NODE) env.PATH = `${path.join(base.CODE_SERVER_NODE, 'bin')}:${base.PATH || ''}`;
  // code-server refuses to start if these leak in from an outer VS Code terminal.
  delete env.VSCODE_IPC_HOOK_CLI;
  return env;
}

/** Install a VSIX into an extensions folder with code-server's CLI. */
function installExtension({ vsix, userDataDir, extensionsDir, runDir, env = process.env, timeoutMs = 120000 }) {
  const bin = env.CODE_SERVER_BIN || 'code-server';
  const r = cp.spawnSync(bin, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(env, runDir),
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  if (r.status !== 0) throw new Error(`code-server --install-extension failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error || '').toString().trim()}`);
  return r.stdout;
}

/**
 * Start code-server in its own process group. Returns { origin, port, pid, logFile, stop }.
 * `extraArgs` go before the optional folder.
 */
async function startCodeServer({ runDir, userDataDir, extensionsDir, folder, extraArgs = [], env = process.env, port, startTimeoutMs = 60000 }) {
  fs.mkdirSync(runDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);
  const chosenPort = port || (await freePort());
  const bin = env.CODE_SERVER_BIN || 'code-server';
  const logFile = path.join(runDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${chosenPort}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...extraArgs];
  if (folder) args.push(folder);
  const child = cp.spawn(bin, args, { env: codeServerEnv(env, runDir), stdio: ['ignore', logFd, logFd], detached: true });
  fs.closeSync(logFd);
  let exited = false;
  child.on('exit', () => { exited = true; });
  child.on('error', () => { exited = true; });
  const stop = () => { killGroup(child.pid); };
  const origin = `http://127.0.0.1:${chosenPort}`;
  try {
    await waitHttp(`${origin}/healthz`, startTimeoutMs, () => exited);
  } catch (e) {
    stop();
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${e.message}\n--- code-server log (tail) ---\n${tail}`);
  }
  return { origin, port: chosenPort, pid: child.pid, logFile, stop, child };
}

/** Open Chromium with a fresh profile. Returns { context, page }. */
async function launchChromium({ profileDir, viewport = { width: 1400, height: 900 } }) {
  const { chromium } = require(require.resolve('playwright-core', { paths: [process.cwd(), __dirname] }));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const page = context.pages()[0] || (await context.newPage());
  return { context, page };
}

module.exports = { QUIET_USER_SETTINGS, CHROMIUM_ARGS, writeUserSettings, freePort, killGroup, installExtension, startCodeServer, launchChromium };
