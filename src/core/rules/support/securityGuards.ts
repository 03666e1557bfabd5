import { identifierParts } from './cliArgs';

/**
 * Stop 39 (issue #18 criteria 1/4/7, red team round 33: `csf -x`, `aa-disable`, `aa-complain /etc/apparmor.d/*`,
 * `semanage permissive -a httpd_t`, `ossec-control stop`, `pihole disable`, `pihole -a -p ''`, `rkhunter --propupd`,
 * `aide --update`): a machine's security guard switched off, put in a mode that only logs, stopped, its admin
 * password emptied, or its known-good baseline rewritten over the current state (which may already be tampered
 * with: whatever changed so far is accepted as normal from now on). The guards differ; the meaning is one, read
 * by the kind of guard a program is (its name, by the lexicon below) and the words of its command line (command
 * words, long option names as the registry spells them, the parts of its own name: `aa-complain`).
 *
 * | kind | lowered by | stays allowed |
 * |---|---|---|
 * | any guard | disable, stop, kill, off, unload, teardown, complain, permissive, pause, suspend, flush, bypass; an admin password set to nothing | status, list, check, test, report, help; enable, enforce, start |
 * | a permissive mode | `permissive` with an add (`-a`) | `permissive -d` (enforcing again), `permissive -l` |
 * | integrity and rootkit baselines | propupd, baseline, accept, update-policy, update-db, create-polfile; `update`/`init` of a file-integrity database | `--check`, `--compare`, a rootkit scanner's `--update` (its signatures) |
 *
 * Read by `rules/guardsLowered.ts` for every program the lexicon names; the program's own options come from its
 * registry entry when it has one (`registry/tools/securityGuards.ts`: `csf -x` is `--disable`).
 */

export interface GuardKind {
  id: string;
  /** Normalised program names (or their first part) of this kind of guard. */
  names: RegExp;
  what: string;
  lost: string;
  /** A baseline database whose `update`/`init` accepts the current state (file-integrity checkers). */
  baselineDb?: true;
  /** A baseline of file properties re-accepted by `propupd`/`baseline` words (rootkit scanners too). */
  baseline?: true;
}

export const GUARD_KINDS: readonly GuardKind[] = [
  { id: 'firewall-off', names: /^(csf|lfd|apf|shorewall6?|ferm|firewalld|opensnitch|opensnitchd|lulu|littlesnitch|portmaster|vuurmuur|ipfw|pfw|socketfilterfw|alf|advfirewall)$/, what: 'the firewall', lost: 'every port is reachable from the network, not only those the rules allowed' },
  { id: 'confinement-off', names: /^(aa|apparmor|apparmorparser|semanage|setsebool|selinux|tomoyo|smack|landlock)$/, what: 'mandatory access control (AppArmor, SELinux)', lost: 'a compromised service is no longer confined: it can read and change whatever its user can' },
  { id: 'detection-off', names: /^(ossec|wazuh|snort|suricata|suricatasc|zeek|zeekctl|broctl|fail2ban|crowdsec|cscli|sshguard|denyhosts|falco|falcoctl|osquery|osqueryd|osqueryctl|tetragon|auditd|samhain|tiger)$/, what: 'intrusion detection', lost: 'attacks and changes on this machine are no longer detected, blocked or reported' },
  { id: 'malware-protection-off', names: /^(clamav|clamd|clamonacc|sophos|savdctl|savscan|mdatp|wdav|falconctl|falcond|crowdstrike|sentinelctl|sentineld|sentinelone|esets|santactl|santa|santad|kesl|keslcontrol|bdconfigure|drweb|xprotect|defender|mpcmdrun)$/, what: 'malware protection', lost: 'malicious files and processes are no longer blocked or reported' },
  { id: 'baseline-reaccepted', names: /^(aide|tripwire|twadmin|afick|integrit|osiris|ossec-syscheck)$/, what: 'file-integrity monitoring', lost: 'what changed on the machine so far, a planted binary included, is accepted as the new normal and never reported', baselineDb: true, baseline: true },
  { id: 'baseline-reaccepted', names: /^(rkhunter|chkrootkit|unhide|lynis)$/, what: 'the rootkit scanner', lost: 'what changed on the machine so far, a planted binary included, is accepted as the new normal and never reported', baseline: true },
  { id: 'dns-filter-off', names: /^(pihole|adguardhome|blocky|nextdns)$/, what: 'DNS blocking', lost: 'the network resolves every domain again, malware, phishing and tracking ones included' },
  // Stop 40: macOS System Integrity Protection (`csrutil disable`, `csrutil authenticated-root disable`).
  { id: 'integrity-protection-off', names: /^(csrutil)$/, what: 'System Integrity Protection', lost: "root, and whatever runs as root, can change the operating system's own files and processes" },
  { id: 'quarantine-off', names: /^(spctl|gatekeeper|syspolicy)$/, what: 'Gatekeeper', lost: 'downloaded programs run without their signature or notarisation being checked' },
];

/** The kind of guard a program is, by its name or the first part of it (`ossec-control`, `aa-complain`, `fail2ban-client`). */
export function guardKindOf(program: string): GuardKind | undefined {
  const base = program.toLowerCase().replace(/\.(sh|exe)$/, '');
  const whole = base.replace(/[^a-z0-9]/g, '');
  const first = identifierParts(base)[0] ?? '';
  return GUARD_KINDS.find((k) => k.names.test(whole) || k.names.test(first) || k.names.test(base));
}

