import * as assert from 'node:assert/strict';
import { patchPaths } from '../../../src/node/hosts/action';
import { HOST_ADAPTERS } from '../../../src/node/hosts/adapters';
import { actionFromTool } from '../../../src/node/hosts/toolActions';

const ctx = { cwd: '/w', home: '/h' };

describe('hosts/toolActions: one vocabulary for every host', () => {
  const table: [string, unknown, string, unknown?][] = [
    ['Bash', { command: 'ls' }, 'shell', { command: 'ls', cwd: '/w' }],
    ['run_in_terminal', { command: 'ls', explanation: 'x' }, 'shell'],
    ['runInTerminal', { command: 'ls' }, 'shell'],
    ['execute_command', { command: 'ls', requires_approval: 'false' }, 'shell'],
    ['bash', JSON.stringify({ command: 'ls' }), 'shell'],
    ['Shell', { command: 'ls', cwd: 'sub' }, 'shell', { command: 'ls', cwd: '/w/sub' }],
    ['run_terminal_cmd', { command: 'ls' }, 'shell'],
    ['Read', { file_path: '/w/a.ts' }, 'read', { path: '/w/a.ts', cwd: '/w' }],
    ['read_file', { filePath: 'a.ts' }, 'read', { path: '/w/a.ts', cwd: '/w' }],
    ['view', { path: '~/x' }, 'read', { path: '/h/x', cwd: '/w' }],
    ['str_replace_editor', { command: 'view', path: 'a.ts' }, 'read'],
    ['str_replace_editor', { command: 'str_replace', path: 'a.ts', old_str: 'a', new_str: 'b' }, 'write'],
    ['Grep', { pattern: 'x' }, 'search', { path: '/w', pattern: 'x', cwd: '/w', content: { globs: [], hidden: false, ignored: false, pattern: 'x' } }],
    ['search_files', { path: 'src', regex: 'x' }, 'search'],
    ['Write', { file_path: 'a.ts', content: 'x' }, 'write', { paths: ['/w/a.ts'], cwd: '/w', newText: 'x' }],
    ['multi_replace_string_in_file', { replacements: [{ filePath: 'a.ts' }, { filePath: 'b.ts' }] }, 'write'],
    ['editFiles', { files: ['src/main.ts'] }, 'write', { paths: ['/w/src/main.ts'], cwd: '/w', newText: undefined }],
    ['apply_patch', { input: '*** Begin Patch\n*** Add File: n.ts\n+x\n*** Delete File: o.ts\n*** End Patch' }, 'write'],
    ['delete_file', { target_file: 'x' }, 'write'],
    ['WebFetch', { url: 'https://x' }, 'fetch'],
    ['fetch_webpage', { urls: ['https://a', 'https://b'] }, 'fetch'],
    ['TodoWrite', { todos: [] }, 'other'],
    ['some_new_tool', { command: 'rm -rf /' }, 'shell'],
    // Tools the table does not know are judged on what they carry.
    ['Workflow', { script: 'await agent({ prompt: "x" })' }, 'shell', { command: `node --input-type=module -e 'await agent({ prompt: "x" })'`, cwd: '/w' }],
    ['Workflow', { scriptPath: 'wf/cleanup.js' }, 'shell', { command: "node '/w/wf/cleanup.js'", cwd: '/w' }],
    ['Workflow', { name: 'nightly' }, 'other'],
    ['RunScript', { script: 'rm -rf data' }, 'shell', { command: 'rm -rf data', cwd: '/w' }],
    ['RunScript', { scriptPath: 'bin/clean.sh' }, 'shell', { command: "sh '/w/bin/clean.sh'", cwd: '/w' }],
    ['RunScript', { script_path: 'tools/fix.py' }, 'shell', { command: "python3 '/w/tools/fix.py'", cwd: '/w' }],
    ['Upload', { file_path: '.env' }, 'all', { cwd: '/w', actions: [{ kind: 'read', path: '/w/.env', cwd: '/w' }, { kind: 'write', paths: ['/w/.env'], cwd: '/w' }] }],
    ['Browse', { url: 'https://example.com/a' }, 'fetch', { url: 'https://example.com/a', cwd: '/w' }],
    ['Mixed', { path: 'a.txt', url: 'https://example.com' }, 'all'],
    ['Agent', { description: 'x', prompt: 'list files' }, 'other'],
    ['Skill', { skill: 'deploy', args: 'production' }, 'other'],
  ];
  for (const [tool, input, kind, exact] of table) {
    it(`${tool} ${JSON.stringify(input).slice(0, 50)} -> ${kind}`, () => {
      const a = actionFromTool(tool, input, ctx);
      assert.equal(a.kind, kind);
      if (exact) assert.deepEqual({ ...a, kind: undefined }, { ...(exact as object), kind: undefined });
    });
  }

  it('finds every path in an apply_patch body', () => {
    assert.deepEqual(patchPaths('*** Begin Patch\n*** Update File: a.ts\n*** Move to: b.ts\n*** Delete File: c.ts\n*** End Patch'), ['a.ts', 'b.ts', 'c.ts']);
    assert.deepEqual(patchPaths('--- a/x.ts\n+++ b/x.ts\n@@'), ['x.ts']);
  });

  it('the Copilot adapter also accepts the VS Code-compatible (PascalCase) payload', () => {
    const r = HOST_ADAPTERS.copilot.parse({ hook_event_name: 'PreToolUse', cwd: '/w', tool_name: 'bash', tool_input: { command: 'ls' } }, { HOME: '/h' });
    assert.ok(r.ok && r.input.action.kind === 'shell');
  });

  it('the VS Code adapter also accepts Copilot CLI field names', () => {
    const r = HOST_ADAPTERS.vscode.parse({ hookEventName: 'PreToolUse', cwd: '/w', toolName: 'read_file', toolArgs: { filePath: '.env' } }, { HOME: '/h' });
    assert.ok(r.ok && r.input.action.kind === 'read' && r.input.action.path === '/w/.env');
  });

  it('VS Code MCP tool names split into server and tool', () => {
    const r = HOST_ADAPTERS.vscode.parse({ hookEventName: 'PreToolUse', cwd: '/w', tool_name: 'mcp_railway_volume_delete', tool_input: { volumeId: 'v' } }, { HOME: '/h' });
    assert.ok(r.ok && r.input.action.kind === 'mcp' && r.input.action.server === 'railway' && r.input.action.tool === 'volume_delete');
  });

  it('Cursor user hooks run in ~/.cursor: the workspace comes from the payload, never the cwd', () => {
    const r = HOST_ADAPTERS.cursor.parse({ hook_event_name: 'beforeReadFile', workspace_roots: ['/w'], file_path: 'src/a.ts' }, { HOME: '/h' });
    assert.ok(r.ok && r.input.action.kind === 'read' && r.input.action.path === '/w/src/a.ts');
  });
});
