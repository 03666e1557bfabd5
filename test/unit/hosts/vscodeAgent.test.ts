import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

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
    { fixture: 'powershell.remove-item', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, 'Remove-Item -LiteralPath .\\pipelines -Recurse -Force') },
    { fixture: 'toolName.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'view.env', kind: 'read', decision: 'deny', check: (a, t) => assert.equal(a.kind === 'read' && a.path, path.join(t.workspace, '.env')) },
    { fixture: 'view.source', kind: 'read', decision: 'allow' },
    { fixture: 'write_bash.rm-rf', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.equal(a.kind === 'shell' && a.command, 'rm -rf ./data\n') },
  ],
});
