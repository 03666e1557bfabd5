import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { ClaudePreToolUseOutput } from './types';

function reason(d: HookDecision): string {
  return d.decision === 'allow' ? d.userMessage || 'Allowed by Blast Shield.' : singleMessage(d);
}

/** A definite answer: the JSON decision and exit 0. Never "ask" (auto-approved in several modes). */
export function respondClaude(d: HookDecision): HostReply {
  const out: ClaudePreToolUseOutput = {
    hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: d.decision, permissionDecisionReason: reason(d) },
  };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

/** A failure deny is still a definite JSON deny on exit 0; exit 2 is kept for a crash of the hook itself. */
export function failClosedClaude(d: HookDecision): HostReply {
  return respondClaude({ ...d, decision: 'deny' });
}
