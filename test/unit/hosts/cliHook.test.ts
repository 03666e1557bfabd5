import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HostId } from '../../../src/core/protocol/ipc';
import { verifyAuditLog } from '../../../src/node/audit/auditLog';
import { decisionIn, fixtureText, makeTempHome, type TempHome } from './support';

/**
 * The real built CLI (`node dist/cli.js hook <host>`) with the real policy engine and credential
 * checks, fed each host's fixture payloads. No editor is running, so every "ask" ends as a deny.
 */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const EXPECTED: Record<HostId, Record<string, 'allow' | 'deny' | 'none'>> = {
  cursor: {
    afterFileEdit: 'none',
    'beforeMCPExecution.list-services': 'allow',
    'beforeMCPExecution.volume-delete': 'deny',
    'beforeReadFile.env': 'deny',
    'beforeReadFile.readme': 'allow',
    'beforeShellExecution.git-status': 'allow',
    'beforeShellExecution.rm-rf': 'deny',
    'beforeShellExecution.self-protection': 'deny',
    'preToolUse.mcp': 'deny',
    'preToolUse.read': 'allow',
    'preToolUse.shell': 'allow',
    'preToolUse.write-hooks': 'deny',
  },
  claude: {
    'Bash.git-status': 'allow',
    'Bash.incident-curl': 'deny',
    'Bash.self-protection': 'deny',
    'Edit.source': 'allow',
    'Glob.all': 'allow',
    'Grep.source': 'allow',
    'MultiEdit.source': 'allow',
    'NotebookEdit.source': 'allow',
    'Read.env': 'deny',
    'Read.source': 'allow',
    'WebFetch.docs': 'allow',
    'Write.guard-home': 'deny',
    'Write.settings': 'deny',
    'mcp.volume-delete': 'deny',
  },
  vscode: {
    'apply_patch.cursor-hooks': 'deny',
    'create_file.source': 'allow',
    'insert_edit_into_file.source': 'allow',
    'manage_todo_list.other': 'allow',
    'read_file.env': 'deny',
    'read_file.source': 'allow',
    'replace_string_in_file.hooks': 'deny',
    'run_in_terminal.git-status': 'allow',
    'run_in_terminal.rm-rf': 'deny',
  },
  copilot: {
    'bash.git-status': 'allow',
    'bash.rm-rf': 'deny',
    'create.claude-settings': 'deny',
    'edit.source': 'allow',
    'view.env': 'deny',
    'write_bash.rm-rf': 'deny',
    'write_bash.answer-yes': 'allow',
    'write_bash.history-recall': 'deny',
    'write_bash.psql-drop': 'deny',
    'powershell.remove-item': 'deny',
  },
  cline: {
    'execute_command.git-status': 'allow',
    'execute_command.rm-rf': 'deny',
    'read_file.env': 'deny',
    'read_file.source': 'allow',
    'replace_in_file.own-hook': 'deny',
    'use_mcp_tool.volume-delete': 'deny',
    'write_to_file.source': 'allow',
  },
  gemini: {
    'glob.all': 'allow',
    'grep_search.source': 'allow',
    'list_directory.root': 'allow',
    'mcp.volume-delete': 'deny',
    'read_file.env': 'deny',
    'read_file.source': 'allow',
    'read_many_files.env': 'deny',
    'read_many_files.source': 'allow',
    'replace.source': 'allow',
    'run_shell_command.git-status': 'allow',
    'run_shell_command.incident-curl': 'deny',
    'run_shell_command.self-protection': 'deny',
    'web_fetch.docs': 'allow',
    'write_file.guard-home': 'deny',
    'write_file.source': 'allow',
    'write_todos.other': 'allow',
  },
  codex: {
    'Bash.git-status': 'allow',
    'Bash.incident-curl': 'deny',
    'Bash.self-protection': 'deny',
    'apply_patch.claude-settings': 'deny',
    'apply_patch.env': 'deny',
    'apply_patch.source': 'allow',
    'mcp.volume-delete': 'deny',
    'spawn_agent.other': 'allow',
    'view_image.env': 'deny',
  },
  windsurf: {
    'pre_mcp_tool_use.volume-delete': 'deny',
    'pre_read_code.env': 'deny',
    'pre_read_code.source': 'allow',
    'pre_run_command.git-status': 'allow',
    'pre_run_command.rm-rf': 'deny',
    'pre_run_command.self-protection': 'deny',
    'pre_write_code.claude-settings': 'deny',
    'pre_write_code.source': 'allow',
  },
  'vscode-agent': {
    'bash.git-status': 'allow',
    'bash.rm-rf': 'deny',
    'batch.env-among-reads': 'deny',
    'batch.two-deletes': 'deny',
    'batch.view-and-status': 'allow',
    'create.claude-settings': 'deny',
    'edit.source': 'allow',
    'toolName.git-status': 'allow',
    'view.env': 'deny',
    'view.source': 'allow',
    'write_bash.rm-rf': 'deny',
    'powershell.remove-item': 'deny',
    'powershell.get-childitem': 'allow',
    'powershell.get-content-env': 'deny',
  },
};

