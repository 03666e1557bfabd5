/**
 * The hook <-> editor channel. The hook connects to a window's socket, sends one newline-terminated
 * JSON request carrying the window's token, and reads one newline-terminated JSON reply. Every message
 * is validated on arrival; anything malformed is an error, and the hook treats every error as deny.
 *
 * A confirm request carries the action and the facts it was judged with, never words to show: the
 * editor analyses the action with its own engine and builds the dialog, its phrase and the dedupe key
 * from that. Its answer names the digest of the action the dialog was shown for (`actionDigest`), and
 * the hook accepts an allow only for the digest of its own action.
 */
import type { Verdict } from '../policy/types';

export const IPC_PROTOCOL_VERSION = 2;
/** Requests and replies larger than this are rejected unread. */
export const IPC_MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * The agent hosts. `vscode-agent` is VS Code's Copilot harness (its Agent Host process): it runs the
 * hook entries of the `vscode` and `copilot` files with a payload of its own, so it has no file of its
 * own, but its calls, dialogs and audit lines are told apart.
 */
export type HostId = 'cursor' | 'claude' | 'vscode' | 'copilot' | 'cline' | 'gemini' | 'codex' | 'windsurf' | 'vscode-agent';
export const HOST_IDS: readonly HostId[] = ['cursor', 'claude', 'vscode', 'copilot', 'cline', 'gemini', 'codex', 'windsurf', 'vscode-agent'];

/** Written owner-only (0600) per window into the guard home's ipc folder. */
export interface DiscoveryRecord {
  version: typeof IPC_PROTOCOL_VERSION;
  pid: number;
  appName: string;
  workspaceFolders: string[];
  /** Unix socket path or Windows named pipe. */
  endpoint: string;
  token: string;
  createdAt: string;
}

/** What the agent wants to do, already redacted (no secret values). */
export type ActionDescription =
  | { kind: 'shell'; command: string; cwd: string }
  /** `cwd`: the agent's working directory, when the host says (optional for older senders). */
  | { kind: 'mcp'; server: string; tool: string; input: string; cwd?: string }
  /** `content`, when the host sends it, is the file's full new text (redacted, bounded) for the before/after preview. */
  | { kind: 'write'; path: string; cwd: string; content?: string }
  | { kind: 'read'; path: string; cwd: string }
  /** A web fetch tool (the URL redacted). */
  | { kind: 'fetch'; url: string; cwd: string };

/**
 * What of the agent's environment the analysis reads: the names of its variables, and the values of
 * the non-secret selectors only (NODE_ENV, AWS_PROFILE, KUBECONFIG …). The editor's own process has
 * another environment; it analyses the action with these.
 */
export interface AgentEnvironment {
  names: string[];
  values: Record<string, string>;
}

/** What the hook sends: an action to confirm, never text to display. */
export interface ConfirmAsk {
  type: 'confirm';
  version: typeof IPC_PROTOCOL_VERSION;
  token: string;
  /** Random per request. */
  id: string;
  host: HostId;
  /** The host's event name: beforeShellExecution, PreToolUse ... */
  event: string;
  /** Model or agent name when the host says, for the dialog's "who asked" (short, plain characters). */
  agent?: string;
  action: ActionDescription;
  /** The workspace folders the host named (the action's context, and part of its identity). */
  workspaceRoots: string[];
  environment?: AgentEnvironment;
  /** Epoch milliseconds after which the hook will have given up (it then denies on its own). */
  deadline: number;
}

/** An ask as the editor holds it after its own analysis: the verdict and dedupe key are the editor's. */
export interface ConfirmRequest extends ConfirmAsk {
  verdict: Verdict;
  /** The action's digest (actionDigest): the same action reaching us twice shares one dialog. */
  dedupeKey: string;
}

/**
 * The parts of an action that make two deliveries the same action, in a fixed form: what the digest
 * an answer is bound to covers. MCP calls leave the server out (Cursor names it differently in its two
 * events for one call); the working folder and first workspace folder are in (`rm -rf data` in two
 * workspaces is two actions).
 */
export function canonicalAction(action: ActionDescription, workspaceRoots: readonly string[]): string {
  const subject =
    action.kind === 'shell' ? action.command.trim() : action.kind === 'mcp' ? `${action.tool}\u0000${action.input}` : action.kind === 'fetch' ? action.url : action.path;
  const root = [...workspaceRoots].sort()[0] ?? '';
  return `${action.kind}\u0000${subject}\u0000${root}\u0000${action.cwd ?? ''}`;
}

