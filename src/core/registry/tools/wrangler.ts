import { flagValues, hasFlag } from '../args';
import { environmentOfName } from '../../policy/production';
import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/** Cloudflare Wrangler: subcommands then flags, flags anywhere. */

export const wrangler: ToolSpec = {
  names: ['wrangler'],
  family: 'paas',
  locality: 'remote',
  provider: 'cloudflare',
  label: 'Cloudflare',
  options: [...['--env', '-e', '--config', '-c', '--name', '--binding', '--namespace-id', '--account-id', '--jurisdiction', '--file', '-f', '--path', '--ttl', '--expiration', '--metadata', '--project-name', '--branch', '--commit-hash', '--commit-message'].map((n) => valued(n)), flag('--local'), flag('--remote'), flag('--preview')],
  commands: {
    d1: {
      options: [flag('--remote'), flag('--local'), flag('--preview'), flag('-y', '--yes'), flag('--json'), valued('--persist-to')],
      commands: {
        // Since Wrangler 3 `d1 execute` runs against the local copy unless `--remote` is given.
        execute: {
          options: [valued('--command'), valued('--file')],
          effect: 'exec',
          sql: {
            engine: 'sqlite',
            statementOptions: ['--command'],
            fileOptions: ['--file'],
            database: (a) => a.operand(0),
            local: (a) => !a.has('--remote') && !a.has('--preview'),
            emulatorCopy: true,
          },
        },
        export: { options: [valued('--output'), valued('--table'), flag('--no-data'), flag('--no-schema')], effect: 'read', resourceOperand: 0 },
        info: { effect: 'read', resourceOperand: 0 },
        insights: { effect: 'read', resourceOperand: 0 },
        migrations: { commands: { list: { effect: 'read', resourceOperand: 0 }, apply: { effect: 'mutate', resourceOperand: 0 }, create: { effect: 'mutate' } } },
        'time-travel': {
          options: [valued('--timestamp'), valued('--bookmark')],
          commands: { info: { effect: 'read', resourceOperand: 0 }, restore: { effect: 'delete', resourceOperand: 0 } },
        },
      },
    },
  },
  environmentFlags: ['--env', '-e'],
  scopeFlags: ['--name'],
  scopeKind: 'service',
  rules: [
    // Stop 33 (red team round 18): Worker versions (gradual deployments): `versions deploy` sends a version traffic; `versions upload` only stores one.
    { id: 'wrangler-versions-deploy', path: ['versions', 'deploy'], kind: 'service', noun: 'Worker', verb: 'sends traffic to a new version of', namePositionals: 'none', defaultName: 'the Worker of wrangler.toml', productionOnly: true, when: (p) => !hasFlag(p, ['--dry-run']), note: () => ': the users it serves get that version at once' },
    { id: 'wrangler-deploy', path: ['deploy|publish'], kind: 'service', noun: 'Worker', verb: 'deploys a new version over', namePositionals: 'none', defaultName: 'the Worker of wrangler.toml', productionOnly: true, when: (p) => !hasFlag(p, ['--dry-run']), note: () => ': what serves users is replaced at once, with nothing reviewed first' },
    // Stop 33 (red team round 16): `pages deploy DIR` publishes the folder as the project's site; without `--branch` (or with
    // the production branch's name) it is the production deployment. A preview branch (`--branch feature-x`) stays allowed.
    { id: 'wrangler-pages-deploy', path: ['pages', 'deploy|publish'], kind: 'service', noun: 'Pages project', verb: 'publishes the folder as the site of', namePositionals: 'none', nameFlags: ['--project-name'], defaultName: 'the Pages project of this folder', productionOnly: true, when: (p) => flagValues(p, ['--branch']).every((b) => /^(main|master|prod|production|live|release)$/i.test(b)), note: () => ': the production deployment is replaced at once, and everyone who opens the site gets it' },
    // Round 7 (issue #18): a deploy to the production environment replaces the live Worker, with nothing reviewed first.
    { id: 'wrangler-deploy-production', path: ['deploy|publish'], kind: 'service', noun: 'Worker', verb: 'deploys a new version over', namePositionals: 'none', defaultName: 'the live Worker of this project', when: (p) => !hasFlag(p, ['--dry-run']) && flagValues(p, ['--env', '-e']).some((v) => environmentOfName(v) === 'production') },
    // Round 8: pending migrations applied to the remote D1 database (a migration may drop or rewrite tables); the local copy (the default) is routine.
    { id: 'wrangler-d1-migrations-apply', path: ['d1', 'migrations', 'apply'], kind: 'database', noun: 'D1 database', namePositionals: 'first', verb: 'applies pending migrations (which may drop or rewrite tables) to', productionOnly: true, when: (p) => hasFlag(p, ['--remote', '--preview']) },
    {
      id: 'wrangler-d1-time-travel-restore', path: ['d1', 'time-travel', 'restore'], kind: 'database', noun: 'D1 database', namePositionals: 'first',
      verb: 'rolls back, discarding every write made after the restore point to,',
    },
    // KV and R2 writes that replace what a key held with nothing, or many keys at once (developers.cloudflare.com/workers/wrangler/commands).
    // Stop 30 (round 11): an SQL file loaded into the remote D1 database (its DROP and DELETE statements run there, unread).
    { id: 'wrangler-d1-import-remote', path: ['d1', 'import|restore'], kind: 'database', noun: 'D1 database', namePositionals: 'first', verb: 'loads a file over', when: (p) => hasFlag(p, ['--remote', '--preview']), note: () => ': what the file drops or replaces is gone' },
    { id: 'wrangler-r2-put-empty', path: ['r2', 'object', 'put'], kind: 'bucket', noun: 'R2 object', verb: 'overwrites with an empty file', namePositionals: 'first', when: (p) => flagValues(p, ['--file', '-f']).includes('/dev/null') },
    { id: 'wrangler-kv-put-empty', path: ['kv|kv:key', 'key|put', 'put|'], kind: 'resource', noun: 'KV value', verb: 'replaces with an empty value', namePositionals: 'none', defaultName: 'a KV key', when: (p) => p.positionals.some((w, i) => i >= 2 && w.text === '' && w.raw !== '') },
    { id: 'wrangler-kv-bulk-put', path: ['kv|kv:bulk', 'bulk|put', 'put|'], kind: 'resource', noun: 'KV namespace', verb: 'overwrites every key listed in the file of', nameFlags: ['--namespace-id', '--binding'], when: (p) => p.positionals.some((w) => w.text === 'bulk' || w.text === 'kv:bulk') },
    { id: 'wrangler-secret-put', path: ['secret', 'put|bulk'], kind: 'credential', noun: 'Worker secret', verb: 'overwrites', namePositionals: 'first', defaultName: 'the Worker\'s secrets' },
    {
      id: 'wrangler-delete-worker', path: ['delete'], kind: 'service', noun: 'Worker', verb: 'deletes', nameFlags: ['--name'],
      namePositionals: 'first', defaultName: 'the Worker named in wrangler.toml',
    },
  ],
  generic: { id: 'wrangler-delete', verbs: /^(delete|rm|remove)$/, maxDepth: 3, exclude: ['login', 'logout'], nameFlags: ['--name', '--binding', '--namespace-id'] },
  local: (p) => hasFlag(p, ['--local']) && !hasFlag(p, ['--remote']),
};
