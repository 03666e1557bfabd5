import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileSignatureCache } from '../../../src/node/fileSignatureCache';
import { sourcedStartupFiles } from '../../../src/node/sourcedFiles';

/**
 * Facts derived from a file are kept only while the file is provably the same (device, inode, mode,
 * size, modification and change times), never for a file changed within the racy window, and a file
 * changed in any way is read again: the cache may save reads, never answer from an old file.
 */
describe('file signature cache: kept while unchanged, re-read on any change', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-latency-sig-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A cache whose clock runs ahead, so files written by the test are past the racy window. */
  const later = (): FileSignatureCache<string> => new FileSignatureCache<string>(() => Date.now() + 60_000);
  const reader = (file: string, counter: { n: number }) => (): string => {
    counter.n++;
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '<missing>';
    }
  };

  const changes: { name: string; change: (file: string) => void }[] = [
    { name: 'rewritten in place with the same size', change: (f) => (fs.writeFileSync(f, 'source ~/.evilxxx\n'), assert.equal(fs.statSync(f).size, 'source ~/.aliases\n'.length)) },
    { name: 'appended to', change: (f) => fs.appendFileSync(f, 'source ~/.more\n') },
    { name: 'replaced by a rename (another inode)', change: (f) => (fs.writeFileSync(f + '.tmp', 'source ~/.other\n'), fs.renameSync(f + '.tmp', f)) },
    { name: 'made another mode', change: (f) => fs.chmodSync(f, 0o600) },
    { name: 'deleted', change: (f) => fs.rmSync(f) },
    { name: 'replaced by a symlink to another file', change: (f) => (fs.writeFileSync(f + '.real', 'source ~/.linked\n'), fs.rmSync(f), fs.symlinkSync(f + '.real', f)) },
  ];
  for (const c of changes) {
    it(`a file ${c.name} is read again`, () => {
      const file = path.join(dir, '.bashrc');
      fs.writeFileSync(file, 'source ~/.aliases\n', { mode: 0o644 });
      const cache = later();
      const n = { n: 0 };
      assert.equal(cache.get(file, reader(file, n)), 'source ~/.aliases\n');
      assert.equal(cache.get(file, reader(file, n)), 'source ~/.aliases\n');
      assert.equal(n.n, 1, 'an unchanged file is read once');
      c.change(file);
      const now = (() => {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch {
          return '<missing>';
        }
      })();
      assert.equal(cache.get(file, reader(file, n)), now);
      assert.equal(n.n, 2);
    });
  }

  it('a missing file is kept as missing; once it appears it is read', () => {
    const file = path.join(dir, '.zshrc');
    const cache = later();
    const n = { n: 0 };
    assert.equal(cache.get(file, reader(file, n)), '<missing>');
    assert.equal(cache.get(file, reader(file, n)), '<missing>');
    assert.equal(n.n, 1);
    fs.writeFileSync(file, 'source ~/.z\n');
    assert.equal(cache.get(file, reader(file, n)), 'source ~/.z\n');
  });

  it('a file changed within the racy window (a second write in the same clock tick could keep its signature) is read every time', () => {
    const file = path.join(dir, '.profile');
    fs.writeFileSync(file, 'a\n');
    const cache = new FileSignatureCache<string>();
    const n = { n: 0 };
    cache.get(file, reader(file, n));
    cache.get(file, reader(file, n));
    assert.equal(n.n, 2);
  });

  it("the start-up files' sourced list follows an edit at once (no stale list after a change)", () => {
    const home = dir;
    fs.writeFileSync(path.join(home, '.bashrc'), 'source ~/.aliases\n');
    assert.deepEqual(sourcedStartupFiles(home), [path.join(home, '.aliases')]);
    fs.appendFileSync(path.join(home, '.bashrc'), '. "$HOME/.extra"\n');
    assert.deepEqual(sourcedStartupFiles(home).sort(), [path.join(home, '.aliases'), path.join(home, '.extra')].sort());
  });
});
