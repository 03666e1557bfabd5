import { ownTable } from '../../ownTable';
/**
 * What a configuration-management module does on each host, spelled as the shell line that does the
 * same (issue #18, round 7): the fleet's modules are judged by the rules that already read those
 * lines there (`userdel`, `apt-get purge`, `systemctl stop`, `iptables -A … -j DROP`, `reboot`).
 * Ansible's modules take `key=value` arguments (`name=deploy state=absent remove=yes`); Salt's
 * execution functions take positional arguments and `key=value` keywords (`salt '*' pkg.purge pg`).
 * A module that changes nothing judged here yields no line.
 */

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
const TRUE = /^(yes|true|on|1|y)$/i;
const FALSE = /^(no|false|off|0|n)$/i;

/** `key=value` arguments of a module (`path=/srv/x state=absent`), quotes removed. */
export function moduleArgs(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w.]+)=("[^"]*"|'[^']*'|\S*)/g)) out.set(m[1]!, m[2]!.replace(/^["']|["']$/g, ''));
  return out;
}

/** The module's short name: `ansible.builtin.user` and `community.general.ufw` are `user` and `ufw`. */
export const moduleName = (name: string): string => name.split('.').pop() ?? name;

const PACKAGE_MODULES: Readonly<Record<string, string>> = ownTable({
  apt: 'apt-get', package: 'apt-get', yum: 'dnf', dnf: 'dnf', dnf5: 'dnf', zypper: 'zypper', pacman: 'pacman', apk: 'apk', snap: 'snap', homebrew: 'brew', pip: 'pip', gem: 'gem', npm: 'npm', win_package: 'apt-get', win_chocolatey: 'choco',
});

function packageRemoval(tool: string, names: string[], purge: boolean): string {
  const list = names.map(quote).join(' ');
  if (tool === 'apt-get') return `apt-get ${purge ? 'purge' : 'remove'} -y ${list}`;
  if (tool === 'pip') return `pip uninstall -y ${list}`;
  if (tool === 'npm') return `npm uninstall -g ${list}`;
  if (tool === 'pacman') return `pacman -R --noconfirm ${list}`;
  if (tool === 'apk') return `apk del ${list}`;
  if (tool === 'brew') return `brew uninstall ${list}`;
  if (tool === 'gem' || tool === 'choco' || tool === 'snap') return `${tool} uninstall ${list}`;
  return `${tool} remove -y ${list}`;
}

/** The shell lines an Ansible module with these arguments amounts to on each host (none when it changes nothing judged here). */
export function ansibleModuleLines(module: string, args: Map<string, string>): string[] {
  const m = moduleName(module);
  const state = (args.get('state') ?? '').toLowerCase();
  const name = args.get('name') ?? args.get('user') ?? args.get('pkg') ?? '';
  const gone = state === 'absent' || state === 'removed';
  if (m === 'file' && gone) {
    const path = args.get('path') ?? args.get('dest') ?? args.get('name');
    return path ? [`rm -rf ${quote(path)}`] : [];
  }
  if (m === 'user') {
    if (gone && name) return [`userdel ${TRUE.test(args.get('remove') ?? '') ? '-r ' : ''}${quote(name)}`];
    if (TRUE.test(args.get('password_lock') ?? '') && name) return [`usermod -L ${quote(name)}`];
    if (/^(0|-?\d{1,9}(\.\d+)?)$/.test(args.get('expires') ?? '') && Number(args.get('expires')) <= 86400 && name) return [`chage -E 0 ${quote(name)}`];
    if (/\/(nologin|false)$/.test(args.get('shell') ?? '') && name) return [`usermod -s ${quote(args.get('shell')!)} ${quote(name)}`];
    return [];
  }
  if (m === 'group' && gone && name) return [`groupdel ${quote(name)}`];
  const pkgTool = PACKAGE_MODULES[m];
  if (pkgTool !== undefined && gone && name) return [packageRemoval(pkgTool, name.split(','), TRUE.test(args.get('purge') ?? ''))];
  if (m === 'copy' || m === 'template') {
    const dest = args.get('dest') ?? args.get('path');
    if (dest && args.has('content') && (args.get('content') ?? '').trim() === '') return [`: > ${quote(dest)}`];
    return [];
  }
  if (m === 'reboot') return ['reboot'];
  if (m === 'shutdown') return ['shutdown -h now'];
  if (m === 'systemd' || m === 'systemd_service' || m === 'service' || m === 'sysvinit' || m === 'win_service') {
    const lines: string[] = [];
    if (!name) return [];
    if (state === 'stopped') lines.push(`systemctl stop ${quote(name)}`);
    // Stop 33: a restart on the fleet brings it back with whatever is deployed there (rules/hostDamage.ts `remoteRestart`).
    if (state === 'restarted') lines.push(`systemctl restart ${quote(name)}`);
    if (FALSE.test(args.get('enabled') ?? '')) lines.push(`systemctl disable ${quote(name)}`);
    if (TRUE.test(args.get('masked') ?? '')) lines.push(`systemctl mask ${quote(name)}`);
    return lines;
  }
  if (m === 'iptables') {
    const chain = args.get('chain') ?? 'INPUT';
    if (TRUE.test(args.get('flush') ?? '')) return [`iptables -F ${quote(chain)}`];
    const policy = args.get('policy');
    if (policy && /^(DROP|REJECT)$/i.test(policy)) return [`iptables -P ${quote(chain)} ${policy.toUpperCase()}`];
    const jump = args.get('jump') ?? '';
    const narrowed = ['source', 'destination', 'protocol', 'destination_port', 'source_port', 'in_interface', 'ctstate', 'match'].filter((k) => args.has(k));
    // A rule that names a source, protocol, port or interface blocks that traffic only.
    if (/^(DROP|REJECT)$/i.test(jump) && !gone && narrowed.length === 0) return [`iptables -A ${quote(chain)} -j ${jump.toUpperCase()}`];
    return [];
  }
  if (m === 'ufw') {
    if (state === 'disabled') return ['ufw disable'];
    if (/^(deny|reject)$/i.test(args.get('policy') ?? '') && !args.has('rule')) return [`ufw default ${args.get('policy')!.toLowerCase()} ${args.get('direction') ?? 'incoming'}`];
    return [];
  }
  if (m === 'mount' && (state === 'absent' || state === 'unmounted')) {
    const path = args.get('path') ?? args.get('name');
    return path ? [`umount ${quote(path)}`] : [];
  }
  if ((m === 'docker_container' || m === 'podman_container') && gone && name) return [`docker rm -f ${quote(name)}`];
  if (m === 'postgresql_db' && gone) return (args.get('name') ?? args.get('db')) ? [`dropdb ${quote(args.get('name') ?? args.get('db')!)}`] : [];
  if (m === 'mysql_db' && gone) {
    const db = args.get('name') ?? args.get('db');
    return db ? [`mysql -e ${quote(`DROP DATABASE ${db}`)}`] : [];
  }
  if (m === 'sysctl' && args.get('name') && args.get('value') !== undefined) return [`sysctl -w ${quote(`${args.get('name')}=${args.get('value')}`)}`];
  return [];
}

