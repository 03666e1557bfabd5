import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOST_IDS, type HostId } from '../../../src/core/protocol/ipc';
import { TimeBoxExceeded, withinTimeBox } from '../../../src/hook/timeBox';
import { fallbackReply } from '../../../src/node/hosts/hookEntry';
import { installShim } from '../../../src/node/hosts/install';
import { shimPath } from '../../../src/node/hosts/installCommon';
import { hostHookLimitSeconds, STDIN_DEADLINE_MS, WATCHDOG_MARGIN_MS } from '../../../src/node/hosts/deadlines';
import { decisionIn, fixtureText, makeTempHome, type TempHome } from '../hosts/support';

/**
 * The hook answers deny before the host stops waiting, whatever happens inside: a stdin that is never
 * closed, a file that blocks whoever opens it, synchronous work that never ends.
 */
const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('the hook answers before the host gives up', function () {
  this.timeout(60_000);
  let t: TempHome;
  beforeEach(function () {
    if (!fs.existsSync(CLI)) this.skip();
    t = makeTempHome();
  });
  afterEach(() => t?.cleanup());

  it('a stdin that is never closed: every host gets its deny, well inside its own limit (the CLI, and the installed shim with the exit code the host reads)', async () => {
    installShim({ guardHome: t.guardHome, nodePath: process.execPath, cliBundle: CLI });
    const start = (host: HostId, viaShim: boolean) =>
      new Promise<{ host: HostId; viaShim: boolean; stdout: string; stderr: string; code: number | null; ms: number }>((resolve, reject) => {
        const started = Date.now();
        const child = viaShim ? spawn(shimPath(t.guardHome), ['hook', host], { env: t.env }) : spawn(process.execPath, [CLI, 'hook', host], { env: t.env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const kill = setTimeout(() => child.kill('SIGKILL'), 45_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(kill);
          resolve({ host, viaShim, stdout, stderr, code, ms: Date.now() - started });
        });
        // Half a payload, and the pipe stays open until the test ends.
        child.stdin.write('{"hook_event_name":"PreToolUse","tool_name":"Ba');
      });
    const results = await Promise.all(HOST_IDS.flatMap((host) => [start(host, false), start(host, true)]));
    for (const r of results) {
      const label = `${r.host}${r.viaShim ? ' via the shim' : ''}`;
      // The CLI ends itself by a signal once its deny is out (a pending read would keep it alive), so
      // only the shim, which every host entry runs, turns that into the exit code the host reads.
      assert.equal(decisionIn(r.host, r.stdout.trim(), r.viaShim ? (r.code ?? undefined) : undefined), r.host === 'windsurf' && !r.viaShim ? undefined : 'deny', `${label}: ${r.stdout}`);
      assert.match(r.stdout + r.stderr, /standard input/);
      assert.ok(r.ms < hostHookLimitSeconds(r.host) * 1000 - WATCHDOG_MARGIN_MS, `${label} answered after ${r.ms} ms`);
      assert.ok(r.ms < 40_000, `${label} ended by itself`);
      assert.ok(r.ms >= STDIN_DEADLINE_MS - 1000, 'it waited for the payload first');
      if (r.viaShim) assert.equal(r.code, fallbackReply(r.host, 'x').exitCode, `${label}: the exit code the host reads as a block`);
    }
  });

  it('reading a FIFO (an agent made it, nobody writes it) never blocks the hook: Read, beforeReadFile, a script run', function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(t.workspace, 'src', 'blocker');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status !== 0) this.skip();
    const payloads: Array<[HostId, string]> = [
      ['claude', JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: fifo } })],
      ['claude', JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `sh ${fifo}` } })],
      ['claude', JSON.stringify({ session_id: 's', cwd: t.workspace, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: `bash -c "$(cat ${fifo})" && node ${fifo}` } })],
      ['cursor', fixtureText('cursor', 'beforeReadFile.readme', t.home).replace(/"file_path":\s*"[^"]*"/, `"file_path": ${JSON.stringify(fifo)}`)],
    ];
    for (const [host, payload] of payloads) {
      const r = spawnSync(process.execPath, [CLI, 'hook', host], { input: payload, encoding: 'utf8', env: t.env, timeout: 30_000 });
      assert.equal(r.signal, null, `the hook hung on ${payload}`);
      assert.ok(['allow', 'deny'].includes(decisionIn(host, r.stdout.trim()) ?? ''), r.stdout + r.stderr);
    }
  });
});

describe('withinTimeBox', () => {
  it('returns the work\'s value and passes its errors through', () => {
    assert.equal(withinTimeBox(1000, 'x', () => 42), 42);
    assert.throws(() => withinTimeBox(1000, 'x', () => {
      throw new RangeError('inner');
    }), RangeError);
  });

  it('stops synchronous work that never ends, from another thread, and says what was stopped', () => {
    assert.throws(
      () =>
        withinTimeBox(100, 'the analysis of the command', () => {
          for (;;) {
            // a busy loop no timer could interrupt
          }
        }),
      (err: unknown) => err instanceof TimeBoxExceeded && /the analysis of the command did not finish/.test(err.message),
    );
    // usable again afterwards
    assert.equal(withinTimeBox(1000, 'x', () => 'ok'), 'ok');
  });

  it('a box inside a box runs under the outer limit', () => {
    assert.equal(withinTimeBox(1000, 'outer', () => withinTimeBox(1000, 'inner', () => 7) + 1), 8);
  });
});
