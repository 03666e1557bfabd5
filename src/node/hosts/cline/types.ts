/**
 * Cline's file hooks: an executable named `PreToolUse` in `.clinerules/hooks/` (project) or
 * `~/Documents/Cline/Hooks/` (global). Input per Cline's hook reference; output `{cancel, errorMessage}`.
 */
export const CLINE_EVENTS = ['PreToolUse'] as const;

export interface ClinePreToolUsePayload {
  clineVersion?: string;
  hookName: 'PreToolUse';
  timestamp?: string;
  taskId?: string;
  workspaceRoots?: string[];
  userId?: string;
  model?: { provider?: string; slug?: string };
  preToolUse: {
    toolName: string;
    /** execute_command {command, requires_approval}, read_file {path}, write_to_file {path, content},
     *  replace_in_file {path, diff}, use_mcp_tool {server_name, tool_name, arguments} ... (values are strings). */
    parameters: Record<string, unknown>;
  };
}

export interface ClineHookOutput {
  cancel: boolean;
  errorMessage?: string;
  contextModification?: string;
}
