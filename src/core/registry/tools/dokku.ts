import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Dokku: `dokku <topic:command> APP [args]` on the Dokku host (or through `ssh dokku@host`). Round 8
 * (issue #18): what takes an app out of service without a delete verb: every process of a type scaled
 * to zero, the app stopped or put into maintenance, its domains or config cleared. The verb floor still
 * judges the subcommands described nowhere here (`apps:destroy`, `postgres:unlink`, `config:show`).
 */

export const dokku: ToolSpec = {
  names: ['dokku'],
  family: 'paas',
  locality: 'remote',
  provider: 'dokku',
  label: 'Dokku',
  colonCommands: true,
  options: [valued('--app'), flag('--quiet'), flag('--trace'), flag('--force'), flag('--all'), flag('--parallel')],
  scopeFlags: ['--app'],
  scopeKind: 'app',
  rules: [
    { id: 'dokku-ps-scale-zero', path: ['ps', 'scale'], kind: 'app', noun: 'app', verb: 'scales to zero processes', namePositionals: 'first', when: (p) => p.positionals.slice(1).some((w) => /^[\w-]+=0+$/.test(w.text)), note: () => ': that process type stops serving' },
    { id: 'dokku-ps-stop', path: ['ps', 'stop'], kind: 'app', noun: 'app', verb: 'stops', namePositionals: 'first', defaultName: 'every app on the host', productionOnly: true, note: () => ': it stops serving until it is started again' },
    { id: 'dokku-maintenance-on', path: ['maintenance', 'enable|on'], kind: 'app', noun: 'app', verb: 'puts into maintenance mode', namePositionals: 'first', note: () => ': it stops serving its visitors' },
    { id: 'dokku-domains-clear', path: ['domains', 'clear|clear-global'], kind: 'app', noun: 'app', verb: 'removes every domain of', namePositionals: 'first', defaultName: 'every app on the host', note: () => ': traffic to those domains stops reaching it' },
    { id: 'dokku-config-clear', path: ['config', 'clear'], kind: 'credential', noun: 'app', verb: 'clears every environment variable of', namePositionals: 'first', note: () => ' and restarts it: the values are not kept' },
  ],
};
