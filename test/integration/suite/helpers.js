// Shared by the extension-host suites. Runs inside the real editor's extension host.
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const REPO = process.env.BLAST_SHIELD_REPO || path.resolve(__dirname, '..', '..', '..');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
const CLI = path.join(REPO, 'dist', 'cli.js');

function workspaceFolder() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('the integration run opens a workspace folder; none is open');
  return folder.uri.fsPath;
}

/** Activate the extension and return its exported API. */
async function activate() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  return { ext, api };
}

/** The extension's test hooks (exported API `test` member), or a clear failure naming what is missing. */
async function testApi(...members) {
  const { api } = await activate();
  const t = api && (api.test || api.testing || api);
  for (const m of members) {
    if (!t || t[m] === undefined) throw new Error(`the extension API does not expose test.${m} yet`);
  }
  return t;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `fn` until it returns a truthy value (or throws its last error after `ms`; an error with `final` set ends it at once). */
async function eventually(fn, ms = 10000, what = 'condition') {
  const end = Date.now() + ms;
  let lastError;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e && e.final) throw e; // no point waiting longer
      lastError = e;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/**
 * Run the hook exactly as an agent host does: a process with the host's JSON on stdin. Resolves
 * { code, stdout, stderr, json } when it exits; kills it after `timeoutMs`.
 */
function runHook(host, payload, { timeoutMs = 30000, env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = cp.spawn(process.execPath, [CLI, 'hook', host], {
      cwd: cwd || workspaceFolder(),
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`hook ${host} did not finish within ${timeoutMs} ms; stderr: ${stderr}`)); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code) => {
      clearTimeout(timer);
      let json;
      try { json = stdout.trim() ? JSON.parse(stdout) : undefined; } catch { json = undefined; }
      resolve({ code, stdout, stderr, json });
    });
    child.stdin.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
  });
}

/** A Claude Code PreToolUse payload for a Bash command in the workspace. */
function claudeBashPayload(command, cwd = workspaceFolder()) {
  return {
    session_id: `it-${Date.now()}`,
    transcript_path: path.join(cwd, '.transcript.jsonl'),
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'integration test' },
  };
}

module.exports = { REPO, MANIFEST, EXTENSION_ID, CLI, workspaceFolder, activate, testApi, sleep, eventually, runHook, claudeBashPayload };

let requestCounter = 0;
/** An ask as the editor holds it after its own analysis (ConfirmRequest in src/core/protocol/ipc.ts), for the dialog's tests. */
function confirmRequest({ command = 'rm -rf build', phrase = 'delete build', production = false, deadlineMs = 60000, target } = {}) {
  const cwd = workspaceFolder();
  requestCounter++;
  return {
    type: 'confirm',
    version: 2,
    token: 'unused-by-the-testing-api',
    id: `it-${process.pid}-${Date.now()}-${requestCounter}`,
    host: 'claude',
    event: 'PreToolUse',
    agent: 'integration-test',
    action: { kind: 'shell', command, cwd },
    verdict: {
      decision: 'ask',
      production,
      risks: ['destructive'],
      reasons: [`Deletes ${target || 'build'} recursively.`],
      targets: [{ kind: 'path', name: target || path.join(cwd, 'build'), remote: false, environment: production ? 'production' : 'local', environmentReason: production ? 'declared production' : 'a local path' }],
      confirm: phrase,
    },
    deadline: Date.now() + deadlineMs,
    dedupeKey: `dedupe-${requestCounter}-${Date.now()}`,
    workspaceRoots: [cwd],
  };
}

/** Replace a property for the duration of `fn` (used to stand in for a human at a modal prompt). */
async function withReplaced(obj, key, value, fn) {
  const original = obj[key];
  try {
    obj[key] = value;
  } catch (e) {
    throw new Error(`cannot replace ${key} in this editor: ${e.message}`);
  }
  if (obj[key] !== value) throw new Error(`cannot replace ${key} in this editor (the API object is frozen)`);
  try {
    return await fn();
  } finally {
    obj[key] = original;
  }
}

module.exports.confirmRequest = confirmRequest;
module.exports.withReplaced = withReplaced;
