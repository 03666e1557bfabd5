import * as path from 'node:path';

export type DeferredModules = typeof import('./deferred');

let loaded: DeferredModules | undefined;

/** The deferred bundle beside this one (dist/deferred.js), loaded once, on first use. */
export function loadDeferred(): DeferredModules {
  // A computed path, so esbuild leaves this require alone and the bundle stays separate.
  loaded ??= require(path.join(__dirname, 'deferred.js')) as DeferredModules;
  return loaded;
}
