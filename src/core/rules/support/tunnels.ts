import { ownTable } from '../../ownTable';
import type { Finding, Invocation } from '../../policy/types';
import { invocationCommand, readingsOf, toolNamed } from '../../registry/commandModel';
import { optionsMatching } from '../../registry/grammar';
import { storeOfPort } from './storeProtocols';

/**
 * A data store on this machine published to the internet through a tunnel: `cloudflared tunnel --url
 * localhost:5432`, `ngrok tcp 5432`, `ssh -R 8080:localhost:5432 host`, `bore local 6379 --to bore.pub`,
 * `lt --port 9200`, `tailscale funnel 5432`. Whoever reaches the tunnel reads the data (and the secrets
 * in it) without a password the agent had to type. A web app's port (`ngrok http 3000`) stays allowed.
 */

function portOf(text: string | undefined): number | undefined {
  const m = /(?:^|[:/@])(\d{2,5})\/?$/.exec(text ?? '');
  return m ? Number(m[1]) : undefined;
}

/** The local ports a tunnel command publishes. */
function tunnelledPorts(inv: Invocation): number[] {
  const t = inv.args.map((a) => a.text);
  const after = (...names: string[]): (string | undefined)[] =>
    t.flatMap((w, i) => (names.includes(w) ? [t[i + 1]] : names.filter((n) => n.startsWith('--') && w.startsWith(n + '=')).map((n) => w.slice(n.length + 1))));
  switch (inv.name) {
    case 'cloudflared':
      return t[0] === 'tunnel' || t.includes('tunnel') ? after('--url').map(portOf).filter((p): p is number => p !== undefined) : [];
    case 'ngrok': {
      // Read through ngrok's registry entry (registry/tools/servers.ts): either reading of an unsure option counts.
      const tool = toolNamed(inv.name);
      const readings = tool ? readingsOf(inv.args, tool) : [];
      return readings.filter((p) => /^(tcp|tls|http)$/.test(p.path[0] ?? '')).map((p) => portOf(p.operands[0]?.text)).filter((p): p is number => p !== undefined);
    }
    case 'ssh': {
      // -R [bind:]port:host:hostport (read through ssh's registry entry, clusters such as -fNR included):
      // the remote side listens and forwards to host:hostport here.
      const command = invocationCommand(inv);
      if (!command) return [];
      const values = optionsMatching(command.parsed, command.tool, ['-R']).flatMap((o) => o.values);
      return values.map((v) => portOf(v.split(':').slice(-1)[0])).filter((p): p is number => p !== undefined);
    }
    case 'bore':
      return t[0] === 'local' ? [portOf(t[1])].filter((p): p is number => p !== undefined) : [];
    case 'lt':
    case 'localtunnel':
      return after('--port', '-p').map(portOf).filter((p): p is number => p !== undefined);
    case 'tailscale':
      return t[0] === 'funnel' ? [portOf(t.slice(1).find((w) => !w.startsWith('-')))].filter((p): p is number => p !== undefined) : [];
    default:
      return [];
  }
}

/** Ports of services that log a user into this machine: published through a tunnel, whoever reaches it tries to get in. */
const REMOTE_ACCESS_PORTS: Readonly<Record<number, string>> = ownTable({ 22: 'ssh', 23: 'telnet', 2375: 'the Docker API', 2376: 'the Docker API', 3389: 'remote desktop', 5900: 'VNC', 5901: 'VNC' });

/**
 * Remote access to this machine through a relay (round 14): `code tunnel` (VS Code's tunnel: the editor and its
 * terminal for the account signed in to it), `tailscale serve|funnel PATH` (this machine's files served to the
 * tailnet or the internet, credential files among them).
 */
function remoteAccess(inv: Invocation): string | undefined {
  const t = inv.args.map((a) => a.text);
  if ((inv.name === 'code' || inv.name === 'code-insiders' || inv.name === 'code-tunnel') && (inv.name === 'code-tunnel' || t[0] === 'tunnel') && !/^(status|kill|prune|rename|unregister|user|help|--help|-h)$/.test(t[1] ?? '')) return `${inv.name} tunnel opens this editor and its terminal to whoever signs in to the tunnel, past this guard`;
  if (inv.name === 'tailscale' && (t[0] === 'serve' || t[0] === 'funnel')) {
    const path = t.slice(1).find((w) => /^[/.~]/.test(w));
    if (path !== undefined) return `tailscale ${t[0]} serves the files under ${path} to ${t[0] === 'funnel' ? 'the internet' : 'every machine of the tailnet'}, credential files among them`;
  }
  return undefined;
}

export function checkTunnels(inv: Invocation): Finding[] {
  const access = remoteAccess(inv);
  if (access !== undefined) return [{ rule: 'credentials.tunnel', risk: 'credential-dump', severity: 'ask', reason: `${access}.`, targets: [{ kind: 'path', name: `${inv.name} ${inv.args[0]?.text ?? ''}`.trim(), remote: true, environment: 'production', environmentReason: 'published to the network' }] }];
  for (const port of tunnelledPorts(inv)) {
    const access = REMOTE_ACCESS_PORTS[port];
    if (access !== undefined) return [{ rule: 'credentials.tunnel', risk: 'credential-dump', severity: 'ask', reason: `${inv.name} publishes port ${port} on this machine (${access}) to the internet through a tunnel: whoever reaches it can try to log in here.`, targets: [{ kind: 'path', name: `localhost:${port}`, remote: true, environment: 'production', environmentReason: 'published to the internet' }] }];
    const store = storeOfPort(port);
    if (!store) continue;
    return [
      {
        rule: 'credentials.tunnel',
        risk: 'credential-dump',
        severity: 'ask',
        reason: `${inv.name} publishes port ${port} on this machine (${store.label}) to the internet through a tunnel: whoever reaches it reads the data there.`,
        targets: [{ kind: 'path', name: `localhost:${port}`, remote: true, environment: 'production', environmentReason: 'published to the internet' }],
      },
    ];
  }
  return [];
}
