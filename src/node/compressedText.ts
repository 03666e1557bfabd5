import type * as ChildProcess from 'node:child_process';
import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import type { CompressedText } from '../core/policy/types';
import { readRegularFileSync } from './safeOpen';
import { trustedPathVariable, trustedProgram } from './trustedProgram';

/**
 * The text a single-file compressed stream holds (`zcat x.gz`, `xzcat x.xz`, `zgrep KEY x.gz`), for the
 * credential rules (round 25: a gzip copy of `.env.production` printed by `zcat`). gzip is inflated here;
 * xz, bzip2, zstd and lz4 by the system's own decompressor found in a trusted folder, with a time limit.
 * Bounded both ways: a file over `MAX_COMPRESSED_BYTES`, text over `MAX_TEXT_BYTES`, a decompressor that
 * is missing, fails or runs out of time give `cut` (the rule then asks), never "nothing there".
 */

export const MAX_COMPRESSED_BYTES = 4 * 1024 * 1024;
export const MAX_TEXT_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 1_500;

/** Magic numbers of the formats read through a system program, with the program and its "print decompressed" words. */
const PROGRAMS: readonly { magic: readonly number[]; program: string; args: readonly string[] }[] = [
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], program: 'xz', args: ['-dc', '--'] },
  { magic: [0x5d, 0x00, 0x00], program: 'xz', args: ['--format=lzma', '-dc', '--'] },
  { magic: [0x42, 0x5a, 0x68], program: 'bzip2', args: ['-dc', '--'] },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], program: 'zstd', args: ['-dcq', '--'] },
  { magic: [0x04, 0x22, 0x4d, 0x18], program: 'lz4', args: ['-dcq', '--'] },
];

const startsWith = (buf: Buffer, magic: readonly number[]): boolean => magic.every((b, i) => buf[i] === b);

function gunzip(buf: Buffer): CompressedText {
  try {
    // Loaded here: node:zlib brings the streams, which a hook call that decompresses nothing should not pay for.
    const zlib = require('node:zlib') as typeof Zlib;
    return { text: zlib.gunzipSync(buf, { maxOutputLength: MAX_TEXT_BYTES }).toString('utf8') };
  } catch (error) {
    return { cut: error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too large' : 'unreadable' };
  }
}

function throughProgram(file: string, program: string, args: readonly string[]): CompressedText {
  const path = trustedProgram(program);
  if (!path) return { cut: 'unreadable' };
  const { spawnSync } = require('node:child_process') as typeof ChildProcess;
  const run = spawnSync(path, [...args, file], { env: { PATH: trustedPathVariable(), LC_ALL: 'C' }, timeout: TIMEOUT_MS, maxBuffer: MAX_TEXT_BYTES, stdio: ['ignore', 'pipe', 'ignore'] });
  if ((run.error as { code?: string } | undefined)?.code === 'ENOBUFS') return { cut: 'too large' };
  if (run.error !== undefined || run.signal !== null || run.status !== 0 || !run.stdout) return { cut: 'unreadable' };
  return { text: run.stdout.toString('utf8') };
}

/** What the compressed file at `file` holds; undefined when there is no regular file there (nothing is printed). */
export function compressedText(file: string): CompressedText | undefined {
  let size: number;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return undefined;
    size = st.size;
  } catch {
    return undefined;
  }
  if (size > MAX_COMPRESSED_BYTES) return { cut: 'too large' };
  const buf = readRegularFileSync(file, MAX_COMPRESSED_BYTES);
  if (!buf) return { cut: 'unreadable' };
  if (buf[0] === 0x1f && buf[1] === 0x8b) return gunzip(buf);
  const by = PROGRAMS.find((p) => startsWith(buf, p.magic));
  if (by) return throughProgram(file, by.program, by.args);
  // Not compressed at all: `zcat -f`, `zgrep` and `rg -z` print it as it is.
  return { text: buf.toString('utf8') };
}
