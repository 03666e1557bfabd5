import * as path from 'node:path';
import type { DiscoveryRecord } from '../../core/protocol/ipc';
import { systemProcessTable, type ProcessInfo, type ProcessTable } from './processTable';

/**
 * Is the process a discovery record names really an editor window's extension host, and not a
 * stand-in that the asking agent started? The hook asks this before it sends a request and again
 * before it trusts the answer. A discovery record is a file a same-user script can write; the
 * process tree, the kernel's start times and the socket table are not. The rules:
 *
 * 1. The record's pid is an extension host by executable and command line: an Electron utility
 *    process of the Node service kind (desktop VS Code, Cursor), or Node running VS Code's
 *    `bootstrap-fork --type=extensionHost` (code-server, VS Code Server).
 * 2. Its parent is the editor's main or server process: the same executable, and an Electron main
 *    (no `--type=`, not started with ELECTRON_RUN_AS_NODE) or a server entry (code-server's
 *    `out/node/entry`, VS Code's `server-main`). Neither runs with an inspector switched on.
 * 3. It holds the socket the record names, and that socket is the only one listening there.
 * 4. It is not the agent's descendant: the editor's main process is not a child of the process that
 *    runs the hook (walking parents through the shells and launchers between them), and it started
 *    before that process did: a daemonised script is re-parented, but it cannot be older than the
 *    agent that started it.
 *
 * What each operating system lets a same-user script forge is in README.md, "Security".
 */

export type IdentityResult = { ok: true; proof: WindowProof } | { ok: false; reason: string };

/** What was verified, so the same process and socket can be checked again after the answer. */
export interface WindowProof {
  pid: number;
  startTime: number;
  listener: string;
}

export interface WindowVerifier {
  /** Before sending anything to the window. */
  verify(record: DiscoveryRecord): IdentityResult;
  /** Before trusting its answer: the same process (same start time) still holds the same listener. */
  reconfirm(record: DiscoveryRecord, proof: WindowProof): IdentityResult;
}

export interface AskerContext {
  /** The process asking (the hook itself). */
  selfPid: number;
  /** Its parent: the agent host, or a shell or launcher the host ran the hook through. */
  parentPid: number;
}

