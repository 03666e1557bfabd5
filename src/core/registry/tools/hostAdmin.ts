import type { ToolSpec } from '../types';
import { flag, flagsEach, valued } from './options';

/**
 * Programs that administer the machine itself rather than a project: its power, its firewall, its
 * accounts' passwords, the user's crontab and its disks' partition tables. Their rules are the
 * host pack's (`rules/hostDamage.ts`).
 */

const host = { family: 'files', locality: 'local', abbreviations: true } as const;

/** `reboot`, `shutdown`, `poweroff`, `halt` (systemd and sysvinit spellings). */
export const power: ToolSpec = {
  ...host,
  names: ['reboot', 'shutdown', 'poweroff', 'halt'],
  unknownShort: 'switch',
  options: [
    flag('-r', '--reboot'), flag('-h'), flag('-H', '--halt'), flag('-P', '--poweroff'), flag('-p'), flag('-f', '--force'), flag('-k'), flag('-c'),
    flag('-w', '--wtmp-only'), flag('-d', '--no-wtmp'), flag('-n'), flag('-i'),
    ...flagsEach('--help', '--no-wall', '--show', '--no-sync', '--version'), valued('--when'),
  ],
};

/** `init 0|6`, `telinit 0|6`: the runlevel that halts or reboots. */
export const init: ToolSpec = { ...host, names: ['init', 'telinit'], options: [flag('--help'), flag('-q'), flag('-u'), flag('--no-wall')] };

/** systemctl: the verbs that stop the whole machine, and those that stop a service. */
export const systemctl: ToolSpec = {
  ...host,
  names: ['systemctl'],
  options: [
    valued('-H', '--host'), valued('-M', '--machine'), valued('-t', '--type'), valued('-p', '--property'), valued('-s', '--signal'), valued('--state'),
    valued('--kill-whom'), valued('--message'), valued('--when'), valued('--root'), valued('-o', '--output'), valued('-n', '--lines'), valued('--job-mode'),
    flag('-q', '--quiet'), flag('-f', '--force'), flag('-i', '--ignore-inhibitors'), flag('-a', '--all'), flag('-l', '--full'), flag('-r', '--recursive'),
    ...flagsEach('--user', '--system', '--global', '--now', '--no-block', '--no-wall', '--no-pager', '--no-legend', '--runtime', '--dry-run', '--wait', '--help', '--version'),
  ],
  commands: {
    'reboot|poweroff|halt|kexec|soft-reboot|rescue|emergency': {},
    'stop|kill|disable|mask|isolate': {},
    'suspend|hibernate|hybrid-sleep|suspend-then-hibernate|set-default': {},
    'enable|reenable|link|add-wants|add-requires': {},
    // Stop 33: a restart on another machine is a deploy of whatever is there now (rules/hostDamage.ts `remoteRestart`).
    'restart|try-restart|reload-or-restart|try-reload-or-restart|force-reload|condrestart|force-restart': {},
  },
};

/** iptables and its siblings: flushing rules or opening a chain's policy drops the firewall. */
export const iptables: ToolSpec = {
  ...host,
  names: ['iptables', 'ip6tables', 'iptables-legacy', 'iptables-nft', 'ip6tables-legacy', 'ip6tables-nft'],
  abbreviations: false,
  unknownShort: 'switch',
  options: [
    { names: ['-F', '--flush'], takes: 'optional' }, { names: ['-X', '--delete-chain'], takes: 'optional' }, { names: ['-L', '--list'], takes: 'optional' },
    valued('-t', '--table'), valued('-P', '--policy'), valued('-A', '--append'), valued('-D', '--delete'), valued('-I', '--insert'), valued('-N', '--new-chain'),
    valued('-j', '--jump'), valued('-p', '--protocol'), valued('-s', '--source'), valued('-d', '--destination'), valued('-i', '--in-interface'), valued('-o', '--out-interface'),
    valued('--dport'), valued('--sport'), valued('-m', '--match'), flag('-n', '--numeric'), flag('-v', '--verbose'), flag('-S', '--list-rules'), flag('-Z', '--zero'), flag('-w', '--wait'),
  ],
};

/**
 * ConfigServer Firewall (`csf`, docs: configserver.com/cp/csf): its short options are the long ones below, whose words
 * say what is lowered (`-x` is `--disable`, `-f` is `--stop`: the firewall's rules flushed); read by `rules/guardsLowered.ts`.
 * Reads (`-l`, `-g IP`, `-c`, `-v`) and bans (`-d IP`) lower nothing.
 */
export const csf: ToolSpec = {
  ...host,
  names: ['csf'],
  unknownShort: 'switch',
  options: [
    flag('--disable', '-x'), flag('--enable', '-e'), flag('--stop', '-f'), flag('--start', '-s'), flag('--restart', '-r'), flag('--startq', '-q'), flag('--status', '-l'),
    flag('--check', '-c'), flag('--version', '-v'), flag('--help', '-h'), flag('--update', '-u'), flag('--lfd'),
    valued('--add', '-a'), valued('--deny', '-d'), valued('--addrm', '-ar'), valued('--denyrm', '-dr'), valued('--grep', '-g'), valued('--iplookup', '-i'), valued('--temprm', '-tr'),
    valued('--tempdeny', '-td'), valued('--tempallow', '-ta'), valued('--mail', '-m'),
  ],
};

