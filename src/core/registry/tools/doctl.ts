import type { ToolSpec } from '../types';
import { valued } from './options';
import { doctlComputeSsh } from './remoteShells';

/** DigitalOcean's doctl: `doctl <group…> <command> [flags]`, flags anywhere. */

export const doctl: ToolSpec = {
  names: ['doctl'],
  family: 'cloud',
  locality: 'remote',
  provider: 'digitalocean',
  label: 'DigitalOcean',
  options: [
    valued('--context'), valued('--access-token', '-t'), valued('--output', '-o'), valued('--format'), valued('--api-url', '-u'),
    valued('--config', '-c'), valued('--region'), valued('--tag-name'), valued('--project-id'),
  ],
  commands: { compute: { commands: { ssh: doctlComputeSsh } } },
  environmentFlags: ['--context'],
  environmentVariables: ['DIGITALOCEAN_CONTEXT'],
  rules: [
    // A record updated in place: traffic for the name goes where the new data points (docs.digitalocean.com, doctl compute domain records update).
    // Garbage collection deletes every blob no tag points to; with `--include-untagged-manifests` the untagged images too (docs.digitalocean.com, doctl registry garbage-collection start).
    // Stop 32: a new deployment of an App Platform app replaces what serves (`--force-rebuild` or not).
    { id: 'doctl-app-deploy', path: ['apps', 'create-deployment'], kind: 'app', noun: 'App Platform app', verb: 'deploys a new release over', namePositionals: 'first', productionOnly: true, note: () => ': what serves users is replaced at once' },
    { id: 'doctl-registry-gc', path: ['registry', 'garbage-collection|gc', 'start'], kind: 'repository', noun: 'container registry', verb: 'garbage-collects', namePositionals: 'first', defaultName: "the account's registry", note: () => ': unreferenced layers and manifests are deleted for good, and the registry is read-only while it runs' },
    // Round 8 (issue #18): a droplet powered off, rebuilt or restored over, or its backups turned off (docs.digitalocean.com, doctl compute droplet-action).
    { id: 'doctl-droplet-down', path: ['compute', 'droplet-action', /^(power-off|shutdown|power-cycle|reboot|rebuild|restore|resize)$/], kind: 'resource', noun: 'droplet', verb: 'takes down, rebuilds or restores over', namePositionals: 'first', note: (p) => (/^(rebuild|restore)$/.test(p.positionals[2]?.text ?? '') ? ': its disk is replaced, and whatever was written since is lost' : ': what it serves is down meanwhile') },
    { id: 'doctl-droplet-backups-off', path: ['compute', 'droplet-action', 'disable-backups'], kind: 'resource', noun: 'droplet', verb: 'turns off the backups of', namePositionals: 'first', note: () => ': a safety net is removed — no new backup is taken, and existing ones are deleted' },
    { id: 'doctl-dns-record-update', path: ['compute', 'domain', 'records', 'update'], kind: 'resource', noun: 'DNS record of', verb: 'replaces a', namePositionals: 'first', note: () => ': traffic for that name goes where the new record points' },
  ],
  generic: { id: 'doctl-delete', verbs: /^(delete|rm|del|delete-[a-z-]+)$/, maxDepth: 4, exclude: ['auth'] },
};
