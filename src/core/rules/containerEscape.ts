import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { requestOf } from './support/httpClients';
import { composeLowering } from './support/writtenProtection';
import { resolvePath } from '../paths';

/**
 * A container or pod that is the host in all but name: privileged, sharing the host's process,
 * network or IPC namespaces, granted the capabilities that administer the kernel, unconfined by
 * AppArmor/seccomp/SELinux, given the host's disks, or mounting the host's root, system folders,
 * engine's own socket (which starts any container it likes). The user's own home folder is not the
 * host's (the agent reaches it already), and a tool's credential folder mounted for it (`-v
 * ~/.aws:/root/.aws amazon/aws-cli`) is its documented use. From Docker's `run`
 * reference (podman and nerdctl share it), Kubernetes' pod security fields, `kubectl debug node/…`
 * (its pod shares the host's namespaces with `/` at `/host`), the Engine API's `HostConfig`, and
 * nsenter's `--target 1` (the namespaces of the host's init). Ordinary runs (`-v $PWD:/src`, `-p
 * 8080:80`) stay allowed. What runs there can reach everything on this machine or node.
 */

/** Host folders whose mount hands the container the machine (`/`, system folders, the engines' sockets). */
const HOST_SOURCE = /^(\/|\/(etc|root|home|boot|proc|sys|dev|usr|lib|lib64|bin|sbin|var|run|var\/run|var\/lib|var\/lib\/(docker|kubelet|containerd)|var\/log)\/?|.*\/(docker|containerd|podman|crio|cri-dockerd)\.sock)$/;
const HOST_NAMESPACE = /^host$/i;
const ADMIN_CAPABILITIES = /^(CAP_)?(ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|SYS_RAWIO|DAC_READ_SEARCH|SYS_BOOT|BPF|PERFMON|NET_ADMIN)$/i;
const UNCONFINED = /^(apparmor[=:]unconfined|seccomp[=:]unconfined|label[=:]disable|systempaths[=:]unconfined|unmask[=:]ALL)$/i;
const HOST_DEVICE = /^\/dev(\/(sd|nvme|vd|xvd|hd|mmcblk|dm-|loop|mapper|disk|mem|kmem|port|kmsg|md)|\/?$)/;

function volumeSource(value: string): string | undefined {
  if (value.includes('=')) {
    // --mount type=bind,source=/,target=/host
    const m = /(?:^|,)(?:source|src)=([^,]+)/.exec(value);
    return /(?:^|,)type=bind\b/.test(value) || m ? m?.[1] : undefined;
  }
  const parts = value.split(':');
  return parts.length >= 2 ? parts[0] : undefined;
}

/** What about a `docker run`'s options hands it the host, in words for the reason. */
function dockerEscapes(a: ToolArgs): string[] {
  const found: string[] = [];
  if (a.has('--privileged')) found.push('--privileged');
  for (const [option, label] of [['--pid', 'the host PID namespace'], ['--ipc', 'the host IPC namespace'], ['--uts', 'the host UTS namespace'], ['--userns', 'the host user namespace'], ['--cgroupns', 'the host cgroup namespace']] as const) {
    if (a.values(option).some((v) => HOST_NAMESPACE.test(v))) found.push(`${option}=host (${label})`);
  }
  if (a.values('--network', '--net').some((v) => HOST_NAMESPACE.test(v)) && found.length > 0) found.push('--network=host');
  for (const cap of a.values('--cap-add')) if (cap.split(',').some((c) => ADMIN_CAPABILITIES.test(c.trim()))) found.push(`--cap-add ${cap}`);
  for (const opt of a.values('--security-opt')) if (UNCONFINED.test(opt.trim())) found.push(`--security-opt ${opt}`);
  for (const dev of a.values('--device')) if (HOST_DEVICE.test(dev.split(':')[0] ?? '')) found.push(`--device ${dev}`);
  for (const vol of [...a.values('-v', '--volume'), ...a.values('--mount')]) {
    const source = volumeSource(vol);
    if (source === undefined) continue;
    const bare = source.replace(/\/+$/, '') || '/';
    if (HOST_SOURCE.test(bare)) found.push(`a mount of ${source}`);
  }
  return found;
}

