import { ownTable } from '../ownTable';
import { isWithin, normalize, resolvePath } from '../paths';
import type { Finding, Invocation, RuleContext, RulePack, Target } from '../policy/types';
import { describedGrammar, effectGrammar, grammarOf, readEffectArgs, values } from '../policy/effectOptions';
import type { GrammarSpec } from '../registry/grammar';
import { codeForksEndlessly, codeWritesEndlessly, shellSpawnsEndlessly, shellStartsEndlessWorkers, shellWritesEndlessly } from './support/endlessSpawns';
import { starvingLoad } from './support/machineStarvation';
import { commandNode, parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { isLoopbackHost } from '../policy/production';
import { freeFormReadings } from '../registry/freeForm';

/**
 * The machine taken out of service rather than a project's data destroyed (registry entries in
 * `registry/tools/hostOutage.ts`): partition tables and RAID metadata, the root file system
 * remounted read-only or unmounted, kernel switches that panic it or drop its protections, its
 * network links and addresses taken down, the services others depend on stopped, every process of
 * a user or a database server killed, the journal and the audit rules erased, the disk filled, a
 * login shell that locks the account, and a key copied into this machine's authorized keys. Each
 * asks; reading, listing, dry runs and the same verbs on a throwaway target stay allowed.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function ask(rule: string, reason: string, ctx: RuleContext, name = 'this machine', severity: Finding['severity'] = 'ask'): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  const target: Target = { kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
  return [{ rule: `host-outage.${rule}`, risk: 'destructive', severity, reason, targets: [target] }];
}

const DISK = /^\/dev\/(sd[a-z]|nvme\d|hd[a-z]|xvd[a-z]|vd[a-z]|mmcblk\d|disk\d|rdisk\d|md\d*|dm-\d|mapper\/|loop\d)/;
const operandTexts = (a: ToolArgs): string[] => a.parsed.operands.map((w) => w.text);

/** `fdisk /dev/sda` (commands from a terminal or standard input), `sfdisk /dev/sda < table`, `parted /dev/sda rm 1`. */
function partitions(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const device = operandTexts(a).find((t) => DISK.test(t));
  if (device === undefined) return [];
  if (inv.name === 'sfdisk' && a.has('-l', '--list', '-F', '--list-free', '-d', '--dump', '-J', '--json', '-s', '--show-size', '-g', '--show-geometry', '-V', '--verify', '-n', '--no-act', '-h', '--help', '-v', '--version')) return [];
  if (inv.name === 'parted' && a.has('-l', '--list', '-h', '--help', '-v', '--version')) return [];
  if (inv.name !== 'sfdisk' && inv.name !== 'parted' && a.has('-l', '--list', '-x', '--list-details', '-s', '--getsz', '-h', '--help', '-V', '--version', '-v')) return [];
  if (inv.name === 'parted') {
    const words = operandTexts(a).slice(1).map((w) => w.toLowerCase());
    if (words.length > 0 && words.every((w) => /^(print|p|help|unit|[a-z]+=?)$/.test(w) && !/^(rm|mklabel|mktable|mkpart|mkpartfs|resizepart|resize|rescue|name|set|toggle|disk_set|disk_toggle|move|cp|mkfs)$/.test(w))) return [];
  }
  return ask('partition-table', `Rewrites the partition table of ${device} (${inv.name}): the partitions it removes or moves take their file systems with them.`, ctx, device, 'ask');
}

function mdadm(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !a.has('--zero-superblock', '-r', '--remove', '-f', '--fail', '--set-faulty', '-S', '--stop', '-C', '--create')) return [];
  const devices = operandTexts(a).join(' ') || 'every array it finds';
  return ask('raid', `Takes a RAID array or its disks apart (mdadm, ${devices}): what the array holds may no longer be assembled.`, ctx, devices);
}

/** The machine's own mount points: unmounted or made read-only, everything running on them fails. */
const SYSTEM_MOUNTS = /^\/(|boot(\/efi)?|usr|var|home|etc|opt|srv|root|tmp|proc|sys|dev|run|nix)\/?$/;

