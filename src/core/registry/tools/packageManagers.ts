import { ownTable } from '../../ownTable';
import type { OptionSpec } from '../grammar';
import type { CommandSpec, PackageAction, RegistryAct, ToolArgs, ToolSpec } from '../types';
import { flag, flagsEach, letters, valued, valuedEach } from './options';

/**
 * Package managers: which subcommands run the project's code (package.json scripts, lifecycle
 * scripts on install, a package's binary), which install, publish or uninstall. The walker's
 * package-manager handlers read npm, pnpm, yarn and bun through these entries; the rest describe
 * their subcommands for the packs (pip, uv, poetry, gem, cargo, go).
 */

/** Subcommand keys (aliases joined by `|`) that all do `action`. */
function doing(action: PackageAction, ...keys: string[]): Record<string, CommandSpec> {
  return Object.fromEntries(keys.map((k) => [k, { package: action }]));
}

const SCRIPT_COMMANDS: Record<string, CommandSpec> = ownTable({
  'run|run-script|rum|urn': { package: 'script', options: [valued('-w', '--workspace'), valued('--filter')] },
  'test|t|tst': { package: { script: 'test' } },
  start: { package: { script: 'start' } },
  stop: { package: { script: 'stop' } },
  restart: { package: { script: 'restart', fallback: ['stop', 'start'] } },
});

/** A subcommand that changes what a package registry serves to everyone (see `RegistryAct`). */
export function act(does: string, extra: Partial<RegistryAct> = {}, spec: CommandSpec = {}): CommandSpec {
  return { ...spec, registryAct: { does, registry: (a) => a.value('--registry'), ...extra } };
}

const PUBLISH = act('publishes a version of the package to the registry, which cannot be replaced under the same version', {}, { package: 'publish' });

/** `npm access set status=private`, `npm access restricted`: closing access loses nothing. */
const closesAccess = (a: ToolArgs): boolean => a.parsed.operands.some((w) => /^status=private$/.test(w.text));

/** npm's registry subcommands (npm, and `yarn npm` / `pnpm` where they pass through). */
const NPM_REGISTRY_COMMANDS: Record<string, CommandSpec> = ownTable({
  publish: PUBLISH,
  unpublish: act('removes published versions from the registry; that version number can never be used again', {}, { options: [flag('-f', '--force')] }),
  deprecate: act('marks published versions deprecated for everyone who installs them'),
  'dist-tag|dist-tags': { commands: { add: act('moves a dist-tag, so everyone installing by that tag gets another version'), 'rm|remove': act('removes a dist-tag everyone installs by'), 'ls|list': {} } },
  access: {
    commands: {
      set: act('changes who may see or publish the package', { harmless: closesAccess }),
      'public|grant|revoke|2fa-not-required': act('changes who may see or publish the package'),
      'restricted|get|list|ls|ls-packages|ls-collaborators|2fa-required': {},
    },
  },
  'owner|author': { commands: { add: act('gives another account the right to publish the package'), 'rm|remove': act('takes an owner off the package'), 'ls|list': {} } },
  // Round 7 (issue #18): who may publish the organisation's packages, and the account's second factor.
  team: { commands: { add: act('adds a user to a team, with every package right the team holds'), 'rm|remove|destroy': act('takes a team or a member away from its packages'), create: {}, 'ls|list': {} } },
  org: { commands: { set: act('sets a member\'s role in the organisation, with the package rights it holds'), 'rm|remove': act('removes a member from the organisation'), 'ls|list': {} } },
  profile: { commands: { 'disable-2fa': act('turns off two-factor authentication for the account: a safety net is removed — a stolen token or password alone can publish as it'), 'enable-2fa|get|set': {} } },
});

const EXEC_OPTIONS: OptionSpec[] = [valued('-c', '--call', '--shell-mode'), valued('-p', '--package')];

/** yarn's and pnpm's own commands (an undescribed word is a script or a binary). */
const NODE_BUILTINS = [
  'upgrade|up|update', 'init', 'info', 'why', 'config', 'cache', 'link', 'pack', 'version', 'workspaces', 'workspace', 'set', 'plugin', 'node',
  'bin', 'create', 'import', 'licenses', 'list|ls', 'outdated', 'audit', 'login', 'logout', 'owner', 'tag', 'team', 'check', 'autoclean', 'help',
  'policies', 'upgrade-interactive', 'dedupe', 'npm', 'patch', 'patch-commit', 'rebuild', 'search', 'stage', 'unplug', 'explain', 'constraints',
];

