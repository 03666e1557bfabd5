import type { ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * Programs that take the machine's services, network, disks, mounts, kernel settings or records
 * away from it, read by `rules/hostOutage.ts`: partition editors and RAID metadata, remounts and
 * unmounts, kernel switches (`sysctl -w`), links and addresses (`ip`, `ifconfig`, `nmcli`), services
 * (`service NAME stop`), broad process kills (`pkill`, `killall`), the journal and the audit rules,
 * preallocated space, login shells and keys copied in. Each entry serves that pack's narrow
 * question; the verb floor still reads the rest (`rules/verbs.ts`, `FLOOR_WHOLE`).
 */

const host = { family: 'files', locality: 'local' } as const;

/** `fdisk DEVICE` and `cfdisk DEVICE` edit a partition table interactively (or from standard input); `-l` only lists. */
export const fdisk: ToolSpec = {
  ...host,
  names: ['fdisk', 'cfdisk', 'gdisk'],
  options: [
    flag('-l', '--list'), flag('-x', '--list-details'), flag('-s', '--getsz'), flag('-h', '--help'), flag('-V', '--version'), flag('-n', '--noauto-pt'),
    valued('-b', '--sector-size'), valued('-c', '--compatibility'), valued('-L', '--color'), valued('-o', '--output'), valued('-t', '--type'), valued('-u', '--units'),
    valued('-C', '--cylinders'), valued('-H', '--heads'), valued('-S', '--sectors'), valued('-w', '--wipe'), valued('-W', '--wipe-partitions'), flag('-B', '--protect-boot'), flag('-r', '--read-only'), flag('-z', '--zero'),
  ],
};

/** `sfdisk DEVICE` writes the partition table it reads from standard input; `--delete`, `--wipe` and the like rewrite it too. */
export const sfdisk: ToolSpec = {
  ...host,
  names: ['sfdisk'],
  options: [
    flag('-l', '--list'), flag('-F', '--list-free'), flag('-d', '--dump'), flag('-J', '--json'), flag('-s', '--show-size'), flag('-g', '--show-geometry'), flag('-V', '--verify'),
    flag('-n', '--no-act'), flag('-h', '--help'), flag('-v', '--version'), flag('-r', '--reorder'), flag('-f', '--force'), flag('-q', '--quiet'), flag('-A', '--activate'), flag('-N', '--partno'),
    flag('--delete'), flag('--backup'), flag('--append'), flag('--no-reread'), flag('--no-tell-kernel'), valued('-w', '--wipe'), valued('-W', '--wipe-partitions'),
    valued('-X', '--label'), valued('-Y', '--label-nested'), valued('-O', '--backup-file'), valued('-o', '--output'), valued('--color'), valued('--lock'), valued('--move-data'),
    valued('--part-type'), valued('--part-uuid'), valued('--part-label'), valued('--part-attrs'), valued('--disk-id'), valued('--relocate'), valued('-u', '--unit'),
  ],
};

/** `parted [-s] DEVICE COMMAND…`: `print`, `help` and `-l` read; `rm`, `mklabel`, `mkpart`, `resizepart`… rewrite the table. */
export const parted: ToolSpec = {
  ...host,
  names: ['parted'],
  interspersed: false,
  options: [flag('-l', '--list'), flag('-s', '--script'), flag('-m', '--machine'), flag('-f', '--fix'), flag('-h', '--help'), flag('-v', '--version'), valued('-a', '--align')],
};

/** mdadm: `--zero-superblock`, `--remove`, `--fail`, `--stop` take an array or its disks apart; `--detail`, `--examine` read. */
export const mdadm: ToolSpec = {
  ...host,
  names: ['mdadm'],
  options: [
    flag('--zero-superblock'), flag('-r', '--remove'), flag('-f', '--fail', '--set-faulty'), flag('-S', '--stop'), flag('-C', '--create'), flag('--force'), flag('-R', '--run'),
    flag('-D', '--detail'), flag('-E', '--examine'), flag('-Q', '--query'), flag('-A', '--assemble'), flag('-a', '--add'), flag('-s', '--scan'), flag('-v', '--verbose'), flag('-q', '--quiet'),
    flag('-h', '--help'), flag('-V', '--version'), valued('-l', '--level'), valued('-n', '--raid-devices'), valued('-c', '--config'), valued('-e', '--metadata'), valued('-G', '--grow'),
  ],
};

/** `mount -o remount,ro /`; a mount listing or a new mount of a device stays ordinary. */
export const mount: ToolSpec = {
  ...host,
  names: ['mount'],
  options: [
    valued('-o', '--options'), valued('-t', '--types'), valued('-O', '--test-opts'), valued('-L', '--label'), valued('-U', '--uuid'), valued('-N', '--namespace'), valued('--target'), valued('--source'),
    flag('-a', '--all'), flag('-r', '--read-only'), flag('-w', '--rw', '--read-write'), flag('-f', '--fake'), flag('-n', '--no-mtab'), flag('-v', '--verbose'), flag('-l', '--show-labels'),
    flag('-B', '--bind'), flag('-R', '--rbind'), flag('-M', '--move'), flag('-h', '--help'), flag('-V', '--version'),
  ],
};

/** `umount /`, `umount -a`: the machine's own file systems taken away from everything running. */
export const umount: ToolSpec = {
  ...host,
  names: ['umount'],
  options: [
    flag('-a', '--all'), flag('-l', '--lazy'), flag('-f', '--force'), flag('-R', '--recursive'), flag('-r', '--read-only'), flag('-n', '--no-mtab'), flag('-v', '--verbose'),
    flag('-h', '--help'), flag('-V', '--version'), flag('--fake'), valued('-t', '--types'), valued('-O', '--test-opts'), valued('-N', '--namespace'),
  ],
};

/** `sysctl -w KEY=VALUE` (or a bare `KEY=VALUE`); `-a`, `-n` and keys alone read. */
export const sysctl: ToolSpec = {
  ...host,
  names: ['sysctl'],
  options: [
    flag('-w', '--write'), flag('-a', '-A', '-X', '--all'), flag('-n', '--values'), flag('-N', '--names'), flag('-e', '--ignore'), flag('-q', '--quiet'), flag('-b', '--binary'),
    flag('--system'), flag('-h', '--help'), flag('-V', '--version'), { names: ['-p', '--load'], takes: 'optional' }, valued('-r', '--pattern'),
  ],
};

/** iproute2: `ip [OPTIONS] OBJECT COMMAND …` (`ip link set eth0 down`, `ip route del default`). */
export const ip: ToolSpec = {
  ...host,
  names: ['ip'],
  interspersed: false,
  options: [
    flag('-4'), flag('-6'), flag('-s', '-stats', '-statistics'), flag('-d', '-details'), flag('-o', '-oneline'), flag('-j', '-json'), flag('-p', '-pretty'), flag('-c', '-color'), flag('-br', '-brief'),
    flag('-h', '-human'), flag('-a', '-all'), flag('-t', '-timestamp'), flag('-V', '-Version'), ...valuedEach('-f', '-family', '-n', '-netns', '-b', '-batch', '-l', '-loops', '-rc', '-rcvbuf'),
  ],
};

/** `ifconfig eth0 down`. */
export const ifconfig: ToolSpec = { ...host, names: ['ifconfig'], options: [flag('-a'), flag('-s'), flag('-v'), flag('-h', '--help')] };

/** NetworkManager's CLI: `nmcli networking off`, `nmcli connection down ID`, `nmcli device disconnect DEV`. */
export const nmcli: ToolSpec = {
  ...host,
  names: ['nmcli'],
  interspersed: false,
  options: [flag('-t', '--terse'), flag('-p', '--pretty'), flag('-h', '--help'), flag('-v', '--version'), flag('-a', '--ask'), flag('-s', '--show-secrets'), ...valuedEach('-f', '--fields', '-g', '--get-values', '-m', '--mode', '-c', '--colors', '-e', '--escape', '-w', '--wait')],
};

/** SysV `service NAME stop|restart|status`. */
export const service: ToolSpec = { ...host, names: ['service'], options: [flag('--status-all'), flag('-h', '--help'), flag('--version'), flag('--full-restart')] };

/** pkill and killall: processes chosen by name, user or terminal. */
export const pkill: ToolSpec = {
  ...host,
  names: ['pkill', 'killall', 'skill'],
  abbreviations: false,
  unknownShort: 'switch',
  options: [
    valued('-u', '--euid', '--user'), valued('-U', '--uid'), valued('-G', '--group'), valued('-g', '--pgroup', '--process-group'), valued('-t', '--terminal'), valued('-P', '--parent'),
    valued('-s', '--session', '--signal'), valued('--ns'), valued('--nslist'), valued('-o', '--older-than'), valued('-y', '--younger-than'), valued('-F', '--pidfile'), flag('-c', '--count'),
    flag('-f', '--full'), flag('-x', '--exact'), flag('-e', '--exact-name'), flag('-i', '--ignore-case', '--interactive'), flag('-n', '--newest'), flag('-l', '--list-name'), flag('-q', '--quiet'),
    flag('-r', '--regexp'), flag('-v', '--verbose', '--inverse'), flag('-w', '--wait'), flag('-I'), flag('-Z', '--context'), flag('-V', '--version'), flag('-h', '--help'), flag('-L', '--logpidfile'),
  ],
};

/** `journalctl --vacuum-time=1s|--vacuum-size|--vacuum-files` deletes the journal's archived entries; reading it is ordinary. */
export const journalctl: ToolSpec = {
  ...host,
  names: ['journalctl'],
  options: [
    ...valuedEach('--vacuum-time', '--vacuum-size', '--vacuum-files', '-u', '--unit', '--user-unit', '-p', '--priority', '-S', '--since', '-U', '--until', '-n', '--lines', '-o', '--output', '-b', '--boot', '-t', '--identifier', '-g', '--grep', '-D', '--directory', '--file', '--root', '-M', '--machine'),
    ...flagsEach('--rotate', '--flush', '--sync', '--relinquish-var', '--smart-relinquish-var', '--disk-usage', '--verify', '--list-boots', '--no-pager', '--utc', '--system', '--user', '--help', '--version'),
    flag('-f', '--follow'), flag('-r', '--reverse'), flag('-x', '--catalog'), flag('-e', '--pager-end'), flag('-k', '--dmesg'), flag('-a', '--all'), flag('-q', '--quiet'), flag('-h'),
  ],
};

/** `auditctl -D` deletes every audit rule, `-e 0` turns auditing off; `-l` and `-s` read. */
export const auditctl: ToolSpec = {
  ...host,
  names: ['auditctl'],
  options: [flag('-D'), flag('-l'), flag('-s'), flag('-i'), flag('-v'), flag('-h'), valued('-e'), valued('-f'), valued('-b'), valued('-r'), valued('-R'), valued('-a'), valued('-A'), valued('-d'), valued('-w'), valued('-W'), valued('-p'), valued('-k'), valued('-F'), valued('-S'), valued('-c')],
};

/** `ssh-copy-id [-i KEY] HOST`: the key is appended to the host's authorized keys; `-n` only prints. */
export const sshCopyId: ToolSpec = {
  ...host,
  names: ['ssh-copy-id'],
  options: [valued('-i'), valued('-p'), valued('-o'), valued('-F'), valued('-t'), flag('-f'), flag('-n'), flag('-s'), flag('-x'), flag('-h', '-?')],
};
