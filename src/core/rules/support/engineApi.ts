import type { Finding, RuleContext } from '../../policy/types';
import { parseRequestUrl, type HttpRequest } from './httpTargets';

/**
 * The container engine's own API reached with a plain HTTP client: its socket
 * (`curl --unix-socket /var/run/docker.sock …`, Podman's and containerd's sockets) or its TCP ports
 * (2375, 2376). What `docker rm -f`, `docker volume prune` or `docker run -v /:/host --privileged` do
 * through the CLI, these requests do with no CLI for the guard to read: volumes removed or pruned,
 * swarm services removed, and containers created with the host's root folder mounted or full
 * privileges. What the CLI does without a question stays allowed here too (`DELETE /containers/x`,
 * as `docker rm x`; a stop or kill of one container), as do listing and inspecting.
 */

const ENGINE_SOCKET = /(^|\/)(docker|podman|containerd|dockershim|cri-dockerd)\.sock$/;
const ENGINE_PORTS = new Set(['2375', '2376']);
/** Bodies of a container create that hand it the host: its root folder, full privileges, its process or network namespace. */
const HOST_GRANTS = /"Binds"\s*:\s*\[[^\]]*"\/(:|")|"Privileged"\s*:\s*true|"PidMode"\s*:\s*"host"|"CapAdd"\s*:\s*\[[^\]]*"(ALL|SYS_ADMIN)"|"Source"\s*:\s*"\/"/i;

/** What a call does that the same docker command would be asked for (`docker rm web` and `docker stop web` are not). */
function engineCall(method: string, path: string, query: string, body: string): string | undefined {
  const p = path.replace(/^\/v\d+(\.\d+)*(?=\/)/, '').replace(/^\/libpod(?=\/)/, '');
  if (method === 'DELETE' && /^\/volumes\/[^/]+$/.test(p)) return `removes the volume ${p.split('/')[2]} and its data`;
  if (method === 'DELETE' && /^\/containers\/[^/]+$/.test(p) && /(^|&)v=(1|true)(&|$)/i.test(query)) return `removes the container ${p.split('/')[2]} with its volumes`;
  if (method === 'DELETE' && /^\/containers\/[^/]+$/.test(p) && /(^|&)force=(1|true)(&|$)/i.test(query) && DATA_CONTAINER.test(p.split('/')[2]!)) return `force-removes the container ${p.split('/')[2]} while it runs (as docker kill, then rm); what its data store was writing is lost`;
  if (method === 'DELETE' && /^\/(services|nodes|secrets|configs)\/[^/]+$/.test(p)) return `removes the swarm ${p.split('/')[1]!.replace(/s$/, '')} ${p.split('/')[2]}`;
  if (method === 'POST' && /^\/(volumes|containers)\/prune$/.test(p)) return `prunes every unused ${p.split('/')[1]!.replace(/s$/, '')} (and what it holds)`;
  if (method === 'POST' && p === '/swarm/leave') return 'leaves the swarm';
  if (method === 'POST' && /^\/containers\/create$/.test(p) && HOST_GRANTS.test(body)) return 'creates a container holding the host (its root folder mounted, or full privileges)';
  return undefined;
}

/** Containers that hold data (a database, a broker, a store): killed outright, what they were writing is lost. */
export const DATA_CONTAINER = /(^|[-_.])(db|database|postgres(ql)?|pg|mysql|mariadb|mongo(db)?|redis|valkey|elastic(search)?|opensearch|kafka|zookeeper|etcd|cassandra|clickhouse|rabbitmq|minio|couchdb|neo4j|influxdb)([-_.]|\d|$)/i;

/** Calls that print what a container keeps (its environment) or run a command inside it, as `docker inspect` and `docker exec` would. */
function engineReach(method: string, path: string): { rule: string; risk: Finding['risk']; what: string } | undefined {
  const p = path.replace(/^\/v\d+(\.\d+)*(?=\/)/, '').replace(/^\/libpod(?=\/)/, '');
  const container = /^\/containers\/([^/]+)\/(json|exec|kill)$/.exec(p);
  if (method === 'GET' && container?.[2] === 'json') return { rule: 'http.container-engine-inspect', risk: 'credential-dump', what: `inspects the container ${container[1]}, printing its environment (its secrets)` };
  if (method === 'POST' && container?.[2] === 'exec') return { rule: 'http.container-engine-exec', risk: 'destructive', what: `runs a command inside the container ${container[1]} (an exec created through the API, which the guard does not read)` };
  if (method === 'POST' && container?.[2] === 'kill' && DATA_CONTAINER.test(container[1]!)) return { rule: 'http.container-engine', risk: 'destructive', what: `kills the container ${container[1]} outright; what its data store was writing is lost` };
  if (method === 'GET' && /^\/(secrets|configs)(\/[^/]+)?$/.test(p)) return { rule: 'http.container-engine-inspect', risk: 'credential-dump', what: `reads the swarm's ${p.split('/')[1]} (names, labels and where they are used)` };
  return undefined;
}

/** Findings for a request that reaches the container engine's API. */
export function engineApiFindings(request: HttpRequest, ctx: RuleContext): Finding[] {
  const bySocket = request.socketPath !== undefined && ENGINE_SOCKET.test(request.socketPath);
  const out: Finding[] = [];
  for (const raw of request.urls) {
    const url = parseRequestUrl(raw);
    if (!url || (!bySocket && !ENGINE_PORTS.has(url.port))) continue;
    const body = request.bodies.map((b) => b.text ?? '').join('\n');
    const method = request.methodOverride ?? request.method;
    const reach = engineReach(method, url.path);
    const what = engineCall(method, url.path, url.query, body) ?? reach?.what;
    if (what === undefined) continue;
    const env = ctx.environmentOf({ values: [], remote: false });
    out.push({
      rule: reach?.rule ?? 'http.container-engine',
      risk: reach?.risk ?? 'destructive',
      severity: 'ask',
      reason: `${request.client} ${what} through the container engine's API (${bySocket ? request.socketPath : `port ${url.port}`}): the same as the docker command, with nothing for the guard to read but the request.`,
      targets: [{ kind: 'resource', name: url.path, provider: 'docker', remote: false, environment: env.environment, environmentReason: env.reason }],
    });
  }
  return out;
}
