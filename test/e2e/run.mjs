// `npm run test:e2e`: the incidents replayed in a real editor. Builds the VSIX, installs it into
// code-server, opens a fresh demo workspace, drives Debian's Chromium with playwright-core, and runs
// each case (test/e2e/incidents.mjs). Screenshots of every dialog go to test-results/screenshots/.
// A watchdog bounds the whole run (BLAST_SHIELD_E2E_TIMEOUT seconds, default 600): on expiry it saves
// a screenshot, kills code-server's process group and the browser, and fails with a clear message.
// Ends with the plain line "e2e: N passed, N failed, N skipped".
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createDemoWorkspace } from '../../scripts/demo-workspace.mjs';
import { REPO_ROOT, ensureEditorEnv, killAllGroups, log, runChecked, trackGroup } from '../support/editorRun.mjs';
import { buildVsix } from '../support/vsix.mjs';
import { defineCases } from './incidents.mjs';
import { Workbench } from './workbench.mjs';

const require = createRequire(import.meta.url);
const { installExtension, startCodeServer, launchChromium } = require('../support/codeServer.cjs');

const LABEL = 'e2e';
const timeoutS = Number(process.env.BLAST_SHIELD_E2E_TIMEOUT || 600);
const shotsDir = process.env.BLAST_SHIELD_SCREENSHOTS || path.join(REPO_ROOT, 'test-results', 'screenshots');
const logsDir = path.join(REPO_ROOT, 'test-results', 'e2e-logs');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

let passed = 0;
let failed = 0;
const skipped = 0;
let browser;
let runDir;

function summary() {
  return `e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

let finishing = false;
async function finish(code) {
  if (finishing) return; // the watchdog and the main flow may both get here
  finishing = true;
  clearTimeout(watchdog);
  if (browser) await Promise.race([browser.context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  killAllGroups();
  if (runDir && !process.env.BLAST_SHIELD_KEEP_TEMP) {
    for (const f of ['code-server.log', 'browser-console.log']) {
      try { fs.mkdirSync(logsDir, { recursive: true }); fs.copyFileSync(path.join(runDir, f), path.join(logsDir, f)); } catch { /* missing */ }
    }
    fs.rmSync(runDir, { recursive: true, force: true });
  }
  console.log(summary());
  process.exit(code);
}

// Not unref'd: a run stuck on a promise nothing settles must still end here, never exit silently.
const watchdog = setTimeout(async () => {
  log(LABEL, `TIMEOUT: the end-to-end run exceeded ${timeoutS} s; stopping code-server and the browser`);
  failed++;
  if (browser) await Promise.race([browser.page.screenshot({ path: path.join(shotsDir, 'e2e-timeout.png') }).catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
  await finish(1);
}, timeoutS * 1000);

async function main() {
  const started = Date.now();
  runChecked('build (node esbuild.mjs)', process.execPath, ['esbuild.mjs']);
  const editor = ensureEditorEnv();
  const env = { ...process.env, ...editor };
  process.env.CHROMIUM_PATH = editor.CHROMIUM_PATH;

  const vsix = buildVsix({ node24: editor.NODE24_BIN, label: LABEL });
  log(LABEL, `VSIX: ${path.relative(REPO_ROOT, vsix)}`);

  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-e2e-'));
  const workspace = createDemoWorkspace(path.join(runDir, 'acme-shop')).dir;
  // An empty workspace settings file from the start, so the editor picks up a case's change to it at once.
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{}\n');
  const home = path.join(runDir, 'home');
  const guardHome = path.join(runDir, 'guard-home');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(guardHome, { recursive: true, mode: 0o700 });
  // The editor and every hook process share one temp HOME and guard home: nothing touches the real ones.
  Object.assign(env, { HOME: home, BLAST_SHIELD_HOME: guardHome });
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');

  installExtension({ vsix, userDataDir, extensionsDir, runDir, env });
  const installed = fs.readdirSync(extensionsDir).find((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
  if (!installed) throw new Error(`the VSIX did not install into ${extensionsDir}`);
  const extensionDir = path.join(extensionsDir, installed);
  log(LABEL, `installed ${installed}`);

  const server = await startCodeServer({ runDir, userDataDir, extensionsDir, folder: workspace, env });
  trackGroup(server.pid);
  log(LABEL, `code-server ${server.origin} up`);

  // A laptop screen: the dialog must show its banner, command, targets and phrase box at 1280×800
  // with the terminal panel open (the cases open it before the first ask).
  browser = await launchChromium({ profileDir: path.join(runDir, 'chromium'), viewport: { width: 1280, height: 800 } });
  const consoleLog = fs.createWriteStream(path.join(runDir, 'browser-console.log'));
  browser.page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  browser.page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e}\n`));
  await browser.page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);

  // Each run overwrites its named shots; failure and timeout shots from an earlier run would mislead.
  if (fs.existsSync(shotsDir)) for (const f of fs.readdirSync(shotsDir)) if (/^(fail-|e2e-timeout)/.test(f)) fs.rmSync(path.join(shotsDir, f), { force: true });
  const wb = new Workbench(browser.page, shotsDir);
  const ctx = { wb, workspace, extensionDir, env, manifest };
  const cases = defineCases(ctx);
  let blocked;
  for (const [name, fn, options = {}] of cases) {
    const t = Date.now();
    if (blocked) {
      failed++;
      console.log(`  FAIL ${name}: not run, ${blocked}`);
      continue;
    }
    try {
      await fn();
      // A dialog answered at the end of a case closes a moment later; the next case starts without it.
      if (!options.keepDialog) await wb.waitNoDialog();
      passed++;
      console.log(`  ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)}s)`);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${name} (${((Date.now() - t) / 1000).toFixed(1)}s): ${String((e && e.message) || e).split('\n').slice(0, 3).join(' | ')}`);
      const safe = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').slice(0, 60).toLowerCase();
      await wb.screenshot(`fail-${safe}.png`, `state after the failure of: ${name}`).catch(() => {});
      // Dismiss a dialog a failed case left open, so the next case starts clean (unless the next case continues in it).
      if (!options.keepDialog && (await wb.notice().isVisible().catch(() => false))) await wb.notice().getByRole('button', { name: /deny/i }).click().catch(() => {});
      if (!options.keepDialog && (await wb.dialogVisible())) await wb.pressDeny().catch(() => {});
      if (name.startsWith('the workbench loads')) blocked = 'the workbench did not load';
    }
  }
  if (ctx.hookVia) log(LABEL, `hook started via: ${[...ctx.hookVia].join('; ')}`);
  console.log(`\nscreenshots (${path.relative(REPO_ROOT, shotsDir)}/):`);
  for (const s of wb.shots) console.log(`  ${path.relative(REPO_ROOT, s.file)}: ${s.note}`);
  log(LABEL, `finished in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => finish(code),
  async (e) => {
    console.error(`e2e: ${(e && e.message) || e}`);
    failed++;
    await finish(1);
  },
);
