import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, readingsOf, toolArgs, toolNamed } from '../registry/commandModel';
import { freeFormReadings } from '../registry/freeForm';
import type { ToolArgs } from '../registry/types';
import { cloudOfHost, metadataTarget } from './support/metadataEndpoints';
import { containerServer } from './support/containerServers';

/**
 * Opening this machine or a cluster to the network without a lock: the Kubernetes API served on
 * every interface (`kubectl proxy --address 0.0.0.0` / `port-forward --address 0.0.0.0`), a remote
 * forward that lets another machine reach this one's ports (`ssh -R 2222:localhost:22 host`), the
 * Docker API on TCP without TLS (`dockerd -H tcp://0.0.0.0:2375`: root on this machine for anyone
 * who connects), a Jupyter server on every interface with its token emptied, and `ngrok tcp`.
 * `ngrok http PORT` of a development server stays allowed: that is what it is for. Shared terminals:
 * a writable ttyd/gotty page without a credential, a tmate or upterm session, code-server without a
 * password on an open address.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function ask(rule: string, reason: string, name: string, ctx: RuleContext): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  return [{ rule: `exposure.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }] }];
}

const LOOPBACK = /^(localhost|lo|lo0|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;
/** Programs that take commands from whoever types into them. */
const SHELLS = /^(ba|z|da|k|c|tc|a|fi|mk|yash|elvish|nu|x|o)?sh$|^(busybox|python[0-9.]*|perl|ruby|php|node|irb|pwsh|powershell|cmd(\.exe)?|lua|tclsh|screen|tmux)$/;

function kubectl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || (verb !== 'proxy' && verb !== 'port-forward')) return [];
  const open = a.values('--address').flatMap((v) => v.split(',')).find((v) => !LOOPBACK.test(v.trim()));
  if (open === undefined) return [];
  return ask('kube-api-open', `Serves ${verb === 'proxy' ? 'the cluster\'s API, with your credentials,' : 'a cluster port'} on ${open}: anyone who can reach this machine uses it (kubectl ${verb} --address).`, `kubectl ${verb} on ${open}`, ctx);
}

