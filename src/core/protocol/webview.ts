/**
 * The confirm dialog's channel between the extension host and the webview page. The page is
 * untrusted UI: it reports what the human typed and which button was pressed, and the host decides.
 * There is deliberately no `confirmed` flag: the host compares the typed phrase itself.
 *
 * Handshake: the page posts `ready` once its script runs; only then does the host post `show`.
 * A second `ready` for the same panel means the page reloaded, and the pending ask is denied.
 */
import type { AnswerBy, HostId } from './ipc';
import type { Target } from '../policy/types';
import type { AskKind } from '../preview/askKind';
import type { Preview } from '../preview/model';

/** Everything the dialog shows about one pending ask. Redacted before it reaches the page. */
export interface ConfirmView {
  id: string;
  /** The kind of risk; the heading, the preview's title and the message follow it. */
  kind: AskKind;
  heading: string;
  previewTitle: string;
  /** One sentence: "Claude Code wants to destroy volume 3f1c… (production)." */
  message: string;
  /** The same action was denied earlier in this window: the agent is sending it again. */
  earlierDeny?: { at: number; by: AnswerBy };
  /** 'shell' | 'mcp' | 'write' | 'read'. */
  actionKind: string;
  /** The command (or MCP call, or file path) as the agent wrote it. */
  actionText: string;
  cwd?: string;
  /** Banner: 'production', 'unknown' (treated as production) or null for a local/non-production action. */
  environment: 'production' | 'unknown' | null;
  targets: Target[];
  reasons: string[];
  risks: string[];
  /** "the Railway token from legacy/config_backup.json" style lines; empty when no credential is involved. */
  credentialOrigins: string[];
  host: HostId;
  hostLabel: string;
  agent?: string;
  event: string;
  /** What the human must type, exactly. */
  phrase: string;
  /** Epoch milliseconds when the ask is denied automatically. */
  deadline: number;
  /** Asks waiting behind this one. */
  queued: number;
  /** undefined while the preview is still being computed. */
  preview?: Preview;
}

export type HostToWebview =
  | { type: 'show'; view: ConfirmView }
  | { type: 'preview'; id: string; preview: Preview }
  | { type: 'queue'; queued: number }
  | { type: 'phraseMismatch'; id: string }
  /** Put the caret in the phrase box (the human chose to review the ask). */
  | { type: 'focus'; id: string }
  | { type: 'closed'; id: string; outcome: 'allowed' | 'denied'; reason: string };

export type WebviewToHost =
  | { type: 'ready' }
  /** `backupFirst`: the human ticked "back up first" (only offered for a database the machine can reach). */
  | { type: 'submit'; id: string; phrase: string; backupFirst?: boolean }
  | { type: 'deny'; id: string };

/** Longest phrase the page may send; anything longer is not a phrase a human typed. */
export const MAX_TYPED_PHRASE = 1_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate a message from the page. Anything else is ignored by the host (and never allows). */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
      return Object.keys(v).length === 1;
    case 'submit':
      return (
        typeof v.id === 'string' &&
        typeof v.phrase === 'string' &&
        v.phrase.length <= MAX_TYPED_PHRASE &&
        (v.backupFirst === undefined || typeof v.backupFirst === 'boolean') &&
        Object.keys(v).length === (v.backupFirst === undefined ? 3 : 4)
      );
    case 'deny':
      return typeof v.id === 'string' && Object.keys(v).length === 2;
    default:
      return false;
  }
}

/** Validate a message from the host (the page checks too: defence against a confused sender). */
export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'show':
      return isRecord(v.view) && typeof v.view.id === 'string' && typeof v.view.phrase === 'string' && typeof v.view.deadline === 'number';
    case 'preview':
      return typeof v.id === 'string' && isRecord(v.preview) && Array.isArray(v.preview.sections);
    case 'queue':
      return typeof v.queued === 'number';
    case 'phraseMismatch':
    case 'focus':
      return typeof v.id === 'string';
    case 'closed':
      return typeof v.id === 'string' && (v.outcome === 'allowed' || v.outcome === 'denied') && typeof v.reason === 'string';
    default:
      return false;
  }
}

/** The one comparison that allows: exact, after trimming surrounding whitespace the human may add. */
export function phraseMatches(typed: string, expected: string): boolean {
  return expected.length > 0 && typed.trim() === expected;
}
