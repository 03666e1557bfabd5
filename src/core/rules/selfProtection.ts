import type { PerimeterFacts } from '../policy/types';
import { AGENT_IGNORE_FILES } from '../credentials/agentIgnoreFiles';
import { guardedByContent, perimeterView, protectionOf, type ProtectedKind } from './perimeter/protectedPaths';

/**
 * Self-protection for agents' file tools (Write, Edit, apply_patch ...): is this absolute path one of
 * the guard's protected files? The shell side of the same perimeter is `rules/perimeter`.
 */

export type GuardFileKind = ProtectedKind;

export interface GuardFile {
  kind: GuardFileKind;
  label: string;
}

/** Where the guard's files live: home, the guard's own folder, the workspace folders, and what the install registry adds. */
export interface GuardLocations {
  home: string;
  /** ~/.blast-shield unless BLAST_SHIELD_HOME moved it. */
  guardHome: string;
  workspaceRoots: readonly string[];
  perimeter?: PerimeterFacts;
}

/** Agent ignore files whose managed block the guard writes. */
export const MANAGED_IGNORE_FILES: readonly string[] = AGENT_IGNORE_FILES;

export { MANAGED_BLOCK_MARKER, SETTINGS_KEY_PREFIX } from './perimeter/protectedPaths';
/** A code-loading setting (`NODE_OPTIONS=--require /tmp/x.js`, `BASH_ENV=…`) in text an agent writes: the same answer as a shell write of it. */
export { codeLoadingSettingIn } from './perimeter/envInjection';

/**
 * Is this absolute path one of the guard's own files (wherever the payload's cwd is)? Files guarded
 * only depending on their content (ignore files, `.vscode/settings.json`, the editor's user
 * settings) are reported with a kind the caller confirms with `isGuardedContent`.
 */
export function guardFileOf(absolutePath: string, where: GuardLocations): GuardFile | undefined {
  return protectionOf(absolutePath, perimeterView(where));
}

/**
 * For content-dependent kinds: is the file guarded given its current text and, for a write, the new
 * text? Path-only kinds are always guarded.
 */
export function isGuardedContent(file: GuardFile, currentText: string | undefined, newText?: string): boolean {
  return guardedByContent(file.kind, currentText, newText);
}
