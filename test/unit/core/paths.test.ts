import { strict as assert } from 'node:assert';
import { normalize } from '../../../src/core/paths';

/**
 * `normalize` returns a path that is already normal as it is (the common case), and collapses the
 * rest: every string over a small alphabet of separators and dot segments agrees with the
 * segment-by-segment reference, so the fast path never changes an answer.
 */
function reference(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return abs ? '/' + joined : joined === '' ? '.' : joined;
}

describe('core/paths: normalize', () => {
  it('collapses dot segments and repeated or trailing slashes', () => {
    const rows: Array<[string, string]> = [
      ['/a/b', '/a/b'], ['a/b', 'a/b'], ['', '.'], ['.', '.'], ['/', '/'], ['//', '/'], ['/a/', '/a'], ['a//b', 'a/b'],
      ['/a/./b', '/a/b'], ['/a/../b', '/b'], ['/..', '/'], ['../a', '../a'], ['a/..', '.'], ['...', '...'], ['/a/.b/c.', '/a/.b/c.'],
    ];
    for (const [p, want] of rows) assert.equal(normalize(p), want, p);
  });

  it('agrees with the segment-by-segment reference on every short path', () => {
    const alphabet = ['a', '.', '..', '/', '...', '.a', 'a.', ' '];
    let checked = 0;
    const visit = (p: string, depth: number): void => {
      if (depth === 0) return;
      for (const c of alphabet) {
        const q = p + c;
        checked++;
        if (normalize(q) !== reference(q)) assert.fail(`normalize(${JSON.stringify(q)}) = ${normalize(q)}, expected ${reference(q)}`);
        visit(q, depth - 1);
      }
    };
    visit('', 5);
    assert.ok(checked > 30_000);
  });
});
