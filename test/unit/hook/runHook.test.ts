import * as assert from 'node:assert/strict';
import type { ConfirmAsk } from '../../../src/core/protocol/ipc';
import { runHook } from '../../../src/hook/runHook';
import { startIpcServer } from '../../../src/node/ipc/server';
import { readAuditEntries } from '../../../src/node/audit/auditLog';
import { decisionIn, fakeEngine, fakeToken, fixtureText, inProcessEditor, makeTempHome, type TempHome } from '../hosts/support';

describe('hook: asking the editor through a live socket', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  it('an ask goes to the window that owns the workspace; the human allows; the host gets allow', async () => {
    const seen: ConfirmAsk[] = [];
    const server = await startIpcServer({ onConfirm: async (req) => (seen.push(req), { decision: 'allow', reason: 'typed ./data' }), appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      const r = await runHook('claude', fixtureText('claude', 'Bash.incident-curl', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor });
      assert.equal(decisionIn('claude', r.stdout), 'allow', r.stdout);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.host, 'claude');
      assert.equal(seen[0]!.action.kind, 'shell');
      assert.ok(seen[0]!.deadline > Date.now() + 200_000, 'waits until shortly before the host timeout');
      const last = readAuditEntries(t.guardHome).at(-1);
      assert.equal(last?.decidedBy, 'human');
      assert.equal(last?.decision, 'allow');
    } finally {
      await server.dispose();
    }
  });

  it('the same command through Cursor and its imported Claude hook shows one dialog; both get the answer', async () => {
    let asked = 0;
    const server = await startIpcServer({
      onConfirm: async () => (asked++, await new Promise((r) => setTimeout(r, 100)), { decision: 'deny', reason: 'not now' }),
      appName: 'Cursor',
      workspaceFolders: [t.workspace],
      home: t.guardHome,
    });
    try {
      const claudePayload = JSON.stringify({ ...JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)), tool_input: { command: 'rm -rf ./data' } });
      const [cursor, claude] = await Promise.all([
        runHook('cursor', fixtureText('cursor', 'beforeShellExecution.rm-rf', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor }),
        runHook('claude', claudePayload, t.env, { engine: fakeEngine(), verifier: inProcessEditor }),
      ]);
      assert.equal(asked, 1);
      assert.equal(decisionIn('cursor', cursor.stdout), 'deny');
      assert.equal(decisionIn('claude', claude.stdout), 'deny');
      assert.match(claude.stdout, /not now/);
      // the agent sending it again through the same hook is a retry: it gets a new dialog
      await runHook('claude', claudePayload, t.env, { engine: fakeEngine(), verifier: inProcessEditor });
      assert.equal(asked, 2);
    } finally {
      await server.dispose();
    }
  });

  it("Cursor's beforeMCPExecution and preToolUse for one MCP call show one dialog", async () => {
    let asked = 0;
    const server = await startIpcServer({
      onConfirm: async () => (asked++, await new Promise((r) => setTimeout(r, 100)), { decision: 'allow', reason: '' }),
      appName: 'Cursor',
      workspaceFolders: [t.workspace],
      home: t.guardHome,
    });
    try {
      const results = await Promise.all([
        runHook('cursor', fixtureText('cursor', 'beforeMCPExecution.volume-delete', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor }),
        runHook('cursor', fixtureText('cursor', 'preToolUse.mcp', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor }),
      ]);
      assert.equal(asked, 1);
      for (const r of results) assert.equal(decisionIn('cursor', r.stdout), 'allow');
    } finally {
      await server.dispose();
    }
  });

  it('secrets in a command are redacted before they reach the dialog and the audit log', async () => {
    const secret = fakeToken('gh' + 'p_');
    const seen: ConfirmAsk[] = [];
    const server = await startIpcServer({ onConfirm: async (req) => (seen.push(req), { decision: 'deny', reason: '' }), appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      const payload = JSON.stringify({ ...JSON.parse(fixtureText('claude', 'Bash.git-status', t.home)), tool_input: { command: `rm -rf ./data && curl -H "Authorization: token ${secret}" https://api.github.com` } });
      await runHook('claude', payload, t.env, { engine: fakeEngine(), verifier: inProcessEditor });
      assert.equal(seen.length, 1);
      assert.ok(!JSON.stringify(seen[0]).includes(secret));
      assert.ok(!JSON.stringify(readAuditEntries(t.guardHome)).includes(secret));
    } finally {
      await server.dispose();
    }
  });

  it('the request carries the action and its context, never a verdict, reasons or a dedupe key', async () => {
    const seen: ConfirmAsk[] = [];
    const raw: string[] = [];
    const server = await startIpcServer({ onConfirm: async (req) => (seen.push(req), { decision: 'deny', reason: '' }), appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      await runHook('claude', fixtureText('claude', 'Bash.incident-curl', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor, ask: undefined });
      raw.push(JSON.stringify(seen[0]));
      assert.equal(seen.length, 1);
      assert.deepEqual(Object.keys(seen[0]!).sort(), ['action', 'deadline', 'environment', 'event', 'host', 'id', 'token', 'type', 'version', 'workspaceRoots'].sort());
      assert.ok(!/"verdict"|"reasons"|"dedupeKey"|"confirm":/.test(raw[0]!));
    } finally {
      await server.dispose();
    }
  });

  it('an allow bound to another action is refused (the answer names the digest of the action shown)', async () => {
    const server = await startIpcServer({ onConfirm: async () => ({ decision: 'allow', reason: 'typed', actionDigest: 'f'.repeat(64) }), appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      const r = await runHook('claude', fixtureText('claude', 'Bash.incident-curl', t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor });
      assert.equal(decisionIn('claude', r.stdout), 'deny', r.stdout);
      assert.match(r.stdout, /unreadable answer/);
      const last = readAuditEntries(t.guardHome).at(-1);
      assert.equal(last?.decidedBy, 'failure');
    } finally {
      await server.dispose();
    }
  });

  it('reads never prompt', async () => {
    const server = await startIpcServer({ onConfirm: async () => assert.fail('a read asked'), appName: 'Test', workspaceFolders: [t.workspace], home: t.guardHome });
    try {
      for (const [host, fixture] of [['cursor', 'beforeReadFile.env'], ['claude', 'Read.env'], ['vscode', 'read_file.env'], ['copilot', 'view.env'], ['cline', 'read_file.env']] as const) {
        const r = await runHook(host, fixtureText(host, fixture, t.home), t.env, { engine: fakeEngine(), verifier: inProcessEditor });
        assert.equal(decisionIn(host, r.stdout), 'deny');
      }
    } finally {
      await server.dispose();
    }
  });
});
