import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import {
  deliveryOf,
  IPC_MAX_MESSAGE_BYTES,
  IPC_PROTOCOL_VERSION,
  parseIpcRequest,
  type AnchorState,
  type AnswerBy,
  type ConfirmAsk,
  type DiscoveryRecord,
  type EventNotice,
  type IpcReply,
  type PingRequest,
} from '../../core/protocol/ipc';
import { guardHome } from '../guardHome';
import { actionDigest } from './actionDigest';
import { ensureIpcDir, isAbstractEndpoint, newEndpoint, removeDiscoveryRecord, writeDiscoveryRecord } from './discovery';
import { LineTooLongError, readOneLine } from './lineSocket';

/**
 * The editor side of the hook channel: one socket per window, a random token, an owner-only
 * discovery file. The extension passes the dialog as `onConfirm`; everything else (validation,
 * token check, size caps, coalescing of duplicate asks) happens here.
 */

export interface ConfirmAnswer {
  decision: 'allow' | 'deny';
  reason: string;
  by?: AnswerBy;
  /** The digest of the action the dialog was shown for; the hook accepts an allow only for its own. */
  actionDigest?: string;
  /** A copy was kept before the allow (its snapshot id). */
  snapshot?: string;
  /** The human asked for a database dump before the statement runs; the hook takes it. */
  backupFirst?: boolean;
}

export interface IpcServerOptions {
  /**
   * Analyse the ask with the editor's own engine and show the dialog; resolve with the human's answer
   * (deny on close, Escape or deadline). `digest` is the action's digest (actionDigest), computed here
   * from the request: asks with the same digest share one dialog.
   */
  onConfirm: (request: ConfirmAsk, digest: string) => Promise<ConfirmAnswer>;
  /** The editor's audit anchor, for `blast-shield audit verify`; null when it has none. */
  onAnchor?: () => AnchorState | null;
  /** Health ping; defaults to lockdown off. */
  onPing?: (request: PingRequest) => { lockdown: boolean };
  /** A hook event arrived (fire and forget). */
  onEvent?: (notice: EventNotice) => void;
  /** vscode.env.appName: "Visual Studio Code", "Cursor", "code-server". */
  appName: string;
  /** Absolute workspace folder paths of this window. */
  workspaceFolders: string[];
  /** The guard home folder (`guardHome()`, ~/.blast-shield); the discovery file goes in its ipc folder. */
  home?: string;
  /** How long a decided dedupe key keeps its answer for a second hook call of the same action. */
  rememberDecisionMs?: number;
  /** A connection that has not sent a complete request within this time is closed. */
  requestReadTimeoutMs?: number;
}

export interface IpcServerHandle {
  endpoint: string;
  token: string;
  /** Path of this window's discovery file. */
  discoveryFile: string;
  /** Rewrite the discovery file when the window's folders change. */
  setWorkspaceFolders(folders: string[]): void;
  /** Close the socket, remove the discovery file and socket; pending asks are answered deny. */
  dispose(): Promise<void>;
}

function tokenMatches(expected: Buffer, given: string): boolean {
  const g = Buffer.from(given, 'utf8');
  return g.length === expected.length && crypto.timingSafeEqual(g, expected);
}

/** What an allow carries about undoing it: only on an allow, only well-formed. */
function recoveryFields(a: ConfirmAnswer): { snapshot?: string; backupFirst?: boolean } {
  if (a.decision !== 'allow') return {};
  return { ...(typeof a.snapshot === 'string' ? { snapshot: a.snapshot } : {}), ...(a.backupFirst === true ? { backupFirst: true } : {}) };
}

function send(socket: net.Socket, reply: IpcReply): void {
  if (socket.destroyed) return;
  socket.end(JSON.stringify(reply) + '\n');
}

