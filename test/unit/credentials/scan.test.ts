import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run as runScan } from '../../../src/cli/scan';
import type { CliIo } from '../../../src/cli/io';
import { scanWorkspace } from '../../../src/node/credentials/workspaceScan';
import { fake, makeWorkspace, randomChars, removeTree } from './fakeSecrets';

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', env: { HOME: '/nonexistent-home' }, cwd };
}

describe('credentials: workspace scan', function () {
  this.timeout(30_000);
  let root: string;
  let outside: string;
  const secrets: string[] = [];

  before(() => {
    const stripe = fake.stripeKey();
    const gh = fake.githubToken();
    const railway = fake.uuid();
    const pw = fake.password();
    secrets.push(stripe, gh, railway, pw);
    root = makeWorkspace({
      '.env': `STRIPE_KEY=${stripe}\n`,
      '.env.example': 'STRIPE_KEY=your-key-here\n',
      'legacy/config_backup.json': JSON.stringify({ railway: { token: railway } }),
      'src/github.ts': `const client = new Octokit({ auth: "${gh}" });\n`,
      'src/tokenizer.ts': 'export const tokenize = (s: string) => s.split(" ");\n',
      'src/index.ts': 'export {};\n',
      'config/database.yml': `production:\n  url: ${fake.postgresUrl(pw)}\n`,
      'package-lock.json': JSON.stringify({ packages: { '': {}, 'node_modules/a': { integrity: 'sha512-' + randomChars(80) } } }),
      'docs/auth.md': 'Put your token in `.env`.\n',
      'node_modules/pkg/.env': `SECRET=${fake.apiToken()}\n`,
      '.git/config': `[remote]\n  url = ${fake.postgresUrl(fake.password())}\n`,
      'assets/logo.png': `\u0000PNG ${fake.stripeKey()}`,
      'big/huge.json': JSON.stringify({ token: fake.uuid(), pad: 'x'.repeat(1024 * 1024 + 10) }),
      'keys/deploy.pem': fake.privateKeyBlock(),
    });
    outside = makeWorkspace({ '.env': `OUTSIDE_TOKEN=${fake.apiToken()}\n` }, 'bs-outside-');
    fs.symlinkSync(path.join(outside, '.env'), path.join(root, 'src', 'outside-link.env'));
    fs.symlinkSync(outside, path.join(root, 'linked-dir'));
    fs.writeFileSync(path.join(root, 'src', 'binary.dat'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`TOKEN=${fake.apiToken()}`)]));
  });
  after(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('finds credential files by path and content, skipping look-alikes, dependencies, VCS, binaries, large files and symlinks out', async () => {
    const result = await scanWorkspace(root, { home: '/nonexistent-home' });
    const found = Object.fromEntries(result.files.map((f) => [f.path, f.kind]));
    assert.deepEqual(Object.keys(found).sort(), ['.env', 'config/database.yml', 'keys/deploy.pem', 'legacy/config_backup.json', 'src/github.ts']);
    assert.equal(found['legacy/config_backup.json'], 'railway-token');
    assert.equal(found['src/github.ts'], 'github-token', 'found by secretlint');
    assert.equal(found['.env'], 'dotenv');
  });

  it('secretlint is used for known token formats (reason names it)', async () => {
    const result = await scanWorkspace(root, { home: '/nonexistent-home' });
    const gh = result.files.find((f) => f.path === 'src/github.ts');
    assert.ok(gh?.reasons.some((r) => /secretlint/.test(r)));
    // Without secretlint (the hook's own index) the core token shapes still find it, and say so without naming secretlint.
    const without = await scanWorkspace(root, { home: '/nonexistent-home', secretlint: false });
    const core = without.files.find((f) => f.path === 'src/github.ts');
    assert.equal(core?.kind, 'github-token');
    assert.ok(core.reasons.every((r) => !/secretlint/.test(r)), core.reasons.join(' | '));
  });

  it('keeps only salted hashes, never values', async () => {
    const result = await scanWorkspace(root, { home: '/nonexistent-home', salt: 'fixed' });
    const dump = JSON.stringify(result.files);
    for (const s of secrets) assert.ok(!dump.includes(s));
    assert.ok(result.files.every((f) => f.secrets.every((x) => /^[A-Za-z0-9_-]{22}$/.test(x.hash))));
  });

  it('blast-shield scan --json prints relative paths, kinds and reasons only', async () => {
    const io = captureIo(root);
    assert.equal(await runScan(['--json', '.'], io), 0);
    const text = io.out.join('');
    const parsed = JSON.parse(text) as { files: { path: string; kind: string; reasons: string[] }[] };
    assert.deepEqual(parsed.files.map((f) => f.path).sort(), ['.env', 'config/database.yml', 'keys/deploy.pem', 'legacy/config_backup.json', 'src/github.ts']);
    for (const f of parsed.files) assert.deepEqual(Object.keys(f).sort(), ['kind', 'path', 'reasons']);
    for (const s of secrets) assert.ok(!text.includes(s));
  });

  it('blast-shield scan prints a readable list', async () => {
    const io = captureIo(root);
    assert.equal(await runScan([root], io), 0);
    const text = io.out.join('');
    assert.match(text, /5 credential files in /);
    assert.match(text, /legacy\/config_backup\.json {2}— the Railway token \(railway-token\)/);
    for (const s of secrets) assert.ok(!text.includes(s));
  });

  it('batched secretlint passes attribute each finding to its own file, and a secretlint-disable comment does not leak into the next file', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`src/m${String(i).padStart(2, '0')}.ts`] = `export const v${i} = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4";\n`;
    files['src/m05.ts'] = `export const k = "${fake.stripeKey()}";\n`;
    files['src/m06.ts'] = `// secretlint-disable\nexport const k = "${fake.stripeKey()}";\n`;
    files['src/m07.ts'] = `export const k = "${fake.githubToken()}";\n`;
    files['src/m19.ts'] = `export const k = "${fake.stripeKey()}";\n`;
    const ws = makeWorkspace(files);
    try {
      const result = await scanWorkspace(ws, { home: '/nonexistent-home' });
      assert.deepEqual(result.files.map((f) => `${f.path}:${f.kind}`), ['src/m05.ts:stripe-api-key', 'src/m07.ts:github-token', 'src/m19.ts:stripe-api-key']);
    } finally {
      removeTree(ws);
    }
  });

  it('usage errors', async () => {
    const io = captureIo(root);
    await assert.rejects(runScan(['--nope'], io), /unknown option/);
    await assert.rejects(runScan(['does-not-exist'], io), /not a folder/);
  });
});
