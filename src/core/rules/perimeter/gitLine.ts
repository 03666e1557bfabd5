import { isWithin as within, resolvePath } from '../../paths';
import { effectsOf, READ_ONLY_COMMANDS } from '../../policy/effects';
import { grammarOf, readEffectArgs, values } from '../../policy/effectOptions';
import { commandNode, invocationCommand, toolArgs } from '../../registry/commandModel';
import type { ToolArgs } from '../../registry/types';
import type { Analysis, ArgWord, Finding, GitMove, Invocation, RuleContext } from '../../policy/types';
import { DENY_SUFFIX, perimeterFinding, printedText } from './perimeterFinding';
import { protectedChangesOfMoves } from './gitState';
import { perimeterView, protectedBeneath, protectionOf } from './protectedPaths';
import { unreadFinding } from './reach';

/**
 * What earlier git commands of a line leave for later ones. The perimeter judges each git move from
 * the repository as it is before the line runs; within one line an earlier command may already have
 * moved HEAD or the index without touching a file (`git update-ref HEAD HEAD~1`, `git reset --soft
 * HEAD~1`, `git symbolic-ref HEAD refs/heads/x`, `git read-tree HEAD~1`), after which a rewrite "back
 * to the last commit" (`git stash`, `git reset --hard`, `git checkout -- .`) is a move to that commit:
 * it is judged as one. An earlier command that fetches, commits or moves refs otherwise changes what
 * a later move's revisions name, which cannot be known before the line runs: asked. A patch file that
 * is not there yet but may be written earlier in the line is code the hook never read.
 */

const QUIET: ReadonlySet<string> = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'ls-files', 'ls-tree', 'cat-file', 'rev-parse', 'rev-list', 'grep', 'describe', 'shortlog',
  'reflog', 'name-rev', 'check-ignore', 'for-each-ref', 'show-ref', 'merge-base', 'help', 'version', 'config', 'add', 'push', 'ls-remote',
  'diff-tree', 'diff-files', 'diff-index', 'blame', 'count-objects', 'fsck', 'var', 'whatchanged', 'cherry', 'range-diff', 'clean', 'rm', 'mv',
  'restore', 'gc', 'maintenance', 'difftool', 'annotate',
]);

/** A git invocation read by git's registry entry: its subcommand (described or not) and that subcommand's operands. */
interface GitCommand {
  sub: string;
  args: ToolArgs;
  /** Operands after the subcommand word (and after a described action: `stash pop`). */
  ops: readonly ArgWord[];
}

function subcommand(inv: Invocation): GitCommand | undefined {
  const read = invocationCommand(inv);
  if (!read) return undefined;
  const { parsed, tool } = read;
  const at = parsed.pathIndexes[0] ?? parsed.operandIndexes[0];
  if (at === undefined) return undefined;
  const ops = parsed.path.length > 0 ? parsed.operands : parsed.operands.slice(1);
  return { sub: inv.args[at]!.text, args: toolArgs(inv.name, parsed, tool), ops };
}

/** Options of `git branch` that only list or shape the listing. */
const LISTING = new Set(['-a', '-r', '-v', '-l', '--merged', '--no-merged', '--contains', '--sort', '--format', '--color', '--no-color', '--column', '--no-column']);

/** `git branch` with nothing but listing options lists; with a name it creates, moves or deletes a ref. */
function branchLists(git: GitCommand): boolean {
  const own = git.args.parsed.options.filter((o) => o.depth > 0);
  return git.args.has('--list', '--show-current') || (git.ops.length === 0 && own.every((o) => LISTING.has(o.name)));
}

/** Where an earlier command leaves HEAD or the index, when it moves them without touching a file: the commit, or null when computed at run time. */
function headMove(git: GitCommand): string | null | undefined {
  const { sub, args, ops } = git;
  if (sub === 'update-ref') {
    if (args.has('-d', '--stdin')) return args.has('--stdin') ? null : undefined;
    const [ref, value] = ops;
    if (!ref || !/^(HEAD|refs\/heads\/.+|@)$/.test(ref.text)) return undefined;
    return !value || value.dynamic ? null : value.text;
  }
  if (sub === 'symbolic-ref') {
    const [ref, target] = ops;
    if (ref?.text !== 'HEAD' || !target) return undefined;
    return target.dynamic ? null : target.text;
  }
  if (sub === 'reset') {
    if (args.has('--hard', '--merge', '--keep')) return undefined;
    const dashed = args.parsed.endOfOptions;
    const target = dashed === undefined ? ops[0] : ops.find((_w, k) => args.parsed.operandIndexes[k]! < dashed);
    if (!target || target.text === 'HEAD' || (dashed === undefined && ops.length > 1)) return undefined;
    return target.dynamic ? null : target.text;
  }
  if (sub === 'read-tree') {
    if (args.has('-u', '--reset')) return undefined;
    const target = ops[ops.length - 1];
    if (!target) return undefined;
    return target.dynamic ? null : target.text;
  }
  return undefined;
}

