import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { mergeSettings } from '../core/settings/merge';
import { CONFIG_SECTION, SETTING_KEYS, type GuardSettings, type RawLayer, type RawLayers } from '../core/settings/types';
import { Disposable, toDisposable } from './lifecycle';
import { WORKSPACE_MAP_FILE } from '../node/guardHome';
import { readPolicyFiles } from '../node/policy/policyFiles';

const MANAGED_POLL_MS = 60_000;

/**
 * The one place that reads `blastShield.*` settings. Values are read per layer with `inspect()`,
 * together with the team's policy files (the managed policy and each folder's `.blast-shield.json`),
 * and merged in core so that workspace values and policy files can only tighten; `onDidChange` fires
 * once per relevant change, including an edit of a policy file.
 */
export class Configuration extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<GuardSettings>());
  readonly onDidChange = this.changed.event;
  private current: GuardSettings;
  /** Warnings already logged, so a poll that finds nothing new stays quiet. */
  private reported = new Set<string>();

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
    const reread = (): void => {
      const next = this.read();
      if (JSON.stringify(next) === JSON.stringify(this.current)) return;
      this.current = next;
      this.changed.fire(next);
    };
    const repositoryFiles = this._register(vscode.workspace.createFileSystemWatcher(`**/${WORKSPACE_MAP_FILE}`));
    this._register(repositoryFiles.onDidChange(reread));
    this._register(repositoryFiles.onDidCreate(reread));
    this._register(repositoryFiles.onDidDelete(reread));
    // The managed policy lives outside every workspace; an administrator's change is picked up within a minute.
    const poll = setInterval(reread, MANAGED_POLL_MS);
    poll.unref();
    this._register(toDisposable(() => clearInterval(poll)));
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
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const policy = readPolicyFiles(roots, process.env);
    const layers: RawLayers = { user, workspace, workspaceFolders, managed: policy.managed, repository: policy.repository };
    const { settings, ignored } = mergeSettings(layers);
    const said = new Set<string>();
    const once = (line: string): void => {
      if (!said.has(line) && !this.reported.has(line)) this.log.warn(line);
      said.add(line);
    };
    for (const i of ignored) once(`Ignored blastShield.${i.key} = ${JSON.stringify(i.value)}: ${i.why}.`);
    for (const p of policy.problems) once(`Policy file ${p.source}: ${p.problem}.`);
    this.reported = said;
    return settings;
  }
}
