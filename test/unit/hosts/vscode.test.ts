import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('vscode', {
  askFixture: 'run_in_terminal.rm-rf',
  failureExitCode: 0,
  unknownEvent: (t) => JSON.stringify({ cwd: t.workspace, hookEventName: 'SessionStart', sessionId: 's' }),
  cases: [
    { fixture: 'apply_patch.cursor-hooks', kind: 'write', decision: 'deny', check: (a, t) => assert.deepEqual(a.kind === 'write' && a.paths, [path.join(t.workspace, '.cursor/hooks.json')]) },
    { fixture: 'create_file.source', kind: 'write', decision: 'allow' },
    { fixture: 'insert_edit_into_file.source', kind: 'write', decision: 'allow' },
    { fixture: 'manage_todo_list.other', kind: 'other', decision: 'allow' },
    { fixture: 'read_file.env', kind: 'read', decision: 'deny' },
    { fixture: 'read_file.source', kind: 'read', decision: 'allow' },
    { fixture: 'replace_string_in_file.hooks', kind: 'write', decision: 'deny' },
    { fixture: 'run_in_terminal.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'run_in_terminal.rm-rf', kind: 'shell', decision: 'deny', asks: true },
  ],
});
