import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SecretlintModule } from './secretlintScanner';

let loaded: SecretlintModule | undefined;
let failure: Error | undefined;

/**
 * secretlint lives in its own bundle next to the running one (dist/secretlint.js) so the hook never
 * loads it unless a content scan needs it. Under tsx (tests, bench from source) the TypeScript
 * module beside this file is loaded instead. The specifier is a variable so esbuild does not
 * inline secretlint into the calling bundle.
 */
export function loadSecretlintScanner(): SecretlintModule {
  if (loaded) return loaded;
  if (failure) throw failure;
  const bundled = path.join(__dirname, 'secretlint.js');
  const specifier = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'secretlintScanner');
  try {
    const mod = require(specifier) as Partial<SecretlintModule>;
    if (typeof mod.scanWithSecretlint !== 'function' || typeof mod.scanManyWithSecretlint !== 'function') throw new Error(`no scanner exports in ${specifier}`);
    loaded = { scanWithSecretlint: mod.scanWithSecretlint, scanManyWithSecretlint: mod.scanManyWithSecretlint };
    return loaded;
  } catch (err) {
    failure = new Error(`secretlint could not be loaded from ${bundled}: ${err instanceof Error ? err.message : String(err)}`);
    throw failure;
  }
}

/**
 * For a process that decides many calls (the decision server): a load that failed once (a file
 * replaced mid-update, descriptors briefly out) is tried again, as a fresh hook process would, instead
 * of every later call judging files without known-token detection.
 */
export function forgetSecretlintLoad(): void {
  loaded = undefined;
  failure = undefined;
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
