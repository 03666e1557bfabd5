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

/**
 * Programs that share a terminal over the network: ttyd and gotty serve a command in a web page
 * (writable with `-W` / `--permit-write`), tmate and upterm hand a session to whoever holds the link,
 * code-server serves the editor with its terminal. Options come before the command they serve.
 */
export const ttyd: ToolSpec = {
  ...server,
  names: ['ttyd'],
  interspersed: false,
  options: [
    valued('-p', '--port'), valued('-i', '--interface'), valued('-c', '--credential'), valued('-H', '--auth-header'), valued('-u', '--uid'), valued('-g', '--gid'),
    valued('-s', '--signal'), valued('-w', '--cwd'), valued('-t', '--client-option'), valued('-T', '--terminal-type'), valued('-m', '--max-clients'), valued('-I', '--index'),
    valued('-b', '--base-path'), valued('-P', '--ping-interval'), valued('-C', '--ssl-cert'), valued('-K', '--ssl-key'), valued('-A', '--ssl-ca'), valued('-d', '--debug'),
    valued('-f', '--srv-buf-size'), flag('-W', '--writable'), flag('-a', '--url-arg'), flag('-O', '--check-origin'), flag('-o', '--once'), flag('-q', '--exit-no-conn'),
    flag('-B', '--browser'), flag('-6', '--ipv6'), flag('-S', '--ssl'), flag('-v', '--version'), flag('-h', '--help'),
  ],
};

export const gotty: ToolSpec = {
  ...server,
  names: ['gotty'],
  interspersed: false,
  options: [
    valued('-a', '--address'), valued('-p', '--port'), valued('-c', '--credential'), valued('--title-format'), valued('--config'), valued('--ws-origin'), valued('--term'),
    valued('--tls-crt'), valued('--tls-key'), valued('--tls-ca-crt'), valued('--index'), valued('--max-connection'), valued('--timeout'), valued('--width'), valued('--height'),
    valued('--close-signal'), valued('--close-timeout'), valued('--path'), flag('-w', '--permit-write'), flag('-r', '--random-url'), flag('-t', '--tls'), flag('--once'),
    flag('--permit-arguments'), flag('--reconnect'), flag('--enable-webgl'), flag('-h', '--help'), flag('-v', '--version'),
  ],
};

/** tmate (a tmux fork): tmux's global options; with no command, or `new-session`, it opens a shared session. */
export const tmate: ToolSpec = {
  ...server,
  names: ['tmate'],
  interspersed: false,
  unknownShort: 'switch',
  options: [valued('-c'), valued('-f'), valued('-L'), valued('-S'), valued('-k'), valued('-r'), flag('-F'), flag('-n'), flag('-v'), flag('-V'), flag('-2'), flag('-u'), flag('-C'), flag('-l')],
  commands: { 'new-session|new': {} },
};

/** upterm: `upterm host [options] [-- CMD…]` shares this terminal through a relay. */
export const upterm: ToolSpec = {
  ...server,
  names: ['upterm'],
  options: [valued('--server'), valued('--github-user'), valued('--gitlab-user'), valued('--sourcehut-user'), valued('--codeberg-user'), valued('--authorized-keys'), valued('--private-key'), valued('--known-hosts'), valued('--force-command'), flag('--accept'), flag('--read-only'), flag('-h', '--help')],
  commands: { host: { interspersed: false }, 'session|proxy|upgrade|version': {} },
};

/**
 * Stop 40 (round 34: `sshx`): programs that share this terminal through a relay with whoever has the link, started bare.
 * sshx and teleconsole share at once; tty-share serves on localhost unless `--public` sends it through its relay.
 */
export const sshx: ToolSpec = {
  ...server,
  names: ['sshx'],
  options: [valued('--server'), valued('--shell'), valued('--name'), flag('-q', '--quiet'), flag('--enable-readers'), flag('-h', '--help'), flag('-V', '--version')],
};

/** teleconsole: started bare it shares this terminal through its relay; `join ID` joins someone else's. */
export const teleconsole: ToolSpec = {
  ...server,
  names: ['teleconsole'],
  options: [valued('-s'), valued('-f'), valued('-L'), valued('-R'), valued('-i'), flag('-v'), flag('-d'), flag('-h', '--help')],
  commands: { 'join|help|version': {} },
};

export const ttyShare: ToolSpec = {
  ...server,
  names: ['tty-share'],
  options: [
    valued('--command'), valued('--args'), valued('--listen'), valued('--frontend-path'), valued('--tty-proxy'), valued('--logfile'), valued('--join'), valued('--detach-keys'), valued('--headless-cols'), valued('--headless-rows'),
    flag('--public'), flag('--readonly'), flag('--no-wait'), flag('--headless'), flag('--insecure'), flag('--no-tls'), flag('--verbose'), flag('--version'), flag('-h', '--help'),
  ],
};

/** code-server: the editor (and its terminal) on a web address; `--auth none` takes the password off. */
export const codeServer: ToolSpec = {
  ...server,
  names: ['code-server'],
  options: [
    valued('--bind-addr'), valued('--auth'), valued('--host'), valued('--port'), { names: ['--cert'], takes: 'optional' }, valued('--cert-key'), valued('--cert-host'), valued('--socket'),
    valued('--socket-mode'), valued('--config'), valued('--user-data-dir'), valued('--extensions-dir'), valued('--install-extension'), valued('--uninstall-extension'), valued('--locale'),
    valued('--proxy-domain'), valued('--log'), valued('--hashed-password'), valued('--app-name'), valued('--welcome-text'), valued('--abs-proxy-base-path'), valued('--trusted-origins'),
    flag('--link'), flag('--disable-telemetry'), flag('--disable-update-check'), flag('--disable-file-downloads'), flag('--disable-workspace-trust'), flag('--disable-proxy'),
    flag('--disable-getting-started-override'), flag('--list-extensions'), flag('--show-versions'), flag('--force'), flag('-r', '--reuse-window'), flag('-n', '--new-window'),
    flag('-e', '--ignore-last-opened'), flag('-v', '--version'), flag('-h', '--help'), flag('-w', '--wait'),
  ],
};
