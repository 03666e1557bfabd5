import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('windsurf', {
  askFixture: 'pre_run_command.rm-rf',
  // Windsurf reads only the exit code: 2 blocks, anything else lets the action run.
  failureExitCode: 2,
  denyExitCode: 2,
  unknownEvent: (t) => JSON.stringify({ agent_action_name: 'post_run_command', trajectory_id: 't', tool_info: { command_line: 'ls', cwd: t.workspace, exit_code: 0 } }),
  cases: [
    { fixture: 'pre_mcp_tool_use.volume-delete', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.deepEqual(a.kind === 'mcp' && [a.server, a.tool], ['railway', 'volume_delete']) },
    { fixture: 'pre_read_code.env', kind: 'read', decision: 'deny' },
    { fixture: 'pre_read_code.source', kind: 'read', decision: 'allow' },
    { fixture: 'pre_run_command.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'pre_run_command.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'pre_run_command.self-protection', kind: 'shell', decision: 'deny' },
    { fixture: 'pre_write_code.claude-settings', kind: 'write', decision: 'deny' },
    { fixture: 'pre_write_code.source', kind: 'write', decision: 'allow', check: (a, t) => assert.deepEqual(a.kind === 'write' && [a.paths, a.newText], [[path.join(t.workspace, 'src/index.ts')], 'const answer = 1;']) },
  ],
});
