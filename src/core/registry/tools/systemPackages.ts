import { ownTable } from '../../ownTable';
import type { CommandSpec, ToolSpec } from '../types';
import { flag, flagsEach, valued, valuedEach } from './options';

/**
 * The operating system's package managers, read for what removes installed software from this
 * machine (the system pack, `rules/systemPackages.ts`, judges it). From each tool's manual:
 * apt/apt-get `remove|purge` (`-s`/`--simulate`/`--dry-run`/`--just-print`/`--no-act` simulate),
 * dpkg `-r|--remove`, `-P|--purge` (`--no-act`/`--dry-run`), dnf/yum/microdnf `remove|erase`
 * (`--assumeno`), rpm `-e|--erase` (`--test`), pacman `-R|--remove` (`-p`/`--print`), apk `del`
 * (`-s`/`--simulate`), zypper `remove|rm` (`-D`/`--dry-run`), snap `remove`.
 */

const REMOVE: CommandSpec = { package: 'uninstall' };

export const apt: ToolSpec = {
  names: ['apt', 'apt-get', 'aptitude'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-o', '--option'), valued('-c', '--config-file'), valued('-t', '--target-release'), flag('-q', '--quiet'),
    flag('-y', '--yes', '--assume-yes'), flag('-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act'), flag('-f', '--fix-broken'),
    flag('-h', '--help'), flag('-v', '--version'), flag('-m', '--fix-missing'), flag('-d', '--download-only'), flag('-V', '--verbose-versions'),
    ...flagsEach('--purge', '--auto-remove', '--autoremove', '--no-install-recommends', '--install-suggests', '--reinstall', '--allow-downgrades',
      '--allow-remove-essential', '--allow-change-held-packages', '--no-upgrade', '--only-upgrade', '--installed', '--upgradable', '--all-versions', '--assume-no'),
  ],
  commands: {
    'remove|purge|erase': REMOVE,
    'install|reinstall|update|upgrade|full-upgrade|dist-upgrade|autoremove|autoclean|clean|list|search|show|policy|depends|rdepends|source|build-dep|download|check|changelog|edit-sources|satisfy|markauto|unmarkauto|hold|unhold': { package: 'builtin' },
  },
};

export const dpkg: ToolSpec = {
  names: ['dpkg'],
  family: 'package-manager',
  locality: 'local',
  options: [
    flag('-r', '--remove'), flag('-P', '--purge'), flag('-i', '--install'), flag('-l', '--list'), flag('-L', '--listfiles'), flag('-s', '--status'), flag('-S', '--search'),
    flag('-c', '--contents'), flag('-x', '--extract'), flag('-a', '--pending'), flag('-R', '--recursive'), flag('-G', '--refuse-downgrade'),
    valued('--root'), valued('--admindir'), valued('--instdir'), valued('--force'), { names: ['--force-remove-essential', '--force-depends', '--force-all'], takes: 'none' },
    ...flagsEach('--no-act', '--dry-run', '--simulate', '--configure', '--unpack', '--get-selections', '--set-selections', '--audit', '--help', '--version'),
  ],
};

