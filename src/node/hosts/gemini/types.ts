/**
 * Gemini CLI's hook wire format (npm `@google/gemini-cli`, also behind Gemini Code Assist's agent mode),
 * read from its bundled source (0.61.0: `HookRunner`, `HookEventHandler.fireBeforeToolEvent`,
 * `DefaultHookOutput`). Hooks live under `hooks.BeforeTool` in `~/.gemini/settings.json` (user) and
 * `<workspace>/.gemini/settings.json` (project); both are merged and run only in a folder the CLI
 * trusts. Each group has an optional `matcher` (a regular expression on the tool name; none = every
 * tool) and `hooks: [{type: "command", command, name?, timeout? (ms, default 60 000)}]`.
 *
 * What blocks: `{"decision":"deny"|"block","reason"}` on stdout (whatever the exit code), or exit 2
 * (stderr is the reason). What lets the tool run: any other exit without JSON (1 is "non-blocking"),
 * a timeout, output it cannot read. `{"decision":"ask"}` hangs the CLI: never sent.
 */
export const GEMINI_EVENTS = ['BeforeTool'] as const;

export interface GeminiBeforeToolPayload {
  session_id?: string;
  transcript_path?: string;
  cwd: string;
  hook_event_name: 'BeforeTool';
  /** ISO 8601. */
  timestamp?: string;
  /** run_shell_command, read_file, read_many_files, write_file, replace, glob, grep_search,
   *  list_directory, web_fetch, google_web_search, mcp_<server>_<tool> ... */
  tool_name: string;
  tool_input: Record<string, unknown>;
  /** MCP tools only: which server and tool (connection details, never credentials). */
  mcp_context?: { server_name?: string; tool_name?: string; command?: string; args?: string[]; cwd?: string; url?: string };
  original_request_name?: string;
}

export interface GeminiHookOutput {
  decision: 'allow' | 'deny';
  reason?: string;
}

export interface GeminiCommandHook {
  type: 'command';
  command: string;
  name?: string;
  description?: string;
  /** Milliseconds. */
  timeout?: number;
}

export interface GeminiHookGroup {
  matcher?: string;
  sequential?: boolean;
  hooks: GeminiCommandHook[];
}
