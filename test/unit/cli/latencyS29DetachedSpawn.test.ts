import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnDetached } from '../../../src/cli/detachedSpawn';

/**
 * A hook call with no decision server starts one through libuv's process handle instead of
 * node:child_process (which loads the stream modules): the server must still start in a session of
 * its own, with exactly the environment and folder given, and no stdio of the hook's.
 */
describe('hook: starting the decision server detached, without node:child_process (process)', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latencyS29-spawn-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function waitFor(file: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 300; i++) {
      try {
        return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`${file} was never written`);
  }

  it('starts the program in its own session, with exactly the environment and folder given, stdio closed to the hook', async function () {
    const out = path.join(dir, 'started.json');
    const code = [
      "const fs = require('fs');",
      'const stat = process.platform === "linux" ? fs.readFileSync("/proc/self/stat", "latin1").split(") ")[1].split(" ") : [];',
      'let stdout = "";',
      'try { stdout = fs.readlinkSync("/proc/self/fd/1"); } catch {}',
      'fs.writeFileSync(process.argv[1] + ".tmp", JSON.stringify({ pid: process.pid, sid: stat[3], cwd: process.cwd(), env: process.env, stdout }));',
      'fs.renameSync(process.argv[1] + ".tmp", process.argv[1]);',
    ].join('\n');
    const env = { ONLY_THIS: 'yes', PATH: process.env.PATH ?? '' };
    assert.equal(spawnDetached(process.execPath, ['-e', code, out], env, dir), true);
    const r = await waitFor(out);
    assert.deepEqual(r.env, env);
    assert.equal(fs.realpathSync(String(r.cwd)), fs.realpathSync(dir));
    if (process.platform === 'linux') {
      assert.equal(r.sid, String(r.pid), 'not the leader of a session of its own');
      assert.equal(r.stdout, '/dev/null');
    }
  });

  it('a program that cannot be started: false, nothing thrown', () => {
    assert.equal(spawnDetached(path.join(dir, 'no-such-runtime'), ['x'], {}, dir), false);
  });

  it('a folder that does not exist: false, nothing thrown', () => {
    assert.equal(spawnDetached(process.execPath, ['-e', '0'], {}, path.join(dir, 'gone')), false);
  });
});
