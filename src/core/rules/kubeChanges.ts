import { ownTable } from '../ownTable';
import { isLoopbackHost } from '../policy/production';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { kubectl, KUBE_FORWARD, KUBE_PROXY } from '../registry/tools/kubectl';
import { clusterOf, clusterTarget } from './containers';
import { requestOf } from './support/httpClients';
import { isLocalUrl, parseRequestUrl } from './support/httpTargets';

/**
 * Cluster changes that destroy without `kubectl delete`: `apply --prune` (deletes what the files no
 * longer define), `replace --force` and `apply --force` (delete, then create again), a patch that
 * scales a workload to zero or deletes part of it, and requests sent to the cluster through a
 * `kubectl proxy` started earlier on the line (`curl -X DELETE localhost:8001/api/v1/namespaces/prod`).
 * The cluster's environment is the context's, as for every other kubectl finding.
 */

function finding(rule: string, reason: string, targets: Target[]): Finding {
  return { rule: `kube-changes.${rule}`, risk: 'destructive', severity: 'ask', reason, targets };
}

/** `{"spec":{"replicas":0}}`, `replicas: 0`, a JSON patch setting `/spec/replicas` to 0. */
const ZERO_REPLICAS = /"?replicas"?\s*:\s*0\b|"path"\s*:\s*"\/spec\/replicas"\s*,\s*"value"\s*:\s*0\b|"value"\s*:\s*0\s*,\s*"path"\s*:\s*"\/spec\/replicas"/;
/** Strategic-merge `$patch: delete` / `$retainKeys`, JSON patch `remove` operations. */
const REMOVING_PATCH = /\$patch"?\s*:\s*"?(delete|replace)|"op"\s*:\s*"remove"/;

/**
 * A patch setting a keep policy to Delete (merge patch or JSON patch `value`): a volume's reclaim
 * policy, a StatefulSet's claim retention (`whenDeleted`, `whenScaled`), a Crossplane or operator
 * resource's `deletionPolicy` (the cloud database goes with the object).
 */
const RECLAIM_DELETE = /(persistentVolumeReclaimPolicy|whenDeleted|whenScaled|deletionPolicy)"?\s*[:,]\s*("value"\s*:\s*)?"?Delete\b/;

function keepPolicyName(field: string | undefined): string {
  if (field === 'whenDeleted' || field === 'whenScaled') return `claim retention policy (${field})`;
  if (field === 'deletionPolicy') return 'deletion policy (deletionPolicy)';
  return 'reclaim policy';
}

/** A patch emptying `metadata.finalizers` (`null`, `[]`): the protection finalizers (`kubernetes.io/pvc-protection`) go with it. */
const FINALIZERS_CLEARED = /"?finalizers"?\s*:\s*(null|\[\s*\])|"path"\s*:\s*"\/metadata\/finalizers"\s*,\s*"value"\s*:\s*(null|\[\s*\])/;

/** A folder of a pod whose files are scratch: copying over them loses nothing kept. */
const SCRATCH = /^\/(tmp|var\/tmp|dev\/shm)(\/|$)/;

/**
 * `kubectl cp SRC [NS/]POD:PATH` writes into a running pod, over the file or folder at PATH (a pod's
 * database file, its uploads, its config). A copy out of the pod (`POD:PATH DEST`) only downloads.
 */
function copyIntoPod(operands: readonly string[], where: string, target: (name: string) => Target[]): Finding[] {
  const [source, destination] = operands;
  if (source === undefined || destination === undefined) return [];
  const remote = /^(?:[a-z0-9][-a-z0-9.]*\/)?([a-z0-9][-a-z0-9.]*):(.*)$/;
  const into = remote.exec(destination);
  if (!into || remote.test(source)) return [];
  const path = into[2] ?? '';
  if (SCRATCH.test(path)) return [];
  return [finding('cp-into-pod', `Copies ${source} over ${path || 'the working folder'} in pod ${into[1]}${where}, replacing what is there (kubectl cp).`, target(destination))];
}

