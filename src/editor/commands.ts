import * as vscode from 'vscode';
import { restoreSnapshotCommand } from './restoreCommand';
import type { Logger } from '../core/logger';
import { HOST_IDS } from '../core/protocol/ipc';
import type { SelfTestResult } from '../node/selfTest/selfTest';
import type { ChatAutoApprove } from './chatAutoApprove';
import { COMMANDS, type CommandId } from './commandIds';
import type { Configuration } from './configuration';
import type { ConfirmService } from './confirm/confirmService';
import { sampleAsk, type SampleKind } from './confirm/sampleAsks';
import type { GuardServices } from './guardServices';
import { describeHealth, type Health } from './health';
import { loadDeferred } from './loadDeferred';
import type { Lockdown } from './lockdown';

export interface CommandDeps {
  services: GuardServices;
  config: Configuration;
  lockdown: Lockdown;
  health: Health;
  confirm: ConfirmService;
  chat: ChatAutoApprove;
  logger: Logger;
  channel: vscode.LogOutputChannel;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function fileFolders(): vscode.WorkspaceFolder[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
}

export function firstFolder(): string | undefined {
  return fileFolders()[0]?.uri.fsPath;
}

/** A human must click this; agents that can run editor commands cannot relax protection silently. */
async function humanConfirms(question: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(question, { modal: true, detail }, action)) === action;
}

