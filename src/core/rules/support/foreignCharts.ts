import { isLoopbackHost } from '../../policy/production';
import type { Facts } from '../../policy/types';
import { projectNames } from './ownRegistryLogins';

/**
 * A chart installed from an address (red team round 18): `helm upgrade --install api oci://ghcr.io/someone/chart`,
 * `helm install x https://x.example/chart.tgz`, `--repo https://charts.example.com x`. The chart's templates and
 * hooks (Jobs run at install and upgrade) are code from that address, run in the cluster with the release's
 * permissions, and nothing here has read them. An address the project's own files name (Chart.yaml
 * dependencies, helmfile repositories, CI steps, manifests) is its own; a repository alias (`bitnami/redis`,
 * added by `helm repo add`), a chart folder or archive on this machine, and this machine's own registry stay.
 */

/** The part of an address that says whose it is: an OCI registry's host and its first path segment (`ghcr.io/someone`), a web address's host. */
function owner(address: string): { needle: string; host: string } | undefined {
  const m = /^(oci|https?):\/\/([^/?#\s]+)(\/[^/?#\s]*)?/i.exec(address.trim());
  if (!m) return undefined;
  const host = m[2]!.toLowerCase().replace(/^[^@]*@/, '');
  const first = (m[3] ?? '').slice(1).toLowerCase();
  return { needle: m[1]!.toLowerCase() === 'oci' && first !== '' ? `${host}/${first}` : host, host: host.replace(/:\d+$/, '') };
}

/** The chart's address when it comes from one the project does not name; undefined for aliases, local charts and named addresses. */
export function foreignChartAddress(chart: string | undefined, repo: string | undefined, facts: Facts, cwd: string): string | undefined {
  for (const address of [repo, chart]) {
    if (address === undefined) continue;
    const o = owner(address);
    if (!o || isLoopbackHost(o.host)) continue;
    if (!projectNames((text) => text.toLowerCase().includes(o.needle), facts, cwd)) return address;
  }
  return undefined;
}
