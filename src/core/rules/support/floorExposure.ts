import type { Finding } from '../../policy/types';
import { ownTable } from '../../ownTable';
import { storeOfPort } from './storeProtocols';
import { trafficRecorded } from './trafficRecording';

/**
 * A data store or an admin port opened to others by a tool no rule names (issue #18, red team round 22):
 * `zrok share public localhost:5432` (a tunnel's public share of a database), `cloud-sql-proxy --address
 * 0.0.0.0 --port 5432 acme-prod:…` (a proxy to a production database listening on every interface). Whoever
 * reaches it reads the data without a password the agent had to type. The team decision stands: a dev
 * server shared (`… share public localhost:3000`, `vite --host 0.0.0.0`) stays allowed, and a private share
 * (`… share private …`) needs the share's token.
 */

/** Ports that log a user in or administer this machine or a service on it (data; stores' ports are `storeProtocols.ts`'s). */
const ADMIN_PORTS: Readonly<Record<number, string>> = ownTable({ 22: 'ssh', 23: 'telnet', 445: 'SMB file sharing', 2049: 'NFS', 2375: 'the Docker API', 2376: 'the Docker API', 3389: 'remote desktop', 4646: 'the Nomad API', 5601: 'Kibana', 5900: 'VNC', 5901: 'VNC', 6443: 'the Kubernetes API', 10250: 'the kubelet API' });
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
  return ADMIN_PORTS[port] !== undefined ? `${ADMIN_PORTS[port]} (port ${port})` : ((s) => (s ? `${s.label} (port ${port})` : undefined))(storeOfPort(port));
}

/** The finding, or undefined. `production` says (asked only when it matters) whether the command's own values name production (the proxy's target). */
export function floorExposure(tool: string, reading: Reading, production: () => boolean): Finding | undefined {
  // Stop 39: a proxy in front of another party's service recording what passes through (support/trafficRecording.ts).
  const recorded = trafficRecorded(tool, reading);
  if (recorded) return recorded;
  const words = reading.positionals.map((w) => w.text);
  const valueOf = (o: Reading['options'][number]): string | undefined => o.value ?? o.next;
  const ports = [...words.map(portIn), ...reading.options.filter((o) => PORT.test(o.name) || LISTEN.test(o.name) || /^--?url$/i.test(o.name)).map((o) => portIn(valueOf(o)))].filter((p): p is number => p !== undefined);
  const exposed = ports.map((p) => ({ port: p, label: what(p) })).find((p) => p.label !== undefined);
  const share = words.slice(0, 3).find((w) => SHARES.test(w));
  const open = !words.some((w) => /^private$/i.test(w)) && (words.some((w) => /^public$/i.test(w)) || reading.options.some((o) => /^--?public$/i.test(o.name)));
  const bound = reading.options.find((o) => LISTEN.test(o.name) && EVERY_INTERFACE.test(valueOf(o) ?? ''));
  let how: string | undefined = wholeRoute(tool, reading);
  const tunnel = how !== undefined || open || words.some((w) => /^private$/i.test(w)) ? how : tunnelled(tool, reading);
  if (tunnel !== undefined) how = tunnel;
  else if (share !== undefined && open && exposed) how = `\`${tool} ${share}\` publishes ${exposed.label} to the internet`;
  else if (bound && (exposed || production())) how = `\`${tool} ${bound.name} ${valueOf(bound)}\` listens on every interface for ${exposed?.label ?? 'a production service'}, so any machine on the network reaches it`;
  if (how === undefined) return undefined;
  return {
    rule: 'verbs.public-exposure',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `${how}${tunnel !== undefined ? '' : ': whoever reaches it reads the data there without a password the agent typed'} (${tool} has no rules of its own: judged by its words).`,
    targets: [{ kind: 'url', name: exposed ? `port ${exposed.port}` : tool, provider: tool, remote: true, environment: 'production', environmentReason: 'published to the network' }],
  };
}

/** The default route: every address (`0.0.0.0/0`, `0/0`, `::/0`). */
const DEFAULT_ROUTE = /^(0\.0\.0\.0\/0|0\/0|::\/0|0\.0\.0\.0\/0,::\/0)$/;
/** Options naming the host the traffic goes through (`-r user@jump`, `--remote`, `--server`, `--via`, `--peer`, `--endpoint`). */
const THROUGH = /^--?(r|remote|server|via|peer|endpoint|gateway|host|jump|exit-node|exit)$/i;
/** Options naming the routes sent there (`--route 0.0.0.0/0`, `--allowed-ips`, `--subnet`). */
const ROUTE_OPTION = /^--?(route|routes|allowed-ips|allowedips|subnet|subnets|net|networks?|include)$/i;

/**
 * Stop 39 (round 32: `sshuttle -r user@jump 0.0.0.0/0`): every connection this machine makes sent through another host, by any
 * program given that host and the default route: whoever runs it reads and changes what is not encrypted end to end, and sees
 * every address this machine talks to. One subnet routed there (`10.0.0.0/8`) is how a team reaches its private network: allowed.
 */
