import { minimatch } from 'minimatch';
import { AGENT_IGNORE_FILES } from '../../credentials/agentIgnoreFiles';
import { basename, dirname, isWithin, normalize } from '../../paths';
import type { Facts } from '../../policy/types';
import { runtimePlaceLabel } from './runtimePlaces';
import { extraStartupLabel, NPMRC, NPMRC_CODE_KEYS } from './startupPlaces';

/**
 * The perimeter: every path whose change would switch the guard off or let an agent's code run
 * inside it. Hook configurations of every host (by their well-known place anywhere, and wherever
 * this guard installed them), the guard home with its `bin/`, `ipc/`, settings mirror and audit log,
 * the workspace policy file, the managed ignore-file blocks, shell start-up files, the editor's user
 * settings and this extension's own folder. Paths compare case-insensitively (a case-insensitive disk
 * makes `.CURSOR/hooks.json` the same file) and through the symlink aliases the facts carry.
 */

export type ProtectedKind = 'hook-config' | 'guard-home' | 'workspace-map' | 'ignore-file' | 'editor-settings' | 'user-settings' | 'startup-file' | 'extension' | 'runtime-config' | 'exec-config' | 'runtime';

export interface Protection {
  kind: ProtectedKind;
  /** What a human reads: "the Cursor hook configuration (.cursor/hooks.json)". */
  label: string;
}

/** The facts the perimeter works from, normalised once per `Facts` object. */
export interface PerimeterView {
  home: string;
  guardHomes: readonly string[];
  installed: readonly string[];
  startupFiles: readonly string[];
  aliases: readonly { real: string; path: string }[];
  workspaceRoots: readonly string[];
  /** Folders on the agent's PATH (lower-cased): a program there named like the runtime stands for it. */
  pathFolders?: readonly string[];
  /** The package roots the guard's own code runs from. */
  guardCode?: readonly string[];
}

/** Where the perimeter's places are: the facts, or the hook's locations for an agent's file write. */
export type PerimeterPlaces = Pick<Facts, 'home' | 'guardHome' | 'workspaceRoots' | 'perimeter'>;

/** A view made from these very places (the same arrays and objects, the same strings). */
interface SharedView {
  home: string;
  guardHome: string | undefined;
  perimeter: Facts['perimeter'];
  view: PerimeterView;
}
/** Views by the workspace roots array they were made from; a handful per array. */
const sharedViews = new WeakMap<readonly string[], SharedView[]>();

/**
 * The perimeter's places, normalised once per decision: once for facts objects layered over the same
 * places (a decision's memoised facts over a batch's facts, `check --jsonl`), recognised by the
 * identity of the arrays and objects the places come in, and found again at once for the facts object
 * asked about last (no table entry per decision's facts object).
 */
export function perimeterView(facts: PerimeterPlaces): PerimeterView {
  // Every pack asks many times per invocation with the same facts: the last answer first.
  if (facts === lastPlaces && lastView) return lastView;
  const view = viewOf(facts);
  lastPlaces = facts;
  lastView = view;
  return view;
}

let lastPlaces: PerimeterPlaces | undefined;
let lastView: PerimeterView | undefined;

function viewOf(facts: PerimeterPlaces): PerimeterView {
  const roots = facts.workspaceRoots;
  const perimeter = facts.perimeter;
  const shared = sharedViews.get(roots);
  const same = shared?.find((e) => e.home === facts.home && e.guardHome === facts.guardHome && e.perimeter === perimeter);
  if (same) return same.view;
  const view = makeView(facts, perimeter);
  const list = shared ?? [];
  if (list.length >= 4) list.shift();
  list.push({ home: facts.home, guardHome: facts.guardHome, perimeter, view });
  if (!shared) sharedViews.set(roots, list);
  return view;
}

function makeView(facts: PerimeterPlaces, perimeter: Facts['perimeter']): PerimeterView {
  const home = normalize(facts.home);
  const guardHomes = unique([normalize(facts.guardHome ?? home + '/.blast-shield'), normalize(home + '/.blast-shield')]);
  const view: PerimeterView = {
    home,
    guardHomes,
    installed: unique((perimeter?.installedConfigs ?? []).map(normalize)),
    startupFiles: unique((perimeter?.startupFiles ?? []).map(normalize)),
    aliases: (perimeter?.aliases ?? []).map((a) => ({ real: normalize(a.real), path: normalize(a.path) })).filter((a) => a.real !== a.path),
    workspaceRoots: facts.workspaceRoots.map(normalize),
    pathFolders: (perimeter?.pathFolders ?? []).map((f) => lower(normalize(f))),
    guardCode: unique((perimeter?.guardCode ?? []).map(normalize)),
  };
  return view;
}

