import type { Facts, Finding } from '../../policy/types';
import { perimeterFinding, DENY_SUFFIX } from '../perimeter/perimeterFinding';

/**
 * Settings files that switch a guard off without running anything now: another agent's approval
 * settings (an agent that approves its own commands runs them where no hook sees), and package
 * managers' and test runners' settings that load code or fetch packages from elsewhere on their next
 * run. A write that turns approval off is denied; one that makes a package manager or runner load code
 * of its own choosing asks. A registry change is judged by the host it names
 * (rules/sourceRedirects.ts). Only a write whose text is known is judged by its words; a rewrite of an
 * agent's own approval file with text the hook cannot read asks.
 */

interface SettingsPlace {
  /** For people: "Cursor CLI's permissions (~/.cursor/cli-config.json)". */
  where: string;
  /** Words that turn on auto-approval (or a path to text only this tool reads). */
  approves?: RegExp;
  /** Words that run code or fetch packages from elsewhere. */
  loadsCode?: RegExp;
  /** The file belongs to the agent or tool alone: unknown text asks. */
  dedicated: boolean;
}

/** Keys and values of agents' approval settings that approve without a human. */
const APPROVE_JSON = /"(autoApprove|alwaysAllow|autoAccept|yolo|yoloMode|autoApproval(Settings)?|dangerouslySkipPermissions|skipDangerousModePermissionPrompt|chat\.tools\.(global\.)?autoApprove|chat\.tools\.terminal\.autoApprove|github\.copilot\.chat\.agent\.autoApprove)"\s*:\s*(true|\{|\[\s*"|"\*")|"(defaultMode|approvalMode|approval_mode)"\s*:\s*"(bypassPermissions|yolo|auto|auto_edit|full-auto|never)"|"(permission|permissions)"\s*:\s*(\{[^}]*"(bash|edit|webfetch|\*|shell)"\s*:\s*"allow"|"allow"|\{[^}]*"allow"\s*:\s*\[[^\]]*("\*"|Shell\(\*?\)|Bash\(\*?\)|"Bash"|"Shell"))/i;

function placeOf(path: string): SettingsPlace | undefined {
  const l = path.toLowerCase();
  const name = l.slice(l.lastIndexOf('/') + 1);
  if (/\/\.cursor\/cli(-config)?\.json$/.test(l)) return { where: `Cursor CLI's permissions (${name})`, approves: APPROVE_JSON, dedicated: true };
  if (/(^|\/)opencode\.jsonc?$/.test(l) || /\/\.config\/opencode\/[^/]+\.jsonc?$/.test(l)) return { where: `opencode's permissions (${name})`, approves: APPROVE_JSON, dedicated: true };
  if (/(^|\/)\.aider\.conf\.ya?ml$/.test(l)) return { where: `aider's settings (${name})`, approves: /^\s*yes(-always)?\s*:\s*(true|yes|on)\b/im, dedicated: true };
  if (l.endsWith('/.codex/config.toml')) return { where: "Codex's settings (config.toml)", approves: /^\s*(approval_policy\s*=\s*["']?never|sandbox_mode\s*=\s*["']?danger-full-access|full_auto\s*=\s*true)/im, dedicated: true };
  if (/\/\.(gemini|qwen)\/settings\.json$/.test(l)) return { where: `${/qwen/.test(l) ? 'Qwen Code' : 'Gemini CLI'}'s settings (settings.json)`, approves: /"(autoAccept|yolo|trust)"\s*:\s*true|"approvalMode"\s*:\s*"(yolo|auto_edit)"|"allowed"\s*:\s*\[\s*"(run_shell_command|ShellTool)/i, dedicated: true };
  if (/\/\.claude\/settings(\.local)?\.json$/.test(l) || l.endsWith('/.claude.json')) return { where: `Claude Code's settings (${name})`, approves: APPROVE_JSON, dedicated: false };
  if (/\/\.config\/goose\/config\.ya?ml$/.test(l)) return { where: "goose's settings (config.yaml)", approves: /^\s*GOOSE_MODE\s*:\s*["']?(auto|smart_approve)/im, dedicated: true };
  if (l.endsWith('/.vscode/settings.json') || /\/(code|code - insiders|cursor|windsurf|vscodium)\/user\/settings\.json$/.test(l)) return { where: `the editor settings (${name})`, approves: APPROVE_JSON, dedicated: false };
  if (/\/\.(roo|kilocode|cline)[^/]*\/[^/]*settings[^/]*\.json$/.test(l) || l.endsWith('cline_mcp_settings.json')) return { where: `the agent settings ${name}`, approves: APPROVE_JSON, dedicated: false };
  // Package managers and runners that load code or fetch from elsewhere on their next run.
  if (name === '.yarnrc.yml' || name === '.yarnrc') return { where: `Yarn's settings (${name})`, loadsCode: /^\s*(yarnPath|yarn-path|plugins|injectEnvironmentFiles)\b/im, dedicated: false };
  if (name === '.npmrc' || name === 'npmrc' || name === '.pnpmrc') return { where: `npm's settings (${name})`, loadsCode: /^\s*(node-options|script-shell|shell|globalconfig|userconfig|init-module|onload-script|git|node-gyp)\s*=/im, dedicated: false };
  if (/^\.pnpmfile\.c?js$/.test(name)) return { where: `pnpm's hook file (${name})`, loadsCode: /[\s\S]/, dedicated: true };
  if (name === 'pip.conf' || name === 'pip.ini' || name === 'pydistutils.cfg' || name === '.pydistutils.cfg') return { where: `pip's settings (${name})`, loadsCode: /^\s*(find-links|no-binary)\s*=\s*\S*(\/tmp|file:)/im, dedicated: false };
  if (name === 'pyproject.toml' || name === 'pytest.ini' || name === 'setup.cfg' || name === 'tox.ini') return { where: `the test settings in ${name}`, loadsCode: /^\s*addopts\s*=.*(^|\s|["'])-p\s*\S|^\s*(required_plugins|pythonpath)\s*=/im, dedicated: false };
  if (name === 'bunfig.toml' || name === '.bunfig.toml') return { where: `Bun's settings (${name})`, loadsCode: /^\s*preload\s*=/im, dedicated: false };
  // Round 10: an import map sending a prefix to another host (`"std/": "https://evil.example/"`) swaps the code every import of it loads.
  if (name === 'deno.json' || name === 'deno.jsonc' || name === 'import_map.json') return { where: `Deno's import map (${name})`, loadsCode: /"(?:imports|scopes)"\s*:\s*\{[^}]*"(?:https?:)?\/\/(?!(?:deno\.land|jsr\.io|esm\.sh|cdn\.jsdelivr\.net|unpkg\.com|cdn\.skypack\.dev)\/)[^"]*"|"importMap"\s*:\s*"(?:https?:|\/tmp\/)/i, dedicated: false };
  // sbt's global settings and plugins (~/.sbt/1.0/global.sbt, ~/.sbt/1.0/plugins/*.sbt): Scala every sbt run compiles and runs.
  if (/\/\.sbt\/[\d.]+\/(plugins\/)?[^/]+\.(sbt|scala)$/.test(l)) return { where: `sbt's global build settings (${name})`, loadsCode: /[\s\S]/, dedicated: true };
  return undefined;
}

function askFinding(reason: string, target: string): Finding {
  return { rule: 'self-protection.tool-settings', risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

/** Words in an agent's instructions that tell it to act without a human's approval or to switch a guard off. */
const NO_APPROVAL = /\b(without (asking|confirm\w*|approv\w*|permission|prompting)|never ask|(don'?t|do not) (ask|wait) for (approv\w+|confirm\w*|permission)|auto-?approv\w*|skip (the |any |all )?(confirm\w*|approv\w*|permission\w*|hooks?)|bypass (the |any |all )?(guard|hooks?|approv\w*|permission\w*|blast)|(disable|turn off|uninstall|remove|kill) (the )?(guard|hooks?|blast[- ]?shield)|--dangerously|--yolo|\byolo mode\b)/i;

/** An instruction file whose new text tells agents to act without approval: asked. */
export function instructionFindings(path: string, text: string | undefined, writer: string, isInstruction: boolean): Finding[] {
  if (!isInstruction || text === undefined || !NO_APPROVAL.test(text)) return [];
  const said = NO_APPROVAL.exec(text)![0];
  return [askFinding(`${writer} writes into ${path.split('/').slice(-2).join('/')}, instructions agents follow, telling them to act "${said}"; an agent reading it may stop asking before what it runs, so it needs confirmation.`, path)];
}

/** What a write of `text` (undefined: not known) into `path` does to another agent's or tool's settings. */
export function settingsWriteFindings(path: string, text: string | undefined, writer: string, _facts: Facts): Finding[] {
  const place = placeOf(path);
  if (!place) return [];
  if (text === undefined) {
    return place.dedicated && place.approves ? [askFinding(`${writer} rewrites ${place.where} with text the hook cannot read; it may make that agent approve its own commands, so it needs confirmation.`, path)] : [];
  }
  if (place.approves?.test(text)) {
    return [perimeterFinding('agent-approval', `${writer} turns on auto-approval in ${place.where}: that agent would run commands without asking anyone, where this guard does not see them; ${DENY_SUFFIX}.`, path)];
  }
  if (place.loadsCode?.test(text)) {
    return [askFinding(`${writer} changes ${place.where} so that its next run loads code or fetches packages from somewhere else (${/^[^\n]{0,80}/.exec(text.trim())?.[0] ?? ''}), so it needs confirmation.`, path)];
  }
  return [];
}
