import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { askKindOf, askMessage, askPhrase } from '../../core/preview/askKind';
import { actionText, buildConfirmView, environmentBanner, HOST_LABELS, whoAsked } from '../../core/preview/confirmView';
import type { Preview } from '../../core/preview/model';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../../core/protocol/webview';
import type { ConfirmAnswer, ConfirmPresenter, ConfirmQueue, PendingAsk } from '../../node/confirm/confirmQueue';
import { Disposable, toDisposable } from '../lifecycle';

const VIEW_TYPE = 'blastShield.confirm';

export interface ConfirmPanelDeps<A extends { sendsOut: boolean }> {
  extensionUri: vscode.Uri;
  logger: Logger;
  /** The editor's own parse of the ask's command, made once per ask. */
  analyse(ask: PendingAsk): A;
  /** Computes the read-only preview of what an ask destroys. */
  preview(ask: PendingAsk, analysis: A): Promise<Preview>;
  /** The human's choices beside the phrase ("back up first"), reported before the phrase is checked. */
  choose?(requestId: string, choice: { backupFirst: boolean }): void;
  /**
   * Open the modal notice over the workbench (always, except under the integration tests' API: a
   * modal only a human can dismiss would hold the workbench those tests drive programmatically).
   */
  modalNotice: boolean;
}

const REVIEW = { title: 'Review…' };
const DENY = { title: 'Deny', isCloseAffordance: true };

/**
 * The confirm dialog. VS Code gives an extension no modal webview and no way to raise its window;
 * the one modal surface is a modal message, which blocks the workbench until answered and, in the
 * desktop editors' native dialog style, is brought to the front by the OS. So an ask opens the
 * review (a webview panel revealed and focused in the active editor group) and, over it, a modal
 * notice naming what is at stake: "Review…" puts the caret in the phrase box, "Deny" or Escape
 * denies. At most one notice is open at a time (a modal cannot be closed by the extension, so one
 * left over from an ask answered meanwhile only leads to the review of whatever is pending).
 *
 * The panel shows the head of the queue, relays the page's input to the queue (which compares the
 * phrase), and turns every way of leaving into a deny: closing the panel, and a second `ready` (the
 * page reloaded).
 */
export class ConfirmPanel<A extends { sendsOut: boolean }> extends Disposable implements ConfirmPresenter {
  private panel: vscode.WebviewPanel | undefined;
  private pageReady = false;
  private shown: { ask: PendingAsk; queued: number } | undefined;
  private readonly previews = new Map<string, Preview>();
  private readonly analyses = new Map<string, A>();
  private queue: ConfirmQueue | undefined;
  private noticeOpen = false;

  constructor(private readonly deps: ConfirmPanelDeps<A>) {
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
    void this.notice(ask);
  }

  /** What the ask is about, for the notice and the notification after the answer. */
  describe(ask: PendingAsk): { message: string; host: string; phrase: string; production: boolean } {
    const { request } = ask;
    // An ask denied without a dialog (lockdown) is analysed here once and not kept.
    const analysis = this.analyses.get(request.id) ?? this.deps.analyse(ask);
    const kind = askKindOf(request.verdict, analysis.sendsOut);
    const command = actionText(request.action);
    return {
      message: askMessage(kind, whoAsked(request), request.verdict.targets, command),
      host: HOST_LABELS[request.host],
      phrase: askPhrase(kind, request.verdict.targets, command),
      production: environmentBanner(request.verdict) !== null,
    };
  }

  private analysisOf(ask: PendingAsk): A {
    let a = this.analyses.get(ask.request.id);
    if (!a) {
      a = this.deps.analyse(ask);
      this.analyses.set(ask.request.id, a);
    }
    return a;
  }

  private async notice(ask: PendingAsk): Promise<void> {
    if (!this.deps.modalNotice || this.noticeOpen) return;
    this.noticeOpen = true;
    const { message, production } = this.describe(ask);
    const command = actionText(ask.request.action);
    const detail = [
      production ? (environmentBanner(ask.request.verdict) === 'unknown' ? 'PRODUCTION (environment unknown, treated as production).' : 'PRODUCTION.') : undefined,
      command.length > 400 ? `${command.slice(0, 400)}…` : command,
      'Review it to type the confirmation phrase, or deny it. Nothing runs until you answer.',
    ]
      .filter(Boolean)
      .join('\n\n');
    let choice: typeof REVIEW | typeof DENY | undefined;
    try {
      choice = await vscode.window.showWarningMessage(`Blast Shield: ${message}`, { modal: true, detail }, REVIEW, DENY);
    } catch (err) {
      // An editor that refuses modal dialogs (its test driver) still gets the review, focused.
      this.deps.logger.info(`The modal notice could not be shown (${err instanceof Error ? err.message : String(err)}); showing the review.`);
      choice = REVIEW;
    } finally {
      this.noticeOpen = false;
    }
    const current = this.shown?.ask;
    if (choice === DENY) {
      // Deny what the notice was about, only if it is still pending.
      this.queue?.deny(ask.request.id, 'user');
      return;
    }
    if (!current) return;
    // Another ask may have come to the head meanwhile: review that one.
    this.panel?.reveal(vscode.ViewColumn.Active, false);
    this.post({ type: 'focus', id: current.request.id });
  }

  queueChanged(queued: number): void {
    if (this.shown) this.shown.queued = queued;
    this.post({ type: 'queue', queued });
  }

  answered(ask: PendingAsk, answer: ConfirmAnswer, next: boolean): void {
    this.previews.delete(ask.request.id);
    this.analyses.delete(ask.request.id);
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
    this.deps.preview(ask, this.analysisOf(ask)).then(
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
    const view = buildConfirmView(ask.request, {
      deadline: ask.deadline,
      queued,
      preview: this.previews.get(ask.request.id),
      sendsOut: this.analysisOf(ask).sendsOut,
      earlierDeny: ask.earlierDeny,
    });
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
        this.deps.choose?.(message.id, { backupFirst: message.backupFirst === true });
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
