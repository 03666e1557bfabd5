import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { VscodePreToolUseOutput } from './types';

/** Claude's shape on exit 0. Exit codes other than 0 and 2 are only warnings in VS Code, so every failure prints a deny. */
export function respondVscode(d: HookDecision): HostReply {
  const out: VscodePreToolUseOutput = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: d.decision,
      permissionDecisionReason: d.decision === 'allow' ? d.userMessage || 'Allowed by Blast Shield.' : singleMessage(d),
    },
  };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

export function failClosedVscode(d: HookDecision): HostReply {
  return respondVscode({ ...d, decision: 'deny' });
}
