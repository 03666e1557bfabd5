import * as path from 'node:path';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';
import { WINDSURF_EVENTS } from './types';

/**
 * `.windsurf/hooks.json` (project) or `~/.codeium/windsurf/hooks.json` (user): one entry per pre-hook,
 * with `show_output` so the reason of a block is shown. Windsurf documents no timeout setting.
 */
export const windsurfInstallSpec: JsonHostSpec = {
  host: 'windsurf',
  file: (ctx: InstallContext) => (ctx.scope === 'user' ? path.join(ctx.home, '.codeium', 'windsurf', 'hooks.json') : path.join(requireWorkspace(ctx), '.windsurf', 'hooks.json')),
  entries: (ctx) => WINDSURF_EVENTS.map((event) => ({ arrayPath: ['hooks', event], entry: { command: hookCommand(ctx.guardHome, 'windsurf'), show_output: true } })),
  skeleton: { hooks: {} },
};
