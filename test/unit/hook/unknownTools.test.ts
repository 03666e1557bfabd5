import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runHook } from '../../../src/hook/runHook';
import { IpcError } from '../../../src/node/ipc/client';
import { readAuditEntries } from '../../../src/node/audit/auditLog';
import { decisionIn, fakeEngine, makeTempHome, messageIn, type TempHome } from '../hosts/support';

// Claude Code sends every tool to a hook installed for "*": tools Blast Shield has no table entry for
// are judged on the command, script, script path, file path or URL they carry; one carrying none is
// allowed and recorded in the audit log.
describe('hook: tools Blast Shield does not know', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  const noEditor = async (): Promise<never> => {
    throw new IpcError('no-editor', 'no editor window');
  };
  const call = (tool_name: string, tool_input: unknown) =>
    runHook('claude', JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name, tool_input, tool_use_id: 'toolu_1' }), t.env, { engine: fakeEngine(), ask: noEditor });

  const table: [string, string, unknown, 'allow' | 'deny', RegExp?][] = [
    ['a command', 'FutureShell', { command: 'rm -rf ./data' }, 'deny'],
    ['a shell script', 'RunScript', { script: 'rm -rf ./data' }, 'deny'],
    ['a JavaScript workflow that runs rm -rf', 'Workflow', { script: 'export const meta = {};\nrequire("child_process").execSync("rm -rf ./data")' }, 'deny'],
    ['a harmless workflow', 'Workflow', { script: 'export const meta = { name: "x" };\nawait agent({ prompt: "list files" });' }, 'allow'],
    ['a file path to a credential file', 'Upload', { file_path: '.env' }, 'deny', /\.env/],
    ['a file path to the hook configuration', 'Annotate', { path: '.cursor/hooks.json' }, 'deny'],
    ['a harmless file path', 'Annotate', { path: 'src/index.ts' }, 'allow'],
    ['a URL', 'Browse', { url: 'https://docs.example.com/guide' }, 'allow'],
    ['nothing Blast Shield judges', 'Agent', { description: 'explore', prompt: 'list the files' }, 'allow'],
  ];
  for (const [what, tool, input, decision, message] of table) {
    it(`${tool} carrying ${what} -> ${decision}`, async () => {
      const r = await call(tool, input);
      assert.equal(decisionIn('claude', r.stdout), decision, r.stdout);
      if (message) assert.match(messageIn('claude', r.stdout), message);
    });
  }

  it('a tool carrying nothing is recorded in the audit log', async () => {
    await call('ScheduleWakeup', { delaySeconds: 1200, reason: 'wait', prompt: '/loop' });
    const last = readAuditEntries(t.guardHome).at(-1);
    assert.equal(last?.kind, 'other');
    assert.equal(last?.decision, 'allow');
    assert.equal(last?.subject, 'ScheduleWakeup');
  });

  it('every part of a multi-part call is recorded as one decision naming every path', async () => {
    await call('Mixed', { path: 'src/index.ts', url: 'https://example.com' });
    const last = readAuditEntries(t.guardHome).at(-1);
    assert.equal(last?.kind, 'all');
    assert.equal(last?.subject, `${path.join(t.workspace, 'src/index.ts')}, fetch https://example.com`);
  });
});
