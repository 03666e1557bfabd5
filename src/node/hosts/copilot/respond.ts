import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { CopilotPreToolUseOutput } from './types';

export function respondCopilot(d: HookDecision): HostReply {
  const out: CopilotPreToolUseOutput =
    d.decision === 'allow'
      ? { permissionDecision: 'allow' }
      : { permissionDecision: 'deny', permissionDecisionReason: singleMessage(d) };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

/** Copilot CLI fails open on a broken hook: a failure must still be a well-formed deny on exit 0. */
export function failClosedCopilot(d: HookDecision): HostReply {
  return respondCopilot({ ...d, decision: 'deny' });
}