/**
 * `kubectl config delete-context`, `delete-user`, `unset users`: entries (and the credentials they held)
 * removed from the kubeconfig. A switch (`use-context prod`) is not judged here: every later command is
 * judged against the context the kubeconfig then names, and a change to production asks there.
 */
function kubeconfigEdit(words: readonly string[]): Finding[] {
  const [sub, name] = words;
  if (sub !== undefined && /^(delete-context|delete-cluster|delete-user|unset|rename-context)$/.test(sub)) {
    const what = name ?? 'an entry';
    return [finding('kubeconfig-removed', `Removes ${what} from the kubeconfig (kubectl config ${sub}): the contexts, clusters or credentials it held are gone unless kept elsewhere.`, [{ kind: 'credential', name: `kubeconfig ${what}`, remote: false, environment: 'local', environmentReason: 'this machine' }])];
  }
  return [];
}

function checkKubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parsedArgs(inv.args, kubectl);
  const args = toolArgs(inv.name, parsed, kubectl);
  const verb = parsed.path[0] ?? parsed.operands[0]?.text;
  if (verb === undefined || args.has('--dry-run')) return [];
  if (verb === 'config') return kubeconfigEdit(parsed.operands.map((w) => w.text).filter((t, i) => i > 0 || t !== verb));
  const cluster = clusterOf(inv, args.value, ctx, ['--context']);
  const where = cluster.context ? ` in ${cluster.context}` : '';
  const objects = parsed.operands.map((w) => w.text).filter((t) => t !== verb);
  const files = args.values('-f', '--filename', '-k', '--kustomize');
  const shown = files.join(', ') || objects.join(' ') || verb;
  const target = (name: string): Target[] => [clusterTarget('resource', name, cluster, ctx, 'kubernetes')];
  if (verb === 'apply' && args.has('--prune')) {
    const scope = args.has('--all') ? 'every resource of the pruned kinds' : args.value('-l', '--selector') !== undefined ? `resources labelled ${args.value('-l', '--selector')}` : 'resources';
    return [finding('apply-prune', `Deletes ${scope}${where} that ${shown} no longer defines (kubectl apply --prune).`, target(shown))];
  }
  if ((verb === 'replace' || verb === 'apply') && args.has('--force')) {
    return [finding('replace-force', `Deletes and recreates what ${shown} defines${where} (kubectl ${verb} --force): pods restart, and a volume claim recreated may lose its data.`, target(shown))];
  }
  if (verb === 'patch') {
    const patch = args.values('-p', '--patch').join('\n');
    if (ZERO_REPLICAS.test(patch)) return [finding('scale-to-zero', `Scales ${shown}${where} to zero replicas (kubectl patch).`, target(shown))];
    if (REMOVING_PATCH.test(patch)) return [finding('patch-remove', `Removes parts of ${shown}${where} (kubectl patch deleting fields or list entries).`, target(shown))];
    if (FINALIZERS_CLEARED.test(patch)) return [finding('finalizers-removed', `Clears the finalizers of ${shown}${where}: the protection they give (a volume claim kept while a pod uses it, cleanup before deletion) is gone, and a pending deletion goes through at once (kubectl patch).`, target(shown))];
    if (RECLAIM_DELETE.test(patch)) return [finding('reclaim-delete', `Sets the ${keepPolicyName(RECLAIM_DELETE.exec(patch)?.[1])} of ${shown}${where} to Delete: a safety net is removed — the volume or the cloud resource and its data go when the object is deleted (kubectl patch).`, target(shown))];
  }
  // `helm.sh/resource-policy-` removes the keep annotation that makes `helm uninstall` leave the resource and its data.
  if (verb === 'annotate' && objects.some((o) => /^helm\.sh\/resource-policy-$/.test(o))) {
    return [finding('unkeep', `Removes helm's keep annotation from ${objects.filter((o) => !o.endsWith('-')).join(' ')}${where}: the next uninstall deletes it and its data.`, target(shown))];
  }
  if (verb === 'cp') return copyIntoPod(objects, where, target);
  // A namespace named on the line says the environment as `-n` does (`label ns prod …`).
  const inNamespace = (ns: string): Target[] => [clusterTarget('namespace', ns, { ...cluster, sources: [...cluster.sources, { source: 'namespace', value: ns }] }, ctx, 'kubernetes')];
  return clusterWide(inv, verb, objects, args.has('--all'), where, target, inNamespace);
}

