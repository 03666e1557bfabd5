import { strict as assert } from 'node:assert';
import { scanCredentialContent } from '../../../src/core/credentials/contentRules';
import { classifyCredentialFile } from '../../../src/core/credentials/credentialFiles';
import { configFormatOf, extractKeyValues } from '../../../src/core/credentials/keyValues';
import { fake, randomChars } from './fakeSecrets';

const HOME = '/home/dev';
const WS = '/work/app';

function kinds(path: string, text: string): string[] {
  return scanCredentialContent(path, text).map((h) => h.kind);
}

describe('credentials: content rules', () => {
  describe('the incident file', () => {
    it('a plain UUID under a token key in a railway JSON backup is the Railway token', () => {
      const text = JSON.stringify({ railway: { projectId: fake.uuid(), token: fake.uuid() } }, null, 2);
      const verdict = classifyCredentialFile(`${WS}/legacy/config_backup.json`, HOME, text);
      assert.ok(verdict);
      assert.equal(verdict.kind, 'railway-token');
      assert.equal(verdict.label, 'the Railway token');
      assert.match(verdict.reasons.join(' '), /UUID under the key "railway.token"/);
      assert.equal(verdict.secrets.length, 1, 'the project id is not a secret');
    });
    it('railway named by a sibling value', () => {
      const text = JSON.stringify({ provider: 'railway', token: fake.uuid() });
      assert.equal(classifyCredentialFile(`${WS}/legacy/config_backup.json`, HOME, text)?.label, 'the Railway token');
    });
    it('without provider context: "an API token"', () => {
      const text = JSON.stringify({ deploy: { token: fake.uuid() } });
      const verdict = classifyCredentialFile(`${WS}/legacy/config_backup.json`, HOME, text);
      assert.equal(verdict?.kind, 'api-token');
      assert.equal(verdict?.label, 'an API token');
    });
    it('reasons never contain the value', () => {
      const token = fake.uuid();
      const verdict = classifyCredentialFile(`${WS}/legacy/config_backup.json`, HOME, JSON.stringify({ railway: { token } }));
      assert.ok(verdict && !verdict.reasons.join('\n').includes(token) && !verdict.label.includes(token));
    });
  });

  describe('formats', () => {
    const token = (): string => fake.apiToken();
    const cases: [string, string, () => string, RegExp][] = [
      ['dotenv', 'config/.env.staging', () => `# comment\nexport API_TOKEN="${token()}"\nDEBUG=true\n`, /api-token/],
      ['JSON', 'settings.json', () => JSON.stringify({ services: { stripe: { apiKey: token() } } }), /stripe-api-key/],
      ['JSONC with comments', 'tsconfig.local.jsonc', () => `{\n  // deploy\n  "auth": { "password": "${token()}" },\n}\n`, /generic-password/],
      ['YAML', 'deploy/values.yaml', () => `vercel:\n  project: web\n  token: ${token()}\n`, /vercel-token/],
      ['TOML', 'fly.toml', () => `[env]\nSECRET_KEY = "${token()}"\n`, /api-key|secret/],
      ['INI', 'settings.ini', () => `[database]\npassword = ${token()}\n`, /generic-password/],
      ['properties', 'app.properties', () => `db.password=${token()}\n`, /generic-password/],
      ['.npmrc', '.npmrc', () => `//registry.npmjs.org/:_authToken=${token()}\n`, /npm-token/],
      ['backup of a config', 'config.yaml.bak', () => `heroku:\n  api_key: ${token()}\n`, /heroku-api-key/],
    ];
    for (const [format, file, text, kind] of cases) {
      it(`${format}: ${file}`, () => {
        const found = kinds(`${WS}/${file}`, text());
        assert.ok(found.some((k) => kind.test(k)), `${found.join(',')} should match ${kind}`);
      });
    }
    it('private key blocks in any file', () => {
      assert.deepEqual(kinds(`${WS}/notes.txt`, `here:\n${fake.privateKeyBlock()}`), ['private-key']);
    });
    it('database URLs with a password, in any file', () => {
      const url = fake.postgresUrl(fake.password());
      assert.ok(kinds(`${WS}/src/db.ts`, `const url = "${url}";`).includes('database-url'));
      assert.ok(kinds(`${WS}/README.md`, `connect with ${url}`).includes('database-url'));
    });
    it('database URLs without a real password are not credentials', () => {
      for (const pw of ['password', '${DB_PASSWORD}', 'changeme', '<password>']) {
        assert.deepEqual(kinds(`${WS}/src/db.ts`, `"${fake.postgresUrl(pw)}"`), [], pw);
      }
    });
    it('format detection', () => {
      assert.equal(configFormatOf('.env.local'), 'dotenv');
      assert.equal(configFormatOf('values.yml'), 'yaml');
      assert.equal(configFormatOf('prod.tfvars'), 'toml');
      assert.equal(configFormatOf('main.ts'), undefined);
    });
    it('key/value extraction keeps parents and siblings', () => {
      const kvs = extractKeyValues('svc:\n  kind: railway\n  token: abc\n', 'yaml');
      const tokenKv = kvs.find((k) => k.key === 'token');
      assert.deepEqual(tokenKv?.parents, ['svc']);
      assert.ok(tokenKv?.siblings.includes('railway'));
    });
  });

  describe('look-alikes are not credentials', () => {
    const lookAlikes: [string, string, () => string][] = [
      ['placeholder values', '.env.example', () => 'API_KEY=your-key-here\nSECRET=\nTOKEN=<token>\nPASSWORD=changeme\n'],
      ['empty values', 'config.json', () => JSON.stringify({ token: '', apiKey: '', password: null })],
      ['a lockfile full of integrity hashes', 'package-lock.json', () => JSON.stringify({ packages: { 'node_modules/x': { integrity: 'sha512-' + Buffer.from(randomChars(60)).toString('base64'), resolved: 'https://registry.npmjs.org/x/-/x-1.0.0.tgz' } } })],
      ['yarn.lock', 'yarn.lock', () => `x@^1.0.0:\n  version "1.0.0"\n  integrity sha512-${randomChars(60)}\n`],
      ['UUIDs under id-like keys', 'config.json', () => JSON.stringify({ projectId: fake.uuid(), volume_id: fake.uuid(), id: fake.uuid(), environmentUuid: fake.uuid() })],
      ['docs that mention the word token', 'docs/auth.md', () => '# Tokens\n\nSet `token: <your token>` in config. The token is a UUID like 123e4567-e89b-12d3-a456-426614174000.\n'],
      ['tokenizer.ts', 'src/tokenizer.ts', () => 'export function tokenize(input: string) {\n  const token = input.slice(0, 4);\n  return [token];\n}\n'],
      ['token counts', 'config.yaml', () => 'max_tokens: 4096\ntoken_limit: 1000\n'],
      ['key names that are not secrets', 'keymap.json', () => JSON.stringify({ key: 'ArrowUp', primaryKey: 'id', tokenType: 'Bearer', authProvider: 'github' })],
      ['a .env.example with placeholders', '.env.example', () => `STRIPE_KEY=${'sk_' + 'live_' + 'x'.repeat(16)}\nDATABASE_URL=postgres://user:password@localhost/db\n`],
    ];
    for (const [what, file, text] of lookAlikes) {
      it(what, () => assert.equal(classifyCredentialFile(`${WS}/${file}`, HOME, text()), undefined));
    }
    it('a .env.example holding a real-looking secret is still caught by content', () => {
      assert.ok(classifyCredentialFile(`${WS}/.env.example`, HOME, `API_TOKEN=${fake.apiToken()}\n`));
    });
  });

  describe('path + content', () => {
    it('a .env file is a credential file by path even with no secret-looking values', () => {
      assert.equal(classifyCredentialFile(`${WS}/.env`, HOME, 'DEBUG=1\n')?.kind, 'dotenv');
    });
    it('.npmrc without an auth line is not', () => {
      assert.equal(classifyCredentialFile(`${WS}/.npmrc`, HOME, 'registry=https://registry.npmjs.org/\n'), undefined);
    });
    it('a .env file indexes its secret values for provenance', () => {
      const token = fake.apiToken();
      const verdict = classifyCredentialFile(`${WS}/.env`, HOME, `RAILWAY_TOKEN=${token}\nNODE_ENV=production\n`);
      assert.deepEqual(verdict?.secrets.map((s) => s.label), ['the Railway token']);
    });
  });
});
