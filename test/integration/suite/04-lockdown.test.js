// Lockdown in the real editor: the command toggles it, the status bar and the context key follow, the
// hook's settings mirror follows (and is restored when something else edits it), and turning it off
// needs a human at a modal prompt.
'use strict';
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { activate, eventually, sleep, testApi, withReplaced, workspaceFolder } = require('./helpers');

const TOGGLE = 'blastShield.toggleLockdown';
const CONTEXT_KEY = 'blastShield.lockdown';

function mirrorEntry() {
  const file = path.join(process.env.BLAST_SHIELD_HOME, 'settings.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { file, mirror: m, entry: m.workspaces[workspaceFolder()] };
}

/**
 * Record the extension's `setContext` calls while `fn` runs. The extension and these suites share one
 * `vscode` API object (same extension folder), so wrapping `commands.executeCommand` sees its calls;
 * every call still goes through to the workbench.
 */
async function recordSetContext(fn) {
  const calls = [];
  const original = vscode.commands.executeCommand;
  const wrapper = (id, ...args) => {
    if (id === 'setContext') calls.push(args);
    return original.call(vscode.commands, id, ...args);
  };
  await withReplaced(vscode.commands, 'executeCommand', wrapper, async () => {
    await fn();
    await sleep(200);
  });
  return calls;
}

describe('lockdown', () => {
  let api;
  before(async () => {
    api = (await activate()).api;
    const t = await testApi('setLockdown');
    await t.setLockdown(false);
  });
  after(async () => {
    const t = await testApi('setLockdown');
    await t.setLockdown(false);
  });

  it('starts off, with the status bar not in lockdown', () => {
    const s = api.getState();
    assert.strictEqual(s.lockdown, false);
    assert.notStrictEqual(s.status, 'lockdown');
  });

  it('the toggle command turns it on: state, status bar and context key', async () => {
    const calls = await recordSetContext(() => vscode.commands.executeCommand(TOGGLE));
    const s = api.getState();
    assert.strictEqual(s.lockdown, true);
    assert.strictEqual(s.status, 'lockdown');
    assert.deepStrictEqual(calls.filter(([k]) => k === CONTEXT_KEY).pop(), [CONTEXT_KEY, true], `setContext calls: ${JSON.stringify(calls)}`);
  });

  it('is mirrored for the hook, and restored when the mirror is edited behind the extension', async () => {
    await eventually(() => mirrorEntry().entry && mirrorEntry().entry.lockdown === true, 5000, 'lockdown in the settings mirror');
    const { file, mirror } = mirrorEntry();
    mirror.workspaces[workspaceFolder()].lockdown = false; // what an agent might try
    fs.writeFileSync(file, JSON.stringify(mirror, null, 2));
    await eventually(() => mirrorEntry().entry.lockdown === true, 10000, 'the extension to restore lockdown in the mirror');
  });

  it('turning it off through the command needs a human: dismissing the prompt keeps it on', async () => {
    await withReplaced(vscode.window, 'showWarningMessage', async () => undefined, () => vscode.commands.executeCommand(TOGGLE));
    assert.strictEqual(api.getState().lockdown, true);
  });

  it('turning it off through the command works when the human confirms', async () => {
    let asked;
    await withReplaced(vscode.window, 'showWarningMessage', async (message, options, ...items) => {
      asked = { message, modal: options && options.modal };
      return items.find((i) => /turn off/i.test(typeof i === 'string' ? i : i.title));
    }, async () => {
      const calls = await recordSetContext(() => vscode.commands.executeCommand(TOGGLE));
      assert.deepStrictEqual(calls.filter(([k]) => k === CONTEXT_KEY).pop(), [CONTEXT_KEY, false]);
    });
    assert.ok(asked && asked.modal, 'a modal prompt was shown');
    assert.strictEqual(api.getState().lockdown, false);
    assert.notStrictEqual(api.getState().status, 'lockdown');
  });

  it('the public API can turn it on but offers nothing to turn it off', async () => {
    assert.strictEqual(typeof api.enableLockdown, 'function');
    assert.strictEqual(api.disableLockdown, undefined);
    await api.enableLockdown();
    assert.strictEqual(api.getState().lockdown, true);
  });
});
