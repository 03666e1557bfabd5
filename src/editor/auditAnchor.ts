import * as crypto from 'node:crypto';
import * as vscode from 'vscode';
import type { AuditHead } from '../core/audit/entry';
import type { Logger } from '../core/logger';
import { AuditAnchorKeeper, type AnchorListener, type AnchorStatus, type SealedAnchor } from '../node/audit/auditAnchor';
import { Disposable } from './lifecycle';

const SECRET_KEY = 'blastShield.auditAnchorKey';
const stateKey = (guardHome: string): string => `blastShield.auditAnchor:${guardHome}`;

interface AnchorSecret {
  key: string;
  /** Guard homes that have an anchor, so a removed anchor is noticed, not silently restarted. */
  homes: string[];
}

function parseSecret(text: string | undefined): AnchorSecret | undefined {
  try {
    const v = JSON.parse(text ?? '') as Partial<AnchorSecret>;
    return typeof v.key === 'string' && v.key.length >= 32 && Array.isArray(v.homes) ? { key: v.key, homes: v.homes.filter((h) => typeof h === 'string') } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The editor's anchor for the audit log (AuditAnchorKeeper): the head kept in this extension's global
 * state, sealed with a key in its secret storage, checked at start-up and as hook calls append. A
 * rewrite, truncation or deletion of the log is reported to the user. `blast-shield audit verify` asks
 * a verified window for this anchor over the socket.
 */
export class AuditAnchor extends Disposable {
  private keeper: AuditAnchorKeeper | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly file: string,
    private readonly guardHome: string,
    private readonly logger: Logger,
    private readonly listeners: readonly AnchorListener[] = [],
  ) {
    super();
  }

  async start(): Promise<AnchorStatus | undefined> {
    let secret = parseSecret(await this.secrets.get(SECRET_KEY).then(undefined, () => undefined));
    const stored = this.state.get<SealedAnchor>(stateKey(this.guardHome));
    const problems: string[] = [];
    if (!secret) {
      if (stored) problems.push("the key that seals the audit anchor is gone from the editor's secret storage; anchoring again from the log as it is now");
      secret = { key: crypto.randomBytes(32).toString('hex'), homes: [] };
    } else if (!stored && secret.homes.includes(this.guardHome)) {
      problems.push("the audit anchor was removed from the editor's storage; anchoring again from the log as it is now");
    }
    if (!secret.homes.includes(this.guardHome)) secret.homes.push(this.guardHome);
    await this.secrets.store(SECRET_KEY, JSON.stringify(secret)).then(undefined, (err: unknown) => this.logger.warn(`Audit anchor: the secret storage refused the key (${String(err)}).`));
    const warn: AnchorListener = { tampered: (problem) => this.report(problem) };
    this.keeper = new AuditAnchorKeeper(
      this.file,
      {
        read: () => (problems.length > 0 ? undefined : this.state.get<SealedAnchor>(stateKey(this.guardHome))),
        write: (anchor) => void this.state.update(stateKey(this.guardHome), anchor).then(undefined, (err: unknown) => this.logger.warn(`Audit anchor not saved: ${String(err)}`)),
      },
      secret.key,
      [warn, ...this.listeners],
    );
    for (const p of problems) this.report(p);
    const status = this.keeper.start();
    if (status.state === 'intact') this.logger.info(`Audit anchor: the log matches (${status.head?.count ?? 0} entries).`);
    return status;
  }

  /** Follow new entries (called as the log changes). */
  poll(): void {
    this.keeper?.poll();
  }

  get anchor(): AuditHead | undefined {
    return this.keeper?.anchor;
  }

  get status(): AnchorStatus | undefined {
    return this.keeper?.current;
  }

  private report(problem: string): void {
    this.logger.warn(`Audit log: ${problem}.`);
    void vscode.window.showWarningMessage(`Blast Shield: the audit log does not match what this editor saw: ${problem}. Run \`blast-shield audit verify\` for details.`);
  }
}