function mount(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-f', '--fake', '-h', '--help', '-V', '--version')) return [];
  const options = a.values('-o', '--options').flatMap((o) => o.split(','));
  if (!options.includes('remount')) return [];
  const readOnly = options.includes('ro') || a.has('-r', '--read-only');
  const point = operandTexts(a)[0] ?? a.value('--target') ?? '';
  // Round 27: a read-only remount of the folder that holds the guard's own (home, or any folder above it): the audit log and settings stop being written.
  const abs = point === '' ? '' : resolvePath(inv.cwd || ctx.facts.cwd, point, ctx.facts.home);
  // The root file system read-only is the machine's outage, asked below with the other system mounts.
  const guard = [ctx.facts.guardHome, `${ctx.facts.home}/.blast-shield`].find((g) => g !== undefined && abs !== '' && normalize(abs) !== '/' && isWithin(normalize(abs), normalize(g)));
  if (readOnly && guard !== undefined) {
    return [{ ...ask('remount-ro', `Remounts ${point} read-only, which holds Blast Shield's own folder (${guard}): its audit log and settings stop being written; agents may not change Blast Shield's protection.`, ctx, point, 'deny')[0]!, risk: 'self-protection' }];
  }
  if (!readOnly || !SYSTEM_MOUNTS.test(point)) return [];
  return ask('remount-ro', `Remounts ${point} read-only: every program that writes there (logs, databases, package managers, the guard's audit) fails until it is remounted.`, ctx, point);
}

function umount(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--fake', '-h', '--help', '-V', '--version')) return [];
  if (a.has('-a', '--all')) return ask('unmount', 'Unmounts every file system the machine has mounted (umount -a).', ctx);
  const point = operandTexts(a).find((p) => SYSTEM_MOUNTS.test(p));
  // A forced or lazy unmount pulls a file system from under the programs still using it (a database's data folder, a backup disk).
  const forced = a.has('-f', '--force', '-l', '--lazy') ? operandTexts(a).find((p) => p.startsWith('/') && !/^\/(tmp|media|run\/media|mnt\/(usb|cdrom|iso))(\/|$)/.test(p)) : undefined;
  if (point === undefined && forced !== undefined) return ask('unmount', `Unmounts ${forced} by force (umount ${a.has('-l', '--lazy') ? '--lazy' : '--force'}): programs still writing there (databases, backups) lose it mid-write.`, ctx, forced);
  if (point === undefined) return [];
  return ask('unmount', `Unmounts ${point}, one of the machine's own file systems: what runs from it fails.`, ctx, point);
}

/** Kernel settings that panic or hang the machine, or take its own protections away. */
const KERNEL_SWITCHES: readonly { re: RegExp; what: string }[] = [
  { re: /^kernel\.panic(_on_\w+)?$|^vm\.panic_on_oom$|^kernel\.hung_task_panic$|^kernel\.softlockup_panic$/, what: 'makes the kernel panic (and stop or restart the machine)' },
  { re: /^kernel\.(randomize_va_space|yama\.ptrace_scope|kptr_restrict|dmesg_restrict|unprivileged_bpf_disabled|modules_disabled|kexec_load_disabled)$|^fs\.protected_\w+$|^fs\.suid_dumpable$/, what: "weakens one of the kernel's own protections" },
  { re: /^net\.ipv[46]\.conf\.\w+\.(disable_ipv6|forwarding)$|^net\.ipv4\.ip_forward$|^net\.ipv6\.conf\.all\.disable_ipv6$/, what: 'changes how the machine routes or reaches the network' },
  { re: /^vm\.(nr_hugepages|min_free_kbytes|overcommit_memory|overcommit_ratio)$|^kernel\.(pid_max|threads-max)$|^fs\.(file-max|nr_open)$/, what: 'changes how much memory or how many processes and files the whole machine may use' },
];

function sysctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help', '-V', '--version', '-a', '-A', '-X', '--all')) return [];
  // Operands are `KEY=VALUE` settings: split at the sign (not an option reader).
  for (const word of operandTexts(a)) {
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    const key = word.slice(0, eq).replace(/\//g, '.');
    const hit = KERNEL_SWITCHES.find((k) => k.re.test(key));
    if (hit) return ask('kernel-switch', `Sets ${word} on the running kernel (sysctl), which ${hit.what}.`, ctx, key);
  }
  return [];
}

