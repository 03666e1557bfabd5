import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import { runHook } from '../../../src/hook/runHook';
import { createRealEngine } from '../../../src/hook/realEngine';
import { recordInstall } from '../../../src/node/hosts/installRegistry';
import { decisionIn, fakeEngine, fixtureText, makeTempHome, messageIn, type TempHome } from '../hosts/support';

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
function writePayload(host: HostId, file: string, folder: string, home: string, content = '{}\n'): Payload {
  switch (host) {
    case 'claude':
      return { ...base('claude', 'Write.settings', home), cwd: folder, tool_input: { file_path: file, content } };
    case 'cursor':
      return { ...base('cursor', 'preToolUse.write-hooks', home), cwd: folder, workspace_roots: [folder], tool_input: { file_path: file, contents: content } };
    case 'vscode':
      return { ...base('vscode', 'create_file.source', home), cwd: folder, tool_input: { filePath: file, content } };
    case 'copilot':
      return { ...base('copilot', 'create.claude-settings', home), cwd: folder, toolArgs: JSON.stringify({ path: file, file_text: content }) };
    case 'cline':
      return { ...base('cline', 'write_to_file.source', home), workspaceRoots: [folder], preToolUse: { toolName: 'write_to_file', parameters: { path: file, content } } };
    case 'gemini':
      return { ...base('gemini', 'write_file.source', home), cwd: folder, tool_input: { file_path: file, content } };
    case 'codex':
      return { ...base('codex', 'apply_patch.source', home), cwd: folder, tool_input: { command: `*** Begin Patch\n*** Add File: ${file}\n+${content.trimEnd()}\n*** End Patch\n` } };
    case 'windsurf':
      return { ...base('windsurf', 'pre_write_code.source', home), tool_info: { file_path: file, edits: [{ old_string: '', new_string: content }] } };
    case 'vscode-agent':
      return { ...base('vscode-agent', 'create.claude-settings', home), cwd: folder, toolCalls: [{ id: 'c', name: 'create', args: JSON.stringify({ path: file, file_text: content }) }] };
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
    case 'gemini':
      return { ...base('gemini', 'run_shell_command.git-status', home), tool_input: input };
    case 'codex':
      return { ...base('codex', 'Bash.git-status', home), tool_input: input };
    case 'windsurf':
      return { ...base('windsurf', 'pre_run_command.git-status', home), tool_info: { command_line: (input as { command?: unknown } | null)?.command, cwd: '/tmp' } };
    case 'vscode-agent':
      return { ...base('vscode-agent', 'bash.git-status', home), toolCalls: [{ id: 'c', name: 'bash', args: JSON.stringify(input) }] };
  }
}

/** A read of `file` by each host's own read tool. */
function readPayload(host: HostId, file: string, home: string): Payload {
  switch (host) {
    case 'claude':
      return { ...base('claude', 'Read.source', home), cwd: '/tmp', tool_input: { file_path: file } };
    case 'cursor':
      return { ...base('cursor', 'beforeReadFile.readme', home), file_path: file, content: '{}' };
    case 'vscode':
      return { ...base('vscode', 'read_file.source', home), cwd: '/tmp', tool_input: { filePath: file } };
    case 'copilot':
      return { ...base('copilot', 'view.env', home), cwd: '/tmp', toolArgs: JSON.stringify({ path: file }) };
    case 'cline':
      return { ...base('cline', 'read_file.source', home), preToolUse: { toolName: 'read_file', parameters: { path: file } } };
    case 'gemini':
      return { ...base('gemini', 'read_file.source', home), cwd: '/tmp', tool_input: { file_path: file } };
    case 'codex':
      return { ...base('codex', 'view_image.env', home), cwd: '/tmp', tool_input: { path: file } };
    case 'windsurf':
      return { ...base('windsurf', 'pre_read_code.source', home), tool_info: { file_path: file } };
    case 'vscode-agent':
      return { ...base('vscode-agent', 'view.source', home), cwd: '/tmp', toolCalls: [{ id: 'c', name: 'view', args: JSON.stringify({ path: file }) }] };
  }
}

