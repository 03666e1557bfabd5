import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { AnchorState, ConfirmAsk, EventNotice } from '../core/protocol/ipc';
import type { ConfirmAnswer } from '../node/confirm/confirmQueue';
import { startIpcServer, type IpcServerHandle } from '../node/ipc/server';
import { Disposable, toDisposable } from './lifecycle';

export interface IpcBridgeDeps {
  guardHome: string;
  logger: Logger;
  onConfirm(request: ConfirmAsk, digest: string): Promise<ConfirmAnswer>;
  /** The audit anchor this window keeps (for `blast-shield audit verify`). */
  anchor?(): AnchorState | null;
  lockdown(): boolean;
  onEvent(notice: EventNotice): void;
  onState(up: boolean, problem?: string): void;
}

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/**
 * This window's end of the hook channel: a per-window socket with a random token and an owner-only
 * discovery file, removed when the window closes. Until it is up, and if it fails, hooks cannot reach
 * a dialog and deny on their own.
 */
export class IpcBridge extends Disposable {
  private handle: IpcServerHandle | undefined;

  constructor(private readonly deps: IpcBridgeDeps) {
    super();
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.handle?.setWorkspaceFolders(folders())));
    this._register(toDisposable(() => void this.handle?.dispose()));
  }

  get endpoint(): { endpoint: string; token: string } | undefined {
    return this.handle && { endpoint: this.handle.endpoint, token: this.handle.token };
  }

  async start(): Promise<void> {
    try {
      const handle = await startIpcServer({
        home: this.deps.guardHome,
        appName: vscode.env.appName,
        workspaceFolders: folders(),
        onConfirm: (request, digest) => this.deps.onConfirm(request, digest),
        onAnchor: () => this.deps.anchor?.() ?? null,
        onPing: () => ({ lockdown: this.deps.lockdown() }),
        onEvent: (notice) => this.deps.onEvent(notice),
      });
      if (this.isDisposed) {
        await handle.dispose();
        return;
      }
      this.handle = handle;
      this.deps.logger.info(`Hook socket listening (discovery file ${handle.discoveryFile}).`);
      this.deps.onState(true);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.deps.logger.error(`The hook socket could not start: ${message}. Hooks will deny every action that needs confirmation.`);
      this.deps.onState(false, `the socket could not start (${message})`);
    }
  }
}
