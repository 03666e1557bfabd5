import { singleMessage, type HookDecision, type HostReply } from '../action';
import { respondAgentHost } from '../vscodeAgent/respond';
import type { VscodePreToolUseOutput } from './types';

/**
 * Claude's shape on exit 0 for the Local harness. Exit codes other than 0 and 2 are only warnings in VS
 * Code, so every failure prints a deny. Any other caller of this entry (the Copilot harness, or a
 * payload too broken to tell) gets the answer both harnesses read.
 */
export function respondVscode(d: HookDecision, event?: string): HostReply {
  if (event !== 'PreToolUse') return respondAgentHost(d);
  const out: VscodePreToolUseOutput = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: d.decision,
      permissionDecisionReason: d.decision === 'allow' ? d.userMessage || 'Allowed by Blast Shield.' : singleMessage(d),
    },
  };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

export function failClosedVscode(d: HookDecision, event?: string): HostReply {
  return respondVscode({ ...d, decision: 'deny' }, event);
}
