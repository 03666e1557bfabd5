import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { Health } from './health';
import { Disposable } from './lifecycle';
import type { Lockdown } from './lockdown';

export type StatusKind = 'protected' | 'lockdown' | 'unprotected';

/** The status bar item: protected / lockdown / unprotected. A click toggles lockdown. */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(
    private readonly lockdown: Lockdown,
    private readonly health: Health,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('blastShield.status', vscode.StatusBarAlignment.Left, 1000));
    this.item.name = 'Blast Shield';
    this.item.command = COMMANDS.toggleLockdown;
    this._register(lockdown.onDidChange(() => this.update()));
    this._register(health.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  get kind(): StatusKind {
    if (this.lockdown.isOn) return 'lockdown';
    return this.health.protection().kind;
  }

  private update(): void {
    const kind = this.kind;
    const protection = this.health.protection();
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    switch (kind) {
      case 'lockdown':
        this.item.text = '$(lock) Blast Shield: Lockdown';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        this.item.accessibilityInformation = { label: 'Blast Shield lockdown is on: every risky agent action is denied. Activate to turn lockdown off.', role: 'button' };
        tooltip.appendMarkdown('**Lockdown is on.** Every agent action that would need confirmation is denied without a dialog, and credential files are hidden.\n\nClick to turn lockdown off.');
        break;
      case 'protected':
        this.item.text = '$(shield) Blast Shield';
        this.item.backgroundColor = undefined;
        this.item.accessibilityInformation = { label: `Blast Shield protected. ${protection.detail} Activate to turn lockdown on.`, role: 'button' };
        tooltip.appendMarkdown(`**Protected.** ${escape(protection.detail)}\n\nClick to turn lockdown on.`);
        break;
      case 'unprotected': {
        // Installed, intact and the dialog up, but no host has called yet: the usual state right after
        // installing. Shown as a warning, not an error: nothing is broken, it is just not proven.
        const awaitingFirstCall = this.health.ipcRunning && this.health.hosts().some((h) => h.install.installed) && this.health.hosts().every((h) => !h.install.installed || h.install.intact);
        this.item.text = '$(warning) Blast Shield: Unprotected';
        this.item.backgroundColor = new vscode.ThemeColor(awaitingFirstCall ? 'statusBarItem.warningBackground' : 'statusBarItem.errorBackground');
        this.item.accessibilityInformation = { label: `Blast Shield unprotected. ${protection.detail} Activate to turn lockdown on.`, role: 'button' };
        tooltip.appendMarkdown(`**Unprotected${awaitingFirstCall ? ' until a host calls the hook' : ''}.** ${escape(protection.detail)}\n\nClick to turn lockdown on. Run *Blast Shield: Show Status* for each host.`);
        break;
      }
    }
    this.item.tooltip = tooltip;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => '\\' + c);
}
