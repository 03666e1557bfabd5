import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { syslogLine } from '../../../core/audit/exportRecord';
import type { AuditEntry } from '../../../core/audit/entry';

/**
 * RFC 5424 lines to a syslog receiver: `udp://host:514` (one datagram per entry, RFC 5426) or
 * `tcp://host:601` (octet-counted frames, RFC 6587). UDP has no acknowledgement: a datagram the
 * kernel accepted counts as sent. TCP counts once the receiver has the bytes and the connection
 * closed cleanly.
 */

export interface SyslogTarget {
  transport: 'udp' | 'tcp';
  host: string;
  port: number;
}

export function parseSyslogTarget(target: string): SyslogTarget {
  const m = /^(udp|tcp):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d+))?\/?$/.exec(target.trim());
  if (!m) throw new Error(`'${target}' is not a syslog target (udp://host:514 or tcp://host:601)`);
  const transport = m[1] as 'udp' | 'tcp';
  const port = m[3] ? Number(m[3]) : transport === 'udp' ? 514 : 601;
  if (port < 1 || port > 65535) throw new Error(`'${target}': port out of range`);
  return { transport, host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

function sendUdp(t: SyslogTarget, lines: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(net.isIPv6(t.host) ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`syslog udp://${t.host}:${t.port} timed out`));
    }, timeoutMs);
    socket.on('error', (err) => {
      clearTimeout(timer);
      socket.close();
      reject(err);
    });
    let i = 0;
    const next = (): void => {
      if (i >= lines.length) {
        clearTimeout(timer);
        socket.close(() => resolve());
        return;
      }
      socket.send(Buffer.from(lines[i++]!, 'utf8'), t.port, t.host, (err) => {
        if (err) {
          clearTimeout(timer);
          socket.close();
          reject(err);
        } else next();
      });
    };
    next();
  });
}

function sendTcp(t: SyslogTarget, lines: readonly string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: t.host, port: t.port });
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`syslog tcp://${t.host}:${t.port} timed out`)));
    socket.on('error', fail);
    socket.on('connect', () => {
      const frames = lines.map((l) => {
        const bytes = Buffer.from(l, 'utf8');
        return Buffer.concat([Buffer.from(`${bytes.length} `), bytes]);
      });
      socket.end(Buffer.concat(frames));
    });
    socket.on('close', (hadError) => {
      if (!hadError && !failed) resolve();
      else fail(new Error(`syslog tcp://${t.host}:${t.port} closed with an error`));
    });
  });
}

export async function sendSyslog(target: string, entries: readonly AuditEntry[], machine: string, timeoutMs: number): Promise<void> {
  const t = parseSyslogTarget(target);
  const lines = entries.map((e) => syslogLine(e, machine));
  await (t.transport === 'udp' ? sendUdp(t, lines, timeoutMs) : sendTcp(t, lines, timeoutMs));
}
