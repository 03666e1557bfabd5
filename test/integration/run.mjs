// `npm run test:integration`: build, set up the real editor (cached), then run the mocha suites inside
// the extension host through test/integration/runTest.js, under a hard timeout.
//   BLAST_SHIELD_VSCODE=desktop   let @vscode/test-electron download desktop VS Code instead of code-server
//   VSCODE_EXECUTABLE_PATH=...    use this editor executable as is
//   BLAST_SHIELD_INTEGRATION_TIMEOUT  seconds for the whole run (default 480)
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, ensureEditorEnv, log, runChecked, runGroup } from '../support/editorRun.mjs';

const LABEL = 'integration';
const timeoutS = Number(process.env.BLAST_SHIELD_INTEGRATION_TIMEOUT || 480);

async function main() {
  const started = Date.now();
  runChecked('build (node esbuild.mjs)', process.execPath, ['esbuild.mjs']);
  const env = { ...process.env };
  if (!env.VSCODE_EXECUTABLE_PATH && env.BLAST_SHIELD_VSCODE !== 'desktop') {
    Object.assign(env, ensureEditorEnv());
    env.VSCODE_EXECUTABLE_PATH = path.join(REPO_ROOT, 'test', 'integration', 'codeServerHost.js');
    // runTests spawns it directly; a checkout that lost the executable bit must still work.
    fs.chmodSync(env.VSCODE_EXECUTABLE_PATH, 0o755);
  }
  env.BLAST_SHIELD_SCREENSHOTS = env.BLAST_SHIELD_SCREENSHOTS || path.join(REPO_ROOT, 'test-results', 'screenshots');
  env.BLAST_SHIELD_EDITOR_LOGS = env.BLAST_SHIELD_EDITOR_LOGS || path.join(REPO_ROOT, 'test-results', 'integration-logs');
  // The stand-in's own timeout fires first, so its screenshot of the stuck window is kept.
  env.BLAST_SHIELD_EDITOR_TIMEOUT = String(Math.max(60, timeoutS - 60));
  log(LABEL, `running the extension-host suites in ${env.VSCODE_EXECUTABLE_PATH ? path.relative(REPO_ROOT, env.VSCODE_EXECUTABLE_PATH) : 'desktop VS Code'}`);

  let seen = '';
  const code = await runGroup(LABEL, process.execPath, [path.join(REPO_ROOT, 'test', 'integration', 'runTest.js')], {
    timeoutMs: timeoutS * 1000,
    env,
    onStdout: (text) => { seen = (seen + text).slice(-65536); },
  });
  const summary = /integration: \d+ passed, \d+ failed, \d+ skipped/.exec(seen)?.[0];
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (!summary) {
    // CI reads the closing line; a run that never got to report must still say it failed.
    console.log(`\nintegration: the suites did not report (exit ${code}${code === 124 ? ', timed out' : ''}); logs in test-results/integration-logs`);
    console.log('integration: 0 passed, 1 failed, 0 skipped');
    return 1;
  }
  log(LABEL, `finished in ${secs}s with exit ${code}`);
  return code === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`integration: ${e.message}`);
    console.log('integration: 0 passed, 1 failed, 0 skipped');
    process.exit(1);
  },
);