/**
 * Which hook delivered a request. One action can reach the editor once per hook that carries it
 * (Cursor also runs Claude Code's hooks; Cursor sends an MCP call to two events): those twins share
 * one dialog. The same delivery repeating an action is a second run and is asked again.
 */
export function deliveryOf(request: Pick<ConfirmRequest, 'host' | 'event'>): string {
  return `${request.host}/${request.event}`;
}

/** A health ping: no token-free path reveals anything; the reply says whether lockdown is on. */
export interface PingRequest {
  type: 'ping';
  version: typeof IPC_PROTOCOL_VERSION;
  token: string;
  id: string;
}

/**
 * A note that a hook event arrived (for the per-host "last event" health). The hook no longer sends
 * it: the editor reads hook events from the audit log every call appends (AuditFollower), which costs
 * the hook no socket round trip. The server still acknowledges it, as part of protocol version 1.
 */
export interface EventNotice {
  type: 'event';
  version: typeof IPC_PROTOCOL_VERSION;
  token: string;
  id: string;
  host: HostId;
  event: string;
  decision: Verdict['decision'];
  at: number;
}

/** The editor's audit anchor (see auditAnchor.ts): what `audit verify` compares the log with. */
export interface AnchorRequest {
  type: 'anchor';
  version: typeof IPC_PROTOCOL_VERSION;
  token: string;
  id: string;
}

export type IpcRequest = ConfirmAsk | PingRequest | EventNotice | AnchorRequest;

export interface AnchorState {
  /** Entries the editor has seen chained in the log. */
  count: number;
  /** Hash of entry number `count`. */
  lastHash: string;
}

/**
 * Who or what settled an ask, so the hook can word its answer without guessing from a sentence:
 * the human at the dialog, the deadline (nobody answered), lockdown, the dialog closed or reloaded
 * without an answer, the window closing, or the editor refusing the request (`refused`: late, or not
 * an ask at all).
 */
export type AnswerBy = 'user' | 'deadline' | 'lockdown' | 'closed' | 'reloaded' | 'window-closing' | 'refused';
export const ANSWER_BY: readonly AnswerBy[] = ['user', 'deadline', 'lockdown', 'closed', 'reloaded', 'window-closing', 'refused'];

export type IpcReply =
  /** `by` says who decided (the hook words its reply from it); `snapshot`: the copy kept before an allow; `backupFirst`: the hook dumps the affected tables before allowing. */
  | { type: 'decision'; id: string; decision: 'allow' | 'deny'; reason: string; actionDigest: string; by?: AnswerBy; snapshot?: string; backupFirst?: boolean }
  | { type: 'anchor'; id: string; anchor: AnchorState | null }
  | { type: 'pong'; id: string; lockdown: boolean; appName: string }
  | { type: 'ack'; id: string }
  | { type: 'error'; id: string; message: string };

