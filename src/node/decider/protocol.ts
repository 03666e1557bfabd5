import * as path from 'node:path';
import type { DeciderCrypto, MacState } from './bindingHmac';

/**
 * The warm decision server's wire format and its proof of origin (docs/decision-server.md).
 *
 * The hook (a tiny client in dist/cli.js) sends one line: a fresh random nonce, its build hash and
 * everything an in-process decision reads (the payload, the environment, the working folder, its own
 * and its parent's pid). The server answers one line: a body (JSON text) and an HMAC-SHA256 over the
 * request line and that body, keyed with a secret kept in the guard home, which the perimeter keeps
 * agents from reading. The client trusts nothing it cannot verify: without a key, a wrong MAC, another
 * build, another nonce, a malformed line or no line in time, it decides in-process as before.
 *
 * This module is part of the launcher bundle: it imports nothing but node:path, and is handed its
 * HMAC by the caller (node:crypto, or the hook client's bindingHmac.ts: the same bytes).
 */

export const DECIDER_PROTOCOL = 1;
/** Domain separation: a MAC made for this protocol means nothing to anything else keyed alike. */
const MAC_LABEL = 'blast-shield-decider/1\0';
/** Bytes of the key; hex in the key file. */
export const DECIDER_KEY_BYTES = 32;
/** The hook's input limit (runHook denies more, unread); the launcher's stdin read stops there too. */
export const HOOK_INPUT_MAX_BYTES = 8 * 1024 * 1024;
/** A request carries the hook payload (8 MiB at most) and the environment. */
export const DECIDER_MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** A reply carries one host answer (a few KB); anything far larger is not one. */
export const DECIDER_MAX_REPLY_BYTES = 1024 * 1024;

export const DECIDER_PATHS = {
  dir: (home: string) => path.join(home, 'decider'),
  /** The MAC key: 64 hex characters, owner-only, written once by the first server. */
  key: (home: string) => path.join(home, 'decider', 'key'),
  /** The server's Unix socket (a named pipe on Windows, where the client does not use it yet). */
  socket: (home: string) => path.join(home, 'decider', 'decider.sock'),
  /** The serving process's pid (for `status`-like tools and tests), removed when it stops. */
  pid: (home: string) => path.join(home, 'decider', 'server.pid'),
  /** Held while a hook starts a server, so concurrent calls start one. */
  spawnLock: (home: string) => path.join(home, 'decider', 'spawn.lock'),
} as const;

/**
 * Hosts whose hook calls the server answers: every host the hook serves (HOST_IDS in core/protocol/ipc.ts,
 * spelled out here because the launcher bundle imports nothing from core). The server runs the same
 * runHook(host, …) a hook process runs, so each host's answer is the same bytes either way:
 * test/unit/decider/servedHosts.test.ts decides every captured payload of every host both ways and compares.
 */
export const SERVED_HOSTS: ReadonlySet<string> = new Set(['cursor', 'claude', 'vscode', 'copilot', 'cline', 'gemini', 'codex', 'windsurf', 'vscode-agent']);

export interface DeciderRequest {
  v: number;
  build: string;
  nonce: string;
  host: string;
  input: string;
  env: Record<string, string>;
  cwd: string;
  pid: number;
  ppid: number;
}

export interface DeciderResult {
  stdout: string;
  stderr?: string;
  exitCode: number;
  decision: 'allow' | 'deny';
}

/** Why a server did not answer a request itself: the hook then decides in-process. */
export type DeclineReason = 'ask' | 'build' | 'protocol' | 'busy' | 'failed';

export interface DeciderBody {
  v: number;
  build: string;
  nonce: string;
  result?: DeciderResult;
  declined?: DeclineReason;
}

export function deciderMac(crypto: DeciderCrypto, key: Buffer, requestLine: string, body: string): string {
  return deciderMacStart(crypto, key, requestLine).update(body).digest().toString('hex');
}

