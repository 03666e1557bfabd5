import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { mergeSettings } from '../core/settings/merge';
import { CONFIG_SECTION, SETTING_KEYS, type GuardSettings, type RawLayer, type RawLayers } from '../core/settings/types';
import { Disposable } from './lifecycle';

/**
 * The one place that reads `blastShield.*` settings. Values are read per layer with `inspect()` and
 * merged in core so that workspace values can only tighten; `onDidChange` fires once per relevant change.
 */
export class Configuration extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<GuardSettings>());
  readonly onDidChange = this.changed.event;
  private current: GuardSettings;

  constructor(private readonly log: Logger) {
    super();
    this.current = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(CONFIG_SECTION)) return;
        this.current = this.read();
        this.changed.fire(this.current);
      }),
    );
    this._register(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.current = this.read();
        this.changed.fire(this.current);
      }),
    );
  }

  get settings(): GuardSettings {
    return this.current;
  }

  private read(): GuardSettings {
    const user: Record<string, unknown> = {};
    const workspace: Record<string, unknown> = {};
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    for (const key of Object.values(SETTING_KEYS)) {
      const seen = config.inspect(key);
      if (!seen) continue;
      if (seen.globalValue !== undefined) user[key] = seen.globalValue;
      if (seen.workspaceValue !== undefined) workspace[key] = seen.workspaceValue;
    }
    const workspaceFolders: RawLayer[] = (vscode.workspace.workspaceFolders ?? []).map((folder) => {
      const layer: Record<string, unknown> = {};
      const folderConfig = vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri);
      for (const key of Object.values(SETTING_KEYS)) {
        const value = folderConfig.inspect(key)?.workspaceFolderValue;
        if (value !== undefined) layer[key] = value;
      }
      return layer;
    });
    const layers: RawLayers = { user, workspace, workspaceFolders };
    const { settings, ignored } = mergeSettings(layers);
    for (const i of ignored) this.log.warn(`Ignored workspace setting blastShield.${i.key} = ${JSON.stringify(i.value)}: ${i.why}.`);
    return settings;
  }
}
