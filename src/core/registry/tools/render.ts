import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/** Render: subcommands then flags, flags anywhere. */

export const render: ToolSpec = {
  names: ['render'],
  family: 'paas',
  locality: 'remote',
  provider: 'render',
  label: 'Render',
  options: ['-o', '--output'].map((n) => valued(n)),
  commands: {
    // `render psql DATABASE_ID [-c SQL | -f file]`: a psql session on a Render Postgres; statements given or fed on standard input run there.
    psql: {
      options: [valued('-c', '--command'), valued('-f', '--file')],
      effect: 'exec',
      sql: { engine: 'postgres', statementOptions: ['--command'], fileOptions: ['--file'], database: (a) => a.operand(0), shell: true },
    },
    // `render ssh SERVICE -- cmd`: the words after `--` run on the service's live instance (`--ephemeral` a fresh one).
    ssh: {
      options: [flag('--ephemeral', '-e')],
      commandAfterDashDash: true,
      effect: 'exec',
      runsElsewhere: {
        command: { argv: 'after-dashdash' },
        label: () => 'render ssh',
        place: (a) => {
          const service = a.operand(0) ?? 'a Render service';
          return { place: `render ${service}`, provider: 'render', names: [{ source: 'service', value: service }] };
        },
      },
    },
  },
  environmentFlags: [],
  rules: [
    // Stop 30 (round 11): a service's environment variable replaced (a database URL, a key): the old value is gone and the service restarts with the new one.
    { id: 'render-env-set', path: ['env|envvars|env-vars', 'set|put|update'], kind: 'credential', noun: 'environment variable', verb: 'overwrites', names: (_p, rest) => rest.map((w) => w.text.split('=')[0] ?? w.text), note: () => ' of the service: the old value is gone, and the service restarts with the new one' },
    { id: 'render-suspend', path: ['services', 'suspend'], kind: 'service', noun: 'service', verb: 'suspends', note: () => ': every request to it fails until it is resumed' },
  ],
  generic: { id: 'render-delete', verbs: /^(delete|destroy|rm|remove)$/, maxDepth: 1, exclude: ['login', 'logout', 'workspace'] },
};
