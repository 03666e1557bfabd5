/**
 * The words a human and an agent read when the hook answers. Agent messages always say: do not
 * retry, do not work around it, do not go looking for other credentials. Hosts with one message
 * channel show the agent message followed by `help` (what the human should do).
 */

export const AGENT_STOP =
  'Do not retry this action, do not try another command or tool to achieve the same effect, and do not look for other credentials, tokens or config files. Tell the user what you intended and wait for their instructions.';

export interface Words {
  userMessage: string;
  agentMessage: string;
  help?: string;
}

function sentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?)]$/.test(t) ? t : `${t}.`;
}

export function policyDenied(reasons: readonly string[]): Words {
  const why = sentence(reasons.length > 0 ? reasons.join(' ') : 'The action is not allowed.');
  return { userMessage: `Blast Shield denied this action: ${why}`, agentMessage: `Blast Shield blocked this action: ${why} ${AGENT_STOP}` };
}

export function humanDenied(reason: string): Words {
  const why = reason ? ` (${reason})` : '';
  return { userMessage: `Denied in the Blast Shield dialog${why}.`, agentMessage: `The user denied this action in Blast Shield${why}. ${AGENT_STOP}` };
}

export function humanAllowed(reason: string): Words {
  return { userMessage: `Allowed once in the Blast Shield dialog${reason ? ` (${reason})` : ''}.`, agentMessage: '' };
}

export function readDenied(reason: string): Words {
  const why = sentence(reason);
  return {
    userMessage: `Blast Shield kept a credential file out of the agent's context: ${why}`,
    agentMessage: `Blast Shield blocked this read: ${why} ${AGENT_STOP}`,
  };
}

/** What the human should do when no decision could be obtained. */
export const FAILURE_HELP =
  'To confirm actions like this, open this workspace in VS Code or Cursor with the Blast Shield extension enabled; run `blast-shield status` to check the hook installation.';

export function failureDenied(what: string): Words {
  return {
    userMessage: `Blast Shield denied this action because ${what}. ${FAILURE_HELP}`,
    agentMessage: `Blast Shield blocked this action because ${what}, so no human could confirm it. ${AGENT_STOP}`,
    help: FAILURE_HELP,
  };
}

export const ALLOWED: Words = { userMessage: '', agentMessage: '' };
