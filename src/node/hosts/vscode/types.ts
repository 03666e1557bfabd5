/**
 * VS Code's "Local" agent harness hooks (`.github/hooks/*.json`, `~/.copilot/hooks/*.json`): Claude's
 * output shape, VS Code's own tool names (`run_in_terminal`, `read_file`, `create_file`,
 * `replace_string_in_file` ...) with camelCase inputs (`filePath`). Matchers are ignored: every tool
 * call reaches the hook, so unknown tools must pass.
 */
export const VSCODE_EVENTS = ['PreToolUse'] as const;

export interface VscodePreToolUsePayload {
  timestamp?: string;
  cwd: string;
  sessionId?: string;
  hookEventName: 'PreToolUse';
  tool_name: string;
  tool_input: unknown;
  tool_use_id?: string;
}

export interface VscodePreToolUseOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: 'allow' | 'deny';
    permissionDecisionReason: string;
  };
}

export interface VscodeHookEntry {
  type: 'command';
  command: string;
  windows?: string;
  linux?: string;
  osx?: string;
  timeout?: number;
}

export interface VscodeHooksFile {
  hooks: Partial<Record<string, VscodeHookEntry[]>>;
}
