import type { ToolSpec } from '../types';
import { flyAppHints } from './linkedProjects';
import { flag, valued } from './options';
import { flagValues, hasFlag } from '../args';
import type { CommandSpec, ToolArgs } from '../types';
import type { RemoteContext } from '../../policy/types';

/** `fly postgres connect -a app [-d db]`: a psql session on the cluster; statements fed on standard input run there. */
const postgresConnect: CommandSpec = {
  commands: {
    connect: {
      options: [valued('-d', '--database'), valued('-u', '--user')],
      effect: 'exec',
      sql: { engine: 'postgres', database: (a) => a.value('--database') ?? a.value('--app'), shell: true },
    },
  },
};

/** Fly.io: `fly|flyctl <command…> [flags]`, flags anywhere; `ssh console -C cmd` runs cmd on a machine. */

/** The app a command reaches: `-a`, else the app of fly.toml. */
function appPlace(a: ToolArgs): RemoteContext {
  const app = a.value('--app');
  return { place: app !== undefined ? `fly ${app}` : 'fly (app of fly.toml)', provider: 'fly', names: app !== undefined ? [{ source: '--app', value: app }] : [] };
}

const DESTROY = /^(delete|destroy|remove|rm|unset|kill)$/;

export const fly: ToolSpec = {
  names: ['fly', 'flyctl'],
  family: 'paas',
  locality: 'remote',
  provider: 'fly',
  label: 'Fly.io',
  options: [
    valued('-a', '--app'), valued('-c', '--config'), valued('-r', '--region'), valued('-o', '--org'), valued('-t', '--access-token'),
    valued('--image'), valued('--machine'), valued('--cluster'), flag('--build-only'), flag('--remote-only'), flag('--local-only'),
  ],
  commands: {
    'postgres|pg|mpg': postgresConnect,
    ssh: {
      commands: {
        console: {
          // `-s/--select` is a switch (pick the machine from a list): it takes no value (fly.io/docs/flyctl/ssh-console).
          options: [valued('-C', '--command'), valued('-u', '--user'), valued('-A', '--address'), valued('--process-group'), flag('-s', '--select'), flag('--pty'), flag('-q', '--quiet')],
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'option', option: '--command' },
            label: (a) => `${a.name} ssh console`,
            loginShell: true,
            place: appPlace,
          },
        },
      },
    },
    // `fly machine exec [machine-id] <command>`: the command runs on that machine (fly.io/docs/flyctl/machine-exec); without an id, one is picked.
    'machine|machines|m': {
      commands: {
        exec: {
          options: [valued('--timeout'), flag('-j', '--json')],
          effect: 'exec',
          runsElsewhere: {
            command: { text: 'computed', of: (a) => a.parsed.operands.slice(a.parsed.operands.length > 1 ? 1 : 0) },
            label: (a) => `${a.name} machine exec${a.parsed.operands.length > 1 ? ` ${a.operand(0)!}` : ''}`,
            when: (a) => a.operand(0) !== undefined,
            place: appPlace,
          },
        },
      },
    },
  },
  environmentFlags: [],
  environmentVariables: ['FLY_APP'],
  scopeFlags: ['-a', '--app'],
  scopeKind: 'app',
  rules: [
    // Round 7 (issue #18): a deploy to an app named production replaces what serves its users, with nothing reviewed first.
    // Round 7 re-attack: any deploy whose app nothing names as not production (the app of fly.toml is usually the live one); `--build-only` ships nothing.
    { id: 'fly-deploy-production', path: ['deploy'], kind: 'app', noun: 'app', verb: 'deploys a new release over the live machines of', namePositionals: 'none', defaultName: 'the app of fly.toml', productionOnly: true, when: (p) => !hasFlag(p, ['--build-only']) },
    { id: 'fly-apps-destroy', path: ['apps|app', 'destroy|delete|remove|rm'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its machines and volumes' },
    { id: 'fly-destroy', path: ['destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its machines and volumes' },
    { id: 'fly-volumes-destroy', path: ['volumes|volume|vol', 'destroy|delete|remove|rm'], kind: 'volume', noun: 'volume', verb: 'destroys' },
    { id: 'fly-machine-destroy', path: ['machine|machines|m', 'destroy|remove|rm'], kind: 'resource', noun: 'machine', verb: 'destroys' },
    // Round 7 re-attack: a database detached (the app loses DATABASE_URL and its user), an address released (nobody gets it back), an app moved to another organization.
    { id: 'fly-postgres-detach', path: ['postgres|pg|mpg', 'detach'], kind: 'database', noun: 'Postgres cluster', verb: 'detaches from the app', namePositionals: 'first', defaultName: 'the attached cluster', note: () => ': the app loses its DATABASE_URL secret and database user, and stops reaching its data' },
    { id: 'fly-ips-release', path: ['ips|ip', 'release'], kind: 'resource', noun: 'IP address', verb: 'releases', note: () => ': DNS records pointing at it stop reaching the app, and the address cannot be claimed back' },
    { id: 'fly-apps-move', path: ['apps|app', 'move'], kind: 'app', noun: 'app', verb: 'moves to another organization', namePositionals: 'first', note: () => ': that organization decides who keeps access' },
    // Round 8: the primary moved to another machine (connections cut; a lagging replica can lose writes), or every member restarted.
    { id: 'fly-postgres-failover', path: ['postgres|pg|mpg', 'failover|restart'], kind: 'database', noun: 'Postgres cluster', verb: 'fails over or restarts', namePositionals: 'none', defaultName: 'the app\'s Postgres cluster', note: () => ': every connection is cut, and writes not yet on the new primary are lost' },
    { id: 'fly-postgres-destroy', path: ['postgres|pg|mpg', 'destroy|delete'], kind: 'database', noun: 'Postgres cluster', verb: 'destroys' },
    { id: 'fly-scale-count-zero', path: ['scale', 'count'], kind: 'app', noun: 'app', verb: 'scales to zero machines', namePositionals: 'none', defaultName: 'the app', when: (p) => p.positionals.slice(2).some((w) => /^([\w-]+=)?0+$/.test(w.text)), note: () => ': it stops serving' },
    // Round 8 (issue #18): machines stopped or suspended, and memory cut below what an app can start in.
    { id: 'fly-machine-stop', path: ['machine|machines|m', 'stop|suspend'], kind: 'app', noun: 'app', verb: 'stops machines of', namePositionals: 'none', defaultName: 'the app of fly.toml', productionOnly: true, note: (p) => `${hasFlag(p, ['--all']) ? ' (every machine)' : ''}: what they serve is down until they are started again` },
    { id: 'fly-scale-memory-cut', path: ['scale', 'memory|vm'], kind: 'app', noun: 'app', verb: 'cuts the memory of every machine of', namePositionals: 'none', defaultName: 'the app of fly.toml', productionOnly: true, when: (p) => p.positionals.slice(2).some((w) => /^\d+$/.test(w.text) && Number(w.text) < 256) || flagValues(p, ['--vm-memory', '--memory']).some((v) => /^\d+$/.test(v) && Number(v) < 256), note: () => ': the machines restart with it, and an app that needs more is killed for lack of memory' },
    { id: 'fly-secrets-set', path: ['secrets|secret', 'set|import'], kind: 'credential', noun: 'secret', verb: 'overwrites', names: (_p, rest) => rest.map((w) => w.text.split('=')[0] ?? w.text), note: () => ' and redeploys the app' },
    // Stop 30 (round 11): a Redis password reset cuts off every client holding the old URL; a database imported over the cluster's own.
    { id: 'fly-redis-reset', path: ['redis', 'reset'], kind: 'credential', noun: 'Upstash Redis database', verb: 'resets the password of', namePositionals: 'first', note: () => ': every app still using the old connection URL is cut off' },
    { id: 'fly-postgres-import', path: ['postgres|pg|mpg', 'import'], kind: 'database', noun: 'Postgres cluster', verb: 'imports a database over', namePositionals: 'none', nameFlags: ['-a', '--app'], defaultName: 'the app\'s Postgres cluster', note: () => ': tables it brings replace those of the same name' },
    { id: 'fly-secrets-unset', path: ['secrets|secret', 'unset'], kind: 'credential', noun: 'secret', verb: 'unsets' },
  ],
  generic: { id: 'fly-destroy-generic', verbs: DESTROY, maxDepth: 2, exclude: ['auth', 'ssh', 'console'] },
  contextHints: flyAppHints,
};
