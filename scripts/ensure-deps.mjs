// `npm test` and `npm run try` on a fresh clone: install the project's dependencies first (exactly the
// lockfile's, with `npm ci`) when they are missing. Only Node built-ins here: nothing else is installed
// yet when this runs. Run directly (the `pretest` script) or imported (scripts/try.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Packages every script needs; when one is absent the tree is not installed. */
const MARKERS = ['esbuild', 'mocha', 'tsx', '@vscode/vsce', 'typescript'];

export function dependenciesPresent() {
  return MARKERS.every((m) => fs.existsSync(path.join(REPO_ROOT, 'node_modules', m, 'package.json')));
}

export function ensureDependencies(log = (m) => console.log(`[deps] ${m}`)) {
  if (dependenciesPresent()) return;
  log("installing the project's dependencies (npm ci)");
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 600_000 });
  if (r.error) throw new Error(`npm ci could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`npm ci failed (exit ${r.status})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureDependencies();
  } catch (err) {
    console.error(`ensure-deps: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
