import { ownTable } from '../../ownTable';
import type { Invocation } from '../../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import type { ToolArgs } from '../../registry/types';
import { repositoryOf } from '../../registry/tools/dockerRun';

/**
 * A server started in a container with its lock off and its port published (stop 34, red team round 18: `docker run -d
 * -p 6379:6379 redis --protected-mode no`, `docker run -p 0.0.0.0:2375:2375 docker:dind --host tcp://0.0.0.0:2375`).
 * The image's entry point hands words starting with a dash to its server, so they are that server's options, and a
 * published port (`-p PORT:…`, `-p 0.0.0.0:…`, `-P`, or the host's network) is this machine's port on every
 * interface: the server is as open as one started here on `0.0.0.0`. The exposure pack judges the server's words as it
 * judges the same server run here (`rules/exposure.ts`). A port published on loopback only (`-p 127.0.0.1:6379:6379`)
 * or none (other containers reach it, the network does not) stays routine.
 */

/** Official images whose entry-point script runs their server when the first word starts with a dash (each image's `docker-entrypoint.sh`). */
const SERVER_IMAGES: Readonly<Record<string, string>> = ownTable({
  redis: 'redis-server',
  'bitnami/redis': 'redis-server',
  'valkey/valkey': 'redis-server',
  mongo: 'mongod',
  memcached: 'memcached',
  'bitnami/memcached': 'memcached',
  'quay.io/coreos/etcd': 'etcd',
  'bitnami/etcd': 'etcd',
});

/** The Docker image's daemon flavour (`docker:dind`, `docker:27-dind`, `docker:dind-rootless`): its entry point runs dockerd. */
const DIND_TAG = /(^|-)dind(-|$)/;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

/** The tag of an image reference (`docker:27-dind` → `27-dind`), '' without one. */
function tagOf(image: string): string {
  const bare = image.split('@')[0]!;
  const colon = bare.lastIndexOf(':');
  return colon > bare.lastIndexOf('/') ? bare.slice(colon + 1) : '';
}

/** A `-p` value that opens a port beyond loopback: `6379:6379`, `0.0.0.0:2375:2375`, `6379` (a random host port on every interface). */
function publishedOpen(value: string): boolean {
  const spec = value.replace(/\/(tcp|udp|sctp)$/i, '');
  const ip = /^\[([^\]]*)\]:/.exec(spec)?.[1] ?? (spec.split(':').length >= 3 ? spec.split(':')[0] : undefined);
  return ip === undefined || ip === '' || !LOOPBACK.test(ip);
}

/** How the container's ports reach the network, or undefined when they do not. */
function openedBy(a: ToolArgs): string | undefined {
  const open = a.values('-p', '--publish').find(publishedOpen);
  if (open !== undefined) return `-p ${open}`;
  if (a.has('-P', '--publish-all')) return '-P';
  const network = a.values('--network', '--net').find((n) => n === 'host');
  return network !== undefined ? '--network host' : undefined;
}

/** The server a `docker|podman|nerdctl run` starts with its own words, when its port reaches the network. */
export function containerServer(inv: Invocation): { server: Invocation; image: string; opened: string } | undefined {
  const docker = toolNamed('docker');
  if (!docker) return undefined;
  const parsed = parsedArgs(inv.args, docker);
  const [a, b] = parsed.path;
  if (!(a === 'run' || (a === 'container' && b === 'run'))) return undefined;
  const args = toolArgs(inv.name, parsed, docker);
  const image = parsed.operands[0];
  if (image === undefined || image.dynamic || args.value('--entrypoint') !== undefined) return undefined;
  const repository = repositoryOf(image.text);
  const program = repository === 'docker' && DIND_TAG.test(tagOf(image.text)) ? 'dockerd' : SERVER_IMAGES[repository];
  const rest = parsed.operands.slice(1);
  if (program === undefined || rest.length === 0) return undefined;
  // not an option reader: the words after the image are the container's own argv, and the image's entry-point script
  // prepends its server when the first starts with a dash (as it tests); a first word naming the server runs it too.
  const serverArgs = rest[0]!.text.startsWith('-') ? rest : rest[0]!.text === program ? rest.slice(1) : undefined;
  const opened = serverArgs !== undefined ? openedBy(args) : undefined;
  if (serverArgs === undefined || opened === undefined) return undefined;
  return { server: { ...inv, name: program, command: program, args: [...serverArgs] }, image: image.text.slice(0, 80), opened };
}
