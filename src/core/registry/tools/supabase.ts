import { isLocalUrl, parseRequestUrl } from '../../rules/support/httpTargets';
import { flagValues, hasFlag } from '../args';
import { supabaseLinkHints } from './linkedProjects';
import type { CliArgs, ToolArgs, ToolSpec } from '../types';
import { valued } from './options';

/** Supabase: subcommands then flags, flags anywhere. */

function supabaseRemote(p: CliArgs): boolean {
  if (hasFlag(p, ['--linked'])) return true;
  const url = flagValues(p, ['--db-url'])[0];
  if (url === undefined) return false;
  const parsed = parseRequestUrl(url);
  return parsed === undefined || !isLocalUrl(parsed);
}

/** A hosted project unless `--local` or a local `--db-url` says this machine (the statements of `db query|execute`). */
function sessionLocal(a: ToolArgs): boolean {
  if (a.has('--local')) return true;
  const url = a.value('--db-url');
  const parsed = url !== undefined ? parseRequestUrl(url) : undefined;
  return parsed !== undefined && isLocalUrl(parsed);
}

export const supabase: ToolSpec = {
  names: ['supabase'],
  family: 'paas',
  locality: 'remote',
  provider: 'supabase',
  label: 'Supabase',
  options: ['--project-ref', '--db-url', '--workdir', '-o', '--output', '--profile', '--org-id', '--schema', '-s', '--db-allow-cidr'].map((n) => valued(n)),
  environmentFlags: ['--project-ref', '--profile'],
  scopeFlags: ['--project-ref'],
  scopeKind: 'project',
  commands: {
    db: {
      commands: {
        // `supabase db query|execute [--linked] [-f file.sql | 'SQL']`: statements run on the project's database.
        'query|execute': {
          options: [valued('-f', '--file')],
          effect: 'exec',
          sql: { engine: 'postgres', statementOperand: 0, fileOptions: ['--file'], database: (a) => a.value('--project-ref'), local: sessionLocal },
        },
      },
    },
  },
  rules: [
    // Stop 33 (red team round 18): Edge Functions deployed to the linked project serve its users at once; `functions serve` stays here.
    { id: 'supabase-functions-deploy', path: ['functions', 'deploy'], kind: 'project', noun: 'Supabase project', verb: 'deploys Edge Functions to', namePositionals: 'none', nameFlags: ['--project-ref'], defaultName: 'the linked Supabase project', productionOnly: true, note: () => ': the functions its users call are replaced at once' },
    {
      id: 'supabase-db-reset', path: ['db', 'reset'], kind: 'database', noun: 'database', verb: 'resets (drops and recreates)',
      when: supabaseRemote, namePositionals: 'none', defaultName: "the linked Supabase project's database",
      names: (p) => {
        const url = parseRequestUrl(flagValues(p, ['--db-url'])[0] ?? '');
        return url ? [url.display] : flagValues(p, ['--project-ref']);
      },
    },
    {
      id: 'supabase-db-reset', path: ['db', 'reset'], kind: 'database', noun: 'database', verb: 'resets (drops and recreates)',
      local: () => true, namePositionals: 'none', defaultName: 'the local Supabase database',
    },
    {
      // `supabase db push` applies local migrations to the linked project (supabase.com/docs/reference/cli/supabase-db-push); `--local` or a local `--db-url` is this machine.
      id: 'supabase-db-push', path: ['db', 'push'], kind: 'database', noun: 'database', verb: 'applies pending migrations (which may drop or rewrite tables and columns) to',
      when: (p) => !hasFlag(p, ['--local']) && !hasFlag(p, ['--dry-run']) && (flagValues(p, ['--db-url'])[0] === undefined || supabaseRemote(p)), namePositionals: 'none', defaultName: "the linked Supabase project's database",
      names: (p) => {
        const url = parseRequestUrl(flagValues(p, ['--db-url'])[0] ?? '');
        return url ? [url.display] : flagValues(p, ['--project-ref']);
      },
    },
    {
      id: 'supabase-migration-down', path: ['migration', 'down'], kind: 'database', noun: 'database', verb: 'reverts migrations (dropping what they created) on',
      when: supabaseRemote, namePositionals: 'none', defaultName: "the linked Supabase project's database",
    },
    {
      // `supabase migration repair --status applied|reverted` rewrites the linked project's migration history: the next `db push` skips or re-runs migrations.
      id: 'supabase-migration-repair', path: ['migration', 'repair'], kind: 'database', noun: 'database', verb: 'rewrites the migration history of',
      when: (p) => !hasFlag(p, ['--local']) && (flagValues(p, ['--db-url'])[0] === undefined || supabaseRemote(p)), namePositionals: 'none', defaultName: "the linked Supabase project's database",
    },
    {
      // `supabase postgres-config update|delete` changes the project's Postgres settings and restarts the database.
      id: 'supabase-postgres-config', path: ['postgres-config', 'update|delete'], kind: 'database', noun: 'database', verb: 'changes the Postgres settings of (and restarts)',
      namePositionals: 'none', defaultName: "the linked Supabase project's database", nameFlags: ['--project-ref'],
    },
    {
      id: 'supabase-backups-restore', path: ['backups', 'restore'], kind: 'database', noun: 'database', verb: 'restores a backup over (losing every later write)',
      namePositionals: 'none', defaultName: "the linked Supabase project's database", nameFlags: ['--project-ref'],
    },
    { id: 'supabase-secrets-set', path: ['secrets', 'set'], kind: 'credential', noun: 'Edge Function secret', verb: 'overwrites', names: (_p, rest) => rest.map((w) => w.text.split('=')[0] ?? w.text), note: () => ' (functions read the new value at once, and the old one is not kept)' },
    // Round 8 (issue #18): SSL enforcement or network restrictions lifted on the project's database.
    { id: 'supabase-ssl-off', path: ['ssl-enforcement', 'update'], kind: 'database', noun: 'database', verb: 'stops requiring SSL for', namePositionals: 'none', nameFlags: ['--project-ref'], defaultName: "the linked Supabase project's database", when: (p) => hasFlag(p, ['--disable-db-ssl-enforcement']), note: () => ': a safety net is removed — clients may connect, and send passwords, unencrypted' },
    { id: 'supabase-network-open', path: ['network-restrictions', 'update'], kind: 'database', noun: 'database', verb: 'opens to every address', namePositionals: 'none', nameFlags: ['--project-ref'], defaultName: "the linked Supabase project's database", when: (p) => flagValues(p, ['--db-allow-cidr']).some((v) => /^(0\.0\.0\.0\/0|::\/0)$/.test(v)), note: () => ': a safety net is removed — anyone on the internet can try to sign in' },
    { id: 'supabase-projects-delete', path: ['projects', 'delete'], kind: 'project', noun: 'project', verb: 'deletes' },
    { id: 'supabase-branches-delete', path: ['branches', 'delete'], kind: 'branch', noun: 'branch', verb: 'deletes' },
    { id: 'supabase-storage-rm', path: ['storage', 'rm'], kind: 'resource', noun: 'storage objects', verb: 'deletes', note: (p) => (hasFlag(p, ['-r', '--recursive']) ? ', recursively' : undefined), local: (p) => hasFlag(p, ['--local']) },
    {
      id: 'supabase-stop-no-backup', path: ['stop'], kind: 'volume', noun: 'local data volumes', verb: 'deletes', when: (p) => hasFlag(p, ['--no-backup']),
      local: () => true, namePositionals: 'none', defaultName: 'the local Supabase data volumes',
    },
  ],
  generic: { id: 'supabase-delete', verbs: /^(delete|reset|unset|rm|remove)$/, maxDepth: 1, exclude: ['logout', 'unlink', 'migration'] },
  local: (p) => hasFlag(p, ['--local']),
  contextHints: supabaseLinkHints,
};
