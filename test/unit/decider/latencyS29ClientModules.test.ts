import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { DECIDER_PATHS, deciderMac, type DeciderBody, type DeciderRequest } from '../../../src/node/decider/protocol';
import { ensureDeciderKey } from '../../../src/node/decider/server';

/**
 * A warm-server call is mostly what its client loads: node:crypto's module graph was most of its own
 * work, node:net's stream modules a tenth of a bare start. A verified answer (and a refused one) must
 * load neither, nor anything else heavy: the MAC comes from the crypto binding, the socket and stdin
 * from the pipe handle. Which built-ins load is a fact of the code, not a timing; times live in bench/.
 */

const root = path.resolve(__dirname, '../../..');
const HEAVY = ['crypto', 'net', 'stream', 'child_process', 'worker_threads', 'zlib', 'http', 'https', 'tls', 'vm', 'v8'];
const ALLOW = { stdout: '{"hookSpecificOutput":{"permissionDecision":"allow"}}\n', exitCode: 0, decision: 'allow' as const };

describe('decision server: what the hook client loads for one exchange (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let home: string;
  let child: string;
  let server: net.Server;
  let answer: (line: string, key: Buffer) => string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latencyS29-mods-'));
    home = path.join(dir, 'guard');
    fs.mkdirSync(home, { mode: 0o700 });
    const key = ensureDeciderKey(home)!;
    assert.ok(key);
    const entry = path.join(dir, 'child.ts');
    fs.writeFileSync(
      entry,
      [
        "import * as fs from 'node:fs';",
        `import { askDecider } from ${JSON.stringify(path.join(root, 'src/cli/deciderClient'))};`,
        'const before = new Set(process.moduleLoadList);',
        "const payload = JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'git status' } });",
        'askDecider({ home: process.argv[2]!, build: process.argv[3]!, host: "claude", stdin: Promise.resolve(payload), env: { PATH: "/usr/bin" }, cwd: process.cwd(), pid: process.pid, ppid: process.ppid }).then((o) => {',
        "  const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')).map((m) => m.slice(13));",
        '  fs.writeSync(1, JSON.stringify({ why: o.why, allowed: o.reply?.decision === "allow", loaded }));',
        '});',
      ].join('\n'),
    );
    child = path.join(dir, 'child.cjs');
    await esbuild.build({ entryPoints: [entry], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
    server = net.createServer((s) => {
      let buf = '';
      s.on('data', (c) => {
        buf += c.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) s.end(answer(buf.slice(0, nl), key) + '\n');
      });
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(DECIDER_PATHS.socket(home), resolve));
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function run(): Promise<{ why: string; allowed: boolean; loaded: string[] }> {
    return new Promise((resolve, reject) => {
      // Plain `node file`: the client refuses to hold the key under runtime options.
      const c = spawn(process.execPath, [child, home, '0123456789abcdef'], { stdio: ['ignore', 'pipe', 'inherit'], env: { PATH: process.env.PATH ?? '' } });
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      c.on('error', reject);
      c.on('close', () => {
        try {
          resolve(JSON.parse(out));
        } catch {
          reject(new Error(`no result: ${out}`));
        }
      });
    });
  }

  const signed = (key: Buffer, line: string, body: DeciderBody): string => {
    const text = JSON.stringify(body);
    return JSON.stringify({ body: text, mac: deciderMac(crypto, key, line, text) });
  };
  const cases: { name: string; serve: (line: string, key: Buffer) => string; why: string; allowed: boolean }[] = [
    {
      name: 'a verified allow',
      serve: (line, key) => {
        const req = JSON.parse(line) as DeciderRequest;
        return signed(key, line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW });
      },
      why: 'answered',
      allowed: true,
    },
    {
      name: 'an answer with a wrong MAC (refused)',
      serve: (line) => {
        const req = JSON.parse(line) as DeciderRequest;
        return JSON.stringify({ body: JSON.stringify({ v: 1, build: req.build, nonce: req.nonce, result: ALLOW }), mac: '0'.repeat(64) });
      },
      why: 'bad MAC',
      allowed: false,
    },
    {
      name: 'an answer MAC-ed with another key (refused)',
      serve: (line) => {
        const req = JSON.parse(line) as DeciderRequest;
        return signed(crypto.randomBytes(32), line, { v: 1, build: req.build, nonce: req.nonce, result: ALLOW });
      },
      why: 'bad MAC',
      allowed: false,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the client loads none of ${HEAVY.join(', ')}`, async () => {
      answer = c.serve;
      const r = await run();
      assert.equal(r.why, c.why);
      assert.equal(r.allowed, c.allowed);
      assert.deepEqual(
        r.loaded.filter((m) => HEAVY.includes(m)),
        [],
        `loaded: ${r.loaded.join(' ')}`,
      );
    });
  }
});
