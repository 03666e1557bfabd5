/**
 * The queue of asks waiting for a human. One dialog at a time; every ask gets exactly one answer;
 * everything that is not a correctly typed phrase answers deny: the deny button, closing the dialog,
 * a reload, the deadline, lockdown, the window closing. The typed phrase is compared here, in the
 * extension host, never by the page.
 *
 * The same action can reach us twice (Cursor also runs Claude Code hooks): asks with the same dedupe
 * key share one dialog, and an answer is handed once more to a twin that arrives shortly after from
 * another hook. The same hook sending the action again is the agent retrying: it gets a new dialog,
 * which says when the same action was denied before.
 */
import type { Logger } from '../../core/logger';
import { confirmPhraseOf } from '../../core/preview/confirmView';
import { deliveryOf, type AnswerBy, type ConfirmRequest } from '../../core/protocol/ipc';
import { phraseMatches } from '../../core/protocol/webview';

export interface ConfirmAnswer {
  decision: 'allow' | 'deny';
  /** One sentence for logs, the audit log and the notification. */
  reason: string;
  by: AnswerBy;
  /** The digest of the action the dialog was shown for (the ask's dedupe key): what an allow is bound to. */
  actionDigest?: string;
}

/** A deny of the same action earlier in this window, shown in the new dialog. */
export interface EarlierDeny {
  at: number;
  by: AnswerBy;
}

export interface PendingAsk {
  request: ConfirmRequest;
  /** What the human must type. */
  phrase: string;
  /** Epoch ms: the earlier of the hook's deadline and the dialog timeout. */
  deadline: number;
  earlierDeny?: EarlierDeny;
}

/** The sentence for each way an ask ends without an allow (`refused` carries its own). */
export const DENY_REASONS: Record<Exclude<AnswerBy, 'refused'>, string> = {
  user: 'The user denied it in the Blast Shield dialog.',
  deadline: 'Nobody answered the Blast Shield dialog in time.',
  lockdown: 'Lockdown is on in this workspace.',
  closed: 'The Blast Shield dialog was closed without an answer.',
  reloaded: 'The Blast Shield dialog reloaded before an answer.',
  'window-closing': 'The editor window closed before an answer.',
};

function denied(by: Exclude<AnswerBy, 'refused'>): ConfirmAnswer {
  return { decision: 'deny', reason: DENY_REASONS[by], by };
}

/** Shows asks to a human. Implemented by the confirm panel; tests use a recording one. */
export interface ConfirmPresenter {
  show(ask: PendingAsk, queued: number): void;
  queueChanged(queued: number): void;
  /** The shown ask was answered; `next` says whether another ask follows at once. */
  answered(ask: PendingAsk, answer: ConfirmAnswer, next: boolean): void;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};

export interface ConfirmQueueOptions {
  presenter: ConfirmPresenter;
  logger: Logger;
  dialogTimeoutMs: () => number;
  lockdown: () => boolean;
  timers?: Timers;
  /** Called once per answered ask (twins included), for the audit log and health. */
  onAnswered?: (request: ConfirmRequest, answer: ConfirmAnswer) => void;
  /**
   * Called once per decision a human is told about: each dialog's answer, and each ask lockdown denied
   * without one (a twin handed an earlier answer is not a new decision).
   */
  onDecided?: (request: ConfirmRequest, answer: ConfirmAnswer) => void;
}

/**
 * How long an answer may be handed to a twin of the same action. A twin is the same action delivered by
 * another hook (Cursor also runs Claude Code's hooks, and sends one MCP call to two of its events), never
 * the same hook repeating it: that is the agent retrying (perhaps because the user said "go ahead" in
 * chat) and is asked again. An allow covers exactly one run, so it is handed on at most once; a deny is
 * handed to each other delivery once.
 */
const TWIN_WINDOW_MS = 30_000;
/** How long a deny is remembered for the note in a later dialog of the same action. */
const DENY_NOTE_MS = 15 * 60_000;
const MAX_DENY_NOTES = 200;

interface RecentAnswer {
  answer: ConfirmAnswer;
  until: number;
  hosts: Set<string>;
}

/** May a remembered answer be given to this request without asking again? Only by another delivery. */
function twinMayReuse(recent: RecentAnswer, request: ConfirmRequest): boolean {
  return !recent.hosts.has(deliveryOf(request));
}

interface Entry {
  ask: PendingAsk;
  waiters: { request: ConfirmRequest; resolve: (a: ConfirmAnswer) => void }[];
  timer: { cancel(): void };
}

export type SubmitResult = 'allowed' | 'mismatch' | 'not-current';

export class ConfirmQueue {
  private readonly entries: Entry[] = [];
  private readonly recent = new Map<string, RecentAnswer>();
  private readonly denies = new Map<string, EarlierDeny>();
  private readonly timers: Timers;
  private closed = false;