export const npm: ToolSpec = {
  names: ['npm'],
  family: 'package-manager',
  locality: 'local',
  abbreviations: true,
  options: [
    valued('-C', '--prefix'), valued('-w', '--workspace'), ...valuedEach('--userconfig', '--globalconfig', '--cache', '--registry', '--loglevel', '--tag',
      '--access', '--otp', '--include', '--omit', '--install-strategy', '--script-shell', '--location', '--scope', '--node-options', '--before', '--auth-type',
      '--cpu', '--os', '--libc', '--editor', '--shell'),
    flag('-g', '--global'), flag('-D', '--save-dev'), flag('-E', '--save-exact'), flag('-S', '--save'), flag('-O', '--save-optional'), flag('-P', '--save-prod'),
    flag('-B', '--save-bundle'), flag('-f', '--force'), flag('-y', '--yes'), flag('-s', '--silent'), flag('-q', '--quiet'), flag('-d'),
    flag('-l', '--long'), flag('-v', '--version'), flag('-h', '--help'),
    ...flagsEach('--workspaces', '--ws', '--no-save', '--if-present', '--ignore-scripts', '--dry-run', '--json', '--production', '--legacy-peer-deps',
      '--foreground-scripts', '--no-audit', '--no-fund', '--offline', '--prefer-offline', '--prefer-online', '--include-workspace-root', '--save-peer',
      '--package-lock-only', '--no-package-lock', '--strict-peer-deps', '--verbose'),
  ],
  commands: {
    ...SCRIPT_COMMANDS,
    'exec|x': { package: { binary: true, call: '-c' }, options: EXEC_OPTIONS },
    'install|i|in|ins|inst|insta|instal|isnt|isnta|isntal|isntall|add|ci|clean-install|ic|install-clean|isntall-clean': { package: 'install' },
    ...doing('uninstall', 'uninstall|un|unlink|remove|rm|r'),
    ...NPM_REGISTRY_COMMANDS,
  },
  packageManager: { scriptsByDefault: false },
  // `npm run lint --script-shell='…'`: the program that runs every script; `--editor` starts for `npm edit`/`config edit`.
  programOptions: ['--script-shell', '--editor'],
};

export const pnpm: ToolSpec = {
  names: ['pnpm'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-C', '--dir'), valued('-F', '--filter'), ...valuedEach('--filter-prod', '--test-pattern', '--changed-files-ignore-pattern', '--workspace-concurrency',
      '--reporter', '--loglevel', '--store-dir', '--virtual-store-dir', '--registry', '--modules-dir', '--lockfile-dir', '--global-dir', '--node-linker',
      '--package-import-method', '--resolution-mode', '--resume-from', '--cache-dir'),
    flag('-w', '--workspace-root'), flag('-r', '--recursive'), flag('-g', '--global'), flag('-D', '--save-dev'), flag('-P', '--save-prod'),
    flag('-O', '--save-optional'), flag('-E', '--save-exact'), flag('-s', '--silent'), flag('-h', '--help'), flag('-v', '--version'),
    ...flagsEach('--frozen-lockfile', '--prefer-offline', '--offline', '--ignore-scripts', '--parallel', '--stream', '--aggregate-output', '--no-bail',
      '--if-present', '--sequential', '--shamefully-hoist', '--json', '--dev', '--prod', '--no-optional', '--fix-lockfile', '--force'),
  ],
  commands: {
    ...SCRIPT_COMMANDS,
    'exec|x|dlx': { package: { binary: true, call: '-c' }, options: EXEC_OPTIONS },
    // `add` installs too: a package from an address or a folder runs its install scripts (round 10).
    'install|i|ci|isntall|in|add': { package: 'install' },
    ...doing('uninstall', 'remove|rm|uninstall|un|unlink'),
    publish: PUBLISH,
    // Stop 33 (red team round 18): pnpm hands npm's registry commands to npm (`pnpm owner add`, `pnpm dist-tag add`), the same acts.
    owner: NPM_REGISTRY_COMMANDS['owner|author']!,
    'dist-tag|dist-tags': NPM_REGISTRY_COMMANDS['dist-tag|dist-tags']!,
    unpublish: NPM_REGISTRY_COMMANDS.unpublish!,
    deprecate: NPM_REGISTRY_COMMANDS.deprecate!,
    access: NPM_REGISTRY_COMMANDS.access!,
    team: NPM_REGISTRY_COMMANDS.team!,
    ...doing('builtin', ...NODE_BUILTINS.filter((c) => c !== 'owner' && c !== 'team'), 'prune', 'fetch', 'store', 'env', 'deploy', 'setup', 'root', 'server', 'doctor', 'self-update', 'recursive', 'approve-builds', 'catalog', 'global'),
  },
  packageManager: { scriptsByDefault: true, bare: 'install' },
};

