import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { archiveMembers, tarMembers, zipMembers } from '../../../src/node/archiveMembers';
import { tar, zip } from '../support/archiveFixtures';

describe('node/archiveMembers: what an extraction writes, read without extracting', () => {
  it('reads tar member names, with long names through a GNU L entry and pax paths', () => {
    assert.deepEqual(tarMembers(tar([{ name: 'src/' , type: '5' }, { name: 'src/a.ts', body: 'x' }, { name: '.cursor/hooks.json', body: '{}' }])), ['src/', 'src/a.ts', '.cursor/hooks.json']);
    const long = 'deep/'.repeat(30) + 'file.txt';
    assert.deepEqual(tarMembers(tar([{ name: '././@LongLink', type: 'L', body: long + '\0' }, { name: long.slice(0, 99) }])), [long]);
    assert.deepEqual(tarMembers(tar([{ name: 'pax', type: 'x', body: `${'30 path=../.claude/settings.json\n'.length} path=../.claude/settings.json\n` }, { name: 'short' }])), ['../.claude/settings.json']);
  });

  it('a link member that points out of the folder makes the list unknown; one inside is fine', () => {
    assert.equal(tarMembers(tar([{ name: 'conf', type: '2', link: '/home/dev/.claude' }, { name: 'conf/settings.json' }])), undefined);
    assert.equal(tarMembers(tar([{ name: 'a/up', type: '2', link: '../../x' }])), undefined);
    assert.deepEqual(tarMembers(tar([{ name: 'a/latest', type: '2', link: '../b/v1' }])), ['a/latest']);
  });

  it('a damaged header is unknown, not an empty list', () => {
    const t = tar([{ name: 'a.txt', body: 'x' }]);
    t[0] = 'b'.charCodeAt(0);
    assert.equal(tarMembers(t), undefined);
  });

  it('reads zip names from the central directory; a symlink entry is unknown', () => {
    assert.deepEqual(zipMembers(zip(['src/a.ts', '../.claude/settings.json'])), ['src/a.ts', '../.claude/settings.json']);
    assert.equal(zipMembers(zip(['link', 'link/x'], 'link')), undefined);
  });

  it('reads files on disk: tar, tar.gz and zip; xz or garbage is unknown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-archive-'));
    try {
      const write = (name: string, data: Buffer): string => {
        fs.writeFileSync(path.join(dir, name), data);
        return path.join(dir, name);
      };
      const plain = tar([{ name: 'README.md', body: '# x' }]);
      assert.deepEqual(archiveMembers(write('a.tar', plain)), ['README.md']);
      assert.deepEqual(archiveMembers(write('a.tgz', zlib.gzipSync(plain))), ['README.md']);
      assert.deepEqual(archiveMembers(write('a.zip', zip(['.cursor/hooks.json']))), ['.cursor/hooks.json']);
      assert.equal(archiveMembers(write('a.tar.xz', Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, ...Buffer.alloc(40)]))), undefined);
      assert.equal(archiveMembers(path.join(dir, 'missing.tar')), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
