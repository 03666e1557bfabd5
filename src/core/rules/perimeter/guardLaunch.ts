import { ownTable } from '../../ownTable';
import { minimatch } from 'minimatch';
import { basename, isWithin, resolvePath } from '../../paths';
import type { ArgWord, Facts, Finding, Invocation } from '../../policy/types';
import { DENY_SUFFIX, expandKnown, perimeterFinding } from './perimeterFinding';
import { protectionOf, type PerimeterView } from './protectedPaths';
import { commandNode, invocationCommand, parsedArgs, toolArgs, toolNamed } from '../../registry/commandModel';
import { runtimeOperands } from '../../policy/handlers/interpreters';
import { hasOption, optionValues, type GrammarSpec } from '../../registry/grammar';
import { flagsEach, valuedEach } from '../../registry/tools/options';

/**
 * Roads to switching the guard off that run a program rather than write a file: removing the
 * installed package with a package manager, running the guard's CLI found by a lookup whose output
 * becomes the command (`$(grep -o '/…cli.js' ~/.claude/settings.json) uninstall all`), starting
 * another agent CLI with its approvals or its hooks turned off (`claude --settings`,
 * `CLAUDE_CONFIG_DIR=…`, `codex --dangerously-bypass-approvals-and-sandbox`, `gemini --yolo`),
 * loading an editor extension from a path, and making the guard home a git repository.
 */

export interface LaunchJudge {
  inv: Invocation;
  facts: Facts;
  view: PerimeterView;
  cwd: string;
}

const PACKAGE = /^(@[^/\s]+\/)?blast-shield(@[^/\s]*)?$/i;

function words(inv: Invocation): string[] {
  return inv.args.map((a) => a.text);
}

// ---------------------------------------------------------------------------------------------
// Package managers removing the installed guard

/** `npm rm -g blast-shield`, `yarn global remove …`, `volta uninstall …`: a package manager's uninstall, read from its registry entry. */
/** System package managers that have no registry entry: their removal verbs. */
const SYSTEM_REMOVERS: Readonly<Record<string, RegExp>> = ownTable({
  brew: /^(uninstall|remove|rm|unlink)$/, port: /^uninstall$/, snap: /^remove$/, pipx: /^uninstall$/, 'apt-get': /^(remove|purge)$/, apt: /^(remove|purge)$/,
  dnf: /^(remove|erase)$/, yum: /^(remove|erase)$/, pacman: /^-R\w*$/, choco: /^uninstall$/, scoop: /^uninstall$/, winget: /^uninstall$/, nix: /^(remove|uninstall)$/, 'nix-env': /^(-e|--uninstall)$/,
});

function systemRemoval(j: LaunchJudge): Finding | undefined {
  const verb = SYSTEM_REMOVERS[j.inv.name];
  if (!verb) return undefined;
  const words = j.inv.args.map((a) => a.text);
  const at = words.findIndex((w) => verb.test(w));
  if (at < 0) return undefined;
  const target = j.inv.args.slice(at + 1).find((a) => a.dynamic || /blast.?shield/i.test(a.text));
  if (!target) return undefined;
  return perimeterFinding('guard-cli', `${j.inv.name} ${words[at]} would remove the installed Blast Shield package (${target.text}); installing or removing the guard is for a human, and ${DENY_SUFFIX}.`, 'blast-shield');
}

function packageRemoval(j: LaunchJudge): Finding | undefined {
  const system = systemRemoval(j);
  if (system) return system;
  // The tool's family is known from its name: only a package manager's words are read (parsed) here.
  const tool = toolNamed(j.inv.name);
  if (!tool || tool.family !== 'package-manager') return undefined;
  const parsed = parsedArgs(j.inv.args, tool);
  if (commandNode(parsed).package !== 'uninstall') return undefined;
  // `yarn global remove`; npm, pnpm and bun need -g, volta is always global.
  const global = tool.names[0] === 'volta' || parsed.path[0] === 'global' || hasOption(parsed, tool, ['-g', '--global']) || optionValues(parsed, tool, ['--location']).includes('global');
  if (!global) return undefined;
  const target = parsed.operands.find((a) => a.dynamic || PACKAGE.test(a.text));
  if (!target) return undefined;
  return perimeterFinding('guard-cli', `${j.inv.name} ${parsed.path.join(' ')} would remove the installed Blast Shield package (${target.text}); installing or removing the guard is for a human, and ${DENY_SUFFIX}.`, 'blast-shield');
}

