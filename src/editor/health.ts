import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { HOST_IDS, type EventNotice, type HostId } from '../core/protocol/ipc';
import type { GuardServices, HostInstallState } from './guardServices';
import { Disposable } from './lifecycle';

const LAST_EVENTS_KEY = 'blastShield.lastEvents';

export interface LastEvent {
  event: string;
  decision: string;
  at: number;
}

export interface HostHealth {
  host: HostId;
  install: HostInstallState;
  lastEvent?: LastEvent;
}

export type ProtectionState =
  | { kind: 'protected'; detail: string }
  | { kind: 'unprotected'; detail: string };

/**
 * Per host: are our hook entries installed and intact, and when did an event last arrive from it.
 * "Protected" needs the socket up, at least one host installed intact, and an event seen from one:
 * installed-but-silent is not proof that the host runs our hooks.
 */
export class Health extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private installs = new Map<HostId, HostInstallState>();
  private ipcUp = false;
  private ipcProblem = 'the socket for the hooks is not running yet';

  constructor(
    private readonly globalState: vscode.Memento,
    private readonly services: GuardServices,
    private readonly workspaceRoot: () => string | undefined,
    private readonly logger: Logger,
  ) {
    super();
  }

  setIpc(up: boolean, problem?: string): void {
    this.ipcUp = up;
    if (problem) this.ipcProblem = problem;
    this.changed.fire();
  }

  recordEvent(notice: EventNotice): void {
    const events = { ...this.lastEvents() };
    events[notice.host] = { event: notice.event, decision: notice.decision, at: notice.at };
    void this.globalState.update(LAST_EVENTS_KEY, events);
    this.changed.fire();
  }

  private lastEvents(): Partial<Record<HostId, LastEvent>> {
    return this.globalState.get<Partial<Record<HostId, LastEvent>>>(LAST_EVENTS_KEY) ?? {};
  }

  async refresh(hosts: readonly HostId[] = HOST_IDS): Promise<void> {
    const root = this.workspaceRoot();
    await Promise.all(
      hosts.map(async (host) => {
        try {
          this.installs.set(host, await this.services.hooks.status(host, root));
        } catch (err) {
          this.installs.set(host, { host, installed: false, intact: false, files: [], detail: `status failed: ${err instanceof Error ? err.message : String(err)}` });
        }
      }),
    );
    this.logger.debug('Hook status refreshed.');
    this.changed.fire();
  }

  hosts(): HostHealth[] {
    const events = this.lastEvents();
    return HOST_IDS.map((host) => ({
      host,
      install: this.installs.get(host) ?? { host, installed: false, intact: false, files: [], detail: 'not checked yet' },
      lastEvent: events[host],
    }));
  }

  get ipcRunning(): boolean {
    return this.ipcUp;
  }

  protection(): ProtectionState {
    if (!this.ipcUp) return { kind: 'unprotected', detail: `The dialog cannot be reached: ${this.ipcProblem}.` };
    const hosts = this.hosts();
    const installed = hosts.filter((h) => h.install.installed);
    if (installed.length === 0) return { kind: 'unprotected', detail: 'No agent host has Blast Shield hooks installed.' };
    const altered = installed.filter((h) => !h.install.intact);
    if (altered.length > 0) return { kind: 'unprotected', detail: `Hook entries altered for ${altered.map((h) => h.host).join(', ')}.` };
    const heard = installed.filter((h) => h.lastEvent);
    if (heard.length === 0) return { kind: 'unprotected', detail: `Hooks installed for ${installed.map((h) => h.host).join(', ')}, but no hook event has arrived yet: run the self-test or let an agent run a command.` };
    return { kind: 'protected', detail: `Hooks installed for ${installed.map((h) => h.host).join(', ')}; events seen from ${heard.map((h) => h.host).join(', ')}.` };
  }
}

/** A readable multi-line status report for the Show Status command and the API. */
export function describeHealth(health: Health, lockdown: boolean): string {
  const lines = [`Lockdown: ${lockdown ? 'on' : 'off'}`, `Dialog socket: ${health.ipcRunning ? 'running' : 'not running'}`, `Overall: ${health.protection().kind} — ${health.protection().detail}`, ''];
  for (const h of health.hosts()) {
    const seen = h.lastEvent ? `last event ${h.lastEvent.event} (${h.lastEvent.decision}) at ${new Date(h.lastEvent.at).toISOString()}` : 'no event seen';
    lines.push(`${h.host.padEnd(8)} ${h.install.installed ? (h.install.intact ? 'installed' : 'ALTERED') : 'not installed'} — ${h.install.detail}; ${seen}`);
  }
  return lines.join('\n');
}
