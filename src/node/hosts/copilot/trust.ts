import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';

/**
 * Copilot CLI loads a project's hooks (`.github/hooks/*.json`) only in a folder it has been told to
 * trust: the folder or one of its parents is listed under `trustedFolders` in `config.json` of its
 * home (`$COPILOT_HOME`, else `~/.copilot`; the file carries comments). Elsewhere the hooks are
 * skipped without a word and every tool runs unchecked (seen with Copilot CLI 1.0.102). User hooks
 * (`~/.copilot/hooks`) load everywhere.
 */

export function copilotHome(home: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  const override = env.COPILOT_HOME;
  return override && path.isAbsolute(override) ? override : path.join(home, '.copilot');
}

function trustedFolders(configFile: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(configFile, 'utf8');
  } catch {
    return [];
  }
  const value: unknown = parse(text, [], { allowTrailingComma: true });
  const list = value && typeof value === 'object' ? (value as Record<string, unknown>).trustedFolders : undefined;
  return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)) : [];
}

function realOrSame(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function within(folder: string, parent: string): boolean {
  const rel = path.relative(parent, folder);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Why Copilot CLI will not load project hooks in `workspace`, or undefined when it will. */
export function copilotTrustProblem(workspace: string, home: string, env: Readonly<Record<string, string | undefined>> = {}): string | undefined {
  const configFile = path.join(copilotHome(home, env), 'config.json');
  const folder = realOrSame(workspace);
  if (trustedFolders(configFile).some((t) => within(folder, realOrSame(t)) || within(path.resolve(workspace), path.resolve(t)))) return undefined;
  return (
    `Copilot CLI does not load project hooks here: ${workspace} is not a trusted folder (trustedFolders in ${configFile}). ` +
    'Install at user scope (blast-shield install copilot), or trust the folder in Copilot CLI (start copilot there and choose to trust it), then check again'
  );
}