/** A file-tool write of each host whose path cannot be read (`path` is the value put where the path goes). */
function unreadableWrite(host: HostId, value: unknown, home: string): Payload {
  switch (host) {
    case 'claude':
      return { ...base('claude', 'Write.settings', home), tool_input: { file_path: value, content: '{}' } };
    case 'cursor':
      return { ...base('cursor', 'preToolUse.write-hooks', home), tool_input: { file_path: value, contents: '{}' } };
    case 'vscode':
      return { ...base('vscode', 'create_file.source', home), tool_input: { filePath: value, content: '{}' } };
    case 'copilot':
      return { ...base('copilot', 'create.claude-settings', home), toolArgs: JSON.stringify({ path: value, file_text: '{}' }) };
    case 'cline':
      return { ...base('cline', 'write_to_file.source', home), preToolUse: { toolName: 'write_to_file', parameters: { path: value, content: '{}' } } };
    case 'gemini':
      return { ...base('gemini', 'write_file.source', home), tool_input: { file_path: value, content: '{}' } };
    case 'codex':
      return { ...base('codex', 'apply_patch.source', home), tool_input: { command: value } };
    case 'windsurf':
      return { ...base('windsurf', 'pre_write_code.source', home), tool_info: { file_path: value, edits: [{ old_string: '', new_string: '{}' }] } };
    case 'vscode-agent':
      return { ...base('vscode-agent', 'create.claude-settings', home), toolCalls: [{ id: 'c', name: 'create', args: JSON.stringify({ path: value, file_text: '{}' }) }] };
  }
}

const HOSTS: HostId[] = ['claude', 'cursor', 'vscode', 'copilot', 'cline', 'gemini', 'codex', 'windsurf', 'vscode-agent'];

describe('hook: searching or listing the window-token folder', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
    fs.mkdirSync(path.join(t.guardHome, 'ipc'), { recursive: true });
    fs.writeFileSync(path.join(t.guardHome, 'ipc', 'w.window.json'), '{}');
  });
  afterEach(() => t.cleanup());

  it('Glob, Grep and LS over ipc/ are denied; over the workspace they stay allowed', async () => {
    const ipc = path.join(t.guardHome, 'ipc');
    const cases: [string, Record<string, unknown>, string][] = [
      ['Glob', { pattern: '*.json', path: ipc }, 'deny'],
      ['Grep', { pattern: 'token', path: ipc }, 'deny'],
      ['LS', { path: ipc }, 'deny'],
      ['Glob', { pattern: '**/*.ts', path: t.workspace }, 'allow'],
      ['LS', { path: t.workspace }, 'allow'],
    ];
    for (const [tool, input, expected] of cases) {
      const payload = { ...base('claude', 'Glob.all', t.home), cwd: t.workspace, tool_name: tool, tool_input: input };
      const r = await runHook('claude', JSON.stringify(payload), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn('claude', r.stdout, r.exitCode), expected, `${tool} ${JSON.stringify(input)}: ${r.stdout}`);
    }
  });
});

