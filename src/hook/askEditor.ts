import { nodeCrypto } from '../node/lazyCrypto';
import { IPC_PROTOCOL_VERSION, type ActionDescription, type ConfirmRequest, type HostId } from '../core/protocol/ipc';
import type { Verdict } from '../core/policy/types';
import { findWindows } from '../node/ipc/discovery';
import { IpcError, newRequestId, sendIpcRequest } from '../node/ipc/client';
import { systemWindowVerifier, type WindowVerifier } from '../node/ipc/windowIdentity';

/**
 * Asking the editor window that owns the workspace. Resolves with the human's answer, or rejects
 * with an IpcError the hook turns into a deny (no window, refused, wrong token, deadline ...).
 */

export interface AskRequest {
  host: HostId;
  event: string;
  agent?: string;
  action: ActionDescription;
  verdict: Verdict;
  workspaceRoots: readonly string[];
  dedupeKey: string;
  /** Epoch ms: give up (and deny) at this time. */
  deadline: number;
}

/**
 * A window counts only once the process its record names is verified as an editor's extension host
 * that holds the record's socket and was not started by the agent (windowIdentity.ts); the same
 * process must still hold that socket when the answer arrives. A window that fails is no window.
 */
export async function askEditor(guardHomeDir: string, ask: AskRequest, verifier: WindowVerifier = systemWindowVerifier()): Promise<{ decision: 'allow' | 'deny'; reason: string }> {
  const target = ask.workspaceRoots.length > 0 ? ask.workspaceRoots : ask.action.cwd ? [ask.action.cwd] : [];
  const windows = findWindows(guardHomeDir, target);
  if (windows.length === 0) throw new IpcError('no-editor', 'no editor window with Blast Shield is open on this workspace');
  let refused: string | undefined;
  for (const window of windows) {
    const identity = verifier.verify(window.record);
    if (!identity.ok) {
      refused ??= identity.reason;
      continue;
    }
    const request: ConfirmRequest = {
      type: 'confirm',
      version: IPC_PROTOCOL_VERSION,
      token: window.record.token,
      id: newRequestId(),
      host: ask.host,
      event: ask.event,
      ...(ask.agent ? { agent: ask.agent } : {}),
      action: ask.action,
      verdict: ask.verdict,
      deadline: ask.deadline,
      dedupeKey: ask.dedupeKey,
    };
    const reply = await sendIpcRequest(window.record.endpoint, request, ask.deadline);
    if (reply.type !== 'decision') throw new IpcError('malformed-reply', `the editor answered '${reply.type}' to a confirm request`);
    const still = verifier.reconfirm(window.record, identity.proof);
    if (!still.ok) throw new IpcError('unverified', still.reason);
    return { decision: reply.decision, reason: reply.reason };
  }
  throw new IpcError('unverified', refused ?? 'no editor window could be verified');
}

/** Same key for the same action on the same workspace, whichever host or event delivered it. */
export function dedupeKeyOf(action: ActionDescription, workspaceRoots: readonly string[]): string {
  // MCP: the server is left out because Cursor names it differently in beforeMCPExecution (its
  // launch command or URL) and preToolUse (its name) for the same call.
  const subject = action.kind === 'shell' ? action.command.trim() : action.kind === 'mcp' ? `${action.tool}\u0000${action.input}` : action.path;
  // The working folder is part of the action: `rm -rf data` in ws/a and in ws/b are two actions.
  const root = [...workspaceRoots].sort()[0] ?? '';
  const cwd = action.cwd ?? '';
  return nodeCrypto().createHash('sha256').update(`${action.kind}\u0000${subject}\u0000${root}\u0000${cwd}`).digest('hex').slice(0, 32);
}
