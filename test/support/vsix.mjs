// Builds the VSIX the browser tests and `npm run try` install. Prefers the project's own
// `npm run package` (scripts/package.mjs); while that is not wired, runs @vscode/vsce directly with
// Node 24 (vsce needs Node >= 22; the project runs on Node 20).
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, log, runChecked } from './editorRun.mjs';

function newestVsix(since) {
  const candidates = [];
  for (const dir of [REPO_ROOT, path.join(REPO_ROOT, 'out'), path.join(REPO_ROOT, 'dist')]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.vsix')) continue;
      const full = path.join(dir, f);
      const mtime = fs.statSync(full).mtimeMs;
      if (mtime >= since) candidates.push({ full, mtime });
    }
  }
  candidates.sort((a, b) => b.mtime - a.mtime);
  return candidates[0] && candidates[0].full;
}

/** Returns the path of a freshly built VSIX. `node24` is the Node 24 binary from editor-env.sh. */
export function buildVsix({ node24, label = 'vsix' }) {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const script = manifest.scripts && manifest.scripts.package;
  const started = Date.now() - 1000;
  const env = { ...process.env, PATH: `${path.dirname(node24)}:${process.env.PATH}` };
  const scriptFile = script && /node\s+(\S+\.m?js)/.exec(script);
  const wired = script && !/not wired/.test(script) && (!scriptFile || fs.existsSync(path.join(REPO_ROOT, scriptFile[1])));
  if (wired) {
    log(label, 'packaging with npm run package');
    const out = runChecked('npm run package', 'npm', ['run', '--silent', 'package'], { env, timeoutMs: 300000 });
    const reported = out.split('\n').map((l) => l.trim()).reverse().find((l) => l.endsWith('.vsix') && fs.existsSync(path.resolve(REPO_ROOT, l)));
    const vsix = reported ? path.resolve(REPO_ROOT, reported) : newestVsix(started);
    if (!vsix) throw new Error(`npm run package finished but no new .vsix was found; its output:\n${out.slice(-2000)}`);
    return vsix;
  }
  log(label, 'npm run package is not wired yet: packaging with @vscode/vsce directly');
  runChecked('build', process.execPath, ['esbuild.mjs']);
  fs.mkdirSync(path.join(REPO_ROOT, 'out'), { recursive: true });
  const vsix = path.join(REPO_ROOT, 'out', `${manifest.name}-${manifest.version}.vsix`);
  const vsce = path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const ownIgnore = path.join(REPO_ROOT, '.vscodeignore');
  const ignoreArgs = [];
  if (!fs.existsSync(ownIgnore)) {
    // An allowlist of what the extension runs, until the project's own .vscodeignore exists.
    const fallback = path.join(REPO_ROOT, 'out', 'fallback.vscodeignore');
    fs.writeFileSync(fallback, ['**', '!package.json', '!dist/extension.js', '!dist/cli.js', '!dist/cli-main.js', '!dist/secretlint.js', '!dist/audit-export.js', '!dist/webview/**', '!media/**', '!README.md', '!CHANGELOG.md', '!LICENSE*', ''].join('\n'));
    ignoreArgs.push('--ignoreFile', fallback);
  }
  runChecked('vsce package', node24, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', ...ignoreArgs, '-o', vsix], { env, timeoutMs: 300000 });
  return vsix;
}
