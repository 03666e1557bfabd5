import * as os from 'node:os';
import { isObject, pickString, resolveFrom, splitMcpName, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';

export function parseClaude(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hook_event_name');
  if (event !== 'PreToolUse') return { ok: false, reason: `unexpected Claude Code hook event '${event ?? ''}'`, event };
  const tool = pickString(payload, 'tool_name');
  if (!tool) return { ok: false, reason: 'PreToolUse without a tool_name', event };
  const home = env.HOME ?? os.homedir();
  const projectDir = env.CLAUDE_PROJECT_DIR || env.CURSOR_PROJECT_DIR;
  const cwd = pickString(payload, 'cwd') || projectDir;
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(projectDir ?? cwd, cwd, home);
  const workspaceRoots = [projectDir ?? base];
  const mcp = splitMcpName(tool, '__');
  const action = mcp
    ? { kind: 'mcp' as const, server: mcp.server, tool: mcp.tool, input: payload.tool_input, cwd: base }
    : actionFromTool(tool, payload.tool_input, { cwd: base, home });
  return { ok: true, input: { host: 'claude', event, tool, action, workspaceRoots } };
}
