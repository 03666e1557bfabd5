import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { decisionNotice } from '../../core/preview/askKind';
import type { ConfirmRequest } from '../../core/protocol/ipc';
import { ConfirmQueue, type ConfirmAnswer } from '../../node/confirm/confirmQueue';
import type { Configuration } from '../configuration';
import { Disposable, toDisposable } from '../lifecycle';
import type { Lockdown } from '../lockdown';
import { ConfirmPanel } from './confirmPanel';
import { analyseAsk, previewFor, type AskAnalysis } from './previewService';
import { isSampleAsk } from './sampleAsks';

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/**
 * The queue of asks and the panel that shows them, wired to settings and lockdown. After every
 * decision a short notification says what was decided, about what, and by whom or by the deadline.
 */
export class ConfirmService extends Disposable {
  readonly queue: ConfirmQueue;
  private readonly panel: ConfirmPanel<AskAnalysis>;

  constructor(extensionUri: vscode.Uri, config: Configuration, lockdown: Lockdown, logger: Logger, userHome: string) {
    super();
    this.panel = this._register(
      new ConfirmPanel<AskAnalysis>({
        extensionUri,
        logger,
        analyse: (ask) => analyseAsk(ask, userHome, workspaceRoots()),
        preview: (ask, analysis) => previewFor(ask, analysis, userHome),
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
}