describe('hook: start-up files, editor state, managed settings and window tokens through every host file tool', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
    fs.mkdirSync(path.join(t.guardHome, 'ipc'), { recursive: true });
    fs.writeFileSync(path.join(t.guardHome, 'ipc', 'w.window.json'), '{}');
  });
  afterEach(() => t.cleanup());

  const places = (h: TempHome): string[] => [
    path.join(h.home, '.bash_aliases'),
    path.join(h.home, '.bashrc.d', '50-node.sh'),
    path.join(h.home, '.zshrc.d', 'x.zsh'),
    path.join(h.home, '.profile.d', 'node.sh'),
    path.join(h.home, '.config', 'fish', 'conf.d', 'x.fish'),
    path.join(h.home, '.config', 'environment.d', '50-x.conf'),
    path.join(h.home, '.pam_environment'),
    path.join(h.home, '.kshrc'),
    path.join(h.home, '.tmux.conf'),
    path.join(h.home, '.ssh', 'environment'),
    path.join(h.home, '.cargo', 'env'),
    path.join(h.home, '.nvm', 'nvm.sh'),
    path.join(h.home, '.oh-my-zsh', 'custom', 'node.zsh'),
    path.join(h.home, '.config', 'Code', 'User', 'globalStorage', 'state.vscdb'),
    path.join(h.home, '.config', 'Cursor', 'User', 'globalStorage', 'state.vscdb'),
    path.join(h.home, '.local', 'share', 'code-server', 'User', 'globalStorage', 'state.vscdb'),
    path.join(h.home, '.config', 'VSCodium', 'User', 'globalStorage', 'blast-shield.blast-shield', 'anchor.json'),
    path.join(h.home, '.vscode', 'extensions', 'extensions.json'),
    '/etc/claude-code/managed-settings.json',
  ];

  for (const host of HOSTS) {
    it(`${host}: every start-up and editor-state place is denied to the file tool`, async () => {
      for (const folder of ['/tmp', t.workspace]) {
        for (const file of places(t)) {
          const r = await runHook(host, JSON.stringify(writePayload(host, file, folder, t.home)), t.env, { engine: fakeEngine() });
          assert.equal(decisionIn(host, r.stdout, r.exitCode), 'deny', `${host} ${folder} ${file}: ${r.stdout}`);
        }
      }
    });

    it(`${host}: an .npmrc is guarded while it holds or would hold code-loading keys`, async () => {
      const npmrc = path.join(t.home, '.npmrc');
      const withText = (text: string): string => JSON.stringify(writePayload(host, npmrc, '/tmp', t.home, text + '\n'));
      const plain = await runHook(host, withText('registry=https://registry.npmjs.org/'), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, plain.stdout, plain.exitCode), 'allow', `${host} plain: ${plain.stdout}`);
      const loading = await runHook(host, withText('node-options=--require /tmp/x.js'), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, loading.stdout, loading.exitCode), 'deny', `${host} node-options: ${loading.stdout}`);
    });

    it(`${host}: a file tool writing a code-loading setting anywhere is denied like the shell's echo`, async () => {
      const envrc = path.join(t.workspace, '.envrc');
      const planted = await runHook(host, JSON.stringify(writePayload(host, envrc, t.workspace, t.home, 'export NODE_OPTIONS=--require=/tmp/x/a.js\n')), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, planted.stdout, planted.exitCode), 'deny', `${host} planted: ${planted.stdout}`);
      const tuning = await runHook(host, JSON.stringify(writePayload(host, path.join(t.workspace, '.env.local'), t.workspace, t.home, 'NODE_OPTIONS=--max-old-space-size=4096\n')), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, tuning.stdout, tuning.exitCode), 'allow', `${host} tuning: ${tuning.stdout}`);
    });

    it(`${host}: reading a window token with the read tool is denied`, async () => {
      for (const file of [path.join(t.guardHome, 'ipc', 'w.window.json'), path.join(t.guardHome, 'ipc')]) {
        const r = await runHook(host, JSON.stringify(readPayload(host, file, t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout, r.exitCode), 'deny', `${host} ${file}: ${r.stdout}`);
      }
    });

    it(`${host}: reading its start-up files and the guard's settings stays allowed`, async () => {
      fs.writeFileSync(path.join(t.guardHome, 'settings.json'), '{}\n');
      const settings = await runHook(host, JSON.stringify(readPayload(host, path.join(t.guardHome, 'settings.json'), t.home)), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, settings.stdout, settings.exitCode), 'allow', `${host} settings: ${settings.stdout}`);
      fs.writeFileSync(path.join(t.home, '.bash_aliases'), 'alias ll="ls -la"\n');
      const r = await runHook(host, JSON.stringify(readPayload(host, path.join(t.home, '.bash_aliases'), t.home)), t.env, { engine: fakeEngine() });
      assert.equal(decisionIn(host, r.stdout, r.exitCode), 'allow', `${host}: ${r.stdout}`);
    });

    it(`${host}: a file tool whose path cannot be read is denied`, async () => {
      for (const value of [undefined, null, 5, ['/tmp/a'], { path: '/tmp/a' }, '']) {
        const r = await runHook(host, JSON.stringify(unreadableWrite(host, value, t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout, r.exitCode), 'deny', `${host} ${JSON.stringify(value)}: ${r.stdout}`);
      }
    });
  }
});

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
          assert.equal(decisionIn(host, r.stdout, r.exitCode), 'deny', `${host} ${folder} ${file}: ${r.stdout}`);
        }
      }
    });

    it(`${host}: ordinary files stay writable`, async () => {
      for (const file of [path.join(t.workspace, 'src', 'new.ts'), path.join(t.workspace, '.claude', 'commands', 'review.md'), path.join(t.workspace, '.cursor', 'rules', 'x.mdc')]) {
        const r = await runHook(host, JSON.stringify(writePayload(host, file, '/tmp', t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout, r.exitCode), 'allow', `${host} ${file}: ${r.stdout}`);
      }
    });

    it(`${host}: a shell tool whose command cannot be read is denied`, async () => {
      const inputs: unknown[] = [{}, { command: 5 }, { command: ['rm', '-rf', '/'] }, { command: { text: 'rm -rf /' } }, { command: null }, null, 42, ['rm -rf /']];
      for (const input of inputs) {
        const r = await runHook(host, JSON.stringify(shellPayload(host, input, t.home)), t.env, { engine: fakeEngine() });
        assert.equal(decisionIn(host, r.stdout, r.exitCode), 'deny', `${host} ${JSON.stringify(input)}: ${r.stdout}`);
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

describe('hook: text that runs later, written by a file tool, is judged like the shell route', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
    fs.mkdirSync(path.join(t.workspace, '.github', 'workflows'), { recursive: true });
    fs.writeFileSync(path.join(t.workspace, '.github', 'workflows', 'ci.yml'), 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          npm ci\n');
  });
  afterEach(() => t.cleanup());

  const workflow = 'on: push\njobs:\n  clean:\n    runs-on: ubuntu-latest\n    steps:\n      - run: rm -rf ~/.claude ~/.cursor\n';
  const benignWorkflow = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n';

  for (const host of ['claude', 'cursor', 'copilot', 'gemini', 'windsurf'] as HostId[]) {
    it(`${host}: a workflow, a GitLab pipeline, a Makefile or a test file carrying a destructive command is denied; ordinary ones stay allowed`, async () => {
      const engine = createRealEngine(t.env);
      const run = async (file: string, text: string): Promise<{ decision: string | undefined; message: string }> => {
        const r = await runHook(host, JSON.stringify(writePayload(host, file, t.workspace, t.home, text)), t.env, { engine });
        const decision = decisionIn(host, r.stdout, r.exitCode);
        return { decision, message: decision === 'deny' ? messageIn(host, r.stdout, r.stderr) : r.stdout };
      };
      const ci = await run(path.join(t.workspace, '.github', 'workflows', 'clean.yml'), workflow);
      assert.equal(ci.decision, 'deny', ci.message);
      assert.match(ci.message, /CI workflow \.github\/workflows\/clean\.yml/);
      const gitlab = await run(path.join(t.workspace, '.gitlab-ci.yml'), 'clean:\n  script:\n    - rm -rf ~/.cursor\n');
      assert.equal(gitlab.decision, 'deny', gitlab.message);
      const make = await run(path.join(t.workspace, 'Makefile'), 'test:\n\trm -rf ~/.claude\n');
      assert.equal(make.decision, 'deny', make.message);
      const testFile = await run(path.join(t.workspace, 'test', 'setup.test.js'), "require('child_process').execSync('rm -rf ~/.cursor')\n");
      assert.equal(testFile.decision, 'deny', testFile.message);
      for (const [file, text] of [
        [path.join(t.workspace, '.github', 'workflows', 'test.yml'), benignWorkflow],
        [path.join(t.workspace, 'Makefile'), 'test:\n\tnpm test\n'],
        [path.join(t.workspace, 'test', 'math.test.js'), "const fs = require('fs');\nafterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));\nit('adds', () => expect(1 + 1).toBe(2));\n"],
      ] as const) {
        const ok = await run(file, text);
        assert.equal(ok.decision, 'allow', `${file}: ${ok.message}`);
      }
    });
  }

  it("codex: apply_patch's added lines into a workflow are judged, the patch's own lines are not", async () => {
    const engine = createRealEngine(t.env);
    const patch = (file: string, text: string): string => `*** Begin Patch\n*** Add File: ${file}\n${text.trimEnd().split('\n').map((l) => '+' + l).join('\n')}\n*** End Patch\n`;
    const payload = (text: string): string => JSON.stringify({ ...base('codex', 'apply_patch.source', t.home), cwd: t.workspace, tool_input: { command: patch(path.join(t.workspace, '.github', 'workflows', 'clean.yml'), text) } });
    const bad = await runHook('codex', payload(workflow), t.env, { engine });
    assert.equal(decisionIn('codex', bad.stdout, bad.exitCode), 'deny', bad.stdout);
    const ok = await runHook('codex', payload(benignWorkflow), t.env, { engine });
    assert.equal(decisionIn('codex', ok.stdout, ok.exitCode), 'allow', ok.stdout);
  });

  it('a file a package script runs is judged when a file tool writes it', async () => {
    const engine = createRealEngine(t.env);
    fs.mkdirSync(path.join(t.workspace, 'tools'), { recursive: true });
    fs.writeFileSync(path.join(t.workspace, 'tools', 'package.json'), '{"scripts":{"db:reset":"node scripts/reset-db.js"}}\n');
    const file = path.join(t.workspace, 'tools', 'scripts', 'reset-db.js');
    const write = (text: string): string => JSON.stringify(writePayload('claude', file, t.workspace, t.home, text));
    const bad = await runHook('claude', write("require('child_process').execSync('rm -rf ~/.cursor')\n"), t.env, { engine });
    assert.equal(decisionIn('claude', bad.stdout, bad.exitCode), 'deny', bad.stdout);
    assert.match(messageIn('claude', bad.stdout, bad.stderr), /npm script db:reset/);
    const ok = await runHook('claude', write("console.log('reset')\n"), t.env, { engine });
    assert.equal(decisionIn('claude', ok.stdout, ok.exitCode), 'allow', ok.stdout);
  });

  it('an Edit whose new text is only the lines under a run: block is read as those commands', async () => {
    const engine = createRealEngine(t.env);
    const file = path.join(t.workspace, '.github', 'workflows', 'ci.yml');
    const edit = { ...base('claude', 'Write.settings', t.home), tool_name: 'Edit', cwd: t.workspace, tool_input: { file_path: file, old_string: '          npm ci\n', new_string: '          npm ci\n          rm -rf ~/.cursor\n' } };
    const r = await runHook('claude', JSON.stringify(edit), t.env, { engine });
    assert.equal(decisionIn('claude', r.stdout, r.exitCode), 'deny', r.stdout);
    const benign = { ...edit, tool_input: { file_path: file, old_string: '          npm ci\n', new_string: '          npm ci\n          npm test\n' } };
    const ok = await runHook('claude', JSON.stringify(benign), t.env, { engine });
    assert.equal(decisionIn('claude', ok.stdout, ok.exitCode), 'allow', ok.stdout);
  });
});
