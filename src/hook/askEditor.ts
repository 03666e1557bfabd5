import { nodeCrypto } from '../node/lazyCrypto';
import { IPC_PROTOCOL_VERSION, type ActionDescription, type AnswerBy, type ConfirmRequest, type HostId } from '../core/protocol/ipc';
import type { Verdict } from '../core/policy/types';
import { findWindow } from '../node/ipc/discovery';
import { IpcError, newRequestId, sendIpcRequest } from '../node/ipc/client';

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

export interface EditorAnswer {
  decision: 'allow' | 'deny';
  reason: string;
  /** Who decided, when the editor says. */
  by?: AnswerBy;
}

export async function askEditor(guardHomeDir: string, ask: AskRequest): Promise<EditorAnswer> {
  const target = ask.workspaceRoots.length > 0 ? ask.workspaceRoots : ask.action.cwd ? [ask.action.cwd] : [];
  const window = findWindow(guardHomeDir, target);
  if (!window) throw new IpcError('no-editor', 'no editor window with Blast Shield is open on this workspace');
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
  return { decision: reply.decision, reason: reply.reason, ...(reply.by ? { by: reply.by } : {}) };
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