/** The window-token folders (`<guard home>/ipc`), lower-cased with their guard homes, made once per view. */
export function tokenFoldersOf(view: PerimeterView): readonly { lower: string; homeLower: string }[] {
  let folders = tokenFolders.get(view);
  if (!folders) tokenFolders.set(view, (folders = view.guardHomes.map((g) => ({ lower: (g + '/ipc').toLowerCase(), homeLower: g.toLowerCase() }))));
  return folders;
}

const tokenFolders = new WeakMap<PerimeterView, readonly { lower: string; homeLower: string }[]>();

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

const lower = (p: string): string => p.toLowerCase();

function within(parent: string, child: string): boolean {
  return isWithin(lower(parent), lower(child));
}

/** The path and the protected paths it stands for through a symlink alias (a real path of the guard home, an installed config ...). */
export function aliasesOf(path: string, view: PerimeterView): string[] {
  const out = [path];
  for (const a of view.aliases) {
    if (within(a.real, path)) out.push(normalize(a.path + path.slice(a.real.length)));
  }
  return out;
}

const EDITOR_DIRS = '(?:code|code - insiders|code-insiders|code - oss|code-oss|vscodium|cursor|windsurf|positron|code-server|trae|kiro)';

/** Hook configurations and other protected files recognised by where they sit, anywhere on disk (lower-cased paths). */
const FILE_RULES: readonly { re: RegExp; kind: ProtectedKind; label: string }[] = [
  { re: /\/\.cursor\/hooks\.json$/, kind: 'hook-config', label: 'the Cursor hook configuration (.cursor/hooks.json)' },
  { re: /\/\.claude\/settings(\.[^/]*)?\.json$/, kind: 'hook-config', label: 'the Claude Code hook configuration (.claude/settings*.json)' },
  { re: /\/\.github\/hooks(\/|$)/, kind: 'hook-config', label: 'the VS Code / Copilot hook configuration (.github/hooks)' },
  { re: /\/\.clinerules\/hooks(\/|$)/, kind: 'hook-config', label: 'the Cline hook configuration (.clinerules/hooks)' },
  { re: /\/\.copilot\/hooks(\/|$)/, kind: 'hook-config', label: 'the Copilot CLI hook configuration (.copilot/hooks)' },
  { re: /\/documents\/cline\/(rules\/)?hooks(\/|$)/, kind: 'hook-config', label: "Cline's hook configuration (Documents/Cline)" },
  { re: /\/\.gemini\/settings\.json$/, kind: 'hook-config', label: 'the Gemini CLI hook configuration (.gemini/settings.json)' },
  { re: /\/\.codex\/(hooks\.json|config\.toml)$/, kind: 'hook-config', label: 'the Codex hook configuration (.codex/)' },
  // Trust lists: a folder a host does not trust loads no project hooks (Gemini CLI runs none at all there).
  { re: /\/\.gemini\/trustedfolders\.json$/, kind: 'hook-config', label: "Gemini CLI's trusted folders (~/.gemini/trustedFolders.json), which decide whether its hooks run" },
  { re: /\/\.copilot\/config\.json$/, kind: 'hook-config', label: "Copilot CLI's configuration (~/.copilot/config.json: trusted folders and hook settings)" },
  { re: /\/\.windsurf\/hooks\.json$/, kind: 'hook-config', label: 'the Windsurf hook configuration (.windsurf/hooks.json)' },
  { re: /\/\.codeium\/windsurf\/hooks\.json$/, kind: 'hook-config', label: 'the Windsurf hook configuration (~/.codeium/windsurf/hooks.json)' },
  { re: /\/\.kiro\/hooks(\/|$)/, kind: 'hook-config', label: 'the Kiro agent hooks (.kiro/hooks)' },
  { re: /\/\.blast-shield\.json$/, kind: 'workspace-map', label: 'the workspace policy file (.blast-shield.json)' },
  { re: /\/\.blast-shield(\/|$)/, kind: 'guard-home', label: "Blast Shield's own folder (hook shim, audit log, settings, window tokens)" },
  { re: new RegExp(`/${EDITOR_DIRS}/user/(profiles/[^/]+/)?settings\\.json$`), kind: 'user-settings', label: "the editor's user settings (where Blast Shield's relaxing settings live)" },
  { re: /\/\.[a-z-]*-server\/data\/(machine|user)\/settings\.json$/, kind: 'user-settings', label: "the editor's machine settings" },
  { re: /\/extensions\/blast-shield\.[^/]*(\/|$)/, kind: 'extension', label: 'the Blast Shield extension itself' },
  { re: new RegExp(`/(${EDITOR_DIRS}/user|\\.[a-z-]*-server/data/user)/globalstorage/state\\.vscdb(\\.backup)?$`), kind: 'extension', label: "the editor's state database (where Blast Shield keeps the audit log's anchor)" },
  { re: /\/(\.[a-z-]+|code-server)\/extensions\/(\.obsolete|extensions\.json)$/, kind: 'extension', label: "the editor's list of installed and removed extensions" },
  { re: /^\/etc\/(cursor|windsurf|codeium\/windsurf)\/hooks\.json$/, kind: 'hook-config', label: 'a system-wide agent hook configuration' },
  { re: /^\/etc\/(claude-code|codex|gemini-cli|github-copilot|copilot)\/.*$|^\/library\/application support\/(claudecode|claude-code|codex|gemini-cli)\/.*$|^\/(program ?data|programdata)\/(claudecode|claude-code)\/.*$/, kind: 'hook-config', label: "an agent's managed (system-wide) settings, which decide which hooks run" },
  { re: new RegExp(`/${EDITOR_DIRS}/user/(globalstorage|workspacestorage/[^/]+)/state\\.vscdb(\\.backup)?$|/\\.[a-z-]*-server/data/user/(globalstorage|workspacestorage/[^/]+)/state\\.vscdb(\\.backup)?$`), kind: 'extension', label: "the editor's extension state (where Blast Shield keeps its secrets and the audit anchor)" },
  { re: /\/globalstorage\/blast-shield\.blast-shield(\/|$)/, kind: 'extension', label: "the Blast Shield extension's own storage" },
  { re: /\.code-workspace$/, kind: 'editor-settings', label: 'Blast Shield settings in a .code-workspace file' },
  // Persistence: a key that opens this machine, Python code loaded by every interpreter.
  { re: /\/\.ssh\/authorized_keys2?$/, kind: 'startup-file', label: "ssh's authorized keys (~/.ssh/authorized_keys), where a key written opens this machine to whoever holds it" },
  { re: /\/lib\/python[^/]*\/((site|dist)-packages\/)?(sitecustomize|usercustomize)\.py$|\/(site|dist)-packages\/[^/]+\.pth$/, kind: 'startup-file', label: 'Python start-up code (a .pth file or sitecustomize.py in site-packages), run by every python process' },
  // Client configurations whose keys name a program the client runs (ssh's ProxyCommand, the AWS CLI's credential_process, kubeconfig's exec).
  { re: /\/\.ssh\/config(\.d\/.*)?$|\/\.aws\/config$|\/\.kube\/config$/, kind: 'exec-config', label: 'a client configuration whose settings run programs or lend credentials (ProxyCommand, LocalCommand, credential_process, exec, ForwardAgent)' },
  { re: /^\/etc\/(bash_completion(\.d\/.*)?|profile\.d\/.*)$|^\/usr\/(local\/)?share\/bash-completion\/.*$/, kind: 'startup-file', label: 'a system completion or start-up script, which every new shell runs' },
  { re: /\/\.git\/config$/, kind: 'startup-file', label: "the repository's git configuration (.git/config), whose keys name programs git runs (core.fsmonitor, core.hooksPath, aliases, filters)" },
  // Other git configuration files git reads (stop 35, round 24): per work tree, the user's, the system's.
  { re: /\/\.git\/(worktrees\/[^/]+\/)?config\.worktree$|^\/etc\/gitconfig$|\/\.gitconfig$|\/\.config\/git\/config$/, kind: 'startup-file', label: 'a git configuration file (per work tree, the user\'s or the system\'s), whose keys name programs git runs (core.hooksPath, core.fsmonitor, aliases, filters)' },
  // The machine-wide team policy: only an administrator writes it, and a policy only tightens (stop 35, round 24).
  { re: /^\/etc\/blast-shield(\/|$)|^\/library\/application support\/blastshield(\/|$)|^[a-z]:\/programdata\/blastshield(\/|$)|^\/programdata\/blastshield(\/|$)/, kind: 'guard-home', label: "Blast Shield's managed team policy (only an administrator changes it)" },
  { re: /\/\.gemini\/extensions(\/|$)/, kind: 'hook-config', label: 'Gemini CLI extensions (.gemini/extensions), whose MCP servers and hooks it runs' },
  // Round 27: key remaps and text expanders, which turn the human's next keystroke into an answer typed into the dialog.
  { re: /\/\.config\/(espanso|autokey|keyd|xkb|kanata|kmonad|xremap|input-remapper(-2)?|sxhkd|karabiner)(\/|$)|\/(library\/application support|appdata\/roaming)\/espanso(\/|$)|^\/etc\/(keyd|kanata|xremap|input-remapper(-2)?)(\/|$)|\/\.(xmodmap|xmodmaprc|xcompose|xbindkeysrc|xkb(\/.*)?)$|^\/(usr\/share|etc)\/x11\/xkb\/|\/library\/keybindings\/defaultkeybinding\.dict$|\/\.hammerspoon\/init\.lua$/, kind: 'startup-file', label: "a key remap or text-expander configuration (espanso, AutoKey, keyd, xkb, Xmodmap, Karabiner), which turns the human's next keystroke into an answer typed into Blast Shield's dialog" },
  { re: /^\/etc\/(profile|bash\.bashrc|bashrc|environment|zshenv|zshrc|zprofile|zlogin|zsh\/.*|profile\.d(\/.*)?|fish(\/.*)?)$/, kind: 'startup-file', label: 'a system shell start-up file' },
];

