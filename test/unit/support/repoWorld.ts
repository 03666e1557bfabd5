import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Facts } from '../../../src/core/policy/types';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { gatherFacts } from '../../../src/node/facts';

/**
 * A throwaway machine for end-to-end tables: `<world>/app` (a git repository holding `files` named
 * `app/…`) and `<world>/home`, with the node layer's facts and credential index over them (no guard
 * installed). `remove()` deletes the world.
 */
export function repoWorld(prefix: string, files: Readonly<Record<string, string>>): { facts: Facts; app: string; remove: () => void } {
  const world = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const at = (rel: string): string => path.join(world, rel);
  for (const [rel, text] of Object.entries({ 'home/.profile': '# nothing\n', ...files })) {
    fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
    fs.writeFileSync(at(rel), text);
  }
  const [app, home] = [at('app'), at('home')];
  const gitEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: app, GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: app, stdio: 'ignore', env: gitEnv });
  const roots = [app];
  const facts = gatherFacts({ cwd: app, home, workspaceRoots: roots, env: { HOME: home, PATH: '/usr/bin:/bin' }, credentials: lazyCredentialFacts({ workspaceRoots: roots, home, persist: false, secretlint: false, cacheDir: at('no-guard') }) });
  return { facts, app, remove: () => fs.rmSync(world, { recursive: true, force: true }) };
}
