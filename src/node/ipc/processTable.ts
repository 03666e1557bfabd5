import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import { trustedProgram } from '../trustedProgram';

/**
 * What the operating system says about a process, for telling a real editor window from a stand-in
 * a script started. Read on the ask path only (a human dialog follows, so a few milliseconds are
 * fine), never on the hook's benign path.
 *
 * Linux reads /proc directly. macOS and Windows take one snapshot through `ps`/`lsof` and PowerShell.
 */

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** When the kernel started it, in a unit comparable between processes of the same table. */
  startTime: number;
  /** The executable the kernel ran (Linux /proc/<pid>/exe; elsewhere the command's first word). */
  exe: string;
  /** Arguments as the process presents them (argv[0] included). A process can rewrite these. */
  argv: string[];
  /** Whether ELECTRON_RUN_AS_NODE is in its start-up environment; undefined where it cannot be read. */
  electronRunAsNode?: boolean;
  /** Owning user id (Unix). */
  uid?: number;
  /**
   * Linux: NODE_OPTIONS in its start-up environment loads code (`--require`, `--import`, a loader) or
   * opens an inspector; undefined where the environment cannot be read.
   */
  nodeOptionsLoadCode?: boolean;
}

/** Which socket a window's process holds; what "held" means depends on what the OS lets us see. */
export type SocketCheck = { held: true; listener: string } | { held: false; why: string };

export interface ProcessTable {
  readonly platform: NodeJS.Platform;
  get(pid: number): ProcessInfo | undefined;
  /** Does `pid` hold the listening endpoint the discovery record names (and is it the only listener)? */
  holdsListener(pid: number, endpoint: string): SocketCheck;
  /** Linux: the network namespace link of a process (abstract sockets are per namespace). */
  netNamespace?(pid: number): string | undefined;
  /**
   * Linux: does the process map Chromium's data files (`icudtl.dat`, `resources.pak`) from its
   * executable's folder, as every Electron and Chromium process does? A multiplexer, a shell or Node
   * does not, and a running process cannot be made to without a debugger.
   */
  mapsChromiumData?(pid: number): boolean | undefined;
  /** Linux: is Node's inspector open in the process now (its `InspectorIo` thread runs)? */
  inspectorOpen?(pid: number): boolean | undefined;
}

/** NODE_OPTIONS words that load code into a Node process or open its inspector. */
const NODE_OPTIONS_LOADING = /(^|\s)(-r|--require|--import|--loader|--experimental-loader|--experimental-policy|--inspect[a-z-]*|--env-file[a-z-]*)(=|\s|$)/;

/** Whether a NODE_OPTIONS value loads code or opens an inspector. */
export function nodeOptionsLoadCode(value: string): boolean {
  return NODE_OPTIONS_LOADING.test(value);
}

/** The Chromium data files an Electron process maps from its executable's folder (a /proc/<pid>/maps text). */
export function mapsChromiumDataIn(maps: string, exe: string): boolean {
  const folder = exe.replace(/ \(deleted\)$/, '').replace(/\/[^/]*$/, '');
  if (!folder) return false;
  for (const line of maps.split('\n')) {
    const slash = line.indexOf(' /');
    if (slash < 0) continue;
    const file = line.slice(slash + 1).replace(/ \(deleted\)$/, '');
    if (file === `${folder}/icudtl.dat` || file === `${folder}/resources.pak`) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Linux: /proc

const ACCEPTCON = 0x10000;

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}

/** `pid (comm) state ppid …` — comm may hold spaces and parentheses, so fields are read after the last ')'. */
export function parseProcStat(text: string): { ppid: number; startTime: number } | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = text.slice(close + 2).trim().split(/\s+/);
  // fields[0] is state (field 3); ppid is field 4, starttime field 22.
  const ppid = Number(fields[1]);
  const startTime = Number(fields[19]);
  if (!Number.isInteger(ppid) || !Number.isFinite(startTime)) return undefined;
  return { ppid, startTime };
}

/** Entries of /proc/net/unix bound at `endpoint` (an abstract name starts with NUL and is shown with '@'). */
export function listenersIn(procNetUnix: string, endpoint: string): { inode: string; listening: boolean }[] {
  const shown = endpoint.startsWith('\0') ? '@' + endpoint.slice(1).replace(/\0/g, '@') : endpoint;
  const out: { inode: string; listening: boolean }[] = [];
  for (const line of procNetUnix.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path
    const m = /^\s*[0-9a-f]+:\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+[0-9a-f]+\s+(\d+)(?: (.*))?$/i.exec(line);
    if (!m || m[3] !== shown) continue;
    out.push({ inode: m[2] as string, listening: (parseInt(m[1] as string, 16) & ACCEPTCON) !== 0 });
  }
  return out;
}

