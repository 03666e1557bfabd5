/**
 * npm, yarn and pnpm: `run`, `test`, `start`, `exec`, `install` and `yarn <script>` run package.json
 * scripts (with their pre/post hooks) and lifecycle scripts; those scripts are analysed as shell text.
 */

import { dirname, resolvePath } from '../../paths';
import { scanOptions } from '../../shell/wrappers';
import type { ArgWord, Invocation, Origin, Via } from '../types';
import { quoteForShell, type Exec, type Handler, type Walker } from './context';

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

function lifecycle(w: Walker, manager: string, exec: Exec): void {
  for (const key of ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']) {
    const pkg = packageScripts(w, exec.cwd, w.viaOf(exec));
    if (!pkg || !Object.prototype.hasOwnProperty.call(pkg.scripts, key)) continue;
    const origin: Origin = { kind: 'script', path: `${w.display(pkg.path)}#scripts.${key}` };
    w.analyzeText(pkg.scripts[key]!, w.childScope(exec, `${manager} install (${key})`, origin, pkg.dir));
  }
}

function packageManager(w: Walker, manager: 'npm' | 'yarn' | 'pnpm', first: ArgWord, args: ArgWord[], exec: Exec): Invocation | undefined {
  const inv = w.emit(manager, first.text, args, exec);
  const scan = scanOptions(args, 0, {
    shortWithValue: manager === 'pnpm' ? 'Cwf' : 'w',
    longWithValue: ['prefix', 'cwd', 'dir', 'workspace', 'filter', 'userconfig', 'cache', 'registry', 'loglevel'],
  });
  const dir = scan.values.get('prefix') ?? scan.values.get('cwd') ?? scan.values.get('dir') ?? (manager === 'pnpm' ? scan.values.get('C') : undefined);
  const local: Exec = { ...exec, cwd: dir !== undefined ? resolvePath(exec.cwd, dir, w.facts.home) : exec.cwd };
  const subWord = args[scan.index];
  const sub = subWord?.text;
  const rest = args.slice(scan.index + 1);
  const runScript = (words: ArgWord[]): void => {
    const opts = scanOptions(words, 0, { shortWithValue: 'w', longWithValue: ['workspace', 'filter'] });
    const script = words[opts.index];
    if (!script) return;
    if (script.dynamic) {
      w.addOpaque(`${manager} runs a script whose name is computed at run time`, w.viaOf(exec));
      return;
    }
    let extra = words.slice(opts.index + 1);
    if (extra[0]?.text === '--') extra = extra.slice(1);
    packageScript(w, manager, script.text, extra, local);
  };
  const execBinary = (words: ArgWord[]): void => {
    const opts = scanOptions(words, 0, { shortWithValue: 'cp', longWithValue: ['package', 'call'] });
    const call = opts.values.get('c') ?? opts.values.get('call');
    if (call !== undefined) {
      w.analyzeText(call, w.childScope(local, `${manager} exec`));
      return;
    }
    const argv = words.slice(opts.index);
    if (argv.length > 0) w.run(argv, { ...local, wrappers: [...local.wrappers, `${manager} exec`] });
  };
  if (sub === undefined) {
    if (manager !== 'npm') lifecycle(w, manager, local);
    return inv;
  }
  if (sub === 'run' || sub === 'run-script' || sub === 'rum' || sub === 'urn') {
    runScript(rest);
    return inv;
  }
  if (['test', 't', 'tst', 'start', 'stop', 'restart'].includes(sub)) {
    const name = sub === 't' || sub === 'tst' ? 'test' : sub;
    let extra = rest;
    if (extra[0]?.text === '--') extra = extra.slice(1);
    if (!packageScript(w, manager, name, extra, local) && name === 'restart') {
      packageScript(w, manager, 'stop', [], local);
      packageScript(w, manager, 'start', [], local);
    }
    return inv;
  }
  if (sub === 'exec' || sub === 'x' || sub === 'dlx') {
    execBinary(rest);
    return inv;
  }
  if (['install', 'i', 'ci', 'isntall', 'in'].includes(sub)) {
    if (rest.every((word) => word.text.startsWith('-'))) lifecycle(w, manager, local);
    return inv;
  }
  if (manager === 'npm' || NODE_PM_BUILTINS.has(sub) || (manager === 'pnpm' && PNPM_BUILTINS.has(sub))) return inv;
  // `yarn build`, `pnpm lint`: a script when package.json has one, otherwise a binary from node_modules.
  if (!packageScript(w, manager, sub, rest[0]?.text === '--' ? rest.slice(1) : rest, local)) {
    w.run(args.slice(scan.index), { ...local, wrappers: [...local.wrappers, manager] });
  }
  return inv;
}
const NODE_PM_BUILTINS = new Set([
  'add', 'remove', 'rm', 'upgrade', 'up', 'update', 'init', 'info', 'why', 'config', 'cache', 'global', 'link', 'unlink',
  'pack', 'publish', 'version', 'workspaces', 'workspace', 'set', 'plugin', 'node', 'bin', 'create', 'import', 'licenses',
  'list', 'ls', 'outdated', 'audit', 'login', 'logout', 'owner', 'tag', 'team', 'check', 'autoclean', 'help', 'policies',
  'upgrade-interactive', 'dedupe', 'npm', 'patch', 'patch-commit', 'rebuild', 'search', 'stage', 'unplug', 'explain',
  'constraints',
]);

/** pnpm's own commands beyond the shared ones: `yarn deploy` runs a script, `pnpm deploy` does not. */
const PNPM_BUILTINS = new Set(['prune', 'fetch', 'store', 'env', 'deploy', 'setup', 'root', 'server', 'doctor', 'self-update', 'recursive', 'approve-builds', 'catalog']);

export const packageManagerHandlers: Record<string, Handler> = {
  npm: (w, _name, first, args, exec) => packageManager(w, 'npm', first, args, exec),
  yarn: (w, _name, first, args, exec) => packageManager(w, 'yarn', first, args, exec),
  pnpm: (w, _name, first, args, exec) => packageManager(w, 'pnpm', first, args, exec),
};
