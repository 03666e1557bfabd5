import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { loadedCrypto, nodeCrypto } from './lazyCrypto';

/**
 * The hashes the hook computes on every call (the audit chain) and whenever a value is compared with
 * the workspace's credentials (salted value hashes), from an audited library rather than our own
 * code. @noble/hashes is pure JavaScript: a hook process that loads node:crypto for one hash pays
 * several milliseconds more (`npm run bench -- hashing`). UTF-8 is encoded as Buffer.from does it
 * (lone surrogates become U+FFFD), so the results equal node:crypto's for the same text.
 */

/**
 * SHA-256 of a string's UTF-8 bytes, lower-case hex. In a process that has node:crypto loaded already
 * (the decision server, which MACs every answer and chains an audit entry per call) its native hash
 * is used: the same bytes, without the pure JavaScript's cost; a hook process never loads it for this.
 */
export function sha256Hex(text: string): string {
  const native = loadedCrypto();
  if (native) return native.createHash('sha256').update(text, 'utf8').digest('hex');
  return sha256HexPure(text);
}

/** The pure JavaScript SHA-256 that sha256Hex uses while node:crypto is not loaded. */
export function sha256HexPure(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/**
 * HMAC states with their key already absorbed, per key: a redaction may hash thousands of substrings
 * under one salt, and cloning a keyed state skips the two key blocks each would hash again.
 */
const keyed = new Map<string, ReturnType<typeof hmac.create>>();
const MAX_KEYS = 16;

/**
 * Pure JavaScript hashing is cheap to start and slow to run until V8 optimises it (~0.1–0.2 ms a hash
 * in a fresh hook process): past this many hashes in one process, node:crypto's native HMAC (a few
 * milliseconds to load, microseconds a hash) is used instead. Both give the same bytes.
 */
const NATIVE_AFTER = 24;
let hmacCalls = 0;

/** HMAC-SHA256 of `text` under `key` (both UTF-8). */
export function hmacSha256(key: string, text: string): Uint8Array {
  if (++hmacCalls > NATIVE_AFTER) {
    const digest = nodeCrypto().createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(text, 'utf8')).digest();
    return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
  }
  let base = keyed.get(key);
  if (!base) {
    if (keyed.size >= MAX_KEYS) keyed.clear();
    base = hmac.create(sha256, utf8ToBytes(key));
    keyed.set(key, base);
  }
  return base.clone().update(utf8ToBytes(text)).digest();
}

/** HMAC-SHA256 as lower-case hex. */
export function hmacSha256Hex(key: string, text: string): string {
  return bytesToHex(hmacSha256(key, text));
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Unpadded base64url, as Buffer's 'base64url' encoding writes it. */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += BASE64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}
