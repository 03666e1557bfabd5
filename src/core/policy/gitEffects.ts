/**
 * What git does to the work tree, per subcommand: read-only subcommands read; the ones that rewrite
 * the work tree say how far (back to the last commit, to the index, to other commits). One of the
 * path-effect rules (`effectRules.ts`).
 */

import { each, effectGrammar, has, readEffectArgs, values } from './effectOptions';
import type { EffectKind, GitScope, PathEffect } from './effects';
import { gitMoveEffects } from './gitMoveEffects';
import type { ArgWord } from './types';

/** `git` subcommands that leave the work tree alone (they may write inside `.git`, which holds nothing protected). */
export const GIT_READ_ONLY: ReadonlySet<string> = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'ls-files', 'ls-tree', 'ls-remote', 'cat-file', 'rev-parse', 'rev-list', 'grep',
  'describe', 'shortlog', 'reflog', 'name-rev', 'check-ignore', 'check-attr', 'check-mailmap', 'count-objects', 'fsck', 'for-each-ref',
  'show-ref', 'show-branch', 'merge-base', 'cherry', 'range-diff', 'whatchanged', 'help', 'version', 'var', 'fetch', 'add', 'commit',
  'branch', 'tag', 'remote', 'push', 'diff-tree', 'diff-files', 'diff-index', 'verify-commit', 'verify-tag', 'difftool', 'gc', 'prune',
  'maintenance', 'notes', 'blame-tree', 'bisect', 'pull', 'merge', 'rebase', 'cherry-pick', 'revert', 'init', 'clone', 'lfs',
]);


