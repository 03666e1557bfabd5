import { ownTable } from '../../ownTable';
import type { TargetKind } from '../../policy/types';
import { isLocalUrl, parseRequestUrl } from '../../rules/support/httpTargets';
import { flagValues, hasFlag } from '../args';
import type { CliArgs, CommandRule, CommandSpec, ToolArgs, ToolSpec } from '../types';
import { destroyingJobName } from '../namedJobs';
import { flag } from './options';
import { AWS_OVERWRITE_RULES } from './cloudOverwrites';
import { AWS_SAFETY_RULES } from './cloudSafetyNets';
import { AWS_OUTAGE_RULES } from './cloudOutages';
import { AWS_ACCESS_RULES } from './cloudAccess';
import { ecsExecuteCommand } from './remoteShells';
import { AWS_HANDOVER_RULES, ssmStartSession } from './cloudHandovers';
import { AWS_SERVING_FLAGS, AWS_SERVING_RULES } from './cloudServing';
import { AWS_CONTROL_RULES } from './controlPlane';

/**
 * The AWS CLI: `aws [global options] <service> <operation> [--parameter value…]`. Global options and
 * the s3 file commands take one value each; API operations take lists (`--instance-ids i-1 i-2`).
 * `ssm send-command` runs shell commands on instances.
 */

const S3_URL = /^s3:\/\/./i;

const AWS_SERVICE_KINDS: Readonly<Record<string, TargetKind>> = ownTable({
  s3api: 'bucket', s3control: 'bucket', rds: 'database', dynamodb: 'table', cloudformation: 'stack',
  eks: 'cluster', ecr: 'repository', 'ecr-public': 'repository', codecommit: 'repository',
  secretsmanager: 'credential', iam: 'credential', kms: 'credential', ssm: 'credential',
  lambda: 'service', ecs: 'service', apprunner: 'service', amplify: 'app', elasticbeanstalk: 'app',
  efs: 'volume', elasticache: 'database', redshift: 'database', docdb: 'database', neptune: 'database',
  opensearch: 'database', es: 'database', memorydb: 'database', timestream: 'database',
});

