/**
 * Reading team policy: the managed policy and the repositories' `.blast-shield.json` (where they
 * are: policyPaths.ts), merged with settings by the editor's own "may only tighten" rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mergeSettings } from '../../core/settings/merge';
import { mirrorEntryFor, parseSettingsMirror } from '../../core/settings/mirror';
import { parsePolicyFile } from '../../core/settings/policyFile';
import { SETTING_KEYS, type ExtraRule, type MergedSettings, type PolicyLayer, type RawLayer } from '../../core/settings/types';
import { DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits } from '../../core/snapshot/manifest';
import { readTextFile, repositoryRoot } from '../facts';
import { GUARD_PATHS, guardHome } from '../guardHome';
import { managedPolicyPaths, repositoryPolicyPaths } from './policyPaths';

export interface PolicyProblem {
  source: string;
  problem: string;
}

export interface PolicyFiles {
  managed: PolicyLayer[];
  repository: PolicyLayer[];
  problems: PolicyProblem[];
}

function readLayers(files: readonly string[], problems: PolicyProblem[]): PolicyLayer[] {
  const out: PolicyLayer[] = [];
  for (const file of files) {
    const text = readTextFile(file);
    if (text === undefined) {
      if (fs.existsSync(file)) problems.push({ source: file, problem: 'exists but cannot be read as a text file of at most 1 MB' });
      continue;
    }
    const parsed = parsePolicyFile(text);
    for (const problem of parsed.problems) problems.push({ source: file, problem });
    out.push({ values: parsed.values, source: file });
  }
  return out;
}

/** The managed and repository policy layers that govern these workspace folders. */
export function readPolicyFiles(workspaceRoots: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): PolicyFiles {
  const problems: PolicyProblem[] = [];
  const managed = readLayers(managedPolicyPaths(platform, env), problems);
  const repository = readLayers(repositoryPolicyPaths(workspaceRoots), problems);
  return { managed, repository, problems };
}

export interface EffectivePolicy extends MergedSettings {
  files: PolicyFiles;
  /** The snapshot limits as the snapshot engine takes them. */
  snapshotLimits: SnapshotLimits;
  /** Workspace folders the policy was read for. */
  workspaceRoots: string[];
}

/** What the editor mirrored for this folder (production markers, protected paths), as the user layer. */
function mirroredLayer(env: Readonly<Record<string, string | undefined>>, folder: string): RawLayer {
  const text = readTextFile(GUARD_PATHS.settingsMirror(guardHome(env)));
  const mirror = text === undefined ? undefined : parseSettingsMirror(text);
  const entry = mirror ? mirrorEntryFor(mirror, folder) : undefined;
  if (!entry) return {};
  return {
    [SETTING_KEYS.productionNames]: entry.production.names,
    [SETTING_KEYS.productionHosts]: entry.production.hosts,
    [SETTING_KEYS.productionResourceIds]: entry.production.resourceIds,
    [SETTING_KEYS.protectedPaths]: entry.protectedPaths,
  };
}

/**
 * The effective policy outside the editor (the CLI): the managed policy, the repository's file and
 * what the editor mirrored for the folder, merged by the editor's own rule.
 */
export function effectivePolicyFor(cwd: string, env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): EffectivePolicy {
  const root = repositoryRoot(cwd) ?? path.resolve(cwd);
  const files = readPolicyFiles([root], env, platform);
  const merged = mergeSettings({ user: mirroredLayer(env, root), userSource: 'editor settings (mirrored)', workspace: {}, repository: files.repository, managed: files.managed });
  const s = merged.settings.snapshots;
  return { ...merged, files, workspaceRoots: [root], snapshotLimits: { ...DEFAULT_SNAPSHOT_LIMITS, maxBytes: s.maxBytes, maxTotalBytes: s.maxTotalBytes, keepDays: s.keepDays } };
}

/** What the hook itself applies from policy files, with or without an editor: forced lockdown, protected paths, extra rules. */
export interface HookPolicy {
  lockdown: boolean;
  protectedPaths: string[];
  extraRules: ExtraRule[];
}

export function hookPolicy(workspaceRoots: readonly string[], env: Readonly<Record<string, string | undefined>>): HookPolicy {
  const files = readPolicyFiles(workspaceRoots, env);
  if (files.managed.length === 0 && files.repository.length === 0) return { lockdown: false, protectedPaths: [], extraRules: [] };
  const { settings } = mergeSettings({ user: {}, workspace: {}, repository: files.repository, managed: files.managed });
  return { lockdown: settings.lockdownForced, protectedPaths: settings.protectedPaths, extraRules: settings.extraRules };
}

