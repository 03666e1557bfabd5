import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_MAIN_HEADER } from '../../../scripts/cliBuild.mjs';
import { hostHookLimitSeconds, WATCHDOG_MARGIN_MS } from '../../../src/node/hosts/deadlines';
import { DECIDER_PATHS } from '../../../src/node/decider/protocol';
import { decisionIn } from '../hosts/support';

/**
 * The decision server skips the per-analysis V8 time box (timeBox.ts) because its one watchdog thread
 * (decisionWatchdog.ts) covers a synchronous hang. Proved end to end: a server whose decision loops
 * forever inside the time box (skipped there) is ended by the watchdog (SIGKILL), and the real hook
 * (dist/cli.js, the launcher and bundle an install copies) still answers every host's deny in that
 * host's format, well inside the host's own limit: it stops waiting for the server and decides
 * in-process. Each server runs in a child process (the watchdog kills its whole process).
 */
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
/** The server's decision limit for this test (the watchdog fires a second after it). */
const LIMIT_MS = 1500;

function hungServer(home: string, build: string): Promise<{ child: ChildProcess; ended: Promise<NodeJS.Signals | null> }> {
  const file = path.join(home, 'hung-server.ts');
  fs.writeFileSync(
    file,
    [
      `import { startDeciderServer } from ${JSON.stringify(path.join(ROOT, 'src/node/decider/server'))};`,
      `import { startDecisionWatchdog } from ${JSON.stringify(path.join(ROOT, 'src/node/decider/decisionWatchdog'))};`,
      `import { boxedByOuterWatchdog, withinTimeBox } from ${JSON.stringify(path.join(ROOT, 'src/hook/timeBox'))};`,
      'const watchdog = startDecisionWatchdog();',
      'if (!watchdog) { console.log("no watchdog"); process.exit(3); }',
      // As src/cli/decider.ts wires it: while the thread lives, the per-call box is skipped.
      'boxedByOuterWatchdog(() => watchdog.alive());',
      // The analysis box a hook process would put around this is 60 s here: only the watchdog can end it in time.
      'const decide = async () => withinTimeBox(60_000, "the analysis", () => { for (;;); });',
      `void startDeciderServer({ home: ${JSON.stringify(home)}, build: ${JSON.stringify(build)}, decide, watchdog, decisionLimitMs: ${LIMIT_MS} }).then((h) => console.log(h ? 'listening' : 'not started'));`,
    ].join('\n'),
  );
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += String(c);
      if (out.includes('listening')) resolve({ child, ended });
      else if (out.includes('not started') || out.includes('no watchdog')) reject(new Error(out));
    });
    child.on('exit', () => reject(new Error(`server ended before listening: ${out}`)));
  });
}

function hook(host: 'claude' | 'cursor', env: NodeJS.ProcessEnv, ws: string, command: string): Promise<{ stdout: string; stderr: string; code: number | null; ms: number }> {
  const input =
    host === 'claude'
      ? JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' })
      : JSON.stringify({ conversation_id: 'c', generation_id: 'g', model: 'm', hook_event_name: 'beforeShellExecution', cursor_version: '1', workspace_roots: [ws], user_email: null, transcript_path: null, command, cwd: ws, sandbox: false });
  const t0 = Date.now();
  const child = spawn(process.execPath, [CLI, 'hook', host], { cwd: ws, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += String(c)));
  child.stderr.on('data', (c: Buffer) => (stderr += String(c)));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', (code) => resolve({ stdout, stderr, code, ms: Date.now() - t0 })));
}

describe('s39 perf: a decision that never ends in the server (per-call box skipped) still ends in a deny', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ChildProcess | undefined;
  beforeEach(function () {
    if (!fs.existsSync(CLI) || process.platform === 'win32') this.skip();
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-s39-hung-')));
  });
  afterEach(() => {
    if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  });

  for (const host of ['claude', 'cursor'] as const) {
    it(`${host}: the watchdog kills the hung server, and the hook answers deny in ${host}'s format inside its limit`, async () => {
      const home = path.join(dir, 'guard');
      const ws = path.join(dir, 'ws');
      fs.mkdirSync(home, { mode: 0o700 });
      fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
      const build = fs.readFileSync(path.join(ROOT, 'dist', 'cli-main.js'), 'latin1').split('\n', 1)[0]!.slice(CLI_MAIN_HEADER.length);
      const started = await hungServer(home, build);
      server = started.child;
      assert.ok(fs.existsSync(DECIDER_PATHS.socket(home)), 'the server listens on the guard home socket');
      const r = await hook(host, { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: home, BLAST_SHIELD_DECIDER_TRACE: '1' }, ws, 'rm -rf ~');
      // The server asked, its decision hung, the hook stopped waiting and decided in-process.
      assert.match(r.stderr, /blast-shield decider: no answer \((timeout|closed)\)/, r.stderr);
      assert.equal(decisionIn(host, r.stdout.trim()), 'deny', r.stdout);
      assert.ok(r.ms < hostHookLimitSeconds(host) * 1000 - WATCHDOG_MARGIN_MS, `answered after ${r.ms} ms`);
      // Synchronous work no timer can interrupt, inside a 60 s box the server skips: the watchdog ends it.
      const signal = await Promise.race([started.ended, new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 20_000))]);
      assert.equal(signal, 'SIGKILL', 'the watchdog thread ended the hung server');
    });
  }
});
