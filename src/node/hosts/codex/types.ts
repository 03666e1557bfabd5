/**
 * OpenAI Codex's hook wire format (npm `@openai/codex`, the engine of the Codex VS Code extension too),
 * from its source (`codex-rs/hooks`: discovery, `events/pre_tool_use.rs`, the generated
 * `pre-tool-use.command.{input,output}.schema.json`) and checked against 0.169.0.
 *
 * Hooks: `hooks.PreToolUse: [{matcher?, hooks: [{type: "command", command, timeout? (s, default 600),
 * async?, statusMessage?}]}]` in `~/.codex/hooks.json` (user) or `<project>/.codex/hooks.json` (loaded
 * only when Codex trusts the project). A hook that is not trusted is skipped silently: trust is
 * `[hooks.state."<absolute hooks.json path>:pre_tool_use:<group>:<handler>"] trusted_hash = "sha256:…"`
 * in the user's `~/.codex/config.toml`, the hash being Codex's fingerprint of the normalised entry
 * (`trustHash.ts`).
 *
 * Payload: `{session_id, turn_id, transcript_path, cwd, hook_event_name: "PreToolUse", model,
 * permission_mode, tool_name, tool_input, tool_use_id}`; `tool_name` is `Bash` (input `{command}`),
 * `apply_patch` (the patch in `command`), `mcp__<server>__<tool>` or another tool's own name.
 *
 * What blocks: exit 2 with a non-empty stderr (the reason), or exit 0 with exactly a
 * `hookSpecificOutput` deny that has a non-empty reason. Everything else — "ask", exit 1, a timeout,
 * non-JSON, an unknown field, a deny without a reason — lets the call run. The model then reads
 * `Command blocked by PreToolUse hook: <reason>. Command: <the raw command>`: Codex itself repeats the
 * command, so a reason must never add a secret to it.
 */
export const CODEX_EVENTS = ['PreToolUse'] as const;

export interface CodexPreToolUsePayload {
  session_id?: string;
  turn_id?: string;
  transcript_path?: string | null;
  cwd: string;
  hook_event_name: 'PreToolUse';
  model?: string;
  permission_mode?: string;
  tool_name: string;
  tool_input: unknown;
  tool_use_id?: string;
}

export interface CodexPreToolUseOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: 'deny';
    permissionDecisionReason: string;
  };
}

export interface CodexCommandHook {
  type: 'command';
  command: string;
  /** Seconds. */
  timeout?: number;
  async?: boolean;
  statusMessage?: string;
}

export interface CodexMatcherGroup {
  matcher?: string;
  hooks: CodexCommandHook[];
}
