import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, Target } from '../policy/types';
import { REMOTE_CONSOLES } from './support/remoteConsoles';
import { describedGrammar, effectGrammar, grammarOf, readEffectArgs, values } from '../policy/effectOptions';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

const DATE_GRAMMAR = effectGrammar('dfrsI', ['date', 'file', 'reference', 'set', 'iso-8601', 'rfc-3339']);

/**
 * More of the machine taken out of service (issue #18, red team round 7; registry entries in
 * `registry/tools/hostMachine.ts`), by command name for the host-damage pack: disks erased, shrunk
 * or repaired by discarding, raw writes onto a disk device, boot entries and loaders, firewall panic
 * and blanket DROP rules, dropped traffic, swap, kernel drivers, `kexec`, accounts expired or
 * renamed out of the admin group, passwords replaced, system commands pointed at a loose file, the
 * clock, process managers stopping everything and WSL distributions unregistered. Each asks on
 * this machine (over ssh or a fleet tool the walker relabels it to that host); listing, checks,
 * dry runs and the same verbs on something narrow stay allowed.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function ask(rule: string, reason: string, ctx: RuleContext, name = 'this machine'): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  const target: Target = { kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
  return [{ rule: `host.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

/** A whole disk or a partition of one (not a loop file or a RAM disk a test made). */
export const DISK_DEVICE = /^\/dev\/(sd[a-z]+\d*|nvme\d+(n\d+)?(p\d+)?|hd[a-z]\d*|xvd[a-z]+\d*|vd[a-z]+\d*|mmcblk\d+(p\d+)?|disk\d+(s\d+)?|rdisk\d+(s\d+)?|md\d+|dm-\d+|mapper\/[\w.-]+|[\w-]+\/[\w.-]+|disk\/by-[\w-]+\/[\w.:-]+)$/;
const operands = (a: ToolArgs): string[] => a.parsed.operands.map((w) => w.text);
const deviceOf = (a: ToolArgs): string | undefined => operands(a).find((t) => DISK_DEVICE.test(t) || t.startsWith('/dev/'));

function nvme(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || a.has('--dry-run', '-h', '--help') || !/^(format|sanitize|delete-ns|detach-ns)$/.test(verb)) return [];
  const device = deviceOf(a) ?? 'an NVMe device';
  return ask('disk-erase', `Erases ${device} (nvme ${verb}): the controller discards every block, and no copy is kept.`, ctx, device);
}

function hdparm(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const hit = a.parsed.options.find((o) => /^--(security-erase(-enhanced)?|trim-sector-ranges(-stdin)?|write-sector|make-bad-sector|dco-restore|fwdownload|security-set-pass)$/.test(o.name) || (o.name === '-N' && /^p/i.test(a.value('-N') ?? '')));
  if (hit === undefined) return [];
  const device = deviceOf(a) ?? 'a disk';
  return ask('disk-erase', `Erases, overwrites or reshapes ${device} from its firmware (hdparm ${hit.name}): what the disk held is gone, and a failed run can leave it locked.`, ctx, device);
}

function cryptsetup(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || a.has('--help', '--test-passphrase')) return [];
  const device = deviceOf(a) ?? operands(a)[0] ?? 'a device';
  if (/^(luksFormat|erase|luksErase)$/.test(verb)) return ask('disk-erase', `Destroys what ${device} holds (cryptsetup ${verb}): a new or erased LUKS header makes the old data unreadable for good.`, ctx, device);
  if (/^(luksKillSlot|luksRemoveKey)$/.test(verb)) return ask('disk-lockout', `Removes a key of ${device} (cryptsetup ${verb}): if it was the last one that opens it, the data cannot be unlocked again.`, ctx, device);
  return [];
}

function zfs(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || a.has('-n')) return [];
  const target = operands(a).pop() ?? '';
  if (inv.name === 'zfs' && verb === 'rollback') {
    const later = a.has('-r', '-R') ? ', and every later snapshot is destroyed' : '';
    return ask('zfs-rollback', `Rolls ${target.split('@')[0]} back to ${target} (zfs rollback): every change since that snapshot is discarded${later}.`, ctx, target);
  }
  if (verb === 'destroy') return ask('zfs-destroy', `Destroys ${inv.name === 'zpool' ? 'the ZFS pool' : 'the ZFS dataset'} ${target}${a.has('-r', '-R') ? ' and everything beneath it' : ''} (${inv.name} destroy): its data cannot be brought back.`, ctx, target);
  if (inv.name === 'zpool' && (verb === 'export' || verb === 'offline')) return ask('zfs-offline', `Takes ${target} offline (zpool ${verb}${a.has('-f') ? ' -f' : ''}): every file system on it disappears from under the programs using it.`, ctx, target);
  if (inv.name === 'zpool' && verb === 'labelclear') return ask('disk-erase', `Clears the ZFS label of ${target} (zpool labelclear): the pool it belonged to can no longer find it.`, ctx, target);
  return [];
}

