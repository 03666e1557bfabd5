import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('cline', {
  askFixture: 'execute_command.rm-rf',
  failureExitCode: 0,
  unknownEvent: (t) => JSON.stringify({ hookName: 'TaskStart', workspaceRoots: [t.workspace], taskStart: {} }),
  cases: [
    { fixture: 'execute_command.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'execute_command.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'read_file.env', kind: 'read', decision: 'deny', check: (a, t) => assert.equal(a.kind === 'read' && a.path, path.join(t.workspace, '.env')) },
    { fixture: 'read_file.source', kind: 'read', decision: 'allow' },
    { fixture: 'replace_in_file.own-hook', kind: 'write', decision: 'deny' },
    { fixture: 'use_mcp_tool.volume-delete', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.deepEqual(a.kind === 'mcp' && a.input, { volumeId: '3f2b9c1e-8a7d-4e6f-b5c4-1d2e3f4a5b6c' }) },
    { fixture: 'write_to_file.source', kind: 'write', decision: 'allow' },
  ],
});
