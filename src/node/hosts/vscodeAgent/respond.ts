import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { AgentHostOutput } from './types';

/**
 * JSON on exit 0, always: the Agent Host ignores a failing hook. The SDK's fields at the top level, and
 * the same decision in Claude's shape, so whichever a build reads, it reads the same answer.
 */
export function respondAgentHost(d: HookDecision): HostReply {
  const reason = d.decision === 'allow' ? undefined : singleMessage(d) || 'Blast Shield denied this action.';
  const out: AgentHostOutput = {
    permissionDecision: d.decision,
    ...(reason ? { permissionDecisionReason: reason } : {}),
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: d.decision, ...(reason ? { permissionDecisionReason: reason } : {}) },
  };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

export function failClosedAgentHost(d: HookDecision): HostReply {
  return respondAgentHost({ ...d, decision: 'deny' });
}
