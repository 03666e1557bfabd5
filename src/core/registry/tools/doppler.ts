import type { ToolSpec } from '../types';
import { valued } from './options';

/** Doppler: subcommands then flags, flags anywhere. */

export const doppler: ToolSpec = {
  names: ['doppler'],
  family: 'paas',
  locality: 'remote',
  provider: 'doppler',
  label: 'Doppler',
  options: ['-p', '--project', '-c', '--config', '--token', '--scope'].map((n) => valued(n)),
  environmentFlags: ['-c', '--config'],
  environmentVariables: ['DOPPLER_CONFIG', 'DOPPLER_ENVIRONMENT'],
  scopeFlags: ['-p', '--project'],
  scopeKind: 'project',
  rules: [
    { id: 'doppler-secrets-set', path: ['secrets', 'set|upload'], kind: 'credential', noun: 'secret', verb: 'overwrites', names: (_p, rest) => rest.map((w) => w.text.split('=')[0] ?? w.text), defaultName: 'the config\'s secrets' },
    { id: 'doppler-secrets-delete', path: ['secrets', 'delete|rm|remove|unset'], kind: 'credential', noun: 'secret', verb: 'deletes' },
  ],
  generic: { id: 'doppler-delete', verbs: /^(delete|rm|remove|unset)$/, maxDepth: 2, exclude: ['configure', 'login', 'logout', 'setup'] },
};
