// One esbuild script, one context per entry. The CLI/hook bundle carries everything it needs so the
// hook starts fast with no node_modules; the extension keeps 'vscode' external; the webview is browser code.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';

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

/**
 * The CLI is started before every agent command, and compiling its bundle dominated start-up. It is
 * built in two steps: the bundle as text, then src/cli/launcher.ts with that text embedded, which
 * compiles it through a V8 code cache (see launcher.ts). One file still, so installs copy one file.
 */
async function buildWithLauncher({ launcher, banner, ...entry }) {
  // Whitespace and syntax are minified (less to scan and cache); names stay readable in stack traces.
  const inner = await esbuild.build({ ...common, ...entry, sourcemap: false, write: false, minifyWhitespace: true, minifySyntax: true });
  const text = inner.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  await esbuild.build({
    ...common,
    entryPoints: [launcher],
    outfile: entry.outfile,
    platform: 'node',
    format: 'cjs',
    banner,
    sourcemap: false,
    define: { __CLI_MAIN_SOURCE__: JSON.stringify(text), __CLI_MAIN_HASH__: JSON.stringify(hash) },
  });
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
