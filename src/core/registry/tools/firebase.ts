import { environmentOfName } from '../../policy/production';
import type { ArgWord } from '../../shell/ast';
import { flagValues, hasFlag } from '../args';
import type { CliArgs, ToolSpec } from '../types';
import { valued } from './options';

/** Firebase: subcommands then flags, flags anywhere. */

/** A Realtime Database path names a place in the hosted database, never a file on this machine. */
function databasePath(p: CliArgs, rest: readonly ArgWord[]): string[] {
  const instance = flagValues(p, ['--instance'])[0];
  return [`${instance !== undefined ? instance + ' ' : ''}path ${rest[0]?.text ?? '/'}`];
}

export const firebase: ToolSpec = {
  names: ['firebase'],
  family: 'paas',
  locality: 'remote',
  provider: 'firebase',
  label: 'Firebase',
  options: ['--project', '-P', '--token', '--config', '--instance', '--database', '--only', '--site', '-s'].map((n) => valued(n)),
  colonCommands: true,
  environmentFlags: ['--project', '-P'],
  scopeFlags: ['--project', '-P'],
  scopeKind: 'project',
  // `firebase deploy --dry-run` builds and validates the release without shipping it (firebase-tools 11+).
  dryRun: ['--dry-run'],
  rules: [
    { id: 'firebase-deploy', path: ['deploy'], kind: 'project', noun: 'project', verb: 'deploys hosting, functions and rules to', namePositionals: 'none', defaultName: 'the default project', productionOnly: true, note: () => ': what serves users is replaced at once, with nothing reviewed first' },
    {
      id: 'firebase-firestore-delete', path: ['firestore', 'delete'], kind: 'database', noun: 'Firestore documents', verb: 'deletes',
      defaultName: 'every Firestore collection', note: (p) => (hasFlag(p, ['-r', '--recursive', '--all-collections']) ? ', recursively' : undefined),
    },
    // `database:set PATH [FILE]` replaces everything under PATH with the file's JSON (`database:update` merges).
    { id: 'firebase-database-set', path: ['database', 'set'], kind: 'database', noun: 'Realtime Database', verb: 'replaces everything under', names: databasePath },
    { id: 'firebase-hosting-disable', path: ['hosting', 'disable'], kind: 'project', noun: 'Hosting site', verb: 'takes offline', namePositionals: 'none', defaultName: 'the project\'s Hosting site', nameFlags: ['--site', '-s'] },
    // Round 6 (issue #18): runtime configuration removed from live functions; security rules replaced in a production project.
    { id: 'firebase-functions-config-unset', path: ['functions', 'config', 'unset'], kind: 'credential', noun: 'functions configuration', verb: 'deletes', namePositionals: 'all', note: () => ': deployed functions that read it fail on their next deploy' },
    { id: 'firebase-deploy-production', path: ['deploy'], kind: 'project', noun: 'project', verb: 'deploys a new release to', namePositionals: 'none', nameFlags: ['--project', '-P'], when: (p) => !flagValues(p, ['--only']).some((v) => /(^|,)(firestore:rules|database|storage|firestore)(,|$)/.test(v)) && flagValues(p, ['--project', '-P']).some((v) => environmentOfName(v) === 'production'), note: () => ': its users get what it ships at once, with nothing reviewed first' },
    { id: 'firebase-rules-deploy-production', path: ['deploy'], kind: 'project', noun: 'project', verb: 'replaces the security rules of', namePositionals: 'none', nameFlags: ['--project', '-P'], defaultName: 'the default project', when: (p) => flagValues(p, ['--only']).some((v) => /(^|,)(firestore:rules|database|storage|firestore)(,|$)/.test(v)) && flagValues(p, ['--project', '-P']).some((v) => environmentOfName(v) === 'production'), note: () => ': every client is judged by the new rules at once' },
    { id: 'firebase-database-remove', path: ['database', 'remove'], kind: 'database', noun: 'Realtime Database', verb: 'deletes', names: databasePath },
  ],
  generic: { id: 'firebase-delete', verbs: /^(delete|remove|destroy)$/, maxDepth: 2, exclude: ['logout', 'emulators', 'login'] },
};
