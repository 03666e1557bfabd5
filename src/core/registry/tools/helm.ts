import { act } from './packageManagers';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/** Helm: `helm <command> [release] [chart] [flags]`, flags anywhere (cobra); `uninstall` deletes a release's resources. */

const CHART_VALUES = [
  valued('-f', '--values'), valued('--set'), valued('--set-string'), valued('--set-file'), valued('--set-json'), valued('--set-literal'), valued('--version'),
  valued('--timeout'), valued('--description'), valued('--post-renderer'), valued('--repo'), valued('-o', '--output'), valued('--history-max'),
  flag('--install', '-i'), flag('--wait'), flag('--atomic'), flag('--create-namespace'), flag('--dry-run'), flag('--force'), flag('--reuse-values'),
];

export const helm: ToolSpec = {
  names: ['helm'],
  family: 'containers',
  programOptions: ['--post-renderer'],
  locality: 'remote',
  provider: 'helm',
  help: { options: ['-h', '--help'] },
  options: [
    valued('-n', '--namespace'), valued('--kube-context'), valued('--kubeconfig'), valued('--kube-apiserver'), valued('--kube-token'),
    valued('--kube-as-user'), valued('--kube-as-group'), valued('--kube-ca-file'), valued('--kube-tls-server-name'), valued('--registry-config'),
    valued('--repository-config'), valued('--repository-cache'), valued('--burst-limit'), valued('--qps'), flag('--debug'), flag('-A', '--all-namespaces'),
    // Helm 4's globals (helm.sh/docs/helm/helm): `--content-cache /tmp/c upgrade …` runs `upgrade`.
    valued('--content-cache'), valued('--color', '--colour'), flag('--kube-insecure-skip-tls-verify'),
  ],
  commands: {
    'uninstall|delete|del|un': {
      effect: 'delete',
      options: [valued('--timeout'), valued('--description'), valued('--cascade'), flag('--dry-run'), flag('--keep-history'), flag('--no-hooks'), flag('--wait'), flag('--ignore-not-found')],
    },
    'install|upgrade': { effect: 'mutate', options: CHART_VALUES },
    rollback: { effect: 'mutate', options: [valued('--timeout'), flag('--wait'), flag('--force'), flag('--dry-run')] },
    'list|ls': { effect: 'read', options: [valued('-o', '--output'), valued('-f', '--filter'), flag('-a', '--all')] },
    'status|get|history|hist|template|show|inspect|search|lint|diff|verify|env|version|completion': { effect: 'read', options: CHART_VALUES },
    // Stop 30 (team decision): a chart version pushed to an OCI registry cannot be replaced, like a package published.
    push: act('pushes the chart to the registry, which cannot be replaced under the same version', { registry: (a) => a.operand(1) }, { options: [flag('--insecure-skip-tls-verify'), flag('--plain-http'), valued('--ca-file'), valued('--cert-file'), valued('--key-file')] }),
    'repo|dependency|dep|plugin|pull|fetch|package|create|test': {},
    registry: { commands: { login: { options: [valued('-u', '--username'), valued('-p', '--password'), flag('--password-stdin'), valued('--cert-file'), valued('--key-file'), valued('--ca-file'), flag('--insecure')] }, logout: {} } },
  },
};
