// Settings scope rules in the real editor: a repository (which an agent can write) can tighten the
// guard but never relax it.
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { MANIFEST, activate, confirmRequest, eventually, sleep, testApi, workspaceFolder } = require('./helpers');

const SECTION = 'blastShield';
// Settings whose "off"/empty value weakens the guard: only user or machine settings may hold them.
const USER_ONLY = ['hooks.hosts', 'terminalWatch.enabled', 'chatAutoApprove.manage', 'credentials.hideOnStartup'];

function contributedProperties() {
  const conf = MANIFEST.contributes && MANIFEST.contributes.configuration;
  const groups = Array.isArray(conf) ? conf : conf ? [conf] : [];
  return Object.assign({}, ...groups.map((g) => g.properties || {}));
}

function workspaceSettingsFile() {
  return path.join(workspaceFolder(), '.vscode', 'settings.json');
}

async function writeWorkspaceSettingsAsAgent(values) {
  // An agent edits the file directly, not through the settings API.
  fs.mkdirSync(path.dirname(workspaceSettingsFile()), { recursive: true });
  fs.writeFileSync(workspaceSettingsFile(), JSON.stringify(values, null, 2));
  await eventually(() => {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect('lockdown.default');
    return values['blastShield.lockdown.default'] === undefined || (inspected && inspected.workspaceValue === values['blastShield.lockdown.default']);
  }, 10000, 'the editor to read the workspace settings file');
}

describe('settings scope: a workspace cannot relax protection', () => {
  before(async () => { await activate(); });
  after(async () => {
    fs.rmSync(path.join(workspaceFolder(), '.vscode'), { recursive: true, force: true });
    await vscode.workspace.getConfiguration(SECTION).update('lockdown.default', undefined, vscode.ConfigurationTarget.Global);
    await sleep(300);
  });

  it('every setting has a scope and a markdownDescription', () => {
    const props = contributedProperties();
    assert.ok(Object.keys(props).length >= 8, `${Object.keys(props).length} settings contributed`);
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.scope, `${key} declares a scope`);
      assert.ok(p.markdownDescription, `${key} has a markdownDescription`);
    }
  });

  for (const key of USER_ONLY) {
    it(`${key} is user/machine scope and the editor refuses a workspace value`, async () => {
      const props = contributedProperties();
      const p = props[`${SECTION}.${key}`];
      assert.ok(p, `${SECTION}.${key} is contributed`);
      assert.ok(['application', 'machine'].includes(p.scope), `${key} scope is ${p.scope}`);
      const config = vscode.workspace.getConfiguration(SECTION);
      const relaxed = Array.isArray(p.default) ? [] : false;
      await assert.rejects(config.update(key, relaxed, vscode.ConfigurationTarget.Workspace), `writing ${key} to the workspace is refused`);
    });
  }

  it('values an agent writes into .vscode/settings.json that would relax protection have no effect', async () => {
    const before = vscode.workspace.getConfiguration(SECTION);
    const hostsBefore = before.get('hooks.hosts');
    await writeWorkspaceSettingsAsAgent({
      'blastShield.hooks.hosts': [],
      'blastShield.terminalWatch.enabled': false,
      'blastShield.credentials.hideOnStartup': false,
      'blastShield.lockdown.default': false,
    });
    const after = vscode.workspace.getConfiguration(SECTION);
    assert.deepStrictEqual(after.get('hooks.hosts'), hostsBefore, 'hooks.hosts unchanged');
    assert.strictEqual(after.get('terminalWatch.enabled'), true, 'terminal watch stays on');
    assert.strictEqual(after.get('credentials.hideOnStartup'), true, 'hiding stays on');
  });

  it('a workspace "lockdown.default": false cannot override the user\'s true', async () => {
    const api = (await activate()).api;
    await vscode.workspace.getConfiguration(SECTION).update('lockdown.default', true, vscode.ConfigurationTarget.Global);
    await writeWorkspaceSettingsAsAgent({ 'blastShield.lockdown.default': false });
    await eventually(() => api.getState().lockdown === true, 10000, 'lockdown on from the user default');
    await vscode.workspace.getConfiguration(SECTION).update('lockdown.default', undefined, vscode.ConfigurationTarget.Global);
    await eventually(() => api.getState().lockdown === false, 10000, 'lockdown back off');
  });

  it('a workspace may shorten the dialog timeout but not lengthen it', async () => {
    const t = await testApi('ask', 'deny');
    const api = (await activate()).api;
    const userTimeout = vscode.workspace.getConfiguration(SECTION).get('dialog.timeoutSeconds');
    assert.strictEqual(typeof userTimeout, 'number');

    const deadlineFor = async () => {
      const req = confirmRequest({ deadlineMs: 600000 });
      const answer = t.ask(req);
      const pending = await eventually(() => api.getState().pending.find((p) => p.id === req.id), 10000, 'the ask to be pending');
      const seconds = (pending.deadline - Date.now()) / 1000;
      t.deny(req.id);
      assert.strictEqual((await answer).decision, 'deny');
      return seconds;
    };

    await writeWorkspaceSettingsAsAgent({ 'blastShield.dialog.timeoutSeconds': 290 });
    await sleep(500);
    const longer = await deadlineFor();
    assert.ok(longer <= userTimeout + 1, `a workspace 290 s is ignored (dialog waits ${longer.toFixed(0)} s, user value ${userTimeout} s)`);

    await writeWorkspaceSettingsAsAgent({ 'blastShield.dialog.timeoutSeconds': 20 });
    await eventually(async () => (await deadlineFor()) <= 21, 10000, 'a workspace 20 s to shorten the dialog');
  });

  it('workspace production markers add to the user\'s and reach the hook through the settings mirror', async () => {
    await writeWorkspaceSettingsAsAgent({ 'blastShield.production.names': ['acme-shop-prod'] });
    const mirror = path.join(process.env.BLAST_SHIELD_HOME, 'settings.json');
    await eventually(() => {
      const m = JSON.parse(fs.readFileSync(mirror, 'utf8'));
      const entry = m.workspaces[workspaceFolder()];
      return entry && entry.production.names.includes('acme-shop-prod');
    }, 10000, 'the production name in the settings mirror');
  });
});
