import * as fs from 'node:fs';
import * as path from 'node:path';
import { keptIndexIdentity, readCredentialCache, readCredentialFiles, type CredentialCacheFile, type FeedCheck, type IndexChangeFeed } from './credentialCache';
import { DirtyFolders, type FolderWatch } from './dirtyFolders';

/**
 * The decision server's change feed (issue #15): a long-lived process watches the folders of each
 * workspace whose kept credential index it has used, so a question about the whole workspace checks
 * only the folders something happened in, instead of stat'ing every folder (16,000 in the bench's
 * monorepo). What it believes comes from the kernel (inotify, one watch per indexed folder, through
 * `fs.watch`), never from a file anyone can write.
 *
 * It answers "I do not know" (the question then verifies every folder, as without a feed) whenever:
 * - it is not Linux, or a file system under or above the workspace is not a local one whose every
 *   change the kernel reports (network, FUSE, 9p/virtiofs guests: changes made elsewhere send no event);
 * - the mount table changed since it started (something mounted over a folder changes its listing
 *   with no event on the watched folder);
 * - it is still taking its watches or checking every folder once against the index (its baseline);
 * - the index on disk is not the one it checked or wrote itself (another writer: rebuilt in the background);
 * - the kernel's event queue may have overflowed: libuv drops the overflow event, so a turn of the event
 *   loop that delivers at least half the queue's size (max_queued_events) counts as one; every watch
 *   is then closed and the feed starts again after a pause;
 * - a watch reported an error, or watches were closed since the last drain of the queue (closing
 *   queues events nobody receives, which could fill the queue unseen: every folder is dirty again).
 * Folders it could not watch (the budget, the system's max_user_watches reached, a folder it may not
 * read) are checked at every question, as without a feed.
 *
 * Retired watches (a folder renamed away) stay open until the whole feed is closed, so that every
 * event in the queue still reaches a handle and is counted. Before each decision the server lets the
 * event loop poll once (`settle`), so every event queued before the call arrived is applied first.
 */

/** Watches taken in one turn of the event loop while starting (about 25 ms each on a loaded machine). */
export const WATCH_CHUNK = 1000;
/** Folders stat'ed in one turn while checking every folder once (the baseline). */
export const BASELINE_CHUNK = 2000;
/** A folder whose mtime is this close to (or after) the index's write is listed again rather than believed. */
export const RACY_MS = 2_000;
/** A workspace nobody asked about this long has its watches closed. */
export const FEED_IDLE_MS = 30 * 60 * 1000;
/** After an overflow or an error, the feed starts again after this long (doubling while it recurs, up to 10 min). */
export const FEED_RETRY_MS = 5_000;

/** File systems whose every change on this machine is reported by inotify (and nothing changes them from elsewhere). */
const LOCAL_FILE_SYSTEMS = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'tmpfs', 'overlay', 'zfs', 'f2fs', 'bcachefs', 'ramfs', 'jfs', 'reiserfs', 'nilfs2']);

