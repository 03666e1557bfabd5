import * as assert from 'node:assert/strict';
import { HOST_IDS, type AnswerBy } from '../../../src/core/protocol/ipc';
import { AGENT_STOP, FAILURE_HELP, dialogAllowed, dialogDenied, failureDenied, policyDenied, readDenied, timedOut } from '../../../src/hook/messages';
import { emergencyDeny } from '../../../src/hook/emergencyDeny';
import { runHook, type HookDeps } from '../../../src/hook/runHook';
import { IpcError } from '../../../src/node/ipc/client';
import type { IpcFailure } from '../../../src/node/ipc/client';
import { fakeEngine, fixtureText, makeTempHome, messageIn, type TempHome } from '../hosts/support';

/**
 * Every reason the hook can send to an agent, word for word: what the policy denies, what the read
 * check denies, each way the dialog ends, each way asking the editor fails, and input the hook cannot
 * read. Each message names who decided once, and says a timeout is a timeout.
 */

const STOP = ` ${AGENT_STOP}`;
const HELP = ` ${FAILURE_HELP}`;

type Row = [name: string, agentText: (t: TempHome) => Promise<string> | string, expected: string];

function claudeAsk(t: TempHome, ask: HookDeps['ask']): Promise<string> {
  return runHook('claude', fixtureText('claude', 'Bash.incident-curl', t.home), t.env, { engine: fakeEngine(), ask }).then((r) => messageIn('claude', r.stdout));
}

const dialogRows: Row[] = (
  [
    ['user', 'The user denied this action in the Blast Shield dialog.'],
    ['deadline', 'Nobody answered the Blast Shield dialog in time, so this action was denied.'],
    ['lockdown', 'Blast Shield lockdown is on in this workspace, so every action that needs confirmation is denied.'],
    ['closed', 'The Blast Shield dialog was closed without an answer, so this action was denied.'],
    ['reloaded', 'The Blast Shield dialog reloaded before anyone answered, so this action was denied.'],
    ['window-closing', 'The editor window closed before anyone answered the Blast Shield dialog, so this action was denied.'],
  ] as [AnswerBy, string][]
).map(([by, text]): Row => [`the dialog denied (by ${by})`, (t) => claudeAsk(t, async () => ({ decision: 'deny', reason: 'a sentence the hook does not repeat', by })), text + STOP]);

const ipcRows: Row[] = (
  [
    ['no-editor', 'Blast Shield blocked this action because no editor window with Blast Shield is open on this workspace to confirm it, so no human could confirm it.' + STOP + HELP],
    ['refused', 'Blast Shield blocked this action because the editor window did not accept the connection, so no human could confirm it.' + STOP + HELP],
    ['rejected', 'Blast Shield blocked this action because the editor refused the request (bad token), so no human could confirm it.' + STOP + HELP],
    ['malformed-reply', 'Blast Shield blocked this action because the editor sent an unreadable answer, so no human could confirm it.' + STOP + HELP],
    ['oversize', 'Blast Shield blocked this action because the request was too large, so no human could confirm it.' + STOP + HELP],
    ['closed', 'Blast Shield blocked this action because the editor closed the connection without answering, so no human could confirm it.' + STOP + HELP],
    // The window was there and nobody answered: the same words as the dialog's own deadline, no advice to open an editor.
    ['deadline', 'Nobody answered the Blast Shield dialog in time, so this action was denied.' + STOP],
  ] as [IpcFailure, string][]
).map(([failure, text]): Row => [`asking the editor failed (${failure})`, (t) => claudeAsk(t, () => Promise.reject(new IpcError(failure, failure === 'rejected' ? 'the editor rejected the request: bad token' : failure))), text]);

