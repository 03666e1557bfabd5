import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { ConfirmQueue } from '../../node/confirm/confirmQueue';
import type { Configuration } from '../configuration';
import { Disposable, toDisposable } from '../lifecycle';
import type { Lockdown } from '../lockdown';
import { ConfirmPanel } from './confirmPanel';
import { previewFor } from './previewService';

function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** The queue of asks and the panel that shows them, wired to settings and lockdown. */
export class ConfirmService extends Disposable {
  readonly queue: ConfirmQueue;

  constructor(extensionUri: vscode.Uri, config: Configuration, lockdown: Lockdown, logger: Logger, userHome: string) {
    super();
    const panel = this._register(new ConfirmPanel({ extensionUri, logger, preview: (ask) => previewFor(ask, userHome, workspaceRoots()) }));
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
        if (on) this.queue.denyAll('lockdown');
      }),
    );
  }
}
