/**
 * Stop 38 (round 30: `rman target / <<< 'DELETE NOPROMPT BACKUP;'`): statements of a backup catalogue (Oracle RMAN's
 * grammar, shared in spirit by other backup consoles) that delete the backups themselves, handed to any client on standard
 * input, a here-string or a heredoc. Decisions: `DELETE [NOPROMPT|FORCE] BACKUP|BACKUPSET|COPY|ARCHIVELOG ALL|DATAFILECOPY`
 * asks (what could be restored is gone); `DROP DATABASE [INCLUDING BACKUPS]` is read by the SQL scanner; `DELETE EXPIRED`
 * stays allowed (it removes records of files already missing), and so does `DELETE OBSOLETE` (the retention policy's own
 * routine clean-up: a policy cut to nothing is read by `dataRetention.ts`/`floorWeakened.ts`). `LIST BACKUP`, `CROSSCHECK`,
 * `REPORT OBSOLETE` read.
 */
const CATALOGUE_DELETE = /^\s*delete\s+(?:(?:noprompt|force)\s+)*(backup(?:set|piece)?s?|copy|copies|datafilecopy|controlfilecopy|archivelog\s+(?:all|until|from|sequence|like)\b[^;]*|backup\s+of\s+[^;]*)\s*(?:;|$)/im;

/** The backup-deleting statement of a catalogue script, or undefined. */
export function backupCatalogueDelete(text: string): string | undefined {
  if (text.length > 200_000) return undefined;
  const m = CATALOGUE_DELETE.exec(text);
  return m ? `${m[0].trim().replace(/;$/, '').replace(/\s+/g, ' ').toUpperCase().slice(0, 80)} (the backups are deleted: nothing is left to restore from)` : undefined;
}
