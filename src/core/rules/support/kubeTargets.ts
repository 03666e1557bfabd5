import { resolvePath } from '../../paths';
import { mergedKubeconfig, type KubeconfigEntries } from '../../policy/kubeconfig';
import { hostOf, isLocalHost, isLocalKubeContext } from '../../policy/production';
import type { Finding, Invocation, RuleContext, Target } from '../../policy/types';
import { KUBE_CLUSTER_SET, KUBE_CONTEXT_SET } from '../../registry/tools/kubectl';

/**
 * Where a kubectl or helm command connects, beyond the context's name: the cluster (`--cluster`, the
 * context's cluster in the kubeconfig, or one a `kubectl config set-context` earlier on the line put
 * there), its API server (`--server`/`-s`, helm's `--kube-apiserver`, the kubeconfig's entry, or a
 * `kubectl config set-cluster` of the line) and the user named on the line (`--user`). Each names the target as the
 * context does: a context called `dev` whose server is `prod-eu.k8s…` is production.
 *
 * The kubeconfig is the one named on the line (`--kubeconfig F`, `KUBECONFIG=F`), else the files the
 * machine's kubectl reads (`Facts.kubeconfigFiles`). A file named on the line that cannot be read
 * leaves the target unresolved: treated as production (an unresolved remote target is production).
 */

export interface KubeTarget {
  /** The context in effect: named on the line, selected by the line, the current context of the kubeconfig named on the line, else the machine's. */
  context: string | undefined;
  /** That context is the current context of a kubeconfig named on the line. */
  fromFile: boolean;
  /** Names of the target besides the context's, with where each came from. */
  sources: { source: string; value: string }[];
  /** The cluster is not the context's (a `--cluster`, `--server`, or a context repointed on the line): the context's name says nothing. */
  overridden: boolean;
  /** What names the cluster reached when `overridden`: the cluster's name, else the server's host. */
  reached: string | undefined;
  /** Whether the target named besides the context is this machine (a kind or minikube cluster, a loopback server); undefined when nothing is named. */
  local: boolean | undefined;
  /** Why the target could not be resolved (a kubeconfig named on the line that cannot be read). */
  unresolved: string | undefined;
}

