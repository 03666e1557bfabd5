import * as path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';
import { copilotTrustProblem } from './trust';

/**
 * Our own file in the Copilot CLI format, beside the VS Code one. User scope (`~/.copilot/hooks`) is
 * the default because Copilot CLI loads it in every folder; a project install loads only in a folder
 * Copilot CLI trusts, and status says so.
 */
export const copilotInstallSpec: JsonHostSpec = {
  host: 'copilot',
  file: (ctx: InstallContext) =>
    ctx.scope === 'user' ? path.join(ctx.home, '.copilot', 'hooks', 'blast-shield-copilot.json') : path.join(requireWorkspace(ctx), '.github', 'hooks', 'blast-shield-copilot.json'),
  entries: (ctx) => [
    {
      arrayPath: ['hooks', 'preToolUse'],
      entry: { type: 'command', bash: hookCommand(ctx.guardHome, 'copilot'), powershell: hookCommand(ctx.guardHome, 'copilot'), timeoutSec: HOOK_TIMEOUT_SECONDS },
    },
  ],
  skeleton: { version: 1, hooks: {} },
  loadProblem: (ctx) => (ctx.scope === 'project' ? copilotTrustProblem(requireWorkspace(ctx), ctx.home, ctx.env ?? process.env) : undefined),
};
