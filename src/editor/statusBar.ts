import * as vscode from 'vscode';
import { COMMANDS } from './commandIds';
import type { Health } from './health';
import { Disposable } from './lifecycle';
import type { Lockdown } from './lockdown';

export type StatusKind = 'protected' | 'waiting' | 'unprotected' | 'lockdown';

/**
 * Two status bar items. The shield says how protected this window is (protected, waiting for the
 * first agent action, unprotected) and a click opens the status view that explains it. Lockdown has
 * an item of its own: one click turns it on, and turning it off asks a human.
 */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly lockdownItem: vscode.StatusBarItem;

  constructor(
    private readonly lockdown: Lockdown,
    private readonly health: Health,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('blastShield.status', vscode.StatusBarAlignment.Left, 1000));
    this.item.name = 'Blast Shield';
    this.item.command = COMMANDS.showStatus;
    this.lockdownItem = this._register(vscode.window.createStatusBarItem('blastShield.lockdown', vscode.StatusBarAlignment.Left, 999));
    this.lockdownItem.name = 'Blast Shield Lockdown';
    this.lockdownItem.command = COMMANDS.toggleLockdown;
    this._register(lockdown.onDidChange(() => this.update()));
    this._register(health.onDidChange(() => this.update()));
    this.update();
    this.item.show();
    this.lockdownItem.show();
  }

  get kind(): StatusKind {
    if (this.lockdown.isOn) return 'lockdown';
    return this.health.protection().kind;
  }

  private update(): void {
    this.updateShield();
    this.updateLockdown();
  }

  private updateShield(): void {
    const protection = this.health.protection();
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    switch (protection.kind) {
      case 'protected':
        this.item.text = '$(shield) Blast Shield';
        this.item.backgroundColor = undefined;
        this.item.accessibilityInformation = { label: `Blast Shield protected. ${protection.detail} Activate to show the status.`, role: 'button' };
        tooltip.appendMarkdown(`**Protected.** ${escape(protection.detail)}\n\nClick for the status of each host.`);
        break;
      case 'waiting':
        // Installed, intact and the dialog up, but no host has called yet: the usual state right after
        // set-up. Nothing is broken, so no warning colour; the words say what comes next.
        this.item.text = '$(shield) Blast Shield: waiting for the first agent action';
        this.item.backgroundColor = undefined;
        this.item.accessibilityInformation = { label: `Blast Shield is waiting for the first agent action. ${protection.detail} Activate to show the status.`, role: 'button' };
        tooltip.appendMarkdown(`**Waiting for the first agent action.** ${escape(protection.detail)}\n\nClick for the status of each host.`);
        break;
      case 'unprotected':
        this.item.text = '$(warning) Blast Shield: Unprotected';
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.item.accessibilityInformation = { label: `Blast Shield unprotected. ${protection.detail} Activate to show the status.`, role: 'button' };
        tooltip.appendMarkdown(`**Unprotected.** ${escape(protection.detail)}\n\nClick for the status of each host and what to do.`);
        break;
    }
    this.item.tooltip = tooltip;
  }

  private updateLockdown(): void {
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    if (this.lockdown.isOn) {
      this.lockdownItem.text = '$(lock) Lockdown on';
      this.lockdownItem.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.lockdownItem.accessibilityInformation = { label: 'Blast Shield lockdown is on: every risky agent action is denied. Activate to turn lockdown off.', role: 'button' };
      tooltip.appendMarkdown('**Lockdown is on.** Every agent action that would need confirmation is denied without a dialog, and credential files are hidden.\n\nClick to turn lockdown off (you will be asked to confirm).');
    } else {
      this.lockdownItem.text = '$(unlock) Lockdown';
      this.lockdownItem.backgroundColor = undefined;
      this.lockdownItem.accessibilityInformation = { label: 'Blast Shield lockdown is off. Activate to turn lockdown on: every risky agent action is then denied.', role: 'button' };
      tooltip.appendMarkdown('**Lockdown is off.** Agent actions that need confirmation show the dialog.\n\nClick to turn lockdown on: every such action is then denied without a dialog.');
    }
    this.lockdownItem.tooltip = tooltip;
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => '\\' + c);
}
