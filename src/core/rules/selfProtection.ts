import { minimatch } from 'minimatch';
import type { Finding, Invocation, RulePack, RuleContext, Target } from '../policy/types';
import { basename, isWithin, normalize, relativeTo, resolvePath } from '../paths';
import { AGENT_IGNORE_FILES } from '../credentials/ignoreBlocks';

/**
 * Self-protection: the agent runs as the same OS user as the guard, so nothing but policy stops it
 * from editing the hook entries, the guard's settings, its ignore-file blocks or its audit log.
 * This module names those files (shared with the hook's write check) and denies shell commands that
 * write, move or delete them.
 */

export type GuardFileKind = 'hook-config' | 'ignore-file' | 'editor-settings' | 'workspace-map' | 'guard-home';

export interface GuardFile {
  kind: GuardFileKind;
  label: string;
}

/** Where the guard's files live: home, the guard's own folder, and the workspace folders. */
export interface GuardLocations {
  home: string;
  /** ~/.blast-shield unless BLAST_SHIELD_HOME moved it. */
  guardHome: string;
  workspaceRoots: readonly string[];
}

/** Agent ignore files whose managed block the guard writes. */
export const MANAGED_IGNORE_FILES: readonly string[] = AGENT_IGNORE_FILES;

/** Hook configuration files, relative to a workspace folder or to the home folder (same layout in both). */
const HOOK_CONFIG_PATTERNS: readonly string[] = [
  '.cursor/hooks.json',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.claude/settings.*.json',
  '.github/hooks/*.json',
  '.clinerules/hooks/**',
  // Gemini CLI (hooks and hooksConfig live in its settings), Codex (hooks, and hook trust in config.toml), Windsurf.
  '.gemini/settings.json',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.windsurf/hooks.json',
];

/** Only in the home folder. */
const HOME_HOOK_CONFIG_PATTERNS: readonly string[] = ['.copilot/hooks/**', 'Documents/Cline/Hooks/**', 'Documents/Cline/Rules/Hooks/**', '.gemini/trustedFolders.json', '.codeium/windsurf/hooks.json'];

/** Our settings keys share this prefix; `.vscode/settings.json` is guarded when it mentions them. */
export const SETTINGS_KEY_PREFIX = 'blastShield';
/** Text that appears in every managed block the guard writes into an ignore file. */
export const MANAGED_BLOCK_MARKER = /blast[- ]shield/i;

function matchesAny(relative: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => minimatch(relative, p, { dot: true }));
}

/**
 * Is this absolute path one of the guard's own files by its path alone? Files that are guarded only
 * depending on their content (`.vscode/settings.json`, the ignore files) are reported with a kind the
 * caller must confirm with `isGuardedContent`.
 */
export function guardFileOf(absolutePath: string, where: GuardLocations): GuardFile | undefined {
  const path = normalize(absolutePath);
  const guardHome = normalize(where.guardHome);
  const defaultGuardHome = normalize(where.home + '/.blast-shield');
  if (isWithin(guardHome, path) || isWithin(defaultGuardHome, path)) return { kind: 'guard-home', label: "Blast Shield's own folder (audit log, hook shim, settings)" };
  const bases: string[] = [...where.workspaceRoots.map(normalize), normalize(where.home)];
  const home = normalize(where.home);
  for (const base of bases) {
    if (!isWithin(base, path) || base === path) continue;
    const rel = relativeTo(base, path);
    if (matchesAny(rel, HOOK_CONFIG_PATTERNS)) return { kind: 'hook-config', label: `an agent hook configuration (${rel})` };
    if (base === home && matchesAny(rel, HOME_HOOK_CONFIG_PATTERNS)) return { kind: 'hook-config', label: `an agent hook configuration (~/${rel})` };
  }
  const name = basename(path);
  if (name === '.blast-shield.json') return { kind: 'workspace-map', label: 'the workspace production map (.blast-shield.json)' };
  if (MANAGED_IGNORE_FILES.includes(name)) return { kind: 'ignore-file', label: `the agent ignore file ${name}` };
  if (name === 'settings.json' && basename(path.slice(0, path.length - name.length - 1)) === '.vscode') {
    return { kind: 'editor-settings', label: 'Blast Shield settings in .vscode/settings.json' };
  }
  return undefined;
}

/**
 * For content-dependent kinds: is the file guarded given its current text and, for a write, the new
 * text? Ignore files are guarded while they carry our managed block; editor settings while either
 * version mentions our keys. Path-only kinds are always guarded.
 */
export function isGuardedContent(file: GuardFile, currentText: string | undefined, newText?: string): boolean {
  switch (file.kind) {
    case 'ignore-file':
      return MANAGED_BLOCK_MARKER.test(currentText ?? '') || MANAGED_BLOCK_MARKER.test(newText ?? '');
    case 'editor-settings':
      return (currentText ?? '').includes(SETTINGS_KEY_PREFIX) || (newText ?? '').includes(SETTINGS_KEY_PREFIX);
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// The shell side

/** Commands whose every non-option argument is a path they modify, move or delete. */
const ALL_ARGS_WRITE = new Set(['rm', 'rmdir', 'unlink', 'shred', 'truncate', 'mv', 'chmod', 'chown', 'chgrp', 'chattr', 'touch', 'srm', 'trash', 'trash-put', 'gio']);
/** Commands whose last non-option argument is the destination they write. */
const LAST_ARG_WRITE = new Set(['cp', 'ln', 'install', 'rsync', 'scp', 'tee']);
/** Commands that write files in place when given -i / --in-place. */
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'ruby']);

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '<>', '&>', '&>>']);

