import * as fs from 'node:fs';

/**
 * What a process derived from a file's bytes, kept while the file is provably the same: its device,
 * inode, mode, size and both times (nanoseconds) unchanged. The decision server derives the same
 * facts on every call (the install registry, the shell start-up files and what they source); with
 * this a call pays one stat per file instead of an open, a read and a parse.
 *
 * Never weaker than reading: a file whose change time is within RACY_MS of now is not kept (as git
 * treats "racily clean" index entries): a second write in the same clock tick, with the same size,
 * could otherwise keep its signature. Any later write moves the change time (which no user can set),
 * so a kept value is re-derived on the first call that sees the file changed. A missing file is kept
 * as missing (a file that appears gets a signature); a stat that fails otherwise derives afresh.
 */

/** Change times this close to now are not trusted to tell two writes apart. */
export const RACY_MS = 2_000;
const MAX_ENTRIES = 512;

export class FileSignatureCache<T> {
  private readonly kept = new Map<string, { signature: string; value: T }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `derive()` (which reads `file` itself), or the value kept for the file's current signature. */
  get(file: string, derive: () => T): T {
    const signature = signatureOf(file, this.now());
    if (signature === undefined) {
      this.kept.delete(file);
      return derive();
    }
    const hit = this.kept.get(file);
    if (hit && hit.signature === signature) return hit.value;
    const value = derive();
    // Stat again: a file that changed while it was read is not kept under the first signature.
    if (signatureOf(file, this.now()) === signature) {
      if (this.kept.size >= MAX_ENTRIES) this.kept.clear();
      this.kept.set(file, { signature, value });
    } else {
      this.kept.delete(file);
    }
    return value;
  }

  clear(): void {
    this.kept.clear();
  }
}

/** The file's identity and times, 'missing', or undefined when it cannot be trusted to stand for the bytes. */
function signatureOf(file: string, now: number): string | undefined {
  let st: fs.BigIntStats | undefined;
  try {
    st = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!st) return 'missing';
  const changedMs = Number(st.ctimeNs / 1_000_000n);
  const modifiedMs = Number(st.mtimeNs / 1_000_000n);
  if (now - changedMs < RACY_MS || now - modifiedMs < RACY_MS) return undefined;
  return `${st.dev}:${st.ino}:${st.mode}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/**
 * Which of some names are missing from a folder, asked once per change of the folder: a name can only
 * appear (a file, a folder or a symlink created, renamed or linked in) by writing the folder's entries,
 * which moves its modification and change times. While the folder's signature holds, names found
 * missing are still missing and cost no system call. Only absence is kept: a name that is there is
 * reported present and its caller reads it as before (its content can change without touching the
 * folder). The same racy rule as above: a folder written in the last RACY_MS is asked afresh every
 * time, and a folder whose stat fails (missing, unreadable) is never kept.
 */
export class FolderAbsences {
  private readonly kept = new Map<string, { signature: string; asked: ReadonlySet<string>; missing: ReadonlySet<string> }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The names (plain entries of `folder`, no slash) with no entry there, by lstat: a dangling symlink is present. */
  missing(folder: string, names: readonly string[]): ReadonlySet<string> {
    const signature = signatureOf(folder, this.now());
    const hit = this.kept.get(folder);
    if (signature !== undefined && signature !== 'missing' && hit && hit.signature === signature && names.every((n) => hit.asked.has(n))) return hit.missing;
    const missing = new Set<string>();
    for (const name of names) {
      try {
        if (fs.lstatSync(`${folder}/${name}`, { throwIfNoEntry: false }) === undefined) missing.add(name);
      } catch {
        // unreadable: present as far as this says (the caller reads it and finds out)
      }
    }
    // Kept only when the folder was the same before and after the look-ups (nothing appeared meanwhile).
    if (signature !== undefined && signature !== 'missing' && signatureOf(folder, this.now()) === signature) {
      if (this.kept.size >= MAX_ENTRIES) this.kept.clear();
      this.kept.set(folder, { signature, asked: new Set(names), missing });
    } else {
      this.kept.delete(folder);
    }
    return missing;
  }
}
