import type { Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Ways to leave the guard's processes alive but unable to answer, without naming a process: a
 * cgroup's files written (`cgroup.freeze`, `cpu.max`, `memory.max`, `cgroup.procs`), a user slice
 * frozen or squeezed through systemd (`systemctl --user freeze app.slice`, `set-property … CPUQuota=1%`),
 * the loopback interface dropped or delayed (`tc qdisc … dev lo … netem`, `iptables -o lo -j DROP`),
 * live sockets closed (`ss -K`), and the sockets the editor and the hook talk over removed or locked
 * (`rm /tmp/*.sock`, `rm -rf /tmp/vscode-*`, `chmod 000 $XDG_RUNTIME_DIR`). The line cannot show whose
 * processes or sockets these are, so each asks.
 */

const CGROUP_FILE = /^\/sys\/fs\/cgroup\//;
const WRITES = new Set(['>', '>>', '>|', '<>', '&>', '&>>']);

/** The cgroup file an invocation writes (a redirect, `tee`, libcgroup's `cgset`), or undefined. */
export function cgroupWrite(inv: Invocation): string | undefined {
  for (const r of inv.redirects) if (WRITES.has(r.op) && (CGROUP_FILE.test(r.target.text) || r.target.dynamic && /cgroup/.test(r.target.raw))) return r.target.text;
  if (inv.name === 'tee') return inv.args.find((a) => CGROUP_FILE.test(a.text))?.text;
  if (inv.name === 'cgset') return inv.args.find((a) => a.text === '-r' || a.text.startsWith('-r'))?.text ?? undefined;
  return undefined;
}

function ask(rule: string, reason: string, target: string): Finding {
  return { rule: `self-protection.${rule}`, risk: 'self-protection', severity: 'ask', reason, targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

const STARVED = "with the guard's decision server, hook or the editor's extension host among what it reaches, what the agent runs next may not be judged as it should be";

/** systemd resource properties that squeeze what a unit or slice holds. */
const RESOURCE_PROPERTIES = /^(CPUQuota|CPUWeight|StartupCPUWeight|CPUShares|AllowedCPUs|MemoryMax|MemoryHigh|MemoryLimit|MemorySwapMax|TasksMax|IOWeight|IOReadBandwidthMax|IOWriteBandwidthMax|IOReadIOPSMax|IOWriteIOPSMax|IODeviceWeight|BlockIOWeight)=/i;

function systemctlStarving(inv: Invocation): Finding | undefined {
  const words = inv.args.map((a) => a.text);
  if (!words.some((w) => w === 'freeze' || w === 'kill' || w === 'set-property')) return undefined;
  const verb = freeFormReadings(inv.args).usual.operands[0]?.text;
  if (verb === 'freeze') return ask('guard-process-selection', `systemctl freeze ${words[words.indexOf(verb) + 1] ?? ''} freezes every process of the unit or slice; ${STARVED}.`, 'systemd unit');
  if (verb === 'kill' && words.some((w, i) => /^(--signal=|-s)?(SIG)?(STOP|TSTP|19)$/i.test(w) && (w.includes('STOP') || w.includes('TSTP') || words[i - 1] === '-s' || w.startsWith('--signal=')))) {
    return ask('guard-process-selection', `systemctl kill with a freezing signal stops every process of the unit; ${STARVED}.`, 'systemd unit');
  }
  if (verb === 'set-property') {
    const property = words.find((w) => RESOURCE_PROPERTIES.test(w));
    if (property) return ask('guard-process-selection', `systemctl set-property ${property} limits what every process of the unit or slice may use; ${STARVED}.`, 'systemd unit');
  }
  return undefined;
}

/** `tc qdisc add dev lo root netem …`, `iptables -I OUTPUT -o lo -j REJECT`, `nft add rule … oif lo drop`. */
function loopbackBlocked(inv: Invocation): Finding | undefined {
  const words = inv.args.map((a) => a.text);
  const text = ` ${words.join(' ')} `;
  const onLoopback = / (dev|-o|-i|--out-interface|--in-interface|oif|iif|oifname|iifname) "?lo"? |127\.0\.0\.1|::1\/128| localhost /.test(text);
  if (!onLoopback) return undefined;
  if (inv.name === 'tc') {
    if (!/^(qdisc|filter|class)$/.test(freeFormReadings(inv.args).usual.operands[0]?.text ?? '') || !/ (add|replace|change) /.test(text)) return undefined;
  } else if (inv.name === 'nft') {
    if (!/ (drop|reject|queue|limit) /i.test(text) || !/ (add|insert|replace) /.test(text)) return undefined;
  } else if (!/ (-j|--jump) (DROP|REJECT|QUEUE|NFQUEUE|TARPIT) /i.test(text) && !/ (-P|--policy) \S+ (DROP|REJECT) /.test(text)) return undefined;
  return ask('guard-process-selection', `${inv.name} drops or delays traffic on the loopback interface, which local servers and the editor's helpers talk over; ${STARVED}.`, 'loopback');
}

const LOOPBACK_TOOLS = new Set(['tc', 'iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'nft']);

/** Sockets other programs listen on: a pattern over socket files, the editor's IPC folders, the user's runtime folder. */
const SOCKET_PLACES = /(^|\/)\*[^/]*\.sock(et)?$|(^|\/)vscode-[^/]*\*|(^|\/)vscode-(ipc|git|ssh|mcp|remote)[^/]*$|^\$\{?XDG_RUNTIME_DIR\}?\/?(\*|\/\*)?$|^\/run\/user\/(\d+|\$\w+|\$\{\w+\}|\$\(id -u\))\/?(\*)?$|(^|\/)blast-shield-\d*[^/]*$/;
const SOCKET_CHANGERS = new Set(['rm', 'unlink', 'chmod', 'chown', 'mv', 'shred', 'setfacl']);

/** A cheap test before reading the words: most removals name no socket place at all. */
const SOCKET_HINT = /\.sock|vscode-|XDG_RUNTIME_DIR|\/run\/user|blast-shield-/;

function socketsRemoved(inv: Invocation): Finding | undefined {
  if (!inv.args.some((a) => SOCKET_HINT.test(a.raw))) return undefined;
  const hit = freeFormReadings(inv.args).usual.operands.find((a) => SOCKET_PLACES.test(a.raw) || SOCKET_PLACES.test(a.text));
  if (!hit) return undefined;
  return ask('guard-process-selection', `${inv.name} ${hit.raw} removes or locks sockets other programs listen on (the editor's and its extensions' among them), through which the hook reaches the guard's window; ${STARVED}.`, hit.raw);
}

/** Findings for the ways above, keyed by program name (no work for other commands). */
const STARVING_NAMES: ReadonlySet<string> = new Set(['systemctl', 'ss', ...LOOPBACK_TOOLS, ...SOCKET_CHANGERS]);

export function starvingFindings(invs: readonly Invocation[]): Finding[] {
  for (const inv of invs) {
    if (!STARVING_NAMES.has(inv.name)) continue;
    const found =
      inv.name === 'systemctl' ? systemctlStarving(inv)
      : LOOPBACK_TOOLS.has(inv.name) ? loopbackBlocked(inv)
      : inv.name === 'ss' && inv.args.some((a) => /^-[a-zA-Z]*K/.test(a.text) || a.text === '--kill') ? ask('guard-process-selection', `ss -K closes the live sockets its filter matches, whoever holds them; ${STARVED}.`, 'sockets')
      : SOCKET_CHANGERS.has(inv.name) ? socketsRemoved(inv)
      : undefined;
    if (found) return [found];
  }
  return [];
}
