import { strict as assert } from 'node:assert';
import * as crypto from 'node:crypto';
import { scanCredentialContent } from '../../../src/core/credentials/contentRules';
import { fake, randomChars } from './fakeSecrets';

/**
 * Credentials hard-coded in source files (issue #12, round 3): found without secretlint, so the hook's
 * own index and a fresh machine see them. Every secret is made at run time; look-alikes stay clean.
 */
describe('credentials: secrets in source code', () => {
  const kinds = (path: string, text: string): string[] => scanCredentialContent(path, text).map((h) => h.kind);
  const upper = (n: number): string => randomChars(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567').toUpperCase().replace(/^A7/, 'Q7');

  const found: Array<{ name: string; path: string; text: () => string }> = [
    { name: 'a Stripe live key in Django settings', path: 'server/settings.py', text: () => `STRIPE_API_KEY = '${fake.stripeKey()}'\n` },
    { name: 'a GitHub token in a JS config object', path: 'web/config.js', text: () => `module.exports = { githubToken: '${fake.githubToken()}' };\n` },
    { name: 'an AWS key id in a Go file', path: 'cmd/upload/main.go', text: () => `const id = "AK${'IA'}${upper(16)}"\n` },
    { name: 'a token shape in a text file with no format', path: 'notes/deploy-steps', text: () => `token: ${fake.githubToken()}\n` },
    { name: 'a Django SECRET_KEY literal', path: 'server/settings.py', text: () => `SECRET_KEY = '${randomChars(50)}'\n` },
    { name: 'a TypeScript const client secret', path: 'src/auth.ts', text: () => `export const CLIENT_SECRET = "${randomChars(32)}";\n` },
    { name: 'a Ruby hash rocket password', path: 'lib/legacy.rb', text: () => `DB = { "password" => '${randomChars(20)}' }\n` },
    { name: 'a Go := api key', path: 'main.go', text: () => `apiKey := "${randomChars(32)}"\n` },
    { name: 'a PHP define in a backup file', path: 'wp-config.php.bak', text: () => `$db_password = '${randomChars(20)}';\n` },
  ];
  for (const row of found) {
    it(`finds ${row.name}`, () => {
      const text = row.text();
      const hits = scanCredentialContent(row.path, text);
      assert.ok(hits.length > 0, kinds(row.path, text).join());
      for (const h of hits) assert.ok(!h.reason.includes(h.value), 'a reason never carries the value');
    });
  }

  const clean: Array<{ name: string; path: string; text: string }> = [
    { name: 'a token read from the environment', path: 'server/settings.py', text: "SECRET_KEY = os.environ['SECRET_KEY']\n" },
    { name: 'process.env in JS', path: 'web/config.js', text: 'module.exports = { githubToken: process.env.GITHUB_TOKEN };\n' },
    { name: 'a placeholder literal', path: 'web/config.js', text: "const apiKey = 'your-api-key-here';\n" },
    { name: 'a masked Stripe placeholder', path: 'docs/example.py', text: "stripe.api_key = 'sk_" + "live_xxxxxxxxxxxxxxxxxxxxxxxx'\n" },
    { name: 'a template literal', path: 'src/api.ts', text: 'const token = `Bearer ${session.token}`;\n' },
    { name: 'an id-like key', path: 'src/ids.ts', text: `const tokenId = '${crypto.randomUUID()}';\n` },
    { name: 'a non-secret name with a random value', path: 'src/build.ts', text: `const buildHash = '${randomChars(32)}';\n` },
    { name: 'a password field label', path: 'src/Login.tsx', text: "const passwordLabel = 'Enter your password';\n" },
    { name: 'a prose file naming a token shape', path: 'README.md', text: `Tokens look like ${fake.githubToken()}.\n` },
    { name: 'a lockfile', path: 'package-lock.json', text: `{"integrity": "sha512-${randomChars(80)}"}\n` },
    { name: 'a secret-named assignment in a file that is not code', path: 'data/words.csv', text: `password,${randomChars(20)}\n` },
    { name: 'a dotted state key under a KEY constant', path: 'src/editor/lockdown.ts', text: "const STATE_KEY = 'blastShield.lockdownState';\n" },
    { name: 'an environment variable name under env_key', path: 'test/clients/codex.mjs', text: 'const p = `{env_key="CODEX_STANDIN_KEY"}`;\nconst envKey = "OPENAI_API_KEY";\n' },
    { name: 'a word-only dummy token', path: 'test/helpers.js', text: "const cfg = { token: 'unused-by-the-testing-api' };\n" },
    { name: 'a fixture its authors marked secretlint-disable', path: 'test/fixtures/keys.ts', text: `// secretlint-disable\nexport const k = "${fake.stripeKey()}";\n` },
  ];
  for (const row of clean) {
    it(`leaves ${row.name} alone`, () => assert.deepEqual(kinds(row.path, row.text), []));
  }
});
