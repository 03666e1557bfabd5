import type { Facts } from '../../../src/core/policy/types';
import { testFacts } from './policyFixtures';

/**
 * Facts over a few project files for the loader tables (code a runner loads by name or option): the files, their folders
 * as folders, every other path missing, the guard's home where the guard keeps its key, no installed configs.
 */
export function loaderFacts(files: Readonly<Record<string, string>>): Facts {
  return testFacts({
    files: { ...files },
    cwd: '/work/app',
    guardHome: '/home/dev/.blast-shield',
    fileStatus: (p) => (files[p] !== undefined ? 'file' : Object.keys(files).some((f) => f.startsWith(p.replace(/\/+$/, '') + '/')) ? 'directory' : 'missing'),
    perimeter: { installedConfigs: [], aliases: [], startupFiles: [] },
  });
}

/** The loaded code reaches the guard's key: its reason names it. */
export const GUARD_KEY_REASON = /decider\/key|Blast Shield|guard/i;
