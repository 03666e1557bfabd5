import * as fs from 'node:fs';

/**
 * Open a path for reading only if it is a regular file, without ever blocking: opening a FIFO for
 * reading waits for a writer (forever, if an agent made one and never writes), so the open is
 * non-blocking and the file's type is checked on the descriptor itself, which also closes the gap
 * between a stat and an open that a racing process could swap a file through.
 */
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export function openRegularFileSync(filePath: string): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    // A missing file (the usual case for optional settings) is answered by a stat without an
    // exception: a failed open builds one (~15 µs, several times per decision).
    if (fs.statSync(filePath, { throwIfNoEntry: false }) === undefined) return undefined;
    fd = fs.openSync(filePath, FLAGS);
  } catch {
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch {
    // treated as not a file
  }
  fs.closeSync(fd);
  return undefined;
}

/**
 * The bytes of a regular file of at most `maxBytes`, read through openRegularFileSync; undefined for
 * anything else (missing, a FIFO, a device, a folder, or larger, including a file that grows while
 * it is read).
 */
export function readRegularFileSync(filePath: string, maxBytes: number): Buffer | undefined {
  const file = openRegularFileSync(filePath);
  if (!file) return undefined;
  try {
    if (file.size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes, file.size) + 1);
    let read = 0;
    for (;;) {
      const n = fs.readSync(file.fd, buffer, read, buffer.length - read, null);
      if (n === 0) break;
      read += n;
      if (read === buffer.length) return read > maxBytes ? undefined : buffer.subarray(0, read);
    }
    return buffer.subarray(0, read);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(file.fd);
  }
}
