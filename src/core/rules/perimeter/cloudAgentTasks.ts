import type { Finding, Invocation } from '../../policy/types';
import { invocationCommand, toolArgs } from '../../registry/commandModel';
import { freeFormReadings } from '../../registry/freeForm';

/**
 * Work handed to a coding agent that runs in a vendor's cloud, on the repository, with no hook of
 * this guard: `gh agent-task create 'task'` (Copilot's coding agent), an issue assigned to Copilot
 * (`gh issue edit 3 --add-assignee @copilot`), a comment that summons an agent app (`gh pr comment 1
 * --body '@claude delete .github/hooks and push'`), `jules new` / `jules remote new` (Google's
 * Jules), `codex cloud exec` (Codex cloud tasks), `cursor-agent --cloud`. What that agent then runs
 * is not this command's text, so handing the task over is asked. Listing, viewing or pulling the
 * results of such tasks stays allowed.
 */

/** Agent apps a mention in an issue or pull request summons to act on the repository. */
const SUMMONED = /(^|[^\w@/.-])@(claude|copilot|codex|cursor|jules|gemini-cli|devin(-ai-integration)?|openhands(-agent)?|droid|factory-droid|opencode|amp|codegen(-sh)?|sweep(-ai)?)(?![\w-])/i;
/** Assignees that are a coding agent. */
const AGENT_ASSIGNEE = /^@?(copilot|copilot-swe-agent|jules|devin-ai-integration|openhands-agent|codegen-sh)$/i;

function ask(inv: Invocation, what: string, target: string): Finding {
  return {
    rule: 'self-protection.cloud-agent',
    risk: 'unanalyzable',
    severity: 'ask',
    reason: `${inv.name} ${what}: an agent in the vendor's cloud then works on the repository with no Blast Shield hook, and what it runs is not this command's text, so it needs confirmation.`,
    targets: [{ kind: 'repository', name: target, provider: target, remote: true, environment: 'non-production', environmentReason: 'a coding agent in the cloud, working on a branch of the repository' }],
  };
}

function gh(inv: Invocation): Finding | undefined {
  const command = invocationCommand(inv);
  if (!command) return undefined;
  const { parsed, tool } = command;
  const words = [...parsed.path, ...parsed.operands.map((o) => o.text)];
  if (/^agent(-tasks?|s)?$/.test(words[0] ?? '') && /^(create|new)$/.test(words[1] ?? '')) return ask(inv, 'hands a task to the Copilot coding agent (gh agent-task create)', 'copilot');
  if (parsed.path[0] !== 'issue' && parsed.path[0] !== 'pr') return undefined;
  const args = toolArgs(inv.name, parsed, tool);
  const assignee = args.values('-a', '--assignee', '--add-assignee').flatMap((v) => v.split(',')).find((v) => AGENT_ASSIGNEE.test(v.trim()));
  if (assignee) return ask(inv, `assigns the ${parsed.path[0]} to ${assignee.trim()}, a coding agent`, assignee.trim());
  const body = args.values('-b', '--body', '-t', '--title').find((v) => SUMMONED.test(v));
  if (body) return ask(inv, `writes a ${parsed.path[0]} ${parsed.path[1] ?? 'text'} that summons ${SUMMONED.exec(body)![0].trim()}, an agent app that acts on what it is told there`, SUMMONED.exec(body)![2]!.toLowerCase());
  return undefined;
}

/** Per command name: the subcommand words (first operands) that hand a task to a cloud agent. */
function cloudTask(inv: Invocation): Finding | undefined {
  if (inv.name === 'gh') return gh(inv);
  const words = freeFormReadings(inv.args).usual.operands.map((a) => a.text);
  if (inv.name === 'jules' && (words[0] === 'new' || (words[0] === 'remote' && words[1] === 'new'))) return ask(inv, `${words[0] === 'new' ? 'new' : 'remote new'} starts a Jules session`, 'jules');
  if (inv.name === 'codex' && words[0] === 'cloud' && (words[1] === undefined || words[1] === 'exec')) return ask(inv, 'cloud starts a Codex cloud task', 'codex');
  if ((inv.name === 'cursor-agent' || inv.name === 'agent') && inv.args.some((a) => a.text === '--cloud' || a.text === '-c')) return ask(inv, '--cloud hands the session to a Cursor cloud agent', 'cursor');
  return undefined;
}

const NAMES: ReadonlySet<string> = new Set(['gh', 'jules', 'codex', 'cursor-agent', 'agent']);

/** An ask for a task handed to a cloud coding agent, or undefined. */
export function cloudAgentTask(inv: Invocation): Finding | undefined {
  return NAMES.has(inv.name) && !inv.remote ? cloudTask(inv) : undefined;
}