export const yarn: ToolSpec = {
  names: ['yarn'],
  family: 'package-manager',
  locality: 'local',
  options: [
    ...valuedEach('--cwd', '--cache-folder', '--modules-folder', '--global-folder', '--link-folder', '--registry', '--network-timeout', '--mutex', '--use-yarnrc', '--otp'),
    flag('-s', '--silent'), flag('-W', '--ignore-workspace-root-check'), flag('-D', '--dev'), flag('-E', '--exact'), flag('-T', '--tilde'), flag('-P', '--peer'),
    flag('-O', '--optional'), flag('-h', '--help'), flag('-v', '--version'),
    ...flagsEach('--verbose', '--offline', '--prefer-offline', '--frozen-lockfile', '--immutable', '--production', '--ignore-scripts', '--pure-lockfile',
      '--non-interactive', '--no-progress', '--json', '--check-files', '--force', '--flat', '--no-lockfile', '--skip-integrity-check', '--ignore-engines'),
  ],
  commands: {
    ...SCRIPT_COMMANDS,
    'exec|x|dlx': { package: { binary: true, call: '-c' }, options: EXEC_OPTIONS },
    // `add` installs too: a package from an address or a folder runs its install scripts (round 10).
    'install|i|ci|isntall|in|add': { package: 'install' },
    ...doing('uninstall', 'remove|rm', 'unlink'),
    publish: PUBLISH,
    // yarn 2+: `yarn npm publish`, `yarn npm tag remove`.
    npm: { commands: { publish: PUBLISH, tag: { commands: { add: NPM_REGISTRY_COMMANDS['dist-tag|dist-tags']!.commands!.add!, remove: NPM_REGISTRY_COMMANDS['dist-tag|dist-tags']!.commands!['rm|remove']!, list: {} } }, 'info|login|logout|whoami|audit': {} } },
    owner: NPM_REGISTRY_COMMANDS['owner|author']!,
    global: { commands: { ...doing('uninstall', 'remove|rm'), ...doing('install', 'add') } },
    // Stop 33 (red team round 16): `yarn workspaces foreach [options] npm publish` runs `yarn npm publish` in every
    // workspace, `yarn workspaces run CMD` (yarn 1) likewise, and `yarn workspace NAME CMD` in the one named.
    workspaces: {
      commands: {
        foreach: {
          package: { again: true },
          interspersed: false,
          options: [...flagsEach('-A', '--all', '-R', '--recursive', '-W', '--worktree', '-v', '--verbose', '-p', '--parallel', '-i', '--interlaced', '-t', '--topological', '--topological-dev', '--no-private'),
            ...valuedEach('-j', '--jobs', '--from', '--include', '--exclude'), { names: ['--since'], takes: 'optional' }],
        },
        run: { package: { again: true }, interspersed: false },
        'info|list|focus': { package: 'builtin' },
      },
    },
    workspace: { package: { again: true, skip: 1 }, interspersed: false },
    ...doing('builtin', ...NODE_BUILTINS.filter((c) => c !== 'npm' && c !== 'owner' && c !== 'workspaces' && c !== 'workspace')),
  },
  packageManager: { scriptsByDefault: true, bare: 'install' },
};

export const bun: ToolSpec = {
  names: ['bun'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-e', '--eval'), valued('-p', '--print'), valued('-r', '--preload'), valued('-c', '--config'), ...valuedEach('--cwd', '--env-file', '--port', '--tsconfig-override', '--conditions'),
    flag('-h', '--help'), flag('-v', '--version'), ...flagsEach('--watch', '--hot', '--smol', '--bun', '--silent', '--if-present', '--no-install', '--revision'),
  ],
  commands: {
    run: { package: 'script' },
    x: { package: { binary: true } },
    // `bun add` installs as `pnpm add` does (stop 36: `bun add -g @openai/codex@0.1.0`).
    'install|i|add|a': { package: 'install' },
    ...doing('uninstall', 'remove|rm|uninstall|unlink'),
    publish: PUBLISH,
    ...doing('builtin', 'update', 'link', 'pm', 'init', 'create|c', 'build', 'test', 'upgrade', 'outdated', 'patch', 'audit', 'info', 'why', 'repl', 'exec', 'completions', 'discord', 'help'),
  },
  packageManager: { scriptsByDefault: true },
};

