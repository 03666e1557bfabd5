import * as path from 'node:path';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';
import { CLAUDE_MATCHER } from './types';

/**
 * `~/.claude/settings.json` (user) or `.claude/settings.local.json` (project: the per-user file, since
 * the command holds an absolute path that must not be committed). `onFailure: "block"` makes Claude
 * Code 2.1.295+ deny when the hook fails; older versions ignore the key.
 */
export const claudeInstallSpec: JsonHostSpec = {
  host: 'claude',
  file: (ctx: InstallContext) =>
    ctx.scope === 'user' ? path.join(ctx.home, '.claude', 'settings.json') : path.join(requireWorkspace(ctx), '.claude', 'settings.local.json'),
  entries: (ctx) => [
    {
      arrayPath: ['hooks', 'PreToolUse'],
      entry: { matcher: CLAUDE_MATCHER, hooks: [{ type: 'command', command: hookCommand(ctx.guardHome, 'claude'), timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] },
    },
  ],
};
