import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mountsAllowFeed, WorkspaceFeeds, type ChangeFeedOptions } from '../../../src/node/credentials/changeFeed';
import { cacheFileFor, loadCredentialCache, type FeedCheck, type IndexChangeFeed } from '../../../src/node/credentials/credentialCache';
import { lazyCredentialFacts } from '../../../src/node/credentials/credentialFacts';
import { decideAsHook } from '../../../src/cli/decider';
import { createRealEngine } from '../../../src/hook/realEngine';
import { runHook } from '../../../src/hook/runHook';
import { fake, makeWorkspace, removeTree } from './fakeSecrets';

/**
 * The decision server's change feed over a real temporary tree (inotify through fs.watch): after the
 * feed has checked every folder once, a question about the whole workspace checks only the folders
 * something happened in, and still sees every file created, renamed or deleted between two questions;
 * whenever the feed does not know (starting, another writer's index, an overflow, an error, a mount
 * change, another platform) the question verifies every folder as without one. No test times anything:
 * the event loop is turned a bounded number of times.
 */

/** A mount table with one local file system at '/' (the machine's own may differ). */
const LOCAL_MOUNTS = '22 1 8:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n';

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('credentials: the decision server\'s change feed over a real tree (feed S29)', function () {
  this.timeout(60_000);
  let root: string;
  let home: string;
  let cacheDir: string;
  let feeds: WorkspaceFeeds;
  /** What the feed answered to each question: the folders to check, or undefined (it did not know). */
  let answers: Array<readonly string[] | undefined>;

  const deep = 'apps/web/src/features/cart/hooks';
  const credential = (): string => JSON.stringify({ railway: { token: fake.uuid() } });

  function spy(f: WorkspaceFeeds): IndexChangeFeed {
    return {
      check: (...args: Parameters<IndexChangeFeed['check']>): FeedCheck | undefined => {
        const c = f.check(...args);
        answers.push(c?.folders);
        return c;
      },
    };
  }
  /** A fresh question (a new hook call's facts) about the whole workspace: the credential files it lists. */
  function listAll(f: WorkspaceFeeds = feeds): string[] {
    return lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, feed: spy(f) })
      .filesUnder(root)
      .map((x) => x.path)
      .sort();
  }
  function lastAnswer(): readonly string[] | undefined {
    return answers[answers.length - 1];
  }
  async function untilLive(f: WorkspaceFeeds = feeds): Promise<void> {
    for (let i = 0; i < 1000 && f.status(root).state !== 'live'; i++) await turn();
    assert.equal(f.status(root).state, 'live');
  }
  /** Started by a first question, live, and past the first question after that (which lists again the folders changed within the index's tick). */
  async function liveAndQuiet(f: WorkspaceFeeds = feeds): Promise<void> {
    listAll(f);
    await untilLive(f);
    await f.settle();
    listAll(f);
    await f.settle();
    listAll(f);
    assert.deepEqual(lastAnswer(), [], 'live and nothing changed: no folder is checked');
  }

  function newFeeds(options: ChangeFeedOptions = {}): WorkspaceFeeds {
    const f = new WorkspaceFeeds({ mounts: () => LOCAL_MOUNTS, ...options });
    opened.push(f);
    return f;
  }
  const opened: WorkspaceFeeds[] = [];

  beforeEach(async () => {
    root = makeWorkspace({
      'legacy/config_backup.json': credential(),
      [`${deep}/useCart.ts`]: 'export {};\n',
      'apps/web/src/features/cart/index.ts': 'export {};\n',
      'services/api/handlers.py': 'def h(): pass\n',
      'libs/ui/button.tsx': 'export {};\n',
    });
    home = makeWorkspace({}, 'bs-home-');
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bs-cache-'));
    await loadCredentialCache(root, { home, cacheDir, secretlint: false });
    answers = [];
    feeds = newFeeds();
  });
  afterEach(() => {
    for (const f of opened.splice(0)) f.close();
    for (const d of [root, home, cacheDir]) removeTree(d);
  });

  it('the first question starts the feed and is verified as without one; once live, nothing changed means no folder is checked', async () => {
    assert.deepEqual(listAll(), ['legacy/config_backup.json']);
    assert.equal(lastAnswer(), undefined, 'not watching yet: every folder verified');
    await liveAndQuiet();
    assert.deepEqual(listAll(), ['legacy/config_backup.json']);
    assert.ok(feeds.watches >= 9, 'one watch per indexed folder');
  });

  const changes: Array<{ what: string; change: () => void; expect: string[]; checked: string[] }> = [
    {
      what: 'a credential file created in a deep folder',
      change: () => fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential()),
      expect: [`${deep}/deploy.json`, 'legacy/config_backup.json'],
      checked: [deep],
    },
    {
      what: 'a credential file renamed from one deep folder to another',
      change: () => fs.renameSync(path.join(root, 'legacy/config_backup.json'), path.join(root, deep, 'backup.json')),
      expect: [`${deep}/backup.json`],
      checked: ['legacy', deep],
    },
    {
      what: 'a credential file deleted',
      change: () => fs.rmSync(path.join(root, 'legacy/config_backup.json')),
      expect: [],
      checked: ['legacy'],
    },
    {
      what: 'a plain file renamed to a credential\'s content-bearing name in place (same folder)',
      change: () => {
        fs.writeFileSync(path.join(root, 'libs/ui/tmp.txt'), credential());
        fs.renameSync(path.join(root, 'libs/ui/tmp.txt'), path.join(root, 'libs/ui/settings.json'));
      },
      expect: ['legacy/config_backup.json', 'libs/ui/settings.json'],
      checked: ['libs/ui'],
    },
    {
      what: 'a new folder tree with a credential file deep inside it',
      change: () => {
        fs.mkdirSync(path.join(root, deep, 'a/b/c'), { recursive: true });
        fs.writeFileSync(path.join(root, deep, 'a/b/c/deploy.json'), credential());
      },
      expect: [`${deep}/a/b/c/deploy.json`, 'legacy/config_backup.json'],
      checked: [deep],
    },
  ];
  for (const c of changes) {
    it(`${c.what} between two questions is seen, by checking only ${c.checked.join(', ')}`, async () => {
      await liveAndQuiet();
      c.change();
      await feeds.settle();
      assert.deepEqual(listAll(), c.expect);
      assert.deepEqual([...(lastAnswer() ?? ['(not known)'])].sort(), [...c.checked].sort());
      await feeds.settle();
      assert.deepEqual(listAll(), c.expect, 'the index written by that question is the feed\'s own: still believed');
      assert.ok(lastAnswer() !== undefined);
    });
  }

  it('a deep folder renamed away and another made at its path: the new one\'s credential file is seen, the old watch no longer speaks for the path', async () => {
    await liveAndQuiet();
    const abs = path.join(root, deep);
    fs.renameSync(abs, path.join(root, 'apps/web/src/features/cart/hooks-old'));
    fs.mkdirSync(abs);
    await feeds.settle();
    assert.deepEqual(listAll(), ['legacy/config_backup.json']);
    // A change in the folder moved away must not count for the path; one in the new folder must.
    fs.writeFileSync(path.join(abs, 'deploy.json'), credential());
    fs.writeFileSync(path.join(root, 'apps/web/src/features/cart/hooks-old/ignored.txt'), 'x');
    await feeds.settle();
    assert.deepEqual(listAll(), [`${deep}/deploy.json`, 'legacy/config_backup.json']);
  });

  it('a secret written into an existing file of a folder where another file is created: both named, both scanned again', async () => {
    await liveAndQuiet();
    fs.writeFileSync(path.join(root, deep, 'notes.txt'), 'x');
    fs.writeFileSync(path.join(root, deep, 'useCart.ts'), `export const cfg = ${credential()};\n`);
    await feeds.settle();
    assert.ok(listAll().includes(`${deep}/useCart.ts`), 'the file written in place, named by its event, is scanned again');
  });

  it('the index on disk is written again only when its credential files change (folder mtimes stay in the server)', async () => {
    await liveAndQuiet();
    const file = cacheFileFor(cacheDir, root);
    const ino = fs.statSync(file).ino;
    fs.writeFileSync(path.join(root, deep, 'plain.ts'), 'export {};\n');
    await feeds.settle();
    listAll();
    assert.equal(fs.statSync(file).ino, ino, 'a plain file: not written');
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    await feeds.settle();
    listAll();
    assert.notEqual(fs.statSync(file).ino, ino, 'a credential file: written');
    // A process without a feed (the hook in-process) still finds both, its own way.
    assert.deepEqual(
      lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false }).filesUnder(root).map((x) => x.path).sort(),
      [`${deep}/deploy.json`, 'legacy/config_backup.json'],
    );
    fs.rmSync(path.join(root, deep, 'deploy.json'));
    fs.writeFileSync(path.join(root, 'libs/ui/deploy.json'), credential());
    await feeds.settle();
    assert.deepEqual(listAll(), ['legacy/config_backup.json', 'libs/ui/deploy.json'], 'another writer (the in-process hook) was noticed, and a later change still seen');
  });

  it('a question about one package checks only the changed folders inside it', async () => {
    await liveAndQuiet();
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    fs.writeFileSync(path.join(root, 'libs/ui/deploy.json'), credential());
    await feeds.settle();
    const facts = lazyCredentialFacts({ workspaceRoots: [root], home, cacheDir, secretlint: false, feed: spy(feeds) });
    assert.deepEqual(facts.filesUnder(path.join(root, 'apps')).map((f) => f.path), [`${deep}/deploy.json`]);
    assert.deepEqual(lastAnswer(), [deep]);
  });

  it('an overflow of the event queue (a turn delivering half the queue or more): every watch closed, questions verify every folder, and a change is still seen', async () => {
    const small = newFeeds({ queueLimit: 8 });
    await liveAndQuiet(small);
    for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(root, 'libs/ui', `f${i}.ts`), 'export {};\n');
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    await small.settle();
    assert.equal(small.counts.overflows, 1);
    assert.deepEqual(listAll(small), [`${deep}/deploy.json`, 'legacy/config_backup.json']);
    assert.equal(lastAnswer(), undefined, 'after an overflow the feed does not know: every folder verified');
    await turn();
    assert.equal(small.watches, 0, 'every watch closed');
    assert.notEqual(small.status(root).state, 'live');
  });

  it('an error from a watch: every watch closed, questions verify every folder', async () => {
    const emitters: EventEmitter[] = [];
    const withErrors = newFeeds({
      watch: (abs, listener) => {
        const w = fs.watch(abs, { persistent: false }, listener);
        emitters.push(w);
        return w;
      },
    });
    await liveAndQuiet(withErrors);
    emitters[3]?.emit('error', new Error('EIO'));
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    await withErrors.settle();
    assert.deepEqual(listAll(withErrors), [`${deep}/deploy.json`, 'legacy/config_backup.json']);
    assert.equal(lastAnswer(), undefined);
    assert.equal(withErrors.counts.errors, 1);
  });

  it('the watch budget reached (as max_user_watches would): the folders left unwatched are checked at every question, and a change in one is seen', async () => {
    const tight = newFeeds({ budget: 3 });
    listAll(tight);
    await untilLive(tight);
    await tight.settle();
    listAll(tight);
    assert.equal(tight.watches, 3);
    const unwatched = tight.status(root).folders - 3;
    await tight.settle();
    listAll(tight);
    assert.equal(lastAnswer()?.length, unwatched, 'every unwatched folder, every time');
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    await tight.settle();
    assert.deepEqual(listAll(tight), [`${deep}/deploy.json`, 'legacy/config_backup.json']);
  });

  it('another writer\'s index (a rebuild elsewhere): the feed does not know it, and checks every folder against it again before it is believed', async () => {
    await liveAndQuiet();
    fs.writeFileSync(path.join(root, deep, 'deploy.json'), credential());
    // Built by another process (the background `index`, the editor): not the index the feed checked.
    await loadCredentialCache(root, { home, cacheDir, secretlint: false, full: true });
    await feeds.settle();
    assert.deepEqual(listAll(), [`${deep}/deploy.json`, 'legacy/config_backup.json']);
    assert.equal(lastAnswer(), undefined);
    await untilLive();
    await feeds.settle();
    listAll();
    assert.ok(lastAnswer() !== undefined, 'checked again, then believed');
  });

  it('a mount table that changed (something mounted over a folder sends no event): not believed until checked again', async () => {
    let mounts = LOCAL_MOUNTS;
    const f = newFeeds({ mounts: () => mounts });
    await liveAndQuiet(f);
    mounts += `99 22 0:50 / ${root}/libs rw - fuse.sshfs host:/x rw\n`;
    assert.deepEqual(listAll(f), ['legacy/config_backup.json']);
    assert.equal(lastAnswer(), undefined);
    for (let i = 0; i < 50; i++) await turn();
    assert.equal(f.status(root).state, 'refused', 'a FUSE mount inside the workspace: no feed there');
    assert.equal(f.watches, 0);
  });

  it('no feed on other platforms than Linux (per-folder watches there are descriptors or polling)', () => {
    const mac = newFeeds({ platform: 'darwin' });
    listAll(mac);
    listAll(mac);
    assert.deepEqual(answers, [undefined, undefined]);
    assert.equal(mac.watches, 0);
  });

  it('an index that stopped at a limit (truncated) is never vouched for by the feed', async () => {
    const file = cacheFileFor(cacheDir, root);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { truncated: boolean };
    parsed.truncated = true;
    fs.writeFileSync(file, JSON.stringify(parsed));
    listAll();
    for (let i = 0; i < 50; i++) await turn();
    listAll();
    assert.equal(answers.length, 0, 'not even asked');
  });

  it('the machine\'s own mount table parses (whatever it allows)', () => {
    const text = fs.readFileSync('/proc/self/mountinfo', 'utf8');
    assert.equal(typeof mountsAllowFeed(text, root), 'boolean');
  });
});

