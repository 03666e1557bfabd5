import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { redactSecrets, redactVerdict } from '../../core/audit/redact';
import type { Verdict } from '../../core/policy/types';
import { decisionNotice } from '../../core/preview/askKind';
import type { ConfirmAsk, ConfirmRequest } from '../../core/protocol/ipc';
import { ConfirmQueue, DENY_REASONS, type ConfirmAnswer } from '../../node/confirm/confirmQueue';
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
 * The queue of asks and the panel that shows them, wired to settings and lockdown. After every
 * decision a short notification says what was decided, about what, and by whom or by the deadline.
 */
export class ConfirmService extends Disposable {
  readonly queue: ConfirmQueue;
  private readonly panel: ConfirmPanel<AskCommandParse>;

  constructor(
    extensionUri: vscode.Uri,
    config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
    userHome: string,
    private readonly analyse: (ask: ConfirmAsk, lockdown: boolean) => Promise<Verdict>,
  ) {
    super();
    this.panel = this._register(
      new ConfirmPanel<AskCommandParse>({
        extensionUri,
        logger,
        analyse: (ask) => parseAskCommand(ask, userHome, workspaceRoots()),
        preview: (ask, analysis) => previewFor(ask, analysis, userHome),
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
  async ask(ask: ConfirmAsk, digest: string): Promise<ConfirmAnswer> {
    let verdict: Verdict;
    try {
      verdict = redactVerdict(await this.analyse(ask, this.lockdown.isOn), redactSecrets);
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
    return this.queue.ask({ ...ask, verdict, dedupeKey: digest });
  }
}
