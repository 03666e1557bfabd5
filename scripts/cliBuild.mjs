// The two-file CLI build (dist/cli.js launcher + dist/cli-main.js bundle), shared by esbuild.mjs and
// the launcher's tests so both build it the same way.
//
// The CLI is started before every agent command, and compiling its bundle dominated start-up. The
// bundle (dist/cli-main.js, first line naming its hash) is read as text by a small launcher (dist/cli.js,
// from src/cli/launcher.ts) and compiled through a V8 code cache (see launcher.ts). Embedding the bundle
// as a string in the launcher cost V8 a full scan of it on every start; a separate file is read as plain
// bytes. The launcher refuses a bundle whose hash is not its own, so a half-copied install denies
// instead of running mismatched code.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** The first line of cli-main.js, followed by the bundle's hash (checked by src/cli/launcher.ts). */
export const CLI_MAIN_HEADER = '// blast-shield cli-main ';
export const CLI_MAIN_FILE = 'cli-main.js';
/** Node's CommonJS wrapper (Module.wrap): the file evaluates to the module function. */
export const CLI_MAIN_WRAP = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];

/**
 * `import * as fs from 'node:fs'` bundles as `fs = __toESM(require("node:fs"))`, which copies every
 * property of the module onto a fresh object: once per importing file, about 2 ms of the hook's
 * start-up over the whole bundle. A namespace import of a built-in only ever reads its properties,
 * so the plain module object serves; a binding whose `.default` is read (a default import) keeps the
 * interop wrapper. Identifiers are not minified, so the check is exact.
 */
export function dropBuiltinInterop(text) {
  return text.replace(/\b([A-Za-z_$][\w$]*) ?= ?__toESM\(require\("(node:[a-z_/]+)"\)\)/g, (whole, name, mod) =>
    new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\.default\\b`).test(text) ? whole : `${name}=require("${mod}")`,
  );
}

/**
 * Write `<dir of outfile>/cli-main.js` from `mainText` (the bundled src/cli/main.ts) and build the
 * launcher at `outfile` bound to its hash. `common` is esbuild's shared options.
 */
export async function writeCli({ outfile, mainText, launcher = 'src/cli/launcher.ts', banner, common = {} }) {
  const text = dropBuiltinInterop(mainText);
  // The launcher reads the bundle as latin1, which is exact only for ASCII (esbuild's default charset).
  if (/[^\x00-\x7f]/.test(text)) throw new Error(`${CLI_MAIN_FILE} must be ASCII: keep esbuild's default charset`);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  mkdirSync(path.dirname(outfile), { recursive: true });
  // Written already wrapped the way Node wraps a CommonJS module, so the launcher compiles the text as
  // read: no 500 KB concatenation, and no second copy of it for V8 to flatten, on every start.
  writeFileSync(path.join(path.dirname(outfile), CLI_MAIN_FILE), `${CLI_MAIN_HEADER}${hash}\n${CLI_MAIN_WRAP[0]}${text}${CLI_MAIN_WRAP[1]}`);
  // The launcher's own imports of built-ins get the same treatment (names kept so the check is exact).
  const built = await esbuild.build({
    ...common,
    bundle: true,
    entryPoints: [launcher],
    outfile,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner,
    sourcemap: false,
    minify: false,
    // Whitespace and syntax minified in every build, not only the packaged one: the hook compiles the
    // launcher from source on every call (no code cache reaches it before it runs), so its bytes are
    // start-up time, and a development build measured by the bench then starts like the shipped one.
    // Names are kept (dropBuiltinInterop's check is exact).
    minifyWhitespace: true,
    minifySyntax: true,
    write: false,
    define: { __CLI_MAIN_HASH__: JSON.stringify(hash), __CLI_MAIN_HEADER__: JSON.stringify(CLI_MAIN_HEADER), __CLI_MAIN_FILE__: JSON.stringify(CLI_MAIN_FILE) },
  });
  writeFileSync(outfile, dropBuiltinInterop(built.outputFiles.find((f) => f.path.endsWith('.js')).text));
  return hash;
}

/**
 * The registry's list of tools (src/core/registry/tools.ts) as the CLI bundle carries it: the same
 * tools in the same order with the same names and families, each loading its module on first use
 * (`require`, which esbuild bundles as a module evaluated when first required). A hook call then
 * evaluates only the descriptions of the tools its command names (and those rule packs import
 * directly) instead of every tool's, about a quarter of the heap a benign call built. The names and
 * families are read here by evaluating the real modules, so the list cannot drift from them; a tool
 * in TOOLS that tools.ts does not import by name (`import { … } from './tools/<file>'`) fails the
 * build. Returns the TypeScript text.
 */
export async function lazyToolsModule({ registry = 'src/core/registry', common = {} } = {}) {
  const dir = path.resolve(registry);
  const source = readFileSync(path.join(dir, 'tools.ts'), 'utf8');
  const imports = [...source.matchAll(/^import \{([^}]+)\} from '(\.\/tools\/[\w-]+)';/gm)].map((m) => ({ file: m[2], bindings: m[1].split(',').map((b) => b.trim()).filter(Boolean) }));
  if (imports.some((i) => i.bindings.some((b) => !/^[\w$]+$/.test(b)))) throw new Error('tools.ts: import tools by their own names (no `as`)');
  const entry = [`export { TOOLS } from './tools';`, ...imports.map((imp, i) => `export * as m${i} from '${imp.file}';`)].join('\n');
  const built = await esbuild.build({ ...common, stdin: { contents: entry, resolveDir: dir, loader: 'ts', sourcefile: 'lazy-tools-entry.ts' }, bundle: true, write: false, format: 'cjs', platform: 'node', target: 'node20', sourcemap: false, minify: false, logLevel: 'error' });
  const mod = { exports: {} };
  new Function('module', 'exports', built.outputFiles[0].text)(mod, mod.exports);
  const rows = mod.exports.TOOLS.map((tool) => {
    const at = imports.flatMap((imp, i) => imp.bindings.filter((b) => mod.exports[`m${i}`][b] === tool).map((b) => ({ file: imp.file, binding: b })));
    if (at.length !== 1) throw new Error(`tools.ts: the tool named ${tool.names[0]} must be imported exactly once by name (found ${at.length})`);
    return `  lazy(${JSON.stringify(tool.names)}, ${JSON.stringify(tool.family)}, () => require(${JSON.stringify(at[0].file)}).${at[0].binding}),`;
  });
  return [
    '// Generated by scripts/cliBuild.mjs (lazyToolsModule) for the CLI bundle in place of tools.ts.',
    "import type { ToolEntry, ToolSpec } from './types';",
    "const lazy = (names: readonly string[], family: ToolSpec['family'], load: () => ToolSpec): ToolEntry => {",
    '  let spec: ToolSpec | undefined;',
    '  return { names, family, spec: () => (spec ??= load()) };',
    '};',
    'export const TOOL_ENTRIES: readonly ToolEntry[] = [',
    ...rows,
    '];',
    '',
  ].join('\n');
}

