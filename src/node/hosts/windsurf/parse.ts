import * as os from 'node:os';
import * as path from 'node:path';
import { isObject, objectOrJsonString, pickString, resolveFrom, type HookAction, type ParseResult } from '../action';
import { WINDSURF_EVENTS, type WindsurfEvent } from './types';

/**
 * Windsurf names no workspace folder. Commands carry their cwd; for file events the folder the hook
 * was started in stands in (workspace hooks run there), else the file's own folder.
 */
function baseFolder(toolInfo: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>, home: string): string | undefined {
  const cwd = pickString(toolInfo, 'cwd') || env.PWD;
  if (cwd) return resolveFrom(home, cwd, home);
  const file = pickString(toolInfo, 'file_path');
  return file && path.isAbsolute(file) ? path.dirname(file) : undefined;
}

export function parseWindsurf(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'agent_action_name');
  if (!event || !(WINDSURF_EVENTS as readonly string[]).includes(event)) return { ok: false, reason: `unknown Windsurf hook event '${event ?? ''}'`, event };
  const info = payload.tool_info;
  if (!isObject(info)) return { ok: false, reason: `${event} without tool_info`, event };
  const home = env.HOME ?? os.homedir();
  const base = baseFolder(info, env, home);
  if (!base) return { ok: false, reason: 'the payload names no working folder', event };
  const agent = pickString(payload, 'model_name');
  const common = { host: 'windsurf' as const, event, workspaceRoots: [base], ...(agent ? { agent } : {}) };
  let action: HookAction;
  let tool: string;
  switch (event as WindsurfEvent) {
    case 'pre_run_command': {
      const command = pickString(info, 'command_line', 'command');
      if (command === undefined) return { ok: false, reason: 'pre_run_command without a command_line', event };
      tool = 'run_command';
      action = { kind: 'shell', command, cwd: base };
      break;
    }
    case 'pre_read_code': {
      const file = pickString(info, 'file_path');
      if (!file) return { ok: false, reason: 'pre_read_code without a file_path', event };
      tool = 'read_code';
      action = { kind: 'read', path: resolveFrom(base, file, home), cwd: base };
      break;
    }
    case 'pre_write_code': {
      const file = pickString(info, 'file_path');
      if (!file) return { ok: false, reason: 'pre_write_code without a file_path', event };
      const edits = Array.isArray(info.edits) ? info.edits : [];
      const newText = edits.map((e) => pickString(e, 'new_string') ?? '').join('\n');
      tool = 'write_code';
      action = { kind: 'write', paths: [resolveFrom(base, file, home)], cwd: base, newText };
      break;
    }
    case 'pre_mcp_tool_use': {
      const server = pickString(info, 'mcp_server_name') ?? 'unknown server';
      const name = pickString(info, 'mcp_tool_name');
      if (!name) return { ok: false, reason: 'pre_mcp_tool_use without an mcp_tool_name', event };
      tool = name;
      action = { kind: 'mcp', server, tool: name, input: objectOrJsonString(info.mcp_tool_arguments), cwd: base };
      break;
    }
  }
  return { ok: true, input: { ...common, tool, action } };
}
