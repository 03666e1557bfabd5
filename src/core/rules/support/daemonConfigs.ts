import type { Invocation, Finding, RuleContext } from '../../policy/types';
import { resolvePath } from '../../paths';
import { judgePayload } from '../deferred/payload';
import { isLocalUrl, parseRequestUrl } from './httpTargets';
import { storeOfPort } from './storeProtocols';
import { isLocalHost } from '../../policy/production';

/**
 * A configuration file handed to a daemon or agent no rule names (issue #18 criterion 8, stop 36, red team round 26:
 * `vector --config x.toml` whose sink posts `.env.production` to a host; an alerting task that execs `curl … | sh`).
 * The command line is routine (`tool --config FILE`); what it does is in the file. The guard reads the file the
 * command is given and judges:
 *
 * - commands the configuration runs (keys such as `command`, `cmd`, `exec`, `script`, `on_…`, `…_command`), as the
 *   deferred payloads are judged (rules/deferred/payload.ts): what they would do flags the run that starts them;
 * - a credential file read by the configuration (`.env.production`, `id_rsa`, `.aws/credentials`) where the same
 *   configuration sends to an address that is not this machine: the secrets leave.
 *
 * Allowed look-alikes: the same tools with a configuration that runs routine commands, ships logs of the project to
 * a collector on this machine, or reads a credential file without sending anywhere; `validate`, `check` and dry runs.
 */

