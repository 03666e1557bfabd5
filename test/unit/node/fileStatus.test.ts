import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/core/policy/analyze';
import { fileStatus, gatherFacts, MAX_FACT_FILE_BYTES } from '../../../src/node/facts';

describe('node facts: fileStatus', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-status-'));
    fs.writeFileSync(path.join(dir, 'small.sh'), 'echo hi\n');
    fs.writeFileSync(path.join(dir, 'huge.sh'), 'rm -rf build\n'.repeat(Math.ceil((MAX_FACT_FILE_BYTES + 10) / 13)));
    const binary = Buffer.alloc(MAX_FACT_FILE_BYTES + 10, 0x41);
    binary[10] = 0;
    fs.writeFileSync(path.join(dir, 'program'), binary);
    fs.mkdirSync(path.join(dir, 'sub'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string][] = [
    ['small.sh', 'file'],
    ['huge.sh', 'too-large'],
    ['program', 'file'],
    ['sub', 'directory'],
    ['nothing-here.sh', 'missing'],
    ['small.sh/below', 'missing'],
  ];
  for (const [name, status] of cases) {
    it(`${name} is ${status}`, () => assert.equal(fileStatus(path.join(dir, name)), status));
  }

  it('calls pseudo file systems and devices unreadable, relative paths missing', () => {
    assert.equal(fileStatus('/dev/stdin'), 'unreadable');
    assert.equal(fileStatus('/proc/self/environ'), 'unreadable');
    assert.equal(fileStatus('relative.sh'), 'missing');
  });

  it('makes analyze report an existing script over 1 MB as opaque, not as missing', () => {
    const facts = gatherFacts({ cwd: dir, workspaceRoots: [dir], env: { HOME: dir } });
    assert.ok(analyze('bash huge.sh', facts).opaque.some((o) => /huge\.sh is too large to analyse/.test(o.reason)));
    assert.ok(analyze('bash /dev/tty', facts).opaque.some((o) => /\/dev\/tty could not be read/.test(o.reason)));
    assert.deepEqual(analyze('./program --serve', facts).opaque, []);
    assert.deepEqual(analyze('bash nothing-here.sh', facts).opaque, []);
  });
});
