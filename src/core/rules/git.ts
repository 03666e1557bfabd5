import type { ArgWord, Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { resolvePath } from '../paths';
import { optionsMatching, type ParsedCommand } from '../registry/grammar';
import { parsedArgs, toolArgs } from '../registry/commandModel';
import { GIT_NEW_BRANCH, git } from '../registry/tools/git';
import type { ToolArgs } from '../registry/types';
import { classifyPath } from './files';
import { touchedByGit } from './perimeter/gitState';
import { deployBranchOf, isDeployRemote, pushedTag, subtreePushTo } from './support/gitDeployPushes';
import { tagTriggerWhy } from './support/releaseWorkflows';

/**
 * Git: history rewrites on a shared remote, and local commands that throw away uncommitted work or
 * unreachable commits. Switching branches, committing, and discarding changes to one named file pass.
 */

/** Branches other people build on; rewriting them on a remote is treated as production. */
const SHARED_BRANCH = /^(main|master|trunk|develop|development|release([/-].*)?|prod|production|live|stable|hotfix\/.*)$/;

function finding(rule: string, reason: string, targets: Target[]): Finding {
  return { rule: `git.${rule}`, risk: 'destructive', severity: 'ask', reason, targets };
}

/** The value of a global option (written before the subcommand). */
function globalValue(parsed: ParsedCommand, name: string): string | undefined {
  return optionsMatching(parsed, git, [name]).filter((o) => o.depth === 0).pop()?.values[0];
}

function workTree(inv: Invocation, ctx: RuleContext, parsed: ParsedCommand): Target {
  const dir = globalValue(parsed, '-C') ?? globalValue(parsed, '--work-tree') ?? inv.cwd;
  const env = ctx.environmentOf({ values: [], remote: false });
  return { kind: 'repository', name: dir, provider: 'git', remote: false, environment: env.environment, environmentReason: env.reason };
}

function branchTarget(branch: string, remote: string | undefined, ctx: RuleContext): Target {
  const name = branch.replace(/^refs\/heads\//, '');
  if (remote === undefined) {
    const env = ctx.environmentOf({ values: [], remote: false });
    return { kind: 'branch', name, provider: 'git', remote: false, environment: env.environment, environmentReason: env.reason };
  }
  const mapped = ctx.environmentOf({ values: [name], remote: true, selectors: [] });
  if (mapped.environment === 'production' || SHARED_BRANCH.test(name)) {
    const reason = mapped.environment === 'production' ? mapped.reason : `${name} is a shared branch on ${remote}`;
    return { kind: 'branch', name, provider: 'git', remote: true, environment: 'production', environmentReason: reason };
  }
  return { kind: 'branch', name, provider: 'git', remote: true, environment: 'non-production', environmentReason: `a working branch on ${remote}` };
}

/**
 * Where a deploy push lands: a remote or branch named for a deployment builds and serves it, so it is production unless
 * the remote's or branch's own name says otherwise (`heroku-staging`); unknown is production.
 */
function deployTarget(branch: string, remote: string, ctx: RuleContext): Target {
  const name = branch.replace(/^refs\/heads\//, '');
  const env = ctx.environmentOf({ values: [remote, name], remote: true });
  return { kind: 'branch', name, provider: 'git', remote: true, environment: env.environment, environmentReason: env.reason };
}

/** The checked-out branch, from .git/HEAD of the workspace folder holding cwd (or cwd itself). */
function currentBranch(cwd: string, ctx: RuleContext): string | undefined {
  const roots = [...ctx.facts.workspaceRoots].filter((r) => cwd === r || cwd.startsWith(r + '/')).sort((a, b) => b.length - a.length);
  for (const dir of [cwd, ...roots]) {
    const head = ctx.facts.readFile(`${dir}/.git/HEAD`);
    const m = head === undefined ? null : /^ref: refs\/heads\/(.+)\s*$/.exec(head.trim());
    if (m?.[1]) return m[1];
    if (head !== undefined) return undefined;
  }
  return undefined;
}

function checkPush(a: ToolArgs, ctx: RuleContext, cwd: string): Finding[] {
  const force = a.has('--force', '--force-with-lease', '--force-if-includes');
  // With a lease (and no plain --force), git refuses when the remote branch moved since it was last
  // fetched: rewriting one's own working branch after a rebase is routine. Shared branches still ask.
  const leased = a.has('--force-with-lease') && !a.has('--force');
  const routineLease = (written: string | undefined): boolean => {
    // `HEAD` and `@` push the checked-out branch, whatever its name.
    const branch = written === 'HEAD' || written === '@' ? currentBranch(cwd, ctx) : written;
    return leased && branch !== undefined && branch !== '' && branchTarget(branch, remote, ctx).environment !== 'production';
  };
  const deleting = a.has('--delete');
  const mirror = a.has('--mirror');
  const prune = a.has('--prune');
  // `--repo=heroku` names the remote when no operand does (git-push(1)).
  const [remote = a.value('--repo') ?? 'origin', ...refspecs] = a.parsed.operands.map((w) => w.text);
  const findings: Finding[] = [];
  if (mirror) findings.push(finding('push-mirror', `Mirrors this repository onto ${remote}, overwriting and deleting its branches.`, [branchTarget('all branches', remote, ctx)]));
  if (prune) findings.push(finding('push-prune', `Deletes branches on ${remote} that do not exist locally (--prune).`, [branchTarget('remote branches', remote, ctx)]));
  for (const spec of refspecs) {
    const [src = '', dst = src] = spec.replace(/^\+/, '').split(':');
    const branch = dst === '' ? src : dst;
    if (deleting) findings.push(finding('push-delete', `Deletes the branch ${branch} on ${remote}.`, [branchTarget(branch, remote, ctx)]));
    else if (spec.startsWith(':') && dst !== '') findings.push(finding('push-delete', `Deletes the branch ${dst} on ${remote} (push :${dst}).`, [branchTarget(dst, remote, ctx)]));
    else if (spec.startsWith('+') || (force && !routineLease(branch))) findings.push(finding('push-force', `Force-pushes ${branch} to ${remote}, overwriting its history.`, [branchTarget(branch, remote, ctx)]));
  }
  // `git push heroku main`, `git push production`: a remote named for a deployment builds and serves what it is sent (Heroku, Dokku, Azure, a production remote).
  if (findings.length === 0 && !deleting && isDeployRemote(remote)) findings.push(finding('push-deploy', `Pushes to ${remote}, a remote named for a deployment: what it is sent is built and served there.`, [deployTarget(refspecs[0] ?? 'the current branch', remote, ctx)]));
  // `--all`/`--branches` push every local branch, as the refspec `refs/heads/*:refs/heads/*` does.
  const shipped = findings.length === 0 && !deleting && !a.has('-n', '--dry-run') ? deployBranchOf(a.has('--all', '--branches') ? [...refspecs, 'refs/heads/*:refs/heads/*'] : refspecs) : undefined;
  if (shipped !== undefined) {
    const every = shipped.startsWith('every branch');
    findings.push(finding('push-deploy-branch', `Pushes to ${shipped} on ${remote}, ${every ? 'the branches a platform or CI deploys among them' : 'a branch named for a deployment'}: what lands there is built and served.`, [deployTarget(every ? 'every branch' : shipped, remote, ctx)]));
  }
  // A tag pushed (`git push origin v2.0.0`, `--tags`, `--follow-tags`) starts the workflows that run on tags, as a release does.
  const tag = findings.length === 0 && !deleting && !a.has('-n', '--dry-run') ? pushedTag(refspecs, a.has('--tags', '--follow-tags')) : undefined;
  const why = tag !== undefined ? tagTriggerWhy(cwd, ctx) : undefined;
  if (why !== undefined) findings.push(finding('push-tag-release', `Pushes ${tag} to ${remote}: ${why}, so it starts with the repository's secrets, and a tag workflow usually publishes or deploys what it builds; a registry does not take that back.`, [deployTarget(tag!, remote, ctx)]));
  if (force && refspecs.length === 0) {
    const branch = currentBranch(cwd, ctx);
    if (routineLease(branch)) return findings;
    findings.push(finding('push-force', `Force-pushes ${branch ?? 'the current branch'} to ${remote}, overwriting its history.`, [branchTarget(branch ?? 'the current branch', remote, ctx)]));
  }
  return findings;
}

/** A pathspec that covers the whole tree or many files: `.`, `:/`, `*`, a glob. */
/** `git checkout [--] PATHS` copies the index over those paths (no branch or commit named, no -f). */
function pathspecMode(paths: readonly ArgWord[], a: ToolArgs): boolean {
  return paths.length > 0 && !a.has('-f', '--force') && paths.every((w) => /^\.\/?$/.test(w.text) || w.text.includes('/') || w.text === '.');
}

function broadPathspec(words: readonly ArgWord[]): boolean {
  // Magic pathspecs that reach the whole tree: `:!src`/`:(exclude)src` (all but src), `:/x` (from the top), `:(glob)**`, `:(attr:…)`.
  return words.some((w) => w.text === '.' || w.text === './' || w.text === ':/' || w.text === ':(top)' || w.text === '*' || w.glob || /[*?]/.test(w.text) || /^:(?:[!^]|\((?:[^)]*,)?(?:exclude|top|glob|attr)\b)/.test(w.text));
}

/**
 * `git checkout .` / `git restore .` where git says no tracked file below the pathspecs differs from the
 * index: nothing would be discarded. Unknown (no repository, git failed, a pathspec built at run time): false.
 */
function nothingToDiscard(inv: Invocation, ctx: RuleContext, parsed: ParsedCommand, pathspecs: readonly ArgWord[]): boolean {
  if (inv.cwdUncertain === true || inv.remote !== undefined || !ctx.facts.gitPathStates) return false;
  const dir = resolvePath(inv.cwd, globalValue(parsed, '-C') ?? '.', ctx.facts.home);
  if (globalValue(parsed, '--work-tree') !== undefined || globalValue(parsed, '--git-dir') !== undefined) return false;
  const words = pathspecs.length === 0 ? ['.'] : pathspecs.map((w) => w.text);
  // Plain folders only: `*`, globs and magic pathspecs are not mapped to paths here.
  if (pathspecs.some((w) => w.dynamic || w.glob) || words.some((t) => !/^\.?\/?$|^[\w.-]+(\/[\w.-]+)*\/?$/.test(t) || t.startsWith(':'))) return false;
  const paths = words.map((t) => resolvePath(dir, t, ctx.facts.home));
  return touchedByGit(paths, dir, { tracked: true, untracked: false, ignored: false }, ctx.facts).length === 0;
}

function atWorkspaceTop(inv: Invocation, ctx: RuleContext): boolean {
  return inv.cwdUncertain !== true && ctx.facts.workspaceRoots.includes(inv.cwd) && globalValue(parsedArgs(inv.args, git), '-C') === undefined;
}

/**
 * `git clean -fdX` (or -fdx) at a workspace's top where every top-level entry git would clean is a folder
 * a build or package manager recreates (dist, node_modules): nothing is lost. Git is asked entry by entry.
 */
function onlyRebuiltOutputToClean(inv: Invocation, ctx: RuleContext, a: ToolArgs): boolean {
  if (!atWorkspaceTop(inv, ctx) || !ctx.facts.gitPathStates || a.has('-e', '--exclude')) return false;
  const entries = ctx.facts.listDir(inv.cwd);
  if (!entries || entries.length > 256) return false;
  const onlyIgnored = a.parsed.options.some((o) => o.name === '-X');
  const scope = { tracked: false, untracked: !onlyIgnored, ignored: onlyIgnored || a.has('-x') };
  const kept = entries.filter((e) => e !== '.git' && classifyPath({ text: e, raw: e, dynamic: false, glob: false }, inv.cwd, ctx.facts).class !== 'routine');
  return touchedByGit(kept.map((e) => resolvePath(inv.cwd, e, ctx.facts.home)), inv.cwd, scope, ctx.facts).length === 0;
}

/**
 * `git checkout -B NAME START`, `git switch -C NAME START`: NAME is reset to START whether or not it exists;
 * commits only its old tip reached are left to the reflog. Without a start point it is reset to HEAD.
 */
function forcedCreate(a: ToolArgs, ...names: string[]): ((ctx: RuleContext) => Finding) | undefined {
  const branch = a.values(...names).pop();
  const start = a.parsed.operands[0]?.text;
  if (branch === undefined || start === undefined) return undefined;
  return (ctx) => finding('branch-force-move', `Resets the branch ${branch} to ${start} whether or not it exists, leaving the commits only its old tip reached behind (git ${a.parsed.path[0]} ${names[0]}).`, [branchTarget(branch, undefined, ctx)]);
}

function checkLocal(sub: string, a: ToolArgs, inv: Invocation, ctx: RuleContext): Finding[] {
  const tree = () => [workTree(inv, ctx, a.parsed)];
  const pos = a.parsed.operands;
  switch (sub) {
    case 'reset':
      // `git reset --hard` to HEAD at a workspace's top where git says nothing tracked differs: nothing is discarded.
      if ((pos.length === 0 || (pos.length === 1 && /^(HEAD|@)$/.test(pos[0]!.text))) && a.has('--hard') && atWorkspaceTop(inv, ctx) && nothingToDiscard(inv, ctx, a.parsed, [])) return [];
      return a.has('--hard', '--merge')
        ? [finding('reset-hard', `Discards every uncommitted change in the working tree (git reset ${a.has('--hard') ? '--hard' : '--merge'}).`, tree())]
        : [];
    case 'clean': {
      const dry = a.has('-n', '--dry-run');
      if (dry || !a.has('-f', '--force')) return [];
      // `git clean -fX node_modules`: pathspecs that are all rebuilt folders (node_modules, dist, .next …) lose nothing.
      if (pos.length > 0 && pos.every((w) => !w.dynamic && !w.glob && !w.text.startsWith(':') && !/[*?[]/.test(w.text) && !/(^|\/)\.\.(\/|$)/.test(w.text) && classifyPath(w, inv.cwd, ctx.facts).class === 'routine')) return [];
      if (pos.length === 0 && onlyRebuiltOutputToClean(inv, ctx, a)) return [];
      const ignored = a.has('-x', '-X') ? ' including ignored files' : '';
      return [finding('clean', `Deletes untracked files${a.has('-d') ? ' and folders' : ''}${ignored} (git clean), which git cannot restore.`, tree())];
    }
    case 'checkout': {
      const paths = pos;
      const reset = forcedCreate(a, '-B');
      if (reset) return [reset(ctx)];
      if ((broadPathspec(paths) || a.has('-f', '--force')) && !(pathspecMode(paths, a) && nothingToDiscard(inv, ctx, a.parsed, paths))) {
        return [finding('checkout-discard', 'Discards uncommitted changes across the working tree (git checkout).', tree())];
      }
      return [];
    }
    case 'restore': {
      const stagedOnly = a.has('--staged', '-S') && !a.has('--worktree', '-W');
      return !stagedOnly && broadPathspec(pos) && !(a.has('--source', '-s') === false && nothingToDiscard(inv, ctx, a.parsed, pos))
        ? [finding('restore-worktree', 'Discards uncommitted changes across the working tree (git restore).', tree())]
        : [];
    }
    case 'branch': {
      const forced = a.has('-D') || (a.has('-d', '--delete') && a.has('-f', '--force'));
      // `git branch -f main HEAD~10`: moves an existing branch; commits only its old tip reached are left to the reflog.
      const moving = !forced && a.has('-f', '--force') && pos.length === 2 && !a.has('-m', '-M', '-c', '-C', '--move', '--copy', '-u', '--set-upstream-to');
      // `git branch -M old main`, `--copy --force old main`: renamed or copied over an existing branch, whose own commits are left behind.
      const over = pos.length === 2 && (a.has('-M', '-C') || (a.has('-m', '--move', '-c', '--copy') && a.has('-f', '--force')));
      if (over) return [finding('branch-force-move', `${a.has('-m', '-M', '--move') ? 'Renames' : 'Copies'} the branch ${pos[0]!.text} over ${pos[1]!.text}, leaving the commits only ${pos[1]!.text} reached behind (git branch ${a.has('-M', '-C') ? (a.has('-M') ? '-M' : '-C') : '--force'}).`, [branchTarget(pos[1]!.text, undefined, ctx)])];
      if (moving) return [finding('branch-force-move', `Moves the branch ${pos[0]!.text} to ${pos[1]!.text}, leaving the commits only it reached behind (git branch -f).`, [branchTarget(pos[0]!.text, undefined, ctx)])];
      if (!forced) return [];
      // `git checkout -b test && git branch -D test`: a branch this line made at HEAD, with no commit since, holds nothing of its own.
      if (pos.length > 0 && pos.every((b) => b.text === inv.assignments[GIT_NEW_BRANCH])) return [];
      if (pos.length === 0 && inv.via.some((v) => /^(xargs|parallel)\b/.test(v))) {
        return [finding('branch-force-delete', 'Deletes branches named on standard input even if they are not merged (git branch -D).', tree())];
      }
      return pos.map((b) => finding('branch-force-delete', `Deletes the branch ${b.text} even if it is not merged (git branch -D).`, [branchTarget(b.text, undefined, ctx)]));
    }
    case 'stash':
      if (a.parsed.path[1] === 'clear') return [finding('stash-clear', 'Deletes every stash entry (git stash clear).', tree())];
      if (a.parsed.path[1] === 'drop') return [finding('stash-drop', `Deletes the stash entry ${pos[0]?.text ?? 'stash@{0}'} (git stash drop).`, tree())];
      return [];
    case 'switch':
      if (forcedCreate(a, '-C', '--force-create')) return [forcedCreate(a, '-C', '--force-create')!(ctx)];
      return a.has('-f', '--force', '--discard-changes')
        ? [finding('switch-discard', 'Discards uncommitted changes across the working tree to switch branches (git switch --discard-changes).', tree())]
        : [];
    case 'worktree':
      // Without --force git refuses to remove a work tree with changes; forced, they go with it.
      return a.parsed.path[1] === 'remove' && a.has('-f', '--force')
        ? [finding('worktree-remove-force', `Deletes the linked work tree ${pos[0]?.text ?? ''} with its uncommitted and untracked files (git worktree remove --force).`.replace('  ', ' '), tree())]
        : [];
    case 'filter-branch':
    case 'filter-repo':
      return [finding('history-rewrite', `Rewrites the repository's history (git ${sub}).`, tree())];
    case 'reflog':
      if (a.parsed.path[1] === 'delete') return [finding('reflog-expire', `Deletes reflog entries (${pos.map((w) => w.text).join(', ') || 'named'}), the record that brings lost commits back (git reflog delete).`, tree())];
      return a.parsed.path[1] === 'expire' ? [finding('reflog-expire', 'Expires reflog entries, making lost commits unrecoverable (git reflog expire).', tree())] : [];
    case 'gc': {
      const prune = a.values('--prune').pop();
      return prune !== undefined && /^(now|all)$/.test(prune) ? [finding('gc-prune', 'Prunes unreachable commits immediately (git gc --prune=now).', tree())] : [];
    }
    case 'prune':
      return [finding('gc-prune', 'Prunes unreachable objects (git prune).', tree())];
    case 'update-ref':
      return a.has('-d') ? [finding('update-ref-delete', `Deletes the ref ${pos[0]?.text ?? ''} (git update-ref -d).`, [branchTarget(pos[0]?.text ?? 'ref', undefined, ctx)])] : [];
    default:
      return [];
  }
}

function checkGit(inv: Invocation, ctx: RuleContext): Finding[] {
  const parsed = parsedArgs(inv.args, git);
  const sub = parsed.path[0];
  // git-subtree is contrib: git's entry does not describe it, so its word may be read as an operand.
  const subtreeAt = sub === 'subtree' ? parsed.pathIndexes[0] : sub === undefined && parsed.operands[0]?.text === 'subtree' ? parsed.operandIndexes[0] : undefined;
  if (subtreeAt !== undefined) {
    const to = subtreePushTo(inv.args.slice(subtreeAt + 1));
    return to ? [finding('push-deploy', `Pushes the history of ${to.prefix} to ${to.branch || 'a branch'} on ${to.remote} (git subtree push), a remote or branch named for a deployment: what it is sent is built and served there.`, [deployTarget(to.branch || 'the pushed branch', to.remote, ctx)])] : [];
  }
  if (sub === undefined) return [];
  const a = toolArgs(inv.name, parsed, git);
  const dashC = globalValue(parsed, '-C');
  if (sub === 'push') return checkPush(a, ctx, dashC !== undefined ? resolvePath(inv.cwd, dashC, ctx.facts.home) : inv.cwd);
  return checkLocal(sub, a, inv, ctx);
}

export const gitPack: RulePack = {
  id: 'git',
  title: 'Git history rewrites and discarded work',
  commands: ['git'],
  checkInvocation: checkGit,
};
