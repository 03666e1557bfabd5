import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { grammarOf, readEffectArgs } from '../policy/effectOptions';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { HOST_MACHINE, loginRecordWipe, rawDeviceWrite } from './hostMachine';
import { HOST_UPKEEP } from './hostUpkeep';
import { historyWipe } from './historyWipe';

/**
 * Damage to the machine itself rather than to a project (registry entries in
 * `registry/tools/hostAdmin.ts`): turning it off or rebooting it, killing every process the user
 * may signal, dropping the firewall, leaving root without a password, granting passwordless sudo,
 * removing the crontab, discarding a disk or zapping its partition tables, and a shell wired to a
 * network socket (a reverse or bind shell). Run over ssh, the walker relabels the target to the
 * remote place and its environment.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

/** This machine, a device or file of it, or (`elsewhere`) another machine named by an option (`systemctl -H host`). */
function machine(ctx: RuleContext, name = 'this machine', elsewhere = false): Target {
  const env = ctx.environmentOf({ values: elsewhere ? [name] : [], remote: elsewhere });
  return { kind: 'resource', name, provider: 'host', remote: elsewhere, environment: env.environment, environmentReason: env.reason };
}

function ask(rule: string, reason: string, ctx: RuleContext, name?: string, severity: Finding['severity'] = 'ask', elsewhere = false): Finding[] {
  return [{ rule: `host.${rule}`, risk: 'destructive', severity, reason, targets: [machine(ctx, name, elsewhere)] }];
}

function power(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--help', '--version', '-c', '-k', '-w', '--wtmp-only', '--show')) return [];
  return ask('power', `Turns off or restarts the machine, stopping everything running on it (${inv.name}).`, ctx);
}

/** `init 0` halts, `init 6` reboots, `init 1`/`S` drops to single-user mode (every service stopped). */
function init(inv: Invocation, ctx: RuleContext): Finding[] {
  const level = argsOf(inv)?.parsed.operands[0]?.text;
  if (level === undefined || !/^[016sS]$/.test(level)) return [];
  return ask('power', `Switches the machine to runlevel ${level} (${level === '6' ? 'reboot' : level === '0' ? 'halt' : 'single-user'}), stopping everything running on it (${inv.name}).`, ctx);
}

const MACHINE_VERBS = new Set(['reboot', 'poweroff', 'halt', 'kexec', 'soft-reboot', 'rescue', 'emergency']);
const SERVICE_STOPS = new Set(['stop', 'kill', 'disable', 'mask', 'isolate']);
const SLEEP_VERBS = new Set(['suspend', 'hibernate', 'hybrid-sleep', 'suspend-then-hibernate']);
/** Targets that leave the machine without its services or network: single-user, emergency, halt. */
const DOWN_TARGETS = /^(rescue|emergency|poweroff|halt|reboot|kexec|shutdown|sysinit|basic|sockets|timers|paths|local-fs|runlevel[0156]|soft-reboot)(\.target)?$/;

/** Units that take backups or snapshots (by name, or by the backup programs they run). */
const BACKUP_UNIT = /(^|[-_.@])(backups?|snapshots?|restic|rustic|borg|borgmatic|kopia|duplicity|duplicati|bacula|bareos|velero|pgbackrest|barman|wal-g|walg|autorestic|rsnapshot|timeshift|snapper|sanoid|znapzend)([-_.@]|$)/i;

function systemctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--help', '--dry-run')) return [];
  const verb = a.parsed.path[0];
  if (verb !== undefined && MACHINE_VERBS.has(verb)) return ask('power', `Takes the whole machine down or out of its normal state (systemctl ${verb}).`, ctx);
  if (verb !== undefined && SLEEP_VERBS.has(verb)) return ask('power', `Puts the whole machine to sleep (systemctl ${verb}): everything on it, remote sessions included, is unreachable until someone wakes it.`, ctx);
  const target = a.parsed.operands[0]?.text ?? '';
  if ((verb === 'isolate' || verb === 'set-default') && DOWN_TARGETS.test(target)) {
    return ask('power', verb === 'isolate' ? `Switches the machine to ${target} (systemctl isolate): every service that target does not need stops now, remote logins included.` : `Makes ${target} the default boot target (systemctl set-default): at the next boot the machine comes up without its services or network.`, ctx);
  }
  // Stopping a service on this machine is routine development work; on another machine it is an outage.
  const elsewhere = a.value('-H', '--host');
  // A backup job or timer stopped, disabled or masked: nothing is backed up from then on, here or elsewhere.
  const backups = verb !== undefined && SERVICE_STOPS.has(verb) ? a.parsed.operands.map((w) => w.text).filter((u) => BACKUP_UNIT.test(u)) : [];
  if (backups.length > 0) {
    return ask('backup-job-stopped', `Stops the backup job ${backups.join(', ')}${elsewhere !== undefined ? ` on ${elsewhere}` : ''} (systemctl ${verb}): a safety net is removed — no backup is taken from then on, and what is lost later cannot be restored.`, ctx, elsewhere ?? backups[0], 'ask', elsewhere !== undefined);
  }
  if (verb !== undefined && SERVICE_STOPS.has(verb) && (inv.remote || elsewhere !== undefined)) {
    const units = a.parsed.operands.map((w) => w.text).join(' ');
    return ask('service-stop', `Stops the service ${units} on ${elsewhere ?? 'that machine'} (systemctl ${verb}).`, ctx, elsewhere, 'ask', elsewhere !== undefined);
  }
  if (verb !== undefined && SERVICE_RESTARTS.test(verb)) return remoteRestart(inv, ctx, a.parsed.operands.map((w) => w.text).join(' '), `systemctl ${verb}`, elsewhere);
  return [];
}