const rows: Row[] = [
  ['the policy denies', (t) => runHook('claude', fixtureText('claude', 'Bash.self-protection', t.home), t.env, { engine: fakeEngine() }).then((r) => messageIn('claude', r.stdout)), 'Blast Shield blocked this action: Changes a guard file.' + STOP],
  ['the policy denies, several reasons and lockdown', () => policyDenied(['Deletes data.', 'Lockdown is on: every action that would need confirmation is denied.']).agentMessage, 'Blast Shield blocked this action: Deletes data. Lockdown is on: every action that would need confirmation is denied.' + STOP],
  ['the policy denies without a reason', () => policyDenied([]).agentMessage, 'Blast Shield blocked this action: The action is not allowed.' + STOP],
  ['the read check denies a credential file', (t) => runHook('claude', fixtureText('claude', 'Read.env', t.home), t.env, { engine: fakeEngine() }).then((r) => messageIn('claude', r.stdout)), 'Blast Shield blocked this read: .env is an environment file.' + STOP],
  ['the read check denies a credential file (its real wording)', () => readDenied('.env holds an environment file (file name matches an environment file). Agents may not read credential files; ask the user for what you need instead.').agentMessage, 'Blast Shield blocked this read: .env holds an environment file (file name matches an environment file). Agents may not read credential files; ask the user for what you need instead.' + STOP],
  ['the read check denies the window tokens', () => readDenied("This folder holds the editor windows' private tokens; agents may not read it.").agentMessage, "Blast Shield blocked this read: This folder holds the editor windows' private tokens; agents may not read it." + STOP],
  ...dialogRows,
  ['the editor refused the request (its reason as given)', (t) => claudeAsk(t, async () => ({ decision: 'deny', reason: 'The request arrived after its deadline.', by: 'refused' })), 'The Blast Shield editor denied this action: The request arrived after its deadline.' + STOP],
  ['an editor that does not say who decided', (t) => claudeAsk(t, async () => ({ decision: 'deny', reason: 'Denied by the user.' })), 'The Blast Shield editor denied this action: Denied by the user.' + STOP],
  ['the hook stopped waiting', () => timedOut().agentMessage, 'Nobody answered the Blast Shield dialog in time, so this action was denied.' + STOP],
  ...ipcRows,
  ['the host is not known', (t) => runHook('nosuchhost', '{}', t.env, { engine: fakeEngine() }).then((r) => r.stderr ?? ''), `Blast Shield denied this action because 'nosuchhost' is not a known agent host (expected one of ${HOST_IDS.join(', ')}).` + HELP + '\n'],
  ['the input is not JSON', (t) => runHook('claude', 'not json', t.env, { engine: fakeEngine() }).then((r) => messageIn('claude', r.stdout)), 'Blast Shield blocked this action because the hook input is not valid JSON, so no human could confirm it.' + STOP + HELP],
  ['the payload is not a Claude Code PreToolUse', (t) => runHook('claude', '{"hook_event_name":"Stop"}', t.env, { engine: fakeEngine() }).then((r) => messageIn('claude', r.stdout)), "Blast Shield blocked this action because unexpected Claude Code hook event 'Stop', so no human could confirm it." + STOP + HELP],
  ['the hook crashed (emergency deny)', () => messageIn('claude', emergencyDeny('claude', 'the hook crashed (boom)').stdout), 'Blast Shield blocked this action because the hook crashed (boom), so no human could confirm it.' + STOP + HELP],
  ['a failure, as worded for any cause', () => failureDenied('the hook failed (x)').agentMessage, 'Blast Shield blocked this action because the hook failed (x), so no human could confirm it.' + STOP],
];

/** Word sequences of this length may not appear twice in one message (a reason repeating itself). */
const REPEAT_WORDS = 4;

function repeatedPhrase(text: string): string | undefined {
  const words = text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  for (let i = 0; i + REPEAT_WORDS <= words.length; i++) {
    const phrase = words.slice(i, i + REPEAT_WORDS).join(' ');
    if (seen.has(phrase)) return phrase;
    seen.add(phrase);
  }
  return undefined;
}

describe('every reason the hook can send to an agent', () => {
  let t: TempHome;
  beforeEach(() => {
    t = makeTempHome();
  });
  afterEach(() => t.cleanup());

  for (const [name, produce, expected] of rows) {
    it(name, async () => {
      const text = await produce(t);
      assert.equal(text, expected);
      const own = text.replace(AGENT_STOP, '').replace(FAILURE_HELP, '');
      assert.equal(repeatedPhrase(own), undefined, `a phrase repeats: ${own}`);
      assert.doesNotMatch(own, /:\s*Blast Shield:/, 'no "Blast Shield:" nested in a reason');
      assert.doesNotMatch(own, /\(\s*denied\b/i, 'no deny restated in parentheses');
      if (name !== 'the dialog denied (by user)') assert.doesNotMatch(own, /\buser denied\b/i, 'only the human pressing Deny is said to have denied');
    });
  }

  it('an allow tells the agent nothing and the human where it was allowed', () => {
    assert.deepEqual(dialogAllowed(), { userMessage: 'Allowed once in the Blast Shield dialog.', agentMessage: '' });
  });

  it('the human reads who decided too, once', () => {
    assert.equal(dialogDenied('deadline', 'x').userMessage, 'Denied: nobody answered the Blast Shield dialog in time.');
    assert.equal(dialogDenied('user', 'x').userMessage, 'Denied in the Blast Shield dialog.');
    assert.equal(readDenied('.env is an environment file.').userMessage, "Blast Shield kept a credential file out of the agent's context: .env is an environment file.");
  });
});