/** `ip link set eth0 down`, `ip link delete`, `ip addr flush dev eth0`, `ip route del default`, `ip route flush`. */
function ipCommand(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-V', '-Version')) return [];
  const [object = '', verb = '', ...rest] = operandTexts(a).map((w) => w.toLowerCase());
  const cut = (what: string): Finding[] => ask('network-down', `${what} (ip ${operandTexts(a).join(' ')}): connections through it, remote sessions included, are cut.`, ctx);
  if (/^l(i(nk?)?)?$/.test(object) && /^(s(et?)?)$/.test(verb) && rest.includes('down')) return cut('Takes a network link down');
  if (/^l(i(nk?)?)?$/.test(object) && /^(del(ete)?|d)$/.test(verb)) return cut('Deletes a network link');
  if (/^(a(d(dr?|dress)?)?)$/.test(object) && /^(f(l(u(sh?)?)?)?|del(ete)?)$/.test(verb)) return cut("Removes the machine's addresses");
  if (/^(r(o(u(te?)?)?)?)$/.test(object) && (/^f(l(u(sh?)?)?)?$/.test(verb) || (/^del(ete)?$/.test(verb) && rest.includes('default')))) return cut("Removes the machine's routes");
  return [];
}

function ifconfig(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = argsOf(inv)?.parsed.operands.map((w) => w.text) ?? [];
  if (words.length < 2 || !words.slice(1).includes('down')) return [];
  return ask('network-down', `Takes the network interface ${words[0]} down (ifconfig): connections through it, remote sessions included, are cut.`, ctx, words[0]);
}

function nmcli(inv: Invocation, ctx: RuleContext): Finding[] {
  const words = (argsOf(inv)?.parsed.operands.map((w) => w.text.toLowerCase()) ?? []);
  const [object = '', verb = ''] = words;
  const off = (/^n(e(t(w(o(r(k(i(ng?)?)?)?)?)?)?)?)?$/.test(object) && verb === 'off') || (/^r(a(d(io?)?)?)?$/.test(object) && words.includes('off'))
    || (/^c(o(n(n(e(c(t(i(on?)?)?)?)?)?)?)?)?$/.test(object) && /^(down|delete|del)$/.test(verb)) || (/^d(e(v(i(ce?)?)?)?)?$/.test(object) && /^(disconnect|delete|down)$/.test(verb));
  if (!off) return [];
  return ask('network-down', `Takes the machine's network or one of its connections down (nmcli ${words.join(' ')}): remote sessions through it are cut.`, ctx);
}

/**
 * Units others depend on: data stores, the ways into the machine, its network, containers, its
 * session and scheduler. A web server or a project's own dev server is not here: stopping one on
 * this machine is ordinary development work (`systemctl stop nginx`, hostRound5 table).
 */
const VITAL_UNITS = /^(postgres(ql)?(@[\w.-]+)?|mysql|mysqld|mariadb|mongod|mongodb|redis(-server)?|valkey|memcached|elasticsearch|opensearch|rabbitmq-server|kafka|zookeeper|etcd|cassandra|clickhouse-server|ssh|sshd|openssh-server|networking|network|NetworkManager|systemd-networkd|systemd-resolved|wpa_supplicant|dbus|systemd-journald|systemd-logind|cron|crond|atd|docker|containerd|podman|kubelet|k3s|gdm3?|sddm|lightdm|display-manager|polkit|getty@[\w.-]+|serial-getty@[\w.-]+|chronyd|ntp|systemd-timesyncd|rsyslog|syslog)(\.service|\.socket)?$/;

/** systemctl on this machine: stopping what others depend on, masking any unit, enabling one whose unit file the hook does not read. */
function systemctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || inv.remote || a.has('--help', '--dry-run', '-H', '--host', '-M', '--machine')) return [];
  const units = operandTexts(a);
  if (verb === 'mask') return ask('service-mask', `Masks ${units.join(', ') || 'a unit'}: it cannot start again, by hand or at boot, until someone unmasks it (systemctl mask).`, ctx, units[0]);
  if (verb === 'enable' || verb === 'reenable' || verb === 'link' || verb === 'add-wants' || verb === 'add-requires') {
    const scope = a.has('--user', '--global') ? 'at every login' : 'at every boot';
    return ask('service-enable', `Enables ${units.join(', ') || 'a unit'} to start ${scope}${a.has('--now') ? ' and now' : ''} (systemctl ${verb}); what it runs is in its unit file, which the guard does not read.`, ctx, units[0]);
  }
  if (a.has('--user')) return [];
  const vital = units.filter((u) => VITAL_UNITS.test(u));
  if (vital.length === 0 || !['stop', 'kill', 'disable'].includes(verb)) return [];
  return ask('service-outage', `Stops ${vital.join(', ')}, which other programs or people on this machine depend on (systemctl ${verb}).`, ctx, vital[0]);
}

