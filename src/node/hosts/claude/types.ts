/**
 * Claude Code's PreToolUse hook wire format (`~/.claude/settings.json`, `.claude/settings.json`,
 * `.claude/settings.local.json`; Cursor imports the same files). Field names follow the hooks reference.
 */
export const CLAUDE_EVENTS = ['PreToolUse'] as const;

/**
 * Every tool: Claude Code keeps adding tools (Agent, Workflow with a script or script path, Skill,
 * ScheduleWakeup …) and a tool the matcher does not name never reaches the hook. The adapter judges
 * each on what it carries (see toolActions).
 */
export const CLAUDE_MATCHER = '*';

export interface ClaudePreToolUsePayload {
  session_id?: string;
  transcript_path?: string;
  cwd: string;
  permission_mode?: string;
  hook_event_name: 'PreToolUse';
  tool_name: string;
  tool_input: unknown;
  tool_use_id?: string;
}

export interface ClaudePreToolUseOutput {
  hookSpecificOutput: {
    hookEventName: 'PreToolUse';
    permissionDecision: 'allow' | 'deny';
    permissionDecisionReason: string;
  };
}

export interface ClaudeCommandHook {
  type: 'command';
  command: string;
  timeout?: number;
  /** Claude Code 2.1.295+: a failing hook blocks instead of letting the call through. */
  onFailure?: 'block' | 'allow';
}

export interface ClaudeMatcherGroup {
  matcher?: string;
  hooks: ClaudeCommandHook[];
}
