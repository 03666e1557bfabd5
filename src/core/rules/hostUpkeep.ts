import { ownTable } from '../ownTable';
import type { ArgWord } from '../shell/ast';
import type { Finding, Invocation, RuleContext, Target } from '../policy/types';
import { effectGrammar, has, readEffectArgs, values, type ReadOptions } from '../policy/effectOptions';
import { parsedArgs, toolArgs, toolNamed } from '../registry/commandModel';
import type { ToolArgs } from '../registry/types';

/**
 * The machine's upkeep turned against it (issue #18, red team round 8), by command name for the
 * host-damage pack (`rules/hostDamage.ts`): operating-system upgrades run unattended (`apt
 * full-upgrade -y`, `do-release-upgrade -f …`, `dnf system-upgrade`, `softwareupdate -ia --restart`,
 * firmware flashed by `fwupdmgr`), services taken out for good through managers other than systemd
 * (`launchctl unload -w`, `launchctl disable`, `rc-update del`; stopping one service for now stays
 * allowed, as round 7 decided for `systemctl stop`, `nginx -s stop` and `pm2 kill`), the host's own safety nets (Time
 * Machine off or its snapshots deleted, an LVM snapshot merged back, btrfs redundancy converted
 * away, old Nix generations collected), boot configuration regenerated, file-system features
 * removed (`tune2fs -O ^has_journal`), raw file-system edits (`debugfs -w`), the immutable flag
 * taken off (`chattr -i`), the admin group's members replaced, and software removed by
 * managers the system pack does not read (MacPorts, Chocolatey, winget, Scoop, conda environments,
 * `rustup self uninstall`, `brew uninstall --zap`). Each asks on this machine (over ssh the walker
 * relabels the target to that host); listings, checks, dry runs and the narrow forms stay allowed.
 * Tools without a registry entry are read by a small grammar of their own (`effectGrammar`).
 */

type Check = (inv: Invocation, ctx: RuleContext) => Finding[];

function ask(rule: string, reason: string, ctx: RuleContext, name = 'this machine'): Finding[] {
  const env = ctx.environmentOf({ values: [], remote: false });
  const target: Target = { kind: 'resource', name, provider: 'host', remote: false, environment: env.environment, environmentReason: env.reason };
  return [{ rule: `host.${rule}`, risk: 'destructive', severity: 'ask', reason, targets: [target] }];
}

function argsOf(inv: Invocation): ToolArgs | undefined {
  const spec = toolNamed(inv.name);
  return spec ? toolArgs(inv.name, parsedArgs(inv.args, spec), spec) : undefined;
}

const read = (inv: Invocation, short: string, long: readonly string[] = []): ReadOptions => readEffectArgs(inv.args, effectGrammar(short, long));
const words = (r: ReadOptions): string[] => r.operands.map((w) => w.text);
const helpAsked = (r: ReadOptions): boolean => has(r, 'h', 'help', 'version', 'V');

// ---------------------------------------------------------------------------------------------
// Operating-system upgrades run unattended.

/** `apt full-upgrade -y`, `apt-get dist-upgrade --yes`: packages removed and replaced with no one to read the list. */
function aptUpgrade(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const verb = a?.parsed.path[0];
  if (!a || (verb !== 'full-upgrade' && verb !== 'dist-upgrade') || !a.has('-y', '--yes', '--assume-yes') || a.has('-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon', '-d', '--download-only')) return [];
  return ask('os-upgrade', `Upgrades the whole system unattended (${inv.name} ${verb} -y): packages are removed or replaced without anyone reading the list, services restart, and a broken upgrade is not rolled back.`, ctx);
}

/** `do-release-upgrade` moves the machine to the next release; `-c`/`--check-dist-upgrade-only` only looks. */
function releaseUpgrade(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'fmp', ['frontend', 'mode', 'proposed']);
  if (helpAsked(r) || has(r, 'c', 'check-dist-upgrade-only', 'q', 'quirks-only')) return [];
  const frontend = values(r, 'f', 'frontend')[0]?.text;
  return ask('os-upgrade', `Upgrades the operating system to its next release (do-release-upgrade${frontend !== undefined ? ` -f ${frontend}` : ''}): thousands of packages change, and there is no way back to the old release.`, ctx);
}

/** `dnf system-upgrade download|reboot`, `zypper dup -y`: a release upgrade. */
function dnfUpgrade(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const ops = a ? a.parsed.operands.map((w) => w.text) : [];
  const path = a ? [...a.parsed.path, ...ops] : [];
  if (!a || path[0] !== 'system-upgrade' || !/^(download|reboot|upgrade)$/.test(path[1] ?? '') || a.has('--assumeno', '-h', '--help')) return [];
  return ask('os-upgrade', `Upgrades the operating system to another release (${inv.name} system-upgrade ${path[1]}): every package changes, and there is no way back to the old release.`, ctx);
}