/**
 * Stop 34 (round 19): other ways to make something start at every boot, which the guard sees once and
 * never again: pm2's boot service (`pm2 startup` installs an init unit that brings back every process pm2
 * has saved), SysV and OpenRC links (`update-rc.d NAME defaults|enable`, `chkconfig NAME on`, `rc-update
 * add NAME`). Starting a process now (`pm2 start`, `nohup x &`) ends with the session or the machine and
 * stays allowed; `pm2 unstartup`, `update-rc.d NAME remove` take the start away.
 */
const BOOT_INSTALLS: Readonly<Record<string, (words: readonly string[]) => string | undefined>> = ownTable({
  pm2: (w) => (w[0] === 'startup' ? 'every process pm2 has saved (pm2 startup installs its boot service)' : undefined),
  'update-rc.d': (w) => (w[1] !== undefined && /^(defaults|enable|start)$/.test(w[1]) ? `${w[0]} (update-rc.d ${w[1]})` : undefined),
  chkconfig: (w) => (w[1] === 'on' || w[1] === 'reset' ? `${w[0]} (chkconfig ${w[1]})` : undefined),
  'rc-update': (w) => (w[0] === 'add' && w[1] !== undefined ? `${w[1]} (rc-update add)` : undefined),
});

function bootInstall(inv: Invocation, ctx: RuleContext): Finding[] {
  const reading = freeFormReadings(inv.args).usual;
  if (inv.remote || reading.options.some((o) => /^--?(h|help)$/.test(o.name))) return [];
  const what = BOOT_INSTALLS[inv.name]?.(reading.operands.map((w) => w.text));
  if (what === undefined) return [];
  return ask('boot-install', `Makes ${what} start at every boot of this machine: what it runs keeps running after this session, and the guard does not see it start.`, ctx, inv.name);
}

/** `service postgresql stop`: SysV's spelling of the same outage. */
function service(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const [unit = '', verb = ''] = a ? operandTexts(a) : [];
  if (!a || inv.remote || !/^(stop|force-stop|disable)$/.test(verb) || !VITAL_UNITS.test(unit)) return [];
  return ask('service-outage', `Stops ${unit}, which other programs or people on this machine depend on (service ${unit} ${verb}).`, ctx, unit);
}

/**
 * `brew services stop|kill postgresql@16` (or `--all`): launchd's spelling of `systemctl stop` on a Mac,
 * judged the same way (the formula's name without its `@version`; `mongodb-community` is mongod).
 */
function brewServices(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || inv.remote || a.parsed.path[0] !== 'services' || a.has('-h', '--help')) return [];
  const [verb = '', ...rest] = operandTexts(a);
  if (verb !== 'stop' && verb !== 'kill') return [];
  const all = a.has('--all');
  const vital = rest.filter((f) => VITAL_UNITS.test(f.replace(/@[\w.-]*$/, '').replace(/^mongodb-community$/, 'mongod')));
  if (!all && vital.length === 0) return [];
  const what = all ? 'every Homebrew service (databases included)' : vital.join(', ');
  return ask('service-outage', `Stops ${what}, which other programs or people on this machine depend on (brew services ${verb}).`, ctx, vital[0] ?? 'brew services');
}

/** Servers whose processes, killed outright, take data in flight (and every client) with them. */
const VITAL_PROCESSES = /^(postgres|postmaster|mysqld|mariadbd|mongod|redis-server|valkey-server|elasticsearch|java|dockerd|containerd|sshd|systemd|init|Xorg|Xwayland|gnome-shell|kwin_\w+|plasmashell|kubelet|etcd)$/;

/** `pkill -u $USER`, `killall -u USER`: every process of a user; `pkill -9 postgres`: a server killed outright. */
function broadKill(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || inv.remote || a.has('-l', '--list', '-V', '--version', '-h', '--help')) return [];
  const patterns = operandTexts(a).filter((t) => !/^-(\d+|[A-Z]+\d*)$/.test(t));
  const user = a.value('-u', '--euid', '--user', '-U', '--uid');
  if (user !== undefined && patterns.length === 0) {
    return ask('kill-user', `Signals every process of ${user} (${inv.name} -u): the session, editors, servers and the agent itself.`, ctx, user);
  }
  const vital = patterns.filter((p) => VITAL_PROCESSES.test(p.replace(/^\^|\$$/g, '')));
  if (vital.length === 0) return [];
  return ask('kill-server', `Kills ${vital.join(', ')} (${inv.name}), a server other programs depend on; what it was writing is lost.`, ctx, vital[0]);
}

