import { flagValues, hasFlag } from '../args';
import type { CliArgs, CommandRule } from '../types';

/**
 * Cloud changes that open a door or blind the watchers without a delete verb (issue #18, round 7):
 * threat detection, audit trails and configuration recording switched off or narrowed; networks and
 * control planes opened to the internet; snapshots, images and keys shared with another account;
 * identities created or granted that outlive the session; members removed from the project's owners;
 * passwords of databases and machines replaced; data handed out through signed links or copied to
 * another bucket; live settings and secrets overwritten; an API disabled under its services. Spliced
 * into aws.ts, gcloud.ts and az.ts; each reason names what is lost or who gets in.
 */

const values = (p: CliArgs, names: readonly string[]): string[] => flagValues(p, names);
const said = (p: CliArgs, names: readonly string[], re: RegExp): boolean => values(p, names).some((v) => re.test(v));
const words = (p: CliArgs): string[] => p.positionals.map((w) => w.text);
const LOST = (what: string) => (): string => `: a safety net is removed — ${what}`;
const UNSEEN = 'attacks and mistakes from then on go unseen';
const ANYWHERE = /^(\*|0\.0\.0\.0\/0|::\/0|internet|any)$/i;
/** A website's ports: opening them to everyone is what serving a site means. */
const WEB_PORTS = /^(80|443)$/;
/** A twelve-digit AWS account, alone or inside an ARN or a `UserId=` structure. */
const ACCOUNT = /\b\d{12}\b/;
const S3_URL = /^s3:\/\/./i;
const bucketOf = (url: string): string => url.replace(/^[a-z0-9]+:\/\//i, '').split('/')[0] ?? url;

export const AWS_ACCESS_RULES: readonly CommandRule[] = [
  // Watchers switched off or narrowed.
  { id: 'aws-guardduty-off', path: ['guardduty', 'update-detector'], kind: 'resource', noun: 'GuardDuty detector', verb: 'switches off', nameFlags: ['--detector-id'], when: (p) => hasFlag(p, ['--no-enable']) || said(p, ['--enable'], /^false$/i), note: LOST(`threat detection stops: ${UNSEEN}`) },
  { id: 'aws-cloudtrail-narrowed', path: ['cloudtrail', /^put-(event|insight)-selectors$/], kind: 'resource', noun: 'CloudTrail trail', verb: 'narrows what is recorded by', nameFlags: ['--trail-name'], when: (p) => said(p, ['--event-selectors', '--advanced-event-selectors'], /ReadOnly["']?\s*[:=]\s*["']?true|"ReadWriteType"\s*:\s*"ReadOnly"|ReadWriteType=ReadOnly|IncludeManagementEvents["']?\s*[:=]\s*["']?false/i), note: LOST(`changes made through the API are no longer recorded: ${UNSEEN}`) },
  { id: 'aws-cloudtrail-update-off', path: ['cloudtrail', 'update-trail'], kind: 'resource', noun: 'CloudTrail trail', verb: 'narrows', nameFlags: ['--name'], when: (p) => hasFlag(p, ['--no-is-multi-region-trail', '--no-include-global-service-events', '--no-enable-log-file-validation']), note: LOST(`events outside what it still covers are no longer recorded: ${UNSEEN}`) },
  { id: 'aws-config-recorder-stop', path: ['configservice|config', /^(stop-configuration-recorder|delete-configuration-recorder|delete-delivery-channel)$/], kind: 'resource', noun: 'AWS Config recorder', verb: 'stops', nameFlags: ['--configuration-recorder-name', '--delivery-channel-name'], note: LOST(`configuration changes are no longer recorded: ${UNSEEN}`) },
  // Shared with another account.
  { id: 'aws-rds-snapshot-shared', path: ['rds', /^modify-db-(cluster-)?snapshot-attribute$/], kind: 'database', noun: 'RDS snapshot', verb: 'shares with another AWS account', nameFlags: ['--db-snapshot-identifier', '--db-cluster-snapshot-identifier'], when: (p) => said(p, ['--values-to-add'], ACCOUNT), note: (p) => `: account ${values(p, ['--values-to-add']).join(', ')} can restore the whole database from it` },
  { id: 'aws-ebs-snapshot-shared', path: ['ec2', 'modify-snapshot-attribute'], kind: 'resource', noun: 'EBS snapshot', verb: 'shares with another AWS account', nameFlags: ['--snapshot-id'], when: (p) => said(p, ['--user-ids', '--create-volume-permission'], ACCOUNT), note: () => ': that account can make a volume holding every byte of the disk' },
  { id: 'aws-ami-shared', path: ['ec2', 'modify-image-attribute'], kind: 'resource', noun: 'AMI', verb: 'shares with another AWS account', nameFlags: ['--image-id'], when: (p) => said(p, ['--user-ids', '--launch-permission'], ACCOUNT), note: () => ': that account can launch the image and read its disks' },
  { id: 'aws-kms-grant', path: ['kms', 'create-grant'], kind: 'credential', noun: 'KMS key', verb: 'lets another principal use', nameFlags: ['--key-id'], note: (p) => `: ${values(p, ['--grantee-principal'])[0] ?? 'the grantee'} can ${values(p, ['--operations']).join(', ') || 'use the key'} until the grant is revoked` },
  { id: 'aws-ram-share', path: ['ram', /^(create-resource-share|associate-resource-share)$/], kind: 'resource', noun: 'resource share', verb: 'shares resources with other accounts through', nameFlags: ['--name', '--resource-share-arn'], when: (p) => values(p, ['--principals']).length > 0 },
  // Identities that outlive the session.
  { id: 'aws-iam-user-create', path: ['iam', 'create-user'], kind: 'credential', noun: 'IAM user', verb: 'creates', nameFlags: ['--user-name'], note: () => ': a new identity that can be given keys and policies, and stays after this session' },
  { id: 'aws-iam-access-key-other', path: ['iam', 'create-access-key'], kind: 'credential', noun: 'IAM user', verb: 'creates an access key for', nameFlags: ['--user-name'], when: (p) => values(p, ['--user-name']).length > 0, note: () => ': whoever holds the key acts as that user until it is deleted' },
  { id: 'aws-iam-role-trust', path: ['iam', /^(create-role|update-assume-role-policy)$/], kind: 'credential', noun: 'IAM role', verb: 'sets who may assume', nameFlags: ['--role-name'], note: () => ': every principal its trust policy names can act with the role\'s permissions' },
  { id: 'aws-sso-assignment', path: ['sso-admin', 'create-account-assignment'], kind: 'credential', noun: 'AWS account', verb: 'gives a permission set in', nameFlags: ['--target-id'], note: (p) => `: ${values(p, ['--principal-id'])[0] ?? 'the principal'} can sign in to it with ${values(p, ['--permission-set-arn'])[0] ?? 'that permission set'}` },
  // An image written under a tag hosts already run: the tag now names another image.
  { id: 'aws-ecr-put-image', path: ['ecr', 'put-image'], kind: 'resource', noun: 'ECR repository', verb: 'writes an image manifest under a tag of', nameFlags: ['--repository-name'], when: (p) => values(p, ['--image-tag']).length > 0, note: (p) => `: every host that pulls ${values(p, ['--image-tag'])[0]} runs this image next` },
  // Messages that reach people: a text, an email or a push cannot be called back.
  { id: 'aws-pinpoint-send', path: ['pinpoint|pinpoint-sms-voice-v2|sms-voice', /^(send-messages|send-users-messages|send-text-message|send-voice-message|send-media-message)$/], kind: 'resource', noun: 'recipients', verb: 'sends a message, which cannot be called back, to', namePositionals: 'none', nameFlags: ['--application-id', '--destination-phone-number'], defaultName: 'its recipients' },
  // Temporary database and cluster credentials printed.
  { id: 'aws-temporary-credentials', path: ['redshift|redshift-serverless|emr|rds', /^(get-cluster-credentials|get-cluster-credentials-with-iam|get-credentials|get-cluster-session-credentials|generate-db-auth-token)$/], kind: 'credential', noun: 'database or cluster', verb: 'prints working credentials for', nameFlags: ['--cluster-identifier', '--workgroup-name', '--cluster-id', '--hostname'], note: () => ': whoever reads the output can sign in as that user until they expire' },
  // Data handed out or copied away.
  { id: 'aws-s3-presign', path: ['s3', 'presign'], kind: 'resource', noun: 'S3 object', verb: 'makes a download link anyone can use for', nameFilter: S3_URL, note: () => ': whoever holds the link reads the object without credentials until it expires' },
  { id: 'aws-s3-copy-to-bucket', path: ['s3', /^(sync|cp)$/], kind: 'bucket', noun: 'S3 bucket', verb: 'copies every object into another bucket from', namePositionals: 'first', when: (p) => { const w = words(p).slice(2); return w.length >= 2 && S3_URL.test(w[0]!) && S3_URL.test(w[w.length - 1]!) && bucketOf(w[0]!) !== bucketOf(w[w.length - 1]!) && (w[0]!.endsWith('/') || bucketOf(w[0]!) === w[0]!.replace(/^s3:\/\//i, '') || p.positionals[1]?.text === 'sync' || hasFlag(p, ['--recursive'])); }, note: (p) => `: whoever owns ${words(p).slice(-1)[0]} gets the data` },
  { id: 'aws-s3-backup-overwrite', path: ['s3', 'cp'], kind: 'resource', noun: 'backup object', verb: 'overwrites', namePositionals: 'last', when: (p) => { const w = words(p).slice(2); const to = w[w.length - 1] ?? ''; return w.length >= 2 && !S3_URL.test(w[0]!) && S3_URL.test(to) && /backup|dump|snapshot/i.test(to) && /(^|\/)(latest|current|last|newest)[^/]*$/i.test(to); }, note: LOST('without versioning, the backup the key held is replaced and gone') },
];

/** Options the gcloud rules below read, each taking a value. */
export const GCLOUD_ACCESS_OPTIONS: readonly string[] = ['--set-env-vars', '--set-secrets', '--env-vars-file', '--metadata', '--metadata-from-file', '--member', '--role', '--password', '--log-filter', '--duration', '--destination', '--source-ranges', '--master-authorized-networks'];

export const GCLOUD_ACCESS_RULES: readonly CommandRule[] = [
  { id: 'gcloud-iam-binding-removed', path: ['projects|organizations|resource-manager|folders', /^remove-iam-policy-binding$/], kind: 'project', noun: 'project', verb: 'removes a role binding from', namePositionals: 'first', note: (p) => `: ${values(p, ['--member'])[0] ?? 'the member'} loses ${values(p, ['--role'])[0] ?? 'that role'}${said(p, ['--role'], /owner|admin/i) ? ' — removing the last owner locks everyone out' : ''}` },
  { id: 'gcloud-iam-policy-replaced', path: ['projects|organizations|folders', 'set-iam-policy'], kind: 'project', noun: 'project', verb: 'replaces the whole IAM policy of', namePositionals: 'first', note: () => ': every member the file leaves out loses access, possibly everyone' },
  { id: 'gcloud-iam-owner-added', path: ['projects|organizations|folders', 'add-iam-policy-binding'], kind: 'project', noun: 'project', verb: 'makes an owner or admin of', namePositionals: 'first', when: (p) => said(p, ['--role'], /owner|admin|editor/i), note: (p) => `: ${values(p, ['--member'])[0] ?? 'the member'} gets ${values(p, ['--role'])[0]}` },
  { id: 'gcloud-ssh-key-metadata', path: ['compute', 'instances|project-info', 'add-metadata'], kind: 'resource', noun: 'Compute Engine instance or project', verb: 'adds SSH keys to', namePositionals: 'first', defaultName: 'every instance of the project', when: (p) => said(p, ['--metadata', '--metadata-from-file'], /(^|,)\s*(ssh-keys|sshKeys)=/), note: () => ': whoever holds the private half logs in to the machines' },
  { id: 'gcloud-artifacts-tag', path: ['artifacts', 'docker', 'tags', 'add'], kind: 'resource', noun: 'Artifact Registry tag', verb: 'moves', names: (_p, rest) => rest.slice(-1).map((w) => w.text.replace(/^[^/]*\.pkg\.dev\//, '')), note: () => ': every host that pulls it runs the other image next' },
  { id: 'gcloud-run-env-replaced', path: ['run', 'services|jobs', 'update'], kind: 'service', noun: 'Cloud Run service', verb: 'replaces or clears the environment of', namePositionals: 'first', when: (p) => hasFlag(p, ['--clear-env-vars', '--clear-secrets']) || values(p, ['--set-env-vars', '--set-secrets', '--env-vars-file']).length > 0, note: () => ': variables the new set leaves out are gone from the live revision' },
  { id: 'gcloud-sql-password', path: ['sql', 'users', 'set-password'], kind: 'database', noun: 'Cloud SQL user', verb: 'replaces the password of', namePositionals: 'first', note: () => ': every application signed in with the old one is locked out' },
  { id: 'gcloud-services-disable', path: ['services', 'disable'], kind: 'project', noun: 'API', verb: 'disables', namePositionals: 'all', note: (p) => `: every resource and application that uses it stops working${hasFlag(p, ['--force']) ? ', and with --force the services that depend on it too' : ''}` },
  { id: 'gcloud-audit-sink-narrowed', path: ['logging', 'sinks', 'update'], kind: 'resource', noun: 'log sink', verb: 'changes what is exported by', namePositionals: 'first', when: (p) => values(p, ['--log-filter', '--destination']).length > 0 || hasFlag(p, ['--disabled']), note: LOST(`log entries the new filter leaves out are no longer kept: ${UNSEEN}`) },
  { id: 'gcloud-master-networks-open', path: ['container', 'clusters', 'update'], kind: 'cluster', noun: 'GKE cluster', verb: 'opens the control plane to the internet of', namePositionals: 'first', when: (p) => hasFlag(p, ['--no-enable-master-authorized-networks', '--enable-master-global-access']) || said(p, ['--master-authorized-networks'], /0\.0\.0\.0\/0/), note: LOST('any address can reach the Kubernetes API') },
  { id: 'gcloud-sign-url', path: ['storage', 'sign-url'], kind: 'resource', noun: 'Cloud Storage object', verb: 'makes a download link anyone can use for', nameFilter: /^gs:\/\//, note: () => ': whoever holds the link reads the object without credentials until it expires' },
];

export const GSUTIL_ACCESS_RULES: readonly CommandRule[] = [
  { id: 'gsutil-signurl', path: ['signurl'], kind: 'resource', noun: 'Cloud Storage object', verb: 'makes a download link anyone can use for', nameFilter: /^gs:\/\//, note: () => ': whoever holds the link reads the object without credentials until it expires' },
];

/** Options the az rules below read, each taking a value. */
export const AZ_ACCESS_OPTIONS: readonly string[] = [
  '--tier', '--retention-time', '--admin-password', '--password', '--username', '--id', '--public-network-access', '--default-action',
  '--source-address-prefixes', '--source-address-prefix', '--access', '--destination-port-ranges', '--upn', '--object-id', '--spn',
  '--secret-permissions', '--key-permissions', '--certificate-permissions', '--settings', '--value', '--command', '--role', '--assignee',
];

const az = (p: CliArgs, names: readonly string[], re: RegExp): boolean => said(p, names, re);

export const AZ_ACCESS_RULES: readonly CommandRule[] = [
  { id: 'az-defender-off', path: ['security', 'pricing', 'create|update'], kind: 'resource', noun: 'Defender for Cloud plan', verb: 'switches to the free tier', nameFlags: ['--name', '-n'], when: (p) => az(p, ['--tier'], /^free$/i), note: LOST(`threat protection for those resources stops: ${UNSEEN}`) },
  { id: 'az-log-retention-cut', path: ['monitor', 'log-analytics', 'workspace', 'create|update'], kind: 'resource', noun: 'Log Analytics workspace', verb: 'cuts retention of', nameFlags: ['--workspace-name', '--name', '-n'], when: (p) => values(p, ['--retention-time']).some((v) => /^\d+$/.test(v) && Number(v) < 30), note: LOST('log entries older than the new retention are deleted') },
  { id: 'az-sql-admin-password', path: ['sql|postgres|mysql', /^(server|flexible-server)$/, 'update'], kind: 'database', noun: 'database server', verb: 'replaces the admin password of', nameFlags: ['--name', '-n'], when: (p) => values(p, ['--admin-password', '-p']).length > 0, note: () => ': every application signed in with the old one is locked out' },
  // Round 27: a directory user's password set by an update (`az ad user update --id admin@… --password …`): whoever signed in with the old one is locked out.
  { id: 'az-ad-user-password', path: ['ad', 'user', 'update'], kind: 'credential', noun: 'Entra ID user', verb: 'replaces the password of', nameFlags: ['--id'], when: (p) => values(p, ['--password']).length > 0, note: () => ': whoever signed in with the old one is locked out' },
  { id: 'az-vm-password', path: ['vm', 'user', 'update|reset-ssh'], kind: 'resource', noun: 'virtual machine', verb: 'replaces a user\'s password or key on', nameFlags: ['--name', '-n'], note: () => ': whoever signed in with the old one is locked out' },
  { id: 'az-nsg-open', path: ['network', 'nsg', 'rule', 'create|update'], kind: 'resource', noun: 'network security group rule', verb: 'opens to the internet', nameFlags: ['--name', '-n'], when: (p) => az(p, ['--source-address-prefixes', '--source-address-prefix'], ANYWHERE) && !az(p, ['--access'], /^deny$/i) && !values(p, ['--destination-port-ranges']).every((v) => WEB_PORTS.test(v)), note: (p) => `: any address can reach port${said(p, ['--destination-port-ranges'], /^\*$/) ? 's — every port' : 's'} ${values(p, ['--destination-port-ranges']).join(', ')}`.replace(/ $/, '') },
  { id: 'az-keyvault-open', path: ['keyvault', 'update'], kind: 'credential', noun: 'key vault', verb: 'opens to the internet', nameFlags: ['--name', '-n'], when: (p) => az(p, ['--default-action'], /^allow$/i) || az(p, ['--public-network-access'], /^enabled$/i), note: LOST('its firewall no longer limits who can reach it') },
  { id: 'az-keyvault-policy', path: ['keyvault', 'set-policy'], kind: 'credential', noun: 'key vault', verb: 'grants access to the secrets or keys of', nameFlags: ['--name', '-n'], when: (p) => values(p, ['--secret-permissions', '--key-permissions', '--certificate-permissions']).length > 0, note: (p) => `: ${values(p, ['--upn', '--object-id', '--spn'])[0] ?? 'the principal'} gets ${values(p, ['--secret-permissions', '--key-permissions', '--certificate-permissions']).join(', ')}` },
  { id: 'az-keyvault-secret-set', path: ['keyvault', 'secret', 'set'], kind: 'credential', noun: 'Key Vault secret', verb: 'overwrites', nameFlags: ['--name', '-n'], note: () => ' (applications read the new value, and the one they worked with is no longer current)' },
  { id: 'az-app-settings-set', path: ['webapp|functionapp', 'config', 'appsettings|connection-string', 'set'], kind: 'service', noun: 'app', verb: 'overwrites live settings of', nameFlags: ['--name', '-n'], note: (p) => `: ${values(p, ['--settings']).map((s) => s.split('=')[0]).join(', ') || 'those settings'} take the new values and the app restarts` },
  { id: 'az-acr-import-force', path: ['acr', 'import'], kind: 'resource', noun: 'container registry', verb: 'overwrites tags in', nameFlags: ['--name', '-n'], when: (p) => hasFlag(p, ['--force']), note: () => ': every host that pulls those tags runs the imported image next' },
  { id: 'az-role-owner', path: ['role', 'assignment', 'create'], kind: 'credential', noun: 'role assignment', verb: 'grants', namePositionals: 'none', defaultName: 'an Azure role', when: (p) => az(p, ['--role'], /owner|contributor|administrator|admin/i), note: (p) => `: ${values(p, ['--assignee'])[0] ?? 'the assignee'} becomes ${values(p, ['--role'])[0]}` },
];
