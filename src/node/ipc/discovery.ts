import { nodeCrypto } from '../lazyCrypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDiscoveryRecord, type DiscoveryRecord } from '../../core/protocol/ipc';
import { GUARD_PATHS } from '../guardHome';

/**
 * Owner-only discovery of editor windows: one 0600 JSON file per window in the guard home's 0700
 * ipc folder. The hook picks the window whose workspace folders contain the payload's workspace
 * (longest prefix), skipping records whose process is gone. A stale record is removed only when
 * its owner is provably dead (ESRCH), never on a permission error.
 */

export const DISCOVERY_SUFFIX = '.window.json';
const MAX_DISCOVERY_BYTES = 64 * 1024;

/** Create the ipc folder 0700 (and tighten it if it exists with a wider mode). */
export function ensureIpcDir(guardHomeDir: string): string {
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  const dir = GUARD_PATHS.ipcDir(guardHomeDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') {
    const st = fs.statSync(dir);
    if (st.uid !== process.getuid?.()) throw new Error(`${dir} is not owned by this user`);
    if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  }
  return dir;
}

/** Is a process alive? 'dead' only on ESRCH; EPERM means it exists under another user. */
export function processState(pid: number): 'alive' | 'dead' | 'unknown' {
  if (!Number.isInteger(pid) || pid <= 0) return 'dead';
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return 'dead';
    return code === 'EPERM' ? 'alive' : 'unknown';
  }
}

export function writeDiscoveryRecord(guardHomeDir: string, record: DiscoveryRecord): string {
  const dir = ensureIpcDir(guardHomeDir);
  const file = path.join(dir, `${record.pid}-${nodeCrypto().randomBytes(6).toString('hex')}${DISCOVERY_SUFFIX}`);
  const tmp = file + '.tmp';
  fs.writeFileSync(tmp, JSON.stringify(record), { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return file;
}

export function removeDiscoveryRecord(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // already gone
  }
}

/** A dead window's socket file, removed only when it is a socket inside our own ipc folder. */
function removeStaleSocket(endpoint: string, ipcDir: string): void {
  if (process.platform === 'win32' || isAbstractEndpoint(endpoint) || path.dirname(path.resolve(endpoint)) !== path.resolve(ipcDir)) return;
  try {
    if (fs.lstatSync(endpoint).isSocket()) fs.unlinkSync(endpoint);
  } catch {
    // already gone
  }
}

export interface FoundWindow {
  record: DiscoveryRecord;
  file: string;
  /** Length of the workspace folder that matched (0 when none did). */
  matchLength: number;
}

function readRecord(file: string): DiscoveryRecord | undefined {
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > MAX_DISCOVERY_BYTES) return undefined;
    if (process.platform !== 'win32' && (st.uid !== process.getuid?.() || (st.mode & 0o077) !== 0)) return undefined;
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return isDiscoveryRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function normalizeForCompare(p: string): string {
  const n = path.resolve(p);
  return process.platform === 'win32' || process.platform === 'darwin' ? n.toLowerCase() : n;
}

function containsLength(folder: string, target: string): number {
  const f = normalizeForCompare(folder);
  const t = normalizeForCompare(target);
  if (t === f || t.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) return f.length;
  return 0;
}

/** Every live window record, with stale ones swept when their owner is provably dead. */
export function listWindows(guardHomeDir: string): FoundWindow[] {
  const dir = GUARD_PATHS.ipcDir(guardHomeDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: FoundWindow[] = [];
  for (const name of names) {
    if (!name.endsWith(DISCOVERY_SUFFIX)) continue;
    const file = path.join(dir, name);
    const record = readRecord(file);
    if (!record) continue;
    const state = processState(record.pid);
    if (state === 'dead') {
      removeDiscoveryRecord(file);
      removeStaleSocket(record.endpoint, dir);
      continue;
    }
    out.push({ record, file, matchLength: 0 });
  }
  return out;
}

/**
 * The window that owns `workspace` (or one of `workspaces`): longest workspace-folder prefix wins;
 * among equals, the most recently created. Undefined when no live window contains it.
 */
export function findWindow(guardHomeDir: string, workspaces: readonly string[]): FoundWindow | undefined {
  return findWindows(guardHomeDir, workspaces)[0];
}

/** Every live window that contains `workspaces`, best first (longest folder match, then newest). */
export function findWindows(guardHomeDir: string, workspaces: readonly string[]): FoundWindow[] {
  const out: FoundWindow[] = [];
  for (const w of listWindows(guardHomeDir)) {
    let match = 0;
    for (const folder of w.record.workspaceFolders) for (const ws of workspaces) match = Math.max(match, containsLength(folder, ws));
    if (match > 0) out.push({ ...w, matchLength: match });
  }
  return out.sort((a, b) => b.matchLength - a.matchLength || (a.record.createdAt < b.record.createdAt ? 1 : a.record.createdAt > b.record.createdAt ? -1 : 0));
}

/** Linux abstract socket names start with a NUL byte and have no file. */
export function isAbstractEndpoint(endpoint: string): boolean {
  return endpoint.startsWith('\0');
}

/**
 * Abstract names fill the whole sun_path (108 bytes with the leading NUL): Node 20 binds and
 * connects with the full length, Node 22 and later with the name's own length, so only a full-length
 * name is the same address for a hook and an editor on different Node versions.
 */
export const ABSTRACT_ENDPOINT_BYTES = 108;

export function abstractEndpoint(prefix: string, filler: string): string {
  const name = (prefix + filler).slice(0, ABSTRACT_ENDPOINT_BYTES - 1);
  if (name.length !== ABSTRACT_ENDPOINT_BYTES - 1 || !/^[\x21-\x7e]+$/.test(name)) throw new Error('an abstract socket name needs 107 printable ASCII characters');
  return '\0' + name;
}

/**
 * A fresh endpoint name. Linux: an abstract socket, which has no file a script could replace with
 * a link to its own socket, and whose one listener the hook can find in /proc (see windowIdentity).
 * macOS: a Unix socket in the ipc folder. Windows: a named pipe.
 */
export function newEndpoint(ipcDir: string): string {
  const id = nodeCrypto().randomBytes(12).toString('hex');
  if (process.platform === 'win32') return `\\\\.\\pipe\\blast-shield-${id}`;
  if (process.platform === 'linux') return abstractEndpoint(`blast-shield-${process.getuid?.() ?? 0}-`, nodeCrypto().randomBytes(64).toString('hex'));
  const candidate = path.join(ipcDir, `${id}.sock`);
  // sun_path is limited to about 104 bytes; fall back to a private folder under the temp dir.
  if (Buffer.byteLength(candidate) < 100) return candidate;
  const uid = process.getuid?.() ?? 0;
  const dir = path.join(os.tmpdir(), `blast-shield-${uid}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(dir);
  if (!st.isDirectory() || st.uid !== uid) throw new Error(`${dir} is not a private folder`);
  if ((st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return path.join(dir, `${id.slice(0, 16)}.sock`);
}
