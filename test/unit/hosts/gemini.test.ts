import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describeHost } from './hostSuite';

describeHost('gemini', {
  askFixture: 'run_shell_command.incident-curl',
  // Gemini lets the tool run on every exit but 2 (or a JSON deny): failures answer both.
  failureExitCode: 2,
  unknownEvent: (t) => JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'AfterTool', tool_name: 'run_shell_command', tool_input: { command: 'ls' }, tool_response: {} }),
  cases: [
    { fixture: 'glob.all', kind: 'search', decision: 'allow' },
    { fixture: 'grep_search.source', kind: 'search', decision: 'allow', check: (a, t) => assert.ok(a.kind === 'search' && a.path === path.join(t.workspace, 'src') && a.content?.globs[0] === '*.ts') },
    { fixture: 'list_directory.root', kind: 'search', decision: 'allow' },
    { fixture: 'mcp.volume-delete', kind: 'mcp', decision: 'deny', asks: true, check: (a) => assert.deepEqual(a.kind === 'mcp' && [a.server, a.tool], ['railway', 'volume_delete']) },
    { fixture: 'read_file.env', kind: 'read', decision: 'deny', check: (a, t) => assert.equal(a.kind === 'read' && a.path, path.join(t.workspace, '.env')) },
    { fixture: 'read_file.source', kind: 'read', decision: 'allow' },
    { fixture: 'read_many_files.env', kind: 'all', decision: 'deny' },
    {
      fixture: 'read_many_files.source',
      kind: 'all',
      decision: 'allow',
      check: (a, t) => {
        assert.ok(a.kind === 'all');
        const [glob, readme] = a.actions;
        assert.ok(glob?.kind === 'search' && glob.path === path.join(t.workspace, 'src') && glob.content?.globs[0] === '*.ts', JSON.stringify(glob));
        assert.deepEqual(readme, { kind: 'read', path: path.join(t.workspace, 'README.md'), cwd: t.workspace });
      },
    },
    { fixture: 'replace.source', kind: 'write', decision: 'allow', check: (a, t) => assert.deepEqual(a.kind === 'write' && [a.paths, a.newText], [[path.join(t.workspace, 'src/index.ts')], 'const answer = 1;']) },
    { fixture: 'run_shell_command.git-status', kind: 'shell', decision: 'allow' },
    { fixture: 'run_shell_command.incident-curl', kind: 'shell', decision: 'deny', asks: true },
    { fixture: 'run_shell_command.self-protection', kind: 'shell', decision: 'deny' },
    { fixture: 'web_fetch.docs', kind: 'fetch', decision: 'allow', check: (a) => assert.equal(a.kind === 'fetch' && a.url, 'https://docs.railway.com/reference/volumes') },
    { fixture: 'write_file.guard-home', kind: 'write', decision: 'deny' },
    { fixture: 'write_file.source', kind: 'write', decision: 'allow' },
    { fixture: 'write_todos.other', kind: 'other', decision: 'allow' },
  ],
});
