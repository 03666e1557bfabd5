/**
 * The bookkeeping of a change feed over one workspace's indexed folders (no file-system calls: the
 * watches are made by the `AddWatch` given, see changeFeed.ts). Every folder of the index is in one
 * of three states:
 *
 * - **clean**: watched, checked (stat'ed against the index) after its watch was in place, and no event
 *   came from it since. Its listing is the one the index holds: it needs no check.
 * - **dirty**: watched, with an event since its last check (or never checked since its watch began).
 * - **unwatched**: no live watch (none taken yet, refused, over the budget, or its watch was retired
 *   because the folder or one above it was renamed or replaced). Checked at every question.
 *
 * `take(scope)` hands out the folders under `scope` that need a check (dirty and unwatched), taking
 * watches for unwatched ones first; the caller must then stat them (and bring the index up to date for
 * those that differ), or call `markAllDirty()` if it could not. A folder whose listing is known to
 * have changed (a rename-kind event in it, or its watch retired) is in `relist`: it is listed again
 * whatever its mtime says (two changes within one tick of the file system's clock leave it equal). A rename-kind event for a name in a
 * folder retires the watches of every indexed folder at and under that name: a watch follows its
 * folder's inode, so after a move it no longer speaks for the path. Retired watches are not closed
 * here: the caller keeps them open (their events still count, see changeFeed.ts) until it closes all.
 */

export interface FolderWatch {
  close(): void;
}

/** Take a watch on a folder: 'limit' when no more may be taken (budget or the system's limit), 'refused' when this folder cannot be watched. */
export type AddWatch = (rel: string) => FolderWatch | 'limit' | 'refused';

export type FeedEventKind = 'rename' | 'change';

/** More names than this in one folder between two checks: every file there is scanned again. */
export const MAX_NAMES = 64;

function parentOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

function baseOf(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}

export function withinScope(scope: string, rel: string): boolean {
  return scope === '' || rel === scope || rel.startsWith(scope + '/');
}

export class DirtyFolders {
  /** Every folder of the index. */
  private readonly tracked = new Set<string>();
  /** Folder -> its tracked children (every tracked folder is linked from its parent, tracked or not). */
  private readonly children = new Map<string, string[]>();
  private readonly live = new Map<string, FolderWatch>();
  private readonly retired: FolderWatch[] = [];
  private readonly dirty = new Set<string>();
  /** Folders to list again at their next check, whatever their mtime. */
  private readonly relist = new Set<string>();
  /**
   * The entry names the events of a dirty folder carried since its last check, or 'all' (too many, an
   * event with no name, the folder itself): a re-listing scans only the files named.
   */
  private readonly names = new Map<string, Set<string> | 'all'>();
  private readonly unwatched = new Set<string>();
  /** Unwatched folders not to try again (refused, or taken when the limit was reached): still checked every time. */
  private readonly refused = new Set<string>();
  private limitReached = false;

  constructor(
    private readonly addWatch: AddWatch,
    /** The root's own name (its basename): an event naming it on the root may be the root itself moving. */
    private readonly rootName: string,
  ) {}

  /** Watches taken and not closed (live and retired). */
  get watches(): number {
    return this.live.size + this.retired.length;
  }

  get liveWatches(): number {
    return this.live.size;
  }

  get retiredWatches(): number {
    return this.retired.length;
  }

  get size(): number {
    return this.tracked.size;
  }

  /** Folders that would be checked by a question about the whole workspace now. */
  get pending(): number {
    return this.dirty.size + this.unwatched.size;
  }

  isClean(rel: string): boolean {
    return this.tracked.has(rel) && this.live.has(rel) && !this.dirty.has(rel);
  }

  isWatched(rel: string): boolean {
    return this.live.has(rel);
  }

  /**
   * Make the tracked folders those of `folders` (the index's): new ones are unwatched (a watch is taken
   * for them by `watchSome` or `take`), folders no longer there are dropped and their watches retired.
   */
  track(folders: Iterable<string>): void {
    const next = new Set(folders);
    for (const rel of this.tracked) if (!next.has(rel)) this.untrack(rel);
    for (const rel of next) if (!this.tracked.has(rel)) this.trackOne(rel);
  }

  /** Folders added to and dropped from the index by a refresh (the same as `track` with the whole list, without walking it). */
  change(added: Iterable<string>, gone: Iterable<string>): void {
    for (const rel of gone) if (this.tracked.has(rel)) this.untrack(rel);
    for (const rel of added) if (!this.tracked.has(rel)) this.trackOne(rel);
  }

  private trackOne(rel: string): void {
    this.tracked.add(rel);
    this.unwatched.add(rel);
    if (rel === '') return;
    // Linked up to the root, through folders that are not tracked themselves, so a subtree is found from any name above it.
    for (let child = rel, parent = parentOf(rel); ; child = parent, parent = parentOf(parent)) {
      let list = this.children.get(parent);
      if (!list) this.children.set(parent, (list = []));
      if (list.includes(child)) break;
      list.push(child);
      if (parent === '') break;
    }
  }

  private untrack(rel: string): void {
    this.tracked.delete(rel);
    this.dirty.delete(rel);
    this.relist.delete(rel);
    this.names.delete(rel);
    this.unwatched.delete(rel);
    this.refused.delete(rel);
    this.retire(rel);
  }

  private retire(rel: string): void {
    const w = this.live.get(rel);
    if (!w) return;
    this.live.delete(rel);
    this.retired.push(w);
  }