/** What of the guard's package root the hook loads: its bundle, its dependencies, its manifest. */
const GUARD_CODE_PARTS = ['dist', 'node_modules', 'package.json'];

/** Start-up files in the home folder: what runs in every new shell, and so in the hook's environment. */
const HOME_STARTUP = /^\.(bashrc|bash_profile|bash_login|bash_logout|profile|zshenv|zshrc|zprofile|zlogin|zlogout|pam_environment|xprofile|xsessionrc|config\/fish(\/.*)?|config\/environment\.d(\/.*)?)$/;

/**
 * Folders that exist to hold protected files (`.cursor`, `.claude`, `.codex` ...): deleting, moving,
 * re-permissioning or linking them reaches what they hold, whatever it is today.
 */
const DEDICATED_FOLDERS = new RegExp(
  `/(\\.(cursor|claude|clinerules|copilot|gemini|codex|windsurf|codeium)|\\.codeium/windsurf|\\.kiro/hooks|documents/cline|documents/cline/rules|\\.github/hooks|(\\.config|application support|appdata/roaming|\\.local/share)/${EDITOR_DIRS}(/user)?|\\.[a-z-]*-server/data(/machine|/user)?)$`,
);

/** Kinds that are guarded only while their content says so (our managed block, our settings keys). */
export function isContentDependent(kind: ProtectedKind): boolean {
  return kind === 'ignore-file' || kind === 'editor-settings' || kind === 'user-settings' || kind === 'runtime-config' || kind === 'exec-config';
}

