import * as path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { hookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';
import { CURSOR_EVENTS } from './types';

/** `.cursor/hooks.json` (project) or `~/.cursor/hooks.json` (user); every event fail-closed, no matcher. */
export const cursorInstallSpec: JsonHostSpec = {
  host: 'cursor',
  file: (ctx: InstallContext) => path.join(ctx.scope === 'user' ? ctx.home : requireWorkspace(ctx), '.cursor', 'hooks.json'),
  entries: (ctx) =>
    CURSOR_EVENTS.map((event) => ({
      arrayPath: ['hooks', event],
      entry: { command: hookCommand(ctx.guardHome, 'cursor'), timeout: HOOK_TIMEOUT_SECONDS, failClosed: true },
    })),
  skeleton: { version: 1, hooks: {} },
};

export function requireWorkspace(ctx: InstallContext): string {
  if (!ctx.workspace) throw new Error('project scope needs a workspace folder (--workspace DIR)');
  return ctx.workspace;
}