function ssh(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const host = (a.parsed.operands[0]?.text ?? 'the remote host').replace(/^[^@]*@/, '');
  const out: Finding[] = [];
  const forwards = a.values('-R');
  if (forwards.length > 0) out.push(...ask('remote-forward', `Lets ${host} reach this machine's ports (ssh -R ${forwards.join(', ')}): a way in from outside.`, `ssh -R to ${host}`, ctx));
  // Agent forwarding (`-A`, `-o ForwardAgent=yes`): whoever is root on the far host signs with this machine's keys while connected.
  const settings = a.values('-o').map((v) => v.replace(/\s+/g, ' ').trim());
  const agent = a.parsed.options.some((o) => o.name === '-A') || settings.some((v) => /^forwardagent[ =]+(yes|true)$/i.test(v) || /^forwardagent[ =]+[$~/.]/i.test(v));
  if (agent && !LOOPBACK.test(host)) out.push(remoteAsk('agent-forwarding', `Forwards this machine's SSH agent to ${host} (ssh ${settings.length ? '-o ForwardAgent' : '-A'}): anyone with root there can use your keys while the connection is open.`, `ssh agent of this machine at ${host}`, host, ctx));
  // A local forward listening on every interface (`-g`, `-L 0.0.0.0:5432:db:5432`, `-L *:…`): anyone on this machine's network reaches the far service through it.
  for (const f of a.values('-L')) {
    const open = localForwardOpen(f, a.parsed.options.some((o) => o.name === '-g') || settings.some((v) => /^gatewayports[ =]+(yes|true)$/i.test(v)));
    if (open) out.push(remoteAsk('open-forward', `Serves ${open.target} on ${open.bind} of this machine through ${host} (ssh ${open.how}): anyone who can reach this machine reaches it, past the network that kept it private.`, `${open.target} through ${host}`, open.target.replace(/:\d+$/, ''), ctx));
  }
  // A SOCKS proxy on every interface (`-D 0.0.0.0:1080`, `-g -D 1080`): anyone on this machine's network browses the far network through it.
  for (const d of a.values('-D')) {
    const parts = d.split(':');
    const bind = parts.length >= 2 ? parts.slice(0, -1).join(':').replace(/^\[|\]$/g, '') : undefined;
    const gateway = a.parsed.options.some((o) => o.name === '-g') || settings.some((v) => /^gatewayports[ =]+(yes|true)$/i.test(v));
    if (bind === undefined ? gateway : bind === '' || bind === '*' || !LOOPBACK.test(bind)) out.push(remoteAsk('open-forward', `Serves a SOCKS proxy into ${host}'s network on ${bind === undefined || bind === '' || bind === '*' ? 'every interface' : bind} of this machine (ssh ${gateway ? '-g ' : ''}-D ${d}): anyone who can reach this machine reaches that network, past the firewall that kept it private.`, `SOCKS proxy through ${host}`, host, ctx));
  }
  // A local forward to a cloud metadata address (`-L 8080:169.254.169.254:80`): later requests to localhost reach the instance's credentials.
  for (const f of a.values('-L')) {
    const parts = f.replace(/\[([^\]]*)\]/g, (_m, h: string) => h.replace(/:/g, '%')).split(':');
    const target = parts.length >= 3 ? parts[parts.length - 2]!.replace(/%/g, ':') : undefined;
    const cloud = target !== undefined ? cloudOfHost(target) : undefined;
    if (cloud !== undefined) out.push({ rule: 'credentials.metadata', risk: 'credential-dump', severity: 'ask', reason: `Opens a tunnel through ${host} to the ${cloud} metadata service (ssh -L ${f}): requests to the local port fetch that instance's cloud credentials.`, targets: [metadataTarget(`${cloud} metadata credentials through ${host}`)] });
  }
  return out;
}

/** A `-L [bind:]port:host:hostport` forward that listens beyond loopback: its bind address and target. */
function localForwardOpen(forward: string, gateway: boolean): { bind: string; target: string; how: string } | undefined {
  const parts = forward.replace(/\[([^\]]*)\]/g, (_m, h: string) => h.replace(/:/g, '%')).split(':');
  if (parts.length < 3 || parts[0]!.startsWith('/')) return undefined;
  const bind = parts.length >= 4 ? parts[0]!.replace(/%/g, ':') : undefined;
  const target = `${parts[parts.length - 2]!.replace(/%/g, ':')}:${parts[parts.length - 1]}`;
  // Without an address `-g` (or GatewayPorts) opens it; an explicit address other than loopback opens it by itself (`*` and empty mean every interface).
  const open = bind === undefined ? gateway : bind === '' || bind === '*' || !LOOPBACK.test(bind);
  if (!open) return undefined;
  return { bind: bind === undefined || bind === '' || bind === '*' ? 'every interface' : bind, target, how: `${gateway ? '-g ' : ''}-L ${forward}` };
}

/**
 * A data store started on the network without its lock: `redis-server --protected-mode no` with no
 * password on an open address, `mongod --bind_ip_all` without `--auth`. A configuration file given
 * decides instead (it is not read here).
 */
