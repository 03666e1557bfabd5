/**
 * The words a human and an agent read when the hook answers. Agent messages always say: do not
 * retry, do not work around it, do not go looking for other credentials.
 */

export const AGENT_STOP =
  'Do not retry this action, do not try another command or tool to achieve the same effect, and do not look for other credentials, tokens or config files. Tell the user what you intended and wait for their instructions.';

export function policyDenied(reasons: readonly string[]): { userMessage: string; agentMessage: string } {
  const why = reasons.length > 0 ? reasons.join(' ') : 'The action is not allowed.';
  return { userMessage: `Blast Shield denied this action. ${why}`, agentMessage: `Blast Shield blocked this action: ${why} ${AGENT_STOP}` };
}

export function humanDenied(reason: string): { userMessage: string; agentMessage: string } {
  const why = reason ? ` (${reason})` : '';
  return { userMessage: `Denied in the Blast Shield dialog${why}.`, agentMessage: `The user denied this action in Blast Shield${why}. ${AGENT_STOP}` };
}

export function humanAllowed(reason: string): { userMessage: string; agentMessage: string } {
  return { userMessage: `Allowed once in the Blast Shield dialog${reason ? ` (${reason})` : ''}.`, agentMessage: '' };
}

export function readDenied(reason: string): { userMessage: string; agentMessage: string } {
  return {
    userMessage: `Blast Shield kept a credential file out of the agent's context: ${reason}`,
    agentMessage: `Blast Shield blocked this read: ${reason} This file holds credentials and is off limits. ${AGENT_STOP}`,
  };
}

/** What the human should do when no decision could be obtained. */
const FAILURE_HELP =
  'Open this workspace in VS Code or Cursor with the Blast Shield extension enabled (the dialog must be reachable), or run `blast-shield status` to check the hook installation, then retry.';

export function failureDenied(what: string): { userMessage: string; agentMessage: string } {
  return {
    userMessage: `Blast Shield denied this action because ${what}. ${FAILURE_HELP}`,
    agentMessage: `Blast Shield blocked this action because no human confirmation could be obtained (${what}). ${AGENT_STOP}`,
  };
}

export const ALLOWED = { userMessage: '', agentMessage: '' };
