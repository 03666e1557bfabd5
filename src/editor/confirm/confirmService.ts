import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { redactSecrets, redactVerdict } from '../../core/audit/redact';
import type { Verdict } from '../../core/policy/types';
import type { Preview } from '../../core/preview/model';
import { decisionNotice } from '../../core/preview/askKind';
import type { ConfirmAsk, ConfirmRequest } from '../../core/protocol/ipc';
import { applyExtraRules } from '../../core/settings/extraRules';
import { ConfirmQueue, DENY_REASONS, type ConfirmAnswer, type PendingAsk } from '../../node/confirm/confirmQueue';
import { RecoveryKeeper, type RecoveryOutcome } from '../../node/confirm/recoveryKeeper';
import { loadDeferred } from '../loadDeferred';
import type { Configuration } from '../configuration';
import { Disposable, toDisposable } from '../lifecycle';
import type { Lockdown } from '../lockdown';
import { ConfirmPanel } from './confirmPanel';
import { parseAskCommand, previewFor, type AskCommandParse } from './previewService';
import { isSampleAsk } from './sampleAsks';
import { TEST_MODE_ENV } from '../api';

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/**
 * The queue of asks and the panel that shows them, wired to settings and lockdown. The recovery
 * keeper adds the dialog's "Undo" section and keeps the promised copy after an allow, before the
 * hook hears the answer (`ask`). After every decision a short notification says what was decided,
 * about what, and by whom or by the deadline.
 */
export class ConfirmService extends Disposable {
  readonly queue: ConfirmQueue;
  readonly recovery: RecoveryKeeper;
  private readonly panel: ConfirmPanel<AskCommandParse>;

  constructor(
    extensionUri: vscode.Uri,
    private readonly config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
    private readonly userHome: string,
    private readonly analyse: (ask: ConfirmAsk, lockdown: boolean) => Promise<Verdict>,
    guardHome: string,
  ) {
    super();
    this.recovery = new RecoveryKeeper({ engine: loadDeferred, guardHome, userHome, workspaceRoots, settings: () => config.settings, logger, env: process.env });
    const preview = async (ask: PendingAsk, parse: AskCommandParse): Promise<Preview> => {
      const [main, undo] = await Promise.all([previewFor(ask, parse, userHome), this.recovery.sectionFor(ask.request).catch(() => undefined)]);
      return undo ? { sections: [undo, ...main.sections] } : main;
    };
    this.panel = this._register(
      new ConfirmPanel<AskCommandParse>({
        extensionUri,
        logger,
        analyse: (ask) => parseAskCommand(ask, userHome, workspaceRoots()),
        preview,
        choose: (id, choice) => this.recovery.choose(id, choice),
        modalNotice: process.env[TEST_MODE_ENV] !== '1',
      }),
    );
    this.queue = new ConfirmQueue({
      presenter: this.panel,
      logger,
      dialogTimeoutMs: () => config.settings.dialogTimeoutSeconds * 1000,
      lockdown: () => lockdown.isOn,
      onDecided: (request, answer) => this.notify(request, answer),
    });
    this.panel.attach(this.queue);
    this._register(toDisposable(() => this.queue.dispose()));
    this._register(
      lockdown.onDidChange((on) => {
        if (on) this.queue.denyAll('lockdown');
      }),
    );
  }

  private notify(request: ConfirmRequest, answer: ConfirmAnswer): void {
    if (answer.by === 'window-closing' || isSampleAsk(request)) return;
    const { host, phrase } = this.panel.describe({ request, phrase: '', deadline: request.deadline });
    const text = decisionNotice(host, phrase, answer);
    const calm = answer.decision === 'allow' || answer.by === 'user';
    void (calm ? vscode.window.showInformationMessage(text) : vscode.window.showWarningMessage(text));
  }

  /**
   * An ask from a hook: this window judges the action itself (the request carries no verdict or text
   * to show), denies at once what its own analysis denies, and shows the rest in the dialog.
   */
  async ask(ask: ConfirmAsk, digest: string): Promise<ConfirmAnswer & Omit<RecoveryOutcome, 'decision' | 'reason'>> {
    let verdict: Verdict;
    try {
      verdict = redactVerdict(this.withTeamRules(ask, await this.analyse(ask, this.lockdown.isOn)), redactSecrets);
    } catch (err) {
      this.logger.error(`Could not analyse the ask ${ask.id}: ${err instanceof Error ? err.message : String(err)}`);
      return { decision: 'deny', reason: 'This editor window could not analyse the action.', by: 'refused', actionDigest: digest };
    }
    if (verdict.decision === 'deny') {
      // In lockdown the editor's own analysis turns the ask into a deny: that is lockdown deciding.
      const answer: ConfirmAnswer = this.lockdown.isOn
        ? { decision: 'deny', reason: DENY_REASONS.lockdown, by: 'lockdown', actionDigest: digest }
        : { decision: 'deny', reason: verdict.reasons.join(' ') || 'This editor window denies the action.', by: 'refused', actionDigest: digest };
      if (answer.by === 'lockdown') this.notify({ ...ask, verdict, dedupeKey: digest }, answer);
      return answer;
    }
    const request = { ...ask, verdict, dedupeKey: digest };
    // An allow comes back only once the copy it promised is kept.
    return this.recovery.afterAnswer(request, await this.queue.ask(request));
  }

  /** The team's extra command rules (policy files, settings), as the hook applied them: the dialog shows their reasons. */
  private withTeamRules(ask: ConfirmAsk, verdict: Verdict): Verdict {
    const rules = this.config.settings.extraRules;
    if (rules.length === 0 || ask.action.kind !== 'shell') return verdict;
    const { analyze, gatherFacts } = loadDeferred();
    const facts = gatherFacts({ cwd: ask.action.cwd, workspaceRoots: ask.workspaceRoots, env: {}, home: this.userHome });
    const texts = [ask.action.command, ...analyze(ask.action.command, facts).invocations.map((inv) => [inv.name, ...inv.args.map((a) => a.text)].join(' '))];
    return applyExtraRules(verdict, texts, rules, this.lockdown.isOn);
  }
}