const SIZE = /^[+-]?\d+(\.\d+)?[bskmgtpe%]?/i;

function shrink(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-t', '--test', '-h', '--help')) return [];
  const size = a.value('-L', '--size') ?? a.value('-l', '--extents');
  const volume = operands(a)[0] ?? 'a logical volume';
  // (not an option reader): a size value written `-20G` is a shrink by that much.
  if (inv.name === 'lvresize' && !(size ?? '').startsWith('-')) return [];
  if (size === undefined && inv.name === 'lvresize') return [];
  return ask('volume-shrink', `Shrinks ${volume}${size !== undefined ? ` to ${size}` : ''} (${inv.name}): what lies past the new end — file system blocks included — is cut off.`, ctx, volume);
}

function resize2fs(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-P')) return [];
  const [device = '', size] = operands(a);
  if (size === undefined && !a.has('-M')) return [];
  if (size !== undefined && !SIZE.test(size)) return [];
  return ask('volume-shrink', `Resizes the file system on ${device} to ${size ?? 'its minimum'} (resize2fs): a shrink moves data and, interrupted or wrong, loses it.`, ctx, device);
}

function fsRepair(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-n', '-N')) return [];
  const device = deviceOf(a) ?? operands(a)[0] ?? 'a file system';
  if (inv.name === 'xfs_repair' && a.has('-L')) return ask('fs-repair', `Zeroes the log of ${device} (xfs_repair -L): the metadata changes it held are lost, and files may end up in lost+found or vanish.`, ctx, device);
  if (inv.name !== 'xfs_repair' && a.has('-y')) return ask('fs-repair', `Repairs ${device} answering yes to every fix (${inv.name} -y): inodes and directories it cannot mend are cleared, with their data.`, ctx, device);
  return [];
}

function badblocks(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !a.has('-w')) return [];
  const device = deviceOf(a) ?? 'a disk';
  return ask('disk-erase', `Writes test patterns over every block of ${device} (badblocks -w): what it held is gone.`, ctx, device);
}

function efibootmgr(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !a.has('-B', '--delete-bootnum', '-O', '--delete-bootorder')) return [];
  return ask('boot', `Deletes ${a.value('-b', '--bootnum') !== undefined ? `boot entry ${a.value('-b', '--bootnum')}` : 'a boot entry or the boot order'} from the firmware (efibootmgr): the machine may not find a system to start.`, ctx);
}

function grubInstall(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('--help', '--version')) return [];
  const device = deviceOf(a);
  if (device === undefined && !a.has('--efi-directory', '--target')) return [];
  return ask('boot', `Writes a boot loader${device !== undefined ? ` onto ${device}` : ''} (${inv.name}): the one it replaces is gone, and a mismatch leaves the machine unable to boot.`, ctx, device);
}

function firewallCmd(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  if (a.has('--panic-on')) return ask('firewall', 'Turns firewalld panic mode on (firewall-cmd --panic-on): every packet in and out is dropped, remote sessions included.', ctx);
  const zone = a.value('--set-default-zone');
  if (zone !== undefined && /^(drop|block)$/i.test(zone)) return ask('firewall', `Makes ${zone} the default zone (firewall-cmd): new connections no rule allows are refused, ssh included.`, ctx);
  // Round 32: `trusted` accepts every connection: the firewall keeps nothing out.
  if (zone !== undefined && /^trusted$/i.test(zone)) return ask('firewall', 'Makes trusted the default zone (firewall-cmd): every connection is accepted, the firewall keeps nothing out.', ctx);
  if (/^(ssh|22(\/tcp)?)$/.test(a.value('--remove-service', '--remove-port') ?? '')) return ask('firewall', 'Removes ssh from the firewall (firewall-cmd): remote sessions are cut.', ctx);
  return [];
}

