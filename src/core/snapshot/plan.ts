/**
 * Which copies make a local destructive action undoable. Read from the policy engine's invocations
 * (wrappers peeled, nested shells expanded, `cd` followed) and gated by the verdict: only an action
 * that asks a human and destroys something on this machine gets a snapshot. The plan names what to
 * keep; the node layer measures it against the limits and takes it after the human allows.
 *
 * A part of an action that cannot be copied in advance (a path chosen at run time, a history rewrite,
 * anything on another machine) is listed in `uncovered`, so the dialog never promises more than is kept.
 */
import { isAbsolute, normalize, resolvePath } from '../paths';
import type { ArgWord, Invocation, Target, Verdict } from '../policy/types';
import { effectGrammar, readEffectArgs } from '../policy/effectOptions';
import { optionGrammarOf } from '../policy/readerGrammars';
import { invocationCommand, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

export type SnapshotStep =
  /** Files and folders that will be deleted or overwritten (absolute; the last segments may be globs). */
  | { kind: 'paths'; cwd: string; paths: string[]; why: string }
  /**
   * Uncommitted work under `pathspecs` of the repository at `cwd` that a git command discards:
   * tracked changes through `git stash create`, plus HEAD (a reset may move it).
   */
  | { kind: 'worktree'; cwd: string; pathspecs: string[]; why: string }
  /** Untracked (and with -x/-X ignored) files `git clean` would delete, found with `git clean -n`. */
  | { kind: 'clean'; cwd: string; flags: string[]; pathspecs: string[]; why: string }
  /** Branch tips (or other refs) about to be deleted. */
  | { kind: 'refs'; cwd: string; refs: string[]; why: string }
  /** Stash entries about to be dropped: `all` for `git stash clear`. */
  | { kind: 'stash'; cwd: string; entries: 'all' | string[]; why: string };

export interface SnapshotPlan {
  steps: SnapshotStep[];
  /** Destructive parts no copy can cover, in words a human reads. */
  uncovered: string[];
}

export interface SnapshotPlanInput {
  verdict: Verdict;
  invocations: readonly Invocation[];
  home: string;
  /** Workspace folders, to place a path target the invocations do not name. */
  workspaceRoots: readonly string[];
}

const DELETING = new Set(['rm', 'rmdir', 'unlink', 'shred', 'truncate', 'trash', 'srm', 'wipe']);
const SQLITE_CLIENTS = new Set(['sqlite3', 'sqlite', 'duckdb', 'litecli']);
const OVERWRITE_OPS = new Set(['>', '>|', '&>', '<>']);

/** Does the verdict destroy something on this machine, and ask a human first? */
export function wantsSnapshot(verdict: Verdict): boolean {
  if (verdict.decision !== 'ask') return false;
  if (!verdict.risks.includes('destructive') && !verdict.risks.includes('catastrophic')) return false;
  return verdict.targets.some((t) => !t.remote && t.kind !== 'credential' && t.kind !== 'url');
}

/** A command's operands, its options read by its one description (`optionGrammarOf`: registry entry or effect table). */
function operandsOf(name: string, args: readonly ArgWord[]): ArgWord[] {
  return readEffectArgs(args, optionGrammarOf(name) ?? NO_OPTIONS_DESCRIBED).operands;
}

const NO_OPTIONS_DESCRIBED = effectGrammar();

/** `git -C dir -c k=v sub args`, read by git's registry entry: the subcommand, its reading and the folder it works in. */
function gitCall(inv: Invocation, home: string): { sub: string; a: ToolArgs; cwd: string } | undefined {
  const command = invocationCommand(inv);
  const sub = command?.parsed.path[0];
  if (!command || sub === undefined) return undefined;
  let cwd = inv.cwd;
  for (const option of command.parsed.options) if (option.depth === 0 && option.name === '-C') for (const dir of option.values) cwd = resolvePath(cwd, dir, home);
  return { sub, a: toolArgs('git', command.parsed, command.tool), cwd };
}

function texts(words: readonly ArgWord[]): string[] {
  return words.map((w) => w.text);
}

function gitSteps(inv: Invocation, home: string, plan: SnapshotPlan): void {
  const call = gitCall(inv, home);
  if (!call) return;
  const { sub, a, cwd } = call;
  const parsed = a.parsed;
  const pos = parsed.operands;
  const dynamic = inv.args.some((w) => w.dynamic);
  const pathsAfterDash = (): string[] | undefined => (parsed.endOfOptions !== undefined ? texts(inv.args.slice(parsed.endOfOptions + 1)) : undefined);
  switch (sub) {
    case 'reset':
      if (a.has('--hard', '--merge', '--keep')) {
        plan.steps.push({ kind: 'worktree', cwd, pathspecs: ['.'], why: 'uncommitted changes and the commit HEAD points to (git reset)' });
      }
      return;
    case 'checkout':
    case 'switch': {
      const after = pathsAfterDash();
      const forced = a.has('-f');
      if (after && after.length > 0) plan.steps.push({ kind: 'worktree', cwd, pathspecs: after, why: `uncommitted changes to ${after.join(' ')} (git ${sub})` });
      else if (forced) plan.steps.push({ kind: 'worktree', cwd, pathspecs: ['.'], why: `uncommitted changes (git ${sub} --force)` });
      else if (sub === 'checkout' && pos.length > 0 && pos.every((p) => p.text === '.' || p.text.includes('/') || p.glob)) {
        plan.steps.push({ kind: 'worktree', cwd, pathspecs: texts(pos), why: `uncommitted changes to ${texts(pos).join(' ')} (git checkout)` });
      }
      return;
    }
    case 'restore': {
      const stagedOnly = a.has('-S') && !a.has('-W');
      if (stagedOnly) return;
      const paths = pathsAfterDash() ?? texts(pos);
      if (paths.length > 0) plan.steps.push({ kind: 'worktree', cwd, pathspecs: paths, why: `uncommitted changes to ${paths.join(' ')} (git restore)` });
      return;
    }
    case 'clean': {
      if (a.has('-n')) return;
      // not an option list: the flags handed on to the snapshot's own `git clean` (node/snapshot), each asked of git's entry.
      const keep = ['-d', '-x', '-X'].filter((f) => a.has(f));
      plan.steps.push({ kind: 'clean', cwd, flags: keep, pathspecs: pathsAfterDash() ?? texts(pos), why: 'untracked files (git clean)' });
      return;
    }
    case 'branch': {
      const deleting = a.has('-D', '-d');
      if (!deleting) return;
      if (pos.length === 0 || dynamic) plan.uncovered.push('branches named at run time (git branch -D)');
      else plan.steps.push({ kind: 'refs', cwd, refs: texts(pos).map((b) => (b.startsWith('refs/') ? b : `refs/heads/${b}`)), why: `the branch tip${pos.length > 1 ? 's' : ''} ${texts(pos).join(', ')}` });
      return;
    }
    case 'update-ref':
      if (a.has('-d') && pos[0]) plan.steps.push({ kind: 'refs', cwd, refs: [pos[0].text], why: `the ref ${pos[0].text}` });
      return;
    case 'stash': {
      const action = parsed.path[1];
      if (action === 'clear') plan.steps.push({ kind: 'stash', cwd, entries: 'all', why: 'every stash entry (git stash clear)' });
      else if (action === 'drop') plan.steps.push({ kind: 'stash', cwd, entries: [pos[0]?.text ?? 'stash@{0}'], why: `the stash entry ${pos[0]?.text ?? 'stash@{0}'}` });
      return;
    }
    case 'filter-branch':
    case 'filter-repo':
      plan.uncovered.push(`the rewritten history (git ${sub})`);
      return;
    case 'reflog':
    case 'gc':
    case 'prune':
      plan.uncovered.push(`unreachable commits pruned by git ${sub}`);
      return;
    default:
      return;
  }
}

function addPaths(plan: SnapshotPlan, cwd: string, words: readonly ArgWord[], why: string): void {
  const known = words.filter((w) => !w.dynamic && w.text !== '');
  if (known.length < words.length) plan.uncovered.push(`paths chosen at run time (${words.filter((w) => w.dynamic).map((w) => w.raw).join(' ')})`);
  const paths = known.filter((w) => !w.text.startsWith('/dev/')).map((w) => w.text);
  if (paths.length > 0) plan.steps.push({ kind: 'paths', cwd, paths, why });
}

function fileSteps(inv: Invocation, plan: SnapshotPlan): void {
  const name = inv.name;
  if (DELETING.has(name)) {
    const words = operandsOf(name, inv.args);
    if (words.length === 0) {
      if (inv.via.some((v) => /^(xargs|parallel)\b/.test(v)) || inv.stdin?.kind === 'pipe') plan.uncovered.push(`files named on standard input (${name})`);
      return;
    }
    // find -exec rm {} +: the find root is kept instead (see below).
    if (words.every((w) => /^\{[^}]*\}$/.test(w.text))) return;
    addPaths(plan, inv.cwd, words, `${name} ${texts(words).join(' ')}`);
  } else if (name === 'find') {
    const args = texts(inv.args);
    const deletes = args.includes('-delete') || args.some((a, i) => /^-(exec|execdir|ok|okdir)$/.test(a) && DELETING.has((args[i + 1] ?? '').replace(/^.*\//, '')));
    if (!deletes) return;
    const roots: ArgWord[] = [];
    let i = 0;
    while (i < inv.args.length && /^-[HLP]$/.test(inv.args[i]!.text)) i++;
    while (i < inv.args.length && !/^[-(!]/.test(inv.args[i]!.text)) roots.push(inv.args[i++]!);
    addPaths(plan, inv.cwd, roots.length > 0 ? roots : [{ text: '.', raw: '.', dynamic: false, glob: false }], 'files find deletes');
  } else if (name === 'mv') {
    const words = operandsOf('mv', inv.args);
    if (words.length >= 2 && words[words.length - 1]!.text === '/dev/null') addPaths(plan, inv.cwd, words.slice(0, -1), 'moved into /dev/null');
  } else if (name === 'cp') {
    const words = operandsOf('cp', inv.args);
    if (words.length === 2 && words[0]!.text === '/dev/null') addPaths(plan, inv.cwd, [words[1]!], 'emptied with /dev/null');
  } else if (name === 'dd') {
    const out = inv.args.find((a) => a.text.startsWith('of='));
    if (out && !out.text.startsWith('of=/dev/')) addPaths(plan, inv.cwd, [{ ...out, text: out.text.slice(3) }], 'overwritten by dd');
  } else if (SQLITE_CLIENTS.has(name)) {
    const file = operandsOf(toolNamed(name) ? name : 'sqlite3', inv.args)[0];
    if (file && file.text !== ':memory:') addPaths(plan, inv.cwd, [file], `the database file ${file.text}`);
  }
  for (const r of inv.redirects) {
    if (!OVERWRITE_OPS.has(r.op) || r.target.text.startsWith('/dev/') || /^&?\d*$/.test(r.target.text)) continue;
    addPaths(plan, inv.cwd, [r.target], `overwritten by ${r.op} ${r.target.text}`);
  }
}

/** A local path target the invocations did not cover (a file deleted by script code): its absolute path, when it can be known. */
function targetPath(t: Target, input: SnapshotPlanInput, cwd: string): string | undefined {
  if (t.kind !== 'path' || t.remote || /[$`]/.test(t.name)) return undefined;
  if (t.name === '~' || t.name.startsWith('~/')) return resolvePath(cwd, t.name, input.home);
  if (isAbsolute(t.name)) return normalize(t.name);
  const root = input.workspaceRoots.find((r) => cwd === r || cwd.startsWith(r + '/')) ?? input.workspaceRoots[0] ?? cwd;
  return resolvePath(root, t.name, input.home);
}

function covered(abs: string, plan: SnapshotPlan, home: string): boolean {
  return plan.steps.some((s) => s.kind === 'paths' && s.paths.some((p) => {
    const kept = resolvePath(s.cwd, p, home);
    return abs === kept || abs.startsWith(kept + '/');
  }));
}

/** What to keep before this action runs. Empty when the verdict does not call for a snapshot. */
export function planSnapshot(input: SnapshotPlanInput): SnapshotPlan {
  const plan: SnapshotPlan = { steps: [], uncovered: [] };
  if (!wantsSnapshot(input.verdict)) return plan;
  for (const inv of input.invocations) {
    if (inv.remote) continue;
    if (inv.name === 'git') gitSteps(inv, input.home, plan);
    else fileSteps(inv, plan);
  }
  const cwd = input.invocations[0]?.cwd ?? input.workspaceRoots[0] ?? input.home;
  for (const t of input.verdict.targets) {
    if (t.remote) {
      if (t.kind !== 'credential' && t.kind !== 'url') plan.uncovered.push(`${t.kind} ${t.name} on another machine`);
      continue;
    }
    const abs = targetPath(t, input, cwd);
    if (abs && !covered(abs, plan, input.home)) plan.steps.push({ kind: 'paths', cwd, paths: [abs], why: `${t.name}, deleted by code the command runs` });
    else if (t.kind === 'path' && !abs) plan.uncovered.push(`${t.name} (a path chosen at run time)`);
    else if ((t.kind === 'database' || t.kind === 'table') && t.provider !== 'sqlite') plan.uncovered.push(`the ${t.provider ? t.provider + ' ' : ''}database ${t.name}`);
  }
  plan.uncovered = [...new Set(plan.uncovered)];
  return plan;
}
