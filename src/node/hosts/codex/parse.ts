import * as os from 'node:os';
import { isObject, patchPaths, pickString, resolveFrom, splitMcpName, type HookAction, type ParseResult } from '../action';
import { actionFromTool } from '../toolActions';

export function parseCodex(payload: unknown, env: Readonly<Record<string, string | undefined>>): ParseResult {
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object' };
  const event = pickString(payload, 'hook_event_name');
  if (event !== 'PreToolUse') return { ok: false, reason: `unexpected Codex hook event '${event ?? ''}'`, event };
  const tool = pickString(payload, 'tool_name');
  if (!tool) return { ok: false, reason: 'PreToolUse without a tool_name', event };
  const home = env.HOME ?? os.homedir();
  const cwd = pickString(payload, 'cwd');
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(home, cwd, home);
  const input = payload.tool_input;
  const agent = pickString(payload, 'model');
  let action: HookAction;
  const mcp = splitMcpName(tool, '__');
  if (mcp) action = { kind: 'mcp', server: mcp.server, tool: mcp.tool, input, cwd: base };
  else if (tool === 'apply_patch') {
    // The freeform patch arrives as `command`; its paths are relative to the session's folder.
    const patch = pickString(input, 'command', 'input', 'patch') ?? (typeof input === 'string' ? input : '');
    const paths = patchPaths(patch).map((p) => resolveFrom(base, p, home));
    // A patch whose files cannot be read off is judged by what it would touch: unknown, so refused.
    action = paths.length > 0 ? { kind: 'write', paths, cwd: base, newText: patch } : { kind: 'unreadable', tool, reason: 'the files its patch touches cannot be read off it', cwd: base };
  } else action = actionFromTool(tool, input, { cwd: base, home });
  return { ok: true, input: { host: 'codex', event, tool, action, workspaceRoots: [base], ...(agent ? { agent } : {}) } };
}