export const SELF_PROTECTION_COMMANDS: readonly string[] = [...ALL_ARGS_WRITE, ...LAST_ARG_WRITE, ...IN_PLACE, 'dd', 'git', 'jq', 'yq'];

function operands(inv: Invocation): string[] {
  const out: string[] = [];
  let afterDashDash = false;
  for (const a of inv.args) {
    if (!afterDashDash && a.text === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && a.text.startsWith('-') && a.text.length > 1) continue;
    out.push(a.text);
  }
  return out;
}

function hasInPlaceFlag(inv: Invocation): boolean {
  return inv.args.some((a) => (/^-[a-zA-Z]*i/.test(a.text) && !a.text.startsWith('--')) || a.text.startsWith('--in-place'));
}

/** Paths an invocation writes, deletes or moves (as written: relative or absolute). */
export function writtenPaths(inv: Invocation): string[] {
  const paths: string[] = [];
  for (const r of inv.redirects) if (WRITE_REDIRECTS.has(r.op)) paths.push(r.target.text);
  const ops = operands(inv);
  if (ALL_ARGS_WRITE.has(inv.name)) {
    // chmod's mode may look like an option (-x) and is then already skipped; chown/chgrp/chattr take an owner or flags first
    if (inv.name === 'chmod') paths.push(...ops.filter((o) => !/^([ugoa]*[-+=][rwxXst]*(,|$))+$|^[0-7]{3,4}$/.test(o)));
    else paths.push(...ops.slice(inv.name === 'chown' || inv.name === 'chgrp' || inv.name === 'chattr' ? 1 : 0));
  } else if (LAST_ARG_WRITE.has(inv.name)) {
    if (inv.name === 'tee') paths.push(...ops);
    else if (ops.length > 0) paths.push(ops[ops.length - 1] as string);
  } else if (IN_PLACE.has(inv.name) && hasInPlaceFlag(inv)) {
    paths.push(...ops.slice(1));
  } else if (inv.name === 'dd') {
    for (const a of inv.args) if (a.text.startsWith('of=')) paths.push(a.text.slice(3));
  } else if (inv.name === 'git') {
    // checkout/restore over a guarded file rewrites it from the index
    const sub = ops[0];
    if (sub === 'checkout' || sub === 'restore' || sub === 'rm' || sub === 'mv') paths.push(...ops.slice(1));
  }
  return paths.filter((p) => p.length > 0);
}

function protectedTarget(path: string): Target {
  return { kind: 'path', name: path, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' };
}

function mentionsGuardDir(text: string): boolean {
  return /(^|[\s/])\.blast-shield(\/|$|\s)/.test(text);
}

function checkInvocation(inv: Invocation, ctx: RuleContext): Finding[] {
  const facts = ctx.facts;
  const where: GuardLocations = {
    home: facts.home,
    guardHome: facts.guardHome ?? facts.home + '/.blast-shield',
    workspaceRoots: facts.workspaceRoots,
  };
  const findings: Finding[] = [];
  // The ipc folder holds each window's socket token: reading it lets an agent talk to the editor as the hook.
  const ipcDir = normalize(where.guardHome + '/ipc');
  const defaultIpcDir = normalize(facts.home + '/.blast-shield/ipc');
  for (const a of inv.args) {
    if (a.text.startsWith('-')) continue;
    const abs = resolvePath(inv.cwd || facts.cwd, a.text, facts.home);
    if (isWithin(ipcDir, abs) || isWithin(defaultIpcDir, abs) || /\.blast-shield\/ipc(\/|$)/.test(a.text)) {
      findings.push({
        rule: 'self-protection.read-window-token',
        risk: 'self-protection',
        severity: 'deny',
        reason: `${inv.name} would touch Blast Shield's window tokens (${a.text}); they are not for agents.`,
        targets: [protectedTarget(a.text)],
      });
      return findings;
    }
  }
  for (const written of writtenPaths(inv)) {
    const abs = resolvePath(inv.cwd || facts.cwd, written, facts.home);
    const file = guardFileOf(abs, where);
    const viaDir = !file && mentionsGuardDir(written);
    if (!file && !viaDir) continue;
    if (file && !isGuardedContent(file, facts.readFile(abs))) continue;
    const label = file ? file.label : "Blast Shield's own folder";
    findings.push({
      rule: 'self-protection.write-guard-file',
      risk: 'self-protection',
      severity: 'deny',
      reason: `${inv.name} would change ${label}; agents may not modify Blast Shield's own files.`,
      targets: [protectedTarget(written)],
    });
  }
  return findings;
}

export const selfProtectionPack: RulePack = {
  id: 'self-protection',
  title: "Blast Shield's own files",
  checkInvocation,
};
