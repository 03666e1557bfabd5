import type * as net from 'node:net';

/**
 * Read exactly one newline-terminated message from a socket, bounded in size. Resolves with the line
 * (without the newline); rejects when the peer closes first, sends more than `maxBytes`, or errors.
 */
export function readOneLine(socket: net.Socket, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      const nl = chunk.indexOf(0x0a);
      const take = nl >= 0 ? chunk.subarray(0, nl) : chunk;
      size += take.length;
      if (size > maxBytes) {
        cleanup();
        reject(new LineTooLongError(maxBytes));
        return;
      }
      chunks.push(take);
      if (nl >= 0) {
        cleanup();
        resolve(Buffer.concat(chunks).toString('utf8'));
      }
    };
    const onEnd = (): void => {
      cleanup();
      reject(new Error('the connection closed before a complete message arrived'));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onError);
  });
}

export class LineTooLongError extends Error {
  constructor(maxBytes: number) {
    super(`message larger than ${maxBytes} bytes`);
  }
}