  private tryWatch(rel: string): boolean {
    if (this.limitReached || this.refused.has(rel)) return false;
    const w = this.addWatch(rel);
    if (w === 'limit') {
      this.limitReached = true;
      return false;
    }
    if (w === 'refused') {
      this.refused.add(rel);
      return false;
    }
    this.live.set(rel, w);
    this.unwatched.delete(rel);
    return true;
  }

  /**
   * Take watches for up to `max` unwatched folders, parents first (in tracking order). A folder
   * watched here is dirty until it is checked. Returns how many unwatched folders could still be tried.
   */
  watchSome(max: number): number {
    let n = 0;
    for (const rel of this.unwatched) {
      if (n >= max || this.limitReached) break;
      if (this.refused.has(rel)) continue;
      n++;
      if (this.tryWatch(rel)) this.dirty.add(rel);
    }
    if (this.limitReached) return 0;
    let left = 0;
    for (const rel of this.unwatched) if (!this.refused.has(rel)) left++;
    return left;
  }

  /** A check found the folder as the index holds it, with its watch in place before the check. */
  clean(rel: string): void {
    if (this.live.has(rel) && !this.relist.has(rel)) this.dirty.delete(rel);
  }

  /** The folder's listing must be read again at its next check (its mtime cannot be trusted to show a change). */
  mustRelist(rel: string): void {
    if (!this.tracked.has(rel)) return;
    this.relist.add(rel);
    this.names.set(rel, 'all');
    if (this.live.has(rel)) this.dirty.add(rel);
  }

  markAllDirty(): void {
    for (const rel of this.live.keys()) this.dirty.add(rel);
    this.names.clear();
  }

  /**
   * An event from the watch `from` on `rel`. Any event makes the folder dirty. A rename-kind event
   * (an entry created, deleted or moved in or out; the folder itself deleted or moved) retires the
   * watches at and under the name it carries; with no name, or naming the folder itself (how the
   * system reports the watched folder's own deletion or move), everything at and under the folder.
   * Events from a watch that is no longer the live one for `rel` are ignored (returns false).
   */
  event(rel: string, from: FolderWatch, kind: FeedEventKind, name: string | null | undefined): boolean {
    if (this.live.get(rel) !== from) return false;
    const wasDirty = this.dirty.has(rel);
    this.dirty.add(rel);
    this.noteName(rel, name, wasDirty);
    if (kind !== 'rename') return true;
    this.relist.add(rel);
    const own = rel === '' ? this.rootName : baseOf(rel);
    if (!name || name === own || name.includes('/')) this.invalidate(rel);
    if (name && !name.includes('/')) this.invalidate(rel === '' ? name : `${rel}/${name}`);
    return true;
  }

  /**
   * A folder made dirty by something else than an event (a new watch, markAllDirty) has no names
   * (everything may have changed); an event's name is added only to names begun by events.
   */
  private noteName(rel: string, name: string | null | undefined, wasDirty: boolean): void {
    const kept = this.names.get(rel);
    if (wasDirty && kept === undefined) return;
    if (!name || name.includes('/') || name === (rel === '' ? this.rootName : baseOf(rel))) return void this.names.set(rel, 'all');
    if (kept === 'all') return;
    const set = kept ?? new Set<string>();
    if (set.size >= MAX_NAMES) return void this.names.set(rel, 'all');
    set.add(name);
    this.names.set(rel, set);
  }

  /** Every tracked folder at and under `rel` loses its watch and is checked at the next question. */
  invalidate(rel: string): void {
    const stack = [rel];
    for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
      if (this.tracked.has(at)) {
        this.retire(at);
        this.dirty.delete(at);
        this.names.delete(at);
        this.relist.add(at);
        this.unwatched.add(at);
        this.refused.delete(at);
      }
      const kids = this.children.get(at);
      if (kids) stack.push(...kids);
    }
  }

  /**
   * The folders under `scope` to check now: dirty ones, and unwatched ones (a watch is tried first,
   * so the check that follows counts as the first check under it). They are no longer dirty: an
   * event after this call makes them dirty again.
   */
  take(scope: string): { folders: string[]; relist: Set<string>; names: Map<string, Set<string>> } {
    const folders: string[] = [];
    const relist = new Set<string>();
    const names = new Map<string, Set<string>>();
    const add = (rel: string): void => {
      folders.push(rel);
      if (this.relist.delete(rel)) relist.add(rel);
      const n = this.names.get(rel);
      this.names.delete(rel);
      if (n !== undefined && n !== 'all') names.set(rel, n);
    };
    for (const rel of this.dirty) {
      if (!withinScope(scope, rel)) continue;
      add(rel);
      this.dirty.delete(rel);
    }
    // A folder watched here leaves the set as it is visited: a Set's iteration allows that.
    for (const rel of this.unwatched) {
      if (!withinScope(scope, rel)) continue;
      add(rel);
      this.tryWatch(rel);
    }
    return { folders, relist, names };
  }

  /** Close every watch (live and retired); returns how many were closed. Everything is unwatched after. */
  closeAll(): number {
    const all = [...this.live.values(), ...this.retired];
    for (const w of all) {
      try {
        w.close();
      } catch {
        // already closed
      }
    }
    this.live.clear();
    this.retired.length = 0;
    this.dirty.clear();
    this.relist.clear();
    this.names.clear();
    this.refused.clear();
    this.limitReached = false;
    for (const rel of this.tracked) this.unwatched.add(rel);
    return all.length;
  }
}
