import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { redactSecrets } from '../core/audit/redact';
import { agentOfTerminal, runsOnlyGuardCli } from './agentTerminals';
import type { Configuration } from './configuration';
import type { GuardServices } from './guardServices';
import { Disposable } from './lifecycle';
import { loadDeferred } from './loadDeferred';
import type { Lockdown } from './lockdown';

/**
 * A second layer for agents that run commands in the integrated terminal without any hook. It looks
 * only at terminals an agent created (see agentTerminals.ts), never at the user's own, and never at
 * the guard's own CLI. Shell integration reports a command only after it has started, so this is best
 * effort: it logs and warns about flagged commands and, in lockdown, interrupts them with Ctrl-C — a
 * fast command may already have done its damage. It never closes a terminal.
 */
export class TerminalWatch extends Disposable {
  private engineMissingLogged = false;

  constructor(
    private readonly services: GuardServices,
    private readonly config: Configuration,
    private readonly lockdown: Lockdown,
    private readonly logger: Logger,
    private readonly extensionPath: string,
  ) {
    super();
    this._register(vscode.window.onDidStartTerminalShellExecution((e) => this.onStart(e)));
  }

  private onStart(e: vscode.TerminalShellExecutionStartEvent): void {
    if (!this.config.settings.terminalWatch) return;
    const options = e.terminal.creationOptions;
    const agent = agentOfTerminal({ name: e.terminal.name, hideFromUser: 'hideFromUser' in options ? options.hideFromUser : undefined });
    if (!agent) return;
    const command = e.execution.commandLine.value.trim();
    if (command.length === 0) return;
    this.logger.trace(`Terminal command started (${agent}): ${redactSecrets(command).slice(0, 300)}`);
    void this.check(command, agent, e);
  }

  private async check(command: string, agent: string, e: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const cwd = e.execution.cwd?.scheme === 'file' ? e.execution.cwd.fsPath : (roots[0] ?? this.services.userHome);
    const request = { cwd, workspaceRoots: roots, home: this.services.userHome, env: process.env };
    let verdict;
    try {
      const { analyze, gatherFacts } = loadDeferred();
      const guardDirs = [path.join(this.extensionPath, 'dist'), path.join(this.services.guardHome, 'bin')];
      if (runsOnlyGuardCli(analyze(command, gatherFacts(request)).invocations, guardDirs)) return;
      verdict = await this.services.policy.classifyCommand(command, request, { lockdown: this.lockdown.isOn });
    } catch (err) {
      if (!this.engineMissingLogged) this.logger.warn(`Terminal watch cannot classify commands: ${err instanceof Error ? err.message : String(err)}`);
      this.engineMissingLogged = true;
      return;
    }
    if (verdict.decision === 'allow') return;
    const shown = redactSecrets(command).slice(0, 300);
    const why = verdict.reasons[0] ?? 'flagged by the policy';
    const interrupt = this.lockdown.isOn;
    this.logger.warn(`Terminal command flagged in ${agent}'s terminal (${verdict.decision}${interrupt ? ', interrupted' : ''}): ${shown} — ${verdict.reasons.join(' ')}`);
    void this.services.audit
      .append({
        host: 'vscode',
        event: 'terminalShellExecution',
        kind: 'shell',
        subject: shown,
        cwd,
        decision: interrupt ? 'deny' : 'allow',
        decidedBy: 'observed',
        agent,
        reasons: [...verdict.reasons, interrupt ? 'Interrupted by terminal watch (best effort: it had already started).' : 'Seen by terminal watch after it started; not stopped.'],
        production: verdict.production,
      })
      .catch((err: unknown) => this.logger.warn(`Could not append the terminal observation to the audit log: ${err instanceof Error ? err.message : String(err)}`));
    if (interrupt) {
      e.terminal.sendText('\x03', false);
      void vscode.window.showWarningMessage(`Blast Shield interrupted a command in ${agent}'s terminal (lockdown is on; best effort: it had already started): ${shown}`);
      return;
    }
    void vscode.window.showWarningMessage(`Blast Shield: ${agent} ran a command in a terminal without a hook, and it was flagged — ${why} Terminal commands are seen only after they start.`, 'Turn On Lockdown').then((choice) => {
      if (choice === 'Turn On Lockdown') void this.lockdown.set(true);
    });
  }
}
