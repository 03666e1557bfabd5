import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Heroku: `heroku <topic:command> [flags]`. `heroku run 'cmd' -a app` runs a command line on a one-off
 * dyno; once the command has started only the app option is read as heroku's (`rm -r /app` keeps -r).
 */

export const heroku: ToolSpec = {
  names: ['heroku'],
  family: 'paas',
  locality: 'remote',
  provider: 'heroku',
  label: 'Heroku',
  options: [valued('-a', '--app'), valued('-r', '--remote'), valued('--confirm'), valued('-t', '--team'), valued('-s', '--space'), valued('--source-app')],
  colonCommands: true,
  commands: {
    pg: {
      commands: {
        // `heroku pg:psql [DATABASE] -a app -c 'SQL' | -f file.sql`, or statements on standard input.
        psql: {
          options: [valued('-c', '--command'), valued('-f', '--file'), valued('--credential'), flag('-x', '--extended-display')],
          effect: 'exec',
          sql: { engine: 'postgres', statementOptions: ['--command'], fileOptions: ['--file'], database: (a) => a.operand(0) ?? a.value('--app'), shell: true },
        },
      },
    },
    redis: {
      commands: {
        // `heroku redis:cli [DATABASE] -a app`: a redis-cli session on the add-on; commands fed on standard input run
        // there. Its `-c` is `--confirm` (the app's name), but a command word given there is judged too: a
        // FLUSHALL in any of its words is read as sent.
        cli: {
          options: [valued('-c', '--confirm')],
          effect: 'exec',
          sql: { engine: 'redis', statementOptions: ['--confirm'], database: (a) => a.operand(0) ?? a.value('--app'), shell: true },
        },
      },
    },
    run: {
      options: [valued('-s', '--size'), valued('-e', '--env'), valued('--type')],
      interspersed: false,
      trailingOptions: ['-a', '--app'],
      effect: 'exec',
      runsElsewhere: {
        // The CLI joins the words, double-quoting those with a space or a quote (run/lib/helpers buildCommand).
        command: { text: 'operands', skip: 0, quoteSpaced: true },
        label: (a) => {
          const app = a.value('--app');
          return `heroku run${app !== undefined ? ' -a ' + app : ''}`;
        },
        place: (a) => {
          const app = a.value('--app');
          return { place: app !== undefined ? `heroku ${app}` : 'heroku (app of the git remote)', provider: 'heroku', names: app !== undefined ? [{ source: '--app', value: app }] : [] };
        },
      },
    },
  },
  environmentFlags: ['-r', '--remote'],
  environmentVariables: ['HEROKU_APP'],
  scopeFlags: ['-a', '--app', '--confirm'],
  scopeKind: 'app',
  rules: [
    { id: 'heroku-apps-destroy', path: ['apps', 'destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its add-ons and databases' },
    { id: 'heroku-destroy', path: ['destroy'], kind: 'app', noun: 'app', verb: 'destroys', note: () => ' with its add-ons and databases' },
    { id: 'heroku-maintenance-on', path: ['maintenance', 'on'], kind: 'app', noun: 'app', verb: 'puts into maintenance mode', namePositionals: 'none', defaultName: 'the app', note: () => ': it stops serving its visitors' },
    { id: 'heroku-pg-reset', path: ['pg', 'reset'], kind: 'database', noun: 'Postgres database', verb: 'erases every table in' },
    { id: 'heroku-pg-backups-unschedule', path: ['pg', 'backups', 'unschedule'], kind: 'database', noun: 'Postgres database', verb: 'stops the scheduled daily backups of', namePositionals: 'first', defaultName: 'the app\'s Postgres database', note: () => ': new data has no backup from then on' },
    { id: 'heroku-pg-backups-restore', path: ['pg', 'backups', 'restore'], kind: 'database', noun: 'Postgres database', verb: 'overwrites', namePositionals: 'last' },
    { id: 'heroku-pg-copy', path: ['pg', 'copy'], kind: 'database', noun: 'Postgres database', verb: 'overwrites', namePositionals: 'last' },
    // `heroku ps:scale web=0`: every dyno of that process type stops, so the app stops serving.
    { id: 'heroku-ps-scale-zero', path: ['ps', 'scale'], kind: 'app', noun: 'app', verb: 'scales to zero dynos', namePositionals: 'none', defaultName: 'the app', when: (p) => p.positionals.some((w) => /^[\w-]+=0+(:[\w-]+)?$/.test(w.text)), note: () => ': that process type stops serving' },
    { id: 'heroku-domains-clear', path: ['domains', 'clear'], kind: 'app', noun: 'app', verb: 'removes every custom domain of', namePositionals: 'none', defaultName: 'the app', note: () => ': traffic to those domains stops reaching it' },
    { id: 'heroku-pg-promote', path: ['pg', 'promote'], kind: 'database', noun: 'Postgres database', verb: 'makes DATABASE_URL point to', namePositionals: 'first', note: () => ': the app switches databases (the one it used is no longer its primary)' },
    { id: 'heroku-pg-backups-cancel', path: ['pg', 'backups', 'cancel'], kind: 'database', noun: 'Postgres database', verb: 'cancels the running backup of', namePositionals: 'first', defaultName: 'the app\'s Postgres database', note: () => ': no copy is kept from it' },
    // Round 8 (issue #18 item 3): database administration that takes the database away for a while or changes who may sign in (devcenter.heroku.com/articles/heroku-postgres-*).
    { id: 'heroku-pg-upgrade', path: ['pg', 'upgrade'], kind: 'database', noun: 'Postgres database', verb: 'upgrades in place (the database is unavailable meanwhile, and followers are left behind)', namePositionals: 'first', defaultName: 'the app\'s Postgres database' },
    { id: 'heroku-pg-maintenance-run', path: ['pg', 'maintenance', 'run'], kind: 'database', noun: 'Postgres database', verb: 'runs the pending maintenance of', namePositionals: 'first', defaultName: 'the app\'s Postgres database', note: () => ' now (the database goes down and comes back on new hardware)' },
    { id: 'heroku-pg-credentials-rotate', path: ['pg', 'credentials', 'rotate'], kind: 'credential', noun: 'Postgres credentials', verb: 'rotates', namePositionals: 'first', defaultName: 'the app\'s Postgres database', note: () => ': connections using the old password are cut and clients must restart' },
    { id: 'heroku-pg-unfollow', path: ['pg', 'unfollow'], kind: 'database', noun: 'Postgres follower', verb: 'stops following its leader (for good)', namePositionals: 'first' },
    { id: 'heroku-pg-settings', path: ['pg', 'settings'], kind: 'database', noun: 'Postgres database', verb: 'changes the settings of', namePositionals: 'first', defaultName: 'the app\'s Postgres database', when: (p) => p.positionals.length > 2 },
    { id: 'heroku-addons-destroy', path: ['addons', 'destroy|remove|delete'], kind: 'resource', noun: 'add-on', verb: 'destroys' },
    // Round 6 (issue #18): a config var given a new value: the app restarts with it, and the value it worked with is gone.
    { id: 'heroku-config-set', path: ['config', 'set|add'], kind: 'credential', noun: 'config var', verb: 'overwrites', names: (_p, rest) => rest.map((w) => w.text.split('=')[0] ?? w.text), note: () => ' and restarts the app with the new value: the old one is not kept' },
    // Round 8 (issue #18): an app handed to another owner, the live release rolled back, the buildpacks cleared (the next build has nothing to build with).
    { id: 'heroku-apps-transfer', path: ['apps', 'transfer'], kind: 'app', noun: 'app', verb: 'transfers to another owner', namePositionals: 'none', defaultName: 'the app', note: (p) => `${p.positionals[2] !== undefined ? ` (${p.positionals[2].text})` : ''}: that owner decides who keeps access, and it cannot be taken back from here` },
    { id: 'heroku-releases-rollback', path: ['releases', 'rollback'], kind: 'app', noun: 'app', verb: 'rolls back the live release of', namePositionals: 'none', defaultName: 'the app', productionOnly: true, note: () => ': an older build and its config serve the users at once' },
    // Stop 32 (red team round 15): `container:release` makes the pushed images the app's live release.
    { id: 'heroku-container-release', path: ['container', 'release'], kind: 'app', noun: 'app', verb: 'releases the pushed images as the live release of', namePositionals: 'none', defaultName: 'the app', productionOnly: true, note: () => ': every dyno runs them at once' },
    { id: 'heroku-rollback', path: ['rollback'], kind: 'app', noun: 'app', verb: 'rolls back the live release of', namePositionals: 'none', defaultName: 'the app', productionOnly: true, note: () => ': an older build and its config serve the users at once' },
    { id: 'heroku-buildpacks-clear', path: ['buildpacks', 'clear'], kind: 'app', noun: 'app', verb: 'clears every buildpack of', namePositionals: 'none', defaultName: 'the app', note: () => ': the next deploy has nothing to build the app with' },
    { id: 'heroku-config-unset', path: ['config', 'unset|remove'], kind: 'credential', noun: 'config var', verb: 'unsets' },
  ],
  generic: { id: 'heroku-destroy-generic', verbs: /^(destroy|delete|remove|reset|unset|rm|kill|killall|revoke)$/, maxDepth: 2, exclude: ['run', 'local', 'plugins', 'auth', 'login', 'logout', 'git', 'autocomplete'] },
};
