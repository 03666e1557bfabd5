import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Programs that publish a port of this machine on the internet through a relay (round 8, issue #18):
 * Cloudflare quick tunnels, Tailscale Funnel, localtunnel and bore. Their grammar only: the public-tunnel
 * pack (`rules/publicTunnels.ts`) asks when they expose something; the verb floor reads the rest of what
 * they do (FLOOR_WHOLE: `cloudflared tunnel delete` is its).
 */

const tunnel = { family: 'files', locality: 'local' } as const;

/** cloudflared (urfave/cli): `cloudflared [global] tunnel [--url URL | --hello-world] [run|create|list|…]`. */
export const cloudflared: ToolSpec = {
  ...tunnel,
  names: ['cloudflared'],
  options: [
    valued('--url'), valued('--config'), valued('--origincert'), valued('--loglevel'), valued('--transport-loglevel'), valued('--logfile'), valued('--log-directory'), valued('--metrics'),
    valued('--credentials-file'), valued('--cred-file'), valued('--credentials-contents'), valued('--edge-ip-version'), valued('--protocol'), valued('--region'), valued('--hostname'),
    valued('--name', '-n'), valued('--token'), valued('--label'), valued('--pidfile'), valued('--unix-socket'), valued('--http-host-header'), valued('--origin-server-name'), valued('--tag'),
    flag('--hello-world'), flag('--no-autoupdate'), flag('--no-tls-verify'), flag('--quick-service'), flag('--post-quantum'), flag('--overwrite-dns', '-f'), flag('-h', '--help'), flag('-v', '--version'),
  ],
  commands: {
    tunnel: {
      commands: {
        'run|create|delete|list|info|route|login|cleanup|token|ingress|vnet|diag': {},
      },
    },
    'access|service|update|version|help|login': {},
  },
};

/** Tailscale: `tailscale funnel [--bg] [--https=443] [--set-path=/p] TARGET [off]`, `tailscale funnel status|reset`. */
export const tailscale: ToolSpec = {
  ...tunnel,
  names: ['tailscale'],
  options: [valued('--socket'), flag('-h', '--help')],
  commands: {
    'funnel|serve': {
      options: [{ names: ['--bg'], takes: 'optional' }, { names: ['--yes', '-y'], takes: 'optional' }, valued('--https'), valued('--http'), valued('--tcp'), valued('--tls-terminated-tcp'), valued('--set-path')],
      commands: { 'status|reset|get-config|set-config': { effect: 'read' } },
    },
  },
};

/** localtunnel's client: `lt --port 8000 [--subdomain x] [--local-host h]` (also `npx localtunnel`). */
export const localtunnel: ToolSpec = {
  ...tunnel,
  names: ['lt', 'localtunnel'],
  options: [valued('-p', '--port'), valued('-h', '--host'), valued('-s', '--subdomain'), valued('-l', '--local-host'), valued('--local-cert'), valued('--local-key'), valued('--local-ca'), flag('--local-https'), flag('--allow-invalid-cert'), flag('-o', '--open'), flag('--print-requests'), flag('--help'), flag('--version')],
};

/** bore: `bore local PORT --to HOST [--port N] [--secret S] [--local-host H]`; `bore server` is the relay itself. */
export const bore: ToolSpec = {
  ...tunnel,
  names: ['bore'],
  options: [valued('-t', '--to'), valued('-p', '--port'), valued('-s', '--secret'), valued('-l', '--local-host'), valued('--min-port'), valued('--max-port'), valued('--bind-addr'), valued('--bind-tunnels'), flag('-h', '--help'), flag('-V', '--version')],
  commands: { 'local|server|help': {} },
};
