import { flagValues, hasFlag } from '../args';
import type { CliArgs, ToolSpec } from '../types';
import { flag, valued } from './options';
import { AZ_SAFETY_OPTIONS, AZ_SAFETY_RULES } from './cloudSafetyNets';
import { AZ_OUTAGE_OPTIONS, AZ_OUTAGE_RULES } from './cloudOutages';
import { AZ_SERVING_OPTIONS, AZ_SERVING_RULES } from './cloudServing';
import { AZ_ACCESS_OPTIONS, AZ_ACCESS_RULES } from './cloudAccess';
import { containerappExec } from './remoteShells';
import { AZ_HANDOVER_OPTIONS, AZ_HANDOVER_RULES } from './cloudHandovers';
import { parseCommand } from '../../shell/grammar';
import { ssh } from './ssh';
import { AZ_CONTROL_OPTIONS, AZ_CONTROL_RULES } from './controlPlane';

/**
 * Azure: `az <group…> <command> [--arguments]` and azcopy. `vm run-command invoke|create --scripts`
 * runs a script on a VM.
 */

function recursiveNote(...names: string[]): (p: CliArgs) => string | undefined {
  return (p) => (hasFlag(p, names) ? ', recursively (every object under it)' : undefined);
}

const runCommand = {
  options: [{ names: ['--scripts', '--script'], takes: 'list' as const }],
  effect: 'exec' as const,
  runsElsewhere: {
    // `--scripts @file` reads the script from a file the hook does not open here: it asks.
    command: { text: 'option' as const, option: '--scripts', decode: (t: string) => (t.startsWith('@') ? undefined : [t]), undecodable: 'az vm run-command runs a script read from a file (--scripts @file), which is not read here' },
    label: () => 'az vm run-command',
    place: (a: import('../types').ToolArgs) => {
      const group = a.value('-g', '--resource-group');
      const vm = a.value('-n', '--name', '--vm-name') ?? 'a VM';
      const subscription = a.value('--subscription');
      const names = [
        ...(subscription !== undefined ? [{ source: '--subscription', value: subscription }] : []),
        ...(group !== undefined ? [{ source: '--resource-group', value: group }] : []),
        { source: 'VM', value: vm },
      ];
      return { place: `azure vm ${vm}`, provider: 'azure', names };
    },
  },
};

/** The words after ssh's own options (`-A -o ForwardAgent=yes uptime` -> `uptime`), read with ssh's grammar. */
function sshCommandWords(words: readonly import('../../shell/ast').ArgWord[]): import('../../shell/ast').ArgWord[] {
  return parseCommand(words, { options: ssh.options, interspersed: false }).operands;
}

/** `az ssh vm -n VM -g GROUP [-- SSH_ARGS… COMMAND…]`: ssh into the VM; words after `--` that are not ssh options run there. */
const azSsh = {
  options: [valued('--ip'), valued('--local-user'), valued('--private-key-file'), valued('--public-key-file'), valued('--port'), valued('--resource-type'), valued('--certificate-file')],
  effect: 'exec' as const,
  runsElsewhere: {
    command: { text: 'computed' as const, of: (a: import('../types').ToolArgs) => sshCommandWords(a.parsed.command ?? a.parsed.operands) },
    loginShell: true,
    label: (a: import('../types').ToolArgs) => `az ssh vm ${a.value('-n', '--name', '--vm-name', '--ip') ?? ''}`.trim(),
    place: (a: import('../types').ToolArgs) => {
      const vm = a.value('-n', '--name', '--vm-name', '--ip') ?? 'a VM';
      const group = a.value('-g', '--resource-group');
      return { place: `azure vm ${vm}`, provider: 'azure', names: [...(group !== undefined ? [{ source: '--resource-group', value: group }] : []), { source: 'VM', value: vm }] };
    },
  },
};

const aksCommandInvoke = {
  options: [valued('--command', '-c'), valued('--file', '-f')],
  effect: 'exec' as const,
  runsElsewhere: {
    command: { text: 'option' as const, option: '--command' },
    label: () => 'az aks command invoke',
    place: (a: import('../types').ToolArgs) => {
      const cluster = a.value('-n', '--name') ?? 'an AKS cluster';
      const group = a.value('-g', '--resource-group');
      return { place: `aks ${cluster}`, provider: 'azure', names: [{ source: 'cluster', value: cluster }, ...(group !== undefined ? [{ source: '--resource-group', value: group }] : [])] };
    },
  },
};

/** `az postgres|mysql flexible-server execute -n server -d db -q 'SQL' | -f file.sql`: statements run on the server. */
const flexibleExecute = (engine: 'postgres' | 'mysql') => ({
  options: [valued('--querytext', '-q'), valued('--file-path', '-f'), valued('--admin-user', '-u'), valued('--admin-password', '-p'), valued('--database-name', '-d'), flag('--interactive')],
  effect: 'exec' as const,
  sql: {
    engine,
    statementOptions: ['--querytext'],
    fileOptions: ['--file-path'],
    database: (a: import('../types').ToolArgs) => [a.value('--name', '-n'), a.value('--database-name', '-d')].filter((x) => x !== undefined).join('/') || undefined,
  },
});

