// Hook install / uninstall from the editor on the temp workspace (and temp HOME): our entries go in
// fail-closed next to the user's own, and uninstall gives every file back byte for byte.
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');
const { activate, eventually, testApi, withReplaced, workspaceFolder } = require('./helpers');

// Pre-existing user configuration the installer must keep.
function userConfigs() {
  const ws = workspaceFolder();
  return {
    [path.join(ws, '.cursor', 'hooks.json')]: JSON.stringify({ version: 1, hooks: { afterFileEdit: [{ command: './format.sh' }] } }, null, 2) + '\n',
    [path.join(ws, '.claude', 'settings.json')]: JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'prettier --write' }] }] } }, null, 2) + '\n',
  };
}

function snapshot(files) {
  const out = {};
  for (const f of files) out[f] = fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null;
  return out;
}

/** Every folder and file under `root` with each file's bytes: the workspace as a user sees it. */
function treeOf(root) {
  const out = {};
  const visit = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs);
      if (e.isDirectory()) {
        out[rel + '/'] = 'dir';
        visit(abs);
      } else out[rel] = fs.readFileSync(abs).toString('base64');
    }
  };
  visit(root);
  return out;
}

function hostConfigFiles() {
  const ws = workspaceFolder();
  const home = os.homedir();
  return [
    path.join(ws, '.cursor', 'hooks.json'),
    path.join(ws, '.claude', 'settings.json'),
    path.join(ws, '.claude', 'settings.local.json'),
    path.join(ws, '.github', 'hooks', 'blast-shield.json'),
    path.join(ws, '.clinerules', 'hooks', 'PreToolUse'),
    path.join(home, '.cursor', 'hooks.json'),
    path.join(home, '.claude', 'settings.json'),
    path.join(home, '.copilot', 'hooks', 'blast-shield.json'),
  ];
}

describe('hook install / uninstall round trip', () => {
  let api;
  let before0;
  let treeBefore;
  before(async () => {
    api = (await activate()).api;
    for (const [file, text] of Object.entries(userConfigs())) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    before0 = snapshot(hostConfigFiles());
    treeBefore = treeOf(workspaceFolder());
  });

  it('Install Hooks writes fail-closed entries and keeps the user\'s own', async () => {
    await vscode.commands.executeCommand('blastShield.installHooks');
    const cursorFile = path.join(workspaceFolder(), '.cursor', 'hooks.json');
    const home = os.homedir();
    const cursorConfigs = [cursorFile, path.join(home, '.cursor', 'hooks.json')].filter((f) => fs.existsSync(f));
    const ours = cursorConfigs
      .map((f) => JSON.parse(fs.readFileSync(f, 'utf8')))
      .flatMap((c) => Object.values(c.hooks || {}).flat())
      .filter((e) => /blast-shield/i.test(e.command || ''));
    assert.ok(ours.length > 0, `a Blast Shield entry in ${cursorConfigs.join(', ') || 'no Cursor config'}`);
    for (const e of ours) assert.strictEqual(e.failClosed, true, `failClosed on ${JSON.stringify(e)}`);
    const cursorUser = JSON.parse(fs.readFileSync(cursorFile, 'utf8'));
    assert.deepStrictEqual(cursorUser.hooks.afterFileEdit.filter((e) => e.command === './format.sh').length, 1, "the user's afterFileEdit hook is kept");
    const claude = JSON.parse(fs.readFileSync(path.join(workspaceFolder(), '.claude', 'settings.json'), 'utf8'));
    assert.deepStrictEqual(claude.permissions.allow, ['Bash(npm test)'], "the user's permissions are kept");
  });

  it('the extension reports the hosts as installed', async () => {
    const t = await testApi('refreshHealth');
    await t.refreshHealth();
    const hosts = api.getState().hosts;
    const installed = hosts.filter((h) => h.installed).map((h) => h.host);
    assert.ok(installed.includes('cursor') && installed.includes('claude'), `installed: ${installed.join(', ')}`);
    // No real host has called yet: the status is "waiting" (not a warning) and says what to do.
    const state = api.getState();
    if (!state.lockdown && hosts.every((h) => !h.lastEvent)) {
      assert.strictEqual(state.status, 'waiting');
      assert.match(state.statusDetail, /no host has called them yet/);
      assert.match(state.statusDetail, /Run Self-Test/);
    }
  });

  it('an entry an agent weakened (failClosed off) is rewritten by the extension, and it says so', async () => {
    const cursorFile = path.join(workspaceFolder(), '.cursor', 'hooks.json');
    const text = fs.readFileSync(cursorFile, 'utf8');
    assert.match(text, /"failClosed": true/);
    fs.writeFileSync(cursorFile, text.replace(/"failClosed": true/g, '"failClosed": false'));
    const t = await testApi('keepHooks');
    const shown = [];
    const report = await withReplaced(vscode.window, 'showWarningMessage', async (m) => (shown.push(m), undefined), () => t.keepHooks());
    assert.ok(report && report.repaired.some((r) => r.startsWith('cursor (project)')), JSON.stringify(report));
    assert.strictEqual(fs.readFileSync(cursorFile, 'utf8'), text, 'rewritten as installed');
    assert.ok(shown.some((m) => /repaired hook entries/.test(m)), `warnings shown: ${JSON.stringify(shown)}`);
    // A second pass has nothing to do.
    const again = await t.keepHooks();
    assert.deepStrictEqual(again && again.repaired, []);
  });

  it('Uninstall Hooks (confirmed by a human) restores every file byte for byte', async () => {
    await withReplaced(vscode.window, 'showWarningMessage', async (_m, _o, ...items) => items.find((i) => /uninstall/i.test(typeof i === 'string' ? i : i.title)), () =>
      vscode.commands.executeCommand('blastShield.uninstallHooks'));
    const after = snapshot(hostConfigFiles());
    for (const file of Object.keys(before0)) {
      assert.strictEqual(after[file], before0[file], `${file} restored exactly`);
    }
    const t = await testApi('refreshHealth');
    await t.refreshHealth();
    await eventually(() => api.getState().hosts.every((h) => !h.installed), 5000, 'no host reported installed');
  });

  it('after install + uninstall the workspace tree equals the tree before (no empty folders left)', () => {
    const after = treeOf(workspaceFolder());
    const added = Object.keys(after).filter((k) => !(k in treeBefore));
    const removed = Object.keys(treeBefore).filter((k) => !(k in after));
    const changed = Object.keys(after).filter((k) => k in treeBefore && after[k] !== treeBefore[k]);
    assert.deepStrictEqual({ added, removed, changed }, { added: [], removed: [], changed: [] });
  });
});