const DNF_OPTIONS = [
  valued('-c', '--config'), valued('--installroot'), valued('--releasever'), valued('--setopt'), valued('--enablerepo'), valued('--disablerepo'), valued('-x', '--exclude'), valued('-d', '--debuglevel'),
  flag('-y', '--assumeyes'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-h', '--help'), flag('-C', '--cacheonly'),
  ...flagsEach('--assumeno', '--noautoremove', '--nodeps', '--skip-broken', '--allowerasing', '--best', '--nogpgcheck', '--refresh', '--version'),
];

export const dnf: ToolSpec = {
  names: ['dnf', 'dnf5', 'yum', 'microdnf', 'tdnf'],
  family: 'package-manager',
  locality: 'local',
  options: DNF_OPTIONS,
  commands: {
    'remove|erase|rm': REMOVE,
    'install|in|reinstall|update|upgrade|up|downgrade|check-update|list|info|search|provides|repolist|makecache|clean|history|group|module|autoremove|distro-sync|repoquery|config-manager|mark': { package: 'builtin' },
  },
};

export const rpm: ToolSpec = {
  names: ['rpm'],
  family: 'package-manager',
  locality: 'local',
  options: [
    flag('-e', '--erase'), flag('-i', '--install'), flag('-U', '--upgrade'), flag('-F', '--freshen'), flag('-q', '--query'), flag('-V', '--verify'), flag('-a', '--all'),
    flag('-l', '--list'), flag('-v', '--verbose'), flag('-h', '--hash'), valued('--root'), valued('--dbpath'),
    ...flagsEach('--test', '--nodeps', '--allmatches', '--noscripts', '--notriggers', '--justdb', '--help', '--version', '--force', '--replacepkgs'),
  ],
};

export const pacman: ToolSpec = {
  names: ['pacman', 'yay', 'paru'],
  family: 'package-manager',
  locality: 'local',
  unknownShort: 'switch',
  options: [
    flag('-R', '--remove'), flag('-S', '--sync'), flag('-Q', '--query'), flag('-U', '--upgrade'), flag('-D', '--database'), flag('-F', '--files'), flag('-T', '--deptest'),
    flag('-p', '--print'), flag('-s', '--recursive', '--search'), flag('-n', '--nosave'), flag('-c', '--cascade'), flag('-u', '--unneeded', '--sysupgrade'),
    flag('-y', '--refresh'), flag('-d', '--nodeps'), flag('-i', '--info'), flag('-l', '--list'), flag('-h', '--help'), flag('-V', '--version'),
    valued('-r', '--root'), valued('-b', '--dbpath'), ...valuedEach('--config', '--cachedir', '--ignore', '--ignoregroup', '--print-format', '--assume-installed'),
    ...flagsEach('--noconfirm', '--needed', '--asdeps', '--asexplicit', '--noscriptlet', '--dbonly', '--overwrite'),
  ],
};

export const apk: ToolSpec = {
  names: ['apk'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-X', '--repository'), valued('-p', '--root'), ...valuedEach('--arch', '--cache-dir', '--keys-dir', '--repositories-file'),
    flag('-s', '--simulate'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-i', '--interactive'), flag('-U', '--update-cache'), flag('-h', '--help'), flag('-V', '--version'),
    ...flagsEach('--no-cache', '--force-broken-world', '--purge', '--rdepends', '--allow-untrusted', '--no-network', '--latest', '--available'),
  ],
  commands: { 'del|delete': REMOVE, 'add|update|upgrade|info|list|search|fix|cache|policy|stats|version|index|fetch|audit|verify|dot|manifest': { package: 'builtin' } },
};

export const zypper: ToolSpec = {
  names: ['zypper'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-R', '--root'), valued('-c', '--config'), flag('-n', '--non-interactive'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-h', '--help'), flag('-V', '--version'),
    flag('-D', '--dry-run'), flag('-y', '--no-confirm'), ...flagsEach('--clean-deps', '--no-clean-deps', '--force-resolution', '--details', '--xmlout'),
  ],
  // One key per command and its short alias (zypper(8): `addrepo` is `ar`, `install` is `in`): a key lists spellings of one command,
  // which readers by meaning use (`zypper ar URL` adds a package source as `zypper addrepo URL` does: rules/trustAdded.ts).
  commands: {
    'remove|rm': REMOVE,
    ...Object.fromEntries(['install|in', 'update|up', 'refresh|ref', 'search|se', 'info|if', 'list-updates|lu', 'dist-upgrade|dup', 'patch', 'repos|lr', 'addrepo|ar', 'clean|cc', 'packages|pa', 'verify|ve'].map((k) => [k, { package: 'builtin' } as const])),
  },
};

export const snap: ToolSpec = {
  names: ['snap'],
  family: 'package-manager',
  locality: 'local',
  options: [flag('-h', '--help'), flag('--version')],
  commands: {
    remove: { ...REMOVE, options: [valued('--revision'), flag('--purge'), flag('--terminate'), flag('--no-wait')] },
    'install|refresh|list|info|find|revert|enable|disable|services|logs|run|connections|version|changes|tasks|start|stop|restart|get|set|alias|aliases': { package: 'builtin' },
  },
};

/** Homebrew: only its removal of what the machine or this guard runs on is judged (`rules/systemPackages.ts`); `unlink` takes the formula's programs off PATH (`brew unlink node`), a removal as far as every later program is concerned. */
export const brew: ToolSpec = {
  names: ['brew'],
  family: 'package-manager',
  locality: 'local',
  options: [flag('-f', '--force'), flag('--ignore-dependencies'), flag('--zap'), flag('--all'), flag('--cask'), flag('--formula'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-d', '--debug'), flag('-h', '--help'), flag('-n', '--dry-run')],
  commands: {
    'uninstall|remove|rm|unlink': REMOVE,
    'install|reinstall|upgrade|update|list|ls|info|search|outdated|cleanup|doctor|tap|untap|services|pin|unpin|link|deps|uses|leaves|autoremove|bundle|config|home|edit|cat|fetch|shellenv|--prefix|--version': { package: 'builtin' },
  },
};

/** Options that remove packages where the manager's operations are options (`pacman -Rns`, `dpkg -P`, `rpm -e`). */
export const REMOVE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  pacman: ['-R', '--remove'], yay: ['-R', '--remove'], paru: ['-R', '--remove'],
  dpkg: ['-r', '--remove', '-P', '--purge'],
  rpm: ['-e', '--erase'],
});

/** Options that make a removal a simulation, per tool. */
export const SIMULATE_OPTIONS: Readonly<Record<string, readonly string[]>> = ownTable({
  apt: ['-s', '--simulate'], 'apt-get': ['-s', '--simulate'], aptitude: ['-s', '--simulate'],
  dpkg: ['--no-act', '--dry-run', '--simulate'], dnf: ['--assumeno'], dnf5: ['--assumeno'], yum: ['--assumeno'], microdnf: ['--assumeno'], tdnf: ['--assumeno'],
  rpm: ['--test'], pacman: ['-p', '--print'], yay: ['-p', '--print'], paru: ['-p', '--print'], apk: ['-s', '--simulate'], zypper: ['-D', '--dry-run'],
});

export const SYSTEM_PACKAGE_TOOLS: readonly ToolSpec[] = [apt, dpkg, dnf, rpm, pacman, apk, zypper, snap, brew];
