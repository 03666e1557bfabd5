import type { Finding } from '../../policy/types';
import { storeOfPort } from './storeProtocols';

/**
 * A data store or an admin port opened to others by a tool no rule names (issue #18, red team round 22):
 * `zrok share public localhost:5432` (a tunnel's public share of a database), `cloud-sql-proxy --address
 * 0.0.0.0 --port 5432 acme-prod:…` (a proxy to a production database listening on every interface). Whoever
 * reaches it reads the data without a password the agent had to type. The team decision stands: a dev
 * server shared (`… share public localhost:3000`, `vite --host 0.0.0.0`) stays allowed, and a private share
 * (`… share private …`) needs the share's token.
 */

/** Ports that log a user in or administer this machine. */
const ADMIN_PORTS: ReadonlySet<number> = new Set([22, 23, 2375, 2376, 3389, 5900, 5901, 6443, 10250]);
/** Command words that hand a local port to others. */
const SHARES = /^(share|expose|funnel|publish|serve|forward|tunnel|tcp|tls)$/i;
/** Options that choose the address a proxy or server listens on. */
const LISTEN = /^--?(address|addr|bind|bind-address|listen|listen-address|listen-addr|host|a|b|l)$/i;
/** Options that choose the port it listens on. */
const PORT = /^--?(port|p|listen-port|local-port)$/i;
const EVERY_INTERFACE = /^(0\.0\.0\.0|::|\[::\]|\*)(?::(\d{1,5}))?$/;

interface Reading {
  positionals: readonly { text: string }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

function portIn(text: string | undefined): number | undefined {
  const m = /(?:^|[:/@])(\d{2,5})\/?$/.exec(text ?? '') ?? /^(\d{2,5})$/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

function what(port: number): string | undefined {
  return ADMIN_PORTS.has(port) ? `an admin or log-in port (${port})` : ((s) => (s ? `${s.label} (port ${port})` : undefined))(storeOfPort(port));
}

/** The finding, or undefined. `production` says (asked only when it matters) whether the command's own values name production (the proxy's target). */
export function floorExposure(tool: string, reading: Reading, production: () => boolean): Finding | undefined {
  const words = reading.positionals.map((w) => w.text);
  const valueOf = (o: Reading['options'][number]): string | undefined => o.value ?? o.next;
  const ports = [...words.map(portIn), ...reading.options.filter((o) => PORT.test(o.name) || LISTEN.test(o.name) || /^--?url$/i.test(o.name)).map((o) => portIn(valueOf(o)))].filter((p): p is number => p !== undefined);
  const exposed = ports.map((p) => ({ port: p, label: what(p) })).find((p) => p.label !== undefined);
  const share = words.slice(0, 3).find((w) => SHARES.test(w));
  const open = !words.some((w) => /^private$/i.test(w)) && (words.some((w) => /^public$/i.test(w)) || reading.options.some((o) => /^--?public$/i.test(o.name)));
  const bound = reading.options.find((o) => LISTEN.test(o.name) && EVERY_INTERFACE.test(valueOf(o) ?? ''));
  let how: string | undefined;
  if (share !== undefined && open && exposed) how = `\`${tool} ${share}\` publishes ${exposed.label} to the internet`;
  else if (bound && (exposed || production())) how = `\`${tool} ${bound.name} ${valueOf(bound)}\` listens on every interface for ${exposed?.label ?? 'a production service'}, so any machine on the network reaches it`;
  if (how === undefined) return undefined;
  return {
    rule: 'verbs.public-exposure',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${how}: whoever reaches it reads the data there without a password the agent typed (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'url', name: exposed ? `port ${exposed.port}` : tool, provider: tool, remote: true, environment: 'production', environmentReason: 'published to the network' }],
  };
}
