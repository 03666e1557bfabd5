import { singleMessage, type HookDecision, type HostReply } from '../action';

/**
 * Windsurf reads the exit code: 0 lets the action run, 2 blocks it and shows stderr. No JSON is
 * documented, so none is printed (with `show_output` every line would be shown on every call).
 */
export function respondWindsurf(d: HookDecision): HostReply {
  if (d.decision === 'allow') return { stdout: '', exitCode: 0 };
  return { stdout: '', exitCode: 2, stderr: (singleMessage(d) || 'Blast Shield denied this action.') + '\n' };
}

export function failClosedWindsurf(d: HookDecision): HostReply {
  return respondWindsurf({ ...d, decision: 'deny' });
}