function zypperUpgrade(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, '', ['root', 'from', 'repo']);
  const [verb = ''] = words(r);
  if (!/^(dup|dist-upgrade)$/.test(verb) || !has(r, 'n', 'non-interactive', 'y', 'no-confirm') || has(r, 'D', 'dry-run')) return [];
  return ask('os-upgrade', `Upgrades the whole distribution unattended (zypper ${verb}): packages are removed, replaced or downgraded without anyone reading the list.`, ctx);
}

/** macOS `softwareupdate -i -a` with `-R`/`--restart`, or every update at once: the machine restarts into them. */
function softwareupdate(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, '', ['product-types', 'fetch-full-installer', 'full-installer-version', 'schedule', 'agree-to-license']);
  if (helpAsked(r) || has(r, 'l', 'list', 'history', 'd', 'download')) return [];
  const install = has(r, 'i', 'install');
  const restart = has(r, 'R', 'restart');
  const all = has(r, 'a', 'all');
  if (!install || (!restart && !all)) return [];
  return ask('os-upgrade', `Installs ${all ? 'every available' : 'the named'} macOS update${restart ? ' and restarts the machine' : ''} (softwareupdate): everything running stops${restart ? ' at once' : ' when it restarts'}, and a system update cannot be undone.`, ctx);
}

/** `fwupdmgr update|install|downgrade|reinstall|switch-branch`: firmware flashed into devices. */
function fwupdmgr(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, '', ['filter', 'json']);
  const [verb = ''] = words(r);
  if (helpAsked(r) || !/^(update|upgrade|install|local-install|downgrade|reinstall|switch-branch|unlock|clear-results|activate)$/.test(verb)) return [];
  return ask('firmware', `Flashes new firmware into this machine's devices (fwupdmgr ${verb}${has(r, 'y', 'assume-yes') ? ' -y' : ''}): a failed or wrong flash can leave a device — or the machine — unable to start.`, ctx);
}

/**
 * Stop 39 (round 30: `topgrade -y`): a runner of every upgrader on the machine (the system's package manager, firmware through
 * fwupdmgr, language toolchains, containers), told to answer yes to each step: the unattended upgrades above, all at once.
 * Its dry run (`-n`, `--dry-run`) only lists the steps; without `-y` each step waits for a person.
 */
function upgradeRunner(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, '', ['only', 'disable', 'config', 'env', 'remote-host-limit', 'custom-commands', 'log-filter', 'edit-config']);
  if (helpAsked(r) || has(r, 'n', 'dry-run', 'edit-config', 'config-reference', 'show-config-reference') || !has(r, 'y', 'yes')) return [];
  return ask('os-upgrade', `Runs every upgrader on this machine unattended (${inv.name} -y: the system's packages, firmware, toolchains): packages are replaced and devices flashed without anyone reading the list, and none of it is rolled back.`, ctx);
}

// ---------------------------------------------------------------------------------------------
// Services stopped through managers other than systemd.

/** launchd: `launchctl unload|bootout|disable|remove|stop|kill` takes a daemon or agent out; `list`, `print`, `load` stay allowed. */
function launchctl(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'SD');
  const [verb = '', ...rest] = words(r);
  // Stopping one service for now stays allowed (as `systemctl stop` does, round 7); a job disabled for good (`-w`, `disable`, `remove`) asks.
  if (!/^(unload|bootout|disable|remove)$/.test(verb) || (!has(r, 'w') && (verb === 'unload' || verb === 'bootout'))) return [];
  const what = rest.filter((w) => !/^(SIG)?[A-Z0-9]+$/.test(w)).at(-1) ?? 'a launchd job';
  const persist = has(r, 'w') || verb === 'disable' ? ', and it stays off after a restart' : '';
  return ask('service-outage', `Takes ${what} out of launchd (launchctl ${verb}): the service stops${persist}.`, ctx, what);
}

