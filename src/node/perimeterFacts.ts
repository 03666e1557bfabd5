import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PerimeterFacts } from '../core/policy/types';
import { readInstallRegistry } from './hosts/installRegistry';
import { FolderAbsences } from './fileSignatureCache';
import { sourcedStartupFiles } from './sourcedFiles';

/**
 * The facts the perimeter needs from this machine (rules/perimeter): the hook configurations the
 * guard installed (its install registry), the real paths behind symlinks that lead to protected
 * places (the guard home, the home folder, workspace folders, installed configs, start-up files), and
 * the start-up files the environment names. A handful of system calls: this runs on every hook call
 * that classifies a command or an agent's file write.
 */

/** Start-up files in the home folder that are often symlinks into a dotfiles repository. */
const HOME_STARTUP_FILES = ['.bashrc', '.bash_profile', '.profile', '.zshenv', '.zshrc', '.zprofile', '.config/fish'];
/** Those that are entries of the home folder itself. */
const HOME_ENTRIES = HOME_STARTUP_FILES.filter((name) => !name.includes('/'));
const absentHomeFiles = new FolderAbsences();

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

export interface PerimeterFactsOptions {
  guardHome: string;
  home: string;
  workspaceRoots: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

export function gatherPerimeterFacts(opts: PerimeterFactsOptions): PerimeterFacts {
  const aliases: { real: string; path: string }[] = [];
  const alias = (p: string): void => {
    const real = realPath(p);
    if (real && real !== p) aliases.push({ real, path: p });
  };
  const installs = readInstallRegistry(opts.guardHome);
  const installedConfigs: string[] = [];
  for (const record of installs) {
    installedConfigs.push(record.file);
    if (record.realFile) aliases.push({ real: record.realFile, path: record.file });
    else alias(record.file);
  }
  alias(opts.guardHome);
  alias(opts.home);
  for (const root of opts.workspaceRoots) alias(root);
  // The home's own entries lacking since its last change are not asked again (fileSignatureCache.ts).
  const absent = absentHomeFiles.missing(opts.home, HOME_ENTRIES);
  for (const name of HOME_STARTUP_FILES) {
    if (absent.has(name)) continue;
    const file = path.join(opts.home, name);
    // Most are missing: asked without an exception (building one cost ~15 µs each, seven per call).
    try {
      if (fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) alias(file);
    } catch {
      // not readable
    }
  }
  const startupFiles: string[] = [];
  for (const name of ['BASH_ENV', 'ENV']) {
    const value = opts.env[name];
    if (value && path.isAbsolute(value)) startupFiles.push(value);
  }
  const zdotdir = opts.env.ZDOTDIR;
  if (zdotdir && path.isAbsolute(zdotdir)) for (const name of ['.zshenv', '.zshrc', '.zprofile', '.zlogin']) startupFiles.push(path.join(zdotdir, name));
  startupFiles.push(...sourcedStartupFiles(opts.home));
  for (const file of startupFiles.slice()) alias(file);
  const pathFolders = [...new Set((opts.env.PATH ?? '').split(path.delimiter).filter((f) => path.isAbsolute(f)))].slice(0, 64);
  const guardCode = ownPackageRoots();
  for (const root of guardCode) alias(root);
  return { installedConfigs, aliases, startupFiles, pathFolders, guardCode };
}

/**
 * The package root the running guard was loaded from (the folder holding its `dist/` bundle and
 * `node_modules/`): rewriting, moving or deleting it switches the hook off as surely as its config.
 * Only a built bundle counts (tests run from the sources, which no hook loads).
 */
function ownPackageRoots(): string[] {
  const dist = typeof __dirname === 'string' ? __dirname : '';
  if (path.basename(dist) !== 'dist' || !fs.existsSync(path.join(dist, 'cli-main.js'))) return [];
  return [path.dirname(dist)];
}
