import { SECRET_SCANS } from '../support/hookBypass';

/**
 * What decides which runtime runs the guard and the agents that call it: a program named `node`
 * (or `git` and `ps`, which the hook runs itself) in a folder on PATH or in a version manager's bin or
 * shim folder, the files a version manager reads to pick a runtime in a folder (`.nvmrc`,
 * `.node-version`, `.tool-versions`, mise and proto settings, nvm's default alias), and the system
 * loader's preload list. Replacing any of them runs the agent's program where the guard's runtime or
 * a tool the hook trusts was expected. Paths are lower-cased.
 */

/**
 * Programs looked up on PATH by the hook, its shim's callers, the agents' launchers and the agents
 * themselves when they check their own work: the runtime, git and the process and socket tools, the
 * shells, package managers and interpreters, ssh, the editors' and agents' CLIs, the guard's own CLI
 * and the database dump tools. A program of the agent's under one of these names answers where the
 * real one was expected.
 */
const RUNTIME_PROGRAMS = new RegExp(
  '^(' +
    [
      'node', 'nodejs', 'git', 'ps', 'lsof', 'ss', 'pgrep', 'realpath', 'readlink', 'stat', 'id', 'whoami', 'sudo', 'env',
      'sh', 'bash', 'zsh', 'dash', 'fish', 'ksh', 'pwsh', 'powershell',
      'npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'bun', 'bunx', 'deno', 'tsx', 'corepack',
      'python', 'python3', 'pip', 'pip3', 'uv', 'uvx', 'perl', 'ruby',
      'ssh', 'scp', 'gpg', 'curl', 'wget',
      'code', 'code-insiders', 'cursor', 'codium', 'windsurf',
      'claude', 'codex', 'gemini', 'copilot', 'cursor-agent', 'cline', 'blast-shield', 'blast-shield-hook',
      'pg_dump', 'mysqldump',
    ].join('|') +
    ')(\\.exe|\\.cmd|\\.ps1)?$',
);

/**
 * Programs a repository's commit hooks run to check changes (round 20): the secret scanners
 * (`gitleaks protect --staged` in `.git/hooks/pre-commit`, pre-commit's and lefthook's hook ids) and
 * the hook managers that run them. A program of the agent's under such a name on PATH (`ln -s
 * /bin/true ~/.local/bin/gitleaks`) makes every later commit's scan pass without scanning.
 */
const HOOK_PROGRAMS = /^(pre-commit|lefthook|husky)$/;
const isHookProgram = (name: string): boolean => HOOK_PROGRAMS.test(name) || SECRET_SCANS.test(name);

/** A program name the hook, its runtime, the agents or the repository's commit hooks look up on PATH (`git`, `node`, `ssh`, `gitleaks` …). */
export function isGuardedProgramName(name: string): boolean {
  const low = name.toLowerCase();
  return RUNTIME_PROGRAMS.test(low) || isHookProgram(low);
}

/**
 * Folders of a user's runtimes and shims, relative to the home folder. Round 27: any tool's own program or shim
 * folder in home (`~/.cargo/bin`, `~/.npm-global/bin`, `~/.pyenv/shims`, `~/.dotnet/tools`, `~/.sdkman/candidates/x/current/bin`)
 * and Go's `~/go/bin`: installers put them on PATH, so a program named like a guarded one there shadows it.
 */
const HOME_BIN_FOLDERS = /^(\.[^/]+\/(bin|shims|tools)|\.local\/share\/pnpm(\/bin)?|Library\/pnpm|go\/bin|\.sdkman\/candidates\/[^/]+\/current\/bin|\.config\/(yarn|composer)\/[^/]+(\/[^/]+)*\/bin|\.gem\/ruby\/[^/]+\/bin|\.local\/bin|bin|\.volta\/bin|\.asdf\/shims|\.local\/share\/mise\/shims|\.local\/share\/mise\/installs\/node\/[^/]+\/bin|\.nodenv\/shims|\.nodenv\/versions\/[^/]+\/bin|\.nvm\/versions\/node\/[^/]+\/bin|\.fnm\/aliases\/[^/]+\/bin|\.local\/share\/fnm\/aliases\/[^/]+\/bin|\.local\/state\/fnm_multishells\/[^/]+\/bin|\.n\/bin|n\/bin|\.bun\/bin|\.deno\/bin)$/;

const SYSTEM_BIN_FOLDERS = /^\/(usr\/local\/s?bin|usr\/s?bin|s?bin|opt\/homebrew\/s?bin|opt\/local\/s?bin|home\/linuxbrew\/\.linuxbrew\/s?bin|nix\/var\/nix\/profiles\/[^/]+\/bin|run\/current-system\/sw\/bin|usr\/local\/opt\/node[^/]*\/bin|snap\/bin)$/;

/** Files a version manager reads, in the folder a command runs in or any folder above it, to pick the runtime. */
const VERSION_PINS = /^(\.nvmrc|\.node-version|\.tool-versions|\.mise\.toml|mise\.toml|\.mise\.local\.toml|mise\.local\.toml|\.prototools|\.nodenv-version)$/;

/** Version manager settings in the home folder that pick the default runtime. */
const HOME_RUNTIME_SETTINGS = /^(\.nvm\/alias\/default|\.config\/mise\/config\.toml|\.config\/mise\/conf\.d\/.*|\.volta\/tools\/user\/platform\.json|\.nodenv\/version|\.asdfrc|\.tool-versions|\.npm-global\/bin\/node)$/;

const LOADER = /^\/etc\/ld\.so\.(preload|conf|conf\.d(\/.*)?)$/;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function nameOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * The label of a place that picks the runtime, or undefined. `path` is absolute and lower-cased;
 * `home` lower-cased; `pathFolders` the folders on the agent's PATH, lower-cased.
 */
export function runtimePlaceLabel(path: string, home: string, pathFolders: readonly string[]): string | undefined {
  if (LOADER.test(path)) return `the dynamic loader's preload list (${path}), which loads a library into every program, the hook's runtime among them`;
  const name = nameOf(path);
  const dir = dirOf(path);
  if (VERSION_PINS.test(name)) return `the runtime version file ${name}, which picks the node that runs in this folder (the hook's runtime and the agents among it)`;
  const inHome = path.startsWith(home + '/');
  const rel = inHome ? path.slice(home.length + 1) : '';
  if (inHome && HOME_RUNTIME_SETTINGS.test(rel)) return `the version manager's default runtime (~/${rel})`;
  if (!isGuardedProgramName(name)) return undefined;
  const onPath = pathFolders.includes(dir) || SYSTEM_BIN_FOLDERS.test(dir) || (inHome && HOME_BIN_FOLDERS.test(dirOf(rel)));
  const who = RUNTIME_PROGRAMS.test(name) ? 'the hook, its runtime or the agents run' : "the repository's commit hooks run to check every change";
  return onPath ? `the program ${name} on PATH (${inHome ? '~/' + rel : path}), which ${who}` : undefined;
}

/** A folder the runtime or the programs the guard trusts are looked up in (on PATH, a user's bin or shim folder). Lower-cased arguments. */
export function isProgramFolder(folder: string, home: string, pathFolders: readonly string[]): boolean {
  return runtimePlaceLabel(folder.replace(/\/+$/, '') + '/git', home, pathFolders) !== undefined;
}
