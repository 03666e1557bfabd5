import type { ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * More of what takes the machine out of service (issue #18, red team round 7), read by
 * `rules/hostMachine.ts`: disks erased or shrunk (`nvme format`, `hdparm --security-erase`,
 * `cryptsetup luksFormat`, `lvreduce`, `resize2fs` to a size, `xfs_repair -L`, `badblocks -w`),
 * ZFS pools rolled back or unlabelled, boot entries and loaders, firewalls in panic mode, links
 * taken down and traffic dropped (`ifdown`, `tc … netem loss 100%`), swap, kernel modules and
 * `kexec`, accounts expired or renamed out of sudo, the clock, process managers stopping everything
 * (`supervisorctl stop all`) and WSL distributions unregistered. Each entry serves that
 * pack's narrow question; the verb floor still reads the rest (`rules/verbs.ts`, `FLOOR_WHOLE`).
 */

const host = { family: 'files', locality: 'local' } as const;
const help = [flag('-h', '--help'), flag('-V', '--version')];

/** nvme-cli: `nvme format DEV`, `nvme sanitize DEV`, `nvme delete-ns DEV`; `list`, `id-ctrl`, `smart-log` read. */
export const nvme: ToolSpec = {
  ...host,
  names: ['nvme'],
  unknownShort: 'switch',
  options: [
    ...valuedEach('-s', '--ses', '-n', '--namespace-id', '-l', '--lbaf', '-i', '--pi', '-p', '--pil', '-m', '--ms', '-a', '--sanact', '-o', '--output-format', '-t', '--timeout', '-b', '--block-size'),
    flag('-r', '--reset'), flag('-f', '--force'), flag('-v', '--verbose'), flag('-h', '--help'), flag('--dry-run'),
  ],
  commands: { 'format|sanitize|delete-ns|detach-ns|ns-rescan|list|id-ctrl|id-ns|smart-log|error-log|list-ns': {} },
};

/** hdparm: `--security-erase`, `--security-erase-enhanced`, `--trim-sector-ranges`, `--write-sector`, `--dco-restore` destroy; `-I`, `-t` read. */
export const hdparm: ToolSpec = {
  ...host,
  names: ['hdparm'],
  unknownShort: 'switch',
  options: [
    ...valuedEach('--security-erase', '--security-erase-enhanced', '--security-set-pass', '--security-disable', '--trim-sector-ranges', '--write-sector', '--make-bad-sector', '--user-master', '--fwdownload', '-N'),
    ...flagsEach('--dco-restore', '--yes-i-know-what-i-am-doing', '--please-destroy-my-drive', '--trim-sector-ranges-stdin', '-I', '-i', '-t', '-T', '-g', '-h', '--help', '-V'),
  ],
};

/** cryptsetup: `luksFormat DEV` and `erase`/`luksErase DEV` destroy what the device holds; `luksKillSlot` and `luksRemoveKey` lock keys out. */
export const cryptsetup: ToolSpec = {
  ...host,
  names: ['cryptsetup'],
  unknownShort: 'switch',
  options: [
    ...valuedEach('-c', '--cipher', '-s', '--key-size', '-h', '--hash', '-d', '--key-file', '-S', '--key-slot', '--type', '--pbkdf', '--label', '--header', '--sector-size', '-q'),
    ...flagsEach('--batch-mode', '-v', '--verbose', '--debug', '--test-passphrase', '--help', '--version', '-y', '--verify-passphrase'),
  ],
  commands: { 'luksFormat|erase|luksErase|luksKillSlot|luksRemoveKey|reencrypt|open|luksOpen|close|luksClose|status|luksDump|isLuks|luksAddKey|benchmark|resize': {} },
};

/** ZFS: `zfs rollback [-r|-R] SNAPSHOT` discards what changed since (and, with -r, later snapshots); `zpool labelclear DEV` unlabels a pool member. */
const zfsSpec: ToolSpec = {
  ...host,
  names: ['zfs'],
  unknownShort: 'switch',
  options: [flag('-r'), flag('-R'), flag('-f'), flag('-n'), flag('-v'), flag('-p'), flag('-H'), ...valuedEach('-o', '-t', '-s', '-S', '-d'), flag('-?')],
  commands: { 'rollback|labelclear|destroy|list|get|status|iostat|history|snapshot|create|import|export|clear|scrub|set|send|receive|recv|online|offline|replace|attach|detach|split': {} },
};

export const zfs: ToolSpec = zfsSpec;
export const zpool: ToolSpec = { ...zfsSpec, names: ['zpool'] };

/** LVM: `lvreduce` and `lvresize` to a smaller size cut off the end of the volume (and its file system). */
export const lvreduce: ToolSpec = {
  ...host,
  names: ['lvreduce', 'lvresize'],
  unknownShort: 'switch',
  options: [valued('-L', '--size'), valued('-l', '--extents'), flag('-f', '--force'), flag('-r', '--resizefs'), flag('-t', '--test'), flag('-y', '--yes'), flag('-n', '--nofsck'), flag('-v', '--verbose'), flag('-A', '--autobackup'), ...help],
};

/** resize2fs: `resize2fs DEV SIZE` may shrink the file system; without a size it grows it to fill the device. `-P` prints the minimum. */
export const resize2fs: ToolSpec = {
  ...host,
  names: ['resize2fs'],
  options: [flag('-f'), flag('-F'), flag('-M'), flag('-P'), flag('-p'), flag('-d'), flag('-b'), flag('-s'), valued('-S'), valued('-z')],
};

/** xfs_repair `-L` zeroes the log (the metadata changes in it are lost); `-n` only checks. e2fsck/fsck `-y` repairs without asking. */
const fsRepairSpec: ToolSpec = {
  ...host,
  names: ['e2fsck', 'fsck', 'fsck.ext2', 'fsck.ext3', 'fsck.ext4'],
  unknownShort: 'switch',
  options: [flag('-L'), flag('-n'), flag('-N'), flag('-y'), flag('-p'), flag('-a'), flag('-f'), flag('-v'), flag('-c'), flag('-A'), flag('-R'), flag('-T'), flag('-V'), ...valuedEach('-m', '-l', '-r', '-o', '-t', '-b', '-B', '-j', '-C', '-E', '-z')],
};

export const fsRepair: ToolSpec = fsRepairSpec;
export const xfsRepair: ToolSpec = { ...fsRepairSpec, names: ['xfs_repair'] };

/** badblocks: `-w` writes test patterns over the whole device (destroying it); `-n` is non-destructive read-write, the default read-only. */
export const badblocks: ToolSpec = {
  ...host,
  names: ['badblocks'],
  options: [flag('-w'), flag('-n'), flag('-s'), flag('-v'), flag('-f'), flag('-e'), ...valuedEach('-b', '-c', '-d', '-i', '-o', '-p', '-t')],
};

/** efibootmgr: `-B` deletes a boot entry, `-o` rewrites the boot order; grub-install writes a boot loader onto a device. */
export const efibootmgr: ToolSpec = {
  ...host,
  names: ['efibootmgr'],
  unknownShort: 'switch',
  options: [flag('-B', '--delete-bootnum'), flag('-O', '--delete-bootorder'), flag('-c', '--create'), flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-A', '--inactive'), flag('-a', '--active'), ...valuedEach('-b', '--bootnum', '-o', '--bootorder', '-n', '--bootnext', '-d', '--disk', '-p', '--part', '-l', '--loader', '-L', '--label', '-t', '--timeout')],
};

export const grubInstall: ToolSpec = {
  ...host,
  names: ['grub-install', 'grub2-install'],
  options: [...valuedEach('--target', '--boot-directory', '--efi-directory', '--bootloader-id', '--modules', '-d', '--directory'), ...flagsEach('--removable', '--force', '--recheck', '--no-nvram', '--help', '--version', '-v', '--verbose')],
};

/** firewalld: `--panic-on` drops every packet; `--set-default-zone=drop|block` and removing ssh cut new connections. */
export const firewallCmd: ToolSpec = {
  ...host,
  names: ['firewall-cmd'],
  unknownShort: 'switch',
  options: [
    ...valuedEach('--set-default-zone', '--remove-service', '--remove-port', '--zone', '--add-service', '--add-port', '--add-rich-rule', '--remove-rich-rule', '--change-interface', '--add-interface'),
    ...flagsEach('--panic-on', '--panic-off', '--query-panic', '--permanent', '--reload', '--complete-reload', '--list-all', '--state', '--get-default-zone', '--help', '--version'),
  ],
};

/** tc: `tc qdisc add|change|replace dev IF root netem loss 100%` drops every packet of the link. */
export const tc: ToolSpec = { ...host, names: ['tc'], interspersed: false, options: [flag('-s', '-stats'), flag('-d', '-details'), flag('-p', '-pretty'), flag('-j', '-json'), flag('-force'), ...valuedEach('-b', '-batch', '-n', '-netns')] };

/** ifdown / ifup (ifupdown), networkctl down: a link taken down. */
export const ifdown: ToolSpec = { ...host, names: ['ifdown'], options: [flag('-a', '--all'), flag('-n', '--no-act'), flag('-v', '--verbose'), flag('-f', '--force'), ...valuedEach('-i', '--interfaces', '--exclude')] };
export const networkctl: ToolSpec = { ...ifdown, names: ['networkctl'] };

/** swapoff: `-a` takes every swap area away; memory-hungry processes are then killed. */
export const swapoff: ToolSpec = { ...host, names: ['swapoff'], options: [flag('-a', '--all'), flag('-v', '--verbose'), flag('-h', '--help'), flag('-V', '--version')] };

/** rmmod / modprobe -r: a kernel driver unloaded (a disk's or a network card's, and every device it serves). */
export const kmod: ToolSpec = {
  ...host,
  names: ['rmmod'],
  unknownShort: 'switch',
  options: [flag('-r', '--remove'), flag('-f', '--force'), flag('-n', '--dry-run', '--show'), flag('-v', '--verbose'), flag('-a', '--all'), flag('-q', '--quiet'), flag('-c', '--showconfig'), flag('-D', '--show-depends'), flag('-w', '--wait'), ...valuedEach('-C', '--config', '-d', '--dirname', '-S', '--set-version'), ...help],
};

export const modprobe: ToolSpec = { ...kmod, names: ['modprobe'] };

/** kexec: `-e` jumps into the loaded kernel at once (no shutdown); `-l` only loads one. */
export const kexec: ToolSpec = {
  ...host,
  names: ['kexec'],
  options: [flag('-e', '--exec'), flag('-l', '--load'), flag('-p', '--load-panic'), flag('-u', '--unload'), flag('-f', '--force'), flag('-s', '--kexec-file-syscall'), flag('-x', '--no-ifdown'), ...valuedEach('--initrd', '--append', '--command-line', '--reuse-cmdline'), ...help],
};

/** Accounts: `chage -E 0 USER` expires it, `groupmod -n NEW sudo` renames the admin group out of the sudoers file, `chpasswd` replaces passwords. */
const accountSpec: ToolSpec = {
  ...host,
  names: ['chage'],
  options: [
    ...valuedEach('-E', '--expiredate', '-M', '--maxdays', '-m', '--mindays', '-W', '--warndays', '-I', '--inactive', '-d', '--lastday', '-n', '--new-name', '-g', '--gid', '-R', '--root', '-P', '--prefix', '-c', '--crypt-method', '-s', '--sha-rounds'),
    flag('-l', '--list'), flag('-i', '--iso8601'), flag('-e', '--encrypted'), flag('-o', '--non-unique'), flag('-m', '--md5'), ...help,
  ],
};

export const chage: ToolSpec = accountSpec;
export const groupmod: ToolSpec = { ...accountSpec, names: ['groupmod'] };
export const chpasswd: ToolSpec = { ...accountSpec, names: ['chpasswd', 'chgpasswd'] };

/** update-alternatives: `--set NAME PATH` and `--install LINK NAME PATH PRIORITY` point a system command at a file. */
export const updateAlternatives: ToolSpec = {
  ...host,
  names: ['update-alternatives', 'alternatives'],
  options: [...valuedEach('--set', '--config', '--display', '--query', '--list', '--remove-all', '--auto', '--altdir', '--admindir', '--log', '--slave'), ...flagsEach('--install', '--remove', '--all', '--get-selections', '--set-selections', '--skip-auto', '--verbose', '--quiet', '--force', '--help', '--version')],
};

/** The clock: `timedatectl set-time`, `set-ntp false`; `ntpdate HOST` sets it from that server (`-q` only asks); `hwclock --set`. */
const clockSpec: ToolSpec = {
  ...host,
  names: ['timedatectl'],
  unknownShort: 'switch',
  options: [flag('-q'), flag('-d'), flag('-b'), flag('-u'), flag('-s'), flag('-S'), flag('-w'), flag('--set'), flag('--systohc'), flag('--hctosys'), flag('--show'), flag('-r'), flag('--adjust'), ...valuedEach('--date', '-H', '--host', '-M', '--machine', '-k', '-o', '-p', '-t', '-a', '-e'), flag('--no-pager'), flag('--no-ask-password'), flag('--help'), flag('--version')],
};

export const timedatectl: ToolSpec = clockSpec;
export const ntpdate: ToolSpec = { ...clockSpec, names: ['ntpdate', 'sntp'] };
export const hwclock: ToolSpec = { ...clockSpec, names: ['hwclock'] };

/** supervisord's client: `supervisorctl stop all` and `shutdown` stop every program it manages (pm2, a development daemon, stays the floor's). */
export const supervisorctl: ToolSpec = {
  ...host,
  names: ['supervisorctl'],
  unknownShort: 'switch',
  options: [...valuedEach('-c', '--configuration', '-s', '--serverurl', '-u', '--username', '-p', '--password', '--namespace', '--name', '-n'), flag('-i', '--interactive'), flag('-s', '--silent'), flag('-h', '--help'), flag('-v', '--version')],
};

/** WSL: `wsl --unregister DISTRO` deletes the distribution and its whole file system. */
export const wsl: ToolSpec = {
  ...host,
  names: ['wsl', 'wsl.exe'],
  unknownShort: 'switch',
  options: [...valuedEach('--unregister', '-d', '--distribution', '-u', '--user', '--export', '--import', '--set-default', '-s', '--cd', '--shell-type', '--mount', '--unmount', '--set-version', '--terminate', '-t'), ...flagsEach('--shutdown', '-l', '--list', '-v', '--verbose', '--status', '--help', '--version', '--install', '--update', '-e', '--exec')],
  interspersed: false,
  // `wsl rm -rf ~/x`, `wsl -e cmd`, `wsl -- cmd`: the words run inside the distribution, on this machine's files.
  effect: 'exec',
  runsElsewhere: { command: { argv: 'operands', skip: 0 }, place: () => undefined, label: (a) => `wsl${a.value('-d', '--distribution') !== undefined ? ` -d ${a.value('-d', '--distribution')}` : ''}` },
};
