// The confirm flow driven through the extension: the dialog opens as a webview tab, only the exact
// phrase allows, Deny and closing the dialog deny, asks queue and are each answered.
'use strict';
const assert = require('node:assert');
const vscode = require('vscode');
const { activate, confirmRequest, eventually, testApi } = require('./helpers');

function dialogTabs() {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /blast shield/i.test(t.label));
}

describe('the confirm flow', () => {
  let api;
  let t;
  before(async () => {
    api = (await activate()).api;
    t = await testApi('ask', 'submitPhrase', 'deny', 'setLockdown');
    await t.setLockdown(false);
  });

  // A closed dialog's tab disappears a moment after its answer: start each case from an empty editor
  // area, so a case never acts on the tab of the one before.
  beforeEach(async () => {
    await eventually(() => dialogTabs().length === 0 && api.getState().pending.length === 0, 10000, 'no dialog left from the previous case');
  });

  it('opens the dialog as a webview tab; a wrong phrase keeps it pending; the exact phrase allows', async () => {
    const req = confirmRequest({ phrase: 'delete build', production: true });
    const answer = t.ask(req);
    await eventually(() => dialogTabs().length === 1, 15000, 'the dialog tab');
    assert.match(dialogTabs()[0].label, /production/i, 'a production ask says so in the title');
    assert.strictEqual(t.submitPhrase(req.id, 'delete  build!'), 'mismatch');
    assert.strictEqual(t.submitPhrase(req.id, 'DELETE BUILD'), 'mismatch');
    assert.strictEqual(api.getState().pending.length, 1, 'still pending after wrong phrases');
    assert.strictEqual(t.submitPhrase(req.id, '  delete build '), 'allowed');
    assert.strictEqual((await answer).decision, 'allow');
    await eventually(() => dialogTabs().length === 0, 10000, 'the dialog to close');
  });

  it('Deny denies', async () => {
    const req = confirmRequest();
    const answer = t.ask(req);
    await eventually(() => api.getState().pending.length === 1, 10000, 'pending');
    assert.ok(t.deny(req.id));
    assert.strictEqual((await answer).decision, 'deny');
  });

  it('closing the dialog denies', async () => {
    const req = confirmRequest();
    // The previous case's tab can linger in the tab model while it closes; closing it would answer nothing.
    await eventually(() => dialogTabs().length === 0, 10000, 'no dialog tab left from the previous case');
    const answer = t.ask(req);
    await eventually(() => api.getState().pending.some((p) => p.id === req.id), 10000, 'this ask pending');
    const tab = await eventually(() => dialogTabs().length === 1 && dialogTabs()[0].isActive && dialogTabs()[0], 15000, 'the dialog tab of this ask');
    assert.ok(await vscode.window.tabGroups.close(tab), 'the tab closed');
    const a = await answer;
    assert.strictEqual(a.decision, 'deny');
    assert.match(a.reason, /closed/i);
  });

  it('the deadline denies', async () => {
    const req = confirmRequest({ deadlineMs: 1500 });
    const a = await t.ask(req);
    assert.strictEqual(a.decision, 'deny');
  });

  it('several asks queue and each is answered in turn', async () => {
    const reqs = [confirmRequest({ phrase: 'one' }), confirmRequest({ phrase: 'two' }), confirmRequest({ phrase: 'three' })];
    const answers = reqs.map((r) => t.ask(r));
    await eventually(() => api.getState().pending.length === 3, 10000, 'three pending');
    assert.strictEqual(t.submitPhrase(reqs[1].id, 'two'), 'not-current', 'only the ask on screen can be allowed');
    assert.strictEqual(t.submitPhrase(reqs[0].id, 'one'), 'allowed');
    assert.ok(t.deny(reqs[1].id));
    await eventually(() => api.getState().pending.length === 1, 5000, 'one left');
    assert.strictEqual(t.submitPhrase(reqs[2].id, 'three'), 'allowed');
    assert.deepStrictEqual((await Promise.all(answers)).map((a) => a.decision), ['allow', 'deny', 'allow']);
  });

  it('switching lockdown on denies what is pending and every new ask at once', async () => {
    const req = confirmRequest();
    const answer = t.ask(req);
    await eventually(() => api.getState().pending.length === 1, 10000, 'pending');
    await t.setLockdown(true);
    try {
      assert.strictEqual((await answer).decision, 'deny');
      const started = Date.now();
      const again = await t.ask(confirmRequest());
      assert.strictEqual(again.decision, 'deny');
      assert.ok(Date.now() - started < 1000);
      await eventually(() => dialogTabs().length === 0, 5000, 'no dialog in lockdown');
    } finally {
      await t.setLockdown(false);
    }
  });
});
