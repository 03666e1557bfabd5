import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('claude', {
  askFixture: 'Bash.incident-curl',
  failureExitCode: 0,
  unknownEvent: (t) => JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } }),
  cases: [
    { fixture: 'Bash.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'Bash.incident-curl', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'Bash.self-protection', kind: 'shell', decision: 'deny' },
    { fixture: 'Edit.source', kind: 'write', decision: 'allow', check: (a, t) => assert.deepEqual(a.kind === 'write' && a.paths, [path.join(t.workspace, 'src/index.ts')]) },
    { fixture: 'Glob.all', kind: 'search', decision: 'allow' },
    { fixture: 'Grep.source', kind: 'search', decision: 'allow' },
    { fixture: 'MultiEdit.source', kind: 'write', decision: 'allow' },
    { fixture: 'NotebookEdit.source', kind: 'write', decision: 'allow' },
    { fixture: 'Read.env', kind: 'read', decision: 'deny' },
    { fixture: 'Read.source', kind: 'read', decision: 'allow' },
    { fixture: 'WebFetch.docs', kind: 'fetch', decision: 'allow' },
    { fixture: 'Write.guard-home', kind: 'write', decision: 'deny' },
    { fixture: 'Write.settings', kind: 'write', decision: 'deny' },
    // Captured from Claude Code 2.1.332 with the hook installed for every tool ("*").
    {
      fixture: 'Workflow.script',
      kind: 'shell',
      decision: 'allow',
      check: (a) => assert.match(a.kind === 'shell' ? a.command : '', /^node --input-type=module -e 'export const meta = /),
    },
    { fixture: 'Workflow.scriptPath', kind: 'shell', decision: 'allow', check: (a, t) => assert.equal(a.kind === 'shell' && a.command, `node '${path.join(t.workspace, 'scripts/cleanup.workflow.js')}'`) },
    { fixture: 'Agent.explore', kind: 'other', decision: 'allow' },
    { fixture: 'ScheduleWakeup.loop', kind: 'other', decision: 'allow' },
    { fixture: 'mcp.volume-delete', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.deepEqual(a.kind === 'mcp' && [a.server, a.tool], ['railway', 'volume_delete']) },
  ],
});