/** OpenRC `rc-update del NAME`: the service no longer starts at boot. */
function otherInit(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'rc-update') {
    const [verb = '', service = ''] = words(read(inv, ''));
    return /^(del|delete)$/.test(verb) ? ask('service-outage', `Removes ${service} from its runlevel (rc-update ${verb}): it no longer starts when the machine boots.`, ctx, service) : [];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------
// The host's safety nets, boot and file systems.

/** Time Machine: `disable`, `delete`, `deletelocalsnapshots`, `thinlocalsnapshots`, `removedestination`; `listbackups`, `status` read. */
function tmutil(inv: Invocation, ctx: RuleContext): Finding[] {
  const [verb = '', ...rest] = words(read(inv, 'dtp'));
  if (!/^(disable|disablelocal|delete|deletelocalsnapshots|thinlocalsnapshots|removedestination|removeexclusion|deleteinprogress)$/.test(verb)) return [];
  const lost = verb === 'disable' || verb === 'disablelocal' ? 'no backup is taken from now on' : verb === 'removedestination' ? 'backups stop going to that disk' : 'the backups or snapshots it names are gone for good';
  return ask('backup-removed', `Removes the machine's Time Machine safety net (tmutil ${verb}${rest[0] !== undefined ? ` ${rest[0]}` : ''}): ${lost}.`, ctx, 'Time Machine');
}

/** LVM: `lvconvert --merge SNAP` rolls the origin back to the snapshot (and drops it); `--splitmirrors`/`-m 0` drop redundancy. */
function lvconvert(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'mLlnt', ['mirrors', 'splitmirrors', 'type', 'name', 'thinpool', 'cachepool']);
  const [volume = 'a logical volume'] = words(r);
  if (has(r, 't', 'test', 'h', 'help')) return [];
  if (has(r, 'merge', 'mergesnapshot')) return ask('backup-removed', `Merges the snapshot ${volume} back into its origin (lvconvert --merge): everything written to the origin since the snapshot is discarded, and the snapshot is gone.`, ctx, volume);
  if (has(r, 'splitmirrors') || values(r, 'm', 'mirrors').some((w) => w.text === '0')) return ask('backup-removed', `Takes the mirror away from ${volume} (lvconvert): its data is left on one copy.`, ctx, volume);
  return [];
}

/** btrfs: `balance start -dconvert=single|raid0` (or metadata) throws the second copy away. */
function btrfs(inv: Invocation, ctx: RuleContext): Finding[] {
  // (not an option reader: balance filters are glued words, `-dconvert=single`, matched whole.)
  const text = inv.args.map((w) => w.text);
  if (text[0] !== 'balance' || text[1] !== 'start') return [];
  const lowered = text.find((w) => /^-[dms]convert=(single|raid0|dup)\b/.test(w) || /^--(data|metadata|system)-?convert=(single|raid0)\b/.test(w));
  if (lowered === undefined) return [];
  const mount = readEffectArgs(inv.args, effectGrammar('')).operands.at(-1)?.text ?? 'a btrfs file system';
  return ask('backup-removed', `Converts ${mount} to a profile without a second copy (btrfs balance start ${lowered}): a disk failure then loses data that redundancy would have kept.`, ctx, mount);
}

/** Nix: `nix-collect-garbage -d`/`--delete-old`, `nix-env --delete-generations`: no generation left to roll back to. */
function nixGenerations(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'p', ['profile', 'delete-older-than', 'max-freed']);
  if (has(r, 'dry-run', 'h', 'help')) return [];
  const old = inv.name === 'nix-collect-garbage' ? has(r, 'd', 'delete-old') || values(r, 'delete-older-than').length > 0 : has(r, 'delete-generations');
  return old ? ask('backup-removed', `Deletes the machine's older Nix generations (${inv.name}): there is nothing left to roll back to.`, ctx, 'Nix generations') : [];
}

/** `update-grub`, `grub-mkconfig -o FILE`, `grub-set-default`, `grubby --set-default|--update-kernel|--remove-kernel`. */
function bootConfig(inv: Invocation, ctx: RuleContext): Finding[] {
  if (inv.name === 'grub-mkconfig' || inv.name === 'grub2-mkconfig') {
    const out = values(read(inv, 'o', ['output']), 'o', 'output')[0]?.text;
    if (out === undefined || out === '/dev/stdout' || out === '-') return [];
  }
  if (inv.name === 'grubby') {
    const r = read(inv, '', ['set-default', 'set-default-index', 'update-kernel', 'remove-kernel', 'args', 'remove-args', 'add-kernel', 'make-default', 'config-file']);
    if (!has(r, 'set-default', 'set-default-index', 'update-kernel', 'remove-kernel', 'make-default')) return [];
  }
  if (helpAsked(read(inv, ''))) return [];
  return ask('boot', `Rewrites the machine's boot configuration (${inv.name}): a wrong entry or default leaves it unable to start, and the old configuration is not kept.`, ctx, 'the boot loader');
}