/** Salt execution functions spelled as the line each minion runs; `positional` are its plain arguments, `keywords` its `k=v`. */
export function saltFunctionLines(fn: string, positional: readonly string[], keywords: Map<string, string>): string[] {
  const first = positional[0] ?? keywords.get('name') ?? keywords.get('path') ?? '';
  const all = positional.length > 0 ? positional.map(quote).join(' ') : first ? quote(first) : '';
  switch (fn) {
    case 'file.remove':
    case 'file.rmdir':
      return first ? [`rm -rf ${quote(first)}`] : [];
    case 'file.truncate':
      return first ? [`: > ${quote(first)}`] : [];
    case 'service.stop':
    case 'service.dead':
    case 'service.kill':
      return first ? [`systemctl stop ${all}`] : [];
    case 'service.disable':
      return first ? [`systemctl disable ${all}`] : [];
    case 'service.restart':
      return first ? [`systemctl restart ${all}`] : [];
    case 'service.mask':
      return first ? [`systemctl mask ${all}`] : [];
    case 'pkg.remove':
    case 'pkg.purge':
    case 'pkg.uninstall':
      return first || keywords.has('pkgs') ? [packageRemoval('apt-get', first ? positional.length > 0 ? [...positional] : [first] : [keywords.get('pkgs')!], fn === 'pkg.purge')] : [];
    case 'system.reboot':
    case 'system.shutdown':
    case 'system.poweroff':
    case 'system.halt':
    case 'system.reboot_now':
      return [fn.startsWith('system.reboot') ? 'reboot' : 'shutdown -h now'];
    case 'user.delete':
      return first ? [`userdel ${TRUE.test(keywords.get('remove') ?? '') ? '-r ' : ''}${quote(first)}`] : [];
    case 'group.delete':
      return first ? [`groupdel ${quote(first)}`] : [];
    case 'shadow.lock_password':
      return first ? [`usermod -L ${quote(first)}`] : [];
    case 'iptables.flush':
      return ['iptables -F'];
    case 'iptables.set_policy':
      return positional.some((p) => /^(DROP|REJECT)$/i.test(p)) ? [`iptables -P ${quote(positional[1] ?? positional[0] ?? 'INPUT')} DROP`] : [];
    case 'disk.wipe':
      return first ? [`wipefs -a ${quote(first)}`] : [];
    case 'mount.umount':
      return first ? [`umount ${quote(first)}`] : [];
    case 'docker.rm':
    case 'docker.kill':
      return first ? [`docker rm -f ${all}`] : [];
    case 'ps.pkill':
    case 'ps.kill_pid':
      return first ? [`pkill -9 ${quote(first)}`] : [];
    case 'network.iface_down':
    case 'ip.down':
      return first ? [`ip link set ${quote(first)} down`] : [];
    // Stop 39 (round 33: `salt-call cron.set_job root '*/15' '*' '*' '*' '*' /opt/app/bin/sync-prod.sh`): a job the host's cron runs later, spelled as the crontab write it is.
    case 'cron.set_job':
      return positional.length >= 7 ? [`echo ${quote(positional.slice(1, 7).join(' '))} | crontab -u ${quote(positional[0]!)} -`] : keywords.has('cmd') && first ? [`echo ${quote(`* * * * * ${keywords.get('cmd')}`)} | crontab -u ${quote(first)} -`] : [];
    case 'cron.set_special':
      return positional.length >= 3 ? [`echo ${quote(positional.slice(1, 3).join(' '))} | crontab -u ${quote(positional[0]!)} -`] : [];
    case 'sysctl.assign':
      return positional.length >= 2 ? [`sysctl -w ${quote(`${positional[0]}=${positional[1]}`)}`] : [];
    default:
      return [];
  }
}
