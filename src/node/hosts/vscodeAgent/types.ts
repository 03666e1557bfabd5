/**
 * VS Code's "Copilot" agent harness (the default harness, running in a separate Agent Host process
 * on the Copilot SDK). It has no hook files of its own: it reads the same ones as the Local harness
 * (`.github/hooks/*.json`, `~/.copilot/hooks/*.json`, Claude-format files) in either format, and runs
 * every PreToolUse/preToolUse command of them (`copilotPluginConverters.ts` in microsoft/vscode:
 * `/bin/sh -c` or `cmd.exe /c`, entry `timeout` in seconds, default 30). So our `vscode` and `copilot`
 * entries both receive its payload.
 *
 * Payload (logged by users of the Agent Host; destructive_command_guard issue 252): `{sessionId,
 * timestamp?, cwd, toolCalls: [{id, name, args}]}` with `args` a JSON-encoded string and `name` the
 * Copilot runtime's tool (`bash`, `powershell` on Windows, `view`, `create`, `edit`, `write_bash` ...).
 * Older builds send one `{toolName, toolArgs}`.
 *
 * Answer: the first command whose stdout is a JSON object wins and is handed to the SDK as its
 * PreToolUse result, `{permissionDecision, permissionDecisionReason}`. A non-zero exit, a timeout or
 * unreadable output are swallowed ("hook failures are non-fatal"): the tool runs. So every answer,
 * failures included, is JSON on exit 0. Not run live here (VS Code's Agent Host cannot be driven
 * offline): built from VS Code's source and the logged payloads.
 */

export interface AgentHostToolCall {
  id?: string;
  name: string;
  /** JSON-encoded arguments. */
  args: string;
}

export interface AgentHostPreToolUsePayload {
  sessionId?: string;
  timestamp?: number | string;
  cwd: string;
  toolCalls: AgentHostToolCall[];
}

/** Read by the SDK (top level) and, for hosts that translate Claude's shape, `hookSpecificOutput`. */
export interface AgentHostOutput {
  permissionDecision: 'allow' | 'deny';
  permissionDecisionReason?: string;
  hookSpecificOutput: { hookEventName: 'PreToolUse'; permissionDecision: 'allow' | 'deny'; permissionDecisionReason?: string };
}
