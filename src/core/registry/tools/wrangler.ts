import { hasFlag } from '../args';
import type { ToolSpec } from '../types';
import { valued } from './options';

/** Cloudflare Wrangler: subcommands then flags, flags anywhere. */

export const wrangler: ToolSpec = {
  names: ['wrangler'],
  family: 'paas',
  locality: 'remote',
  provider: 'cloudflare',
  label: 'Cloudflare',
  options: ['--env', '-e', '--config', '-c', '--name', '--binding', '--namespace-id', '--account-id', '--jurisdiction'].map((n) => valued(n)),
  environmentFlags: ['--env', '-e'],
  scopeFlags: ['--name'],
  scopeKind: 'service',
  rules: [
    {
      id: 'wrangler-delete-worker', path: ['delete'], kind: 'service', noun: 'Worker', verb: 'deletes', nameFlags: ['--name'],
      namePositionals: 'first', defaultName: 'the Worker named in wrangler.toml',
    },
  ],
  generic: { id: 'wrangler-delete', verbs: /^(delete|rm|remove)$/, maxDepth: 3, exclude: ['login', 'logout'], nameFlags: ['--name', '--binding', '--namespace-id'] },
  local: (p) => hasFlag(p, ['--local']) && !hasFlag(p, ['--remote']),
};
