import { singleMessage, type HookDecision, type HostReply } from '../action';
import type { GeminiHookOutput } from './types';

/** `decision` on exit 0. Never "ask": Gemini CLI hangs on it. */
export function respondGemini(d: HookDecision): HostReply {
  const out: GeminiHookOutput = d.decision === 'allow' ? { decision: 'allow' } : { decision: 'deny', reason: singleMessage(d) };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 0 };
}

/**
 * A failure deny: the JSON deny and exit 2. Gemini reads the JSON first; if stdout were ever unreadable,
 * exit 2 still blocks with stderr as the reason. Any other exit code would let the tool run.
 */
export function failClosedGemini(d: HookDecision): HostReply {
  const reason = singleMessage(d) || 'Blast Shield denied this action.';
  const out: GeminiHookOutput = { decision: 'deny', reason };
  return { stdout: JSON.stringify(out) + '\n', exitCode: 2, stderr: reason + '\n' };
}
