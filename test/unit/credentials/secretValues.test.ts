import { strict as assert } from 'node:assert';
import { isIdLikeKey, isPlaceholderValue, isSecretKeyName, isUuidShaped, looksLikeSecretValue, randomLetters, shannonEntropy, isIntegrityHash } from '../../../src/core/credentials/secretValues';
import { fake, randomChars } from './fakeSecrets';

describe('credentials: secret values', () => {
  describe('key names', () => {
    const secret = ['token', 'TOKEN', 'apiKey', 'api_key', 'API-KEY', 'secret', 'client_secret', 'password', 'DB_PASSWORD', 'passwd', 'auth', 'credential', 'credentials', 'private_key', 'privateKey', 'STRIPE_KEY', 'accessToken', 'refresh_token', 'GITHUB_TOKEN', 'secretKey'];
    const notSecret = ['tokenId', 'token_id', 'token_url', 'password_hint', 'authUser', 'auth_provider', 'name', 'id', 'volumeId', 'key', 'primary_key', 'public_key', 'tokenizer', 'max_tokens', 'secret_name', 'passwordLength', 'description'];
    for (const k of secret) it(`"${k}" names a secret`, () => assert.equal(isSecretKeyName(k), true));
    for (const k of notSecret) it(`"${k}" does not name a secret`, () => assert.equal(isSecretKeyName(k), false));
    it('id-like keys', () => {
      for (const k of ['id', 'volumeId', 'project_uuid', 'GUID', 'ids']) assert.equal(isIdLikeKey(k), true, k);
      for (const k of ['token', 'identity', 'idea']) assert.equal(isIdLikeKey(k), false, k);
    });
  });

  describe('values', () => {
    it('UUID shapes', () => {
      assert.equal(isUuidShaped(fake.uuid()), true);
      assert.equal(isUuidShaped('not-a-uuid'), false);
    });
    it('entropy separates random tokens from words', () => {
      assert.ok(shannonEntropy(randomChars(40)) > 4);
      assert.ok(shannonEntropy('aaaaaaaaaa') === 0);
    });
    const placeholders = ['', '   ', 'your-key-here', 'YOUR_API_KEY', 'changeme', '<token>', '${RAILWAY_TOKEN}', '$TOKEN', '{{ secrets.TOKEN }}', 'xxxxxxxxxxxxxxxx', '****************', 'sk_test_placeholder', 'replace-me', 'example-token-value', 'TODO', 'null', 'process.env.TOKEN', '%(password)s', 'my-secret-password'];
    for (const p of placeholders) {
      it(`placeholder ${JSON.stringify(p)} is not a secret`, () => {
        assert.equal(isPlaceholderValue(p), true);
        assert.equal(looksLikeSecretValue(p), false);
      });
    }
    it('random tokens and UUIDs look like secrets', () => {
      for (const v of [fake.uuid(), fake.apiToken(), fake.stripeKey(), fake.githubToken(), fake.password()]) assert.equal(looksLikeSecretValue(v), true);
    });
    it('integrity hashes, URLs, paths, words and short values do not', () => {
      const integrity = 'sha512-' + Buffer.from(randomChars(48)).toString('base64');
      assert.equal(isIntegrityHash(integrity), true);
      for (const v of [integrity, 'https://api.example.com/v2/graphql', './config/settings.json', 'production', 'abc123', 'Hello world this is text']) {
        assert.equal(looksLikeSecretValue(v), false, v);
      }
    });
  });

  describe('randomLetters: letters-only values that are random, not names', () => {
    it('camel-case by shape but not words (a consonant run, a long part with no vowel) is random', () => {
      for (const v of ['QcZieHseUcKvnqsezshgulLq', 'QhrqNepHgbpnRrySrxdKpq', 'wnGnSztDtlRGzhCQEq', 'AbcdXyzwvbQrstLmnp']) assert.equal(randomLetters(v), true, v);
    });
    it('names stay names, including words with consonant clusters', () => {
      for (const v of ['unusedInTestsValue', 'DevClusterName', 'passwordStrengthMeter', 'DatabaseConnectionString', 'ReactDomServerRenderer', 'myProjectNameHere']) assert.equal(randomLetters(v), false, v);
    });
  });
});
