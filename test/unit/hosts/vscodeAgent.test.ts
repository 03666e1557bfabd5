import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runHook } from '../../../src/hook/runHook';
import { HOST_ADAPTERS } from '../../../src/node/hosts/adapters';
import { IpcError } from '../../../src/node/ipc/client';
import { describeHost } from './hostSuite';
import { fakeEngine, fixtureText, makeTempHome, type TempHome } from './support';

describeHost('vscode-agent', {
  askFixture: 'bash.rm-rf',
  // The Agent Host ignores a failing hook: every answer is JSON on exit 0.
  failureExitCode: 0,
  unknownEvent: (t) => JSON.stringify({ sessionId: 's', cwd: t.workspace, toolCalls: [] }),
  cases: [
    { fixture: 'bash.git-status', kind: 'shell', decision: 'allow', check: (a) => assert.equal(a.kind === 'shell' && a.command, 'git status') },
    { fixture: 'bash.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'batch.env-among-reads', kind: 'all', decision: 'deny' },
    // Two deletions in one call cannot both be confirmed by one answer: denied without asking.
    { fixture: 'batch.two-deletes', kind: 'all', decision: 'deny' },
    { fixture: 'batch.view-and-status', kind: 'all', decision: 'allow', check: (a) => assert.deepEqual(a.kind === 'all' && a.actions.map((x) => x.kind), ['read', 'shell']) },
    { fixture: 'create.claude-settings', kind: 'write', decision: 'deny' },
    { fixture: 'edit.source', kind: 'write', decision: 'allow' },
    // The `powershell` tool runs PowerShell: the engine reads it as PowerShell, not as a POSIX line.
    { fixture: 'powershell.remove-item', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, "pwsh -NoProfile -Command 'Remove-Item -LiteralPath .\\pipelines -Recurse -Force'") },
    { fixture: 'powershell.get-childitem', kind: 'shell', decision: 'allow' },
    { fixture: 'powershell.get-content-env', kind: 'shell', decision: 'allow', check: (a) => assert.equal(a.kind === 'shell' && a.command, "pwsh -NoProfile -Command 'Get-Content -Path .env'") },
    { fixture: 'toolName.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'view.env', kind: 'read', decision: 'deny', check: (a, t) => assert.equal(a.kind === 'read' && a.path, path.join(t.workspace, '.env')) },
    { fixture: 'view.source', kind: 'read', decision: 'allow' },
    { fixture: 'write_bash.rm-rf', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, 'rm -rf ./data\n') },
  ],
});

/**
 * The Agent Host has no hook file of its own: it runs our `vscode` and `copilot` entries with its
 * envelope. Both must recognise it, answer in the shape it reads (JSON on exit 0, top-level
 * permissionDecision), and count as two deliveries of one action (one dialog).
 */
describe('hosts/vscode-agent through the vscode and copilot entries', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());
  const noEditor = async (): Promise<never> => {
    throw new IpcError('no-editor', 'no editor window');
  };

  for (const entry of ['vscode', 'copilot'] as const) {
    it(`${entry}: parses the envelope as the Copilot harness, its own delivery`, () => {
      const parsed = HOST_ADAPTERS[entry].parse(JSON.parse(fixtureText('vscode-agent', 'bash.rm-rf', t.home)), t.env);
      assert.ok(parsed.ok);
      assert.equal(parsed.input.host, 'vscode-agent');
      assert.equal(parsed.input.event, `preToolUse (${entry} entry)`);
    });
    for (const [fixture, decision] of [['view.env', 'deny'], ['bash.git-status', 'allow'], ['bash.rm-rf', 'deny']] as const) {
      it(`${entry}: ${fixture} -> ${decision}, top-level permissionDecision on exit 0`, async () => {
        const r = await runHook(entry, fixtureText('vscode-agent', fixture, t.home), t.env, { engine: fakeEngine(), ask: noEditor });
        assert.equal(r.exitCode, 0);
        const out = JSON.parse(r.stdout) as { permissionDecision?: string; hookSpecificOutput?: { permissionDecision?: string } };
        assert.equal(out.permissionDecision, decision);
        if (entry === 'vscode') assert.equal(out.hookSpecificOutput?.permissionDecision, decision);
      });
    }
  }

  it('the vscode entry answers unreadable input in the shape both harnesses read', async () => {
    const r = await runHook('vscode', '{"toolCalls": [', t.env, { engine: fakeEngine(), ask: noEditor });
    const out = JSON.parse(r.stdout) as { permissionDecision?: string; hookSpecificOutput?: { permissionDecision?: string } };
    assert.equal(r.exitCode, 0);
    assert.equal(out.permissionDecision, 'deny');
    assert.equal(out.hookSpecificOutput?.permissionDecision, 'deny');
  });

  it('the Local harness still gets exactly its own shape', async () => {
    const r = await runHook('vscode', fixtureText('vscode', 'read_file.env', t.home), t.env, { engine: fakeEngine(), ask: noEditor });
    assert.deepEqual(Object.keys(JSON.parse(r.stdout) as object), ['hookSpecificOutput']);
  });

  it('arguments that are not JSON are a deny, not a guess', async () => {
    const payload = JSON.stringify({ sessionId: 's', cwd: t.workspace, toolCalls: [{ id: 'c', name: 'bash', args: '{"command": "rm -rf ' }] });
    const r = await runHook('vscode-agent', payload, t.env, { engine: fakeEngine(), ask: noEditor });
    assert.equal((JSON.parse(r.stdout) as { permissionDecision: string }).permissionDecision, 'deny');
    assert.match(r.stdout, /not valid JSON/);
  });

  it('one asking part of several is the question the dialog shows', async () => {
    const payload = JSON.stringify({ sessionId: 's', cwd: t.workspace, toolCalls: [{ id: 'a', name: 'view', args: JSON.stringify({ path: `${t.workspace}/README.md` }) }, { id: 'b', name: 'bash', args: JSON.stringify({ command: 'rm -rf ./data' }) }] });
    let shown = '';
    const r = await runHook('vscode-agent', payload, t.env, {
      engine: fakeEngine(),
      ask: async (_home, req) => {
        shown = req.action.kind === 'shell' ? req.action.command : req.action.kind;
        return { decision: 'allow', reason: 'typed the phrase' };
      },
    });
    assert.equal(shown, 'rm -rf ./data');
    assert.equal((JSON.parse(r.stdout) as { permissionDecision: string }).permissionDecision, 'allow');
  });
});
