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
/** Edits come in bursts (a save, a branch switch, an install): the index is refreshed once they settle. */
const INDEX_DEBOUNCE_MS = 3_000;
/** How often a "current" feed is renewed (the hook ignores one older than 150 s). */
const FEED_RENEW_MS = 60_000;

/** Folder names the index never walks (SKIPPED_DIRS): excluding them from watching hides nothing from it. */
const UNINDEXED = /(^|\/)(node_modules|\.git|\.hg|\.svn|\.venv|venv|__pycache__|dist|build|out|target|coverage|vendor|\.next|\.nuxt|\.turbo|\.cache|\.terraform|\.gradle|bower_components)(\/|$)/;

/**
 * Can this window vouch for the index of a folder? Only when the file watcher sees every folder the
 * index walks: a `files.watcherExclude` pattern that names no skipped folder could hide a new
 * credential file from it.
 */
function watchesEverythingIndexed(folder: vscode.WorkspaceFolder): boolean {
  const excluded = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, boolean>>('watcherExclude') ?? {};
  return Object.entries(excluded).every(([pattern, on]) => !on || UNINDEXED.test(pattern));
}

/**
 * Keeps two things in step with the workspace: the agents' ignore files (hiding) when credential
 * files come or go, and the credential index the hook reads (refreshed with secretlint after any
 * change, so the hook's own secretlint-free loads find it complete and current).
 */
export class CredentialWatch extends Disposable {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly pendingIndex = new Map<string, NodeJS.Timeout>();
  /** One refresh at a time per folder; a change during a refresh schedules the next. */
  private readonly indexing = new Map<string, Promise<void>>();
  /** When a change was last seen per folder, and the index this window vouches for (the change feed). */
  private readonly lastChange = new Map<string, number>();
  private readonly vouched = new Map<string, number>();

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
    const anyFile = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
    for (const event of [anyFile.onDidCreate, anyFile.onDidChange, anyFile.onDidDelete]) this._register(event((uri) => this.scheduleIndex(uri)));
    this._register(toDisposable(() => this.pendingIndex.forEach((t) => clearTimeout(t))));
    const renew = setInterval(() => {
      for (const [root, scannedAt] of this.vouched) this.report(root, { state: 'current', scannedAt });
    }, FEED_RENEW_MS);
    this._register(toDisposable(() => clearInterval(renew)));
    // A closing window stops vouching: its feeds name a process that is gone, which the hook ignores.
  }

  private report(root: string, feed: { state: 'current' | 'changed'; scannedAt?: number }): void {
    this.services.scanner.reportIndexFeed(root, feed).catch((err: unknown) => this.logger.warn(`Could not update the credential index feed for ${root}: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** Build or refresh the index of every workspace folder now (after activation). */
  warmAll(reason: string): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    return Promise.all(roots.map((root) => this.warm(root, reason))).then(() => undefined);
  }

  private warm(root: string, reason: string): Promise<void> {
    const previous = this.indexing.get(root) ?? Promise.resolve();
    const next = previous.then(async () => {
      const started = Date.now();
      try {
        const { files, complete, scannedAt } = await this.services.scanner.warmIndex(root);
        // Vouch for it only if nothing changed since this refresh began and the watcher sees it all.
        const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
        if ((this.lastChange.get(root) ?? 0) < started && folder && watchesEverythingIndexed(folder)) {
          this.vouched.set(root, scannedAt);
          this.report(root, { state: 'current', scannedAt });
        }
        this.logger.info(`Credential index for ${root} ${reason}: ${files} credential file(s)${complete ? '' : ' (incomplete: secretlint unavailable or the walk hit its limits)'} in ${Date.now() - started} ms.`);
      } catch (err) {
        this.logger.warn(`Credential index for ${root} (${reason}) failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    this.indexing.set(root, next);
    void next.then(() => {
      if (this.indexing.get(root) === next) this.indexing.delete(root);
    });
    return next;
  }

  private scheduleIndex(uri: vscode.Uri): void {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder || folder.uri.scheme !== 'file') return;
    const root = folder.uri.fsPath;
    this.lastChange.set(root, Date.now());
    if (this.vouched.delete(root)) this.report(root, { state: 'changed' });
    clearTimeout(this.pendingIndex.get(root));
    this.pendingIndex.set(
      root,
      setTimeout(() => {
        this.pendingIndex.delete(root);
        void this.warm(root, 'refreshed after changes');
      }, INDEX_DEBOUNCE_MS),
    );
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