/** An esbuild plugin putting lazyToolsModule's text in place of src/core/registry/tools.ts. */
export async function lazyToolsPlugin({ registry = 'src/core/registry', common = {} } = {}) {
  const dir = path.resolve(registry);
  const contents = await lazyToolsModule({ registry, common });
  const file = path.join(dir, 'tools.ts');
  return {
    name: 'lazy-tools',
    setup(build) {
      build.onLoad({ filter: /[\\/]registry[\\/]tools\.ts$/ }, (args) => (path.resolve(args.path) === file ? { contents, loader: 'ts', resolveDir: dir } : undefined));
    },
  };
}

/**
 * Bundle src/cli/main.ts (or `entry`) to text: whitespace and syntax minified, names kept (readable
 * stack traces, and dropBuiltinInterop needs them), the same in development and --production builds so
 * the bench measures what users run. The registry's tools load on first use (lazyToolsPlugin; `lazyTools:
 * false` bundles tools.ts as written, for the test that compares the two).
 */
export async function bundleMain({ entry = 'src/cli/main.ts', common = {}, plugins = [], lazyTools = true } = {}) {
  const own = lazyTools ? [await lazyToolsPlugin({ common })] : [];
  const inner = await esbuild.build({ ...common, bundle: true, platform: 'node', format: 'cjs', target: 'node20', entryPoints: [entry], outfile: 'cli-main.js', sourcemap: false, write: false, minify: false, minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false, plugins: [...own, ...plugins] });
  return inner.outputFiles.find((f) => f.path.endsWith('.js')).text;
}
