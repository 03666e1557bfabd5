import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { createApi, TEST_MODE_ENV, type BlastShieldApi } from './api';
import { AuditAnchor } from './auditAnchor';
import { AuditEvents } from './auditEvents';
import { AuditExport } from './auditExport';
import { ChatAutoApprove } from './chatAutoApprove';
import { createCommands, firstFolder } from './commands';
import { Configuration } from './configuration';
import { CredentialWatch } from './credentialWatch';
import { ConfirmService } from './confirm/confirmService';
import { Health } from './health';
import { HookKeeper } from './hookKeeper';
import { IpcBridge } from './ipcBridge';
import { Lockdown } from './lockdown';
import { createChannelLogger } from './logger';
import type { GuardServices } from './guardServices';
import { createGuardServices } from './realServices';
import { StatusBar } from './statusBar';
import { TerminalWatch } from './terminalWatch';
import { keepInspectorClosed } from '../node/ipc/signalInspector';

/**
 * Activation, in order: logging and settings; lockdown (mirrored for the hook); health; the dialog
 * and its queue; the socket hooks talk to; the status bar; the second layers (terminal watch,
 * credential file watch); commands. Slow work (hook status, hiding credentials) runs after
 * activation returns, and heavy modules (policy engine, installers, scanners) load on first use.
 */
export function activate(context: vscode.ExtensionContext): BlastShieldApi {
  const own = <T extends { dispose(): unknown }>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };

  const { logger, channel } = createChannelLogger();
  own(channel);
  // kill -USR1 on the extension host would open Node's inspector, through which code could answer asks.
  own(keepInspectorClosed(logger));
  const services = createGuardServices(context.extensionPath);
  const config = own(new Configuration(logger));
  const lockdown = own(new Lockdown(context.workspaceState, config, services.guardHome, logger));
  const health = own(new Health(context.globalState, services, firstFolder, logger));
  const confirm = own(new ConfirmService(context.extensionUri, config, lockdown, logger, services.userHome, (ask, locked) => services.policy.analyseAsk(ask, locked), services.guardHome));
  // The audit chain's head, kept in this extension's storage where a shell script cannot rewrite it unnoticed.
  const auditAnchor = own(new AuditAnchor(context.globalState, context.secrets, services.audit.file(), services.guardHome, logger));
  const ipc = own(
    new IpcBridge({
      guardHome: services.guardHome,
      logger,
      onConfirm: (request, digest) => {
        // An ask over the socket is the host calling the hook: count it now, not only when the
        // answer's event notice arrives, so the status is not "unprotected" under an open dialog.
        health.recordEvent({ host: request.host, event: request.event, decision: 'ask', at: Date.now() });
        return confirm.ask(request, digest);
      },
      lockdown: () => lockdown.isOn,
      onEvent: (notice) => health.recordEvent(notice),
      onState: (up, problem) => health.setIpc(up, problem),
      anchor: () => auditAnchor.anchor ?? null,
    }),
  );
  // Every hook call appends to the audit log; its lines are the per-host "last event" (no extra socket round trip per call).
  const auditEvents = own(
    new AuditEvents(services.audit.file(), (e) => health.recordEvent(e), logger, () => auditAnchor.poll()),
  );
  health.setEventSource(auditEvents);
  // The team's pipeline follows the same log, from here: the hook itself never exports.
  own(new AuditExport(services.guardHome, config, logger));
  const statusBar = own(new StatusBar(lockdown, health));
  own(new TerminalWatch(services, config, lockdown, logger, context.extensionPath));
  const credentialWatch = own(new CredentialWatch(services, config, lockdown, logger));
  const keeper = own(new HookKeeper(services, health, firstFolder, logger));
  const chat = new ChatAutoApprove(context.globalState, logger);

  const commands = createCommands({ services, config, lockdown, health, confirm, chat, logger, channel });
  for (const [id, run] of Object.entries(commands)) own(vscode.commands.registerCommand(id, run));

  void auditAnchor.start().catch((err: unknown) => logger.warn(`Audit anchor: ${String(err)}`));
  void ipc.start();
  void afterActivation({ services, config, lockdown, health, logger, credentialWatch, keeper });

  return createApi({ lockdown, health, statusBar, confirm, ipc, keeper, testMode: process.env[TEST_MODE_ENV] === '1' }, context.subscriptions);
}

async function afterActivation(d: { services: GuardServices; config: Configuration; lockdown: Lockdown; health: Health; logger: Logger; credentialWatch: CredentialWatch; keeper: HookKeeper }): Promise<void> {
  // Yield first: activate() must return before the deferred bundle (installers, scanners) loads.
  await new Promise((resolve) => setTimeout(resolve, 0));
  d.logger.info(`Blast Shield active (guard home ${d.services.guardHome}, lockdown ${d.lockdown.isOn ? 'on' : 'off'}).`);
  await d.health.refresh().catch((err: unknown) => d.logger.warn(`Hook status: ${String(err)}`));
  // Installed hooks that were altered are rewritten; the installed CLI follows this extension's version.
  await d.keeper.check();
  // Before hiding, which reads the same index: the first hook call then finds it built and complete.
  await d.credentialWatch.warmAll('built at start-up');
  if (!d.config.settings.hideCredentialsOnStartup && !d.lockdown.isOn) return;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    try {
      const changed = await d.services.hiding.hide(folder.uri.fsPath);
      d.logger.info(`Start-up: credential files hidden in ${folder.name} (${changed.length} file(s) changed).`);
    } catch (err) {
      d.logger.warn(`Start-up: hiding credential files in ${folder.name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by the editor.
}
