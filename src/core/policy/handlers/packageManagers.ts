/**
 * npm, yarn and pnpm: `run`, `test`, `start`, `exec`, `install` and `yarn <script>` run package.json
 * scripts (with their pre/post hooks) and lifecycle scripts; those scripts are analysed as shell text.
 */

import { dirname, resolvePath } from '../../paths';
import { commandNode, readingsOf, toolArgs, toolNamed } from '../../registry/commandModel';
import { PACKAGE_ADDRESS } from '../../shell/wrappers';
import type { ParsedCommand } from '../../registry/grammar';
import type { ToolSpec } from '../../registry/types';
import type { ArgWord, Invocation, Origin, Via } from '../types';
import { quoteForShell, type Exec, type Handler, type Walker } from './context';
import { localDependencyFolders, rebuiltPackageFolders } from './localPackages';

interface PackageScripts {
  path: string;
  dir: string;
  scripts: Record<string, string>;
}

/** package.json files found (or not) per folder, per analysis. */
const packageCaches = new WeakMap<Walker, Map<string, PackageScripts | null>>();

function packageCache(w: Walker): Map<string, PackageScripts | null> {
  let cache = packageCaches.get(w);
  if (!cache) {
    cache = new Map();
    packageCaches.set(w, cache);
  }
  return cache;
}

function packageScripts(w: Walker, cwd: string, via: readonly Via[]): PackageScripts | undefined {
  let dir = cwd;
  for (let level = 0; level < 32; level++) {
    const cached = packageCache(w).get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const path = dir === '/' ? '/package.json' : dir + '/package.json';
    const text = w.readFile(path, via);
    if (text !== undefined) {
      let scripts: Record<string, string> = {};
      try {
        const json: unknown = JSON.parse(text);
        const raw = json && typeof json === 'object' ? (json as { scripts?: unknown }).scripts : undefined;
        if (raw && typeof raw === 'object') {
          for (const [key, value] of Object.entries(raw as Record<string, unknown>)) if (typeof value === 'string') scripts[key] = value;
        }
      } catch {
        w.addOpaque(`${w.display(path)} is not valid JSON, so its scripts cannot be read`, via);
        scripts = {};
      }
      const found = { path, dir, scripts };
      packageCache(w).set(cwd, found);
      return found;
    }
    if (dir === '/') break;
    dir = dirname(dir);
  }
  packageCache(w).set(cwd, null);
  return undefined;
}

/** Run `name` from the nearest package.json, with its pre/post hooks; false if there is no such script. */
export function packageScript(w: Walker, manager: string, name: string, extra: readonly ArgWord[], exec: Exec): boolean {
  const pkg = packageScripts(w, exec.cwd, w.viaOf(exec));
  if (pkg && name === 'start' && (manager === 'npm' || manager === 'pnpm') && !Object.prototype.hasOwnProperty.call(pkg.scripts, name) && w.readFile(pkg.dir + '/server.js', w.viaOf(exec)) !== undefined) {
    // npm and pnpm start a package without a start script as `node server.js` when it has one.
    const text = ['node', 'server.js', ...extra.map(quoteForShell)].join(' ');
    w.analyzeText(text, w.childScope(exec, `${manager} start (node server.js)`, { kind: 'script', path: `${w.display(pkg.dir)}/server.js` }, pkg.dir));
    return true;
  }
  if (!pkg || !Object.prototype.hasOwnProperty.call(pkg.scripts, name)) return false;
  for (const key of ['pre' + name, name, 'post' + name]) {
    if (!Object.prototype.hasOwnProperty.call(pkg.scripts, key)) continue;
    let text = pkg.scripts[key]!;
    if (key === name && extra.length > 0) text += ' ' + extra.map(quoteForShell).join(' ');
    const origin: Origin = { kind: 'script', path: `${w.display(pkg.path)}#scripts.${key}` };
    w.analyzeText(text, w.childScope(exec, `${manager} run ${key}`, origin, pkg.dir));
  }
  return true;
}

/** The install lifecycle scripts of the nearest package.json, as `npm install` runs them. */
export function lifecycle(w: Walker, manager: string, exec: Exec): void {
  for (const key of ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']) {
    const pkg = packageScripts(w, exec.cwd, w.viaOf(exec));
    if (!pkg || !Object.prototype.hasOwnProperty.call(pkg.scripts, key)) continue;
    const origin: Origin = { kind: 'script', path: `${w.display(pkg.path)}#scripts.${key}` };
    w.analyzeText(pkg.scripts[key]!, w.childScope(exec, `${manager} install (${key})`, origin, pkg.dir));
  }
}

/** A whole-project install: the project's lifecycle scripts, then those of its `file:` and path dependencies (round 12). */
function projectInstall(w: Walker, manager: string, exec: Exec, ignoreScripts: boolean): void {
  lifecycle(w, manager, exec);
  if (!ignoreScripts) for (const folder of localDependencyFolders(w, exec.cwd, exec)) lifecycle(w, manager, { ...exec, cwd: folder });
}

