import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTextFile } from '../../../src/node/facts';
import { gatherPerimeterFacts } from '../../../src/node/perimeterFacts';
import { readRegularFileSync } from '../../../src/node/safeOpen';

/**
 * Optional files the decision reads on every call (settings mirror, policy files, start-up files) are
 * mostly missing; they are now asked by a stat that returns nothing instead of an open/realpath/lstat
 * that throws (an exception cost ~15 µs each, about ten per decision). The answers must not change:
 * missing, a dangling link, a folder and a FIFO read as nothing (the FIFO without blocking), a real
 * file and a file behind a link read as before, and a start-up file that is a link is still an alias.
 */
describe('s39 perf: missing optional files answered without exceptions, same answers', () => {
  let root: string;
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-s39-missing-')));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const kinds: { name: string; make: (p: string) => void; text: string | undefined }[] = [
    { name: 'missing', make: () => undefined, text: undefined },
    { name: 'missing parent folder', make: () => undefined, text: undefined },
    { name: 'a dangling symlink', make: (p) => fs.symlinkSync(path.join(path.dirname(p), 'nowhere'), p), text: undefined },
    { name: 'a folder', make: (p) => fs.mkdirSync(p), text: undefined },
    { name: 'a regular file', make: (p) => fs.writeFileSync(p, '{"lockdown": true}\n'), text: '{"lockdown": true}\n' },
    {
      name: 'a symlink to a regular file',
      make: (p) => {
        fs.writeFileSync(p + '.real', 'behind a link\n');
        fs.symlinkSync(p + '.real', p);
      },
      text: 'behind a link\n',
    },
  ];
  for (const k of kinds) {
    it(`${k.name}: readRegularFileSync and readTextFile answer as before`, () => {
      const file = k.name === 'missing parent folder' ? path.join(root, 'absent', 'settings.json') : path.join(root, 'settings.json');
      k.make(file);
      assert.equal(readRegularFileSync(file, 1024)?.toString('utf8'), k.text);
      assert.equal(readTextFile(file), k.text);
    });
  }

  it('a FIFO nobody writes reads as nothing and never blocks', function () {
    const fifo = path.join(root, 'settings.json');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    assert.equal(readRegularFileSync(fifo, 1024), undefined);
    assert.equal(readTextFile(fifo), undefined);
  });

  it('start-up files: missing ones are no alias, a symlinked one still is', () => {
    const home = path.join(root, 'home');
    const dotfiles = path.join(root, 'dotfiles');
    fs.mkdirSync(home);
    fs.mkdirSync(dotfiles);
    fs.writeFileSync(path.join(dotfiles, 'zshrc'), 'export A=1\n');
    fs.symlinkSync(path.join(dotfiles, 'zshrc'), path.join(home, '.zshrc'));
    fs.writeFileSync(path.join(home, '.profile'), 'export B=2\n');
    const facts = gatherPerimeterFacts({ guardHome: path.join(home, '.blast-shield'), home, workspaceRoots: [], env: { PATH: '/usr/bin:/bin' } });
    assert.deepEqual(
      facts.aliases.filter((a) => a.path.startsWith(home)),
      [{ real: path.join(dotfiles, 'zshrc'), path: path.join(home, '.zshrc') }],
    );
  });
});
