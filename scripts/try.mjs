#!/usr/bin/env node
// `npm run try`: see Blast Shield work in a real VS Code, on this machine, in one command.
//   1. builds the extension and its VSIX
//   2. sets up VS Code for the browser (code-server) with Node 24 and Chromium's libraries, on first
//      use only (cached in ~/.cache/blast-shield-editor)
//   3. creates the demo workspace that re-enacts the incident (~/.cache/blast-shield-editor/demo-workspace)
//   4. starts code-server with Blast Shield installed on that workspace, installs the project hooks of
//      Cursor, Claude Code, VS Code and Cline into it, and prints the URL and, for each installed host and each scenario of the demo, a
//      command that plays the agent (scripts/play-agent.mjs); runs until Ctrl-C
//
//   npm run try -- [--port N] [--fresh]         --fresh recreates the demo workspace; a busy port is
//                                               replaced by the next free one; a second run while one
//                                               is running points at the running one
//   npm run try -- --install-into code|cursor   install the VSIX into that editor instead (binary on PATH)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDemoWorkspace, defaultDemoDir } from './demo-workspace.mjs';
import { SCENARIOS, installedHosts, playCommand } from './play-agent.mjs';
import { ensureDependencies } from './ensure-deps.mjs';
import { REPO_ROOT, ensureEditorEnv, killAllGroups, log, runChecked, trackGroup } from '../test/support/editorRun.mjs';
import { buildVsix } from '../test/support/vsix.mjs';

const require = createRequire(import.meta.url);
const { installExtension, startCodeServer } = require('../test/support/codeServer.cjs');

const LABEL = 'try';
const CACHE = process.env.BLAST_SHIELD_EDITOR_CACHE || path.join(os.homedir(), '.cache', 'blast-shield-editor');

