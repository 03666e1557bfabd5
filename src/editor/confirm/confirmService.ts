import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { redactSecrets, redactVerdict } from '../../core/audit/redact';
import type { Verdict } from '../../core/policy/types';
import type { ConfirmAsk } from '../../core/protocol/ipc';
import { ConfirmQueue, type ConfirmAnswer } from '../../node/confirm/confirmQueue';
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

  constructor(
    extensionUri: vscode.Uri,
    config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
    userHome: string,
    private readonly analyse: (ask: ConfirmAsk, lockdown: boolean) => Promise<Verdict>,
  ) {
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
        if (on) this.queue.denyAll('Lockdown was switched on.');
      }),
    );
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
      return { decision: 'deny', reason: 'This editor window could not analyse the action.', actionDigest: digest };
    }
    if (verdict.decision === 'deny') return { decision: 'deny', reason: `Denied by this editor window: ${verdict.reasons.join(' ')}`, actionDigest: digest };
    return this.queue.ask({ ...ask, verdict, dedupeKey: digest });
  }
}
