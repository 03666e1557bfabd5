import { strict as assert } from 'node:assert';
import { DirtyFolders, MAX_NAMES, type FeedEventKind, type FolderWatch } from '../../../src/node/credentials/dirtyFolders';

/**
 * The change feed's bookkeeping (dirtyFolders.ts), without a file system: which folders a question
 * must check after which events. A folder is believed only while it has a live watch, was checked
 * after the watch began, and sent nothing since; everything else is checked, as without a feed.
 */

const TREE = ['', 'apps', 'apps/web', 'apps/web/src', 'apps/web/src/deep', 'apps/web/src/deep/er', 'apps/api', 'libs', 'libs/ui'];

interface Fake {
  dirt: DirtyFolders;
  watches: Map<string, FolderWatch[]>;
  closed: string[];
  /** An event from the newest watch taken on `rel`. */
  send(rel: string, kind: FeedEventKind, name: string | null): boolean;
}

function fake(options: { limitAfter?: number; refuse?: string[] } = {}): Fake {
  const watches = new Map<string, FolderWatch[]>();
  const closed: string[] = [];
  let taken = 0;
  const dirt = new DirtyFolders((rel) => {
    if (options.refuse?.includes(rel)) return 'refused';
    if (options.limitAfter !== undefined && taken >= options.limitAfter) return 'limit';
    taken++;
    const w: FolderWatch = { close: () => void closed.push(rel) };
    watches.set(rel, [...(watches.get(rel) ?? []), w]);
    return w;
  }, 'ws');
  const send = (rel: string, kind: FeedEventKind, name: string | null): boolean => {
    const list = watches.get(rel) ?? [];
    return dirt.event(rel, list[list.length - 1] as FolderWatch, kind, name);
  };
  return { dirt, watches, closed, send };
}

