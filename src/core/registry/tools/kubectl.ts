import type { CommandSpec, ToolArgs, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * kubectl (and oc, k): `kubectl [global flags] <verb> [kind] [name] [flags]`, flags anywhere.
 * `exec pod -- cmd` runs cmd in a container of the pod, in the cluster.
 */

// `get --raw /api/v1/…` asks the API server for a path as it is.
const read: CommandSpec = { effect: 'read', options: [valued('--raw')] };

const exec: CommandSpec = {
  options: [valued('-c', '--container'), valued('--pod-running-timeout'), flag('-i', '--stdin'), flag('-t', '--tty'), flag('-q', '--quiet')],
  commandAfterDashDash: true,
  effect: 'exec',
  runsElsewhere: {
    command: { argv: 'after-dashdash' },
    label: (a) => `${a.name} exec`,
    place: (a) => {
      const pod = a.operand(0) ?? 'a pod';
      const context = a.value('--context');
      const namespace = a.value('--namespace');
      // `--cluster`/`--server` name the cluster reached past the context (rules/support/kubeTargets.ts).
      const cluster = a.value('--cluster');
      const server = a.value('-s', '--server');
      const names = [
        ...(context !== undefined ? [{ source: '--context', value: context }] : []),
        ...(cluster !== undefined ? [{ source: '--cluster', value: cluster }] : []),
        ...(server !== undefined ? [{ source: '--server', value: server }] : []),
        ...(namespace !== undefined ? [{ source: '--namespace', value: namespace }] : []),
        { source: 'pod', value: pod },
      ];
      return { place: `pod ${pod}`, provider: 'kubernetes', names };
    },
  },
};

/**
 * `kubectl run NAME --image=IMG [--rm -it] [--command] -- cmd args` and `kubectl debug TARGET --image=IMG
 * -- cmd`: a new pod (or a debug container) in the cluster runs the words after `--`.
 */
const podRun = (verb: string): CommandSpec => ({
  options: [
    valued('--image'), valued('--env'), valued('--port'), valued('--labels'), valued('--overrides'), valued('--restart'), valued('--image-pull-policy'),
    valued('--pod-running-timeout'), valued('--annotations'), valued('--serviceaccount'), valued('-c', '--container'), valued('--target'),
    valued('--profile'), valued('--copy-to'), valued('--set-image'), valued('--custom'),
    flag('--rm'), flag('-i', '--stdin'), flag('-t', '--tty'), flag('--command'), flag('--attach'), flag('-q', '--quiet'), flag('--privileged'),
    flag('--leave-stdin-open'), flag('--replace'), flag('--share-processes'), flag('--same-node'),
  ],
  commandAfterDashDash: true,
  effect: 'exec',
  runsElsewhere: { ...exec.runsElsewhere!, label: (a) => `${a.name} ${verb}` },
});

/**
 * `kubectl proxy [--port N]` serves the cluster's API on this machine (8001 unless told; 0 picks a port
 * nobody can know here): later requests of the line to that port reach the cluster. The name cannot
 * be a real environment variable; its value is the context.
 */
export const KUBE_PROXY = '\u0000kubectl-proxy:';

/** `kubectl config use-context prod`: later kubectl commands of the line work on that context; the value is its name. */
export const KUBE_CONTEXT_USED = '\u0000kubectl-context';

/**
 * `kubectl config set-context NAME|--current --cluster C --user U` (or `config set contexts.NAME.cluster C`):
 * later kubectl commands of the line using that context reach cluster C as user U. The name is this
 * prefix and the context (empty for `--current`); the value is `C\nU`.
 */
export const KUBE_CONTEXT_SET = '\u0000kubectl-context-set:';

/** `kubectl config set-cluster NAME --server URL` (or `config set clusters.NAME.server URL`): the cluster's API server, for later commands. */
export const KUBE_CLUSTER_SET = '\u0000kubectl-cluster-set:';

/** What a `kubectl config` subcommand leaves for later commands of the line (use-context, set-context, set-cluster, set). */
function configSelects(a: ToolArgs): Record<string, string> {
  const sub = a.operand(0) ?? '';
  const name = a.operand(1);
  if (/^(use-context|use)$/.test(sub)) return name !== undefined ? { [KUBE_CONTEXT_USED]: name } : {};
  if (sub === 'set-context') {
    const cluster = a.value('--cluster') ?? '';
    const user = a.value('--user') ?? '';
    if (cluster === '' && user === '') return {};
    const which = a.has('--current') ? '' : name;
    return which === undefined ? {} : { [KUBE_CONTEXT_SET + which]: `${cluster}\n${user}` };
  }
  if (sub === 'set-cluster' && name !== undefined) {
    const server = a.value('-s', '--server');
    return server !== undefined ? { [KUBE_CLUSTER_SET + name]: server } : {};
  }
  const value = a.operand(2);
  if (sub === 'set' && name !== undefined && value !== undefined) {
    const server = /^clusters\.(.+)\.server$/.exec(name);
    if (server) return { [KUBE_CLUSTER_SET + server[1]!]: value };
    const context = /^contexts\.(.+)\.(cluster|user)$/.exec(name);
    if (context) return { [KUBE_CONTEXT_SET + context[1]!]: context[2] === 'cluster' ? `${value}\n` : `\n${value}` };
  }
  return {};
}

/** `kubectl port-forward svc/db 5432:5432`: a local port leading to a service of the cluster; the value is the context. */
export const KUBE_FORWARD = '\u0000kubectl-forward:';

function forwardedPorts(a: ToolArgs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const word of a.parsed.operands.slice(1, 9)) {
    const m = /^(\d*):?(\d+)$/.exec(word.text);
    if (!m) continue;
    // `:5000` picks a free local port nobody can know here.
    const local = word.text.includes(':') ? m[1] : m[2];
    if (local) out[KUBE_FORWARD + local] = a.value('--context') ?? '';
  }
  return out;
}

