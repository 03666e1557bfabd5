import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Programs that serve something of this machine on the network: the Docker daemon, Jupyter and
 * ngrok. What the exposure pack asks about (`rules/exposure.ts`) is where they listen and whether a
 * lock is on; their other work is the verb floor's.
 */

const server = { family: 'files', locality: 'local' } as const;

/** dockerd (cobra/pflag: options anywhere, `-H x`, `-Hx`, `-H=x`, `--host=x`; booleans take a value only glued). */
export const dockerd: ToolSpec = {
  ...server,
  names: ['dockerd'],
  options: [
    valued('-H', '--host'), valued('-G', '--group'), valued('-l', '--log-level'), valued('-p', '--pidfile'), valued('--data-root'), valued('-g', '--graph'), valued('--config-file'),
    valued('--tlscacert'), valued('--tlscert'), valued('--tlskey'), valued('--exec-root'), valued('-b', '--bridge'), valued('--bip'), valued('--dns'), valued('--storage-driver'), valued('-s'),
    valued('--insecure-registry'), valued('--registry-mirror'), valued('--log-driver'), valued('--log-opt'), valued('--label'), valued('--mtu'), valued('--userns-remap'),
    { names: ['--tls'], takes: 'optional' }, { names: ['--tlsverify'], takes: 'optional' }, { names: ['-D', '--debug'], takes: 'optional' }, { names: ['--iptables'], takes: 'optional' },
    { names: ['--experimental'], takes: 'optional' }, { names: ['--rootless'], takes: 'optional' }, { names: ['--live-restore'], takes: 'optional' }, flag('-v', '--version'), flag('-h', '--help'),
  ],
};

/** Jupyter's servers' own options; `--Class.trait=value` settings (`--ServerApp.token=`) are read as written. */
const jupyterOptions = [
  valued('--ip'), valued('--port'), valued('--port-retries'), valued('--notebook-dir'), valued('--config'), valued('--log-level'),
  valued('--keyfile'), valued('--certfile'), valued('--client-ca'), valued('--browser'), valued('--sock'),
  flag('--no-browser'), flag('--allow-root'), flag('--debug'), flag('-y', '--y'), flag('--generate-config'), flag('--no-mathjax'), flag('--collaborative'), flag('-h', '--help'), flag('--version'),
];

/** `jupyter notebook|lab|server|nbclassic [options]`. */
export const jupyter: ToolSpec = {
  ...server,
  names: ['jupyter'],
  options: jupyterOptions,
  commands: { 'notebook|lab|server|nbclassic': {} },
};

/** The servers started by their own command names (`jupyter-lab --ip=0.0.0.0`). */
export const jupyterServer: ToolSpec = { ...server, names: ['jupyter-notebook', 'jupyter-lab', 'jupyter-server'], options: jupyterOptions };

/** ngrok (v3, cobra): `ngrok http|tcp|tls PORT`, global options anywhere. */
export const ngrok: ToolSpec = {
  ...server,
  names: ['ngrok'],
  options: [
    valued('--config'), valued('--authtoken'), valued('--log'), valued('--log-format'), valued('--log-level'), valued('--region'), valued('--url'), valued('--domain'),
    valued('--remote-addr'), valued('--basic-auth'), valued('--oauth'), valued('--cidr-allow'), valued('--cidr-deny'), valued('--traffic-policy-file'), valued('--metadata'),
    valued('--api-key'), valued('--host-header'), valued('--upstream-protocol'), { names: ['--inspect'], takes: 'optional' }, flag('-h', '--help'), flag('-v', '--version'),
  ],
  commands: {
    'http|tcp|tls|start|tunnel|service|api|update': { effect: 'mutate' },
    'config|diagnose|version|credits|completion|help': { effect: 'read' },
  },
};
