import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, restoreManagedFile, shimProblem, SHIM_NAME, writeManagedFile, type FileStatus, type InstallContext } from '../installCommon';

/**
 * Cline runs an executable named after the hook: `.clinerules/hooks/PreToolUse` (project) or
 * `~/Documents/Cline/Hooks/PreToolUse` (global). We write a two-line script that execs the shim. A
 * user's own PreToolUse is never overwritten: status reports it as a conflict.
 */
export function clineHookFile(ctx: InstallContext): string {
  return ctx.scope === 'user' ? path.join(ctx.home, 'Documents', 'Cline', 'Hooks', 'PreToolUse') : path.join(requireWorkspace(ctx), '.clinerules', 'hooks', 'PreToolUse');
}

export function clineScript(ctx: InstallContext): string {
  return `#!/bin/sh\n# ${SHIM_NAME}: managed by Blast Shield (blast-shield uninstall cline removes it)\nexec ${hookCommand(ctx.guardHome, 'cline')}\n`;
}

function current(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function installCline(ctx: InstallContext): FileStatus {
  const file = clineHookFile(ctx);
  const text = current(file);
  const want = clineScript(ctx);
  if (text !== undefined && !text.includes(SHIM_NAME)) return { file, state: 'conflict', detail: 'a PreToolUse hook of your own is already there; merge the Blast Shield line into it by hand' };
  if (text === want && (fs.statSync(file).mode & 0o111) !== 0) return { file, state: 'intact', detail: 'already installed' };
  writeManagedFile(ctx.guardHome, file, Buffer.from(want, 'utf8'), 0o755);
  return { file, state: 'intact', detail: text === undefined ? 'created' : 'repaired' };
}

export function uninstallCline(ctx: InstallContext): FileStatus {
  const file = clineHookFile(ctx);
  const text = current(file);
  if (text !== undefined && !text.includes(SHIM_NAME)) return { file, state: 'conflict', detail: 'not ours: left alone' };
  const result = restoreManagedFile(ctx.guardHome, file, () => undefined);
  if (result === 'absent' && text !== undefined) fs.unlinkSync(file);
  return { file, state: 'missing', detail: text === undefined ? 'nothing to remove' : 'removed' };
}

export function statusCline(ctx: InstallContext): FileStatus {
  const file = clineHookFile(ctx);
  const text = current(file);
  if (text === undefined) return { file, state: 'missing', detail: 'no PreToolUse hook' };
  if (!text.includes(SHIM_NAME)) return { file, state: 'conflict', detail: 'a PreToolUse hook that is not ours' };
  if (text !== clineScript(ctx)) return { file, state: 'altered', detail: 'the script was changed' };
  if ((fs.statSync(file).mode & 0o111) === 0) return { file, state: 'altered', detail: 'the script is not executable' };
  const runtime = shimProblem(ctx.guardHome);
  if (runtime) return { file, state: 'altered', detail: runtime };
  return { file, state: 'intact', detail: 'installed' };
}
