import { hasFlag } from '../args';
import type { CliArgs, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Version control other than git's own commands: Mercurial, Jujutsu, Subversion, and the stacked-branch
 * tools and git extensions that push with force or drop content (Graphite, git-spice, spr, ghstack,
 * git-town, git-machete, git-branchless, git-lfs, git-annex). Each entry's rules name what is lost:
 * history stripped or abandoned, uncommitted changes discarded, files no copy of which is kept, a
 * remote branch rewritten. Everything else they do (log, status, diff, show, submit without force)
 * stays allowed. `git <ext> …` reaches the `git-<ext>` entry through the git handler
 * (`policy/handlers/codeRunners.ts`).
 */

const forced = (a: CliArgs): boolean => hasFlag(a, ['-f', '--force']);
const local = (): boolean => true;
const HELP = { options: ['-h', '--help'], word: 'first' as const };

/** Mercurial: `hg <command> [options]`. */
export const hg: ToolSpec = {
  // Sapling (`sl`) keeps Mercurial's command set.
  names: ['hg', 'chg', 'sl'],
  family: 'vcs',
  locality: 'either',
  provider: 'mercurial',
  label: 'Mercurial',
  options: [valued('-R', '--repository'), valued('--cwd'), valued('--config'), flag('-y', '--noninteractive'), flag('-q', '--quiet'), flag('-v', '--verbose')],
  commands: {
    'update|up|checkout|co': { options: [flag('-C', '--clean'), flag('-c', '--check'), valued('-r', '--rev')] },
    revert: { options: [flag('-a', '--all'), flag('-C', '--no-backup'), valued('-r', '--rev'), flag('-n', '--dry-run'), flag('-i', '--interactive')] },
    'strip|debugstrip|prune': { options: [valued('-r', '--rev'), flag('-k', '--keep'), flag('-f', '--force'), valued('-B', '--bookmark')] },
    'purge|clean': { options: [flag('-p', '--print'), flag('--all'), flag('--files'), flag('--dirs')] },
    hide: { options: [valued('-r', '--rev')] },
    push: { options: [flag('-f', '--force'), valued('-r', '--rev'), valued('-B', '--bookmark'), valued('-b', '--branch'), flag('--new-branch')] },
    'bookmark|bookmarks|book': { options: [flag('-d', '--delete'), flag('-f', '--force'), valued('-r', '--rev'), flag('-i', '--inactive'), flag('-l', '--list')] },
  },
  help: HELP,
  dryRun: ['-n', '--dry-run'],
  scopeFlags: [],
  rules: [
    { id: 'hg-strip', path: ['strip|debugstrip|prune'], kind: 'repository', noun: 'changesets', verb: 'strips', note: () => ' from the history', nameFlags: ['-r', '--rev'], defaultName: 'the named changesets', local },
    { id: 'hg-update-clean', path: ['update|up|checkout|co'], kind: 'path', noun: 'working copy', verb: 'discards the uncommitted changes of', defaultName: 'the working copy', namePositionals: 'none', when: (a) => hasFlag(a, ['-C', '--clean']), local },
    { id: 'hg-revert-no-backup', path: ['revert'], kind: 'path', noun: 'files', verb: 'reverts', note: () => ' without keeping .orig copies', defaultName: 'the working copy', when: (a) => hasFlag(a, ['-C', '--no-backup']) && !hasFlag(a, ['-i', '--interactive']), local },
    { id: 'hg-purge', path: ['purge|clean'], kind: 'path', noun: 'untracked files', verb: 'deletes', defaultName: 'the untracked files of the working copy', when: (a) => !hasFlag(a, ['-p', '--print']), local },
    { id: 'hg-hide', path: ['hide'], kind: 'repository', noun: 'commits', verb: 'hides', note: () => ' from the log and from every bookmark (only `unhide` by hash brings them back)', nameFlags: ['-r', '--rev'], defaultName: 'the named commits', local },
    { id: 'hg-rollback', path: ['rollback'], kind: 'repository', noun: 'last transaction', verb: 'rolls back', defaultName: 'the last commit or pull', local },
    { id: 'hg-push-force', path: ['push'], kind: 'repository', noun: 'remote repository', verb: 'force-pushes to', defaultName: 'the default remote', namePositionals: 'first', when: forced, note: () => ' (new heads or unrelated history replace what others see)' },
    { id: 'hg-bookmark-delete', path: ['bookmark|bookmarks|book'], kind: 'branch', noun: 'bookmark', verb: 'deletes', when: (a) => hasFlag(a, ['-d', '--delete']), local },
  ],
};

/** Jujutsu: `jj <command…> [options]`. Its operation log undoes most local work; these drop what it keeps or rewrite a remote. */
export const jj: ToolSpec = {
  names: ['jj'],
  family: 'vcs',
  locality: 'either',
  provider: 'jujutsu',
  label: 'Jujutsu',
  options: [valued('-R', '--repository'), valued('--at-operation', '--at-op'), valued('--config'), valued('--config-toml'), flag('--ignore-working-copy'), flag('--no-pager'), flag('--quiet')],
  commands: {
    abandon: { options: [flag('--retain-bookmarks'), flag('--restore-descendants')] },
    'bookmark|b|branch': {
      commands: {
        'set|s|move|m|create|c': { options: [valued('-r', '--revision', '--to'), valued('--from'), flag('-B', '--allow-backwards')] },
        'delete|d|forget|f': {},
      },
    },
    'op|operation': { commands: { 'restore|abandon|revert|undo': {} } },
    git: { commands: { push: { options: [valued('-b', '--bookmark'), valued('-r', '--revisions'), valued('-c', '--change'), valued('--remote'), flag('--all'), flag('--tracked'), flag('--deleted', '--deletions'), flag('--allow-new'), flag('--dry-run')] } } },
    restore: { options: [valued('--from', '-f'), valued('--into', '--to', '-t'), valued('-c', '--changes-in')] },
  },
  help: HELP,
  dryRun: ['--dry-run'],
  rules: [
    { id: 'jj-abandon', path: ['abandon'], kind: 'repository', noun: 'changes', verb: 'abandons', defaultName: 'the working-copy change', local },
    { id: 'jj-bookmark-backwards', path: ['bookmark|b|branch', 'set|s|move|m|create|c'], kind: 'branch', noun: 'bookmark', verb: 'moves backwards', note: () => ' (commits after its target leave it; the next `jj git push` rewrites the remote branch)', when: (a) => hasFlag(a, ['-B', '--allow-backwards']) },
    { id: 'jj-bookmark-delete', path: ['bookmark|b|branch', 'delete|d|forget|f'], kind: 'branch', noun: 'bookmark', verb: 'deletes', local },
    { id: 'jj-op-rewind', path: ['op|operation', 'restore|abandon|revert|undo'], kind: 'repository', noun: 'operation log', verb: 'rewinds or drops entries of', defaultName: 'the repository state', local },
    { id: 'jj-restore', path: ['restore'], kind: 'path', noun: 'files', verb: 'discards the edits of', defaultName: 'the working-copy change', note: () => ' (restored from its parent)', when: (a) => !hasFlag(a, ['--from', '-f', '--into', '--to', '-t', '-c', '--changes-in']), local },
    { id: 'jj-push-deleted', path: ['git', 'push'], kind: 'branch', noun: 'remote bookmarks', verb: 'deletes on the remote', defaultName: 'bookmarks deleted locally', namePositionals: 'none', when: (a) => hasFlag(a, ['--deleted']) },
  ],
};

/** Subversion: `svn <command> [options] [targets]`; a URL target commits on the server at once. */
const SVN_URL = /^(svn(\+ssh)?|https?|file):\/\//;
const hasUrl = (a: CliArgs): boolean => a.positionals.slice(1).some((w) => SVN_URL.test(w.text));
export const svn: ToolSpec = {
  names: ['svn'],
  family: 'vcs',
  locality: 'either',
  provider: 'subversion',
  label: 'Subversion',
  options: [valued('--username'), valued('--password'), valued('--config-dir'), valued('--config-option'), flag('--non-interactive'), flag('-q', '--quiet')],
  commands: {
    revert: { options: [flag('-R', '--recursive'), valued('--depth'), valued('--changelist', '--cl'), valued('--targets')] },
    'delete|del|remove|rm': { options: [valued('-m', '--message'), valued('-F', '--file'), flag('--force'), flag('--keep-local')] },
    cleanup: { options: [flag('--remove-unversioned'), flag('--remove-ignored'), flag('--vacuum-pristines')] },
    'commit|ci': { options: [valued('-m', '--message'), valued('-F', '--file')] },
  },
  help: { options: ['-h', '--help', '-?'], word: 'first' },
  dryRun: ['--dry-run'],
  rules: [
    { id: 'svn-revert', path: ['revert'], kind: 'path', noun: 'working copy', verb: 'discards the uncommitted changes of', note: () => ' (no copy is kept)', local },
    { id: 'svn-delete-url', path: ['delete|del|remove|rm'], kind: 'url', noun: 'repository path', verb: 'deletes in a new commit on the server', when: hasUrl, nameFilter: SVN_URL },
    { id: 'svn-delete', path: ['delete|del|remove|rm'], kind: 'path', noun: 'files', verb: 'deletes (a commit then deletes them on the server)', when: (a) => !hasFlag(a, ['--keep-local']) && !hasUrl(a), local },
    { id: 'svn-cleanup-remove', path: ['cleanup'], kind: 'path', noun: 'files', verb: 'deletes the unversioned or ignored files of', defaultName: 'the working copy', when: (a) => hasFlag(a, ['--remove-unversioned', '--remove-ignored']), local },
  ],
};

/** Graphite: `gt submit|ss` force-pushes the stack; `--force` drops the lease check. */
export const graphite: ToolSpec = {
  names: ['gt'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'Graphite',
  options: [valued('--cwd'), flag('--no-interactive'), flag('-q', '--quiet')],
  commands: {
    'submit|ss|s': { options: [flag('-f', '--force'), flag('-s', '--stack'), flag('-d', '--draft'), flag('--dry-run')] },
    'stack|upstack|downstack|branch': { commands: { 'submit|s': { options: [flag('-f', '--force')] }, 'delete|dl': { options: [flag('-f', '--force')] } } },
    'delete|dl': { options: [flag('-f', '--force')] },
    // `gt sync` pulls trunk into this clone and restacks the branches on it.
    sync: { options: [flag('-f', '--force'), flag('--all')], pulls: true },
  },
  help: HELP,
  dryRun: ['--dry-run'],
  rules: [
    { id: 'gt-submit-force', path: ['submit|ss|s'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: forced },
    { id: 'gt-stack-submit-force', path: ['stack|upstack|downstack|branch', 'submit|s'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: forced },
    { id: 'gt-delete-force', path: ['delete|dl'], kind: 'branch', noun: 'branch', verb: 'deletes', note: () => ' with its unmerged commits', when: forced, local },
    { id: 'gt-branch-delete-force', path: ['stack|upstack|downstack|branch', 'delete|dl'], kind: 'branch', noun: 'branch', verb: 'deletes', note: () => ' with its unmerged commits', when: forced, local },
    { id: 'gt-sync-force', path: ['sync'], kind: 'branch', noun: 'branches', verb: 'deletes merged branches and resets trunk without asking', defaultName: 'local branches', namePositionals: 'none', when: forced, local },
  ],
};

/** git-spice: `gs stack submit --force`, `gs ss --force` push over what the remote holds. */
export const gitSpice: ToolSpec = {
  names: ['gs', 'git-spice'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'git-spice',
  options: [valued('-C', '--dir'), flag('--no-prompt'), flag('-v', '--verbose')],
  commands: {
    'stack|s|upstack|us|downstack|ds|branch|b': { commands: { 'submit|s': { options: [flag('--force'), flag('--dry-run'), flag('--fill'), flag('--draft')] }, 'delete|d|rm': { options: [flag('--force')] } } },
    'ss|us|ds|bs': { options: [flag('--force'), flag('--dry-run')] },
    'repo|r': { commands: { 'sync|s': { options: [flag('--restack')], pulls: true } } },
  },
  help: HELP,
  dryRun: ['--dry-run'],
  rules: [
    { id: 'gs-submit-force', path: ['stack|s|upstack|us|downstack|ds|branch|b', 'submit|s'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: (a) => hasFlag(a, ['--force']) },
    { id: 'gs-short-submit-force', path: ['ss|us|ds|bs'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: (a) => hasFlag(a, ['--force']) },
    { id: 'gs-branch-delete-force', path: ['stack|s|upstack|us|downstack|ds|branch|b', 'delete|d|rm'], kind: 'branch', noun: 'branch', verb: 'deletes', note: () => ' with its unmerged commits', when: (a) => hasFlag(a, ['--force']), local },
  ],
};

/** spr (stacked pull requests): `spr update|diff --force` pushes over the remote branches. */
export const spr: ToolSpec = {
  names: ['spr', 'git-spr'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'spr',
  options: [flag('--detail'), flag('--verbose'), flag('--debug')],
  commands: { 'update|diff|u': { options: [flag('-f', '--force'), flag('--all'), valued('-m', '--message'), valued('--count')] } },
  help: HELP,
  rules: [
    { id: 'spr-update-force', path: ['update|diff|u'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: forced },
  ],
};

/** ghstack: `ghstack submit --force` pushes over branches others may have changed; `land` merges into the base. */
export const ghstack: ToolSpec = {
  names: ['ghstack'],
  family: 'vcs',
  locality: 'either',
  provider: 'github',
  label: 'ghstack',
  options: [flag('-v', '--verbose'), flag('-q', '--quiet')],
  commands: { 'submit|land|unlink|checkout|cherry-pick|action|status': { options: [flag('--force'), flag('-u', '--update-fields'), valued('-m', '--message')] } },
  help: HELP,
  rules: [{ id: 'ghstack-force', path: ['submit'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s ghstack branches', namePositionals: 'none', when: (a) => hasFlag(a, ['--force']) }],
};

/** git-town: `kill`/`delete` removes a branch here and on the remote. */
export const gitTown: ToolSpec = {
  names: ['git-town'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'Git Town',
  options: [flag('-v', '--verbose'), flag('--dry-run')],
  commands: { 'kill|delete': {}, 'sync': { options: [flag('-a', '--all'), flag('-s', '--stack'), flag('--prune')], pulls: true } },
  help: HELP,
  dryRun: ['--dry-run'],
  rules: [
    { id: 'git-town-delete', path: ['kill|delete'], kind: 'branch', noun: 'branch', verb: 'deletes', note: () => ' here and on the remote, with its commits', defaultName: 'the current branch' },
  ],
};

/** git-machete: `traverse --yes` pushes every branch it rebased with force, without asking. */
export const gitMachete: ToolSpec = {
  names: ['git-machete'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'git-machete',
  options: [flag('-v', '--verbose'), flag('--debug')],
  commands: {
    'traverse|t': { options: [flag('-y', '--yes'), flag('--no-push'), flag('--no-push-untracked'), flag('-F', '--fetch'), flag('-W'), flag('--return-to')], pulls: (a) => a.has('-F', '--fetch', '-W') },
    'delete-unmanaged': { options: [flag('-y', '--yes')] },
    'slide-out': { options: [flag('--delete'), flag('--removed-from-remote'), flag('-n', '--no-interactive-rebase')] },
  },
  help: HELP,
  rules: [
    { id: 'git-machete-traverse-yes', path: ['traverse|t'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes the rebased branches over', defaultName: 'the managed branches on the remote', namePositionals: 'none', when: (a) => hasFlag(a, ['-y', '--yes']) && !hasFlag(a, ['--no-push']) },
    { id: 'git-machete-delete-unmanaged', path: ['delete-unmanaged'], kind: 'branch', noun: 'branches', verb: 'deletes', defaultName: 'every branch not in the machete file', namePositionals: 'none', when: (a) => hasFlag(a, ['-y', '--yes']), local },
    { id: 'git-machete-slide-out-delete', path: ['slide-out'], kind: 'branch', noun: 'branch', verb: 'deletes', when: (a) => hasFlag(a, ['--delete']), local },
  ],
};

/** git-branchless: `sync --force` rebases every stack even where it conflicts; `submit --force` pushes over; `hide --delete-branches`. */
export const gitBranchless: ToolSpec = {
  names: ['git-branchless'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'git-branchless',
  options: [valued('-C'), flag('-q', '--quiet')],
  commands: {
    sync: { options: [flag('-f', '--force'), flag('-p', '--pull'), flag('--merge')], pulls: (a) => a.has('-p', '--pull') },
    submit: { options: [flag('-f', '--force'), flag('-c', '--create'), valued('--forge')] },
    hide: { options: [flag('-D', '--delete-branches'), flag('-r', '--recursive')] },
  },
  help: HELP,
  rules: [
    { id: 'git-branchless-submit-force', path: ['submit'], kind: 'branch', noun: 'remote branches', verb: 'force-pushes over', defaultName: 'the stack\'s remote branches', namePositionals: 'none', when: forced },
    { id: 'git-branchless-sync-force', path: ['sync'], kind: 'branch', noun: 'branches', verb: 'rewrites', note: () => ' (every stack rebased, even where it conflicts)', defaultName: 'local branches', namePositionals: 'none', when: forced, local },
    { id: 'git-branchless-hide-delete', path: ['hide'], kind: 'branch', noun: 'branches', verb: 'deletes the branches of', defaultName: 'the hidden commits', when: (a) => hasFlag(a, ['-D', '--delete-branches']), local },
  ],
};

/** git-lfs: `migrate import|export` rewrites history unless `--no-rewrite`; `migrate info` reads. */
export const gitLfs: ToolSpec = {
  names: ['git-lfs'],
  family: 'vcs',
  locality: 'local',
  provider: 'git',
  label: 'Git LFS',
  options: [],
  commands: {
    migrate: {
      commands: {
        'import|export': { options: [valued('-I', '--include'), valued('-X', '--exclude'), valued('--include-ref'), valued('--exclude-ref'), flag('--everything'), flag('--no-rewrite'), flag('-y', '--yes'), valued('--object-map'), valued('--above'), flag('--fixup')] },
        info: {},
      },
    },
  },
  help: { options: ['-h', '--help'], word: 'first' },
  rules: [
    { id: 'git-lfs-migrate-rewrite', path: ['migrate', 'import|export'], kind: 'repository', noun: 'history', verb: 'rewrites the commits of', defaultName: 'the repository history', namePositionals: 'none', when: (a) => !hasFlag(a, ['--no-rewrite']), note: (a) => (hasFlag(a, ['--everything']) ? ' (every branch and tag: pushing it then needs a force push)' : ' (pushing it then needs a force push)'), local },
  ],
};

/** git-annex: `drop --force`/`dropunused --force` remove content without checking that another copy exists. */
export const gitAnnex: ToolSpec = {
  names: ['git-annex'],
  family: 'vcs',
  locality: 'local',
  provider: 'git',
  label: 'git-annex',
  options: [flag('--force'), flag('-q', '--quiet'), valued('-J', '--jobs'), valued('--from'), valued('-N', '--numcopies')],
  commands: { 'drop|dropunused|move|uninit': {}, forget: { options: [flag('--drop-dead')] } },
  help: HELP,
  rules: [
    { id: 'git-annex-drop-force', path: ['drop|dropunused'], kind: 'path', noun: 'annexed content', verb: 'drops', note: () => ' without checking that another copy exists', when: (a) => hasFlag(a, ['--force']), local: (a) => !hasFlag(a, ['--from']) },
    { id: 'git-annex-forget-drop-dead', path: ['forget'], kind: 'repository', noun: 'location history', verb: 'forgets', defaultName: 'dead repositories', namePositionals: 'none', when: (a) => hasFlag(a, ['--drop-dead']), local },
  ],
};

/**
 * git-extras (`git delete-branch`, `git clear`, …; its command reference): each is a script that chains git's own
 * destroying commands, reached as `git <name>` through the git handler.
 */
const extra = (name: string, rule: Omit<NonNullable<ToolSpec['rules']>[number], 'path'>, locality: ToolSpec['locality'] = 'local'): ToolSpec => ({
  names: [`git-${name}`],
  family: 'vcs',
  locality,
  provider: 'git',
  label: `git ${name} (git-extras)`,
  options: [flag('-f', '--force'), flag('--hard')],
  help: HELP,
  rules: [{ ...rule, path: [] }],
});
export const gitDeleteBranch = extra('delete-branch', { id: 'git-extras-delete-branch', kind: 'branch', noun: 'branch', verb: 'deletes, locally and on the remote,', namePositionals: 'all' }, 'either');
export const gitDeleteTag = extra('delete-tag', { id: 'git-extras-delete-tag', kind: 'branch', noun: 'tag', verb: 'deletes, locally and on the remote,', namePositionals: 'all' }, 'either');
export const gitDeleteMergedBranches = extra('delete-merged-branches', { id: 'git-extras-delete-merged', kind: 'branch', noun: 'branches', verb: 'deletes', defaultName: 'every branch merged into the current one', namePositionals: 'none', local });
export const gitDeleteSquashedBranches = extra('delete-squashed-branches', { id: 'git-extras-delete-squashed', kind: 'branch', noun: 'branches', verb: 'deletes', defaultName: 'every branch squash-merged into the base', namePositionals: 'none', local });
export const gitClear = extra('clear', { id: 'git-extras-clear', kind: 'path', noun: 'working tree', verb: 'discards every uncommitted change and untracked or ignored file of', defaultName: 'the working tree', namePositionals: 'none', local });
export const gitClearSoft = extra('clear-soft', { id: 'git-extras-clear-soft', kind: 'path', noun: 'working tree', verb: 'discards every uncommitted change and untracked file of', defaultName: 'the working tree', namePositionals: 'none', local });
export const gitResetFile = extra('reset-file', { id: 'git-extras-reset-file', kind: 'path', noun: 'file', verb: 'discards the uncommitted changes of', namePositionals: 'first', local });
export const gitUndo = extra('undo', { id: 'git-extras-undo', kind: 'repository', noun: 'commits', verb: 'removes the latest', defaultName: 'commit', namePositionals: 'none', note: () => ' and their changes', when: (a) => hasFlag(a, ['--hard']), local });
export const gitObliterate = extra('obliterate', { id: 'git-extras-obliterate', kind: 'repository', noun: 'history', verb: 'rewrites every commit of', defaultName: 'the repository history', namePositionals: 'none', note: () => ' to erase the named files (pushing it then needs a force push)' }, 'either');

/**
 * hub (GitHub's older CLI, often aliased as git): `hub sync` fetches and fast-forwards the local branches, the
 * checked-out one in the work tree; git's own commands pass through (`hub pull`); `hub delete -y OWNER/REPO`
 * deletes a repository on GitHub. What it does not describe is left to the verb floor (`FLOOR_BENEATH`).
 */
export const hub: ToolSpec = {
  names: ['hub'],
  family: 'vcs',
  locality: 'either',
  provider: 'github',
  label: 'hub',
  options: [valued('-C'), valued('-c')],
  commands: {
    'sync|pull': { options: [flag('--rebase'), flag('--ff-only')], pulls: true },
    delete: { options: [flag('-y', '--yes')] },
  },
  help: HELP,
  rules: [{ id: 'hub-delete', path: ['delete'], kind: 'repository', noun: 'GitHub repository', verb: 'deletes', namePositionals: 'first', note: () => ' with its issues, pull requests and releases' }],
};

/**
 * git-up (`git up`, PyPI's git-up and the gem): fetches every remote and rebases or fast-forwards every
 * local branch onto its upstream, the checked-out one in the work tree. git-extras' `git sync` (`git-sync`)
 * resets the branch to its upstream and removes untracked files; `-f`/`--force` skips its question.
 */
export const gitUp: ToolSpec = { names: ['git-up'], family: 'vcs', locality: 'either', provider: 'git', label: 'git-up', options: [flag('-q', '--quiet')], pulls: true, help: HELP };

export const gitSync: ToolSpec = {
  names: ['git-sync'],
  family: 'vcs',
  locality: 'either',
  provider: 'git',
  label: 'git sync',
  options: [flag('-f', '--force'), flag('-s', '--soft'), flag('-n', '--dry-run')],
  pulls: true,
  help: HELP,
  dryRun: ['-n', '--dry-run'],
  rules: [{ id: 'git-sync-force', path: [], kind: 'path', noun: 'work tree', verb: 'resets to its upstream, without asking,', defaultName: 'the work tree', namePositionals: 'none', note: () => ': uncommitted changes and untracked files are dropped', when: (a) => forced(a) && !hasFlag(a, ['-s', '--soft']), local }],
};