/**
 * Stop 30 (red team round 11): every node tainted so pods are evicted or cannot be placed, Pod Security
 * enforcement taken off a namespace, and a Secret overwritten by applying what `kubectl create secret
 * … -o yaml` (or a heredoc) prints.
 */
function clusterWide(inv: Invocation, verb: string, objects: readonly string[], all: boolean, where: string, target: (name: string) => Target[], inNamespace: (ns: string) => Target[]): Finding[] {
  const taint = objects.find((o) => /:(NoExecute|NoSchedule)$/.test(o));
  if (verb === 'taint' && all && taint !== undefined && !taint.endsWith('-')) {
    return [finding('taint-all', `Taints every node${where} ${taint.split(':').pop()} (kubectl taint --all): ${taint.endsWith('NoExecute') ? 'every pod without a matching toleration is evicted at once' : 'no new pod can be placed anywhere, so nothing that restarts comes back'}.`, target('every node'))];
  }
  // Every node cordoned: nothing that restarts or scales can be placed again until they are uncordoned.
  if (verb === 'cordon' && all) return [finding('cordon-all', `Cordons every node${where} (kubectl cordon --all): no pod can be placed anywhere, so whatever restarts or scales stays down.`, target('every node'))];
  const enforce = objects.find((o) => /^pod-security\.kubernetes\.io\/(enforce-|enforce=privileged$)/.test(o));
  if ((verb === 'label' || verb === 'annotate') && enforce !== undefined) {
    const ns = objects.filter((o) => o !== enforce && !/^(ns|namespace|namespaces)$/.test(o) && !o.includes('=') && !o.endsWith('-')).join(' ') || 'the namespace';
    return [finding('pod-security-off', `Takes Pod Security enforcement off ${ns}${where} (${enforce}): a safety net is removed — privileged pods, host mounts and root containers are admitted there.`, /^(ns|namespace|namespaces)$/.test(objects[0] ?? '') && ns !== 'the namespace' ? inNamespace(ns) : target(ns))];
  }
  const stdin = inv.stdin;
  const fromCreate = stdin?.kind === 'pipe' && /^(kubectl|oc|k)$/.test(stdin.from.name) && stdin.from.args.some((a) => a.text === 'secret') && stdin.from.args.some((a) => a.text === 'create');
  const heredocSecret = (stdin?.kind === 'heredoc' || stdin?.kind === 'herestring') && /^\s*kind:\s*Secret\s*$/m.test(stdin.text);
  if ((verb === 'apply' || verb === 'replace') && (fromCreate || heredocSecret)) {
    const name = stdin?.kind === 'pipe' ? parsedArgs(stdin.from.args, kubectl).operands.map((a) => a.text).filter((t) => !/^(create|secret|generic|tls|docker-registry)$/.test(t))[0] : /^\s*name:\s*(\S+)/m.exec(heredocSecret && stdin && 'text' in stdin ? stdin.text : '')?.[1];
    return [finding('secret-overwrite', `Overwrites the Secret ${name ?? '(unnamed)'}${where} (kubectl ${verb} of a generated Secret): the value it held is gone, and pods reading it get the new one at their next start.`, [{ ...target(name ?? 'a Secret')[0]!, kind: 'credential' }])];
  }
  return [];
}

