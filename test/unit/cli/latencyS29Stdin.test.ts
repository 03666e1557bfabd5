import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

/**
 * The hook reads its stdin (a pipe or socket, as hosts hand the payload over) through libuv's pipe
 * handle, in the event loop, instead of fs.read on libuv's thread pool, which started four threads for
 * that one read. Whatever the descriptor, the text read must be the same as before, the size cap must
 * hold, and a pipe or socket must start no thread. Each case runs readStdinFd in a plain Node child
 * (bundled, so no loader of the test's own has started the thread pool first).
 */

const root = path.resolve(__dirname, '../../..');

describe('hook stdin: pipes and sockets read without the thread pool (process)', function () {
  this.timeout(60_000);
  let dir: string;
  let child: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latencyS29-stdin-'));
    const entry = path.join(dir, 'child.ts');
    fs.writeFileSync(
      entry,
      [
        "import * as fs from 'node:fs';",
        `import { readStdinFd } from ${JSON.stringify(path.join(root, 'src/cli/stdinRead'))};`,
        "const threads = (): number => (process.platform === 'linux' ? Number(/^Threads:\\s*(\\d+)/m.exec(fs.readFileSync('/proc/self/status', 'latin1'))![1]) : 0);",
        'const before = threads();',
        'let done = false;',
        "if (process.argv[4] === 'timer') setTimeout(() => { if (!done) { fs.writeFileSync(process.argv[3]!, JSON.stringify({ pending: true })); process.exit(0); } }, 300);",
        'readStdinFd(Number(process.argv[2])).then(',
        "  (t) => ((done = true), fs.writeFileSync(process.argv[3]!, JSON.stringify({ text: t ?? null, threadsAdded: threads() - before }))),",
        "  (e: unknown) => fs.writeFileSync(process.argv[3]!, JSON.stringify({ error: String(e) })),",
        ');',
      ].join('\n'),
    );
    child = path.join(dir, 'child.cjs');
    await esbuild.build({ entryPoints: [entry], outfile: child, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  type Result = { text?: string | null; threadsAdded?: number; error?: string; pending?: boolean };
  const out = (): string => path.join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const result = (file: string): Result => JSON.parse(fs.readFileSync(file, 'utf8')) as Result;

  /** stdin as a socket pair (how Node-based hosts spawn the hook). */
  function viaSocketPair(input: string, cap = 1_000_000): Result {
    const file = out();
    const r = spawnSync(process.execPath, [child, String(cap), file], { input, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return result(file);
  }

  /** stdin as a FIFO (a shell pipeline). */
  function viaFifo(inputFile: string, cap = 1_000_000): Result {
    const file = out();
    const r = spawnSync('/bin/sh', ['-c', 'cat "$1" | "$2" "$3" "$4" "$5"', 'sh', inputFile, process.execPath, child, String(cap), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return result(file);
  }

  const inputs: [string, string][] = [
    ['a hook payload', JSON.stringify({ tool_name: 'Bash', tool_input: { command: 'git status' } })],
    ['empty input', ''],
    ['300 KB (many reads)', 'x'.repeat(300_000)],
    ['multi-byte characters across read boundaries', 'é日🚀'.repeat(40_000)],
  ];
  for (const [name, input] of inputs) {
    it(`a socket pair: ${name} is read whole, starting no thread`, () => {
      const r = viaSocketPair(input);
      assert.equal(r.text, input);
      if (process.platform === 'linux') assert.equal(r.threadsAdded, 0);
    });
    it(`a FIFO: ${name} is read whole, starting no thread`, () => {
      const f = path.join(dir, 'input.txt');
      fs.writeFileSync(f, input);
      const r = viaFifo(f);
      assert.equal(r.text, input);
      if (process.platform === 'linux') assert.equal(r.threadsAdded, 0);
    });
  }

  it('input over the cap is cut at cap + 1 bytes (the hook then denies it), on a socket pair and a FIFO', () => {
    assert.equal(viaSocketPair('y'.repeat(200_000), 1000).text, 'y'.repeat(1001));
    const f = path.join(dir, 'big.txt');
    fs.writeFileSync(f, 'z'.repeat(200_000));
    assert.equal(viaFifo(f, 1000).text, 'z'.repeat(1001));
  });

  it('a regular file is read as before', () => {
    const f = path.join(dir, 'payload.json');
    fs.writeFileSync(f, '{"a":1}');
    const file = out();
    const fd = fs.openSync(f, 'r');
    try {
      const r = spawnSync(process.execPath, [child, '1000', file], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    } finally {
      fs.closeSync(fd);
    }
    assert.equal(result(file).text, '{"a":1}');
  });

  it('a pipe left open after part of a payload never blocks the process: its timers still fire (the hook denies in time)', async () => {
    const file = out();
    const c = spawn(process.execPath, [child, '1000000', file, 'timer'], { stdio: ['pipe', 'ignore', 'inherit'] });
    c.stdin.write('{"tool_name":"Bash",');
    const code = await new Promise((r) => c.on('exit', r));
    c.stdin.destroy();
    assert.equal(code, 0);
    assert.deepEqual(result(file), { pending: true });
  });

  it('a writer that sends the payload in pieces over time: all of it, once the pipe closes', async () => {
    const file = out();
    const c = spawn(process.execPath, [child, '1000000', file], { stdio: ['pipe', 'ignore', 'inherit'] });
    const parts = ['{"tool_name":', '"Bash","tool_input":', '{"command":"ls"}}'];
    for (const p of parts) {
      c.stdin.write(p);
      await new Promise((r) => setTimeout(r, 30));
    }
    c.stdin.end();
    const code = await new Promise((r) => c.on('exit', r));
    assert.equal(code, 0);
    assert.equal(result(file).text, parts.join(''));
  });
});
