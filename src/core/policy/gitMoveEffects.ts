import { has, values, type ReadOptions } from './effectOptions';
import type { GitScope, PathEffect } from './effects';
import type { ArgWord, GitMove } from './types';

/**
 * Git moves to other commits: a branch switch, a merge, a rebase, a cherry-pick, a revert, a reset
 * to another commit, a stash applied, a restore from another commit. Each rewrites the work tree
 * without naming a file; the files it changes are those that differ between the trees involved, which
 * the perimeter asks of git (`Facts.gitMoveChanges`). A revision computed at run time cannot be asked
 * about: the move then counts as a rewrite of every file. Moves that continue or quit what an earlier
 * command started (`--continue`, `--skip`, `--quit`) add nothing of their own.
 */

const TO_HEAD: GitScope = { untracked: false, ignored: false };

/** `git checkout -` and `git switch -`: the branch checked out before. */
function revisionText(word: ArgWord): string {
  return word.text === '-' ? '@{-1}' : word.text;
}

export function gitMoveEffects(sub: string, rest: readonly ArgWord[], opts: ReadOptions, workTree: ArgWord): PathEffect[] | undefined {
  const moves = (list: readonly GitMove[]): PathEffect => ({ kind: 'rewrite', word: workTree, gitMoves: list });
  const everything: PathEffect = { kind: 'rewrite', word: workTree };
  const localChanges: PathEffect = { kind: 'rewrite', word: workTree, gitScope: TO_HEAD };
  const operands = opts.operands.filter((w) => w.text !== '--');
  const dynamic = operands.some((w) => w.dynamic);
  const sequencerStep = has(opts, 'continue', 'skip', 'quit', 'edit-todo', 'show-current-patch');
  switch (sub) {
    case 'merge': {
      if (sequencerStep) return [];
      // `merge --abort` is `reset --merge`: local changes to files the merge touched go back to the last commit.
      if (has(opts, 'abort')) return [localChanges];
      if (dynamic) return [everything];
      const from = operands.length > 0 ? operands.map(revisionText) : ['@{upstream}'];
      return [moves(from.map((f) => ({ kind: 'merge', from: f })))];
    }
    case 'cherry-pick':
    case 'revert': {
      if (sequencerStep || has(opts, 'abort')) return [];
      if (dynamic) return [everything];
      if (operands.length === 0) return [];
      return [moves([{ kind: 'commits', revisions: operands.map(revisionText) }])];
    }
    case 'rebase': {
      if (sequencerStep) return [];
      if (has(opts, 'abort')) return [localChanges, moves([{ kind: 'tree', to: 'ORIG_HEAD' }])];
      const onto = values(opts, 'onto')[0];
      if (dynamic || onto?.dynamic || has(opts, 'root')) return [everything];
      const upstream = operands[0]?.text ?? '@{upstream}';
      const base = onto?.text ?? upstream;
      const branch = operands[1]?.text;
      const tip = branch ?? 'HEAD';
      // The result is `base` plus the commits of upstream..tip: what arrives from base's side, and every commit rewritten or dropped.
      const list: GitMove[] = [{ kind: 'merge', from: base }, { kind: 'commits', revisions: [`${upstream}..${tip}`] }, { kind: 'commits', revisions: [`${base}..${tip}`] }];
      if (branch) list.push({ kind: 'tree', to: branch });
      return [moves(list)];
    }
    case 'reset': {
      if (!has(opts, 'hard', 'merge', 'keep')) return undefined;
      const target = operands[0];
      if (!target || target.text === 'HEAD') return undefined;
      if (target.dynamic) return [everything];
      return [localChanges, moves([{ kind: 'tree', to: target.text }])];
    }
    case 'switch': {
      const discard = has(opts, 'f', 'force', 'discard-changes');
      const out: PathEffect[] = discard ? [localChanges] : [];
      if (dynamic) return [everything];
      if (has(opts, 'orphan')) return [...out, everything];
      const creating = has(opts, 'c', 'C', 'create', 'force-create');
      // `-c NAME` takes its value from the option grammar; `--create NAME` leaves it among the operands.
      const to = creating && values(opts, 'c', 'C').length === 0 ? operands[1] : operands[0];
      if (to) out.push(moves([{ kind: 'tree', to: revisionText(to), remoteGuess: !creating }]));
      return out;
    }
    case 'checkout': {
      // Only a switch of branch or commit; `--` (files from a commit) and the forcing options keep their own reading.
      if (rest.some((w) => w.text === '--') || has(opts, 'f', 'force', 'p', 'patch', 'ours', 'theirs', 'm', 'merge', 'overwrite-ignore', 'orphan')) return undefined;
      if (dynamic) return [everything];
      if (has(opts, 'b', 'B')) {
        const start = operands[0];
        return start ? [moves([{ kind: 'tree', to: revisionText(start) }])] : [];
      }
      if (operands.length !== 1) return undefined;
      const only = operands[0]!;
      // A file of that name is overwritten from the index; a branch or commit of that name moves the work tree.
      return [{ kind: 'write', word: only, recursive: true }, moves([{ kind: 'tree', to: revisionText(only), remoteGuess: true }])];
    }
    case 'stash': {
      const action = operands[0]?.text;
      if (action !== 'pop' && action !== 'apply' && action !== 'branch') return undefined;
      const entryWord = action === 'branch' ? operands[2] : operands[1];
      if (entryWord?.dynamic) return [everything];
      const entry = !entryWord ? 'stash@{0}' : /^\d+$/.test(entryWord.text) ? `stash@{${entryWord.text}}` : entryWord.text;
      // `stash branch` first checks out the commit the entry was made on.
      const list: GitMove[] = [{ kind: 'stash', entry }];
      if (action === 'branch') list.push({ kind: 'tree', to: `${entry}^1` });
      return [moves(list)];
    }
    case 'restore': {
      const source = values(opts, 's', 'source')[0];
      if (!source || (has(opts, 'S', 'staged') && !has(opts, 'W', 'worktree'))) return undefined;
      // The whole work tree from another commit; narrower pathspecs keep their own reading.
      if (operands.length === 0 || !operands.every((w) => w.text === '.' || w.text === ':/' || w.text === './')) return undefined;
      if (source.dynamic) return [everything];
      return [localChanges, moves([{ kind: 'tree', to: source.text }])];
    }
    default:
      return undefined;
  }
}
