import * as fs from 'node:fs';
import { checkAgainstAnchor } from '../../core/audit/chain';
import { IPC_PROTOCOL_VERSION, type AnchorState } from '../../core/protocol/ipc';
import { newRequestId, sendIpcRequest } from '../ipc/client';
import { listWindows } from '../ipc/discovery';
import type { WindowVerifier } from '../ipc/windowIdentity';
import { sha256Hex } from '../hashing';
import { auditLogPath } from './auditLog';

/**
 * `audit verify` beyond the guard home: ask a verified editor window for the anchor it keeps
 * (AuditAnchorKeeper) and compare the log with it. A window that fails verification is not asked.
 */

export type AnchorComparison =
  | { consulted: false; why: string }
  | { consulted: true; window: string; anchor: AnchorState | null; ok: true }
  | { consulted: true; window: string; anchor: AnchorState; ok: false; problem: string };

const ASK_MS = 3000;

export async function compareWithEditorAnchor(home: string, verifier: WindowVerifier): Promise<AnchorComparison> {
  const windows = listWindows(home);
  if (windows.length === 0) return { consulted: false, why: 'no editor window with Blast Shield is open' };
  let refused: string | undefined;
  for (const w of windows) {
    const identity = verifier.verify(w.record);
    if (!identity.ok) {
      refused ??= identity.reason;
      continue;
    }
    let anchor: AnchorState | null;
    try {
      const reply = await sendIpcRequest(w.record.endpoint, { type: 'anchor', version: IPC_PROTOCOL_VERSION, token: w.record.token, id: newRequestId() }, Date.now() + ASK_MS);
      if (reply.type !== 'anchor') continue;
      anchor = reply.anchor;
    } catch (err) {
      refused ??= `the window (pid ${w.record.pid}) did not answer (${err instanceof Error ? err.message : String(err)})`;
      continue;
    }
    const still = verifier.reconfirm(w.record, identity.proof);
    if (!still.ok) {
      refused ??= still.reason;
      continue;
    }
    const window = `${w.record.appName}, pid ${w.record.pid}`;
    if (!anchor) return { consulted: true, window, anchor: null, ok: true };
    let text = '';
    try {
      text = fs.readFileSync(auditLogPath(home), 'utf8');
    } catch {
      text = '';
    }
    const checked = checkAgainstAnchor(text, anchor, sha256Hex);
    return checked.ok ? { consulted: true, window, anchor, ok: true } : { consulted: true, window, anchor, ok: false, problem: checked.problem };
  }
  return { consulted: false, why: `no editor window could be verified (${refused ?? 'none answered'})` };
}
