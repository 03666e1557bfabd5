import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Edit } from 'jsonc-parser';
import {
  AGENT_IGNORE_FILES,
  claudeReadRule,
  hasManagedBlock,
  withClaudeDenyRules,
  withIgnoreBlock,
  withoutClaudeDenyRules,
  withoutIgnoreBlock,
} from '../../core/credentials/ignoreBlocks';
import { loadCredentialCache } from './credentialCache';

/**
 * hide / unhide on disk. What hide changed is recorded in a small state file in the guard's cache
 * folder (`hidden-<workspace key>.json`): which ignore files it created, and for the Claude Code
 * settings file the rules it added, the edit that undoes them, and a hash of the text it wrote.
 * Without a state file, unhide infers: an ignore file holding nothing but our block was ours.
 */

export const HIDE_STATE_VERSION = 1;

export interface HideState {
  version: typeof HIDE_STATE_VERSION;
  root: string;
  ignoreFiles: Record<string, { created: boolean }>;
  claude?: { file: string; added: string[]; inverse: Edit[]; writtenSha256: string; created: boolean; dirCreated: boolean };
}

export interface HideOptions {
  home: string;
  cacheDir: string;
  /** Write Claude Code rules into the shared .claude/settings.json instead of settings.local.json. */
  sharedClaudeSettings?: boolean;
  /** Use these workspace-relative paths instead of scanning (tests, the extension's own index). */
  paths?: readonly string[];
}

export interface HideSummary {
  paths: string[];
  written: string[];
  created: string[];
  removed: string[];
  unchanged: string[];
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function hideStateFile(cacheDir: string, realRoot: string): string {
  const key = crypto.createHash('sha256').update(realRoot).digest('hex').slice(0, 16);
  return path.join(cacheDir, `hidden-${key}.json`);
}

function readState(file: string, root: string): HideState | undefined {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as HideState;
    return s.version === HIDE_STATE_VERSION && s.root === root ? s : undefined;
  } catch {
    return undefined;
  }
}

function writeState(file: string, state: HideState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function claudeSettingsPath(root: string, shared: boolean | undefined): string {
  return path.join(root, '.claude', shared ? 'settings.json' : 'settings.local.json');
}

/** The Claude settings text without our recorded rules (undefined: the file should not exist). */
function claudeTextWithoutOurs(text: string | undefined, record: NonNullable<HideState['claude']>): string | undefined {
  if (text === undefined) return undefined;
  return withoutClaudeDenyRules(text, record.added, { unchanged: sha256(text) === record.writtenSha256, inverse: record.inverse, created: record.created });
}

/** Make the file hold `next` (undefined: delete it, and its folder when we created that and it is empty). */
function settle(file: string, current: string | undefined, next: string | undefined, removeEmptyDir: boolean): 'removed' | 'written' | 'unchanged' {
  if (next === current) return 'unchanged';
  if (next === undefined) {
    fs.rmSync(file, { force: true });
    const dir = path.dirname(file);
    if (removeEmptyDir && fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    return 'removed';
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
  return 'written';
}

/**
 * Write the managed block listing the workspace's credential files into every agent ignore file,
 * and Claude Code `Read(...)` deny rules. Running it twice changes nothing.
 */
export async function hideCredentialFiles(rootDir: string, options: HideOptions): Promise<HideSummary> {
  const root = fs.realpathSync(rootDir);
  const paths = options.paths
    ? [...options.paths]
    : Object.keys((await loadCredentialCache(root, { home: options.home, cacheDir: options.cacheDir })).files).sort();
  const stateFile = hideStateFile(options.cacheDir, root);
  const state: HideState = readState(stateFile, root) ?? { version: HIDE_STATE_VERSION, root, ignoreFiles: {} };
  const summary: HideSummary = { paths, written: [], created: [], removed: [], unchanged: [] };
  for (const name of AGENT_IGNORE_FILES) {
    const file = path.join(root, name);
    const existing = readIfExists(file);
    const next = withIgnoreBlock(existing, paths, name);
    if (next === undefined || next === existing) {
      summary.unchanged.push(name);
      continue;
    }
    if (existing === undefined) {
      state.ignoreFiles[name] = { created: true };
      summary.created.push(name);
    } else {
      state.ignoreFiles[name] ??= { created: false };
      summary.written.push(name);
    }
    fs.writeFileSync(file, next);
  }
  // Claude Code: compute the file without our previous rules, then with the current ones, in
  // memory, so a rerun with the same files writes nothing.
  const settingsFile = claudeSettingsPath(root, options.sharedClaudeSettings);
  const relSettings = path.relative(root, settingsFile);
  if (state.claude && state.claude.file !== relSettings) {
    const oldFile = path.join(root, state.claude.file);
    const oldText = readIfExists(oldFile);
    settle(oldFile, oldText, claudeTextWithoutOurs(oldText, state.claude), state.claude.dirCreated);
    delete state.claude;
  }
  const current = readIfExists(settingsFile);
  const base = state.claude ? claudeTextWithoutOurs(current, state.claude) : current;
  const created = base === undefined;
  const dirCreated = state.claude?.dirCreated ?? !fs.existsSync(path.dirname(settingsFile));
  if (paths.length === 0) {
    const outcome = settle(settingsFile, current, base, state.claude?.dirCreated === true);
    if (outcome !== 'unchanged') summary.removed.push(relSettings);
    delete state.claude;
  } else {
    const result = withClaudeDenyRules(base, paths.map(claudeReadRule));
    const outcome = settle(settingsFile, current, result.text, false);
    state.claude = { file: relSettings, added: result.added, inverse: result.inverse, writtenSha256: sha256(result.text), created, dirCreated };
    if (outcome === 'unchanged') summary.unchanged.push(relSettings);
    else (current === undefined ? summary.created : summary.written).push(relSettings);
  }
  writeState(stateFile, state);
  return summary;
}

/** Remove everything hide wrote: each file back byte for byte, files hide created deleted. */
export function unhideCredentialFiles(rootDir: string, options: Pick<HideOptions, 'cacheDir'>): HideSummary {
  const root = fs.realpathSync(rootDir);
  const stateFile = hideStateFile(options.cacheDir, root);
  const state = readState(stateFile, root);
  const summary: HideSummary = { paths: [], written: [], created: [], removed: [], unchanged: [] };
  for (const name of AGENT_IGNORE_FILES) {
    const file = path.join(root, name);
    const text = readIfExists(file);
    if (text === undefined || !hasManagedBlock(text)) {
      summary.unchanged.push(name);
      continue;
    }
    const rest = withoutIgnoreBlock(text);
    const createdByUs = state?.ignoreFiles[name]?.created ?? rest === '';
    if (rest === '' && createdByUs) {
      fs.rmSync(file);
      summary.removed.push(name);
    } else {
      fs.writeFileSync(file, rest);
      summary.written.push(name);
    }
  }
  if (state?.claude) {
    const file = path.join(root, state.claude.file);
    const text = readIfExists(file);
    const outcome = settle(file, text, claudeTextWithoutOurs(text, state.claude), state.claude.dirCreated);
    if (outcome === 'removed') summary.removed.push(state.claude.file);
    else if (outcome === 'written') summary.written.push(state.claude.file);
  }
  fs.rmSync(stateFile, { force: true });
  return summary;
}
