import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('codex', {
  askFixture: 'Bash.incident-curl',
  // Codex blocks on exit 2 with the reason on stderr, whatever else is printed: every deny uses it.
  failureExitCode: 2,
  denyExitCode: 2,
  unknownEvent: (t) => JSON.stringify({ session_id: 's', turn_id: 't', cwd: t.workspace, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' }, tool_response: 'ok' }),
  cases: [
    { fixture: 'Bash.git-status', kind: 'shell', decision: 'allow', check: (a) => assert.equal(a.kind === 'shell' && a.command, 'git status') },
    { fixture: 'Bash.incident-curl', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'Bash.self-protection', kind: 'shell', decision: 'deny' },
    { fixture: 'apply_patch.claude-settings', kind: 'write', decision: 'deny' },
    { fixture: 'apply_patch.env', kind: 'write', decision: 'deny', check: (a, t) => assert.deepEqual(a.kind === 'write' && a.paths, [path.join(t.workspace, '.env')]) },
    { fixture: 'apply_patch.source', kind: 'write', decision: 'allow', check: (a, t) => assert.deepEqual(a.kind === 'write' && a.paths, [path.join(t.workspace, 'src/index.ts')]) },
    { fixture: 'mcp.volume-delete', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.deepEqual(a.kind === 'mcp' && [a.server, a.tool], ['railway', 'volume_delete']) },
    { fixture: 'spawn_agent.other', kind: 'other', decision: 'allow' },
    { fixture: 'view_image.env', kind: 'read', decision: 'deny' },
  ],
});
