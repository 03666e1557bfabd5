/**
 * Windsurf's Cascade hooks (beta), from Windsurf's hook documentation: `hooks.json` at
 * `<workspace>/.windsurf/hooks.json`, `~/.codeium/windsurf/hooks.json` and a system path
 * (`/etc/windsurf/hooks.json`, `/Library/Application Support/Windsurf/hooks.json`,
 * `C:\ProgramData\Windsurf\hooks.json`); all are merged and run system -> user -> workspace.
 * `{"hooks": {"pre_run_command": [{"command": "...", "show_output": true}], ...}}`.
 *
 * Payload: `{agent_action_name, trajectory_id, execution_id, timestamp, tool_info}` where `tool_info` is
 * `{command_line, cwd}` (pre_run_command), `{file_path}` (pre_read_code), `{file_path, edits:
 * [{old_string, new_string}]}` (pre_write_code) or `{mcp_server_name, mcp_tool_name,
 * mcp_tool_arguments}` (pre_mcp_tool_use). A pre-hook blocks by exiting 2; it cannot prompt. Not run
 * live here (Windsurf is not on npm): built from the documented shape.
 */
export const WINDSURF_EVENTS = ['pre_run_command', 'pre_read_code', 'pre_write_code', 'pre_mcp_tool_use'] as const;
export type WindsurfEvent = (typeof WINDSURF_EVENTS)[number];

export interface WindsurfPayload {
  agent_action_name: string;
  trajectory_id?: string;
  execution_id?: string;
  timestamp?: string;
  model_name?: string;
  tool_info: Record<string, unknown>;
}

export interface WindsurfHookEntry {
  command: string;
  show_output?: boolean;
  working_directory?: string;
}
