import { basename, dirname } from '../../paths';
import type { Facts } from '../../policy/types';
import { judgingLaterRun } from '../deferred/laterRun';

/**
 * A recursive delete that loses nothing (issue #18, red team round 8 false positives): a cache folder
 * that is not there (`rm -rf storage/cache` when no such folder exists), and a folder inside a work tree
 * whose every file git holds as committed (`rm -rf src` in a clean tree: `git checkout -- src` brings
 * it back). Only a definite answer counts: a folder listing the facts cannot give, git's answer cut
 * short (`unknown`), or any file below that is modified, new, untracked or ignored keeps the ask.
 * The work tree itself and git's own folder are never such a folder, and a command that runs later
 * (`deferred/laterRun.ts`) is judged without these present-day facts.
 */
/** Folders of derived data, rebuilt on demand (`storage/cache`, `.cache`, `tmp`, `webpack-cache`). */
const CACHE_NAME = /^(\.?cache|caches|\.?tmp|temp|[\w.-]+[-_]cache)$/i;

export function removalLosesNothing(absolute: string, facts: Facts): boolean {
  // A command judged for a later run (a hook, a schedule) finds the machine as it will be then.
  if (judgingLaterRun()) return false;
  if (absolute === '/' || /(^|\/)\.git(\/|$)/.test(absolute) || facts.workspaceRoots.includes(absolute)) return false;
  const listing = facts.listDir(dirname(absolute));
  const here = facts.readFile(absolute) !== undefined || facts.listDir(absolute) !== undefined;
  // Only a cache's folder counts as nothing when absent: a name the agent means to empty after filling it is not judged here.
  if (listing !== undefined && !listing.includes(basename(absolute)) && !here) return CACHE_NAME.test(basename(absolute));
  if (!facts.gitPathStates || facts.listDir(absolute) === undefined) return false;
  // A folder that holds a repository of its own (a submodule, a nested clone) is not committed here.
  if ((facts.listDir(absolute) ?? []).includes('.git')) return false;
  try {
    return facts.gitPathStates(dirname(absolute), [absolute])?.[absolute] === 'unmodified';
  } catch {
    return false;
  }
}
