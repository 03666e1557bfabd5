import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { askDecider, type ClientOptions } from '../../../src/cli/deciderClient';
import { pipeConnect } from '../../../src/cli/pipeExchange';
import { DECIDER_PATHS, deciderMac, HOOK_INPUT_MAX_BYTES, type DeciderRequest } from '../../../src/node/decider/protocol';
import { ensureDeciderKey } from '../../../src/node/decider/server';

/**
 * The launcher connects to the decision server before it reads stdin (the server sets the connection
 * up while the payload is read). A connection begun early must lead to exactly the outcomes of one
 * made when the request is ready: an answer only when verified, in-process otherwise, and a connection
 * whose request is never sent is closed (the server sees it end without a line).
 */
const BUILD = '0123456789abcdef';
const ALLOW = { stdout: '{"hookSpecificOutput":{"permissionDecision":"allow"}}\n', exitCode: 0, decision: 'allow' as const };

describe('decider client: the connection begun before stdin is read', () => {
  let dir: string;
  let home: string;
  let server: net.Server | undefined;
  let ended: number;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-early-'));
    home = path.join(dir, 'guard');
    fs.mkdirSync(home, { mode: 0o700 });
    ended = 0;
  });
  afterEach(() => {
    server?.close();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A server that answers with a genuine MAC (or `forge`d one) and counts connections that end without a line. */
  async function listen(key: Buffer, forge = false): Promise<void> {
    server = net.createServer((socket) => {
      let text = '';
      let answered = false;
      socket.on('error', () => undefined);
      socket.on('end', () => (answered ? undefined : ended++));
      socket.on('data', (chunk) => {
        text += String(chunk);
        const nl = text.indexOf('\n');
        if (nl < 0) return;
        answered = true;
        const line = text.slice(0, nl);
        const req = JSON.parse(line) as DeciderRequest;
        const body = JSON.stringify({ v: 1, build: req.build, nonce: req.nonce, result: ALLOW });
        socket.end(JSON.stringify({ body, mac: forge ? '0'.repeat(64) : deciderMac(crypto, key, line, body) }) + '\n');
      });
    });
    await new Promise<void>((resolve) => server!.listen(DECIDER_PATHS.socket(home), resolve));
  }

  const payload = (): string => JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' } });
  const options = (stdin: Promise<string | undefined>, extra: Partial<ClientOptions> = {}): ClientOptions => ({ home, build: BUILD, host: 'claude', stdin, env: { HOME: dir }, cwd: dir, pid: process.pid, ppid: process.ppid, waitMs: 1000, stdinWaitMs: 300, holdSignals: false, ...extra });
  const later = <T>(ms: number, v: T): Promise<T> => new Promise((r) => setTimeout(() => r(v), ms));

  it('connected first, stdin arriving later: the request goes out on that connection and a verified answer is used', async () => {
    await listen(ensureDeciderKey(home)!);
    const connection = pipeConnect(DECIDER_PATHS.socket(home));
    assert.ok(connection, 'no pipe handle on this runtime');
    const o = await askDecider(options(later(100, payload()), { connection }));
    assert.deepEqual(o, { reply: ALLOW, why: 'answered' });
  });

  it('the same connection with a forged answer: not used (in-process)', async () => {
    await listen(ensureDeciderKey(home)!, true);
    const o = await askDecider(options(later(50, payload()), { connection: pipeConnect(DECIDER_PATHS.socket(home))! }));
    assert.equal(o.reply, undefined);
    assert.equal(o.why, 'bad MAC');
  });

  it('stdin never arrives: no request is sent, the connection is closed, and the server sees it end without a line', async () => {
    await listen(ensureDeciderKey(home)!);
    const o = await askDecider(options(new Promise<string | undefined>(() => undefined), { connection: pipeConnect(DECIDER_PATHS.socket(home))! }));
    assert.equal(o.reply, undefined);
    assert.equal(o.why, 'stdin not read in time');
    await later(100, undefined);
    assert.equal(ended, 1);
  });

  it('input over the limit: nothing sent, the connection closed', async () => {
    await listen(ensureDeciderKey(home)!);
    const o = await askDecider(options(Promise.resolve('x'.repeat(HOOK_INPUT_MAX_BYTES + 1)), { connection: pipeConnect(DECIDER_PATHS.socket(home))! }));
    assert.equal(o.why, 'input over the limit');
    await later(100, undefined);
    assert.equal(ended, 1);
  });

  it('no server when connecting early: the send rejects with its code, the call decides in-process and may start a server', async () => {
    ensureDeciderKey(home);
    const connection = pipeConnect(DECIDER_PATHS.socket(home))!;
    await later(50, undefined);
    const o = await askDecider(options(Promise.resolve(payload()), { connection }));
    assert.equal(o.reply, undefined);
    assert.equal(o.why, 'no answer (ENOENT)');
    assert.equal(o.absent, true);
  });

  it('a server that comes up only after the early connect failed is not asked on that call (in-process, never an allow)', async () => {
    const key = ensureDeciderKey(home)!;
    const connection = pipeConnect(DECIDER_PATHS.socket(home))!;
    await later(50, undefined);
    await listen(key);
    const o = await askDecider(options(Promise.resolve(payload()), { connection }));
    assert.equal(o.reply, undefined);
    assert.equal(o.why, 'no answer (ENOENT)');
  });

  it('a connection closed before its request: send rejects at once as closed', async () => {
    await listen(ensureDeciderKey(home)!);
    const connection = pipeConnect(DECIDER_PATHS.socket(home))!;
    connection.close();
    await assert.rejects(connection.send('{}', 1000, 1024), /^Error: closed$/);
  });
});
