import { strict as assert } from 'node:assert';
import { redactWithKnown, type KnownSecrets } from '../../../src/node/credentials/knownSecrets';
import { randomChars } from './fakeSecrets';

describe('redaction of known values keeps where a connection URL points', () => {
  const password = randomChars(20);
  const url = `postgres://shop:${password}@db.prod.example.com:5432/shop`;
  const token = randomChars(32);
  // Salted hashes as the index writes them: 22 URL-safe characters.
  const urlHash = 'U'.repeat(21) + '1';
  const tokenHash = 'T'.repeat(21) + '2';
  const known: KnownSecrets = { hashOf: (v) => (v === url ? urlHash : v === token ? tokenHash : undefined) };

  it('a known URL value loses its password only: the host still says production to the editor', () => {
    const text = redactWithKnown(`psql "${url}" -c 'DROP TABLE orders;'`, known, 'marked');
    assert.equal(text, `psql "postgres://shop:[REDACTED:${urlHash}]@db.prod.example.com:5432/shop" -c 'DROP TABLE orders;'`, 'the marker survives, so the editor still names the origin');
    assert.ok(!text.includes(password));
  });

  it('printed text hides it the same way', () => {
    assert.equal(redactWithKnown(`psql ${url}`, known, 'plain'), 'psql postgres://shop:[REDACTED]@db.prod.example.com:5432/shop');
  });

  it('any other known value is hidden whole', () => {
    const text = redactWithKnown(`curl -H "Authorization: Bearer ${token}" https://api.example.com`, known, 'marked');
    assert.ok(text.includes(`[REDACTED:${tokenHash}]`) && !text.includes(token), text);
  });
});
