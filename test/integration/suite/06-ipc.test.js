// The socket server in the editor answering a real hook process, spawned from the test exactly as an
// agent host spawns it: `node dist/cli.js hook claude` with Claude Code's PreToolUse JSON on stdin.
'use strict';
const assert = require('node:assert');
const { activate, claudeBashPayload, eventually, runHook, testApi } = require('./helpers');

function decision(result) {
  const out = result.json && result.json.hookSpecificOutput;
  if (result.code === 2) return 'deny';
  return out && out.permissionDecision;
}

/** The ask this hook sent, once it is pending; fails at once with the hook's answer if it answers first. */
async function pendingAskOf(api, hook) {
  let answered;
  hook.then((r) => { answered = r; }, () => {});
  return eventually(() => {
    if (answered) throw Object.assign(new Error(`the hook answered "${decision(answered)}" without asking: ${answered.stdout.slice(0, 300)}`), { final: true });
    return api.getState().pending[0];
  }, 20000, 'the hook\'s ask to reach the editor');
}

describe('the hook socket answers a real hook process', () => {
  let api;
  before(async () => {
    api = (await activate()).api;
    await eventually(() => api.getState().ipcRunning, 15000, 'the hook socket to be up');
    const t = await testApi('setLockdown');
    await t.setLockdown(false);
  });

  beforeEach(async () => {
    await eventually(() => api.getState().pending.length === 0, 10000, 'no ask left from the previous case');
  });

  it('a benign command is allowed without asking anyone', async () => {
    const result = await runHook('claude', claudeBashPayload('ls -la src'));
    assert.strictEqual(decision(result), 'allow', result.stdout + result.stderr);
    assert.strictEqual(api.getState().pending.length, 0);
  });

  it('a destructive command reaches the dialog; the exact phrase allows it once', async () => {
    const t = await testApi('submitPhrase');
    const hook = runHook('claude', claudeBashPayload('rm -rf src'));
    const pending = await pendingAskOf(api, hook);
    assert.strictEqual(pending.host, 'claude');
    assert.strictEqual(pending.actionKind, 'shell');
    assert.ok(pending.phrase.length > 0);
    assert.strictEqual(t.submitPhrase(pending.id, 'yes'), 'mismatch');
    assert.strictEqual(t.submitPhrase(pending.id, pending.phrase), 'allowed');
    const result = await hook;
    assert.strictEqual(decision(result), 'allow', result.stdout + result.stderr);
  });

  it('Deny in the dialog makes the hook deny, with a reason for the agent', async () => {
    const t = await testApi('deny');
    const hook = runHook('claude', claudeBashPayload('git push --force origin main'));
    const pending = await pendingAskOf(api, hook);
    assert.ok(t.deny(pending.id));
    const result = await hook;
    assert.strictEqual(decision(result), 'deny', result.stdout + result.stderr);
    assert.ok(result.json.hookSpecificOutput.permissionDecisionReason.length > 0);
  });

  it('in lockdown the hook is denied with no dialog', async () => {
    const t = await testApi('setLockdown');
    await t.setLockdown(true);
    try {
      const started = Date.now();
      const result = await runHook('claude', claudeBashPayload('rm -rf src'));
      assert.strictEqual(decision(result), 'deny', result.stdout + result.stderr);
      assert.strictEqual(api.getState().pending.length, 0);
      assert.ok(Date.now() - started < 10000, 'answered at once');
    } finally {
      await t.setLockdown(false);
    }
  });

  it('a wrong token is refused by the socket (the hook cannot be impersonated)', async () => {
    const t = await testApi('ipcEndpoint');
    const ep = t.ipcEndpoint();
    assert.ok(ep && ep.endpoint, 'the socket endpoint is known');
    const net = require('node:net');
    const reply = await new Promise((resolve, reject) => {
      const sock = net.createConnection(ep.endpoint);
      let data = '';
      sock.on('data', (d) => { data += d; if (data.includes('\n')) { sock.end(); resolve(data.trim()); } });
      sock.on('error', reject);
      sock.on('close', () => resolve(data.trim()));
      sock.write(JSON.stringify({ type: 'ping', version: 2, token: 'not-the-token', id: 'x1' }) + '\n');
      setTimeout(() => { sock.destroy(); resolve(data.trim()); }, 5000);
    });
    if (reply) {
      const parsed = JSON.parse(reply);
      assert.notStrictEqual(parsed.type, 'pong', `reply to a wrong token: ${reply}`);
    }
    // An empty reply (connection closed) is a refusal too.
  });
});