/** Verbs that take a service down and bring it back with what is deployed there now (`reload` keeps it up and is left alone). */
const SERVICE_RESTARTS = /^(restart|try-restart|reload-or-restart|try-reload-or-restart|force-reload|condrestart|force-restart)$/;

/**
 * Stop 33 (red team round 16: `ssh deploy@prod 'git pull && systemctl restart app'`, `ansible all -m shell -a
 * 'systemctl restart app'`): restarting a service on another machine drops what it serves and brings it back with
 * whatever code is there now, a deploy nobody reviewed. On this machine it is routine; on a machine whose names say
 * development it stays allowed; elsewhere (production, or unknown, which is production) it asks.
 */
function remoteRestart(inv: Invocation, ctx: RuleContext, units: string, how: string, elsewhere: string | undefined): Finding[] {
  const names = elsewhere !== undefined ? [{ source: 'host', value: elsewhere }] : inv.remote?.names;
  if (names === undefined) return [];
  const env = ctx.environmentOf({ values: names.map((n) => n.value), remote: true, sources: names });
  if (env.environment === 'non-production' || env.environment === 'local') return [];
  return ask('service-restart', `Restarts the service ${units || 'named'} on ${elsewhere ?? 'that machine'} (${how}): what it serves drops its connections and comes back running whatever is deployed there now.`, ctx, elsewhere, 'ask', elsewhere !== undefined);
}

/** `service app restart` on another machine: SysV's spelling of the same restart. */
function service(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const [unit = '', verb = ''] = a ? a.parsed.operands.map((w) => w.text) : [];
  return a && SERVICE_RESTARTS.test(verb) ? remoteRestart(inv, ctx, unit, `service ${unit} ${verb}`, undefined) : [];
}

/** `kill -9 -1`, `kill -KILL -1`, `kill -s KILL -- -1`: pid -1 is every process the user may signal. */
function kill(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const { operands, operandIndexes } = a.parsed;
  // The first word as `-N` is the signal number, not a process (`kill -1` alone names a signal and no process).
  const pids = operands.filter((w, k) => !(operandIndexes[k] === 0 && /^-\d+$/.test(w.text)));
  if (!pids.some((w) => w.text === '-1')) return [];
  return ask('kill-all', 'Signals every process the user may signal (pid -1): the session, editors, servers and the agent itself.', ctx);
}

function iptables(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  if (a.parsed.options.some((o) => o.name === '-F' || o.name === '--flush')) return ask('firewall', `Flushes the firewall rules, leaving the machine open (${inv.name} -F).`, ctx);
  const policy = a.parsed.operands[0]?.text.toUpperCase();
  if (a.has('-P', '--policy') && policy === 'ACCEPT') return ask('firewall', `Sets a firewall chain's policy to ACCEPT (${inv.name} -P).`, ctx);
  // `-P INPUT DROP`: every connection no rule lets in is dropped, ssh and the agent's own included.
  const chain = a.value('-P', '--policy')?.toUpperCase();
  if ((policy === 'DROP' || policy === 'REJECT') && (chain === 'INPUT' || chain === 'OUTPUT')) return ask('firewall', `Sets the ${chain} chain's policy to ${policy}: connections no rule allows are cut, remote sessions included (${inv.name} -P).`, ctx);
  // `-A INPUT -j DROP` with nothing to narrow it (no source, protocol, port, interface or match): every packet of the chain is dropped.
  const added = (a.value('-A', '--append') ?? a.value('-I', '--insert'))?.toUpperCase();
  const jump = a.value('-j', '--jump')?.toUpperCase();
  if ((added === 'INPUT' || added === 'OUTPUT') && (jump === 'DROP' || jump === 'REJECT') && !a.has('-s', '--source', '-d', '--destination', '-p', '--protocol', '-i', '--in-interface', '-o', '--out-interface', '-m', '--match', '--dport', '--sport')) {
    return ask('firewall', `Drops every packet of the ${added} chain (${inv.name} ${a.has('-A', '--append') ? '-A' : '-I'} ${added} -j ${jump}): connections, remote sessions included, are cut.`, ctx);
  }
  return [];
}