/** Words that switch a guard off or make it only log (normalised, one word or one part). */
const LOWERS = /^(disable|disabled|stop|kill|off|unload|teardown|complain|permissive|pause|suspend|shutdown|quit|flush|bypass|unenforce|uninstall|deactivate)$/;
/** Words that re-accept the current state as the known-good baseline (whole normalised words). */
const BASELINE = /^(propupd|baseline|rebaseline|accept|acceptall|updatepolicy|updatedb|resetdb|initdb|createpolfile|createcfgfile)$/;
/** The same, for a file-integrity database only (`aide --update`, `tripwire --update`, `aide --init`). */
const BASELINE_DB = /^(update|init|initialize|reinit|reinitialize)$/;
/** Reads, and switching on: nothing is lowered (`aa-status`, `csf -l`, `rkhunter --check`, `pihole status`, `aa-enforce`). */
const READS = /^(status|list|ls|show|check|compare|test|report|help|version|info|get|query|grep|search|enable|enforce|start|restart|reload|verify|audit|dump|stats|log|logs|tail|watch)$/;
/** Options that take a permissive domain out (enforcing again) or list them. */
const UNDOES = /^(d|delete|deleteall|D|l|list|n|noheading)$/;
/** An option's value that switches what it names off, and option (or command) names that are a guard's on/off state. */
const OFF_VALUE = /^(off|0|false|disabled?|no|none)$/i;
const STATE_OPTION = /(state|enabled?|mode|protection|monitoring|realtime)$/;
/** Option names that set the guard's admin password. */
const PASSWORD = /^(p|password|passwd|pass|pw|setpassword|webpassword|adminpassword)$/;

export interface GuardReading {
  /** Parts of the program's name after the guard's own (`aa-complain` → complain). */
  nameWords: readonly string[];
  /** Command words (subcommands and plain operands), in order. */
  words: readonly string[];
  /** Options by name without dashes, with their values (as the registry names them when it describes the program). */
  options: readonly { bare: string; value: string | undefined }[];
}

export interface GuardLowering {
  kind: GuardKind;
  /** What is done, for the reason. */
  does: string;
  /** The words shown after the program's name ('' when its name says it: `aa-complain`). */
  shown: string;
  /** What is lost, when it is not the kind's. */
  lost?: string;
}

const norm = (w: string): string => w.toLowerCase().replace(/[^a-z0-9]/g, '');
const partsOf = (w: string): string[] => [norm(w), ...identifierParts(w)];

/** A guard lowered by the command's words, or undefined when it reads, switches on or does something else. */
export function guardLowered(kind: GuardKind, r: GuardReading): GuardLowering | undefined {
  const commandWords = r.words.slice(0, 3).filter((w) => /^[A-Za-z][\w:-]*$/.test(w));
  const optionWords = r.options.map((o) => o.bare).filter((b) => b.length > 1);
  const all = [...r.nameWords, ...commandWords, ...optionWords];
  if (all.some((w) => partsOf(w).some((p) => READS.test(p)))) return undefined;
  // An admin password set to nothing (`pihole -a -p ''`, `--password=`): anyone who reaches its console can switch it off.
  const emptied = r.options.find((o) => PASSWORD.test(o.bare) && o.value !== undefined && o.value.trim().replace(/^["']|["']$/g, '') === '');
  if (emptied !== undefined) return { kind, does: `sets the admin password of ${kind.what} to nothing`, shown: `-${emptied.bare.length > 1 ? '-' : ''}${emptied.bare} ''`, lost: 'anyone who reaches its admin page or console can switch it off or change what it lets through' };
  const shownOf = (w: string): string => (r.nameWords.includes(w) ? '' : optionWords.includes(w) && !commandWords.includes(w) ? `--${w}` : w);
  const baseline = all.find((w) => (kind.baseline === true && BASELINE.test(norm(w))) || (kind.baselineDb === true && BASELINE_DB.test(norm(w))));
  if (baseline !== undefined) return { kind, does: `rewrites the known-good baseline of ${kind.what} from the machine as it is now`, shown: shownOf(baseline) };
  // Stop 40: a state option given an off value (`socketfilterfw --setglobalstate off`, `--enabled=false`, `real-time-protection --value disabled`).
  const switchedOff = r.options.find((o) => OFF_VALUE.test((o.value ?? '').trim()) && (STATE_OPTION.test(norm(o.bare)) || commandWords.some((w) => partsOf(w).some((p) => STATE_OPTION.test(p)))));
  if (switchedOff !== undefined) return { kind, does: `switches ${kind.what} off`, shown: `--${switchedOff.bare} ${switchedOff.value!.trim()}` };
  const lowering = all.find((w) => partsOf(w).some((p) => LOWERS.test(p)));
  if (lowering === undefined) return undefined;
  if (partsOf(lowering).includes('permissive') && r.options.some((o) => UNDOES.test(o.bare))) return undefined;
  const mode = partsOf(lowering).find((p) => /^(complain|permissive)$/.test(p));
  return { kind, does: mode !== undefined ? `puts ${kind.what} in ${mode} mode: it logs what it would have blocked, and blocks nothing` : `switches ${kind.what} off`, shown: shownOf(lowering) };
}
