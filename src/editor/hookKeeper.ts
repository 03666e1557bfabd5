import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { GuardServices, KeeperReport } from './guardServices';
import type { Health } from './health';
import { Disposable, toDisposable } from './lifecycle';

/** How often installed hooks are re-checked after start-up. */
const INTERVAL_MS = 3 * 60 * 1000;

/**
 * Keeps installed hooks healthy without being asked (see src/node/hosts/keeper.ts): after start-up
 * and every few minutes, altered entries are rewritten and the installed CLI follows this extension's
 * version, and entries removed without an uninstall are put back. What it changed is logged and shown.
 */
export class HookKeeper extends Disposable {
  private running: Promise<KeeperReport | undefined> | undefined;

  constructor(
    private readonly services: GuardServices,
    private readonly health: Health,
    private readonly workspaceRoot: () => string | undefined,
    private readonly logger: Logger,
  ) {
    super();
    const timer = setInterval(() => void this.check(), INTERVAL_MS);
    timer.unref?.();
    this._register(toDisposable(() => clearInterval(timer)));
  }

  /** One pass; concurrent callers share it. Never throws. */
  check(): Promise<KeeperReport | undefined> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<KeeperReport | undefined> {
    if (this.isDisposed) return undefined;
    let report: KeeperReport;
    try {
      report = await this.services.hooks.keep(this.workspaceRoot());
    } catch (err) {
      this.logger.warn(`Checking the installed hooks failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
    if (report.cliUpdated) this.logger.info("Updated the installed hook CLI (~/.blast-shield/bin) to this extension's version.");
    for (const r of report.repaired) this.logger.warn(`Repaired altered hook entries: ${r}`);
    for (const f of report.failed) this.logger.error(`Could not repair hook entries: ${f}`);
    for (const r of report.restored) this.logger.warn(`Put back hook entries removed without an uninstall: ${r}`);
    if (report.restored.length > 0) {
      void vscode.window.showWarningMessage(
        `Blast Shield put back hook entries that were removed without uninstalling (${report.restored.map((r) => r.split(':')[0]).join(', ')}). To remove them for good, use "Blast Shield: Uninstall Hooks".`,
        { detail: report.restored.join('\n') },
      );
    }
    if (report.repaired.length > 0) {
      void vscode.window.showWarningMessage(`Blast Shield repaired hook entries that had been altered (${report.repaired.map((r) => r.split(':')[0]).join(', ')}).`, { detail: report.repaired.join('\n') });
    }
    if (report.failed.length > 0) {
      void vscode.window.showErrorMessage('Blast Shield could not repair some hook entries: see its output channel.', { detail: report.failed.join('\n') });
    }
    if (report.cliUpdated || report.repaired.length > 0 || report.restored.length > 0 || report.failed.length > 0) await this.health.refresh();
    return report;
  }
}