function ufw(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || a.has('--dry-run')) return [];
  if (verb === 'default') {
    // `ufw default deny incoming`: once enabled, every connection no rule allows is cut, ssh and the agent's own included.
    const [policy = '', direction = 'incoming'] = a.parsed.operands.map((w) => w.text.toLowerCase());
    // `ufw default allow incoming`: every connection no rule denies comes in — the firewall keeps nothing out.
    if (policy === 'allow' && direction !== 'outgoing') return ask('firewall', `Sets the firewall to allow every ${direction} connection no rule denies: it no longer keeps anything out (ufw default allow).`, ctx);
    if (policy !== 'deny' && policy !== 'reject') return [];
    return ask('firewall', `Sets the firewall to ${policy} every ${direction} connection no rule allows: remote sessions without a rule of their own are cut (ufw default).`, ctx);
  }
  return ask('firewall', `Turns the firewall off or drops its rules (ufw ${verb}).`, ctx);
}

/** `pfctl -d` turns the packet filter off; `-F all|rules|Tables` flushes what it filters by (`-n` only parses). */
function pfctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-n')) return [];
  if (a.has('-d')) return ask('firewall', 'Turns the packet filter off (pfctl -d): the machine is open to whatever it kept out.', ctx);
  const flushed = a.values('-F').find((v) => /^(a|all|r|rules|n|nat|T|Tables)/.test(v));
  return flushed === undefined ? [] : ask('firewall', `Flushes the packet filter's ${flushed} (pfctl -F ${flushed}): what its rules kept out comes in.`, ctx);
}

/** nft reads its operands, in one word or several, as one command line (`nft flush ruleset`, `nft 'flush ruleset'`). */
function nft(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--check')) return [];
  const line = a.parsed.operands.map((w) => w.text.toLowerCase()).join(' ');
  if (!/(^|[\s;])flush\s+ruleset\b/.test(line)) return [];
  return ask('firewall', 'Flushes every nftables rule, leaving the machine open (nft flush ruleset).', ctx);
}

function passwd(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const user = a?.parsed.operands[0]?.text ?? 'the current user';
  // `passwd -l`/`-e` lock the account or expire its password: sign-ins (sudo too) fail until root undoes it.
  if (a && a.has('-l', '--lock', '-e', '--expire')) return ask('account-locked', `Locks ${user} or expires its password: its sign-ins and sudo fail until root undoes it (passwd ${a.has('-l', '--lock') ? '-l' : '-e'}).`, ctx);
  // Round 27: another account's password set by name (`sudo passwd postgres`, over ssh on a server): whoever signed in with the old one is locked out, and a service account that had none gets a login. Status reads (`-S`) and one's own password stay allowed.
  if (a && !a.has('-d', '--delete') && a.parsed.operands.length > 0 && !a.has('-S', '--status', '-a', '--all', '-h', '--help', '-u', '--unlock', '-n', '--mindays', '-x', '--maxdays', '-w', '--warndays', '-i', '--inactive')) return ask('password-set', `Sets the password of the account ${user}: whoever signed in with the old one is locked out, and an account that had none can now sign in (passwd).`, ctx);
  if (!a || !a.has('-d', '--delete')) return [];
  return ask('password-removed', `Removes the password of ${user}: the account then signs in with none (passwd -d).`, ctx);
}