/**
 * The MAC with everything before the body absorbed: the client computes this while the server decides
 * (the request line is most of the bytes), and only the short body once the reply is there. Use once.
 */
export function deciderMacStart(crypto: DeciderCrypto, key: Buffer, requestLine: string): MacState {
  return crypto.createHmac('sha256', key).update(MAC_LABEL).update(requestLine).update('\0');
}

/** The key from its file's text, or undefined when the text is not exactly one. */
export function parseDeciderKey(text: string): Buffer | undefined {
  const hex = text.trim();
  return new RegExp(`^[0-9a-f]{${DECIDER_KEY_BYTES * 2}}$`).test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

/**
 * The key from its file's bytes (64 hex digits, trailing whitespace allowed), or undefined; the bytes
 * read are zeroed either way. No string of the key is made (a string stays in the heap until collected
 * and cannot be wiped), so a core dump of a hook that has gone on to decide in-process does not hold it.
 */
export function parseDeciderKeyBytes(raw: Buffer): Buffer | undefined {
  try {
    let end = raw.length;
    while (end > 0 && (raw[end - 1] === 0x0a || raw[end - 1] === 0x0d || raw[end - 1] === 0x20 || raw[end - 1] === 0x09)) end--;
    if (end !== DECIDER_KEY_BYTES * 2) return undefined;
    const key = Buffer.alloc(DECIDER_KEY_BYTES);
    const nibble = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1);
    for (let i = 0; i < DECIDER_KEY_BYTES; i++) {
      const hi = nibble(raw[2 * i]!);
      const lo = nibble(raw[2 * i + 1]!);
      if (hi < 0 || lo < 0) {
        key.fill(0);
        return undefined;
      }
      key[i] = (hi << 4) | lo;
    }
    return key;
  } finally {
    raw.fill(0);
  }
}

export type Verified = { ok: true; body: DeciderBody } | { ok: false; why: string };

/**
 * Check one reply line against the request sent: a MAC by the key over exactly that request and this
 * body, the same protocol, build and nonce, and a body that is one of the two shapes. Constant-time compare.
 * `started` (optional) is `deciderMacStart(crypto, key, requestLine)`, begun while the server decided.
 */
export function verifyDeciderReply(crypto: DeciderCrypto, key: Buffer, requestLine: string, request: Pick<DeciderRequest, 'build' | 'nonce'>, replyLine: string, started?: MacState): Verified {
  let reply: unknown;
  try {
    reply = JSON.parse(replyLine);
  } catch {
    return { ok: false, why: 'malformed reply' };
  }
  if (!reply || typeof reply !== 'object') return { ok: false, why: 'malformed reply' };
  const { body, mac } = reply as { body?: unknown; mac?: unknown };
  if (typeof body !== 'string' || typeof mac !== 'string' || !/^[0-9a-f]{64}$/.test(mac)) return { ok: false, why: 'malformed reply' };
  // `started`: deciderMacStart over this same key and request line, made while waiting for the reply.
  const expected = (started ?? deciderMacStart(crypto, key, requestLine)).update(body).digest();
  if (!crypto.timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return { ok: false, why: 'bad MAC' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, why: 'malformed body' };
  }
  if (!parsed || typeof parsed !== 'object') return { ok: false, why: 'malformed body' };
  const b = parsed as DeciderBody;
  if (b.v !== DECIDER_PROTOCOL) return { ok: false, why: 'another protocol' };
  if (b.build !== request.build) return { ok: false, why: 'another build' };
  if (b.nonce !== request.nonce) return { ok: false, why: 'another nonce' };
  if (b.declined !== undefined) return typeof b.declined === 'string' ? { ok: true, body: b } : { ok: false, why: 'malformed body' };
  const r = b.result;
  if (!r || typeof r.stdout !== 'string' || (r.stderr !== undefined && typeof r.stderr !== 'string') || !Number.isInteger(r.exitCode) || (r.decision !== 'allow' && r.decision !== 'deny')) return { ok: false, why: 'malformed body' };
  return { ok: true, body: b };
}
