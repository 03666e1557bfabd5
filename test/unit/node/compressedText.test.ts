import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { compressedText, MAX_COMPRESSED_BYTES, MAX_TEXT_BYTES } from '../../../src/node/compressedText';
import { trustedProgram } from '../../../src/node/trustedProgram';

describe('node/compressedText: what a single-file compressed stream holds, within bounds', () => {
  let dir = '';
  const write = (name: string, data: Buffer | string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data);
    return file;
  };
  // Assembled at run time: no key-shaped literal is committed.
  const text = `STRIPE_SECRET_KEY=${['sk', 'live', 'y'.repeat(24)].join('_')}\n`;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-compressed-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('inflates gzip, concatenated members included', () => {
    assert.deepEqual(compressedText(write('a.gz', zlib.gzipSync(text))), { text });
    assert.deepEqual(compressedText(write('two.gz', Buffer.concat([zlib.gzipSync('a\n'), zlib.gzipSync('b\n')]))), { text: 'a\nb\n' });
  });

  it('reads xz, bzip2 and zstd through the trusted system decompressor, when there is one', function () {
    const made = (program: string, args: string[], name: string): string | undefined => {
      if (!trustedProgram(program)) return undefined;
      const run = spawnSync(program, args, { input: text });
      return run.status === 0 ? write(name, run.stdout) : undefined;
    };
    const files = [made('xz', ['-c'], 'n.xz'), made('bzip2', ['-c'], 'n.bz2'), made('zstd', ['-qc'], 'n.zst')].filter((f): f is string => f !== undefined);
    if (files.length === 0) this.skip();
    for (const f of files) assert.deepEqual(compressedText(f), { text }, f);
  });

  it('a file that is not compressed is its own text (zcat -f, zgrep and rg -z print it as it is)', () => {
    assert.deepEqual(compressedText(write('plain.gz', text)), { text });
  });

  it('no regular file there: nothing is printed', () => {
    assert.equal(compressedText(path.join(dir, 'missing.gz')), undefined);
    assert.equal(compressedText(dir), undefined);
  });

  it('over the compressed bound, over the text bound or damaged: cut, never an empty text', () => {
    const big = Buffer.alloc(MAX_COMPRESSED_BYTES + 1, 0x41);
    big[0] = 0x1f;
    big[1] = 0x8b;
    assert.deepEqual(compressedText(write('big.gz', big)), { cut: 'too large' });
    // A small file that inflates past the text bound (a "zip bomb" of zeros).
    assert.deepEqual(compressedText(write('bomb.gz', zlib.gzipSync(Buffer.alloc(MAX_TEXT_BYTES + 1024)))), { cut: 'too large' });
    const damaged = zlib.gzipSync(text);
    damaged.fill(0x00, 10);
    assert.deepEqual(compressedText(write('damaged.gz', damaged)), { cut: 'unreadable' });
  });
});
