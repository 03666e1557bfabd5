#!/usr/bin/env node
// A stand-in for the VS Code (Electron) executable, for @vscode/test-electron's
// runTests({ vscodeExecutablePath }). It takes the arguments runTests gives Electron
// (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=, --extensions-dir=, a folder),
// starts code-server on a free loopback port, opens the workbench in headless Chromium through
// playwright-core with a `payload` carrying the development and test paths (code-server honours it
// because of --vscode-option enable-smoke-test-driver), relays the extension host's console, and exits
// with the code the extension host reports through window.codeAutomationExit:
// 0 pass, 1 fail, 124 timeout, 2 harness error.
//
// Environment (set by test/integration/run.mjs from scripts/editor-env.sh):
//   CODE_SERVER_BIN   code-server's bin        CODE_SERVER_NODE  folder with a Node 24 bin/node
//   CHROMIUM_PATH     default /usr/bin/chromium
//   BLAST_SHIELD_EDITOR_TIMEOUT  seconds before giving up (default 300)
//   BLAST_SHIELD_SCREENSHOTS     folder for a screenshot at the end (and on timeout)
//   BLAST_SHIELD_EDITOR_LOGS     folder that receives code-server.log and browser-console.log
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { startCodeServer, launchChromium, writeUserSettings } = require('../support/codeServer.cjs');

const t0 = Date.now();
const say = (...a) => process.stdout.write(`[code-server-host +${((Date.now() - t0) / 1000).toFixed(1)}s] ${util.format(...a)}\n`);

const VALUE_FLAGS = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir', 'folder-uri', 'file-uri', 'locale']);
const devPaths = [];
let testsPath;
let userDataDir;
let extensionsDir;
const positionals = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(argv[i]);
  if (!m) {
    positionals.push(argv[i]);
    continue;
  }
  const name = m[1];
  const value = m[2] !== undefined ? m[2] : VALUE_FLAGS.has(name) ? argv[++i] : undefined;
  if (name === 'extensionDevelopmentPath') devPaths.push(path.resolve(value));
  else if (name === 'extensionTestsPath') testsPath = path.resolve(value);
  else if (name === 'user-data-dir') userDataDir = path.resolve(value);
  else if (name === 'extensions-dir') extensionsDir = path.resolve(value);
  // Electron-only flags (--no-sandbox, --disable-updates, --skip-welcome ...) mean nothing here.
}
if (!testsPath || devPaths.length === 0) {
  console.error('usage: codeServerHost.js --extensionDevelopmentPath=DIR --extensionTestsPath=PATH [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]');
  process.exit(2);
}

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cs-host-'));
userDataDir = userDataDir || path.join(runDir, 'user-data');
extensionsDir = extensionsDir || path.join(runDir, 'extensions');
writeUserSettings(userDataDir);
const target = positionals.length ? path.resolve(positionals[positionals.length - 1]) : undefined;

let server;
let browser;
const cleanup = () => {
  if (server) server.stop();
  server = undefined;
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { cleanup(); process.exit(130); });

async function main() {
  server = await startCodeServer({
    runDir,
    userDataDir,
    extensionsDir,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  say(`code-server ${server.origin} up (log ${server.logFile})`);

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  let where = 'ew=true';
  if (target && target.endsWith('.code-workspace')) where = `workspace=${encodeURIComponent(target)}`;
  else if (target) where = `folder=${encodeURIComponent(target)}`;
  const url = `${server.origin}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  browser = await launchChromium({ profileDir: fs.mkdtempSync(path.join(runDir, 'chromium-')), viewport: { width: 1280, height: 800 } });
  const { context, page } = browser;
  const browserLog = fs.createWriteStream(path.join(runDir, 'browser-console.log'));
  let reportExit;
  const exited = new Promise((r) => { reportExit = r; });
  await context.exposeBinding('codeAutomationExit', (_source, code) => reportExit(code));
  await context.exposeBinding('codeAutomationLog', (_source, type, args) => {
    const line = util.format(...(Array.isArray(args) ? args : [args]));
    // Offline noise, and a workbench race when a webview panel closes in a headless window: to the log file only.
    if (/ENOTFOUND|ERR_NAME_NOT_RESOLVED|OverlayWebview has been disposed/.test(line)) { browserLog.write(`[automation:${type}] ${line}\n`); return; }
    (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
  });
  page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e}\n`));
  page.on('crash', () => { say('page crashed'); reportExit(3); });
  say(`opening workbench ${server.origin}/?${where}`);
  await page.goto(url);

  const timeoutS = Number(process.env.BLAST_SHIELD_EDITOR_TIMEOUT || 300);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), timeoutS * 1000))]);
  const shots = process.env.BLAST_SHIELD_SCREENSHOTS;
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    const file = path.join(shots, code === 'timeout' ? 'integration-timeout.png' : 'integration-end.png');
    await page.screenshot({ path: file }).catch(() => {});
  }
  await context.close().catch(() => {});
  browserLog.end();
  cleanup();
  const logs = process.env.BLAST_SHIELD_EDITOR_LOGS;
  if (logs) {
    fs.mkdirSync(logs, { recursive: true });
    for (const f of ['code-server.log', 'browser-console.log']) {
      try { fs.copyFileSync(path.join(runDir, f), path.join(logs, f)); } catch { /* missing log */ }
    }
  }
  await new Promise((r) => setTimeout(r, 300));
  fs.rmSync(runDir, { recursive: true, force: true });
  if (code === 'timeout') {
    say(`TIMEOUT after ${timeoutS}s: the extension host never reported an exit code`);
    return 124;
  }
  say(`extension host reported exit code ${code}`);
  return typeof code === 'number' ? code : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => { say('harness error: ' + ((e && e.stack) || e)); process.exit(2); },
);
