import { ownTable } from '../../ownTable';
import { isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { parsedArgs, toolNamed } from '../../registry/commandModel';
import { GIT_HOOK_NAMES } from '../deferred/gitPrograms';

/**
 * A hook manager installing its own hooks over the team's (stop 28, red team round 9): husky (`npx
 * husky`, `husky install [DIR]`) points `core.hooksPath` at its own folder, so git stops
 * running every hook of the folder in use (a gitleaks pre-commit in `.git/hooks`); `pre-commit install
 * -f` overwrites the hook there instead of keeping it as `.legacy`; `lefthook install
 * --reset-hooks-path` unsets a configured core.hooksPath; `npx simple-git-hooks` writes its hooks over
 * the files there. Where the folder in use holds an active hook the manager did not write, it asks and
 * names what that hook ran. A repository without one loses nothing and stays allowed, as does a
 * manager re-installing over its own hooks. Where husky's folder itself points is judged as
 * `core.hooksPath` is (deferred/configSetters.ts).
 */

/** What each manager's own hook files say about it (a hook it wrote is not lost by a re-install). */
const OWN_MARK: Readonly<Record<string, RegExp>> = ownTable({ husky: /husky/i, 'pre-commit': /pre-commit|pre_commit/i, prek: /pre-commit|prek/i, lefthook: /lefthook/i, 'simple-git-hooks': /simple-git-hooks/i });

export function firstCommand(text: string | undefined): string | undefined {
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^(exit|return)(\s+0)?\s*;?$/.test(line)) continue;
    return line.length > 60 ? line.slice(0, 57) + '…' : line;
  }
  return undefined;
}

/** The repository root holding `cwd` among the workspace roots. */
export function rootOf(cwd: string, facts: Facts): string | undefined {
  return facts.workspaceRoots.filter((r) => r === cwd || isWithin(r, cwd)).sort((x, y) => y.length - x.length)[0];
}

/** The hooks folder git uses now: core.hooksPath of the repository or the user, else `.git/hooks`. */
export function hooksInUse(root: string, facts: Facts): { folder: string; shown: string } {
  const configured = /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(facts.readFile(`${root}/.git/config`) ?? '')?.[1] ?? /^\s*hookspath\s*=\s*(.+?)\s*$/im.exec(facts.readFile(`${facts.home}/.gitconfig`) ?? '')?.[1];
  if (configured === undefined) return { folder: `${root}/.git/hooks`, shown: '.git/hooks' };
  const value = configured.replace(/^["']|["']$/g, '');
  return { folder: resolvePath(root, value, facts.home), shown: value };
}

export function hookManagerInstall(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  if (inv.name === 'simple-git-hooks') return simpleGitHooks(inv, facts, cwd);
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const parsed = parsedArgs(inv.args, spec);
  const verb = parsed.path[0];
  const forced = parsed.options.some((o) => /^(-f|--overwrite|--force)$/.test(o.name));
  let names: readonly string[];
  let does: string;
  if (inv.name === 'husky') {
    // husky 9: `husky [DIR]`; husky 4–8: `husky install [DIR]`. Each sets core.hooksPath and leaves no trace
    // in the work tree. `husky init` is the documented set-up step: it also writes `.husky/pre-commit` and
    // package.json's `prepare` script, a change the diff shows for review, so it stays allowed.
    if (verb !== undefined && verb !== 'install') return [];
    if (parsed.operands.some((o) => o.text === '-h' || o.text === '--help')) return [];
    names = [...GIT_HOOK_NAMES];
    does = `${inv.name}${verb ? ' ' + verb : ''} points core.hooksPath at its own folder, so git stops running`;
  } else if (inv.name === 'pre-commit' || inv.name === 'prek') {
    if (verb !== 'install' || !forced) return [];
    const types = parsed.options.filter((o) => o.name === '-t' || o.name === '--hook-type').flatMap((o) => o.values);
    names = types.length > 0 ? types : ['pre-commit'];
    does = `${inv.name} install -f overwrites`;
  } else if (inv.name === 'lefthook') {
    // lefthook keeps a hook it finds as `<hook>.old` and still runs it; `--reset-hooks-path` unsets core.hooksPath first.
    if (verb !== 'install' || !parsed.options.some((o) => o.name === '--reset-hooks-path')) return [];
    names = [...GIT_HOOK_NAMES];
    does = 'lefthook install --reset-hooks-path unsets core.hooksPath, so git stops running';
  } else return [];
  return displaced(inv.name, names, does, facts, cwd);
}

/**
 * `npx simple-git-hooks` writes the hooks its configuration names (package.json's `simple-git-hooks`,
 * or `.simple-git-hooks.json`) into the hooks folder, over the hook files there.
 */
function simpleGitHooks(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  if (inv.args.length > 0) return [];
  const root = rootOf(cwd, facts);
  if (root === undefined) return [];
  let config: unknown;
  try {
    const own = facts.readFile(`${root}/.simple-git-hooks.json`);
    config = own !== undefined ? JSON.parse(own) : (JSON.parse(facts.readFile(`${root}/package.json`) ?? '{}') as Record<string, unknown>)['simple-git-hooks'];
  } catch {
    config = undefined;
  }
  const names = config !== null && typeof config === 'object' ? Object.keys(config) : [...GIT_HOOK_NAMES];
  return displaced('simple-git-hooks', names, 'simple-git-hooks overwrites', facts, cwd);
}

/** The first active hook among `names` in the folder git uses now that `manager` did not write, as a finding. */
function displaced(manager: string, names: readonly string[], does: string, facts: Facts, cwd: string): Finding[] {
  const root = rootOf(cwd, facts);
  if (root === undefined) return [];
  const { folder, shown } = hooksInUse(root, facts);
  // husky re-installed over its own folder (`.husky/_`) takes nothing away.
  if (manager === 'husky' && /(^|\/)\.husky(\/_)?\/?$/.test(shown)) return [];
  // lefthook's --reset-hooks-path loses only a configured folder: hooks in .git/hooks it keeps and runs as `.old`.
  if (manager === 'lefthook' && folder === `${root}/.git/hooks`) return [];
  for (const name of names) {
    if (!GIT_HOOK_NAMES.has(name)) continue;
    const text = facts.readFile(`${folder}/${name}`);
    const runs = firstCommand(text);
    if (runs === undefined || OWN_MARK[manager]!.test(text ?? '')) continue;
    return [{
      rule: 'commit-hooks.hook-displaced',
      risk: 'protection-removal',
      severity: 'ask',
      reason: `${does} the git hook ${shown}/${name}, which runs \`${runs}\`: that check no longer runs on later commits or pushes.`,
      targets: [{ kind: 'path', name: `${shown}/${name}`, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
    }];
  }
  return [];
}
