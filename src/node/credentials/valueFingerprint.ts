/**
 * A 16-bit keyed fingerprint of a credential value, kept in the index beside its salted HMAC. It
 * answers "certainly not this value" for almost every substring of a command at a few nanoseconds a
 * character, so the hook computes the HMAC (and loads node:crypto past a few dozen of them) only for
 * the rare substring whose fingerprint matches. Keyed by the workspace's salt (FNV-1a seeded with
 * it): without the index file, which holds the salt and the HMACs already, it says nothing about a
 * value; with it, 16 bits add nothing to what the HMAC lets a reader test.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function absorb(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The FNV state with the salt absorbed: computed once per salt. */
export function fingerprintSeed(salt: string): number {
  return absorb(absorb(FNV_OFFSET, salt), '\u0000');
}

/** The fingerprint of a (trimmed) value under a seed from fingerprintSeed. */
export function fingerprintWith(seed: number, value: string): number {
  const h = absorb(seed, value);
  return ((h >>> 16) ^ h) & 0xffff;
}

/** The fingerprint of `value` (trimmed, as its HMAC is) under `salt`. */
export function valueFingerprint(salt: string, value: string): number {
  return fingerprintWith(fingerprintSeed(salt), value.trim());
}
