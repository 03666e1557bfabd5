import { strict as assert } from 'node:assert';
import { dedupeKeyOf } from '../../../src/hook/askEditor';

describe('dedupeKeyOf', () => {
  const roots = ['/ws'];
  it('is the same for the same action in the same folder, whichever host delivers it', () => {
    assert.equal(
      dedupeKeyOf({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/a' }, roots),
      dedupeKeyOf({ kind: 'shell', command: 'rm -rf data ', cwd: '/ws/a' }, roots),
    );
  });
  it('differs when the same command runs in another folder', () => {
    assert.notEqual(
      dedupeKeyOf({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/a' }, roots),
      dedupeKeyOf({ kind: 'shell', command: 'rm -rf data', cwd: '/ws/b' }, roots),
    );
  });
  it('differs between a read and a write of the same path', () => {
    assert.notEqual(dedupeKeyOf({ kind: 'read', path: '/ws/x', cwd: '/ws' }, roots), dedupeKeyOf({ kind: 'write', path: '/ws/x', cwd: '/ws' }, roots));
  });
});