/** `kill 1`: pid 1 is the init system (the machine's or the container's); signalling it stops everything. */
function killInit(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  // `kill -l 1` names signal 1; it signals nothing. Sent elsewhere (`kubectl exec pod -- kill 1`, `ssh host kill 1`) it takes that
  // container or host down with the requests in flight (round 8, issue #18): the engine places the finding there.
  if (!a || a.has('-l', '--list', '-L', '--table')) return [];
  const { operands, operandIndexes } = a.parsed;
  const pids = operands.filter((w, k) => !(operandIndexes[k] === 0 && /^-\d+$/.test(w.text)));
  if (!pids.some((w) => w.text === '1')) return [];
  return ask('kill-init', 'Signals process 1, the init system of this machine or container: it stops everything running with it.', ctx);
}

function journalctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const vacuum = a?.parsed.options.find((o) => /^--vacuum-(time|size|files)$/.test(o.name));
  if (!a || vacuum === undefined) return [];
  return ask('log-erase', `Deletes the system journal's archived entries (journalctl ${vacuum.name}): the record of what ran on this machine is gone.`, ctx, 'the system journal');
}

function auditctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  if (a.has('-D')) return ask('audit-off', 'Deletes every audit rule (auditctl -D): the kernel stops recording what those rules watched.', ctx, 'the audit rules');
  if (a.value('-e') === '0') return ask('audit-off', 'Turns kernel auditing off (auditctl -e 0).', ctx, 'the audit rules');
  return [];
}

/** `user@localhost`, `127.0.0.1:2222`, `[::1]`: this machine only (a `*.local` LAN host is another machine). */
function thisMachine(destination: string): boolean {
  const host = destination.replace(/^.*@/, '');
  const bracketed = /^\[([^\]]+)\](:\d+)?$/.exec(host);
  return isLoopbackHost(bracketed ? bracketed[1]! : host.includes('::') ? host : host.replace(/:\d+$/, ''), { unspecified: true });
}

/** `ssh-copy-id -i KEY localhost`: a key added to this machine's own authorized keys opens it to whoever holds the key. */
function sshCopyId(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-n', '-h', '-?')) return [];
  const target = operandTexts(a).find(thisMachine);
  if (target !== undefined) return ask('key-added', `Adds ${a.value('-i') ?? 'a key'} to this machine's authorized keys (ssh-copy-id ${target}): whoever holds the private key signs in here.`, ctx, target);
  // Another host: the account's own key (the default, or one in ~/.ssh) is its own sign-in; a key from
  // anywhere else is a lasting login on that host for whoever holds its private half.
  const key = a.value('-i');
  const host = operandTexts(a)[0];
  if (key === undefined || host === undefined || ownSshKey(key, ctx.facts.home)) return [];
  const env = ctx.environmentOf({ values: [host.replace(/^.*@/, '')], remote: true });
  const environment = env.environment === 'unknown' ? 'production' : env.environment;
  const reason = env.environment === 'unknown' ? 'a host whose environment nothing names (treated as production)' : env.reason;
  return [{
    rule: 'host-outage.key-added',
    risk: 'destructive',
    severity: 'ask',
    reason: `Adds ${key}, a key that is not this account's own, to the authorized keys of ${host} (ssh-copy-id): whoever holds its private key signs in there from now on.`,
    targets: [{ kind: 'resource', name: host, provider: 'host', remote: true, environment, environmentReason: reason }],
  }];
}

/** `~/.ssh/id_ed25519.pub`, `$HOME/.ssh/deploy.pub`: a key of this account's own. */
function ownSshKey(key: string, home: string): boolean {
  const base = home.replace(/\/+$/, '');
  return base !== '' && key.replace(/^(~|\$HOME|\$\{HOME\})(?=\/)/, base).startsWith(`${base}/.ssh/`);
}