describe('credentials: which file systems the change feed believes (feed S29)', () => {
  const line = (point: string, type: string): string => `30 1 0:1 / ${point} rw - ${type} src rw`;
  const rows: Array<[string, string[], string, boolean]> = [
    ['a workspace on ext4', [line('/', 'ext4')], '/home/me/ws', true],
    ['on tmpfs, under an ext4 root', [line('/', 'ext4'), line('/tmp', 'tmpfs')], '/tmp/ws', true],
    ['on overlay (a container)', [line('/', 'overlay')], '/work/ws', true],
    ['on NFS: changes made on the server send no event here', [line('/', 'ext4'), line('/home', 'nfs4')], '/home/me/ws', false],
    ['on a FUSE mount (sshfs)', [line('/', 'ext4'), line('/home/me/ws', 'fuse.sshfs')], '/home/me/ws', false],
    ['a FUSE mount inside the workspace', [line('/', 'ext4'), line('/home/me/ws/data', 'fuse.rclone')], '/home/me/ws', false],
    ['a 9p or virtiofs share (WSL, a VM\'s guest)', [line('/', 'ext4'), line('/mnt/c', '9p')], '/mnt/c/ws', false],
    ['virtiofs', [line('/', 'ext4'), line('/workspaces', 'virtiofs')], '/workspaces/ws', false],
    ['a network mount elsewhere does not matter', [line('/', 'ext4'), line('/mnt/nfs', 'nfs')], '/home/me/ws', true],
    ['a mount whose name only starts like the workspace\'s', [line('/', 'ext4'), line('/home/me/ws-old', 'nfs')], '/home/me/ws', true],
    ['a mount point with a space (octal-escaped)', [line('/', 'ext4'), line('/home/me/my\\040ws', 'cifs')], '/home/me/my ws', false],
    ['an unreadable table', ['garbage'], '/home/me/ws', false],
    ['an empty table', [], '/home/me/ws', false],
  ];
  for (const [what, lines, root, allowed] of rows) {
    it(`${what}: ${allowed ? 'watched' : 'not watched (verified as without a feed)'}`, () => {
      assert.equal(mountsAllowFeed(lines.join('\n') + '\n', root), allowed);
    });
  }
});