const MAX_DEPTH = 64;

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'busybox', 'tcsh', 'csh', 'yash', 'pwsh', 'powershell', 'cmd']);
const LAUNCHERS = new Set(['env', 'timeout', 'nice', 'nohup', 'stdbuf', 'ionice', 'time', 'chrt', 'taskset', 'npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'bunx']);
const PACKAGE_RUNNER_SCRIPT = /[\\/](npx|npm|pnpm|pnpx|yarn|bunx)(-cli)?(\.c?js)?$/i;

function base(p: string): string {
  return path.basename(p.replace(/\\/g, '/')).replace(/\.exe$/i, '').replace(/^-/, '').toLowerCase();
}

/** `sh -c …`, a shell running a script file, or a command launcher: not the agent itself. */
export function isLauncher(p: ProcessInfo): boolean {
  const name = base(p.argv[0] ?? p.exe);
  const exeName = base(p.exe);
  if (LAUNCHERS.has(name) || LAUNCHERS.has(exeName)) return true;
  if ((exeName === 'node' || name === 'node') && p.argv.slice(1, 3).some((a) => PACKAGE_RUNNER_SCRIPT.test(a))) return true;
  if (!SHELLS.has(name) && !SHELLS.has(exeName)) return false;
  const args = p.argv.slice(1);
  if (name === 'cmd') return args.some((a) => /^\/[ck]$/i.test(a));
  if (name === 'pwsh' || name === 'powershell') return args.some((a) => /^-(c|command|f|file|encodedcommand)$/i.test(a));
  // A command string (-c, -lc, -ec …) or a script operand: the shell only carries what the host ran.
  return args.some((a) => /^-[a-z]*c[a-z]*$/i.test(a)) || args.some((a) => !a.startsWith('-') && !a.startsWith('+'));
}

export type HostShape = 'electron-utility' | 'node-extension-host';

const INSPECTOR_FLAGS = /^--(inspect|inspect-brk|inspect-wait|remote-debugging-port|remote-debugging-pipe|inspect-brk-node)(=|$)/;

/** The shape of an editor's extension host process, from its arguments. */
export function extensionHostShape(argv: readonly string[]): HostShape | undefined {
  if (argv.includes('--type=utility') && argv.includes('--utility-sub-type=node.mojom.NodeService')) {
    const kind = argv.find((a) => a.startsWith('--vscode-utility-kind='));
    return kind === undefined || kind === '--vscode-utility-kind=extensionHost' ? 'electron-utility' : undefined;
  }
  const fork = argv.findIndex((a) => /[\\/]out[\\/]bootstrap-fork(\.js)?$/.test(a));
  if (fork >= 1 && argv.slice(fork + 1).includes('--type=extensionHost')) return 'node-extension-host';
  return undefined;
}

const SERVER_ENTRY = /[\\/]out[\\/](node[\\/]entry|server-main|vs[\\/]server[\\/]main)(\.js)?$/;

/** The editor's main or server process shape; undefined for anything else. */
export function editorMainShape(p: ProcessInfo): 'electron-main' | 'node-server' | undefined {
  if (p.argv.some((a) => SERVER_ENTRY.test(a))) return 'node-server';
  if (p.argv.some((a) => a.startsWith('--type='))) return undefined;
  const exeName = base(p.exe);
  if (exeName === 'node') return undefined;
  return 'electron-main';
}

/** Same program: the same file, or (macOS) helpers inside the same application bundle. */
export function sameProgram(a: string, b: string, platform: NodeJS.Platform): boolean {
  if (!a || !b) return false;
  if (platform === 'win32') return a.toLowerCase() === b.toLowerCase();
  if (a === b) return true;
  if (platform !== 'darwin') return false;
  const bundle = (p: string): string | undefined => /^(.*?\.app)\/Contents\//.exec(p)?.[1];
  const ba = bundle(a);
  return ba !== undefined && ba === bundle(b);
}

/**
 * The agent: the hook's parent, or the first process above it that is not a shell or launcher the
 * host ran the hook through. Returns the chain from the hook's parent up to the agent.
 */
export function agentChain(table: ProcessTable, asker: AskerContext): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  let pid = asker.parentPid;
  for (let i = 0; i < 8 && pid > 1; i++) {
    const p = table.get(pid);
    if (!p) break;
    chain.push(p);
    if (!isLauncher(p)) break;
    pid = p.ppid;
  }
  return chain;
}

function describeProcess(p: ProcessInfo | undefined, pid: number): string {
  if (!p) return `pid ${pid} (gone)`;
  const words = p.argv.slice(0, 3).map((a) => (a.length > 60 ? `…${a.slice(-60)}` : a));
  return `pid ${pid} (${words.join(' ')})`;
}

/** The rules above, over a process table. Pure given the table: unit-tested with real and made-up trees. */
export function judgeWindow(record: DiscoveryRecord, table: ProcessTable, asker: AskerContext): IdentityResult {
  const pid = record.pid;
  const fail = (why: string): IdentityResult => ({ ok: false, reason: `the window record (pid ${pid}) is not a verified editor window: ${why}` });
  if (pid === asker.selfPid) return fail('it names the asking process itself');
  const host = table.get(pid);
  if (!host) return fail('the process is gone or cannot be inspected');
  const self = table.get(asker.selfPid);
  if (self?.uid !== undefined && host.uid !== undefined && self.uid !== host.uid) return fail('it belongs to another user');
  const shape = extensionHostShape(host.argv);
  if (!shape) return fail(`${describeProcess(host, pid)} is not an editor's extension host`);
  if (host.argv.some((a) => INSPECTOR_FLAGS.test(a))) return fail('the extension host runs with a debugger port open');
  if (shape === 'electron-utility' && host.electronRunAsNode === true) return fail('the extension host was started with ELECTRON_RUN_AS_NODE');
  const main = table.get(host.ppid);
  if (!main) return fail(`its parent (pid ${host.ppid}) is gone or cannot be inspected`);
  const mainShape = editorMainShape(main);
  if (!mainShape || (shape === 'electron-utility' && mainShape !== 'electron-main')) return fail(`its parent ${describeProcess(main, host.ppid)} is not an editor's main or server process`);
  if (!sameProgram(main.exe, host.exe, table.platform)) return fail(`its parent runs another program (${main.exe || 'unknown'}) than the extension host (${host.exe || 'unknown'})`);
  if (mainShape === 'electron-main' && main.electronRunAsNode === true) return fail("its parent was started with ELECTRON_RUN_AS_NODE: a script, not the editor's main process");
  if (main.argv.some((a) => INSPECTOR_FLAGS.test(a))) return fail("the editor's main process runs with a debugger port open");
  if (table.netNamespace) {
    const mine = table.netNamespace(asker.selfPid);
    const theirs = table.netNamespace(pid);
    if (!mine || !theirs || mine !== theirs) return fail('it is in another network namespace than this hook');
  }

  // Not started by the agent: neither below it in the process tree nor younger than it.
  const chain = agentChain(table, asker);
  const agent = chain[chain.length - 1];
  const askers = new Set([asker.selfPid, ...chain.map((p) => p.pid)]);
  const agentIsEditor = agent !== undefined && (agent.pid === pid || agent.pid === main.pid);
  if (!agentIsEditor) {
    let cursor: ProcessInfo | undefined = main;
    for (let depth = 0; cursor && depth < MAX_DEPTH; depth++) {
      if (askers.has(cursor.pid)) return fail(`the editor process ${describeProcess(main, main.pid)} runs under the agent's own process ${describeProcess(cursor, cursor.pid)}`);
      if (cursor.ppid <= 1 || cursor.ppid === cursor.pid) break;
      cursor = table.get(cursor.ppid);
    }
    if (agent && main.startTime > agent.startTime) {
      return fail(`the editor process ${describeProcess(main, main.pid)} started after the agent's process ${describeProcess(agent, agent.pid)}, so that agent could have started it. Restart the agent once the editor window is open`);
    }
  }

  const socket = table.holdsListener(pid, record.endpoint);
  if (!socket.held) return fail(socket.why);
  return { ok: true, proof: { pid, startTime: host.startTime, listener: socket.listener } };
}

/** The operating system's verifier for this hook process. Tables are read afresh for every check. */
export function systemWindowVerifier(asker: AskerContext = { selfPid: process.pid, parentPid: process.ppid }): WindowVerifier {
  const table = (endpoint: string): ProcessTable | undefined => systemProcessTable(endpoint);
  return {
    verify(record) {
      const t = table(record.endpoint);
      if (!t) return { ok: false, reason: `editor windows cannot be verified on ${process.platform}` };
      return judgeWindow(record, t, asker);
    },
    reconfirm(record, proof) {
      // Linux reads are cheap and exact; elsewhere the first check (one ps/lsof or PowerShell run) stands.
      if (process.platform !== 'linux') return { ok: true, proof };
      const t = table(record.endpoint) as ProcessTable;
      const host = t.get(proof.pid);
      if (!host || host.startTime !== proof.startTime) return { ok: false, reason: `the verified window (pid ${proof.pid}) is gone or was replaced before it answered` };
      const socket = t.holdsListener(proof.pid, record.endpoint);
      if (!socket.held || socket.listener !== proof.listener) return { ok: false, reason: `the socket of the verified window (pid ${proof.pid}) changed before it answered` };
      return { ok: true, proof };
    },
  };
}
