import type { CommandSpec, ToolSpec } from '../types';
import { flagValues, hasFlag } from '../args';
import { destroyingJobName } from '../namedJobs';
import { flag, valued } from './options';

/** A workflow whose name says it deploys, releases or changes infrastructure (`deploy.yml`, `release`, `terraform-apply.yml`). */
const DEPLOYING = /deploy|release|publish|prod|destroy|teardown|migrat|rollback|terraform|apply|infra|provision/i;

/** A workflow input that names an environment other than production: `-f env=staging`. */
const NON_PRODUCTION_INPUT = /^[\w-]*(env|environment|stage|target)[\w-]*=(staging|stage|dev|development|test|testing|qa|preview|sandbox)$/i;

/** A workflow input that names production: `-f env=production`, `-F environment=prd`. */
const PRODUCTION_INPUT = /^[\w-]*(env|environment|stage|target)[\w-]*=(prod|production|prd|live)$/i;

/**
 * A branch that lives on (the default, a release or environment branch): deleting it after a merge
 * removes what others build and deploy from. A pull request named by number or URL is a feature
 * branch's, which GitHub keeps restorable from the pull request page.
 */
export const LONG_LIVED_BRANCH = /^(main|master|trunk|develop|development|dev|staging|stage|production|prod|live|release([/-].*)?|hotfix)$/i;

/** The GitHub CLI: subcommands then flags, flags anywhere. */

/** An input value that is a destroying command line or statement (`dropdb acme`, `rm -rf /data`, `DROP TABLE users`). */
const DESTROYING_INPUT = /(^|[\s;&|])(dropdb|dropuser|wipefs|shred|mkfs(\.\w+)?|rm\s+-[a-zA-Z]*[rf]|kubectl\s+delete|terraform\s+destroy|redis-cli\s+flushall)\b|\b(drop|truncate)\s+(table|database|schema|keyspace)\b|\bdelete\s+from\b/i;

/** Round 27: `gh release download -D .git/hooks`, `gh run download -D ~/.local/bin`: files land under the names the release or run gives them. */
const DOWNLOAD: CommandSpec = {
  options: [valued('-D', '--dir'), valued('-O', '--output'), valued('-p', '--pattern'), valued('-A', '--archive'), valued('-n', '--name'), flag('--clobber'), flag('--skip-existing')],
  outputOptions: ['-O', '--output'],
  outputFolders: ['-D', '--dir'],
};

