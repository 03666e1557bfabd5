import * as os from 'node:os';
import { isObject, objectOrJsonString, pickString, resolveFrom, splitMcpName, type HookAction, type ParseResult } from '../action';
import { actionFromTool, type ToolContext } from '../toolActions';

/** The entry that ran the hook: both receive every call, so each is its own delivery (one dialog). */
export type AgentHostEntry = 'vscode' | 'copilot' | 'vscode-agent';

export const AGENT_HOST_EVENT = 'preToolUse';

export function agentHostEvent(entry: AgentHostEntry): string {
  return entry === 'vscode-agent' ? AGENT_HOST_EVENT : `${AGENT_HOST_EVENT} (${entry} entry)`;
}

/** Whether a payload is the Agent Host's envelope rather than the entry's own host format. */
export function isAgentHostPayload(payload: unknown): boolean {
  return isObject(payload) && Array.isArray(payload.toolCalls);
}

function callAction(name: string, args: unknown, ctx: ToolContext): HookAction {
  const mcp = splitMcpName(name, '__') ?? (/^([^/]+)\/(.+)$/.exec(name) ? { server: name.split('/')[0] ?? '', tool: name.split('/').slice(1).join('/') } : undefined);
  if (mcp) return { kind: 'mcp', server: mcp.server, tool: mcp.tool, input: args, cwd: ctx.cwd };
  return actionFromTool(name, args, ctx);
}

export function parseAgentHost(payload: unknown, env: Readonly<Record<string, string | undefined>>, entry: AgentHostEntry): ParseResult {
  const event = agentHostEvent(entry);
  if (!isObject(payload)) return { ok: false, reason: 'the hook input is not a JSON object', event };
  const calls: unknown[] | undefined = Array.isArray(payload.toolCalls)
    ? payload.toolCalls
    : pickString(payload, 'toolName')
      ? [{ name: payload.toolName, args: payload.toolArgs }]
      : undefined;
  if (!calls || calls.length === 0) return { ok: false, reason: 'preToolUse without toolCalls', event };
  const home = env.HOME ?? os.homedir();
  const cwd = pickString(payload, 'cwd');
  if (!cwd) return { ok: false, reason: 'the payload names no cwd', event };
  const base = resolveFrom(home, cwd, home);
  const names: string[] = [];
  const actions: HookAction[] = [];
  for (const call of calls) {
    const name = pickString(call, 'name', 'toolName');
    if (!name) return { ok: false, reason: 'a tool call without a name', event };
    const raw = isObject(call) ? (call.args ?? call.toolArgs ?? call.arguments) : undefined;
    const args = objectOrJsonString(raw);
    if (typeof raw === 'string' && typeof args === 'string') return { ok: false, reason: `the arguments of ${name} are not valid JSON`, event };
    names.push(name);
    actions.push(callAction(name, args, { cwd: base, home }));
  }
  const action: HookAction = actions.length === 1 && actions[0] ? actions[0] : { kind: 'all', actions, cwd: base };
  return { ok: true, input: { host: 'vscode-agent', event, tool: names.join(', '), action, workspaceRoots: [base] } };
}
