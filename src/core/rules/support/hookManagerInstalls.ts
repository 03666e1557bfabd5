import { isWithin, resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { ownTable } from '../../ownTable';
import { commandNode, invocationCommand, parsedArgs, toolNamed } from '../../registry/commandModel';
import type { HookInstall } from '../../registry/types';
import { GIT_HOOK_NAMES } from '../deferred/gitPrograms';

/**
 * A hook manager installing its own hooks over the team's (stop 28, red team round 9; stop 36, round
 * 24: read from the registry's `installsHooks`, so `husky init`, `lefthook install -f`, `overcommit
 * --install` are judged alike): husky (`npx husky`, `husky install [DIR]`, `husky init`) points `core.hooksPath` at its own folder, so git stops
 * running every hook of the folder in use (a gitleaks pre-commit in `.git/hooks`); `pre-commit install
 * -f` overwrites the hook there instead of keeping it as `.legacy`; `lefthook install
 * --reset-hooks-path` unsets a configured core.hooksPath; `npx simple-git-hooks` writes its hooks over
 * the files there. Where the folder in use holds an active hook the manager did not write, it asks and
 * names what that hook ran. A repository without one loses nothing and stays allowed, as does a
 * manager re-installing over its own hooks. Where husky's folder itself points is judged as
 * `core.hooksPath` is (deferred/configSetters.ts).
 */

/** simple-git-hooks has no registry entry (it takes no words): its set-up, as `installsHooks` says it. */
const SIMPLE_GIT_HOOKS: HookInstall = { way: 'overwrite', own: /simple-git-hooks/i };

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
  if (parsed.options.some((o) => o.name === '-h' || o.name === '--help') || parsed.operands.some((o) => o.text === '-h' || o.text === '--help')) return [];
  const shown = [inv.name, ...parsed.path].join(' ');
  for (const install of commandNode(parsed).installsHooks ?? []) {
    const used = install.when?.find((w) => parsed.options.some((o) => o.name === w));
    if (install.when && used === undefined) continue;
    const root = rootOf(cwd, facts);
    if (install.refusesHooksPath && !parsed.options.some((o) => install.refusesHooksPath!.includes(o.name)) && root !== undefined && hooksInUse(root, facts).shown !== '.git/hooks') continue;
    const types = parsed.options.filter((o) => (install.types ?? []).includes(o.name)).flatMap((o) => o.values);
    const names = types.length > 0 ? types : install.types ? ['pre-commit'] : [...GIT_HOOK_NAMES];
    const how = `${shown}${used ? ' ' + used : ''}`;
    const does = install.way === 'overwrite' ? `${how} overwrites`
      : install.way === 'hooks-path' ? `${how} points core.hooksPath at its own folder, so git stops running`
      : `${how} unsets core.hooksPath, so git stops running`;
    const found = displaced(install, names, does, facts, cwd);
    if (found.length > 0) return found;
  }
  return [];
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
  return displaced(SIMPLE_GIT_HOOKS, names, 'simple-git-hooks overwrites', facts, cwd);
}

/** The first active hook among `names` in the folder git uses now that `manager` did not write, as a finding. */
function displaced(install: HookInstall, names: readonly string[], does: string, facts: Facts, cwd: string): Finding[] {
  const root = rootOf(cwd, facts);
  if (root === undefined) return [];
  const { folder, shown } = hooksInUse(root, facts);
  // A manager pointing git at its own folder again (husky's `.husky/_`) takes nothing away.
  if (install.way === 'hooks-path' && install.own.test(shown)) return [];
  // Unsetting core.hooksPath loses only a configured folder: git goes back to the hooks in .git/hooks.
  if (install.way === 'unset-hooks-path' && folder === `${root}/.git/hooks`) return [];
  for (const name of names) {
    if (!GIT_HOOK_NAMES.has(name)) continue;
    const text = facts.readFile(`${folder}/${name}`);
    const runs = firstCommand(text);
    if (runs === undefined || install.own.test(text ?? '')) continue;
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

/**
 * Packages whose install script installs git hooks (stop 36, red team round 24): adding one runs that
 * script, which writes its hooks over the files in `.git/hooks` (`npm i -D simple-git-hooks`, the npm
 * `pre-commit`/`pre-push` packages, husky before v5, yorkie, ghooks). A data list: the effect lives in
 * each package's install script, which nothing here reads. `below`: only releases before that major
 * (husky 5 and later install nothing by themselves); `hooks`: the hooks it writes (else every hook).
 */
const HOOK_INSTALLING_PACKAGES: Readonly<Record<string, { hooks?: readonly string[]; below?: number; own: RegExp }>> = ownTable({
  'simple-git-hooks': { own: /simple-git-hooks/i },
  'pre-commit': { hooks: ['pre-commit'], own: /pre-commit/i },
  'pre-push': { hooks: ['pre-push'], own: /pre-push/i },
  precommit: { hooks: ['pre-commit'], own: /precommit/i },
  'precommit-hook': { hooks: ['pre-commit'], own: /precommit-hook|jshint/i },
  'git-pre-commit': { hooks: ['pre-commit'], own: /git-pre-commit/i },
  husky: { below: 5, own: /husky/i },
  yorkie: { own: /yorkie/i },
  ghooks: { own: /ghooks/i },
  'git-hooks': { own: /git-hooks/i },
  'pre-git': { own: /pre-git/i },
  // Round 27: lefthook's npm packages run `lefthook install -f` after install (evilmartians/lefthook#1487).
  lefthook: { own: /lefthook/i },
  '@evilmartians/lefthook': { own: /lefthook/i },
  '@arkweid/lefthook': { own: /lefthook/i },
});

/** The clients of the npm registry, where those packages live. */
const NPM_CLIENTS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** `name@range` split; a range whose every release is below `major` (`4`, `^4.3.8`, `~3.1`, `<5`). */
function packageSpec(text: string): { name: string; range?: string } {
  const at = text.indexOf('@', 1);
  return at < 0 ? { name: text } : { name: text.slice(0, at), range: text.slice(at + 1) };
}

function onlyBelow(range: string | undefined, major: number): boolean {
  if (range === undefined) return false;
  const m = /^(?:[\^~=v]|>=)?\s*(\d+)(?:\.[\dx*]+){0,2}$/.exec(range.trim()) ?? /^<\s*(\d+)(?:\.0){0,2}$/.exec(range.trim());
  if (!m) return false;
  return range.trim().startsWith('<') ? Number(m[1]) <= major : Number(m[1]) < major;
}

/** A package manager adding a package whose install script writes over the hooks git runs now. */
export function packageHookInstall(inv: Invocation, facts: Facts, cwd: string): Finding[] {
  // The list names npm packages: `pip install pre-commit` is another registry's package of that name.
  if (!NPM_CLIENTS.has(inv.name)) return [];
  const command = invocationCommand(inv);
  if (!command || commandNode(command.parsed).package !== 'install') return [];
  if (command.parsed.options.some((o) => o.name === '--ignore-scripts')) return [];
  for (const operand of command.parsed.operands) {
    if (operand.dynamic) continue;
    const { name, range } = packageSpec(operand.text);
    const known = HOOK_INSTALLING_PACKAGES[name];
    if (!known || (known.below !== undefined && !onlyBelow(range, known.below))) continue;
    const does = `${[inv.name, ...command.parsed.path].join(' ')} ${operand.text} runs that package's install script, which overwrites`;
    const found = displaced({ way: 'overwrite', own: known.own }, known.hooks ?? [...GIT_HOOK_NAMES], does, facts, cwd);
    if (found.length > 0) return found;
  }
  return [];
}
