import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redactSecrets } from '../core/audit/redact';
import type { Configuration } from './configuration';
import type { GuardServices } from './guardServices';
import { Disposable } from './lifecycle';
import type { Lockdown } from './lockdown';

/**
 * A second layer for agents that type into the integrated terminal without any hook. Shell
 * integration reports a command only after it has started, so this is best effort: it logs and warns
 * about flagged commands and, in lockdown, interrupts them (Ctrl-C, then closes the terminal) —
 * a fast command may already have done its damage.
 */
export class TerminalWatch extends Disposable {
  private engineMissingLogged = false;

  constructor(
    private readonly services: GuardServices,
    private readonly config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
  ) {
    super();
    this._register(vscode.window.onDidStartTerminalShellExecution((e) => this.onStart(e)));
  }

  private onStart(e: vscode.TerminalShellExecutionStartEvent): void {
    if (!this.config.settings.terminalWatch) return;
    const command = e.execution.commandLine.value.trim();
    if (command.length === 0) return;
    this.logger.trace(`Terminal command started: ${redactSecrets(command).slice(0, 300)}`);
    void this.check(command, e);
  }

  private async check(command: string, e: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const cwd = e.execution.cwd?.scheme === 'file' ? e.execution.cwd.fsPath : (roots[0] ?? this.services.userHome);
    let verdict;
    try {
      verdict = await this.services.policy.classifyCommand(command, { cwd, workspaceRoots: roots, home: this.services.userHome, env: process.env }, { lockdown: this.lockdown.isOn });
    } catch (err) {
      if (!this.engineMissingLogged) this.logger.warn(`Terminal watch cannot classify commands: ${err instanceof Error ? err.message : String(err)}`);
      this.engineMissingLogged = true;
      return;
    }
    if (verdict.decision === 'allow') return;
    const shown = redactSecrets(command).slice(0, 300);
    const why = verdict.reasons[0] ?? 'flagged by the policy';
    const interrupt = this.lockdown.isOn;
    this.logger.warn(`Terminal command flagged (${verdict.decision}${interrupt ? ', interrupted' : ''}): ${shown} — ${verdict.reasons.join(' ')}`);
    void this.services.audit
      .append({
        host: 'vscode',
        event: 'terminalShellExecution',
        kind: 'shell',
        subject: shown,
        cwd,
        decision: interrupt ? 'deny' : 'allow',
        decidedBy: 'observed',
        reasons: [...verdict.reasons, interrupt ? 'Interrupted by terminal watch (best effort: it had already started).' : 'Seen by terminal watch after it started; not stopped.'],
        production: verdict.production,
      })
      .catch((err: unknown) => this.logger.warn(`Could not append the terminal observation to the audit log: ${err instanceof Error ? err.message : String(err)}`));
    if (interrupt) {
      e.terminal.sendText('\x03', false);
      setTimeout(() => e.terminal.dispose(), 150);
      void vscode.window.showWarningMessage(`Blast Shield interrupted a terminal command in lockdown and closed the terminal (best effort: it had already started): ${shown}`);
      return;
    }
    void vscode.window.showWarningMessage(`Blast Shield: a terminal command that ran without a hook was flagged — ${why} Commands typed into the terminal are seen only after they start.`, 'Turn On Lockdown').then((choice) => {
      if (choice === 'Turn On Lockdown') void this.lockdown.set(true);
    });
  }
}
