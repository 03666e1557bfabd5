import * as fs from 'node:fs';
import * as path from 'node:path';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, restoreManagedFile, shimProblem, SHIM_NAME, writeManagedFile, type FileStatus, type InstallContext } from '../installCommon';

/**
 * Cline runs an executable named after the hook: `.clinerules/hooks/PreToolUse` (project) or
 * `~/Documents/Cline/Hooks/PreToolUse` (global). We write a short script that runs the shim.
 *
 * A user's own PreToolUse is never overwritten: it is moved aside, byte for byte and with its mode, to
 * `PreToolUse.before-blast-shield`, and our script chains to it. Blast Shield decides first; only when
 * it allows does the user's hook run (on the same input), and its answer is Cline's. Uninstall moves it
 * back. Chaining can only add refusals to ours, never turn one of ours into an allow.
 */
export const CHAINED_HOOK_NAME = 'PreToolUse.before-blast-shield';

export function clineHookFile(ctx: InstallContext): string {
  return ctx.scope === 'user' ? path.join(ctx.home, 'Documents', 'Cline', 'Hooks', 'PreToolUse') : path.join(requireWorkspace(ctx), '.clinerules', 'hooks', 'PreToolUse');
}

function chainedFile(ctx: InstallContext): string {
  return path.join(path.dirname(clineHookFile(ctx)), CHAINED_HOOK_NAME);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Cline runs the action when its hook prints nothing it can read (a shim or runtime that is gone, a
 * crash before the answer): the script itself then answers a cancel.
 */
const SILENT_GUARD_CANCEL = JSON.stringify({
  cancel: true,
  errorMessage: 'Blast Shield could not run its hook, so this action is blocked. Do not retry it. The user should run `blast-shield install cline` (or reopen the editor with Blast Shield) to repair the hook.',
});

/** Our script; with `chainTo`, the user's own hook runs after ours allows. */
export function clineScript(ctx: InstallContext, chainTo?: string): string {
  const head = `#!/bin/sh\n# ${SHIM_NAME}: managed by Blast Shield (blast-shield uninstall cline removes it${chainTo ? ' and puts your own hook back' : ''})\n`;
  const answerOrCancel = `case "$ours" in\n  '{'*) printf '%s\\n' "$ours" ;;\n  *) printf '%s\\n' ${shellQuote(SILENT_GUARD_CANCEL)} ;;\nesac\n`;
  if (!chainTo) return `${head}ours=$(${hookCommand(ctx.guardHome, 'cline')})\n${answerOrCancel}exit 0\n`;
  return (
    head +
    `# Blast Shield decides first; only when it allows does your own hook (${CHAINED_HOOK_NAME}) run.\n` +
    `input=$(cat; printf x)\n` +
    `input=\${input%x}\n` +
    `ours=$(printf '%s' "$input" | ${hookCommand(ctx.guardHome, 'cline')})\n` +
    `status=$?\n` +
    `if [ "$status" -ne 0 ] || [ "$ours" != '{"cancel":false}' ]; then\n` +
    answerOrCancel.replace(/^/gm, '  ').replace(/ +$/, '') +
    `  exit 0\n` +
    `fi\n` +
    `printf '%s' "$input" | exec ${shellQuote(chainTo)}\n`
  );
}

function current(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function wanted(ctx: InstallContext): string {
  const chained = chainedFile(ctx);
  return clineScript(ctx, fs.existsSync(chained) ? chained : undefined);
}

export function installCline(ctx: InstallContext): FileStatus {
  const file = clineHookFile(ctx);
  const text = current(file);
  if (text !== undefined && !text.includes(SHIM_NAME)) {
    const chained = chainedFile(ctx);
    if (fs.existsSync(chained)) return { file, state: 'conflict', detail: `a PreToolUse hook of your own is there and so is ${CHAINED_HOOK_NAME}; merge them by hand, then install again` };
    fs.renameSync(file, chained);
    writeManagedFile(ctx.guardHome, file, Buffer.from(clineScript(ctx, chained), 'utf8'), 0o755);
    return { file, state: 'intact', detail: `created; your own PreToolUse hook runs after Blast Shield allows (kept as ${CHAINED_HOOK_NAME})` };
  }
  const want = wanted(ctx);
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
  const chained = chainedFile(ctx);
  if (fs.existsSync(chained) && !fs.existsSync(file)) {
    fs.renameSync(chained, file);
    return { file, state: 'missing', detail: 'removed; your own PreToolUse hook is back in its place' };
  }
  return { file, state: 'missing', detail: text === undefined ? 'nothing to remove' : 'removed' };
}

export function statusCline(ctx: InstallContext): FileStatus {
  const file = clineHookFile(ctx);
  const text = current(file);
  if (text === undefined) return { file, state: 'missing', detail: 'no PreToolUse hook' };
  if (!text.includes(SHIM_NAME)) return { file, state: 'conflict', detail: 'a PreToolUse hook that is not ours' };
  if (text !== wanted(ctx)) return { file, state: 'altered', detail: 'the script was changed' };
  if ((fs.statSync(file).mode & 0o111) === 0) return { file, state: 'altered', detail: 'the script is not executable' };
  const runtime = shimProblem(ctx.guardHome);
  if (runtime) return { file, state: 'altered', detail: runtime };
  return { file, state: 'intact', detail: fs.existsSync(chainedFile(ctx)) ? `installed; chains to your own ${CHAINED_HOOK_NAME}` : 'installed' };
}
