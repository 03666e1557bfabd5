import { strict as assert } from 'node:assert';
import { editEntries, TERMINAL_ENTRIES, withManagedEntries, withoutManagedEntries } from '../../../src/core/settings/chatAutoApprove';

describe('managed chat auto-approve entries', () => {
  it('adds false entries and keeps user keys', () => {
    const r = withManagedEntries({ npm: true, rm: true }, ['rm', 'printenv'], []);
    assert.deepEqual(r.next, { npm: true, rm: true, printenv: false });
    assert.deepEqual(r.managed, ['printenv']);
    assert.deepEqual(r.conflicts, ['rm']);
    assert.equal(r.changed, true);
  });

  it('is idempotent', () => {
    const first = withManagedEntries({}, ['rm'], []);
    const second = withManagedEntries(first.next, ['rm'], first.managed);
    assert.equal(second.changed, false);
    assert.deepEqual(second.next, first.next);
    assert.deepEqual(second.managed, ['rm']);
  });

  it('removes only the keys it added, and only while they are still false', () => {
    const added = withManagedEntries({ npm: true }, ['rm', 'dd'], []);
    const edited = { ...added.next, dd: true };
    const { next, changed } = withoutManagedEntries(edited, added.managed);
    assert.equal(changed, true);
    assert.deepEqual(next, { npm: true, dd: true });
  });

  it('round-trips to the original map', () => {
    const original = { npm: true, '/^ls/': true };
    const added = withManagedEntries(original, TERMINAL_ENTRIES, []);
    assert.deepEqual(withoutManagedEntries(added.next, added.managed).next, original);
  });

  it('drops entries it no longer wants', () => {
    const r = withManagedEntries({ old: false }, ['rm'], ['old']);
    assert.deepEqual(r.next, { rm: false });
  });

  it('covers credential files and the guard files in edit entries', () => {
    const entries = editEntries();
    for (const g of ['**/.env', '**/*.pem', '**/.cursorignore', '**/.cursor/hooks.json', '**/.blast-shield/**']) assert.ok(entries.includes(g), g);
    assert.equal(new Set(entries).size, entries.length);
  });

  it('has regex keys that compile', () => {
    for (const k of TERMINAL_ENTRIES.filter((k) => k.startsWith('/'))) {
      const m = /^\/(.*)\/([a-z]*)$/.exec(k);
      assert.ok(m, k);
      assert.doesNotThrow(() => new RegExp(m[1]!, m[2]));
    }
  });
});
