import * as path from 'node:path';
import { WORKSPACE_MAP_FILE } from '../guardHome';

/**
 * Where team policy lives on disk: the repository's committed `.blast-shield.json`
 * and the machine-wide managed policy, which only an administrator can write:
 *
 *   Linux     /etc/blast-shield/policy.json
 *   macOS     /Library/Application Support/BlastShield/policy.json
 *   Windows   %ProgramData%\BlastShield\policy.json
 *
 * BLAST_SHIELD_MANAGED_POLICY names one more managed file (tests, or a fleet tool's own location);
 * it adds to the system file and never replaces it, so the variable cannot be used to drop a policy.
 */

export const MANAGED_POLICY_ENV = 'BLAST_SHIELD_MANAGED_POLICY';

/** The managed policy files for this platform, system file first. */
export function managedPolicyPaths(platform: NodeJS.Platform = process.platform, env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const system =
    platform === 'win32'
      ? path.win32.join(env.ProgramData || env.PROGRAMDATA || 'C:\\ProgramData', 'BlastShield', 'policy.json')
      : platform === 'darwin'
        ? '/Library/Application Support/BlastShield/policy.json'
        : '/etc/blast-shield/policy.json';
  const extra = env[MANAGED_POLICY_ENV];
  return extra && path.isAbsolute(extra) && extra !== system ? [system, extra] : [system];
}

export function repositoryPolicyPaths(workspaceRoots: readonly string[]): string[] {
  return workspaceRoots.map((root) => path.join(root, WORKSPACE_MAP_FILE));
}

