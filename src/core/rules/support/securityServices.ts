import { ownTable } from '../../ownTable';
import { guardKindOf, GUARD_KINDS, type GuardKind } from './securityGuards';

/**
 * Stop 40 (red team round 39: `service suricata stop`, `xattr -dr com.apple.quarantine Foo.app`): a security guard of the
 * lexicon (`securityGuards.ts`) taken down through the machine's service managers rather than its own program, and a
 * download's quarantine taken off the file itself. `systemctl stop` of such a unit asks (`rules/hostSecurity.ts`); every
 * other manager reaches the same effect and is read the same way, by where its verb and services sit:
 *
 * | manager | lowered by | stays allowed |
 * |---|---|---|
 * | SysV/OpenRC/Debian (`service`, `rc-service`, `invoke-rc.d`: `NAME VERB`) | stop, force-stop, disable, pause, zap | status, start, restart, reload; any verb of a unit that is not a guard (`service nginx stop`) |
 * | runit `sv VERB NAME`, launchd `launchctl VERB LABEL\|PLIST`, Windows `sc VERB NAME`, `net stop NAME` | down/kill/exit; unload/bootout/stop/kill/disable/remove; stop/pause/delete/`config … start= disabled` | `sv status`, `launchctl list`, `sc query`, `net start` |
 * | process killers (`pkill`, `killall`, `skill`: every operand a process) | any signal to a guard's process | `pkill node`, `killall Cursor` |
 * | `xattr` | `-d com.apple.quarantine`, `-c` (every attribute, the quarantine included) | `-l`, `-p`, `-w` (the quarantine written back), `-d` of another attribute |
 *
 * A service is a guard when its name (without `.service`, `.plist`, an `@instance` or a folder) is one of the units below,
 * a guard of the lexicon, a Windows security service, or a launchd label one of whose dotted parts is (`com.crowdstrike.falcond`).
 */

/** Services whose stop blinds or unlocks the machine: audit, mandatory access control, firewalls, intrusion detection (systemd/SysV names). */
export const SECURITY_UNITS = /^(auditd|apparmor|selinux|firewalld|ufw|nftables|iptables|fail2ban|crowdstrike|falcon-sensor|osqueryd|wazuh-agent|ossec|clamav-daemon|clamd|aide|sysdig|falco|amazon-guardduty-agent|google-guest-agent|sshguard)(\.service)?$/;

/** Windows' own: Defender and its network inspection and ATP sensor, the firewall and its filtering engine, the security center. */
const WINDOWS_GUARDS = /^(windefend|wdnissvc|wdfilter|sense|mdcoresvc|msmpeng|nissrv|mssense|mpssvc|bfe|wscsvc|securityhealthservice)$/i;

const baseName = (name: string): string => name.replace(/^.*[/\\]/, '').replace(/\.(service|plist|socket|exe)$/i, '').replace(/@.*$/, '');

/** The guard a service or process name is, or undefined. */
export function securityService(name: string): { name: string; kind: GuardKind | undefined } | undefined {
  const base = baseName(name);
  if (base === '') return undefined;
  const kind = guardKindOf(base) ?? (base.includes('.') ? base.split('.').map((p) => (p === '' ? undefined : guardKindOf(p))).find((k) => k !== undefined) : undefined);
  if (kind !== undefined) return { name: base, kind };
  if (WINDOWS_GUARDS.test(base)) return { name: base, kind: GUARD_KINDS.find((k) => k.id === (/^(mpssvc|bfe)$/i.test(base) ? 'firewall-off' : 'malware-protection-off')) };
  return SECURITY_UNITS.test(base) || (base.includes('.') && base.split('.').some((p) => SECURITY_UNITS.test(p))) ? { name: base, kind: undefined } : undefined;
}

interface Manager {
  /**
   * The service's position: before the verb (`service NAME stop`), after it (`sv stop NAME`), every operand a process (pkill) or a
   * service the cmdlet stops (PowerShell's `Stop-Service -Name X`: its parameters read as switches, the names as operands), or a
   * service whose start type is set (`Set-Service X -StartupType Disabled`).
   */
  shape: 'name-verb' | 'verb-names' | 'processes' | 'cmdlet' | 'start-type';
  lowers?: RegExp;
}