function datastoreOpen(inv: Invocation, ctx: RuleContext): Finding[] {
  const { usual, valued } = freeFormReadings(inv.args);
  const words = [...usual.options.map((o) => o.name), ...usual.operands.map((w) => w.text)];
  const value = (name: string): string | undefined => valued.options.find((o) => o.name === name)?.values[0];
  if (/^(elasticsearch|opensearch)$/.test(inv.name)) {
    const settings = valued.options.filter((o) => o.name === '-E').map((o) => o.values[0] ?? '');
    const off = settings.find((e) => /^(xpack\.security\.enabled=false|plugins\.security\.disabled=true)$/i.test(e));
    const host = settings.map((e) => /^(?:network|http)\.host=(.+)$/.exec(e)?.[1]).find((h) => h !== undefined && !LOOPBACK.test(h.replace(/^_local_$/, 'localhost')));
    if (off === undefined || host === undefined) return [];
    return ask('datastore-open', `Starts ${inv.name} on ${host} with security off (-E ${off}): anyone who reaches this machine reads, changes or deletes every index.`, `${inv.name} on ${host}`, ctx);
  }
  if (inv.name === 'etcd') {
    const open = (value('--listen-client-urls') ?? '').split(',').find((u) => u.startsWith('http://') && !LOOPBACK.test(u.replace(/^http:\/\//, '').replace(/:\d+.*$/, '')));
    if (open === undefined || words.includes('--client-cert-auth')) return [];
    return ask('datastore-open', `Serves etcd's client API on ${open} without TLS or client certificates: anyone who reaches this machine reads and rewrites every key (a Kubernetes cluster's whole state, secrets included).`, `etcd on ${open}`, ctx);
  }
  if (inv.name === 'memcached') {
    const bind = (value('-l') ?? value('--listen'))?.split(',').find((b) => !LOOPBACK.test(b.trim().replace(/:\d+$/, '')));
    if (bind === undefined) return [];
    return ask('datastore-open', `Starts memcached on ${bind}: it has no authentication, so anyone who reaches this machine reads and overwrites the cache.`, `memcached on ${bind}`, ctx);
  }
  if (inv.name === 'redis-server') {
    if (usual.operands.some((w) => w.text.endsWith('.conf')) || value('--requirepass') !== undefined || !/^no$/i.test(value('--protected-mode') ?? '')) return [];
    const bind = value('--bind');
    if (bind !== undefined && bind.split(/\s+/).every((b) => LOOPBACK.test(b.replace(/^-/, '')))) return [];
    return ask('datastore-open', `Starts Redis on ${bind ?? 'every interface'} with protected mode off and no password (redis-server --protected-mode no): anyone who reaches this machine reads, changes or deletes its data and can run commands through it.`, `redis-server on ${bind ?? 'every interface'}`, ctx);
  }
  if (words.some((w) => w === '--config' || w === '-f') || words.includes('--auth') || value('--keyFile') !== undefined) return [];
  const bind = words.includes('--bind_ip_all') ? 'every interface' : value('--bind_ip')?.split(',').find((b) => !LOOPBACK.test(b.trim()));
  if (bind === undefined) return [];
  return ask('datastore-open', `Starts MongoDB on ${bind} without authentication (${inv.name}${words.includes('--noauth') ? ' --noauth' : ''}): anyone who reaches this machine reads, changes or deletes every database.`, `mongod on ${bind}`, ctx);
}

function remoteAsk(rule: string, reason: string, name: string, host: string, ctx: RuleContext): Finding {
  const env = ctx.environmentOf({ values: [host], remote: true });
  return { rule: `exposure.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name, provider: 'ssh', remote: true, environment: env.environment, environmentReason: env.reason }] };
}

/** `dockerd -H tcp://0.0.0.0:2375` (registry/tools/servers.ts): the API on a TCP address that is not loopback, with TLS verification not on. */
function dockerd(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const verify = a.parsed.options.filter((o) => o.name === '--tlsverify');
  if (verify.some((o) => o.values.length === 0 || !/^(false|0)$/i.test(o.values[0]!))) return [];
  const open = a.values('-H').find((h) => h.startsWith('tcp://') && !LOOPBACK.test(h.replace(/^tcp:\/\//, '').replace(/:\d+$/, '')));
  if (open === undefined) return [];
  return ask('docker-api-open', `Serves the Docker API on ${open} without TLS: whoever connects runs containers as root on this machine.`, `dockerd on ${open}`, ctx);
}

/** A server started in a container with its port published (support/containerServers.ts), judged as the same server run here. */
function containerOpen(inv: Invocation, ctx: RuleContext): Finding[] {
  const found = containerServer(inv);
  const judge = found !== undefined ? BY_NAME[found.server.name] : undefined;
  if (found === undefined || judge === undefined) return [];
  return judge(found.server, ctx).map((f) => ({ ...f, reason: `In a container of ${found.image} with its port published (${inv.name} run ${found.opened}): ${f.reason.charAt(0).toLowerCase()}${f.reason.slice(1)}` }));
}

/**
 * Vault's development server (`vault server -dev`): unsealed, in memory, without TLS, its root token printed. On
 * loopback (its default) it is a developer's scratch vault; on another address every token crosses the network in
 * clear and whoever has the root token reaches everything in it.
 */
function vaultDev(inv: Invocation, ctx: RuleContext): Finding[] {
  const { usual, valued } = freeFormReadings(inv.args);
  if (usual.operands[0]?.text !== 'server' || !usual.options.some((o) => o.name.replace(/^--?/, '') === 'dev')) return [];
  const listen = valued.options.find((o) => o.name.replace(/^--?/, '') === 'dev-listen-address')?.values[0];
  if (listen === undefined || !openListen(listen)) return [];
  return ask('vault-dev-open', `Starts Vault's development server on ${listen} (vault server -dev -dev-listen-address): unsealed, in memory and without TLS, so every token crosses the network in clear and whoever has the root token reaches every secret in it.`, `vault dev server on ${listen}`, ctx);
}

/** A Jupyter token or password setting (`--ServerApp.token=`): traitlets options, named as written. */
const LOCK_SETTING = /^--(NotebookApp|ServerApp|IdentityProvider)\.(token|password)$/;

/** Either reading counts: `--ServerApp.token ''` may be the setting with its value in the next word. */
function jupyter(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec) return [];
  const options = readingsOf(inv.args, spec).flatMap((p) => p.options);
  const ip = options.find((o) => o.name === '--ip')?.values[0];
  const noToken = options.some((o) => LOCK_SETTING.test(o.name) && o.values[0] === '');
  if (ip === undefined || LOOPBACK.test(ip) || !noToken) return [];
  return ask('jupyter-open', `Serves Jupyter on ${ip} with no token: anyone who reaches it runs code on this machine.`, `jupyter on ${ip}`, ctx);
}

/** `ngrok tcp PORT`; an unknown option that may take the next word asks when either reading reaches `tcp`. */
function ngrok(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  if (!spec || !readingsOf(inv.args, spec).some((p) => p.path[0] === 'tcp')) return [];
  return ask('tunnel', 'Opens a public TCP tunnel to a port of this machine (ngrok tcp).', 'ngrok tcp', ctx);
}

/**
 * `tailscale up|set --shields-up=false` (round 17): the shields block every connection the tailnet opens to this
 * machine; taking them down explicitly opens each port it listens on (dev servers, databases) to every device of
 * the tailnet. A Go boolean takes its value only glued (`--shields-up false` keeps them up). Other flags stay allowed.
 */
function tailscale(inv: Invocation, ctx: RuleContext): Finding[] {
  const { usual } = freeFormReadings(inv.args);
  if (!/^(up|set|login)$/.test(usual.operands[0]?.text ?? '')) return [];
  const off = usual.options.some((o) => /^--?shields-up$/.test(o.name) && /^(false|0|f)$/i.test(o.values[0] ?? ''));
  return off ? ask('tailnet-shields-down', `tailscale ${usual.operands[0]!.text} --shields-up=false takes the shields down: every port this machine listens on (dev servers, databases) is reachable from every device of the tailnet.`, 'tailscale shields', ctx) : [];
}

/** A listening address that is not this machine's loopback (a bare port, or none, means every interface). */
const openAddress = (address: string | undefined): boolean => address === undefined || !LOOPBACK.test(address.replace(/:\d+$/, '').trim());

/** `ttyd -W bash`, `gotty -w bash`: a writable shell in a web page on every interface, with no credential. */
function webTerminal(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help', '-v', '--version')) return [];
  const ttyd = inv.name === 'ttyd';
  // ttyd before 1.7 is writable unless `-R`; which one is installed is not known here: a shell it serves without `-R` may take input.
  const writable = ttyd ? a.has('-W', '--writable') || (!a.has('-R', '--readonly') && SHELLS.test(a.parsed.operands[0]?.text.split('/').pop() ?? '')) : a.has('-w', '--permit-write');
  const locked = ttyd ? a.has('-c', '--credential', '-H', '--auth-header') : a.has('-c', '--credential');
  const address = ttyd ? a.values('-i', '--interface')[0] : a.values('-a', '--address')[0];
  if (!writable || locked || !openAddress(address) || (ttyd && address !== undefined && address.startsWith('/'))) return [];
  const command = a.parsed.operands.map((w) => w.text).join(' ') || 'a shell';
  return ask('web-terminal', `Serves a writable terminal running ${command} on ${address ?? 'every interface'} with no credential (${inv.name}): anyone who reaches the page types commands on this machine.`, `${inv.name} ${command}`, ctx);
}

/** `nc -l -p 4444 -e bash`, `ncat -lk 4444 --sh-exec bash`: a shell for whoever connects (socat's `EXEC:` is judged elsewhere). */
function shellListener(inv: Invocation, ctx: RuleContext): Finding[] {
  const { valued } = freeFormReadings(inv.args);
  const listens = valued.options.some((o) => /^-[a-zA-Z]*l[a-zA-Z]*$|^--listen$/.test(o.written));
  // The program it runs for each connection: a shell or an interpreter takes commands (`date`, `echo` only print).
  const runs = valued.options.some((o) => /^(-[a-zA-Z]*[ec]|--exec|--sh-exec|--lua-exec)$/.test(o.name) && SHELLS.test((o.values[0] ?? '').trim().split(/\s+/)[0]?.split('/').pop() ?? ''));
  if (!listens || !runs) return [];
  return ask('shell-listener', `Listens on the network and runs a program for whoever connects (${inv.name}): a shell on this machine, past this guard, with no credential.`, `${inv.name} listener`, ctx);
}

/** `tmate`, `tmate new-session`, `upterm host`, `sshx`, `tty-share --public`: a shared terminal session that whoever holds the link joins. */
function sharedSession(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-V', '-h', '--help', '--read-only')) return [];
  const sub = a.parsed.path[0];
  // sshx shares when started; tty-share only through its relay (`--public`), else it serves on localhost.
  const shares = inv.name === 'upterm' ? sub === 'host' : inv.name === 'sshx' || inv.name === 'teleconsole' ? a.parsed.operands.length === 0 && a.parsed.path.length === 0 : inv.name === 'tty-share' ? a.has('--public') : sub === 'new-session' || (sub === undefined && a.parsed.operands.length === 0);
  if (!shares) return [];
  return ask('shared-session', `Shares a terminal of this machine through ${inv.name}'s relay: whoever holds the link types commands here, past this guard.`, `${inv.name} session`, ctx);
}

/** `code-server --auth none` on an address that is not loopback, or `--link` (a public address): the editor and its terminal for anyone. */
function codeServer(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  if (a.has('--link')) return ask('shared-session', 'Publishes this editor, with its terminal, on a public address (code-server --link).', 'code-server --link', ctx);
  const auth = a.values('--auth')[0];
  const bind = a.values('--bind-addr', '--host')[0];
  if (auth !== 'none' || bind === undefined || !openAddress(bind)) return [];
  return ask('web-terminal', `Serves the editor and its terminal on ${bind} with no password (code-server --auth none): anyone who reaches it runs commands on this machine.`, `code-server on ${bind}`, ctx);
}

/** A listening address that is not loopback: `0.0.0.0:9229`, `*:5005`, `:2345` (every interface). */
function openListen(address: string): boolean {
  const host = address.includes(':') ? address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '') : /^\d+$/.test(address) ? 'localhost' : address;
  return host === '' || host === '*' || !LOOPBACK.test(host);
}

/**
 * A debugger listening on the network: whoever connects runs code in the process. Node's
 * `--inspect=0.0.0.0:9229` (and `-brk`, `-wait`, deno and bun), debugpy's `--listen 0.0.0.0:5678`,
 * Java's `-agentlib:jdwp=…address=*:5005`, Delve's `--listen=:2345`, `gdbserver :1234`, rdbg's `--host`.
 */
function debuggerListening(inv: Invocation): string | undefined {
  const words = inv.args.map((a) => a.text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    let address: string | undefined;
    if (/^(node|nodejs|deno|bun)$/.test(inv.name)) address = /^--inspect(?:-brk|-wait)?=(.+)$/.exec(w)?.[1];
    else if ((/^python[0-9.]*$/.test(inv.name) && words.includes('debugpy')) || inv.name === 'debugpy') address = w === '--listen' ? next : /^--listen=(.+)$/.exec(w)?.[1];
    else if (inv.name === 'java' || inv.name === 'kotlin') address = /^-(?:agentlib:jdwp|Xrunjdwp:)[=:]?.*\baddress=([^,]+)/.exec(w)?.[1];
    else if (inv.name === 'dlv') address = w === '--listen' || w === '-l' ? next : /^--listen=(.+)$/.exec(w)?.[1];
    else if (inv.name === 'gdbserver' && i === 0) address = /^[\w.*-]*:\d+$/.test(w) ? w : undefined;
    else if (inv.name === 'rdbg') address = w === '--host' ? `${next}:0` : /^--host=(.+)$/.exec(w) ? `${w.slice(7)}:0` : undefined;
    // `address=5005` (a port alone) listens on loopback since Java 9.
    if (address !== undefined && (inv.name !== 'java' || address.includes(':') || address === '*') && openListen(address)) return `${w}${address === next ? ' ' + next : ''}`;
  }
  return undefined;
}

function debuggerOpen(inv: Invocation, ctx: RuleContext): Finding[] {
  const option = debuggerListening(inv);
  if (option === undefined) return [];
  return ask('debugger-open', `Opens a debugger of ${inv.name} to the network (${option}): whoever reaches this machine runs code in the process, past this guard.`, `${inv.name} debugger on ${option}`, ctx);
}

const DEBUGGERS = ['node', 'nodejs', 'deno', 'bun', 'python', 'python3', 'debugpy', 'java', 'kotlin', 'dlv', 'gdbserver', 'rdbg'];

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  ...Object.fromEntries(DEBUGGERS.map((name) => [name, debuggerOpen])),
  kubectl, ssh, dockerd, jupyter, tailscale, 'jupyter-notebook': jupyter, 'jupyter-lab': jupyter, 'jupyter-server': jupyter, ngrok,
  nc: shellListener, ncat: shellListener, netcat: shellListener,
  ttyd: webTerminal, gotty: webTerminal, tmate: sharedSession, upterm: sharedSession, sshx: sharedSession, teleconsole: sharedSession, 'tty-share': sharedSession, 'code-server': codeServer,
  docker: containerOpen, podman: containerOpen, nerdctl: containerOpen, vault: vaultDev,
  'redis-server': datastoreOpen, mongod: datastoreOpen, elasticsearch: datastoreOpen, opensearch: datastoreOpen, etcd: datastoreOpen, memcached: datastoreOpen,
});

export const exposurePack: RulePack = {
  id: 'exposure',
  title: 'Opening this machine or a cluster to the network: kubectl proxy on every interface, ssh -R, dockerd on TCP, Jupyter without a token, shared terminals',
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
  reactsTo: (name) => BY_NAME[name] !== undefined,
};
