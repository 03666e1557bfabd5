import type { OptionSpec } from '../grammar';
import type { CommandSpec, ToolArgs, ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * git: `git [global options] <command> [options] [args]`. Global options come only before the
 * command; each command parses its own with git's parse-options, which accepts any unambiguous
 * prefix of a long option (`git push --del`, `--force-w`) and `--no-` forms.
 */

const optional = (...names: string[]): OptionSpec => ({ names, takes: 'optional' });

const quiet = [flag('-q', '--quiet'), flag('--no-quiet'), flag('-v', '--verbose'), flag('--progress'), flag('--no-progress')];
const pathspecFile = [valued('--pathspec-from-file'), flag('--pathspec-file-nul')];
const submodules = [optional('--recurse-submodules'), flag('--no-recurse-submodules')];

const push: CommandSpec = {
  effect: 'mutate',
  dryRun: ['-n', '--dry-run'],
  options: [
    flag('--all'), flag('--branches'), flag('--prune'), flag('--mirror'), flag('-n', '--dry-run'), flag('--porcelain'),
    flag('-d', '--delete'), flag('--tags'), flag('--follow-tags'), flag('--no-follow-tags'), optional('--signed'), flag('--no-signed'),
    flag('--atomic'), flag('--no-atomic'), valued('-o', '--push-option'), valued('--receive-pack', '--exec'),
    optional('--force-with-lease'), flag('--no-force-with-lease'), flag('-f', '--force'), flag('--no-force'), flag('--force-if-includes'),
    flag('--no-force-if-includes'), valued('--repo'), flag('-u', '--set-upstream'), flag('--thin'), flag('--no-thin'),
    flag('--verify'), flag('--no-verify'), flag('-4', '--ipv4'), flag('-6', '--ipv6'), ...quiet, ...submodules,
  ],
};

const reset: CommandSpec = {
  options: [
    flag('--hard'), flag('--merge'), flag('--keep'), flag('--soft'), flag('--mixed'), flag('-p', '--patch'), flag('-N', '--intent-to-add'),
    ...quiet, ...pathspecFile, ...submodules,
  ],
};

const clean: CommandSpec = {
  dryRun: ['-n', '--dry-run'],
  options: [flag('-d'), flag('-f', '--force'), flag('-i', '--interactive'), flag('-n', '--dry-run'), valued('-e', '--exclude'), flag('-x'), flag('-X'), ...quiet],
};

const checkoutLike = [
  flag('-f', '--force'), flag('--ours'), flag('--theirs'), flag('-m', '--merge'), valued('--conflict'), flag('-p', '--patch'),
  flag('--ignore-skip-worktree-bits'), flag('--overlay'), flag('--no-overlay'), ...quiet, ...pathspecFile, ...submodules,
];

/**
 * A branch created by this line (`git checkout -b test`, `git switch -c test`) at HEAD: until a later
 * command of the line commits, deleting it (`git branch -D test`) loses nothing (rules/git.ts).
 */
export const GIT_NEW_BRANCH = '\u0000git-new-branch';
const created = (...names: string[]) => (a: ToolArgs): Readonly<Record<string, string>> => {
  const name = a.value(...names);
  // A start point other than HEAD (`checkout -b x origin/old`) names commits the line did not make.
  return name !== undefined && a.operand(0) === undefined ? { [GIT_NEW_BRANCH]: name } : {};
};

const checkout: CommandSpec = {
  selects: created('-b'),
  options: [
    ...checkoutLike, valued('-b'), valued('-B'), valued('--orphan'), optional('-t', '--track'), flag('--no-track'), flag('--guess'),
    flag('--no-guess'), flag('-l'), flag('-d', '--detach'), flag('--ignore-other-worktrees'), flag('--overwrite-ignore'), flag('--no-overwrite-ignore'),
  ],
};

const restore: CommandSpec = {
  options: [...checkoutLike, valued('-s', '--source'), flag('-W', '--worktree'), flag('-S', '--staged'), flag('--ignore-unmerged')],
};

const branch: CommandSpec = {
  options: [
    flag('-d', '--delete'), flag('-D'), flag('-f', '--force'), flag('-m', '--move'), flag('-M'), flag('-c', '--copy'), flag('-C'),
    flag('-l', '--list'), flag('-a', '--all'), flag('-r', '--remotes'), optional('--color'), flag('--no-color'), optional('--abbrev'),
    flag('--no-abbrev'), optional('--column'), flag('--no-column'), valued('--sort'), flag('--merged'), flag('--no-merged'),
    flag('--contains'), flag('--no-contains'), valued('--points-at'), valued('--format'), optional('-t', '--track'), flag('--no-track'),
    valued('-u', '--set-upstream-to'), flag('--unset-upstream'), flag('--edit-description'), flag('--create-reflog'),
    flag('-i', '--ignore-case'), flag('--show-current'), flag('--omit-empty'), ...quiet, ...submodules,
  ],
};

const stash: CommandSpec = {
  options: [valued('-m', '--message'), flag('-u', '--include-untracked'), flag('-a', '--all'), flag('-k', '--keep-index'), flag('-p', '--patch'), flag('-S', '--staged'), ...quiet, ...pathspecFile],
  commands: {
    'clear|drop': { effect: 'delete' },
    'push|save|pop|apply|branch|store|create': { effect: 'mutate' },
    'list|show': { effect: 'read' },
  },
};

const gc: CommandSpec = {
  options: [optional('--prune'), flag('--no-prune'), flag('--aggressive'), flag('--auto'), flag('--force'), flag('--keep-largest-pack'), flag('--cruft'), flag('--no-cruft'), ...quiet],
};

const reflog: CommandSpec = {
  commands: {
    expire: { options: [optional('--expire'), optional('--expire-unreachable'), flag('--all'), flag('--rewrite'), flag('--updateref'), flag('--stale-fix'), flag('-n', '--dry-run'), flag('--verbose')], effect: 'delete' },
    delete: { effect: 'delete' },
    'show|exists|list': { effect: 'read' },
  },
};

const filterBranch: CommandSpec = {
  options: [
    valued('--env-filter'), valued('--tree-filter'), valued('--index-filter'), valued('--parent-filter'), valued('--msg-filter'),
    valued('--commit-filter'), valued('--tag-name-filter'), valued('--subdirectory-filter'), flag('--prune-empty'), valued('--original'),
    valued('-d'), flag('-f', '--force'), valued('--setup'), valued('--state-branch'),
  ],
  effect: 'delete',
};

const read: CommandSpec = { effect: 'read' };

/** Options naming the program git runs on the other side of a fetch (`--upload-pack`, `-u` outside push). */
const uploadPack = [valued('--upload-pack', '-u')];

/** `git pull [options] [REPOSITORY [REFSPEC…]]`: fetch's and merge's options; the valued ones must not take the repository as their value. */
const pull: CommandSpec = {
  effect: 'mutate',
  options: [
    ...uploadPack, optional('-r', '--rebase'), flag('--no-rebase'), flag('--ff-only'), flag('--ff'), flag('--no-ff'), flag('--commit'), flag('--no-commit'),
    flag('--squash'), flag('--no-squash'), flag('--edit', '-e'), flag('--no-edit'), valued('-s', '--strategy'), valued('-X', '--strategy-option'),
    optional('-S', '--gpg-sign'), flag('--no-gpg-sign'), optional('--log'), flag('--no-log'), flag('--signoff'), flag('--no-signoff'), flag('--stat'),
    flag('-n', '--no-stat'), flag('--autostash'), flag('--no-autostash'), flag('--verify'), flag('--no-verify'), flag('--verify-signatures'),
    flag('--no-verify-signatures'), flag('--allow-unrelated-histories'), valued('--cleanup'), flag('--all'), flag('-a', '--append'), flag('--dry-run'),
    flag('-f', '--force'), flag('-k', '--keep'), flag('-p', '--prune'), flag('-t', '--tags'), flag('--no-tags'), valued('-j', '--jobs'),
    valued('--depth'), valued('--deepen'), valued('--shallow-since'), valued('--shallow-exclude'), flag('--unshallow'), flag('--update-shallow'),
    valued('--negotiation-tip'), valued('--refmap'), valued('-o', '--server-option'), flag('-4', '--ipv4'), flag('-6', '--ipv6'), flag('--set-upstream'),
    ...quiet, ...submodules,
  ],
};

const rebase: CommandSpec = {
  effect: 'mutate',
  options: [
    valued('-x', '--exec'), valued('--onto'), valued('-s', '--strategy'), valued('-X', '--strategy-option'), optional('-S', '--gpg-sign'), valued('-C'),
    valued('--whitespace'), optional('--empty'), optional('-r', '--rebase-merges'), flag('-i', '--interactive'), flag('--continue'), flag('--abort'),
    flag('--skip'), flag('--quit'), flag('--edit-todo'), flag('--show-current-patch'), flag('--root'), flag('--autosquash'), flag('--no-autosquash'),
    flag('--autostash'), flag('--no-autostash'), flag('-f', '--force-rebase'), flag('--keep-base'), flag('--update-refs'), flag('-m', '--merge'),
    flag('--apply'), flag('-n', '--no-stat'), flag('--stat'), flag('--no-verify'), flag('--verify'), flag('--committer-date-is-author-date'),
    flag('--reset-author-date'), flag('--signoff'), flag('--fork-point'), flag('--no-fork-point'), flag('--reschedule-failed-exec'), ...quiet,
  ],
};

const tool: CommandSpec = {
  options: [
    valued('-x', '--extcmd', '--tool-cmd'), valued('-t', '--tool'), flag('-y', '--no-prompt'), flag('--prompt'), flag('-g', '--gui'), flag('--no-gui'),
    flag('-d', '--dir-diff'), flag('--tool-help'), optional('--trust-exit-code'), flag('--no-trust-exit-code'), valued('-O'), flag('--symlinks'), flag('--no-symlinks'),
  ],
};

const config: CommandSpec = {
  effect: 'mutate',
  options: [
    valued('-f', '--file'), valued('--blob'), valued('--type'), valued('--default'), valued('--comment'), valued('--value'),
    flag('--global'), flag('--system'), flag('--local'), flag('--worktree'), flag('--get'), flag('--get-all'), flag('--get-regexp'), flag('--get-urlmatch'),
    flag('-l', '--list'), flag('--unset'), flag('--unset-all'), flag('--remove-section'), flag('--rename-section'), flag('--show-origin'), flag('--show-scope'),
    flag('--name-only'), flag('-e', '--edit'), flag('--add'), flag('--replace-all'), flag('--bool'), flag('--int'), flag('--bool-or-int'), flag('--path'),
    flag('--expiry-date'), flag('-z', '--null'), flag('--includes'), flag('--no-includes'), flag('--fixed-value'), flag('--all'),
  ],
};

/** `git bisect run CMD…`, `git submodule foreach CMD…`: the command's words are not git's options. */
const commandAfter: CommandSpec = { interspersed: false };


export const git: ToolSpec = {
  names: ['git'],
  family: 'git',
  locality: 'either',
  abbreviations: true,
  globalsBeforeSubcommand: true,
  // `-h` is not help everywhere (`git grep -h` hides file names).
  help: { options: ['--help'], word: 'first' },
  options: [
    valued('-C'), valued('-c'), optional('--exec-path'), valued('--git-dir'), valued('--work-tree'), valued('--namespace'), valued('--config-env'),
    valued('--super-prefix'), valued('--list-cmds'), flag('-p', '--paginate'), flag('-P', '--no-pager'), flag('--no-replace-objects'),
    flag('--bare'), flag('--literal-pathspecs'), flag('--glob-pathspecs'), flag('--noglob-pathspecs'), flag('--icase-pathspecs'),
    flag('--no-optional-locks'), flag('--no-advice'), flag('--html-path'), flag('--man-path'), flag('--info-path'), flag('--version'), flag('--help'),
    // git(1): `--attr-source <tree-ish>` takes the next word too (`git --attr-source HEAD push -f` pushes).
    valued('--attr-source'), flag('--no-lazy-fetch'), flag('-v'), flag('-h'),
  ],
  commands: {
    push,
    reset,
    clean,
    checkout,
    restore,
    branch,
    stash,
    gc,
    reflog,
    'filter-branch': filterBranch,
    'filter-repo': { effect: 'delete' },
    prune: { options: [flag('-n', '--dry-run'), valued('--expire'), ...quiet], effect: 'delete' },
    'update-ref': { options: [flag('-d'), valued('-m'), flag('--no-deref'), flag('--stdin'), flag('-z'), flag('--create-reflog')] },
    // `merge-file CURRENT BASE OTHER` writes the merge into CURRENT unless `-p` prints it.
    'merge-file': {
      options: [
        flag('-p', '--stdout'), valued('-L'), flag('-q', '--quiet'), flag('--ours'), flag('--theirs'), flag('--union'), flag('--diff3'), flag('--zdiff3'),
        valued('--marker-size'), valued('--diff-algorithm'), flag('--object-id'),
      ],
    },
    // git-annex and git-lfs: `annex drop --force` drops content without checking other copies; `lfs prune` deletes local objects.
    annex: { effect: 'mutate', commands: { 'drop|dropunused|move': { options: [flag('--force'), flag('--all', '-A'), valued('--from'), valued('--to'), valued('-J', '--jobs'), flag('--fast')] } } },
    lfs: {
      effect: 'mutate',
      commands: { prune: { options: [flag('-d', '--dry-run'), optional('-c', '--verify-remote'), flag('--no-verify-remote'), flag('--verify-unreachable'), flag('--no-verify-unreachable'), flag('-f', '--force'), flag('--recent'), valued('--when-unverified'), flag('-v', '--verbose')] } },
    },
    // git-secrets (round 27): `git secrets --install -f` writes its commit-msg, pre-commit and prepare-commit-msg hooks over the ones there.
    secrets: {
      options: [flag('--install'), flag('-f', '--force'), flag('--scan'), flag('--scan-history'), flag('--list'), flag('--add'), flag('--add-provider'), flag('--register-aws'), flag('--aws-provider'), flag('-r', '--recursive'), flag('--cached'), flag('--no-index'), flag('--untracked'), flag('-a', '--allowed'), flag('-l', '--literal'), flag('--global')],
      installsHooks: [{ way: 'overwrite', when: ['-f', '--force'], own: /git secrets|git-secrets/i }],
    },
    'symbolic-ref': { options: [flag('-d', '--delete'), flag('-q', '--quiet'), flag('--short'), flag('--no-recurse'), flag('--recurse'), valued('-m')] },
    'read-tree': {
      options: [
        flag('-m'), flag('--reset'), flag('-u'), flag('-i'), flag('-n', '--dry-run'), flag('--trivial'), flag('--aggressive'), valued('--prefix'),
        valued('--index-output'), flag('--empty'), flag('--no-sparse-checkout'), ...quiet, ...submodules,
      ],
    },
    rebase,
    config,
    'difftool|mergetool': tool,
    fetch: { effect: 'mutate', options: uploadPack },
    pull,
    clone: { effect: 'mutate', options: [...uploadPack, valued('-o', '--origin'), valued('-b', '--branch'), valued('--template'), valued('--reference'), valued('--depth'), valued('--separate-git-dir'), valued('-c', '--config'), valued('--filter'), flag('--bare'), flag('--mirror'), flag('-n', '--no-checkout'), flag('--recursive'), ...quiet] },
    'ls-remote': { effect: 'read', options: uploadPack },
    archive: { effect: 'read', options: [valued('--exec'), valued('--remote'), valued('-o', '--output'), valued('--format'), valued('--prefix')] },
    bisect: { effect: 'mutate', commands: { run: commandAfter } },
    // `submodule deinit -f` and `update --force` throw away the submodules' local changes.
    submodule: {
      effect: 'mutate',
      options: [flag('-q', '--quiet')],
      commands: {
        foreach: { ...commandAfter, options: [flag('--recursive')] },
        deinit: { effect: 'mutate', options: [flag('-f', '--force'), flag('--all'), ...quiet] },
        update: {
          effect: 'mutate',
          options: [
            flag('--init'), flag('--remote'), flag('-N', '--no-fetch'), flag('-f', '--force'), flag('--checkout'), flag('--merge'), flag('--rebase'), flag('--recursive'),
            valued('--depth'), valued('--reference'), valued('-j', '--jobs'), flag('--single-branch'), flag('--no-single-branch'), valued('--filter'), flag('--recommend-shallow'), ...quiet,
          ],
        },
      },
    },
    // Pushes by plumbing (`send-pack`, `http-push`) and servers of the repository (`daemon`, `instaweb`).
    'send-pack': { effect: 'mutate', dryRun: ['-n', '--dry-run'], options: [flag('--all'), flag('--mirror'), flag('-f', '--force'), flag('-n', '--dry-run'), flag('--atomic'), flag('--thin'), flag('--stdin'), optional('--signed'), valued('--receive-pack', '--exec'), valued('--push-option'), optional('--force-with-lease'), ...quiet] },
    'http-push': { effect: 'mutate', dryRun: ['--dry-run'], options: [flag('--all'), flag('--force'), flag('--dry-run'), flag('-d'), flag('-D'), flag('--verbose')] },
    daemon: {
      effect: 'mutate',
      options: [
        flag('--export-all'), valued('--base-path'), flag('--base-path-relaxed'), valued('--interpolated-path'), valued('--listen'), valued('--port'), valued('--init-timeout'),
        valued('--timeout'), valued('--max-connections'), flag('--strict-paths'), flag('--reuseaddr'), flag('--syslog'), optional('--user-path'), flag('--verbose'),
        flag('--detach'), valued('--pid-file'), valued('--user'), valued('--group'), valued('--enable'), valued('--disable'), valued('--allow-override'), valued('--forbid-override'),
        flag('--inetd'), optional('--log-destination'), flag('--informative-errors'), flag('--no-informative-errors'), valued('--access-hook'),
      ],
    },
    instaweb: { effect: 'mutate', options: [flag('-l', '--local'), valued('-d', '--httpd'), valued('-m', '--module-path'), valued('-p', '--port'), valued('-b', '--browser'), flag('--start'), flag('--stop'), flag('--restart')] },
    'status|log|diff|show|blame|ls-files|ls-tree|rev-parse|describe|shortlog|cat-file': read,
    // `-O[PAGER]` / `--open-files-in-pager[=PAGER]` opens the matching files in a program it names.
    // The patterns: `-e PATTERN` (several, joined by `--and`/`--or`/`--not`), `-f FILE`; the rest select and shape what is printed.
    grep: {
      effect: 'read',
      options: [
        { names: ['-O', '--open-files-in-pager'], takes: 'optional' }, valued('-e'), valued('-f'), valued('-m', '--max-count'), valued('-A', '--after-context'),
        valued('-B', '--before-context'), valued('-C', '--context'), valued('--max-depth'), valued('--threads'), optional('--color'),
      ],
    },
    // `add -f` stages an ignored file; `-N` records it so `git diff` prints it whole. `git stage` is its documented synonym.
    'add|stage': {
      effect: 'mutate',
      options: [
        flag('-f', '--force'), flag('-N', '--intent-to-add'), flag('-A', '--all', '--no-ignore-removal'), flag('--no-all', '--ignore-removal'), flag('-u', '--update'),
        flag('-n', '--dry-run'), flag('-p', '--patch'), flag('-i', '--interactive'), flag('-e', '--edit'), flag('--refresh'), flag('--ignore-errors'),
        flag('--ignore-missing'), flag('--renormalize'), flag('--sparse'), valued('--chmod'), ...quiet, ...pathspecFile,
      ],
    },
    // `hash-object -w FILE` copies the file into the object database, where `cat-file -p` prints it.
    'hash-object': { effect: 'mutate', options: [flag('-w'), valued('-t'), flag('--stdin'), flag('--stdin-paths'), valued('--path'), flag('--no-filters'), flag('--literally')] },
    // These may put commits on the branch a line created: it is no longer empty (GIT_NEW_BRANCH).
    'commit|merge|cherry-pick|revert|init|mv|rm|am|apply|tag|remote': { effect: 'mutate', selects: () => ({ [GIT_NEW_BRANCH]: '' }) },
    // Credential helpers asked by hand (`git credential-store --file f get`): where the store is, not a command word.
    'credential-store|credential-cache': { options: [valued('--file'), valued('--timeout'), valued('--socket')] },
    // `switch -f` / `--discard-changes` throws away local changes to switch.
    switch: {
      effect: 'mutate',
      selects: created('-c', '--create'),
      options: [
        flag('-f', '--force', '--discard-changes'), valued('-c', '--create'), valued('-C', '--force-create'), valued('--orphan'), flag('-d', '--detach'),
        optional('-t', '--track'), flag('--no-track'), flag('--guess'), flag('--no-guess'), flag('-m', '--merge'), valued('--conflict'),
        flag('--ignore-other-worktrees'), ...quiet, ...submodules,
      ],
    },
    // `worktree remove --force` deletes a linked work tree with its uncommitted and untracked files.
    worktree: {
      effect: 'mutate',
      commands: {
        remove: { effect: 'delete', options: [flag('-f', '--force')] },
        add: {
          effect: 'mutate',
          options: [
            flag('-f', '--force'), flag('-d', '--detach'), flag('--checkout'), flag('--no-checkout'), flag('--lock'), valued('--reason'), flag('--orphan'),
            valued('-b'), valued('-B'), flag('--track'), flag('--no-track'), flag('--guess-remote'), flag('--no-guess-remote'), flag('--relative-paths'), ...quiet,
          ],
        },
        prune: { effect: 'mutate', options: [flag('-n', '--dry-run'), flag('-v', '--verbose'), valued('--expire')] },
        list: { ...read, options: [flag('-v', '--verbose'), flag('--porcelain'), flag('-z')] },
      },
    },
  },
};