const NAME_VERB: Manager = { shape: 'name-verb', lowers: /^(stop|force-stop|disable|pause|zap|teardown)$/ };
const KILLS: Manager = { shape: 'processes' };

export const SERVICE_MANAGERS: Readonly<Record<string, Manager>> = ownTable({
  service: NAME_VERB,
  'rc-service': NAME_VERB,
  'invoke-rc.d': NAME_VERB,
  sv: { shape: 'verb-names', lowers: /^(stop|down|d|kill|k|exit|x|force-stop|force-shutdown|pause|p)$/ },
  launchctl: { shape: 'verb-names', lowers: /^(unload|bootout|stop|kill|disable|remove)$/ },
  sc: { shape: 'verb-names', lowers: /^(stop|pause|delete|config)$/ },
  'sc.exe': { shape: 'verb-names', lowers: /^(stop|pause|delete|config)$/ },
  net: { shape: 'verb-names', lowers: /^(stop|pause)$/ },
  pkill: KILLS,
  killall: KILLS,
  skill: KILLS,
  'stop-service': { shape: 'cmdlet' },
  'suspend-service': { shape: 'cmdlet' },
  'stop-process': KILLS,
  'set-service': { shape: 'start-type' },
});

/** The manager a command name is (PowerShell's cmdlets in any case). */
export const serviceManagerOf = (name: string): Manager | undefined => SERVICE_MANAGERS[name] ?? SERVICE_MANAGERS[name.toLowerCase()];

export interface ServiceStop {
  verb: string;
  services: { name: string; kind: GuardKind | undefined }[];
}

/** The guards a service manager's operands stop, or undefined. */
export function securityServicesStopped(manager: string, operands: readonly string[]): ServiceStop | undefined {
  const m = serviceManagerOf(manager);
  if (m === undefined) return undefined;
  const lowered = (verb: string | undefined): boolean => verb !== undefined && m.lowers !== undefined && m.lowers.test(verb.toLowerCase());
  let verb: string;
  let names: readonly string[];
  if (m.shape === 'processes') [verb, names] = ['kill', operands];
  else if (m.shape === 'cmdlet') [verb, names] = ['stop', operands];
  else if (m.shape === 'start-type') {
    if (!operands.some((w) => /^disabled$/i.test(w))) return undefined;
    [verb, names] = ['disable', operands];
  } else if (m.shape === 'name-verb') {
    if (!lowered(operands[1])) return undefined;
    [verb, names] = [operands[1]!, operands.slice(0, 1)];
  } else {
    if (!lowered(operands[0])) return undefined;
    [verb, names] = [operands[0]!, operands.slice(1, 2)];
    // `sc config NAME start= disabled`: only a start type of disabled takes the service out.
    if (verb.toLowerCase() === 'config' && !operands.slice(2).some((w) => /^disabled$/i.test(w))) return undefined;
    // launchd takes several labels or plists (`launchctl unload a.plist b.plist`); the others one service.
    if (manager === 'launchctl') names = operands.slice(1);
  }
  const services = names.map((n) => securityService(n.replace(/^\^|\$$/g, ''))).filter((s) => s !== undefined);
  return services.length > 0 ? { verb, services } : undefined;
}

/** `xattr -d com.apple.quarantine …`, `xattr -c …`: the quarantine taken off downloaded files (flags as the registry reads them). */
export function quarantineCleared(has: (...names: string[]) => boolean, operands: readonly string[]): string | undefined {
  if (has('-l', '-p', '-w', '-h', '--help')) return undefined;
  if (has('-c')) return `-c${has('-r') ? 'r' : ''}`;
  return has('-d') && /^com\.apple\.quarantine$/i.test(operands[0] ?? '') ? `-d${has('-r') ? 'r' : ''} com.apple.quarantine` : undefined;
}
