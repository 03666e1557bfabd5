import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { Configuration } from './configuration';
import type { GuardServices } from './guardServices';
import { Disposable, toDisposable } from './lifecycle';
import type { Lockdown } from './lockdown';

/**
 * File names that are credentials by name alone (a subset of the credential path rules). Creating or
 * deleting one re-runs hiding for its folder, so the agents' ignore files follow the workspace.
 * Files that are credentials only by content are picked up by the next scan, start-up or command.
 */
const CREDENTIAL_NAMES = '**/{.env,.env.*,*.env,.envrc,*.pem,*.key,*.p12,*.pfx,id_rsa*,id_ed25519*,credentials*.json,*-credentials.json,service-account*.json,*.tfvars,*.tfstate*,kubeconfig,.npmrc,.pypirc,.netrc,.pgpass,.git-credentials}';
const DEBOUNCE_MS = 2_000;

export class CredentialWatch extends Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly services: GuardServices,
    private readonly config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
  ) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(CREDENTIAL_NAMES, false, true, false));
    this._register(watcher.onDidCreate((uri) => this.schedule(uri)));
    this._register(watcher.onDidDelete((uri) => this.schedule(uri)));
    this._register(toDisposable(() => this.pending.forEach((t) => clearTimeout(t))));
  }

  private schedule(uri: vscode.Uri): void {
    if (!this.config.settings.hideCredentialsOnStartup && !this.lockdown.isOn) return;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || folder.uri.scheme !== 'file') return;
    const root = folder.uri.fsPath;
    clearTimeout(this.pending.get(root));
    this.pending.set(
      root,
      setTimeout(() => {
        this.pending.delete(root);
        this.services.hiding.hide(root).then(
          (changed) => this.logger.info(`Credential files changed in ${folder.name}: hiding refreshed (${changed.length} file(s) changed).`),
          (err: unknown) => this.logger.warn(`Refreshing hidden credential files in ${folder.name} failed: ${err instanceof Error ? err.message : String(err)}`),
        );
      }, DEBOUNCE_MS),
    );
  }
}
