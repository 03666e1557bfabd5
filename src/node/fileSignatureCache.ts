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