// ---------------------------------------------------------------------------------------------
// Lookups whose output becomes a command: the guard's CLI found on disk or read out of a hook entry

const GUARD_FILES = /^(cli(-main)?\.m?js|blast-shield(-hook)?(\.cmd|\.js)?)$/i;
const EXTRACTORS: ReadonlySet<string> = new Set(['grep', 'egrep', 'rg', 'jq', 'yq', 'sed', 'awk', 'gawk', 'cut', 'head', 'tail', 'cat', 'python', 'python3', 'node']);

function inSubstitution(inv: Invocation): boolean {
  return inv.via.some((v) => v === '$(...)' || v === '`...`' || v === '<(...)');
}

const RUNTIMES: ReadonlySet<string> = new Set(['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'electron']);
const UNSAFE_SUBCOMMANDS = /^(uninstall|install|unhide|remove|disable|off)$/i;

/** `node "$(npm root -g)/blast-shield/dist/cli.js" uninstall all`: a computed path that still names the guard's package or CLI. */
function computedGuardScript(j: LaunchJudge): Finding | undefined {
  if (!RUNTIMES.has(j.inv.name)) return undefined;
  const [script, ...scriptArgs] = runtimeOperands(j.inv.args);
  if (!script?.dynamic) return undefined;
  const names = /blast[-_]shield/i.test(script.text) || GUARD_FILES.test(basename(script.text));
  // The guard CLI's own words: its subcommand is the first that is not one of its options.
  const sub = scriptArgs.find((a) => !a.text.startsWith('-'));
  if (names && sub && (sub.dynamic || UNSAFE_SUBCOMMANDS.test(sub.text))) {
    return perimeterFinding('guard-cli', `${j.inv.name} runs a computed path to Blast Shield's own CLI (${script.text.slice(0, 80)}) with \`${sub.text}\`; ${DENY_SUFFIX}.`, 'blast-shield');
  }
  return undefined;
}

function guardLookup(j: LaunchJudge): Finding | undefined {
  if (!inSubstitution(j.inv) && j.inv.pipedInto === undefined) return undefined;
  if (j.inv.name === 'find') {
    const w = words(j.inv);
    // Only a search that covers the guard home (`find ~ -name cli.js`); a project's own `find . -name cli.js` does not.
    const firstOption = w.findIndex((t) => /^[-(!]/.test(t));
    const roots = j.inv.args.slice(0, firstOption < 0 ? w.length : firstOption);
    const coversGuard = (roots.length > 0 ? roots : [{ text: '.', raw: '.', dynamic: false, glob: false }]).some((r) => {
      if (r.dynamic) return true;
      const abs = resolvePath(j.cwd, expandKnown(r.text, j.facts, j.view, j.cwd), j.facts.home).toLowerCase();
      return j.view.guardHomes.some((g) => isWithin(abs, g.toLowerCase()) || isWithin(g.toLowerCase(), abs));
    });
    if (!coversGuard) return undefined;
    for (let i = 0; i < w.length - 1; i++) {
      if (!/^-i?(name|path|wholename)$/.test(w[i]!)) continue;
      const pattern = w[i + 1]!;
      const last = basename(pattern.replace(/\/+$/, '')) || pattern;
      // The pattern must match one of the guard's file names and say more than `*` or `*.js`.
      const matchesGuardFile = ['cli.js', 'cli-main.js', 'blast-shield-hook', 'blast-shield'].some((name) => minimatch(name, last, { nocase: true }));
      if (matchesGuardFile && GUARD_FILES.test(last.replace(/[*?]/g, ''))) {
        return perimeterFinding('guard-cli', `find looks for Blast Shield's own CLI (${pattern}) where its output may run as a command; ${DENY_SUFFIX}.`, 'blast-shield');
      }
    }
    return undefined;
  }
  if (!inSubstitution(j.inv) || !EXTRACTORS.has(j.inv.name)) return undefined;
  for (const word of j.inv.args) {
    if (word.dynamic || word.text.startsWith('-')) continue;
    const abs = resolvePath(j.cwd, expandKnown(word.text, j.facts, j.view, j.cwd), j.facts.home);
    if (protectionOf(abs, j.view)?.kind === 'hook-config') {
      return perimeterFinding('guard-cli', `${j.inv.name} reads the hook command out of ${word.text} inside a substitution, where its output may run as a command; ${DENY_SUFFIX}.`, word.text);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Another agent CLI started with its approvals or hooks off

/** Agent CLIs by command name, or by the npm package a launcher runs. */
const AGENT_CLIS: Readonly<Record<string, string>> = ownTable({
  claude: 'claude', 'claude-code': 'claude', '@anthropic-ai/claude-code': 'claude',
  codex: 'codex', '@openai/codex': 'codex',
  gemini: 'gemini', '@google/gemini-cli': 'gemini', 'gemini-cli': 'gemini',
  'cursor-agent': 'cursor-agent', agent: 'cursor-agent',
  copilot: 'copilot', '@github/copilot': 'copilot',
  qwen: 'qwen', '@qwen-code/qwen-code': 'qwen', 'qwen-code': 'qwen',
  amp: 'amp', '@sourcegraph/amp': 'amp',
  opencode: 'opencode', 'opencode-ai': 'opencode',
  aider: 'aider', 'aider-chat': 'aider',
  droid: 'droid', goose: 'goose', crush: 'crush', auggie: 'auggie', '@augmentcode/auggie': 'auggie', cline: 'cline',
  q: 'q', 'kiro-cli': 'kiro-cli', 'aider-install': 'aider', plandex: 'plandex', pdx: 'plandex', gptme: 'gptme',
  '@charmland/crush': 'crush', 'opencode-ai@latest': 'opencode', kimi: 'kimi', 'kilocode': 'kilocode', '@kilocode/cli': 'kilocode', kilo: 'kilocode',
  cn: 'continue', '@continuedev/cli': 'continue', devin: 'devin', openhands: 'openhands', 'openhands-ai': 'openhands',
  iflow: 'iflow', '@iflow-ai/iflow-cli': 'iflow', codebuff: 'codebuff', qodo: 'qodo', '@qodo/command': 'qodo',
  interpreter: 'open-interpreter', 'open-interpreter': 'open-interpreter', tabnine: 'tabnine', agy: 'antigravity',
  'altimate-code': 'altimate', junie: 'junie',
});

/** Options that turn approvals off or replace the settings (and so the hooks) an agent loads. */
const BYPASS_OPTIONS = new RegExp(
  '^(' +
    [
      '--dangerously-skip-permissions', '--allow-dangerously-skip-permissions', '--dangerously-bypass-approvals-and-sandbox', '--dangerously-allow-all',
      '--skip-permissions-unsafe', '--yolo', '-y', '--force', '-f', '--allow-all-tools', '--allow-all', '--allow-all-paths', '--yes-always', '--full-auto',
      '--settings', '--setting-sources', '--config', '-c', '--profile', '--sandbox', '-s', '--approval-mode', '--permission-mode', '--ask-for-approval', '-a',
      '--trust-all-tools', '--auto', '--no-hooks', '--disable-hooks', '--bare', '--always-approve', '--auto-approve', '--auto-run', '--auto_run', '--allow',
    ].join('|') +
    ')(=.*)?$',
);

/** Values of `--approval-mode`/`--permission-mode`/`-a`/`-s` that keep approvals on. */
const SAFE_MODES = /^(default|plan|on-request|untrusted|on-failure|read-only|workspace-write|suggest|ask|auto_edit)$/i;

/** Environment that moves an agent's own settings (and so the user's hooks) elsewhere, or turns approvals off. */
const AGENT_ENV = /^(CLAUDE_CONFIG_DIR|CODEX_HOME|GEMINI_CLI_HOME|GEMINI_CLI_SYSTEM_SETTINGS_PATH|GEMINI_CLI_SYSTEM_DEFAULTS_PATH|COPILOT_HOME|CURSOR_CONFIG_DIR|XDG_CONFIG_HOME|HOME|USERPROFILE|APPDATA|GOOSE_MODE|CLAUDE_CODE_SKIP_HOOKS|DISABLE_HOOKS|AMP_SETTINGS_FILE|OPENCODE_CONFIG|OPENCODE_CONFIG_DIR|OPENCODE_PERMISSION|OPENCODE_YOLO|ALTIMATE_CLI_YOLO|QWEN_HOME|CONTINUE_GLOBAL_DIR|IFLOW_HOME)$/;

/** Launchers that fetch or run a package by name (`npx @openai/codex`): always, or after one of their verbs. */
const PACKAGE_RUNNERS: Readonly<Record<string, true | RegExp>> = ownTable({ npx: true, bunx: true, pnpx: true, uvx: true, pnpm: /^(dlx|exec)$/, yarn: /^(dlx|exec)$/, npm: /^(exec|x)$/, bun: /^x$/, pipx: /^run$/ });

/** The agent an invocation starts and where its own arguments begin, or undefined. */
export function agentOf(inv: Invocation): { agent: string; args: readonly ArgWord[] } | undefined {
  const direct = AGENT_CLIS[inv.name];
  if (direct) return { agent: direct, args: inv.args };
  // npx @anthropic-ai/claude-code …, pnpm dlx @openai/codex …, bunx @google/gemini-cli …
  const runs = PACKAGE_RUNNERS[inv.name];
  const at = runs ? inv.args.findIndex((a) => !a.text.startsWith('-') && AGENT_CLIS[a.text.replace(/(?<=.)@[^/]*$/, '')] !== undefined && a.text.includes('/')) : -1;
  // `npm i -g @anthropic-ai/claude-code` installs the package; `npm exec`, `pnpm dlx`, `yarn dlx`, `bun x` run it.
  if (at >= 0 && (runs === true || inv.args.slice(0, at).some((a) => (runs as RegExp).test(a.text)))) return { agent: AGENT_CLIS[inv.args[at]!.text.replace(/(?<=.)@[^/]*$/, '')]!, args: inv.args.slice(at + 1) };
  // `gh copilot -p …` starts the Copilot CLI (the older extension's `suggest`/`explain` only answer a question).
  if (inv.name === 'gh' && inv.args[0]?.text === 'copilot') {
    const rest = inv.args.slice(inv.args[1]?.text === '--' ? 2 : 1);
    return /^(suggest|explain|alias|config|--version|-v|--help|-h)$/.test(rest[0]?.text ?? '') ? undefined : { agent: 'copilot', args: rest };
  }
  const script = scriptAgent(inv);
  if (script) return script;
  // docker run -v "$PWD:/w" ghcr.io/openai/codex exec --full-auto …: an agent image, with the project mounted.
  // The image is the first operand of `run`, read through the engine's registry entry (not a package the container's command names).
  if (['docker', 'podman', 'nerdctl'].includes(inv.name) && inv.args.some((a) => a.text === 'run')) {
    const parsed = invocationCommand(inv)?.parsed;
    const image = parsed?.path.at(-1) === 'run' ? parsed.operands[0] : undefined;
    const agent = image ? AGENT_CLIS[image.text.replace(/[:@][^/]*$/, '').split('/').pop() ?? ''] : undefined;
    if (image && agent) return { agent, args: inv.args.slice(inv.args.indexOf(image) + 1) };
  }
  return undefined;
}

/** Runtimes that start a JavaScript entry file or an npm package specifier. */
const SCRIPT_RUNTIMES: ReadonlySet<string> = new Set(['node', 'nodejs', 'bun', 'deno', 'tsx', 'ts-node', 'electron']);
/** Agent names unambiguous enough to stand for the agent as an entry file's name (`node ~/.local/bin/claude`). */
const ENTRY_NAMES = /^(claude|codex|gemini|copilot|cursor-agent|qwen|opencode|droid|crush|auggie|cline|kiro-cli|plandex|gptme|kimi|kilocode|iflow|codebuff|qodo|altimate-code|junie)$/;

/**
 * `node ~/.npm-global/lib/node_modules/@anthropic-ai/claude-code/cli.js -p …`, `deno run -A
 * npm:@anthropic-ai/claude-code`, `bun /usr/local/bin/codex`: an agent's package started by its entry
 * file or package specifier instead of its command name.
 */
function scriptAgent(inv: Invocation): { agent: string; args: readonly ArgWord[] } | undefined {
  if (!SCRIPT_RUNTIMES.has(inv.name)) return undefined;
  const operands = runtimeOperands(inv.args);
  // deno's and bun's `run`/`x` come before the script, with the runtime's permissions between them (`deno run -A npm:…`).
  const runs = (inv.name === 'deno' || inv.name === 'bun') && /^(run|x|serve)$/.test(operands[0]?.text ?? '');
  const candidates = runs ? operands.slice(1, 16) : operands.slice(0, 1);
  for (const word of candidates) {
    // A package specifier, a path into node_modules, or a scoped package's folder (`"$(npm root -g)/@anthropic-ai/claude-code/cli.js"`).
    const pkg = /(?:^(?:npm|jsr):|\/node_modules\/)((?:@[^/@\s]+\/)?[^/@\s]+)/.exec(word.text)?.[1] ?? /(?:^|\/)(@[\w.-]+\/[\w.-]+)\//.exec(word.text)?.[1];
    const entry = basename(word.text).replace(/\.(c|m)?js$/, '');
    const agent = (pkg !== undefined ? AGENT_CLIS[pkg] : undefined) ?? (ENTRY_NAMES.test(entry) ? AGENT_CLIS[entry] : undefined);
    if (agent) return { agent, args: inv.args.slice(inv.args.indexOf(word) + 1) };
  }
  return undefined;
}

/** `env -u HOME claude`, `env -i codex`: the agent starts without the variable that says where its user settings (and hooks) are. */
function envRemoved(inv: Invocation): string | undefined {
  if (!inv.via.includes('env')) return undefined;
  const words = (inv.wrapperWords ?? []).map((w) => w.text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-i' || w === '--ignore-environment' || /^-[0v]*i[0v]*$/.test(w)) return 'the environment cleared';
    const name = w === '-u' || w === '--unset' ? words[i + 1] : /^(?:-u|--unset=)(.+)$/.exec(w)?.[1];
    if (name !== undefined && AGENT_ENV.test(name)) return `${name} unset`;
  }
  return undefined;
}

function nestedAgent(j: LaunchJudge): Finding | undefined {
  const found = agentOf(j.inv);
  if (!found) return undefined;
  const { agent, args } = found;
  // `cursor-agent`'s short `agent` name is too common to judge alone.
  if (j.inv.name === 'agent' && !args.some((a) => /^--(force|yolo)$/.test(a.text))) return undefined;
  const env = Object.keys(j.inv.assignments).find((name) => AGENT_ENV.test(name)) ?? envRemoved(j.inv);
  if (env) {
    return perimeterFinding('nested-agent', `${j.inv.name} would start ${agent} with ${env} moved, so the settings and hooks it loads are not the ones that guard this machine; ${DENY_SUFFIX}.`, agent);
  }
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    const m = BYPASS_OPTIONS.exec(t);
    if (!m) continue;
    // Short letters differ per agent: -c is codex's config override, but claude's --continue; -y is a yes for gemini/qwen/aider.
    if (t === '-c' && agent !== 'codex') continue;
    if ((t === '-y' || t === '-f') && !['gemini', 'qwen', 'aider', 'cursor-agent', 'cline', 'open-interpreter', 'tabnine', 'iflow'].includes(agent)) continue;
    // Continue's `--allow Read` keeps approvals for writes and the shell; `--allow Bash`, `Write` or `*` turns them off.
    if (t.startsWith('--allow') && m[1] === '--allow') {
      const value = m[2] ? m[2].slice(1) : (args[i + 1]?.text ?? '');
      if (agent !== 'continue' || !(args[i + 1]?.dynamic || /^(\*|(bash|write|edit|multiedit)\b)/i.test(value))) continue;
    }
    if ((t === '-s' || t === '-a') && agent !== 'codex') continue;
    if (/^--(sandbox|approval-mode|permission-mode|ask-for-approval)$|^-[sa]$/.test(m[1]!)) {
      const value = m[2] ? m[2].slice(1) : (args[i + 1]?.text ?? '');
      if (SAFE_MODES.test(value)) continue;
    }
    if (t.startsWith('--profile') && agent !== 'codex') continue;
    if (/^--auto(=|$)/.test(t) && agent !== 'droid' && agent !== 'kilocode') continue;
    // `codex -c model="o3"` tunes the model; keys about hooks, approvals, the sandbox or trust switch the guard off.
    if ((t === '-c' || t.startsWith('--config')) && agent === 'codex') {
      const value = m[2] ? m[2].slice(1) : (args[i + 1]?.text ?? '');
      if (!/hook|approval|sandbox|trust|notify|shell_environment|features|projects/i.test(value) && !args[i + 1]?.dynamic) continue;
    }
    return perimeterFinding('nested-agent', `${j.inv.name} would start ${agent} with ${t.split('=')[0]}, which turns its approvals off or replaces the settings that load its hooks; an agent may not start another one outside the guard, and ${DENY_SUFFIX}.`, agent);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Editors loading an extension from a path

/** Editor launchers (VS Code and its forks, browser-served editors). */
export const EDITOR_CLIS: ReadonlySet<string> = new Set(['code', 'code-insiders', 'cursor', 'codium', 'vscodium', 'code-oss', 'code-server', 'windsurf', 'positron', 'trae', 'kiro', 'openvscode-server', 'antigravity', 'void', 'pearai', 'qoder', 'cursor-nightly', 'windsurf-next']);

function editorExtensionFromPath(j: LaunchJudge): Finding | undefined {
  if (!EDITOR_CLIS.has(j.inv.name)) return undefined;
  const args = j.inv.args;
  const without = editorWithoutGuard(j) ?? guardUriOpened(j);
  if (without) return without;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    const option = t.split('=')[0]!;
    const value = t.includes('=') ? t.slice(t.indexOf('=') + 1) : (args[i + 1]?.text ?? '');
    if (/^--extension-?development-?path$/i.test(option)) {
      return perimeterFinding('editor-extension', `${j.inv.name} ${option} would load an extension from ${value || 'a folder'} into an editor window, where it could answer Blast Shield's dialog; ${DENY_SUFFIX}.`, `${j.inv.name} ${option}`);
    }
    if (option === '--install-extension' && (/\.vsix$/i.test(value) || /[/\\]/.test(value) || args[i + 1]?.dynamic)) {
      return perimeterFinding('editor-extension', `${j.inv.name} --install-extension ${value} installs an extension from a file, which could answer Blast Shield's dialog; installing extensions that way is for a human, and ${DENY_SUFFIX}.`, `${j.inv.name} ${option}`);
    }
  }
  return undefined;
}

/** The editor CLIs' options that say which extensions a window loads, and those that open no window. */
const EDITOR_SPEC: GrammarSpec = {
  unknownShort: 'switch',
  unknownLong: 'switch',
  options: [
    ...valuedEach('--extensions-dir', '--user-data-dir', '--profile', '--disable-extension', '--install-extension', '--uninstall-extension', '--locale', '--category', '--log', '--sync'),
    ...flagsEach('--open-url', '--profile-temp', '--transient', '--disable-extensions', '--list-extensions', '--show-versions', '--help', '--version', '--status', '--locate-extension', '-h', '-v'),
  ],
};
const EDITOR_NO_WINDOW = ['--list-extensions', '--show-versions', '--install-extension', '--uninstall-extension', '--locate-extension', '--help', '--version', '--status', '-h', '-v'];

/**
 * `code --extensions-dir /tmp/empty`, `--profile-temp`, `--disable-extensions`, `--disable-extension
 * blast-shield.blast-shield`, `VSCODE_EXTENSIONS=/tmp/e code .`: a window started without the guard's
 * extension, so nothing keeps its hooks in place or answers its dialog there.
 */
function editorWithoutGuard(j: LaunchJudge): Finding | undefined {
  const a = toolArgs(j.inv.name, parsedArgs(j.inv.args, EDITOR_SPEC), EDITOR_SPEC);
  if (EDITOR_NO_WINDOW.some((o) => a.has(o))) return undefined;
  const defaultDir = (dir: string): boolean => /^(~|\$HOME|\$\{HOME\})?\/?\.(vscode|vscode-insiders|vscode-oss|cursor|windsurf|vscodium|positron|trae|kiro)(-server)?\/extensions\/?$/.test(dir) || dir === j.facts.home + '/.vscode/extensions';
  const dirWord = a.valueWord('--extensions-dir');
  const envDir = j.inv.assignments.VSCODE_EXTENSIONS;
  const disabled = a.valueWord('--disable-extension');
  let option = '--extensions-dir';
  let why: string | undefined;
  if (dirWord && (dirWord.dynamic || !defaultDir(dirWord.text))) why = `loads extensions from ${dirWord.text} instead of the folder Blast Shield's extension is installed in`;
  else if (envDir !== undefined && (/[$`]/.test(envDir) || !defaultDir(envDir))) [option, why] = ['VSCODE_EXTENSIONS', `loads extensions from ${envDir} instead of the folder Blast Shield's extension is installed in`];
  else if (a.has('--profile-temp')) [option, why] = ['--profile-temp', 'opens a temporary profile with no extensions installed'];
  else if (a.has('--transient')) [option, why] = ['--transient', 'runs with temporary data and extension folders, where no extension is installed'];
  else if (movedHome(j.inv, j.facts.home)) [option, why] = [movedHome(j.inv, j.facts.home)!, 'moves the folders the editor reads its extensions and data from'];
  else if (a.has('--disable-extensions')) [option, why] = ['--disable-extensions', 'turns every extension off'];
  else if (disabled && (disabled.dynamic || /blast|shield/i.test(disabled.text))) [option, why] = ['--disable-extension', `turns off the extension ${disabled.text}`];
  const profile = a.valueWord('--profile');
  // `--user-data-dir DIR`: a data folder of its own is a profile by another name (its settings, extension state and storage).
  const dataDir = a.valueWord('--user-data-dir');
  const other = profile && !/^default$/i.test(profile.text) ? ['--profile', profile.raw, 'a profile'] as const : dataDir && (dataDir.dynamic || !DEFAULT_DATA_DIR.test(dataDir.text)) ? ['--user-data-dir', dataDir.raw, 'a data folder'] as const : undefined;
  if (!why && other) {
    return {
      ...perimeterFinding('editor-without-guard', `${j.inv.name} ${other[0]} ${other[1]} opens ${other[2]} the hook cannot read: a new or other one may not have Blast Shield's extension installed or its settings, so nothing would keep its hooks in place or answer its dialog there; it needs confirmation.`, `${j.inv.name} ${other[0]}`),
      severity: 'ask',
      risk: 'unanalyzable',
    };
  }
  if (!why) return undefined;
  return perimeterFinding('editor-without-guard', `${j.inv.name} ${option} ${why}: the window runs without Blast Shield's extension, so nothing keeps its hooks in place or answers its dialog there; ${DENY_SUFFIX}.`, `${j.inv.name} ${option}`);
}

/** The editors' own user data folders (`~/.config/Code`, `~/Library/Application Support/Cursor`, `%APPDATA%\Code`). */
const DEFAULT_DATA_DIR = /^(~|\$HOME|\$\{HOME\})?[\\/]?(\.config|Library[\\/]Application Support|AppData[\\/]Roaming|%APPDATA%|\$APPDATA)[\\/](Code|Code - Insiders|Cursor|VSCodium|Windsurf|Positron|Trae|Kiro)[\\/]?$/i;

/**
 * `code --open-url 'vscode://blast-shield.blast-shield/approve?id=1'`: the editor handed a URI of the
 * guard's own extension, which its URI handler would act on as if a human had clicked it (`xdg-open` of
 * the same URI is denied by what it names). A URI of another extension stays allowed.
 */
function guardUriOpened(j: LaunchJudge): Finding | undefined {
  const a = toolArgs(j.inv.name, parsedArgs(j.inv.args, EDITOR_SPEC), EDITOR_SPEC);
  if (!a.has('--open-url')) return undefined;
  const uri = a.parsed.operands.find((w) => w.dynamic || /blast.?shield/i.test(w.text));
  if (uri === undefined) return undefined;
  return perimeterFinding('editor-uri', `${j.inv.name} --open-url ${uri.raw.slice(0, 80)} hands the editor ${uri.dynamic ? 'a URI the hook cannot read, which may be one' : 'a URI'} of Blast Shield's own extension, whose handler would act on it as if a human had clicked it; ${DENY_SUFFIX}.`, `${j.inv.name} --open-url`);
}

/** `HOME=/tmp code .`, `VSCODE_PORTABLE=/tmp/p code .`: the variables an editor finds its extensions folder by. */
function movedHome(inv: Invocation, home: string): string | undefined {
  const env = inv.assignments;
  return ['VSCODE_PORTABLE', 'HOME', 'USERPROFILE', 'VSCODE_APPDATA'].find((name) => env[name] !== undefined && !(name === 'HOME' && (env[name] === home || /^\$\{?HOME\}?$/.test(env[name]!))));
}

// ---------------------------------------------------------------------------------------------
// git making the guard home a repository

const GIT_KEEPS_TREE: ReadonlySet<string> = new Set(['status', 'log', 'diff', 'show', 'rev-parse', 'ls-files', 'help', 'version']);

function gitInGuardHome(j: LaunchJudge): Finding | undefined {
  if (j.inv.name !== 'git') return undefined;
  const args = j.inv.args;
  let dir = j.cwd;
  let sub: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-C' || t === '--work-tree' || t === '--git-dir') {
      const value = args[++i];
      if (value && !value.dynamic) dir = resolvePath(dir, expandKnown(value.text, j.facts, j.view, j.cwd), j.facts.home);
      continue;
    }
    if (/^--(work-tree|git-dir)=/.test(t)) {
      dir = resolvePath(dir, expandKnown(t.slice(t.indexOf('=') + 1), j.facts, j.view, j.cwd), j.facts.home);
      continue;
    }
    if (t === '-c') {
      i++;
      continue;
    }
    if (t.startsWith('-')) continue;
    sub = t;
    // `git init DIR` / `git clone URL DIR`
    const rest = args.slice(i + 1).filter((a) => !a.text.startsWith('-'));
    const target = sub === 'init' ? rest[0] : sub === 'clone' ? rest[1] : undefined;
    if (target && !target.dynamic) dir = resolvePath(dir, expandKnown(target.text, j.facts, j.view, j.cwd), j.facts.home);
    break;
  }
  const env = j.inv.assignments;
  if (env.GIT_WORK_TREE) dir = resolvePath(j.cwd, expandKnown(env.GIT_WORK_TREE, j.facts, j.view, j.cwd), j.facts.home);
  if (!sub || GIT_KEEPS_TREE.has(sub)) return undefined;
  const inGuardHome = j.view.guardHomes.some((g) => isWithin(g.toLowerCase(), dir.toLowerCase()));
  if (!inGuardHome) return undefined;
  return perimeterFinding('write-guard-file', `git ${sub} would make or use a repository inside Blast Shield's own folder (${dir}), writing there and reading its window tokens into the index; ${DENY_SUFFIX}.`, dir);
}

/** Every launch-shaped road to switching the guard off, for one invocation. */
export function launchFindings(j: LaunchJudge): Finding[] {
  const out: Finding[] = [];
  for (const judge of [packageRemoval, guardLookup, computedGuardScript, nestedAgent, editorExtensionFromPath, gitInGuardHome]) {
    const found = judge(j);
    if (found) out.push(found);
  }
  return out;
}
