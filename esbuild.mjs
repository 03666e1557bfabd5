// One esbuild script, one context per entry. The CLI/hook bundle carries everything it needs so the
// hook starts fast with no node_modules; the extension keeps 'vscode' external; the webview is browser code.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { bundleMain, writeCli } from './scripts/cliBuild.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions[]} */
const entries = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, launcher: 'src/cli/launcher.ts' },
  { entryPoints: ['src/editor/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  // Loaded by the extension on first use (src/editor/loadDeferred.ts), so activation stays small.
  { entryPoints: ['src/editor/deferred.ts'], outfile: 'dist/deferred.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['src/webview/confirm.ts'], outfile: 'dist/webview/confirm.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['src/node/credentials/secretlintScanner.ts'], outfile: 'dist/secretlint.js', platform: 'node', format: 'cjs' },
  // The audit exporter and the OpenTelemetry SDK: loaded by `audit export` and the editor, never by the hook.
  { entryPoints: ['src/node/audit/export/auditExport.ts'], outfile: 'dist/audit-export.js', platform: 'node', format: 'cjs' },
];

const common = {
  bundle: true,
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  // Prefer packages' ESM builds: jsonc-parser's UMD main requires its own files at run time, which a bundle cannot resolve.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

/** dist/cli.js and dist/cli-main.js: see scripts/cliBuild.mjs. */
async function buildWithLauncher({ launcher, banner, ...entry }) {
  const mainText = await bundleMain({ entry: entry.entryPoints[0], common });
  await writeCli({ outfile: entry.outfile, mainText, launcher, banner, common });
}

const present = entries.filter((e) => existsSync(e.entryPoints[0]));
if (watch) {
  for (const { launcher: _plainInWatchMode, ...e } of present) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log(`watching ${present.length} entries`);
} else {
  await Promise.all(present.map(({ launcher, ...e }) => (launcher && existsSync(launcher) ? buildWithLauncher({ launcher, ...e }) : esbuild.build({ ...common, ...e }))));
}
