import type { Finding, Invocation, RulePack, RuleContext, TargetKind } from '../policy/types';
import { flagValues, hasFlag, type ParsedArgs } from './cliArgs';
import { checkCli, type ToolSpec } from './cliCommands';
import { isLocalUrl, parseRequestUrl } from './httpTargets';

/**
 * Cloud CLIs: aws, gcloud, gsutil, az, azcopy, doctl. Deleting, terminating or purging a cloud
 * resource asks; read-only commands whose profile/project names production are marked production.
 * `--region` is never an environment. Every target is remote unless the CLI is pointed at a local
 * emulator (--endpoint-url http://localhost:4566), which is routine development and allowed.
 */

const S3_URL = /^s3:\/\/./i;
const GS_URL = /^gs:\/\/./i;

function anyFlag(...names: string[]): (p: ParsedArgs) => boolean {
  return (p) => hasFlag(p, names);
}

function recursiveNote(...names: string[]): (p: ParsedArgs) => string | undefined {
  return (p) => (hasFlag(p, names) ? ', recursively (every object under it)' : undefined);
}

const AWS_SERVICE_KINDS: Readonly<Record<string, TargetKind>> = {
  s3api: 'bucket', s3control: 'bucket', rds: 'database', dynamodb: 'table', cloudformation: 'stack',
  eks: 'cluster', ecr: 'repository', 'ecr-public': 'repository', codecommit: 'repository',
  secretsmanager: 'credential', iam: 'credential', kms: 'credential', ssm: 'credential',
  lambda: 'service', ecs: 'service', apprunner: 'service', amplify: 'app', elasticbeanstalk: 'app',
  efs: 'volume', elasticache: 'database', redshift: 'database', docdb: 'database', neptune: 'database',
  opensearch: 'database', es: 'database', memorydb: 'database', timestream: 'database',
};

/** `aws rds delete-db-instance` -> database 'db instance'; `aws ec2 delete-volume` -> volume. */
function describeAwsOperation(words: readonly string[]): { kind: TargetKind; noun: string } {
  const service = words[0] ?? '';
  const op = words[words.length - 1] ?? '';
  const noun = op.replace(/^(batch-)?(delete|terminate|remove|purge|deregister)-/, '').replace(/-/g, ' ');
  let kind = AWS_SERVICE_KINDS[service] ?? 'resource';
  if (/(^|-)volumes?$/.test(op)) kind = 'volume';
  if (/(^|-)(db-)?clusters?$/.test(op) && kind === 'resource') kind = 'cluster';
  if (/(^|-)(table)s?$/.test(op)) kind = 'table';
  if (/(^|-)bucket$/.test(op)) kind = 'bucket';
  return { kind, noun };
}

