import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, dirsFileFor, loadCredentialCache } from '../../../src/node/credentials/credentialCache';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

/**
 * What the hooks of the hosts the decision server does not serve (every host but Claude Code and
 * Cursor) and every fallback run: the index read from disk, the folders of the package asked about
 * verified against the folder mtimes file (more than 64 KiB here). A credential file
 * created a moment ago in a deep folder is found; a package whose name starts like the one asked
 * about is not vouched for by that search; a torn folder mtimes file is verified the whole way.
 */
describe('credentials: a search of one package in a monorepo-sized kept index, with no editor and no server (the one-shot hook)', function () {
  this.timeout(60_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  const lazy = () => lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
  function bump(p: string): void {
    const t = new Date(Date.now() + 10_000);
    fs.utimesSync(p, t, t);
  }

  beforeEach(async () => {
    const files: Record<string, string> = { 'legacy/config_backup.json': JSON.stringify({ railway: { token: fake.uuid() } }) };
    for (let p = 0; p < 12; p++) for (let s = 0; s < 30; s++) files[`packages/pkg-${p}/src/mod-${s}/a/b/c/index.ts`] = 'export {};\n';
    for (const name of ['pkg-1-old', 'pkg-1.bak', 'pkg-1 copy']) files[`packages/${name}/src/index.ts`] = 'export {};\n';
    root = makeWorkspace(files);
    home = makeWorkspace({}, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    await loadCredentialCache(root, { home, cacheDir, secretlint: false });
    assert.ok(fs.statSync(dirsFileFor(cacheFileFor(cacheDir, fs.realpathSync(root)))).size > 64 * 1024, 'a folder mtimes file of more than 64 KiB');
  });
  afterEach(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('a credential file created a moment ago in a deep folder of the package asked about is found; a package named like it is not vouched for by that search', () => {
    const deep = 'packages/pkg-1/src/mod-29/a/b/c';
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
    bump(path.join(root, deep));
    fs.writeFileSync(path.join(root, 'packages/pkg-1-old/src/deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
    bump(path.join(root, 'packages/pkg-1-old/src'));
    assert.deepEqual(lazy().filesUnder(path.join(root, 'packages/pkg-0')).map((f) => f.path), [], 'routine: nothing in another package');
    assert.deepEqual(lazy().filesUnder(path.join(root, 'packages/pkg-1')).map((f) => f.path), [`${deep}/deploy.json`]);
    assert.deepEqual(lazy().filesUnder(path.join(root, 'packages/pkg-1-old')).map((f) => f.path), ['packages/pkg-1-old/src/deploy.json']);
  });

  it('a folder of the package removed, or a credential file there changed in place: seen', () => {
    fs.rmSync(path.join(root, 'packages/pkg-2/src/mod-3'), { recursive: true });
    bump(path.join(root, 'packages/pkg-2/src'));
    assert.deepEqual(lazy().filesUnder(path.join(root, 'packages/pkg-2')).map((f) => f.path), []);
    const kept = path.join(root, 'legacy/config_backup.json');
    fs.writeFileSync(kept, JSON.stringify({ note: 'nothing secret here any more' }));
    bump(kept);
    assert.deepEqual(lazy().filesUnder(path.join(root, 'legacy')).map((f) => f.path), []);
  });

  it('a torn folder mtimes file: the search verifies the package the whole way and still finds a new file', () => {
    const dirsFile = dirsFileFor(cacheFileFor(cacheDir, fs.realpathSync(root)));
    const text = fs.readFileSync(dirsFile, 'utf8');
    fs.writeFileSync(dirsFile, text.slice(0, text.indexOf('packages/pkg-5/') + 30));
    const deep = 'packages/pkg-5/src/mod-9/a/b/c';
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
    bump(path.join(root, deep));
    assert.deepEqual(lazy().filesUnder(path.join(root, 'packages/pkg-5')).map((f) => f.path), [`${deep}/deploy.json`]);
  });
});
