import { nodeCrypto } from '../lazyCrypto';
import type * as Net from 'node:net';
import { IPC_MAX_MESSAGE_BYTES, parseIpcReply, type IpcReply, type IpcRequest } from '../../core/protocol/ipc';
import { readOneLine } from './lineSocket';

/**
 * The hook side of the channel: connect, send one request, wait for one reply until a deadline.
 * Every failure rejects with an `IpcError` naming what went wrong; the hook turns it into a deny.
 */

export type IpcFailure = 'no-editor' | 'unverified' | 'refused' | 'oversize' | 'malformed-reply' | 'rejected' | 'deadline' | 'closed';

export class IpcError extends Error {
  constructor(
    readonly failure: IpcFailure,
    message: string,
  ) {
    super(message);
  }
}

export function newRequestId(): string {
  return nodeCrypto().randomBytes(8).toString('hex');
}

/** Send `request` to `endpoint`; resolves with the validated reply, or rejects by `deadline` (epoch ms). */
export function sendIpcRequest(endpoint: string, request: IpcRequest, deadline: number): Promise<IpcReply> {
  const line = JSON.stringify(request);
  if (Buffer.byteLength(line) > IPC_MAX_MESSAGE_BYTES) return Promise.reject(new IpcError('oversize', 'the request is too large to send'));
  return new Promise<IpcReply>((resolve, reject) => {
    let settled = false;
    // Loaded on first use: most hook calls never open a socket, and `net` costs start-up time.
    const net = require('node:net') as typeof Net;
    const socket = net.createConnection(endpoint);
    const finish = (err: IpcError | undefined, reply?: IpcReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(reply as IpcReply);
    };
    const timer = setTimeout(() => finish(new IpcError('deadline', 'the editor did not answer in time')), Math.max(0, deadline - Date.now()));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const refused = err.code === 'ECONNREFUSED' || err.code === 'ENOENT' || err.code === 'EACCES';
      finish(new IpcError(refused ? 'refused' : 'closed', `cannot reach the editor (${err.code ?? err.message})`));
    });
    socket.once('connect', () => {
      socket.write(line + '\n');
      readOneLine(socket, IPC_MAX_MESSAGE_BYTES).then(
        (text) => {
          const reply = parseIpcReply(text);
          if (!reply) return finish(new IpcError('malformed-reply', 'the editor sent a malformed reply'));
          if (reply.type === 'error') return finish(new IpcError('rejected', `the editor rejected the request: ${reply.message}`));
          if (reply.id !== request.id) return finish(new IpcError('malformed-reply', 'the editor answered a different request'));
          finish(undefined, reply);
        },
        (err: unknown) => finish(new IpcError(err instanceof Error && /larger/.test(err.message) ? 'oversize' : 'closed', 'the editor closed the connection without answering')),
      );
    });
  });
}
