import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { formatBytes } from '../core/preview/model';
import type { SnapshotManifest } from '../core/snapshot/manifest';
import type { Configuration } from './configuration';
import { loadDeferred } from './loadDeferred';

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d\d\.\d+Z$/, ' UTC');
}

function where(m: SnapshotManifest): string {
  const places = [...new Set(m.parts.map((p) => (p.kind === 'files' ? p.original : p.repo)))];
  return places.slice(0, 3).join(', ') + (places.length > 3 ? ` and ${places.length - 3} more` : '');
}

/**
 * Blast Shield: Restore a Snapshot. Lists the copies kept before approved destructive actions,
 * newest first, and brings the chosen one back after a modal confirmation (a restore replaces what is
 * there now, which is kept as a snapshot of its own first). Same engine as `blast-shield restore`.
 */
export function restoreSnapshotCommand(d: { guardHome: string; userHome: string; config: Configuration; logger: Logger }): () => Promise<void> {
  return async () => {
    const { listSnapshots, restoreSnapshot } = loadDeferred();
    const all = listSnapshots(d.guardHome);
    if (all.length === 0) {
      void vscode.window.showInformationMessage('Blast Shield keeps no snapshots right now. A copy is kept when you allow a local destructive action in the dialog.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      all.map((m) => ({
        label: m.id,
        description: `${when(m.createdAt)} · ${formatBytes(m.bytes)} copied · kept until ${m.expiresAt.slice(0, 10)}`,
        detail: `${m.beforeRestoreOf ? `what restoring ${m.beforeRestoreOf} replaced` : m.action} — ${where(m)}`,
        manifest: m,
      })),
      { title: 'Restore a snapshot kept by Blast Shield', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return;
    const go = await vscode.window.showWarningMessage(
      `Restore ${picked.manifest.id}?`,
      { modal: true, detail: `This writes back what "${picked.manifest.action}" destroyed in ${where(picked.manifest)}. What is there now is kept as a snapshot first, so the restore can be undone too.` },
      'Restore',
    );
    if (go !== 'Restore') return;
    const s = d.config.settings.snapshots;
    try {
      const result = await restoreSnapshot(picked.manifest.id, { guardHome: d.guardHome, home: d.userHome, limits: { maxBytes: s.maxBytes, maxTotalBytes: s.maxTotalBytes, keepDays: s.keepDays, maxFiles: 20_000 } });
      d.logger.info(`Restored ${picked.manifest.id}: ${result.done.join('; ')}${result.notes.length ? ` (notes: ${result.notes.join('; ')})` : ''}.`);
      const undo = result.before ? ` What it replaced is kept as ${result.before}.` : '';
      void vscode.window.showInformationMessage(`Restored ${picked.manifest.id}: ${result.done.join('; ')}.${undo}${result.notes.length ? ` Note: ${result.notes.join('; ')}.` : ''}`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      d.logger.warn(`Restoring ${picked.manifest.id} failed: ${why}`);
      void vscode.window.showErrorMessage(`Blast Shield could not restore ${picked.manifest.id}: ${why}`);
    }
  };
}
