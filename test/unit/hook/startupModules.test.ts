import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleMain, writeCli } from '../../../scripts/cliBuild.mjs';

/**
 * The hook runs before every agent command, and each Node built-in it loads is paid on every call:
 * node:child_process brings node:net and the stream modules (several milliseconds of a start that
 * bare Node does in about twenty), node:crypto its own. A benign call must load none of them; the
 * paths that need one (running git, asking the editor over its socket, hashing a blob) load it there.
 * Which built-ins load is a fact of the code, not a timing: it is checked here, times live in bench/.
 */
describe('hook start-up: the Node built-ins a benign call loads (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let cli: string;
  let preload: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-startup-'));
    cli = path.join(dir, 'bin', 'cli.js');
    const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };
    await writeCli({ outfile: cli, mainText: await bundleMain({ common }), common });
    // Lists the built-ins loaded after it (the hook's own) on stderr at exit.
    preload = path.join(dir, 'loaded.cjs');
    fs.writeFileSync(
      preload,
      "const before = new Set(process.moduleLoadList);\nprocess.on('exit', () => require('fs').writeSync(2, '\\nLOADED ' + process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(' ') + '\\n'));\n",
    );
    fs.mkdirSync(path.join(dir, 'ws', '.git'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'guard'), { mode: 0o700 });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function loadedBy(command: string): { decision: string; loaded: string[] } {
    const ws = path.join(dir, 'ws');
    const payload = JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
    const r = spawnSync(process.execPath, ['-r', preload, cli, 'hook', 'claude'], { cwd: ws, input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: path.join(dir, 'guard') } });
    assert.equal(r.status, 0, r.stderr);
    const line = /^LOADED (.*)$/m.exec(r.stderr);
    assert.ok(line, `the preload reported nothing: ${r.stderr}`);
    return { decision: JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, loaded: line[1]!.split(' ').filter(Boolean) };
  }

  const HEAVY = ['child_process', 'net', 'stream', 'crypto', 'zlib', 'http', 'https', 'tls', 'worker_threads', 'readline', 'v8'];

  for (const command of ['git status', 'ls -la src', 'npm test', 'cat README.md | grep -n install']) {
    it(`'${command}' is allowed and loads none of ${HEAVY.join(', ')}`, () => {
      // The first credential question in a workspace builds its index (hashing included): not the steady state.
      if (command.startsWith('cat')) loadedBy(command);
      const { decision, loaded } = loadedBy(command);
      assert.equal(decision, 'allow');
      assert.deepEqual(loaded.filter((m) => HEAVY.includes(m)), []);
    });
  }

  it('a destructive command is still denied (the check above is not of a hook that does nothing)', () => {
    assert.equal(loadedBy('rm -rf ~').decision, 'deny');
  });
});
