/**
 * Turn git's machine-readable output into preview sections. The node layer runs git read-only
 * (`status --porcelain=v1 -z`, `diff`, `log` with the format below, `clean -n`) and hands the text here.
 */
import { ownTable } from '../ownTable';
import { PREVIEW_LIMITS, type CommitLine, type DiffFile } from './model';

const STATUS_WORDS: Record<string, string> = ownTable({
  M: 'modified',
  A: 'added',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  U: 'unmerged',
  T: 'type changed',
  '?': 'untracked',
  '!': 'ignored',
});

export interface StatusEntry {
  path: string;
  /** Index status letter then work-tree status letter, as git prints them ("M ", " D", "??"). */
  code: string;
  status: string;
}

/** Parse `git status --porcelain=v1 -z`. Renames carry the old path as a second NUL-separated field. */
export function parsePorcelainStatus(output: string): StatusEntry[] {
  const fields = output.split('\0');
  const entries: StatusEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.length < 4) continue;
    const code = field.slice(0, 2);
    const path = field.slice(3);
    if (code.includes('R') || code.includes('C')) i++;
    const letter = code[1] !== ' ' && code[1] !== undefined ? code[1] : code[0]!;
    entries.push({ path, code, status: STATUS_WORDS[letter] ?? 'changed' });
  }
  return entries;
}

/** Split a unified `git diff` into per-file patches, bounded in total size. */
export function splitUnifiedDiff(diff: string, maxBytes: number = PREVIEW_LIMITS.diffBytes): { files: DiffFile[]; truncated: boolean } {
  const files: DiffFile[] = [];
  let truncated = false;
  let used = 0;
  const chunks = diff.split(/^(?=diff --git )/m).filter((c) => c.startsWith('diff --git '));
  for (const chunk of chunks) {
    const header = /^diff --git a\/(.*?) b\/(.*)$/m.exec(chunk);
    const path = header ? header[2]! : 'unknown';
    const status = /^deleted file mode/m.test(chunk) ? 'deleted' : /^new file mode/m.test(chunk) ? 'added' : /^rename from/m.test(chunk) ? 'renamed' : 'modified';
    if (used >= maxBytes) {
      truncated = true;
      files.push({ path, status, patch: '' });
      continue;
    }
    let patch = chunk;
    if (used + patch.length > maxBytes) {
      patch = patch.slice(0, maxBytes - used) + '\n… (cut short)\n';
      truncated = true;
    }
    used += patch.length;
    files.push({ path, status, patch });
  }
  return { files, truncated };
}

/** The `--format` the node layer passes to `git log`, parsed by `parseGitLog`. */
export const GIT_LOG_FORMAT = '%H%x1f%s%x1f%an%x1f%aI%x1e';

export function parseGitLog(output: string): CommitLine[] {
  const commits: CommitLine[] = [];
  for (const record of output.split('\x1e')) {
    const fields = record.replace(/^\s+/, '').split('\x1f');
    if (fields.length < 4 || fields[0]!.length === 0) continue;
    commits.push({ sha: fields[0]!.slice(0, 12), subject: fields[1]!, author: fields[2]!, date: fields[3]! });
  }
  return commits;
}

/** Paths from `git clean -n` ("Would remove path"). */
export function parseCleanDryRun(output: string): string[] {
  const out: string[] = [];
  for (const line of output.split('\n')) {
    const m = /^Would (?:remove|skip repository) (.+)$/.exec(line.trim());
    if (m) out.push(m[1]!);
  }
  return out;
}
