import { flagValues, hasFlag } from '../args';
import type { CliArgs, CommandRule } from '../types';

/**
 * Cloud changes that take a service down, weaken a safety net or replace what serves traffic without a
 * delete verb (issue #18, round 8): security-group rules revoked, listeners answering a fixed response,
 * a live alias or image re-pointed, a database resized now, audit event selectors emptied, access keys
 * and certificate authorities disabled, e-mail sending switched off, public addresses taken off,
 * retention cut, networks opened, queues cleared, node pools and backends emptied, slots swapped. Each
 * reason names the protection or capacity that is lost. Rules that replace what serves traffic are
 * `productionOnly`: a target named as not production (`--name staging`) stays allowed. Spliced into the
 * aws, gcloud and az rule tables.
 */

const values = (p: CliArgs, names: readonly string[]): string[] => flagValues(p, names);
const said = (p: CliArgs, names: readonly string[], re: RegExp): boolean => values(p, names).some((v) => re.test(v));
const given = (p: CliArgs, names: readonly string[]): boolean => values(p, names).length > 0 || hasFlag(p, names);
const lost = (what: string) => (): string => `: ${what}`;
const SAFETY = (what: string) => (): string => `: a safety net is removed — ${what}`;
const TRUE = /^(true|yes|1|enabled?)$/i;
const FALSE = /^(false|no|0|disabled?)$/i;

/** A schedule that runs at most once every 30 days: `rate(365 days)`, `rate(720 hours)`. */
function rareSchedule(p: CliArgs): boolean {
  return values(p, ['--schedule-expression']).some((v) => {
    // `cron(min hour day-of-month month day-of-week year)` with one or two months named runs at most twice a year.
    const cron = /^cron\(\s*(\S+\s+){3}(\S+)\s+\S+(\s+\S+)?\s*\)$/i.exec(v.trim());
    if (cron !== null) return /^\d+(,\d+)?$/.test(cron[2] ?? '');
    const m = /^rate\(\s*(\d+)\s+(minute|hour|day)s?\s*\)$/i.exec(v.trim());
    if (m === null) return false;
    const n = Number(m[1]);
    const unit = (m[2] ?? '').toLowerCase();
    return unit === 'day' ? n >= 30 : unit === 'hour' ? n >= 720 : n >= 43200;
  });
}

/** The web-serving ports (80, 443) a port value or range covers: `443`, `80-443`, `0-65535`. */
function coversWebPort(v: string): boolean {
  const m = /^(-?\d+)(?:-(\d+))?$/.exec(v.trim());
  if (m === null) return false;
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  return lo < 0 || [80, 443].some((port) => lo <= port && port <= hi);
}

/**
 * A revoked rule whose loss cuts traffic a service serves: web ports (80, 443) or every protocol, or
 * a rule that lets another security group (a load balancer's, an app tier's) in. Closing a database or
 * admin port to the world (`--port 5432 --cidr 0.0.0.0/0`) tightens exposure and stays allowed.
 */
