import type { ToolSpec } from '../types';
import { valued } from './options';

/** PlanetScale (pscale): subcommands then flags, flags anywhere. */

export const pscale: ToolSpec = {
  names: ['pscale'],
  family: 'paas',
  locality: 'remote',
  provider: 'planetscale',
  label: 'PlanetScale',
  options: ['--org', '--service-token', '--service-token-id', '-f', '--format', '--config'].map((n) => valued(n)),
  commands: {
    // `pscale shell DATABASE BRANCH` opens a MySQL shell on the branch; statements piped or redirected into it run there.
    shell: {
      options: [valued('--local-addr'), valued('--role'), valued('--remote-addr'), valued('--execute', '-e')],
      effect: 'exec',
      sql: {
        engine: 'mysql',
        // The MySQL client's `--execute`, passed through by the shell.
        statementOptions: ['--execute'],
        database: (a) => [a.operand(0), a.operand(1)].filter((x) => x !== undefined).join('/') || undefined,
        // A database's default branch, `main`, is its production branch.
        environmentHints: (a) => (a.operand(1) === 'main' ? [{ source: 'production branch', value: 'production' }] : []),
        shell: true,
      },
    },
  },
  environmentFlags: ['--org'],
  scopeKind: 'database',
  rules: [
    { id: 'pscale-database-delete', path: ['database|db', 'delete'], kind: 'database', noun: 'database', verb: 'deletes', namePositionals: 'first' },
    // Round 6 (issue #18): the production branch's protections taken away, a deploy request shipped to it.
    { id: 'pscale-safe-migrations-off', path: ['branch', 'safe-migrations', 'disable'], kind: 'branch', noun: 'database branch', verb: 'turns off safe migrations on', namePositionals: 'joined', note: () => ': a safety net is removed — schema changes reach it directly, dropping columns and tables included' },
    { id: 'pscale-branch-demote', path: ['branch', 'demote'], kind: 'branch', noun: 'production branch', verb: 'demotes', namePositionals: 'joined', note: () => ': a safety net is removed — it loses its backups schedule and direct-DDL protection' },
    { id: 'pscale-deploy-request-deploy', path: ['deploy-request|dr', 'deploy'], kind: 'database', noun: 'database', verb: 'deploys schema changes to the production branch of', namePositionals: 'first' },
    // Stop 30 (round 11): a dump restored into a branch writes its tables over what is there.
    { id: 'pscale-restore-dump', path: ['database|db', 'restore-dump'], kind: 'database', noun: 'database', verb: 'restores a dump over', namePositionals: 'joined', note: () => ': tables in the dump replace those of the same name' },
    { id: 'pscale-branch-delete', path: ['branch', 'delete'], kind: 'branch', noun: 'database branch', verb: 'deletes', namePositionals: 'joined' },
  ],
  generic: { id: 'pscale-delete', verbs: /^(delete|rm)$/, maxDepth: 1, exclude: ['auth'] },
};
