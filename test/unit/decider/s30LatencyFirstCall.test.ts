import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleMain, writeCli } from '../../../scripts/cliBuild.mjs';
import { askDecider, type ClientOptions } from '../../../src/cli/deciderClient';
import { DECIDER_PATHS } from '../../../src/node/decider/protocol';
import { startDeciderServer, type DeciderServerHandle } from '../../../src/node/decider/server';
import { SPAWN_LOCK_STALE_MS, spawnDeciderServer } from '../../../src/node/decider/spawnServer';
import { installShim } from '../../../src/node/hosts/install';
import { stopDecider } from '../../support/decider.mjs';

/**
 * The first hook call after an install is answered by a warm server the install started (issue #15:
 * the cold first run), and the client sends its request before it reads the key (the tracer check,
 * the key and the MAC run while the server decides). What must hold: a server starts only when asked
 * (installs that only write files start no process), with a plain environment, once per start window;
 * a server of another build makes the call decide in-process and the next one finds a current server;
 * a reply is never trusted without the key, however early the request went out.
 */
describe('decider: the first call after an install, and the request sent before the key is read', function () {
  this.timeout(120_000);
  let dir: string;
  let built: string;
  let ws: string;
  const guardHomes: string[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-s30-first-'));
    built = path.join(dir, 'dist', 'cli.js');
    const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };
    await writeCli({ outfile: built, mainText: await bundleMain({ common }), common });
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  });
  after(() => {
    for (const g of guardHomes) stopDecider(g);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  const claude = (command: string): string => JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });

  function viaShim(shim: string, command: string): { decision: string; trace: string } {
    const r = spawnSync(shim, ['hook', 'claude'], { cwd: ws, input: claude(command), encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_DECIDER_TRACE: '1' } });
    assert.equal(r.status, 0, r.stderr);
    return { decision: JSON.parse(r.stdout).hookSpecificOutput.permissionDecision, trace: /blast-shield decider: (.*?) \(\d+ ms after start\)/.exec(r.stderr)?.[1] ?? '' };
  }

  /** Whether something answers on the guard home's socket. */
  const answering = (home: string): Promise<boolean> =>
    new Promise((resolve) => {
      const s = net.createConnection(DECIDER_PATHS.socket(home));
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });

  async function serverUp(home: string): Promise<number> {
    for (let i = 0; i < 400; i++) {
      if (await answering(home)) {
        try {
          return Number(fs.readFileSync(DECIDER_PATHS.pid(home), 'latin1').trim());
        } catch {
          // the pid file follows the socket
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail('no decision server came up');
  }

  it('install with startDecider: the server runs from the installed CLI with a plain environment, and the first call is answered warm (deny stays deny)', async function () {
    if (process.platform === 'win32') this.skip();
    const guardHome = path.join(dir, 'guard-started');
    guardHomes.push(guardHome);
    process.env.S30_LATENCY_INSTALLER_ONLY = 'x';
    let shim: string;
    try {
      shim = installShim({ guardHome, nodePath: process.execPath, cliBundle: built, startDecider: true });
    } finally {
      delete process.env.S30_LATENCY_INSTALLER_ONLY;
    }
    const pid = await serverUp(guardHome);
    if (process.platform === 'linux') {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').filter(Boolean);
      assert.deepEqual(argv.slice(1), [path.join(guardHome, 'bin', 'cli.js'), 'decider'], 'the installed launcher, no runtime options');
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      assert.ok(environ.includes(`BLAST_SHIELD_HOME=${guardHome}`), 'the guard home is pinned');
      assert.ok(!environ.some((kv) => kv.startsWith('S30_LATENCY_INSTALLER_ONLY=')), 'the server inherited the installer environment');
    }
    assert.deepEqual(viaShim(shim, 'git status'), { decision: 'allow', trace: 'answered' });
    assert.deepEqual(viaShim(shim, 'rm -rf ~'), { decision: 'deny', trace: 'answered' });
    // The server's warm-up decision (deciderWarmUp.ts) left no line in the real guard home's log.
    const lines = fs.readFileSync(path.join(guardHome, 'audit.jsonl'), 'utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => JSON.parse(l).decision), ['allow', 'deny']);
  });

  it('install without startDecider (tests, tools writing files): no server is started, not even a start begun', () => {
    const guardHome = path.join(dir, 'guard-quiet');
    guardHomes.push(guardHome);
    installShim({ guardHome, nodePath: process.execPath, cliBundle: built });
    assert.equal(fs.existsSync(DECIDER_PATHS.spawnLock(guardHome)), false);
    assert.equal(fs.existsSync(DECIDER_PATHS.socket(guardHome)), false);
  });

  it('starts are spaced by the spawn lock: a second start within the window is refused, one after it goes ahead', function () {
    if (process.platform === 'win32') this.skip();
    const home = fs.mkdtempSync(path.join(dir, 'lock-'));
    // A runtime that exits at once: only the lock's bookkeeping is under test here.
    const o = { home, runtime: '/bin/true', cli: path.join(home, 'bin', 'cli.js'), env: { PATH: process.env.PATH ?? '' } };
    const t0 = Date.now();
    assert.equal(spawnDeciderServer({ ...o, now: t0 }), true);
    assert.equal(spawnDeciderServer({ ...o, now: t0 + 1000 }), false);
    assert.equal(spawnDeciderServer({ ...o, now: t0 + SPAWN_LOCK_STALE_MS + 1000 }), true);
    // A guard home deleted meanwhile is not made again.
    const gone = path.join(dir, 'never-made');
    assert.equal(spawnDeciderServer({ ...o, home: gone }), false);
    assert.equal(fs.existsSync(gone), false);
  });

  it('a server of another build: the call decides in-process, and the launcher starts a current server that answers the next call', async function () {
    if (process.platform === 'win32') this.skip();
    const guardHome = path.join(dir, 'guard-update');
    guardHomes.push(guardHome);
    const shim = installShim({ guardHome, nodePath: process.execPath, cliBundle: built });
    let stopped = '';
    const old = await startDeciderServer({ home: guardHome, build: 'ffffffffffffffff', decide: async () => ({ declined: 'failed' as const }), onStop: (why) => (stopped = why) });
    assert.ok(old);
    // Asynchronous: the old server lives in this process and must answer while the hook waits.
    const first = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      const child = spawn(shim, ['hook', 'claude'], { cwd: ws, env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_DECIDER_TRACE: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c) => (stdout += String(c)));
      child.stderr.on('data', (c) => (stderr += String(c)));
      child.stdin.end(claude('git status'));
      child.on('close', () => resolve({ stdout, stderr }));
    });
    assert.match(first.stderr, /blast-shield decider: another build/);
    assert.equal(JSON.parse(first.stdout).hookSpecificOutput.permissionDecision, 'allow');
    assert.equal(stopped, 'another build');
    await serverUp(guardHome);
    assert.deepEqual(viaShim(shim, 'git status'), { decision: 'allow', trace: 'answered' });
  });

  describe('the client sends before it reads the key', () => {
    let home: string;
    let server: net.Server | undefined;
    const handles: DeciderServerHandle[] = [];
    beforeEach(() => {
      home = fs.mkdtempSync(path.join(dir, 'c-'));
    });
    afterEach(async () => {
      if (server) await new Promise((resolve) => server!.close(resolve));
      server = undefined;
      for (const h of handles.splice(0)) await h.close();
    });
    const options = (over: Partial<ClientOptions> = {}): ClientOptions => ({ home, build: '0123456789abcdef', host: 'claude', stdin: Promise.resolve(claude('git status')), env: { HOME: dir }, cwd: ws, pid: process.pid, ppid: process.ppid, waitMs: 1500, holdSignals: false, ...over });

    it('a server answering a client that finds no key is not trusted: no key, and a server may be started', async () => {
      fs.mkdirSync(DECIDER_PATHS.dir(home), { recursive: true, mode: 0o700 });
      let received = '';
      server = net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.on('data', (c) => {
          received += String(c);
          if (received.includes('\n')) socket.end(JSON.stringify({ body: '{}', mac: '0'.repeat(64) }) + '\n');
        });
      });
      await new Promise<void>((resolve) => server!.listen(DECIDER_PATHS.socket(home), resolve));
      assert.deepEqual(await askDecider(options()), { why: 'no key', absent: true });
      assert.match(received, /"nonce":"[0-9a-f]{32}"/, 'the request went out first');
    });

    it('a key file others may read, with a genuine server answering: still no key', async () => {
      const h = await startDeciderServer({ home, build: '0123456789abcdef', decide: async () => ({ result: { stdout: '{}\n', exitCode: 0, decision: 'allow' as const } }) });
      assert.ok(h);
      handles.push(h);
      assert.equal((await askDecider(options())).why, 'answered');
      fs.chmodSync(DECIDER_PATHS.key(home), 0o644);
      assert.deepEqual(await askDecider(options()), { why: 'no key', absent: true });
    });

    it('a server warms up first: a call arriving meanwhile waits behind it (never beside it), and a warm-up that fails costs nothing', async () => {
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const decide = async (): Promise<{ result: { stdout: string; exitCode: number; decision: 'allow' } }> => {
        order.push('decide');
        return { result: { stdout: '{}\n', exitCode: 0, decision: 'allow' } };
      };
      const h = await startDeciderServer({ home, build: '0123456789abcdef', decide, warmUp: async () => (order.push('warm-up'), await gate, order.push('warmed')) });
      assert.ok(h);
      handles.push(h);
      const asked = askDecider(options({ waitMs: 10_000 }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(order, ['warm-up']);
      release();
      assert.equal((await asked).why, 'answered');
      assert.deepEqual(order, ['warm-up', 'warmed', 'decide']);
      await h.close();
      handles.length = 0;
      const failing = await startDeciderServer({ home, build: '0123456789abcdef', decide, warmUp: () => Promise.reject(new Error('no temp folder')) });
      assert.ok(failing);
      handles.push(failing);
      assert.equal((await askDecider(options())).why, 'answered');
    });

    it('no server and no key: no key (a server may be started); no server with a key: no answer, a server may be started', async () => {
      assert.deepEqual(await askDecider(options()), { why: 'no key', absent: true });
      fs.mkdirSync(DECIDER_PATHS.dir(home), { recursive: true, mode: 0o700 });
      fs.writeFileSync(DECIDER_PATHS.key(home), `${'ab'.repeat(32)}\n`, { mode: 0o600 });
      assert.deepEqual(await askDecider(options()), { why: 'no answer (ENOENT)', absent: true });
      // Over the size a key file has, or not hex: no key.
      fs.writeFileSync(DECIDER_PATHS.key(home), `${'ab'.repeat(32)}${' '.repeat(5000)}x`, { mode: 0o600 });
      assert.deepEqual(await askDecider(options()), { why: 'no key', absent: true });
    });
  });
});
