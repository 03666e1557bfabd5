import type { PathEffect } from '../../policy/effects';
import type { Facts, FileIdentity, Finding } from '../../policy/types';
import { pathsLedTo } from './linkTargets';
import { knownPlaces, type PerimeterView } from './protectedPaths';

/**
 * A write through a hard link (stop 36, red team rounds 24 and 25): `echo '{}' > scratch/hl`, `dd of=scratch/hl`,
 * `fs.writeFileSync('scratch/hl')`, where `scratch/hl` and `.cursor/hooks.json` are two names of one file.
 * The symbolic-link facts (`realPath`) see nothing: a hard link is a name like any other. An existing regular
 * file with more than one name that a write opens (a redirect, a truncation, an in-place edit, a mode change;
 * not a read, a delete, a move or a new link, which act on the name only) is compared, by device and inode, with the protected files
 * the perimeter knows (`knownPlaces`, and the files in the guard home and the protected hook folders). The
 * same file is that protected file; a protected file that cannot be compared (its stat fails) leaves the
 * answer unknown, and the caller asks. One stat per named path and decision (memoised facts); nothing walks.
 */

/** Protected folders whose files are compared one by one (listed, not walked): the guard home and the hook folders. */
const LISTED_FOLDERS = /(\/\.blast-shield|\/\.blast-shield\/(ipc|bin)|\/\.(github|clinerules|copilot|kiro)\/hooks)$/;
const MAX_LISTED = 64;

/** What a path shares its file with: the protected file's path, `unknown` when some protected file could not be compared, or undefined. */
export type HardLinkTwin = { path: string } | 'unknown' | undefined;

const sameFile = (a: FileIdentity | undefined, b: FileIdentity | undefined): boolean =>
  a !== undefined && b !== undefined && a.kind === 'file' && b.kind === 'file' && a.device === b.device && a.inode === b.inode;

function candidates(view: PerimeterView, cwd: string, facts: Facts): string[] {
  const out: string[] = [];
  const list = (folder: string): void => {
    for (const name of (facts.listDir(folder) ?? []).slice(0, MAX_LISTED)) out.push(`${folder}/${name}`);
  };
  for (const place of knownPlaces(view, cwd)) {
    out.push(place);
    if (!LISTED_FOLDERS.test(place) && !view.guardHomes.includes(place)) continue;
    if (facts.fileIdentity!(place)?.kind !== 'directory') continue;
    list(place);
    if (view.guardHomes.includes(place)) for (const sub of ['ipc', 'bin']) list(`${place}/${sub}`);
  }
  return out;
}

/** The protected file `abs` is another name of, when an effect of `kind` reaches the file's content through it. */
export function hardLinkTwin(abs: string, kind: PathEffect['kind'], facts: Facts, view: PerimeterView, cwd: string): HardLinkTwin {
  // Only a write opens the file's content: reads, deletes, moves and new links act on the name (and a stat per read would spend the decision's budget).
  if (!facts.fileIdentity || kind !== 'write') return undefined;
  const target = facts.fileIdentity(abs);
  if (target?.kind !== 'file' || target.links < 2) return undefined;
  let unknown = false;
  for (const place of candidates(view, cwd, facts)) {
    if (place === abs) continue;
    const id = facts.fileIdentity(place);
    if (id === undefined) unknown = true;
    else if (sameFile(target, id)) return { path: place };
  }
  return unknown ? 'unknown' : undefined;
}

/**
 * The places a path effect reaches: where the path is named, where a symbolic link on the way leads
 * (`pathsLedTo`), and the protected file it is a hard link of. A multiply-linked file that cannot be
 * compared with every protected file adds an ask to `findings`.
 */
export function reachedPaths(abs: string, kind: PathEffect['kind'], facts: Facts, followLast: boolean, view: PerimeterView, cwd: string, findings: Finding[]): readonly string[] {
  const led = pathsLedTo(abs, kind, facts, followLast);
  const twin = hardLinkTwin(abs, kind, facts, view, cwd);
  if (twin === 'unknown') findings.push(unknownTwin(abs));
  return twin === undefined || twin === 'unknown' || led.includes(twin.path) ? led : [...led, twin.path];
}

/** The ask for a file with other names that could not all be compared with the protected files. */
export function unknownTwin(abs: string): Finding {
  return {
    rule: 'self-protection.hard-link-unknown',
    risk: 'self-protection',
    severity: 'ask',
    reason: `${abs} has other names (hard links), and not every protected file could be checked for being the same file: a write through it may change a hook configuration or the guard's own files, so it needs confirmation.`,
    targets: [{ kind: 'path', name: abs, provider: 'filesystem', remote: false, environment: 'local', environmentReason: 'this machine' }],
  };
}
