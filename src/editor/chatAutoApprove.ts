import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import type { AutoApproveMap } from '../core/settings/chatAutoApprove';
import { loadDeferred } from './loadDeferred';

const MANAGED_KEYS_STATE = 'blastShield.managedAutoApprove';

type ManagedKeys = Record<string, string[]>;

/** The managed settings and the entries each should hold; loaded on first use (it pulls in the credential rules). */
async function targets(): Promise<{ setting: string; wanted: readonly string[] }[]> {
  const m = loadDeferred();
  return [
    { setting: m.TERMINAL_AUTO_APPROVE_SETTING, wanted: m.TERMINAL_ENTRIES },
    { setting: m.EDITS_AUTO_APPROVE_SETTING, wanted: m.editEntries() },
  ];
}

function split(setting: string): { section: string; key: string } {
  const dot = setting.lastIndexOf('.');
  return { section: setting.slice(0, dot), key: setting.slice(dot + 1) };
}

/**
 * Write or remove our managed entries in the user's `chat.tools.*.autoApprove` settings. The keys we
 * added are remembered in globalState so uninstalling removes exactly those and nothing the user wrote.
 */
export class ChatAutoApprove {
  constructor(
    private readonly globalState: vscode.Memento,
    private readonly logger: Logger,
  ) {}

  async apply(): Promise<void> {
    const owned = this.globalState.get<ManagedKeys>(MANAGED_KEYS_STATE) ?? {};
    const { withManagedEntries } = loadDeferred();
    for (const t of await targets()) {
      const { section, key } = split(t.setting);
      const config = vscode.workspace.getConfiguration(section);
      const current = config.inspect<AutoApproveMap>(key)?.globalValue;
      const result = withManagedEntries(current, t.wanted, owned[t.setting] ?? []);
      owned[t.setting] = result.managed;
      if (result.conflicts.length > 0) this.logger.warn(`${t.setting}: left your own entries alone for ${result.conflicts.join(', ')} (Blast Shield would set them to false).`);
      if (!result.changed) continue;
      try {
        await config.update(key, result.next, vscode.ConfigurationTarget.Global);
        this.logger.info(`${t.setting}: ${result.managed.length} managed entries in place.`);
      } catch (err) {
        // Editors without VS Code's chat (code-server without Copilot, Cursor) do not register the setting.
        owned[t.setting] = [];
        this.logger.info(`${t.setting} not written: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.globalState.update(MANAGED_KEYS_STATE, owned);
  }

  async remove(): Promise<void> {
    const owned = this.globalState.get<ManagedKeys>(MANAGED_KEYS_STATE) ?? {};
    const { withoutManagedEntries } = loadDeferred();
    for (const t of await targets()) {
      const { section, key } = split(t.setting);
      const config = vscode.workspace.getConfiguration(section);
      const current = config.inspect<AutoApproveMap>(key)?.globalValue;
      const { next, changed } = withoutManagedEntries(current, owned[t.setting] ?? []);
      if (!changed) continue;
      try {
        await config.update(key, Object.keys(next).length > 0 ? next : undefined, vscode.ConfigurationTarget.Global);
      } catch (err) {
        this.logger.warn(`${t.setting} not cleaned: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    await this.globalState.update(MANAGED_KEYS_STATE, undefined);
    this.logger.info('Removed the managed chat auto-approve entries.');
  }
}
