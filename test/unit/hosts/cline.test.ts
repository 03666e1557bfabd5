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
    // Captured from Cline CLI 3.0.65 (hookName "tool_call"), one per tool of its SDK.
    { fixture: 'tool_call.run_commands.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'tool_call.run_commands.rm-rf', kind: 'shell', decision: 'deny', asks: true, check: (a) => assert.match(a.kind === 'shell' ? a.command : '', /git status[\s\S]*rm -rf \.\/data/) },
    { fixture: 'tool_call.read_files.source', kind: 'read', decision: 'allow' },
    { fixture: 'tool_call.read_files.env', kind: 'all', decision: 'deny', check: (a, t) => assert.deepEqual(a.kind === 'all' && a.actions.map((x) => x.kind === 'read' && x.path), [path.join(t.workspace, 'README.md'), path.join(t.workspace, '.env')]) },
    { fixture: 'tool_call.editor.source', kind: 'write', decision: 'allow' },
    { fixture: 'tool_call.editor.own-hook', kind: 'write', decision: 'deny' },
    { fixture: 'tool_call.apply_patch.env', kind: 'write', decision: 'deny', check: (a, t) => assert.deepEqual(a.kind === 'write' && a.paths, [path.join(t.workspace, 'README.md'), path.join(t.workspace, '.env')]) },
    // A content search of the whole workspace, dotfiles included (the real engine judges it as `rg --hidden`).
    {
      fixture: 'tool_call.search_codebase.token',
      kind: 'search',
      decision: 'allow',
      check: (a, t) => assert.deepEqual(a.kind === 'search' && { path: a.path, content: a.content }, { path: t.workspace, content: { globs: [], hidden: true, ignored: false } }),
    },
    { fixture: 'tool_call.fetch_web_content.docs', kind: 'fetch', decision: 'allow' },
    // The same calls in the extension's event shape (hookName "PreToolUse", parameters as strings).
    { fixture: 'PreToolUse.run_commands.rm-rf', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'PreToolUse.read_files.env', kind: 'all', decision: 'deny' },
    { fixture: 'PreToolUse.editor.own-hook', kind: 'write', decision: 'deny' },
  ],
});
