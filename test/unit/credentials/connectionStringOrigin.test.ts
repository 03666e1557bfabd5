import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyCredentialFile } from '../../../src/core/credentials/credentialFiles';
import { classify } from '../../../src/core/policy/classify';
import { loadCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { testFacts } from '../support/policyFixtures';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

const HOME = '/home/dev';
const WS = '/work/app';

/** A .env line holding one secret: the password inside a connection string. */
function envWithDatabaseUrl(password: string, key = 'DATABASE_URL'): { text: string; url: string } {
  const url = 'postgres' + `://shop:${password}@db.prod.example.internal:5432/shop`;
  return { text: `# production\nNODE_ENV=production\n${key}=${url}\n`, url };
}

describe('credentials: one connection string is one secret with one label', function () {
  this.timeout(30_000);

  const cases: { what: string; key: string }[] = [
    { what: 'DATABASE_URL', key: 'DATABASE_URL' },
    { what: 'a key that reads like a token', key: 'DB_AUTH_TOKEN' },
    { what: 'a key with no secret word', key: 'PRIMARY_DSN' },
  ];
  for (const { what, key } of cases) {
    it(`every indexed value of a .env connection string under ${what} is "a postgres password"`, () => {
      const { text } = envWithDatabaseUrl(fake.password(), key);
      const verdict = classifyCredentialFile(`${WS}/.env.production`, HOME, text);
      assert.ok(verdict);
      assert.ok(verdict.secrets.length > 0);
      assert.deepEqual([...new Set(verdict.secrets.map((s) => s.label))], ['a postgres password']);
      assert.deepEqual([...new Set(verdict.secrets.map((s) => s.kind))], ['database-url']);
    });
  }

  it('an unrelated token in the same file keeps its own label', () => {
    const token = fake.apiToken();
    const { text } = envWithDatabaseUrl(fake.password());
    const verdict = classifyCredentialFile(`${WS}/.env.production`, HOME, `${text}API_TOKEN=${token}\n`);
    assert.deepEqual([...new Set(verdict?.secrets.map((s) => s.label))].sort(), ['a postgres password', 'an API token']);
  });

  it('psql with the URL from .env.production names one credential origin', async () => {
    const password = fake.password();
    const { text, url } = envWithDatabaseUrl(password);
    const root = makeWorkspace({ '.env.production': text });
    const home = makeWorkspace({}, 'bs-home-');
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    try {
      const credentials = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
      const facts = testFacts({ cwd: root, home, workspaceRoots: [root], credentials });
      const verdict = classify(`psql "${url}" -c 'DROP TABLE orders;'`, facts, { lockdown: false });
      const uses = verdict.reasons.filter((r) => r.startsWith('Uses '));
      assert.equal(uses.length, 1, uses.join(' | '));
      assert.match(uses[0] ?? '', /\.env\.production/);
      assert.match(uses[0] ?? '', /postgres password/);
      assert.ok(!verdict.reasons.some((r) => r.includes(password)), 'the password is never in a reason');
    } finally {
      for (const d of [root, home, cacheDir]) removeTree(d);
    }
  });
});