function crontab(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const user = a.value('-u');
  // Stop 39 (round 33: `salt-call cron.set_job root …`, `ssh web-1 'echo … | crontab -'`): a table installed on another machine is a job
  // that runs there later, outside this session; here the deferred pack reads the table itself. Listings, edits and checks stay allowed.
  if (inv.remote && !a.has('-r', '-l', '-e', '-T', '-V', '-n')) return ask('job-planted', `Installs a crontab${user !== undefined ? ` for ${user}` : ''}: its jobs run there on their schedule, long after this session, and the table replaces the one there.`, ctx);
  if (!a.has('-r')) return [];
  return ask('crontab-removed', `Removes ${user !== undefined ? `${user}'s` : "the user's"} whole crontab; no copy is kept (crontab -r).`, ctx);
}

function blkdiscard(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const device = a?.parsed.operands[0]?.text;
  if (!a || device === undefined || a.has('--help', '--version')) return [];
  return ask('disk-wipe', `Discards every block of ${device}: what it held is gone (blkdiscard).`, ctx, device, 'deny');
}

function sgdisk(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const device = a?.parsed.operands[0]?.text;
  if (!a || device === undefined || a.has('-P', '--pretend') || !a.has('-Z', '--zap-all', '-z', '--zap', '-o', '--clear')) return [];
  return ask('disk-wipe', `Destroys the partition tables of ${device} (sgdisk).`, ctx, device, 'deny');
}

const SUDOERS = /^\/etc\/sudoers(\.d\/|$)|^\/proc\/sysrq-trigger$/;

/** A write into /etc/sudoers or a drop-in beside it: a redirect or tee. */
function sudoersWrite(inv: Invocation, ctx: RuleContext): Finding[] {
  const written = [
    ...inv.redirects.filter((r) => ['>', '>>', '>|', '&>', '&>>'].includes(r.op)).map((r) => r.target.text),
    ...(inv.name === 'tee' ? readEffectArgs(inv.args, grammarOf('tee')).operands.map((w) => w.text) : []),
  ];
  const path = written.find((p) => SUDOERS.test(p));
  if (path === undefined) return [];
  if (path.startsWith('/proc/')) return ask('power', 'Writes to /proc/sysrq-trigger: the kernel reboots, halts or kills processes at once.', ctx);
  return ask('sudoers', `Writes sudo rules into ${path}: who may run what as root, possibly with no password.`, ctx, path);
}

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'mksh', 'ash']);
const SOCKET_SHELL = /\bsocket\b[\s\S]*\b(dup2|pty\.spawn|subprocess|exec[lv]p?e?|spawn)\b|\b(fsockopen|TCPSocket)\b[\s\S]*\b(exec|spawn|system|sh)\b/;

/** A shell whose input and output are a network socket: `bash -i >& /dev/tcp/h/p 0>&1`, `socat … EXEC:/bin/bash`, a socket one-liner. */
function networkShell(inv: Invocation, ctx: RuleContext): Finding[] {
  if (SHELLS.has(inv.name) && inv.redirects.some((r) => /^\/dev\/(tcp|udp)\//.test(r.target.text))) {
    return ask('network-shell', `Connects a shell to a network socket (${inv.redirects.find((r) => r.target.text.startsWith('/dev/'))?.target.text}): whoever is at the other end runs commands here.`, ctx);
  }
  if (inv.name === 'socat' && inv.args.some((w) => /^(EXEC|SYSTEM):/i.test(w.text))) {
    return ask('network-shell', 'Serves a program over a socket with socat (EXEC:/SYSTEM:): whoever connects runs commands here.', ctx);
  }
  if (/^(python[\d.]*|perl|ruby|php|node)$/.test(inv.name) && inv.args.some((w) => SOCKET_SHELL.test(w.text))) {
    return ask('network-shell', `Runs ${inv.name} code that hands a shell to a network socket: whoever is at the other end runs commands here.`, ctx);
  }
  return [];
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  reboot: power, shutdown: power, poweroff: power, halt: power, init, telinit: init, killall5: (_inv, ctx) => ask('kill-all', 'Signals every process on the machine (killall5).', ctx),
  systemctl, service, kill, iptables, ip6tables: iptables, 'iptables-legacy': iptables, 'iptables-nft': iptables, 'ip6tables-legacy': iptables, 'ip6tables-nft': iptables,
  ufw, nft, pfctl, passwd, crontab, blkdiscard, sgdisk,
});

export const hostDamagePack: RulePack = {
  id: 'host',
  title: 'The machine itself: power, killing every process, firewall, passwords, sudoers, crontab, disks, shells on a socket',
  // The tables' names, shells and socat (networkShell), cp/tee/install/dd/truncate/history (rawDeviceWrite, loginRecordWipe, historyWipe), code runners; writes by redirect.
  gate: {
    names: [...Object.keys(BY_NAME), ...Object.keys(HOST_MACHINE), ...Object.keys(HOST_UPKEEP), ...SHELLS, 'socat', 'cp', 'tee', 'install', 'dd', 'truncate', 'history'],
    namePattern: /^(python[\d.]*|perl|ruby|php|node)$/,
    outputRedirect: true,
  },
  checkInvocation(inv, ctx) {
    return [...(BY_NAME[inv.name]?.(inv, ctx) ?? HOST_MACHINE[inv.name]?.(inv, ctx) ?? HOST_UPKEEP[inv.name]?.(inv, ctx) ?? []), ...sudoersWrite(inv, ctx), ...networkShell(inv, ctx), ...rawDeviceWrite(inv, ctx), ...loginRecordWipe(inv, ctx), ...historyWipe(inv, ctx)];
  },
};