/** The kubeconfig files named on the line, resolved; undefined when none is named. */
function namedFiles(inv: Invocation, value: (...names: string[]) => string | undefined, ctx: RuleContext): { shown: string; paths: string[]; dynamic: boolean } | undefined {
  const named = value('--kubeconfig') ?? inv.assignments.KUBECONFIG;
  if (named === undefined || named === '') return undefined;
  const dynamic = /[$`]/.test(named);
  const paths = named.split(':').filter((f) => f !== '').slice(0, 8).map((f) => resolvePath(inv.cwd || ctx.facts.cwd, f, ctx.facts.home));
  return { shown: named.replace(/^.*\//, ''), paths, dynamic };
}

function entriesOf(paths: readonly string[], ctx: RuleContext): { entries: KubeconfigEntries; unread: string | undefined } {
  const texts: string[] = [];
  let unread: string | undefined;
  for (const p of paths) {
    const text = ctx.facts.readFile(p);
    if (text === undefined) unread ??= p;
    else texts.push(text);
  }
  return { entries: mergedKubeconfig(texts), unread };
}

/** A value a `selects` marker of the line holds, as `cluster\nuser`. */
function setContext(inv: Invocation, context: string | undefined, flagged: boolean): { cluster?: string; user?: string } | undefined {
  const named = context !== undefined ? inv.assignments[KUBE_CONTEXT_SET + context] : undefined;
  const current = flagged ? undefined : inv.assignments[KUBE_CONTEXT_SET];
  const raw = named ?? current;
  if (raw === undefined) return undefined;
  const [cluster, user] = raw.split('\n');
  return { ...(cluster ? { cluster } : {}), ...(user ? { user } : {}) };
}

/**
 * `flagContext`: the context the command names (`--context`, `--kube-context`, HELM_KUBECONTEXT);
 * `used`: one a `kubectl config use-context` of the line selected; `helm`: read helm's spellings.
 */
export function kubeTarget(inv: Invocation, value: (...names: string[]) => string | undefined, ctx: RuleContext, flagContext: string | undefined, used: string | undefined, helm: boolean): KubeTarget {
  const files = namedFiles(inv, value, ctx);
  let unresolved: string | undefined;
  let entries: KubeconfigEntries | undefined;
  if (files !== undefined) {
    if (files.dynamic) unresolved = `the kubeconfig ${files.shown} is only known when the command runs`;
    else {
      const read = entriesOf(files.paths, ctx);
      entries = read.entries;
      if (read.unread !== undefined) unresolved = `the kubeconfig ${read.unread} cannot be read`;
    }
  } else if (!inv.remote && ctx.facts.kubeconfigFiles !== undefined) {
    entries = entriesOf(ctx.facts.kubeconfigFiles, ctx).entries;
  }
  const fileContext = files !== undefined ? entries?.current : undefined;
  const context = flagContext ?? used ?? fileContext ?? (files === undefined && !inv.remote ? ctx.facts.kubeContext : undefined);
  const repointed = setContext(inv, context, flagContext !== undefined || used !== undefined);
  const entry = context !== undefined ? entries?.contexts.get(context) : undefined;
  const clusterFlag = helm ? undefined : value('--cluster');
  const cluster = clusterFlag ?? repointed?.cluster ?? entry?.cluster;
  const serverFlag = helm ? value('--kube-apiserver') ?? inv.assignments.HELM_KUBEAPISERVER : value('-s', '--server');
  const serverSet = cluster !== undefined ? inv.assignments[KUBE_CLUSTER_SET + cluster] : undefined;
  const server = serverFlag ?? serverSet ?? (cluster !== undefined ? entries?.clusters.get(cluster) : undefined);
  // A user named on the line says where as `--cluster` does; a kubeconfig's own user entry is only an identity (not read as a name of the target).
  const user = (helm ? undefined : value('--user')) ?? repointed?.user;
  const sources: { source: string; value: string }[] = [];
  const host = server !== undefined ? hostOf(server) ?? server.replace(/:\d+$/, '') : undefined;
  if (host !== undefined) sources.push({ source: serverFlag !== undefined ? (helm ? '--kube-apiserver' : '--server') : serverSet !== undefined ? 'kubectl config set-cluster' : 'API server', value: host });
  if (cluster !== undefined && cluster !== context) sources.push({ source: clusterFlag !== undefined ? '--cluster' : repointed?.cluster !== undefined ? 'kubectl config set-context' : 'kube cluster', value: cluster });
  if (user !== undefined && user !== context) sources.push({ source: value('--user') !== undefined && !helm ? '--user' : 'kubectl config set-context', value: user });
  const overridden = serverFlag !== undefined || serverSet !== undefined || clusterFlag !== undefined || repointed?.cluster !== undefined;
  const local = host !== undefined ? isLocalHost(host) : cluster !== undefined ? isLocalKubeContext(cluster) : undefined;
  const reached = overridden ? (serverFlag !== undefined || serverSet !== undefined ? host : cluster) ?? host : undefined;
  return { context, reached, fromFile: context !== undefined && context === fileContext && flagContext === undefined && used === undefined, sources, overridden, local, unresolved };
}

/**
 * `kubectl config use-context prod` / `kubectx prod`: every later kubectl works on that context. The
 * switch itself changes nothing there, but one to a production cluster is recorded as production work.
 * `switched(name)` names the cluster as a command using that context would see it.
 */
export function contextSwitchSeen(name: string, switched: (context: string) => Target): Finding[] {
  const target = switched(name);
  if (target.environment !== 'production') return [];
  return [{ rule: 'containers.context-switch', risk: 'production-access', severity: 'info', reason: `Switches the kube context to ${name}, a production cluster: later kubectl and helm commands work there.`, targets: [target] }];
}