function protectionOfOne(path: string, view: PerimeterView): Protection | undefined {
  const lp = lower(path);
  for (const g of view.guardHomes) if (within(g, path)) return { kind: 'guard-home', label: "Blast Shield's own folder (hook shim, audit log, settings, window tokens)" };
  for (const file of view.installed) if (lower(file) === lp) return { kind: 'hook-config', label: `a hook configuration Blast Shield installed (${file})` };
  for (const root of view.guardCode ?? []) {
    if (GUARD_CODE_PARTS.some((part) => within(root + '/' + part, path))) return { kind: 'extension', label: `Blast Shield's installed code (${root}), which the hook runs` };
  }
  for (const file of view.startupFiles) if (within(file, path)) return { kind: 'startup-file', label: `a shell start-up file (${file})` };
  if (within(view.home, path) && lp !== lower(view.home) && HOME_STARTUP.test(lp.slice(view.home.length + 1))) {
    return { kind: 'startup-file', label: `a shell start-up file (~/${path.slice(view.home.length + 1)})` };
  }
  if (within(view.home, path) && lp !== lower(view.home)) {
    const extra = extraStartupLabel(path.slice(view.home.length + 1));
    if (extra) return { kind: 'startup-file', label: extra };
    if (lower(path.slice(view.home.length + 1)) === '.npmrc') return { kind: 'runtime-config', label: 'the npm configuration (~/.npmrc), whose node-options load code into every node and npm run' };
  }
  if (NPMRC.test(lp)) return { kind: 'runtime-config', label: `the npm configuration ${basename(path)} (its node-options load code into every run)` };
  for (const rule of FILE_RULES) if (rule.re.test(lp)) return { kind: rule.kind, label: rule.label };
  const runtime = runtimePlaceLabel(lp, lower(view.home), view.pathFolders ?? []);
  if (runtime) return { kind: 'runtime', label: runtime };
  const name = basename(lp);
  if (AGENT_IGNORE_FILES.some((f) => lower(f) === name)) return { kind: 'ignore-file', label: `the agent ignore file ${basename(path)} (its Blast Shield block)` };
  if (name === 'settings.json' && basename(dirname(lp)) === '.vscode') return { kind: 'editor-settings', label: 'Blast Shield settings in .vscode/settings.json' };
  return undefined;
}

