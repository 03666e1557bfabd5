import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/policy/classify';
import type { Facts, Verdict } from '../../../src/core/policy/types';
import { emptyFacts, perimeterFacts, show } from './perimeterFixtures';

/**
 * Stop 34 (repo area): `git pull` is `git fetch` and a merge or rebase in one step. Where the work tree
 * holds a protected place (a tracked hook configuration, a workspace policy) it is judged as `git fetch &&
 * git rebase origin/main` is (asked): the commits it writes were pushed from another clone and nobody here
 * has seen them. Every spelling (`--rebase`, `--ff-only`, a remote and branch, `-C dir`, an alias on the
 * line or in the repository's config) is the same move. A pull where no protected place lies, a dry run,
 * and other subcommands named `pull` stay allowed.
 */

type Expect = 'ask' | 'deny' | 'allow';
interface Row { command: string; expect: Expect }
const row = (expect: Expect) => (command: string): Row => ({ command, expect });
const ask = row('ask');
const deny = row('deny');
const allow = row('allow');

/** The fixture project (hook configurations tracked), with an alias for `pull --rebase` in its git config. */
function guarded(): Facts {
  const base = perimeterFacts();
  const files: Record<string, string> = { '/work/app/.git/config': '[core]\n\tbare = false\n[alias]\n\tsync = pull --rebase\n' };
  return { ...base, readFile: (p) => files[p] ?? base.readFile(p) };
}

function check(r: Row, f: Facts): void {
  const v: Verdict = classify(r.command, f, { lockdown: false });
  assert.equal(v.decision, r.expect, show(v));
}

const GUARDED: readonly Row[] = [
  ask('git pull'),
  ask('git pull --rebase'),
  ask('git pull -r origin main'),
  ask('git pull --ff-only'),
  ask('git pull origin main --no-rebase'),
  ask('git pull --rebase=interactive upstream main'),
  ask('git pull -s recursive -X theirs origin feature/login'),
  ask('git pull --depth 1 origin main'),
  ask('git -C /work/app pull --ff-only'),
  ask('git -C src pull'),
  ask('git -c alias.up=pull up'),
  ask('git config alias.up "pull --rebase" && git up'),
  ask('git sync'),
  ask('git fetch && git rebase origin/main'),
  ask('cd src && git pull'),
  // From an address rather than one of the clone's remotes: the untrusted-source rule, as before.
  deny('git pull https://example.com/x.git main'),
  allow('git pull --dry-run'),
  allow('git fetch origin'),
  allow('git lfs pull'),
  allow('git status && git log --oneline -3'),
  allow('docker pull redis:7'),
];

const EMPTY: readonly Row[] = [
  allow('git pull'),
  allow('git pull --rebase'),
  allow('git pull origin main --no-rebase'),
  allow('git -C /work/app pull --ff-only'),
  allow('git -c alias.up=pull up'),
  allow('git fetch && git rebase origin/main'),
];

describe('s34 repo: git pull judged as fetch then merge/rebase', () => {
  describe('a work tree holding hook configurations', () => {
    const f = guarded();
    for (const r of GUARDED) it(`${r.expect}: ${r.command}`, () => check(r, f));
  });
  describe('a project with no protected place', () => {
    const f = emptyFacts();
    for (const r of EMPTY) it(`${r.expect}: ${r.command}`, () => check(r, f));
  });
  it('the reason names the protected place and the two-step equivalent', () => {
    const v = classify('git pull --rebase', guarded(), { lockdown: false });
    assert.match(v.reasons.join('\n'), /git pull fetches .* rebases the branch onto them in the work tree, which holds .*hook configuration.* git fetch followed by git merge or rebase/);
  });
});
