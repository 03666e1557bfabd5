import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { askDecider, clientAllowed, freshNonce, readDeciderKey, serverEnvironment, traced, type ClientOptions } from '../../../src/cli/deciderClient';
import { decideAsHook } from '../../../src/cli/decider';
import { runHook } from '../../../src/hook/runHook';
import { dialogDeadline } from '../../../src/node/hosts/deadlines';
import { createRealEngine } from '../../../src/hook/realEngine';
import { DECIDER_PATHS, DECIDER_PROTOCOL, deciderMac, parseDeciderKey, parseDeciderKeyBytes, verifyDeciderReply, type DeciderBody, type DeciderRequest } from '../../../src/node/decider/protocol';
import { ensureDeciderKey, startDeciderServer, type DeciderServerHandle } from '../../../src/node/decider/server';
import { forgetSecretlintLoad, secretlintAvailable } from '../../../src/node/credentials/loadSecretlint';

/**
 * The warm decision server (docs/decision-server.md): the hook trusts only an answer MAC'd with the
 * key in the guard home over the exact request it sent. Every other outcome (no key, no server, a
 * server that is slow, silent, closes, answers too much, answers with another key, replays another
 * request's answer, is of another build, or declines) is "decide in-process", never an allow.
 */

const BUILD = '0123456789abcdef';
const claude = (command: string, cwd: string): string =>
  JSON.stringify({ session_id: 's', transcript_path: '', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });
const cursor = (command: string, cwd: string): string =>
  JSON.stringify({ conversation_id: 'c', generation_id: 'g', model: 'm', hook_event_name: 'beforeShellExecution', cursor_version: '1', workspace_roots: [cwd], user_email: null, transcript_path: null, command, cwd, sandbox: false });

function request(nonce = crypto.randomBytes(16).toString('hex')): { line: string; req: DeciderRequest } {
  const req: DeciderRequest = { v: DECIDER_PROTOCOL, build: BUILD, nonce, host: 'claude', input: '{}', env: {}, cwd: '/', pid: 1, ppid: 1 };
  return { line: JSON.stringify(req), req };
}

function signed(key: Buffer, requestLine: string, body: DeciderBody): string {
  const text = JSON.stringify(body);
  return JSON.stringify({ body: text, mac: deciderMac(crypto, key, requestLine, text) });
}

const ALLOW = { stdout: '{"hookSpecificOutput":{"permissionDecision":"allow"}}\n', exitCode: 0, decision: 'allow' as const };

describe('decider: the reply MAC', () => {
  const key = crypto.randomBytes(32);
  it('a reply MAC-ed with the key over this request verifies', () => {
    const { line, req } = request();
    const v = verifyDeciderReply(crypto, key, line, req, signed(key, line, { v: 1, build: BUILD, nonce: req.nonce, result: ALLOW }));
    assert.ok(v.ok && v.body.result?.decision === 'allow');
  });
  it('a reply MAC-ed with another key (an impostor) is refused', () => {
    const { line, req } = request();
    const v = verifyDeciderReply(crypto, key, line, req, signed(crypto.randomBytes(32), line, { v: 1, build: BUILD, nonce: req.nonce, result: ALLOW }));
    assert.deepEqual(v, { ok: false, why: 'bad MAC' });
  });
  it("a genuine allow for another request (a replay) is refused, even with this request's nonce in its body", () => {
    const other = request();
    const { line, req } = request();
    const replay = signed(key, other.line, { v: 1, build: BUILD, nonce: req.nonce, result: ALLOW });
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, replay), { ok: false, why: 'bad MAC' });
  });
  it('a body changed after signing (deny turned allow) is refused', () => {
    const { line, req } = request();
    const reply = JSON.parse(signed(key, line, { v: 1, build: BUILD, nonce: req.nonce, result: { ...ALLOW, decision: 'deny' } })) as { body: string; mac: string };
    reply.body = reply.body.replace('"deny"', '"allow"');
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, JSON.stringify(reply)), { ok: false, why: 'bad MAC' });
  });
  it('another build, nonce or protocol in a signed body is refused', () => {
    const { line, req } = request();
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, signed(key, line, { v: 1, build: 'ffffffffffffffff', nonce: req.nonce, result: ALLOW })), { ok: false, why: 'another build' });
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, signed(key, line, { v: 1, build: BUILD, nonce: '0'.repeat(32), result: ALLOW })), { ok: false, why: 'another nonce' });
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, signed(key, line, { v: 2, build: BUILD, nonce: req.nonce, result: ALLOW })), { ok: false, why: 'another protocol' });
  });
  it('malformed replies and bodies are refused', () => {
    const { line, req } = request();
    for (const bad of ['', 'null', '[]', '{"body":1,"mac":"00"}', '{"body":"{}","mac":"zz"}', JSON.stringify({ body: '{}', mac: 'a'.repeat(63) })]) {
      assert.equal(verifyDeciderReply(crypto, key, line, req, bad).ok, false, bad);
    }
    const noResult = signed(key, line, { v: 1, build: BUILD, nonce: req.nonce });
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, noResult), { ok: false, why: 'malformed body' });
    const oddDecision = signed(key, line, { v: 1, build: BUILD, nonce: req.nonce, result: { ...ALLOW, decision: 'ask' as 'allow' } });
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, oddDecision), { ok: false, why: 'malformed body' });
  });
});