function tc(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const words = operands(a).map((w) => w.toLowerCase());
  const loss = words.indexOf('loss');
  const rate = loss >= 0 ? Number.parseFloat(words[loss + 1] === 'random' ? words[loss + 2] ?? '' : words[loss + 1] ?? '') : Number.NaN;
  const drops = (loss >= 0 && rate >= 50) || words.includes('blackhole') || (words.includes('action') && words.includes('drop') && !words.some((w) => /^(src|dst|sport|dport|ip_proto)$/.test(w)));
  if (!/^(q|qd|qdisc|f|filter)/.test(words[0] ?? '') || !/^(a|add|c|change|r|replace)$/.test(words[1] ?? '') || !drops) return [];
  const device = words[words.indexOf('dev') + 1] ?? 'a link';
  return ask('network-down', `Drops ${loss >= 0 ? `${rate}% of the` : 'every'} packets on ${device} (tc ${words.slice(0, 2).join(' ')}): connections through it, remote sessions included, fail.`, ctx, device);
}

function ifdown(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-n', '--no-act')) return [];
  const words = operands(a);
  if (inv.name === 'networkctl' && !/^(down|delete|forcerenew)$/.test(words[0] ?? '')) return [];
  const links = inv.name === 'networkctl' ? words.slice(1) : words;
  if (links.length === 0 && !a.has('-a', '--all')) return [];
  return ask('network-down', `Takes ${links.join(', ') || 'every interface'} down (${inv.name}): connections through it, remote sessions included, are cut.`, ctx, links[0]);
}

function swapoff(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !a.has('-a', '--all')) return [];
  return ask('swap-off', 'Turns every swap area off (swapoff -a): what was swapped out must fit in memory, or the kernel kills processes to make room.', ctx);
}

function kmod(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-n', '--dry-run', '--show', '-h', '--help', '-c', '--showconfig', '-D', '--show-depends')) return [];
  if (inv.name === 'modprobe' && !a.has('-r', '--remove')) return [];
  const modules = operands(a);
  if (modules.length === 0) return [];
  return ask('kernel-module', `Unloads the kernel module ${modules.join(', ')} (${inv.name}${inv.name === 'modprobe' ? ' -r' : ''}): the disks, network cards or devices it drives disappear from the running system.`, ctx, modules[0]);
}

function kexec(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || !a.has('-e', '--exec') || a.has('-h', '--help')) return [];
  return ask('power', 'Jumps straight into another kernel (kexec -e): everything running stops at once, with no clean shutdown.', ctx);
}

/** Groups that grant administration through the sudoers file or the daemon's socket. */
const ADMIN_GROUP = /^(sudo|wheel|admin|adm|root|docker|lxd|libvirt|sudoers)$/;

function accounts(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help', '-l', '--list')) return [];
  const [name = ''] = operands(a);
  if (inv.name === 'chage') {
    const expiry = a.value('-E', '--expiredate');
    const expired = expiry !== undefined && (/^(0|1)$/.test(expiry) || (/^\d{4}-\d{2}-\d{2}$/.test(expiry) && expiry < '2026-01-01'));
    const maxZero = a.value('-M', '--maxdays') === '0' || a.value('-I', '--inactive') === '0';
    if (!expired && !maxZero) return [];
    return ask('account-lockout', `Expires the account ${name || '(not named)'} (chage ${expired ? `-E ${expiry}` : '-M/-I 0'}): nobody can sign in as it, its ssh keys and cron jobs included, until root changes it back.`, ctx, name);
  }
  if (inv.name === 'groupmod') {
    const renamed = a.value('-n', '--new-name');
    if (!ADMIN_GROUP.test(name) || (renamed === undefined && a.value('-g', '--gid') === undefined)) return [];
    return ask('account-lockout', `${renamed !== undefined ? `Renames the ${name} group to ${renamed}` : `Changes the id of the ${name} group`} (groupmod): the sudoers file and the services that grant it by that name no longer recognise its members.`, ctx, name);
  }
  // chpasswd / chgpasswd: passwords read from standard input replace the accounts' own.
  return ask('account-lockout', `Replaces account passwords with the ones it reads (${inv.name}): whoever signed in with the old ones — root's included — is locked out.`, ctx);
}

/** Where the packaged programs an alternative may point at live. */
const PACKAGED = /^\/(usr|bin|sbin|lib|lib64|opt|snap|nix)\//;

function alternatives(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const set = a.value('--set');
  const rest = operands(a);
  const path = set !== undefined ? rest[0] : a.has('--install') ? rest[2] : undefined;
  if (path === undefined || PACKAGED.test(path)) return [];
  const name = set ?? rest[1] ?? '';
  return ask('command-hijack', `Points the system command ${name} at ${path} (${inv.name}): every user and script that runs ${name} runs that file, which no package vouches for.`, ctx, name);
}

