import { EFFECT_RULES, GIT_READ_ONLY, READ_ONLY_COMMANDS, type GitScope, type PathEffect } from '../../policy/effects';
import type { ArgWord, Facts, GitMove, GitPathState, Invocation } from '../../policy/types';
import { resolvePath } from '../../paths';
import { invocationCommand } from '../../registry/commandModel';
import { hasOption, type ParsedCommand } from '../../registry/grammar';
import type { ToolSpec } from '../../registry/types';
import { guardedByContent, isContentDependent, protectionOf, type PerimeterView } from './protectedPaths';

/**
 * A git rewrite back to the last commit or the index (`git reset --hard`, plain `git stash`,
 * `git checkout -- ':!src'`) changes only tracked files that differ from it and files staged as new;
 * untracked files only with `-u`, ignored ones only with `-a`. A protected file git would leave as it
 * is keeps the command an ordinary git question (the git rules ask or allow as usual); one it would
 * revert or remove reaches the perimeter. When git's view cannot be had, every path counts.
 */
export function touchedByGit(paths: readonly string[], workTree: string, scope: GitScope, facts: Facts): string[] {
  if (paths.length === 0 || !facts.gitPathStates) return [...paths];
  let states: Readonly<Record<string, GitPathState>> | undefined;
  try {
    states = facts.gitPathStates(workTree, paths);
  } catch {
    states = undefined;
  }
  if (!states) return [...paths];
  return paths.filter((p) => {
    const state = states[p] ?? 'unknown';
    if (state === 'unmodified') return false;
    if (state === 'untracked') return scope.untracked;
    if (state === 'ignored') return scope.ignored;
    if (state === 'modified' || state === 'staged-new') return scope.tracked !== false;
    return true;
  });
}

const LISTS_CHANGED = /^(diff|diff-files|diff-index|status)$/;
const PASS_ON: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk', 'cut', 'sed', 'grep', 'egrep', 'sort', 'uniq', 'head', 'tail', 'tr', 'xargs', 'cat', 'rev', 'column']);

/**
 * `git ls-files -m | xargs git checkout --`, `git diff --name-only | xargs rm`: a writer fed the
 * paths git lists changes whatever git lists, anywhere in the work tree. Git lists changed files
 * (`diff`, `status`, `ls-files -m`) or every tracked one (`ls-files`); the effect covers the work
 * tree, narrowed by git's view when only changed files are listed.
 */
/** A git invocation's subcommand and reading, through git's registry entry. */
function gitCommand(inv: Invocation): { sub: string | undefined; parsed: ParsedCommand; tool: ToolSpec } | undefined {
  const command = invocationCommand(inv);
  if (!command) return undefined;
  return { sub: command.parsed.path[0] ?? command.parsed.operands[0]?.text, parsed: command.parsed, tool: command.tool };
}

