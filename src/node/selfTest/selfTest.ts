/**
 * The self-test: run each installed hook command the way its host would, with canned payloads in
 * the host's own format, and report what came back. One probe must be allowed (`git status`) and one
 * denied without a dialog (an agent reading `.env`), so a pass proves the hook runs, parses the host's
 * format and answers in it. No probe asks for confirmation, so no dialog appears.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { HostId } from '../../core/protocol/ipc';

export interface SelfTestProbe {
  name: string;
  expect: 'allow' | 'deny';
  payload: unknown;
}

export interface SelfTestResult {
  host: HostId;
  probe: string;
  expect: 'allow' | 'deny';
  got: 'allow' | 'deny' | 'unclear';
  exitCode: number | null;
  /** The hook's stdout, cut short. */
  output: string;
  ms: number;
  pass: boolean;
}

/** Canned payloads per host, in each host's documented shape, for a workspace folder. */
export function probesFor(host: HostId, workspace: string): SelfTestProbe[] {
  const env = path.join(workspace, '.env');
  const benign = 'git status';
  switch (host) {
    case 'cursor': {
      const common = { conversation_id: 'blast-shield-self-test', generation_id: `self-test-${Date.now()}`, model: 'self-test', cursor_version: 'self-test', workspace_roots: [workspace], user_email: null, transcript_path: null };
      return [
        { name: 'shell: git status', expect: 'allow', payload: { ...common, hook_event_name: 'beforeShellExecution', command: benign, cwd: workspace, sandbox: false } },
        { name: 'read .env', expect: 'deny', payload: { ...common, hook_event_name: 'beforeReadFile', file_path: env, content: '', attachments: [] } },
      ];
    }
    case 'claude': {
      const common = { session_id: 'blast-shield-self-test', transcript_path: '', cwd: workspace, permission_mode: 'default', hook_event_name: 'PreToolUse' };
      return [
        { name: 'Bash: git status', expect: 'allow', payload: { ...common, tool_name: 'Bash', tool_input: { command: benign }, tool_use_id: `self-test-${Date.now()}-1` } },
        { name: 'Read .env', expect: 'deny', payload: { ...common, tool_name: 'Read', tool_input: { file_path: env }, tool_use_id: `self-test-${Date.now()}-2` } },
      ];
    }
    case 'vscode': {
      const common = { timestamp: new Date().toISOString(), cwd: workspace, sessionId: 'blast-shield-self-test', hookEventName: 'PreToolUse' };
      return [
        { name: 'run_in_terminal: git status', expect: 'allow', payload: { ...common, tool_name: 'run_in_terminal', tool_input: { command: benign, explanation: 'self-test', isBackground: false }, tool_use_id: 'self-test-1' } },
        { name: 'read_file .env', expect: 'deny', payload: { ...common, tool_name: 'read_file', tool_input: { filePath: env }, tool_use_id: 'self-test-2' } },
      ];
    }
    case 'copilot': {
      const common = { sessionId: 'blast-shield-self-test', timestamp: Date.now(), cwd: workspace };
      return [
        { name: 'bash: git status', expect: 'allow', payload: { ...common, toolName: 'bash', toolArgs: JSON.stringify({ command: benign, description: 'self-test' }) } },
        { name: 'view .env', expect: 'deny', payload: { ...common, toolName: 'view', toolArgs: JSON.stringify({ path: env }) } },
      ];
    }
    case 'cline': {
      const common = { clineVersion: 'self-test', hookName: 'PreToolUse', timestamp: String(Date.now()), taskId: 'blast-shield-self-test', workspaceRoots: [workspace], userId: 'self-test' };
      return [
        { name: 'execute_command: git status', expect: 'allow', payload: { ...common, preToolUse: { toolName: 'execute_command', parameters: { command: benign, requires_approval: 'false' } } } },
        { name: 'read_file .env', expect: 'deny', payload: { ...common, preToolUse: { toolName: 'read_file', parameters: { path: env } } } },
      ];
    }
    case 'gemini': {
      const common = { session_id: 'blast-shield-self-test', transcript_path: '', cwd: workspace, hook_event_name: 'BeforeTool', timestamp: new Date().toISOString() };
      return [
        { name: 'run_shell_command: git status', expect: 'allow', payload: { ...common, tool_name: 'run_shell_command', tool_input: { command: benign, description: 'self-test' } } },
        { name: 'read_file .env', expect: 'deny', payload: { ...common, tool_name: 'read_file', tool_input: { file_path: '.env' } } },
      ];
    }
    case 'codex': {
      const common = { session_id: 'blast-shield-self-test', turn_id: 'self-test', transcript_path: null, cwd: workspace, hook_event_name: 'PreToolUse', model: 'self-test', permission_mode: 'default' };
      return [
        { name: 'Bash: git status', expect: 'allow', payload: { ...common, tool_name: 'Bash', tool_input: { command: benign }, tool_use_id: 'self-test-1' } },
        { name: 'apply_patch: write .env', expect: 'deny', payload: { ...common, tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Add File: .env\n+X=1\n*** End Patch\n` }, tool_use_id: 'self-test-2' } },
      ];
    }
    case 'windsurf': {
      const common = { trajectory_id: 'blast-shield-self-test', execution_id: `self-test-${Date.now()}`, timestamp: new Date().toISOString() };
      return [
        { name: 'pre_run_command: git status', expect: 'allow', payload: { ...common, agent_action_name: 'pre_run_command', tool_info: { command_line: benign, cwd: workspace } } },
        { name: 'pre_read_code .env', expect: 'deny', payload: { ...common, agent_action_name: 'pre_read_code', tool_info: { file_path: env } } },
      ];
    }
    case 'vscode-agent': {
      const common = { sessionId: 'blast-shield-self-test', timestamp: Date.now(), cwd: workspace };
      return [
        { name: 'bash: git status', expect: 'allow', payload: { ...common, toolCalls: [{ id: 'self-test-1', name: 'bash', args: JSON.stringify({ command: benign, description: 'self-test' }) }] } },
        { name: 'view .env', expect: 'deny', payload: { ...common, toolCalls: [{ id: 'self-test-2', name: 'view', args: JSON.stringify({ path: env }) }] } },
      ];
    }
  }
}

/** Hosts for which exit 0 without a deny in its output lets the action run (no JSON allow is printed). */
const EXIT_CODE_HOSTS: readonly HostId[] = ['windsurf', 'codex'];

/** Read a host's answer: exit code 2 denies everywhere; otherwise the JSON says. */
export function interpretReply(exitCode: number | null, stdout: string, host?: HostId): 'allow' | 'deny' | 'unclear' {
  if (exitCode === 2) return 'deny';
  if (exitCode !== 0) return 'unclear';
  const text = stdout.trim();
  const exitCodeHost = host !== undefined && EXIT_CODE_HOSTS.includes(host);
  if (text === '') return exitCodeHost ? 'allow' : 'unclear';
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'unclear';
  }
  if (typeof v !== 'object' || v === null) return 'unclear';
  const o = v as Record<string, unknown>;
  const specific = (o.hookSpecificOutput ?? {}) as Record<string, unknown>;
  const decision = o.permission ?? o.permissionDecision ?? specific.permissionDecision ?? o.decision;
  if (decision === 'allow' || decision === 'deny') return decision;
  if (o.cancel === true) return 'deny';
  if (o.cancel === false) return 'allow';
  return exitCodeHost ? 'allow' : 'unclear';
}

const PROBE_TIMEOUT_MS = 20_000;
const MAX_OUTPUT = 64 * 1024;

/** Run one hook command (as its host would, through the shell) with a payload on stdin. */
export function runProbe(command: string, payload: unknown, env: NodeJS.ProcessEnv, cwd: string): Promise<{ exitCode: number | null; stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const isWindows = process.platform === 'win32';
    const child = spawn(isWindows ? 'cmd.exe' : '/bin/sh', isWindows ? ['/d', '/s', '/c', command] : ['-c', command], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += c.toString('utf8');
    });
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS);
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ exitCode: null, stdout, ms: Date.now() - started });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ exitCode: code, stdout, ms: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(payload));
  });
}

export async function selfTestHost(host: HostId, command: string, workspace: string, env: NodeJS.ProcessEnv): Promise<SelfTestResult[]> {
  const results: SelfTestResult[] = [];
  for (const probe of probesFor(host, workspace)) {
    const hostEnv = host === 'cursor' ? { ...env, CURSOR_PROJECT_DIR: workspace } : host === 'claude' ? { ...env, CLAUDE_PROJECT_DIR: workspace } : env;
    const run = await runProbe(command, probe.payload, hostEnv, workspace);
    const got = interpretReply(run.exitCode, run.stdout, host);
    results.push({ host, probe: probe.name, expect: probe.expect, got, exitCode: run.exitCode, output: run.stdout.trim().slice(0, 400), ms: run.ms, pass: got === probe.expect });
  }
  return results;
}
