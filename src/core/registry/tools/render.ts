import type { ToolSpec } from '../types';
import { valued } from './options';

/** Render: subcommands then flags, flags anywhere. */

export const render: ToolSpec = {
  names: ['render'],
  family: 'paas',
  locality: 'remote',
  provider: 'render',
  label: 'Render',
  options: ['-o', '--output'].map((n) => valued(n)),
  environmentFlags: [],
  rules: [],
  generic: { id: 'render-delete', verbs: /^(delete|destroy|rm|remove)$/, maxDepth: 1, exclude: ['login', 'logout', 'workspace'] },
};