const UNITS: Readonly<Record<string, number>> = ownTable({ '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50, e: 2 ** 60 });
/** Space one command may take before it is "fill the disk" rather than a test fixture. */
const DISK_FILLING = 16 * 2 ** 30;

function bytes(text: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([kmgtpe]?)(i?b)?$/i.exec(text ?? '');
  if (!m) return undefined;
  const unit = m[3]?.toLowerCase() === 'b' && m[2] !== '' ? 1000 ** ' kmgtpe'.indexOf(m[2]!.toLowerCase()) : UNITS[m[2]!.toLowerCase()]!;
  return Number(m[1]) * unit;
}

const fills = (size: number | undefined): boolean => size !== undefined && size >= DISK_FILLING;

/** `fallocate -l 500G f`, `dd … bs=1M count=1000000`, `yes > f`, `cat /dev/zero > f`: the disk filled, and everything that writes on it fails. */
function diskFill(inv: Invocation, ctx: RuleContext): Finding[] {
  const full = (how: string): Finding[] => ask('disk-fill', `${how}: a full disk makes every program that writes there fail (databases, logs, the guard's audit).`, ctx);
  if (inv.name === 'fallocate') {
    const read = readEffectArgs(inv.args, grammarOf('fallocate'));
    const length = values(read, 'l', 'length')[0]?.text;
    if (fills(bytes(length))) return full(`Reserves ${length} of disk space (fallocate)`);
  }
  if (inv.name === 'dd' && !inv.args.some((w) => /^of=\/dev\/null$/.test(w.text))) {
    const block = bytes(ddOperand(inv, 'bs') ?? ddOperand(inv, 'obs')) ?? 512;
    const count = Number(ddOperand(inv, 'count'));
    if (Number.isFinite(count) && fills(block * count) && ddOperand(inv, 'of') !== undefined) return full(`Writes ${Math.round((block * count) / 2 ** 30)} GiB with dd`);
  }
  const endless = streamsWithoutEnd(inv);
  const intoFile = inv.redirects.find((r) => ['>', '>>', '>|', '&>', '&>>'].includes(r.op) && !NOT_A_FILE.test(r.target.text));
  if (endless && intoFile) return full(`Writes without end into ${intoFile.target.text} (${inv.name})`);
  const written = endless ? endlessTarget(inv) : undefined;
  if (written !== undefined) return full(`Writes without end into ${written} (${inv.name})`);
  const bounded = boundedButHuge(inv);
  const into = bounded?.into ?? intoFile?.target.text;
  if (bounded && into !== undefined) return full(`Writes ${bounded.size} into ${into} (${inv.name})`);
  return [];
}

/** Not a file on a disk: the null device, the terminal, and devices (a disk device written to is `host.disk-write`'s); `/dev/shm` is memory, and fills. */
const NOT_A_FILE = /^\/dev\/(?!shm\/)/;
const ddOperand = (inv: Invocation, key: string): string | undefined => inv.args.find((w) => w.text.startsWith(`${key}=`))?.text.slice(key.length + 1);

/** Filters that pass all of their standard input on (with no file operand of their own to read instead). */
const PASS_THROUGH: ReadonlySet<string> = new Set(['cat', 'pv', 'tee', 'base64', 'xxd', 'od', 'hexdump', 'tr', 'gzip', 'xz', 'bzip2', 'zstd', 'lz4']);

/**
 * Output that never ends (stop 36, round 24): `yes`, `cat /dev/zero`, `dd if=/dev/urandom` with no `count=`, and
 * a filter (`tr`, `base64`, `tee`, `dd` without `count=`) whose standard input is such a stream.
 */
function streamsWithoutEnd(inv: Invocation, depth = 0): boolean {
  // Asked only of the programs that pass their input on, a few pipe stages back.
  const fromEndless = (): boolean => depth < 8 && inv.stdin?.kind === 'pipe' && streamsWithoutEnd(inv.stdin.from, depth + 1);
  if (inv.name === 'yes') return inv.args.length <= 1;
  // Round 27: `seq inf` (GNU seq counts to infinity) never ends either.
  if (inv.name === 'seq') return readEffectArgs(inv.args, SEQ_GRAMMAR).operands.some((w) => /^[+]?inf(inity)?$/i.test(w.text));
  if (inv.name === 'dd') {
    if (ddOperand(inv, 'count') !== undefined) return false;
    const input = ddOperand(inv, 'if');
    return input !== undefined ? ENDLESS_SOURCE.test(input) : fromEndless() || (inv.stdin?.kind === 'file' && ENDLESS_SOURCE.test(inv.stdin.path));
  }
  if (!PASS_THROUGH.has(inv.name)) return false;
  if ((inv.name === 'cat' || inv.name === 'pv') && inv.args.some((w) => ENDLESS_SOURCE.test(w.text))) return true;
  // tee's operands are outputs and tr's are sets: both read only their standard input.
  const reads = inv.name === 'tee' || inv.name === 'tr' || readEffectArgs(inv.args, effectGrammar('', [])).operands.length === 0;
  return reads && (fromEndless() || (inv.stdin?.kind === 'file' && ENDLESS_SOURCE.test(inv.stdin.path)));
}

/** Where an endless stream lands other than a redirect: `dd of=FILE`, `tee FILE`. */
function endlessTarget(inv: Invocation): string | undefined {
  if (inv.name === 'dd') {
    const out = ddOperand(inv, 'of');
    return out !== undefined && !NOT_A_FILE.test(out) ? out : undefined;
  }
  if (inv.name === 'tee') return readEffectArgs(inv.args, effectGrammar('', [])).operands.map((w) => w.text).find((t) => !NOT_A_FILE.test(t));
  return undefined;
}

/** `cp /dev/zero ~/fill`, `install /dev/urandom f`: a copy whose source never ends. */
function endlessCopy(inv: Invocation, ctx: RuleContext): Finding[] {
  const operands = readEffectArgs(inv.args, describedGrammar(inv.name) ?? effectGrammar('', [])).operands.map((w) => w.text);
  const source = operands.slice(0, -1).find((t) => ENDLESS_SOURCE.test(t));
  if (operands.length < 2 || source === undefined || NOT_A_FILE.test(operands.at(-1)!)) return [];
  return ask('disk-fill', `Copies ${source}, which never ends, into ${operands.at(-1)} (${inv.name}): a full disk makes every program that writes there fail (databases, logs, the guard's audit).`, ctx);
}

const HEAD_GRAMMAR = effectGrammar('cn', ['bytes', 'lines']);
const SEQ_GRAMMAR = effectGrammar('sf', ['separator', 'format']);
/** `openssl rand [-hex|-base64] [-out FILE] NUM`: one-dash options, no clusters. */
const OPENSSL_RAND: GrammarSpec = { options: [{ names: ['-out'], takes: 'one' }, { names: ['-rand'], takes: 'one' }, { names: ['-writerand'], takes: 'one' }, { names: ['-engine'], takes: 'one' }], interspersed: true, goFlags: true };
const ENDLESS_SOURCE = /^\/dev\/(zero|u?random)$/;

/**
 * A bounded write whose bound is past what a disk holds (round 20): `head -c 500G /dev/zero` (or of
 * standard input, `yes | head -c 1T`), `openssl rand -out f 500000000000`, `seq 1 999999999999` (about
 * 12 bytes a number). The size is printed and the destination, a redirect or `-out`, is the caller's.
 */
function boundedButHuge(inv: Invocation): { size: string; into?: string } | undefined {
  if (inv.name === 'head') {
    const read = readEffectArgs(inv.args, HEAD_GRAMMAR);
    const size = values(read, 'c', 'bytes')[0]?.text;
    const endless = read.operands.length === 0 || read.operands.every((w) => ENDLESS_SOURCE.test(w.text));
    return endless && fills(bytes(size)) ? { size: size! } : undefined;
  }
  if (inv.name === 'openssl' && inv.args[0]?.text === 'rand') {
    const read = readEffectArgs(inv.args.slice(1), OPENSSL_RAND);
    const size = read.operands[0]?.text;
    return fills(bytes(size)) ? { size: `${size} random bytes`, into: values(read, 'out')[0]?.text } : undefined;
  }
  if (inv.name === 'seq') {
    const numbers = readEffectArgs(inv.args, SEQ_GRAMMAR).operands.map((w) => Number(w.text));
    const last = numbers[numbers.length - 1]!;
    const first = numbers.length > 1 ? numbers[0]! : 1;
    const step = numbers.length > 2 ? Math.abs(numbers[1]!) : 1;
    if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n)) || step === 0) return undefined;
    const count = Math.abs(last - first) / step;
    return fills(count * (String(Math.trunc(Math.abs(last))).length + 1)) ? { size: `${count.toExponential(1)} numbers` } : undefined;
  }
  return undefined;
}

