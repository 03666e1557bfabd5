import * as path from 'node:path';
import type { GitMove } from '../core/policy/types';
import { gitRepositoryRoot, gitRun as runGit } from './gitPathState';

/** How a git command is run: `gitRun`, or a caller's memo of it (facts.ts asks each command once per decision). */
export type GitRunner = typeof runGit;

/**
 * The files a git move to other commits would change (for the perimeter's judgement of
 * `git checkout <branch>`, `git merge`, `git revert`, `git cherry-pick`, `git stash pop` ...), asked
 * of git from the trees involved: `diff --name-only` between the trees, `log --name-only` over the
 * commits replayed or undone, the stash entry's own trees. Only object reads run, through the same
 * runner as the path states (no fsmonitor, hooks, lazy fetches, external diff or text conversion).
 * A revision that names no commit adds nothing, since git refuses to move to it; any other failure
 * answers undefined and the perimeter assumes the worst.
 */

const MAX_CHANGED = 20_000;

/** A revision git may be handed: no option spelling, no whitespace or control characters, bounded. */
function safeRevision(rev: string): boolean {
  return rev.length > 0 && rev.length <= 256 && !rev.startsWith('-') && ![...rev].some((c) => c.charCodeAt(0) < 0x20 || /\s/.test(c));
}

type Listing = readonly string[] | 'no-commit' | undefined;

function names(out: Buffer | undefined): string[] {
  return (out?.toString('utf8') ?? '').split('\0').filter((n) => n !== '');
}

/** Does the revision name a commit? undefined when git could not say. */
function commitExists(gitRun: GitRunner, root: string, rev: string, peel = true): boolean | undefined {
  const run = gitRun(root, ['rev-parse', '--verify', '-q', '--end-of-options', peel ? `${rev}^{commit}` : rev]);
  if (run.status === 0) return true;
  return run.status === 1 ? false : undefined;
}

function listed(gitRun: GitRunner, root: string, args: readonly string[]): readonly string[] | undefined {
  const run = gitRun(root, args);
  return run.status === 0 ? names(run.stdout) : undefined;
}

const DIFF = ['-c', 'core.quotePath=false', 'diff', '--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '-z'];

function moveChanges(gitRun: GitRunner, root: string, move: GitMove): Listing {
  switch (move.kind) {
    case 'tree': {
      if (!safeRevision(move.to)) return undefined;
      const exists = commitExists(gitRun, root, move.to);
      if (exists === undefined) return undefined;
      if (exists) return listed(gitRun, root, [...DIFF, 'HEAD', move.to, '--']);
      if (!move.remoteGuess || /[*?[\\]/.test(move.to)) return 'no-commit';
      const remote = listed(gitRun, root, ['for-each-ref', '--format=%(refname)%00', `refs/remotes/*/${move.to}`]);
      if (!remote) return undefined;
      if (remote.length === 0) return 'no-commit';
      const out: string[] = [];
      for (const ref of remote.map((r) => r.trim()).filter((r) => r !== '')) {
        const changed = listed(gitRun, root, [...DIFF, 'HEAD', ref, '--']);
        if (!changed) return undefined;
        out.push(...changed);
      }
      return out;
    }
    case 'merge': {
      if (!safeRevision(move.from)) return undefined;
      const exists = commitExists(gitRun, root, move.from);
      if (exists !== true) return exists === false ? 'no-commit' : undefined;
      return listed(gitRun, root, [...DIFF, `HEAD...${move.from}`, '--']);
    }
    case 'commits': {
      const revisions = move.revisions.filter((r) => r !== '');
      if (revisions.length === 0 || !revisions.every(safeRevision)) return undefined;
      // Each end of a range must exist, or git refuses the whole command.
      for (const rev of revisions.flatMap((r) => r.split(/\.\.\.?/)).filter((r) => r !== '')) {
        const exists = commitExists(gitRun, root, rev.replace(/^\^/, ''));
        if (exists !== true) return exists === false ? 'no-commit' : undefined;
      }
      // No `-n`: git walks the history behind a single commit when a count is given, even with --no-walk. Ranges are bounded by their ends, and output by the runner.
      const run = gitRun(root, ['-c', 'core.quotePath=false', 'log', '--no-walk=unsorted', '--format=', '--name-only', '-z', '-m', '--no-renames', '--no-ext-diff', '--no-textconv', '--end-of-options', ...revisions, '--']);
      return run.status === 0 ? names(run.stdout) : undefined;
    }
    case 'stash': {
      if (!safeRevision(move.entry)) return undefined;
      const exists = commitExists(gitRun, root, move.entry);
      if (exists !== true) return exists === false ? 'no-commit' : undefined;
      const tracked = listed(gitRun, root, [...DIFF, `${move.entry}^1`, move.entry, '--']);
      if (!tracked) return undefined;
      // The third parent, when there is one, holds the untracked files `stash -u` took away.
      // (git 2.39 peels `stash@{0}^3^{commit}` to the entry itself, so the parent is asked for unpeeled.)
      const hasUntracked = commitExists(gitRun, root, `${move.entry}^3`, false);
      if (hasUntracked === undefined) return undefined;
      if (!hasUntracked) return tracked;
      const untracked = listed(gitRun, root, ['-c', 'core.quotePath=false', 'ls-tree', '-r', '-z', '--name-only', '--full-tree', `${move.entry}^3`]);
      return untracked ? [...tracked, ...untracked] : undefined;
    }
  }
}

export function gitMoveChanges(workTree: string, moves: readonly GitMove[], gitRun: GitRunner = runGit): readonly string[] | undefined {
  const root = gitRepositoryRoot(workTree);
  if (!root) return undefined;
  const out = new Set<string>();
  for (const move of moves) {
    const changed = moveChanges(gitRun, root, move);
    if (changed === undefined) return undefined;
    if (changed === 'no-commit') continue;
    for (const rel of changed) out.add(path.join(root, rel));
    if (out.size > MAX_CHANGED) return undefined;
  }
  return [...out];
}
