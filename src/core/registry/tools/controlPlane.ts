import { flagValues, hasFlag } from '../args';
import { destroyingJobName } from '../namedJobs';
import type { CliArgs, CommandRule } from '../types';

/**
 * Round 8 (issue #18): changes to what a cloud runs that no delete verb names. A cluster's Kubernetes
 * version upgraded (no way back to the old version; nodes restart in turn), a VM given a start-up
 * script (shell text that runs as root at its next boot, elsewhere and later), SSH keys taken out of a
 * VM's metadata (admins are locked out), a function deployed from a folder outside the project, an
 * Azure Repos pull request completed past its branch policies, a CI pipeline started whose name says
 * it deploys or destroys. Spread into the cloud CLIs' entries (gcloud.ts, az.ts, aws.ts, eksctl.ts).
 */

/** Metadata keys whose value is a script the VM runs at boot or shutdown. */
const BOOT_SCRIPT_KEY = /^(startup-script|startup-script-url|shutdown-script|shutdown-script-url|windows-startup-script-[a-z0-9]+|windows-shutdown-script-[a-z0-9]+|sysprep-specialize-script-[a-z0-9]+|user-data)$/i;

/** The keys a `--metadata k=v,k2=v2` or `--metadata-from-file k=path` value sets. */
function metadataKeys(p: CliArgs, names: readonly string[]): string[] {
  return flagValues(p, names).flatMap((v) => v.split(',').map((kv) => kv.split('=')[0]!.trim()));
}

/** A source folder outside the project (`/tmp/x`, `~/x`, `../x`, a bucket or a repository URL): code nobody here reviewed. */
const OUTSIDE_SOURCE = /^(\/|~|\.\.(\/|$)|[a-z][a-z0-9+.-]*:\/\/)/i;

export const GCLOUD_CONTROL_OPTIONS: readonly string[] = ['--metadata', '--metadata-from-file', '--keys', '--source', '--cluster-version', '--node-pool', '--image-type'];

export const GCLOUD_CONTROL_RULES: readonly CommandRule[] = [
  { id: 'gcloud-cluster-upgrade', path: ['container', 'clusters', 'upgrade'], kind: 'cluster', noun: 'GKE cluster', verb: 'upgrades', namePositionals: 'first', note: (p) => `${hasFlag(p, ['--master']) ? ' (its control plane)' : ' (its nodes, which are drained and recreated in turn)'}: a Kubernetes version change cannot be rolled back, and workloads using removed APIs stop` },
  { id: 'gcloud-metadata-boot-script', path: ['compute', 'instances|project-info', 'add-metadata'], kind: 'resource', noun: 'VM', verb: 'installs a boot script on', namePositionals: 'first', defaultName: 'every VM of the project', when: (p) => metadataKeys(p, ['--metadata', '--metadata-from-file']).some((k) => BOOT_SCRIPT_KEY.test(k)), note: () => ': its shell text runs as root at the next boot or shutdown, unread by the guard' },
  { id: 'gcloud-metadata-ssh-keys-removed', path: ['compute', 'instances|project-info', 'remove-metadata'], kind: 'credential', noun: 'VM', verb: 'removes SSH keys or boot settings from the metadata of', namePositionals: 'first', defaultName: 'every VM of the project', when: (p) => hasFlag(p, ['--all']) || metadataKeys(p, ['--keys']).some((k) => /^(ssh-keys|sshKeys|block-project-ssh-keys|enable-oslogin|startup-script|shutdown-script)$/i.test(k)), note: () => ': whoever signed in with those keys is locked out' },
  { id: 'gcloud-deploy-outside-source', path: ['functions|run', 'deploy'], kind: 'service', noun: 'service', verb: 'deploys code from outside the project to', namePositionals: 'first', when: (p) => flagValues(p, ['--source']).some((v) => OUTSIDE_SOURCE.test(v)), note: (p) => ` (--source ${flagValues(p, ['--source'])[0]}): what it runs was not reviewed here, and it replaces the live revision` },
];

export const AZ_CONTROL_OPTIONS: readonly string[] = ['--kubernetes-version', '--bypass-policy', '--bypass-policy-reason', '--status', '--id', '--auto-complete', '--delete-source-branch'];

const TRUE = /^(true|yes|1)$/i;

