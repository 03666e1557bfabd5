import { ownTable } from '../../ownTable';
import type { Facts, Finding, Invocation } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { isLoopbackHost } from '../../policy/production';
import { hostOf, vouchedSource } from './packageSources';

/**
 * Proxies a request goes through: the proxy receives the request (and, for plain HTTP or an intercepting
 * proxy, every header and secret it carries), so a secret sent "to its own service" through a proxy on
 * another host reaches that host too. Read through the clients' registry entries: curl's `-x`/`--proxy`,
 * `--preproxy` and SOCKS options; wget's `-e https_proxy=…` settings; and the proxy variables every HTTP
 * client reads (`HTTPS_PROXY=… gh api user`, `ALL_PROXY=…`). A proxy on this machine (a debugging proxy, a
 * local tunnel's end) is where the developer's own tools listen, and is not a road out.
 */

/** Each client's options that name a proxy, and the `-e`-style settings whose keys name one. */
const PROXY_OPTIONS: Readonly<Record<string, { options: readonly string[]; settings?: readonly string[] }>> = ownTable({
  curl: { options: ['-x', '--proxy', '--preproxy', '--socks4', '--socks4a', '--socks5', '--socks5-hostname'] },
  // `-e https_proxy=…` reaches the rules as `--https-proxy=…` (`canonicalArgs`); a word not made canonical is read as the setting.
  wget: { options: ['--http-proxy', '--https-proxy', '--ftp-proxy'], settings: ['-e', '--execute'] },
});

/** The environment variables HTTP clients read for their proxy (curl, wget, Go, Python, Node's agents, the cloud CLIs). */
const PROXY_VARIABLE = /^(https?_proxy|all_proxy|HTTPS?_PROXY|ALL_PROXY|GRPC_PROXY|grpc_proxy)$/;
/** wget's and curl's own setting keys for a proxy. */
const PROXY_SETTING = /^(https?_proxy|ftp_proxy|proxy)\s*=\s*(.+)$/i;

/** A proxy address's host when it is not this machine (`x.example:3128`, `socks5h://x.example:1080`). */
function foreignProxy(value: string): string | undefined {
  const host = hostOf(value.replace(/^["']|["']$/g, '')) ?? (/^[a-z0-9-]+$/i.test(value) ? value.toLowerCase() : undefined);
  if (host === undefined || isLoopbackHost(host, { dockerHost: true }) || host.endsWith('.localhost')) return undefined;
  return host;
}

/** The foreign proxies named on the line for the client's own requests (options and settings; see `proxyVariables`). */
export function proxyOptionHosts(inv: Invocation): string[] {
  const table = PROXY_OPTIONS[inv.name];
  const command = table ? invocationCommand(inv) : undefined;
  if (!table || !command) return [];
  const args = toolArgs(inv.name, command.parsed, command.tool);
  const values = [...args.values(...table.options), ...(table.settings ? args.values(...table.settings).map((s) => PROXY_SETTING.exec(s)?.[2] ?? '') : [])];
  // A proxy named at run time (`-x "$PROXY"`) cannot be read here: it may be anyone's, so it counts as another host.
  return values.flatMap((v) => (/[$`]/.test(v) ? [`the proxy in ${v}`] : foreignProxy(v) ?? []));
}

/** Proxy variables given to this one command (`HTTPS_PROXY=x.example:3128 gh api user`), with the foreign host each names. */
export function proxyVariables(inv: Invocation): { name: string; host: string }[] {
  return Object.entries(inv.assignments).flatMap(([name, value]) => {
    const host = PROXY_VARIABLE.test(name) ? foreignProxy(value) : undefined;
    return host !== undefined ? [{ name, host }] : [];
  });
}

/**
 * CLIs whose every call carries the user's stored login (a forge token, signed cloud requests, a
 * platform's API token), so a proxy given to one run receives it: `HTTPS_PROXY=x.example:3128 gh api user`.
 */
const SIGNED_IN: ReadonlySet<string> = new Set(['gh', 'glab', 'hub', 'aws', 'gcloud', 'gsutil', 'bq', 'az', 'doctl', 'heroku', 'fly', 'flyctl', 'vercel', 'netlify', 'wrangler', 'railway', 'supabase', 'stripe', 'op', 'vault', 'kubectl', 'helm']);

/** A signed-in CLI run through a proxy on another host that the workspace's own settings do not name (a company proxy they name stays allowed). */
export function proxiedLogins(inv: Invocation, facts: Facts): Finding[] {
  if (!SIGNED_IN.has(inv.name)) return [];
  const proxy = proxyVariables(inv).find((p) => !vouchedSource(`http://${p.host}`, facts));
  if (proxy === undefined) return [];
  return [{
    rule: 'credentials.sent-out',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${inv.name} runs with ${proxy.name} set to ${proxy.host}: its requests, with the login they carry, go through that host, which nothing in this workspace names.`,
    targets: [{ kind: 'credential', name: `${inv.name}'s login`, remote: true, environment: 'unknown', environmentReason: `sent through ${proxy.host}, whose environment nothing names` }],
  }];
}