/** Every command the extension contributes, keyed by id; `extension.ts` registers them all. */
export function createCommands(d: CommandDeps): Record<CommandId, (...args: unknown[]) => unknown> {
  const hideAll = async (): Promise<void> => {
    for (const folder of fileFolders()) {
      try {
        const changed = await d.services.hiding.hide(folder.uri.fsPath);
        d.logger.info(`Hid credential files in ${folder.name}: ${changed.length} file(s) changed.`);
      } catch (err) {
        d.logger.warn(`Hiding credentials in ${folder.name} failed: ${message(err)}`);
        throw err;
      }
    }
  };

  const setLockdown = async (on: boolean): Promise<void> => {
    if (!on && !(await humanConfirms('Turn off Blast Shield lockdown?', 'Agent actions that need confirmation will show the dialog again instead of being denied.', 'Turn Off Lockdown'))) return;
    await d.lockdown.set(on);
    if (on) await hideAll().catch(() => undefined);
  };

  const installHooks = async (): Promise<void> => {
    const root = firstFolder();
    const lines: string[] = [];
    let failed = 0;
    for (const host of d.config.settings.hosts) {
      try {
        const state = await d.services.hooks.install(host, root);
        lines.push(`${host}: ${state.detail}`);
      } catch (err) {
        failed++;
        lines.push(`${host}: failed — ${message(err)}`);
      }
    }
    if (d.config.settings.manageChatAutoApprove) await d.chat.apply().catch((err: unknown) => d.logger.warn(`Chat auto-approve entries: ${message(err)}`));
    for (const l of lines) d.logger.info(`Install: ${l}`);
    await d.health.refresh();
    // The status bar waits for the first agent action until a host first calls the hook; the toast says what proves it (kept short: toasts clip).
    const summary = failed === 0 ? 'Blast Shield hooks installed. Run an agent once to verify.' : `Blast Shield hooks: ${failed} host(s) failed.`;
    void (failed === 0 ? vscode.window.showInformationMessage(summary, { detail: lines.join('\n') }) : vscode.window.showErrorMessage(summary, { modal: true, detail: lines.join('\n') }));
  };

  const uninstallHooks = async (): Promise<void> => {
    if (!(await humanConfirms('Uninstall the Blast Shield hooks?', 'Agents will run commands without asking Blast Shield. Your own hook entries are kept.', 'Uninstall Hooks'))) return;
    const root = firstFolder();
    const lines: string[] = [];
    for (const host of HOST_IDS) {
      try {
        lines.push(`${host}: ${(await d.services.hooks.uninstall(host, root)).detail}`);
      } catch (err) {
        lines.push(`${host}: failed — ${message(err)}`);
      }
    }
    await d.chat.remove().catch((err: unknown) => d.logger.warn(`Chat auto-approve entries: ${message(err)}`));
    for (const l of lines) d.logger.info(`Uninstall: ${l}`);
    await d.health.refresh();
    void vscode.window.showInformationMessage('Blast Shield hooks uninstalled.', { detail: lines.join('\n') });
  };

  const unhide = async (): Promise<void> => {
    if (d.lockdown.isOn) {
      void vscode.window.showWarningMessage('Lockdown is on: credential files stay hidden. Turn lockdown off first.');
      return;
    }
    if (!(await humanConfirms('Unhide credential files?', "Blast Shield's blocks are removed from the agents' ignore files; agents' file tools can then read them.", 'Unhide'))) return;
    for (const folder of fileFolders()) {
      const changed = await d.services.hiding.unhide(folder.uri.fsPath);
      d.logger.info(`Unhid credential files in ${folder.name}: ${changed.length} file(s) restored.`);
    }
    void vscode.window.showInformationMessage('Credential files are no longer hidden from agents.');
  };

  const scan = async (): Promise<void> => {
    const folders = fileFolders();
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Open a folder to scan it for credential files.');
      return;
    }
    const items: (vscode.QuickPickItem & { uri: vscode.Uri })[] = [];
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Blast Shield: scanning for credential files…' }, async () => {
      for (const folder of folders) {
        const result = await d.services.scanner.scan(folder.uri.fsPath);
        for (const f of result.files) items.push({ label: f.path, description: f.label, detail: f.reasons.join('; '), uri: vscode.Uri.joinPath(folder.uri, f.path) });
        d.logger.info(`Scan of ${folder.name}: ${result.files.length} credential file(s)${result.truncated ? ' (scan cut short)' : ''}.`);
      }
    });
    if (items.length === 0) {
      void vscode.window.showInformationMessage('Blast Shield found no credential files.');
      return;
    }
    const pick = await vscode.window.showQuickPick(items, { title: `${items.length} credential file(s) — values are never shown`, placeHolder: 'Pick one to reveal it in the Explorer' });
    if (pick) await vscode.commands.executeCommand('revealInExplorer', pick.uri);
  };

  const selfTest = async (): Promise<void> => {
    await d.health.refresh();
    const workspace = firstFolder() ?? d.services.userHome;
    const installed = d.health.hosts().filter((h) => h.install.installed && h.install.command);
    if (installed.length === 0) {
      void vscode.window.showWarningMessage('No Blast Shield hook is installed, so there is nothing to test. Run "Blast Shield: Install Hooks" first.');
      return;
    }
    const results: SelfTestResult[] = [];
    const { selfTestHost } = loadDeferred();
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Blast Shield: running the self-test…' }, async () => {
      await d.health.withoutCountingEvents(async () => {
        for (const h of installed) results.push(...(await selfTestHost(h.host, h.install.command!, workspace, process.env)));
      });
    });
    const lines = results.map((r) => `${r.pass ? 'PASS' : 'FAIL'} ${r.host} — ${r.probe}: expected ${r.expect}, got ${r.got} (exit ${r.exitCode}, ${r.ms} ms) ${r.output}`);
    for (const l of lines) (l.startsWith('PASS') ? d.logger.info : d.logger.error)(`Self-test: ${l}`);
    await d.health.refresh();
    const failed = results.filter((r) => !r.pass).length;
    const title = failed === 0 ? `Blast Shield self-test passed (${results.length} probes).` : `Blast Shield self-test: ${failed} of ${results.length} probes failed.`;
    void (failed === 0 ? vscode.window.showInformationMessage(title, { detail: lines.join('\n') }) : vscode.window.showErrorMessage(title, { modal: true, detail: lines.join('\n') }));
  };

  const showSample = async (kind?: unknown): Promise<void> => {
    let which: SampleKind | undefined = kind === 'local' || kind === 'production' ? kind : undefined;
    if (!which) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Production: the incident', description: 'curl volumeDelete with a token from a config backup', sample: 'production' as const },
          { label: 'Local: rm -rf build', description: 'files and sizes that would be deleted', sample: 'local' as const },
        ],
        { title: 'Show a sample confirm dialog (nothing runs)' },
      );
      if (!picked) return;
      which = picked.sample;
    }
    const request = sampleAsk(which, firstFolder() ?? d.services.userHome, d.config.settings.dialogTimeoutSeconds * 1000);
    const answer = await d.confirm.queue.ask(request);
    void vscode.window.showInformationMessage(`Sample dialog: ${answer.decision === 'allow' ? 'you allowed it once' : `denied (${answer.reason})`}. This was a sample: nothing ran.`);
  };

  return {
    [COMMANDS.toggleLockdown]: () => setLockdown(!d.lockdown.isOn),
    [COMMANDS.installHooks]: installHooks,
    [COMMANDS.uninstallHooks]: uninstallHooks,
    [COMMANDS.hideCredentials]: async () => {
      await hideAll();
      void vscode.window.showInformationMessage("Credential files are hidden from agents' file tools.");
    },
    [COMMANDS.unhideCredentials]: unhide,
    [COMMANDS.scanWorkspace]: scan,
    [COMMANDS.showAuditLog]: async () => {
      const file = vscode.Uri.file(d.services.audit.file());
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { preview: true });
      } catch {
        void vscode.window.showInformationMessage('The audit log is empty: no decision has been recorded yet.');
      }
    },
    [COMMANDS.verifyAuditLog]: async () => {
      const result = await d.services.audit.verify();
      if (result.ok) void vscode.window.showInformationMessage(`Audit log intact: ${result.entries} entries, hash chain verified.`);
      else void vscode.window.showErrorMessage(`Audit log damaged: ${result.problems.length} problem(s).`, { modal: true, detail: result.problems.slice(0, 20).map((p) => `line ${p.line}: ${p.problem}`).join('\n') });
    },
    [COMMANDS.runSelfTest]: selfTest,
    [COMMANDS.showStatus]: async () => {
      await d.health.refresh();
      const text = describeHealth(d.health, d.lockdown.isOn);
      d.logger.info(`Status:\n${text}`);
      void vscode.window.showInformationMessage('Blast Shield status', { modal: true, detail: text });
    },
    [COMMANDS.showLog]: () => d.channel.show(),
    [COMMANDS.showSampleDialog]: showSample,
    [COMMANDS.restoreSnapshot]: restoreSnapshotCommand({ guardHome: d.services.guardHome, userHome: d.services.userHome, config: d.config, logger: d.logger }),
  };
}