function unescapeMount(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/**
 * Whether every mount at, above or under `realRoot` in `mountinfo` (the text of /proc/self/mountinfo)
 * is a local file system the kernel reports every change of. Unparseable text: no.
 */
export function mountsAllowFeed(mountinfo: string, realRoot: string): boolean {
  const root = realRoot.endsWith('/') && realRoot !== '/' ? realRoot.slice(0, -1) : realRoot;
  let seen = false;
  for (const line of mountinfo.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split(' ');
    const dash = fields.indexOf('-');
    const point = fields[4];
    const type = dash > 0 ? fields[dash + 1] : undefined;
    if (point === undefined || type === undefined) return false;
    const at = unescapeMount(point);
    const above = at === '/' || root === at || root.startsWith(at + '/');
    const under = at.startsWith(root === '/' ? '/' : root + '/');
    if (!above && !under) continue;
    seen = true;
    if (!LOCAL_FILE_SYSTEMS.has(type.split('.')[0] as string)) return false;
  }
  return seen;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

type FeedState = 'starting' | 'watching' | 'baseline' | 'live' | 'waiting' | 'refused';

interface RootFeed {
  realRoot: string;
  file: string;
  state: FeedState;
  dirt: DirtyFolders;
  /** The index this feed checked or wrote (keptIndexIdentity) and its folder mtimes. */
  identity?: string;
  dirs?: Record<string, number>;
  /** The index's `scannedAt` when the baseline began. */
  scannedAt?: number;
  mounts?: string;
  /** Baseline progress: the folders left to stat. */
  baseline?: string[];
  lastAsked: number;
  /** Not before this time (waiting, refused). */
  retryAt: number;
}

export interface ChangeFeedOptions {
  /** The most watches to take over all workspaces (default: half of max_user_watches, the rest left to the editor and others). */
  budget?: number;
  /** The kernel's event queue size (default: max_queued_events). */
  queueLimit?: number;
  /** The mount table's text (default: /proc/self/mountinfo). */
  mounts?: () => string | undefined;
  /** Take a watch (default: fs.watch); tests pass their own. */
  watch?: (abs: string, listener: (kind: string, name: string | Buffer | null) => void) => fs.FSWatcher;
  platform?: NodeJS.Platform;
  now?: () => number;
}

/** The feed's counters, for tests and the bench. */
export interface FeedStatus {
  state: FeedState | 'none';
  folders: number;
  liveWatches: number;
  retiredWatches: number;
  pending: number;
}

export class WorkspaceFeeds implements IndexChangeFeed {
  private readonly roots = new Map<string, RootFeed>();
  private readonly budget: number;
  private readonly threshold: number;
  private readonly mountsNow: () => string | undefined;
  private readonly platform: NodeJS.Platform;
  private readonly now: () => number;
  private watchCount = 0;
  private turnEvents = 0;
  /** An overflow may have happened: nothing is believed until every watch is closed and taken again. */
  private overflowed = false;
  /** Watches were closed since the queue was last drained (settle clears it and marks every folder dirty). */
  private closedSinceDrain = false;
  private retryMs = FEED_RETRY_MS;
  private scheduled = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Events delivered, overflows and restarts seen (for tests and the bench). */
  readonly counts = { events: 0, overflows: 0, errors: 0 };

  constructor(private readonly options: ChangeFeedOptions = {}) {
    const limit = (file: string, fallback: number): number => {
      const n = Number(readText(file)?.trim());
      return Number.isInteger(n) && n > 0 ? n : fallback;
    };
    this.budget = options.budget ?? Math.floor(limit('/proc/sys/fs/inotify/max_user_watches', 8192) / 2);
    this.threshold = Math.max(1, Math.floor((options.queueLimit ?? limit('/proc/sys/fs/inotify/max_queued_events', 16384)) / 2));
    this.mountsNow = options.mounts ?? (() => readText('/proc/self/mountinfo'));
    this.platform = options.platform ?? process.platform;
    this.now = options.now ?? Date.now;
  }

  /** Watches open now (live and retired, every workspace). */
  get watches(): number {
    return this.watchCount;
  }

  status(realRoot: string): FeedStatus {
    const r = this.roots.get(realRoot);
    if (!r) return { state: 'none', folders: 0, liveWatches: 0, retiredWatches: 0, pending: 0 };
    return { state: r.state, folders: r.dirt.size, liveWatches: r.dirt.liveWatches, retiredWatches: r.dirt.retiredWatches, pending: r.dirt.pending };
  }

  check(realRoot: string, file: string, index: CredentialCacheFile, scope: string): FeedCheck | undefined {
    if (this.platform !== 'linux') return undefined;
    const now = this.now();
    let r = this.roots.get(realRoot);
    if (!r) {
      r = { realRoot, file, state: 'starting', dirt: this.newDirt(realRoot), lastAsked: now, retryAt: 0 };
      this.roots.set(realRoot, r);
      this.armIdle();
      this.schedule();
      return undefined;
    }
    r.lastAsked = now;
    if ((r.state === 'waiting' || r.state === 'refused') && now >= r.retryAt) {
      r.state = 'starting';
      this.schedule();
    }
    if (r.state !== 'live' || this.overflowed || this.closedSinceDrain || !r.dirs) return undefined;
    if (this.mountsNow() !== r.mounts) {
      // Something was mounted or unmounted: checked again from the start (and refused if it is not local).
      this.restart(r);
      return undefined;
    }
    if (keptIndexIdentity(file, index) !== r.identity) {
      // Another writer's index: every folder is checked against it once more, in the background.
      this.restart(r);
      return undefined;
    }
    const { folders, relist, names } = r.dirt.take(scope);
    const dirs = r.dirs;
    let settled = false;
    const once = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
    };
    return {
      folders,
      relist,
      names,
      dirs,
      unchanged: (changes) =>
        once(() => {
          r.dirt.change(changes.added, changes.gone);
          if (changes.added.length > 0) this.schedule();
        }),
      wrote: (identity, newDirs, changes) =>
        once(() => {
          r.identity = identity;
          r.dirs = newDirs;
          r.dirt.change(changes.added, changes.gone);
          this.schedule();
        }),
      failed: () =>
        once(() => {
          r.dirt.markAllDirty();
          this.restart(r);
        }),
    };
  }

  /**
   * Resolves after the event loop has polled at least once: every event the kernel queued before
   * this call has then been applied (the server calls it before each decision).
   */
  settle(): Promise<void> {
    if (this.roots.size === 0 && !this.closedSinceDrain) return Promise.resolve();
    return new Promise((resolve) =>
      setImmediate(() =>
        setImmediate(() => {
          if (this.closedSinceDrain) {
            // Whatever the closing made the kernel drop was before this drain: checking every folder again covers it.
            this.closedSinceDrain = false;
            for (const r of this.roots.values()) r.dirt.markAllDirty();
          }
          resolve();
        }),
      ),
    );
  }

  /** Close every watch (the server stopping; tests). */
  close(): void {
    for (const r of this.roots.values()) this.closeRoot(r);
    this.roots.clear();
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = undefined;
  }

  private newDirt(realRoot: string): DirtyFolders {
    const dirt: DirtyFolders = new DirtyFolders((rel) => this.addWatch(realRoot, dirt, rel), path.basename(realRoot));
    return dirt;
  }

  private addWatch(realRoot: string, dirt: DirtyFolders, rel: string): FolderWatch | 'limit' | 'refused' {
    if (this.watchCount >= this.budget) return 'limit';
    const abs = rel === '' ? realRoot : path.join(realRoot, rel);
    // The watcher is its own FolderWatch, and the listener finds it as `this`: no object per watch beyond Node's own.
    const deliver = this.deliver;
    const listener = function (this: fs.FSWatcher, kind: string, name: string | Buffer | null): void {
      deliver(dirt, rel, this, kind, name);
    };
    let w: fs.FSWatcher;
    try {
      w = this.options.watch ? this.options.watch(abs, listener) : fs.watch(abs, { persistent: false }, listener);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOSPC' || code === 'EMFILE' || code === 'ENFILE' || code === 'ENOMEM' ? 'limit' : 'refused';
    }
    w.on('error', this.onError);
    this.watchCount++;
    return w;
  }

  private readonly onError = (): void => this.lose('error');

  private readonly deliver = (dirt: DirtyFolders, rel: string, from: FolderWatch, kind: string, name: string | Buffer | null): void => this.onEvent(dirt, rel, from, kind, name);

  private onEvent(dirt: DirtyFolders, rel: string, from: FolderWatch, kind: string, name: string | Buffer | null): void {
    this.counts.events++;
    if (this.turnEvents++ === 0) setImmediate(() => this.endTurn());
    // Set at once, not at the end of the turn: a decision may start before that.
    if (this.turnEvents >= this.threshold) this.overflowed = true;
    dirt.event(rel, from, kind === 'change' ? 'change' : 'rename', name === null ? null : String(name));
  }

  private endTurn(): void {
    this.turnEvents = 0;
    if (this.overflowed) this.lose('overflow');
  }

  /** An overflow or an error: every watch closed, every workspace started again after a pause. */
  private lose(why: 'overflow' | 'error'): void {
    this.overflowed = true;
    if (why === 'overflow') this.counts.overflows++;
    else this.counts.errors++;
    setImmediate(() => {
      if (!this.overflowed) return;
      for (const r of this.roots.values()) {
        this.closeRoot(r);
        r.state = 'waiting';
        r.retryAt = this.now() + this.retryMs;
      }
      this.retryMs = Math.min(this.retryMs * 2, 10 * 60 * 1000);
      this.overflowed = false;
    });
  }

  private closeRoot(r: RootFeed): void {
    const n = r.dirt.closeAll();
    this.watchCount -= n;
    if (n > 0) this.closedSinceDrain = true;
    r.identity = undefined;
    r.dirs = undefined;
    r.baseline = undefined;
  }

  /** Check every folder against the index on disk again (its watches kept), in the background. */
  private restart(r: RootFeed): void {
    r.state = 'starting';
    r.identity = undefined;
    r.dirs = undefined;
    r.baseline = undefined;
    this.schedule();
  }

  private armIdle(): void {
    if (this.idleTimer) return;
    this.idleTimer = setInterval(() => {
      const now = this.now();
      for (const r of this.roots.values()) {
        if (now - r.lastAsked < FEED_IDLE_MS) continue;
        this.closeRoot(r);
        this.roots.delete(r.realRoot);
      }
      if (this.roots.size === 0 && this.idleTimer) {
        clearInterval(this.idleTimer);
        this.idleTimer = undefined;
      }
    }, 60_000);
    this.idleTimer.unref();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      let more = false;
      for (const r of this.roots.values()) more = this.step(r) || more;
      if (more) this.schedule();
    });
  }

  /** One chunk of background work for `r`; true when more is to do. */
  private step(r: RootFeed): boolean {
    if (this.overflowed) return false;
    switch (r.state) {
      case 'starting': {
        const mounts = this.mountsNow();
        if (mounts === undefined || !mountsAllowFeed(mounts, r.realRoot)) {
          this.closeRoot(r);
          r.state = 'refused';
          r.retryAt = this.now() + 60_000;
          return false;
        }
        const index = readCredentialCache(r.file, r.realRoot);
        const identity = index ? keptIndexIdentity(r.file, index) : undefined;
        if (!index || index.truncated || identity === undefined) {
          r.state = 'waiting';
          r.retryAt = this.now() + FEED_RETRY_MS;
          return false;
        }
        r.mounts = mounts;
        r.identity = identity;
        r.dirs = index.dirs;
        r.scannedAt = index.scannedAt;
        r.dirt.track(Object.keys(index.dirs));
        r.dirt.markAllDirty();
        r.state = 'watching';
        return true;
      }
      case 'watching':
        if (r.dirt.watchSome(WATCH_CHUNK) > 0) return true;
        r.state = 'baseline';
        r.baseline = Object.keys(r.dirs ?? {});
        return true;
      case 'baseline': {
        const dirs = r.dirs;
        const left = r.baseline;
        if (!dirs || !left) return (r.state = 'starting'), true;
        // Every watch is in place before its folder is stat'ed: a change after the stat sends an event.
        for (let i = 0; i < BASELINE_CHUNK && left.length > 0; i++) {
          const rel = left.pop() as string;
          if (!r.dirt.isWatched(rel)) continue;
          let mtime: number | undefined;
          try {
            mtime = fs.statSync(rel === '' ? r.realRoot : path.join(r.realRoot, rel)).mtimeMs;
          } catch {
            mtime = undefined;
          }
          // A folder changed within RACY_MS of the index's write may have changed again within the same tick
          // of the file system's clock after the index read it (as git's "racily clean"): listed again.
          if (mtime !== undefined && mtime === dirs[rel]) {
            if (mtime < (r.scannedAt ?? 0) - RACY_MS) r.dirt.clean(rel);
            else r.dirt.mustRelist(rel);
          }
        }
        if (left.length > 0) return true;
        r.baseline = undefined;
        // Live only if the index is still the one checked, and nothing was mounted meanwhile.
        const now = readCredentialFiles(r.file, r.realRoot);
        if (!now || keptIndexIdentity(r.file, now) !== r.identity || this.mountsNow() !== r.mounts) return (r.state = 'starting'), true;
        r.state = 'live';
        this.retryMs = FEED_RETRY_MS;
        return false;
      }
      case 'live':
        // Retired watches (folders renamed away) pile up with churn: past a point, all closed and taken again.
        if (r.dirt.retiredWatches > Math.max(1000, r.dirt.liveWatches / 2)) {
          this.closeRoot(r);
          r.state = 'starting';
          return true;
        }
        // Folders added by a refresh: their watches are taken here rather than during a question.
        return r.dirt.watchSome(WATCH_CHUNK) > 0;
      default:
        return false;
    }
  }
}
