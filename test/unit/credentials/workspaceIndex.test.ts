import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileFor, dirsFileFor, feedFileFor, loadCredentialCache, writeIndexFeed } from '../../../src/node/credentials/credentialCache';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { knownSecretsOf, redactWithKnown } from '../../../src/node/credentials/knownSecrets';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

/**
 * How the hook reads the index in a large workspace: a question about one file reads no folder
 * mtimes; a search under a folder brings only that folder up to date; a value is looked up in the
 * index as it is first; an editor that watches the workspace can vouch for the index, and only a live,
 * recent feed naming this very index is believed. Every case checks the answer, not the timing.
 */
describe('credentials: the hook\'s view of the index (WorkspaceIndex)', function () {
  this.timeout(30_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  const railway = fake.uuid();

  function bump(p: string): void {
    const t = new Date(Date.now() + 10_000);
    fs.utimesSync(p, t, t);
  }
  const lazy = () => lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false });
  const indexFile = () => cacheFileFor(cacheDir, fs.realpathSync(root));
  const indexed = () => Object.keys((JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { files: Record<string, unknown> }).files).sort();
  /** A credential file by content only (its name says nothing), created after the index was built. */
  function plantLater(rel: string): string {
    const token = fake.uuid();
    fs.writeFileSync(path.join(root, rel), JSON.stringify({ railway: { token } }));
    bump(path.dirname(path.join(root, rel)));
    return token;
  }

  beforeEach(async () => {
    root = makeWorkspace({
      'legacy/config_backup.json': JSON.stringify({ railway: { token: railway } }),
      'apps/web/src/index.ts': 'export {};\n',
      'services/api/handlers.py': 'def h(): pass\n',
    });
    home = makeWorkspace({}, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    await loadCredentialCache(root, { home, cacheDir, secretlint: false });
  });
  afterEach(() => {
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('the index is two files: the credential files (small) and the folder mtimes', () => {
    assert.deepEqual(indexed(), ['legacy/config_backup.json']);
    const scannedAt = (JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { scannedAt: number }).scannedAt;
    const [header, ...lines] = fs.readFileSync(dirsFileFor(indexFile()), 'utf8').trimEnd().split('\n');
    assert.equal(header?.split(' ').pop(), String(scannedAt), 'the folder mtimes name the index they go with');
    const rels = lines.map((l) => l.slice(0, l.lastIndexOf('\t')));
    assert.ok(rels.includes('apps/web/src') && rels.includes(''));
    assert.deepEqual([...rels].sort(), rels, 'one sorted line per folder');
    assert.ok(!fs.readFileSync(indexFile(), 'utf8').includes('apps/web/src'), 'folders are not in the files part');
  });

  it('a refresh stopped by its depth limit says the index is incomplete (a listing there asks), never that it saw everything', () => {
    const deep = path.join(root, 'apps', 'web', 'src', 'a', 'b', 'c', 'd', 'e');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(deep, 'deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
    bump(path.join(root, 'apps', 'web', 'src'));
    const shallow = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, limits: { maxEntries: 500_000, maxDepth: 4 } });
    assert.deepEqual(shallow.filesUnder(path.join(root, 'apps')).map((f) => f.path), []);
    assert.equal(shallow.incomplete?.(path.join(root, 'apps')), true, 'the re-listing stopped at its depth limit');
    // The same change with room enough: found, and complete.
    const full = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir: fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-')), secretlint: false });
    assert.deepEqual(full.filesUnder(path.join(root, 'apps')).map((f) => f.path), ['apps/web/src/a/b/c/d/e/deploy.json']);
    assert.equal(full.incomplete?.(path.join(root, 'apps')), false);
  });

  it('a file question needs no folder: an indexed file, a new file judged by its content, a plain file', () => {
    const facts = lazy();
    plantLater('apps/web/src/deploy.json');
    assert.equal(facts.fileInfo(path.join(root, 'legacy', 'config_backup.json'))?.label, 'the Railway token');
    assert.equal(facts.fileInfo(path.join(root, 'apps', 'web', 'src', 'deploy.json'))?.label, 'the Railway token');
    assert.equal(facts.fileInfo(path.join(root, 'apps', 'web', 'src', 'index.ts')), undefined);
    assert.deepEqual(indexed(), ['legacy/config_backup.json'], 'nothing refreshed for file questions');
  });

  it('a search under a folder brings that folder up to date, and only it', () => {
    plantLater('apps/web/src/deploy.json');
    plantLater('services/api/settings.json');
    const facts = lazy();
    assert.deepEqual(facts.filesUnder(path.join(root, 'apps')).map((f) => f.path), ['apps/web/src/deploy.json']);
    assert.deepEqual(indexed(), ['apps/web/src/deploy.json', 'legacy/config_backup.json'], 'services/ not refreshed yet');
    assert.deepEqual(facts.filesUnder(root).map((f) => f.path).sort(), ['apps/web/src/deploy.json', 'legacy/config_backup.json', 'services/api/settings.json']);
  });

  it('a value is looked up in the kept index as it is: no folder is stat\'ed for it (its origin only names a file); a search brings the index up to date', () => {
    const later = plantLater('services/api/settings.json');
    const facts = lazy();
    assert.equal(facts.originOf(railway)?.path, 'legacy/config_backup.json');
    assert.deepEqual(indexed(), ['legacy/config_backup.json'], 'a hit needs no refresh');
    assert.equal(facts.originOf(later), undefined, 'a file created since is not looked for by a value question');
    assert.deepEqual(indexed(), ['legacy/config_backup.json'], 'nothing refreshed for a value question');
    assert.equal(facts.originOf(fake.uuid()), undefined);
    assert.deepEqual(facts.filesUnder(root).map((f) => f.path).sort(), ['legacy/config_backup.json', 'services/api/settings.json']);
    assert.equal(lazy().originOf(later)?.path, 'services/api/settings.json', 'found once a search brought the index up to date');
  });

  it('a live editor vouching for this index is believed: a file created since goes unseen until it reports a change', () => {
    const scannedAt = (JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { scannedAt: number }).scannedAt;
    writeIndexFeed(cacheDir, root, { state: 'current', scannedAt });
    const later = plantLater('services/api/settings.json');
    assert.equal(lazy().originOf(later), undefined, 'vouched for: the folders are not stat\'ed');
    assert.deepEqual(lazy().filesUnder(root).map((f) => f.path), ['legacy/config_backup.json']);
    writeIndexFeed(cacheDir, root, { state: 'changed' });
    assert.deepEqual(lazy().filesUnder(root).map((f) => f.path).sort(), ['legacy/config_backup.json', 'services/api/settings.json']);
  });

  for (const [what, edit] of [
    ['from a process that is gone', (feed: Record<string, unknown>) => ({ ...feed, pid: 2 ** 22 + 12345 })],
    ['older than the feed may be', (feed: Record<string, unknown>) => ({ ...feed, at: Date.now() - 10 * 60_000 })],
    ['dated in the future', (feed: Record<string, unknown>) => ({ ...feed, at: Date.now() + 10 * 60_000 })],
    ['naming another index', (feed: Record<string, unknown>) => ({ ...feed, scannedAt: 1 })],
    ['of another version', (feed: Record<string, unknown>) => ({ ...feed, version: 2 })],
  ] as const) {
    it(`a feed ${what} is ignored: the hook verifies the folders itself`, () => {
      const scannedAt = (JSON.parse(fs.readFileSync(indexFile(), 'utf8')) as { scannedAt: number }).scannedAt;
      writeIndexFeed(cacheDir, root, { state: 'current', scannedAt });
      const feedFile = feedFileFor(indexFile());
      fs.writeFileSync(feedFile, JSON.stringify(edit(JSON.parse(fs.readFileSync(feedFile, 'utf8')) as Record<string, unknown>)));
      plantLater('services/api/settings.json');
      assert.deepEqual(lazy().filesUnder(root).map((f) => f.path).sort(), ['legacy/config_backup.json', 'services/api/settings.json']);
    });
  }

  it('no index yet: a search under a sub-folder scans that folder alone and writes nothing; a value question builds the index', () => {
    removeTree(cacheDir);
    fs.mkdirSync(cacheDir);
    const facts = lazy();
    plantLater('apps/web/src/deploy.json');
    assert.deepEqual(facts.filesUnder(path.join(root, 'apps')).map((f) => f.path), ['apps/web/src/deploy.json']);
    assert.equal(fs.existsSync(indexFile()), false);
    assert.equal(facts.originOf(railway)?.path, 'legacy/config_backup.json');
    assert.ok(fs.existsSync(indexFile()) && fs.existsSync(dirsFileFor(indexFile())));
  });

  it('folder mtimes from another write than the files part: treated as no index (verified by a full scan)', () => {
    const dirsFile = dirsFileFor(indexFile());
    const text = fs.readFileSync(dirsFile, 'utf8');
    const header = text.slice(0, text.indexOf('\n'));
    const scannedAt = Number(header.split(' ').pop());
    fs.writeFileSync(dirsFile, header.replace(/\d+$/, String(scannedAt - 1)) + text.slice(header.length));
    plantLater('services/api/settings.json');
    assert.deepEqual(lazy().filesUnder(root).map((f) => f.path).sort(), ['legacy/config_backup.json', 'services/api/settings.json']);
  });

  it('folder names with a tab, a line break or a percent sign: one line each, and a change under them is still seen', () => {
    const odd = ['tab\there', 'line\nbreak', '100%done', '100%25'];
    for (const name of odd) fs.mkdirSync(path.join(root, 'apps', name), { recursive: true });
    bump(path.join(root, 'apps'));
    assert.deepEqual(lazy().filesUnder(path.join(root, 'apps')).map((f) => f.path), []);
    const text = fs.readFileSync(dirsFileFor(indexFile()), 'utf8');
    const rels = text.trimEnd().split('\n').slice(1).map((l) => l.slice(0, l.lastIndexOf('\t')));
    for (const escaped of ['apps/tab%09here', 'apps/line%0Abreak', 'apps/100%25done', 'apps/100%2525']) assert.ok(rels.includes(escaped), `${escaped} in ${rels.join(' ')}`);
    for (const name of odd) {
      fs.writeFileSync(path.join(root, 'apps', name, 'deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
      bump(path.join(root, 'apps', name));
    }
    assert.deepEqual(lazy().filesUnder(path.join(root, 'apps', '100%done')).map((f) => f.path), ['apps/100%done/deploy.json']);
    assert.deepEqual(lazy().filesUnder(path.join(root, 'apps')).map((f) => f.path).sort(), odd.map((n) => `apps/${n}/deploy.json`).sort());
  });

  it('a folder whose name starts like another (apps/web, apps/web-old): a search of one does not vouch for the other', () => {
    fs.mkdirSync(path.join(root, 'apps', 'web-old'));
    bump(path.join(root, 'apps'));
    assert.deepEqual(lazy().filesUnder(root).map((f) => f.path), ['legacy/config_backup.json']);
    plantLater('apps/web-old/deploy.json');
    assert.deepEqual(lazy().filesUnder(path.join(root, 'apps', 'web')).map((f) => f.path), []);
    assert.deepEqual(lazy().filesUnder(path.join(root, 'apps', 'web-old')).map((f) => f.path), ['apps/web-old/deploy.json']);
  });

  it('with no kept index, a walk out of time answers from what it saw: listings say they are incomplete, nothing is written, the whole index is built elsewhere', () => {
    removeTree(cacheDir);
    fs.mkdirSync(cacheDir);
    const started: string[] = [];
    const build = { buildTimeMs: -1, background: (r: string) => started.push(r) };
    const facts = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, ...build });
    assert.deepEqual(facts.filesUnder(root), [], 'the walk stopped before the first folder');
    assert.equal(facts.incomplete?.(root), true, 'and says so');
    assert.deepEqual(started, [fs.realpathSync(root)]);
    assert.equal(fs.existsSync(indexFile()), false, 'a walk cut short is never kept');
    // Redaction in the same process reuses that walk, and hides every word that could be a value.
    const known = knownSecretsOf([root], cacheDir, home, build);
    assert.equal(known.incomplete?.(), true);
    assert.deepEqual(started, [fs.realpathSync(root)], 'one walk and one background build per process');
    const line = `curl -H "x-token: ${railway}" https://example.com`;
    assert.ok(!redactWithKnown(line, known).includes(railway));
    // A file question needs no listing; a sub-folder's own walk is cut short too, and says so.
    assert.equal(facts.fileInfo(path.join(root, 'legacy', 'config_backup.json'))?.label, 'the Railway token');
    const sub = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, ...build });
    assert.deepEqual(sub.filesUnder(path.join(root, 'legacy')), []);
    assert.equal(sub.incomplete?.(path.join(root, 'legacy')), true);
  });

  it('with no kept index and time enough, the hook builds and keeps it, and starts nothing', () => {
    removeTree(cacheDir);
    fs.mkdirSync(cacheDir);
    const started: string[] = [];
    const facts = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, buildTimeMs: 60_000, background: (r) => started.push(r) });
    assert.deepEqual(facts.filesUnder(root).map((f) => f.path), ['legacy/config_backup.json']);
    assert.equal(facts.incomplete?.(root), false);
    assert.deepEqual(started, []);
    assert.deepEqual(indexed(), ['legacy/config_backup.json']);
  });
});