describe('decider: who may hold the key', () => {
  it('only a plain runtime: no NODE_OPTIONS, no runtime options, not switched off, not Windows', () => {
    assert.equal(clientAllowed({}, [], 'linux'), true);
    assert.equal(clientAllowed({ NODE_OPTIONS: '--inspect' }, [], 'linux'), false);
    assert.equal(clientAllowed({}, ['--inspect=0'], 'linux'), false);
    assert.equal(clientAllowed({}, ['-r', '/tmp/x.js'], 'darwin'), false);
    assert.equal(clientAllowed({ BLAST_SHIELD_DECIDER: 'off' }, [], 'linux'), false);
    assert.equal(clientAllowed({}, [], 'win32'), false);
  });
  it('not while traced: a TracerPid other than 0, or a status without one, on Linux', () => {
    assert.equal(traced('linux', 'Name:\tnode\nTracerPid:\t0\nUid:\t0\n'), false);
    assert.equal(traced('linux', 'Name:\tnode\nTracerPid:\t4242\nUid:\t0\n'), true);
    assert.equal(traced('linux', 'Name:\tnode\n'), true);
    assert.equal(traced('darwin', ''), false);
  });

  it('the key is parsed from the file bytes without a string of it, and the bytes read are wiped', () => {
    const hex = crypto.randomBytes(32).toString('hex');
    for (const text of [hex, `${hex}\n`, `${hex}\r\n`]) {
      const raw = Buffer.from(text, 'latin1');
      assert.deepEqual(parseDeciderKeyBytes(raw), parseDeciderKey(text));
      assert.ok(raw.every((b) => b === 0), 'the bytes read were left in memory');
    }
    for (const bad of [hex.slice(1), `${hex}0`, hex.toUpperCase(), `x${hex.slice(1)}`, '']) assert.equal(parseDeciderKeyBytes(Buffer.from(bad, 'latin1')), undefined);
  });

  it("the request's nonce: 128 fresh random bits from the kernel, node:crypto's when the device gives none", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) seen.add(freshNonce());
    assert.equal(seen.size, 50);
    for (const n of seen) assert.match(n, /^[0-9a-f]{32}$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-nonce-'));
    try {
      const zeros = path.join(dir, 'zeros');
      fs.writeFileSync(zeros, Buffer.alloc(64));
      const short = path.join(dir, 'short');
      fs.writeFileSync(short, Buffer.from([1, 2, 3]));
      for (const device of [path.join(dir, 'missing'), zeros, short, dir]) {
        const a = freshNonce(device);
        assert.match(a, /^[0-9a-f]{32}$/, device);
        assert.notEqual(a, '0'.repeat(32), device);
        assert.notEqual(a, freshNonce(device), device);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a server starts with where things are, nothing that loads code', () => {
    assert.deepEqual(serverEnvironment({ HOME: '/h', PATH: '/bin', NODE_OPTIONS: '--require /tmp/x.js', LD_PRELOAD: '/tmp/x.so', BLAST_SHIELD_HOME: '/g' }), { HOME: '/h', PATH: '/bin', BLAST_SHIELD_HOME: '/g' });
  });
});

describe('decider: the client falls back on every failure', function () {
  this.timeout(20_000);
  let dir: string;
  let home: string;
  const servers: net.Server[] = [];
  const handles: DeciderServerHandle[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-decider-'));
    home = path.join(dir, 'g');
    fs.mkdirSync(home, { mode: 0o700 });
  });
  afterEach(async () => {
    for (const s of servers.splice(0)) s.close();
    for (const h of handles.splice(0)) await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const options = (over: Partial<ClientOptions> = {}): ClientOptions => ({ home, build: BUILD, host: 'claude', stdin: Promise.resolve(claude('git status', dir)), env: { HOME: dir }, cwd: dir, pid: process.pid, ppid: process.ppid, waitMs: 1500, holdSignals: false, ...over });

  /** A raw server on the decider's socket path that answers each request line with `answer(line)`. */
  async function rawServer(answer: (line: string, socket: net.Socket) => void): Promise<void> {
    fs.mkdirSync(DECIDER_PATHS.dir(home), { recursive: true, mode: 0o700 });
    const server = net.createServer((socket) => {
      let text = '';
      socket.on('data', (c) => {
        text += String(c);
        const nl = text.indexOf('\n');
        if (nl >= 0) answer(text.slice(0, nl), socket);
      });
      socket.on('error', () => undefined);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(DECIDER_PATHS.socket(home), resolve));
  }

  it('no key: in-process, and a server may be started', async () => {
    const o = await askDecider(options());
    assert.deepEqual(o, { why: 'no key', absent: true });
  });

  it('a key file others may read, or not a regular file, is no key', () => {
    ensureDeciderKey(home);
    assert.ok(readDeciderKey(home));
    fs.chmodSync(DECIDER_PATHS.key(home), 0o640);
    assert.equal(readDeciderKey(home), undefined);
    fs.rmSync(DECIDER_PATHS.key(home));
    fs.symlinkSync('/dev/null', DECIDER_PATHS.key(home));
    assert.equal(readDeciderKey(home), undefined);
  });

  it('a key but no socket, or a socket file nobody listens on: in-process, a server may be started', async () => {
    ensureDeciderKey(home);
    assert.deepEqual(await askDecider(options()), { why: 'no answer (ENOENT)', absent: true });
    fs.writeFileSync(DECIDER_PATHS.socket(home), '');
    const o = await askDecider(options());
    assert.equal(o.reply, undefined);
    assert.equal(o.absent, true);
  });

  it('stdin that does not end in time: in-process (which keeps reading it)', async () => {
    ensureDeciderKey(home);
    const o = await askDecider(options({ stdin: new Promise(() => undefined), stdinWaitMs: 50 }));
    assert.deepEqual(o, { why: 'stdin not read in time' });
  });

  it('a server that never answers: in-process after the wait', async () => {
    ensureDeciderKey(home);
    await rawServer(() => undefined);
    const t0 = Date.now();
    const o = await askDecider(options({ waitMs: 200 }));
    assert.deepEqual(o, { why: 'no answer (timeout)', absent: false });
    assert.ok(Date.now() - t0 < 1500);
  });

  it('a server that closes without answering, or answers too much: in-process', async () => {
    ensureDeciderKey(home);
    await rawServer((_, s) => s.destroy());
    assert.equal((await askDecider(options())).why, 'no answer (closed)');
    for (const s of servers.splice(0)) s.close();
    await rawServer((_, s) => s.write('x'.repeat(2 * 1024 * 1024)));
    assert.equal((await askDecider(options())).why, 'no answer (oversize)');
  });

  it('an impostor bound on the socket answering allow with its own key: refused', async () => {
    ensureDeciderKey(home);
    const forged = crypto.randomBytes(32);
    await rawServer((line, s) => {
      const req = JSON.parse(line) as DeciderRequest;
      s.end(signed(forged, line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n');
    });
    assert.deepEqual(await askDecider(options()), { why: 'bad MAC' });
  });

  it('an impostor replaying a genuine allow captured for another request: refused', async () => {
    const key = ensureDeciderKey(home)!;
    const captured = request();
    const genuine = signed(key, captured.line, { v: 1, build: BUILD, nonce: captured.req.nonce, result: ALLOW });
    await rawServer((_, s) => s.end(genuine + '\n'));
    assert.deepEqual(await askDecider(options()), { why: 'bad MAC' });
  });

  it('a server of another build declines, and stops so that the next call starts a current one', async () => {
    let stopped = '';
    const h = await startDeciderServer({ home, build: 'ffffffffffffffff', decide: async () => ({ result: ALLOW }), onStop: (why) => (stopped = why) });
    assert.ok(h);
    handles.push(h);
    // Its body names its own build, which the client refuses like any other mismatch.
    assert.deepEqual(await askDecider(options()), { why: 'another build', absent: true });
    assert.equal(stopped, 'another build');
    assert.equal(fs.existsSync(DECIDER_PATHS.socket(home)), false);
  });

  it('a genuine server answers; a second server steps back while the first answers', async () => {
    const h = await startDeciderServer({ home, build: BUILD, decide: async () => ({ result: ALLOW }) });
    assert.ok(h);
    handles.push(h);
    assert.equal(await startDeciderServer({ home, build: BUILD, decide: async () => ({ declined: 'failed' }) }), undefined);
    const o = await askDecider(options());
    assert.deepEqual(o, { reply: ALLOW, why: 'answered' });
    assert.equal(fs.statSync(DECIDER_PATHS.socket(home)).mode & 0o077, 0);
    assert.equal(fs.statSync(DECIDER_PATHS.key(home)).mode & 0o077, 0);
  });

  it('a server whose socket is removed (its guard home deleted) stops by itself', async () => {
    let stopped = '';
    const h = await startDeciderServer({ home, build: BUILD, decide: async () => ({ result: ALLOW }), watchMs: 50, onStop: (why) => (stopped = why) });
    handles.push(h!);
    fs.rmSync(DECIDER_PATHS.socket(home));
    for (let i = 0; i < 40 && !stopped; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(stopped, 'socket gone');
  });

  it('a caller holding connections open cannot use up the server: silent ones are closed, extra ones refused, the hook still answered', async () => {
    const h = await startDeciderServer({ home, build: BUILD, decide: async () => ({ result: ALLOW }), connectionIdleMs: 300, maxConnections: 4 });
    handles.push(h!);
    const open = (): Promise<{ socket: net.Socket; closed: Promise<number> }> =>
      new Promise((resolve) => {
        const socket = net.createConnection(DECIDER_PATHS.socket(home));
        socket.on('error', () => undefined);
        const t0 = Date.now();
        const closed = new Promise<number>((r) => socket.on('close', () => r(Date.now() - t0)));
        socket.on('connect', () => resolve({ socket, closed }));
      });
    const silent = [await open(), await open(), await open(), await open()];
    // Over the limit: closed at once, and the client decides in-process.
    const extra = await open();
    assert.ok((await extra.closed) < 250, 'a connection over the limit was kept');
    assert.equal((await askDecider(options({ waitMs: 250 }))).reply, undefined);
    // Silent ones are closed after the idle time; then the hook is answered again.
    for (const s of silent) assert.ok((await s.closed) < 2000, 'a silent connection was kept');
    assert.deepEqual(await askDecider(options()), { reply: ALLOW, why: 'answered' });
  });

  it('a decision that hangs stops the server (the next call starts a fresh one) instead of holding every later call', async () => {
    let stopped = '';
    const h = await startDeciderServer({ home, build: BUILD, decide: () => new Promise(() => undefined), decisionLimitMs: 200, onStop: (why) => (stopped = why) });
    handles.push(h!);
    assert.equal((await askDecider(options({ waitMs: 400 }))).reply, undefined);
    for (let i = 0; i < 40 && !stopped; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(stopped, 'decision hung');
    assert.equal(fs.existsSync(DECIDER_PATHS.socket(home)), false);
  });

  it('a deleted guard home is not made again by a server starting in it (it would run there for an hour), nor a symlinked decider folder followed', async () => {
    const gone = path.join(dir, 'deleted-guard-home');
    assert.equal(ensureDeciderKey(gone), undefined);
    assert.equal(await startDeciderServer({ home: gone, build: BUILD, decide: async () => ({ result: ALLOW }) }), undefined);
    assert.equal(fs.existsSync(gone), false);
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere, { mode: 0o700 });
    fs.symlinkSync(elsewhere, DECIDER_PATHS.dir(home));
    assert.equal(ensureDeciderKey(home), undefined);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('a server whose decision fails declines (in-process), it never answers allow for it', async () => {
    const h = await startDeciderServer({
      home,
      build: BUILD,
      decide: async () => {
        throw new Error('boom');
      },
    });
    handles.push(h!);
    assert.deepEqual(await askDecider(options()), { why: 'declined (failed)' });
  });
});

describe('decider: the server decides as the hook process would', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;
  let env: Record<string, string>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-decider-hook-'));
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'g'), { mode: 0o700 });
    env = { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: path.join(dir, 'g') };
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const rows: Array<[string, (c: string, cwd: string) => string, string, 'allow' | 'deny' | 'declined']> = [
    ['claude', claude, 'git status', 'allow'],
    ['claude', claude, 'rm -rf ~', 'deny'],
    ['claude', claude, 'git push --force origin main', 'declined'],
    ['cursor', cursor, 'ls -la', 'allow'],
    ['cursor', cursor, 'rm -rf ~', 'deny'],
  ];
  for (const [host, payload, command, expected] of rows) {
    it(`${host} '${command}': ${expected}, with the same answer in-process`, async () => {
      const input = payload(command, ws);
      const served = await decideAsHook('')({ v: 1, build: BUILD, nonce: '0'.repeat(32), host, input, env, cwd: ws, pid: process.pid, ppid: process.ppid });
      const inProcess = await runHook(host, input, env, { engine: createRealEngine(env), audit: false });
      if (expected === 'declined') {
        assert.deepEqual(served, { declined: 'ask' });
        return;
      }
      assert.ok('result' in served);
      assert.equal(served.result.decision, expected);
      assert.equal(served.result.stdout, inProcess.stdout);
      assert.equal(served.result.exitCode, inProcess.exitCode);
    });
  }

  it('a request whose environment carries a loader variable (NODE_OPTIONS, LD_PRELOAD) is declined, never decided here', async () => {
    const extras: Array<Record<string, string>> = [{ NODE_OPTIONS: '--require /tmp/x.js' }, { LD_PRELOAD: '/tmp/x.so' }, { NODE_EXTRA_CA_CERTS: '/tmp/ca.pem' }];
    for (const extra of extras) {
      const served = await decideAsHook('')({ v: 1, build: BUILD, nonce: '0'.repeat(32), host: 'claude', input: claude('git status', ws), env: { ...env, ...extra }, cwd: ws, pid: process.pid, ppid: process.ppid });
      assert.deepEqual(served, { declined: 'protocol' });
    }
  });

  it('a working folder the server cannot enter is declined (decided in-process), not decided from the server\'s own folder', async () => {
    const served = await decideAsHook('')({ v: 1, build: BUILD, nonce: '0'.repeat(32), host: 'claude', input: claude('git status', ws), env, cwd: path.join(dir, 'no-such-folder'), pid: process.pid, ppid: process.ppid });
    assert.deepEqual(served, { declined: 'failed' });
  });

  it('a secretlint load that failed once is tried again on the next call (a fresh hook process would load it)', async () => {
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    forgetSecretlintLoad();
    Module._load = function (request: string, ...rest: unknown[]) {
      if (/secretlint(Scanner)?(\.js)?$/.test(request)) throw new Error('EMFILE: too many open files');
      return load.call(this, request, ...rest);
    };
    try {
      assert.equal(secretlintAvailable(), false);
    } finally {
      Module._load = load;
    }
    assert.equal(secretlintAvailable(), false, 'the failure is kept within one call');
    await decideAsHook('')({ v: 1, build: BUILD, nonce: '0'.repeat(32), host: 'claude', input: claude('git status', ws), env, cwd: ws, pid: process.pid, ppid: process.ppid });
    assert.equal(secretlintAvailable(), true);
  });

  it('the in-process fallback after the wait counts the dialog deadline from the process start (it ends before the watchdog deny)', async () => {
    const startedAt = Date.now() - 3500;
    let deadline = 0;
    const r = await runHook('claude', claude('git push --force origin main', ws), env, {
      engine: createRealEngine(env),
      audit: false,
      startedAt,
      ask: async (_dir, request) => {
        deadline = request.deadline;
        return { decision: 'deny', reason: 'test' };
      },
    });
    assert.equal(r.decision, 'deny');
    assert.equal(deadline, dialogDeadline('claude', startedAt));
  });

  it("the server's own environment and folder are back after a call", async () => {
    const before = { ...process.env };
    const cwd = process.cwd();
    await decideAsHook('')({ v: 1, build: BUILD, nonce: '0'.repeat(32), host: 'claude', input: claude('git status', ws), env: { ...env, ODD_VARIABLE: '1' }, cwd: ws, pid: process.pid, ppid: process.ppid });
    assert.deepEqual({ ...process.env }, before);
    assert.equal(process.cwd(), cwd);
  });
});