export const pip: ToolSpec = {
  names: ['pip', 'pip3'],
  family: 'package-manager',
  locality: 'local',
  abbreviations: true,
  options: [
    ...valuedEach('--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--cache-dir', '--python', '--use-feature', '--use-deprecated'),
    flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-V', '--version'), flag('-h', '--help'),
    ...flagsEach('--isolated', '--require-virtualenv', '--no-input', '--no-cache-dir', '--disable-pip-version-check', '--no-color'),
  ],
  commands: {
    install: {
      package: 'install',
      options: [valued('-r', '--requirement'), valued('-c', '--constraint'), valued('-e', '--editable'), valued('-t', '--target'), valued('-i', '--index-url'),
        valued('-f', '--find-links'), valued('-C', '--config-settings'), ...valuedEach('--prefix', '--root', '--extra-index-url', '--platform', '--python-version',
          '--implementation', '--abi', '--src', '--upgrade-strategy', '--report', '--only-binary', '--no-binary'),
        flag('-U', '--upgrade'), flag('-I', '--ignore-installed'), ...flagsEach('--user', '--no-deps', '--pre', '--force-reinstall', '--no-build-isolation', '--dry-run', '--break-system-packages', '--no-index', '--require-hashes')],
    },
    uninstall: { package: 'uninstall', options: [valued('-r', '--requirement'), flag('-y', '--yes'), flag('--break-system-packages')] },
    ...doing('builtin', 'download', 'freeze', 'list', 'show', 'check', 'config', 'wheel', 'hash', 'completion', 'debug', 'cache', 'index', 'inspect', 'help'),
  },
};

/**
 * pipx (round 27): each package in its own environment, its programs linked into `~/.local/bin` (`rules/perimeter/binInstalls.ts`
 * reads a local package's metadata for their names).
 */
export const pipx: ToolSpec = {
  names: ['pipx'],
  family: 'package-manager',
  locality: 'local',
  options: [flag('-v', '--verbose'), flag('-q', '--quiet'), flag('--version'), flag('-h', '--help')],
  commands: {
    'install|upgrade|reinstall': {
      package: 'install',
      options: [valued('--python'), valued('--index-url', '-i'), valued('--pip-args'), valued('--suffix'), valued('--preinstall'), flag('-f', '--force'), flag('-e', '--editable'), flag('--include-deps'), flag('--system-site-packages'), flag('--global')],
    },
    'uninstall|uninstall-all': { package: 'uninstall' },
    // `pipx inject VENV PKG… --include-apps` links the injected packages' programs into ~/.local/bin too (round 29).
    inject: { package: 'install', options: [valued('--pip-args'), valued('--index-url', '-i'), valued('-r', '--requirement'), flag('-e', '--editable'), flag('-f', '--force'), flag('--include-apps'), flag('--include-deps'), flag('--system-site-packages'), flag('--global')] },
    ...doing('builtin', 'list', 'run', 'uninject', 'ensurepath', 'environment', 'completions', 'upgrade-all', 'reinstall-all', 'runpip', 'interpreters'),
  },
};