function parseArgs(argv) {
  const opts = { port: Number(process.env.PORT) || 8080, fresh: false, installInto: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fresh') opts.fresh = true;
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--install-into') opts.installInto = argv[++i];
    else if (a.startsWith('--install-into=')) opts.installInto = a.slice(15);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run try -- [--port N] [--fresh] | --install-into code|cursor');
      process.exit(0);
    } else {
      console.error(`try: unknown argument ${a}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port <= 0 || opts.port > 65535) {
    console.error('try: --port needs a port number');
    process.exit(2);
  }
  return opts;
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim() || undefined;
}

function node24() {
  return runChecked('scripts/ensure-node24.sh', 'bash', [path.join(REPO_ROOT, 'scripts', 'ensure-node24.sh')], { timeoutMs: 300000 }).trim();
}

async function installIntoDesktop(editor) {
  if (editor !== 'code' && editor !== 'cursor') throw new Error(`--install-into takes code or cursor, not ${editor}`);
  const bin = onPath(editor);
  if (!bin) throw new Error(`'${editor}' is not on PATH. Install ${editor === 'code' ? 'VS Code' : 'Cursor'} and its shell command first, or run 'npm run try' without --install-into to use VS Code in the browser.`);
  ensureDependencies((m) => log(LABEL, m));
  runChecked('build', process.execPath, ['esbuild.mjs']);
  const vsix = buildVsix({ node24: node24(), label: LABEL });
  runChecked(`${editor} --install-extension`, bin, ['--install-extension', vsix, '--force'], { timeoutMs: 180000 });
  console.log(`\nBlast Shield is installed in ${editor}. Open a folder, then run "Blast Shield: Install Hooks" from the command palette.`);
  console.log(`The demo workspace: ${createDemoWorkspace(defaultDemoDir()).dir}`);
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The wanted port when it is free, else the next free one (said out loud); never a port another server holds. */
async function pickPort(wanted) {
  if (await portFree(wanted)) return wanted;
  for (let port = wanted + 1; port < Math.min(65536, wanted + 100); port++) {
    if (await portFree(port)) {
      log(LABEL, `port ${wanted} is in use; using ${port} instead (choose one with --port N)`);
      return port;
    }
  }
  throw new Error(`ports ${wanted}-${wanted + 99} are all in use; choose a free one with --port N`);
}

/** A try-out already running from this cache (its pid is alive): its URL, so a second run points at it. */
function runningInstance(file) {
  try {
    const { pid, url } = JSON.parse(fs.readFileSync(file, 'utf8'));
    process.kill(pid, 0);
    return { pid, url };
  } catch {
    return undefined;
  }
}

function installHooks(extensionDir, workspace, env) {
  const cli = path.join(extensionDir, 'dist', 'cli.js');
  const done = [];
  // Copilot CLI loads project hooks only in folders it was told to trust, so the demo leaves it out.
  for (const host of ['cursor', 'claude', 'vscode', 'cline']) {
    const r = spawnSync(process.execPath, [cli, 'install', host, '--project'], { cwd: workspace, env, encoding: 'utf8', timeout: 30000 });
    if (r.status === 0) done.push(host);
    else log(LABEL, `could not install the ${host} hook (${(r.stderr || r.stdout || '').trim().split('\n')[0] || `exit ${r.status}`}); run "Blast Shield: Install Hooks" in the editor`);
  }
  return done;
}

async function serve(opts) {
  ensureDependencies((m) => log(LABEL, m));
  runChecked('build', process.execPath, ['esbuild.mjs']);
  const editor = ensureEditorEnv();
  const env = { ...process.env, ...editor };
  const vsix = buildVsix({ node24: editor.NODE24_BIN, label: LABEL });

  const runDir = path.join(CACHE, 'try');
  const lockFile = path.join(runDir, 'running.json');
  const running = runningInstance(lockFile);
  if (running) {
    console.log(`\nBlast Shield's try-out is already running (pid ${running.pid}):\n\n  Open:  ${running.url}\n\nStop it with Ctrl-C in its terminal before starting another.`);
    return;
  }
  const demo = createDemoWorkspace(defaultDemoDir(), { force: opts.fresh });
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(runDir, { recursive: true });
  installExtension({ vsix, userDataDir, extensionsDir, runDir, env });
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const installed = fs.readdirSync(extensionsDir).filter((d) => d === `${manifest.publisher}.${manifest.name}-${manifest.version}`)[0];
  if (!installed) throw new Error(`the VSIX did not install into ${extensionsDir}`);
  installHooks(path.join(extensionsDir, installed), demo.dir, env);
  const hosts = installedHosts(demo.dir);

  const port = await pickPort(opts.port);
  const server = await startCodeServer({ runDir, userDataDir, extensionsDir, folder: demo.dir, env, port });
  trackGroup(server.pid);
  const url = `${server.origin}/?folder=${encodeURIComponent(demo.dir)}`;
  fs.writeFileSync(lockFile, JSON.stringify({ pid: process.pid, url }) + '\n');
  process.on('exit', () => fs.rmSync(lockFile, { force: true }));
  const player = path.join(REPO_ROOT, 'scripts', 'play-agent.mjs');
  const plays = Object.entries(SCENARIOS)
    .map(([name, sc]) => [`  ${sc.title} (${sc.expect}):`, ...hosts.map((h) => `    ${playCommand(player, h, name)}`)].join('\n'))
    .join('\n');
  console.log(`
Blast Shield is running in VS Code for the browser (code-server).

  Open:       ${url}
  Workspace:  ${demo.dir}  (the incident re-enacted; read its README.md)
  Hooks:      ${hosts.length ? `installed in the demo workspace for ${hosts.join(', ')}` : 'not installed: use "Blast Shield: Install Hooks"'}
  Log:        ${server.logFile}

On a remote machine, forward the port first: ssh -L ${server.port}:127.0.0.1:${server.port} <host>

Play the agent: run one of these in a terminal in the editor. Each sends what that host sends its hook
for one scenario and prints the hook's answer; a dialog opens in the editor when a human must decide.
${plays}

Press Ctrl-C to stop.`);
  await new Promise((resolve) => server.child.on('exit', resolve));
  throw new Error(`code-server stopped; see ${server.logFile}`);
}

const opts = parseArgs(process.argv.slice(2));
(opts.installInto ? installIntoDesktop(opts.installInto) : serve(opts)).then(
  () => process.exit(0),
  (e) => {
    console.error(`\ntry: ${(e && e.message) || e}`);
    killAllGroups();
    process.exit(1);
  },
);