export const az: ToolSpec = {
  names: ['az'],
  family: 'cloud',
  locality: 'remote',
  provider: 'azure',
  label: 'Azure',
  help: { options: ['-h', '--help'] },
  options: [
    valued('--name', '-n'), valued('--resource-group', '-g'), valued('--subscription'), valued('--output', '-o'), valued('--query'),
    valued('--account-name'), valued('--account-key'), valued('--connection-string'), valued('--sas-token'),
    valued('--container-name', '-c'), valued('--source', '-s'), valued('--destination', '-d'), valued('--pattern'), valued('--mode'),
    valued('--template-file', '-f'), valued('--parameters', '-p'), valued('--location', '-l'), valued('--server'), valued('--vault-name'),
    valued('--workspace-name'), valued('--cluster-name'), valued('--ids'), valued('--database-name'), valued('--service-name'),
    valued('--template-uri'), valued('--resource-type'), valued('--namespace'), valued('--share-name'), valued('--vm-name'),
    valued('--command-id'), valued('--node-count'), valued('--nodepool-name'), ...AZ_SAFETY_OPTIONS.map((n) => valued(n)), ...AZ_ACCESS_OPTIONS.filter((n) => !AZ_SAFETY_OPTIONS.includes(n)).map((n) => valued(n)),
    ...AZ_OUTAGE_OPTIONS.filter((n) => !AZ_SAFETY_OPTIONS.includes(n) && !AZ_ACCESS_OPTIONS.includes(n)).map((n) => valued(n)),
    ...AZ_HANDOVER_OPTIONS,
    ...AZ_SERVING_OPTIONS.filter((n) => ![...AZ_SAFETY_OPTIONS, ...AZ_ACCESS_OPTIONS, ...AZ_OUTAGE_OPTIONS].includes(n)).map((n) => valued(n)),
    ...AZ_CONTROL_OPTIONS.filter((n) => ![...AZ_SAFETY_OPTIONS, ...AZ_ACCESS_OPTIONS, ...AZ_OUTAGE_OPTIONS, ...AZ_SERVING_OPTIONS].includes(n)).map((n) => valued(n)),
  ],
  commands: {
    vm: { commands: { 'run-command': { commands: { 'invoke|create': runCommand } } } },
    // `az aks command invoke -g rg -n cluster --command 'kubectl …'`: the command runs inside the cluster.
    aks: { commands: { command: { commands: { invoke: aksCommandInvoke } } } },
    containerapp: { commands: { exec: containerappExec } },
    ssh: { commands: { 'vm|arc|host': azSsh } },
    // `flexible-server connect` runs `-q` like `execute`, and with `--interactive` reads statements on standard input.
    postgres: { commands: { 'flexible-server': { commands: { 'execute|connect': flexibleExecute('postgres') } } } },
    mysql: { commands: { 'flexible-server': { commands: { 'execute|connect': flexibleExecute('mysql') } } } },
  },
  environmentFlags: ['--subscription', '--resource-group', '-g'],
  environmentVariables: ['AZURE_SUBSCRIPTION_ID'],
  scopeFlags: ['--resource-group', '-g'],
  scopeKind: 'resource',
  rules: [
    ...AZ_SAFETY_RULES,
    ...AZ_ACCESS_RULES,
    ...AZ_OUTAGE_RULES,
    ...AZ_HANDOVER_RULES,
    ...AZ_SERVING_RULES,
    ...AZ_CONTROL_RULES,
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
      id: 'az-aks-scale-zero', path: ['aks', /^(scale|nodepool)$/], kind: 'cluster', noun: 'AKS cluster', verb: 'scales to zero nodes',
      nameFlags: ['--cluster-name', '--name', '-n'], when: (p) => flagValues(p, ['--node-count', '-c']).some((v) => /^0+$/.test(v)),
      note: () => ': every workload on those nodes stops',
    },
    { id: 'az-aks-stop', path: ['aks', 'stop'], kind: 'cluster', noun: 'AKS cluster', verb: 'stops', nameFlags: ['--name', '-n'], note: () => ': every workload on it stops until it is started again' },
    { id: 'az-keyvault-purge', path: ['keyvault', 'purge'], kind: 'credential', noun: 'key vault', verb: 'permanently purges', nameFlags: ['--name', '-n'] },
    {
      id: 'az-storage-delete-batch', path: ['storage', /^(blob|file)$/, 'delete-batch'], kind: 'bucket', noun: 'storage container',
      verb: 'deletes many blobs in', nameFlags: ['--source', '-s'],
    },
  ],
  generic: {
    id: 'az-delete', verbs: /^(delete|delete-batch|purge|flush)$/, maxDepth: 4, exclude: ['extension', 'config', 'cache', 'cloud'],
    nameFlags: ['--name', '-n', '--ids', '--container-name', '-c', '--share-name'],
  },
};

export const azcopy: ToolSpec = {
  names: ['azcopy'],
  family: 'cloud',
  locality: 'remote',
  provider: 'azure',
  label: 'Azure',
  options: ['--delete-destination', '--include-pattern', '--exclude-pattern', '--log-level', '--from-to'].map((n) => valued(n)),
  // copy, sync and remove print what they would transfer or delete and change nothing.
  dryRun: ['--dry-run'],
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
