import { resolvePath } from '../../paths';
import type { Facts, Finding, Invocation } from '../../policy/types';
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

function gh(inv: Invocation, facts?: Facts): Finding | undefined {
  const command = invocationCommand(inv);
  if (!command) return undefined;
  const { parsed, tool } = command;
  const words = [...parsed.path, ...parsed.operands.map((o) => o.text)];
  if (/^agent(-tasks?|s)?$/.test(words[0] ?? '') && /^(create|new)$/.test(words[1] ?? '')) return ask(inv, 'hands a task to the Copilot coding agent (gh agent-task create)', 'copilot');
  if (parsed.path[0] === 'api') return githubApiCall(inv, words.concat(inv.args.map((a) => a.text)));
  // `gh workflow run claude.yml`: a workflow named after an agent runs that agent's action on the repository.
  if (parsed.path[0] === 'workflow' && parsed.path[1] === 'run' && AGENT_WORKFLOW.test(parsed.operands[0]?.text ?? '')) return ask(inv, `runs the workflow ${parsed.operands[0]!.text}, which starts a coding agent on the repository`, parsed.operands[0]!.text);
  if (parsed.path[0] !== 'issue' && parsed.path[0] !== 'pr') return undefined;
  const args = toolArgs(inv.name, parsed, tool);
  const assignee = args.values('-a', '--assignee', '--add-assignee').flatMap((v) => v.split(',')).find((v) => AGENT_ASSIGNEE.test(v.trim()));
  if (assignee) return ask(inv, `assigns the ${parsed.path[0]} to ${assignee.trim()}, a coding agent`, assignee.trim());
  // `--body-file task.md`: text the hook does not read here may summon an agent app.
  const file = args.values('-F', '--body-file').find((v) => v !== '-');
  const fileText = file !== undefined && facts ? facts.readFile(resolvePath(inv.cwd || facts.cwd, file, facts.home)) : undefined;
  if (fileText !== undefined && SUMMONED.test(fileText)) return ask(inv, `writes the ${parsed.path[0]} ${parsed.path[1] ?? 'text'} from ${file}, which summons ${SUMMONED.exec(fileText)![0].trim()}, an agent app that acts on what it is told there`, SUMMONED.exec(fileText)![2]!.toLowerCase());
  if (file !== undefined && fileText === undefined && parsed.path[1] === 'comment') return ask(inv, `writes the ${parsed.path[0]} ${parsed.path[1]} from ${file}, text the hook does not read, which may summon an agent app that acts on what it is told there`, 'agent app');
  const body = args.values('-b', '--body', '-t', '--title').find((v) => SUMMONED.test(v));
  if (body) return ask(inv, `writes a ${parsed.path[0]} ${parsed.path[1] ?? 'text'} that summons ${SUMMONED.exec(body)![0].trim()}, an agent app that acts on what it is told there`, SUMMONED.exec(body)![2]!.toLowerCase());
  return undefined;
}

/** Per command name: the subcommand words (first operands) that hand a task to a cloud agent. */
function cloudTask(inv: Invocation, facts?: Facts): Finding | undefined {
  if (inv.name === 'gh') return gh(inv, facts);
  const words = freeFormReadings(inv.args).usual.operands.map((a) => a.text);
  if (inv.name === 'jules' && (words[0] === 'new' || (words[0] === 'remote' && words[1] === 'new'))) return ask(inv, `${words[0] === 'new' ? 'new' : 'remote new'} starts a Jules session`, 'jules');
  // `codex cloud exec 'task'`, `codex cloud 'task'`: everything but its listing and result verbs starts a task.
  if (inv.name === 'codex' && words[0] === 'cloud' && !/^(status|list|ls|apply|diff|help|show|logs)$/.test(words[1] ?? '')) return ask(inv, 'cloud starts a Codex cloud task', 'codex');
  // `claude --remote 'task'`: a Claude Code session on the web, on a copy of the repository.
  if (inv.name === 'claude' && inv.args.some((a) => a.text === '--remote' || a.text.startsWith('--remote='))) return ask(inv, '--remote starts a Claude Code session in the cloud', 'claude');
  if (WEB_CLIENTS.has(inv.name)) return githubApiCall(inv, inv.args.map((a) => a.text));
  if ((inv.name === 'cursor-agent' || inv.name === 'agent') && inv.args.some((a) => a.text === '--cloud' || a.text === '-c')) return ask(inv, '--cloud hands the session to a Cursor cloud agent', 'cursor');
  return undefined;
}

const WEB_CLIENTS: ReadonlySet<string> = new Set(['curl', 'wget', 'http', 'https', 'xh', 'httpie']);
const NAMES: ReadonlySet<string> = new Set(['gh', 'jules', 'codex', 'cursor-agent', 'agent', 'claude', ...WEB_CLIENTS]);
/** Workflow files named after an agent's action (`claude.yml`, `copilot-agent.yaml`, `codex.yml`). */
const AGENT_WORKFLOW = /(^|[/_.-])(claude|copilot|codex|gemini|cursor|jules|opencode|devin|openhands|aider|agent)([_.-]|$)/i;
/** Assigning an agent or summoning one through the GitHub REST API (`gh api …/assignees -f 'assignees[]=copilot-swe-agent'`, curl to api.github.com). */
function githubApiCall(inv: Invocation, words: readonly string[]): Finding | undefined {
  const text = words.join(' ');
  if (inv.name !== 'gh' && !/api\.github\.com|\/api\/v3\//.test(text)) return undefined;
  if (/\/assignees\b/.test(text) && /\b(copilot-swe-agent|copilot|jules|devin-ai-integration|openhands-agent|codegen-sh)\b/i.test(text.replace(/\/repos\/[^\s]*/g, ''))) return ask(inv, 'assigns an issue to a coding agent through the GitHub API', 'copilot');
  if (/\/(comments|issues|pulls)\b/.test(text) && SUMMONED.test(text.replace(/https?:\/\/\S+/g, ''))) return ask(inv, `writes text through the GitHub API that summons ${SUMMONED.exec(text.replace(/https?:\/\/\S+/g, ''))![0].trim()}, an agent app that acts on what it is told there`, 'agent app');
  return undefined;
}

/** An ask for a task handed to a cloud coding agent, or undefined. */
export function cloudAgentTask(inv: Invocation, facts?: Facts): Finding | undefined {
  return NAMES.has(inv.name) && !inv.remote ? cloudTask(inv, facts) : undefined;
}
