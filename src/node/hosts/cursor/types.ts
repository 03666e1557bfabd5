/**
 * Cursor's hook wire format (`.cursor/hooks.json`, `~/.cursor/hooks.json`). Every payload carries the
 * common fields; each event adds its own. Field names follow Cursor's hook documentation.
 */
export const CURSOR_EVENTS = ['beforeShellExecution', 'beforeMCPExecution', 'beforeReadFile', 'preToolUse', 'afterFileEdit'] as const;
export type CursorEvent = (typeof CURSOR_EVENTS)[number];

export interface CursorCommon {
  conversation_id?: string;
  generation_id?: string;
  model?: string;
  hook_event_name: string;
  cursor_version?: string;
  workspace_roots?: string[];
  user_email?: string | null;
  transcript_path?: string | null;
}

export interface CursorShellPayload extends CursorCommon {
  command: string;
  cwd?: string;
  sandbox?: boolean;
}

export interface CursorMcpPayload extends CursorCommon {
  tool_name: string;
  /** A JSON object, or a JSON-encoded string in some builds. */
  tool_input: unknown;
  url?: string;
  command?: string;
}

export interface CursorReadPayload extends CursorCommon {
  file_path: string;
  content?: string;
  attachments?: unknown[];
}

export interface CursorPreToolUsePayload extends CursorCommon {
  /** Shell, Read, Write, Grep, Delete, MCP:<name> ... */
  tool_name: string;
  tool_input: unknown;
  tool_use_id?: string;
  cwd?: string;
}

export interface CursorAfterFileEditPayload extends CursorCommon {
  file_path: string;
  edits?: { old_string: string; new_string: string }[];
}

/** `beforeShellExecution`, `beforeMCPExecution`, `preToolUse`. */
export interface CursorPermissionOutput {
  permission: 'allow' | 'deny';
  user_message?: string;
  agent_message?: string;
}

/** `beforeReadFile`: no "ask", no agent message. */
export interface CursorReadOutput {
  permission: 'allow' | 'deny';
  user_message?: string;
}

/** One entry in hooks.json. */
export interface CursorHookEntry {
  command: string;
  timeout?: number;
  failClosed?: boolean;
  matcher?: string;
}

export interface CursorHooksFile {
  version: 1;
  hooks: Partial<Record<string, CursorHookEntry[]>>;
}
