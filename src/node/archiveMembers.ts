import * as fs from 'node:fs';
import type * as Zlib from 'node:zlib';
import { readRegularFileSync } from './safeOpen';

/**
 * The member names of an archive an agent is about to extract, read without extracting it: tar
 * (plain, gzip), and zip through its central directory. An extraction is then judged by the paths
 * it writes (`.cursor/hooks.json`, `../.claude/settings.json`) instead of by where it goes. Anything
 * that cannot be read with certainty answers undefined: another compression (xz, bzip2, zstd), an
 * archive over the size bounds, a damaged header, a link member that points out of the folder (files
 * after it could land anywhere), zip64.
 */

const MAX_ARCHIVE_BYTES = 32 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
const MAX_MEMBERS = 20_000;

function cString(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? slice.length : end).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number): number | undefined {
  const field = buf.subarray(start, start + length);
  // GNU base-256 for large sizes: bounded archives never need it.
  if ((field[0] ?? 0) & 0x80) return undefined;
  const text = cString(buf, start, length).trim();
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
}

/** A link target that stays inside the extraction folder. */
function linkStaysInside(member: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) return false;
  const depth = member.split('/').filter((s) => s !== '' && s !== '.').length - 1;
  let level = depth;
  for (const seg of target.split('/')) {
    if (seg === '..') level--;
    else if (seg !== '' && seg !== '.') level++;
    if (level < 0) return false;
  }
  return true;
}

/** A symbolic or hard link member: its name and the target it points at, as stored. */
export interface ArchiveLink {
  name: string;
  target: string;
}

/**
 * Member names of a tar stream; undefined when a header cannot be read or a link leaves the folder.
 * With `links`, link members are collected there instead, and one that leaves the folder is no reason to stop.
 */
export function tarMembers(buf: Buffer, links?: ArchiveLink[]): string[] | undefined {
  const out: string[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  let paxLink: string | undefined;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) return out;
    const stored = octal(header, 148, 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (stored === undefined || stored !== sum) return undefined;
    const size = octal(header, 124, 12);
    if (size === undefined) return undefined;
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = offset + 512;
    const data = buf.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = cString(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      for (const m of data.toString('utf8').matchAll(/^\d+ (path|linkpath)=(.*)$/gm)) {
        if (m[1] === 'path') paxPath = m[2];
        else paxLink = m[2];
      }
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    const magic = cString(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? cString(header, 345, 155) : '';
    const plain = cString(header, 0, 100);
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${plain}` : plain);
    const link = paxLink ?? cString(header, 157, 100);
    longName = paxPath = paxLink = undefined;
    if ((type === '1' || type === '2') && links) links.push({ name, target: link });
    else if ((type === '1' || type === '2') && !linkStaysInside(name, link)) return undefined;
    out.push(name);
    if (out.length > MAX_MEMBERS) return undefined;
  }
  return undefined;
}

/** Member names from a zip's central directory; undefined for zip64, a damaged directory, or a symlink member (collected in `links` when given). */
export function zipMembers(buf: Buffer, links?: ArchiveLink[]): string[] | undefined {
  const from = Math.max(0, buf.length - 65_557);
  let end = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buf.readUInt16LE(end + 10);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff || count > MAX_MEMBERS) return undefined;
  const out: string[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return undefined;
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const madeBy = buf.readUInt16LE(p + 4) >> 8;
    const external = buf.readUInt32LE(p + 38);
    // Unix-made entries carry the mode in the high half: a symlink's target is not judged here.
    const name = buf.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    if (madeBy === 3 && ((external >>> 16) & 0o170000) === 0o120000) {
      const target = links ? zipLinkTarget(buf, p) : undefined;
      if (target === undefined) return undefined;
      links!.push({ name, target });
    }
    out.push(name);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** A zip symlink entry's target: its data, stored or deflated (at most 4 KB); undefined when it cannot be read. */
function zipLinkTarget(buf: Buffer, central: number): string | undefined {
  const method = buf.readUInt16LE(central + 10);
  const size = buf.readUInt32LE(central + 20);
  const local = buf.readUInt32LE(central + 42);
  if (size > 4096 || local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return undefined;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, start + size);
  if (data.length !== size) return undefined;
  if (method === 0) return data.toString('utf8');
  if (method !== 8) return undefined;
  try {
    const zlib = require('node:zlib') as typeof Zlib;
    return zlib.inflateRawSync(data, { maxOutputLength: 4096 }).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * The symbolic and hard link members of the archive at `file` (tar, tar.gz, zip) with the targets they
 * point at: an extraction plants them. Empty when it holds none; undefined when it cannot be read.
 */
export function archiveLinks(file: string): ArchiveLink[] | undefined {
  const links: ArchiveLink[] = [];
  return readArchive(file, (buf) => (buf[0] === 0x50 && buf[1] === 0x4b ? zipMembers(buf, links) : tarMembers(buf, links))) ? links : undefined;
}

/** The members of the archive at `file`, or undefined when they cannot be known for certain. */
export function archiveMembers(file: string): string[] | undefined {
  return readArchive(file, (buf) => (buf[0] === 0x50 && buf[1] === 0x4b ? zipMembers(buf) : tarMembers(buf)));
}

/** The archive's bytes (a tar's after gunzip) handed to `read`; undefined when it is no bounded tar or zip. */
function readArchive(file: string, read: (buf: Buffer) => string[] | undefined): string[] | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > MAX_ARCHIVE_BYTES) return undefined;
  } catch {
    return undefined;
  }
  const buf = readRegularFileSync(file, MAX_ARCHIVE_BYTES);
  if (!buf || buf.length < 22) return undefined;
  if (buf[0] === 0x50 && buf[1] === 0x4b) return read(buf);
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // Loaded here: node:zlib brings the streams, which a hook call that extracts nothing should not pay for.
      const zlib = require('node:zlib') as typeof Zlib;
      return read(zlib.gunzipSync(buf, { maxOutputLength: MAX_UNPACKED_BYTES }));
    } catch {
      return undefined;
    }
  }
  return cString(buf, 257, 6).startsWith('ustar') || buf.length % 512 === 0 ? read(buf) : undefined;
}
