/**
 * HMAC-SHA256 for the hook client straight from the runtime's crypto binding (the native `Hmac` class
 * node:crypto's createHmac wraps), without loading node:crypto itself. Loading node:crypto evaluates
 * its whole module graph (ciphers, keys, the stream modules its transforms need): 3–6 ms of the
 * warm-server call, on its critical path (the client loads it while the server decides, and the server
 * usually answered first). The binding is there already; the same OpenSSL computes the same bytes.
 *
 * Used only after a known-answer test: RFC 4231 test case 2 (a keyed HMAC-SHA256 of a short text,
 * through the same calls the client makes with its key), so a runtime whose binding takes other
 * arguments, ignores the key or hashes otherwise is not used. Any problem returns undefined and the
 * caller loads node:crypto as before: the result decides nothing by itself, it is compared with the
 * server's MAC, and a wrong one can only make the hook decide in-process.
 */

/** An HMAC in progress, as node:crypto's Hmac offers it (update, then one digest). */
export interface MacState {
  update(data: string): MacState;
  digest(): Buffer;
}

/** What the decider protocol needs of a crypto provider: node:crypto has this shape. */
export interface DeciderCrypto {
  createHmac(algorithm: 'sha256', key: Buffer): MacState;
  timingSafeEqual(a: Buffer, b: Buffer): boolean;
}

interface NativeHmac {
  init(algorithm: string, key: Buffer): unknown;
  update(data: string): boolean;
  digest(encoding: string): unknown;
}

/** RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?", HMAC-SHA256. */
const KAT_KEY = 'Jefe';
const KAT_DATA = ['what do ya want ', 'for nothing?'];
const KAT_MAC = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';

/** Equal lengths and bytes, in time that depends only on the length (as crypto.timingSafeEqual). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

class BindingMac implements MacState {
  private done = false;
  constructor(private readonly handle: NativeHmac) {}
  update(data: string): MacState {
    if (this.done || typeof data !== 'string' || this.handle.update(data) !== true) throw new Error('hmac update failed');
    return this;
  }
  digest(): Buffer {
    if (this.done) throw new Error('hmac digested twice');
    this.done = true;
    const out = this.handle.digest('buffer');
    if (!Buffer.isBuffer(out) || out.length !== 32) throw new Error('hmac digest failed');
    return out;
  }
}

/**
 * A DeciderCrypto over one crypto binding object (process.binding('crypto') or a test's stand-in), or
 * undefined when it offers no `Hmac` class or fails the known-answer test.
 */
export function hmacFromBinding(binding: Record<string, unknown>): DeciderCrypto | undefined {
  try {
    const Hmac = binding.Hmac as (new () => NativeHmac) | undefined;
    if (typeof Hmac !== 'function') return undefined;
    const create = (algorithm: 'sha256', key: Buffer): MacState => {
      if (algorithm !== 'sha256' || !Buffer.isBuffer(key) || key.length === 0) throw new Error('hmac: sha256 with a key only');
      const handle = new Hmac();
      handle.init('sha256', key);
      return new BindingMac(handle);
    };
    const kat = create('sha256', Buffer.from(KAT_KEY, 'latin1'));
    for (const part of KAT_DATA) kat.update(part);
    if (kat.digest().toString('hex') !== KAT_MAC) return undefined;
    return { createHmac: create, timingSafeEqual: constantTimeEqual };
  } catch {
    return undefined;
  }
}

let cached: DeciderCrypto | null | undefined;

/**
 * The runtime's binding HMAC-SHA256 as a DeciderCrypto (checked once per process), or undefined (no
 * binding, another shape, a failed known-answer test): the caller then uses node:crypto.
 */
export function bindingHmac(): DeciderCrypto | undefined {
  if (cached !== undefined) return cached ?? undefined;
  cached = null;
  const quiet = process.noDeprecation;
  try {
    // process.binding's deprecation notice (with --pending-deprecation) would load the stream modules to print itself.
    process.noDeprecation = true;
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding('crypto');
    cached = hmacFromBinding(binding) ?? null;
    return cached ?? undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}
