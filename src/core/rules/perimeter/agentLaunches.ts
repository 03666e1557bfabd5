import type { Analysis, ArgWord, Finding, Invocation } from '../../policy/types';
import { freeFormReadings } from '../../registry/freeForm';
import { agentOf } from './guardLaunch';
import { DENY_SUFFIX, perimeterFinding } from './perimeterFinding';

/**
 * Other agents started where the walker does not follow them as invocations of this machine, or with
 * options that widen what they may do: handed to a launcher that runs them later, in another folder
 * or in another root (`tmux new -c /tmp 'claude -p x'`, `systemd-run --user claude`, a crontab line,
 * `devcontainer exec … claude`, `systemd-nspawn`), on another machine (`ssh host claude`, `kubectl
 * exec … claude`) or as another user of this one (`ssh other@localhost claude`), spawned from
 * interpreter code (`subprocess.run(['codex', …], cwd='/tmp')`), run as a Python module
 * (`python3 -m aider`), with the shell pre-approved (`--allowedTools 'Bash(*)'`, `--allow-tool shell`),
 * with extra code loaded (`--mcp-config`, `--plugin-dir`), or with plugins installed into them. The
 * user switch is denied (as `sudo -u other claude`); the rest ask.
 */

/** An agent CLI's name as a command word inside a launcher's text. */
const AGENT_WORD = /(?:^|[\s;&|('"`]|--\s)(claude|codex|gemini|copilot|cursor-agent|qwen|opencode|aider|goose|amp|droid|crush|auggie|cline|kiro-cli|plandex|gptme|kimi|kilocode|iflow|codebuff|qodo|junie|interpreter)(?=\s|$|['"`;)])/;
/** Launchers that run a command later, elsewhere or in another folder, given as their words or their standard input. */
const LAUNCHERS: ReadonlySet<string> = new Set(['tmux', 'screen', 'zellij', 'systemd-run', 'systemd-nspawn', 'devcontainer', 'crontab', 'at', 'batch', 'parallel', 'toolbox', 'distrobox', 'distrobox-enter', 'machinectl', 'flatpak-spawn', 'dtach', 'abduco', 'launchctl', 'unshare', 'firejail', 'bwrap', 'schroot', 'proot', 'chroot', 'nsenter']);
/** Python modules that are coding agents (`python3 -m aider`). */
const AGENT_MODULES = /^(aider|aider\.main|interpreter|open_interpreter|openhands(\.\w+)*|gptme|goose|plandex|swe_agent|sweagent|smolagents|mini_swe_agent|minisweagent)$/;
const PYTHONS = /^(python[0-9.]*|pypy3?|uv|uvx|pipx|poetry|pdm|hatch|rye)$/;

function ask(rule: string, reason: string, target: string): Finding {
  return { rule: `self-protection.${rule}`, risk: 'unanalyzable', severity: 'ask', reason, targets: [{ kind: 'path', name: target, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }] };
}

/** The text a launcher will run: its words, and for the schedulers that read standard input, what is piped or fed to them. */
function launcherText(inv: Invocation): string {
  const own = inv.args.map((a) => a.text).join(' ');
  if (!/^(crontab|at|batch)$/.test(inv.name)) return own;
  const from = inv.stdin?.kind === 'pipe' ? inv.stdin.from.args.map((a) => a.text).join(' ') : '';
  return `${own} ${from}`;
}

function launched(inv: Invocation): Finding | undefined {
  if (!LAUNCHERS.has(inv.name)) return undefined;
  const m = AGENT_WORD.exec(launcherText(inv));
  if (!m) return undefined;
  return ask('nested-agent', `${inv.name} starts another agent (${m[1]}) later, in another folder or in another root, where this guard cannot tell its hook is loaded; what it does there is not judged, so it needs confirmation.`, m[1]!);
}

/** `ssh host claude`, `kubectl exec pod -- codex`: an agent on another machine; as another user of this one, denied. */
function remoteAgent(inv: Invocation): Finding | undefined {
  if (!inv.remote) return undefined;
  const found = agentOf(inv);
  if (!found) return undefined;
  const via = inv.via.find((v) => /^(ssh|slogin|mosh|autossh)\b/.test(v)) ?? '';
  if (/\b[\w.-]+@(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|\$\(hostname\)|\$HOSTNAME)\b/.test(via)) {
    return perimeterFinding('nested-agent', `${inv.name} would start ${found.agent} on this machine as another user (through ${via}), with that user's home folder, whose settings and hooks are not the ones that guard this machine; ${DENY_SUFFIX}.`, found.agent);
  }
  return ask('nested-agent', `${inv.name} starts another agent (${found.agent}) on another machine or container (${inv.remote.place}), where this guard has no hook; what it does there is not judged, so it needs confirmation.`, found.agent);
}

/** `python3 -m aider --message x`. */
function agentModule(inv: Invocation): Finding | undefined {
  if (!PYTHONS.test(inv.name)) return undefined;
  const module = freeFormReadings(inv.args).valued.options.find((o) => o.name === '-m')?.values[0];
  if (!module || !AGENT_MODULES.test(module)) return undefined;
  return ask('nested-agent', `${inv.name} -m ${module} starts another agent, whose own tool calls this guard does not see; it needs confirmation.`, module);
}

/** Tool lists that pre-approve every shell command (`Bash`, `Bash(*)`, `shell`, `run_shell_command`). */
const ALL_SHELL = /^(bash|bash\(\*\)|bash\(\*:\*\)|shell|shell\(\*\)|run_shell_command|run_shell_command\(\*\)|\*)$/i;
const ALLOW_LISTS = /^(--allowedTools|--allowed-tools|--allow-tool|--allowed_tools|--allow-tools)$/;
const EXTRA_CODE = /^(--mcp-config|--plugin-dir|--plugin|--extensions?|--add-mcp|--mcp-server)$/;

/** Options of an agent's own command line (`found`: what `agentOf` gave for `inv`) that widen what it may do, or plugin installs. */
export function agentOptionFinding(inv: Invocation, found: { agent: string; args: readonly ArgWord[] }): Finding | undefined {
  const reading = freeFormReadings(found.args);
  for (const option of reading.valued.options) {
    const value = option.values[0] ?? '';
    if (ALLOW_LISTS.test(option.name)) {
      const wide = value.split(/[,\s]+/).find((v) => ALL_SHELL.test(v.trim()));
      if (wide !== undefined || option.valueWords[0]?.dynamic) {
        return perimeterFinding('nested-agent', `${inv.name} would start ${found.agent} with ${option.name} ${wide ?? 'a list computed at run time'}, which approves every shell command it runs; an agent may not start another agent outside the guard's approvals, and ${DENY_SUFFIX}.`, found.agent);
      }
    }
    if (EXTRA_CODE.test(option.name)) {
      return ask('nested-agent', `${inv.name} starts ${found.agent} with ${option.name} ${value}, code (MCP servers, plugins) that runs outside any hook; it needs confirmation.`, found.agent);
    }
  }
  // `claude plugin install x@market`, `claude plugin marketplace add owner/repo`, `gemini extensions install URL`.
  const words = reading.usual.operands.map((a) => a.text);
  if (/^(plugins?|extensions?|marketplace)$/.test(words[0] ?? '') && words.slice(1, 3).some((w) => /^(install|add|i|link|update|enable)$/.test(w))) {
    return ask('nested-agent', `${inv.name} ${words.slice(0, 3).join(' ')} installs plugins or extensions into ${found.agent}, which bring hooks, commands and MCP servers of their own that run outside this guard; it needs confirmation.`, found.agent);
  }
  return undefined;
}

/** Spawn calls in interpreter code, and an agent's name as the program they start. */
const SPAWNS = /\b(subprocess\.\w+|Popen|os\.(system|exec\w*|spawn\w*|popen)|spawnSync|spawn|execSync|execFileSync|execFile|exec|system|IO\.popen|Open3\.\w+|Process\.spawn|pty\.spawn)\b/;
/** The code moves the folder or the environment the agent starts with (`cwd=`, `{cwd: …}`, `chdir`, `env=`, HOME). */
const MOVES = /\bcwd\s*[:=]|\bchdir\b|\bDir\.chdir\b|\benv\s*[:=]|\bHOME\b|\bDir\.mktmpdir\b|\bmkdtemp\b|\bTemporaryDirectory\b/;
const AGENT_LITERAL = /['"`](claude|codex|gemini|copilot|cursor-agent|qwen|opencode|aider|goose|amp|droid|crush|auggie|cline)(\s[^'"`]*)?['"`]/;

function spawnedFromCode(analysis: Analysis): Finding | undefined {
  for (const s of analysis.snippets) {
    if (s.runner.remote || !SPAWNS.test(s.text)) continue;
    const m = AGENT_LITERAL.exec(s.text);
    // Started in the same folder with the same environment, the agent loads the same settings and hook (round 9).
    if (m && MOVES.test(s.text)) return ask('nested-agent', `The code run by ${s.runner.name} starts another agent (${m[1]}) in another folder or environment, where its settings and hook are not the ones the hook can vouch for; what it does is not judged, so it needs confirmation.`, m[1]!);
  }
  return undefined;
}

export function agentLaunchFindings(analysis: Analysis): Finding[] {
  for (const inv of analysis.invocations) {
    const found = inv.remote ? remoteAgent(inv) : launched(inv) ?? agentModule(inv);
    if (found) return [found];
  }
  const coded = analysis.snippets.length > 0 ? spawnedFromCode(analysis) : undefined;
  return coded ? [coded] : [];
}
