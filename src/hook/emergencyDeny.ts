import type { HostReply } from '../node/hosts/action';
import { failClosedClaude } from '../node/hosts/claude/respond';
import { failClosedCline } from '../node/hosts/cline/respond';
import { failClosedCodex } from '../node/hosts/codex/respond';
import { failClosedCopilot } from '../node/hosts/copilot/respond';
import { failClosedCursor } from '../node/hosts/cursor/respond';
import { failClosedGemini } from '../node/hosts/gemini/respond';
import { failClosedVscode } from '../node/hosts/vscode/respond';
import { failClosedAgentHost } from '../node/hosts/vscodeAgent/respond';
import { failClosedWindsurf } from '../node/hosts/windsurf/respond';
import { failureDenied } from './messages';

/**
 * A deny in the host's own format that needs nothing but the hosts' reply writers and the message
 * words: for the launcher when the CLI bundle itself cannot be loaded, and for the CLI when the hook
 * module fails to load or throws. Kept apart from runHook (and its imports) so that a failure there
 * cannot take this path down with it. Same output as runHook's failClosedReply (tested).
 */
export function emergencyDeny(host: string, what: string): HostReply {
  const decision = { decision: 'deny' as const, ...failureDenied(what) };
  switch (host) {
    case 'cursor':
      return failClosedCursor(decision, undefined);
    case 'claude':
      return failClosedClaude(decision);
    case 'vscode':
      return failClosedVscode(decision);
    case 'copilot':
      return failClosedCopilot(decision);
    case 'cline':
      return failClosedCline(decision);
    case 'gemini':
      return failClosedGemini(decision);
    case 'codex':
      return failClosedCodex(decision);
    case 'windsurf':
      return failClosedWindsurf(decision);
    case 'vscode-agent':
      return failClosedAgentHost(decision);
    default:
      return { stdout: '', stderr: `${decision.userMessage}\n`, exitCode: 2 };
  }
}
