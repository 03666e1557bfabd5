import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import { base64url, hmacSha256, sha256Hex, sha256HexPure } from '../../../src/node/hashing';
import { loadedCrypto, nodeCrypto } from '../../../src/node/lazyCrypto';

const reference = (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

describe('hashing (@noble/hashes through src/node/hashing)', () => {
  const cases: Array<[string, string]> = [
    ['empty', ''],
    ['abc', 'abc'],
    ['55 bytes (padding fits one block)', 'a'.repeat(55)],
    ['56 bytes (padding needs a second block)', 'a'.repeat(56)],
    ['64 bytes', 'b'.repeat(64)],
    ['multi-byte UTF-8', 'prod → 生产 🚀 ünïcödé'],
    ['lone surrogates', 'a\ud800b\udc00c\ud83d'],
    ['an audit-like line', JSON.stringify({ seq: 1, host: 'claude', subject: 'git status', reasons: ['x'] })],
  ];
  for (const [name, text] of cases) {
    it(`matches node:crypto for ${name}`, () => assert.equal(sha256Hex(text), reference(text)));
    it(`the pure JavaScript hash (a hook process without node:crypto) matches node:crypto for ${name}`, () => assert.equal(sha256HexPure(text), reference(text)));
  }

  it('once node:crypto is loaded (the decision server) sha256Hex uses it, with the same bytes as the pure hash', () => {
    nodeCrypto();
    assert.ok(loadedCrypto());
    for (const [, text] of cases) assert.equal(sha256Hex(text), sha256HexPure(text));
  });

  it('matches node:crypto for 300 random strings of random lengths', () => {
    for (let i = 0; i < 300; i++) {
      const bytes = crypto.randomBytes(Math.floor(Math.random() * 700));
      const text = bytes.toString('latin1') + String.fromCodePoint(0x1f600 + (i % 50));
      assert.equal(sha256Hex(text), reference(text), `length ${text.length}`);
      assert.equal(sha256HexPure(text), reference(text), `length ${text.length}`);
    }
  });

  it('matches the published vector for "abc"', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('HMAC-SHA256 and base64url match node:crypto (the salted value hashes the index stores)', () => {
    for (let i = 0; i < 200; i++) {
      const key = crypto.randomBytes(1 + (i % 40)).toString('base64url');
      const text = crypto.randomBytes(i % 90).toString('latin1') + (i % 3 ? '' : ' ünï 🚀');
      const expected = crypto.createHmac('sha256', key).update(text, 'utf8').digest();
      assert.deepEqual(Buffer.from(hmacSha256(key, text)), expected);
      assert.equal(base64url(hmacSha256(key, text)), expected.toString('base64url'));
    }
    for (let n = 0; n < 10; n++) {
      const bytes = crypto.randomBytes(n);
      assert.equal(base64url(bytes), bytes.toString('base64url'), `${n} bytes`);
    }
  });
});
