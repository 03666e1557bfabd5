import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Fake secrets assembled at run time, so no key-shaped string is ever committed. Each call returns
 * a fresh random value of the right shape.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomChars(n: number, alphabet = ALNUM): string {
  let s = '';
  for (const b of crypto.randomBytes(n)) s += alphabet[b % alphabet.length];
  // Guarantee mixed classes so entropy rules see a realistic token.
  return 'a7' + s.slice(2);
}

export const fake = {
  stripeKey: (): string => 'sk_' + 'live_' + randomChars(24),
  githubToken: (): string => 'gh' + 'p_' + randomChars(36),
  uuid: (): string => crypto.randomUUID(),
  apiToken: (): string => randomChars(40),
  password: (): string => randomChars(18),
  privateKeyBlock: (): string => ['-----BEGIN ' + 'RSA PRIVATE KEY-----', crypto.randomBytes(96).toString('base64'), '-----END ' + 'RSA PRIVATE KEY-----', ''].join('\n'),
  postgresUrl: (password: string): string => 'postgres' + '://app:' + password + '@db.internal:5432/app',
};

/** A temp folder with `files` (relative path -> text); returns its real path. */
export function makeWorkspace(files: Record<string, string>, prefix = 'bs-cred-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }
  return root;
}

export function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
