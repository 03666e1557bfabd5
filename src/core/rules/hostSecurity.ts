import { ownTable } from '../ownTable';
import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';
import { securityService } from './support/securityServices';

/**
 * The machine's own locks taken off or turned against its owner (registry entries in
 * `registry/tools/hostAccounts.ts`): an account given administrator groups (`usermod -aG sudo`,
 * `gpasswd -a USER wheel`), an account removed, SELinux switched to permissive, a second ssh server
 * with root or password logins opened, and the audit or security services stopped
 * (`systemctl stop auditd`). Each asks; ordinary group changes and services stay allowed.
 */

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

function ask(rule: string, reason: string, name: string, ctx: RuleContext): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  return [{ rule: `host-security.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [{ kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }] }];
}

/** Groups that make a member an administrator of the machine (or root through the container daemon). */
const ADMIN_GROUPS = /^(sudo|wheel|admin|root|adm|docker|lxd|libvirt|disk|shadow)$/;

function usermod(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help') || a.has('-r', '--remove')) return [];
  const groups = [...a.values('-G', '--groups'), ...a.values('-g', '--gid')].flatMap((g) => g.split(',')).filter((g) => ADMIN_GROUPS.test(g.trim()));
  const user = a.parsed.operands[0]?.text ?? 'an account';
  const locked = lockout(a.values('-s', '--shell')[0], a.has('-L', '--lock') ? '-L' : undefined);
  if (locked !== undefined) return ask('account-locked', `Locks ${user} out (usermod ${locked}): a safety net is removed — nobody can sign in as it, the session running this included, until root changes it back.`, user, ctx);
  if (groups.length === 0) return [];
  return ask('admin-group', `Makes ${user} a member of ${groups.join(', ')}, which administers this machine (usermod).`, user, ctx);
}

/** A login shell that refuses every login, or an account lock: what locks its user out. */
function lockout(shell: string | undefined, lock: string | undefined): string | undefined {
  if (shell !== undefined && /(^|\/)(nologin|false)$/.test(shell)) return `-s ${shell}`;
  return lock;
}

/** `chsh -s /bin/false $USER`: the account can no longer open a shell. */
function chsh(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-h', '--help', '-l', '--list-shells')) return [];
  const locked = lockout(a.value('-s', '--shell'), undefined);
  const user = a.parsed.operands[0]?.text ?? 'the current user';
  return locked !== undefined ? ask('account-locked', `Sets the login shell of ${user} to one that refuses every login (chsh ${locked}): a safety net is removed — nobody can sign in as it, until root changes it back.`, user, ctx) : [];
}

function gpasswd(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const group = a?.parsed.operands[0]?.text;
  if (!a || group === undefined || !ADMIN_GROUPS.test(group)) return [];
  const added = [...a.values('-a', '--add'), ...a.values('-M', '--members'), ...a.values('-A', '--administrators')];
  if (added.length === 0) return [];
  return ask('admin-group', `Adds ${added.join(', ')} to ${group}, which administers this machine (gpasswd).`, group, ctx);
}

function userdel(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const user = a?.parsed.operands[0]?.text;
  if (!a || user === undefined || a.has('--help')) return [];
  // `deluser USER GROUP` takes the user out of a group only.
  if (inv.name === 'deluser' && a.parsed.operands.length > 1) return [];
  return ask('account-removed', `Removes the account ${user} from this machine (${inv.name}); whatever runs or logs in as it stops working.`, user, ctx);
}

function setenforce(inv: Invocation, ctx: RuleContext): Finding[] {
  const mode = argsOf(inv)?.parsed.operands[0]?.text;
  if (mode === undefined || !/^(0|permissive)$/i.test(mode)) return [];
  return ask('selinux-off', 'Switches SELinux to permissive: its policy stops blocking anything on this machine (setenforce 0).', 'SELinux', ctx);
}

const OPEN_LOGINS = /^\s*(PermitRootLogin\s*[= ]\s*(yes|without-password|prohibit-password)|PasswordAuthentication\s*[= ]\s*yes|PermitEmptyPasswords\s*[= ]\s*yes|AuthorizedKeysFile\s*[= ])/i;

function sshd(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  if (!a || a.has('-t', '-T', '-V')) return [];
  const open = a.values('-o').find((o) => OPEN_LOGINS.test(o));
  if (open === undefined) return [];
  return ask('ssh-open', `Starts an ssh server with ${open}: a way into this machine that its own configuration does not allow.`, 'sshd', ctx);
}

const STOPS = new Set(['stop', 'kill', 'disable', 'mask']);

function systemctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || verb === undefined || !STOPS.has(verb) || a.has('--help', '--dry-run')) return [];
  // Stop 39: a unit named like a guard of the lexicon (`csf`, `lfd`, `suricata`, `clamav-freshclam`) is one too; stop 40: the other managers in support/securityServices.ts.
  const units = a.parsed.operands.map((w) => w.text).filter((u) => securityService(u) !== undefined);
  if (units.length === 0) return [];
  return ask('security-service', `Stops ${units.join(', ')}, which watches or protects this machine (systemctl ${verb}).`, units[0]!, ctx);
}

const BY_NAME: Record<string, (inv: Invocation, ctx: RuleContext) => Finding[]> = ownTable({ usermod, chsh, gpasswd, userdel, deluser: userdel, setenforce, sshd, systemctl });

export const hostSecurityPack: RulePack = {
  id: 'host-security',
  title: "The machine's locks: administrator groups, accounts removed, SELinux, an open ssh server, security services stopped",
  commands: Object.keys(BY_NAME),
  checkInvocation(inv, ctx) {
    return BY_NAME[inv.name]?.(inv, ctx) ?? [];
  },
};