function wholeRoute(tool: string, reading: Reading): string | undefined {
  const valueOf = (o: Reading['options'][number]): string => o.value ?? o.next ?? '';
  const routes = [...reading.positionals.map((w) => w.text), ...reading.options.filter((o) => ROUTE_OPTION.test(o.name)).map(valueOf)];
  if (!routes.some((r) => r.split(',').some((x) => DEFAULT_ROUTE.test(x.trim())))) return undefined;
  const host = reading.options.find((o) => THROUGH.test(o.name) && valueOf(o) !== '')?.value ?? reading.options.find((o) => THROUGH.test(o.name))?.next ?? reading.positionals.map((w) => w.text).find((w) => /^[\w.-]+@[\w.-]+(:\d+)?$/.test(w));
  return host === undefined ? undefined : `\`${tool}\` sends every connection this machine makes (the default route) through ${host}: whoever runs that host reads and changes what is not encrypted end to end, and sees every address this machine talks to`;
}

/**
 * A tunnel by its words, for any program (stop 38, round 28: `frpc tcp … --local_port 5432`, `chisel client
 * SERVER R:0.0.0.0:6379:localhost:6379`, `telebit tcp 22`): the program's name or first words say it hands a
 * local port to another host (tunnel, share, expose, funnel, relay, reverse; `tcp|tls|http PORT`), or a
 * reverse specification does (`R:…`, `-R`, `rtcp://`). What is exposed decides: a database or admin port, a
 * socket, or the whole network (`R:socks`) asks; a dev server's port stays allowed (the team's decision:
 * `ngrok http 3000`, `tunnelmole 3000`), as does a private share and a forward that brings a remote port here.
 */
const TUNNEL_NAME = /tunnel|expose|share|funnel|relay|frp/i;
const TUNNEL_WORD = /^(tunnel|share|expose|funnel|relay|tcp|tls|http|https|reverse)$/i;
/** A reverse specification: the far side listens and sends its connections here (`R:…`, `rtcp://`, `rudp://`). */
const REVERSE = /^(R:|r(tcp|udp):\/\/)/;
const LOCAL_PORT = /^--?(port|p|local[-_]?port|lport|local|to-port|target-port|upstream-port|local[-_]?addr|local[-_]?address|url|origin)$/i;

function tunnelled(tool: string, reading: Reading): string | undefined {
  const words = reading.positionals.map((w) => w.text);
  const valueOf = (o: Reading['options'][number]): string | undefined => o.value ?? o.next;
  const reverseOptions = reading.options.filter((o) => /^(-R|--remote|--reverse)$/.test(o.name) || REVERSE.test(valueOf(o) ?? '')).map((o) => valueOf(o) ?? '');
  const reverse = [...words.filter((w) => REVERSE.test(w)), ...reverseOptions];
  const named = TUNNEL_NAME.test(tool.replace(/\.(py|sh|exe)$/, '')) || words.slice(0, 2).some((w) => TUNNEL_WORD.test(w));
  if (!named && reverse.length === 0) return undefined;
  const shown = [tool, ...words.slice(0, 2).filter((w) => /^[a-z][\w-]*$/i.test(w))].join(' ');
  if (reverse.some((r) => /(^|:)socks5?$/i.test(r))) return `\`${shown}\` opens a reverse SOCKS proxy: the far side reaches every host this machine's network reaches, through it`;
  const socket = [...words, ...reading.options.map((o) => valueOf(o) ?? '')].find((w) => /^unix:|\.sock$/i.test(w));
  if (socket !== undefined) return `\`${shown}\` hands the socket ${socket} to another host: whoever reaches the tunnel drives what listens there`;
  // A reverse specification counts by its local end (`R:8080:localhost:3000` exposes 3000); other words by any port they name.
  // Stop 40 (round 34: `ghostunnel client --listen localhost:8443 --target staging-api…:443`): where it listens on loopback is the near end of a forward, which brings the far port here.
  const listening = new Set(reading.options.filter((o) => /^--?(listen|bind|listen-addr|bind-addr|local-listen)$/i.test(o.name) && /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(:\d+)?$/i.test(valueOf(o) ?? '')).map((o) => valueOf(o)));
  const candidates = reverse.length > 0 ? reverse : [...words.filter((w) => !listening.has(w)), ...reading.options.filter((o) => LOCAL_PORT.test(o.name.replace(/_/g, '-'))).map((o) => valueOf(o))];
  const exposed = candidates.map(portIn).filter((p): p is number => p !== undefined).map((p) => ({ port: p, label: what(p) })).find((p) => p.label !== undefined);
  return exposed ? `\`${shown}\` hands ${exposed.label} to another host through a tunnel${reverse.length > 0 ? ' (a reverse tunnel into this machine)' : ''}, open to whoever reaches it` : undefined;
}