export async function startIpcServer(options: IpcServerOptions): Promise<IpcServerHandle> {
  const home = options.home ?? guardHome();
  const ipcDir = ensureIpcDir(home);
  const endpoint = newEndpoint(ipcDir);
  const token = crypto.randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  const remember = options.rememberDecisionMs ?? 5000;
  const readTimeout = options.requestReadTimeoutMs ?? 10_000;
  // Coalescing is for one action delivered by two hosts (Cursor also runs Claude Code's hooks). The same
  // hook (host and event) sending the same action again is a second run and gets its own dialog, after an
  // allow and after a deny alike (the agent may retry once the user said so in chat); an answer is handed
  // to each other delivery at most once.
  const pending = new Map<string, { answer: Promise<ConfirmAnswer>; hosts: Set<string> }>();
  const decided = new Map<string, { answer: ConfirmAnswer; at: number; hosts: Set<string> }>();
  const sockets = new Set<net.Socket>();
  let disposed = false;

  const confirmOnce = (ask: ConfirmAsk): Promise<ConfirmAnswer> => {
    const req = { ...ask, dedupeKey: actionDigest(ask.action, ask.workspaceRoots) };
    const now = Date.now();
    for (const [k, v] of decided) if (now - v.at > remember) decided.delete(k);
    const recent = decided.get(req.dedupeKey);
    if (recent && !recent.hosts.has(deliveryOf(req))) {
      if (recent.answer.decision === 'allow') decided.delete(req.dedupeKey);
      else recent.hosts.add(deliveryOf(req));
      return Promise.resolve(recent.answer);
    }
    const inFlight = pending.get(req.dedupeKey);
    if (inFlight && !inFlight.hosts.has(deliveryOf(req))) {
      inFlight.hosts.add(deliveryOf(req));
      return inFlight.answer;
    }
    const coalesce = !inFlight;
    const msLeft = Math.max(0, req.deadline - now);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<ConfirmAnswer>((resolve) => {
      timer = setTimeout(() => resolve({ decision: 'deny', reason: 'Nobody answered before the deadline.', by: 'deadline' }), msLeft);
    });
    const asked = Promise.race([
      Promise.resolve()
        .then(() => options.onConfirm(ask, req.dedupeKey))
        .then(
          (a): ConfirmAnswer =>
            a && (a.decision === 'allow' || a.decision === 'deny')
              ? { decision: a.decision, reason: String(a.reason ?? ''), actionDigest: typeof a.actionDigest === 'string' ? a.actionDigest : req.dedupeKey, ...(a.by ? { by: a.by } : {}), ...recoveryFields(a) }
              : { decision: 'deny', reason: 'The dialog gave no valid answer.', by: 'refused' },
          (err: unknown): ConfirmAnswer => ({ decision: 'deny', reason: `The dialog failed: ${err instanceof Error ? err.message : String(err)}`, by: 'refused' }),
        ),
      deadline,
    ]).then((answer) => {
      if (timer) clearTimeout(timer);
      if (!coalesce) return answer;
      const hosts = pending.get(req.dedupeKey)?.hosts ?? new Set([deliveryOf(req)]);
      pending.delete(req.dedupeKey);
      decided.set(req.dedupeKey, { answer, at: Date.now(), hosts });
      return answer;
    });
    if (coalesce) pending.set(req.dedupeKey, { answer: asked, hosts: new Set([deliveryOf(req)]) });
    return asked;
  };

  const handle = async (socket: net.Socket): Promise<void> => {
    socket.setTimeout(readTimeout, () => socket.destroy());
    let line: string;
    try {
      line = await readOneLine(socket, IPC_MAX_MESSAGE_BYTES);
    } catch (err) {
      if (err instanceof LineTooLongError) send(socket, { type: 'error', id: '', message: `request larger than ${IPC_MAX_MESSAGE_BYTES} bytes` });
      else socket.destroy();
      return;
    }
    socket.setTimeout(0);
    const req = parseIpcRequest(line);
    if (!req) {
      send(socket, { type: 'error', id: '', message: 'malformed request' });
      return;
    }
    if (!tokenMatches(tokenBytes, req.token)) {
      send(socket, { type: 'error', id: req.id, message: 'wrong token' });
      return;
    }
    if (disposed) {
      send(socket, { type: 'error', id: req.id, message: 'the window is closing' });
      return;
    }
    switch (req.type) {
      case 'ping': {
        let lockdown = false;
        try {
          lockdown = options.onPing ? options.onPing(req).lockdown === true : false;
        } catch {
          lockdown = true;
        }
        send(socket, { type: 'pong', id: req.id, lockdown, appName: options.appName });
        return;
      }
      case 'event': {
        send(socket, { type: 'ack', id: req.id });
        try {
          options.onEvent?.(req);
        } catch {
          // health notes never affect a decision
        }
        return;
      }
      case 'confirm': {
        const answer = await confirmOnce(req);
        send(socket, { type: 'decision', id: req.id, decision: answer.decision, reason: answer.reason, actionDigest: answer.actionDigest ?? actionDigest(req.action, req.workspaceRoots), ...(answer.by ? { by: answer.by } : {}), ...recoveryFields(answer) });
        return;
      }
      case 'anchor': {
        let anchor: AnchorState | null = null;
        try {
          anchor = options.onAnchor ? options.onAnchor() : null;
        } catch {
          anchor = null;
        }
        send(socket, { type: 'anchor', id: req.id, anchor });
        return;
      }
    }
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void handle(socket).catch(() => socket.destroy());
  });
  server.maxConnections = 256;

  const fileSocket = process.platform !== 'win32' && !isAbstractEndpoint(endpoint);
  if (fileSocket) {
    try {
      fs.unlinkSync(endpoint);
    } catch {
      // fresh name: nothing to remove
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint, () => {
      server.off('error', reject);
      resolve();
    });
  });
  if (fileSocket) fs.chmodSync(endpoint, 0o600);

  let folders = [...options.workspaceFolders];
  const record = (): DiscoveryRecord => ({
    version: IPC_PROTOCOL_VERSION,
    pid: process.pid,
    appName: options.appName,
    workspaceFolders: folders,
    endpoint,
    token,
    createdAt: new Date().toISOString(),
  });
  let discoveryFile = writeDiscoveryRecord(home, record());

  return {
    endpoint,
    token,
    get discoveryFile() {
      return discoveryFile;
    },
    setWorkspaceFolders(next: string[]) {
      folders = [...next];
      const old = discoveryFile;
      discoveryFile = writeDiscoveryRecord(home, record());
      removeDiscoveryRecord(old);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      removeDiscoveryRecord(discoveryFile);
      for (const s of sockets) {
        send(s, { type: 'error', id: '', message: 'the window is closing' });
        s.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (fileSocket) {
        try {
          fs.unlinkSync(endpoint);
        } catch {
          // already removed by close
        }
      }
    },
  };
}