const TIME_SERVERS = /(^|\.)(pool\.ntp\.org|ntp\.org|time\.google\.com|time\.cloudflare\.com|time\.apple\.com|time\.windows\.com|ntp\.ubuntu\.com|time\.nist\.gov|time\.facebook\.com|time\.aws\.com|amazon\.com|fedoraproject\.org|centos\.pool\.ntp\.org)$/i;

function clock(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a) return [];
  const words = operands(a);
  if (inv.name === 'timedatectl') {
    if (words[0] === 'set-time') return ask('clock', `Sets the system clock to ${words[1] ?? 'another time'} (timedatectl set-time): certificates, tokens, logs, builds and replication judge time by it.`, ctx);
    if (words[0] === 'set-ntp' && /^(false|no|0|off)$/i.test(words[1] ?? '')) return ask('clock', 'Turns time synchronisation off (timedatectl set-ntp false): the clock drifts unchecked from then on.', ctx);
    return [];
  }
  if (inv.name === 'hwclock') return a.has('--set', '--hctosys', '-s') ? ask('clock', `Sets the clock from ${a.has('--set') ? a.value('--date') ?? 'a given date' : 'the hardware clock'} (hwclock).`, ctx) : [];
  if (a.has('-q', '-d')) return [];
  const servers = words.filter((w) => !TIME_SERVERS.test(w));
  if (servers.length === 0) return [];
  return ask('clock', `Sets the system clock from ${servers.join(', ')} (${inv.name}), a server nothing vouches for: whoever answers there chooses this machine's time.`, ctx, servers[0]);
}

/** `date -s TIME`, `date --set=TIME` (date's own grammar: `-s` takes the time). */
function date(inv: Invocation, ctx: RuleContext): Finding[] {
  const read = readEffectArgs(inv.args, DATE_GRAMMAR);
  if (values(read, 's', 'set').length === 0) return [];
  return ask('clock', 'Sets the system clock (date -s): certificates, tokens, logs, builds and replication judge time by it.', ctx);
}

function processManagers(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help', '-v', '--version')) return [];
  const [verb = '', ...names] = operands(a).map((w) => w.toLowerCase());
  const everything = names.length === 0 || names.includes('all') || names.some((n) => n.endsWith(':*'));
  if (verb === 'shutdown') return ask('service-outage', 'Shuts supervisord down, with every program it runs (supervisorctl shutdown).', ctx, 'supervisord');
  if (/^(stop|remove)$/.test(verb) && everything && (names.length > 0 || verb === 'stop')) return ask('service-outage', `Stops every program supervisord runs${names.length > 0 ? ` (${names.join(' ')})` : ''} (supervisorctl ${verb}).`, ctx, 'supervisord');
  return [];
}

function wsl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const distro = a?.value('--unregister');
  if (!a || distro === undefined) return [];
  return ask('vm-delete', `Unregisters the WSL distribution ${distro} (wsl --unregister): its whole file system, home folders included, is deleted.`, ctx, distro);
}

/**
 * An interactive shell opened on another machine (`ssh -t prod bash`, `ssh bastion sudo -i`, `heroku
 * run bash`): what is typed there next never passes the guard. Not an option reader: the whole word
 * list is matched against the spellings that start a login shell with no command and no script.
 */
const BARE_SHELL_WORDS = /^(-[ilx]+|--login|--norc|--noprofile|--interactive|-)$/;
const BARE_SUDO_WORDS = /^(-[iEHsS]+|--login|--shell|--preserve-env|-u|--user=[\w.-]+|-u[\w.-]+)$/;

function remoteShell(inv: Invocation, ctx: RuleContext): Finding[] {
  if (!inv.remote || inv.stdin !== undefined || inv.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<' || r.op === '<<-')) return [];
  const words = inv.args.map((w) => w.text);
  const bare = inv.name === 'sudo'
    ? words.some((w) => /^(-[a-zA-Z]*[is][a-zA-Z]*|--login|--shell)$/.test(w)) && words.every((w, i) => BARE_SUDO_WORDS.test(w) || words[i - 1] === '-u')
    : inv.name === 'su' ? !words.some((w) => /^(-c|--command|--command=.*|-s|--shell)$/.test(w)) && words.length <= 2
    : words.every((w) => BARE_SHELL_WORDS.test(w));
  if (!bare) return [];
  const how = [inv.name, ...words].join(' ');
  return ask('remote-shell', `Opens an interactive shell (${how}) on ${inv.remote.place}: whatever is typed there next runs without passing the guard.`, ctx);
}

const SHELLS: Readonly<Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]>> = ownTable({ bash: remoteShell, sh: remoteShell, zsh: remoteShell, dash: remoteShell, ksh: remoteShell, fish: remoteShell, sudo: remoteShell, su: remoteShell, ...REMOTE_CONSOLES });

