import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

/**
 * Opening this machine or a cluster to the network without a lock: the Kubernetes API served on
 * every interface (`kubectl proxy --address 0.0.0.0` / `port-forward --address 0.0.0.0`), a remote
 * forward that lets another machine reach this one's ports (`ssh -R 2222:localhost:22 host`), the
 * Docker API on TCP without TLS (`dockerd -H tcp://0.0.0.0:2375`: root on this machine for anyone
 * who connects), a Jupyter server on every interface with its token emptied, and `ngrok tcp`.
 * `ngrok http PORT` of a development server stays allowed: that is what it is for.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function ask(rule: string, reason: string, name: string, ctx: RuleContext): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  return [{ rule: `exposure.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }] }];
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i;

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
  const forwards = a?.values('-R') ?? [];
  if (!a || forwards.length === 0) return [];
  const host = (a.parsed.operands[0]?.text ?? 'the remote host').replace(/^[^@]*@/, '');
  return ask('remote-forward', `Lets ${host} reach this machine's ports (ssh -R ${forwards.join(', ')}): a way in from outside.`, `ssh -R to ${host}`, ctx);
}

/** dockerd is not a registry entry: its `-H`/`--host` values are read as written (`-H tcp://…`, `--host=tcp://…`). */
function dockerd(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((w) => w.text);
  if (words.some((w) => w === '--tlsverify' || w.startsWith('--tlsverify='))) return [];
  const hosts = words.flatMap((w, i) => (w === '-H' || w === '--host' ? [words[i + 1] ?? ''] : w.startsWith('--host=') ? [w.slice(7)] : w.startsWith('-H') && w.length > 2 ? [w.slice(2)] : []));
  const open = hosts.find((h) => h.startsWith('tcp://') && !LOOPBACK.test(h.replace(/^tcp:\/\//, '').replace(/:\d+$/, '')));
  if (open === undefined) return [];
  return ask('docker-api-open', `Serves the Docker API on ${open} without TLS: whoever connects runs containers as root on this machine.`, `dockerd on ${open}`, ctx);
}

function jupyter(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = inv.args.map((w) => w.text);
  const ip = words.map((w, i) => (w === '--ip' ? words[i + 1] : w.startsWith('--ip=') ? w.slice(5) : undefined)).find((v) => v !== undefined);
  const noToken = words.some((w) => /^--(NotebookApp|ServerApp|IdentityProvider)\.(token|password)=$/.test(w));
  if (ip === undefined || LOOPBACK.test(ip) || !noToken) return [];
  return ask('jupyter-open', `Serves Jupyter on ${ip} with no token: anyone who reaches it runs code on this machine.`, `jupyter on ${ip}`, ctx);
}

function ngrok(inv: Invocation, ctx: RuleContext): Finding[] {
  const first = inv.args.find((w) => !w.text.startsWith('-'))?.text;
  if (first !== 'tcp') return [];
  return ask('tunnel', 'Opens a public TCP tunnel to a port of this machine (ngrok tcp).', 'ngrok tcp', ctx);
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = { kubectl, ssh, dockerd, jupyter, 'jupyter-notebook': jupyter, 'jupyter-lab': jupyter, ngrok };

export const exposurePack: RulePack = {
  id: 'exposure',
  title: 'Opening this machine or a cluster to the network: kubectl proxy on every interface, ssh -R, dockerd on TCP, Jupyter without a token',
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
};
