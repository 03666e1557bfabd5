import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkAgentRead, isCredentialPath } from '../../../src/node/credentials/readCheck';
import { loadCredentialCache } from '../../../src/node/credentials/credentialCache';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

describe('credentials: agent read check', () => {
  let root: string;
  let home: string;
  let cacheDir: string;
  let outside: string;
  const token = fake.uuid();

  before(async () => {
    root = makeWorkspace({
      '.env': 'A=1\n',
      'legacy/config_backup.json': JSON.stringify({ railway: { token } }),
      'src/index.ts': 'export {};\n',
      'src/github.ts': `export const t = "${fake.githubToken()}";\n`,
      '.env.example': 'A=your-key-here\n',
      'server/settings.py': `DEBUG = False\nSECRET_KEY = '${fake.apiToken()}'\n`,
    });
    home = makeWorkspace({ '.aws/credentials': '[default]\n', '.kube/config': 'apiVersion: v1\n' }, 'bs-home-');
    outside = makeWorkspace({ 'secret.json': JSON.stringify({ apiKey: fake.apiToken() }) }, 'bs-outside-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    fs.symlinkSync(path.join(root, '.env'), path.join(root, 'src', 'innocent.txt'));
    fs.symlinkSync(path.join(root, 'legacy'), path.join(root, 'old'));
    fs.symlinkSync(path.join(home, '.aws', 'credentials'), path.join(root, 'aws-link'));
    await loadCredentialCache(root, { home, cacheDir });
  });
  after(() => {
    for (const d of [root, home, outside, cacheDir]) removeTree(d);
  });

  const opts = () => ({ cwd: root, workspaceRoots: [root], home, cacheDir });

  const denied: [string, () => string, RegExp][] = [
    ['absolute .env', () => path.join(root, '.env'), /\.env holds an environment file/],
    ['relative .env', () => '.env', /\.env/],
    ['relative with ..', () => 'src/../.env', /^\.env holds/],
    ['the incident file by content', () => 'legacy/config_backup.json', /legacy\/config_backup\.json holds the Railway token/],
    ['a symlink to .env', () => 'src/innocent.txt', /\.env/],
    ['through a symlinked folder', () => 'old/config_backup.json', /Railway token/],
    ['a symlink to a home credential store', () => 'aws-link', /AWS credentials/],
    ['~/.aws/credentials', () => '~/.aws/credentials', /~\/\.aws\/credentials holds AWS credentials/],
    ['~/.kube/config', () => path.join(home, '.kube', 'config'), /kubeconfig/],
    ['a file outside the workspace, by content', () => path.join(outside, 'secret.json'), /API key/],
    ['a source file only secretlint recognises (from the cached index)', () => 'src/github.ts', /GitHub token/],
    ['a path that does not exist yet, by name', () => 'new/.env.production', /environment file/],
    ['a settings file with a hard-coded secret, by the core rules alone', () => 'server/settings.py', /server\/settings\.py holds a secret/],
  ];
  for (const [what, file, reason] of denied) {
    it(`denies ${what}`, () => {
      const v = checkAgentRead(file(), opts());
      assert.equal(v.deny, true, v.reason);
      assert.match(v.reason, reason);
      assert.ok(!v.reason.includes(token));
    });
  }

  const allowed: [string, () => string][] = [
    ['a source file', () => 'src/index.ts'],
    ['.env.example with placeholders', () => '.env.example'],
    ['a folder', () => 'legacy'],
    ['a missing ordinary file', () => 'src/nope.ts'],
  ];
  for (const [what, file] of allowed) {
    it(`allows ${what}`, () => assert.equal(checkAgentRead(file(), opts()).deny, false));
  }

  it('uses the content the host sends, even for an innocent name', () => {
    const v = checkAgentRead('src/index.ts', { ...opts(), content: JSON.stringify({ vercel: { token: fake.apiToken() } }) });
    assert.equal(v.deny, true);
    assert.equal(v.kind, 'vercel-token');
    assert.equal(checkAgentRead('src/index.ts', { ...opts(), content: 'export {};' }).deny, false);
    assert.equal(checkAgentRead('src/index.ts', { ...opts(), content: `export const apiKey = '${fake.apiToken()}';\n` }).deny, true, 'a hard-coded key in source');
    assert.equal(checkAgentRead('src/index.ts', { ...opts(), content: 'export const apiKey = process.env.API_KEY;\n' }).deny, false);
  });

  it('isCredentialPath: by name only, for self-protection of writes', () => {
    assert.equal(isCredentialPath(path.join(root, '.env'), home), true);
    assert.equal(isCredentialPath(path.join(home, '.aws', 'config'), home), true);
    assert.equal(isCredentialPath(path.join(root, 'src', 'index.ts'), home), false);
    assert.equal(isCredentialPath(path.join(root, '.env.example'), home), false);
  });
});