export const HOST_MACHINE: Readonly<Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]>> = ownTable({
  nvme, hdparm, cryptsetup, zfs, zpool: zfs, lvreduce: shrink, lvresize: shrink, resize2fs, xfs_repair: fsRepair, e2fsck: fsRepair, fsck: fsRepair,
  'fsck.ext2': fsRepair, 'fsck.ext3': fsRepair, 'fsck.ext4': fsRepair, 'fsck.btrfs': fsRepair, badblocks, efibootmgr, 'grub-install': grubInstall, 'grub2-install': grubInstall,
  'firewall-cmd': firewallCmd, tc, ifdown, networkctl: ifdown, swapoff, rmmod: kmod, modprobe: kmod, kexec, chage: accounts, groupmod: accounts, chpasswd: accounts, chgpasswd: accounts,
  ...SHELLS, 'update-alternatives': alternatives, alternatives, timedatectl: clock, ntpdate: clock, sntp: clock, hwclock: clock, date, supervisorctl: processManagers, wsl, 'wsl.exe': wsl,
});

/** The machine's record of who signed in and what they did: emptied, the traces are gone. */
const LOGIN_RECORDS = /^\/var\/log\/(auth\.log(\.\d+)?|secure|wtmp|btmp|lastlog|faillog|audit\/audit\.log|syslog|messages|kern\.log|sudo\.log)$/;
const EMPTY_PRODUCERS = new Set(['', ':', 'true']);

/**
 * `> /var/log/auth.log`, `: > /var/log/wtmp`, `truncate -s 0 /var/log/secure`: the login and audit
 * records emptied, whether or not the guard can see the file (it is root's).
 */
export function loginRecordWipe(inv: Invocation, ctx: RuleContext): Finding[] {
  const redirected = EMPTY_PRODUCERS.has(inv.name) ? inv.redirects.find((r) => (r.op === '>' || r.op === '>|') && LOGIN_RECORDS.test(r.target.text))?.target.text : undefined;
  const truncated = inv.name === 'truncate' ? readEffectArgs(inv.args, grammarOf('truncate')) : undefined;
  const viaTruncate = truncated !== undefined && values(truncated, 's', 'size').some((w) => /^0+[kmg]?$/i.test(w.text)) ? truncated.operands.find((w) => LOGIN_RECORDS.test(w.text))?.text : undefined;
  const path = redirected ?? viaTruncate;
  if (path === undefined || ctx.facts.readFile(path) !== undefined) return [];
  return ask('log-erase', `Empties ${path}, the machine's record of sign-ins and privileged actions: what it held is gone, and with it the trace of what ran here.`, ctx, path);
}

/** Writes onto a disk device by a copy (`cp /dev/zero /dev/sda`, `tee /dev/sda`); redirections are the files pack's. */
export function rawDeviceWrite(inv: Invocation, ctx: RuleContext): Finding[] {
  let device: string | undefined;
  if (inv.name === 'cp' || inv.name === 'tee' || inv.name === 'install') {
    const grammar = describedGrammar(inv.name === 'install' ? 'cp' : inv.name);
    const words = grammar ? readEffectArgs(inv.args, grammar).operands.map((w) => w.text) : [];
    const target = inv.name === 'tee' ? words.find((w) => DISK_DEVICE.test(w)) : inv.name === 'cp' || inv.name === 'install' ? words.at(-1) : undefined;
    if (target !== undefined && DISK_DEVICE.test(target) && !/^\/dev\/(mapper\/control|[\w-]+\/(null|zero|stdout|stderr))$/.test(target)) device = target;
  }
  if (device === undefined || /^\/dev\/(null|zero|stdout|stderr|tty\w*|pts\/\d+|fd\/\d+|shm\/.*)$/.test(device)) return [];
  return ask('disk-write', `Writes straight onto the disk device ${device} (${inv.name}): the partition table and file systems there are overwritten.`, ctx, device);
}