/** Exit codes a host's answer may carry: Codex and Windsurf block on 2, Cursor and Gemini fail closed with it. */
const EXIT_CODES: Partial<Record<HostId, number[]>> = { cursor: [0, 2], gemini: [0, 2], codex: [0, 2], windsurf: [0, 2] };

describe('dist/cli.js hook <host> (spawned, real engine)', function () {
  this.timeout(60_000);
  let t: TempHome;
  before(function () {
    if (!fs.existsSync(CLI)) this.skip();
    t = makeTempHome();
    fs.mkdirSync(path.join(t.workspace, 'data'));
  });
  after(() => t?.cleanup());

  for (const [host, cases] of Object.entries(EXPECTED) as [HostId, Record<string, string>][]) {
    for (const [fixture, expected] of Object.entries(cases)) {
      it(`${host} ${fixture} -> ${expected}`, () => {
        const r = spawnSync(process.execPath, [CLI, 'hook', host], { input: fixtureText(host, fixture, t.home), env: t.env, encoding: 'utf8', timeout: 30_000 });
        assert.equal(decisionIn(host, r.stdout, r.status ?? undefined), expected, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
        assert.equal(r.stdout.split('\n').filter(Boolean).length, host === 'windsurf' ? 0 : 1, 'exactly one JSON line (Windsurf: none)');
        assert.ok((EXIT_CODES[host] ?? [0]).includes(r.status ?? -1), `exit ${r.status}`);
      });
    }
  }

  it('denies garbage on stdin in every host format', () => {
    for (const host of Object.keys(EXPECTED) as HostId[]) {
      const r = spawnSync(process.execPath, [CLI, 'hook', host], { input: 'not json', env: t.env, encoding: 'utf8' });
      assert.equal(decisionIn(host, r.stdout, r.status ?? undefined), 'deny', `${host}: ${r.stdout}`);
    }
  });

  it('denies with exit 2 for an unknown host', () => {
    const r = spawnSync(process.execPath, [CLI, 'hook', 'aider'], { input: '{}', env: t.env, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not a known agent host/);
  });

  it('left a verifiable audit log with no secret value in it', () => {
    const log = fs.readFileSync(path.join(t.guardHome, 'audit.jsonl'), 'utf8');
    assert.ok(verifyAuditLog(t.guardHome).ok);
    const envValue = fs.readFileSync(path.join(t.workspace, '.env'), 'utf8').split(':')[2]?.split('@')[0] ?? 'unreachable';
    assert.ok(!log.includes(envValue));
    assert.equal((fs.statSync(path.join(t.guardHome, 'audit.jsonl')).mode & 0o777).toString(8), '600');
  });
});
