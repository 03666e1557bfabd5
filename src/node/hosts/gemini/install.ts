import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, getNodeValue } from 'jsonc-parser';
import { isObject } from '../action';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, type InstallContext, type JsonHostSpec } from '../installCommon';

/** The hook's name in Gemini CLI's hook list (and in `hooksConfig.disabled`). */
export const GEMINI_HOOK_NAME = 'blast-shield';

/**
 * `hooks.BeforeTool` in `~/.gemini/settings.json` (user) or `.gemini/settings.json` (project): one group
 * without a matcher, so every tool reaches the hook, with the timeout in milliseconds.
 */
export const geminiInstallSpec: JsonHostSpec = {
  host: 'gemini',
  file: (ctx: InstallContext) => path.join(ctx.scope === 'user' ? ctx.home : requireWorkspace(ctx), '.gemini', 'settings.json'),
  entries: (ctx) => [
    {
      arrayPath: ['hooks', 'BeforeTool'],
      entry: {
        hooks: [{ type: 'command', name: GEMINI_HOOK_NAME, command: hookCommand(ctx.guardHome, 'gemini'), timeout: HOOK_TIMEOUT_SECONDS * 1000, description: 'Blast Shield: stops destructive actions and credential reads' }],
      },
    },
  ],
  loadProblem: (ctx) => geminiNotLoaded(ctx),
};

function readSettings(file: string): Record<string, unknown> | undefined {
  try {
    const v = getNodeValue(parseTree(fs.readFileSync(file, 'utf8'), [], { allowTrailingComma: true }) ?? { type: 'null', offset: 0, length: 0 }) as unknown;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function hooksConfigOf(settings: Record<string, unknown> | undefined): { enabled?: unknown; disabled: unknown[] } {
  const c = settings?.hooksConfig;
  return isObject(c) ? { enabled: c.enabled, disabled: Array.isArray(c.disabled) ? c.disabled : [] } : { disabled: [] };
}

/**
 * Why Gemini CLI will not run our entry, read from the settings it merges and its trusted-folders file,
 * or undefined. Gemini runs no settings hook at all (user ones included) in a folder it does not trust.
 * A folder with no trust decision yet is not reported: there Gemini asks before it does anything
 * (interactive) or refuses to start (`-p`), and the answer "do not trust" is recorded and reported.
 */
export function geminiNotLoaded(ctx: InstallContext): string | undefined {
  const files = [path.join(ctx.home, '.gemini', 'settings.json'), ...(ctx.workspace ? [path.join(ctx.workspace, '.gemini', 'settings.json')] : [])];
  const command = hookCommand(ctx.guardHome, 'gemini');
  for (const file of files) {
    const config = hooksConfigOf(readSettings(file));
    if (config.enabled === false) return `hooks are turned off (hooksConfig.enabled is false in ${file})`;
    if (config.disabled.some((d) => d === GEMINI_HOOK_NAME || d === command)) return `our hook is listed in hooksConfig.disabled in ${file}`;
  }
  if (!ctx.workspace) return undefined;
  const user = readSettings(files[0] as string);
  const security = isObject(user?.security) ? user.security : undefined;
  if (isObject(security?.folderTrust) && security.folderTrust.enabled === false) return undefined;
  if (geminiFolderTrust(ctx.home, ctx.workspace) !== false) return undefined;
  return `Gemini CLI runs no hooks in a folder it does not trust, and ${ctx.workspace} is marked DO_NOT_TRUST in ~/.gemini/trustedFolders.json: trust the folder in Gemini (/permissions) to let the hook run`;
}

/** Gemini's longest-match rule over `~/.gemini/trustedFolders.json`: true, false (DO_NOT_TRUST) or undefined (no rule). */
export function geminiFolderTrust(home: string, folder: string): boolean | undefined {
  const rules = readSettings(path.join(home, '.gemini', 'trustedFolders.json'));
  if (!rules) return undefined;
  const target = realpathOr(folder);
  let best = -1;
  let level: unknown;
  for (const [rulePath, trust] of Object.entries(rules)) {
    const effective = realpathOr(trust === 'TRUST_PARENT' ? path.dirname(rulePath) : rulePath);
    const rel = path.relative(effective, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (rulePath.length > best) {
      best = rulePath.length;
      level = trust;
    }
  }
  if (level === 'DO_NOT_TRUST') return false;
  return level === 'TRUST_FOLDER' || level === 'TRUST_PARENT' ? true : undefined;
}

function realpathOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
