import * as os from 'node:os';
import { isObject, pickString, resolveFrom, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';
import { isAgentHostPayload, parseAgentHost } from '../vscodeAgent/parse';

/**
 * Copilot CLI payloads carry no event name in the camelCase format (the configured event decides
 * which hook runs); the PascalCase variant mirrors VS Code's snake_case fields. Both are accepted.
 */
export function parseCopilot(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  // VS Code's Copilot harness (Agent Host) runs this entry too, with its own envelope.
  if (isAgentHostPayload(payload)) return parseAgentHost(payload, env, 'copilot');
  const named = pickString(payload, 'hookEventName', 'hook_event_name');
  const event = named ?? 'preToolUse';
  if (event !== 'preToolUse' && event !== 'PreToolUse') return { ok: false, reason: `unexpected Copilot hook event '${event}'`, event };
  const tool = pickString(payload, 'toolName', 'tool_name');
  if (!tool) return { ok: false, reason: 'preToolUse without a toolName', event };
  const home = env.HOME ?? os.homedir();
  const cwd = pickString(payload, 'cwd');
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(home, cwd, home);
  const args = 'toolArgs' in payload ? payload.toolArgs : payload.tool_input;
  const mcp = /^([^/]+)\/(.+)$/.exec(tool) ?? (tool.startsWith('mcp__') ? ['', tool.split('__')[1] ?? '', tool.split('__').slice(2).join('__')] : undefined);
  const action = mcp ? { kind: 'mcp' as const, server: mcp[1] ?? '', tool: mcp[2] ?? '', input: args, cwd: base } : actionFromTool(tool, args, { cwd: base, home });
  return { ok: true, input: { host: 'copilot', event, tool, action, workspaceRoots: [base] } };
}
