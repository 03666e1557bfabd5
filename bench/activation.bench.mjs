// Activation cost of the extension, outside the editor: in a fresh Node process per sample, the time
// to require() dist/extension.js and to run activate() against a stub `vscode` module. The stub is
// injected here only, by intercepting Module._load; it is a do-nothing Proxy, so the figures are the
// extension's own start-up work (bundle evaluation, object graph, the socket start is not awaited),
// not the editor's. Each sample is paired with a bare `node -e 0` run. Guard home is a temp folder.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'extension.js');
const SAMPLES = 10;

const probe = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const make = () => {
  const fn = function () { return proxy; };
  const proxy = new Proxy(fn, {
    get: (_t, key) => key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? function* () {} : proxy,
    apply: () => proxy,
    construct: () => proxy,
    set: () => true,
    defineProperty: () => true,
  });
  return proxy;
};
const any = make();
// The bundle copies the module's own keys (esbuild's __toESM), so the namespaces must be real keys.
const vscode = {};
for (const k of ['window', 'workspace', 'commands', 'env', 'extensions', 'languages', 'Uri', 'EventEmitter', 'ThemeColor', 'MarkdownString', 'StatusBarAlignment', 'ViewColumn', 'ConfigurationTarget', 'ProgressLocation', 'Disposable', 'RelativePattern']) vscode[k] = any;
const original = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : original.call(this, request, ...rest); };
const memento = { get: () => undefined, update: () => Promise.resolve(), keys: () => [] };
const t0 = performance.now();
const ext = require(process.argv[1]);
const t1 = performance.now();
const context = { subscriptions: [], workspaceState: memento, globalState: memento, extensionUri: any, extensionPath: process.argv[2] };
ext.activate(context);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ require: t1 - t0, activate: t2 - t1 }));
for (const d of context.subscriptions) { try { d.dispose(); } catch {} }
process.exit(0);
`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function wall(args, env) {
  const t = process.hrtime.bigint();
  const out = execFileSync(process.execPath, args, { env, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, out };
}

export async function run() {
  if (!fs.existsSync(bundle)) throw new Error('dist/extension.js is missing: run the build first');
  const guardHome = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-activation-'));
  const env = { ...process.env, BLAST_SHIELD_HOME: guardHome };
  const bare = [];
  const whole = [];
  const requireMs = [];
  const activateMs = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      bare.push(wall(['-e', '0'], env).ms);
      const r = wall(['-e', probe, bundle, root], env);
      whole.push(r.ms);
      const parsed = JSON.parse(r.out);
      requireMs.push(parsed.require);
      activateMs.push(parsed.activate);
    }
  } finally {
    fs.rmSync(guardHome, { recursive: true, force: true });
  }
  const bytes = fs.statSync(bundle).size;
  return [
    { measure: 'require(dist/extension.js), stub vscode', median_ms: median(requireMs), min_ms: Math.min(...requireMs), bundle_kb: bytes / 1024 },
    { measure: 'activate() with a do-nothing vscode stub', median_ms: median(activateMs), min_ms: Math.min(...activateMs) },
    { measure: 'whole process: node + require + activate', median_ms: median(whole), min_ms: Math.min(...whole), vs_bare_node: median(whole) / median(bare) },
    { measure: 'bare node -e 0 (paired)', median_ms: median(bare), min_ms: Math.min(...bare) },
  ];
}
