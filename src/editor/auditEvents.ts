import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../core/logger';
import { AuditFollower, type HookEventSeen } from '../node/audit/auditFollower';
import { Disposable, toDisposable } from './lifecycle';

/** A slow poll behind the file watcher, for file systems where watching misses changes. */
const POLL_MS = 5000;
/** Appends come in bursts (one per hook call); read once they settle. */
const DEBOUNCE_MS = 50;

/**
 * Hook events for the health display, read from the audit log every hook call appends to (see
 * AuditFollower). Watches the guard home folder, since the log may not exist yet.
 */
export class AuditEvents extends Disposable {
  private readonly follower: AuditFollower;
  private timer: NodeJS.Timeout | undefined;

  /** `afterPoll` runs after each read of the log (the audit anchor follows the same appends). */
  constructor(file: string, onEvent: (event: HookEventSeen) => void, logger: Logger, private readonly afterPoll: () => void = () => undefined) {
    super();
    this.follower = new AuditFollower(file, onEvent);
    const schedule = (): void => {
      if (this.timer || this.isDisposed) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pollAll();
      }, DEBOUNCE_MS);
    };
    try {
      const watcher = fs.watch(path.dirname(file), (_kind, name) => {
        if (name === null || String(name) === path.basename(file)) schedule();
      });
      watcher.on('error', (err) => logger.debug(`Audit log watch stopped (${err.message}); polling every ${POLL_MS / 1000} s.`));
      this._register(toDisposable(() => watcher.close()));
    } catch (err) {
      logger.debug(`Cannot watch ${path.dirname(file)} (${err instanceof Error ? err.message : String(err)}); polling every ${POLL_MS / 1000} s.`);
    }
    const poll = setInterval(() => this.pollAll(), POLL_MS);
    poll.unref();
    this._register(
      toDisposable(() => {
        clearInterval(poll);
        if (this.timer) clearTimeout(this.timer);
      }),
    );
  }

  private pollAll(): void {
    this.follower.poll();
    try {
      this.afterPoll();
    } catch {
      // the anchor reports its own problems
    }
  }

  /** Deliver what is already there (before a self-test starts). */
  catchUp(): void {
    this.follower.poll();
  }

  /** Pass over what was written meanwhile without delivering it (after a self-test). */
  skipToEnd(): void {
    this.follower.skipToEnd();
  }
}
