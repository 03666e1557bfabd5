import * as os from 'node:os';
import { isObject, objectOrJsonString, pickString, resolveFrom, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';

export function parseCline(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hookName');
  if (event !== 'PreToolUse') return { ok: false, reason: `unexpected Cline hook '${event ?? ''}'`, event };
  const body = payload.preToolUse;
  const tool = pickString(body, 'toolName', 'tool');
  if (!isObject(body) || !tool) return { ok: false, reason: 'PreToolUse without preToolUse.toolName', event };
  const workspaceRoots = Array.isArray(payload.workspaceRoots) ? payload.workspaceRoots.filter((r): r is string => typeof r === 'string' && r.length > 0) : [];
  const home = env.HOME ?? os.homedir();
  const base = workspaceRoots[0];
  if (!base) return { ok: false, reason: 'the payload names no workspace root', event };
  const params = body.parameters;
  const model = isObject(payload.model) ? pickString(payload.model, 'slug') : undefined;
  const common = { host: 'cline' as const, event, tool, workspaceRoots, agent: model };
  if (tool === 'use_mcp_tool') {
    const server = pickString(params, 'server_name') ?? 'unknown server';
    const name = pickString(params, 'tool_name') ?? 'unknown tool';
    const input = isObject(params) ? objectOrJsonString(params.arguments) : undefined;
    return { ok: true, input: { ...common, action: { kind: 'mcp', server, tool: name, input, cwd: base } } };
  }
  if (tool === 'access_mcp_resource') {
    const server = pickString(params, 'server_name') ?? 'unknown server';
    return { ok: true, input: { ...common, action: { kind: 'mcp', server, tool: 'access_mcp_resource', input: { uri: pickString(params, 'uri') }, cwd: base } } };
  }
  return { ok: true, input: { ...common, action: actionFromTool(tool, params, { cwd: resolveFrom(base, '.', home), home }) } };
}