/** Is this absolute path protected itself (or inside a protected folder)? Content-dependent kinds need `guardedByContent`. */
/** Each view's answers by path (bounded): rules ask about the same paths again and again. */
const protections = new WeakMap<PerimeterView, Map<string, Protection | undefined>>();
const MAX_REMEMBERED_PATHS = 4096;

export function protectionOf(absolutePath: string, view: PerimeterView): Protection | undefined {
  let known = protections.get(view);
  if (known?.has(absolutePath)) return known.get(absolutePath);
  let found: Protection | undefined;
  for (const p of aliasesOf(normalize(absolutePath), view)) {
    found = protectionOfOne(p, view);
    if (found) break;
  }
  if (!known) protections.set(view, (known = new Map()));
  if (known.size >= MAX_REMEMBERED_PATHS) known.clear();
  known.set(absolutePath, found);
  return found;
}

/** A folder that exists to hold protected files, by its place (its label), or undefined. */
export function dedicatedFolder(absolutePath: string, view: PerimeterView): string | undefined {
  for (const p of aliasesOf(normalize(absolutePath), view)) {
    const m = DEDICATED_FOLDERS.exec(lower(p));
    if (m) return `the folder ${basename(p)}, which holds agent hook configurations or editor settings`;
  }
  return undefined;
}