const CONFIG_OPTION = /^--?(config|config-file|configfile|conf|c|cfg|config-path|configuration)$/i;
const CHECKS = /^(validate|check|test|lint|fmt|format|verify|version|help)$/i;
const EXEC_KEY = /(?:^|[\s{,-])["']?(command|cmd|exec|execute|script|shell|run|hook|action|on[_-][\w-]+|[\w-]+[_-](command|cmd|exec|script|hook))["']?\s*[:=]\s*(.+?)\s*,?\s*$/i;
const CREDENTIAL_FILE = /(?:^|[\s"'=/:])(\.env(?:\.[\w-]+)?|id_rsa|id_ed25519|id_ecdsa|\.aws\/credentials|\.netrc|\.pgpass|\.npmrc|credentials\.json|service-account[\w-]*\.json)(?=$|[\s"',\]])/m;
const MAX_TEXT = 100_000;

interface Reading {
  positionals: readonly { text: string; index: number }[];
  options: readonly { name: string; value?: string; next?: string }[];
}

/** The command text of a configuration value: a quoted string, or `["sh", "-c", "…"]`. */
function commandOf(value: string): string | undefined {
  const raw = value.trim();
  // An inline object's closing braces (`{"cmd": "…"}]`) are not part of the value.
  const v = raw.startsWith('[') ? raw : raw.replace(/[\s}\]]+$/, '');
  if (v.startsWith('[')) {
    const items = [...v.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
    if (items.length >= 3 && /^(sh|bash|zsh|\/bin\/(ba)?sh)$/.test(items[0]!) && items[1] === '-c') return items[2];
    return items.length > 0 ? items.join(' ') : undefined;
  }
  const unquoted = /^(["'])(.*)\1$/.exec(v)?.[2] ?? v;
  return /\s/.test(unquoted) || /^[.~/]/.test(unquoted) ? unquoted : undefined;
}

/** A configuration file given as the daemon's one operand (`rathole client.toml`, `frpc frpc.ini`). */
const CONFIG_FILE = /\.(toml|ya?ml|ini|conf|cfg|json|hcl)$/i;
/** Keys naming the far end a client connects to, and the local address it hands over (rathole, frp, bore, chisel configurations). */
const FAR_END = /^\s*["']?(remote_addr|server_addr|server|remote|relay|upstream_addr)["']?\s*[:=]\s*["']?([^"'\s,#]+)/im;
const LOCAL_END = /^\s*["']?(local_addr|local_ip|local_port|localaddr|local)["']?\s*[:=]\s*["']?([^"'\s,#]+)/gim;
const ADMIN_PORTS = new Set([22, 23, 445, 2375, 2376, 3389, 5900, 5901, 6443]);

/**
 * Stop 39 (round 30: `rathole client.toml`): a tunnel client's configuration that hands a database's or an admin port of this machine
 * to a server elsewhere: whoever reaches that server reaches the store. A dev server's port handed over stays allowed (the team's
 * decision on tunnels), as does a configuration whose far end is this machine.
 */
function configTunnel(inv: Invocation, file: string, text: string): Finding | undefined {
  const far = FAR_END.exec(text)?.[2];
  const host = far?.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (far === undefined || host === undefined || host === '' || isLocalHost(host)) return undefined;
  for (const m of text.matchAll(LOCAL_END)) {
    const port = Number(/(\d{2,5})$/.exec(m[2]!)?.[1] ?? NaN);
    const store = storeOfPort(port);
    if (store === undefined && !ADMIN_PORTS.has(port)) continue;
    return {
      rule: 'verbs.public-exposure',
      risk: 'credential-dump',
      severity: 'ask',
      reason: `\`${inv.name} ${file}\` hands ${store !== undefined ? store.label : 'an admin service'} (port ${port}) of this machine to ${far} through a tunnel: whoever reaches that server reaches it (${inv.name} has no rules of its own: judged by the configuration it is given).`,
      targets: [{ kind: 'url', name: far, provider: inv.name, remote: true, environment: 'production', environmentReason: 'handed to another host' }],
    };
  }
  return undefined;
}

export function daemonConfig(inv: Invocation, reading: Reading, ctx: RuleContext): Finding | undefined {
  if (reading.positionals.slice(0, 2).some((w) => CHECKS.test(w.text))) return undefined;
  const option = reading.options.find((o) => CONFIG_OPTION.test(o.name) && (o.value ?? o.next ?? '') !== '');
  const operand = option === undefined && reading.positionals.length === 1 && CONFIG_FILE.test(reading.positionals[0]!.text) ? reading.positionals[0]!.text : undefined;
  const file = option?.value ?? option?.next ?? operand;
  if (file === undefined || /[$`*?]/.test(file)) return undefined;
  const text = ctx.facts.readFile(resolvePath(inv.cwd || ctx.facts.cwd, file, ctx.facts.home))?.slice(0, MAX_TEXT);
  if (text === undefined) return undefined;
  const tunnel = configTunnel(inv, file, text);
  // A file given as the one operand is read for a tunnel only: any program takes a file (`dos2unix hooks.json`), only a daemon's option names its configuration.
  if (tunnel || option === undefined) return tunnel;
  const place = { where: `the configuration ${file}`, when: `when ${inv.name} runs it` };
  for (const line of text.split('\n')) {
    const m = EXEC_KEY.exec(line);
    const command = m ? commandOf(m[3]!) : undefined;
    if (command === undefined) continue;
    const found = judgePayload(command, 'shell', place, `\`${inv.name} ${option.name} ${file}\``, ctx, inv.cwd || ctx.facts.cwd).find((f) => f.severity !== 'info');
    if (found) return found;
  }
  const credential = CREDENTIAL_FILE.exec(text)?.[1];
  const sent = [...text.matchAll(/\bhttps?:\/\/[^\s"'`<>),]+/g)].map((m) => parseRequestUrl(m[0])).find((u) => u !== undefined && !isLocalUrl(u));
  if (credential === undefined || sent === undefined) return undefined;
  return {
    rule: 'verbs.config-sends-secrets',
    risk: 'credential-dump',
    severity: 'ask',
    reason: `\`${inv.name} ${option.name} ${file}\` runs a configuration that reads ${credential} and sends to ${sent.host}: the secrets in it leave this machine (${inv.name} has no rules of its own: judged by the configuration it is given).`,
    targets: [{ kind: 'url', name: sent.host, provider: inv.name, remote: true, environment: 'production', environmentReason: `${sent.host}: a host the secrets are sent to` }],
  };
}
