import * as fs from 'node:fs';
import * as path from 'node:path';
import { getNodeValue, parseTree } from 'jsonc-parser';
import { HOOK_TIMEOUT_SECONDS } from '../adapters';
import { requireWorkspace } from '../cursor/install';
import { hookCommand, installJson, isOurs, restoreManagedFile, statusJson, uninstallJson, writeManagedFile, type FileStatus, type InstallContext, type JsonHostSpec } from '../installCommon';
import { hasTrustBlock, hooksFeatureOff, projectTrust, readHookState, removeTrustBlock, withTrust } from './configToml';
import { codexHookHash, codexHookKey } from './trustHash';

/**
 * `~/.codex/hooks.json` (user) or `<project>/.codex/hooks.json`: one PreToolUse group without a matcher
 * (every tool), 300 s, whose command blocks by itself when the hook program is gone (Codex would run
 * the action on a hook that cannot start). Codex skips a hook it has not been told to trust, without a word, so install
 * also writes the trust entry Codex itself would write when the user approves the hook (into the
 * user's `~/.codex/config.toml`, the only place Codex reads hook trust from), and status checks it.
 */
export const codexHooksSpec: JsonHostSpec = {
  host: 'codex',
  file: (ctx: InstallContext) => path.join(ctx.scope === 'user' ? ctx.home : requireWorkspace(ctx), '.codex', 'hooks.json'),
  entries: (ctx) => [{ arrayPath: ['hooks', 'PreToolUse'], entry: { hooks: [{ type: 'command', command: hookCommand(ctx.guardHome, 'codex'), timeout: HOOK_TIMEOUT_SECONDS }] } }],
  skeleton: { hooks: {} },
};

export function codexConfigFile(ctx: InstallContext): string {
  return path.join(ctx.home, '.codex', 'config.toml');
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The trust key and hash our entry needs, from where it sits in the hooks file now. */
export function codexTrustFor(ctx: InstallContext): { key: string; hash: string } | undefined {
  const file = codexHooksSpec.file(ctx);
  const text = readText(file);
  if (text === undefined) return undefined;
  const groups = (getNodeValue(parseTree(text, [], { allowTrailingComma: true }) ?? { type: 'null', offset: 0, length: 0 }) as { hooks?: { PreToolUse?: unknown } } | null)?.hooks?.PreToolUse;
  if (!Array.isArray(groups)) return undefined;
  const group = groups.findIndex(isOurs);
  if (group < 0) return undefined;
  const handlers = (groups[group] as { hooks?: unknown }).hooks;
  const handler = Array.isArray(handlers) ? handlers.findIndex(isOurs) : -1;
  if (handler < 0) return undefined;
  const want = codexHooksSpec.entries(ctx)[0]?.entry as { hooks: { command: string; timeout: number }[] };
  const ours = want.hooks[0] as { command: string; timeout: number };
  return { key: codexHookKey(file, 'pre_tool_use', group, handler), hash: codexHookHash('pre_tool_use', undefined, ours) };
}

function isInside(folder: string, project: string): boolean {
  const rel = path.relative(project, folder);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why Codex will not run our (trusted) entry, or undefined. */
export function codexNotLoaded(ctx: InstallContext, config: string, key: string): string | undefined {
  const state = readHookState(config, key);
  if (state.enabled === false) return `the hook is turned off in Codex (enabled = false for it in ${codexConfigFile(ctx)})`;
  if (hooksFeatureOff(config)) return `Codex hooks are turned off (features.hooks = false in ${codexConfigFile(ctx)})`;
  if (ctx.scope === 'project') {
    const workspace = requireWorkspace(ctx);
    const trust = projectTrust(config, workspace, isInside);
    if (trust !== 'trusted') {
      return `Codex loads a project's .codex/ only once it trusts the project, and ${workspace} is ${trust ? `marked ${trust}` : 'not trusted'}: run \`codex\` there once and trust it, or install for your user instead (blast-shield install codex --user)`;
    }
  }
  return undefined;
}

export function installCodex(ctx: InstallContext): FileStatus {
  const hooks = installJson(codexHooksSpec, ctx);
  if (hooks.state !== 'intact') return hooks;
  const trust = codexTrustFor(ctx);
  if (!trust) return { ...hooks, state: 'altered', detail: `${hooks.detail}; the entry could not be found again to trust it` };
  const configFile = codexConfigFile(ctx);
  const before = readText(configFile) ?? '';
  const after = withTrust(before, trust.key, trust.hash);
  if (after === undefined) {
    return {
      file: configFile,
      state: 'conflict',
      detail: `${configFile} sets hooks.state for ${trust.key} in a form Blast Shield does not edit: set trusted_hash = "${trust.hash}" there yourself`,
    };
  }
  if (after !== before) writeManagedFile(ctx.guardHome, configFile, Buffer.from(after, 'utf8'));
  const notLoaded = codexNotLoaded(ctx, after, trust.key);
  return { ...hooks, state: notLoaded ? 'not-loaded' : 'intact', detail: `${hooks.detail}; trusted in ${configFile}${notLoaded ? `, but ${notLoaded}` : ''}` };
}

export function uninstallCodex(ctx: InstallContext): FileStatus {
  const trust = codexTrustFor(ctx);
  const result = uninstallJson(codexHooksSpec, ctx);
  if (!trust) return result;
  const configFile = codexConfigFile(ctx);
  const current = readText(configFile);
  if (current === undefined) return result;
  const without = removeTrustBlock(current, trust.key);
  // Another scope's block still there: only ours goes; the remembered original waits for the last one.
  if (hasTrustBlock(without)) writeManagedFile(ctx.guardHome, configFile, Buffer.from(without, 'utf8'));
  else restoreManagedFile(ctx.guardHome, configFile, (text) => removeTrustBlock(text, trust.key));
  return { ...result, detail: `${result.detail}; trust entry removed from ${configFile}` };
}

export function statusCodex(ctx: InstallContext): FileStatus {
  const hooks = statusJson(codexHooksSpec, ctx);
  if (hooks.state !== 'intact') return hooks;
  const trust = codexTrustFor(ctx);
  const configFile = codexConfigFile(ctx);
  const config = readText(configFile) ?? '';
  const state = trust ? readHookState(config, trust.key) : undefined;
  if (!trust || !state || state.trustedHash !== trust.hash) {
    return { ...hooks, state: 'altered', detail: `${hooks.detail}; not trusted in ${configFile}, so Codex skips it without a word (installing again writes the trust)` };
  }
  const notLoaded = codexNotLoaded(ctx, config, trust.key);
  return { ...hooks, state: notLoaded ? 'not-loaded' : 'intact', detail: `${hooks.detail}; trusted${notLoaded ? `; ${notLoaded}` : ''}` };
}