export const AZ_CONTROL_RULES: readonly CommandRule[] = [
  { id: 'az-aks-upgrade', path: ['aks', 'upgrade'], kind: 'cluster', noun: 'AKS cluster', verb: 'upgrades', nameFlags: ['--name', '-n'], note: (p) => `${flagValues(p, ['--kubernetes-version']).length > 0 ? ` to Kubernetes ${flagValues(p, ['--kubernetes-version'])[0]}` : ''}: a version change cannot be rolled back, and nodes restart in turn` },
  { id: 'az-aks-nodepool-upgrade', path: ['aks', 'nodepool', 'upgrade'], kind: 'cluster', noun: 'AKS node pool', verb: 'upgrades', nameFlags: ['--name', '-n'], note: () => ': its nodes are drained and reimaged in turn, and the version change cannot be rolled back' },
  { id: 'az-repos-pr-bypass-policy', path: ['repos', 'pr', 'update|create'], kind: 'repository', noun: 'pull request', verb: 'completes past its branch policies', nameFlags: ['--id'], defaultName: 'the pull request', when: (p) => flagValues(p, ['--bypass-policy']).some((v) => TRUE.test(v)), note: () => ': a safety net is removed — required reviewers and builds are skipped (--bypass-policy)' },
];

export const EKSCTL_CONTROL_RULES: readonly CommandRule[] = [
  // Without --approve, `eksctl upgrade` only shows its plan.
  { id: 'eksctl-upgrade', path: ['upgrade', 'cluster|nodegroup'], kind: 'cluster', noun: 'EKS cluster', verb: 'upgrades', nameFlags: ['--name', '-n', '--cluster', '-c'], when: (p) => hasFlag(p, ['--approve']), note: () => ': a Kubernetes version change cannot be rolled back' },
];

/** A pipeline or build whose name says it deploys or destroys: its steps run there with the account's roles, unread here. */
const DEPLOYING = /deploy|release|publish|prod|destroy|teardown|migrat|rollback|terraform|apply|infra|provision/i;

const startsPipeline = (names: readonly string[]) => (p: CliArgs): boolean => flagValues(p, names).some((v) => destroyingJobName(v) !== undefined || DEPLOYING.test(v));

export const AWS_CONTROL_RULES: readonly CommandRule[] = [
  // EC2 user data runs as root at the instance's next boot (cloud-init), as a GCE startup script does.
  // Stop 29 (round 7): a launch template version carrying user data: instances launched from it (scaling replacements too) run it at first boot.
  { id: 'aws-launch-template-user-data', path: ['ec2', /^create-launch-template(-version)?$/], kind: 'resource', noun: 'launch template', verb: 'puts a boot script (user data) into', nameFlags: ['--launch-template-id', '--launch-template-name'], when: (p) => flagValues(p, ['--launch-template-data']).some((v) => /"?UserData"?\s*[:=]/i.test(v)), note: () => ': every instance launched from it, scaling replacements included, runs its shell text as root at boot, unread by the guard' },
  { id: 'aws-ec2-user-data', path: ['ec2', 'modify-instance-attribute'], kind: 'resource', noun: 'EC2 instance', verb: 'replaces the boot script (user data) of', nameFlags: ['--instance-id'], when: (p) => flagValues(p, ['--user-data']).length > 0 || flagValues(p, ['--attribute']).some((v) => /^userData$/i.test(v)), note: () => ': its shell text runs as root at the next boot, unread by the guard' },
  { id: 'aws-codepipeline-start', path: ['codepipeline', 'start-pipeline-execution'], kind: 'project', noun: 'CodePipeline pipeline', verb: 'starts', nameFlags: ['--name'], when: startsPipeline(['--name']), note: (p) => `, whose name says it ${destroyingJobName(flagValues(p, ['--name'])[0] ?? '') !== undefined ? 'destroys' : 'deploys or changes infrastructure'}: its stages run with the pipeline's role, unread by the guard` },
  { id: 'aws-codebuild-start', path: ['codebuild', 'start-build|start-build-batch'], kind: 'project', noun: 'CodeBuild project', verb: 'starts', nameFlags: ['--project-name'], when: startsPipeline(['--project-name']), note: () => ', whose name says it deploys or destroys: its buildspec runs with the project\'s role, unread by the guard' },
];
