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
 *    (no `--type=`, not started with ELECTRON_RUN_AS_NODE; on Linux both map Chromium's data files
 *    from the executable's folder) or a server entry (code-server's `out/node/entry`, VS Code's
 *    `server-main`) whose own installation holds the extension host's `bootstrap-fork`, run as Node's
 *    script with no preload. Neither runs with an inspector switched on or open (Linux: Node's
 *    `InspectorIo` thread), nor with NODE_OPTIONS that load code; checked again before the answer.
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
  /** The editor's main or server process, checked again for an inspector before the answer counts. */
  mainPid?: number;
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
  const fork = nodeScriptIndex(argv);
  if (fork >= 1 && BOOTSTRAP_FORK.test(argv[fork] as string) && argv.slice(fork + 1).includes('--type=extensionHost')) return 'node-extension-host';
  return undefined;
}

const BOOTSTRAP_FORK = /[\\/]out[\\/]bootstrap-fork(\.js)?$/;

/** Node options that run code other than the script (a preload, a loader, an evaluated string). */
const NODE_CODE_OPTIONS = /^(-r|--require|--import|--loader|--experimental-loader|-e|--eval|-p|--print|--experimental-policy|-i|--interactive|--env-file[a-z-]*)(=|$)/;

/**
 * The index of the script Node runs: the first argument after the runtime that is not an option.
 * -1 when an option before it runs other code (`node -r x.js bootstrap-fork`, `node x.js bootstrap-fork`
 * has its own script first and is judged by that).
 */
function nodeScriptIndex(argv: readonly string[]): number {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!a.startsWith('-')) return i;
    if (NODE_CODE_OPTIONS.test(a)) return -1;
  }
  return -1;
}

/** The installation folder a server entry or a bootstrap-fork path lives in (the part before `/out/`). */
function installationOf(file: string): string | undefined {
  const m = /^(.*?)[\\/]out[\\/]/.exec(file);
  return m?.[1];
}

/**
 * The extension host's bootstrap-fork belongs to the same installation as its parent: below the
 * server entry's installation folder, or (an Electron main running it with ELECTRON_RUN_AS_NODE, as
 * desktop editors before utility processes did) below the main executable's folder or app bundle.
 */
function sameInstallation(main: ProcessInfo, host: ProcessInfo, platform: NodeJS.Platform): boolean {
  const entry = main.argv.find((a) => SERVER_ENTRY.test(a));
  const fork = host.argv[nodeScriptIndex(host.argv)];
  if (!fork) return false;
  const exeFolder = /^(.*?\.app)[\\/]Contents[\\/]/.exec(main.exe)?.[1] ?? main.exe.replace(/[\\/][^\\/]*$/, '');
  const root = entry ? installationOf(entry) : exeFolder;
  if (!root) return false;
  const norm = (p: string): string => (platform === 'win32' ? p.replace(/\\/g, '/').toLowerCase() : p);
  return norm(fork).startsWith(`${norm(root)}/`);
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
  if (shape === 'node-extension-host' && !sameInstallation(main, host, table.platform)) return fail(`its program (${host.argv[nodeScriptIndex(host.argv)] ?? 'unknown'}) is not the bootstrap of the editor server's own installation`);
  if (host.nodeOptionsLoadCode === true || main.nodeOptionsLoadCode === true) return fail('NODE_OPTIONS in its environment loads other code or opens an inspector');
  // Electron and Chromium processes map Chromium's data files from their folder; a multiplexer, a
  // shell or Node running a script under the same executable name does not.
  if (mainShape === 'electron-main' && table.mapsChromiumData) {
    if (table.mapsChromiumData(main.pid) !== true) return fail(`its parent ${describeProcess(main, main.pid)} is not an Electron application (it maps none of Chromium's data files)`);
    if (shape === 'electron-utility' && table.mapsChromiumData(pid) !== true) return fail(`${describeProcess(host, pid)} is not an Electron process (it maps none of Chromium's data files)`);
  }
  const inspector = inspectorIn(table, [host, main]);
  if (inspector) return fail(inspector);
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
  return { ok: true, proof: { pid, startTime: host.startTime, listener: socket.listener, mainPid: main.pid } };
}

/** A reason when Node's inspector is open in one of the editor's processes (code can be run in it). */
function inspectorIn(table: ProcessTable, processes: readonly ProcessInfo[]): string | undefined {
  if (!table.inspectorOpen) return undefined;
  for (const p of processes) {
    if (table.inspectorOpen(p.pid) === true) return `${describeProcess(p, p.pid)} has its inspector open (a debugger can run code in it)`;
  }
  return undefined;
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
      const main = proof.mainPid === undefined ? undefined : t.get(proof.mainPid);
      const inspector = inspectorIn(t, main ? [host, main] : [host]);
      if (inspector) return { ok: false, reason: `the verified window (pid ${proof.pid}) cannot be trusted: ${inspector}` };
      return { ok: true, proof };
    },
  };
}