/** Database clients: the options naming host and port, and the port they use by default. */
const CLIENTS: Readonly<Record<string, { host: readonly string[]; port: readonly string[]; portVariable?: string; defaultPort: string }>> = ownTable({
  psql: { host: ['-h', '--host'], port: ['-p', '--port'], portVariable: 'PGPORT', defaultPort: '5432' },
  pg_dump: { host: ['-h', '--host'], port: ['-p', '--port'], portVariable: 'PGPORT', defaultPort: '5432' },
  pg_restore: { host: ['-h', '--host'], port: ['-p', '--port'], portVariable: 'PGPORT', defaultPort: '5432' },
  mysql: { host: ['-h', '--host'], port: ['-P', '--port'], portVariable: 'MYSQL_TCP_PORT', defaultPort: '3306' },
  'redis-cli': { host: ['-h'], port: ['-p'], defaultPort: '6379' },
  mongosh: { host: ['--host'], port: ['--port'], defaultPort: '27017' },
});

/** The value after any of `names` (`-p 5433`, `-p5433`, `--port=5433`). */
function optionValue(inv: Invocation, names: readonly string[]): string | undefined {
  let found: string | undefined;
  inv.args.forEach((a, i) => {
    for (const n of names) {
      if (a.text === n) found = inv.args[i + 1]?.text;
      else if (n.startsWith('--') && a.text.startsWith(n + '=')) found = a.text.slice(n.length + 1);
      else if (!n.startsWith('--') && a.text.startsWith(n) && a.text.length > n.length && /^\d+$/.test(a.text.slice(n.length))) found = a.text.slice(n.length);
    }
  });
  return found;
}

/**
 * A database client reaching this machine at a port a `kubectl port-forward` of the line opened talks to
 * the cluster's service: production when the cluster is. The client's own findings say what it does.
 */
function checkForwarded(inv: Invocation, ctx: RuleContext): Finding[] {
  const client = CLIENTS[inv.name];
  const forwards = Object.entries(inv.assignments).filter(([name]) => name.startsWith(KUBE_FORWARD));
  if (!client || forwards.length === 0) return [];
  const url = inv.args.map((a) => parseRequestUrl(a.text.replace(/^(postgres(ql)?|mysql|redis|mongodb):/, 'http:'))).find((u) => u !== undefined && u.host !== '');
  const host = optionValue(inv, client.host) ?? url?.host ?? 'localhost';
  if (!isLoopbackHost(host)) return [];
  const port = optionValue(inv, client.port) ?? (url?.port || undefined) ?? (client.portVariable ? inv.assignments[client.portVariable] : undefined) ?? client.defaultPort;
  const forward = forwards.find(([name]) => name === KUBE_FORWARD + port);
  if (!forward) return [];
  const context = forward[1] === '' ? undefined : forward[1];
  const cluster = clusterOf({ ...inv, assignments: {} }, (...names) => (names.includes('--context') ? context : undefined), ctx, ['--context']);
  const target = clusterTarget('database', `the service forwarded to localhost:${port}`, cluster, ctx, 'kubernetes');
  const production = target.environment === 'production' || (target.remote && target.environment === 'unknown');
  if (!production) return [];
  return [{ rule: 'kube-changes.port-forward', risk: 'production-access', severity: 'info', reason: `${inv.name} reaches localhost:${port}, which kubectl port-forward leads to a service of the cluster${context ? ` ${context}` : ''}.`, targets: [{ ...target, environment: 'production', environmentReason: target.environment === 'production' ? target.environmentReason : `${target.environmentReason}; a cluster nothing names is treated as production` }] }];
}

/** A changing request (not GET/HEAD/OPTIONS) this invocation sends to local URLs: each with its raw text. */
function localChanges(inv: Invocation, ctx: RuleContext): { client: string; method: string; urls: { raw: string; url: NonNullable<ReturnType<typeof parseRequestUrl>> }[] } | undefined {
  const request = requestOf(inv, ctx);
  if (!request || request.unixSocket) return undefined;
  const method = request.methodOverride ?? request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return undefined;
  const urls = request.urls.flatMap((raw) => {
    const url = parseRequestUrl(raw);
    return url && isLocalUrl(url) ? [{ raw, url }] : [];
  });
  return { client: request.client, method, urls };
}