/** `ufw disable|reset`, and `ufw default deny|reject` (what no rule allows is cut, ssh included). */
export const ufw: ToolSpec = { ...host, names: ['ufw'], options: [flag('--dry-run'), flag('--force')], commands: { 'disable|reset': {}, default: {} } };

/** `passwd -d USER` leaves the account without a password. */
export const passwd: ToolSpec = {
  ...host,
  names: ['passwd'],
  options: [
    flag('-d', '--delete'), flag('-l', '--lock'), flag('-u', '--unlock'), flag('-e', '--expire'), flag('-S', '--status'), flag('-a', '--all'), flag('-q', '--quiet'),
    valued('-n', '--mindays'), valued('-x', '--maxdays'), valued('-w', '--warndays'), valued('-i', '--inactive'), valued('-R', '--root'), valued('-P', '--prefix'), flag('-k', '--keep-tokens'),
  ],
};

/** `crontab -r` removes the user's whole crontab, with no copy kept. */
export const crontab: ToolSpec = { ...host, names: ['crontab'], options: [flag('-r'), flag('-l'), flag('-e'), flag('-i'), valued('-u'), flag('-n'), valued('-T'), flag('-V')] };

/** `blkdiscard DEVICE` discards every block of the device. */
export const blkdiscard: ToolSpec = {
  ...host,
  names: ['blkdiscard'],
  options: [
    valued('-o', '--offset'), valued('-l', '--length'), valued('-p', '--step'), flag('-s', '--secure'), flag('-z', '--zeroout'), flag('-f', '--force'),
    flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-h', '--help'), flag('-V', '--version'),
  ],
};

/** `sgdisk --zap-all|--clear DEVICE` destroys the device's partition tables. */
export const sgdisk: ToolSpec = {
  ...host,
  names: ['sgdisk'],
  unknownShort: 'switch',
  options: [
    flag('-Z', '--zap-all'), flag('-z', '--zap'), flag('-o', '--clear'), valued('-d', '--delete'), flag('-p', '--print'), flag('-v', '--verify'), valued('-b', '--backup'),
    valued('-l', '--load-backup'), valued('-i', '--info'), valued('-n', '--new'), valued('-t', '--typecode'), valued('-c', '--change-name'), flag('-?', '--help'), flag('-P', '--pretend'),
  ],
};

/**
 * `kill` (the shell builtin and util-linux's): options before the process ids. A signal is also
 * written as a bare `-9`, `-KILL` or `-SIGKILL`: the letters are read as switches that say nothing
 * here, and a leading `-N` is an operand the host pack reads as the signal, as the shell does.
 */
export const kill: ToolSpec = {
  ...host,
  names: ['kill'],
  abbreviations: false,
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [
    valued('-s', '--signal'), valued('-n'), valued('-q', '--queue'), { names: ['-l', '--list'], takes: 'optional' }, flag('-L', '--table'),
    flag('-p', '--pid'), flag('-a', '--all'), flag('--verbose'), { names: ['--timeout'], takes: 'two' },
  ],
};

/**
 * nftables: `nft [options] COMMAND…`, options only before the command (the rest, in one word or
 * several, is one nftables command line), long ones abbreviated as getopt_long allows. `flush ruleset`
 * drops every rule.
 */
export const nft: ToolSpec = {
  ...host,
  names: ['nft'],
  interspersed: false,
  options: [
    valued('-f', '--file'), valued('-I', '--includepath'), valued('-D', '--define'), valued('-d', '--debug'),
    flag('-c', '--check'), flag('-i', '--interactive'), flag('-j', '--json'), flag('-a', '--handle'), flag('-e', '--echo'), flag('-s', '--stateless'),
    flag('-n', '--numeric'), flag('-N', '--reversedns'), flag('-S', '--service'), flag('-u', '--guid'), flag('-y', '--numeric-priority'), flag('-p', '--numeric-protocol'),
    flag('-T', '--numeric-time'), flag('-t', '--terse'), flag('-o', '--optimize'), flag('-h', '--help'), flag('-v', '--version'), flag('-V'),
  ],
};

/**
 * `pfctl -d` turns the BSD/macOS packet filter off, `-F all`/`-F rules` flushes its rules (pfctl(8)): the machine
 * is open to whatever its filter kept out. `-s` shows, `-n` parses without loading, `-e` enables.
 */
export const pfctl: ToolSpec = {
  ...host,
  names: ['pfctl'],
  abbreviations: false,
  options: [
    flag('-d'), flag('-e'), flag('-n'), flag('-q'), flag('-v'), flag('-g'), flag('-N'), flag('-O'), flag('-R'), flag('-r'), flag('-z'),
    valued('-F'), valued('-f'), valued('-s'), valued('-a'), valued('-t'), valued('-T'), valued('-x'), valued('-k'), valued('-K'), valued('-D'), valued('-i'), valued('-p'),
  ],
};
