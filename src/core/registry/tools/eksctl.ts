import { flagValues, hasFlag } from '../args';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';
import { EKSCTL_CONTROL_RULES } from './controlPlane';

/**
 * eksctl (eksctl.io): `eksctl <verb> <noun> [flags]`, cobra flags anywhere. Deleting a cluster or node
 * group asks through the generic rule; scaling a node group to zero and switching the control plane's
 * logs off take a cluster down or stop its audit trail without a delete verb (issue #18, round 7).
 * Many `utils` commands only plan until `--approve`.
 */

const ZERO = /^0+$/;

export const eksctl: ToolSpec = {
  names: ['eksctl'],
  family: 'cloud',
  locality: 'remote',
  provider: 'aws',
  label: 'eksctl',
  help: { options: ['-h', '--help'] },
  options: [
    valued('--cluster', '-c'), valued('--name', '-n'), valued('--region', '-r'), valued('--profile', '-p'), valued('--config-file', '-f'),
    valued('--nodes', '-N'), valued('--nodes-min', '-m'), valued('--nodes-max', '-M'), valued('--enable-types'), valued('--disable-types'),
    valued('--timeout'), valued('--output', '-o'), valued('--color', '-C'), valued('--verbose', '-v'),
    flag('--approve'), flag('--wait', '-w'), flag('--drain'),
  ],
  environmentFlags: ['--profile', '-p', '--cluster', '-c'],
  environmentVariables: ['AWS_PROFILE'],
  scopeKind: 'cluster',
  rules: [
    ...EKSCTL_CONTROL_RULES,
    { id: 'eksctl-scale-zero', path: ['scale', 'nodegroup'], kind: 'cluster', noun: 'EKS node group', verb: 'scales to zero nodes', nameFlags: ['--name', '-n'], when: (p) => flagValues(p, ['--nodes', '-N']).some((v) => ZERO.test(v)) || flagValues(p, ['--nodes-max', '-M']).some((v) => ZERO.test(v)), note: () => ': every pod on it is evicted and nothing runs there' },
    { id: 'eksctl-logging-off', path: ['utils', 'update-cluster-logging'], kind: 'cluster', noun: 'EKS cluster', verb: 'turns control-plane logging off for', nameFlags: ['--cluster', '-c'], when: (p) => hasFlag(p, ['--approve']) && flagValues(p, ['--disable-types']).length > 0, note: () => ': a safety net is removed — API and audit events are no longer recorded' },
  ],
  generic: { id: 'eksctl-delete', verbs: /^(delete|drain)$/, maxDepth: 0, nameFlags: ['--name', '-n', '--cluster', '-c'], describe: (words) => ({ kind: 'cluster', noun: words[1] === undefined ? 'EKS resource' : `EKS ${words[1]}` }) },
};
