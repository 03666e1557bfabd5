/**
 * What the confirm dialog shows under "what this destroys". Computed read-only before anything runs;
 * every section is bounded, and a section that could not be computed says so in plain words.
 */

export interface FileEntry {
  /** Relative to the section's root where possible. */
  path: string;
  bytes: number;
  directory: boolean;
}

export interface DiffFile {
  path: string;
  /** 'modified', 'deleted', 'untracked', 'added', 'renamed' ... as git reports it. */
  status: string;
  /** Unified diff text for this file, possibly cut short (see `truncated`). */
  patch: string;
}

export interface CommitLine {
  sha: string;
  subject: string;
  author: string;
  date: string;
}

export type PreviewSection =
  | { kind: 'files'; title: string; root: string; entries: FileEntry[]; totalFiles: number; totalBytes: number; truncated: boolean }
  | { kind: 'diff'; title: string; files: DiffFile[]; truncated: boolean }
  | { kind: 'commits'; title: string; remote: string; branch: string; commits: CommitLine[]; truncated: boolean }
  /** `tables`: the tables the statements name, from the parsed statements (never the database). */
  | { kind: 'statements'; title: string; database: string; tables: string[]; statements: string[] }
  | { kind: 'resources'; title: string; rows: { provider: string; resource: string; kind: string; environment: string; environmentReason: string }[] }
  | { kind: 'unavailable'; title: string; reason: string }
  /** Whether the action can be undone: the copy kept first (core/snapshot/recoveryNote.ts), and "back up first" for databases. */
  | { kind: 'recovery'; title: string; recoverable: boolean; summary: string; details: string[]; backup?: BackupOffer };

/** "Back up first" as the dialog offers it: a checkbox when available, a sentence why not otherwise. */
export interface BackupOffer {
  available: boolean;
  /** "Back up orders, items with pg_dump first (PostgreSQL shop on 127.0.0.1:5433)". */
  label: string;
  why?: string;
}

export interface Preview {
  sections: PreviewSection[];
}

export const PREVIEW_LIMITS = {
  files: 200,
  walkEntries: 20_000,
  diffBytes: 64 * 1024,
  commits: 50,
  statements: 20,
  statementChars: 2_000,
} as const;

/** Human size: 0 B, 1.2 KB, 3.4 MB (powers of 1024, one decimal above bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '? B';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
