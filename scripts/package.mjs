// `npm run package`: production build, then a VSIX with @vscode/vsce. vsce needs Node >= 22, so it runs
// under the Node that scripts/ensure-node24.sh provides (the project itself builds on the machine's Node).
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const pkg = require(path.join(root, 'package.json'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });

const node = execFileSync('bash', [path.join(root, 'scripts/ensure-node24.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
// Runtime code is bundled into dist/, so node_modules are not packaged (--no-dependencies).
execFileSync(node, [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], { cwd: root, stdio: 'inherit' });

const bytes = statSync(out).size;
console.log(`VSIX: ${path.relative(root, out)} (${(bytes / 1024).toFixed(1)} KiB)`);
