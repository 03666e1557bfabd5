import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { archiveMembers, tarMembers, zipMembers } from '../../../src/node/archiveMembers';

/** A ustar archive of the given entries (type '0' file, '5' folder, '2' symlink with its target). */
function tar(entries: Array<{ name: string; type?: string; link?: string; body?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(body.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write(e.type ?? '0', 156);
    if (e.link) h.write(e.link, 157, 100, 'utf8');
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** A stored zip holding the names (bodies empty), central directory included. */
function zip(names: string[], symlink?: string): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE((3 << 8) | 20, 4);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE((name === symlink ? 0o120777 : 0o100644) << 16 >>> 0, 38);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

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
