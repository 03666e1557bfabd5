import type { ToolSpec } from '../types';
import { flagValues, hasFlag } from '../args';
import { flag, valuedEach } from './options';

/**
 * HashiCorp Nomad and Consul (issue #18, round 7): what takes a service down without a delete verb —
 * a job stopped or scaled to zero, a node drained, an agent leaving the cluster or put in maintenance,
 * a Raft peer removed. Deletes, purges and secret reads stay the verb floor's (`FLOOR_WHOLE`).
 * Read-only commands (`status`, `plan`, `members`, `kv get` of one key) stay allowed.
 */

const common = [
  ...valuedEach('-address', '-region', '-namespace', '-token', '-ca-cert', '-ca-path', '-client-cert', '-client-key', '-tls-server-name', '-http-addr', '-datacenter', '-partition', '-output', '-verbose'),
  flag('-tls-skip-verify'), flag('-detach'), flag('-yes'), flag('-purge'), flag('-global'), flag('-json'), flag('-enable'), flag('-disable'), flag('-force'), flag('-self'), flag('-no-deadline'), flag('-ignore-system'), flag('-keep-ineligible'),
  ...valuedEach('-deadline', '-reason', '-service-id', '-t', '-meta', '-group', '-task'),
  // `nomad job run`'s own (policy/handlers/batchSchedulers.ts reads the job file after them).
  ...valuedEach('-var', '-var-file', '-check-index', '-consul-token', '-vault-token', '-eval-priority'),
];

const ADDRESS = ['-address', '-http-addr', '-region', '-namespace', '-datacenter'];

export const nomad: ToolSpec = {
  names: ['nomad'],
  family: 'cloud',
  locality: 'remote',
  provider: 'nomad',
  label: 'Nomad',
  options: common,
  environmentFlags: ADDRESS,
  environmentVariables: ['NOMAD_ADDR', 'NOMAD_NAMESPACE', 'NOMAD_REGION'],
  rules: [
    // Stop 33 (red team round 18): `nomad job run FILE` (and `nomad run`) deploys the job: its new version replaces what the allocations run. `-check-index`-less plans stay `job plan`.
    { id: 'nomad-job-run', path: ['job', 'run'], kind: 'service', noun: 'job', verb: 'deploys', namePositionals: 'first', productionOnly: true, when: (p) => !hasFlag(p, ['-output', '-h', '-help']), note: () => ': its new version replaces what the allocations run at once' },
    { id: 'nomad-job-run', path: ['run'], kind: 'service', noun: 'job', verb: 'deploys', namePositionals: 'first', productionOnly: true, when: (p) => !hasFlag(p, ['-output', '-h', '-help']), note: () => ': its new version replaces what the allocations run at once' },
    { id: 'nomad-job-stop', path: ['job|stop', 'stop|*'], kind: 'service', noun: 'job', verb: 'stops every allocation of', namePositionals: 'first', when: (p) => (p.positionals[0]?.text === 'stop' || p.positionals[1]?.text === 'stop') && !hasFlag(p, ['-purge']), note: () => ': the service it runs is down until the job is run again' },
    { id: 'nomad-job-scale-zero', path: ['job', 'scale'], kind: 'service', noun: 'job', verb: 'scales to zero', namePositionals: 'first', when: (p) => p.positionals.at(-1)?.text === '0', note: () => ': every instance of the group stops' },
    { id: 'nomad-node-drain', path: ['node', 'drain|eligibility'], kind: 'resource', noun: 'node', verb: 'drains or makes ineligible', namePositionals: 'first', when: (p) => hasFlag(p, ['-enable']) && p.positionals[1]?.text === 'drain' || hasFlag(p, ['-disable']) && p.positionals[1]?.text === 'eligibility', note: (p) => `: its allocations are moved off${flagValues(p, ['-deadline']).some((d) => /^\d+(ms|s)$/.test(d)) ? ' almost at once (a short -deadline kills what has not moved)' : ''}` },
    { id: 'nomad-raft-remove', path: ['operator', 'raft', 'remove-peer'], kind: 'cluster', noun: 'Nomad server', verb: 'removes from the Raft quorum', namePositionals: 'none', defaultName: 'a Raft peer' },
  ],
};

export const consul: ToolSpec = {
  names: ['consul'],
  family: 'cloud',
  locality: 'remote',
  provider: 'consul',
  label: 'Consul',
  options: common,
  environmentFlags: ADDRESS,
  environmentVariables: ['CONSUL_HTTP_ADDR'],
  rules: [
    { id: 'consul-leave', path: ['leave'], kind: 'cluster', noun: 'agent', verb: 'takes out of the cluster', namePositionals: 'none', defaultName: 'the Consul agent it reaches', note: () => ': the services registered with it drop out of discovery and health checks' },
    { id: 'consul-force-leave', path: ['force-leave'], kind: 'cluster', noun: 'node', verb: 'forces out of the cluster', namePositionals: 'first' },
    { id: 'consul-maint', path: ['maint'], kind: 'service', noun: 'node or service', verb: 'puts into maintenance (out of discovery)', namePositionals: 'none', nameFlags: ['-service-id'], defaultName: 'the node', when: (p) => hasFlag(p, ['-enable']) },
    { id: 'consul-raft-remove', path: ['operator', 'raft', 'remove-peer'], kind: 'cluster', noun: 'Consul server', verb: 'removes from the Raft quorum', namePositionals: 'none', defaultName: 'a Raft peer' },
  ],
};
