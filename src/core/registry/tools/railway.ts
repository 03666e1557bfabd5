import type { ToolSpec } from '../types';
import { flagValues } from '../args';
import { railwayLinkHints } from './linkedProjects';
import { valued } from './options';

/** Railway: `railway [flags] <command>`; `railway run cmd` runs cmd here with the linked environment's variables. */

const DESTROY = /^(delete|destroy|remove|rm|unset)$/;

export const railway: ToolSpec = {
  names: ['railway'],
  family: 'paas',
  locality: 'remote',
  provider: 'railway',
  label: 'Railway',
  options: [valued('-e', '--environment'), valued('-s', '--service'), valued('-p', '--project'), valued('-v', '--volume'), valued('-d', '--deployment')],
  commands: {
    'variables|variable|vars': { options: [valued('--set')] },
    // `railway connect [SERVICE]` opens the database shell of a service (psql, mysql, redis-cli, mongosh); fed a
    // here-string, a pipe or a file, it runs those statements.
    connect: {
      effect: 'exec',
      sql: {
        engine: (a) => {
          const service = (a.operand(0) ?? '').toLowerCase();
          return /redis|valkey/.test(service) ? 'redis' : /mongo/.test(service) ? 'mongodb' : /mysql|maria/.test(service) ? 'mysql' : /postgres|pg|psql/.test(service) ? 'postgres' : 'database';
        },
        database: (a) => a.operand(0),
        shell: true,
        // Round 25: a project's first environment is named production; nothing naming another, that is where the shell opens.
        defaultEnvironment: 'production',
      },
    },
    // `railway ssh [COMMAND…]`: the words run in the service's live container (`-s` service, `-e` environment).
    ssh: {
      interspersed: false,
      effect: 'exec',
      runsElsewhere: {
        command: { text: 'operands', skip: 0 },
        loginShell: true,
        label: (a) => {
          const service = a.value('-s', '--service');
          return service !== undefined ? `railway ssh -s ${service}` : 'railway ssh';
        },
        place: (a) => {
          const service = a.value('-s', '--service');
          const environment = a.value('-e', '--environment');
          const names = [
            ...(environment !== undefined ? [{ source: '--environment', value: environment }] : []),
            ...(service !== undefined ? [{ source: '--service', value: service }] : []),
          ];
          return { place: `railway ${service ?? '(linked service)'}`, provider: 'railway', names };
        },
      },
    },
    run: {
      interspersed: false,
      effect: 'exec',
      runsElsewhere: {
        // The command runs on this machine, with the environment's DATABASE_URL and tokens.
        command: { argv: 'operands', skip: 0 },
        place: () => undefined,
        label: (a) => {
          const environment = a.value('-e', '--environment');
          return environment !== undefined ? `railway run -e ${environment}` : 'railway run';
        },
      },
    },
  },
  environmentFlags: ['-e', '--environment'],
  environmentVariables: ['RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME'],
  scopeFlags: ['-s', '--service', '-p', '--project'],
  scopeKind: 'service',
  rules: [
    // Round 7 re-attack: a deploy to the linked environment, unless something names it as not production.
    { id: 'railway-up', path: ['up|redeploy|deploy'], kind: 'service', noun: 'service', verb: 'deploys a new release over', namePositionals: 'none', defaultName: 'the linked service', productionOnly: true, note: () => ': what serves users is replaced at once, with nothing reviewed first' },
    { id: 'railway-volume-delete', path: ['volume|volumes', 'delete|rm|remove'], kind: 'volume', noun: 'volume', verb: 'deletes', nameFlags: ['-v', '--volume'] },
    {
      id: 'railway-environment-delete', path: ['environment|env', 'delete|rm|remove'], kind: 'environment', noun: 'environment',
      verb: 'deletes', nameFlags: ['-e', '--environment'], note: () => ' with every service, volume and variable in it',
    },
    { id: 'railway-service-delete', path: ['service|services', 'delete|rm|remove'], kind: 'service', noun: 'service', verb: 'deletes' },
    // `railway variables --set KEY=VALUE` replaces the value the linked service runs with (and redeploys it).
    {
      id: 'railway-variable-set', path: ['variables|variable|vars'], kind: 'credential', noun: 'variable', verb: 'overwrites',
      names: (p) => flagValues(p, ['--set']).map((v) => v.split('=')[0] ?? v), when: (p) => flagValues(p, ['--set']).length > 0,
    },
    { id: 'railway-variable-delete', path: ['variables|variable|vars', 'delete|rm|remove|unset'], kind: 'credential', noun: 'variable', verb: 'deletes' },
    {
      id: 'railway-project-delete', path: ['delete'], kind: 'project', noun: 'project', verb: 'deletes', nameFlags: ['-p', '--project'],
      defaultName: 'the linked Railway project', namePositionals: 'none',
    },
    // Round 7 (issue #18): a shell holding the service's variables (its secrets); what is typed there never passes the guard.
    {
      id: 'railway-shell', path: ['shell'], kind: 'credential', noun: 'service', verb: 'opens an interactive shell holding every variable of',
      nameFlags: ['-s', '--service'], defaultName: 'the linked Railway service', namePositionals: 'none', note: () => ': what is typed there runs without passing the guard',
    },
    {
      id: 'railway-down', path: ['down'], kind: 'service', noun: 'service', verb: 'removes the latest deployment of',
      nameFlags: ['-s', '--service'], defaultName: 'the linked Railway service', namePositionals: 'none',
    },
  ],
  generic: { id: 'railway-delete', verbs: DESTROY, maxDepth: 1, exclude: ['run', 'shell', 'ssh', 'logout', 'unlink'] },
  contextHints: railwayLinkHints,
};
