import * as path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, windowsHookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';

/** Our own file in the Copilot CLI format, beside the VS Code one. */
export const copilotInstallSpec: JsonHostSpec = {
  host: 'copilot',
  file: (ctx: InstallContext) =>
    ctx.scope === 'user' ? path.join(ctx.home, '.copilot', 'hooks', 'blast-shield-copilot.json') : path.join(requireWorkspace(ctx), '.github', 'hooks', 'blast-shield-copilot.json'),
  entries: (ctx) => [
    {
      arrayPath: ['hooks', 'preToolUse'],
      entry: { type: 'command', bash: hookCommand(ctx.guardHome, 'copilot'), powershell: windowsHookCommand(ctx.guardHome, 'copilot'), timeoutSec: HOOK_TIMEOUT_SECONDS },
    },
  ],
  skeleton: { version: 1, hooks: {} },
};