export function linuxProcessTable(procRoot = '/proc'): ProcessTable {
  const cache = new Map<number, ProcessInfo | undefined>();
  const get = (pid: number): ProcessInfo | undefined => {
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    if (cache.has(pid)) return cache.get(pid);
    let info: ProcessInfo | undefined;
    const stat = readText(`${procRoot}/${pid}/stat`);
    const parsed = stat === undefined ? undefined : parseProcStat(stat);
    if (parsed) {
      let exe = '';
      try {
        exe = fs.readlinkSync(`${procRoot}/${pid}/exe`);
      } catch {
        exe = '';
      }
      const argv = (readText(`${procRoot}/${pid}/cmdline`) ?? '').split('\0');
      if (argv[argv.length - 1] === '') argv.pop();
      const environ = readText(`${procRoot}/${pid}/environ`);
      let uid: number | undefined;
      try {
        uid = fs.statSync(`${procRoot}/${pid}`).uid;
      } catch {
        uid = undefined;
      }
      info = {
        pid,
        ...parsed,
        exe,
        argv,
        electronRunAsNode: environ === undefined ? undefined : environ.split('\0').some((kv) => kv.startsWith('ELECTRON_RUN_AS_NODE=') && kv !== 'ELECTRON_RUN_AS_NODE='),
        nodeOptionsLoadCode: environ === undefined ? undefined : environ.split('\0').some((kv) => kv.startsWith('NODE_OPTIONS=') && nodeOptionsLoadCode(kv.slice('NODE_OPTIONS='.length))),
        uid,
      };
    }
    cache.set(pid, info);
    return info;
  };
  return {
    platform: 'linux',
    get,
    netNamespace(pid) {
      try {
        return fs.readlinkSync(`${procRoot}/${pid}/ns/net`);
      } catch {
        return undefined;
      }
    },
    mapsChromiumData(pid) {
      const info = get(pid);
      const maps = readText(`${procRoot}/${pid}/maps`);
      if (!info || maps === undefined) return undefined;
      return mapsChromiumDataIn(maps, info.exe);
    },
    inspectorOpen(pid) {
      let tasks: string[];
      try {
        tasks = fs.readdirSync(`${procRoot}/${pid}/task`);
      } catch {
        return undefined;
      }
      return tasks.some((t) => readText(`${procRoot}/${pid}/task/${t}/comm`)?.trim() === 'InspectorIo');
    },
    holdsListener(pid, endpoint) {
      if (endpoint.startsWith('\0') && Buffer.byteLength(endpoint) !== 108) return { held: false, why: 'the record names an abstract socket that is not full length (Node versions would reach different sockets)' };
      // Our own namespace's view: the one our connect() will use.
      const table = readText(`${procRoot}/self/net/unix`);
      if (table === undefined) return { held: false, why: 'the system socket table cannot be read' };
      const bound = listenersIn(table, endpoint);
      const listening = bound.filter((b) => b.listening);
      if (listening.length === 0) return { held: false, why: 'no socket is listening at the address the window record names' };
      if (listening.length > 1) return { held: false, why: 'more than one socket is listening at the address the window record names' };
      const inode = (listening[0] as { inode: string }).inode;
      let fds: string[];
      try {
        fds = fs.readdirSync(`${procRoot}/${pid}/fd`);
      } catch (err) {
        return { held: false, why: `the open files of pid ${pid} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      const wanted = `socket:[${inode}]`;
      for (const fd of fds) {
        try {
          if (fs.readlinkSync(`${procRoot}/${pid}/fd/${fd}`) === wanted) return { held: true, listener: inode };
        } catch {
          // closed meanwhile
        }
      }
      return { held: false, why: `the socket listening at the record's address is not held by pid ${pid}` };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// macOS: ps and lsof (one snapshot). Arguments and start times come from the same kernel records,
// at one-second resolution; the environment of another process is not read.

type Run = (file: string, args: string[]) => string | undefined;

const runQuietly: Run = (file, args) => {
  const cp = require('node:child_process') as typeof ChildProcess;
  const r = cp.spawnSync(file, args, { encoding: 'utf8', timeout: 10_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C' }, windowsHide: true });
  return r.status === 0 ? r.stdout : undefined;
};

/** `ps -axo pid=,ppid=,uid=,lstart=,command=`: lstart is five words ("Wed Dec  2 07:39:44 2026"). */
export function parsePsSnapshot(text: string): Map<number, ProcessInfo> {
  const out = new Map<number, ProcessInfo>();
  for (const line of text.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words.length < 9) continue;
    const [pid, ppid, uid] = words.slice(0, 3).map(Number) as [number, number, number];
    const start = Date.parse(words.slice(3, 8).join(' '));
    if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isFinite(start)) continue;
    const command = line.trim().split(/\s+/).slice(8).join(' ');
    const argv = command.split(' ');
    out.set(pid, { pid, ppid, uid, startTime: start, exe: appExecutable(command), argv });
  }
  return out;
}

/** The executable part of a macOS command line: up to the first " -" (app bundle paths hold spaces). */
function appExecutable(command: string): string {
  const dash = command.indexOf(' -');
  return (dash < 0 ? command : command.slice(0, dash)).trim();
}

export function macProcessTable(run: Run = runQuietly): ProcessTable {
  let snapshot: Map<number, ProcessInfo> | undefined;
  const all = (): Map<number, ProcessInfo> => (snapshot ??= parsePsSnapshot(run('/bin/ps', ['-axo', 'pid=,ppid=,uid=,lstart=,command=']) ?? ''));
  return {
    platform: 'darwin',
    get: (pid) => all().get(pid),
    holdsListener(pid, endpoint) {
      const text = run('/usr/sbin/lsof', ['-a', '-U', '-p', String(pid), '-F', 'n']);
      if (text === undefined) return { held: false, why: `the sockets of pid ${pid} cannot be listed (lsof)` };
      const names = text.split('\n').filter((l) => l.startsWith('n')).map((l) => l.slice(1));
      return names.includes(endpoint) ? { held: true, listener: endpoint } : { held: false, why: `pid ${pid} does not hold the socket the window record names` };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Windows: one PowerShell run lists processes and asks the kernel which process serves the pipe.

const WINDOWS_SCRIPT = `
$ErrorActionPreference = 'Stop'
Add-Type -Namespace BlastShield -Name Pipe -MemberDefinition @'
[DllImport("kernel32.dll", SetLastError = true, CharSet = CharSet.Unicode)]
public static extern System.IntPtr CreateFileW(string name, uint access, uint share, System.IntPtr security, uint disposition, uint flags, System.IntPtr template);
[DllImport("kernel32.dll", SetLastError = true)]
public static extern bool GetNamedPipeServerProcessId(System.IntPtr pipe, out uint pid);
[DllImport("kernel32.dll")]
public static extern bool CloseHandle(System.IntPtr handle);
'@
$server = -1
$h = [BlastShield.Pipe]::CreateFileW($env:BLAST_SHIELD_PIPE, 0x80000000, 0, [System.IntPtr]::Zero, 3, 0, [System.IntPtr]::Zero)
if ($h -ne [System.IntPtr]::new(-1)) {
  $p = [uint32]0
  if ([BlastShield.Pipe]::GetNamedPipeServerProcessId($h, [ref]$p)) { $server = $p }
  [void][BlastShield.Pipe]::CloseHandle($h)
}
$list = Get-CimInstance Win32_Process | ForEach-Object { @{ pid = $_.ProcessId; ppid = $_.ParentProcessId; exe = "$($_.ExecutablePath)"; cmd = "$($_.CommandLine)"; start = $_.CreationDate.ToFileTimeUtc() } }
@{ server = $server; processes = @($list) } | ConvertTo-Json -Compress -Depth 3
`;

interface WindowsSnapshot {
  server: number;
  processes: { pid: number; ppid: number; exe: string; cmd: string; start: number }[];
}

export function windowsProcessTable(endpoint: string, runPowerShell: (script: string, env: Record<string, string>) => string | undefined = defaultPowerShell): ProcessTable {
  let snapshot: { server: number; byPid: Map<number, ProcessInfo> } | undefined;
  const load = (): { server: number; byPid: Map<number, ProcessInfo> } => {
    if (snapshot) return snapshot;
    const byPid = new Map<number, ProcessInfo>();
    let server = -1;
    try {
      const parsed = JSON.parse(runPowerShell(WINDOWS_SCRIPT, { BLAST_SHIELD_PIPE: endpoint }) ?? '') as WindowsSnapshot;
      server = Number(parsed.server);
      for (const p of parsed.processes ?? []) {
        byPid.set(Number(p.pid), { pid: Number(p.pid), ppid: Number(p.ppid), startTime: Number(p.start), exe: p.exe, argv: splitWindowsCommandLine(p.cmd) });
      }
    } catch {
      // an empty snapshot verifies nothing
    }
    return (snapshot = { server, byPid });
  };
  return {
    platform: 'win32',
    get: (pid) => load().byPid.get(pid),
    holdsListener(pid) {
      const { server } = load();
      if (server < 0) return { held: false, why: 'the process serving the window record named pipe could not be determined' };
      return server === pid ? { held: true, listener: String(server) } : { held: false, why: `the named pipe is served by pid ${server}, not by pid ${pid}` };
    },
  };
}

function defaultPowerShell(script: string, env: Record<string, string>): string | undefined {
  const cp = require('node:child_process') as typeof ChildProcess;
  const r = cp.spawnSync(trustedProgram('powershell.exe', { platform: 'win32' }) ?? 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'], {
    input: script,
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 32 * 1024 * 1024,
    env: { ...process.env, ...env },
    windowsHide: true,
  });
  return r.status === 0 ? r.stdout : undefined;
}

/** Enough of the Windows command-line rules to find flags and the executable: quotes group words. */
export function splitWindowsCommandLine(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let any = false;
  for (const ch of cmd) {
    if (ch === '"') {
      quoted = !quoted;
      any = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (any) out.push(cur);
      cur = '';
      any = false;
    } else {
      cur += ch;
      any = true;
    }
  }
  if (any) out.push(cur);
  return out;
}

/** The table for this operating system. */
export function systemProcessTable(endpoint: string): ProcessTable | undefined {
  switch (process.platform) {
    case 'linux':
      return linuxProcessTable();
    case 'darwin':
      return macProcessTable();
    case 'win32':
      return windowsProcessTable(endpoint);
    default:
      return undefined;
  }
}
