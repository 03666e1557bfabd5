import * as path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, windowsHookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';

/** Our own file in `.github/hooks/` (project) or `~/.copilot/hooks/` (user), in the Local harness format. */
export const vscodeInstallSpec: JsonHostSpec = {
  host: 'vscode',
  file: (ctx: InstallContext) =>
    ctx.scope === 'user' ? path.join(ctx.home, '.copilot', 'hooks', 'blast-shield-vscode.json') : path.join(requireWorkspace(ctx), '.github', 'hooks', 'blast-shield-vscode.json'),
  entries: (ctx) => [
    {
      arrayPath: ['hooks', 'PreToolUse'],
      entry: { type: 'command', command: hookCommand(ctx.guardHome, 'vscode'), windows: windowsHookCommand(ctx.guardHome, 'vscode'), timeout: HOOK_TIMEOUT_SECONDS },
    },
  ],
  skeleton: { hooks: {} },
};
