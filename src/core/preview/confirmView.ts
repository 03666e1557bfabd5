/** Build what the confirm dialog shows from a hook's request. Pure, so it is tested without an editor. */
import { UNKNOWN_TREATED_AS_PRODUCTION } from '../policy/verdict';
import type { AnswerBy, ConfirmRequest, HostId } from '../protocol/ipc';
import type { ConfirmView } from '../protocol/webview';
import { ASK_WORDS, askKindOf, askMessage } from './askKind';
import type { Preview } from './model';

export const HOST_LABELS: Record<HostId, string> = {
  cursor: 'Cursor',
  claude: 'Claude Code',
  vscode: 'VS Code agent',
  copilot: 'GitHub Copilot',
  cline: 'Cline',
  gemini: 'Gemini CLI',
  codex: 'OpenAI Codex',
  windsurf: 'Windsurf',
  'vscode-agent': 'VS Code (Copilot harness)',
};

/** Used when a verdict asks without naming a phrase: still something deliberate to type. */
export const FALLBACK_PHRASE = 'allow once';

export function actionText(action: ConfirmRequest['action']): string {
  switch (action.kind) {
    case 'shell':
      return action.command;
    case 'mcp':
      return `${action.server} › ${action.tool}\n${action.input}`;
    case 'write':
      return `write ${action.path}`;
    case 'read':
      return `read ${action.path}`;
    case 'fetch':
      return `fetch ${action.url}`;
  }
}

export function environmentBanner(verdict: ConfirmRequest['verdict']): ConfirmView['environment'] {
  const production = verdict.targets.filter((t) => t.environment === 'production');
  if (production.length === 0) return verdict.production ? 'production' : null;
  return production.every((t) => t.environmentReason === UNKNOWN_TREATED_AS_PRODUCTION) ? 'unknown' : 'production';
}

export function credentialOrigins(verdict: ConfirmRequest['verdict']): string[] {
  const out: string[] = [];
  for (const t of verdict.targets) if (t.kind === 'credential') out.push(t.provider ? `${t.name} (${t.provider})` : t.name);
  for (const r of verdict.reasons) if (/\b(uses|reads|carries)\b.*\bfrom\b/i.test(r) && /credential|token|key|secret|password/i.test(r) && !out.includes(r)) out.push(r);
  return out;
}

export function confirmPhraseOf(request: ConfirmRequest): string {
  const phrase = request.verdict.confirm?.trim();
  return phrase && phrase.length > 0 ? phrase : FALLBACK_PHRASE;
}

/** "Claude Code (claude-sonnet)", "Cursor". */
export function whoAsked(request: Pick<ConfirmRequest, 'host' | 'agent'>): string {
  return `${HOST_LABELS[request.host]}${request.agent ? ` (${request.agent})` : ''}`;
}

export interface ConfirmViewOptions {
  deadline: number;
  queued: number;
  preview?: Preview;
  /** From the editor's own analysis of the command: it hands data to a program that sends it elsewhere. */
  sendsOut?: boolean;
  earlierDeny?: { at: number; by: AnswerBy };
}

export function buildConfirmView(request: ConfirmRequest, options: ConfirmViewOptions): ConfirmView {
  const { action, verdict } = request;
  const kind = askKindOf(verdict, options.sendsOut ?? false);
  return {
    id: request.id,
    kind,
    heading: ASK_WORDS[kind].heading,
    previewTitle: ASK_WORDS[kind].previewTitle,
    message: askMessage(kind, whoAsked(request), verdict.targets, actionText(action)),
    ...(options.earlierDeny ? { earlierDeny: options.earlierDeny } : {}),
    actionKind: action.kind,
    actionText: actionText(action),
    cwd: 'cwd' in action ? action.cwd : undefined,
    environment: environmentBanner(verdict),
    targets: verdict.targets,
    reasons: verdict.reasons,
    risks: verdict.risks,
    credentialOrigins: credentialOrigins(verdict),
    host: request.host,
    hostLabel: HOST_LABELS[request.host],
    agent: request.agent,
    event: request.event,
    phrase: confirmPhraseOf(request),
    deadline: options.deadline,
    queued: options.queued,
    preview: options.preview,
  };
}
