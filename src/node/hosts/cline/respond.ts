import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { ClineHookOutput } from './types';

export function respondCline(d: HookDecision): HostReply {
  const out: ClineHookOutput = d.decision === 'allow' ? { cancel: false } : { cancel: true, errorMessage: singleMessage(d) };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

export function failClosedCline(d: HookDecision): HostReply {
  return respondCline({ ...d, decision: 'deny' });
}
