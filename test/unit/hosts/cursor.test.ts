import * as assert from 'node:assert/strict';
import { describeHost } from './hostSuite';

describeHost('cursor', {
  askFixture: 'beforeShellExecution.rm-rf',
  failureExitCode: 2,
  unknownEvent: (t) => JSON.stringify({ hook_event_name: 'beforeSubmitPrompt', workspace_roots: [t.workspace], prompt: 'hi' }),
  cases: [
    { fixture: 'afterFileEdit', kind: 'edited', decision: 'none' },
    { fixture: 'beforeMCPExecution.list-services', kind: 'mcp', decision: 'allow' },
    {
      fixture: 'beforeMCPExecution.volume-delete',
      kind: 'mcp',
      decision: 'deny',
      asks: true,
      check: (a) => assert.deepEqual(a.kind === 'mcp' && a.input, { volumeId: '3f2b9c1e-8a7d-4e6f-b5c4-1d2e3f4a5b6c' }),
    },
    { fixture: 'beforeReadFile.env', kind: 'read', decision: 'deny', check: (a) => assert.ok(a.kind === 'read' && a.content !== undefined) },
    { fixture: 'beforeReadFile.readme', kind: 'read', decision: 'allow' },
    { fixture: 'beforeShellExecution.git-status', kind: 'shell', decision: 'allow', check: (a, t) => assert.deepEqual(a, { kind: 'shell', command: 'git status', cwd: t.workspace }) },
    { fixture: 'beforeShellExecution.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'beforeShellExecution.self-protection', kind: 'shell', decision: 'deny' },
    { fixture: 'preToolUse.mcp', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'mcp' && a.tool, 'volume_delete') },
    { fixture: 'preToolUse.read', kind: 'read', decision: 'allow' },
    { fixture: 'preToolUse.shell', kind: 'shell', decision: 'allow' },
    { fixture: 'preToolUse.write-hooks', kind: 'write', decision: 'deny' },
  ],
});