export const uv: ToolSpec = {
  names: ['uv'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-p', '--python'), ...valuedEach('--directory', '--project', '--cache-dir', '--config-file', '--color', '--with', '--with-requirements', '--env-file',
      '--extra', '--group', '--package', '--index', '--default-index', '--index-url', '--extra-index-url'),
    flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-n', '--no-cache'), flag('-m', '--module'), flag('-h', '--help'), flag('-V', '--version'),
    ...flagsEach('--offline', '--native-tls', '--preview', '--no-project', '--isolated', '--frozen', '--locked', '--script', '--no-sync', '--all-extras', '--active', '--no-config'),
  ],
  commands: {
    run: { package: { binary: true } },
    'sync|lock': { package: 'install' },
    add: { package: 'builtin' },
    remove: { package: 'uninstall' },
    publish: act('uploads distributions to the package index, which cannot be replaced under the same version', { registry: (a) => a.value('--publish-url', '--index') }, { package: 'publish' }),
    pip: { commands: { ...doing('install', 'install|sync'), ...doing('uninstall', 'uninstall') } },
    tool: { commands: { install: { package: 'install', options: [flag('-e', '--editable'), flag('--force'), ...valuedEach('--with', '--with-editable', '--with-executables-from', '--from')] }, ...doing('uninstall', 'uninstall'), 'run': { package: { binary: true } } } },
    ...doing('builtin', 'build', 'venv', 'init', 'python', 'self', 'cache', 'tree', 'export', 'version', 'help'),
  },
};

export const poetry: ToolSpec = {
  names: ['poetry'],
  family: 'package-manager',
  locality: 'local',
  options: [valued('-C', '--directory'), valued('-P', '--project'), flag('-n', '--no-interaction'), flag('-q', '--quiet'), flag('-v', '--verbose'), flag('-h', '--help'), flag('-V', '--version'), ...flagsEach('--ansi', '--no-ansi', '--no-plugins', '--no-cache')],
  commands: {
    run: { package: { binary: true } },
    install: { package: 'install' },
    remove: { package: 'uninstall' },
    publish: act('uploads the package to the index, which cannot be replaced under the same version', { registry: (a) => a.value('-r', '--repository') }, { package: 'publish', options: [valued('-r', '--repository'), valued('-u', '--username'), valued('-p', '--password'), flag('--build'), flag('--dry-run'), flag('--skip-existing')] }),
    ...doing('builtin', 'add', 'build', 'lock', 'update', 'shell', 'env', 'self', 'cache', 'show', 'check', 'config', 'init', 'new', 'search', 'source', 'version', 'export', 'about', 'list', 'help'),
  },
};

export const gem: ToolSpec = {
  names: ['gem'],
  family: 'package-manager',
  locality: 'local',
  abbreviations: true,
  options: [
    valued('-v', '--version'), valued('-i', '--install-dir'), valued('-n', '--bindir'), valued('-k', '--key'), ...valuedEach('--source', '--host', '--otp', '--platform'),
    flag('-N', '--no-document'), flag('-a', '--all'), flag('-x', '--executables'), flag('-I', '--ignore-dependencies'), flag('-f', '--force'), flag('-h', '--help'),
    ...flagsEach('--user-install', '--conservative', '--no-user-install', '--quiet', '--verbose'),
  ],
  commands: {
    'install|i': { package: 'install' },
    uninstall: { package: 'uninstall' },
    push: act('pushes the gem to the registry, which cannot be replaced under the same version', { registry: (a) => a.value('--host') }, { package: 'publish' }),
    yank: act('removes a published gem version from the index'),
    owner: act('changes who may push the gem', { harmless: (a) => !a.has('-a', '--add', '-r', '--remove') }, { options: [valued('-a', '--add'), valued('-r', '--remove')] }),
    ...doing('builtin', 'build', 'list', 'update', 'cleanup', 'contents', 'dependency', 'environment', 'fetch', 'help', 'info', 'lock', 'outdated', 'pristine', 'query', 'search', 'sources', 'specification', 'which', 'signin', 'signout'),
  },
};

/** volta installs tools globally: `volta uninstall` removes one from every project. */
export const volta: ToolSpec = {
  names: ['volta'],
  family: 'package-manager',
  locality: 'local',
  options: [...valuedEach('--node', '--npm', '--pnpm', '--yarn', '--env'), flag('-h', '--help'), flag('-v', '--version'), ...flagsEach('--verbose', '--quiet', '--bundled-npm', '--no-yarn')],
  commands: {
    run: { package: { binary: true } },
    'install|fetch|pin': { package: 'install' },
    uninstall: { package: 'uninstall' },
    ...doing('builtin', 'list|ls', 'which', 'setup', 'completions', 'help'),
  },
};

