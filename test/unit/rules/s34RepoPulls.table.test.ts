import type { Facts } from '../../../src/core/policy/types';
import { allow, ask, blocked, decisionTable } from '../support/decisionTable';
import { emptyFacts, perimeterFacts } from './perimeterFixtures';

/**
 * Stop 34 (repo area): `git pull` is `git fetch` and a merge or rebase in one step. Where the work tree
 * holds a protected place (a tracked hook configuration, a workspace policy) it is judged as `git fetch &&
 * git rebase origin/main` is (asked): the commits it writes were pushed from another clone and nobody here
 * has seen them. Every spelling (`--rebase`, `--ff-only`, a remote and branch, `-C dir`, an alias on the
 * line or in the repository's config) is the same move. A pull where no protected place lies, a dry run,
 * and other subcommands named `pull` stay allowed.
 */

/** The fixture project (hook configurations tracked), with an alias for `pull --rebase` in its git config. */
function guarded(): Facts {
  const base = perimeterFacts();
  const config: Record<string, string> = { '/work/app/.git/config': '[core]\n\tbare = false\n[alias]\n\tsync = pull --rebase\n' };
  return { ...base, readFile: (p) => config[p] ?? base.readFile(p) };
}

describe('s34 repo: git pull judged as fetch then merge/rebase', () => {
  decisionTable(guarded())('a work tree holding hook configurations: every spelling asks', [
    ask('git pull', { says: /git pull fetches the upstream branch's new commits and merges them into the work tree, which holds .*hook configuration/ }),
    ask('git pull --rebase', { says: /rebases the branch onto them .* Run git fetch on its own first/ }),
    ask('git pull -r origin main'),
    ask('git pull --ff-only'),
    ask('git pull origin main --no-rebase'),
    ask('git pull --rebase=interactive upstream main'),
    ask('git pull -s recursive -X theirs origin feature/login', { says: /origin feature\/login/ }),
    ask('git pull --depth 1 origin main'),
    ask('git -C /work/app pull --ff-only'),
    ask('git -C src pull'),
    ask('cd src && git pull'),
    ask('git -c alias.up=pull up'),
    ask('git config alias.up "pull --rebase" && git up'),
    ask('git sync'),
    ask('git fetch && git rebase origin/main'),
    // From an address rather than one of the clone's remotes: the untrusted-source rule, as before.
    blocked('git pull https://example.com/x.git main'),
    allow('git pull --dry-run'),
    allow('git fetch origin'),
    allow('git lfs pull'),
    allow('git status && git log --oneline -3'),
    allow('docker pull redis:7'),
  ]);

  decisionTable(emptyFacts())('a project with no protected place: pulls stay allowed', [
    allow('git pull'),
    allow('git pull --rebase'),
    allow('git pull origin main --no-rebase'),
    allow('git -C /work/app pull --ff-only'),
    allow('git -c alias.up=pull up'),
    allow('git fetch && git rebase origin/main'),
    ask('git pull https://example.com/x.git main'),
    ask('git pull ../other-clone main'),
    ask('git fetch https://example.com/x.git main && git merge FETCH_HEAD'),
  ]);
});
