import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { askDecider, type ClientOptions } from '../../../src/cli/deciderClient';
import { errorCode, pipeConnect, pipeExchange, readAtOnce, settledNow, writeNow } from '../../../src/cli/pipeExchange';
import { DECIDER_PATHS, deciderMac, deciderMacStart, verifyDeciderReply, type DeciderBody, type DeciderRequest } from '../../../src/node/decider/protocol';
import { ensureDeciderKey } from '../../../src/node/decider/server';

/**
 * The hook client talks to the decision server through libuv's pipe handle where the runtime has one
 * (no node:net, whose stream modules cost every call), and through node:net elsewhere. Both must give
 * the same outcome for every server behaviour: only a verified answer is used; anything else decides
 * in-process, never allows. 'at once' is the launcher's usual call (stop 40): stdin read whole before
 * the client starts and the connection begun in the same tick, so the request is written to the
 * socket before libuv has reported the connect (pipeExchange's writeNow), with the same outcomes.
 */

const BUILD = '0123456789abcdef';
const ALLOW = { stdout: '{"hookSpecificOutput":{"permissionDecision":"allow"}}\n', exitCode: 0, decision: 'allow' as const };
const payload = (cwd: string): string =>
  JSON.stringify({ session_id: 's', transcript_path: '', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status' }, tool_use_id: 't' });

function signed(key: Buffer, requestLine: string, body: DeciderBody): string {
  const text = JSON.stringify(body);
  return JSON.stringify({ body: text, mac: deciderMac(crypto, key, requestLine, text) });
}

type Behaviour = (line: string, socket: net.Socket, key: Buffer) => void;

/** What each server behaviour must lead to, the same on both transports. */
const CASES: { name: string; serve?: Behaviour; expect: (o: Awaited<ReturnType<typeof askDecider>>) => void; waitMs?: number }[] = [
  {
    name: 'a genuine answer is used',
    serve: (line, s, key) => {
      const req = JSON.parse(line) as DeciderRequest;
      s.end(signed(key, line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n');
    },
    expect: (o) => assert.deepEqual(o, { reply: ALLOW, why: 'answered' }),
  },
  {
    name: 'a genuine answer written a few bytes at a time is used',
    serve: (line, s, key) => {
      const req = JSON.parse(line) as DeciderRequest;
      const text = signed(key, line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n';
      let at = 0;
      const next = (): void => {
        if (at >= text.length) return void s.end();
        s.write(text.slice(at, at + 7));
        at += 7;
        setTimeout(next, 1);
      };
      next();
    },
    expect: (o) => assert.deepEqual(o, { reply: ALLOW, why: 'answered' }),
    // Dozens of timer turns: on a loaded machine far more than the other cases' wait.
    waitMs: 10_000,
  },
  {
    name: 'an answer MAC-ed with another key is refused',
    serve: (line, s) => {
      const req = JSON.parse(line) as DeciderRequest;
      s.end(signed(crypto.randomBytes(32), line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n');
    },
    expect: (o) => assert.deepEqual(o, { why: 'bad MAC' }),
  },
  {
    name: 'a genuine answer for another request line is refused',
    serve: (line, s, key) => {
      const req = JSON.parse(line) as DeciderRequest;
      s.end(signed(key, line.replace('git status', 'git stash'), { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n');
    },
    expect: (o) => assert.deepEqual(o, { why: 'bad MAC' }),
  },
  { name: 'a server closing without answering: in-process', serve: (_, s) => s.destroy(), expect: (o) => assert.equal(o.why, 'no answer (closed)') },
  { name: 'an answer without its end of line before the close: in-process', serve: (_, s) => s.end('{"body":"{}"'), expect: (o) => assert.equal(o.why, 'no answer (closed)') },
  { name: 'an answer over the size limit: in-process', serve: (_, s) => s.write('x'.repeat(2 * 1024 * 1024)), expect: (o) => assert.equal(o.why, 'no answer (oversize)') },
  { name: 'a server that never answers: in-process after the wait', serve: () => undefined, expect: (o) => assert.deepEqual(o, { why: 'no answer (timeout)', absent: false }) },
  { name: 'no socket: in-process, a server may be started', expect: (o) => assert.deepEqual(o, { why: 'no answer (ENOENT)', absent: true }) },
];

for (const transport of [undefined, 'net', 'at once'] as const) {
  describe(`decider client over ${transport === 'at once' ? 'the pipe handle, sent at once' : (transport ?? 'the pipe handle')}: every server behaviour`, function () {
    this.timeout(20_000);
    let dir: string;
    let home: string;
    let server: net.Server | undefined;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latency-'));
      home = path.join(dir, 'g');
      fs.mkdirSync(home, { mode: 0o700 });
    });
    afterEach(() => {
      server?.close();
      server = undefined;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A stdin read whole already and, sent at once, a connection begun in the same tick as the call. */
    const stdinOf = (text: string): Promise<string> => (transport === 'at once' ? settledNow(text) : Promise.resolve(text));
    const options = (): ClientOptions => ({
      home,
      build: BUILD,
      host: 'claude',
      stdin: stdinOf(payload(dir)),
      env: { HOME: dir },
      cwd: dir,
      pid: process.pid,
      ppid: process.ppid,
      waitMs: 400,
      holdSignals: false,
      ...(transport === 'net' ? { transport } : {}),
      ...(transport === 'at once' ? { connection: pipeConnect(DECIDER_PATHS.socket(home))! } : {}),
    });

    for (const c of CASES) {
      it(c.name, async () => {
        const key = ensureDeciderKey(home)!;
        if (c.serve) {
          const serve = c.serve;
          server = net.createServer((socket) => {
            let text = '';
            socket.on('error', () => undefined);
            socket.on('data', (chunk) => {
              text += String(chunk);
              const nl = text.indexOf('\n');
              if (nl >= 0) serve(text.slice(0, nl), socket, key);
            });
          });
          await new Promise<void>((resolve) => server!.listen(DECIDER_PATHS.socket(home), resolve));
        }
        c.expect(await askDecider({ ...options(), ...(c.waitMs ? { waitMs: c.waitMs } : {}) }));
      });
    }

    it('a request of megabytes (a large payload: the write completes later, cut inside characters) reaches the server whole and its answer is used', async () => {
      const key = ensureDeciderKey(home)!;
      let received = 0;
      let command = '';
      server = net.createServer((socket) => {
        const chunks: Buffer[] = [];
        socket.on('error', () => undefined);
        socket.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          if (chunk.includes(0x0a)) {
            const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]!;
            received = Buffer.byteLength(line);
            const req = JSON.parse(line) as DeciderRequest;
            command = (JSON.parse(req.input) as { tool_input: { command: string } }).tool_input.command;
            socket.end(signed(key, line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW }) + '\n');
          }
        });
      });
      await new Promise<void>((resolve) => server!.listen(DECIDER_PATHS.socket(home), resolve));
      // One, two and four bytes a character: wherever the socket buffer cuts the line, a character is cut for some length.
      const sent = `echo ${'xé🙂'.repeat(512 * 1024)}`;
      const big = JSON.stringify({ session_id: 's', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: sent } });
      const o = await askDecider({ ...options(), stdin: stdinOf(big), waitMs: 5000 });
      assert.deepEqual(o, { reply: ALLOW, why: 'answered' });
      assert.ok(received > 3 * 1024 * 1024);
      assert.equal(command, sent);
    });

    it('a socket file nobody listens on: in-process, a server may be started', async () => {
      ensureDeciderKey(home);
      fs.writeFileSync(DECIDER_PATHS.socket(home), '');
      const o = await askDecider(options());
      assert.equal(o.reply, undefined);
      assert.equal(o.absent, true);
    });
  });
}

describe('decider client: the pipe handle and the MAC begun while waiting', () => {
  it('the pipe handle is used on this runtime (Linux, Node with pipe_wrap), and a missing socket rejects with its code', async () => {
    const exchange = pipeExchange(path.join(os.tmpdir(), `bs-latency-missing-${process.pid}.sock`), '{}', 1000, 1024);
    assert.ok(exchange, 'pipeExchange fell back to node:net on this runtime');
    await assert.rejects(exchange, /^Error: ENOENT$/);
  });

  it('sent at once: with the connect not yet reported, the request is written and whileWaiting runs inside the send call; the reply is read after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latency-once-'));
    const socketPath = path.join(dir, 's.sock');
    const lines: string[] = [];
    const server = net.createServer((socket) => {
      let text = '';
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        text += String(chunk);
        if (!text.includes('\n')) return;
        lines.push(text.split('\n')[0]!);
        socket.end('{"reply":1}\n');
      });
    });
    try {
      await new Promise<void>((resolve) => server.listen(socketPath, resolve));
      const connection = pipeConnect(socketPath)!;
      let waited = false;
      const reply = connection.send('{"request":"é🙂"}', 2000, 1024, () => (waited = true));
      assert.equal(waited, true, 'whileWaiting did not run before send returned');
      assert.equal(await reply, '{"reply":1}');
      assert.deepEqual(lines, ['{"request":"é🙂"}']);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sent at once to no server: nothing is written, whileWaiting does not run, the send rejects with the connect\'s own code', async () => {
    const connection = pipeConnect(path.join(os.tmpdir(), `bs-latency-once-missing-${process.pid}.sock`))!;
    let waited = false;
    await assert.rejects(
      connection.send('{}', 1000, 1024, () => (waited = true)),
      /^Error: ENOENT$/,
    );
    assert.equal(waited, false);
  });

  it('writeNow: no descriptor or a refused write leaves the whole text; a full socket buffer leaves exactly the bytes not taken', async () => {
    assert.equal(writeNow({}, 'abc'), 'abc');
    assert.equal(writeNow({ fd: -1 }, 'abc'), 'abc');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latency-writenow-'));
    const socketPath = path.join(dir, 's.sock');
    let peer: net.Socket | undefined;
    const server = net.createServer((socket) => (peer = socket));
    try {
      await new Promise<void>((resolve) => server.listen(socketPath, resolve));
      const client = net.createConnection(socketPath);
      await new Promise<void>((resolve) => client.once('connect', () => resolve()));
      while (!peer) await new Promise((r) => setTimeout(r, 5));
      peer.pause();
      const text = 'é🙂x'.repeat(1024 * 1024);
      const fd = (client as unknown as { _handle: { fd: number } })._handle.fd;
      const rest = writeNow({ fd }, text);
      assert.ok(Buffer.isBuffer(rest), 'the socket buffer took all of 7 MiB');
      const whole = Buffer.from(text, 'utf8');
      assert.ok(rest.length > 0 && rest.length < whole.length);
      assert.ok(whole.subarray(whole.length - rest.length).equals(rest));
      client.destroy();
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('readAtOnce gives the text only of a read that ended at once', async () => {
    assert.equal(readAtOnce(settledNow('{"a":1}')), '{"a":1}');
    assert.equal(readAtOnce(settledNow('')), '');
    assert.equal(readAtOnce(Promise.resolve('{"a":1}')), undefined);
  });

  it("libuv's statuses name the same codes node:net reports", () => {
    assert.equal(errorCode(-os.constants.errno.ENOENT), 'ENOENT');
    assert.equal(errorCode(-os.constants.errno.ECONNREFUSED), 'ECONNREFUSED');
    assert.equal(errorCode(-999_999), 'error');
  });

  it('a MAC begun before the reply gives the same answer as one made after it, and refuses what the other refuses', () => {
    const key = crypto.randomBytes(32);
    const req: DeciderRequest = { v: 1, build: BUILD, nonce: crypto.randomBytes(16).toString('hex'), host: 'claude', input: '{}', env: { A: 'b' }, cwd: '/', pid: 1, ppid: 1 };
    const line = JSON.stringify(req);
    const good = signed(key, line, { v: 1, build: BUILD, nonce: req.nonce, result: ALLOW });
    const forged = signed(crypto.randomBytes(32), line, { v: 1, build: BUILD, nonce: req.nonce, result: ALLOW });
    for (const reply of [good, forged]) {
      const after = verifyDeciderReply(crypto, key, line, req, reply);
      const begun = verifyDeciderReply(crypto, key, line, req, reply, deciderMacStart(crypto, key, line));
      assert.deepEqual(begun, after);
    }
    assert.equal(verifyDeciderReply(crypto, key, line, req, good, deciderMacStart(crypto, key, line)).ok, true);
    // Begun over another request line (or key), the MAC refuses a reply genuine for this one.
    assert.deepEqual(verifyDeciderReply(crypto, key, line, req, good, deciderMacStart(crypto, key, line + ' ')), { ok: false, why: 'bad MAC' });
  });
});
