import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleMain, writeCli } from '../../../scripts/cliBuild.mjs';
import { installShim } from '../../../src/node/hosts/install';
import { stopDecider } from '../../support/decider.mjs';

/**
 * The installer writes the hook's code cache right after copying the CLI (`hook --prepare-cache`), so
 * the first call a host makes is not a compile of the whole bundle. The run that writes it must leave
 * no trace a reader could take for a decision (no audit line, no answer but `{}`), and the cache it
 * writes must serve real calls that decide as before.
 */
describe('install: the hook code cache is prepared (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let built: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-prepare-'));
    built = path.join(dir, 'dist', 'cli.js');
    const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };
    await writeCli({ outfile: built, mainText: await bundleMain({ common }), common });
    fs.mkdirSync(path.join(dir, 'ws', '.git'), { recursive: true });
  });
  after(() => {
    // The installed hook starts the decision server (detached) in these guard homes: stopped, not left to notice.
    for (const g of [path.join(dir, 'guard'), path.join(dir, 'esm-home', '.blast-shield')]) stopDecider(g);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  const hookCaches = (guardHome: string): string[] => {
    try {
      return fs.readdirSync(path.join(guardHome, 'cache')).filter((f) => /^cli-[0-9a-f]{16}-hook-.*\.bin$/.test(f));
    } catch {
      return [];
    }
  };

  function viaShim(shim: string, command: string): string {
    const ws = path.join(dir, 'ws');
    const payload = JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
    const r = spawnSync(shim, ['hook', 'claude'], { cwd: ws, input: payload, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).hookSpecificOutput.permissionDecision;
  }

  it('installShim leaves the hook cache written and no audit line; the first calls use it and decide as before', function () {
    if (process.platform === 'win32') this.skip();
    const guardHome = path.join(dir, 'guard');
    const shim = installShim({ guardHome, nodePath: process.execPath, cliBundle: built });
    const caches = hookCaches(guardHome);
    assert.equal(caches.length, 1, 'one hook cache, written by the install');
    assert.equal(fs.existsSync(path.join(guardHome, 'audit.jsonl')), false, 'the preparing run wrote no audit line');
    const file = path.join(guardHome, 'cache', caches[0]!);
    const written = fs.readFileSync(file);
    assert.equal(viaShim(shim, 'git status'), 'allow');
    assert.equal(viaShim(shim, 'rm -rf ~'), 'deny');
    assert.ok(fs.readFileSync(file).equals(written), 'the prepared cache was accepted as it is, not rewritten');
    assert.equal(fs.readFileSync(path.join(guardHome, 'audit.jsonl'), 'utf8').trim().split('\n').length, 2, 'the two real calls are audited');
  });

  it('a package.json saying "type": "module" above the guard home does not turn the installed launcher into an ES module', function () {
    if (process.platform === 'win32') this.skip();
    const home = path.join(dir, 'esm-home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(home, 'package.json'), '{ "type": "module" }\n');
    const shim = installShim({ guardHome: path.join(home, '.blast-shield'), nodePath: process.execPath, cliBundle: built });
    assert.equal(viaShim(shim, 'git status'), 'allow');
    assert.equal(viaShim(shim, 'rm -rf ~'), 'deny');
  });

  it('`hook --prepare-cache` prints only {} and decides nothing a host could read', () => {
    const guardHome = path.join(dir, 'guard-direct');
    fs.mkdirSync(guardHome, { mode: 0o700 });
    const r = spawnSync(process.execPath, [built, 'hook', '--prepare-cache'], { encoding: 'utf8', input: JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'git status' } }), env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: guardHome } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '{}\n');
    assert.equal(hookCaches(guardHome).length, 1);
    assert.equal(fs.existsSync(path.join(guardHome, 'audit.jsonl')), false);
  });
});