/** `tune2fs -O ^has_journal DEV` removes a file-system feature (the journal: a crash then corrupts it). */
function tune2fs(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'cCeEgiIJLmMoOrTuUQz');
  const removed = values(r, 'O').flatMap((w) => w.text.split(',')).filter((f) => f.startsWith('^')).map((f) => f.slice(1));
  if (removed.length === 0) return [];
  const [device = 'a file system'] = words(r);
  return ask('fs-tune', `Removes ${removed.join(', ')} from the file system on ${device} (tune2fs -O ^…)${removed.includes('has_journal') ? ': without its journal a crash or power cut can corrupt it' : ': what depended on it is lost'}.`, ctx, device);
}

/** `debugfs -w` opens a file system read-write beneath every check (`-R 'rm …'`, `-f cmds`); without `-w` it only reads. */
function debugfs(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'Rfbsdz');
  if (!has(r, 'w')) return [];
  const [device = 'a file system'] = words(r);
  const request = values(r, 'R')[0]?.text;
  return ask('raw-fs-edit', `Edits the file system on ${device} in place (debugfs -w${request !== undefined ? ` -R '${request}'` : ''}): blocks and inodes change beneath the kernel's checks, and nothing keeps the old state.`, ctx, device);
}

/**
 * `chattr -i FILE` / `-a`: the immutable or append-only flag — set so that nothing, root included,
 * changes the file — taken off. chattr's modes are operands that look like options (`-i`, `=e`),
 * so they are read from the operands of its grammar (`-R`, `-V`, `-f` switches, `-v`/`-p` values).
 */
function chattr(inv: Invocation, ctx: RuleContext): Finding[] {
  // (not an option reader: the mode is an operand shaped like an option, `-i`, `+a`, `=e`.)
  const all: ArgWord[] = inv.args.filter((w) => !/^-[RVf]+$/.test(w.text));
  const mode = all.find((w) => /^[-+=][aAcCdDeFijmPsStTux]+$/.test(w.text) && !/^-[vp]$/.test(w.text));
  if (mode === undefined) return [];
  const removesI = mode.text.startsWith('-') ? /[ia]/.test(mode.text) : mode.text.startsWith('=') ? !/[ia]/.test(mode.text) : false;
  if (!removesI) return [];
  const files = all.slice(all.indexOf(mode) + 1).map((w) => w.text);
  const file = files[0] ?? 'a file';
  return ask('immutable-removed', `Takes the immutable or append-only flag off ${files.join(', ') || file} (chattr ${mode.text}): the protection that kept anyone, root included, from changing or deleting it is gone.`, ctx, file);
}

/** Groups that grant administration (sudoers, the docker socket). */
const ADMIN_GROUP = /^(sudo|wheel|admin|adm|root|docker|lxd|libvirt|sudoers)$/;

/** `gpasswd -M alice wheel`: the admin group's members replaced (taking someone out of it alone stays allowed, as round 5 decided). */
function adminMembersReplaced(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = argsOf(inv);
  const group = a?.parsed.operands[0]?.text ?? '';
  const members = a?.value('-M', '--members');
  if (!a || members === undefined || !ADMIN_GROUP.test(group)) return [];
  return ask('admin-removed', `Replaces the members of ${group} with "${members}" (gpasswd -M): everyone else loses administration of this machine.`, ctx, group);
}

// ---------------------------------------------------------------------------------------------
// Software removed by managers the system pack does not read.

/** Data servers: removing one stops the database, and some managers take its data folder with it. */
const DATA_SERVERS = /^(postgres(ql)?(@?\d+(\.\d+)?)?|postgresql\d*(-server)?|mysql(@?[\d.]+)?|mysql-server|mariadb(@?[\d.]+)?|redis(@?[\d.]+)?|mongodb(-community)?(@?[\d.]+)?|mongod|elasticsearch|opensearch|cassandra|couchdb|neo4j|influxdb(@?\d+)?|clickhouse|rabbitmq|kafka|zookeeper|etcd|memcached|minio|sqlserver|mssql[\w-]*)$/i;

function removed(tool: string, packages: readonly string[], ctx: RuleContext, why: string): Finding[] {
  const shown = packages.slice(0, 6).join(', ') + (packages.length > 6 ? ` and ${packages.length - 6} more` : '');
  return ask('package-removal', `Removes ${shown} from this machine (${tool})${why}.`, ctx, packages[0] ?? tool);
}

