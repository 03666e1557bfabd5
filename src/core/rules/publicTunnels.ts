import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { isLoopbackHost } from '../policy/production';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

/**
 * A port of this machine published on the internet through a relay (round 8, issue #18): `ngrok http
 * 8000`, `cloudflared tunnel --url http://localhost:8000`, `tailscale funnel 8000`, `lt --port 8000`,
 * `bore local 8000 --to bore.pub`. Whoever finds the address reaches the development server, its debug
 * pages and whatever it serves from the project. Team decision: it asks, and it is not production (the
 * service is this machine's). A data store's port published this way is the credential pack's
 * (`support/tunnels.ts`); `ngrok tcp` is also the exposure pack's. Reads stay allowed (`ngrok version`,
 * `cloudflared tunnel list`, `tailscale funnel status`, `tailscale serve` inside the tailnet).
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

const HELP = ['-h', '--help', '-v', '-V', '--version'];

/** What the command publishes, or undefined when it publishes nothing. */
function published(inv: Invocation, a: ToolArgs): string | undefined {
  const path = a.parsed.path;
  const operands = a.parsed.operands.map((w) => w.text);
  switch (inv.name) {
    case 'ngrok':
      return path[0] !== undefined && /^(http|tls|tcp|start|tunnel)$/.test(path[0]) && !a.has(...HELP) ? (operands[0] ?? (path[0] === 'start' ? 'the tunnels of its configuration' : 'a local port')) : undefined;
    case 'cloudflared': {
      const url = a.value('--url');
      const quick = url !== undefined || a.has('--hello-world');
      return quick && (path.length === 0 || path[0] === 'tunnel') && (path[1] === undefined || path[1] === 'run') ? (url ?? 'a test page') : undefined;
    }
    case 'tailscale':
      if (path[0] !== 'funnel' || path.length > 1 || operands.length === 0 || operands[operands.length - 1] === 'off') return undefined;
      return operands[0];
    case 'lt':
    case 'localtunnel':
      return a.value('-p', '--port') !== undefined && !a.has('--help', '--version') ? `port ${a.value('-p', '--port')}` : undefined;
    case 'bore': {
      const to = a.value('-t', '--to');
      return path[0] === 'local' && to !== undefined && !isLoopbackHost(to) ? `port ${operands[0] ?? '?'} through ${to}` : undefined;
    }
    default:
      return undefined;
  }
}

function checkTunnel(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!TUNNEL_TOOLS.has(inv.name)) return [];
  const a = argsOf(inv);
  const what = a !== undefined ? published(inv, a) : undefined;
  if (what === undefined) return [];
  const env = ctx.environmentOf({ values: [], remote: false });
  return [{
    rule: 'public-tunnel.exposed',
    risk: 'destructive',
    severity: 'ask',
    reason: `Publishes ${what} of this machine on the internet through a ${inv.name} tunnel: anyone with the address reaches the service, its debug pages and what it serves from the project.`,
    targets: [{ kind: 'resource', name: `${what} (public tunnel)`, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }],
  }];
}

const TUNNEL_TOOLS: ReadonlySet<string> = new Set(['ngrok', 'cloudflared', 'tailscale', 'lt', 'localtunnel', 'bore']);

export const publicTunnelsPack: RulePack = {
  id: 'public-tunnel',
  title: 'Local ports published on the internet through a tunnel',
  // Dispatch only (no `commands`): the verb floor keeps reading these tools' other work (`cloudflared tunnel delete`).
  reactsTo: (name) => TUNNEL_TOOLS.has(name),
  checkInvocation: checkTunnel,
};