type Check = (v: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isStringArray: Check = (v) => Array.isArray(v) && v.every(isString);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasShape(v: Record<string, unknown>, shape: Record<string, Check>, optional: Record<string, Check> = {}): boolean {
  for (const [k, check] of Object.entries(shape)) if (!check(v[k])) return false;
  for (const [k, check] of Object.entries(optional)) if (v[k] !== undefined && !check(v[k])) return false;
  return true;
}

const isHost: Check = (v) => typeof v === 'string' && (HOST_IDS as readonly string[]).includes(v);
const isDecision: Check = (v) => v === 'allow' || v === 'ask' || v === 'deny';

function isTarget(v: unknown): boolean {
  return (
    isRecord(v) &&
    hasShape(v, { kind: isString, name: isString, remote: (x) => typeof x === 'boolean', environment: isString, environmentReason: isString }, { provider: isString })
  );
}

export function isVerdict(v: unknown): boolean {
  return (
    isRecord(v) &&
    hasShape(v, {
      decision: isDecision,
      production: (x) => typeof x === 'boolean',
      risks: isStringArray,
      reasons: isStringArray,
      targets: (x) => Array.isArray(x) && x.every(isTarget),
      confirm: (x) => x === null || isString(x),
    })
  );
}

function isAction(v: unknown): boolean {
  if (!isRecord(v)) return false;
  switch (v.kind) {
    case 'shell':
      return hasShape(v, { command: isString, cwd: isString });
    case 'mcp':
      return hasShape(v, { server: isString, tool: isString, input: isString }, { cwd: isString });
    case 'write':
      return hasShape(v, { path: isString, cwd: isString }, { content: isString });
    case 'read':
      return hasShape(v, { path: isString, cwd: isString });
    case 'fetch':
      return hasShape(v, { url: isString, cwd: isString });
    default:
      return false;
  }
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

function isEnvironment(v: unknown): boolean {
  if (!isRecord(v) || !Array.isArray(v.names) || v.names.length > 2000 || !v.names.every((n) => typeof n === 'string' && ENV_NAME.test(n))) return false;
  if (!isRecord(v.values)) return false;
  const values = Object.entries(v.values);
  return values.length <= 100 && values.every(([k, x]) => ENV_NAME.test(k) && typeof x === 'string' && x.length <= 1000);
}

/** The agent's name is shown as a label: short and plain, so it cannot pose as instructions. */
const isAgentName: Check = (v) => typeof v === 'string' && v.length <= 80 && /^[\w .:@/()+-]*$/.test(v);
const isDigest: Check = (v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

const BASE = { version: (v: unknown) => v === IPC_PROTOCOL_VERSION, token: isString, id: isString };

/** Parse one request line. Returns undefined for anything that is not exactly a known request. */
export function parseIpcRequest(line: string): IpcRequest | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v)) return undefined;
  switch (v.type) {
    case 'confirm': {
      if (!hasShape(v, { ...BASE, host: isHost, event: (x) => isString(x) && (x as string).length <= 100, action: isAction, workspaceRoots: isStringArray, deadline: isNumber }, { agent: isAgentName, environment: isEnvironment })) return undefined;
      // Only the known fields: a verdict, reasons or a dedupe key sent along are not ours to show.
      const environment = v.environment as AgentEnvironment | undefined;
      return {
        type: 'confirm',
        version: IPC_PROTOCOL_VERSION,
        token: v.token as string,
        id: v.id as string,
        host: v.host as HostId,
        event: v.event as string,
        ...(v.agent ? { agent: v.agent as string } : {}),
        action: v.action as ActionDescription,
        workspaceRoots: v.workspaceRoots as string[],
        ...(environment ? { environment: { names: [...environment.names], values: { ...environment.values } } } : {}),
        deadline: v.deadline as number,
      };
    }
    case 'ping':
      return hasShape(v, BASE) ? (v as unknown as PingRequest) : undefined;
    case 'anchor':
      return hasShape(v, BASE) ? (v as unknown as AnchorRequest) : undefined;
    case 'event':
      return hasShape(v, { ...BASE, host: isHost, event: isString, decision: isDecision, at: isNumber }) ? (v as unknown as EventNotice) : undefined;
    default:
      return undefined;
  }
}

/** Parse one reply line. Returns undefined for anything malformed; the hook then denies. */
export function parseIpcReply(line: string): IpcReply | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isRecord(v) || !isString(v.id)) return undefined;
  switch (v.type) {
    case 'decision':
      if (v.by !== undefined && !(ANSWER_BY as readonly unknown[]).includes(v.by)) return undefined;
      if ((v.snapshot !== undefined && !isString(v.snapshot)) || (v.backupFirst !== undefined && v.backupFirst !== true)) return undefined;
      return (v.decision === 'allow' || v.decision === 'deny') && isString(v.reason) && isDigest(v.actionDigest) ? (v as unknown as IpcReply) : undefined;
    case 'anchor':
      return v.anchor === null || (isRecord(v.anchor) && Number.isInteger(v.anchor.count) && (v.anchor.count as number) >= 0 && isDigest(v.anchor.lastHash)) ? (v as unknown as IpcReply) : undefined;
    case 'pong':
      return typeof v.lockdown === 'boolean' && isString(v.appName) ? (v as unknown as IpcReply) : undefined;
    case 'ack':
      return v as unknown as IpcReply;
    case 'error':
      return isString(v.message) ? (v as unknown as IpcReply) : undefined;
    default:
      return undefined;
  }
}

export function isDiscoveryRecord(v: unknown): v is DiscoveryRecord {
  return (
    isRecord(v) &&
    hasShape(v, {
      version: (x) => x === IPC_PROTOCOL_VERSION,
      pid: isNumber,
      appName: isString,
      workspaceFolders: isStringArray,
      endpoint: isString,
      token: isString,
      createdAt: isString,
    })
  );
}