  constructor(private readonly options: ConfirmQueueOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  get current(): PendingAsk | undefined {
    return this.entries[0]?.ask;
  }

  get pending(): readonly PendingAsk[] {
    return this.entries.map((e) => e.ask);
  }

  /** Ask a human. Resolves with allow only after the exact phrase was typed for this ask. */
  ask(request: ConfirmRequest): Promise<ConfirmAnswer> {
    const now = this.timers.now();
    const immediate = this.immediateAnswer(request, now);
    if (immediate) {
      this.options.onAnswered?.(request, immediate);
      if (immediate.by === 'lockdown') this.options.onDecided?.(request, immediate);
      return Promise.resolve(immediate);
    }
    return new Promise<ConfirmAnswer>((resolve) => {
      const twin = this.entries.find(
        (e) => e.ask.request.dedupeKey === request.dedupeKey && !e.waiters.some((w) => deliveryOf(w.request) === deliveryOf(request)),
      );
      if (twin) {
        twin.waiters.push({ request, resolve });
        return;
      }
      const deadline = Math.min(request.deadline, now + this.options.dialogTimeoutMs());
      const earlier = this.denies.get(request.dedupeKey);
      const ask: PendingAsk = { request, phrase: confirmPhraseOf(request), deadline, ...(earlier && now - earlier.at <= DENY_NOTE_MS ? { earlierDeny: earlier } : {}) };
      const entry: Entry = {
        ask,
        waiters: [{ request, resolve }],
        timer: this.timers.setTimeout(() => this.finish(entry, denied('deadline')), Math.max(0, deadline - now)),
      };
      this.entries.push(entry);
      if (this.entries.length === 1) this.options.presenter.show(ask, 0);
      else this.options.presenter.queueChanged(this.entries.length - 1);
    });
  }

  private immediateAnswer(request: ConfirmRequest, now: number): ConfirmAnswer | undefined {
    if (this.closed) return denied('window-closing');
    if (this.options.lockdown()) return denied('lockdown');
    if (request.verdict.decision !== 'ask') return { decision: 'deny', reason: `The request carried a "${request.verdict.decision}" verdict; only asks are confirmed.`, by: 'refused' };
    if (request.deadline <= now) return { decision: 'deny', reason: 'The request arrived after its deadline.', by: 'refused' };
    const twin = this.recent.get(request.dedupeKey);
    if (twin && twin.until > now && twinMayReuse(twin, request)) {
      if (twin.answer.decision === 'allow') this.recent.delete(request.dedupeKey);
      else twin.hosts.add(deliveryOf(request));
      return twin.answer;
    }
    return undefined;
  }

  /** The human pressed Allow with this text. Only the ask on screen can be allowed. */
  submit(id: string, typed: string): SubmitResult {
    const head = this.entries[0];
    if (!head || head.ask.request.id !== id) return 'not-current';
    if (!phraseMatches(typed, head.ask.phrase)) {
      this.options.logger.info(`Confirm ${id}: typed phrase did not match.`);
      return 'mismatch';
    }
    this.finish(head, { decision: 'allow', reason: 'The user allowed it once in the Blast Shield dialog.', by: 'user' });
    return 'allowed';
  }

  /** Deny one ask, shown or queued (`user`: the Deny button or Escape). Returns false when it is no longer pending. */
  deny(id: string, by: Exclude<AnswerBy, 'refused'>): boolean {
    const entry = this.entries.find((e) => e.ask.request.id === id);
    if (!entry) return false;
    this.finish(entry, denied(by));
    return true;
  }

  /** Deny everything pending (lockdown switched on, window closing). */
  denyAll(by: Exclude<AnswerBy, 'refused'>): void {
    for (const entry of [...this.entries].reverse()) this.finish(entry, denied(by));
  }

  dispose(): void {
    this.closed = true;
    this.denyAll('window-closing');
  }

  private finish(entry: Entry, given: ConfirmAnswer): void {
    const answer: ConfirmAnswer = { ...given, actionDigest: entry.ask.request.dedupeKey };
    const index = this.entries.indexOf(entry);
    if (index < 0) return;
    entry.timer.cancel();
    this.entries.splice(index, 1);
    const now = this.timers.now();
    for (const [key, r] of this.recent) if (r.until <= now) this.recent.delete(key);
    this.recent.set(entry.ask.request.dedupeKey, { answer, until: now + TWIN_WINDOW_MS, hosts: new Set(entry.waiters.map((w) => deliveryOf(w.request))) });
    this.rememberDeny(entry.ask.request.dedupeKey, answer, now);
    this.options.logger.info(`Confirm ${entry.ask.request.id} (${entry.ask.request.host}): ${answer.decision} by ${answer.by} — ${answer.reason}`);
    this.options.onDecided?.(entry.ask.request, answer);
    for (const w of entry.waiters) {
      this.options.onAnswered?.(w.request, answer);
      w.resolve(answer);
    }
    if (index === 0) {
      const next = this.entries[0];
      this.options.presenter.answered(entry.ask, answer, next !== undefined);
      if (next) this.options.presenter.show(next.ask, this.entries.length - 1);
    } else {
      this.options.presenter.queueChanged(this.entries.length - 1);
    }
  }

  private rememberDeny(key: string, answer: ConfirmAnswer, now: number): void {
    if (answer.decision === 'allow') {
      this.denies.delete(key);
      return;
    }
    this.denies.delete(key);
    this.denies.set(key, { at: now, by: answer.by });
    for (const [k, d] of this.denies) if (now - d.at > DENY_NOTE_MS || this.denies.size > MAX_DENY_NOTES) this.denies.delete(k);
  }
}
