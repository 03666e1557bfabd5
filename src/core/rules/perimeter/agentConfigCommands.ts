import type { Finding, Invocation } from '../../policy/types';
import { effectGrammar, readEffectArgs } from '../../policy/effectOptions';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';

/**
 * An agent CLI's own settings command that takes the guard's hooks away (red team round 7, issue #18):
 * `claude config set hooks '{}'`, `claude config set -g disableAllHooks true`, `gemini settings set
 * hooks.enabled false`, `copilot config unset hooks`, `cursor-agent config reset`, `cline config set
 * hooks …`, `qwen hooks disable`. The CLI writes the very file a direct write to would be denied
 * (`.claude/settings.json`, `.gemini/settings.json`, `.codex/hooks.json`, `.cursor/hooks.json`, the
 * Cline hooks folder), so it is denied the same way. By meaning: a `config`/`settings` subcommand
 * whose verb changes a key (set, add, remove, unset, reset, edit, import) and whose key is about hooks
 * or is not given (a reset or edit of the whole file, where the hooks live) or cannot be read; and a
 * `hooks` subcommand whose verb takes hooks away. Reading (`config get hooks`, `config list`,
 * `hooks list`) and other keys (`config set model opus`) stay allowed.
 */

/** Agent CLIs whose settings hold the hooks Blast Shield installs (by command name), for people. */
const AGENT_LABELS: Readonly<Record<string, string>> = {
  claude: 'Claude Code',
  'claude-code': 'Claude Code',
  gemini: 'Gemini CLI',
  qwen: 'Qwen Code',
  codex: 'Codex CLI',
  copilot: 'GitHub Copilot CLI',
  'cursor-agent': 'Cursor CLI',
  cline: 'Cline CLI',
  windsurf: 'Windsurf',
};

/** Their settings commands' valued options (scope, profile, settings file); `-g`/`--global` are switches. */
const GRAMMAR = effectGrammar('sp', ['scope', 'profile', 'settings', 'config', 'settings-file', 'cwd', 'workspace'], { switches: [['-g', '--global'], ['--project'], ['--user'], ['--local']] });

const SETTINGS_GROUPS: ReadonlySet<string> = new Set(['config', 'settings', 'setting', 'configure']);
/** Verbs that change what the settings file holds. */
const CHANGING = /^(set|add|remove|rm|unset|delete|del|reset|clear|edit|import|replace|write|update|put|merge|restore)$/;
/** Verbs of a `hooks` subcommand that take a hook away or switch hooks off. */
const TAKING_AWAY = /^(remove|rm|delete|del|disable|off|uninstall|clear|reset|unset|set|edit|import|replace)$/;
/** Keys about hooks: `hooks`, `hooks.PreToolUse`, `disableAllHooks`, `enableHooks`, `features.hooks`, `hooksConfig`. */
const HOOK_KEY = /hook/i;

export function agentConfigFindings(inv: Invocation): Finding[] {
  const label = AGENT_LABELS[inv.name];
  if (label === undefined) return [];
  const read = readEffectArgs(inv.args, GRAMMAR);
  const words = read.operands;
  const group = words[0]?.text;
  const verb = words[1]?.text;
  if (group === undefined || verb === undefined) return [];
  if (SETTINGS_GROUPS.has(group) && CHANGING.test(verb)) {
    const key = words[2];
    const whole = key === undefined && /^(reset|clear|edit|import|replace|restore|write|merge)$/.test(verb);
    if (!whole && key === undefined) return [];
    if (key !== undefined && !key.dynamic && !HOOK_KEY.test(key.text)) return [];
    const what = whole ? `rewrites ${label}'s whole settings file` : key!.dynamic ? `changes a ${label} setting whose name the hook cannot read` : `changes ${label}'s ${key!.text} setting`;
    return [perimeterFinding('agent-config-hooks', `${inv.name} ${group} ${verb} ${what}, where the hooks that send every command to Blast Shield live: a settings command is a write of the hook configuration like any other; ${DENY_SUFFIX}.`, `${label}'s hooks`)];
  }
  // `codex features disable hooks`: a feature switch that turns the hooks off (round 25).
  if (/^(features?|experiments?|experimental|flags?)$/.test(group) && /^(disable|off|unset|remove|rm|set|toggle)$/.test(verb) && words.slice(2).some((w) => w.dynamic || HOOK_KEY.test(w.text))) {
    return [perimeterFinding('agent-config-hooks', `${inv.name} ${group} ${verb} switches ${label}'s hooks feature, which sends every command to Blast Shield; ${DENY_SUFFIX}.`, `${label}'s hooks`)];
  }
  if (group === 'hooks' && TAKING_AWAY.test(verb)) {
    return [perimeterFinding('agent-config-hooks', `${inv.name} hooks ${verb} takes away or switches off ${label}'s hooks, which send every command to Blast Shield; ${DENY_SUFFIX}.`, `${label}'s hooks`)];
  }
  return [];
}
