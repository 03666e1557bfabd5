import * as os from 'node:os';
import { isObject, objectOrJsonString, pickString, resolveFrom, type ParseResult } from '../action';
import { clineToolAction } from './tools';

/**
 * Both shapes Cline sends to a PreToolUse hook file:
 * - CLI 3.x (the SDK): `hookName: "tool_call"`, the call in `tool_call: {id, name, input}` (input as the
 *   model wrote it) and, for older scripts, the same in `preToolUse: {toolName, parameters}` with every
 *   value turned into a string;
 * - the extension: `hookName: "PreToolUse"` with `preToolUse: {toolName, parameters}` only.
 * The raw `tool_call.input` is preferred: stringified parameters lose nothing but need decoding.
 */
const EVENTS = ['tool_call', 'PreToolUse'];

/** Stringified parameters back to values: an array or object travels as JSON text. */
function decodeParameters(params: unknown): unknown {
  if (!isObject(params)) return params;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && /^\s*[[{]/.test(v) ? objectOrJsonString(v) : v;
  return out;
}

export function parseCline(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hookName');
  if (!event || !EVENTS.includes(event)) return { ok: false, reason: `unexpected Cline hook '${event ?? ''}'`, event };
  const call = payload.tool_call;
  const body = payload.preToolUse;
  const tool = pickString(call, 'name') ?? pickString(body, 'toolName', 'tool');
  if (!tool) return { ok: false, reason: `${event} without a tool name (tool_call.name or preToolUse.toolName)`, event };
  const workspaceRoots = Array.isArray(payload.workspaceRoots) ? payload.workspaceRoots.filter((r): r is string => typeof r === 'string' && r.length > 0) : [];
  const home = env.HOME ?? os.homedir();
  const base = workspaceRoots[0] ?? pickString(payload.workspaceInfo, 'rootPath');
  if (!base) return { ok: false, reason: 'the payload names no workspace root', event };
  if (workspaceRoots.length === 0) workspaceRoots.push(base);
  const input = isObject(call) && 'input' in call ? call.input : isObject(body) ? decodeParameters(body.parameters) : undefined;
  const model = isObject(payload.model) ? pickString(payload.model, 'slug') : undefined;
  const common = { host: 'cline' as const, event, tool, workspaceRoots, agent: model };
  if (tool === 'use_mcp_tool') {
    const server = pickString(input, 'server_name') ?? 'unknown server';
    const name = pickString(input, 'tool_name') ?? 'unknown tool';
    const args = isObject(input) ? objectOrJsonString(input.arguments) : undefined;
    return { ok: true, input: { ...common, action: { kind: 'mcp', server, tool: name, input: args, cwd: base } } };
  }
  if (tool === 'access_mcp_resource') {
    const server = pickString(input, 'server_name') ?? 'unknown server';
    return { ok: true, input: { ...common, action: { kind: 'mcp', server, tool: 'access_mcp_resource', input: { uri: pickString(input, 'uri') }, cwd: base } } };
  }
  const action = clineToolAction(tool, input, { cwd: resolveFrom(base, '.', home), home });
  if (!action) return { ok: false, reason: `the ${tool} input has none of the shapes Cline's ${tool} accepts`, event };
  return { ok: true, input: { ...common, action } };
}
