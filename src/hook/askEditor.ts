import { IPC_PROTOCOL_VERSION, type ActionDescription, type AgentEnvironment, type AnswerBy, type ConfirmAsk, type HostId } from '../core/protocol/ipc';
import { actionDigest } from '../node/ipc/actionDigest';
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
  workspaceRoots: readonly string[];
  environment: AgentEnvironment;
  /** Epoch ms: give up (and deny) at this time. */
  deadline: number;
}

export interface EditorAnswer {
  decision: 'allow' | 'deny';
  reason: string;
  /** Who decided, when the editor says. */
  by?: AnswerBy;
  /** The copy the editor kept before allowing. */
  snapshot?: string;
  /** Dump the affected tables before allowing (the human asked). */
  backupFirst?: boolean;
}

/**
 * A window counts only once the process its record names is verified as an editor's extension host
 * that holds the record's socket and was not started by the agent (windowIdentity.ts); the same
 * process must still hold that socket when the answer arrives. A window that fails is no window.
 */
export async function askEditor(guardHomeDir: string, ask: AskRequest, verifier: WindowVerifier = systemWindowVerifier()): Promise<EditorAnswer> {
  const target = ask.workspaceRoots.length > 0 ? ask.workspaceRoots : ask.action.cwd ? [ask.action.cwd] : [];
  const windows = findWindows(guardHomeDir, target);
  if (windows.length === 0) throw new IpcError('no-editor', 'no editor window with Blast Shield is open on this workspace');
  const digest = actionDigest(ask.action, ask.workspaceRoots);
  let refused: string | undefined;
  for (const window of windows) {
    const identity = verifier.verify(window.record);
    if (!identity.ok) {
      refused ??= identity.reason;
      continue;
    }
    const request: ConfirmAsk = {
      type: 'confirm',
      version: IPC_PROTOCOL_VERSION,
      token: window.record.token,
      id: newRequestId(),
      host: ask.host,
      event: ask.event,
      ...(ask.agent ? { agent: ask.agent } : {}),
      action: ask.action,
      workspaceRoots: [...ask.workspaceRoots],
      environment: ask.environment,
      deadline: ask.deadline,
    };
    const reply = await sendIpcRequest(window.record.endpoint, request, ask.deadline);
    if (reply.type !== 'decision') throw new IpcError('malformed-reply', `the editor answered '${reply.type}' to a confirm request`);
    if (reply.decision === 'allow' && reply.actionDigest !== digest) throw new IpcError('malformed-reply', 'the editor allowed another action than this one');
    const still = verifier.reconfirm(window.record, identity.proof);
    if (!still.ok) throw new IpcError('unverified', still.reason);
    return { decision: reply.decision, reason: reply.reason, ...(reply.by ? { by: reply.by } : {}), ...(reply.decision === 'allow' && reply.snapshot ? { snapshot: reply.snapshot } : {}), ...(reply.decision === 'allow' && reply.backupFirst ? { backupFirst: true } : {}) };
  }
  throw new IpcError('unverified', refused ?? 'no editor window could be verified');
}
