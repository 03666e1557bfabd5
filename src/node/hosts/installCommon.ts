import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { HostId } from '../../core/protocol/ipc';
import { GUARD_PATHS } from '../guardHome';

/**
 * Installing our entries into the hosts' configuration files: merged with jsonc-parser edits so the
 * user's comments and other entries stay; the original bytes (or the fact that we created the file)
 * are remembered in the guard home so uninstall restores each file exactly; and each entry can be
 * checked as intact, altered or missing, and repaired by installing again.
 */

export type InstallScope = 'user' | 'project';
/**
 * `not-loaded`: our entries are there as written, but the host will not load them (Copilot CLI skips
 * project hooks in a folder it does not trust). Never reported as intact: nothing runs the hook.
 */
export type EntryState = 'intact' | 'missing' | 'altered' | 'conflict' | 'not-loaded';

export interface InstallContext {
  scope: InstallScope;
  /** The workspace folder for project scope. */
  workspace?: string;
  /** The user's home folder (where ~/.cursor, ~/.claude ... live). */
  home: string;
  /** The guard home (~/.blast-shield). */
  guardHome: string;
  /** The environment hosts read their own homes from (COPILOT_HOME …); the process's when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The name every command we write contains; how our entries are recognised. */
export const SHIM_NAME = 'blast-shield-hook';

/** What the shim runs, copied into the guard's bin folder by installShim. */
export const INSTALLED_CLI_FILES = ['cli.js', 'cli-main.js'];

/** Why the installed hook command cannot run (the shim or a CLI file is gone), or undefined. */
export function shimProblem(guardHomeDir: string): string | undefined {
  if (!fs.existsSync(shimPath(guardHomeDir))) return 'the hook shim is missing';
  const gone = INSTALLED_CLI_FILES.filter((f) => !fs.existsSync(path.join(GUARD_PATHS.binDir(guardHomeDir), f)));
  return gone.length > 0 ? `the installed CLI is incomplete (${gone.join(', ')} missing; every hook call denies until it is reinstalled)` : undefined;
}

export function shimPath(guardHomeDir: string): string {
  return path.join(GUARD_PATHS.binDir(guardHomeDir), process.platform === 'win32' ? `${SHIM_NAME}.cmd` : SHIM_NAME);
}

function quoteArg(p: string): string {
  return /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(p) ? p : `"${p.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** The command line a host runs: the stable shim, `hook`, the host id. */
export function hookCommand(guardHomeDir: string, host: HostId): string {
  return `${quoteArg(shimPath(guardHomeDir))} hook ${host}`;
}

/** One managed array entry: where it goes and what it must look like. */
export interface ManagedEntry {
  /** JSON path of the array the entry lives in, e.g. ['hooks', 'beforeShellExecution']. */
  arrayPath: JSONPath;
  entry: Record<string, unknown>;
}

export interface JsonHostSpec {
  host: HostId;
  /** The file for a scope. */
  file(ctx: InstallContext): string;
  entries(ctx: InstallContext): ManagedEntry[];
  /** Top-level keys a freshly created file needs (`version: 1`). */
  skeleton?: Record<string, unknown>;
  /** Why the host will not load entries written for this context (scope, trust), or undefined. */
  loadProblem?(ctx: InstallContext): string | undefined;
}

export interface FileStatus {
  file: string;
  state: EntryState;
  detail: string;
}

export interface HostStatus {
  host: HostId;
  scope: InstallScope;
  files: FileStatus[];
}

// ---------------------------------------------------------------------------------------------
// Remembered originals

interface RememberedFile {
  created: boolean;
  /** base64 of the bytes before our first install (absent when we created the file). */
  original?: string;
  /** base64 of the bytes we last wrote. */
  written: string;
  /** Folders that did not exist before our first write, deepest first (removed again when empty). */
  createdDirs?: string[];
}

interface InstallState {
  version: 1;
  files: Record<string, RememberedFile>;
}

function statePath(guardHomeDir: string): string {
  return path.join(guardHomeDir, 'install-state.json');
}

function readState(guardHomeDir: string): InstallState {
  try {
    const v = JSON.parse(fs.readFileSync(statePath(guardHomeDir), 'utf8')) as InstallState;
    if (v && v.version === 1 && typeof v.files === 'object' && v.files !== null) return v;
  } catch {
    // first install
  }
  return { version: 1, files: {} };
}

function writeState(guardHomeDir: string, state: InstallState): void {
  fs.mkdirSync(guardHomeDir, { recursive: true, mode: 0o700 });
  const file = statePath(guardHomeDir);
  fs.writeFileSync(file + '.tmp', JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(file + '.tmp', file);
}

function readBytes(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function missingDirs(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    out.push(d);
    if (path.dirname(d) === d) break;
  }
  return out;
}

/**
 * Folders to remove again with `file`: those missing now, plus those an earlier managed file created
 * on its path. Two hosts share `.github/hooks/`; whichever file is restored last removes the folder,
 * in any uninstall order (rmdir fails harmlessly while the other file or a user's file is there).
 */
function createdDirsFor(state: InstallState, file: string): string[] {
  const dir = path.dirname(file);
  const dirs = new Set(missingDirs(dir));
  for (const other of Object.values(state.files)) {
    for (const d of other.createdDirs ?? []) if (d === dir || dir.startsWith(d + path.sep)) dirs.add(d);
  }
  return [...dirs].sort((a, b) => b.length - a.length);
}

/** Write `bytes` to `file`, remembering what was there before the first time. */
export function writeManagedFile(guardHomeDir: string, file: string, bytes: Buffer, mode?: number): void {
  const state = readState(guardHomeDir);
  const before = readBytes(file);
  const known = state.files[file];
  const remembered: RememberedFile = known ?? (before === undefined ? { created: true, written: '' } : { created: false, original: before.toString('base64'), written: '' });
  if (!known) remembered.createdDirs = createdDirsFor(state, file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes, mode !== undefined ? { mode } : undefined);
  if (mode !== undefined) fs.chmodSync(file, mode);
  remembered.written = bytes.toString('base64');
  state.files[file] = remembered;
  writeState(guardHomeDir, state);
}

/**
 * Undo our changes to `file`. When the file still holds exactly what we wrote, the original bytes
 * come back (or the file goes, if we created it). Otherwise `removeOurs` edits our entries out of the
 * current text, keeping whatever else changed since.
 */
export function restoreManagedFile(guardHomeDir: string, file: string, removeOurs: (text: string) => string | undefined): 'restored' | 'edited' | 'absent' {
  const state = readState(guardHomeDir);
  const known = state.files[file];
  const current = readBytes(file);
  let result: 'restored' | 'edited' | 'absent' = 'absent';
  if (known && current && current.toString('base64') === known.written) {
    if (known.created) {
      fs.unlinkSync(file);
      for (const dir of known.createdDirs ?? []) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break; // not empty: the user put something there
        }
      }
    } else fs.writeFileSync(file, Buffer.from(known.original ?? '', 'base64'));
    result = 'restored';
  } else if (current) {
    const edited = removeOurs(current.toString('utf8'));
    if (edited !== undefined && edited !== current.toString('utf8')) {
      if (known?.original !== undefined && edited === Buffer.from(known.original, 'base64').toString('utf8')) fs.writeFileSync(file, Buffer.from(known.original, 'base64'));
      else fs.writeFileSync(file, edited);
      result = 'edited';
    }
  }
  if (known) {
    delete state.files[file];
    writeState(guardHomeDir, state);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// JSON(C) entries

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function detectIndent(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const m = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (!m) return { insertSpaces: true, tabSize: 2, eol };
  const ws = m[1] ?? '  ';
  return ws.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: ws.length, eol };
}

export function isOurs(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(SHIM_NAME);
}

function arrayNode(tree: Node | undefined, arrayPath: JSONPath): Node | undefined {
  if (!tree) return undefined;
  const node = findNodeAtLocation(tree, arrayPath);
  return node && node.type === 'array' ? node : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as Record<string, unknown>).sort()) out[k] = canonical((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Remove every entry of ours from the text (all managed arrays), keeping everything else. */
export function removeOurEntries(text: string, arrayPaths: readonly JSONPath[]): string {
  const options = { formattingOptions: detectIndent(text) };
  let out = text;
  for (const arrayPath of arrayPaths) {
    const node = arrayNode(parseTree(out), arrayPath);
    if (!node?.children) continue;
    const indices = node.children.map((c, i) => (isOurs(getNodeValue(c)) ? i : -1)).filter((i) => i >= 0).reverse();
    for (const i of indices) out = applyEdits(out, modify(out, [...arrayPath, i], undefined, options));
    const after = arrayNode(parseTree(out), arrayPath);
    if (after && (after.children?.length ?? 0) === 0) out = applyEdits(out, modify(out, arrayPath, undefined, options));
  }
  // drop an emptied `hooks` object we may have created
  const tree = parseTree(out);
  const hooks = tree ? findNodeAtLocation(tree, ['hooks']) : undefined;
  if (hooks && hooks.type === 'object' && (hooks.children?.length ?? 0) === 0) out = applyEdits(out, modify(out, ['hooks'], undefined, options));
  return out;
}

/** The text with our entries present exactly once each, as specified; other content untouched. */
export function mergeOurEntries(text: string | undefined, entries: readonly ManagedEntry[], skeleton: Record<string, unknown> | undefined): string {
  let out = text && text.trim().length > 0 ? text : JSON.stringify(skeleton ?? {}, null, 2) + '\n';
  const options = text ? { formattingOptions: detectIndent(text) } : FORMAT;
  const paths = uniquePaths(entries.map((e) => e.arrayPath));
  if (entries.every((e) => entryState(out, e) === 'intact') && paths.every((p) => countOurs(out, p) === entries.filter((e) => samePath(e.arrayPath, p)).length)) return out;
  out = removeOurEntries(out, paths);
  for (const skeletonKey of Object.keys(skeleton ?? {})) {
    const tree = parseTree(out);
    if (!tree || !findNodeAtLocation(tree, [skeletonKey])) out = applyEdits(out, modify(out, [skeletonKey], (skeleton ?? {})[skeletonKey], options));
  }
  for (const e of entries) {
    const node = arrayNode(parseTree(out), e.arrayPath);
    if (node) out = applyEdits(out, modify(out, [...e.arrayPath, -1], e.entry, { ...options, isArrayInsertion: true }));
    else out = applyEdits(out, modify(out, e.arrayPath, [e.entry], options));
  }
  return out;
}

function samePath(a: JSONPath, b: JSONPath): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function uniquePaths(paths: JSONPath[]): JSONPath[] {
  const out: JSONPath[] = [];
  for (const p of paths) if (!out.some((q) => samePath(p, q))) out.push(p);
  return out;
}

function countOurs(text: string, arrayPath: JSONPath): number {
  const node = arrayNode(parseTree(text), arrayPath);
  return node?.children?.filter((c) => isOurs(getNodeValue(c))).length ?? 0;
}

export function entryState(text: string | undefined, e: ManagedEntry): EntryState {
  if (text === undefined) return 'missing';
  const node = arrayNode(parseTree(text), e.arrayPath);
  const ours = node?.children?.map((c) => getNodeValue(c) as unknown).filter(isOurs) ?? [];
  if (ours.length === 0) return 'missing';
  return ours.length === 1 && sameJson(ours[0], e.entry) ? 'intact' : 'altered';
}

export function installJson(spec: JsonHostSpec, ctx: InstallContext): FileStatus {
  const file = spec.file(ctx);
  const before = readBytes(file)?.toString('utf8');
  if (before !== undefined) {
    const errors: ParseError[] = [];
    parseTree(before, errors, { allowTrailingComma: true });
    if (errors.length > 0 && before.trim().length > 0) return { file, state: 'conflict', detail: 'the file is not valid JSON; fix it and install again' };
  }
  const after = mergeOurEntries(before, spec.entries(ctx), spec.skeleton);
  if (after !== before) writeManagedFile(ctx.guardHome, file, Buffer.from(after, 'utf8'));
  const detail = before === after ? 'already installed' : before === undefined ? 'created' : 'entries merged';
  const unloaded = spec.loadProblem?.(ctx);
  return unloaded ? { file, state: 'not-loaded', detail: `${detail}, but ${unloaded}` } : { file, state: 'intact', detail };
}

export function uninstallJson(spec: JsonHostSpec, ctx: InstallContext): FileStatus {
  const file = spec.file(ctx);
  const paths = uniquePaths(spec.entries(ctx).map((e) => e.arrayPath));
  const result = restoreManagedFile(ctx.guardHome, file, (text) => removeOurEntries(text, paths));
  return { file, state: 'missing', detail: result === 'restored' ? 'original restored' : result === 'edited' ? 'our entries removed' : 'nothing to remove' };
}

export function statusJson(spec: JsonHostSpec, ctx: InstallContext): FileStatus {
  const file = spec.file(ctx);
  const text = readBytes(file)?.toString('utf8');
  const entries = spec.entries(ctx);
  const states = entries.map((e) => entryState(text, e));
  const intact = states.filter((s) => s === 'intact').length;
  let state: EntryState;
  if (states.every((s) => s === 'intact')) state = 'intact';
  else if (states.every((s) => s === 'missing')) state = 'missing';
  else state = 'altered';
  const runtime = state === 'intact' ? shimProblem(ctx.guardHome) : undefined;
  const detail = `${intact}/${entries.length} entries intact` + (runtime ? `; ${runtime}` : '');
  if (runtime) return { file, state: 'altered', detail };
  const unloaded = state === 'intact' ? spec.loadProblem?.(ctx) : undefined;
  if (unloaded) return { file, state: 'not-loaded', detail: `${detail}; ${unloaded}` };
  return { file, state, detail };
}
