import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, loadCredentialCache } from '../../../src/node/credentials/credentialCache';
import { lazyCredentialFacts, loadCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { hashSecret } from '../../../src/node/credentials/workspaceScan';
import { createHmac, randomBytes } from 'node:crypto';
import { fake, makeWorkspace, randomChars, removeTree } from './fakeSecrets';

function bumpMtime(p: string, seconds: number): void {
  const t = new Date(Date.now() + seconds * 1000);
  fs.utimesSync(p, t, t);
}

describe('credentials: hashSecret', () => {
  it('is node:crypto\'s HMAC-SHA256 (base64url, 22 characters) of the trimmed value, for any text', () => {
    const values = ['x', ' padded value ', fake.uuid(), fake.stripeKey(), 'ünïcødé 🔑 \u0000 end', 'a'.repeat(5000), randomBytes(40).toString('latin1')];
    for (const salt of [randomBytes(32).toString('base64url'), 'short', 'ß'.repeat(100)]) {
      for (const value of values) {
        const expected = createHmac('sha256', salt).update(value.trim(), 'utf8').digest('base64url').slice(0, 22);
        assert.equal(hashSecret(salt, value), expected);
      }
    }
  });
});

describe('credentials: CredentialFacts and its cache', function () {
  this.timeout(30_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  const railway = fake.uuid();
  const stripe = fake.stripeKey();

  beforeEach(() => {
    root = makeWorkspace({
      '.env': `STRIPE_KEY=${stripe}\n`,
      'legacy/config_backup.json': JSON.stringify({ railway: { token: railway } }),
      'src/a/index.ts': 'export {};\n',
    });
    home = makeWorkspace({ '.railway/config.json': JSON.stringify({ user: { token: fake.apiToken() } }) }, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
  });
  afterEach(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('builds an owner-only cache holding hashes, never values', async () => {
    await loadCredentialCache(root, { home, cacheDir });
    const file = cacheFileFor(cacheDir, root);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!text.includes(railway) && !text.includes(stripe));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    const parsed = JSON.parse(text);
    assert.deepEqual(Object.keys(parsed.files).sort(), ['.env', 'legacy/config_backup.json']);
  });

  it('originOf links a value to its file and label; fileInfo and filesUnder answer from the index', async () => {
    const facts = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    assert.deepEqual(facts.originOf(railway), { path: 'legacy/config_backup.json', kind: 'railway-token', label: 'the Railway token' });
    assert.equal(facts.originOf(` ${railway} `)?.label, 'the Railway token');
    assert.equal(facts.originOf(stripe)?.path, '.env');
    assert.equal(facts.originOf(fake.uuid()), undefined);
    assert.equal(facts.originOf('short'), undefined);
    assert.equal(facts.fileInfo(path.join(root, 'legacy', 'config_backup.json'))?.label, 'the Railway token');
    assert.equal(facts.fileInfo(path.join(root, 'src', 'a', 'index.ts')), undefined);
    assert.deepEqual(facts.filesUnder(path.join(root, 'legacy')).map((f) => f.path), ['legacy/config_backup.json']);
    assert.deepEqual(facts.filesUnder(path.join(root, 'src')), []);
    assert.equal(facts.filesUnder(root).length, 2);
  });

  it('a value is hashed only when some indexed value has its length (the lengths the index keeps decide)', async () => {
    await loadCredentialCache(root, { home, cacheDir });
    const file = cacheFileFor(cacheDir, root);
    // The index as written finds the value; the same index claiming other lengths never hashes it, so it is not found.
    const known = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const f of Object.values(known.files) as Array<{ secrets: Array<{ length?: number }> }>) for (const sec of f.secrets) sec.length = (sec.length ?? 0) + 1;
    fs.writeFileSync(file, JSON.stringify(known));
    const skewed = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    assert.equal(skewed.originOf(railway), undefined);
    // An index without lengths (written before they were kept) hashes every value.
    for (const f of Object.values(known.files) as Array<{ secrets: Array<{ length?: number }> }>) for (const sec of f.secrets) delete sec.length;
    fs.writeFileSync(file, JSON.stringify(known));
    const older = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    assert.equal(older.originOf(railway)?.label, 'the Railway token');
  });

  it('the lazy form (hook, check) touches no index until a question needs one, then answers the same', async () => {
    const lazy = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    const file = cacheFileFor(cacheDir, root);
    assert.equal(fs.existsSync(file), false, 'nothing read or built yet');
    assert.deepEqual(lazy.originOf(railway), { path: 'legacy/config_backup.json', kind: 'railway-token', label: 'the Railway token' });
    assert.equal(fs.existsSync(file), true, 'built on the first question');
    const eager = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    for (const value of [railway, stripe, fake.uuid(), 'short']) assert.deepEqual(lazy.originOf(value), eager.originOf(value), value.slice(0, 4));
    for (const p of ['.env', 'legacy/config_backup.json', 'src/a/index.ts', 'nope.pem']) assert.deepEqual(lazy.fileInfo(path.join(root, p)), eager.fileInfo(path.join(root, p)), p);
    for (const d of ['', 'legacy', 'src']) assert.deepEqual(lazy.filesUnder(path.join(root, d)), eager.filesUnder(path.join(root, d)), d);
  });

  it('the lazy form brings an existing index up to date once, on first use', async () => {
    await loadCredentialCache(root, { home, cacheDir, secretlint: false });
    const lazy = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
    const later = fake.uuid();
    fs.writeFileSync(path.join(root, 'src', 'a', 'deploy.json'), JSON.stringify({ railway: { token: later } }));
    bumpMtime(path.join(root, 'src', 'a'), 5);
    assert.deepEqual(lazy.filesUnder(path.join(root, 'src')).map((f) => f.path), ['src/a/deploy.json']);
    assert.equal(lazy.originOf(later)?.path, 'src/a/deploy.json');
  });

  it('originOf also knows the home folder credential stores', async () => {
    const token = fake.apiToken();
    fs.writeFileSync(path.join(home, '.railway', 'config.json'), JSON.stringify({ user: { token } }));
    const facts = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    assert.deepEqual(facts.originOf(token), { path: '~/.railway/config.json', kind: 'railway-token', label: 'the Railway token' });
  });

  it('filesUnder outside the workspace walks by path rules', async () => {
    const facts = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    assert.deepEqual(facts.filesUnder(home).map((f) => f.path), ['~/.railway/config.json']);
  });

  it('sees a new credential file, a deleted one, an edited one and a new folder', async () => {
    await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    const fresh = fake.apiToken();
    fs.writeFileSync(path.join(root, 'src', 'a', 'settings.json'), JSON.stringify({ heroku: { apiKey: fresh } }));
    bumpMtime(path.join(root, 'src', 'a'), 5);
    fs.rmSync(path.join(root, '.env'));
    bumpMtime(root, 5);
    const edited = fake.uuid();
    fs.writeFileSync(path.join(root, 'legacy', 'config_backup.json'), JSON.stringify({ railway: { token: edited, note: 'rotated' } }));
    fs.mkdirSync(path.join(root, 'src', 'a', 'deep', 'er'), { recursive: true });
    fs.writeFileSync(path.join(root, 'src', 'a', 'deep', 'er', 'prod.tfvars'), 'x = 1\n');
    bumpMtime(path.join(root, 'src', 'a'), 10);
    const facts = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    assert.equal(facts.originOf(fresh)?.path, 'src/a/settings.json');
    assert.equal(facts.originOf(stripe), undefined, 'deleted file forgotten');
    assert.equal(facts.originOf(edited)?.path, 'legacy/config_backup.json', 'edited credential file rescanned');
    assert.equal(facts.originOf(railway), undefined, 'old value forgotten');
    assert.deepEqual(facts.filesUnder(path.join(root, 'src')).map((f) => f.path).sort(), ['src/a/deep/er/prod.tfvars', 'src/a/settings.json']);
  });

  it('reuses the cache when nothing changed (same salt, no rewrite)', async () => {
    await loadCredentialCache(root, { home, cacheDir });
    const file = cacheFileFor(cacheDir, root);
    const before = fs.readFileSync(file, 'utf8');
    const mtime = fs.statSync(file).mtimeMs;
    await loadCredentialCache(root, { home, cacheDir });
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    assert.equal(fs.statSync(file).mtimeMs, mtime);
  });

  it('an index built without secretlint (as the hook does) is completed by the next load that has it', async () => {
    // A token format only secretlint knows (the core rules know GitHub's, not Shopify's).
    fs.writeFileSync(path.join(root, 'src', 'a', 'shop.ts'), `export const t = "${'shp' + 'at_' + randomChars(32)}";\n`);
    const partial = await loadCredentialCache(root, { home, cacheDir, secretlint: false });
    assert.equal(partial.secretlintUsed, false);
    assert.equal(partial.files['src/a/shop.ts'], undefined);
    const again = await loadCredentialCache(root, { home, cacheDir, secretlint: false });
    assert.equal(again.secretlintUsed, false, 'a hook load does not rebuild');
    const full = await loadCredentialCache(root, { home, cacheDir });
    assert.equal(full.secretlintUsed, true);
    assert.ok(full.files['src/a/shop.ts'], 'found once secretlint runs');
  });

  it('a corrupt cache is rebuilt', async () => {
    await loadCredentialCache(root, { home, cacheDir });
    fs.writeFileSync(cacheFileFor(cacheDir, root), '{not json');
    const facts = await loadCredentialFacts({ workspaceRoots: [root], home, cacheDir });
    assert.equal(facts.originOf(railway)?.label, 'the Railway token');
  });
});