export const cargo: ToolSpec = {
  names: ['cargo'],
  family: 'package-manager',
  locality: 'local',
  options: [
    valued('-C'), valued('-Z'), valued('-p', '--package'), valued('-F', '--features'), valued('-j', '--jobs'),
    ...valuedEach('--manifest-path', '--config', '--color', '--target-dir', '--bin', '--example', '--target', '--profile', '--registry', '--index', '--token', '--version', '--root', '--git', '--branch', '--tag', '--rev', '--path'),
    flag('-v', '--verbose'), flag('-q', '--quiet'), flag('-r', '--release'), flag('-h', '--help'), flag('-V'),
    ...flagsEach('--locked', '--offline', '--frozen', '--all-features', '--no-default-features', '--dry-run', '--force', '--workspace', '--all-targets', '--list'),
  ],
  commands: {
    run: { package: { binary: true } },
    install: { package: 'install' },
    uninstall: { package: 'uninstall' },
    publish: act('publishes the crate to the registry, which cannot be replaced or deleted', { registry: (a) => a.value('--registry', '--index') }, { package: 'publish', options: [flag('-n')] }),
    // cargo-release (stop 33, red team round 16): with `-x`/`--execute` it publishes the crates and pushes the release
    // commit and tags; without it, it is a dry run. Its steps that stay here (`version`, `commit`, `tag`, …) and a release
    // told neither to publish nor to push stay allowed.
    release: act('publishes the crates to the registry, which cannot be replaced or deleted, and pushes the release commit and tags', {
      registry: (a) => a.value('--registry'),
      harmless: (a) => !a.has('-x', '--execute') || /^(version|replace|hook|commit|tag|changes|config)$/.test(a.operand(0) ?? '') || (a.has('--no-publish') && a.has('--no-push')),
    }, {
      options: [flag('-x', '--execute'), ...flagsEach('--no-publish', '--no-push', '--no-tag', '--no-verify', '--no-confirm', '--sign', '--unpublished', '--all', '--workspace'),
        ...valuedEach('--exclude', '--prev-tag-name', '--tag-name', '--tag-prefix', '--dependent-version', '--metadata', '-c', '--config', '--push-remote', '--allow-branch')],
    }),
    yank: act('yanks a published crate version, so no new project can depend on it', { harmless: (a) => a.has('--undo'), registry: (a) => a.value('--registry', '--index') }, { options: [flag('--undo')] }),
    owner: act('changes who may publish the crate', { harmless: (a) => !a.has('-a', '--add', '-r', '--remove'), registry: (a) => a.value('--registry', '--index') }, { options: [valued('-a', '--add'), valued('-r', '--remove'), flag('-l', '--list')] }),
    ...doing('builtin', 'build|b', 'check|c', 'test|t', 'bench', 'clean', 'add', 'remove|rm', 'login', 'logout', 'search', 'new', 'init', 'fmt', 'clippy', 'doc|d', 'update', 'fix', 'tree', 'vendor', 'metadata', 'package', 'help'),
  },
};

export const go: ToolSpec = {
  names: ['go'],
  family: 'package-manager',
  locality: 'local',
  // `go build -o`, `go test -c -o`: the binary written there.
  outputOptions: ['-o'],
  goFlags: true,
  options: [
    ...valuedEach('-C', '-o', '-p', '-tags', '-ldflags', '-gcflags', '-asmflags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-toolexec', '-exec', '-run',
      '-bench', '-timeout', '-count', '-coverprofile', '-cpu', '-parallel', '-buildmode', '-compiler', '-covermode', '-coverpkg', '-installsuffix', '-skip'),
    { names: ['-buildvcs'], takes: 'optional' }, ...letters('vxnaudti'), ...flagsEach('-race', '-msan', '-asan', '-cover', '-trimpath', '-work', '-json', '-short', '-failfast', '-modcacherw'),
  ],
  commands: {
    run: { package: { binary: true } },
    'install|get': { package: 'install' },
    generate: { package: { binary: true } },
    // `go mod edit -replace OLD=NEW`: read by the source-redirects pack (a module swapped for another one's code).
    mod: { package: 'builtin', commands: { edit: { package: 'builtin', options: [...valuedEach('-replace', '-dropreplace', '-require', '-droprequire', '-exclude', '-dropexclude', '-retract', '-dropretract', '-go', '-toolchain', '-module', '-godebug', '-dropgodebug', '-tool', '-droptool'), ...flagsEach('-fmt', '-print', '-json')] } } },
    ...doing('builtin', 'build', 'test', 'clean', 'vet', 'fmt', 'env', 'list', 'work', 'tool', 'version', 'doc', 'fix', 'bug', 'telemetry', 'help'),
  },
};
