import { resolvePath } from '../../paths';
import { parsedArgs } from '../../registry/commandModel';
import { git } from '../../registry/tools/git';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { perimeterView } from '../perimeter/protectedPaths';
import { unreadFinding } from '../perimeter/reach';
import { firstCommand, hooksInUse, rootOf } from '../support/hookManagerInstalls';
import { GIT_HOOK_NAMES, type GitProgram } from './gitPrograms';

/**
 * `git config core.hooksPath FOLDER` to a folder that exists (stop 34): git stops running every hook of
 * the folder in use (a gitleaks pre-commit in `.git/hooks`) and from then on runs whatever hook files
 * appear in FOLDER, which later writes there are not judged as hooks. Where the folder in use holds a hook that
 * runs something, it is judged as the same setting is for a
 * folder the hook cannot read (`deferredPack.ts` `judgeHooksFolder`): denied where this machine holds the
 * guard's places, asked elsewhere. Left alone: the folder already in use (`.git/hooks` by default), and
 * the folder the repository's hook manager uses (husky's `.husky` or `.husky/_` where package.json names
 * husky or husky set itself up). A setting given for one run (`git -c`, the environment) counts for a git
 * command that runs hooks (`git -c core.hooksPath=src commit`), as `--no-verify` does (`support/hookBypass.ts`).
 */

/** husky's folders where the repository uses husky: named in package.json, or its `.husky/_` written. */
function managerFolders(root: string, facts: Facts): string[] {
  const usesHusky = /"husky"|\bhusky\b/.test(facts.readFile(`${root}/package.json`) ?? '') || (facts.listDir(`${root}/.husky/_`) !== undefined);
  return usesHusky ? [`${root}/.husky`, `${root}/.husky/_`] : [];
}

const trimmed = (path: string): string => path.replace(/\/+$/, '');

/** git subcommands that run hooks (githooks(5)): a setting given for one run (`git -c core.hooksPath=src commit`) switches them off for it. */
const RUNS_HOOKS = /^(commit|push|merge|rebase|am|checkout|switch|pull|cherry-pick|revert|apply)$/;

export function hooksPathSwitch(p: GitProgram, inv: Invocation, facts: Facts, cwd: string): Finding | undefined {
  if (p.key.toLowerCase() !== 'core.hookspath') return undefined;
  if (p.when.startsWith('now') && !(inv.name === 'git' && RUNS_HOOKS.test(parsedArgs(inv.args, git).path[0] ?? parsedArgs(inv.args, git).operands[0]?.text ?? ''))) return undefined;
  const folder = trimmed(resolvePath(cwd, p.text, facts.home));
  const root = rootOf(cwd, facts) ?? cwd;
  const inUse = hooksInUse(root, facts);
  if (trimmed(inUse.folder) === folder || managerFolders(root, facts).includes(folder)) return undefined;
  // Where the folder in use holds no hook that runs something, nothing is switched off (a project's `.githooks` set up).
  const active = (facts.listDir(inUse.folder) ?? []).map((name) => ({ name, runs: GIT_HOOK_NAMES.has(name) ? firstCommand(facts.readFile(`${inUse.folder}/${name}`)) : undefined })).find((h) => h.runs !== undefined);
  if (active === undefined) return undefined;
  const reason = `${inv.name} makes ${p.where} point at ${p.text}, so git stops running the hooks of ${inUse.shown} (${inUse.shown}/${active.name} runs \`${active.runs}\`) and runs whatever hook files are in ${p.text} ${p.when}${p.when.startsWith('now') ? '' : ', files written there later included'}`;
  return unreadFinding('deferred-hooks-path', reason, p.text, facts, perimeterView(facts));
}
