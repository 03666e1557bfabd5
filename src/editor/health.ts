import * as vscode from 'vscode';
import { protectionOf, type Protection } from '../core/health/protection';
import { requiredHostGaps } from '../core/health/requiredHosts';
import type { Logger } from '../core/logger';
import { HOST_IDS, type HostId } from '../core/protocol/ipc';
import type { GuardServices, HostInstallState } from './guardServices';
import { Disposable } from './lifecycle';

const LAST_EVENTS_KEY = 'blastShield.lastEvents';

export interface LastEvent {
  event: string;
  decision: string;
  at: number;
}

/** A host calling the hook: from the audit log each call writes, or an ask arriving on the socket. */
export interface HookEvent extends LastEvent {
  host: HostId;
}

export interface HostHealth {
  host: HostId;
  install: HostInstallState;
  lastEvent?: LastEvent;
}

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
  private selfTests = 0;
  private eventSource: { catchUp(): void; skipToEnd(): void } | undefined;
  /** Hosts the policy files require (`hooks.required`). */
  private required: () => readonly HostId[] = () => [];

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

  /**
   * Run `work` (the self-test) without counting the hook events it causes: they prove the installed
   * command works, not that the host calls it, and only the latter makes a host "heard from".
   */
  async withoutCountingEvents<T>(work: () => Promise<T>): Promise<T> {
    this.eventSource?.catchUp();
    this.selfTests++;
    try {
      return await work();
    } finally {
      this.eventSource?.skipToEnd();
      this.selfTests--;
    }
  }

  /** Where the required hosts come from (the merged settings). */
  setRequiredHosts(required: () => readonly HostId[]): void {
    this.required = required;
    this.changed.fire();
  }

  requiredHosts(): readonly HostId[] {
    return this.required();
  }

  /** Where hook events come from besides the socket (the audit log): paused around a self-test. */
  setEventSource(source: { catchUp(): void; skipToEnd(): void }): void {
    this.eventSource = source;
  }

  recordEvent(notice: HookEvent): void {
    if (this.selfTests > 0) {
      this.logger.debug(`Hook event from ${notice.host} (${notice.event}) during the self-test: not counted as the host calling the hook.`);
      return;
    }
    const events = { ...this.lastEvents() };
    // Events can arrive out of order (the socket's ask, then the audit line of its answer).
    if ((events[notice.host]?.at ?? 0) > notice.at) return;
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
          this.installs.set(host, { host, installed: false, intact: false, loaded: false, files: [], detail: `status failed: ${err instanceof Error ? err.message : String(err)}` });
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
      install: this.installs.get(host) ?? { host, installed: false, intact: false, loaded: false, files: [], detail: 'not checked yet' },
      lastEvent: events[host],
    }));
  }

  get ipcRunning(): boolean {
    return this.ipcUp;
  }

  protection(): Protection {
    const hosts = this.hosts().map((h) => ({ host: h.host, installed: h.install.installed, intact: h.install.intact, loaded: h.install.loaded, lastEventAt: h.lastEvent?.at }));
    return protectionOf({ up: this.ipcUp, problem: this.ipcProblem }, hosts, this.required());
  }
}

/** A readable multi-line status report for the Show Status command and the API. */
export function describeHealth(health: Health, lockdown: boolean): string {
  const lines = [`Lockdown: ${lockdown ? 'on' : 'off'}`, `Dialog socket: ${health.ipcRunning ? 'running' : 'not running'}`, `Overall: ${health.protection().kind} — ${health.protection().detail}`, ''];
  const required = health.requiredHosts();
  if (required.length > 0) {
    const gaps = requiredHostGaps(required, health.hosts().map((h) => ({ host: h.host, installed: h.install.installed, intact: h.install.intact, loaded: h.install.loaded })));
    lines.splice(3, 0, `Required by policy: ${required.join(', ')}${gaps.length === 0 ? ' (all installed and loaded)' : ` — MISSING: ${gaps.map((g) => `${g.host} (${g.problem})`).join(', ')}`}`);
  }
  for (const h of health.hosts()) {
    const state = !h.install.installed ? 'not installed' : !h.install.intact ? 'installed, ALTERED' : h.install.loaded ? 'installed, intact, will be loaded' : 'installed, NOT LOADED by the host';
    const seen = h.lastEvent ? `last event ${h.lastEvent.event} (${h.lastEvent.decision}) at ${new Date(h.lastEvent.at).toISOString()}` : h.install.installed ? 'no event seen yet' : 'no event';
    lines.push(`${h.host}: ${state}; ${seen}`, `    ${h.install.detail}`);
  }
  return lines.join('\n');
}
