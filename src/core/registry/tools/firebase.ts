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

/** The k-th operand after a command path of `length` words, written `a:b:c` (one word) or `a b c`. */
const operandAfter = (p: CliArgs, length: number, k: number): string | undefined => p.positionals[(p.positionals[0]?.text.includes(':') ? 1 : length) + k]?.text;

export const firebase: ToolSpec = {
  names: ['firebase'],
  family: 'paas',
  locality: 'remote',
  provider: 'firebase',
  label: 'Firebase',
  options: ['--project', '-P', '--token', '--config', '--instance', '--database', '--only', '--site', '-s', '--app', '--release-notes', '--release-notes-file', '--groups', '--testers', '--groups-file', '--testers-file', '-v', '--version-number', '--expires'].map((n) => valued(n)),
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
    // Stop 33 (red team round 17): what serves or what apps fetch replaced without `deploy`.
    { id: 'firebase-hosting-clone-live', path: ['hosting', 'clone'], kind: 'project', noun: 'Hosting site', verb: 'replaces what the live channel serves on', namePositionals: 'none', names: (p) => [operandAfter(p, 2, 1) ?? 'the target site'], when: (p) => /^[^:]+(:live)?$/.test(operandAfter(p, 2, 1) ?? ''), note: () => ': the cloned version serves every visitor at once' },
    { id: 'firebase-channel-deploy-live', path: ['hosting', 'channel', 'deploy'], kind: 'project', noun: 'Hosting site', verb: 'deploys to the live channel of', namePositionals: 'none', defaultName: 'the project\'s site', when: (p) => operandAfter(p, 3, 0) === 'live', note: () => ': what it ships serves every visitor at once' },
    // Stop 34 (red team round 18): a preview channel named for production (`hosting:channel:deploy prod`) is where the team sends users; `pr-12`, `staging` stay previews.
    { id: 'firebase-channel-deploy-production', path: ['hosting', 'channel', 'deploy'], kind: 'project', noun: 'Hosting channel', verb: 'deploys to', namePositionals: 'none', names: (p) => [operandAfter(p, 3, 0) ?? ''], when: (p) => operandAfter(p, 3, 0) !== 'live' && environmentOfName(operandAfter(p, 3, 0) ?? '') === 'production', note: () => ', a channel named for production: the users sent there get what it ships at once' },
    { id: 'firebase-remoteconfig-rollback', path: ['remoteconfig', 'rollback'], kind: 'project', noun: 'Remote Config template', verb: 'rolls back the live', namePositionals: 'none', defaultName: 'Remote Config template', note: () => ': every installed app fetches the older values on its next fetch' },
    { id: 'firebase-appdistribution-send', path: ['appdistribution', 'distribute'], kind: 'app', noun: 'App Distribution release', verb: 'sends a build to the testers or groups of', namePositionals: 'none', names: (p) => flagValues(p, ['--groups', '--testers']).slice(0, 1), when: (p) => flagValues(p, ['--groups', '--testers', '--groups-file', '--testers-file']).length > 0, note: () => ': each of them is e-mailed and can install it at once' },
    // Round 27: users imported into a project's Auth (`firebase auth:import users.json --project …-production`): accounts with the same uid are overwritten, password hashes included.
    { id: 'firebase-auth-import', path: ['auth', 'import'], kind: 'database', noun: 'Firebase Auth users', verb: 'imports accounts (overwriting those with the same uid, their passwords included) into', namePositionals: 'none', nameFlags: ['--project', '-P'], defaultName: 'the default project', when: (p) => flagValues(p, ['--project', '-P']).some((v) => environmentOfName(v) === 'production') },
    { id: 'firebase-database-remove', path: ['database', 'remove'], kind: 'database', noun: 'Realtime Database', verb: 'deletes', names: databasePath },
  ],
  generic: { id: 'firebase-delete', verbs: /^(delete|remove|destroy)$/, maxDepth: 2, exclude: ['logout', 'emulators', 'login'] },
};
