import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { buildConfirmView } from '../../core/preview/confirmView';
import type { Preview } from '../../core/preview/model';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../../core/protocol/webview';
import type { ConfirmAnswer, ConfirmPresenter, ConfirmQueue, PendingAsk } from '../../node/confirm/confirmQueue';
import { Disposable, toDisposable } from '../lifecycle';

const VIEW_TYPE = 'blastShield.confirm';

export interface ConfirmPanelDeps {
  extensionUri: vscode.Uri;
  logger: Logger;
  /** Computes the read-only preview of what an ask destroys. */
  preview(ask: PendingAsk): Promise<Preview>;
}

/**
 * The confirm dialog as a webview panel that takes focus. It shows the head of the queue, relays the
 * page's input to the queue (which compares the phrase), and turns every way of leaving into a deny:
 * closing the panel, and a second `ready` (the page reloaded).
 */
export class ConfirmPanel extends Disposable implements ConfirmPresenter {
  private panel: vscode.WebviewPanel | undefined;
  private pageReady = false;
  private shown: { ask: PendingAsk; queued: number } | undefined;
  private readonly previews = new Map<string, Preview>();
  private queue: ConfirmQueue | undefined;

  constructor(private readonly deps: ConfirmPanelDeps) {
    super();
    this._register(toDisposable(() => this.panel?.dispose()));
  }

  /** Set once, right after the queue is built (the queue and the panel know each other). */
  attach(queue: ConfirmQueue): void {
    this.queue = queue;
  }

  show(ask: PendingAsk, queued: number): void {
    this.shown = { ask, queued };
    const panel = this.ensurePanel();
    panel.title = ask.request.verdict.production ? 'Blast Shield — PRODUCTION' : 'Blast Shield — confirm';
    panel.reveal(vscode.ViewColumn.Active, false);
    if (this.pageReady) this.postShow();
    this.startPreview(ask);
  }

  queueChanged(queued: number): void {
    if (this.shown) this.shown.queued = queued;
    this.post({ type: 'queue', queued });
  }

  answered(ask: PendingAsk, answer: ConfirmAnswer, next: boolean): void {
    this.previews.delete(ask.request.id);
    this.post({ type: 'closed', id: ask.request.id, outcome: answer.decision === 'allow' ? 'allowed' : 'denied', reason: answer.reason });
    this.shown = undefined;
    if (!next) {
      const panel = this.panel;
      this.panel = undefined;
      panel?.dispose();
    }
  }

  private startPreview(ask: PendingAsk): void {
    const id = ask.request.id;
    if (this.previews.has(id)) return;
    this.deps.preview(ask).then(
      (preview) => {
        this.previews.set(id, preview);
        if (this.shown?.ask.request.id === id) this.post({ type: 'preview', id, preview });
      },
      (err: unknown) => this.deps.logger.warn(`Preview for ${id} failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private postShow(): void {
    if (!this.shown) return;
    const { ask, queued } = this.shown;
    const view = buildConfirmView(ask.request, { deadline: ask.deadline, queued, preview: this.previews.get(ask.request.id) });
    view.phrase = ask.phrase;
    this.post({ type: 'show', view });
  }

  private post(message: HostToWebview): void {
    if (this.panel && this.pageReady) void this.panel.webview.postMessage(message);
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const scripts = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Blast Shield — confirm',
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, enableForms: true, localResourceRoots: [media, scripts], retainContextWhenHidden: true, enableFindWidget: false },
    );
    panel.iconPath = vscode.Uri.joinPath(media, 'icon.png');
    this.pageReady = false;
    panel.webview.html = this.html(panel.webview, media, scripts);
    const listeners = [
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(panel, m)),
      panel.onDidDispose(() => {
        for (const l of listeners) l.dispose();
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.pageReady = false;
        const current = this.shown?.ask.request.id;
        if (current) this.queue?.deny(current, 'closed');
      }),
    ];
    this.panel = panel;
    return panel;
  }

  private onMessage(panel: vscode.WebviewPanel, raw: unknown): void {
    if (panel !== this.panel) return;
    if (!isWebviewToHost(raw)) {
      this.deps.logger.warn('Ignored a malformed message from the confirm dialog.');
      return;
    }
    const message: WebviewToHost = raw;
    switch (message.type) {
      case 'ready':
        if (this.pageReady && this.shown) {
          // A pending confirmation must not survive a reload of the page.
          this.queue?.deny(this.shown.ask.request.id, 'reloaded');
          return;
        }
        this.pageReady = true;
        this.postShow();
        return;
      case 'submit': {
        const result = this.queue?.submit(message.id, message.phrase) ?? 'not-current';
        if (result === 'mismatch') this.post({ type: 'phraseMismatch', id: message.id });
        return;
      }
      case 'deny':
        this.queue?.deny(message.id, 'user');
        return;
    }
  }

  private html(webview: vscode.Webview, media: vscode.Uri, scripts: vscode.Uri): string {
    const nonce = crypto.randomBytes(18).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'confirm.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'confirm.js'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css.toString()}">
<title>Blast Shield — confirm</title>
</head>
<body>
<div id="root" aria-live="polite"><p>Loading the confirmation…</p></div>
<script nonce="${nonce}" src="${js.toString()}"></script>
</body>
</html>`;
  }
}