/** The folders of the packages an install names by path (`../pkg`, `/abs/pkg`, `file:pkg`, `link:pkg`): those that hold a package.json. */
function localPackageFolders(w: Walker, operands: readonly ArgWord[], exec: Exec): string[] {
  const out: string[] = [];
  for (const o of operands.slice(0, 8)) {
    if (o.dynamic) continue;
    const text = o.text.replace(/^(file|link|portal):/, '');
    if (!/^(\.{1,2}(\/|$)|\/|~\/)/.test(text) && text === o.text) continue;
    const folder = resolvePath(exec.cwd, text, w.facts.home);
    if (folder !== exec.cwd && w.facts.listDir(folder)?.includes('package.json')) out.push(folder);
  }
  return out;
}

/** Each reading of a package manager's words (two when an option it does not know may take a value), once per distinct reading. */
function packageManager(w: Walker, manager: 'npm' | 'yarn' | 'pnpm', first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(manager, first.text, args, exec);
  const spec = toolNamed(manager)!;
  const seen = new Set<string>();
  for (const parsed of readingsOf(args, spec)) {
    const key = `${parsed.pathIndexes.join(',')}|${parsed.operands.map((o) => args.indexOf(o)).join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reading(w, manager, spec, parsed, args, exec);
  }
  return inv;
}

/** npm passes the words after `--` to the script; the separator itself is not passed. */
const SCRIPT_ARGUMENTS = '--';

function withoutDashDash(words: ArgWord[]): ArgWord[] {
  return words[0]?.text === SCRIPT_ARGUMENTS ? words.slice(1) : words;
}

function reading(w: Walker, manager: string, spec: ToolSpec, parsed: ParsedCommand, args: ArgWord[], exec: Exec): void {
  const a = toolArgs(manager, parsed, spec);
  const dir = a.value('-C', '--cwd');
  const local: Exec = { ...exec, cwd: dir !== undefined ? resolvePath(exec.cwd, dir, w.facts.home) : exec.cwd };
  const operand = parsed.operands[0];
  const after = (word: ArgWord): ArgWord[] => args.slice(args.indexOf(word) + 1);
  const subIndex = parsed.pathIndexes[0];
  // `npm create vite@latest . -- --overwrite`, `npm init @scope/app`, `yarn create vite .`: the initializer
  // package (`create-vite`, `@scope/create-app`) runs with the words after it (npm's docs: `npm init foo` is
  // `npm exec create-foo`); `npm init -y` (no package named) writes package.json.
  const first = subIndex !== undefined ? parsed.path[0] : operand?.text;
  const initializer = subIndex !== undefined ? operand : parsed.operands[1];
  if ((first === 'create' || first === 'init' || first === 'innit') && initializer && !initializer.dynamic && /^(@[\w.-]+\/)?[\w.-]+(@[\w.^~<>=-]+)?$|^@[\w.-]+$/.test(initializer.text)) {
    const bare = initializer.text.replace(/(?<=.)@[^/]*$/, '');
    const name = bare.startsWith('@') ? (bare.includes('/') ? bare.replace('/', '/create-') : `${bare}/create`) : `create-${bare}`;
    w.run([{ ...initializer, text: name, raw: name }, ...after(initializer).filter((x) => x.text !== SCRIPT_ARGUMENTS)], { ...local, wrappers: [...local.wrappers, `${manager} ${first}`] });
    return;
  }
  if (subIndex === undefined) {
    if (!operand) {
      if (spec.packageManager?.bare === 'install') projectInstall(w, manager, local, a.has('--ignore-scripts'));
      return;
    }
    // `npm rebuild [pkg…]` (round 12): the install scripts of packages already in node_modules run again.
    if (manager === 'npm' && (operand.text === 'rebuild' || operand.text === 'rb')) {
      rebuild(w, manager, parsed.operands.slice(1), local, a.has('--ignore-scripts'));
      return;
    }
    // `npm explore pg -- dropdb shop` (round 8): the words after `--` run in a shell inside the package's folder.
    if (manager === 'npm' && operand.text === 'explore') {
      const dash = args.findIndex((w, k) => k > args.indexOf(operand) && w.text === SCRIPT_ARGUMENTS);
      const pkg = parsed.operands[1] !== undefined && (dash < 0 || args.indexOf(parsed.operands[1]) < dash) ? parsed.operands[1] : undefined;
      const folder = pkg !== undefined && !pkg.dynamic ? resolvePath(local.cwd, `node_modules/${pkg.text}`, w.facts.home) : local.cwd;
      // npm joins the words with spaces for the shell; read as the words were meant too (`-- sh -c 'rm -rf ~'`).
      const words = args.slice(dash + 1);
      const readings = new Set([words.map((o) => o.text).join(' '), words.map(quoteForShell).join(' ')]);
      if (dash >= 0 && words.length > 0) for (const text of readings) w.analyzeText(text, w.childScope(local, 'npm explore', undefined, folder));
      return;
    }
    // `yarn build`, `pnpm lint`: a script when package.json has one, otherwise a binary from node_modules.
    if (spec.packageManager?.scriptsByDefault && !packageScript(w, manager, operand.text, withoutDashDash(after(operand)), local)) {
      w.run(args.slice(args.indexOf(operand)), { ...local, wrappers: [...local.wrappers, manager] });
    }
    return;
  }
  const action = commandNode(parsed).package;
  if (action === 'script') {
    if (!operand) return;
    if (operand.dynamic) {
      w.addOpaque(`${manager} runs a script whose name is computed at run time`, w.viaOf(exec));
      return;
    }
    packageScript(w, manager, operand.text, withoutDashDash(after(operand)), local);
  } else if (typeof action === 'object' && 'script' in action) {
    if (!packageScript(w, manager, action.script, withoutDashDash(args.slice(subIndex + 1)), local)) {
      for (const name of action.fallback ?? []) packageScript(w, manager, name, [], local);
    }
  } else if (typeof action === 'object' && 'binary' in action) {
    const call = action.call !== undefined ? a.value(action.call) : undefined;
    if (call !== undefined) w.analyzeText(call, w.childScope(local, `${manager} exec`));
    else if (operand && !operand.dynamic && PACKAGE_ADDRESS.test(operand.text)) w.addOpaque(`${manager} fetches ${operand.text.slice(0, 120)} and runs it: an address, not a package from the registry, and what it serves cannot be read before it runs`, w.viaOf(local));
    // `yarn exec 'cmd args'`, `pnpm --shell-mode exec 'cmd'`: one operand holding a whole line is run by a shell.
    else if (operand && !operand.dynamic && /\s/.test(operand.text.trim())) w.analyzeText([operand, ...after(operand)].map((o) => o.text).join(' '), w.childScope(local, `${manager} exec`));
    else if (operand) w.run(args.slice(args.indexOf(operand)), { ...local, wrappers: [...local.wrappers, `${manager} exec`] });
  } else if (action === 'install' && !operand) {
    projectInstall(w, manager, local, a.has('--ignore-scripts'));
  } else if (action === 'install' && !a.has('--ignore-scripts')) {
    // A package from an address (a tarball URL, a git repository) is no registry's: its install scripts run unread.
    const address = parsed.operands.find((o) => !o.dynamic && PACKAGE_ADDRESS.test(o.text) && !o.text.startsWith('./') && !o.text.startsWith('../'));
    if (address) w.addOpaque(`${manager} installs ${address.text.slice(0, 120)}, a package from an address rather than the registry, whose install scripts run before they can be read`, w.viaOf(local));
    // `npm install ../pkg`, `yarn add file:/x/pkg`, `pnpm add ./pkg` (round 10): a folder's package, whose lifecycle scripts run in it.
    for (const folder of localPackageFolders(w, parsed.operands, local)) lifecycle(w, manager, { ...local, cwd: folder });
  } else if (parsed.path[0] === 'rebuild') {
    rebuild(w, manager, parsed.operands, local, a.has('--ignore-scripts'));
  } else if (typeof action === 'object' && 'again' in action) {
    // `yarn workspaces foreach -A npm publish`, `yarn workspace web build`: the manager again, with the words after.
    const next = parsed.operands[action.skip ?? 0];
    if (next) w.run([{ ...next, text: manager, raw: manager }, ...args.slice(args.indexOf(next))], { ...local, wrappers: [...local.wrappers, [manager, ...parsed.path].join(' ')] });
  } else if (manager === 'yarn' && parsed.path[0] === 'node') {
    // `yarn node -e '…'`, `yarn node script.js`: node, with the project's loader.
    const node = args[subIndex]!;
    w.run([{ ...node, text: 'node', raw: 'node' }, ...args.slice(subIndex + 1)], { ...local, wrappers: [...local.wrappers, 'yarn node'] });
  }
}

function rebuild(w: Walker, manager: string, names: readonly ArgWord[], exec: Exec, ignoreScripts: boolean): void {
  if (ignoreScripts) return;
  if (names.some((n) => n.dynamic)) {
    w.addOpaque(`${manager} rebuild runs the install scripts of packages named at run time`, w.viaOf(exec));
    return;
  }
  for (const folder of rebuiltPackageFolders(w, manager, names.map((n) => n.text), exec)) lifecycle(w, manager, { ...exec, cwd: folder });
}

export const packageManagerHandlers: Record<string, Handler> = {
  npm: (w, _name, first, args, exec) => packageManager(w, 'npm', first, args, exec),
  yarn: (w, _name, first, args, exec) => packageManager(w, 'yarn', first, args, exec),
  pnpm: (w, _name, first, args, exec) => packageManager(w, 'pnpm', first, args, exec),
};
