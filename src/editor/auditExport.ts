import * as fs from 'node:fs';
import type { Logger } from '../core/logger';
import type { GuardSettings } from '../core/settings/types';
import { loadAuditExport } from '../node/audit/export/loadAuditExport';
import type { Configuration } from './configuration';
import { Disposable, toDisposable } from './lifecycle';

/** Appends come in bursts; send once they settle. */
const DEBOUNCE_MS = 300;
/** Retry pace while a destination fails, and the slow poll behind the file watcher. */
const RETRY_MS = 30_000;

/**
 * Exports audit entries as the hook writes them, to the OpenTelemetry collectors and syslog
 * receivers in the settings and the managed policy. Runs in the extension host, off the hook's path:
 * the hook only appends to the log, and this follows it. The exporter (and the OpenTelemetry SDK)
 * loads on the first export, only when a destination is set. A failing destination is retried from
 * the local log; the failure is logged once, not on every retry.
 */
export class AuditExport extends Disposable {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  private readonly lastError = new Map<string, string>();

  constructor(
    private readonly guardHome: string,
    private readonly config: Configuration,
    private readonly logger: Logger,
  ) {
    super();
    try {
      fs.mkdirSync(guardHome, { recursive: true, mode: 0o700 });
      const watcher = fs.watch(guardHome, (_kind, name) => {
        if (name === null || String(name) === 'audit.jsonl') this.schedule(DEBOUNCE_MS);
      });
      watcher.on('error', () => undefined);
      this._register(toDisposable(() => watcher.close()));
    } catch (err) {
      logger.debug(`Audit export: cannot watch ${guardHome} (${err instanceof Error ? err.message : String(err)}); polling.`);
    }
    const poll = setInterval(() => this.schedule(0), RETRY_MS);
    poll.unref();
    this._register(toDisposable(() => clearInterval(poll)));
    this._register(config.onDidChange(() => this.schedule(0)));
    this._register(toDisposable(() => this.timer && clearTimeout(this.timer)));
    this.schedule(DEBOUNCE_MS);
  }

  private destinations(settings: GuardSettings): { otlpEndpoints: string[]; syslogTargets: string[] } {
    return settings.auditExport;
  }

  private schedule(ms: number): void {
    const d = this.destinations(this.config.settings);
    if (this.isDisposed || d.otlpEndpoints.length + d.syslogTargets.length === 0) return;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  /** One export pass; a pass asked for while one runs follows it. */
  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      const report = await loadAuditExport().exportPending(this.guardHome, this.destinations(this.config.settings));
      for (const d of report.destinations) {
        const before = this.lastError.get(d.destination);
        if (d.error && d.error !== before) this.logger.warn(`Audit export to ${d.destination} failed (${d.error}); the entries stay in the local log and are sent again.`);
        if (!d.error && before) this.logger.info(`Audit export to ${d.destination} works again (through #${d.through}).`);
        if (d.error) this.lastError.set(d.destination, d.error);
        else this.lastError.delete(d.destination);
      }
    } catch (err) {
      this.logger.warn(`Audit export could not run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule(DEBOUNCE_MS);
      }
    }
  }
}