function revokesServedTraffic(p: CliArgs): boolean {
  if (said(p, ['--protocol'], /^(-1|all)$/i) || given(p, ['--source-group'])) return true;
  if (values(p, ['--port']).some(coversWebPort)) return true;
  return values(p, ['--ip-permissions']).some((perm) => {
    if (/IpProtocol["']?\s*[=:]\s*["']?-1\b|UserIdGroupPairs|GroupId["']?\s*[=:]/i.test(perm)) return true;
    const from = /FromPort["']?\s*[=:]\s*(-?\d+)/i.exec(perm);
    const to = /ToPort["']?\s*[=:]\s*(-?\d+)/i.exec(perm);
    return from !== null && coversWebPort(`${from[1]}-${to?.[1] ?? from[1]}`);
  }) || values(p, ['--security-group-rule-ids']).length > 0;
}

/** A CDN path list that covers the whole site: `/*`, `*`, `/` with a wildcard (round 17: a purge of everything). */
const EVERY_PATH = /^["']?\/?\*["']?$/;
const CDN_ALL_NOTE = lost('every cached page and file is dropped at once, so the origin takes the whole traffic until the cache fills again (slow pages, or an outage for an origin sized for the cache)');
/** `--paths '/*'` (several values may follow the option as operands), or a batch whose items hold `/*`. */
const purgesEverything = (p: CliArgs, names: readonly string[]): boolean =>
  said(p, names, EVERY_PATH) || (given(p, names) && p.positionals.some((w) => EVERY_PATH.test(w.text))) || said(p, ['--invalidation-batch'], /Items=\[?["']?\/\*|"\/\*"/);

/** AWS switches the rules below read (every other AWS option takes a value). */
export const AWS_SERVING_FLAGS: readonly string[] = [
  '--apply-immediately', '--no-apply-immediately', '--allow-major-version-upgrade', '--no-allow-major-version-upgrade',
  '--force-new-deployment', '--no-force-new-deployment', '--sending-enabled', '--no-sending-enabled', '--enabled', '--no-enabled',
  '--disable-api-termination', '--no-disable-api-termination', '--disable-api-stop', '--no-disable-api-stop',
];

/** Changes that restart or resize a database when applied now rather than in the maintenance window. */
const DB_DOWNTIME = ['--db-instance-class', '--engine-version', '--storage-type', '--allocated-storage', '--new-db-instance-identifier', '--new-db-cluster-identifier', '--db-port-number', '--port', '--ca-certificate-identifier', '--db-cluster-instance-class', '--iops'];

export const AWS_SERVING_RULES: readonly CommandRule[] = [
  { id: 'aws-sg-revoke', path: ['ec2', /^revoke-security-group-(ingress|egress)$/], kind: 'resource', noun: 'security group', verb: 'removes rules that let served traffic into', nameFlags: ['--group-id', '--group-name'], when: revokesServedTraffic, note: lost('the traffic those rules let through is refused from then on, and whatever serves behind the group stops being reachable on those ports') },
  { id: 'aws-rds-apply-now', path: ['rds|docdb|neptune', /^modify-db-(instance|cluster)$/], kind: 'database', noun: 'database', verb: 'changes now (--apply-immediately), outside the maintenance window,', nameFlags: ['--db-instance-identifier', '--db-cluster-identifier'], when: (p) => hasFlag(p, ['--apply-immediately']) && DB_DOWNTIME.some((o) => given(p, [o])), note: (p) => `: ${DB_DOWNTIME.filter((o) => given(p, [o])).join(', ')} restarts or moves the database, and every connection fails while it changes${said(p, ['--db-instance-class', '--db-cluster-instance-class'], /\.(micro|small)$/) ? ' (a smaller class also cuts the capacity it serves with)' : ''}` },
  { id: 'aws-elb-fixed-response', path: ['elbv2', /^modify-(listener|rule)$/], kind: 'service', noun: 'load balancer listener', verb: 'stops forwarding traffic to its targets in', nameFlags: ['--listener-arn', '--rule-arn'], when: (p) => said(p, ['--default-actions', '--actions'], /Type["']?\s*[=:]\s*["']?(fixed-response|redirect)/i), note: lost('every request gets the fixed response or redirect instead of reaching the service') },
  { id: 'aws-ecs-new-task-definition', path: ['ecs', 'update-service'], kind: 'service', noun: 'ECS cluster or service', verb: 'replaces the tasks serving traffic in', namePositionals: 'none', names: (p) => [...values(p, ['--cluster']), ...values(p, ['--service'])].slice(0, 1), defaultName: 'the default cluster', productionOnly: true, when: (p) => given(p, ['--task-definition']) || hasFlag(p, ['--force-new-deployment']), note: (p) => `: every running task of ${values(p, ['--service'])[0] ?? 'the service'} is replaced by ${values(p, ['--task-definition'])[0] ?? 'a new deployment (--force-new-deployment), pulling its image tags again'}, and what it runs serves the users from then on` },
  // Stop 33 (red team round 16): other deploys in the same CLI that replace what serves (a version, a revision, every instance).
  { id: 'aws-beanstalk-version', path: ['elasticbeanstalk', 'update-environment'], kind: 'service', noun: 'Elastic Beanstalk environment', verb: 'deploys another version to', nameFlags: ['--environment-name', '--environment-id'], productionOnly: true, when: (p) => given(p, ['--version-label']), note: (p) => `: version ${values(p, ['--version-label'])[0] ?? '(named)'} serves the users from then on` },
  { id: 'aws-apprunner-deploy', path: ['apprunner', 'start-deployment'], kind: 'service', noun: 'App Runner service', verb: 'deploys the latest image or commit to', nameFlags: ['--service-arn'], productionOnly: true, note: lost('what it builds serves the users at once') },
  { id: 'aws-codedeploy-deploy', path: ['deploy', 'create-deployment'], kind: 'service', noun: 'CodeDeploy deployment group', verb: 'deploys a revision to', nameFlags: ['--deployment-group-name', '--application-name'], productionOnly: true, note: lost('the revision replaces what runs on every instance of the group') },
  { id: 'aws-instance-refresh', path: ['autoscaling', 'start-instance-refresh'], kind: 'service', noun: 'Auto Scaling group', verb: 'replaces every instance of', nameFlags: ['--auto-scaling-group-name'], productionOnly: true, note: lost('each instance is terminated and launched again from the current template') },
  { id: 'aws-amplify-release', path: ['amplify', 'start-job'], kind: 'app', noun: 'Amplify app', verb: 'builds and deploys a release of', nameFlags: ['--branch-name', '--app-id'], productionOnly: true, when: (p) => said(p, ['--job-type'], /^RELEASE$/i), note: lost('the branch\'s site is replaced at once') },
  { id: 'aws-lambda-alias-repoint', path: ['lambda', 'update-alias'], kind: 'service', noun: 'Lambda alias', verb: 're-points', nameFlags: ['--name'], productionOnly: true, when: (p) => given(p, ['--function-version', '--routing-config']), note: (p) => ` of ${values(p, ['--function-name'])[0] ?? 'the function'}: every caller of the alias runs version ${values(p, ['--function-version'])[0] ?? 'another version'} from then on` },
  { id: 'aws-cloudtrail-selectors', path: ['cloudtrail', 'put-event-selectors'], kind: 'resource', noun: 'CloudTrail trail', verb: 'replaces the events recorded by', nameFlags: ['--trail-name'], when: (p) => said(p, ['--event-selectors', '--advanced-event-selectors'], /^\s*\[\s*\]\s*$|ReadWriteType["']?\s*[:=]\s*["']?(ReadOnly|WriteOnly)|IncludeManagementEvents["']?\s*[:=]\s*false/i), note: SAFETY('events the new selectors leave out are no longer recorded for audit') },
  { id: 'aws-schedule-rare', path: ['events|scheduler', /^(put-rule|update-schedule)$/], kind: 'resource', noun: 'scheduled rule', verb: 'reschedules', nameFlags: ['--name'], when: rareSchedule, note: SAFETY('the jobs it starts (backups, clean-ups, reports) run at most a few times a year, and a backup job run that rarely leaves little to restore') },
  { id: 'aws-ec2-termination-safety', path: ['ec2', 'modify-instance-attribute'], kind: 'resource', noun: 'EC2 instance', verb: 'lowers the termination protection of', nameFlags: ['--instance-id'], when: (p) => said(p, ['--instance-initiated-shutdown-behavior'], /^terminate$/i) || hasFlag(p, ['--no-disable-api-termination', '--no-disable-api-stop']) || said(p, ['--disable-api-termination', '--disable-api-stop'], /Value=false/i), note: SAFETY('a shutdown or a single API call then deletes the instance and its instance-store data') },
  { id: 'aws-credential-deactivate', path: ['iam', /^(update-access-key|update-signing-certificate|update-ssh-public-key|update-service-specific-credential)$/], kind: 'credential', noun: 'IAM credential', verb: 'deactivates', nameFlags: ['--access-key-id', '--certificate-id', '--ssh-public-key-id', '--service-specific-credential-id'], when: (p) => said(p, ['--status'], /^inactive$/i), note: lost('every application or person signing in with it is locked out') },
  { id: 'aws-pca-disable', path: ['acm-pca', 'update-certificate-authority'], kind: 'credential', noun: 'private certificate authority', verb: 'disables', nameFlags: ['--certificate-authority-arn'], when: (p) => said(p, ['--status'], /^disabled$/i), note: lost('no certificate can be issued or renewed by it, and services whose certificates expire lose TLS') },
  { id: 'aws-ses-sending-off', path: ['ses|sesv2', /^(put-account-sending-attributes|update-account-sending-enabled|put-configuration-set-sending-options|update-configuration-set-sending-enabled)$/], kind: 'service', noun: 'e-mail sending', verb: 'switches off e-mail sending for', namePositionals: 'none', nameFlags: ['--configuration-set-name'], defaultName: 'the account', when: (p) => hasFlag(p, ['--no-sending-enabled', '--no-enabled']) || said(p, ['--sending-enabled', '--enabled'], FALSE), note: lost('every e-mail the application sends (sign-ups, password resets, receipts) is refused') },
  { id: 'aws-cloudfront-purge-all', path: ['cloudfront', 'create-invalidation'], kind: 'service', noun: 'CloudFront distribution', verb: 'invalidates every cached path (/*) of', nameFlags: ['--distribution-id'], productionOnly: true, when: (p) => purgesEverything(p, ['--paths']), note: CDN_ALL_NOTE },
  // Stop 33 (red team round 17): AppConfig rolls a configuration version out to every app of the environment.
  { id: 'aws-appconfig-deploy', path: ['appconfig', 'start-deployment'], kind: 'service', noun: 'AppConfig environment', verb: 'deploys a configuration version to', nameFlags: ['--environment-id', '--application-id'], productionOnly: true, note: (p) => `: version ${values(p, ['--configuration-version'])[0] ?? '(named)'} reaches every running app that reads it` },
  { id: 'aws-eip-disassociate', path: ['ec2', 'disassociate-address'], kind: 'resource', noun: 'Elastic IP association', verb: 'takes the public address off', nameFlags: ['--association-id', '--public-ip'], note: lost('traffic and DNS records pointing at that address stop reaching the instance') },
];

/** Options the gcloud rules below read, each taking a value. */
export const GCLOUD_SERVING_OPTIONS: readonly string[] = ['--source', '--to-revisions', '--to-tags', '--image', '--message-retention-duration', '--tier', '--min-nodes', '--max-nodes', '--total-min-nodes', '--total-max-nodes', '--instance-group', '--network-endpoint-group', '--retained-backups-count', '--retained-transaction-log-days', '--path', '--to-target', '--delivery-pipeline', '--release', '--config', '--tag'];

/** A Pub/Sub duration below one day (`10m`, `3600s`, `2h`). */
const underADay = (v: string): boolean => {
  const m = /^(\d+)([smhd])$/i.exec(v.trim());
  if (m === null) return false;
  const seconds = Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd']);
  return seconds < 86400;
};

export const GCLOUD_SERVING_RULES: readonly CommandRule[] = [
  ...([['run', 'deploy'], ['run', 'services', 'update']] as const).map((path): CommandRule => ({ id: `gcloud-run-image-replace-${path.length}`, path, kind: 'service', noun: 'Cloud Run service', verb: 'replaces the image serving traffic in', namePositionals: 'first', defaultName: 'the service', productionOnly: true, when: (p) => given(p, ['--image']) && !hasFlag(p, ['--no-traffic']), note: (p) => `: the new revision (${values(p, ['--image'])[0] ?? 'image'}) takes every request at once` })),
  // Stop 33 (red team round 16): the service replaced from a YAML file.
  { id: 'gcloud-run-replace', path: ['run', /^(services|jobs)$/, 'replace'], kind: 'service', noun: 'Cloud Run service', verb: 'replaces, from the file it names, the configuration and image of', namePositionals: 'none', defaultName: 'the service the file describes', productionOnly: true, note: lost('the new revision takes the requests as soon as it is ready') },
  { id: 'gcloud-run-traffic', path: ['run', 'services', 'update-traffic'], kind: 'service', noun: 'Cloud Run service', verb: 'moves live traffic of', namePositionals: 'first', productionOnly: true, when: (p) => given(p, ['--to-revisions', '--to-latest', '--to-tags']), note: lost('the revisions it names serve the users at once') },
  { id: 'gcloud-app-deploy-promote', path: ['app', 'deploy'], kind: 'service', noun: 'App Engine app', verb: 'deploys and sends all traffic to a new version of', namePositionals: 'none', defaultName: 'the project\'s app', productionOnly: true, when: (p) => !hasFlag(p, ['--no-promote']), note: lost('the version that served users stops receiving traffic at once') },
  { id: 'gcloud-tasks-purge', path: ['tasks', 'queues', 'purge'], kind: 'resource', noun: 'Cloud Tasks queue', verb: 'purges every task in', namePositionals: 'first', note: lost('the tasks are gone, with no undo') },
  { id: 'gcloud-pubsub-retention-cut', path: ['pubsub', /^(subscriptions|topics)$/, 'update'], kind: 'resource', noun: 'Pub/Sub subscription or topic', verb: 'cuts message retention of', namePositionals: 'first', when: (p) => values(p, ['--message-retention-duration']).some(underADay) || hasFlag(p, ['--clear-message-retention-duration']), note: SAFETY('unacknowledged or replayable messages older than the new retention are dropped') },
  { id: 'gcloud-sql-patch-outage', path: ['sql', 'instances', 'patch'], kind: 'database', noun: 'Cloud SQL instance', verb: 'changes the machine of', namePositionals: 'first', when: (p) => given(p, ['--tier', '--cpu', '--memory', '--database-version']), note: (p) => `: the instance restarts and every connection fails while it changes${said(p, ['--tier'], /(micro|small|f1|g1)/i) ? ', and a smaller tier cuts the capacity it serves with' : ''}` },
  { id: 'gcloud-sql-backups-cut', path: ['sql', 'instances', 'patch'], kind: 'database', noun: 'Cloud SQL instance', verb: 'cuts the backups kept for', namePositionals: 'first', when: (p) => said(p, ['--retained-backups-count'], /^[0-6]$/) || said(p, ['--retained-transaction-log-days'], /^[0-6]$/), note: SAFETY('older backups and point-in-time recovery beyond the new count are deleted') },
  { id: 'gcloud-node-pool-zero', path: ['container', 'node-pools', 'update'], kind: 'cluster', noun: 'GKE node pool', verb: 'limits to zero nodes', namePositionals: 'first', when: (p) => said(p, ['--max-nodes', '--total-max-nodes'], /^0+$/), note: lost('every pod on it is evicted and nothing runs there') },
  { id: 'gcloud-cdn-purge-all', path: ['compute', 'url-maps', 'invalidate-cdn-cache'], kind: 'service', noun: 'URL map', verb: 'invalidates every cached path (/*) of', namePositionals: 'first', productionOnly: true, when: (p) => purgesEverything(p, ['--path']), note: CDN_ALL_NOTE },
  // Stop 33 (red team round 17): Cloud Deploy rolls a release out to a target (create rolls to the first unless told not to), a job run by hand, a build that runs its steps.
  { id: 'gcloud-deploy-rollout', path: ['deploy', /^(releases|rollouts)$/, /^(create|promote|approve|advance|retry-job|redeploy)$/], kind: 'service', noun: 'Cloud Deploy target', verb: 'rolls a release out to', namePositionals: 'none', names: (p) => [...values(p, ['--to-target']), ...values(p, ['--delivery-pipeline'])].slice(0, 1), defaultName: 'the next target of the pipeline', productionOnly: true, when: (p) => !(p.positionals[2]?.text === 'create' && hasFlag(p, ['--disable-initial-rollout'])), note: lost('what the release holds serves that target\'s users once the rollout runs') },
  { id: 'gcloud-run-job-execute', path: ['run', 'jobs', 'execute'], kind: 'service', noun: 'Cloud Run job', verb: 'runs', namePositionals: 'first', defaultName: 'the job', productionOnly: true, note: lost('its container runs now against the live services it is configured for (jobs are often migrations or batch changes)') },
  { id: 'gcloud-builds-submit', path: ['builds', 'submit'], kind: 'project', noun: 'build file', verb: 'runs on Cloud Build the steps of', namePositionals: 'none', names: (p) => values(p, ['--config', '--tag']).slice(0, 1), defaultName: 'cloudbuild.yaml', productionOnly: true, note: lost('its steps run with the Cloud Build service account, and a build file usually pushes images and deploys them') },
  { id: 'gcloud-backend-remove', path: ['compute', 'backend-services', 'remove-backend'], kind: 'service', noun: 'backend service', verb: 'takes a backend out of', namePositionals: 'first', note: lost('the load balancer stops sending traffic to it; with no backend left every request fails') },
];

/**
 * Stop 33 (red team round 16): deploys of code the rules above leave alone, placed after gcloud's more specific deploy
 * rules (public access, source from outside the project) so their reasons win: `gcloud functions deploy` replaces the
 * function's live code, and `gcloud run deploy` without `--image` builds the source folder (`--source`, `.` by default)
 * and deploys it just the same.
 */
export const GCLOUD_CODE_DEPLOYS: readonly CommandRule[] = [
  { id: 'gcloud-functions-deploy', path: ['functions', 'deploy'], kind: 'service', noun: 'Cloud Function', verb: 'replaces the live code of', namePositionals: 'first', defaultName: 'the function', productionOnly: true, note: lost('every call runs the new code at once') },
  { id: 'gcloud-run-source-deploy', path: ['run', 'deploy'], kind: 'service', noun: 'Cloud Run service', verb: 'builds this folder and replaces what serves in', namePositionals: 'first', defaultName: 'the service', productionOnly: true, when: (p) => !given(p, ['--image']) && !hasFlag(p, ['--no-traffic']), note: (p) => `: the new revision (built from ${values(p, ['--source'])[0] ?? '.'}) takes every request at once` },
];

/** Options the az rules below read, each taking a value. */
export const AZ_SERVING_OPTIONS: readonly string[] = [
  '--image', '--delete-destination', '--backup-retention', '--enable-public-network', '--public-network-access', '--default-action', '--set', '--remove',
  '--https-only', '--min-tls-version', '--allow-blob-public-access', '--enable-non-ssl-port', '--slot', '--target-slot', '--storage-uri', '--enable-purge-protection', '--enable-soft-delete', '--queue-name', '--cmd', '--schedule', '--container-image-name', '--docker-custom-image-name', '--src-path', '--src', '--content-paths',
];

export const AZ_SERVING_RULES: readonly CommandRule[] = [
  { id: 'az-image-replace', path: ['containerapp|webapp|functionapp', /^(update|up)$/], kind: 'service', noun: 'app', verb: 'replaces the image serving traffic in', nameFlags: ['--name', '-n'], productionOnly: true, when: (p) => given(p, ['--image']), note: (p) => `: the new revision (${values(p, ['--image'])[0] ?? 'image'}) serves the users from then on` },
  { id: 'az-code-deploy', path: ['webapp|functionapp', /^(deploy|deployment|config|up)$/], kind: 'service', noun: 'app', verb: 'replaces the code or image serving traffic in', namePositionals: 'none', names: (p) => (values(p, ['--slot']).length > 0 ? values(p, ['--slot']) : values(p, ['--name', '-n'])), defaultName: 'the app', productionOnly: true, when: (p) => { const w = p.positionals.map((x) => x.text); return w[1] === 'deploy' || (w[1] === 'up' && !given(p, ['--dryrun'])) || (w[2] === 'source' && w[3] === 'config-zip') || (w[2] === 'container' && w[3] === 'set' && given(p, ['--container-image-name', '--docker-custom-image-name', '--image'])); }, note: lost('what it runs serves the users at once') },
  { id: 'az-blob-sync-delete', path: ['storage', /^(blob|fs|file)$/, 'sync'], kind: 'bucket', noun: 'storage container', verb: 'deletes every blob missing from the source in', nameFlags: ['--container', '-c', '--container-name', '--account-name'], when: (p) => said(p, ['--delete-destination'], TRUE) },
  { id: 'az-queue-clear', path: ['storage', /^(queue|message)$/, 'clear'], kind: 'resource', noun: 'storage queue', verb: 'deletes every message in', nameFlags: ['--name', '-n', '--queue-name'], note: lost('the messages are gone, with no undo') },
  { id: 'az-sql-import', path: ['sql', 'db', 'import'], kind: 'database', noun: 'Azure SQL database', verb: 'imports a BACPAC into', nameFlags: ['--name', '-n'], note: lost('the database is filled with what the file holds, written over the live database') },
  { id: 'az-cosmos-backup-cut', path: ['cosmosdb', 'update'], kind: 'database', noun: 'Cosmos DB account', verb: 'cuts the backup retention of', nameFlags: ['--name', '-n'], when: (p) => values(p, ['--backup-retention']).some((v) => /^\d+$/.test(v) && Number(v) < 48), note: SAFETY('periodic backups older than the new retention are deleted') },
  { id: 'az-keyvault-retention-cut', path: ['keyvault', 'update'], kind: 'credential', noun: 'key vault', verb: 'weakens soft delete of', nameFlags: ['--name', '-n'], when: (p) => values(p, ['--retention-days']).some((v) => /^\d+$/.test(v) && Number(v) < 30) || said(p, ['--enable-purge-protection', '--enable-soft-delete'], FALSE), note: SAFETY('deleted keys and secrets are purged sooner, and can be purged for good') },
  { id: 'az-protection-tag-removed', path: [/^[a-z-]+$/, /.*/], kind: 'resource', noun: 'resource', verb: 'removes a protection tag from', nameFlags: ['--name', '-n', '--resource-group', '-g'], when: (p) => p.positionals.some((w) => w.text === 'update') && said(p, ['--remove', '--set'], /^tags\.[\w-]*(protect|lock|retain|retention|keep|do-?not-?delete|backup|prevent)/i), note: SAFETY('automation that spares protected resources no longer spares it') },
  { id: 'az-network-open', path: [/^(cosmosdb|storage|redis|webapp|functionapp|sql|postgres|mysql|keyvault|acr|search|servicebus|eventhubs)$/, /.*/], kind: 'resource', noun: 'resource', verb: 'opens to the public network', nameFlags: ['--name', '-n'], when: (p) => p.positionals.some((w) => w.text === 'update') && (said(p, ['--enable-public-network', '--allow-blob-public-access'], TRUE) || said(p, ['--public-network-access'], /^enabled$/i) || said(p, ['--default-action'], /^allow$/i)), note: SAFETY('the firewall no longer limits who can reach it; anyone on the internet can try') },
  { id: 'az-transport-weakened', path: [/^(redis|webapp|functionapp|storage|sql|postgres|mysql)$/, /.*/], kind: 'resource', noun: 'resource', verb: 'weakens the transport security of', nameFlags: ['--name', '-n'], when: (p) => p.positionals.some((w) => w.text === 'update') && (said(p, ['--set'], /^(enableNonSslPort\s*=\s*true|httpsOnly\s*=\s*false|minimumTlsVersion\s*=\s*["']?1\.[01]|siteConfig\.minTlsVersion\s*=\s*["']?1\.[01])/i) || said(p, ['--https-only'], FALSE) || said(p, ['--enable-non-ssl-port'], TRUE) || said(p, ['--min-tls-version'], /^1\.[01]$/)), note: SAFETY('traffic, credentials included, can travel unencrypted or over broken TLS') },
  { id: 'az-acr-purge', path: ['acr', /^(task|run)$/], kind: 'repository', noun: 'container registry', verb: 'runs or schedules a purge of images in', namePositionals: 'none', nameFlags: ['--registry'], defaultName: 'the registry', when: (p) => said(p, ['--cmd'], /\bacr\s+purge\b/) && !said(p, ['--cmd'], /--dry-run\b/), note: (p) => `: images the filter matches are deleted${given(p, ['--schedule']) ? ' every time the schedule fires' : ''}, including tags deployments still pull` },
  { id: 'az-cdn-purge-all', path: ['cdn|afd', 'endpoint', 'purge'], kind: 'service', noun: 'CDN endpoint', verb: 'purges every cached path (/*) of', nameFlags: ['--name', '-n', '--endpoint-name'], productionOnly: true, when: (p) => purgesEverything(p, ['--content-paths']), note: CDN_ALL_NOTE },
  { id: 'az-slot-swap', path: ['webapp|functionapp', 'deployment', 'slot', 'swap'], kind: 'service', noun: 'app', verb: 'swaps a slot into the live slot of', nameFlags: ['--name', '-n'], when: (p) => !given(p, ['--target-slot']) || said(p, ['--target-slot'], /^(production|prod|live)$/i), note: (p) => `: the code of slot ${values(p, ['--slot', '-s'])[0] ?? '(named)'} serves production traffic at once` },
];
