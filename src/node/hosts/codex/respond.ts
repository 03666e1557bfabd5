import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { CodexPreToolUseOutput } from './types';

/**
 * Allow: an empty object (Codex treats a bare "allow" without an input rewrite as a malformed answer).
 * Deny: exit 2 with the reason on stderr, the one answer Codex blocks on whatever else is printed; the
 * well-formed JSON deny goes to stdout as well. Never "ask": Codex rejects it and runs the call.
 */
export function respondCodex(d: HookDecision): HostReply {
  if (d.decision === 'allow') return { stdout: '{}\n', exitCode: 0 };
  const reason = singleMessage(d) || 'Blast Shield denied this action.';
  const out: CodexPreToolUseOutput = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason } };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 2, stderr: reason + '\n' };
}

export function failClosedCodex(d: HookDecision): HostReply {
  return respondCodex({ ...d, decision: 'deny' });
}