/** Tracked, every folder watched and checked once (the feed's baseline). */
function live(options: Parameters<typeof fake>[0] = {}): Fake {
  const f = fake(options);
  f.dirt.track(TREE);
  f.dirt.watchSome(1000);
  for (const rel of TREE) f.dirt.clean(rel);
  return f;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('credentials: the change feed\'s dirty folders (feed S29)', () => {
  it('a folder is checked until it is watched and checked once: tracked -> watched (dirty) -> clean', () => {
    const f = fake();
    f.dirt.track(TREE);
    assert.deepEqual(sorted(f.dirt.take('').folders), sorted(TREE), 'unwatched: every folder is checked (and a watch is taken for each first)');
    assert.deepEqual(f.dirt.take('').folders, [], 'watched before that check, nothing since: nothing to check');
    const g = fake();
    g.dirt.track(TREE);
    g.dirt.watchSome(1000);
    assert.deepEqual(sorted(g.dirt.take('').folders), sorted(TREE), 'a watch taken in the background is dirty until its folder is checked');
  });

  // Each row: events between two questions, then what a question about `scope` must check and list again.
  const rows: Array<{ what: string; events: Array<[string, FeedEventKind, string | null]>; scope: string; check: string[]; relist: string[] }> = [
    { what: 'a file created in a deep folder', events: [['apps/web/src/deep/er', 'rename', 'deploy.json']], scope: '', check: ['apps/web/src/deep/er'], relist: ['apps/web/src/deep/er'] },
    { what: 'a file deleted in a deep folder', events: [['apps/web/src/deep/er', 'rename', 'old.json']], scope: '', check: ['apps/web/src/deep/er'], relist: ['apps/web/src/deep/er'] },
    { what: 'a file renamed within a deep folder (two names)', events: [['apps/web/src/deep', 'rename', 'a.txt'], ['apps/web/src/deep', 'rename', 'b.json']], scope: '', check: ['apps/web/src/deep'], relist: ['apps/web/src/deep'] },
    { what: 'a file written in place (no listing change)', events: [['libs/ui', 'change', 'index.ts']], scope: '', check: ['libs/ui'], relist: [] },
    { what: 'a change outside the scope asked about', events: [['libs/ui', 'rename', 'x.json']], scope: 'apps', check: [], relist: [] },
    { what: 'a change in the scope, one outside', events: [['apps/api', 'rename', 'x.json'], ['libs', 'rename', 'y.json']], scope: 'apps', check: ['apps/api'], relist: ['apps/api'] },
    { what: 'a scope named like a folder\'s prefix (apps/web vs apps/web-old)', events: [['apps', 'rename', 'web-old']], scope: 'apps/web', check: [], relist: [] },
    {
      what: 'a folder renamed away: it and everything under it lose their watches and are listed again',
      events: [['apps/web/src', 'rename', 'deep']],
      scope: '',
      check: ['apps/web/src', 'apps/web/src/deep', 'apps/web/src/deep/er'],
      relist: ['apps/web/src', 'apps/web/src/deep', 'apps/web/src/deep/er'],
    },
    {
      what: 'the watched folder itself moved or deleted (the event names the folder itself)',
      events: [['apps/web/src/deep', 'rename', 'deep']],
      scope: '',
      check: ['apps/web/src/deep', 'apps/web/src/deep/er'],
      relist: ['apps/web/src/deep', 'apps/web/src/deep/er'],
    },
    { what: 'an event with no name: the folder and all under it', events: [['apps/web', 'rename', null]], scope: '', check: ['apps/web', 'apps/web/src', 'apps/web/src/deep', 'apps/web/src/deep/er'], relist: ['apps/web', 'apps/web/src', 'apps/web/src/deep', 'apps/web/src/deep/er'] },
    { what: 'the workspace folder itself moved (its own name on the root)', events: [['', 'rename', 'ws']], scope: '', check: TREE, relist: TREE },
  ];
  for (const row of rows) {
    it(`${row.what}: checks ${row.check.length ? row.check.join(', ') : 'nothing'}`, () => {
      const f = live();
      for (const [rel, kind, name] of row.events) assert.equal(f.send(rel, kind, name), true);
      const taken = f.dirt.take(row.scope);
      assert.deepEqual(sorted(taken.folders), sorted(row.check));
      assert.deepEqual(sorted(taken.relist), sorted(row.relist));
      assert.deepEqual(f.dirt.take(row.scope).folders, [], 'checked: nothing left until the next event');
    });
  }

  it('a folder renamed away is watched again at its path (a new watch), the old watch\'s events no longer count', () => {
    const f = live();
    const old = f.watches.get('apps/web/src/deep')?.[0] as FolderWatch;
    f.send('apps/web/src', 'rename', 'deep');
    f.dirt.take('');
    assert.equal(f.watches.get('apps/web/src/deep')?.length, 2, 'a second watch on the path');
    assert.equal(f.dirt.event('apps/web/src/deep', old, 'rename', 'x.json'), false, 'the retired watch follows the old folder elsewhere: ignored');
    assert.deepEqual(f.dirt.take('').folders, []);
    assert.equal(f.closed.length, 0, 'retired watches stay open until everything is closed (their events keep counting)');
    assert.equal(f.dirt.retiredWatches, 2, "deep and deep/er");
    assert.equal(f.dirt.closeAll(), TREE.length + 2);
  });

  it('a folder created under a renamed one that the index does not know yet is found by listing its parent (not tracked here)', () => {
    const f = live();
    f.send('apps/web/src/deep', 'rename', 'new-folder');
    const taken = f.dirt.take('');
    assert.deepEqual(taken.folders, ['apps/web/src/deep']);
    assert.ok(taken.relist.has('apps/web/src/deep'), 'the parent is listed again: the walk enters the new folder whole');
    f.dirt.track([...TREE, 'apps/web/src/deep/new-folder']);
    assert.deepEqual(f.dirt.take('').folders, ['apps/web/src/deep/new-folder'], 'once in the index, it is checked until watched and checked');
    assert.deepEqual(f.dirt.take('').folders, []);
  });

  it('folders dropped from the index lose their watch and are no longer checked', () => {
    const f = live();
    f.dirt.track(TREE.filter((r) => !r.startsWith('apps/web/src/deep')));
    assert.equal(f.dirt.retiredWatches, 2);
    assert.deepEqual(f.dirt.take('').folders, []);
  });

  it('the watch budget or the system\'s limit reached: the folders left unwatched are checked at every question', () => {
    const f = live({ limitAfter: 4 });
    assert.equal(f.dirt.liveWatches, 4);
    const unwatched = TREE.length - 4;
    assert.equal(f.dirt.take('').folders.length, unwatched);
    assert.equal(f.dirt.take('').folders.length, unwatched, 'again: never believed without a watch');
    assert.equal(f.dirt.watchSome(1000), 0, 'no more watches are tried once the limit is reached');
  });

  it('a folder that cannot be watched (refused) is checked every time and not tried again', () => {
    const f = live({ refuse: ['libs/ui'] });
    assert.deepEqual(f.dirt.take('').folders, ['libs/ui']);
    assert.deepEqual(f.dirt.take('libs').folders, ['libs/ui']);
    assert.equal(f.watches.get('libs/ui'), undefined);
  });

  it('markAllDirty (a check failed, watches closed elsewhere): every watched folder is checked again', () => {
    const f = live();
    f.dirt.markAllDirty();
    assert.deepEqual(sorted(f.dirt.take('').folders), sorted(TREE));
  });

  it('closeAll (overflow, error): every watch closed, every folder unwatched and checked until watched again', () => {
    const f = live();
    f.send('apps', 'rename', 'web');
    const n = f.dirt.closeAll();
    assert.equal(n, f.closed.length);
    assert.equal(f.dirt.watches, 0);
    assert.equal(f.dirt.pending, TREE.length);
  });

  it('a folder checked while its listing must be read again stays dirty until a question lists it', () => {
    const f = live();
    f.dirt.mustRelist('libs');
    f.dirt.clean('libs');
    const taken = f.dirt.take('');
    assert.deepEqual(taken.folders, ['libs']);
    assert.ok(taken.relist.has('libs'));
  });

  it('an event between take and the next question makes the folder dirty again', () => {
    const f = live();
    f.send('libs/ui', 'rename', 'a.json');
    assert.deepEqual(f.dirt.take('').folders, ['libs/ui']);
    f.send('libs/ui', 'rename', 'b.json');
    assert.deepEqual(f.dirt.take('').folders, ['libs/ui']);
  });

  describe('the names a re-listing scans again', () => {
    const namesOf = (f: Fake, scope = ''): Record<string, string[]> => Object.fromEntries([...f.dirt.take(scope).names].map(([k, v]) => [k, sorted(v)]));
    const rows: Array<{ what: string; setup?: (f: Fake) => void; events: Array<[string, FeedEventKind, string | null]>; names: Record<string, string[]> }> = [
      { what: 'the files the events named', events: [['libs/ui', 'rename', 'a.json'], ['libs/ui', 'change', 'a.json'], ['libs/ui', 'change', 'b.ts']], names: { 'libs/ui': ['a.json', 'b.ts'] } },
      { what: 'an event with no name: every file', events: [['libs/ui', 'rename', 'a.json'], ['libs/ui', 'change', null]], names: {} },
      { what: 'an event naming the folder itself: every file', events: [['libs/ui', 'change', 'ui']], names: {} },
      { what: `more than ${MAX_NAMES} names: every file`, events: Array.from({ length: MAX_NAMES + 1 }, (_, i): [string, FeedEventKind, string] => ['libs/ui', 'rename', `f${i}.ts`]), names: {} },
      { what: 'a folder dirty since its watch began (not checked yet): every file, whatever events follow', setup: (f) => f.dirt.markAllDirty(), events: [['libs/ui', 'rename', 'a.json']], names: {} },
      { what: 'a folder under a renamed one: every file', events: [['apps/web/src', 'rename', 'deep'], ['apps/web/src/deep', 'rename', 'x.json']], names: { 'apps/web/src': ['deep'] } },
    ];
    for (const row of rows) {
      it(`${row.what}`, () => {
        const f = live();
        row.setup?.(f);
        for (const [rel, kind, name] of row.events) f.send(rel, kind, name);
        assert.deepEqual(namesOf(f), row.names);
        f.send('libs/ui', 'rename', 'later.json');
        assert.deepEqual(namesOf(f), { 'libs/ui': ['later.json'] }, 'after a check, the next event starts a new list');
      });
    }
  });
});
