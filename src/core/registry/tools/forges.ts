import type { ToolSpec } from '../types';
import { flagValues, hasFlag } from '../args';
import { flag, valued } from './options';
import { LONG_LIVED_BRANCH } from './gh';

/**
 * The GitLab CLI: `glab <group> <command> [flags]`, flags anywhere. `glab api ENDPOINT [-X METHOD]
 * [-f/-F key=value]` is read by the HTTP pack as a request to the GitLab REST API (`/api/v4/…`).
 */

const apiOptions = [
  valued('-X', '--method'), valued('-f', '--raw-field'), valued('-F', '--field'), valued('-H', '--header'), valued('--input'), valued('--hostname'),
  flag('-i', '--include'), flag('--paginate'), flag('--silent'), flag('-h', '--help'),
];

export const glab: ToolSpec = {
  names: ['glab'],
  family: 'paas',
  locality: 'remote',
  provider: 'gitlab',
  label: 'GitLab',
  options: [valued('-R', '--repo'), valued('-g', '--group'), valued('-o', '--output'), valued('-F', '--output-format')],
  commands: {
    api: { options: apiOptions },
    repo: { commands: { mirror: { options: [valued('--url'), valued('--direction'), flag('--enabled'), flag('--protected-branches-only'), flag('--allow-divergence')] } } },
    mr: { commands: { merge: { options: [flag('-y', '--yes'), flag('--auto-merge'), flag('--when-pipeline-succeeds'), flag('-s', '--squash'), flag('-r', '--rebase'), flag('-d', '--remove-source-branch'), valued('-m', '--message'), valued('--sha'), valued('--squash-message')] } } },
    ci: { commands: { 'run|trigger|run-trig': { options: [valued('-b', '--branch'), valued('--variables'), valued('--variables-env'), valued('--variables-file'), valued('--input')] } } },
    release: { commands: { 'create|new': { options: [valued('-n', '--name'), valued('-N', '--notes'), valued('-F', '--notes-file'), valued('-r', '--ref'), valued('-a', '--assets-links'), valued('-m', '--milestone'), valued('-D', '--released-at'), valued('-T', '--tag-message'), flag('--no-update'), flag('--no-close-milestone'), flag('--use-package-registry'), flag('--publish-to-catalog')] } } },
    snippet: { commands: { 'create|new': { options: [valued('-f', '--filename'), valued('-t', '--title'), valued('-d', '--description'), valued('-v', '--visibility'), flag('-p', '--personal')] } } },
    variable: { commands: { 'set|update': { options: [valued('-v', '--value'), valued('-t', '--type'), valued('-s', '--scope'), valued('-d', '--description'), flag('-m', '--masked'), flag('-p', '--protected'), flag('-r', '--raw')] } } },
  },
  environmentFlags: [],
  scopeFlags: ['-R', '--repo'],
  scopeKind: 'repository',
  rules: [
    { id: 'glab-repo-delete', path: ['repo', 'delete'], kind: 'repository', noun: 'project', verb: 'deletes', defaultName: 'the current project', note: () => ' with its issues, merge requests and wiki' },
    { id: 'glab-repo-transfer', path: ['repo', 'transfer'], kind: 'repository', noun: 'project', verb: 'transfers to another namespace', namePositionals: 'first', note: () => ': its new owner decides who keeps access' },
    // A merge that does not wait for the pipeline: the checks the project requires are skipped.
    {
      id: 'glab-mr-merge-now', path: ['mr', 'merge'], kind: 'repository', noun: 'merge request', verb: 'merges, without waiting for its pipeline,', namePositionals: 'first',
      when: (p) => flagValues(p, ['--auto-merge', '--when-pipeline-succeeds']).some((v) => /^(false|0|no)$/i.test(v)),
      note: () => ': a safety net is removed — the checks its pipeline runs no longer stop it',
    },
    // Round 7 re-attack: a pipeline started (or a manual job, which is usually the deploy) runs in CI with the project's secrets.
    { id: 'glab-ci-run', path: ['ci|pipeline', 'run|trigger|run-trig'], kind: 'project', noun: 'pipeline', verb: 'starts in CI, with the project secrets,', namePositionals: 'first', defaultName: 'the pipeline of the current branch', note: (p) => (p.positionals[1]?.text === 'trigger' ? ': a manual job is usually a deploy, and it acts on the live service' : ': its deploy jobs act on the live service') },
    // Round 8 (issue #18): a push mirror copies the whole repository to another address on every push; a long-lived source branch deleted by a merge.
    { id: 'glab-repo-push-mirror', path: ['repo', 'mirror'], kind: 'repository', noun: 'project', verb: 'mirrors on every push', namePositionals: 'first', defaultName: 'the current project', when: (p) => /^push$/i.test(flagValues(p, ['--direction'])[0] ?? ''), note: (p) => ` to ${flagValues(p, ['--url'])[0] ?? 'another address'}: its whole history and every later push are copied out` },
    { id: 'glab-mr-merge-delete-long-lived', path: ['mr', 'merge'], kind: 'repository', noun: 'branch', verb: 'merges and then deletes', namePositionals: 'first', when: (p) => hasFlag(p, ['-d', '--remove-source-branch']) && LONG_LIVED_BRANCH.test(p.positionals[2]?.text ?? ''), note: () => ' (--remove-source-branch): a long-lived branch others build and deploy from is gone' },
    { id: 'glab-variable-set', path: ['variable', 'set|update'], kind: 'credential', noun: 'CI/CD variable', verb: 'overwrites', namePositionals: 'first', note: () => ' (pipelines use the new value at once, and the old one is not kept)' },
  ],
  generic: { id: 'glab-delete', verbs: /^(delete|remove|rm)$/, maxDepth: 1, exclude: ['alias', 'config', 'auth', 'api'] },
};
