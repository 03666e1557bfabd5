import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { kubectl, KUBE_PROXY } from '../registry/tools/kubectl';
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

function checkKubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parsedArgs(inv.args, kubectl);
  const args = toolArgs(inv.name, parsed, kubectl);
  const verb = parsed.path[0] ?? parsed.operands[0]?.text;
  if (verb === undefined || args.has('--dry-run')) return [];
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
  }
  return [];
}

/** A request to a local port a `kubectl proxy` of this line listens on goes to that cluster's API. */
function checkProxied(inv: Invocation, ctx: RuleContext): Finding[] {
  const proxies = Object.entries(inv.assignments).filter(([name]) => name.startsWith(KUBE_PROXY));
  if (proxies.length === 0) return [];
  const request = requestOf(inv, ctx);
  if (!request || request.unixSocket) return [];
  const method = request.methodOverride ?? request.method;
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return [];
  const findings: Finding[] = [];
  for (const raw of request.urls) {
    const url = parseRequestUrl(raw);
    if (!url || !isLocalUrl(url)) continue;
    const port = url.port || (raw.startsWith('https') ? '443' : '80');
    const proxy = proxies.find(([name]) => name === KUBE_PROXY + port);
    if (!proxy) continue;
    const context = proxy[1] === '' ? undefined : proxy[1];
    const cluster = clusterOf({ ...inv, assignments: {} }, (...names) => (names.includes('--context') ? context : undefined), ctx, ['--context']);
    findings.push(finding('proxied-request', `${request.client} sends a ${method} to ${url.path} of the cluster${context ? ` ${context}` : ''} through kubectl proxy on port ${port}.`, [clusterTarget('resource', url.path, cluster, ctx, 'kubernetes')]));
  }
  return findings;
}

export const kubeChangesPack: RulePack = {
  id: 'kube-changes',
  title: 'Kubernetes changes that delete without kubectl delete',
  commands: ['kubectl', 'oc', 'k', 'curl', 'wget', 'http', 'https', 'xh'],
  checkInvocation(inv, ctx) {
    if (inv.name === 'kubectl' || inv.name === 'oc' || inv.name === 'k') return checkKubectl(inv, ctx);
    return checkProxied(inv, ctx);
  },
};
