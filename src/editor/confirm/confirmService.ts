import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { Preview } from '../../core/preview/model';
import type { ConfirmRequest } from '../../core/protocol/ipc';
import { ConfirmQueue, type PendingAsk } from '../../node/confirm/confirmQueue';
import { RecoveryKeeper, type RecoveryOutcome } from '../../node/confirm/recoveryKeeper';
import { loadDeferred } from '../loadDeferred';
import type { Configuration } from '../configuration';
import { Disposable, toDisposable } from '../lifecycle';
import type { Lockdown } from '../lockdown';
import { ConfirmPanel } from './confirmPanel';
import { previewFor } from './previewService';

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/**
 * The queue of asks and the panel that shows them, wired to settings and lockdown. The recovery
 * keeper adds the dialog's "Undo" section and keeps the promised copy after an allow, before the
 * hook hears the answer (`ask`).
 */
export class ConfirmService extends Disposable {
  readonly queue: ConfirmQueue;
  readonly recovery: RecoveryKeeper;

  constructor(extensionUri: vscode.Uri, config: Configuration, lockdown: Lockdown, logger: Logger, userHome: string, guardHome: string) {
    super();
    this.recovery = new RecoveryKeeper({ engine: loadDeferred, guardHome, userHome, workspaceRoots, settings: () => config.settings, logger, env: process.env });
    const preview = async (ask: PendingAsk): Promise<Preview> => {
      const [main, undo] = await Promise.all([previewFor(ask, userHome, workspaceRoots()), this.recovery.sectionFor(ask.request).catch(() => undefined)]);
      return undo ? { sections: [undo, ...main.sections] } : main;
    };
    const panel = this._register(new ConfirmPanel({ extensionUri, logger, preview, choose: (id, choice) => this.recovery.choose(id, choice) }));
    this.queue = new ConfirmQueue({
      presenter: panel,
      logger,
      dialogTimeoutMs: () => config.settings.dialogTimeoutSeconds * 1000,
      lockdown: () => lockdown.isOn,
    });
    panel.attach(this.queue);
    this._register(toDisposable(() => this.queue.dispose()));
    this._register(
      lockdown.onDidChange((on) => {
        if (on) this.queue.denyAll('Lockdown was switched on.');
      }),
    );
  }

  /** Ask a human; an allow comes back only once the copy it promised is kept. */
  async ask(request: ConfirmRequest): Promise<RecoveryOutcome> {
    return this.recovery.afterAnswer(request, await this.queue.ask(request));
  }
}
