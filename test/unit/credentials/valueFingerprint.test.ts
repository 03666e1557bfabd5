import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, loadCredentialCache } from '../../../src/node/credentials/credentialCache';
import { knownSecretsOf, redactWithKnown } from '../../../src/node/credentials/knownSecrets';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { fingerprintSeed, fingerprintWith, valueFingerprint } from '../../../src/node/credentials/valueFingerprint';
import { hashSecret } from '../../../src/node/credentials/workspaceScan';
import { fake, makeWorkspace, randomChars, removeTree } from './fakeSecrets';

/**
 * The index keeps a keyed 16-bit fingerprint beside each value's salted HMAC, so the hook hashes only
 * candidates whose fingerprint an indexed value has. Nothing a fingerprint rules out may be a value:
 * every value is still found, glued or whole, and every answer is the one the HMAC alone gives.
 */
describe('credentials: value fingerprints rule out candidates before hashing', function () {
  this.timeout(30_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  const railway = fake.uuid();
  const stripe = fake.stripeKey();

  before(async () => {
    root = makeWorkspace({
      'legacy/config_backup.json': JSON.stringify({ railway: { token: railway } }, null, 2),
      '.env.production': `STRIPE_SECRET_KEY=${stripe}\n`,
      'src/index.ts': 'export {};\n',
    });
    home = makeWorkspace({}, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    await loadCredentialCache(root, { home, cacheDir, secretlint: false });
  });
  after(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('is keyed by the salt and computed on the trimmed value, as the HMAC is', () => {
    const salt = randomChars(43);
    assert.equal(valueFingerprint(salt, ` ${railway}\n`), valueFingerprint(salt, railway));
    assert.equal(fingerprintWith(fingerprintSeed(salt), railway), valueFingerprint(salt, railway));
    const values = Array.from({ length: 200 }, () => randomChars(32));
    const other = randomChars(43);
    const same = values.filter((v) => valueFingerprint(salt, v) === valueFingerprint(other, v)).length;
    assert.ok(same < 10, `another salt gives other fingerprints (${same} of 200 equal)`);
    const fp = valueFingerprint(salt, railway);
    const collisions = Array.from({ length: 20_000 }, () => randomChars(36)).filter((v) => valueFingerprint(salt, v) === fp).length;
    assert.ok(collisions < 20, `16 bits: about 1 in 65,536 collide (${collisions} of 20,000)`);
  });

  it('every indexed value carries the fingerprint of its value under the workspace salt', () => {
    const index = JSON.parse(fs.readFileSync(cacheFileFor(cacheDir, fs.realpathSync(root)), 'utf8')) as { salt: string; files: Record<string, { secrets: { hash: string; fp?: number }[] }> };
    const secrets = Object.values(index.files).flatMap((f) => f.secrets);
    assert.ok(secrets.length >= 2);
    for (const value of [railway, stripe]) {
      const entry = secrets.find((s) => s.hash === hashSecret(index.salt, value));
      assert.equal(entry?.fp, valueFingerprint(index.salt, value));
    }
  });

  const hashSecretOf = (value: string): string => {
    const salt = (JSON.parse(fs.readFileSync(cacheFileFor(cacheDir, fs.realpathSync(root)), 'utf8')) as { salt: string }).salt;
    return hashSecret(salt, value);
  };

  const rows: Array<[string, (v: string) => string, boolean]> = [
    ['the value as a whole word', (v) => `curl -H "Authorization: Bearer ${v}" https://api.example.com`, true],
    ['the value glued to other characters', (v) => `echo x${v}.`, true],
    ['the value inside an assignment', (v) => `TOKEN=${v} ./deploy.sh`, true],
    ['a look-alike of the same length (one character changed)', (v) => `curl -H "Authorization: Bearer ${v.slice(0, -1)}${v.endsWith('a') ? 'b' : 'a'}" https://api.example.com`, false],
    ['no value at all', () => 'grep -rn TODO apps/pkg-1', false],
  ];
  for (const [what, line, found] of rows) {
    it(`redaction and provenance: ${what} -> ${found ? 'found' : 'not found'}`, () => {
      for (const value of [railway, stripe]) {
        const text = line(value);
        // Marked as the editor gets it: a known value carries its hash; token shapes alone do not.
        const marked = redactWithKnown(text, knownSecretsOf([root], cacheDir, home), 'marked');
        assert.equal(marked.includes(`[REDACTED:${hashSecretOf(value)}]`), found, marked);
        if (found) assert.ok(!marked.includes(value), marked);
        const word = /glued/.test(what) ? undefined : text.match(/[A-Za-z0-9_-]{20,}/)?.[0];
        if (word) assert.equal(lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false }).originOf(word) !== undefined, found, `origin of ${word}`);
      }
    });
  }
});
