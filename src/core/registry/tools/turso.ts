import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Turso (libSQL): `turso db shell DATABASE [SQL]` runs the statement given, or those on standard
 * input; `turso db destroy DATABASE` deletes a database and its replicas.
 */

export const turso: ToolSpec = {
  names: ['turso'],
  family: 'paas',
  locality: 'remote',
  provider: 'turso',
  label: 'Turso',
  options: [valued('--org'), valued('-c', '--config-path'), flag('-y', '--yes'), flag('--json')],
  commands: {
    'db|database': {
      options: [valued('--group'), valued('--location'), valued('--from-db'), valued('--from-dump'), valued('--from-file'), valued('--timestamp')],
      commands: {
        shell: {
          options: [valued('--instance'), valued('--location'), flag('--proxy')],
          effect: 'exec',
          sql: { engine: 'sqlite', statementOperand: 1, database: (a) => a.operand(0), shell: true },
        },
        'show|inspect': { effect: 'read', resourceOperand: 0 },
      },
    },
  },
  environmentFlags: ['--org'],
  scopeKind: 'database',
  rules: [
    { id: 'turso-db-destroy', path: ['db|database', 'destroy|delete|rm'], kind: 'database', noun: 'database', verb: 'destroys', note: () => ' with its replicas' },
    { id: 'turso-group-destroy', path: ['group|groups', 'destroy|delete|rm'], kind: 'resource', noun: 'group', verb: 'destroys', note: () => ' with every database in it' },
    { id: 'turso-org-destroy', path: ['org', 'destroy|delete'], kind: 'project', noun: 'organization', verb: 'destroys' },
  ],
  generic: { id: 'turso-destroy', verbs: /^(destroy|delete|rm|remove|invalidate)$/, maxDepth: 2, exclude: ['auth', 'config', 'plan'] },
};
