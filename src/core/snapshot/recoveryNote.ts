/**
 * The dialog's words about undoing an action: "a copy is kept for 7 days: restore with …" when the
 * snapshot fits the limits, "this cannot be undone" with the reason when it does not, and the
 * "back up first" offer for a database. Built from facts the editor measured; decides nothing.
 */
import { formatBytes, type BackupOffer, type PreviewSection } from '../preview/model';

export interface RecoveryFacts {
  /** Snapshots switched off in the settings. */
  disabled?: boolean;
  /** The snapshot id reserved for this ask (used when it is taken). */
  id: string;
  keepDays: number;
  estimate?: { recoverable: boolean; why?: string; bytes: number; files: number; notKept: readonly string[]; uncovered: readonly string[] };
  backup?: BackupOffer;
}

export function recoverySection(f: RecoveryFacts): PreviewSection {
  const details: string[] = [];
  let recoverable = false;
  let summary: string;
  if (f.disabled) summary = 'This cannot be undone: copies before destructive actions are switched off (blastShield.snapshots.enabled).';
  else if (!f.estimate) summary = 'Nothing this destroys on this machine can be copied first: it cannot be undone from here.';
  else if (!f.estimate.recoverable) summary = `This cannot be undone: no copy is kept because ${f.estimate.why ?? 'the limits do not allow it'}.`;
  else {
    recoverable = true;
    summary = `A copy is kept for ${f.keepDays} day${f.keepDays === 1 ? '' : 's'}: restore with blast-shield restore ${f.id} (or Blast Shield: Restore a Snapshot).`;
    details.push(f.estimate.bytes > 0 ? `Files copied: ${f.estimate.files} (${formatBytes(f.estimate.bytes)}); tracked work stays in git under refs/blast-shield/snapshots/${f.id}.` : `Tracked work stays in git under refs/blast-shield/snapshots/${f.id}.`);
  }
  if (f.estimate) {
    for (const folder of f.estimate.notKept.slice(0, 5)) details.push(`Not kept (a build recreates it): ${folder}`);
    for (const part of f.estimate.uncovered.slice(0, 5)) details.push(`Not covered by the copy: ${part}`);
  }
  return { kind: 'recovery', title: recoverable ? 'Undo' : 'Cannot be undone', recoverable, summary, details, ...(f.backup ? { backup: f.backup } : {}) };
}
