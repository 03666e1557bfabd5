import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GUARD_PATHS } from '../guardHome';
import { LOADER_VARIABLES } from './hookEntry';

/**
 * Write the installed hook's V8 code cache now, with the runtime and environment the shim will use
 * (the cache is keyed by V8's version and flags), so the first call a host makes after an install or
 * an update is not a compile of the whole bundle from source. The CLI runs one benign decision with
 * no audit line (`hook --prepare-cache`, src/cli/hook.ts). Best effort: a cache that is not written
 * only leaves that first call slower; the hook never depends on it.
 */
export function prepareHookCache(options: { guardHome: string; nodePath: string; electronRunAsNode?: boolean }): boolean {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !LOADER_VARIABLES.includes(k)) env[k] = v;
  env.BLAST_SHIELD_HOME = options.guardHome;
  if (options.electronRunAsNode) env.ELECTRON_RUN_AS_NODE = '1';
  else delete env.ELECTRON_RUN_AS_NODE;
  try {
    const r = spawnSync(options.nodePath, [path.join(GUARD_PATHS.binDir(options.guardHome), 'cli.js'), 'hook', '--prepare-cache'], { env, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000, encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() === '{}';
  } catch {
    return false;
  }
}
