import { flagValues } from '../args';
import type { CliArgs, CommandRule, CommandSpec, ToolArgs } from '../types';
import { valued } from './options';

/**
 * Cloud changes that hand something over without a delete verb (issue #18, round 7 re-attack):
 * cluster credentials written into the kubeconfig as its current context (every later kubectl and
 * helm command reaches that cluster without naming it), a user's sign-in taken over, attributes removed from a stored item, a registry-wide
 * policy replaced, a tag moved onto another image, a script run as root on a VM through an extension,
 * and a raw DELETE sent to the management API. Spliced into aws.ts, gcloud.ts and az.ts.
 */

const values = (p: CliArgs, names: readonly string[]): string[] => flagValues(p, names);
const CURRENT_CONTEXT = (): string => ': it becomes the current context, so later kubectl and helm commands reach that cluster without naming it';

export const AWS_HANDOVER_RULES: readonly CommandRule[] = [
  { id: 'aws-eks-kubeconfig', path: ['eks', 'update-kubeconfig'], kind: 'cluster', noun: 'EKS cluster', verb: 'writes into the kubeconfig the credentials of', nameFlags: ['--name'], note: CURRENT_CONTEXT },
  { id: 'aws-ecr-registry-policy', path: ['ecr', /^(put-registry-policy|put-registry-scanning-configuration|put-replication-configuration)$/], kind: 'resource', noun: 'ECR registry', verb: 'replaces the registry-wide settings of', namePositionals: 'none', defaultName: "the account's registry", note: () => ': who may push and pull, what is scanned and where images are copied change for every repository' },
  {
    id: 'aws-cognito-takeover', path: ['cognito-idp', /^(admin-set-user-password|admin-update-user-attributes|admin-add-user-to-group|admin-set-user-mfa-preference|admin-link-provider-for-user)$/],
    kind: 'credential', noun: 'Cognito user', verb: 'takes over the sign-in of', nameFlags: ['--username'],
    note: () => ': the user is locked out or someone else signs in as them',
  },
  { id: 'aws-dynamodb-remove-attributes', path: ['dynamodb', 'update-item'], kind: 'table', noun: 'DynamoDB table', verb: 'removes attributes from an item of', nameFlags: ['--table-name'], when: (p) => values(p, ['--update-expression']).some((e) => /\bREMOVE\b/i.test(e)), note: () => ': the removed values are gone, with no undo' },
];

/**
 * `aws ssm start-session --document-name AWS-StartInteractiveCommand --parameters command=CMD`: CMD runs
 * on the instance (`{"command":["CMD"]}` in JSON form).
 */
export function sessionCommand(text: string): string[] | undefined {
  const t = text.trim();
  if (t.startsWith('file://')) return undefined;
  if (t.startsWith('{')) {
    try {
      const value = (JSON.parse(t) as Record<string, unknown>).command;
      const list = Array.isArray(value) ? value : [value];
      return list.every((v) => typeof v === 'string') ? (list as string[]) : undefined;
    } catch {
      return undefined;
    }
  }
  const m = /(?:^|,)\s*command\s*=\s*(.*)$/s.exec(t);
  if (!m) return undefined;
  const rest = m[1]!.trim();
  if (!rest.startsWith('[')) return [rest];
  try {
    const list = JSON.parse(rest) as unknown;
    return Array.isArray(list) && list.every((v) => typeof v === 'string') ? (list as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export const ssmStartSession: CommandSpec = {
  unknownLong: 'list',
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--parameters', decode: sessionCommand, undecodable: 'aws ssm start-session runs a command that cannot be read from its --parameters' },
    when: (a: ToolArgs) => /StartInteractiveCommand|StartNonInteractiveCommand/i.test(a.value('--document-name') ?? ''),
    label: () => 'aws ssm start-session',
    place: (a: ToolArgs) => {
      const target = a.value('--target') ?? 'an instance';
      const profile = a.value('--profile');
      return { place: `ssm ${target}`, provider: 'aws', names: [...(profile !== undefined ? [{ source: '--profile', value: profile }] : []), { source: '--target', value: target }] };
    },
  },
};

export const GCLOUD_HANDOVER_RULES: readonly CommandRule[] = [
  { id: 'gcloud-gke-credentials', path: ['container', 'clusters', 'get-credentials'], kind: 'cluster', noun: 'GKE cluster', verb: 'writes into the kubeconfig the credentials of', namePositionals: 'first', note: CURRENT_CONTEXT },
  { id: 'gcloud-image-tag-moved', path: ['container', 'images', 'add-tag'], kind: 'resource', noun: 'container image tag', verb: 'moves', namePositionals: 'last', note: () => ': every host that pulls it runs the other image next' },
];

/** Options the az rules below read, each taking a value. */
export const AZ_HANDOVER_OPTIONS = [valued('--protected-settings'), valued('--publisher'), valued('--vmss-name'), valued('--method', '-m'), valued('--uri', '--url', '-u'), valued('--body', '-b')];

export const AZ_HANDOVER_RULES: readonly CommandRule[] = [
  { id: 'az-aks-credentials', path: ['aks', 'get-credentials'], kind: 'cluster', noun: 'AKS cluster', verb: 'writes into the kubeconfig the credentials of', nameFlags: ['--name', '-n'], when: (p) => !values(p, ['--file', '-f']).includes('-'), note: CURRENT_CONTEXT },
  {
    id: 'az-vm-extension-script', path: ['vm|vmss', 'extension', 'set'], kind: 'resource', noun: 'VM', verb: 'runs a script as root on', nameFlags: ['--vm-name', '--vmss-name'],
    when: (p) => values(p, ['--settings', '--protected-settings']).some((s) => /commandToExecute|fileUris|"script"/i.test(s)) || values(p, ['--name', '-n']).some((n) => /^(customscript|customscriptextension|runcommand)/i.test(n)),
    note: (p) => `: ${/commandToExecute"?\s*:\s*"([^"]{1,80})/.exec(values(p, ['--settings', '--protected-settings']).join(' '))?.[1] ?? 'the script the extension names'} runs there`,
  },
  {
    id: 'az-rest-delete', path: ['rest'], kind: 'resource', noun: 'Azure resource', verb: 'sends DELETE to', namePositionals: 'none', nameFlags: ['--uri', '--url', '-u'],
    when: (p) => values(p, ['--method', '-m']).some((m) => /^delete$/i.test(m)), note: () => ': the resource (and, for a resource group, everything in it) is deleted',
  },
];
