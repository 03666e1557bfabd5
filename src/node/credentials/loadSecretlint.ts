import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SecretlintScan } from './secretlintScanner';

let loaded: SecretlintScan | undefined;
let failure: Error | undefined;

/**
 * secretlint lives in its own bundle next to the running one (dist/secretlint.js) so the hook never
 * loads it unless a content scan needs it. Under tsx (tests, bench from source) the TypeScript
 * module beside this file is loaded instead. The specifier is a variable so esbuild does not
 * inline secretlint into the calling bundle.
 */
export function loadSecretlintScanner(): SecretlintScan {
  if (loaded) return loaded;
  if (failure) throw failure;
  const bundled = path.join(__dirname, 'secretlint.js');
  const specifier = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'secretlintScanner');
  try {
    const mod = require(specifier) as { scanWithSecretlint?: SecretlintScan };
    if (typeof mod.scanWithSecretlint !== 'function') throw new Error(`no scanWithSecretlint export in ${specifier}`);
    loaded = mod.scanWithSecretlint;
    return loaded;
  } catch (err) {
    failure = new Error(`secretlint could not be loaded from ${bundled}: ${err instanceof Error ? err.message : String(err)}`);
    throw failure;
  }
}

/** Whether known-token detection is available (secretlint.js beside the bundle). */
export function secretlintAvailable(): boolean {
  try {
    loadSecretlintScanner();
    return true;
  } catch {
    return false;
  }
}
