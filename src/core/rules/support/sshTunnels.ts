import { ownTable } from '../../ownTable';
import type { Invocation } from '../../policy/types';
import { isLocalUrl, parseRequestUrl, type HttpRequest } from './httpTargets';
import type { ToolArgs } from '../../registry/types';
import type { Work } from '../database';

/**
 * `ssh -L [bind:]PORT:HOST:HOSTPORT jump` (often `-fN`, in the background) makes this machine's PORT
 * the remote HOST: a database client of the same line that then talks to localhost:PORT talks to HOST
 * (`ssh -fNL 5432:db.prod:5432 bastion && psql -h localhost -c 'DROP …'`). The forward is kept for later
 * commands like an export (`selects`), read back here.
 */

export const SSH_FORWARD = '\u0000ssh-forward:';

export function sshForwards(a: ToolArgs): Record<string, string> {
  const out: Record<string, string> = {};
  const jump = (a.operand(0) ?? '').replace(/^[^@]*@/, '');
  for (const spec of a.values('-L').slice(0, 16)) {
    const parts = spec.replace(/\[[^\]]*\]/g, (m) => m.replace(/:/g, '.')).split(':');
    if (parts.length < 3) continue;
    const [port, host] = parts.length >= 4 ? [parts[1]!, parts[2]!] : [parts[0]!, parts[1]!];
    if (!/^\d+$/.test(port)) continue;
    // A forward to the jump host's own localhost reaches the jump host itself.
    out[SSH_FORWARD + port] = /^(localhost|127\.\d+\.\d+\.\d+|\.\.1)$/.test(host) ? jump : host;
  }
  return out;
}

const PORTS: Readonly<Record<string, { options: readonly string[]; variable?: string; port: string; tcpByDefault: boolean }>> = ownTable({
  postgres: { options: ['-p', '--port'], variable: 'PGPORT', port: '5432', tcpByDefault: false },
  mysql: { options: ['-P', '--port'], variable: 'MYSQL_TCP_PORT', port: '3306', tcpByDefault: false },
  redis: { options: ['-p'], port: '6379', tcpByDefault: true },
  mongodb: { options: ['--port'], port: '27017', tcpByDefault: true },
});

/** The client's work, its connection moved to the far end of an ssh tunnel the line opened on the port it reaches. */
export function throughTunnel(work: Work, inv: Invocation, a: ToolArgs): Work {
  if (work.connection.remote) return work;
  const client = PORTS[work.connection.engine];
  if (!client) return work;
  const forwards = Object.keys(inv.assignments).filter((k) => k.startsWith(SSH_FORWARD));
  if (forwards.length === 0) return work;
  const host = a.value('-h', '--host');
  if (host === undefined && !client.tcpByDefault) return work;
  const port = a.value(...client.options) ?? (client.variable !== undefined ? inv.assignments[client.variable] : undefined) ?? client.port;
  const far = inv.assignments[SSH_FORWARD + port];
  if (far === undefined || far === '') return work;
  const conn = work.connection;
  return {
    ...work,
    connection: { ...conn, remote: true, values: [far], sources: [...conn.sources.filter((s) => s.source !== '-h' && s.source !== 'PGHOST'), { source: `ssh -L ${port}`, value: far }], name: `${conn.name} (localhost:${port}, an ssh tunnel to ${far})` },
  };
}

/**
 * An HTTP request to localhost:PORT where an ssh tunnel of the line makes PORT another host
 * (`ssh -fNL 8080:api.prod:80 bastion && curl -X DELETE localhost:8080/users/5`): the request as sent
 * to that host, so it is judged like one that names it.
 */
export function requestThroughTunnel(request: HttpRequest, inv: Invocation): HttpRequest {
  if (request.unixSocket || !Object.keys(inv.assignments).some((k) => k.startsWith(SSH_FORWARD))) return request;
  const urls = request.urls.map((raw) => {
    const url = parseRequestUrl(raw);
    if (!url || !isLocalUrl(url)) return raw;
    const port = url.port || (/^https:/i.test(raw) ? '443' : '80');
    const far = inv.assignments[SSH_FORWARD + port];
    if (far === undefined || far === '') return raw;
    // The tunnel's far port is not kept: the host is what the request is judged by.
    return `${/^https:/i.test(raw) ? 'https' : 'http'}://${far}${url.path}${url.query ? '?' + url.query : ''}`;
  });
  return { ...request, urls };
}