/** `kubectl options` (kubernetes.io/docs/reference/kubectl/generated/kubectl_options) and klog's flags: globals taking a value. */
const KUBECTL_VALUED_GLOBALS = [
  valued('--as-uid'), valued('--as-user-extra'), valued('--cache-dir'), valued('--certificate-authority'), valued('--client-certificate'), valued('--client-key'),
  valued('--kuberc'), valued('--password'), valued('--username'), valued('--profile'), valued('--profile-output'), valued('--tls-server-name'),
  valued('-v', '--v'), valued('--vmodule'), valued('--log-dir'), valued('--log-file'), valued('--log-file-max-size'), valued('--log-flush-frequency'),
  valued('--log-backtrace-at'), valued('--stderrthreshold'), valued('--azure-container-registry-config'),
];
/** The same page's switches. */
const KUBECTL_SWITCH_GLOBALS = [
  flag('--disable-compression'), flag('--insecure-skip-tls-verify'), flag('--match-server-version'), flag('--warnings-as-errors'),
  flag('--alsologtostderr'), flag('--logtostderr'), flag('--add-dir-header'), flag('--skip-headers'), flag('--skip-log-headers'), flag('--one-output'),
];

export const kubectl: ToolSpec = {
  names: ['kubectl', 'oc', 'k'],
  family: 'containers',
  locality: 'remote',
  provider: 'kubernetes',
  options: [
    valued('-n', '--namespace'), valued('--context'), valued('--cluster'), valued('--kubeconfig'), valued('--user'),
    valued('-s', '--server'), valued('--token'), valued('--as'), valued('--as-group'), valued('--request-timeout'),
    // Every global of `kubectl options` that takes a value (a file, a name, a level): `--log-file get scale …` runs `scale`.
    ...KUBECTL_VALUED_GLOBALS, ...KUBECTL_SWITCH_GLOBALS,
    valued('-l', '--selector'), valued('-f', '--filename'), valued('-o', '--output'), valued('--template'), valued('--field-selector'),
    valued('--grace-period'), valued('--timeout'), valued('-k', '--kustomize'), valued('--replicas'),
    flag('-A', '--all-namespaces'), flag('--all'), flag('-w', '--watch'), flag('--force'), flag('--now'), flag('--wait'),
    { names: ['--dry-run'], takes: 'optional' }, flag('-h', '--help'),
  ],
  commands: {
    exec,
    run: podRun('run'),
    debug: podRun('debug'),
    'port-forward': {
      options: [valued('--address'), valued('--pod-running-timeout')],
      effect: 'exec',
      selects: forwardedPorts,
    },
    proxy: {
      options: [valued('-p', '--port'), valued('--address'), valued('--accept-hosts'), valued('--api-prefix'), valued('-w', '--www'), valued('-P', '--www-prefix'), valued('-u', '--unix-socket'), flag('--disable-filter')],
      effect: 'exec',
      selects: (a) => (a.value('--unix-socket') === undefined ? { [KUBE_PROXY + (a.value('--port') ?? '8001')]: a.value('--context') ?? '' } : {}),
    },
    'get|describe|logs|log|top|explain|api-resources|api-versions|version|cluster-info|events|auth|diff|wait': read,
    delete: { effect: 'delete' },
    patch: { effect: 'mutate', options: [valued('-p', '--patch'), valued('--patch-file'), valued('--type'), valued('--subresource')] },
    // `create secret|configmap --from-file/--from-env-file … -o yaml` prints the files' text (base64 or as it is).
    create: {
      effect: 'mutate',
      options: [valued('--from-file'), valued('--from-env-file'), valued('--from-literal'), valued('--type'), valued('--cert'), valued('--key'), { names: ['--dry-run'], takes: 'optional' }, flag('--append-hash'), flag('--save-config')],
      // `create job x --image=alpine -- rm -rf /data`: a pod of the cluster runs the words after `--`, as with `kubectl run`.
      commands: {
        'job|cronjob|deployment|deploy': {
          ...podRun('create'),
          effect: 'mutate',
          options: [...podRun('create').options!, valued('--from'), valued('--schedule'), valued('-r', '--replicas')],
          runsElsewhere: { ...podRun('create').runsElsewhere!, when: (a) => a.parsed.command !== undefined },
        },
      },
    },
    'apply|replace|edit|label|annotate|set|rollout|scale|autoscale|expose|cordon|uncordon|taint': { effect: 'mutate' },
    drain: { effect: 'mutate' },
    // `config set-credentials NAME --exec-command CMD --exec-arg A`: the credential plugin every later kubectl runs (deferred/configSetters.ts).
    config: { options: [valued('--exec-command'), valued('--exec-arg'), valued('--exec-env'), valued('--exec-api-version'), valued('--exec-interactive-mode'), valued('--auth-provider'), valued('--auth-provider-arg'), flag('--current')], selects: configSelects },
    // `cp SRC POD:PATH` writes into the pod (over what is there); `cp POD:PATH DEST` only downloads.
    cp: { effect: 'mutate', options: [valued('-c', '--container'), valued('--retries'), flag('--no-preserve')] },
  },
  dryRun: ['--dry-run'],
  help: { options: ['-h', '--help'] },
};

/**
 * kubectx (github.com/ahmetb/kubectx): `kubectx NAME` switches the current context, as `kubectl config
 * use-context NAME` does, for every later kubectl of the line; `-` (the previous one), `NEW=OLD`
 * (a rename), `-d` (delete), `-c` (show) and `-u` (unset) select nothing the line can name.
 */
export const kubectx: ToolSpec = {
  names: ['kubectx'],
  family: 'containers',
  locality: 'local',
  options: [flag('-d'), flag('-c', '--current'), flag('-u', '--unset'), flag('-h', '--help'), flag('-V', '--version')],
  effect: 'mutate',
  selects: (a): Record<string, string> => {
    const name = a.operand(0);
    if (name === undefined || name === '-' || name.includes('=') || a.has('-d', '-c', '-u', '-h')) return {};
    return { [KUBE_CONTEXT_USED]: name };
  },
  help: { options: ['-h', '--help'] },
};