/** Settings of ssh, the AWS CLI and kubeconfig that name a program to run. */
// `PermitLocalCommand yes` lets a LocalCommand run: one in another Host block, an Include, or `-o LocalCommand=` on a later line.
// `ForwardAgent yes` (or a socket path) hands every host matched the use of this machine's SSH keys.
// `SendEnv GITHUB_TOKEN` (or a pattern: `*`, `GITHUB_TOK?N`) hands every host matched this machine's secret; the locale's `LANG LC_*` is the stock setting.
const EXEC_CONFIG_KEYS = /(^|[\s{,"])(ProxyCommand|LocalCommand|PermitLocalCommand(\s*=\s*|\s+)["']?yes|KnownHostsCommand|Match\s+(?:\S+\s+)*exec|credential_process|exec\s*:|command\s*:|"command"\s*:|ForwardAgent(\s*=\s*|\s+)["']?(yes|[/~$])|SendEnv(?:\s*=\s*|[ \t]+)[^\n]*?(?<![A-Za-z0-9_*?[])(?!LC_|LANG)[A-Za-z0-9_]*(?:[*?[]|TOKEN|SECRET|PASS|CREDENTIAL|API_?KEY|ACCESS_KEY|PRIVATE_KEY))/i;

export const SETTINGS_KEY_PREFIX = 'blastShield';
/** Settings that decide whether an editor loads hook files at all. */
const HOOK_LOADING_SETTINGS = /chat\.hookFilesLocations|chat\.useClaudeHooks|chat\.hooks/;
/** Text that appears in every managed block the guard writes into an ignore file. */
export const MANAGED_BLOCK_MARKER = /blast[- ]shield/i;

/**
 * For content-dependent kinds: guarded given the current text and, for a write, the new text?
 * Ignore files while they carry our managed block; `.vscode/settings.json` and the user settings
 * while either version mentions our keys or the settings that decide which hook files load. A
 * shell write whose new text is unknown is judged by the perimeter as guarded (see `isContentDependent`).
 */
export function guardedByContent(kind: ProtectedKind, currentText: string | undefined, newText?: string): boolean {
  switch (kind) {
    case 'ignore-file':
      return MANAGED_BLOCK_MARKER.test(currentText ?? '') || MANAGED_BLOCK_MARKER.test(newText ?? '');
    case 'runtime-config':
      return [currentText ?? '', newText ?? ''].some((text) => NPMRC_CODE_KEYS.test(text));
    // Only what is written matters: a configuration that already runs a program is the user's own.
    case 'exec-config':
      return EXEC_CONFIG_KEYS.test(newText ?? '');
    case 'editor-settings':
    case 'user-settings':
      return [currentText ?? '', newText ?? ''].some((text) => text.includes(SETTINGS_KEY_PREFIX) || HOOK_LOADING_SETTINGS.test(text));
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// What a folder holds

/** Protected places relative to a workspace folder or the home folder. */
const CONFIG_PLACES: readonly string[] = [
  '.cursor/hooks.json', '.claude/settings.json', '.claude/settings.local.json', '.github/hooks', '.clinerules/hooks', '.copilot/hooks',
  '.gemini/settings.json', '.gemini/trustedFolders.json', '.copilot/config.json', '.codex/hooks.json', '.codex/config.toml', '.windsurf/hooks.json', '.codeium/windsurf/hooks.json',
  '.blast-shield.json', '.blast-shield', 'Documents/Cline/Hooks', 'Documents/Cline/Rules/Hooks',
  '.nvmrc', '.node-version', '.tool-versions', '.mise.toml',
  // Guarded while it holds the guard's keys (the production-name map): see `heldByContent`.
  '.vscode/settings.json',
];

const HOME_PLACES: readonly string[] = [
  '.bashrc', '.bash_profile', '.bash_login', '.profile', '.zshenv', '.zshrc', '.zprofile', '.zlogin', '.pam_environment', '.config/fish', '.config/environment.d',
  '.config/Code/User/settings.json', '.config/Cursor/User/settings.json', '.config/Code - Insiders/User/settings.json', '.config/VSCodium/User/settings.json',
  '.local/share/code-server/User/settings.json', 'Library/Application Support/Code/User/settings.json', 'Library/Application Support/Cursor/User/settings.json',
  '.vscode-server/data/Machine/settings.json', '.cursor-server/data/Machine/settings.json',
  '.local/bin/node', '.nvm/alias/default', '.config/mise/config.toml',
];

/** Where editors keep extensions; ours is the `blast-shield.*` folder in each. */
const EXTENSION_FOLDERS: readonly string[] = ['.vscode/extensions', '.vscode-insiders/extensions', '.cursor/extensions', '.windsurf/extensions', '.vscode-oss/extensions', '.local/share/code-server/extensions', '.vscode-server/extensions', '.cursor-server/extensions'];

/**
 * Is something there? Answered from folder listings (cached by the facts, one per folder) rather than
 * a stat per candidate: most candidates sit in folders that do not exist, which one listing settles.
 * A name matching in another case counts (a case-insensitive disk would open it).
 */
export function exists(facts: Facts, path: string): boolean {
  if (path === '/' || path === '') return true;
  // Answered once per path for a facts object (one decision): the same candidates and their parent
  // folders are weighed for every word, and the listings they come from do not change within it.
  let known = existence.get(facts);
  if (!known) existence.set(facts, (known = new Map()));
  const remembered = known.get(path);
  if (remembered !== undefined) return remembered;
  const answer = existsNow(facts, path);
  if (known.size >= MAX_REMEMBERED_PATHS) known.clear();
  known.set(path, answer);
  return answer;
}

const existence = new WeakMap<Facts, Map<string, boolean>>();

function existsNow(facts: Facts, path: string): boolean {
  const parent = dirname(path);
  if (parent !== path && !exists(facts, parent)) return false;
  const names = facts.listDir(parent);
  if (names === undefined) return facts.fileStatus ? facts.fileStatus(path) !== 'missing' : facts.readFile(path) !== undefined;
  return lowerNames(names).has(lower(basename(path)));
}

const lowerNameSets = new WeakMap<readonly string[], Set<string>>();

function lowerNames(names: readonly string[]): Set<string> {
  let set = lowerNameSets.get(names);
  if (!set) {
    set = new Set(names.map(lower));
    lowerNameSets.set(names, set);
  }
  return set;
}

/** Every place a protected file may be, as absolute paths (existing or not): for globs and for what a folder holds. */
/** The protected places a project folder holds (its hook configurations, policy file, runtime pins), by path. */
export function projectPlaces(base: string): readonly string[] {
  return CONFIG_PLACES.map((rel) => base + '/' + rel);
}

export function knownPlaces(view: PerimeterView, cwd: string): string[] {
  // `ipc/window` stands for any window token file, so `~/.blast*/ipc/*` finds it.
  const out: string[] = [...view.guardHomes, ...view.guardHomes.map((g) => g + '/ipc/window'), ...view.installed, ...view.startupFiles];
  for (const base of unique([...view.workspaceRoots, normalize(cwd), view.home])) for (const rel of CONFIG_PLACES) out.push(base + '/' + rel);
  for (const rel of HOME_PLACES) out.push(view.home + '/' + rel);
  // `blast-shield.blast-shield-0` stands for this extension's folder in each editor, so `…/blast-shield.*` finds it.
  for (const rel of EXTENSION_FOLDERS) out.push(`${view.home}/${rel}/blast-shield.blast-shield-0`, `${view.home}/${rel}/.obsolete`);
  return unique(out);
}

type Place = readonly [path: string, lower: string];
/** A place below a folder and the first folder (or file) of its path below that folder. */
type PlaceBelow = readonly [path: string, lower: string, top: string];

/** The places weighed below every folder, in the order weighed (guard homes, installed and start-up files, the guard's code, home places), per view. */
const fixedPlaces = new WeakMap<PerimeterView, readonly Place[]>();

function fixedPlacesOf(view: PerimeterView): readonly Place[] {
  let places = fixedPlaces.get(view);
  if (!places) {
    const paths = [...view.guardHomes, ...view.installed, ...view.startupFiles, ...(view.guardCode ?? []).flatMap((root) => GUARD_CODE_PARTS.map((part) => root + '/' + part)), ...HOME_PLACES.map((rel) => view.home + '/' + rel)];
    fixedPlaces.set(view, (places = paths.map((p) => [p, lower(p)] as const)));
  }
  return places;
}

/** CONFIG_PLACES below a folder (the same few folders come back in every decision): pure string work, kept for a while. */
const configPlaces = new Map<string, readonly PlaceBelow[]>();

function configPlacesBelow(base: string): readonly PlaceBelow[] {
  let places = configPlaces.get(base);
  if (!places) {
    if (configPlaces.size >= 64) configPlaces.clear();
    configPlaces.set(base, (places = CONFIG_PLACES.map((rel) => [base + '/' + rel, lower(base + '/' + rel), base + '/' + rel.split('/')[0]] as const)));
  }
  return places;
}

/** The editors' extension folders in the home folder, with their lower-cased forms, per view. */
function extensionFoldersOf(view: PerimeterView): readonly Place[] {
  let folders = extensionFolders.get(view);
  if (!folders) extensionFolders.set(view, (folders = EXTENSION_FOLDERS.map((rel) => [view.home + '/' + rel, lower(view.home + '/' + rel)] as const)));
  return folders;
}

const extensionFolders = new WeakMap<PerimeterView, readonly Place[]>();

/**
 * Protected paths that exist at or below `folder` (bounded): what deleting, moving, re-permissioning
 * or rewriting the folder would reach. The guard home, the installed configs, the home's start-up
 * files and editor settings, and the well-known configurations of every workspace folder, the home
 * folder and the folder itself (and its parent, for `rm -r .claude`).
 */
export function protectedBeneath(folder: string, facts: Facts, view: PerimeterView, limit = 8, throughAliases = true): string[] {
  const found: string[] = [];
  // A folder above the real path of something aliased (`rm -rf /data` when the guard home is /data/guard)
  // holds whatever the aliased path holds.
  if (throughAliases) {
    for (const a of view.aliases) {
      if (within(folder, a.real) && lower(folder) !== lower(a.real)) for (const p of protectedBeneath(a.path, facts, view, limit, false)) if (!found.includes(p)) found.push(p);
    }
  }
  // Every protected place is weighed against the same folder: its lower-cased form is made once.
  const folderLower = lower(folder);
  const considerPlace = (path: string, pathLower: string): boolean => {
    if (found.length >= limit || !isWithin(folderLower, pathLower) || found.includes(path)) return false;
    if (!exists(facts, path)) return false;
    found.push(path);
    return true;
  };
  const consider = (path: string, pathLower = lower(path)): void => {
    if (considerPlace(path, pathLower) && !heldByContent(path, facts)) found.pop();
  };
  for (const folderAlias of aliasesOf(normalize(folder), view)) {
    for (const [path, pathLower] of fixedPlacesOf(view)) consider(path, pathLower);
    const aliasLower = lower(folderAlias);
    for (const [dir, dirLower] of extensionFoldersOf(view)) {
      if (isWithin(aliasLower, dirLower)) for (const name of facts.listDir(dir) ?? []) if (lower(name).startsWith('blast-shield.')) consider(dir + '/' + name);
    }
    const bases = unique([folderAlias, dirname(folderAlias), ...view.workspaceRoots.filter((r) => within(folderAlias, r)), ...(within(folderAlias, view.home) ? [view.home] : [])]);
    for (const base of bases) {
      // Nothing is below a folder that is not there (exists() asks about each parent first).
      if (!exists(facts, base)) continue;
      for (const [path, pathLower, top] of configPlacesBelow(base)) {
        if (found.length >= limit) break;
        // consider() weighs only places inside the folder, and a place whose first folder below the base is not there is not there either.
        if (isWithin(folderLower, pathLower) && (top === path || exists(facts, top))) consider(path, pathLower);
      }
      // .claude/settings.<anything>.json
      for (const name of facts.listDir(base + '/.claude') ?? []) if (/^settings(\.[^/]*)?\.json$/i.test(name)) consider(base + '/.claude/' + name);
    }
  }
  return found;
}

/**
 * A workspace's `.vscode/settings.json` below a folder counts while its text carries the guard's keys
 * (the production-name map): moving or deleting the folder removes them as an edit of the file would.
 */
function heldByContent(path: string, facts: Facts): boolean {
  const lp = lower(path);
  if (!lp.endsWith('/.vscode/settings.json')) return true;
  return guardedByContent('editor-settings', facts.readFile(path));
}

/** Known places a glob may name (`rm .cursor/hook*`, `cat ~/.blast*\/ipc/*`), including the folders above them. */
export function placesMatchingGlob(absolutePattern: string, view: PerimeterView, cwd: string): readonly string[] {
  // The same glob word is weighed by several judges (its effect, the guard home's readers): matched once per view and folder.
  let known = globPlaces.get(view);
  if (!known) globPlaces.set(view, (known = new Map()));
  const key = cwd + '\0' + absolutePattern;
  let found = known.get(key);
  if (!found) {
    if (known.size >= MAX_REMEMBERED_PATHS) known.clear();
    known.set(key, (found = placesMatchingGlobNow(absolutePattern, view, cwd)));
  }
  return found;
}

const globPlaces = new WeakMap<PerimeterView, Map<string, readonly string[]>>();

function placesMatchingGlobNow(absolutePattern: string, view: PerimeterView, cwd: string): string[] {
  const out: string[] = [];
  // `~/.bl[a]st-shield/config.json`, `~/.blast*/audit.jsonl`: a pattern whose leading folders can spell a guard
  // home reaches whatever lies beneath it, whether or not that file exists yet.
  const segments = absolutePattern.split('/');
  for (const home of view.guardHomes) {
    const depth = home.split('/').length;
    if (segments.length > depth && minimatch(home, absolutePattern, { nocase: true, dot: false, partial: true })) out.push([home, ...segments.slice(depth)].join('/'));
  }
  for (const place of knownPlaces(view, cwd)) {
    for (let p = place; p !== '/' && p !== '.'; p = dirname(p)) {
      if (minimatch(p, absolutePattern, { nocase: true, dot: false })) {
        out.push(p);
        break;
      }
    }
    if (out.length >= 16) break;
  }
  return unique(out);
}