function s3Bucket(url: string): string {
  return url.replace(/^s3:\/\//i, '').split('/')[0] ?? url;
}

const aws: ToolSpec = {
  names: ['aws'],
  provider: 'aws',
  label: 'AWS',
  grammar: {
    valueFlags: new Set(),
    // Global options before the operation and the s3 file commands take one value each; API
    // operations take lists (`--instance-ids i-1 i-2`).
    longFlagsTakeLists: (seen) => seen.length >= 2 && seen[0]?.text !== 's3',
    switches: new Set([
      '--recursive', '--force', '--skip-final-snapshot', '--no-skip-final-snapshot', '--delete-automated-backups',
      '--dry-run', '--no-dry-run', '--dryrun', '--debug', '--no-verify-ssl', '--no-paginate', '--no-cli-pager',
      '--no-sign-request', '--quiet', '--delete', '--only-show-errors', '--exact-timestamps', '--follow-symlinks',
      '--no-follow-symlinks', '--force-delete-without-recovery', '--no-progress', '--human-readable', '--summarize',
      '--bypass-governance-retention', '--cli-auto-prompt', '--no-cli-auto-prompt', '--size-only', '--help',
    ]),
  },
  environmentFlags: ['--profile'],
  environmentVariables: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
  scopeKind: 'resource',
  rules: [
    {
      id: 'aws-s3-rb', path: ['s3', 'rb'], kind: 'bucket', noun: 'S3 bucket', verb: 'deletes', nameFilter: S3_URL,
      note: (p) => (hasFlag(p, ['--force']) ? ' and every object in it' : undefined),
    },
    {
      id: 'aws-s3-rm', path: ['s3', 'rm'], kind: 'resource', noun: 'S3 objects', verb: 'deletes', nameFilter: S3_URL,
      note: recursiveNote('--recursive'),
    },
    {
      id: 'aws-s3-sync-delete', path: ['s3', 'sync'], kind: 'bucket', noun: 'sync destination', namePositionals: 'last',
      verb: 'deletes every file missing from the source in', when: anyFlag('--delete'),
      local: (p) => !S3_URL.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
    {
      id: 'aws-s3api-delete-object', path: ['s3api', /^delete-objects?$/], kind: 'resource', noun: 'S3 objects in bucket',
      verb: 'deletes',
      names: (p) => {
        const bucket = flagValues(p, ['--bucket'])[0] ?? '(bucket not named)';
        const keys = flagValues(p, ['--key']);
        return keys.length > 0 ? keys.map((k) => `${bucket}/${k}`) : [bucket];
      },
    },
    {
      id: 'aws-rds-delete', path: ['rds', /^delete-db-(instance|cluster)$/], kind: 'database', noun: 'RDS database',
      verb: 'deletes', nameFlags: ['--db-instance-identifier', '--db-cluster-identifier'],
      note: (p) => {
        const parts: string[] = [];
        if (hasFlag(p, ['--skip-final-snapshot'])) parts.push(' without a final snapshot');
        if (hasFlag(p, ['--delete-automated-backups'])) parts.push(' and its automated backups');
        return parts.join('');
      },
    },
    {
      id: 'aws-kms-schedule-key-deletion', path: ['kms', 'schedule-key-deletion'], kind: 'credential', noun: 'KMS key',
      verb: 'schedules the deletion of', nameFlags: ['--key-id'],
      note: () => ': data encrypted with it becomes unreadable',
    },
    {
      id: 'aws-secretsmanager-delete-secret', path: ['secretsmanager', 'delete-secret'], kind: 'credential', noun: 'secret',
      verb: 'deletes', nameFlags: ['--secret-id'],
      note: (p) => (hasFlag(p, ['--force-delete-without-recovery']) ? ' with no recovery window' : undefined),
    },
    {
      id: 'aws-sqs-purge-queue', path: ['sqs', 'purge-queue'], kind: 'resource', noun: 'SQS queue', verb: 'purges every message in',
      nameFlags: ['--queue-url'],
    },
  ],
  generic: {
    id: 'aws-delete-operation',
    verbs: /^(batch-delete|delete|terminate|remove|deregister)-[a-z0-9-]+$/,
    maxDepth: 1,
    nameFlagPattern: /^--(?!.*(final|kms|snapshot-identifier$|region))([a-z0-9-]*-)?(name|names|id|ids|identifier|arn|arns|bucket|url)$/,
    describe: describeAwsOperation,
  },
  local: (p) => flagValues(p, ['--endpoint-url']).some((u) => {
    const url = parseRequestUrl(u);
    return url !== undefined && isLocalUrl(url);
  }),
  inert: anyFlag('--dry-run', '--dryrun'),
  contextHints: (inv) => inv.args.map((w) => w.text).filter((t) => S3_URL.test(t)).map((t) => ({ source: 'bucket', value: s3Bucket(t) })),
};

const gcloud: ToolSpec = {
  names: ['gcloud'],
  provider: 'gcp',
  label: 'Google Cloud',
  grammar: {
    valueFlags: new Set([
      '--project', '--account', '--configuration', '--format', '--verbosity', '--zone', '--region', '--instance',
      '--cluster', '--location', '--filter', '--impersonate-service-account', '--billing-project', '--flags-file',
      '--database', '--keyring', '--key', '--version', '--service', '--limit', '--sort-by', '--page-size',
    ]),
  },
  skipLeading: ['alpha', 'beta', 'preview'],
  environmentFlags: ['--project', '--configuration'],
  environmentVariables: ['CLOUDSDK_CORE_PROJECT', 'CLOUDSDK_ACTIVE_CONFIG_NAME', 'GOOGLE_CLOUD_PROJECT'],
  scopeFlags: ['--project'],
  scopeKind: 'project',
  rules: [
    {
      id: 'gcloud-storage-rm', path: ['storage', 'rm'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'deletes',
      nameFilter: GS_URL, note: recursiveNote('-r', '-R', '--recursive'),
    },
    {
      id: 'gcloud-storage-rsync-delete', path: ['storage', 'rsync'], kind: 'bucket', noun: 'sync destination',
      verb: 'deletes every object missing from the source in', namePositionals: 'last',
      when: anyFlag('--delete-unmatched-destination-objects'),
      local: (p) => !GS_URL.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
    { id: 'gcloud-storage-buckets-delete', path: ['storage', 'buckets', 'delete'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'deletes' },
    { id: 'gcloud-projects-delete', path: ['projects', 'delete'], kind: 'project', noun: 'project', verb: 'deletes' },
    { id: 'gcloud-sql-instances-delete', path: ['sql', 'instances', 'delete'], kind: 'database', noun: 'Cloud SQL instance', verb: 'deletes' },
    { id: 'gcloud-sql-databases-delete', path: ['sql', 'databases', 'delete'], kind: 'database', noun: 'Cloud SQL database', verb: 'deletes' },
    { id: 'gcloud-container-clusters-delete', path: ['container', 'clusters', 'delete'], kind: 'cluster', noun: 'GKE cluster', verb: 'deletes' },
  ],
  generic: { id: 'gcloud-delete', verbs: /^(delete|destroy)$/, maxDepth: 4, exclude: ['config', 'auth', 'components', 'emulators'] },
};

const gsutil: ToolSpec = {
  names: ['gsutil'],
  provider: 'gcp',
  label: 'Google Cloud',
  grammar: { valueFlags: new Set(['-o', '-h', '-u', '-x', '-j', '-p']) },
  environmentFlags: ['-u'],
  environmentVariables: ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT'],
  rules: [
    {
      id: 'gsutil-rm', path: ['rm'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'deletes', nameFilter: GS_URL,
      note: recursiveNote('-r', '-R', '-a'),
    },
    { id: 'gsutil-rb', path: ['rb'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'deletes', nameFilter: GS_URL },
    {
      id: 'gsutil-rsync-delete', path: ['rsync'], kind: 'bucket', noun: 'sync destination', namePositionals: 'last',
      verb: 'deletes every object missing from the source in',
      when: (p) => hasFlag(p, ['-d']) && !hasFlag(p, ['-n']),
      local: (p) => !GS_URL.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
  ],
  contextHints: (inv) =>
    inv.args.map((w) => w.text).filter((t) => GS_URL.test(t)).map((t) => ({ source: 'bucket', value: t.slice(5).split('/')[0] ?? t })),
};

const az: ToolSpec = {
  names: ['az'],
  provider: 'azure',
  label: 'Azure',
  grammar: {
    valueFlags: new Set([
      '--name', '-n', '--resource-group', '-g', '--subscription', '--output', '-o', '--query', '--account-name',
      '--account-key', '--connection-string', '--sas-token', '--container-name', '-c', '--source', '-s',
      '--destination', '-d', '--pattern', '--mode', '--template-file', '-f', '--parameters', '-p', '--location', '-l',
      '--server', '--vault-name', '--workspace-name', '--cluster-name', '--ids', '--database-name',
      '--service-name', '--template-uri', '--resource-type', '--namespace', '--share-name',
    ]),
  },
  environmentFlags: ['--subscription', '--resource-group', '-g'],
  environmentVariables: ['AZURE_SUBSCRIPTION_ID'],
  scopeFlags: ['--resource-group', '-g'],
  scopeKind: 'resource',
  rules: [
    {
      id: 'az-group-delete', path: ['group', 'delete'], kind: 'resource', noun: 'resource group and everything in it',
      verb: 'deletes', nameFlags: ['--name', '-n', '--resource-group', '-g'],
    },
    {
      id: 'az-deployment-complete-mode', path: ['deployment', 'group', 'create'], kind: 'resource', noun: 'resource group',
      verb: 'deletes every resource missing from the template in', nameFlags: ['--resource-group', '-g'],
      when: (p) => flagValues(p, ['--mode']).some((m) => m.toLowerCase() === 'complete'),
    },
    {
      id: 'az-keyvault-purge', path: ['keyvault', 'purge'], kind: 'credential', noun: 'key vault', verb: 'permanently purges',
      nameFlags: ['--name', '-n'],
    },
    {
      id: 'az-storage-delete-batch', path: ['storage', /^(blob|file)$/, 'delete-batch'], kind: 'bucket', noun: 'storage container',
      verb: 'deletes many blobs in', nameFlags: ['--source', '-s'],
    },
  ],
  generic: {
    id: 'az-delete', verbs: /^(delete|delete-batch|purge)$/, maxDepth: 4, exclude: ['extension', 'config', 'cache', 'cloud'],
    nameFlags: ['--name', '-n', '--ids', '--container-name', '-c', '--share-name'],
  },
};

const azcopy: ToolSpec = {
  names: ['azcopy'],
  provider: 'azure',
  label: 'Azure',
  grammar: { valueFlags: new Set(['--delete-destination', '--include-pattern', '--exclude-pattern', '--log-level', '--from-to']) },
  environmentFlags: [],
  rules: [
    { id: 'azcopy-remove', path: ['remove|rm'], kind: 'resource', noun: 'storage objects', verb: 'deletes', namePositionals: 'all', note: recursiveNote('--recursive') },
    {
      id: 'azcopy-sync-delete', path: ['sync'], kind: 'bucket', noun: 'sync destination', namePositionals: 'last',
      verb: 'deletes every file missing from the source in',
      when: (p) => flagValues(p, ['--delete-destination']).some((v) => /^(true|prompt)$/i.test(v)),
      local: (p) => !/^https?:\/\//i.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
  ],
};

const doctl: ToolSpec = {
  names: ['doctl'],
  provider: 'digitalocean',
  label: 'DigitalOcean',
  grammar: {
    valueFlags: new Set(['--context', '--access-token', '-t', '--output', '-o', '--format', '--api-url', '-u', '--config', '-c', '--region', '--tag-name', '--project-id']),
  },
  environmentFlags: ['--context'],
  environmentVariables: ['DIGITALOCEAN_CONTEXT'],
  rules: [],
  generic: { id: 'doctl-delete', verbs: /^(delete|rm|del|delete-[a-z-]+)$/, maxDepth: 4, exclude: ['auth'] },
};

export const CLOUD_TOOLS: readonly ToolSpec[] = [aws, gcloud, gsutil, az, azcopy, doctl];

const BY_NAME = new Map<string, ToolSpec>(CLOUD_TOOLS.flatMap((t) => t.names.map((n) => [n, t] as const)));

export const cloudPack: RulePack = {
  id: 'cloud',
  title: 'Cloud CLIs (aws, gcloud, gsutil, az, azcopy, doctl)',
  commands: [...BY_NAME.keys()],
  checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
    const spec = BY_NAME.get(inv.name);
    return spec ? checkCli('cloud', spec, inv, ctx) : [];
  },
};
