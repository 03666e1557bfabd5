import { flagValues, hasFlag } from '../args';
import type { CliArgs, CommandRule } from '../types';

/**
 * AWS operations that take a safety net away, open a resource to everyone, lock people out or replace
 * live configuration without a delete verb (issue #18, round 6): snapshots and images shared with all
 * accounts, function URLs without auth, a public resource policy, retention cut, backups and lifecycle
 * policies replaced or disabled, a key policy or a domain's name servers replaced, a function's whole
 * environment overwritten, a master password changed, a stack deployed over the live one. Spliced into
 * aws.ts's rule table; each names what is lost.
 */

const values = (p: CliArgs, names: readonly string[]): string[] => flagValues(p, names);
const said = (p: CliArgs, names: readonly string[], re: RegExp): boolean => values(p, names).some((v) => re.test(v));
const below = (p: CliArgs, names: readonly string[], limit: number): boolean => values(p, names).some((v) => /^\d+$/.test(v) && Number(v) < limit);
const SAFETY = (what: string) => (): string => `: a safety net is removed — ${what}`;

export const AWS_SAFETY_RULES: readonly CommandRule[] = [
  { id: 'aws-snapshot-public', path: ['ec2', 'modify-snapshot-attribute'], kind: 'resource', noun: 'EBS snapshot', verb: 'shares with every AWS account', nameFlags: ['--snapshot-id'], when: (p) => said(p, ['--group-names', '--create-volume-permission'], /\ball\b/i) },
  { id: 'aws-rds-snapshot-public', path: ['rds', /^modify-db-(cluster-)?snapshot-attribute$/], kind: 'database', noun: 'RDS snapshot', verb: 'shares with every AWS account', nameFlags: ['--db-snapshot-identifier', '--db-cluster-snapshot-identifier'], when: (p) => said(p, ['--values-to-add'], /^all$/i) },
  { id: 'aws-ami-public', path: ['ec2', 'modify-image-attribute'], kind: 'resource', noun: 'AMI', verb: 'makes public', nameFlags: ['--image-id'], when: (p) => said(p, ['--launch-permission', '--user-groups'], /\ball\b/i) },
  { id: 'aws-lambda-url-no-auth', path: ['lambda', /^(create|update)-function-url-config$/], kind: 'service', noun: 'Lambda function', verb: 'opens to anyone on the internet, without authentication,', nameFlags: ['--function-name'], when: (p) => said(p, ['--auth-type'], /^none$/i) },
  { id: 'aws-resource-policy-public', path: ['lambda', 'add-permission'], kind: 'service', noun: 'Lambda function', verb: 'lets any AWS principal invoke', nameFlags: ['--function-name'], when: (p) => said(p, ['--principal'], /^\*$/) },
  { id: 'aws-repository-policy', path: ['ecr|glacier|s3api|sqs|sns|secretsmanager', /^(set-repository-policy|set-vault-access-policy|put-bucket-policy|put-resource-policy|set-queue-attributes-policy)$/], kind: 'resource', noun: 'resource', verb: 'replaces the access policy of', nameFlags: ['--repository-name', '--vault-name', '--bucket', '--secret-id'], note: () => ': whoever the new policy names gets in, and whoever it leaves out is locked out' },
  { id: 'aws-eks-public-endpoint', path: ['eks', 'update-cluster-config'], kind: 'cluster', noun: 'EKS cluster', verb: 'opens the API endpoint to the internet of', nameFlags: ['--name'], when: (p) => said(p, ['--resources-vpc-config'], /endpointPublicAccess=true/i) && said(p, ['--resources-vpc-config'], /0\.0\.0\.0\/0|publicAccessCidrs=(?!.*\/\d)/i) },
  { id: 'aws-logs-retention-cut', path: ['logs', 'put-retention-policy'], kind: 'resource', noun: 'log group', verb: 'cuts retention of', nameFlags: ['--log-group-name'], when: (p) => below(p, ['--retention-in-days'], 30), note: SAFETY('log events older than the new retention are deleted') },
  { id: 'aws-sqs-retention-cut', path: ['sqs', 'set-queue-attributes'], kind: 'resource', noun: 'SQS queue', verb: 'cuts message retention of', nameFlags: ['--queue-url'], when: (p) => said(p, ['--attributes'], /MessageRetentionPeriod["']?\s*[=:]\s*["']?([0-9]{1,4}|[1-7][0-9]{4})\b(?!\d)/), note: SAFETY('messages older than the new period are deleted') },
  { id: 'aws-password-policy-weaken', path: ['iam', 'update-account-password-policy'], kind: 'credential', noun: 'account password policy', verb: 'weakens', namePositionals: 'none', defaultName: 'the account', when: (p) => below(p, ['--minimum-password-length'], 12) || hasFlag(p, ['--no-require-symbols', '--no-require-numbers', '--no-require-uppercase-characters']) },
  { id: 'aws-backup-plan-replace', path: ['backup', 'update-backup-plan'], kind: 'resource', noun: 'backup plan', verb: 'replaces every rule of', nameFlags: ['--backup-plan-id'], note: SAFETY('backups the old rules made stop being made') },
  { id: 'aws-dlm-disable', path: ['dlm', 'update-lifecycle-policy'], kind: 'resource', noun: 'snapshot lifecycle policy', verb: 'disables', nameFlags: ['--policy-id'], when: (p) => said(p, ['--state'], /^disabled$/i), note: SAFETY('scheduled snapshots stop') },
  { id: 'aws-object-lock-bypass', path: ['s3api', /^put-object-(retention|legal-hold)$/], kind: 'resource', noun: 'S3 object', verb: 'lifts the lock of', nameFlags: ['--key'], when: (p) => hasFlag(p, ['--bypass-governance-retention']) || said(p, ['--legal-hold'], /OFF/), note: SAFETY('the object can be deleted or overwritten') },
  // Round 8: the bucket's default retention replaced (an empty or shorter rule: new objects can be deleted or overwritten).
  { id: 'aws-object-lock-config', path: ['s3api', 'put-object-lock-configuration'], kind: 'bucket', noun: 'S3 bucket', verb: 'replaces the Object Lock default retention of', nameFlags: ['--bucket'], when: (p) => !said(p, ['--object-lock-configuration'], /"?Years"?\s*:\s*\d|"?Days"?\s*:\s*(\d{3,})/), note: SAFETY('new objects are no longer locked for as long (or at all): they can be deleted or overwritten') },
  { id: 'aws-ecr-mutable-tags', path: ['ecr', 'put-image-tag-mutability'], kind: 'resource', noun: 'ECR repository', verb: 'lets tags be overwritten in', nameFlags: ['--repository-name'], when: (p) => said(p, ['--image-tag-mutability'], /^mutable$/i), note: SAFETY('a deployed tag can be replaced by another image') },
  { id: 'aws-ecr-lifecycle-replace', path: ['ecr', 'put-lifecycle-policy'], kind: 'resource', noun: 'ECR repository', verb: 'replaces the expiry rules of', nameFlags: ['--repository-name'], note: () => ': whatever the new rules expire is deleted by AWS on its own' },
  { id: 'aws-domain-nameservers', path: ['route53domains', /^(update-domain-nameservers|transfer-domain-to-another-aws-account|update-domain-contact)$/], kind: 'resource', noun: 'domain', verb: 'hands control to other name servers or owners of', nameFlags: ['--domain-name'], note: () => ': every record of the domain is answered by whoever runs them' },
  { id: 'aws-kms-key-policy', path: ['kms', 'put-key-policy'], kind: 'credential', noun: 'KMS key', verb: 'replaces the key policy of', nameFlags: ['--key-id'], note: () => ': a policy that leaves out the account locks everyone out of the key and of every piece of data it encrypts' },
  { id: 'aws-lambda-environment-overwrite', path: ['lambda', 'update-function-configuration'], kind: 'service', noun: 'Lambda function', verb: 'replaces every environment variable of', nameFlags: ['--function-name'], when: (p) => values(p, ['--environment']).length > 0 },
  { id: 'aws-master-password', path: ['rds|docdb|neptune|redshift', /^modify-(db-instance|db-cluster|cluster)$/], kind: 'database', noun: 'database', verb: 'changes the master password of', nameFlags: ['--db-instance-identifier', '--db-cluster-identifier', '--cluster-identifier'], when: (p) => values(p, ['--master-user-password', '--master-user-secret-kms-key-id']).length > 0 || hasFlag(p, ['--manage-master-user-password', '--rotate-master-user-password']), note: () => ': every application signed in with the old one is locked out' },
  { id: 'aws-cloudformation-deploy', path: ['cloudformation', /^(deploy|update-stack|execute-change-set)$/], kind: 'service', noun: 'CloudFormation stack', verb: 'replaces the live resources of', nameFlags: ['--stack-name'], when: (p) => !hasFlag(p, ['--no-execute-changeset']), note: () => ': whatever the template no longer lists is deleted' },
];

const PUBLIC_GRANTEE = /\b(allUsers|AllUsers|allAuthenticatedUsers|AllAuthenticatedUsers)\b|^public-read(-write)?$/;
const named = (p: CliArgs): string[] => p.positionals.map((w) => w.text);

/** Options the gcloud rules below read, each taking a value. */
export const GCLOUD_SAFETY_OPTIONS: readonly string[] = ['--time', '--splits', '--lifecycle-file', '--image', '--source'];

export const GCLOUD_SAFETY_RULES: readonly CommandRule[] = [
  { id: 'gcloud-pubsub-seek-time', path: ['pubsub', 'subscriptions', 'seek'], kind: 'resource', noun: 'Pub/Sub subscription', verb: 'marks every message before the given time as delivered in', namePositionals: 'first', when: (p) => values(p, ['--time']).length > 0, note: () => ': messages not yet processed are never delivered' },
  { id: 'gcloud-app-traffic', path: ['app', 'services', 'set-traffic'], kind: 'service', noun: 'App Engine service', verb: 'moves live traffic of', namePositionals: 'first', when: (p) => values(p, ['--splits']).length > 0 },
  { id: 'gcloud-bucket-lifecycle', path: ['storage', 'buckets', 'update'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'turns off the protections of', namePositionals: 'first', when: (p) => hasFlag(p, ['--clear-soft-delete', '--no-versioning', '--clear-retention-period']), note: () => ': whatever the new rules expire is deleted by Google on its own' },
  // `gcloud config set auth/disable_ssl_validation true` (round 17): every later gcloud call, credentials included, accepts whichever server answers.
  { id: 'gcloud-tls-validation-off', path: ['config', 'set'], kind: 'resource', noun: 'gcloud setting', verb: 'turns off TLS certificate validation with', namePositionals: 'first', when: (p) => /^(auth\/)?disable_ssl_validation$/i.test(named(p)[2] ?? '') && /^(true|1|yes|on)$/i.test(named(p)[3] ?? ''), note: () => ': every later gcloud call, with its access token, accepts whichever server answers, so a machine in between reads and changes the project' },
  { id: 'gcloud-deploy-production', path: ['run|functions|app', 'deploy'], kind: 'service', noun: 'service', verb: 'replaces the live revision of', namePositionals: 'first', when: (p) => named(p).slice(2).some((n) => /(^|[-_.])(prod|production|live)([-_.]|$)/i.test(n)) },
];

export const GSUTIL_SAFETY_RULES: readonly CommandRule[] = [
  { id: 'gsutil-retention-clear', path: ['retention', 'clear'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'removes the retention policy of', nameFilter: /^gs:\/\//, note: SAFETY('objects can be deleted or overwritten before their retention ends') },
  { id: 'gsutil-public-acl', path: ['acl|defacl|iam', /^(ch|set)$/], kind: 'bucket', noun: 'Cloud Storage bucket or object', verb: 'makes readable by anyone on the internet', nameFilter: /^gs:\/\//, when: (p) => [...named(p), ...values(p, ['-u', '-g', '-p'])].some((v) => PUBLIC_GRANTEE.test(v)) },
];

/** Options the az rules below read, each taking a value. */
export const AZ_SAFETY_OPTIONS: readonly string[] = ['--enable', '--weekly-retention', '--monthly-retention', '--yearly-retention', '--days-retained', '--retention-days'];

export const AZ_SAFETY_RULES: readonly CommandRule[] = [
  { id: 'az-soft-delete-off', path: ['storage', /^(blob|fs|file|account)$/, 'service-properties', 'delete-policy', 'update'], kind: 'bucket', noun: 'storage account', verb: 'turns off soft delete of', nameFlags: ['--account-name'], when: (p) => said(p, ['--enable'], /^false$/i), note: SAFETY('deleted blobs can no longer be brought back') },
  { id: 'az-soft-delete-off-blob', path: ['storage', 'blob', 'service-properties', 'update'], kind: 'bucket', noun: 'storage account', verb: 'turns off soft delete or versioning of', nameFlags: ['--account-name'], when: (p) => said(p, ['--enable-delete-retention', '--enable-versioning', '--enable-container-delete-retention'], /^false$/i), note: SAFETY('deleted blobs can no longer be brought back') },
  { id: 'az-sql-retention-zero', path: ['sql', /^(db|mi)$/, /^(ltr-policy|str-policy)$/, 'set'], kind: 'database', noun: 'Azure SQL database', verb: 'cuts backup retention of', nameFlags: ['--name', '-n'], when: (p) => said(p, ['--weekly-retention', '--monthly-retention', '--yearly-retention'], /^P0[DWMY]$/i) || said(p, ['--retention-days', '--days-retained'], /^[0-6]$/), note: SAFETY('long-term backups older than the new retention are deleted') },
  { id: 'az-app-stop', path: ['webapp|functionapp|containerapp|spring', /^(stop|deactivate-revision)$/], kind: 'service', noun: 'app', verb: 'stops', nameFlags: ['--name', '-n'], note: () => ': every request to it fails until it is started again' },
];