/** `aws rds delete-db-instance` -> database 'db instance'; `aws ec2 delete-volume` -> volume. */
function describeAwsOperation(words: readonly string[]): { kind: TargetKind; noun: string } {
  const service = words[0] ?? '';
  const op = words[words.length - 1] ?? '';
  const noun = op.replace(/^(batch-|admin-)?(delete|terminate|remove|purge|deregister|close|release|deactivate|disable|detach|decrease|reboot|reset)-/, '').replace(/-/g, ' ');
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

function anyFlag(...names: string[]): (p: CliArgs) => boolean {
  return (p) => hasFlag(p, names);
}

/**
 * The `commands` of `aws ssm send-command --parameters`, from the JSON form (`{"commands":["a","b"]}`)
 * or the shorthand (`commands=["a","b"]`, `commands=a`). Undefined when they cannot be read here.
 */
export function ssmCommands(text: string): string[] | undefined {
  const t = text.trim();
  if (t.startsWith('file://')) return undefined;
  let value: unknown;
  if (t.startsWith('{')) {
    try {
      value = (JSON.parse(t) as Record<string, unknown>).commands;
    } catch {
      return undefined;
    }
  } else {
    const m = /(?:^|,)\s*commands\s*=\s*(.*)$/s.exec(t);
    if (!m) return undefined;
    const rest = m[1]!.trim();
    if (rest.startsWith('[')) {
      try {
        value = JSON.parse(rest);
      } catch {
        return undefined;
      }
    } else value = [rest];
  }
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** API operations: every long option not known as a switch takes the words up to the next option. */
const operation: CommandSpec = { unknownLong: 'list' };

const sendCommand: CommandSpec = {
  unknownLong: 'list',
  effect: 'exec',
  runsElsewhere: {
    command: { text: 'option', option: '--parameters', decode: ssmCommands, undecodable: 'aws ssm send-command runs commands that cannot be read from its --parameters' },
    label: () => 'aws ssm send-command',
    place: (a: ToolArgs) => {
      const instances = a.value('--instance-ids');
      const targets = a.value('--targets');
      const profile = a.value('--profile');
      const names = [
        ...(profile !== undefined ? [{ source: '--profile', value: profile }] : []),
        ...(instances !== undefined ? [{ source: '--instance-ids', value: instances }] : []),
        ...(targets !== undefined ? [{ source: '--targets', value: targets }] : []),
      ];
      return { place: `ssm ${instances ?? targets ?? 'instances'}`, provider: 'aws', names };
    },
  },
};

/** An API operation that runs the statement in `option` on `--database` of the cluster the `places` options name. */
function dataApi(option: string, places: readonly string[]): CommandSpec {
  return {
    ...operation,
    sql: {
      engine: 'database',
      statementOptions: [option],
      database: (a) => a.value('--database') ?? places.map((o) => a.value(o)).find((v) => v !== undefined),
      environmentHints: (a) => places.flatMap((o) => { const v = a.value(o); return v !== undefined ? [{ source: o, value: v }] : []; }),
    },
  };
}

export const aws: ToolSpec = {
  names: ['aws'],
  family: 'cloud',
  locality: 'remote',
  provider: 'aws',
  label: 'AWS',
  unknownLong: 'one',
  // Switches; every other option takes a value (one globally and for s3, a list for API operations).
  options: [
    '--recursive', '--force', '--skip-final-snapshot', '--no-skip-final-snapshot', '--delete-automated-backups',
    '--dry-run', '--no-dry-run', '--dryrun', '--debug', '--no-verify-ssl', '--no-paginate', '--no-cli-pager',
    '--no-sign-request', '--quiet', '--delete', '--only-show-errors', '--exact-timestamps', '--follow-symlinks',
    '--no-follow-symlinks', '--force-delete-without-recovery', '--no-progress', '--human-readable', '--summarize',
    '--bypass-governance-retention', '--no-enable', '--no-multi-az', '--no-automatic-failover-enabled', '--no-multi-az-enabled', '--terminate-instances', '--delete-replaced-root-volume', '--cli-auto-prompt', '--no-cli-auto-prompt', '--size-only', '--help', '--generate-cli-skeleton', '--with-decryption',
    ...AWS_SERVING_FLAGS,
  ].map((n) => flag(n)),
  commands: {
    s3: { unknownLong: 'one' },
    ssm: { commands: { 'send-command': sendCommand, 'start-session': ssmStartSession, '*': operation } },
    // SQL (PartiQL for DynamoDB) sent through the Data APIs: judged like any SQL client's statements.
    'rds-data': { commands: { 'execute-statement': dataApi('--sql', ['--resource-arn']), 'batch-execute-statement': dataApi('--sql', ['--resource-arn']), '*': operation } },
    'redshift-data': { commands: { 'execute-statement': dataApi('--sql', ['--cluster-identifier', '--workgroup-name']), 'batch-execute-statement': dataApi('--sqls', ['--cluster-identifier', '--workgroup-name']), '*': operation } },
    // PartiQL: one statement, a batch or a transaction (`--statements`/`--transact-statements` hold `[{"Statement": "…"}]`).
    dynamodb: { commands: { 'execute-statement': dataApi('--statement', []), 'batch-execute-statement': dataApi('--statements', []), 'execute-transaction': dataApi('--transact-statements', []), '*': operation } },
    // Athena runs SQL (DDL included: `DROP TABLE` deletes a table's definition, and for Iceberg tables its data).
    athena: { commands: { 'start-query-execution': dataApi('--query-string', ['--work-group', '--query-execution-context']), '*': operation } },
    ecs: { commands: { 'execute-command': ecsExecuteCommand, '*': operation } },
    '*': { commands: { '*': operation } },
  },
  dryRun: ['--dry-run', '--dryrun'],
  // `aws s3 rm help` prints the command's manual page.
  // `--generate-cli-skeleton [input|output]` prints a JSON template of the parameters and calls nothing.
  help: { options: ['--help', '--generate-cli-skeleton'], word: 'last' },
  environmentFlags: ['--profile'],
  environmentVariables: ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'],
  scopeKind: 'resource',
  rules: [
    ...AWS_OVERWRITE_RULES,
    ...AWS_SAFETY_RULES,
    ...AWS_OUTAGE_RULES,
    ...AWS_ACCESS_RULES,
    ...AWS_HANDOVER_RULES,
    ...AWS_SERVING_RULES,
    ...AWS_CONTROL_RULES,
    // Round 7 (issue #18): a job started by a name that says it destroys (`prod-purge-all`, `TeardownProd`), and a shell opened on an instance.
    ...[
      ['lambda', 'invoke|invoke-async|invoke-with-response-stream', '--function-name', 'Lambda function'],
      ['stepfunctions', 'start-execution|start-sync-execution', '--state-machine-arn', 'state machine'],
      ['batch', 'submit-job', '--job-definition', 'Batch job'],
      ['ecs', 'run-task', '--task-definition', 'ECS task'],
      ['glue', 'start-job-run', '--job-name', 'Glue job'],
      ['codebuild', 'start-build', '--project-name', 'CodeBuild project'],
      ['ssm', 'start-automation-execution', '--document-name', 'automation'],
    ].map(([service, verbs, option, noun]): CommandRule => ({
      id: `aws-${service}-destroying-job`, path: [service!, verbs!], kind: 'service', noun: noun!, verb: 'starts', nameFlags: [option!], namePositionals: 'none',
      when: (p) => flagValues(p, [option!]).some((v) => destroyingJobName(v) !== undefined),
      note: (p) => `, whose name says it will ${destroyingJobName(flagValues(p, [option!])[0] ?? '') ?? 'destroy'}: what it does runs there, unread by the guard`,
    })),
    // Stop 33 (red team round 18): a state machine or build whose name says it deploys to production (`deploy-prod`): its steps deploy with its role, unread by the guard.
    ...[['stepfunctions', 'start-execution|start-sync-execution', '--state-machine-arn', 'state machine'], ['codebuild', 'start-build', '--project-name', 'CodeBuild project'], ['codepipeline', 'start-pipeline-execution', '--name', 'pipeline']].map(([service, verbs, option, noun]): CommandRule => ({
      id: `aws-${service}-deploying-job`, path: [service!, verbs!], kind: 'service', noun: noun!, verb: 'starts', nameFlags: [option!], namePositionals: 'none', productionOnly: true,
      when: (p) => flagValues(p, [option!]).some((v) => /deploy|release|publish|rollout|promote/i.test(v.split(':').pop() ?? v)),
      note: () => ', whose name says it deploys: its steps replace what serves with its role\'s credentials, unread by the guard',
    })),
    { id: 'aws-ssm-session', path: ['ssm', 'start-session'], kind: 'resource', noun: 'instance', verb: 'opens an interactive shell on', nameFlags: ['--target'], when: (p) => !flagValues(p, ['--document-name']).some((d) => /PortForwarding/i.test(d) || (/^AWS-StartInteractiveCommand$/i.test(d) && flagValues(p, ['--parameters']).some((v) => v.startsWith('command=')))), note: () => ': what is typed there is never seen by the guard' },
    // Round 5 (issue #18): live code, messages that reach people, a console password.
    { id: 'aws-lambda-update-code', path: ['lambda', 'update-function-code'], kind: 'service', noun: 'Lambda function', verb: 'replaces the live code of', nameFlags: ['--function-name'], when: (p) => !hasFlag(p, ['--dry-run']) },
    { id: 'aws-ses-send', path: ['ses|sesv2', /^send-(email|raw-email|templated-email|bulk-templated-email|bulk-email)$/], kind: 'resource', noun: 'email recipient', verb: 'sends an email, which cannot be called back, to', namePositionals: 'none', nameFlags: ['--to', '--destination', '--destinations'], defaultName: 'its recipients' },
    { id: 'aws-sns-publish', path: ['sns', 'publish|publish-batch'], kind: 'resource', noun: 'SNS topic', verb: 'sends a message, which cannot be called back, to every subscriber of', nameFlags: ['--topic-arn', '--target-arn', '--phone-number'] },
    { id: 'aws-iam-login-profile', path: ['iam', 'update-login-profile|create-login-profile'], kind: 'credential', noun: 'IAM user console password', verb: 'sets', nameFlags: ['--user-name'] },
    {
      id: 'aws-s3-rb', path: ['s3', 'rb'], kind: 'bucket', noun: 'S3 bucket', verb: 'deletes', nameFilter: S3_URL,
      note: (p) => (hasFlag(p, ['--force']) ? ' and every object in it' : undefined),
    },
    {
      id: 'aws-s3-rm', path: ['s3', 'rm'], kind: 'resource', noun: 'S3 objects', verb: 'deletes', nameFilter: S3_URL,
      note: (p) => (hasFlag(p, ['--recursive']) ? ', recursively (every object under it)' : undefined),
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
      id: 'aws-kms-disable-key', path: ['kms', 'disable-key'], kind: 'credential', noun: 'KMS key', verb: 'disables', nameFlags: ['--key-id'],
      note: () => ': nothing encrypted with it can be read until it is enabled again',
    },
    {
      id: 'aws-organizations-leave', path: ['organizations', 'leave-organization'], kind: 'resource', noun: 'AWS organization',
      verb: 'takes this account out of', defaultName: 'the organization of this account', note: () => ': its policies, consolidated billing and the access the organization grants stop',
    },
    {
      id: 'aws-rds-stop', path: ['rds', /^stop-db-(instance|cluster)$/], kind: 'database', noun: 'RDS database', verb: 'stops',
      nameFlags: ['--db-instance-identifier', '--db-cluster-identifier'], note: () => ': every application using it loses its database until it is started again',
    },
    {
      id: 'aws-secretsmanager-delete-secret', path: ['secretsmanager', 'delete-secret'], kind: 'credential', noun: 'secret',
      verb: 'deletes', nameFlags: ['--secret-id'],
      note: (p) => (hasFlag(p, ['--force-delete-without-recovery']) ? ' with no recovery window' : undefined),
    },
    // A secret or parameter given a new value: applications read the new one at once, and the one they worked with is no longer current.
    {
      id: 'aws-secretsmanager-overwrite', path: ['secretsmanager', 'put-secret-value|update-secret'], kind: 'credential', noun: 'secret',
      verb: 'overwrites the current value of', nameFlags: ['--secret-id'],
      when: (p) => p.positionals[1]?.text === 'put-secret-value' || flagValues(p, ['--secret-string', '--secret-binary']).length > 0,
    },
    {
      id: 'aws-ssm-parameter-overwrite', path: ['ssm', 'put-parameter'], kind: 'credential', noun: 'parameter', verb: 'overwrites',
      nameFlags: ['--name'], when: (p) => hasFlag(p, ['--overwrite']),
    },
    {
      id: 'aws-sqs-purge-queue', path: ['sqs', 'purge-queue'], kind: 'resource', noun: 'SQS queue', verb: 'purges every message in',
      nameFlags: ['--queue-url'],
    },
  ],
  generic: {
    id: 'aws-delete-operation',
    // Round 6: closing, releasing, deactivating, disabling, detaching, decreasing and rebooting lose as much.
    verbs: /^(batch-delete|delete|terminate|remove|deregister|close|release|deactivate|disable|detach|decrease|reboot|admin-delete|admin-disable|admin-reset)-[a-z0-9-]+$/,
    maxDepth: 1,
    nameFlagPattern: /^--(?!.*(final|kms|snapshot-identifier$|region))([a-z0-9-]*-)?(name|names|id|ids|identifier|arn|arns|bucket|url)$/,
    describe: describeAwsOperation,
  },
  local: (p) => flagValues(p, ['--endpoint-url']).some((u) => {
    const url = parseRequestUrl(u);
    return url !== undefined && isLocalUrl(url);
  }),
  // A bucket, a table or a queue removed whole, or every object under a prefix, on a local emulator (MinIO, LocalStack); one object or item stays routine.
  emulatorAsks: (p) => {
    const [service = '', operation = ''] = p.positionals.map((w) => w.text);
    if (service === 's3') return operation === 'rb' || (operation === 'rm' && hasFlag(p, ['--recursive']));
    return /^(delete|purge|drop)-(bucket|table|queue|stream|topic|cluster|db-(instance|cluster)|domain|collection|index|repository|file-system|keyspace|namespace|database)$/.test(operation);
  },
  contextHints: (inv) => inv.args.map((w) => w.text).filter((t) => S3_URL.test(t)).map((t) => ({ source: 'bucket', value: s3Bucket(t) })),
};
