/**
 * What kind of risk an ask is about, and the words each kind uses. A credential read is not
 * "irreversible" and nothing is "destroyed" by it; the dialog's heading, its preview section and the
 * one-line message (the modal notice, the notification after the answer) say what is at stake.
 */
import type { Invocation, Target, Verdict } from '../policy/types';
import type { AnswerBy } from '../protocol/ipc';

export type AskKind = 'destroy' | 'change' | 'expose-credential' | 'send-out' | 'unprotect';

export interface AskWords {
  /** The dialog's heading. */
  heading: string;
  /** The title above the preview. */
  previewTitle: string;
  /** The verb of the one-line message: "Claude Code wants to <verb> <subject>". */
  verb: string;
}

export const ASK_WORDS: Record<AskKind, AskWords> = {
  destroy: { heading: 'An agent wants to destroy something', previewTitle: 'What this would destroy', verb: 'destroy' },
  change: { heading: 'An agent wants to change something that needs your confirmation', previewTitle: 'What this would change', verb: 'change' },
  'expose-credential': { heading: 'An agent wants to read a credential', previewTitle: 'What this would expose', verb: 'read' },
  'send-out': { heading: 'An agent wants to send data off this machine', previewTitle: 'What this would send, and where', verb: 'send' },
  unprotect: { heading: 'An agent wants to remove a safety net', previewTitle: 'What protection this would remove', verb: 'remove the protection of' },
};

/** Programs whose job is to move data to another machine. */
const SENDERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'httpie', 'scp', 'sftp', 'ftp', 'rsync', 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'rclone', 'gsutil', 'fetch']);

/** Does the analysed command hand anything to a program that sends data elsewhere? */
export function sendsDataOut(invocations: readonly Pick<Invocation, 'name'>[]): boolean {
  return invocations.some((inv) => SENDERS.has(inv.name));
}

/**
 * Destroying outranks everything (the incident's curl used a token, but what mattered was the
 * volume it deleted); a credential that leaves the machine is "send out"; a credential read or
 * printed is "expose"; a protection removed (backups, versioning, deletion protection) "unprotect";
 * everything else that asks (self-protection, what cannot be checked) "change".
 */
export function askKindOf(verdict: Pick<Verdict, 'risks'>, sendsOut: boolean): AskKind {
  const risks = verdict.risks;
  if (risks.includes('destructive') || risks.includes('catastrophic')) return 'destroy';
  const credential = risks.includes('credential-read') || risks.includes('credential-dump');
  if ((credential && sendsOut) || (risks.includes('credential-use') && !credential && sendsOut)) return 'send-out';
  if (credential) return 'expose-credential';
  if (risks.includes('protection-removal')) return 'unprotect';
  return 'change';
}

function shortName(name: string): string {
  return name.length <= 60 ? name : `${name.slice(0, 57)}…`;
}

/** What the ask acts on, in a few words: "volume 3f1c… (production)", "paths src and legacy", "3 tables"; undefined when it names nothing. */
export function subjectOf(targets: readonly Target[]): string | undefined {
  const acted = targets.filter((t) => t.kind !== 'credential');
  const pool = acted.length > 0 ? acted : targets;
  const primary = pool.find((t) => t.environment === 'production') ?? pool[0];
  if (!primary) return undefined;
  const same = pool.filter((t) => t.kind === primary.kind);
  const production = same.some((t) => t.environment === 'production') ? ' (production)' : '';
  const noun = primary.kind === 'credential' ? 'the credential file' : primary.kind;
  if (same.length === 1) return `${noun} ${shortName(primary.name)}${production}`;
  const plural = primary.kind === 'credential' ? 'credential files' : `${primary.kind}s`;
  if (same.length === 2) return `${plural} ${shortName(same[0]!.name)} and ${shortName(same[1]!.name)}${production}`;
  return `${same.length} ${plural}${production}`;
}

/** What the agent wants to do, in a few words: "destroy volume 3f1c… (production)"; an ask that names no target is described by its command. */
export function askPhrase(kind: AskKind, targets: readonly Target[], command: string): string {
  const subject = subjectOf(targets);
  if (subject) return `${ASK_WORDS[kind].verb} ${subject}`;
  const shown = command.replace(/\s+/g, ' ').trim();
  return `run ${shown.length <= 80 ? shown : `${shown.slice(0, 77)}…`}`;
}

/** One sentence for the modal notice and the dialog: "Claude Code wants to destroy volume 3f1c… (production)." */
export function askMessage(kind: AskKind, who: string, targets: readonly Target[], command: string): string {
  return `${who} wants to ${askPhrase(kind, targets, command)}.`;
}

/**
 * The notification after a decision, decision first (a toast shows its first line only): what was
 * decided, by whom or by the deadline, about what, asked by which host.
 * "Blast Shield — denied, nobody answered in time: destroy volume 3f1c… (production), asked by Cursor."
 */
export function decisionNotice(host: string, phrase: string, answer: { decision: 'allow' | 'deny'; by: AnswerBy; reason: string }): string {
  const what = `${phrase}, asked by ${host}.`;
  if (answer.decision === 'allow') return `Blast Shield — allowed once by you: ${what}`;
  switch (answer.by) {
    case 'user':
      return `Blast Shield — denied by you: ${what}`;
    case 'deadline':
      return `Blast Shield — denied, nobody answered in time: ${what}`;
    case 'lockdown':
      return `Blast Shield — denied by lockdown: ${what}`;
    case 'closed':
      return `Blast Shield — denied, the dialog was closed unanswered: ${what}`;
    case 'reloaded':
      return `Blast Shield — denied, the dialog reloaded unanswered: ${what}`;
    case 'window-closing':
      return `Blast Shield — denied, the window closed unanswered: ${what}`;
    case 'refused':
      return `Blast Shield — denied by the editor (${answer.reason.replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}): ${what}`;
  }
}
