import type { ToolSpec } from '../types';
import { valued } from './options';

/** Neon (neonctl): subcommands then flags, flags anywhere. */

export const neon: ToolSpec = {
  names: ['neonctl', 'neon'],
  family: 'paas',
  locality: 'remote',
  provider: 'neon',
  label: 'Neon',
  options: ['--project-id', '--org-id', '--api-key', '--context-file', '-o', '--output', '--branch', '--parent', '--database-name', '--role-name', '--source', '--config-dir'].map((n) => valued(n)),
  environmentFlags: ['--project-id', '--branch'],
  scopeFlags: ['--project-id'],
  scopeKind: 'project',
  rules: [
    { id: 'neon-projects-delete', path: ['projects|project', 'delete'], kind: 'project', noun: 'project', verb: 'deletes', note: () => ' with every branch and database in it' },
    { id: 'neon-branches-delete', path: ['branches|branch', 'delete'], kind: 'branch', noun: 'branch', verb: 'deletes' },
    { id: 'neon-branches-reset', path: ['branches|branch', 'reset'], kind: 'branch', noun: 'branch', verb: 'resets (discarding its changes)' },
    { id: 'neon-branches-restore', path: ['branches|branch', 'restore'], kind: 'branch', noun: 'branch', verb: 'overwrites', namePositionals: 'first' },
    // Round 8 (issue #18): another branch made the default one: the project's default endpoint and connection strings now serve its data.
    { id: 'neon-branches-set-default', path: ['branches|branch', 'set-default'], kind: 'branch', noun: 'project', verb: 'replaces the default (production) branch of', namePositionals: 'none', nameFlags: ['--project-id'], defaultName: 'the linked project', note: (p) => ` with ${p.positionals[2]?.text ?? 'another branch'}: applications on the default connection see that branch's data instead of the live one` },
    { id: 'neon-databases-delete', path: ['databases|database|db', 'delete'], kind: 'database', noun: 'database', verb: 'deletes' },
  ],
  generic: { id: 'neon-delete', verbs: /^(delete|reset|restore|remove|rm)$/, maxDepth: 1, exclude: ['auth', 'set-context'] },
};