describe('credentials: the change feed in the decision server\'s decisions (feed S29)', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: string;
  let env: Record<string, string>;
  let feeds: WorkspaceFeeds;
  const claude = (command: string): string =>
    JSON.stringify({ session_id: 's', transcript_path: '', cwd: ws, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command }, tool_use_id: 't' });

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bs-feed-decider-')));
    ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
    fs.mkdirSync(path.join(ws, 'packages/app/src/deep/er'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'packages/app/src/deep/er/index.ts'), 'export {};\n');
    fs.mkdirSync(path.join(dir, 'g'), { mode: 0o700 });
    env = { PATH: process.env.PATH ?? '', HOME: dir, BLAST_SHIELD_HOME: path.join(dir, 'g') };
    await loadCredentialCache(ws, { home: dir, cacheDir: path.join(dir, 'g', 'cache'), secretlint: false });
    feeds = new WorkspaceFeeds({ mounts: () => LOCAL_MOUNTS });
  });
  after(() => {
    feeds.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('grep -r of the whole workspace for a word: allowed while it holds no credential; a credential file created deep between two calls makes it ask, as in-process', async () => {
    const decide = decideAsHook('', feeds);
    const ask = (command: string) => decide({ v: 1, build: 'b', nonce: '0'.repeat(32), host: 'claude', input: claude(command), env, cwd: ws, pid: process.pid, ppid: process.ppid });
    const first = await ask('grep -rn token .');
    assert.ok('result' in first && first.result.decision === 'allow', JSON.stringify(first));
    for (let i = 0; i < 1000 && feeds.status(ws).state !== 'live'; i++) await turn();
    assert.equal(feeds.status(ws).state, 'live');
    await ask('grep -rn token .');
    fs.writeFileSync(path.join(ws, 'packages/app/src/deep/er/deploy.json'), JSON.stringify({ railway: { token: fake.uuid() } }));
    const events = feeds.counts.events;
    const served = await ask('grep -rn token .');
    assert.ok(feeds.counts.events > events, 'the event was applied before deciding (settle), by the live feed');
    assert.equal(feeds.status(ws).state, 'live');
    const inProcess = await runHook('claude', claude('grep -rn token .'), env, { engine: createRealEngine(env), audit: false, declineAsks: true });
    assert.deepEqual(served, { declined: 'ask' }, 'the server sees the new file (the dialog is asked in-process)');
    assert.equal(inProcess.declined, true);
  });
});
