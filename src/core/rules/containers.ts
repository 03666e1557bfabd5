import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { hostOf, isLocalHost, isLocalKubeContext } from '../policy/production';
import { splitGlobalOptions, valueAfter } from './support/commandLine';

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

const DOCKER_GLOBAL_VALUED = new Set(['-H', '--host', '--context', '-c', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

interface Daemon {
  name: string;
  remote: boolean;
  sources: { source: string; value: string }[];
}

function daemonOf(inv: Invocation, globals: Map<string, string>, ctx: RuleContext): Daemon {
  const host = globals.get('-H') ?? globals.get('--host') ?? inv.assignments.DOCKER_HOST ?? ctx.facts.envSelectors.DOCKER_HOST;
  const context = globals.get('--context') ?? globals.get('-c') ?? inv.assignments.DOCKER_CONTEXT ?? ctx.facts.envSelectors.DOCKER_CONTEXT;
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

function positionals(words: readonly ArgWord[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const t = (words[i] as ArgWord).text;
    if (t.startsWith('-')) {
      if (valued.has(t)) i++;
      continue;
    }
    out.push(t);
  }
  return out;
}

function has(words: readonly ArgWord[], ...flags: string[]): boolean {
  return words.some((w) => flags.includes(w.text) || (/^-[A-Za-z]{2,}$/.test(w.text) && flags.some((f) => /^-[A-Za-z]$/.test(f) && w.text.includes(f.slice(1)))));
}

function checkDocker(inv: Invocation, ctx: RuleContext): Finding[] {
  const { globals, rest } = splitGlobalOptions(inv.args, DOCKER_GLOBAL_VALUED);
  const daemon = daemonOf(inv, globals, ctx);
  const words = rest.map((w) => w.text);
  const [a, b] = words;
  const on = daemon.remote ? ` on ${daemon.name}` : '';
  if (a === 'volume' && (b === 'rm' || b === 'remove')) {
    const names = positionals(rest.slice(2), new Set());
    return [finding('volume-rm', `Deletes the docker volume${names.length === 1 ? '' : 's'} ${names.join(', ')}${on} and the data in ${names.length === 1 ? 'it' : 'them'}.`, names.map((n) => dockerTarget('volume', n, daemon, ctx)))];
  }
  if (a === 'volume' && b === 'prune') {
    const all = has(rest, '-a', '--all');
    return [finding('volume-prune', `Deletes ${all ? 'every' : 'every unused anonymous'} docker volume${on} and its data (docker volume prune).`, [dockerTarget('volume', 'unused volumes', daemon, ctx)])];
  }
  if (a === 'system' && b === 'prune') {
    const volumes = has(rest, '--volumes');
    return [finding('system-prune', `Deletes stopped containers, unused networks and images${volumes ? ' and unused volumes with their data' : ''}${on} (docker system prune${has(rest, '-a', '--all') ? ' -a' : ''}${volumes ? ' --volumes' : ''}).`, [dockerTarget('resource', daemon.name, daemon, ctx)])];
  }
  if ((a === 'rm' || (a === 'container' && b === 'rm')) && has(rest, '-v', '--volumes')) {
    const names = positionals(rest.slice(a === 'rm' ? 1 : 2), new Set());
    return [finding('rm-volumes', `Removes the container${names.length === 1 ? '' : 's'} ${names.join(', ')} with ${names.length === 1 ? 'its' : 'their'} anonymous volumes${on}.`, names.map((n) => dockerTarget('resource', n, daemon, ctx)))];
  }
  if (a === 'compose') return checkCompose(rest.slice(1), daemon, ctx);
  return [];
}

function checkCompose(words: readonly ArgWord[], daemon: Daemon, ctx: RuleContext): Finding[] {
  const { globals, rest } = splitGlobalOptions(words, new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--parallel', '--progress']));
  if (rest[0]?.text !== 'down' && rest[0]?.text !== 'rm') return [];
  const args = rest.slice(1);
  if (!has(args, '-v', '--volumes')) return [];
  const project = globals.get('-p') ?? globals.get('--project-name') ?? 'this compose project';
  return [finding('compose-down-volumes', `Stops ${project} and deletes its volumes and their data (docker compose ${rest[0]?.text} -v).`, [dockerTarget('volume', `${project} volumes`, daemon, ctx)])];
}

// ---------------------------------------------------------------------------------------------
// kubectl, helm

const KUBE_KEEP = new Set(['pod', 'pods', 'po', 'job', 'jobs', 'event', 'events', 'ev', 'replicaset', 'replicasets', 'rs', 'lease', 'leases']);
const KUBE_READ = new Set(['get', 'describe', 'logs', 'log', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'events', 'auth', 'diff', 'wait']);
const KUBE_DELETE_KINDS: Record<string, string> = {
  namespace: 'namespace', namespaces: 'namespace', ns: 'namespace',
  pvc: 'persistent volume claim', persistentvolumeclaim: 'persistent volume claim', persistentvolumeclaims: 'persistent volume claim',
  pv: 'persistent volume', persistentvolume: 'persistent volume', persistentvolumes: 'persistent volume',
  statefulset: 'statefulset', statefulsets: 'statefulset', sts: 'statefulset',
  deployment: 'deployment', deployments: 'deployment', deploy: 'deployment',
  all: 'every resource',
};

interface Cluster {
  context: string | undefined;
  namespace: string | undefined;
  remote: boolean;
  sources: { source: string; value: string }[];
}

function clusterOf(inv: Invocation, args: readonly ArgWord[], ctx: RuleContext, contextFlags: readonly string[]): Cluster {
  const flagContext = valueAfter(args, contextFlags);
  const context = flagContext ?? ctx.facts.kubeContext;
  const namespace = valueAfter(args, ['-n', '--namespace']);
  const sources: { source: string; value: string }[] = [];
  if (context !== undefined) sources.push({ source: flagContext !== undefined ? contextFlags[0] ?? '--context' : 'kube context', value: context });
  if (namespace !== undefined) sources.push({ source: 'namespace', value: namespace });
  const kubeconfig = valueAfter(args, ['--kubeconfig']) ?? inv.assignments.KUBECONFIG;
  if (kubeconfig !== undefined) sources.push({ source: 'kubeconfig', value: kubeconfig.replace(/^.*\//, '') });
  // With no context known the cluster could be anywhere: remote, environment unknown.
  const remote = !(context !== undefined && isLocalKubeContext(context));
  return { context, namespace, remote, sources };
}

function clusterTarget(kind: Target['kind'], name: string, cluster: Cluster, ctx: RuleContext, provider: string): Target {
  const env = ctx.environmentOf({ values: [], sources: cluster.sources, remote: cluster.remote, selectors: [] });
  const where = cluster.context ? ` (${cluster.context})` : '';
  return { kind, name: `${name}${kind === 'cluster' ? '' : where}`.trim(), provider, remote: cluster.remote, environment: env.environment, environmentReason: env.reason };
}

const KUBECTL_VALUED = new Set(['-n', '--namespace', '--context', '--cluster', '--kubeconfig', '-l', '--selector', '-f', '--filename', '-o', '--output', '--field-selector', '--grace-period', '--timeout', '-c', '--container', '--user', '-s', '--server', '--token', '--as', '-k', '--kustomize']);

function checkKubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const cluster = clusterOf(inv, inv.args, ctx, ['--context']);
  const words = positionals(inv.args, KUBECTL_VALUED);
  const [verb, ...objects] = words;
  if (verb === undefined) return [];
  const where = cluster.context ? ` in ${cluster.context}` : '';
  if (verb === 'delete') {
    const files = [valueAfter(inv.args, ['-f', '--filename']), valueAfter(inv.args, ['-k', '--kustomize'])].filter((f): f is string => f !== undefined);
    if (files.length > 0) return [finding('kubectl-delete', `Deletes every resource defined in ${files.join(', ')}${where} (kubectl delete -f).`, [clusterTarget('resource', files.join(', '), cluster, ctx, 'kubernetes')])];
    const allFlag = inv.args.some((a) => a.text === '--all' || a.text === '--all-namespaces' || a.text === '-A');
    const selector = valueAfter(inv.args, ['-l', '--selector']);
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
  if (verb === 'drain' || (verb === 'scale' && inv.args.some((a) => /^--replicas=0$/.test(a.text) || a.text === '0'))) {
    return [finding(`kubectl-${verb}`, `${verb === 'drain' ? 'Drains a node' : 'Scales a workload to zero'}${where} (kubectl ${verb}).`, [clusterTarget('resource', objects.join(' ') || verb, cluster, ctx, 'kubernetes')])];
  }
  return productionAccess(verb, cluster, ctx);
}

function productionAccess(verb: string, cluster: Cluster, ctx: RuleContext): Finding[] {
  if (!cluster.remote || cluster.sources.length === 0) return [];
  const target = clusterTarget('cluster', cluster.context ?? 'cluster', cluster, ctx, 'kubernetes');
  if (target.environment !== 'production') return [];
  const reads = KUBE_READ.has(verb);
  return [{ rule: 'containers.production-access', risk: 'production-access', severity: 'info', reason: `${reads ? 'Reads from' : 'Works on'} the production cluster ${cluster.context ?? ''} (${verb}).`.replace('  ', ' '), targets: [target] }];
}

const HELM_VALUED = new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--timeout', '-o', '--output', '--description', '--cascade']);

function checkHelm(inv: Invocation, ctx: RuleContext): Finding[] {
  const cluster = clusterOf(inv, inv.args, ctx, ['--kube-context']);
  const [verb, ...names] = positionals(inv.args, HELM_VALUED);
  if (verb === 'uninstall' || verb === 'delete' || verb === 'del' || verb === 'un') {
    const where = cluster.context ? ` in ${cluster.context}` : '';
    return [finding('helm-uninstall', `Uninstalls the helm release${names.length === 1 ? '' : 's'} ${names.join(', ')}${where}, deleting its resources.`, names.map((n) => clusterTarget('service', n, cluster, ctx, 'helm')))];
  }
  return verb ? productionAccess(verb, cluster, ctx) : [];
}

export const containersPack: RulePack = {
  id: 'containers',
  title: 'Docker volumes, Kubernetes deletes and Helm releases',
  commands: ['docker', 'podman', 'nerdctl', 'docker-compose', 'podman-compose', 'kubectl', 'oc', 'k', 'helm'],
  checkInvocation(inv, ctx) {
    switch (inv.name) {
      case 'docker':
      case 'podman':
      case 'nerdctl':
        return checkDocker(inv, ctx);
      case 'docker-compose':
      case 'podman-compose':
        return checkCompose(inv.args, daemonOf(inv, new Map(), ctx), ctx);
      case 'kubectl':
      case 'oc':
      case 'k':
        return checkKubectl(inv, ctx);
      case 'helm':
        return checkHelm(inv, ctx);
      default:
        return [];
    }
  },
};