/** MacPorts `port uninstall`, Chocolatey `choco uninstall`, winget `uninstall`: system-wide software, with what depends on it. */
function systemUninstall(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'sv', ['source', 'version', 'id', 'name', 'scope', 'log-file', 'cache-location']);
  const [verb = '', ...packages] = words(r);
  if (!/^(uninstall|remove|rm|un)$/.test(verb) || has(r, 'noop', 'what-if', 'whatif', 'dry-run', 'dryrun', 'h', 'help')) return [];
  const names = [...packages, ...values(r, 'id', 'name').map((w) => w.text)].filter((p) => p !== '');
  if (names.length === 0 && !has(r, 'a', 'all')) return [];
  const data = names.some((p) => DATA_SERVERS.test(p.replace(/^[\w-]+\./, '')));
  return removed(`${inv.name} ${verb}`, names.length > 0 ? names : ['every package'], ctx, data ? ': the data server stops, and its uninstaller may take the data folder with it' : ', with whatever depends on it system-wide');
}

/** Homebrew and Scoop: a data server's formula removed, or `--zap` (the app's user data deleted too). */
function userUninstall(inv: Invocation, ctx: RuleContext): Finding[] {
  const a = inv.name === 'brew' ? argsOf(inv) : undefined;
  const r = read(inv, '');
  const path = a ? a.parsed.path : words(r).slice(0, 1);
  const packages = a ? a.parsed.operands.map((w) => w.text) : words(r).slice(1);
  if (!/^(uninstall|remove|rm)$/.test(path[0] ?? '') || (a ? a.has('-n', '--dry-run', '-h', '--help') : has(r, 'h', 'help'))) return [];
  const zap = a ? a.has('--zap') : has(r, 'p', 'purge');
  // A formula removed is the user's own (round 7 decided `brew uninstall --force postgresql` stays allowed); `--zap` deletes the app's data too.
  const data = inv.name === 'brew' ? [] : packages.filter((p) => DATA_SERVERS.test(p));
  if (!zap && data.length === 0) return [];
  return removed(`${inv.name} ${path[0]}${zap ? (inv.name === 'brew' ? ' --zap' : ' --purge') : ''}`, zap ? packages : data, ctx, zap ? ': its settings and user data are deleted with it' : ': the database server stops, and reinstalling it may not find its old data');
}

/** conda `remove --all -n ENV`, `env remove -n ENV`: a whole environment (base is the installation itself). */
function conda(inv: Invocation, ctx: RuleContext): Finding[] {
  const r = read(inv, 'np', ['name', 'prefix', 'channel', 'c']);
  const ws = words(r);
  const env = values(r, 'n', 'name', 'p', 'prefix')[0]?.text ?? 'the active environment';
  if (has(r, 'd', 'dry-run', 'h', 'help')) return [];
  const whole = (/^(remove|uninstall)$/.test(ws[0] ?? '') && has(r, 'all')) || (ws[0] === 'env' && /^(remove|rm)$/.test(ws[1] ?? ''));
  return whole ? ask('package-removal', `Deletes the conda environment ${env} with every package in it (${inv.name} ${ws.slice(0, ws[0] === 'env' ? 2 : 1).join(' ')}${has(r, 'all') ? ' --all' : ''})${env === 'base' ? ': base is the installation itself' : ''}.`, ctx, env) : [];
}

/** `rustup self uninstall`: rustup, every toolchain and component, and ~/.cargo's installed binaries. */
function rustup(inv: Invocation, ctx: RuleContext): Finding[] {
  const ws = words(read(inv, ''));
  return ws[0] === 'self' && ws[1] === 'uninstall' ? ask('package-removal', 'Uninstalls rustup with every Rust toolchain and everything `cargo install` put in ~/.cargo/bin (rustup self uninstall).', ctx, 'rustup') : [];
}

export const HOST_UPKEEP: Readonly<Record<string, Check>> = ownTable({
  apt: aptUpgrade, 'apt-get': aptUpgrade, 'do-release-upgrade': releaseUpgrade, dnf: dnfUpgrade, dnf5: dnfUpgrade, zypper: zypperUpgrade, softwareupdate, fwupdmgr, topgrade: upgradeRunner,
  launchctl, 'rc-update': otherInit,
  tmutil, lvconvert, btrfs, 'nix-collect-garbage': nixGenerations, 'nix-env': nixGenerations,
  'update-grub': bootConfig, 'update-grub2': bootConfig, 'grub-mkconfig': bootConfig, 'grub2-mkconfig': bootConfig, 'grub-set-default': bootConfig, 'grub2-set-default': bootConfig, grubby: bootConfig,
  tune2fs, debugfs, chattr, gpasswd: adminMembersReplaced,
  port: systemUninstall, choco: systemUninstall, winget: systemUninstall, brew: userUninstall, scoop: userUninstall, conda, mamba: conda, micromamba: conda, rustup,
});
