import * as os from 'node:os';
import { isObject, pickString, resolveFrom, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';
import { isAgentHostPayload, parseAgentHost } from '../vscodeAgent/parse';

/** VS Code names MCP tools `mcp_<server>_<tool>`; the split is a best guess (server names may hold `_`). */
function mcpParts(tool: string): { server: string; tool: string } | undefined {
  const m = /^mcp_([^_]+)_(.+)$/.exec(tool);
  return m ? { server: m[1] ?? '', tool: m[2] ?? '' } : undefined;
}

export function parseVscode(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  // The Copilot harness (Agent Host) runs this entry too, with its own envelope.
  if (isAgentHostPayload(payload)) return parseAgentHost(payload, env, 'vscode');
  const event = pickString(payload, 'hookEventName', 'hook_event_name');
  if (event !== 'PreToolUse') return { ok: false, reason: `unexpected VS Code hook event '${event ?? ''}'`, event };
  const tool = pickString(payload, 'tool_name', 'toolName');
  if (!tool) return { ok: false, reason: 'PreToolUse without a tool_name', event };
  const home = env.HOME ?? os.homedir();
  const cwd = pickString(payload, 'cwd');
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(home, cwd, home);
  const input = payload.tool_input ?? payload.toolArgs;
  const mcp = mcpParts(tool) ?? (tool.startsWith('mcp__') ? { server: tool.split('__')[1] ?? '', tool: tool.split('__').slice(2).join('__') } : undefined);
  const action = mcp ? { kind: 'mcp' as const, server: mcp.server, tool: mcp.tool, input, cwd: base } : actionFromTool(tool, input, { cwd: base, home });
  return { ok: true, input: { host: 'vscode', event, tool, action, workspaceRoots: [base] } };
}
