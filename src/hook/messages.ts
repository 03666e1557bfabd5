/**
 * The words a human and an agent read when the hook answers. Agent messages always say: do not
 * retry, do not work around it, do not go looking for other credentials. Hosts with one message
 * channel show the agent message followed by `help` (what the human should do). Each message says
 * once who decided and why: the policy, the human at the dialog, nobody in time, lockdown, a failure.
 * `test/unit/hook/messages.test.ts` holds every message the hook can send, word for word.
 */
import type { AnswerBy } from '../core/protocol/ipc';

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

/** What the human and the agent read for each way a dialog ends in a deny. */
const DIALOG_DENIES: Record<Exclude<AnswerBy, 'refused'>, { user: string; agent: string }> = {
  user: { user: 'Denied in the Blast Shield dialog.', agent: 'The user denied this action in the Blast Shield dialog.' },
  deadline: { user: 'Denied: nobody answered the Blast Shield dialog in time.', agent: 'Nobody answered the Blast Shield dialog in time, so this action was denied.' },
  lockdown: { user: 'Denied: Blast Shield lockdown is on in this workspace.', agent: 'Blast Shield lockdown is on in this workspace, so every action that needs confirmation is denied.' },
  closed: { user: 'Denied: the Blast Shield dialog was closed without an answer.', agent: 'The Blast Shield dialog was closed without an answer, so this action was denied.' },
  reloaded: { user: 'Denied: the Blast Shield dialog reloaded before an answer.', agent: 'The Blast Shield dialog reloaded before anyone answered, so this action was denied.' },
  'window-closing': { user: 'Denied: the editor window closed before an answer.', agent: 'The editor window closed before anyone answered the Blast Shield dialog, so this action was denied.' },
};

/**
 * A deny from the editor. `by` says who decided; an editor that does not say (older versions) or
 * that refused the request has its reason shown as it is.
 */
export function dialogDenied(by: AnswerBy | undefined, reason: string): Words {
  if (by && by !== 'refused') {
    const w = DIALOG_DENIES[by];
    return { userMessage: w.user, agentMessage: `${w.agent} ${AGENT_STOP}` };
  }
  const why = sentence(reason || 'No reason was given.');
  return { userMessage: `Denied by the Blast Shield editor: ${why}`, agentMessage: `The Blast Shield editor denied this action: ${why} ${AGENT_STOP}` };
}

/** The hook stopped waiting: the same words as a dialog nobody answered. */
export function timedOut(): Words {
  return dialogDenied('deadline', '');
}

/** `note`: what the hook did before letting it run ("Backed up first with pg_dump to …"). */
export function dialogAllowed(note?: string): Words {
  return { userMessage: `Allowed once in the Blast Shield dialog.${note ? ` ${note}` : ''}`, agentMessage: '' };
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
