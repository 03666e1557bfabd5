import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { CursorPermissionOutput, CursorReadOutput } from './types';

/** Cursor reads JSON on exit 0; exit 2 also denies. afterFileEdit expects no decision. */
export function respondCursor(d: HookDecision, event: string | undefined): HostReply {
  if (event === 'afterFileEdit') return { stdout: '{}\n', exitCode: 0 };
  if (event === 'beforeReadFile') {
    // beforeReadFile has no agent message: the one message carries both parts.
    const out: CursorReadOutput = d.decision === 'allow' ? { permission: 'allow' } : { permission: 'deny', user_message: singleMessage(d) };
    return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
  }
  const out: CursorPermissionOutput =
    d.decision === 'allow' ? { permission: 'allow' } : { permission: 'deny', user_message: d.userMessage, agent_message: d.agentMessage };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

/** A failure deny: the JSON deny plus exit 2, which Cursor treats as deny even if it ignores the JSON. */
export function failClosedCursor(d: HookDecision, event: string | undefined): HostReply {
  if (event === 'afterFileEdit') return { stdout: '{}\n', exitCode: 0 };
  const out: CursorPermissionOutput | CursorReadOutput =
    event === 'beforeReadFile' ? { permission: 'deny', user_message: singleMessage(d) } : { permission: 'deny', user_message: d.userMessage, agent_message: d.agentMessage };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 2, stderr: d.agentMessage + '\n' };
}
