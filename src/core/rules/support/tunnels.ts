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

export function checkTunnels(inv: Invocation): Finding[] {
  for (const port of tunnelledPorts(inv)) {
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
