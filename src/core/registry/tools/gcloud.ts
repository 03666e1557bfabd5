import { flagValues, hasFlag } from '../args';
import type { ArgWord } from '../../shell/ast';
import type { CliArgs, ToolArgs, ToolSpec } from '../types';
import { valued } from './options';
import { GCLOUD_OVERWRITE_OPTIONS, GCLOUD_OVERWRITE_RULES, GSUTIL_OVERWRITE_RULES } from './cloudOverwrites';
import { GCLOUD_SAFETY_OPTIONS, GCLOUD_SAFETY_RULES, GSUTIL_SAFETY_RULES } from './cloudSafetyNets';
import { GCLOUD_ACCESS_OPTIONS, GCLOUD_ACCESS_RULES, GSUTIL_ACCESS_RULES } from './cloudAccess';
import { GCLOUD_OUTAGE_OPTIONS, GCLOUD_OUTAGE_RULES } from './cloudOutages';
import { GCLOUD_CODE_DEPLOYS, GCLOUD_SERVING_OPTIONS, GCLOUD_SERVING_RULES } from './cloudServing';
import { GCLOUD_HANDOVER_RULES } from './cloudHandovers';
import { GCLOUD_CONTROL_OPTIONS, GCLOUD_CONTROL_RULES } from './controlPlane';
import { remoteCommandInFlags, withRemoteCommands } from './sshRemoteCommand';

/**
 * Google Cloud: `gcloud [alpha|beta] <group…> <command> [flags]` (flags anywhere), and gsutil.
 * `compute ssh --command` runs a command line on a VM.
 */

const GS_URL = /^gs:\/\/./i;

function recursiveNote(...names: string[]): (p: CliArgs) => string | undefined {
  return (p) => (hasFlag(p, names) ? ', recursively (every object under it)' : undefined);
}

/** ssh options that take a value (ssh(1)); the words after them and the other options are the remote command. */
const SSH_VALUED = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/**
 * `gcloud compute ssh VM --command 'cmd'`, or the words after `--`, which go to ssh: its options, then
 * the command line it runs there (`gcloud compute ssh VM -- -t 'dropdb shop'`).
 */
function sshCommandOf(a: ToolArgs): ArgWord[] {
  // `--ssh-flag='-o RemoteCommand=…'` (or `-- -o RemoteCommand=…`): ssh runs that line there too.
  const words = a.parsed.command ?? [];
  let i = 0;
  while (i < words.length && /^-./.test(words[i]!.text)) {
    const text = words[i]!.text;
    i += text.length === 2 && SSH_VALUED.has(text[1]!) ? 2 : 1;
  }
  const flagWord = a.valueWord('--ssh-flag');
  const flagged = remoteCommandInFlags([...a.values('--ssh-flag'), ...words.slice(0, i).map((w) => w.text)]);
  const remote = flagged !== undefined ? [{ text: flagged, from: flagWord ?? words[0]! }] : [];
  const option = a.valueWord('--command');
  const value = a.value('--command');
  if (option !== undefined && value !== undefined) return withRemoteCommands([{ ...option, text: value }], remote);
  return withRemoteCommands(words.slice(i), remote);
}

