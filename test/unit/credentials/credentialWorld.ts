import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Facts } from '../../../src/core/policy/types';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { gatherFacts } from '../../../src/node/facts';

/**
 * A throwaway machine for end-to-end credential tables: `files` (paths under `app/` and `home/`) written into
 * a temporary folder, `app` a git repository, and the facts the hook would gather there with the credential
 * index walked in place (no guard home, nothing persisted). `remove` deletes the folder.
 */
export function credentialWorld(prefix: string, files: readonly (readonly [string, string])[]): { world: string; app: string; home: string; facts: Facts; remove: () => void } {
  const world = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const home = path.join(world, 'home');
  const app = path.join(world, 'app');
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(world, rel)), { recursive: true });
    fs.writeFileSync(path.join(world, rel), text);
  }
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: app, stdio: 'ignore', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: app, GIT_CONFIG_NOSYSTEM: '1' } });
  const credentials = lazyCredentialFacts({ workspaceRoots: [app], home, cacheDir: path.join(world, 'no-guard'), secretlint: false, persist: false });
  const facts = gatherFacts({ cwd: app, env: { HOME: home, PATH: '/usr/bin:/bin' }, home, workspaceRoots: [app], credentials });
  return { world, app, home, facts, remove: () => fs.rmSync(world, { recursive: true, force: true }) };
}
