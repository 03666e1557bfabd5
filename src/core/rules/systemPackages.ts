import type { Finding, Invocation, RuleContext, RulePack } from '../policy/types';
import { commandNode, parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import { REMOVE_OPTIONS, SIMULATE_OPTIONS, SYSTEM_PACKAGE_TOOLS } from '../registry/tools/systemPackages';

/**
 * Removing the operating system's packages (apt, dpkg, dnf/yum, rpm, pacman, apk, zypper, snap):
 * what goes may take logins, privilege, the init system or the C library with it, and what comes
 * back needs a working package manager and network. It asks on this machine (never production by
 * itself; over ssh the walker relabels it to that host). Installing, listing, searching, cleaning the
 * cache, `autoremove` of what nothing needs and `apk del` of a virtual group the same build added (`.build-deps`) stay allowed, as do simulations. A language's own
 * package manager (npm, pip, brew) removing a project or user dependency is routine and not judged here.
 */

/** Packages whose removal leaves the machine without remote login, privilege, its init system, kernel, C library or core tools. */
const VITAL = /^(openssh(-server|-client)?|ssh|sshd|dropbear|sudo|doas|polkit|systemd(-sysv)?|init|sysvinit|openrc|linux(-image|-headers|-generic|-lts|-modules|-firmware)?[\w.-]*|kernel([\w.-]*)?|glibc([\w.-]*)?|libc6|libc-bin|musl|coreutils|bash|dash|util-linux|login|passwd|shadow|pam|libpam[\w.-]*|apt|dpkg|rpm|dnf|yum|pacman|apk-tools|zypper|grub[\w.-]*|network-manager|networkmanager|netplan\.io|iproute2|ca-certificates|openssl|libssl[\w.-]*|docker[\w.-]*|containerd|cloud-init|snapd)$/i;

/**
 * What the agents' tools and the guard's hook run on: git, ssh, and the Node.js and Python runtimes
 * (`brew uninstall node` takes away the runtime a CLI-installed hook shim runs, which then denies
 * every action, and every agent CLI written in Node with it).
 */
const RUNTIMES = /^(git|openssh|node|nodejs|node@\d+|python|python3|python@3(\.\d+)?|python3\.\d+)$/i;

const NAMES = new Set(SYSTEM_PACKAGE_TOOLS.flatMap((t) => t.names));

function removal(inv: Invocation, ctx: RuleContext): Finding[] {
  const tool = toolNamed(inv.name);
  if (!tool) return [];
  const parsed = parsedArgs(inv.args, tool);
  const args = toolArgs(inv.name, parsed, tool);
  const removeOptions = REMOVE_OPTIONS[inv.name];
  // `apt autoremove --purge`: every package nothing depends on, with its configuration.
  if ((inv.name === 'apt' || inv.name === 'apt-get') && parsed.path[0] === 'autoremove' && args.has('--purge') && !args.has('-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon')) {
    const env = ctx.environmentOf({ values: [], remote: false });
    return [{ rule: 'system-packages.removal', risk: 'destructive', severity: 'ask', reason: `\`${inv.name} autoremove --purge\` removes every package nothing marks as needed, with its configuration files: packages installed by hand as dependencies go too, and their settings cannot be restored.`, targets: [{ kind: 'resource', name: 'automatically installed packages', provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }] }];
  }
  const removes = removeOptions ? args.has(...removeOptions) : commandNode(parsed).package === 'uninstall';
  if (!removes) return [];
  const simulate = SIMULATE_OPTIONS[inv.name];
  if (simulate && args.has(...simulate)) return [];
  if (args.has('-h', '--help')) return [];
  const packages = parsed.operands.map((w) => w.text.replace(/[:=].*$/, '')).filter((p) => p !== '' && !(inv.name === 'apk' && p.startsWith('.')));
  if (packages.length === 0) return [];
  const vital = packages.filter((p) => VITAL.test(p) || RUNTIMES.test(p));
  // Homebrew's removals are the user's own, except what the machine's tools run on; team decision
  // 2026-12-03: `--force` (every installed version, errors ignored) and `--zap` (every file of a cask)
  // answer as apt's purge does.
  const forced = inv.name === 'brew' && args.has('-f', '--force', '--zap');
  if (inv.name === 'brew' && vital.length === 0 && !forced) return [];
  const named = packages.slice(0, 6).join(', ') + (packages.length > 6 ? ` and ${packages.length - 6} more` : '');
  const command = [inv.name, ...parsed.path].join(' ');
  const reason = vital.length > 0
    ? `\`${command}\` removes ${vital.join(', ')} from the operating system; without ${vital.length === 1 ? 'it' : 'them'} the machine may refuse logins, privilege or a clean boot, and putting ${vital.length === 1 ? 'it' : 'them'} back needs that access.`
    : forced
      ? `\`brew ${parsed.path[0] ?? 'uninstall'} --force\` removes every installed version of ${named} from this machine, errors ignored, with whatever depends on ${packages.length === 1 ? 'it' : 'them'}.`
      : `\`${command}\` removes system packages (${named}) from this machine, with whatever depends on them.`;
  const env = ctx.environmentOf({ values: [], remote: false });
  return [{
    rule: vital.length > 0 ? 'system-packages.vital-removal' : 'system-packages.removal',
    risk: 'destructive',
    severity: 'ask',
    reason,
    targets: [{ kind: 'resource', name: vital[0] ?? packages[0]!, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason }],
  }];
}

export const systemPackagesPack: RulePack = {
  id: 'system-packages',
  title: "Removing the operating system's packages",
  commands: [...NAMES],
  checkInvocation: removal,
};
