import * as os from 'node:os';
import { isObject, objectOrJsonString, pickString, resolveFrom, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';
import { CURSOR_EVENTS, type CursorEvent } from './types';

function roots(payload: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): string[] {
  const listed = Array.isArray(payload.workspace_roots) ? payload.workspace_roots.filter((r): r is string => typeof r === 'string' && r.length > 0) : [];
  if (listed.length > 0) return listed;
  return env.CURSOR_PROJECT_DIR ? [env.CURSOR_PROJECT_DIR] : [];
}

export function parseCursor(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hook_event_name');
  if (!event || !(CURSOR_EVENTS as readonly string[]).includes(event)) return { ok: false, reason: `unknown Cursor hook event '${event ?? ''}'`, event };
  const workspaceRoots = roots(payload, env);
  const home = env.HOME ?? os.homedir();
  const base = pickString(payload, 'cwd') || workspaceRoots[0];
  if (!base) return { ok: false, reason: 'the payload names no workspace and no cwd', event };
  const agent = pickString(payload, 'model');
  const common = { host: 'cursor' as const, event, workspaceRoots, agent };
  switch (event as CursorEvent) {
    case 'beforeShellExecution': {
      const command = pickString(payload, 'command');
      if (command === undefined) return { ok: false, reason: 'beforeShellExecution without a command', event };
      return { ok: true, input: { ...common, tool: 'Shell', action: { kind: 'shell', command, cwd: resolveFrom(workspaceRoots[0] ?? base, base, home) } } };
    }
    case 'beforeMCPExecution': {
      const tool = pickString(payload, 'tool_name');
      if (tool === undefined) return { ok: false, reason: 'beforeMCPExecution without a tool_name', event };
      const server = pickString(payload, 'server_name', 'server') ?? pickString(payload, 'url') ?? pickString(payload, 'command') ?? 'unknown server';
      return { ok: true, input: { ...common, tool, action: { kind: 'mcp', server, tool, input: objectOrJsonString(payload.tool_input), cwd: base } } };
    }
    case 'beforeReadFile': {
      const file = pickString(payload, 'file_path');
      if (!file) return { ok: false, reason: 'beforeReadFile without a file_path', event };
      const content = pickString(payload, 'content');
      return { ok: true, input: { ...common, tool: 'Read', action: { kind: 'read', path: resolveFrom(base, file, home), cwd: base, content } } };
    }
    case 'preToolUse': {
      const tool = pickString(payload, 'tool_name');
      if (!tool) return { ok: false, reason: 'preToolUse without a tool_name', event };
      if (tool.startsWith('MCP:')) {
        const name = tool.slice(4);
        return { ok: true, input: { ...common, tool, action: { kind: 'mcp', server: pickString(payload, 'server_name') ?? name, tool: name, input: objectOrJsonString(payload.tool_input), cwd: base } } };
      }
      return { ok: true, input: { ...common, tool, action: actionFromTool(tool, payload.tool_input, { cwd: base, home }) } };
    }
    case 'afterFileEdit': {
      const file = pickString(payload, 'file_path') ?? '';
      return { ok: true, input: { ...common, tool: 'Edit', action: { kind: 'edited', path: file ? resolveFrom(base, file, home) : '', cwd: base } } };
    }
  }
}
