/**
 * Hosts a team or machine policy says must be installed (`hooks.required`): one that has no intact
 * entry its host will load is a gap that status, the editor's health and the status bar report as
 * unprotected, never as a quiet "missing" row among hosts nobody uses.
 */
import type { HostId } from '../protocol/ipc';
import type { HostFacts } from './protection';

export interface RequiredHostGap {
  host: HostId;
  /** Why it does not count: not installed, altered, or installed where the host does not load it. */
  problem: string;
}

/** The required hosts without an intact entry the host loads (facts may hold one row per scope). */
export function requiredHostGaps(required: readonly HostId[], hosts: readonly Pick<HostFacts, 'host' | 'installed' | 'intact' | 'loaded'>[]): RequiredHostGap[] {
  const gaps: RequiredHostGap[] = [];
  for (const host of required) {
    const rows = hosts.filter((h) => h.host === host);
    if (rows.some((h) => h.installed && h.intact && h.loaded !== false)) continue;
    const problem = rows.some((h) => h.installed && !h.intact)
      ? 'its hook entry is altered'
      : rows.some((h) => h.installed && h.loaded === false)
        ? 'its hook entry is installed where the host does not load it'
        : 'no hook entry is installed';
    gaps.push({ host, problem });
  }
  return gaps;
}

/** One sentence for a status line or the status bar. */
export function describeRequiredGaps(gaps: readonly RequiredHostGap[]): string {
  return `Policy requires Blast Shield hooks for ${gaps.map((g) => `${g.host} (${g.problem})`).join(', ')}: run Install Hooks (or blast-shield install <host>).`;
}