/** A request to a local port a `kubectl proxy` of this line listens on goes to that cluster's API. */
function checkProxied(inv: Invocation, ctx: RuleContext): Finding[] {
  const proxies = Object.entries(inv.assignments).filter(([name]) => name.startsWith(KUBE_PROXY) || name.startsWith(KUBE_FORWARD));
  if (proxies.length === 0) return checkUnseenProxy(inv, ctx);
  const request = localChanges(inv, ctx);
  if (!request) return [];
  const method = request.method;
  const findings: Finding[] = [];
  for (const { raw, url } of request.urls) {
    const port = url.port || (raw.startsWith('https') ? '443' : '80');
    const proxy = proxies.find(([name]) => name === KUBE_PROXY + port || name === KUBE_FORWARD + port);
    if (!proxy) continue;
    const how = proxy[0].startsWith(KUBE_PROXY) ? 'kubectl proxy' : 'kubectl port-forward';
    const context = proxy[1] === '' ? undefined : proxy[1];
    const cluster = clusterOf({ ...inv, assignments: {} }, (...names) => (names.includes('--context') ? context : undefined), ctx, ['--context']);
    findings.push(finding('proxied-request', `${request.client} sends a ${method} to ${url.path} of the cluster${context ? ` ${context}` : ''} through ${how} on port ${port}.`, [clusterTarget('resource', url.path, cluster, ctx, 'kubernetes')]));
  }
  return findings;
}

/** Paths of the Kubernetes API (core `/api/v1/…`, groups `/apis/<group>/<version>/…`) that name an object. */
const KUBE_API_PATH = /^\/(api\/v1\/(namespaces|nodes|pods|services|secrets|configmaps|persistentvolumes|persistentvolumeclaims|serviceaccounts|endpoints|replicationcontrollers|resourcequotas|limitranges)(\/|$)|apis\/(apps|batch|autoscaling|policy|[a-z0-9-]+(\.[a-z0-9-]+)+)\/v\d+\w*\/)/;

/**
 * `curl -X DELETE localhost:8001/api/v1/namespaces/prod` with no proxy started on this line: a local
 * port answering the Kubernetes API is a proxy or a tunnel (kubectl proxy's default port is 8001) to a
 * cluster nothing here names, so the change is asked as one to a cluster treated as production.
 */
function checkUnseenProxy(inv: Invocation, ctx: RuleContext): Finding[] {
  const request = localChanges(inv, ctx);
  if (!request) return [];
  const method = request.method;
  const findings: Finding[] = [];
  for (const { url } of request.urls) {
    if (!KUBE_API_PATH.test(url.path)) continue;
    const cluster = clusterOf({ ...inv, assignments: {} }, () => undefined, { ...ctx, facts: { ...ctx.facts, kubeContext: undefined } }, ['--context']);
    const target = clusterTarget('resource', url.path, cluster, ctx, 'kubernetes');
    findings.push(finding('proxied-request', `${request.client} sends a ${method} to ${url.path} of the Kubernetes API on a local port (${url.port || 'the default'}), a proxy or tunnel to a cluster this command does not name.`, [{ ...target, environment: 'production', environmentReason: target.environment === 'production' ? target.environmentReason : 'a cluster reached through a local proxy nothing names is treated as production' }]));
  }
  return findings;
}

export const kubeChangesPack: RulePack = {
  id: 'kube-changes',
  title: 'Kubernetes changes that delete without kubectl delete',
  commands: ['kubectl', 'oc', 'k', 'curl', 'wget', 'http', 'https', 'xh', ...Object.keys(CLIENTS)],
  checkInvocation(inv, ctx) {
    if (inv.name === 'kubectl' || inv.name === 'oc' || inv.name === 'k') return checkKubectl(inv, ctx);
    if (CLIENTS[inv.name]) return checkForwarded(inv, ctx);
    return checkProxied(inv, ctx);
  },
};