/** Pod fields that share the host or lift confinement (a manifest, `--overrides`, an Engine API body). */
const POD_ESCAPES: readonly [RegExp, string][] = [
  [/"?\bprivileged"?\s*:\s*true\b/i, 'privileged'],
  [/"?\bhostPID"?\s*:\s*true\b/, 'hostPID'],
  [/"?\bhostIPC"?\s*:\s*true\b/, 'hostIPC'],
  [/"?\bhostNetwork"?\s*:\s*true\b/, 'hostNetwork'],
  [/"?\bhostUsers"?\s*:\s*false\b/, 'hostUsers: false'],
  [/"?\bhostPath"?\s*:\s*\{?\s*"?path"?\s*:\s*"?\/["\s,}]/, 'a hostPath of /'],
  [/"?\bhostPath"?\s*:\s*\{?\s*"?path"?\s*:\s*"?\/(etc|root|var\/run\/docker\.sock|run\/containerd|var\/lib\/kubelet|proc|sys|dev)\b/, 'a hostPath of a system folder'],
  [/\b(SYS_ADMIN|SYS_MODULE|SYS_PTRACE)\b|"add"\s*:\s*\[\s*"ALL"/, 'administrative capabilities'],
  [/"?\bPrivileged"?\s*:\s*true\b/, 'Privileged'],
  [/"?\bPidMode"?\s*:\s*"host"/, 'PidMode host'],
  [/"?\bBinds"?\s*:\s*\[[^\]]*"\/(:|etc|root|var\/run\/docker\.sock|proc)/, 'a bind of the host root or a system folder'],
  [/"?\bCapAdd"?\s*:\s*\[[^\]]*"(ALL|SYS_ADMIN|CAP_SYS_ADMIN)"/, 'CapAdd'],
  [/unconfined/i, 'unconfined security profile'],
];

export function podEscapes(text: string): string[] {
  return POD_ESCAPES.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
}

function escapeFinding(what: string, ctx: RuleContext, name: string, remote = false, sources: readonly { source: string; value: string }[] = []): Finding {
  const env = ctx.environmentOf(sources.length > 0 ? { values: [], sources, remote } : { values: remote ? [name] : [], remote });
  return {
    rule: 'containers.host-escape',
    risk: 'destructive',
    severity: 'ask',
    reason: `${what}: what runs there can reach everything on the host, past the container's walls.`,
    targets: [{ kind: 'resource', name, provider: 'container host', remote, environment: env.environment, environmentReason: env.reason }],
  };
}

/** Compose subcommands that create containers from the configuration. */
const COMPOSE_CREATES = /^(up|run|create)$/;

/**
 * `docker compose -f docker-compose.yml -f /tmp/priv.yml up`, `COMPOSE_FILE=a.yml:b.yml docker compose up`
 * (red team round 18): files named for this run are merged into the configuration, and a service one of
 * them hands the host starts as `docker run --privileged` would. The project's default files, loaded when
 * nothing is named, are its own reviewed configuration and are not read here.
 */
function composeNamedFiles(inv: Invocation, a: ToolArgs, ctx: RuleContext): string[] {
  const named = a.values('-f', '--file');
  const listed = named.length > 0 ? named : (inv.assignments.COMPOSE_FILE ?? '').split(inv.assignments.COMPOSE_PATH_SEPARATOR ?? ':').filter((f) => f !== '');
  const out: string[] = [];
  for (const file of listed.slice(0, 8)) {
    if (file === '-') continue;
    const text = ctx.facts.readFile(resolvePath(inv.cwd || ctx.facts.cwd, file, ctx.facts.home));
    const lowered = text !== undefined ? composeLowering(text) : undefined;
    if (lowered) out.push(`${file}, which ${lowered.does.replace(/^gives a service every capability$/, 'gives a service administrative capabilities')}`);
  }
  return out;
}

function docker(inv: Invocation, ctx: RuleContext): Finding[] {
  const tool = toolNamed(inv.name);
  if (!tool) return [];
  const parsed = parsedArgs(inv.args, tool);
  const verb = parsed.path[parsed.path.length - 1];
  const composing = (parsed.path[0] === 'compose' || inv.name.endsWith('-compose')) && COMPOSE_CREATES.test(verb ?? '');
  if (composing) {
    const a = toolArgs(inv.name, parsed, tool);
    const files = composeNamedFiles(inv, a, ctx);
    // `compose run --privileged` without such a file is judged by its own options below.
    if (files.length > 0) return [escapeFinding(`\`${inv.name} ${parsed.path.join(' ')}\` merges ${files.join('; ')}`, ctx, 'compose services', inv.remote !== undefined || a.has('-H', '--host', '-c', '--context'))];
  }
  if (verb !== 'run' && verb !== 'create') return [];
  const found = dockerEscapes(toolArgs(inv.name, parsed, tool));
  if (found.length === 0) return [];
  return [escapeFinding(`\`${inv.name} ${parsed.path.join(' ')}\` starts a container with ${found.join(', ')}`, ctx, parsed.operands[0]?.text ?? 'a container', inv.remote !== undefined || toolArgs(inv.name, parsed, tool).has('-H', '--host', '-c', '--context'))];
}

function kubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const tool = toolNamed(inv.name);
  if (!tool) return [];
  const parsed = parsedArgs(inv.args, tool);
  const a = toolArgs(inv.name, parsed, tool);
  const verb = parsed.path[0];
  const named = a.value('--context');
  const context = named ?? ctx.facts.kubeContext ?? 'the cluster';
  const sources = named !== undefined ? [{ source: '--context', value: named }] : ctx.facts.kubeContext ? [{ source: 'kube context', value: ctx.facts.kubeContext }] : [];
  if (verb === 'debug') {
    const target = parsed.operands[0]?.text ?? '';
    const profile = a.value('--profile') ?? '';
    if (/^(node|nodes)\//.test(target)) return [escapeFinding(`\`kubectl debug ${target}\` runs a pod in the node's host namespaces with its whole file system at /host`, ctx, `${context}:${target}`, true, sources)];
    if (/^(sysadmin|netadmin)$/.test(profile) || a.has('--privileged')) return [escapeFinding(`\`kubectl debug --profile=${profile || 'privileged'}\` adds a privileged container to ${target}`, ctx, `${context}:${target}`, true, sources)];
    return [];
  }
  if (verb === 'run') {
    const found = [...(a.has('--privileged') ? ['privileged'] : []), ...a.values('--overrides').flatMap(podEscapes)];
    if (found.length > 0) return [escapeFinding(`\`kubectl run\` starts a pod with ${[...new Set(found)].join(', ')}`, ctx, `${context}:${parsed.operands[0]?.text ?? 'pod'}`, true, sources)];
    return [];
  }
  if ((verb === 'apply' || verb === 'create' || verb === 'replace') && inv.stdin && (inv.stdin.kind === 'heredoc' || inv.stdin.kind === 'herestring')) {
    const found = podEscapes(inv.stdin.text);
    if (found.length > 0) return [escapeFinding(`\`kubectl ${verb}\` creates workloads with ${found.join(', ')}`, ctx, context, true, sources)];
  }
  return [];
}

/** The Engine API over its socket: `POST /containers/create` with a body that hands over the host. */
function engineApi(inv: Invocation, ctx: RuleContext): Finding[] {
  const request = requestOf(inv, ctx);
  if (!request?.unixSocket || !request.urls.some((u) => /\/containers\/create\b|\/exec\b|\/services\/create\b/.test(u))) return [];
  const bodies = request.bodies.map((b) => b.text ?? '');
  const found = bodies.flatMap(podEscapes);
  if (found.length > 0) return [escapeFinding(`The container engine's API is asked (over its socket) for a container with ${[...new Set(found)].join(', ')}`, ctx, 'the container engine')];
  if (request.bodies.some((b) => b.text === undefined)) return [escapeFinding("A container is created through the engine's socket with a body that cannot be read", ctx, 'the container engine')];
  return [];
}

/** `nsenter --target 1`: the namespaces of pid 1, the host's init when the process namespace is the host's. */
function nsenter(inv: Invocation, ctx: RuleContext): Finding[] {
  const at = inv.via.lastIndexOf('nsenter');
  if (at < 0) return [];
  const words = (inv.wrapperWords ?? []).map((w) => w.text);
  const targetsInit = words.some((w, i) => ((w === '-t' || w === '--target') && words[i + 1] === '1') || w === '-t1' || w === '--target=1');
  return targetsInit ? [escapeFinding('`nsenter --target 1` enters the namespaces of the host\'s init process', ctx, 'pid 1')] : [];
}

function check(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'kubectl' || inv.name === 'oc') return kubectl(inv, ctx);
  if (inv.name === 'docker' || inv.name === 'podman' || inv.name === 'nerdctl' || inv.name === 'docker-compose' || inv.name === 'podman-compose') return docker(inv, ctx);
  if (inv.name === 'curl') return engineApi(inv, ctx);
  return nsenter(inv, ctx);
}

export const containerEscapePack: RulePack = {
  id: 'container-escape',
  title: 'Containers and pods that are the host in all but name',
  checkInvocation: check,
  // `check` answers by name, and for any other name only under `nsenter`.
  gate: { names: ['kubectl', 'oc', 'docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'curl'], via: ['nsenter'] },
};