export const gcloud: ToolSpec = {
  names: ['gcloud'],
  family: 'cloud',
  locality: 'remote',
  provider: 'gcp',
  label: 'Google Cloud',
  options: [
    '--project', '--account', '--configuration', '--format', '--verbosity', '--zone', '--region', '--instance',
    '--cluster', '--location', '--filter', '--impersonate-service-account', '--billing-project', '--flags-file',
    '--database', '--keyring', '--key', '--version', '--service', '--limit', '--sort-by', '--page-size', '--activation-policy', ...GCLOUD_OVERWRITE_OPTIONS, ...GCLOUD_SAFETY_OPTIONS, ...GCLOUD_ACCESS_OPTIONS, ...GCLOUD_OUTAGE_OPTIONS, ...GCLOUD_SERVING_OPTIONS, ...GCLOUD_CONTROL_OPTIONS,
  ].filter((n, i, all) => all.indexOf(n) === i).map((n) => valued(n)),
  skipLeading: ['alpha', 'beta', 'preview'],
  help: { options: ['-h', '--help'], word: 'first' },
  commands: {
    // `gcloud sql connect INSTANCE --user=U [--database=D]`: a psql/mysql session on the instance; statements fed on standard input run there.
    sql: {
      commands: {
        connect: {
          options: [valued('--user', '-u'), valued('--port')],
          effect: 'exec',
          sql: { engine: 'database', database: (a) => [a.operand(0), a.value('--database')].filter((x) => x !== undefined).join('/') || undefined },
        },
      },
    },
    spanner: {
      commands: {
        databases: {
          commands: {
            'execute-sql': { options: [valued('--sql'), valued('--query-mode'), valued('--timeout'), valued('--priority'), valued('--directed-read-options')], sql: { engine: 'database', statementOptions: ['--sql'], database: (a) => a.operand(0) } },
            ddl: { commands: { update: { options: [valued('--ddl'), valued('--ddl-file'), valued('--proto-descriptors-file')], sql: { engine: 'database', statementOptions: ['--ddl'], fileOptions: ['--ddl-file'], database: (a) => a.operand(0) } } } },
          },
        },
      },
    },
    // `gcloud cloud-shell ssh --command 'cmd'`: the line runs in the account's Cloud Shell machine (its home disk persists).
    'cloud-shell': {
      commands: {
        ssh: {
          options: [valued('--command'), valued('--ssh-key-file'), valued('--ssh-flag'), valued('--authorize-session'), valued('--force-key-file-overwrite')],
          effect: 'exec',
          commandAfterDashDash: true,
          runsElsewhere: {
            command: { text: 'computed', of: sshCommandOf },
            label: () => 'gcloud cloud-shell ssh',
            loginShell: true,
            place: (a) => ({ place: 'Cloud Shell', provider: 'gcloud', names: a.value('--account') !== undefined ? [{ source: '--account', value: a.value('--account')! }] : [] }),
          },
        },
      },
    },
    compute: {
      commands: {
        // `gcloud compute tpus tpu-vm ssh TPU --command 'cmd'` (and `--worker=all`): the line runs on the TPU hosts.
        tpus: {
          commands: {
            'tpu-vm': {
              commands: {
                ssh: {
                  options: [valued('--command'), valued('--worker'), valued('--ssh-key-file'), valued('--ssh-flag'), valued('--strict-host-key-checking')],
                  effect: 'exec',
                  commandAfterDashDash: true,
                  runsElsewhere: {
                    command: { text: 'computed', of: sshCommandOf },
                    label: () => 'gcloud compute tpus tpu-vm ssh',
                    loginShell: true,
                    place: (a) => {
                      const project = a.value('--project');
                      const vm = (a.operand(0) ?? 'a TPU VM').replace(/^[^@]*@/, '');
                      return { place: vm, provider: 'gcloud', names: [...(project !== undefined ? [{ source: '--project', value: project }] : []), { source: 'TPU VM', value: vm }] };
                    },
                  },
                },
              },
            },
          },
        },
        ssh: {
          options: [valued('--command'), valued('--ssh-key-file'), valued('--ssh-flag'), valued('--container'), valued('--strict-host-key-checking')],
          effect: 'exec',
          commandAfterDashDash: true,
          runsElsewhere: {
            command: { text: 'computed', of: sshCommandOf },
            label: () => 'gcloud compute ssh',
            loginShell: true,
            place: (a) => {
              const project = a.value('--project');
              const vm = (a.operand(0) ?? 'a VM').replace(/^[^@]*@/, '');
              return { place: vm, provider: 'gcloud', names: [...(project !== undefined ? [{ source: '--project', value: project }] : []), { source: 'VM', value: vm }] };
            },
          },
        },
      },
    },
  },
  environmentFlags: ['--project', '--configuration'],
  environmentVariables: ['CLOUDSDK_CORE_PROJECT', 'CLOUDSDK_ACTIVE_CONFIG_NAME', 'GOOGLE_CLOUD_PROJECT'],
  scopeFlags: ['--project'],
  scopeKind: 'project',
  rules: [
    ...GCLOUD_OVERWRITE_RULES,
    ...GCLOUD_SAFETY_RULES,
    ...GCLOUD_ACCESS_RULES,
    ...GCLOUD_OUTAGE_RULES,
    ...GCLOUD_HANDOVER_RULES,
    ...GCLOUD_SERVING_RULES,
    ...GCLOUD_CONTROL_RULES,
    // Round 5 (issue #18): `--allow-unauthenticated` lets anyone on the internet call the service.
    { id: 'gcloud-deploy-public', path: ['functions|run', 'deploy'], kind: 'service', noun: 'service', verb: 'opens to anyone on the internet', namePositionals: 'first', when: (p) => hasFlag(p, ['--allow-unauthenticated']) },
    {
      id: 'gcloud-storage-rm', path: ['storage', 'rm'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'deletes',
      nameFilter: GS_URL, note: recursiveNote('-r', '-R', '--recursive'),
    },
    {
      id: 'gcloud-storage-rsync-delete', path: ['storage', 'rsync'], kind: 'bucket', noun: 'sync destination',
      verb: 'deletes every object missing from the source in', namePositionals: 'last',
      when: (p) => hasFlag(p, ['--delete-unmatched-destination-objects']),
      local: (p) => !GS_URL.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
    { id: 'gcloud-storage-buckets-delete', path: ['storage', 'buckets', 'delete'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'deletes' },
    { id: 'gcloud-projects-delete', path: ['projects', 'delete'], kind: 'project', noun: 'project', verb: 'deletes' },
    { id: 'gcloud-sql-instances-delete', path: ['sql', 'instances', 'delete'], kind: 'database', noun: 'Cloud SQL instance', verb: 'deletes' },
    { id: 'gcloud-sql-databases-delete', path: ['sql', 'databases', 'delete'], kind: 'database', noun: 'Cloud SQL database', verb: 'deletes' },
    // Red team round 4: a key version disabled (nothing it encrypted can be read), a Cloud SQL instance stopped.
    { id: 'gcloud-kms-version-disable', path: ['kms', 'keys', 'versions', 'disable'], kind: 'credential', noun: 'KMS key version', verb: 'disables', namePositionals: 'first', note: () => ': nothing encrypted with it can be read until it is enabled again' },
    {
      id: 'gcloud-sql-stop', path: ['sql', 'instances', 'patch'], kind: 'database', noun: 'Cloud SQL instance', verb: 'stops', namePositionals: 'first',
      when: (p) => flagValues(p, ['--activation-policy']).some((v) => /^never$/i.test(v)),
      note: () => ': every application using it loses its database until it is started again',
    },
    { id: 'gcloud-container-clusters-delete', path: ['container', 'clusters', 'delete'], kind: 'cluster', noun: 'GKE cluster', verb: 'deletes' },
    ...GCLOUD_CODE_DEPLOYS,
  ],
  generic: { id: 'gcloud-delete', verbs: /^(delete|destroy)$/, maxDepth: 4, exclude: ['config', 'auth', 'components', 'emulators'] },
};

export const gsutil: ToolSpec = {
  names: ['gsutil'],
  family: 'cloud',
  locality: 'remote',
  provider: 'gcp',
  label: 'Google Cloud',
  options: ['-o', '-h', '-u', '-x', '-j', '-p'].map((n) => valued(n)),
  environmentFlags: ['-u'],
  environmentVariables: ['CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT'],
  rules: [
    ...GSUTIL_OVERWRITE_RULES,
    ...GSUTIL_SAFETY_RULES,
    ...GSUTIL_ACCESS_RULES,
    { id: 'gsutil-rm', path: ['rm'], kind: 'resource', noun: 'Cloud Storage objects', verb: 'deletes', nameFilter: GS_URL, note: recursiveNote('-r', '-R', '-a') },
    { id: 'gsutil-rb', path: ['rb'], kind: 'bucket', noun: 'Cloud Storage bucket', verb: 'deletes', nameFilter: GS_URL },
    {
      id: 'gsutil-rsync-delete', path: ['rsync'], kind: 'bucket', noun: 'sync destination', namePositionals: 'last',
      verb: 'deletes every object missing from the source in',
      when: (p) => hasFlag(p, ['-d']) && !hasFlag(p, ['-n']),
      local: (p) => !GS_URL.test(p.positionals[p.positionals.length - 1]?.text ?? ''),
    },
  ],
  contextHints: (inv) => inv.args.map((w) => w.text).filter((t) => GS_URL.test(t)).map((t) => ({ source: 'bucket', value: t.slice(5).split('/')[0] ?? t })),
};
