import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { MirroredWorkspace } from '../core/settings/mirror';
import type { GuardSettings } from '../core/settings/types';
import { assertSettingsMirror, watchSettingsMirror } from '../node/settings/settingsMirrorFile';
import { LOCKDOWN_CONTEXT_KEY } from './commandIds';
import type { Configuration } from './configuration';
import { Disposable } from './lifecycle';

const STATE_KEY = 'blastShield.lockdown';

/**
 * Lockdown for this workspace: remembered in workspaceState (where no agent writes), exposed as a
 * context key, and mirrored with the production markers and protected paths into the guard home's
 * settings file for the hook. When that file changes behind our back it is rewritten from our state:
 * an agent that edits it cannot turn lockdown off.
 */
export class Lockdown extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<boolean>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly config: Configuration,
    private readonly guardHome: string,
    private readonly logger: Logger,
  ) {
    super();
    let wasOn = this.isOn;
    this._register(
      config.onDidChange(() => {
        this.sync();
        // A managed policy that starts (or stops) forcing lockdown changes it without a toggle.
        if (this.isOn !== wasOn) this.changed.fire(this.isOn);
        wasOn = this.isOn;
      }),
    );
    this._register(watchSettingsMirror(guardHome, () => this.reassert()));
    this.sync();
  }

  /** The managed policy forces lockdown: nobody at this machine can switch it off. */
  get isForced(): boolean {
    return this.config.settings.lockdownForced;
  }

  get isOn(): boolean {
    if (this.isForced) return true;
    const stored = this.state.get<boolean>(STATE_KEY);
    return stored ?? this.config.settings.lockdownDefault;
  }

  async set(on: boolean): Promise<void> {
    if (!on && this.isForced) {
      this.logger.warn('Lockdown is forced on by the managed policy; it cannot be switched off here.');
      void vscode.window.showWarningMessage('Blast Shield: lockdown is required by your organisation\'s managed policy and cannot be switched off.');
      return;
    }
    await this.state.update(STATE_KEY, on);
    this.logger.info(`Lockdown ${on ? 'on' : 'off'} for this workspace.`);
    this.sync();
    this.changed.fire(on);
  }

  /** The mirror entries this window owns: one per workspace folder. */
  private entries(): Record<string, MirroredWorkspace> {
    const settings: GuardSettings = this.config.settings;
    const entry: MirroredWorkspace = { lockdown: this.isOn, production: settings.production, protectedPaths: settings.protectedPaths };
    const out: Record<string, MirroredWorkspace> = {};
    for (const folder of vscode.workspace.workspaceFolders ?? []) if (folder.uri.scheme === 'file') out[folder.uri.fsPath] = entry;
    return out;
  }

  private sync(): void {
    void vscode.commands.executeCommand('setContext', LOCKDOWN_CONTEXT_KEY, this.isOn);
    this.write(false);
  }

  private reassert(): void {
    if (!this.isDisposed) this.write(true);
  }

  private write(afterExternalChange: boolean): void {
    try {
      const rewritten = assertSettingsMirror(this.guardHome, this.entries());
      if (rewritten && afterExternalChange) this.logger.warn('The settings mirror for the hook was changed outside the extension; restored it.');
    } catch (err) {
      this.logger.error(`Could not write the settings mirror for the hook: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
