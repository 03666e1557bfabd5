import type * as Crypto from 'node:crypto';

/**
 * node:crypto, loaded on first use. Loading it costs a hook process several milliseconds, and most
 * hook calls (a benign command, nothing to ask) never need it; a top-level import would load it for
 * every call because the bundle evaluates every module the hook imports.
 */
let loaded: typeof Crypto | undefined;

export function nodeCrypto(): typeof Crypto {
  return (loaded ??= require('node:crypto') as typeof Crypto);
}

/** node:crypto if this process has loaded it already through nodeCrypto(), else undefined (nothing is loaded). */
export function loadedCrypto(): typeof Crypto | undefined {
  return loaded;
}
