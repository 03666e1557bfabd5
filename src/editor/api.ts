import * as vscode from 'vscode';
import type { ConfirmRequest } from '../core/protocol/ipc';
import type { ConfirmAnswer, SubmitResult } from '../node/confirm/confirmQueue';
import type { ConfirmService } from './confirm/confirmService';
import type { Health, HostHealth } from './health';
import type { KeeperReport } from './guardServices';
import type { HookKeeper } from './hookKeeper';
import type { IpcBridge } from './ipcBridge';
import type { Lockdown } from './lockdown';
import type { StatusBar, StatusKind } from './statusBar';

/** The environment variable that exposes `testing` on the API. Read once, at activation. */
export const TEST_MODE_ENV = 'BLAST_SHIELD_TEST_MODE';

export interface PendingAskInfo {
  id: string;
  host: string;
  actionKind: string;
  /** The phrase the dialog asks for (it is shown on screen; knowing it is not an answer). */
  phrase: string;
  deadline: number;
  production: boolean;
}

export interface HostReport {
  host: HostHealth['host'];
  installed: boolean;
  intact: boolean;
  files: string[];
  detail: string;
  /** The last hook event from this host, if any arrived. */
  lastEvent?: HostHealth['lastEvent'];
}

export interface BlastShieldState {
  lockdown: boolean;
  status: StatusKind;
  statusDetail: string;
  ipcRunning: boolean;
  hosts: HostReport[];
  pending: PendingAskInfo[];
}

/**
 * For integration tests only, present when BLAST_SHIELD_TEST_MODE=1 was set in the extension host's
 * environment at activation. It can do nothing a human at the dialog could not: `submitPhrase` goes
 * through the same host-side comparison as the dialog's Allow button, `deny` is the Deny button.
 */
export interface BlastShieldTestingApi {
  /** Put a request through the queue and dialog exactly as the socket would. */
  ask(request: ConfirmRequest): Promise<ConfirmAnswer>;
  /** As if the human typed `typed` and pressed Allow on the ask on screen. */
  submitPhrase(id: string, typed: string): SubmitResult;
  /** As if the human pressed Deny. */
  deny(id: string): boolean;
  /** Set lockdown without the modal confirmation that turning it off asks a human for. */
  setLockdown(on: boolean): Promise<void>;
  /** This window's hook socket, for tests that talk to it like a hook. */
  ipcEndpoint(): { endpoint: string; token: string } | undefined;
  /** Re-read hook install status. */
  refreshHealth(): Promise<void>;
  /** Run one pass of the hook keeper now (it also runs at start-up and every few minutes). */
  keepHooks(): Promise<KeeperReport | undefined>;
}

export interface BlastShieldApi {
  readonly apiVersion: 1;
  getState(): BlastShieldState;
  readonly onDidChangeState: vscode.Event<void>;
  /** Turn lockdown on (tightening only: the API cannot turn it off). */
  enableLockdown(): Promise<void>;
  readonly testing?: BlastShieldTestingApi;
}

export interface ApiDeps {
  lockdown: Lockdown;
  health: Health;
  statusBar: StatusBar;
  confirm: ConfirmService;
  ipc: IpcBridge;
  keeper: HookKeeper;
  testMode: boolean;
}

export function createApi(d: ApiDeps, subscriptions: vscode.Disposable[]): BlastShieldApi {
  const changed = new vscode.EventEmitter<void>();
  subscriptions.push(changed, d.lockdown.onDidChange(() => changed.fire()), d.health.onDidChange(() => changed.fire()));
  const testing: BlastShieldTestingApi | undefined = d.testMode
    ? {
        ask: (request) => d.confirm.queue.ask(request),
        submitPhrase: (id, typed) => d.confirm.queue.submit(id, typed),
        deny: (id) => d.confirm.queue.deny(id, 'user'),
        setLockdown: (on) => d.lockdown.set(on),
        ipcEndpoint: () => d.ipc.endpoint,
        refreshHealth: () => d.health.refresh(),
        keepHooks: () => d.keeper.check(),
      }
    : undefined;
  return {
    apiVersion: 1,
    onDidChangeState: changed.event,
    getState: () => ({
      lockdown: d.lockdown.isOn,
      status: d.statusBar.kind,
      statusDetail: d.health.protection().detail,
      ipcRunning: d.health.ipcRunning,
      hosts: d.health.hosts().map((h) => ({ host: h.host, installed: h.install.installed, intact: h.install.intact, files: h.install.files, detail: h.install.detail, lastEvent: h.lastEvent })),
      pending: d.confirm.queue.pending.map((a) => ({
        id: a.request.id,
        host: a.request.host,
        actionKind: a.request.action.kind,
        phrase: a.phrase,
        deadline: a.deadline,
        production: a.request.verdict.production,
      })),
    }),
    enableLockdown: () => d.lockdown.set(true),
    ...(testing ? { testing } : {}),
  };
}
