// What each agent host writes on the hook's stdin (the shapes each adapter reads are documented in
// src/node/hosts/<host>/types.ts, and real payloads are in test/fixtures/hosts/), so the browser
// tests run the hook exactly as the host would.
import { randomUUID } from 'node:crypto';
import path from 'node:path';

function cursorCommon(workspace, event) {
  return {
    conversation_id: randomUUID(),
    generation_id: randomUUID(),
    model: 'claude-sonnet-4',
    hook_event_name: event,
    cursor_version: '2.1.0',
    workspace_roots: [workspace],
    user_email: 'dev@example.invalid',
    transcript_path: path.join(workspace, '.cursor', 'transcript.jsonl'),
  };
}

export const cursor = {
  shell: (workspace, command, cwd = workspace) => ({ ...cursorCommon(workspace, 'beforeShellExecution'), command, cwd, sandbox: false }),
  readFile: (workspace, filePath, content) => ({ ...cursorCommon(workspace, 'beforeReadFile'), file_path: filePath, content, attachments: [] }),
  /** preToolUse for a Write: the agent editing a file. */
  write: (workspace, filePath, content) => ({
    ...cursorCommon(workspace, 'preToolUse'),
    tool_name: 'Write',
    tool_input: { file_path: filePath, content },
    tool_use_id: randomUUID(),
    cwd: workspace,
  }),
};

export const claude = {
  bash: (workspace, command) => ({
    session_id: randomUUID(),
    transcript_path: path.join(workspace, '.claude', 'transcript.jsonl'),
    cwd: workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'agent command' },
    tool_use_id: `toolu_${randomUUID().replace(/-/g, '')}`,
  }),
  read: (workspace, filePath) => ({
    session_id: randomUUID(),
    transcript_path: path.join(workspace, '.claude', 'transcript.jsonl'),
    cwd: workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Read',
    tool_input: { file_path: filePath },
    tool_use_id: `toolu_${randomUUID().replace(/-/g, '')}`,
  }),
  edit: (workspace, filePath, oldString, newString) => ({
    session_id: randomUUID(),
    transcript_path: path.join(workspace, '.claude', 'transcript.jsonl'),
    cwd: workspace,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: filePath, old_string: oldString, new_string: newString },
    tool_use_id: `toolu_${randomUUID().replace(/-/g, '')}`,
  }),
};

/** The host's answer, normalised: 'allow' | 'deny' | 'ask' | undefined, plus the message shown. */
export function decisionOf(host, result) {
  const j = result.json;
  if (host === 'cursor') {
    if (result.code === 2) return { decision: 'deny', message: result.stderr };
    return { decision: j && j.permission, message: j && (j.user_message || j.agent_message) };
  }
  if (host === 'claude') {
    if (result.code === 2) return { decision: 'deny', message: result.stderr };
    const out = j && j.hookSpecificOutput;
    return { decision: out && out.permissionDecision, message: out && out.permissionDecisionReason };
  }
  throw new Error(`no decision reader for host ${host}`);
}
