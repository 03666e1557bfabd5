// The standard @vscode/test-electron entry point. VSCODE_EXECUTABLE_PATH points at
// test/integration/codeServerHost.js on a machine without a desktop VS Code download (set by
// test/integration/run.mjs); leave it unset where the download works and the same suites run in
// desktop VS Code. Everything the run touches lives in fresh temp folders: the workspace, the guard
// home (BLAST_SHIELD_HOME), HOME itself (hook installers write user-level host configs there), the
// editor's user data and extensions.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const REPO = path.resolve(__dirname, '..', '..');

function makeWorkspace(root) {
  const ws = path.join(root, 'workspace');
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'README.md'), '# integration workspace\n\nCreated by test/integration/runTest.js.\n');
  fs.writeFileSync(path.join(ws, 'src', 'index.js'), "console.log('hello');\n");
  fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ name: 'integration-workspace', private: true, version: '0.0.0' }, null, 2) + '\n');
  return ws;
}

async function main() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-integration-'));
  const workspace = makeWorkspace(root);
  const guardHome = path.join(root, 'guard-home');
  const home = path.join(root, 'home');
  fs.mkdirSync(guardHome, { recursive: true, mode: 0o700 });
  fs.mkdirSync(home, { recursive: true });
  let code = 1;
  try {
    code = await runTests({
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      launchArgs: [workspace, `--user-data-dir=${path.join(root, 'user-data')}`, `--extensions-dir=${path.join(root, 'extensions')}`],
      extensionTestsEnv: {
        BLAST_SHIELD_HOME: guardHome,
        HOME: home,
        BLAST_SHIELD_TEST_WORKSPACE: workspace,
        BLAST_SHIELD_REPO: REPO,
        BLAST_SHIELD_TEST_LAYER: 'integration',
        // Exposes the extension's `testing` API (src/editor/api.ts) for these suites.
        BLAST_SHIELD_TEST_MODE: '1',
      },
    });
  } catch (err) {
    console.error(`integration: the editor run failed: ${err && err.message}`);
    code = typeof (err && err.code) === 'number' ? err.code : 1;
  } finally {
    if (!process.env.BLAST_SHIELD_KEEP_TEMP) fs.rmSync(root, { recursive: true, force: true });
  }
  process.exit(code);
}

main();
