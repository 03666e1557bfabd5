import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FolderAbsences } from '../../../src/node/fileSignatureCache';

/**
 * The home's start-up files that are missing (most of them) are asked again only when the home's
 * entries change: a name can only appear by a write of the folder's entries, which moves its times.
 * Every way a name can appear is seen on the next call; while nothing changed, no name is asked;
 * a folder written within the racy window is asked afresh every time.
 */
describe('s39 perf: names missing from a folder, asked once per change of the folder', () => {
  let dir: string;
  beforeEach(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-s39-absent-')))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const NAMES = ['.bashrc', '.zshrc', '.profile'];
  /** Absences whose clock runs ahead, so the folder the test just wrote is past the racy window. */
  const later = (): FolderAbsences => new FolderAbsences(() => Date.now() + 60_000);
  /**
   * The folder's modification time put an hour back once the test set it up: file times come from a
   * coarse clock, and the change a case makes next must not fall in the same tick as the set-up.
   */
  const settled = (folder: string): string => {
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(folder, past, past);
    return folder;
  };
  /** lstat calls made while `f` runs. */
  function lstats<T>(f: () => T): { value: T; n: number } {
    // The module object itself (a namespace import's properties are read-only getters onto it).
    const mod = require('node:fs') as { lstatSync: typeof fs.lstatSync };
    const real = mod.lstatSync;
    let n = 0;
    mod.lstatSync = ((...args: Parameters<typeof fs.lstatSync>) => (n++, real(...args))) as typeof fs.lstatSync;
    try {
      return { value: f(), n };
    } finally {
      mod.lstatSync = real;
    }
  }

  const appearances: { name: string; make: (file: string) => void }[] = [
    { name: 'a file written', make: (f) => fs.writeFileSync(f, 'alias x=y\n') },
    { name: 'a symlink into a dotfiles folder', make: (f) => (fs.writeFileSync(path.join(dir, 'real'), 'x\n'), fs.symlinkSync(path.join(dir, 'real'), f)) },
    { name: 'a dangling symlink', make: (f) => fs.symlinkSync(path.join(dir, 'nowhere'), f) },
    { name: 'a file renamed into place', make: (f) => (fs.writeFileSync(path.join(dir, 'tmp'), 'x\n'), fs.renameSync(path.join(dir, 'tmp'), f)) },
    { name: 'a hard link made', make: (f) => (fs.writeFileSync(path.join(dir, 'other'), 'x\n'), fs.linkSync(path.join(dir, 'other'), f)) },
    { name: 'a folder made', make: (f) => fs.mkdirSync(f) },
  ];
  for (const a of appearances) {
    it(`${a.name}: seen on the next call (the folder changed)`, () => {
      const absences = later();
      assert.deepEqual([...absences.missing(settled(dir), NAMES)].sort(), [...NAMES].sort());
      a.make(path.join(dir, '.zshrc'));
      assert.deepEqual([...absences.missing(dir, NAMES)].sort(), ['.bashrc', '.profile']);
    });
  }

  it('a name removed is missing again on the next call', () => {
    fs.writeFileSync(path.join(dir, '.bashrc'), 'x\n');
    const absences = later();
    assert.deepEqual([...absences.missing(settled(dir), NAMES)].sort(), ['.profile', '.zshrc']);
    fs.rmSync(path.join(dir, '.bashrc'));
    assert.deepEqual([...absences.missing(dir, NAMES)].sort(), [...NAMES].sort());
  });

  it('while the folder is unchanged, the second call asks no name; a content change of a present file needs no folder change (present names are the caller\'s to read)', () => {
    fs.writeFileSync(path.join(dir, '.bashrc'), 'x\n');
    const absences = later();
    const first = lstats(() => absences.missing(settled(dir), NAMES));
    assert.equal(first.n, NAMES.length);
    fs.appendFileSync(path.join(dir, '.bashrc'), 'source ~/.evil\n');
    const second = lstats(() => absences.missing(dir, NAMES));
    assert.equal(second.n, 0);
    assert.deepEqual([...second.value].sort(), ['.profile', '.zshrc']);
  });

  it('other names than were asked before are asked (nothing is assumed about them)', () => {
    const absences = later();
    absences.missing(dir, NAMES);
    fs.writeFileSync(path.join(dir, '.kshrc'), 'x\n');
    // The folder changed anyway here; with a fresh instance and the same folder, a wider list is asked in full.
    const wider = later();
    wider.missing(dir, NAMES);
    const asked = lstats(() => wider.missing(dir, [...NAMES, '.kshrc', '.mkshrc']));
    assert.equal(asked.n, 5);
    assert.deepEqual([...asked.value].sort(), ['.bashrc', '.mkshrc', '.profile', '.zshrc']);
  });

  it('a folder written within the racy window is asked every time (real clock)', () => {
    const absences = new FolderAbsences();
    absences.missing(dir, NAMES);
    assert.equal(lstats(() => absences.missing(dir, NAMES)).n, NAMES.length);
  });

  it('a missing folder: every name missing, nothing kept', () => {
    const absences = later();
    const gone = path.join(dir, 'absent');
    assert.deepEqual([...absences.missing(gone, NAMES)].sort(), [...NAMES].sort());
    fs.mkdirSync(gone);
    fs.writeFileSync(path.join(gone, '.profile'), 'x\n');
    assert.deepEqual([...absences.missing(gone, NAMES)].sort(), ['.bashrc', '.zshrc']);
  });
});
