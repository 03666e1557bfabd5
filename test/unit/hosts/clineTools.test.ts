import * as assert from 'node:assert/strict';
import { clineToolAction, readPathsOf, runCommandsOf } from '../../../src/node/hosts/cline/tools';

// Every input shape Cline CLI 3.0.65's own tools accept (read off their input normalisation in its
// bundle); the hook must find every command and path in each, and refuse a shape it cannot read.
const ctx = { cwd: '/w', home: '/h' };

describe('hosts/cline tools', () => {
  describe('run_commands: every command in every shape', () => {
    const table: [string, unknown, string[] | undefined][] = [
      ['a plain string', 'rm -rf data', ['rm -rf data']],
      ['an array of strings', ['ls', 'rm -rf data'], ['ls', 'rm -rf data']],
      ['{commands: [...]}', { commands: ['ls', 'rm -rf data'] }, ['ls', 'rm -rf data']],
      ['{commands: "one"}', { commands: 'rm -rf data' }, ['rm -rf data']],
      ['{commands} as JSON text', { commands: '["ls","rm -rf data"]' }, ['ls', 'rm -rf data']],
      ['{command}', { command: 'rm -rf data' }, ['rm -rf data']],
      ['{cmd}', { cmd: 'rm -rf data' }, ['rm -rf data']],
      ['{command, args}', { command: 'rm', args: ['-rf', 'my data'] }, ["rm -rf 'my data'"]],
      ['items {command, args}', { commands: [{ command: 'rm', args: ['-rf', 'data'] }, 'ls'] }, ['rm -rf data', 'ls']],
      ['the whole input as JSON text', '{"commands":["rm -rf data"]}', ['rm -rf data']],
      ['an item that is no command', { commands: [42] }, undefined],
      ['no commands at all', { commands: [] }, undefined],
      ['an unknown shape', { script: 'rm -rf data' }, undefined],
    ];
    for (const [name, input, expected] of table) {
      it(name, () => assert.deepEqual(runCommandsOf(input), expected));
    }

    it('judges several commands as subshells, so one cd does not move the next', () => {
      const a = clineToolAction('run_commands', { commands: ['cd /tmp', 'rm -rf data'] }, ctx);
      assert.deepEqual(a, { kind: 'shell', command: '(\ncd /tmp\n)\n(\nrm -rf data\n)', cwd: '/w' });
    });
  });

  describe('read_files: every path in every shape', () => {
    const table: [string, unknown, string[] | undefined][] = [
      ['a plain string', '.env', ['.env']],
      ['an array of strings', ['a', '.env'], ['a', '.env']],
      ['{files: [{path}]}', { files: [{ path: 'a' }, { path: '.env', start_line: 1, end_line: 2 }] }, ['a', '.env']],
      ['{files: {path}}', { files: { path: '.env' } }, ['.env']],
      ['{files} as JSON text', { files: '[{"path":".env"}]' }, ['.env']],
      ['{file_paths}', { file_paths: ['a', '.env'] }, ['a', '.env']],
      ['{paths}', { paths: ['.env'] }, ['.env']],
      ['one {path}', { path: '.env' }, ['.env']],
      ['an item without a path', { files: [{ start_line: 1 }] }, undefined],
      ['no path at all', {}, undefined],
    ];
    for (const [name, input, expected] of table) {
      it(name, () => assert.deepEqual(readPathsOf(input), expected));
    }

    it('several paths: every one must be allowed', () => {
      const a = clineToolAction('read_files', { files: [{ path: 'README.md' }, { path: '~/.aws/credentials' }] }, ctx);
      assert.deepEqual(a, { kind: 'all', cwd: '/w', actions: [{ kind: 'read', path: '/w/README.md', cwd: '/w' }, { kind: 'read', path: '/h/.aws/credentials', cwd: '/w' }] });
    });
  });

  describe('writes', () => {
    it('editor writes its path', () => {
      assert.deepEqual(clineToolAction('editor', { path: 'src/a.ts', old_text: 'x', new_text: 'y' }, ctx), { kind: 'write', paths: ['/w/src/a.ts'], cwd: '/w', newText: 'y' });
    });
    it('editor without a path is unreadable', () => assert.equal(clineToolAction('editor', { new_text: 'y' }, ctx), undefined));
    it('apply_patch writes every file it adds, updates, deletes or moves to', () => {
      const patch = '*** Begin Patch\n*** Add File: n.ts\n+x\n*** Update File: a.ts\n*** Move to: b.ts\n@@\n-a\n+b\n*** Delete File: .env\n*** End Patch\n';
      const a = clineToolAction('apply_patch', { input: patch }, ctx);
      assert.deepEqual(a && a.kind === 'write' && a.paths.sort(), ['/w/.env', '/w/a.ts', '/w/b.ts', '/w/n.ts']);
    });
    it('apply_patch as bare text', () => {
      const a = clineToolAction('apply_patch', '*** Begin Patch\n*** Delete File: data/x.csv\n*** End Patch', ctx);
      assert.deepEqual(a && a.kind === 'write' && a.paths, ['/w/data/x.csv']);
    });
    it('a patch naming no file is unreadable', () => assert.equal(clineToolAction('apply_patch', { input: 'rm -rf /' }, ctx), undefined));
  });

  it('fetch_web_content fetches every URL', () => {
    assert.deepEqual(clineToolAction('fetch_web_content', { requests: [{ url: 'https://a.example', prompt: 'p' }, { url: 'https://b.example', prompt: 'p' }] }, ctx), { kind: 'fetch', url: 'https://a.example https://b.example', cwd: '/w' });
  });

  it('older tool names go through the shared table', () => {
    assert.deepEqual(clineToolAction('execute_command', { command: 'rm -rf data', requires_approval: 'true' }, ctx), { kind: 'shell', command: 'rm -rf data', cwd: '/w' });
  });
});