/** Does this invocation write into a `.git` folder (refs, HEAD, the index) by a redirect or a writer? */
function writesGitFolder(inv: Invocation, cwd: string, home: string): boolean {
  // A `.git` segment of a resolved path comes from the word, the folder or the home folder (resolving only
  // joins and drops segments): where none of them holds `.git`, no path is resolved.
  const anyGit = cwd.includes('.git') || home.includes('.git');
  const inGit = (text: string): boolean => (anyGit || text.includes('.git')) && GIT_FOLDER.test(resolvePath(cwd, text, home));
  for (const r of inv.redirects) if (r.op !== '<' && r.op !== '<<' && r.op !== '<<<' && inGit(r.target.text)) return true;
  if (READ_ONLY_COMMANDS.has(inv.name)) return false;
  for (const e of effectsOf(inv)) if (e.kind !== 'read' && inGit(e.word.text)) return true;
  return false;
}

const GIT_FOLDER = /(^|\/)\.git(\/|$)/;


function askFinding(reason: string, target: string): Finding {
  return {
    rule: 'self-protection.git-line',
    risk: 'unanalyzable',
    severity: 'ask',
    reason,
    targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}

export function gitLineFindings(analysis: Analysis, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const out: Finding[] = [];
  let movedHead: { to: string | null; by: string } | undefined;
  let changedRefs: string | undefined;
  // `git fetch` from this clone's own remotes (a remote's name, its branches) changed them: a move to what it
  // fetched is `git pull` in two steps. Where no protected place lies in the work tree, the commits it lands
  // are the team's, as a pull's are; where one does, which of them it rewrites cannot be known before the line runs.
  let teamFetch = false;
  let earlierWriter: string | undefined;
  // A stash made earlier in the line holds the local changes that command was judged on: popping it back changes nothing new.
  let stashMade = false;
  // An agent configuration folder an earlier command of the line added to .gitignore (or .git/info/exclude).
  let ignoredGuard: { folder: string; by: string } | undefined;
  for (const inv of analysis.invocations) {
    if (inv.remote) continue;
    const cwd = inv.cwd || facts.cwd;
    const git = inv.name === 'git' ? subcommand(inv) : undefined;
    ignoredGuard ??= guardFolderIgnored(inv);
    if (git?.sub === 'rm' && ignoredGuard && git.args.has('--cached') && git.ops.some((w) => /^(\.\/?|:\/|:\(top\))$/.test(w.text))) {
      out.push(perimeterFinding('write-guard-file', `git rm --cached of the whole tree after ${ignoredGuard.by} ignores ${ignoredGuard.folder}: the re-added tree leaves it out, and the next commit deletes it from the repository and from every clone that pulls; ${DENY_SUFFIX}.`, ignoredGuard.folder));
    }
    if (git || inv.name === 'patch') {
      const effects = effectsOf(inv);
      const moves = effects.filter((e) => e.gitMoves && !(stashMade && e.gitMoves.every((m) => m.kind === 'stash' && m.entry === 'stash@{0}')));
      const backToHead = effects.some((e) => e.kind === 'rewrite' && e.gitScope && e.gitScope.tracked !== false);
      if (movedHead && (backToHead || moves.length > 0)) {
        const sub = git?.sub ?? inv.name;
        if (movedHead.to === null) {
          out.push(unreadFinding('git-line', `git ${sub} follows ${movedHead.by}, which moves HEAD or the index to a commit computed at run time, so the files it would rewrite cannot be known`, `git ${sub}`, facts, perimeterView(facts)));
        } else {
          const view = perimeterView(facts);
          const list: GitMove[] = [{ kind: 'tree', to: movedHead.to }];
          const changes = protectedChangesOfMoves(cwd, list, facts, view);
          if (!changes) out.push(unreadFinding('git-line', `git ${sub} follows ${movedHead.by}, and git cannot say which files differ in ${movedHead.to}`, `git ${sub}`, facts, view));
          else if (changes[0]) out.push(perimeterFinding('write-guard-file', `git ${sub} after ${movedHead.by} rewrites the work tree to ${movedHead.to}, which changes ${changes[0].label}; ${DENY_SUFFIX}.`, changes[0].path));
        }
      } else if (changedRefs && moves.length > 0 && !(teamFetch && protectedBeneath(workTreeRoot(cwd, facts), facts, perimeterView(facts), 1).length === 0)) {
        out.push(askFinding(`git ${git?.sub} moves the work tree to commits that ${changedRefs} earlier in the line may change (fetched, committed or moved refs), so which files it rewrites cannot be known before the line runs; it needs confirmation.`, `git ${git?.sub}`));
      }
      const missing = (inv.name === 'patch' || git?.sub === 'apply' || git?.sub === 'am') && earlierWriter ? missingPatchPaths(inv, facts, cwd) : undefined;
      if (missing) out.push(unreadFinding('git-line', `${inv.name === 'patch' ? 'patch' : `git ${git?.sub}`} applies ${missing}, which is not there yet: ${earlierWriter} earlier in the line may write it, and the hook cannot read what it will change`, missing, facts, perimeterView(facts)));
    }
    if (git?.sub === 'pull') {
      const pulled = teamPull(git, cwd, facts);
      if (pulled) out.push(askFinding(`git pull fetches ${pulled.from} and ${git.args.has('-r', '--rebase') && !git.args.has('--no-rebase') ? 'rebases the branch onto them in' : 'merges them into'} the work tree, which holds ${pulled.holds}: a commit pushed from another clone may change it, and which files the pull rewrites cannot be known before it runs; it needs confirmation. Run git fetch on its own first: a merge or rebase of the fetched commits is then judged by the files they change.`, 'git pull'));
    } else {
      const same = pullEquivalent(inv, cwd, facts);
      if (same) out.push(askFinding(`${same.shown} fetches new commits and lands them in the work tree as git pull does, which holds ${same.holds}: a commit pushed from another clone may change it, and which files it rewrites cannot be known before it runs; it needs confirmation. Run git fetch on its own first: a merge or rebase of the fetched commits is then judged by the files they change.`, same.shown));
    }
    if (git) {
      const to = headMove(git);
      const stashAction = git.sub === 'stash' ? (git.args.parsed.path[1] ?? git.ops[0]?.text ?? 'push') : undefined;
      if (to !== undefined) movedHead = { to, by: `git ${git.sub}` };
      else if (stashAction === 'push' || stashAction === 'save') stashMade = true;
      else if (git.sub === 'fetch' && changedRefs === undefined && git.ops.every((w) => /^[\w.-]+$/.test(w.text))) {
        changedRefs = 'git fetch';
        teamFetch = true;
      }
      else if (!QUIET.has(git.sub) && !(git.sub === 'branch' && branchLists(git)) && !(git.sub === 'tag' && git.ops.length === 0) && !(git.sub === 'stash' && /^(list|show)$/.test(stashAction ?? ''))) changedRefs ??= `git ${git.sub}`;
    } else if (writesGitFolder(inv, cwd, facts.home)) {
      movedHead = { to: null, by: `${inv.name} writing into .git` };
    }
    if (!READ_ONLY_COMMANDS.has(inv.name) && inv.name !== 'git') earlierWriter ??= inv.name;
  }
  return out;
}

/** The work tree a git command changes: the deepest workspace root holding its folder, else the folder itself. */
function workTreeRoot(folder: string, facts: RuleContext['facts']): string {
  return facts.workspaceRoots.filter((r) => r === folder || within(r, folder)).sort((x, y) => y.length - x.length)[0] ?? folder;
}

/** Words that name a repository by address or path rather than by a remote's name (judged in untrustedSources.ts). */
const ADDRESS = /^([a-z][a-z0-9+.-]*:\/\/|[\w.-]+@[\w.-]+:|\/|\.\.?(\/|$)|~|file:|ext::)/i;

/**
 * `git pull [REMOTE [BRANCH…]]` (`--rebase`, `--ff-only`, `-C dir`, an alias for it) is `git fetch` then a
 * merge or rebase onto what it fetched: commits nobody here has seen are written into the work tree. Where the
 * work tree holds a protected place (a tracked hook configuration, a workspace policy), it is judged as
 * `git fetch && git rebase origin/main` is: asked. A pull where none lies stays allowed; a pull from an
 * address or a path (not one of the clone's remotes) is judged in untrustedSources.ts; `--dry-run` fetches
 * nothing into the work tree.
 */
function teamPull(git: GitCommand, cwd: string, facts: RuleContext['facts']): { from: string; holds: string } | undefined {
  if (git.args.has('--dry-run')) return undefined;
  const repository = git.ops[0];
  if (repository && (repository.dynamic || ADDRESS.test(repository.text))) return undefined;
  const label = heldPlace(git.args.values('-C').reduce((at, c) => resolvePath(at, c, facts.home), cwd), facts);
  if (label === undefined) return undefined;
  return { from: repository ? `the commits of ${repository.text}${git.ops.length > 1 ? ` ${git.ops.slice(1).map((w) => w.text).join(' ')}` : ''}` : "the upstream branch's new commits", holds: label };
}

/** The first protected place the work tree of `folder` holds, by its label. */
function heldPlace(folder: string, facts: RuleContext['facts']): string | undefined {
  const view = perimeterView(facts);
  const held = protectedBeneath(workTreeRoot(folder, facts), facts, view, 1)[0];
  return held === undefined ? undefined : (protectionOf(held, view)?.label ?? held);
}

/**
 * Stop 35 (round 21): what lands fetched commits in the work tree by another name is a pull (`gh repo sync`,
 * `hub sync`, `git up`, `git town sync`, `gt sync`: the registry's `pulls`), judged as `git pull` is where the work
 * tree holds a protected place. Its folder is the one its `-C`/`--cwd`/`--dir` names; a dry run lands nothing.
 */
function pullEquivalent(inv: Invocation, cwd: string, facts: RuleContext['facts']): { shown: string; holds: string } | undefined {
  const read = inv.name === 'git' ? undefined : invocationCommand(inv);
  const node = read && commandNode(read.parsed);
  if (!read || !node?.pulls) return undefined;
  const args = toolArgs(inv.name, read.parsed, read.tool);
  if (node.pulls !== true && !node.pulls(args)) return undefined;
  if ([...(read.tool.dryRun ?? []), ...(node.dryRun ?? [])].some((o) => args.has(o))) return undefined;
  const holds = heldPlace(args.values('-C', '--cwd', '--dir').reduce((at, c) => resolvePath(at, c, facts.home), cwd), facts);
  return holds === undefined ? undefined : { shown: [inv.name.replace(/^git-/, 'git '), ...read.parsed.path].join(' '), holds };
}

/** Lines of an ignore file that name an agent configuration folder holding hook configurations. */
const GUARD_FOLDER_LINE = /^\/?(\.(cursor|claude|clinerules|gemini|codex|windsurf)|\.github(\/hooks)?)(\/(\*\*?)?)?\s*$/m;

/** `echo '.cursor/' >> .gitignore`: the agent folder an appended ignore line names, when the text is known. */
function guardFolderIgnored(inv: Invocation): { folder: string; by: string } | undefined {
  for (const r of inv.redirects) {
    if ((r.op !== '>>' && r.op !== '>') || !/(^|\/)(\.gitignore|\.git\/info\/exclude)$/.test(r.target.text)) continue;
    const m = GUARD_FOLDER_LINE.exec(printedText(inv) ?? '');
    if (m) return { folder: m[1]!, by: inv.name };
  }
  return undefined;
}

/** A plain patch file named by `git apply`/`git am`/`patch -i` that is not there now. */
function missingPatchPaths(inv: Invocation, facts: RuleContext['facts'], cwd: string): string | undefined {
  const git = inv.name === 'git' ? subcommand(inv) : undefined;
  const files = git ? git.ops : values(readEffectArgs(inv.args, grammarOf('patch')), 'i', 'input');
  for (const f of files) {
    if (f.dynamic) return f.text;
    const path = resolvePath(cwd, f.text, facts.home);
    if (facts.fileStatus?.(path) === 'missing') return f.text;
  }
  return undefined;
}
