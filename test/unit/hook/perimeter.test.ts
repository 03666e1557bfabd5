import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import { runHook } from '../../../src/hook/runHook';
import { recordInstall } from '../../../src/node/hosts/installRegistry';
import { decisionIn, fakeEngine, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

/**
 * The perimeter at the hook: an agent's file tool (Write, Edit, create_file, apply_patch ...) aimed at
 * a protected path is denied on every host whatever working folder the payload names, and a tool
 * call whose input cannot be read is denied on every host.
 */

type Payload = Record<string, unknown>;

function base(host: HostId, fixture: string, home: string): Payload {
  return JSON.parse(fixtureText(host, fixture, home)) as Payload;
}

/** A write of `file` by each host's own file tool, with the payload's folder set to `folder`. */
function writePayload(host: HostId, file: string, folder: string, home: string): Payload {
  switch (host) {
    case 'claude':
      return { ...base('claude', 'Write.settings', home), cwd: folder, tool_input: { file_path: file, content: '{}\n' } };
    case 'cursor':
      return { ...base('cursor', 'preToolUse.write-hooks', home), cwd: folder, workspace_roots: [folder], tool_input: { file_path: file, contents: '{}' } };
    case 'vscode':
      return { ...base('vscode', 'create_file.source', home), cwd: folder, tool_input: { filePath: file, content: '{}\n' } };
    case 'copilot':
      return { ...base('copilot', 'create.claude-settings', home), cwd: folder, toolArgs: JSON.stringify({ path: file, file_text: '{}\n' }) };
    case 'cline':
      return { ...base('cline', 'write_to_file.source', home), workspaceRoots: [folder], preToolUse: { toolName: 'write_to_file', parameters: { path: file, content: '{}\n' } } };
  }
}

/** A shell tool call of each host with `input` as its tool input. */
function shellPayload(host: HostId, input: unknown, home: string): Payload {
  switch (host) {
    case 'claude':
      return { ...base('claude', 'Bash.git-status', home), tool_input: input };
    case 'cursor':
      return { ...base('cursor', 'preToolUse.shell', home), tool_input: input };
    case 'vscode':
      return { ...base('vscode', 'run_in_terminal.git-status', home), tool_input: input };
    case 'copilot':
      return { ...base('copilot', 'bash.git-status', home), toolArgs: input };
    case 'cline':
      return { ...base('cline', 'execute_command.git-status', home), preToolUse: { toolName: 'execute_command', parameters: input } };
  }
}

const HOSTS: HostId[] = ['claude', 'cursor', 'vscode', 'copilot', 'cline'];

describe('hook: the perimeter for agent file tools, whatever the payload folder', () => {
  let t: TempHome;
  let elsewhere: string;
  beforeEach(() => {
    t = makeTempHome();
    elsewhere = path.join(t.home, 'other-project');
    fs.mkdirSync(path.join(elsewhere, '.claude'), { recursive: true });
    fs.writeFileSync(path.join(elsewhere, '.claude', 'settings.local.json'), '{"hooks":{}}\n');
    recordInstall(t.guardHome, { host: 'claude', scope: 'project', file: path.join(elsewhere, '.claude', 'settings.local.json'), workspace: elsewhere });
    fs.mkdirSync(path.join(t.home, '.config', 'Code', 'User'), { recursive: true });
    fs.writeFileSync(path.join(t.home, '.config', 'Code', 'User', 'settings.json'), '{ "blastShield.lockdown.default": true }\n');
    fs.mkdirSync(path.join(t.home, '.claude'), { recursive: true });
    fs.symlinkSync(path.join(t.home, '.claude'), path.join(t.home, 'claude-link'));
  });
  afterEach(() => t.cleanup());

  const protectedFiles = (h: TempHome): string[] => [
    path.join(h.workspace, '.cursor', 'hooks.json'),
    path.join(h.workspace, '.CURSOR', 'hooks.json'),
    path.join(h.workspace, '.claude', 'settings.local.json'),
    path.join(h.workspace, '.github', 'hooks', 'extra.json'),
    path.join(h.workspace, '.clinerules', 'hooks', 'PreToolUse'),
    path.join(h.workspace, '.blast-shield.json'),
    path.join(h.home, '.bashrc'),
    path.join(h.home, '.zshenv'),
    path.join(h.home, '.config', 'fish', 'config.fish'),
    path.join(h.guardHome, 'settings.json'),
    path.join(h.guardHome, 'bin', 'cli.js'),
    path.join(h.home, 'other-project', '.claude', 'settings.local.json'),
    path.join(h.home, 'claude-link', 'settings.json'),
    path.join(h.home, '.config', 'Code', 'User', 'settings.json'),
    path.join(h.home, '.codex', 'hooks.json'),
    path.join(h.home, '.gemini', 'settings.json'),
  ];

  for (const host of HOSTS) {
    it(`${host}: every protected file is denied with the payload folder at /tmp and at the workspace`, async () => {
      for (const folder of ['/tmp', t.workspace]) {
        for (const file of protectedFiles(t)) {
          const r = await runHook(host, JSON.stringify(writePayload(host, file, folder, t.home)), t.env, { engine: fakeEngine() });
          assert.equal(decisionIn(host, r.stdout), 'deny', `${host} ${folder} ${file}: ${r.stdout}`);
        }
      }
    });

    it(`${host}: ordinary files stay writable`, async () => {
      for (const file of [path.join(t.workspace, 'src', 'new.ts'), path.join(t.workspace, '.claude', 'commands', 'review.md'), path.join(t.workspace, '.cursor', 'rules', 'x.mdc')]) {
        const r = await runHook(host, JSON.stringify(writePayload(host, file, '/tmp', t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout), 'allow', `${host} ${file}: ${r.stdout}`);
      }
    });

    it(`${host}: a shell tool whose command cannot be read is denied`, async () => {
      const inputs: unknown[] = [{}, { command: 5 }, { command: ['rm', '-rf', '/'] }, { command: { text: 'rm -rf /' } }, { command: null }, null, 42, ['rm -rf /']];
      for (const input of inputs) {
        const r = await runHook(host, JSON.stringify(shellPayload(host, input, t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout), 'deny', `${host} ${JSON.stringify(input)}: ${r.stdout}`);
      }
    });
  }

  it("user settings are guarded only while they carry Blast Shield's keys, before or after the write", async () => {
    const settings = path.join(t.home, '.config', 'Code', 'User', 'settings.json');
    fs.writeFileSync(settings, '{ "editor.tabSize": 2 }\n');
    const write = (content: string): Payload => ({ ...base('claude', 'Write.settings', t.home), cwd: '/tmp', tool_input: { file_path: settings, content } });
    assert.equal(decisionIn('claude', (await runHook('claude', JSON.stringify(write('{ "editor.tabSize": 4 }')), t.env, { engine: fakeEngine() })).stdout), 'allow');
    assert.equal(decisionIn('claude', (await runHook('claude', JSON.stringify(write('{ "blastShield.lockdown.default": false }')), t.env, { engine: fakeEngine() })).stdout), 'deny');
  });

  it('a Codex-style apply_patch carrying the patch in tool_input.command is judged by the files it names', async () => {
    const patch = `*** Begin Patch\n*** Update File: ${path.join(t.workspace, '.cursor', 'hooks.json')}\n@@\n-x\n+y\n*** End Patch\n`;
    const payload = { ...base('claude', 'Write.settings', t.home), cwd: '/tmp', tool_name: 'apply_patch', tool_input: { command: patch } };
    assert.equal(decisionIn('claude', (await runHook('claude', JSON.stringify(payload), t.env, { engine: fakeEngine() })).stdout), 'deny');
  });

  it('reads of the window tokens are denied, through a symlinked guard home and in another case', async () => {
    fs.mkdirSync(path.join(t.guardHome, 'ipc'), { recursive: true });
    fs.writeFileSync(path.join(t.guardHome, 'ipc', 'w.window.json'), '{}');
    fs.symlinkSync(t.guardHome, path.join(t.home, 'guard-link'));
    for (const file of [path.join(t.guardHome, 'ipc', 'w.window.json'), path.join(t.home, 'guard-link', 'ipc', 'w.window.json')]) {
      const payload = { ...base('claude', 'Read.source', t.home), cwd: '/tmp', tool_input: { file_path: file } };
      assert.equal(decisionIn('claude', (await runHook('claude', JSON.stringify(payload), t.env, { engine: fakeEngine() })).stdout), 'deny', file);
    }
  });
});