export function gitFedEffects(inv: Invocation, fed: Invocation): PathEffect[] {
  // `git status --porcelain | awk '{print $2}' | xargs …`: filters pass git's list on.
  let producer = fed;
  for (let i = 0; i < 8 && producer.name !== 'git' && PASS_ON.has(producer.name) && producer.stdin?.kind === 'pipe'; i++) producer = producer.stdin.from;
  if (producer.name !== 'git' || READ_ONLY_COMMANDS.has(inv.name)) return [];
  // Only writers whose effect is known: an unknown tool fed file names (a linter, a formatter) is judged as it always was.
  const writer = inv.name === 'git' ? gitCommand(inv) : undefined;
  if (inv.name === 'git' ? GIT_READ_ONLY.has(writer?.sub ?? '') : !EFFECT_RULES[inv.name]) return [];
  const lister = gitCommand(producer);
  const sub = lister?.sub;
  if (!lister || !sub || !(LISTS_CHANGED.test(sub) || sub === 'ls-files' || sub === 'grep')) return [];
  // A list against another commit, or a checkout from one, may hold any file: git's view of the work tree does not narrow it.
  const revision = (t: string): boolean => /[~^]|@\{|^[0-9a-f]{7,40}$|^stash/.test(t) && t !== 'HEAD';
  const otherCommit = producer.args.some((a) => revision(a.text)) || inv.args.some((a) => revision(a.text)) || (writer !== undefined && hasOption(writer.parsed, writer.tool, ['-s', '--source']));
  if (otherCommit) return [{ kind: 'rewrite', word: { text: '.', raw: '.', dynamic: false, glob: false } }];
  const listed = (...names: string[]): boolean => hasOption(lister.parsed, lister.tool, names);
  const changedOnly = LISTS_CHANGED.test(sub) || (sub === 'ls-files' && listed('-m', '--modified', '-d', '--deleted'));
  const untracked = sub === 'ls-files' && listed('-o', '--others');
  const here: ArgWord = { text: '.', raw: '.', dynamic: false, glob: false };
  const scope = changedOnly || untracked ? { gitScope: { untracked, ignored: untracked && listed('-i', '--ignored') } } : {};
  return [{ kind: 'rewrite', word: here, ...scope }];
}

/**
 * The protected files a git move to other commits would change (`git checkout <branch>`, `git merge`,
 * `git revert`, `git stash pop` ...), from git's own list of the files that differ between the trees
 * involved; undefined when git cannot say, and the perimeter then counts every protected path. A file
 * guarded only by what it holds (an ignore file's block, `.vscode/settings.json`) counts while it
 * holds it; the new text is another commit's, so settings the runtime or the editor load count always.
 */
export function protectedChangesOfMoves(workTree: string, moves: readonly GitMove[], facts: Facts, view: PerimeterView): { path: string; label: string }[] | undefined {
  if (!facts.gitMoveChanges) return undefined;
  let changed: readonly string[] | undefined;
  try {
    changed = facts.gitMoveChanges(workTree, moves);
  } catch {
    changed = undefined;
  }
  if (!changed) return undefined;
  const out: { path: string; label: string }[] = [];
  for (const path of changed) {
    const protection = protectionOf(path, view);
    if (!protection) continue;
    const always = protection.kind === 'user-settings' || protection.kind === 'runtime-config';
    if (isContentDependent(protection.kind) && !always && !guardedByContent(protection.kind, facts.readFile(path))) continue;
    out.push({ path, label: protection.label });
    if (out.length >= 8) break;
  }
  return out;
}

/** A git command pointed at another repository or index (`GIT_DIR=…`, `--git-dir`, `core.worktree=`): git's view of the work tree does not narrow what it changes. */
export function gitPointedElsewhere(inv: Invocation): boolean {
  // Asked for every path the invocation names: worked out once per invocation, not once per path (`rm f1 … f800` was quadratic).
  let answer = pointedElsewhere.get(inv);
  if (answer === undefined) {
    answer = Object.keys(inv.assignments).some((k) => /^GIT_(DIR|WORK_TREE|INDEX_FILE|COMMON_DIR|OBJECT_DIRECTORY)$/.test(k)) || inv.args.some((a) => /^--git-dir|^core\.worktree=|^--index-file/i.test(a.text));
    pointedElsewhere.set(inv, answer);
  }
  return answer;
}

const pointedElsewhere = new WeakMap<Invocation, boolean>();

/** A repository's sparse-checkout patterns (`<work tree>/.git/info/sparse-checkout`): the work tree they narrow. */
const SPARSE_PATTERNS = /^(.*)\/\.git\/info\/sparse-checkout$/i;

/**
 * Sparse checkout staged by hand (round 20): the patterns file written (`echo 'src/' > .git/info/sparse-checkout`)
 * decides which files the next checkout leaves out of the work tree, so writing it reaches the work
 * tree as `git sparse-checkout set` does (a recursive delete of the work tree, judged by what is protected in it).
 */
export function sparseCheckoutEffects(effects: readonly PathEffect[], facts: Facts, cwd: string): PathEffect[] {
  const out = [...effects];
  for (const e of effects) {
    if (e.kind !== 'write' || e.word.dynamic) continue;
    const root = SPARSE_PATTERNS.exec(resolvePath(cwd, e.word.text, facts.home))?.[1];
    if (root) out.push({ kind: 'delete', word: { ...e.word, text: root || '/' }, recursive: true });
  }
  return out;
}