/** Package managers removing themselves (`pip uninstall -y pip`, `npm uninstall -g npm`): every later install on this machine fails until someone bootstraps them again. */
const SELF: Readonly<Record<string, RegExp>> = ownTable({ pip: /^pip$/i, pip3: /^pip3?$/i, npm: /^(npm|corepack)$/, pnpm: /^pnpm$/, yarn: /^yarn$/, gem: /^rubygems-update$/ });

function selfRemoval(inv: Invocation, ctx: RuleContext): Finding[] {
  const spec = toolNamed(inv.name);
  const self = SELF[inv.name];
  if (!spec || !self || inv.remote) return [];
  const parsed = parsedArgs(inv.args, spec);
  if (commandNode(parsed).package !== 'uninstall') return [];
  const removed = parsed.operands.map((w) => w.text).find((t) => self.test(t));
  if (removed === undefined) return [];
  return ask('toolchain-removal', `Removes ${removed} itself (${inv.name} ${parsed.path.join(' ')}): every later install on this machine fails until it is bootstrapped again.`, ctx, removed);
}

/** `stress-ng --vm 8 --vm-bytes 95%`, `stress --cpu 256 --timeout 600`: the machine's memory or CPUs taken from everything else. */
function starvation(inv: Invocation, ctx: RuleContext): Finding[] {
  const load = inv.remote ? undefined : starvingLoad(inv);
  return load ? ask('starvation', `${inv.name} ${load}: a machine out of memory or CPU time kills or delays every other program, the guard's hook among them, and some hosts run the command when their hook does not answer in time.`, ctx) : [];
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({
  fdisk: partitions, cfdisk: partitions, gdisk: partitions, sfdisk: partitions, parted: partitions, mdadm,
  mount, umount, sysctl, ip: ipCommand, ifconfig, nmcli, systemctl, service, pkill: broadKill, killall: broadKill, skill: broadKill, kill: killInit,
  journalctl, auditctl, 'ssh-copy-id': sshCopyId, pm2: bootInstall, 'update-rc.d': bootInstall, chkconfig: bootInstall, 'rc-update': bootInstall, brew: brewServices, pip: selfRemoval, pip3: selfRemoval, npm: selfRemoval, pnpm: selfRemoval, yarn: selfRemoval, gem: selfRemoval, fallocate: diskFill, dd: diskFill, yes: diskFill, cat: diskFill, pv: diskFill, head: diskFill, openssl: diskFill, seq: diskFill, tee: diskFill, base64: diskFill, xxd: diskFill, od: diskFill, hexdump: diskFill, tr: diskFill, gzip: diskFill, xz: diskFill, bzip2: diskFill, zstd: diskFill, lz4: diskFill, cp: endlessCopy, install: endlessCopy, stress: starvation, 'stress-ng': starvation, memtester: starvation, sysbench: starvation, stressapptest: starvation, mprime: starvation, xmrig: starvation, burnP6: starvation, burnK7: starvation, cpuburn: starvation,
});

export const hostOutagePack: RulePack = {
  id: 'host-outage',
  title: "The machine out of service: partitions, mounts, kernel switches, network, services, broad kills, the journal and audit rules, a full disk, locked logins, keys copied in",
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
  reactsTo: (name) => BY_NAME[name] !== undefined,
  checkAnalysis(analysis, ctx) {
    const code = analysis.snippets.find((s) => !s.runner.remote && codeForksEndlessly(s));
    if (code) return ask('fork-bomb', `${code.runner.name} runs code that starts processes in a loop without end (a fork bomb): the machine runs out of processes, the guard's hook among them.`, ctx);
    if (analysis.text !== undefined && shellSpawnsEndlessly(analysis.text)) return ask('fork-bomb', "A loop without end starts a process in the background on every turn (a fork bomb): the machine runs out of processes, the guard's hook among them.", ctx);
    const filling = analysis.snippets.find((s) => !s.runner.remote && codeWritesEndlessly(s));
    if (filling) return ask('disk-fill', `${filling.runner.name} runs code that adds to a file in a loop without end: a full disk makes every program that writes there fail (databases, logs, the guard's audit).`, ctx);
    if (analysis.text !== undefined && shellWritesEndlessly(analysis.text)) return ask('disk-fill', "A loop without end adds to a file on every turn: a full disk makes every program that writes there fail (databases, logs, the guard's audit).", ctx);
    if (analysis.text !== undefined && shellStartsEndlessWorkers(analysis.text)) return ask('starvation', "A loop starts in the background, turn after turn, a process that never ends and only burns a CPU: a machine out of CPU time delays every other program, the guard's hook among them.", ctx);
    return [];
  },
};