/** A revision that is not a branch name: `HEAD~2`, `main^`, `@{1}`, `HEAD`, a sha. */
function isRevision(text: string): boolean {
  // git accepts an abbreviated object name of four hex digits or more.
  return /[~^]|@\{|^HEAD$|^ORIG_HEAD$|^FETCH_HEAD$|^[0-9a-f]{4,40}$/.test(text);
}

/** git: read-only subcommands read; the ones that rewrite the work tree say how far. */
const GIT_GLOBAL = effectGrammar('Cc', ['git-dir', 'work-tree', 'namespace', 'exec-path', 'config-env'], { posix: true });
const GIT_SUBCOMMAND = effectGrammar('mFbBcCsSopUOX', ['message', 'file', 'source', 'output', 'orphan', 'pathspec-from-file', 'template', 'reference', 'separate-git-dir', 'branch', 'depth', 'onto', 'strategy', 'strategy-option', 'exec', 'upload-pack', 'prefix']);

const GIT_CLEAN = effectGrammar('e', ['exclude']);

/** Settings that turn sparse checkout on or change its mode. */
const SPARSE_KEYS = /^(core\.sparsecheckout(cone)?|index\.sparse)$/i;

export function gitEffects(args: readonly ArgWord[]): PathEffect[] {
  const read = readEffectArgs(args, GIT_GLOBAL);
  const here = (text: string): ArgWord => ({ text, raw: text, dynamic: false, glob: false });
  const workTree = values(read, 'work-tree')[0] ?? values(read, 'C')[0] ?? here('.');
  const out: PathEffect[] = each('unknown', values(read, 'c', 'config-env', 'exec-path'));
  const [sub, ...rest] = read.operands;
  if (!sub) return out;
  const subName = sub.text;
  const opts = readEffectArgs(rest, GIT_SUBCOMMAND);
  const rewrite = (scope?: GitScope): PathEffect => ({ kind: 'rewrite', word: workTree, ...(scope ? { gitScope: scope } : {}) });
  const toHead: GitScope = { untracked: false, ignored: false };
  const pathspecs = (kind: EffectKind): PathEffect[] => each(kind, opts.operands, { recursive: true });
  // `:(exclude)src`, `:!src`, `:/`, `:(top)`, `:(glob)**`, `:(icase).CURSOR`, `'*.json'`: git matches these itself, anywhere in the work tree.
  const magic = (words: readonly ArgWord[]): boolean => words.some((w) => w.text.startsWith(':') || (!w.glob && /[*?[]/.test(w.text)));
  const moved = gitMoveEffects(subName, rest, opts, workTree);
  if (moved) return [...out, ...moved];
  if (GIT_READ_ONLY.has(subName)) {
    out.push(...each('write', values(opts, 'output', 'o').filter(() => subName !== 'clone' && subName !== 'init')));
    if (subName === 'clone' || subName === 'init') out.push(...each('unknown', opts.operands.slice(subName === 'clone' ? 1 : 0)));
    out.push(...each('read', values(opts, 'F', 'file', 'pathspec-from-file')));
    if ((subName === 'rebase' || subName === 'bisect') && has(opts, 'x', 'exec')) out.push(...each('unknown', values(opts, 'x', 'exec')));
    return out;
  }
  switch (subName) {
    case 'reset': {
      const target = opts.operands.find((w) => w.text !== '--');
      if (has(opts, 'hard', 'merge', 'keep')) out.push(rewrite(!target || target.text === 'HEAD' ? toHead : undefined));
      return out;
    }
    case 'stash': {
      const action = opts.operands[0]?.text;
      if (action === 'list' || action === 'show' || action === 'drop' || action === 'clear' || action === 'create') return out;
      const all = has(opts, 'a', 'all');
      const scope: GitScope = { untracked: all || has(opts, 'u', 'include-untracked'), ignored: all };
      const saving = action === 'push' || action === 'save' || action === undefined || action.startsWith('-');
      const specs = rest.slice(rest.findIndex((w) => w.text === '--') + 1).filter((w) => w.text !== '--' && !w.text.startsWith('-') && w.text !== 'push');
      if (saving && (action === 'push' || action === undefined) && opts.operands.length > 1) {
        if (magic(specs)) return [...out, rewrite(scope)];
        return [...out, ...each('write', opts.operands.slice(1), { recursive: true })];
      }
      out.push(rewrite(saving ? scope : undefined));
      return out;
    }
    case 'checkout': {
      const dashed = rest.findIndex((w) => w.text === '--');
      // `git checkout -f` / `-f HEAD` (stop 36, round 24): back to the last commit, like `reset --hard`: only tracked files that differ change.
      const toLast = dashed < 0 && opts.operands.every((w) => w.text === 'HEAD' || w.text === '@') && !has(opts, 'p', 'patch', 'ours', 'theirs', 'm', 'merge', 'overwrite-ignore', 'detach', 'b', 'B', 'orphan');
      if (toLast && has(opts, 'f', 'force')) return [...out, rewrite(toHead)];
      if (has(opts, 'f', 'force', 'p', 'patch', 'ours', 'theirs', 'm', 'merge', 'overwrite-ignore', 'detach')) out.push(rewrite());
      // Moving to an older commit (`HEAD~3`, a sha) rewrites tracked files; switching to a named branch keeps local changes.
      if (dashed < 0 && opts.operands.some((w) => isRevision(w.text))) out.push(rewrite());
      if (dashed >= 0) {
        const specs = rest.slice(dashed + 1);
        const fromIndex = !opts.operands.some((w) => !specs.includes(w) && w.text !== 'HEAD');
        if (magic(specs)) return [...out, rewrite(fromIndex ? toHead : undefined)];
        // From the index, only files that differ from it change (`git checkout -- .`); from a commit, any file below.
        return [...out, ...(fromIndex ? each('rewrite', specs, { recursive: true, gitScope: toHead }) : each('write', specs, { recursive: true }))];
      }
      if (has(opts, 'b', 'B', 'orphan')) return out;
      // `git checkout main` switches branches and keeps local changes; `git checkout FILE` or `.` overwrites them.
      return [...out, ...each('write', opts.operands, { recursive: true })];
    }
    case 'restore': {
      if (has(opts, 'S', 'staged') && !has(opts, 'W', 'worktree')) return out;
      const fromIndex = !has(opts, 's', 'source');
      if (magic(opts.operands)) return [...out, rewrite(fromIndex ? toHead : undefined)];
      return [...out, ...(fromIndex ? each('rewrite', opts.operands, { recursive: true, gitScope: toHead }) : pathspecs('write')), ...(opts.operands.length === 0 || has(opts, 'pathspec-from-file') ? [rewrite()] : [])];
    }
    case 'read-tree':
      // `-mu` is a cluster of flags here (the shared reader above gives -m a value)
      if (rest.some((w) => /^-[a-zA-Z]*u/.test(w.text) || w.text === '--reset')) out.push(rewrite());
      return out;
    case 'checkout-index':
      if (has(opts, 'a', 'all', 'stdin')) out.push(rewrite());
      return [...out, ...each('write', opts.operands)];
    case 'clean': {
      // clean's -X is a flag (merge's -X takes a value): `git clean -fX node_modules` names node_modules.
      const opts = readEffectArgs(rest, GIT_CLEAN);
      // `-n` wins over `-f`: `git clean -fdxn` lists what it would remove and removes nothing.
      if (has(opts, 'n', 'dry-run')) return out;
      // clean removes untracked files (and ignored ones with -x; only ignored ones with -X), never tracked ones.
      const onlyIgnored = rest.some((w) => /^-[a-zA-Z]*X/.test(w.text));
      const gitScope: GitScope = { tracked: false, untracked: !onlyIgnored, ignored: onlyIgnored || has(opts, 'x') };
      if (opts.operands.length === 0) out.push({ kind: 'delete', word: here('.'), recursive: true, gitScope });
      if (magic(opts.operands)) return [...out, { kind: 'delete', word: here('.'), recursive: true, gitScope }];
      return [...out, ...each('delete', opts.operands, { recursive: true, gitScope })];
    }
    case 'rm':
      // `--cached` leaves the file here but the next commit deletes it from the repository, and a pull
      // deletes it from every other clone: for a hook configuration, the guard is gone for the team.
      // Judged as a delete (what a protected file's removal means for the team), except the whole tree
      // (`git rm -r --cached . && git add .`, the idiom that re-applies .gitignore), which only names it.
      if (has(opts, 'cached')) {
        const whole = (w: ArgWord): boolean => /^\.\/?$/.test(w.text) || magic([w]);
        return [...out, ...each('unknown', opts.operands.filter(whole)), ...each('delete', opts.operands.filter((w) => !whole(w)), { recursive: has(opts, 'r') })];
      }
      return [...out, ...each('delete', opts.operands, { recursive: has(opts, 'r') })];
    case 'mv': {
      const dest = opts.operands[opts.operands.length - 1];
      return [...out, ...each('move', opts.operands.slice(0, -1), { recursive: true }), ...(dest ? [{ kind: 'write' as const, word: dest, into: opts.operands.slice(0, -1) }] : [])];
    }
    case 'apply':
    case 'am':
      if (has(opts, 'check', 'stat', 'numstat', 'summary', 'cached') && !has(opts, 'apply', 'index')) return out;
      return [...out, ...each('read', opts.operands), { kind: 'extract', word: workTree }];
    case 'worktree': {
      const action = opts.operands[0]?.text;
      if (action === 'list' || action === 'prune' || action === 'lock' || action === 'unlock') return out;
      return [...out, ...each('unknown', opts.operands.slice(1))];
    }
    case 'config': {
      // `git config core.sparseCheckout true`: the next checkout leaves files outside the patterns out of the work tree.
      const setsSparse = !has(opts, 'get', 'get-all', 'get-regexp', 'l', 'list', 'unset', 'unset-all') && opts.operands.some((w, n) => SPARSE_KEYS.test(w.text) && opts.operands[n + 1] !== undefined);
      return [...out, ...each('unknown', rest), ...(setsSparse ? [{ kind: 'delete' as const, word: workTree, recursive: true }] : [])];
    }
    case 'sparse-checkout':
      // Narrowing (or widening) the checkout removes files outside the pattern from the work tree,
      // untracked ones in folders it drops included: anything protected there is reached.
      if (['set', 'add', 'init', 'reapply', 'disable'].includes(opts.operands[0]?.text ?? '')) out.push({ kind: 'delete', word: workTree, recursive: true });
      return out;
    default:
      return [...out, ...each('unknown', rest)];
  }
}
