import { hostOf, isLocalHost } from '../../policy/production';
import type { RuleContext } from '../../policy/types';

/**
 * A throwaway cluster on this machine (stop 29; red teams 4 and 7 labelled it routine): `kubectl
 * --context kind-dev delete ns scratch`, `kubectl --context minikube delete -f k8s/`. kind, minikube,
 * k3d and Docker Desktop clusters are made and thrown away by the developer; deleting a namespace or
 * the workloads of a manifest there loses nothing anyone keeps. The context's name alone does not vouch:
 * a kubeconfig given on the line may call any server `kind-dev`, and the home kubeconfig's entry for the
 * context must point at this machine (or not be there: kubectl then fails). Statefulsets and volumes
 * named outright still ask (the earlier decision on local development data: `kubectl delete statefulset
 * db` on kind-dev asks in classify.table).
 */

interface Entry {
  name?: string;
  cluster?: string;
  server?: string;
}

/** The `contexts:` and `clusters:` list entries of a kubeconfig, read line by line (the shapes kubectl writes). */
function entries(text: string): { contexts: Entry[]; clusters: Entry[] } {
  const out = { contexts: [] as Entry[], clusters: [] as Entry[] };
  let section: 'contexts' | 'clusters' | undefined;
  let current: Entry | undefined;
  for (const line of text.split('\n').slice(0, 2000)) {
    const top = /^([A-Za-z-]+):/.exec(line);
    if (top) {
      section = top[1] === 'contexts' ? 'contexts' : top[1] === 'clusters' ? 'clusters' : undefined;
      current = undefined;
      continue;
    }
    if (section === undefined) continue;
    if (/^\s*-\s/.test(line)) {
      current = {};
      out[section].push(current);
    }
    // Block style (`server: https://…`) and flow style (`cluster: {server: "https://…"}`).
    for (const kv of line.matchAll(/\b(name|cluster|server):\s*["']?([^"'\s#,{}]+)/g)) if (current) current[kv[1] as keyof Entry] = kv[2];
  }
  return out;
}

/** Is `context` a local throwaway cluster whose kubeconfig entry (if any) points at this machine? */
export function throwawayCluster(context: string, ctx: RuleContext, kubeconfigNamed: boolean): boolean {
  if (kubeconfigNamed || ctx.facts.envSelectors.KUBECONFIG !== undefined) return false;
  const text = ctx.facts.readFile(`${ctx.facts.home}/.kube/config`);
  if (text === undefined) return true;
  const { contexts, clusters } = entries(text);
  const entry = contexts.find((c) => c.name === context);
  if (entry === undefined) return true;
  const server = clusters.find((c) => c.name === entry.cluster)?.server;
  return server !== undefined && isLocalHost(hostOf(server) ?? '');
}