export const gh: ToolSpec = {
  names: ['gh'],
  family: 'paas',
  locality: 'remote',
  provider: 'github',
  label: 'GitHub',
  options: ['-R', '--repo', '--hostname', '-e', '--env', '-o', '--org', '-a', '--app', '-u', '--user', '--jq', '-q', '--template', '-t'].map((n) => valued(n)),
  commands: {
    // `gh api ENDPOINT [-X METHOD] [-f/-F key=value] [--input FILE]`: the HTTP pack reads the request.
    api: {
      options: [
        valued('-X', '--method'), valued('-f', '--raw-field'), valued('-F', '--field'), valued('-H', '--header'), valued('--input'), valued('--hostname'),
        valued('-q', '--jq'), valued('-t', '--template'), valued('--cache'), valued('-p', '--preview'), flag('-i', '--include'), flag('--paginate'),
        flag('--slurp'), flag('--silent'), flag('--verbose'), flag('-h', '--help'),
      ],
    },
    // Files whose text goes to GitHub: an issue's or a pull request's body, a secret's values, a gist, release assets.
    'issue|pr': {
      commands: {
        merge: { options: [flag('--admin'), flag('--auto'), flag('--disable-auto'), flag('-s', '--squash'), flag('-m', '--merge'), flag('-r', '--rebase'), flag('-d', '--delete-branch'), valued('-b', '--body'), valued('-F', '--body-file'), valued('-t', '--subject'), valued('--match-head-commit'), valued('-A', '--author-email')] },
        'create|comment|edit|review': { options: [valued('-F', '--body-file'), valued('-b', '--body'), valued('-t', '--title'), valued('-l', '--label'), valued('-a', '--assignee'), valued('--add-assignee'), valued('-B', '--base'), valued('-H', '--head'), flag('-w', '--web'), flag('-d', '--draft')] },
      },
    },
    // Access and protection (rules/githubAdmin.ts): going public, a transfer.
    repo: { commands: { edit: { options: [valued('--visibility'), flag('--accept-visibility-change-consequences'), flag('--enable-secret-scanning'), flag('--enable-secret-scanning-push-protection'), flag('--enable-advanced-security'), flag('--allow-forking'), valued('-d', '--description'), valued('-h', '--homepage'), valued('--default-branch'), valued('--add-topic'), valued('--remove-topic')] }, transfer: {}, 'delete': {}, fork: { options: [valued('--org'), valued('--fork-name'), valued('--remote-name'), flag('--clone'), flag('--remote'), flag('--default-branch-only')] }, 'archive|unarchive|rename|view|clone|list|set-default|autolink|gitignore|license': {}, sync: { options: [valued('-s', '--source'), valued('-b', '--branch'), flag('--force')], pulls: (a) => a.operand(0) === undefined }, 'deploy-key': { commands: { add: { options: [valued('-t', '--title'), flag('-w', '--allow-write')] } } }, create: { options: [valued('-s', '--source'), valued('-r', '--remote'), valued('-d', '--description'), valued('-h', '--homepage'), valued('-t', '--team'), valued('-p', '--template'), valued('-g', '--gitignore'), valued('-l', '--license'), flag('--push'), flag('--public'), flag('--private'), flag('--internal'), flag('-c', '--clone'), flag('--disable-issues'), flag('--disable-wiki'), flag('--include-all-branches'), flag('--add-readme')] } } },
    'secret|variable': { commands: { set: { options: [valued('-f', '--env-file'), valued('-b', '--body'), valued('-v', '--visibility'), valued('-r', '--repos')] } } },
    workflow: { commands: { run: { options: [valued('-f', '--raw-field'), valued('-F', '--field'), valued('-r', '--ref'), flag('--json')] } } },
    'ssh-key|gpg-key': { commands: { add: { options: [valued('-t', '--title'), valued('--type')] } } },
    gist: { commands: { 'create|edit': { options: [valued('-d', '--desc'), valued('-f', '--filename'), flag('-p', '--public'), flag('-w', '--web')] } } },
    pr: { commands: { close: { options: [flag('-d', '--delete-branch'), valued('-c', '--comment')] } } },
    // Round 27: `gh release download -D .git/hooks`, `gh run download -D ~/.local/bin`: files land under the names the release gives them.
    run: { commands: { download: DOWNLOAD } },
    release: { commands: { download: DOWNLOAD, upload: { options: [flag('--clobber')] }, edit: { options: [flag('--draft'), flag('--prerelease'), flag('--latest'), flag('--verify-tag'), valued('-n', '--notes'), valued('-F', '--notes-file'), valued('--target'), valued('-t', '--title'), valued('--tag'), valued('--discussion-category')] }, create: { options: [valued('-n', '--notes'), valued('-F', '--notes-file'), valued('--target'), valued('-t', '--title'), valued('--discussion-category'), valued('--notes-start-tag'), flag('-d', '--draft'), flag('-p', '--prerelease'), flag('--generate-notes'), flag('--notes-from-tag'), flag('--verify-tag'), flag('--latest')] } } },
  },
  environmentFlags: ['-e', '--env'],
  scopeFlags: ['-R', '--repo'],
  scopeKind: 'repository',
  rules: [
    { id: 'gh-repo-delete', path: ['repo', 'delete'], kind: 'repository', noun: 'repository', verb: 'deletes', defaultName: 'the current repository', note: () => ' with its issues, pull requests and wiki' },
    { id: 'gh-release-delete', path: ['release', 'delete|delete-asset'], kind: 'resource', noun: 'release', verb: 'deletes', namePositionals: 'joined' },
    // Round 5 (issue #18): a workflow run whose inputs name production deploys there; a key added to the account opens it.
    { id: 'gh-workflow-run-production', path: ['workflow', 'run'], kind: 'project', noun: 'workflow', verb: 'starts a production deploy with', namePositionals: 'first', when: (p) => flagValues(p, ['-f', '--raw-field', '-F', '--field']).some((v) => PRODUCTION_INPUT.test(v)) },
    { id: 'gh-account-key-add', path: ['ssh-key|gpg-key', 'add'], kind: 'credential', noun: 'account key', verb: 'adds', namePositionals: 'first', note: (p) => (p.positionals[0]?.text === 'gpg-key' ? ': commits signed with its private half show as verified from this account' : ': whoever holds its private half gets into the account') },
    // Round 7 re-attack: a deploy key, a fork synced over by force, a branch deleted with its pull request, release assets replaced, a deploy workflow started.
    { id: 'gh-deploy-key-add', path: ['repo', 'deploy-key', 'add'], kind: 'credential', noun: 'repository deploy key', verb: 'adds', namePositionals: 'first', note: (p) => (hasFlag(p, ['-w', '--allow-write']) ? ': whoever holds its private half can push to the repository (--allow-write)' : ': whoever holds its private half can read the repository') },
    { id: 'gh-repo-sync-force', path: ['repo', 'sync'], kind: 'repository', noun: 'repository', verb: 'overwrites by force the branch of', namePositionals: 'first', defaultName: 'the local repository', when: (p) => hasFlag(p, ['--force']), note: () => ': commits only the destination had are dropped' },
    { id: 'gh-pr-close-delete-branch', path: ['pr', 'close'], kind: 'repository', noun: 'pull request', verb: 'closes and deletes the head branch of', namePositionals: 'first', when: (p) => hasFlag(p, ['-d', '--delete-branch']), note: () => ': commits not merged elsewhere are gone from the remote' },
    { id: 'gh-release-clobber', path: ['release', 'upload'], kind: 'resource', noun: 'release', verb: 'replaces the published assets of', namePositionals: 'first', when: (p) => hasFlag(p, ['--clobber']), note: () => ': everyone who downloads them gets the new files, and the old ones are gone' },
    { id: 'gh-workflow-run-deploy', path: ['workflow', 'run'], kind: 'project', noun: 'workflow', verb: 'starts in CI, with the repository secrets,', namePositionals: 'first', when: (p) => DEPLOYING.test(p.positionals[2]?.text ?? '') && !flagValues(p, ['-f', '--raw-field', '-F', '--field']).some((v) => NON_PRODUCTION_INPUT.test(v)), note: () => ': a workflow that deploys, releases or changes infrastructure acts on the live service' },
    // Round 7 (issue #18): a workflow named for destruction (`teardown.yml`, `purge-db`): its steps run on the runners with the repository's secrets, unread here.
    { id: 'gh-workflow-run-destroying', path: ['workflow', 'run'], kind: 'project', noun: 'workflow', verb: 'starts', namePositionals: 'first', when: (p) => destroyingJobName(p.positionals[2]?.text ?? '') !== undefined, note: (p) => `, whose name says it will ${destroyingJobName(p.positionals[2]?.text ?? '')}: its steps run with the repository's secrets, unread by the guard` },
    // Stop 30 (round 11): an input whose value is a destroying command line (`-f cmd='dropdb acme'`): the workflow runs it with CI's credentials.
    { id: 'gh-workflow-run-destroying-input', path: ['workflow', 'run'], kind: 'project', noun: 'workflow', verb: 'starts', namePositionals: 'first', when: (p) => flagValues(p, ['-f', '--raw-field', '-F', '--field']).some((v) => DESTROYING_INPUT.test(v.replace(/^[^=]*=/, ''))), note: (p) => ` with an input that destroys (${flagValues(p, ['-f', '--raw-field', '-F', '--field']).find((v) => DESTROYING_INPUT.test(v.replace(/^[^=]*=/, '')))}): the workflow runs it with the repository's secrets, unread by the guard` },
    { id: 'gh-workflow-disable', path: ['workflow', 'disable'], kind: 'project', noun: 'workflow', verb: 'disables', namePositionals: 'first', note: () => ': a safety net is removed — its checks stop running on every push' },
    // A CI secret or variable given a new value: workflows use it at once, and the old value cannot be read back.
    { id: 'gh-secret-set', path: ['secret|variable', 'set'], kind: 'credential', noun: 'Actions secret or variable', verb: 'overwrites', namePositionals: 'first', when: (p) => p.positionals[2] !== undefined, note: () => ' (workflows use the new value at once, and the old one cannot be read back)' },
    // Round 8 (issue #18): the repository made read-only or renamed, a deploy key removed, the default branch moved, a long-lived branch deleted by a merge.
    { id: 'gh-repo-archive', path: ['repo', 'archive'], kind: 'repository', noun: 'repository', verb: 'archives', namePositionals: 'first', defaultName: 'the current repository', note: () => ': it becomes read-only for everyone — pushes, CI and new issues stop' },
    { id: 'gh-repo-rename', path: ['repo', 'rename'], kind: 'repository', noun: 'repository', verb: 'renames', namePositionals: 'none', nameFlags: ['-R', '--repo'], defaultName: 'the current repository', note: (p) => `${p.positionals[2] !== undefined ? ` to ${p.positionals[2].text}` : ''}: clones, CI and deploy settings that name the old path break` },
    { id: 'gh-deploy-key-delete', path: ['repo', 'deploy-key', 'delete'], kind: 'credential', noun: 'deploy key', verb: 'deletes', namePositionals: 'first', note: () => ': deployments that use it stop working, and it cannot be restored' },
    { id: 'gh-repo-default-branch', path: ['repo', 'edit'], kind: 'repository', noun: 'repository', verb: 'moves the default branch of', namePositionals: 'first', defaultName: 'the current repository', when: (p) => flagValues(p, ['--default-branch']).length > 0, note: (p) => ` to ${flagValues(p, ['--default-branch'])[0]}: pull requests, CI triggers and new clones follow it` },
    { id: 'gh-pr-merge-delete-long-lived', path: ['pr', 'merge'], kind: 'repository', noun: 'branch', verb: 'merges and then deletes', namePositionals: 'first', when: (p) => hasFlag(p, ['-d', '--delete-branch']) && LONG_LIVED_BRANCH.test(p.positionals[2]?.text ?? ''), note: () => ' on the remote (--delete-branch): a long-lived branch others build and deploy from is gone' },
    { id: 'gh-secret-delete', path: ['secret|variable', 'delete|remove'], kind: 'credential', noun: 'secret or variable', verb: 'deletes' },
  ],
  generic: { id: 'gh-delete', verbs: /^(delete|delete-asset|remove)$/, maxDepth: 1, exclude: ['alias', 'extension', 'config', 'auth', 'api'] },
};
