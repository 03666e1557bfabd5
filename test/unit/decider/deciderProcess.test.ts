import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleMain, CLI_MAIN_HEADER, writeCli } from '../../../scripts/cliBuild.mjs';
import { decideAsHook } from '../../../src/cli/decider';
import { DECIDER_PATHS, deciderMac, type DeciderRequest } from '../../../src/node/decider/protocol';
import { ensureDeciderKey, startDeciderServer, type DeciderServerHandle } from '../../../src/node/decider/server';
import { stopDecider } from '../../support/decider.mjs';
import { fixtureNames, fixtureText } from '../hosts/support';
import { HOST_IDS } from '../../../src/core/protocol/ipc';

/**
 * The hook process (the real launcher and bundle, built from the sources) with something bound on the
 * decision server's socket. An impostor — the agent's own server on the path, answering allow with a
 * key it made up, replaying a genuine allow, or hanging — never makes the hook allow what the
 * in-process decision denies; a genuine server (same key, same build) is used.
 */
describe('decider: the hook process against servers on its socket', function () {
  this.timeout(120_000);
  let dir: string;
  let cli: string;
  let build: string;
  let home: string;
  let ws: string;
  const closers: Array<() => unknown> = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-decider-proc-'));
    cli = path.join(dir, 'bin', 'cli.js');
    const common = { mainFields: ['module', 'main'], logLevel: 'error' as const };
    await writeCli({ outfile: cli, mainText: await bundleMain({ common }), common });
    const header = fs.readFileSync(path.join(dir, 'bin', 'cli-main.js'), 'latin1').split('\n', 1)[0]!;
    build = header.slice(CLI_MAIN_HEADER.length);
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  });
  const homes: string[] = [];
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(dir, 'g-'));
    homes.push(home);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    // A server a failed test started (detached) must not outlive the run.
    for (const h of homes.splice(0)) stopDecider(h);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }));

  function hook(host: 'claude' | 'cursor', command: string): Promise<{ stdout: string; trace: string; phases: string; ms: number }> {
    const input =
      host === 'claude'
        ? JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' })
        : JSON.stringify({ conversation_id: 'c', generation_id: 'g', model: 'm', hook_event_name: 'beforeShellExecution', cursor_version: '1', workspace_roots: [ws], user_email: null, transcript_path: null, command, cwd: ws, sandbox: false });
    const t0 = Date.now();
    // Asynchronous: the genuine server of one test runs in this process.
    const child = spawn(process.execPath, [cli, 'hook', host], { cwd: ws, env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home, BLAST_SHIELD_DECIDER_TRACE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdin.end(input);
    return new Promise((resolve) => child.on('close', () => resolve({ stdout, trace: /blast-shield decider: (.*?) \(\d+ ms after start\)/.exec(stderr)?.[1] ?? '', phases: /blast-shield decider phases \(ms after start\): (.*)/.exec(stderr)?.[1] ?? '', ms: Date.now() - t0 })));
  }
  /** A fixture payload through the real launcher (cwd: the fixture workspace `shop` under `dir`). */
  function hookRaw(host: string, input: string): Promise<{ stdout: string; trace: string; code: number | null }> {
    const shop = path.join(dir, 'shop');
    fs.mkdirSync(shop, { recursive: true });
    const child = spawn(process.execPath, [cli, 'hook', host], { cwd: shop, env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home, BLAST_SHIELD_DECIDER_TRACE: '1', PWD: shop } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdin.end(input);
    return new Promise((resolve) => child.on('close', (code) => resolve({ stdout, code, trace: /blast-shield decider: (.*?) \(\d+ ms after start\)/.exec(stderr)?.[1] ?? '' })));
  }
  const decision = (host: 'claude' | 'cursor', stdout: string): string => {
    const reply = JSON.parse(stdout) as { hookSpecificOutput?: { permissionDecision: string }; permission?: string };
    return host === 'claude' ? reply.hookSpecificOutput!.permissionDecision : reply.permission!;
  };

  async function impostor(answer: (line: string, socket: net.Socket) => void): Promise<void> {
    ensureDeciderKey(home);
    const server = net.createServer((socket) => {
      let text = '';
      socket.on('error', () => undefined);
      socket.on('data', (c) => {
        text += String(c);
        const nl = text.indexOf('\n');
        if (nl >= 0) answer(text.slice(0, nl), socket);
      });
    });
    await new Promise<void>((resolve) => server.listen(DECIDER_PATHS.socket(home), resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
  }

  for (const host of ['claude', 'cursor'] as const) {
    it(`${host}: an impostor answering allow with a key of its own cannot make the hook allow 'rm -rf ~'`, async () => {
      const allow = host === 'claude' ? '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow"}}\n' : '{"permission":"allow"}\n';
      await impostor((line, s) => {
        const req = JSON.parse(line) as DeciderRequest;
        const body = JSON.stringify({ v: 1, build: req.build, nonce: req.nonce, result: { stdout: allow, exitCode: 0, decision: 'allow' } });
        s.end(JSON.stringify({ body, mac: deciderMac(crypto, crypto.randomBytes(32), line, body) }) + '\n');
      });
      const r = await hook(host, 'rm -rf ~');
      assert.equal(r.trace, 'bad MAC');
      assert.equal(decision(host, r.stdout), 'deny');
    });
  }

  it("an impostor replaying a genuine server's allow (for 'git status') to a call for 'rm -rf ~': deny", async () => {
    // A genuine allow, captured: the impostor is assumed to have seen one earlier answer on the wire.
    const g = (await startDeciderServer({ home, build, decide: decideAsHook(cli) }))!;
    const captured = await new Promise<{ request: string; reply: string }>((resolve) => {
      const request = JSON.stringify({ v: 1, build, nonce: crypto.randomBytes(16).toString('hex'), host: 'claude', input: JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' }), env: { HOME: dir, BLAST_SHIELD_HOME: home, PATH: process.env.PATH ?? '' }, cwd: ws, pid: process.pid, ppid: process.ppid });
      const s = net.createConnection(g.socket, () => s.write(request + '\n'));
      let reply = '';
      s.on('data', (c) => (reply += String(c)));
      s.on('end', () => resolve({ request, reply: reply.trim() }));
    });
    assert.match(captured.reply, /allow/);
    await g.close();
    await impostor((_, s) => s.end(captured.reply + '\n'));
    const r = await hook('claude', 'rm -rf ~');
    assert.equal(r.trace, 'bad MAC');
    assert.equal(decision('claude', r.stdout), 'deny');
  });

  it('a working folder deleted under the hook (process.cwd() throws): the launcher still answers deny, never a bare crash', async function () {
    if (process.platform === 'win32') this.skip();
    ensureDeciderKey(home);
    const gone = fs.mkdtempSync(path.join(dir, 'gone-'));
    const input = JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'rm -rf ~' }, tool_use_id: 't' });
    const child = spawn('/bin/sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" hook claude', 'sh', gone, process.execPath, cli], { env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home } });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stdin.end(input);
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.ok(stdout.trim(), `no reply (exit ${String(code)})`);
    assert.equal(decision('claude', stdout), 'deny');
  });

  it('a hook run under a tracer (strace -e read, as an agent may start it) never reads the key, so the trace cannot show it', async function () {
    const strace = ['/usr/bin/strace', '/bin/strace'].find((p) => fs.existsSync(p));
    if (process.platform !== 'linux' || !strace) this.skip();
    const key = ensureDeciderKey(home)!.toString('hex');
    const out = path.join(dir, 'strace.out');
    const input = JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' });
    const child = spawn(strace!, ['-f', '-e', 'trace=read,pread64', '-s', '256', '-o', out, process.execPath, cli, 'hook', 'claude'], { cwd: ws, env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home, BLAST_SHIELD_DECIDER_TRACE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += String(c)));
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdin.end(input);
    await new Promise((resolve) => child.on('close', resolve));
    if (/Operation not permitted|ptrace/i.test(stderr) && !stdout) this.skip();
    assert.match(stderr, /blast-shield decider: traced/);
    assert.equal(decision('claude', stdout), 'allow');
    assert.ok(!fs.readFileSync(out, 'latin1').includes(key), 'the key appears in the trace');
  });

  it('an impostor that hangs: the hook decides in-process after its wait (deny stays deny)', async () => {
    await impostor(() => undefined);
    const r = await hook('claude', 'rm -rf ~');
    assert.equal(r.trace, 'no answer (timeout)');
    assert.equal(decision('claude', r.stdout), 'deny');
  });

  it('the server started as the hook starts it: refuses runtime options, and SIGUSR1 stops it instead of opening the inspector', async function () {
    if (process.platform === 'win32') this.skip();
    const env = { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home };
    const refused = spawn(process.execPath, ['--no-warnings', cli, 'decider'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let why = '';
    refused.stderr.on('data', (c) => (why += String(c)));
    assert.equal(await new Promise((resolve) => refused.on('close', resolve)), 2);
    assert.match(why, /only the hook starts the decision server/);
    const server = spawn(process.execPath, [cli, 'decider'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (c) => (stderr += String(c)));
    const closed = new Promise((resolve) => server.on('close', resolve));
    for (let i = 0; i < 200 && !fs.existsSync(DECIDER_PATHS.socket(home)); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(DECIDER_PATHS.socket(home)), 'the server did not bind its socket');
    const allowed = await hook('claude', 'git status');
    assert.equal(allowed.trace, 'answered');
    server.kill('SIGUSR1');
    await closed;
    assert.doesNotMatch(stderr, /Debugger listening/);
    assert.equal(fs.existsSync(DECIDER_PATHS.socket(home)), false);
  });

  it('with no server, a call decides in-process and starts one (detached, plain environment) that answers the next call', async function () {
    if (process.platform === 'win32') this.skip();
    const child = spawn(process.execPath, [cli, 'hook', 'claude'], { cwd: ws, env: { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home, BLAST_SHIELD_DECIDER: 'spawn', BLAST_SHIELD_DECIDER_TRACE: '1', SOME_AGENT_VARIABLE: 'x' } });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdin.end(JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' }));
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(stderr, /blast-shield decider: no key/);
    const pidFile = DECIDER_PATHS.pid(home);
    for (let i = 0; i < 200 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    const pid = Number(fs.readFileSync(pidFile, 'latin1').trim());
    closers.push(() => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // gone already
      }
    });
    if (process.platform === 'linux') {
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
      assert.ok(!environ.some((kv) => kv.startsWith('SOME_AGENT_VARIABLE=') || kv.startsWith('BLAST_SHIELD_DECIDER=')), 'the server inherited the caller environment');
      // Detached: the leader of a session of its own, not in the hook's (the agent's) session.
      assert.equal(fs.readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ')[3], String(pid), 'the server is not in its own session');
    }
    const next = await hook('claude', 'git status');
    assert.equal(next.trace, 'answered');
    assert.equal(decision('claude', next.stdout), 'allow');
  });

  it('a test tears down the detached server it caused (stopDecider), and never a process its stale pid file names', async function () {
    if (process.platform !== 'linux') this.skip();
    const env = { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home };
    const server = spawn(process.execPath, [cli, 'decider'], { env, stdio: 'ignore', detached: true });
    const closed = new Promise((resolve) => server.on('close', resolve));
    const pidFile = DECIDER_PATHS.pid(home);
    for (let i = 0; i < 200 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(stopDecider(home), true);
    await closed;
    // A pid file left behind that names another process (here: this test runner) is not acted on.
    fs.writeFileSync(pidFile, `${process.pid}\n`);
    assert.equal(stopDecider(home), false);
  });

  it('a genuine server (same key, same build) answers the hook: allow for git status, deny for rm -rf ~', async () => {
    const g: DeciderServerHandle = (await startDeciderServer({ home, build, decide: decideAsHook(cli) }))!;
    closers.push(() => g.close());
    const allowed = await hook('cursor', 'git status');
    assert.equal(allowed.trace, 'answered');
    assert.equal(decision('cursor', allowed.stdout), 'allow');
    const denied = await hook('claude', 'rm -rf ~');
    assert.equal(denied.trace, 'answered');
    assert.equal(decision('claude', denied.stdout), 'deny');
  });

  // Every host is served (protocol.ts SERVED_HOSTS): through the real launcher, each host's captured
  // git-status (or source-read) call and its guard-file call (a deny: asks are declined, then decided in-process) are answered by the server ('answered' in the
  // trace), with the bytes and exit code the same hook gives with no server at all.
  for (const host of HOST_IDS) {
    it(`${host}: the launcher asks the server, and its answers are the in-process answers`, async () => {
      const names = fixtureNames(host);
      const picks = [names.find((n) => n.endsWith('git-status')) ?? names.find((n) => n.endsWith('.source'))!, names.find((n) => /self-protection|claude-settings|hooks|own-hook|guard-home/.test(n))!];
      for (const name of picks) {
        assert.ok(name, `${host}: a fixture to run`);
        const input = fixtureText(host, name, dir);
        // First with no server (in-process; nothing started: BLAST_SHIELD_DECIDER unset and not installed).
        const alone = await hookRaw(host, input);
        assert.notEqual(alone.trace, 'answered', `${host}/${name}: no server yet`);
        const g: DeciderServerHandle = (await startDeciderServer({ home, build, decide: decideAsHook(cli) }))!;
        try {
          const served = await hookRaw(host, input);
          assert.equal(served.trace, 'answered', `${host}/${name}: the server answered`);
          assert.equal(served.stdout, alone.stdout, `${host}/${name}: same answer`);
          assert.equal(served.code, alone.code, `${host}/${name}: same exit code`);
        } finally {
          await g.close();
        }
      }
    });
  }

  it('traced (BLAST_SHIELD_DECIDER_TRACE=1): where the time went, in order (launcher, stdin read, request sent, reply read)', async () => {
    const g: DeciderServerHandle = (await startDeciderServer({ home, build, decide: decideAsHook(cli) }))!;
    closers.push(() => g.close());
    const r = await hook('claude', 'git status');
    assert.equal(r.trace, 'answered');
    const marks = r.phases.split(', ').map((m) => m.split(' '));
    assert.deepEqual(marks.map(([what]) => what), ['launcher', 'stdin', 'sent', 'reply']);
    const at = marks.map(([, ms]) => Number(ms));
    assert.ok(at.every((ms, i) => Number.isFinite(ms) && ms > 0 && (i === 0 || ms >= at[i - 1]!)), r.phases);
  });
});
